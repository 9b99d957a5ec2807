#!/usr/bin/env python3
"""The pyworkforce side of the shift benchmark: `MinRequiredResources` (OR-Tools CP-SAT,
2 search workers) on one instance; prints one JSON line with the status, the objective
and the wall seconds of model building plus solving."""
import json
import sys
import time

from pyworkforce.scheduling import MinRequiredResources


def main() -> None:
    with open(sys.argv[1]) as f:
        d = json.load(f)
    start = time.perf_counter()
    model = MinRequiredResources(
        num_days=d["num_days"],
        periods=d["periods"],
        shifts_coverage=d["shifts_coverage"],
        required_resources=d["required_resources"],
        max_period_concurrency=d["max_period_concurrency"],
        max_shift_concurrency=d["max_shift_concurrency"],
        cost_dict=d.get("cost_dict"),
        max_search_time=600.0,
        num_search_workers=2,
    )
    solution = model.solve()
    seconds = time.perf_counter() - start
    print(json.dumps({"instance": d["name"], "status": solution["status"],
                      "objective": solution["cost"], "seconds": seconds}))


if __name__ == "__main__":
    main()
