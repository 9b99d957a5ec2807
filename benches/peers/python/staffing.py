"""Staffing a million intervals from Python: `wfm.staff_table` against a Python loop over
`wfm.staff`, the vectorised `wfm.staff` on numpy arrays, and pyworkforce 0.5.1.

    source scripts/env.sh
    python benches/peers/python/staffing.py [--rows 1000000] [--repeat 3] \
        [--pyworkforce-python "$(bash benches/peers/pyworkforce_venv.sh)"] [--sample 20000]

The table is the reference mix ../shared/reference/erlang/bench_intervals_20000.csv
(beside the checkout) repeated to --rows rows, its columns renamed to wfm's. In one run
it times (best of --repeat, wall clock, the conversions included):

  1. `wfm.staff_table(df)` on the polars table;
  2. a Python loop calling `wfm.staff(...)` once per row (once: it is the slow side),
     and the same loop over the extension itself, `wfm._wfm.staff` (no argument checks);
  3. `wfm.staff(volume, aht, ...)` with a numpy array per column;
  4. pyworkforce's `ErlangC(...).required_positions(...)` loop in its own venv, on the
     first --sample rows (one copy of the reference mix), extrapolated linearly to
     --rows (said so in the output).

It checks that the three wfm answers agree row for row, and prints each time and its
ratio to the loop. The goal of issue 19: the table and the vectorised call at least 5x
the loop. Exit status 0 when the answers agree, 1 otherwise (speed is reported only).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

import wfm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
REFERENCE = ROOT.parent / "shared" / "reference" / "erlang" / "bench_intervals_20000.csv"
RENAME = {"transactions": "volume", "asa_target_s": "service_level_seconds"}


def table(rows: int) -> pl.DataFrame:
    """The reference mix repeated to `rows` rows, with wfm's column names."""
    ref = pl.read_csv(REFERENCE).drop("id").rename(RENAME)
    copies = -(-rows // ref.height)
    return pl.concat([ref] * copies).head(rows).cast(pl.Float64)


def best(repeat: int, run):  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t0)
    return min(times), out


COLUMNS = ("volume", "aht_seconds", "interval_seconds", "service_level_target",
           "service_level_seconds", "shrinkage", "max_occupancy")


def loop(df: pl.DataFrame) -> np.ndarray:
    staff = wfm.staff
    agents = []
    for v, a, t, p, w, s, m in zip(*(df[c].to_list() for c in COLUMNS)):
        agents.append(staff(v, a, t, service_level_target=p, service_level_seconds=w,
                            shrinkage=s, max_occupancy=m).agents)
    return np.array(agents)


def raw_loop(df: pl.DataFrame) -> np.ndarray:
    """The loop over the extension itself (``wfm._wfm.staff``: no Python argument checks,
    the extension's own argument names): the fastest a Python loop can be."""
    staff = wfm._wfm.staff
    return np.array([
        staff(v, a, t, service_level=p, service_level_seconds=w, shrinkage=s,
              max_occupancy=m).agents
        for v, a, t, p, w, s, m in zip(*(df[c].to_list() for c in COLUMNS))
    ])


def vectorised(df: pl.DataFrame) -> np.ndarray:
    c = {name: df[name].to_numpy() for name in df.columns}
    return wfm.staff(c["volume"], c["aht_seconds"], c["interval_seconds"],
                     service_level_target=c["service_level_target"],
                     service_level_seconds=c["service_level_seconds"],
                     shrinkage=c["shrinkage"], max_occupancy=c["max_occupancy"]).agents


def pyworkforce(python: str, sample: int) -> tuple[int, float]:
    """(rows, seconds) of pyworkforce_side.py on the first `sample` reference rows."""
    side = ROOT / "benches" / "peers" / "erlang" / "pyworkforce_side.py"
    with tempfile.TemporaryDirectory() as tmp:
        sample_csv = Path(tmp) / "sample.csv"
        pl.read_csv(REFERENCE).head(sample).write_csv(sample_csv)
        out = Path(tmp) / "out.json"
        subprocess.run([python, str(side), "--input", str(sample_csv), "--output", str(out),
                        "--skip-million"], check=True)
        result = json.loads(out.read_text())
    return result["intervals"], result["batch_seconds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pyworkforce-python", help="python of the pyworkforce venv "
                    "(bash benches/peers/pyworkforce_venv.sh); without it, not timed")
    ap.add_argument("--sample", type=int, default=20_000,
                    help="rows pyworkforce is timed on, extrapolated to --rows")
    args = ap.parse_args()

    df = table(args.rows)
    print(f"{df.height:,} intervals (the 20,000-row reference mix repeated), "
          f"wfm {wfm.__version__}", file=sys.stderr)
    t_table, out_table = best(args.repeat, lambda: wfm.staff_table(df))
    t_vector, out_vector = best(args.repeat, lambda: vectorised(df))
    t_loop, out_loop = best(1, lambda: loop(df))
    t_raw, out_raw = best(1, lambda: raw_loop(df))
    same = (np.array_equal(out_table["agents"].to_numpy(), out_loop)
            and np.array_equal(out_vector, out_loop) and np.array_equal(out_raw, out_loop))

    rows = [("Python loop over wfm.staff", t_loop, ""),
            ("Python loop over wfm._wfm.staff", t_raw, "the extension, unchecked"),
            ("wfm.staff_table (polars)", t_table, ""),
            ("wfm.staff on numpy arrays", t_vector, "")]
    if args.pyworkforce_python:
        n, seconds = pyworkforce(args.pyworkforce_python, args.sample)
        rows.append(("pyworkforce 0.5.1 loop", seconds * df.height / n,
                     f"extrapolated from {n:,} rows ({seconds:.2f} s)"))
    print(f"\n{'':32} {'seconds':>9} {'rows/s':>12} {'vs loop':>8}")
    for name, seconds, note in rows:
        print(f"{name:32} {seconds:9.3f} {df.height / seconds:12,.0f} "
              f"{t_loop / seconds:7.2f}x  {note}")
    goal = min(t_loop / t_table, t_loop / t_vector)
    print(f"\ngoal (issue 19): the table and the vectorised call >= 5x the loop: "
          f"{'met' if goal >= 5 else 'NOT met'} ({goal:.1f}x; "
          f"{min(t_raw / t_table, t_raw / t_vector):.1f}x the unchecked loop)")
    print(f"answers: {'the three wfm answers agree row for row' if same else 'DIFFER'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
