"""Runs wfm (core/examples/forecast_eval) and the peers (peers.py) on generated data sets,
at most `--jobs` processes at a time, and prints one table per data set with the ratio
of wfm to the best peer per column. Called by run.sh; needs only the standard library.

    python compare.py --eval PATH/forecast_eval --peer-python PY [--quick] [--jobs 2] DIR...
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = ["naive", "mean4w", "augurs_mstl", "sf_mstl", "prophet"]
SLOW = {"sf_mstl", "prophet"}
NAMES = {
    "wfm": "wfm",
    "wfm_ph": "wfm + built-in public holidays",
    "truth": "*noise-free truth (not a forecast)*",
    "naive": "seasonal naive (last week)",
    "mean4w": "4-week slot mean",
    "augurs_mstl": "augurs MSTL (day, week) / MSTL(7)",
    "sf_mstl": "statsforecast MSTL (day, week) / AutoETS(7)",
    "prophet": "prophet + country holidays",
}
COLS = [
    ("wape", "WAPE"),
    ("day_wape", "DayWAPE"),
    ("aht_wape", "AHT WAPE"),
    ("lt_wape", "LT90 WAPE"),
    ("bias", "bias"),
    ("coverage", "P10–P90 cov"),
    ("lt_coverage", "LT cov"),
    ("seconds", "seconds"),
]
LOWER_BETTER = {"wape", "day_wape", "aht_wape", "lt_wape", "seconds"}


def run_wfm(exe, d, extra):
    t0 = time.time()
    out = subprocess.run([exe, d, *extra], capture_output=True, text=True, check=True).stdout
    st, lt = out.split("short-term (")[1].split("long-term (")

    def num(text, label):
        m = re.search(re.escape(label) + r"\s+([-+0-9.]+)", text)
        return float(m.group(1)) if m else None

    secs = [float(x) for x in re.findall(r"fit \+ forecast\s+([0-9.]+)s", out)]
    speed = re.search(r"speed: .*? in ([0-9.]+)s", out)
    return dict(
        wape=num(st, "volume WAPE"),
        day_wape=num(st, "daily-total WAPE"),
        aht_wape=num(st, "AHT WAPE (by handled)"),
        bias=num(st, "volume bias"),
        coverage=num(st, "P10–P90 coverage"),
        lt_wape=num(lt, "volume WAPE"),
        lt_bias=num(lt, "volume bias"),
        lt_coverage=num(lt.split("speed:")[0], "P10–P90 coverage"),
        seconds=sum(secs[:2]),
        speed200=float(speed.group(1)) if speed else None,
        wall=time.time() - t0,
    )


def run_oracle(py, d):
    """The generator's noise-free expected values scored as a forecast (oracle.py)."""
    out = subprocess.run(
        [py, os.path.join(HERE, "oracle.py"), d], capture_output=True, text=True, check=True
    ).stdout
    num = {l.rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1]) for l in out.splitlines() if l.strip()}
    return dict(
        wape=num.get("interval WAPE truth"),
        day_wape=num.get("daily-total WAPE truth"),
        aht_wape=num.get("AHT WAPE truth"),
        lt_wape=num.get("LT WAPE truth"),
    )


def run_peer(py, d, method):
    out = subprocess.run(
        [py, os.path.join(HERE, "peers.py"), d, method],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def fmt(v, key):
    if v is None:
        return "—"
    if key == "seconds":
        return f"{v:.1f}"
    if key == "bias":
        return f"{v:+.3f}"
    return f"{v:.3f}"


def ratios(res, who):
    """wfm's figure over the best peer's per column (bias: |bias|; coverage: distance to
    0.8 of wfm vs of the closest peer; seconds: against the fastest fitted model, not the
    naive rules)."""
    out = []
    for c, _ in COLS:
        pool = [p for p in PEERS if c != "seconds" or p not in ("naive", "mean4w")]
        peers = [res[p][c] for p in pool if p in res and res[p].get(c) is not None]
        w = res[who].get(c)
        if not peers or w is None:
            out.append("—")
        elif c == "bias":
            best = min(peers, key=abs)
            out.append(f"{abs(w) / abs(best):.2f}" if best else "—")
        elif c in ("coverage", "lt_coverage"):
            best = min(peers, key=lambda x: abs(x - 0.8))
            out.append(f"Δ {abs(w - 0.8):.3f} vs {abs(best - 0.8):.3f}")
        else:
            out.append(f"{w / min(peers):.2f}")
    return out


def table(d, res, meta):
    lines = [f"### {d}: {meta}", ""]
    lines.append("| method | " + " | ".join(c[1] for c in COLS) + " |")
    lines.append("|---|" + "---|" * len(COLS))
    order = ["truth", "wfm", "wfm_ph"] + [p for p in PEERS if p in res]
    for k in order:
        if k not in res:
            continue
        r = res[k]
        lines.append(f"| {NAMES[k]} | " + " | ".join(fmt(r.get(c), c) for c, _ in COLS) + " |")
    for who in ("wfm", "wfm_ph"):
        if who in res:
            lines.append(f"| **{NAMES[who]} / best peer** | " + " | ".join(ratios(res, who)) + " |")
    wfm = res.get("wfm", {})
    if wfm.get("speed200") is not None:
        lines.append("")
        lines.append(f"wfm speed: 200 series × 26 weeks fit + 4-week forecast in {wfm['speed200']:.2f} s.")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", required=True, help="forecast_eval binary")
    ap.add_argument("--peer-python", required=True)
    ap.add_argument("--quick", action="store_true", help="skip statsforecast MSTL and prophet")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    methods = [p for p in PEERS if not (a.quick and p in SLOW)]
    jobs = []
    for d in a.dirs:
        jobs.append((d, "truth", lambda d=d: run_oracle(a.peer_python, d)))
        jobs.append((d, "wfm", lambda d=d: run_wfm(a.eval, d, [])))
        jobs.append((d, "wfm_ph", lambda d=d: run_wfm(a.eval, d, ["--public-holidays"])))
        for m in methods:
            jobs.append((d, m, lambda d=d, m=m: run_peer(a.peer_python, d, m)))
    # The slow peers first, so the pool's two workers stay busy.
    jobs.sort(key=lambda j: j[1] not in SLOW)
    res = {d: {} for d in a.dirs}

    def go(job):
        d, k, f = job
        t0 = time.time()
        try:
            r = f()
        except subprocess.CalledProcessError as e:
            print(f"{d} {k} failed: {e.stderr[-2000:]}", file=sys.stderr)
            return
        res[d][k] = r
        print(f"  done {d} {k} in {time.time() - t0:.0f}s", file=sys.stderr)

    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        list(pool.map(go, jobs))
    for d in a.dirs:
        meta = ""
        mp = os.path.join(d, "meta.json")
        if os.path.exists(mp):
            m = json.load(open(mp))
            meta = f"seed {m['seed']}, {m['queues']} queues × {len(m['channels'])} channels, {m['interval']}-min, {m['months']} months"
        print(table(d, res[d], meta))
        print()
    print("WAPE, DayWAPE (daily UTC totals of the interval forecast), AHT WAPE (weighted by handled) and bias:"
          " the last 4 weeks of intervals, trained on the 26 weeks before (prophet's DayWAPE: the full"
          " history before). LT90: daily volume of the last 90 days, trained on everything before."
          " Coverage: share of actuals in [P10, P90] (interval steps with a forecast or actual > 0; LT: days)."
          " Seconds: fit + forecast of every series of the data set, one process (wfm: interval + daily models).")


if __name__ == "__main__":
    main()
