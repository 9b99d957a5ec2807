"""pyworkforce side of the Erlang C peer benchmark.

Runs inside the throwaway venv that run.sh makes (pyworkforce==0.5.1 on Python 3.11),
never inside the project's .venv. Reads a reference interval CSV with the columns

    id,transactions,aht_seconds,interval_seconds,asa_target_s,service_level_target,
    shrinkage,max_occupancy

and loops

    ErlangC(transactions, aht, asa=asa_target_s, interval, shrinkage)
        .required_positions(service_level, max_occupancy)

over every row on one core (plain Python: pyworkforce's ErlangC is single threaded).
Only that loop is timed (time.perf_counter); parsing the CSV is not. It also times one
interval at 10^6 Erlangs. Writes JSON (per-row raw_positions and positions, timings,
versions) to --output, or to stdout.

pyworkforce takes aht, asa and interval in one time unit (its docs say minutes); seconds
work the same, since only the ratios A = transactions * aht / interval and asa / aht enter.
"""
import argparse
import csv
import json
import platform
import sys
import time
from importlib.metadata import version

from pyworkforce.queuing import ErlangC

# One interval at 10^6 Erlangs: 3.6 M contacts / 1800 s * 500 s AHT.
MILLION = {
    "transactions": 3_600_000.0,
    "aht_seconds": 500.0,
    "interval_seconds": 1800.0,
    "asa_target_s": 20.0,
    "service_level_target": 0.8,
    "shrinkage": 0.0,
    "max_occupancy": 1.0,
}


def read_rows(path):
    fields = ("transactions", "aht_seconds", "interval_seconds", "asa_target_s",
              "service_level_target", "shrinkage", "max_occupancy")
    rows = []
    with open(path, newline="") as f:
        for i, rec in enumerate(csv.DictReader(f)):
            missing = [c for c in fields if c not in rec]
            if missing:
                sys.exit(f"{path}: missing column(s) {', '.join(missing)}")
            row = {c: float(rec[c]) for c in fields}
            row["id"] = rec["id"].strip() if "id" in rec else str(i)
            rows.append(row)
    return rows


def solve_all(rows):
    """The timed loop. Returns (raw_positions, positions, errors) per row."""
    raw, pos, err = [], [], []
    for r in rows:
        try:
            out = ErlangC(
                transactions=r["transactions"],
                aht=r["aht_seconds"],
                asa=r["asa_target_s"],
                interval=r["interval_seconds"],
                shrinkage=r["shrinkage"],
            ).required_positions(
                service_level=r["service_level_target"],
                max_occupancy=r["max_occupancy"],
            )
            raw.append(out["raw_positions"])
            pos.append(out["positions"])
            err.append(None)
        except Exception as e:  # an error is an answer too (recorded, not fatal)
            raw.append(None)
            pos.append(None)
            err.append(f"{type(e).__name__}: {e}")
    return raw, pos, err


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="reference interval CSV")
    ap.add_argument("--output", help="JSON file (default: stdout)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="time the batch loop this many times and keep the best (default 1)")
    ap.add_argument("--skip-million", action="store_true",
                    help="do not time the 10^6 Erlang interval (about 2.3 s)")
    args = ap.parse_args()

    rows = read_rows(args.input)
    times = []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        raw, pos, err = solve_all(rows)
        times.append(time.perf_counter() - t0)

    result = {
        "tool": "pyworkforce",
        "pyworkforce_version": version("pyworkforce"),
        "python": platform.python_version(),
        "input": args.input,
        "intervals": len(rows),
        "ids": [r["id"] for r in rows],
        "raw_positions": raw,
        "positions": pos,
        "errors": err,
        "batch_seconds": min(times),
        "batch_seconds_all": times,
    }
    if not args.skip_million:
        t0 = time.perf_counter()
        (m_raw,), (m_pos,), (m_err,) = solve_all([dict(MILLION, id="million")])
        result["million"] = {
            "inputs": MILLION,
            "seconds": time.perf_counter() - t0,
            "raw_positions": m_raw,
            "positions": m_pos,
            "error": m_err,
        }
    text = json.dumps(result)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text + "\n")
    m = result.get("million")
    print(
        f"pyworkforce {result['pyworkforce_version']}: {len(rows)} intervals in "
        f"{result['batch_seconds']:.3f} s ({len(rows) / result['batch_seconds']:,.0f}/s)"
        + (f"; 10^6 Erlangs in {m['seconds']:.3f} s" if m else ""),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
