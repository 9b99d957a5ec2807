"""The smoke test of an installed wheel (run by scripts/wheel-smoke.sh in a fresh venv):
the package imports from the venv, not from the checkout, and answers a staffing
question, a staffing table and a forecast. The checkout's root is the one argument
(for the sample history)."""

import importlib.metadata
import os
import sys

import polars as pl

import wfm

root = sys.argv[1]
here = os.path.realpath(wfm.__file__)
assert here.startswith(os.path.realpath(sys.prefix)), f"wfm imported from {here}, not the venv"
assert importlib.metadata.version("wfm-engine") == wfm.__version__, "the distribution's version"

one = wfm.staff(100, 180, asa_seconds=15)
assert one.agents > 0, one

table = pl.DataFrame({"id": ["09:00", "09:30"], "volume": [100, 250],
                      "aht_seconds": [180.0, 240.0], "interval_seconds": [1800, 1800],
                      "service_level_target": [0.8, 0.8], "service_level_seconds": [20, 20]})
staffed = wfm.staff_table(table)
assert staffed.height == 2 and all(a > 0 for a in staffed["agents"]), staffed

fc = wfm.forecast(os.path.join(root, "data/sample/daily.csv"), "long", weeks=2,
                  start="2024-08-01T00:00:00Z")
assert fc.height > 0 and {"P10", "P50", "P90"} <= set(fc.columns), fc.columns

print(f"wfm {wfm.__version__} from the wheel: staff {one.agents} agents, a table of "
      f"{staffed.height} rows, a forecast of {fc.height} rows")
