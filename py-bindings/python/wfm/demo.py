"""Draws the files of ``wfm demo --output FOLDER`` as PNG charts in the same folder.

    wfm demo --output demo-output
    python -m wfm.demo demo-output

writes ``forecast_long.png`` (the long-term forecast with its P10–P90 band and the
sample's daily actuals when ``--history`` names them), ``intraday_profile.png`` (the
short-term forecast's share of the day per interval, one line per weekday),
``capacity_plan.png`` (required FTE per week, with
shrinkage, available FTE and the gap when the plan had an FTE file), ``schedule_coverage.png``
(the demo week's required vs scheduled productive agents per interval) and
``schedule_gantt.png`` (the agents' shifts with their breaks and meals).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

import polars as pl

from . import plot

__all__ = ["draw", "main"]


def _save(ax, path: Path) -> Path:
    ax.figure.savefig(path, dpi=110)
    import matplotlib.pyplot as plt

    plt.close(ax.figure)
    return path


def draw(folder: Path, history: Optional[Path] = None) -> List[Path]:
    """Draws the demo files in ``folder`` (see the module documentation); ``history`` is
    a daily history CSV drawn as the actuals under the long-term forecast. Returns
    the PNG files written.

    >>> draw(Path("demo-output"))  # doctest: +SKIP
    [PosixPath('demo-output/forecast_long.png'), ...]
    """
    folder = Path(folder)
    written: List[Path] = []
    long_csv = folder / "forecast_long.csv"
    if long_csv.is_file():
        long = pl.read_csv(long_csv)
        actual = None
        if history is not None and Path(history).is_file():
            actual = pl.read_csv(history).filter(pl.col("IntervalDuration") == "daily")
            first = long["TimeStamp"].min()
            actual = actual.filter(pl.col("TimeStamp") >= _weeks_before(first, 12))
        ax = plot.forecast(long, actual=actual, title="Long-term forecast (all sample queues)")
        written.append(_save(ax, folder / "forecast_long.png"))
    short_csv = folder / "forecast_short.csv"
    if short_csv.is_file():
        ax = plot.intraday_profile(pl.read_csv(short_csv), title="Short-term forecast: intraday profile by weekday")
        written.append(_save(ax, folder / "intraday_profile.png"))
    weekly_csv = folder / "plan" / "plan_weekly.csv"
    if weekly_csv.is_file():
        weekly = pl.read_csv(weekly_csv, infer_schema_length=None).with_columns(
            pl.col("period_start").cast(pl.Utf8)
        )
        ax = plot.capacity(weekly)
        written.append(_save(ax, folder / "capacity_plan.png"))
    schedule = folder / "schedule"
    if (schedule / "coverage.csv").is_file():
        ax = plot.coverage(_coverage(schedule), title="Demo week: required vs scheduled productive agents")
        written.append(_save(ax, folder / "schedule_coverage.png"))
    if (schedule / "shifts.csv").is_file() and (schedule / "activities.csv").is_file():
        shifts = pl.read_csv(schedule / "shifts.csv")
        activities = pl.read_csv(schedule / "activities.csv")
        ax = plot.gantt((shifts, activities), title="Demo week: shifts with breaks and meals (UTC)")
        written.append(_save(ax, folder / "schedule_gantt.png"))
    return written


def _coverage(schedule: Path) -> pl.DataFrame:
    """``coverage.csv``: required and scheduled productive agents per interval, with the
    agents ``short``."""
    return pl.read_csv(schedule / "coverage.csv")


def _weeks_before(timestamp: str, weeks: int) -> str:
    from datetime import datetime, timedelta

    t = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ") - timedelta(weeks=weeks)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m wfm.demo FOLDER [--history daily.csv]``: draws the PNGs, prints them."""
    parser = argparse.ArgumentParser(prog="python -m wfm.demo", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder of `wfm demo --output`")
    parser.add_argument("--history", type=Path, help="a daily history CSV to draw as actuals")
    args = parser.parse_args(argv)
    written = draw(args.folder, args.history)
    if not written:
        print(f"no demo files in {args.folder}: run `wfm demo --output {args.folder}` first", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
