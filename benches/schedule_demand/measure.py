#!/usr/bin/env python3
"""One row of issue 20's before/after table from a `wfm schedule generate` run.

    python benches/schedule_demand/measure.py OUTPUT_DIR LOG

OUTPUT_DIR is the run's --output (report.json, coverage.csv); LOG its stdout with the
`time` output appended (run.sh writes both). Prints wall time, status (and its text),
objective, lower bound and gap of the returned schedule, short quarter hours and
agent-hours short (coverage.csv's `short` × its interval), the review's service level
against the 80 % goal, validator violations and the tour shifts no agent took.
"""

import csv
import json
import re
import sys
from datetime import datetime


def main() -> None:
    out, log = sys.argv[1], sys.argv[2]
    with open(f"{out}/report.json") as f:
        r = json.load(f)
    with open(f"{out}/coverage.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    # agent-hours: `short` is in agents per row of the scenario's interval (15 or 30 min)
    step = 0.25
    if len(rows) > 1:
        a, b = (datetime.fromisoformat(rows[i]["interval_start"].replace("Z", "+00:00"))
                for i in (0, 1))
        step = (b - a).total_seconds() / 3600
    short = sum(float(x["short"]) for x in rows) * step
    with open(log) as f:
        text = f.read()
    wall = re.search(r"real\s+(\d+)m([\d.]+)s", text)
    wall = f"{int(wall.group(1)) * 60 + float(wall.group(2)):.1f}" if wall else "?"
    review = re.search(r"review: service level ([\d.]+) %", text)
    violations = re.search(r"validator: (\d+) violation", text)
    unassigned = sum(w["report"]["unassigned_shifts"] for w in r["weeks"])
    print(
        f"wall {wall} s | status {r['status']} | objective {r['objective']:.2f} | "
        f"bound {r['lower_bound']:.2f} | gap {100 * r['gap']:.2f} % | short intervals "
        f"{len(r['unmet_intervals'])} | agent-hours short {short:.2f} | review SL "
        f"{review.group(1) if review else '?'} % (goal 80 %) | violations "
        f"{violations.group(1) if violations else '?'} | unassigned tour shifts {unassigned}"
    )
    if r.get("status_text"):
        print("  status_text:", r["status_text"])


if __name__ == "__main__":
    main()
