"""The forecast robustness matrix (issue 26): wfm against the planner's baselines and two
library peers on the shared generator's data over a grid of seeds, history lengths,
interval lengths, anomaly rates, level shifts and zones given or not, in one run.

    python matrix.py --eval FORECAST_EVAL [--grid small|medium|full] [--jobs 2] [--out DIR]

Run it with a python that has numpy, pandas, augurs and statsforecast (run_matrix.sh
makes that venv). Every data set is generated in memory by
../shared/tools/gen_contact_history.py (`generate(Config)`, level shifts switched on or
off through the archetypes' `shift_prob`), for the history length H plus 4 months; the
split of a cell:

* short-term: train on the first H months of intervals (wfm: all of them; augurs: at most
  the last 26 weeks, as in the peer table), forecast the next 28 days;
* long-term: train on the first H months of daily totals (local days), forecast the next
  90 days.

Methods: wfm (core/examples/forecast_eval, no holidays given; with the queues' zones or
every queue in UTC), seasonal naive (the last week repeated), the 4-week mean (the same
slot of the week / weekday over the last 4 weeks), the 8-week weekday mean (long-term
only), augurs MSTL(day, week) on intervals and MSTL(7) on days, statsforecast AutoETS
(season 7) on days (short-term: AutoETS of the daily totals spread over the day by the
last 4 weeks' slot shares, since AutoETS takes no season above 24). Forecasts clipped at
0. A cell pools its seeds: WAPE = Σ|f − a| / Σa, bias = Σ(f − a) / Σa; wfm's P10–P90
coverage is the seeds' mean. The ratio column divides wfm's WAPE by the best baseline's
(seasonal naive, 4-week mean, and long-term the 8-week weekday mean).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import re
import subprocess
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.environ.get("GEN", "/work/shared/tools/gen_contact_history.py")

GRIDS = {
    # seeds, history months, intervals, anomaly rates, level shifts
    "small": ([1], [4, 9, 14], [15], ["normal"], [False, True]),
    "medium": ([1], [4, 6, 9, 11, 14], [15, 30], ["normal", "high"], [False, True]),
    "full": ([1, 2, 3], [4, 6, 9, 11, 14], [15, 30], ["normal", "high"], [False, True]),
}
# outages per year per series, incident spikes per year per queue
ANOMALIES = {"normal": (3.0, 4.0), "high": (12.0, 16.0)}
ST_DAYS, LT_DAYS, PEER_WEEKS = 28, 90, 26


def generator():
    spec = importlib.util.spec_from_file_location("gen_contact_history", GEN)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look themselves up there
    spec.loader.exec_module(mod)
    return mod


# ---- the baselines and peers: each returns the forecast of h steps --------------------


def naive(y, h, season):
    return np.resize(y[-season:], h)


def weekly_mean(y, h, season, weeks):
    k = min(weeks, len(y) // season)
    return np.resize(y[-k * season:].reshape(k, season).mean(axis=0), h)


def augurs_mstl(y, h, seasons):
    import augurs as aug

    m = aug.MSTL.ets(seasons)
    m.fit(y.astype(float))
    return np.asarray(m.predict(h, level=0.8).point())


def autoets(y, h, season=7):
    from statsforecast.models import AutoETS

    return np.asarray(AutoETS(season_length=season).forecast(y=y.astype(float), h=h)["mean"])


def autoets_intervals(y, h, spd):
    """AutoETS(7) of the daily totals × the last 4 weeks' share of each slot of the week."""
    days = y[: len(y) // spd * spd].reshape(-1, spd).sum(axis=1)
    fd = np.clip(autoets(days, h // spd), 0, None)
    week = 7 * spd
    k = min(4, len(y) // week)
    slots = y[-k * week:].reshape(k, 7, spd).sum(axis=0)
    share = np.where(slots.sum(axis=1, keepdims=True) > 0,
                     slots / np.maximum(slots.sum(axis=1, keepdims=True), 1e-9), 0.0)
    # the k weeks end where the forecast starts: forecast day d is their day d % 7
    out = np.empty(h)
    for d in range(h // spd):
        out[d * spd:(d + 1) * spd] = fd[d] * share[d % 7]
    return out


# ---- one data set ----------------------------------------------------------------------


def wfm(eval_bin, d):
    """wfm's pooled ST and LT WAPE, bias, coverage from forecast_eval's output."""
    out = subprocess.run([eval_bin, d, "--st-weeks", "1000", "--no-speed"], check=True,
                         capture_output=True, text=True).stdout
    num = lambda label: [float(x) for x in re.findall(rf"{label}\s+([-+0-9.]+)", out)]  # noqa: E731
    w, b, c = num("volume WAPE"), num("volume bias"), num(r"P10–P90 coverage")
    models = re.findall(r"^\s+(ST|LT) \S+ \S+\s+(\S+)", out, re.M)
    return dict(st=(w[0], b[0], c[0]), lt=(w[1], b[1], c[1]), models=models)


def series_arrays(df, value="vol"):
    out = {}
    for key, g in df.groupby(["QueueId", "ChannelType"], sort=True):
        out[key] = g[value].to_numpy(float)
    return out


def run_dataset(job):
    (seed, months, interval, anomaly, shift), eval_bin, root = job
    t0 = time.time()
    gen = generator()
    for a in gen.ARCHETYPES:
        a["shift_prob"] = 1.0 if shift else 0.0
    outages, spikes = ANOMALIES[anomaly]
    cfg = gen.Config(months=months + 4, interval=interval, seed=seed,
                     outages_per_year=outages, spikes_per_year=spikes)
    iv, daily, queues, _events = gen.generate(cfg)
    cut = pd.Timestamp(cfg.start, tz="UTC") + pd.DateOffset(months=months)
    iv = iv[iv["ts"] < cut + pd.Timedelta(days=ST_DAYS)]
    dates = pd.to_datetime(daily["date"])
    daily = daily[dates < cut.tz_localize(None) + pd.Timedelta(days=LT_DAYS)]
    name = f"s{seed}-h{months}-{interval}min-{anomaly}-{'shift' if shift else 'noshift'}"
    res = dict(cell=(months, interval, anomaly, shift), seed=seed, name=name)
    # wfm with and without the zones
    base = os.path.join(root, name)
    for zones in (True, False):
        d = os.path.join(base, "zones" if zones else "utc")
        os.makedirs(d, exist_ok=True)
        for f in (f"intervals_{interval}min.csv", "daily.csv"):
            if zones:
                data = iv if f != "daily.csv" else daily
                kind = f"{interval}mins" if f != "daily.csv" else "daily"
                gen.to_schema(data, kind).to_csv(os.path.join(d, f), index=False)
            elif not os.path.exists(os.path.join(d, f)):
                os.symlink(os.path.join(base, "zones", f), os.path.join(d, f))
        q = queues.copy()
        if not zones:
            q["TimeZone"] = "UTC"
        q.to_csv(os.path.join(d, "queues.csv"), index=False)
        r = wfm(eval_bin, d)
        res["wfm" if zones else "wfm_utc"] = r
    # the baselines and peers, per series
    spd = 24 * 60 // interval
    week = 7 * spd
    st, lt = {}, {}

    def add(acc, method, f, a):
        f = np.clip(np.nan_to_num(np.asarray(f, float)), 0, None)
        e = acc.setdefault(method, [0.0, 0.0, 0.0])
        e[0] += float(np.abs(f - a).sum())
        e[1] += float(a.sum())
        e[2] += float((f - a).sum())

    h = ST_DAYS * spd
    for key, v in series_arrays(iv).items():
        y, a = v[:-h], v[-h:]
        add(st, "naive", naive(y, h, week), a)
        add(st, "mean4w", weekly_mean(y, h, week, 4), a)
        add(st, "augurs_mstl", augurs_mstl(y[-PEER_WEEKS * week:], h, [spd, week]), a)
        add(st, "autoets", autoets_intervals(y, h, spd), a)
    for key, v in series_arrays(daily).items():
        y, a = v[:-LT_DAYS], v[-LT_DAYS:]
        add(lt, "naive", naive(y, LT_DAYS, 7), a)
        add(lt, "mean4w", weekly_mean(y, LT_DAYS, 7, 4), a)
        add(lt, "mean8w", weekly_mean(y, LT_DAYS, 7, 8), a)
        add(lt, "augurs_mstl", augurs_mstl(y, LT_DAYS, [7]), a)
        add(lt, "autoets", autoets(y, LT_DAYS), a)
    res["st"], res["lt"] = st, lt
    res["seconds"] = time.time() - t0
    return res


# ---- the table --------------------------------------------------------------------------

BASELINES = {"st": ("naive", "mean4w"), "lt": ("naive", "mean4w", "mean8w")}
PEERS = ("augurs_mstl", "autoets")


def pooled(results, horizon):
    """{method: (wape, bias)} and wfm's coverage of one cell's seeds."""
    sums = {}
    cov = {"wfm": [], "wfm_utc": []}
    for r in results:
        act = sum(v[1] for v in r[horizon].values()) / len(r[horizon])
        for m, (e, a, s) in r[horizon].items():
            x = sums.setdefault(m, [0.0, 0.0, 0.0])
            x[0] += e
            x[1] += a
            x[2] += s
        for w in ("wfm", "wfm_utc"):
            wape, bias, c = r[w][horizon]
            x = sums.setdefault(w, [0.0, 0.0, 0.0])
            x[0] += wape * act
            x[1] += act
            x[2] += bias * act
            cov[w].append(c)
    out = {m: (e / a, s / a) for m, (e, a, s) in sums.items()}
    return out, {w: float(np.mean(c)) for w, c in cov.items()}


def table(by_cell, horizon):
    methods = ["wfm", "wfm_utc", *BASELINES[horizon], *PEERS]
    head = ["H", "min", "anomalies", "shift"] + [f"{m} WAPE / bias" for m in methods]
    head += ["wfm cov", "wfm/best base", "wfm UTC/best base"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    misses = []
    for cell in sorted(by_cell):
        p, cov = pooled(by_cell[cell], horizon)
        best = min(p[b][0] for b in BASELINES[horizon])
        row = [str(cell[0]), str(cell[1]), cell[2], "yes" if cell[3] else "no"]
        row += [f"{p[m][0]:.3f} / {p[m][1]:+.3f}" for m in methods]
        r1, r2 = p["wfm"][0] / best, p["wfm_utc"][0] / best
        row += [f"{cov['wfm']:.3f}", f"{r1:.2f}", f"{r2:.2f}"]
        lines.append("| " + " | ".join(row) + " |")
        if r1 > 0.95 or not 0.75 <= cov["wfm"] <= 0.85:
            misses.append((cell, r1, cov["wfm"]))
    return "\n".join(lines), misses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", required=True, help="the forecast_eval binary")
    ap.add_argument("--grid", choices=sorted(GRIDS), default="small")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "wfm-fc-matrix"))
    ap.add_argument("--json", help="also write every data set's result to this file")
    a = ap.parse_args()
    seeds, lengths, intervals, anomalies, shifts = GRIDS[a.grid]
    cells = list(itertools.product(seeds, lengths, intervals, anomalies, shifts))
    jobs = [(c, a.eval, a.out) for c in cells]
    t0 = time.time()
    results = []
    with ProcessPoolExecutor(max_workers=a.jobs) as ex:
        for r in ex.map(run_dataset, jobs):
            results.append(r)
            print(f"{r['name']}: {r['seconds']:.0f}s", file=sys.stderr)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)
    by_cell = {}
    for r in results:
        by_cell.setdefault(tuple(r["cell"]), []).append(r)
    print(f"grid {a.grid}: {len(cells)} data sets ({len(seeds)} seeds × {len(by_cell)} cells), "
          f"{time.time() - t0:.0f} s with {a.jobs} jobs\n")
    for horizon, title in (("st", "Short-term: 28 days of intervals"),
                           ("lt", "Long-term: 90 days of daily totals")):
        t, misses = table(by_cell, horizon)
        print(f"### {title}\n\n{t}\n")
        if misses:
            print("cells missing wfm ≤ 0.95 × best baseline or coverage 0.75–0.85: " +
                  "; ".join(f"H{c[0]} {c[1]}min {c[2]} shift={c[3]}: ratio {r:.2f}, cov {v:.3f}"
                            for c, r, v in misses) + "\n")


if __name__ == "__main__":
    main()
