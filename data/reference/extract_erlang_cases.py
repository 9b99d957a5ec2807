"""Copies the exact answers of ../shared/reference/erlang/erlang_cases.json into
data/reference/erlang_cases_exact.csv, so the reference test runs without ../shared.

Run from the project root:  python3 data/reference/extract_erlang_cases.py
Floats are written with repr (shortest round-trip), so nothing is lost.
"""
import csv
import json
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2].parent / "shared/reference/erlang/erlang_cases.json"
DST = Path(__file__).resolve().parent / "erlang_cases_exact.csv"

INPUTS = ["id", "transactions", "aht_seconds", "interval_seconds", "asa_target_s",
          "service_level_target", "shrinkage", "max_occupancy"]
OUTPUTS = ["n_sl", "raw_positions", "positions", "service_level", "occupancy",
           "waiting_probability", "asa"]


def main() -> int:
    cases = json.loads(SRC.read_text())["cases"]
    with DST.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(INPUTS + ["unachievable"] + OUTPUTS)
        for c in cases:
            e = c["exact"]
            row = [repr(c[k]) if isinstance(c[k], float) else c[k] for k in INPUTS]
            if e.get("unachievable"):
                w.writerow(row + ["true"] + [""] * len(OUTPUTS))
            else:
                w.writerow(row + ["false"] + [repr(e[k]) if isinstance(e[k], float) else e[k]
                                              for k in OUTPUTS])
    print(f"wrote {len(cases)} cases to {DST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
