"""The long-term half of the robustness matrix, fast (issue 26): wfm's 90-day daily
forecast against the planner's baselines only (seasonal naive, 4- and 8-week weekday
means), over the same grid as matrix.py's "full" (3 seeds × H 4, 6, 9, 11, 14 months ×
anomaly rate × level shifts; the long-term data does not depend on the interval). For
iterating on core/src/forecast/long_term.rs: the data sets are generated once into
--out (about a minute), then every run takes seconds.

    python lt_matrix.py --eval FORECAST_EVAL [--seeds 1,2,3] [--out DIR] [-v]

Any python with numpy and pandas (the project's .venv) runs it; the peers are left out
(matrix.py runs them). Per cell (seeds pooled): wfm's WAPE and bias, each baseline's
WAPE, the ratio of wfm to the best baseline and wfm's P10–P90 coverage (the seeds'
mean); "R" marks a ratio above 0.95, "C" a coverage outside 0.75–0.85. -v adds every
data set and series with the model chosen and the candidates' selection scores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from matrix import ANOMALIES, LT_DAYS, generator, naive, weekly_mean  # noqa: E402

HEADER = ("QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,"
          "AverageHandleTime,ContactsHandled\n")
BASELINES = ("naive", "mean4w", "mean8w")


def make(job):
    """Generates one data set (daily.csv, queues.csv, an empty interval file) and its
    baselines' errors per series (base.json); kept when present."""
    (seed, months, anomaly, shift), out = job
    name = f"s{seed}-h{months}-{anomaly}-{'shift' if shift else 'noshift'}"
    d = os.path.join(out, name)
    if os.path.exists(os.path.join(d, "base.json")):
        return d
    gen = generator()
    for a in gen.ARCHETYPES:
        a["shift_prob"] = 1.0 if shift else 0.0
    outages, spikes = ANOMALIES[anomaly]
    cfg = gen.Config(months=months + 4, interval=30, seed=seed,
                     outages_per_year=outages, spikes_per_year=spikes)
    _iv, daily, queues, _events = gen.generate(cfg)
    cut = pd.Timestamp(cfg.start) + pd.DateOffset(months=months)
    daily = daily[pd.to_datetime(daily["date"]) < cut + pd.Timedelta(days=LT_DAYS)]
    os.makedirs(d, exist_ok=True)
    gen.to_schema(daily, "daily").to_csv(os.path.join(d, "daily.csv"), index=False)
    queues.to_csv(os.path.join(d, "queues.csv"), index=False)
    with open(os.path.join(d, "intervals_30min.csv"), "w") as f:
        f.write(HEADER)  # forecast_eval --lt-only reads no intervals, but wants the file
    base = {}
    for (q, ch), g in daily.groupby(["QueueId", "ChannelType"], sort=True):
        v = g["vol"].to_numpy(float)
        y, a = v[:-LT_DAYS], v[-LT_DAYS:]
        fc = {"naive": naive(y, LT_DAYS, 7), "mean4w": weekly_mean(y, LT_DAYS, 7, 4),
              "mean8w": weekly_mean(y, LT_DAYS, 7, 8)}
        base[f"{q}|{ch}"] = {m: [float(np.abs(np.clip(f, 0, None) - a).sum()), float(a.sum()),
                                 float((np.clip(f, 0, None) - a).sum())] for m, f in fc.items()}
    with open(os.path.join(d, "base.json"), "w") as f:
        json.dump(base, f)
    return d


def evaluate(eval_bin, d):
    """wfm's pooled WAPE, bias and coverage of one data set, and its per-series lines."""
    out = subprocess.run([eval_bin, d, "--lt-only"], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"long-term.*?volume WAPE\s+([-0-9.]+).*?volume bias\s+([-+0-9.]+)"
                  r".*?coverage\s+([0-9.]+)", out, re.S)
    lines = re.findall(r"^\s+LT (\S+) (\S+)\s+(\S+)\s+wape ([0-9.]+)\s+\[(.*)\]", out, re.M)
    return d, float(m.group(1)), float(m.group(2)), float(m.group(3)), lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", required=True, help="the forecast_eval binary")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "wfm-lt-matrix"))
    ap.add_argument("-v", action="store_true", help="every data set and series")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    cells = list(itertools.product(seeds, [4, 6, 9, 11, 14], ["normal", "high"], [False, True]))
    with ProcessPoolExecutor(2) as ex:
        dirs = list(ex.map(make, [(c, a.out) for c in cells]))
    with ThreadPoolExecutor(2) as ex:
        results = list(ex.map(lambda d: evaluate(a.eval, d), dirs))
    by_cell = {}
    for d, wape, bias, cov, lines in results:
        with open(os.path.join(d, "base.json")) as f:
            base = json.load(f)
        _seed, h, anomaly, shift = os.path.basename(d).split("-")
        act = sum(v["naive"][1] for v in base.values())
        e = by_cell.setdefault((int(h[1:]), anomaly, shift),
                               {"wfm": [0.0, 0.0, 0.0], "cov": [], **{b: [0.0, 0.0, 0.0] for b in BASELINES}})
        e["wfm"] = [e["wfm"][0] + wape * act, e["wfm"][1] + act, e["wfm"][2] + bias * act]
        e["cov"].append(cov)
        for b in BASELINES:
            for v in base.values():
                e[b] = [x + y for x, y in zip(e[b], v[b])]
        if a.v:
            bw = {b: sum(v[b][0] for v in base.values()) / act for b in BASELINES}
            print(f"{os.path.basename(d):24} wfm {wape:.3f} cov {cov:.3f} ratio {wape / min(bw.values()):.2f} | "
                  + " ".join(f"{b} {x:.3f}" for b, x in bw.items()))
            for q, ch, model, w, scores in lines:
                bq = base[f"{q}|{ch}"]
                best = min(bq[b][0] / bq[b][1] for b in BASELINES)
                print(f"    {q} {ch:5} {model:44} {float(w):.3f} (best baseline {best:.3f})  {scores}")
    print("| H | anomalies | shift | wfm WAPE / bias | naive | mean4w | mean8w | wfm/best base | wfm cov |")
    print("|---|---|---|---|---|---|---|---|---|")
    ratios, misses = [], []
    for k in sorted(by_cell):
        e = by_cell[k]
        w, bias = e["wfm"][0] / e["wfm"][1], e["wfm"][2] / e["wfm"][1]
        bw = {b: e[b][0] / e[b][1] for b in BASELINES}
        r, cov = w / min(bw.values()), float(np.mean(e["cov"]))
        ratios.append(r)
        flag = ("R" if r > 0.95 else "") + ("C" if not 0.75 <= cov <= 0.85 else "")
        if flag:
            misses.append(f"H{k[0]} {k[1]} {k[2]} ({flag})")
        print(f"| {k[0]} | {k[1]} | {k[2]} | {w:.3f} / {bias:+.3f} | "
              + " | ".join(f"{bw[b]:.3f}" for b in BASELINES) + f" | {r:.3f} | {cov:.3f} |")
    print(f"\nratio max {max(ratios):.3f}, mean {np.mean(ratios):.3f}; misses: {', '.join(misses) or 'none'}")


if __name__ == "__main__":
    main()
