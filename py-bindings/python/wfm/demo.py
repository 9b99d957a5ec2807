"""The sample data to try wfm on: :func:`sample_workspace` builds a planning workspace
from the bundled sample history up to a named stage (groups, forecasts, a capacity plan,
a schedule), and :func:`draw` draws the files of ``wfm demo --output FOLDER`` as PNG
charts in the same folder.

>>> import wfm
>>> ws = wfm.demo.sample_workspace(until="group")
>>> ws.groups()
{'Sales': ['1001']}

Drawing the demo files:

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
import os
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Union

import polars as pl

from . import plot
from ._errors import InvalidArgumentError
from .workspace import Workspace

__all__ = ["STAGES", "draw", "main", "sample_workspace"]

# stage -> the stage it builds on (see sample_workspace)
_PARENT: Dict[str, Optional[str]] = {
    "workspace": None,
    "history": "workspace",
    "group": "history",
    "short_draft": "group",
    "forecasts": "group",
    "scenario": "forecasts",
    "fte": "scenario",
    "plan": "fte",
    "support_forecast": "history",
    "schedule_scenario": "support_forecast",
    "schedule": "schedule_scenario",
}

#: The stages :func:`sample_workspace` can build up to (its documentation says what each adds).
STAGES = tuple(_PARENT)

# the FTE and shrinkage load of the "fte" stage (docs/formats: FTE CSV)
_FTE_CSV = (
    "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
    "Sales,2024-08-05T00:00:00Z,40,0.1,0.1\n"
)


def _data_dir() -> Path:
    """The repository's ``data`` folder: beside the package in a source checkout
    (``py-bindings/python/wfm`` → ``data``), else ``data`` in the current folder."""
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        data = root / "data"
        if (data / "sample" / "intervals_30min.csv").is_file():
            return data
    raise FileNotFoundError(
        "the sample data (data/sample/intervals_30min.csv) is neither in the source checkout "
        "this package runs from nor in the current folder: run from the repository root"
    )


def sample_workspace(
    path: Union[str, "os.PathLike[str]", None] = None, *, until: str = "history"
) -> Workspace:
    """A planning workspace built from the bundled sample data up to the stage ``until``,
    to try wfm on (every example of :class:`wfm.Workspace` and :mod:`wfm.documents`
    starts from one). ``path`` is the workspace file to create (it must not exist;
    default: ``sample.wfm`` in a new temporary folder). The workspace has 30-minute
    intervals and the UTC time zone; the sample history runs to early August 2024.

    The stages, each building on the one named in brackets:

    - ``"workspace"``: an empty workspace.
    - ``"history"`` (workspace): ``data/sample/intervals_30min.csv`` imported — queues
      ``1001`` Sales, ``1002`` Support and ``1003`` Billing, voice and chat.
    - ``"group"`` (history): the forecast group ``"Sales"`` of queue ``1001``.
    - ``"short_draft"`` (group): a one-week short-term forecast of Sales, computed and
      not published (a draft).
    - ``"forecasts"`` (group): Sales' long-term (8 weeks) and short-term (2 weeks)
      forecasts, computed and published.
    - ``"scenario"`` (forecasts): the capacity scenario ``"Base 2025"``
      (``data/scenarios/capacity_base.toml``) for every group.
    - ``"fte"`` (scenario): an FTE and shrinkage load for Sales (40 FTE from
      2024-08-05, 10 % in-office and 10 % out-of-office shrinkage).
    - ``"plan"`` (fte): the draft capacity plan ``"Budget"`` of Sales, four weeks from
      2024-08-05.
    - ``"support_forecast"`` (history): the forecast group ``"Support"`` of queue
      ``1002`` with a two-week short-term forecast, published.
    - ``"schedule_scenario"`` (support_forecast): the example scheduling configuration
      (``data/scenarios/schedule_example.toml``) moved to the week of 2024-08-05.
    - ``"schedule"`` (schedule_scenario): a draft schedule of that week (at most 10
      seconds of solving).

    The data files are found beside the package in a source checkout, else in ``data``
    under the current folder. Raises :class:`wfm.InvalidArgumentError` for an unknown
    stage.

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="forecasts")
    >>> ws.forecasts.list().select("group", "kind", "status").rows()
    [('Sales', 'long', 'published'), ('Sales', 'short', 'published')]
    >>> wfm.demo.STAGES[:3]
    ('workspace', 'history', 'group')
    """
    if until not in _PARENT:
        raise InvalidArgumentError(
            f"until: unknown stage {until!r}; one of {', '.join(STAGES)}",
            argument="until",
            value=until,
            expected=", ".join(STAGES),
        )
    chain: List[str] = []
    stage: Optional[str] = until
    while stage is not None:
        chain.append(stage)
        stage = _PARENT[stage]
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="wfm-sample-")) / "sample.wfm"
    data = _data_dir() if chain != ["workspace"] else None
    ws = Workspace.create(path, interval=30)
    for stage in reversed(chain[:-1]):
        _build(ws, stage, data)  # type: ignore[arg-type]
    return ws


def _build(ws: Workspace, stage: str, data: Path) -> None:
    """Adds one stage of :func:`sample_workspace` to ``ws``."""
    if stage == "history":
        ws.import_history(data / "sample" / "intervals_30min.csv")
    elif stage == "group":
        ws.create_group("Sales", ["1001"])
    elif stage == "short_draft":
        ws.forecasts.compute("Sales", "short", weeks=1)
    elif stage == "forecasts":
        for kind, weeks in (("long", 8), ("short", 2)):
            ws.forecasts.compute("Sales", kind, weeks=weeks)
            ws.forecasts.publish("Sales", kind)
    elif stage == "scenario":
        ws.scenarios.create(data / "scenarios" / "capacity_base.toml")
    elif stage == "fte":
        fte = Path(ws.path + ".fte.csv")
        fte.write_text(_FTE_CSV, encoding="utf-8")
        ws.fte_loads.import_(fte)
    elif stage == "plan":
        ws.plans.create("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
    elif stage == "support_forecast":
        ws.create_group("Support", ["1002"])
        ws.forecasts.compute("Support", "short", weeks=2)
        ws.forecasts.publish("Support", "short")
    elif stage == "schedule_scenario":
        toml = Path(ws.path + ".schedule.toml")
        text = (data / "scenarios" / "schedule_example.toml").read_text(encoding="utf-8")
        toml.write_text(
            text.replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"),
            encoding="utf-8",
        )
        ws.schedule_scenario.import_(toml)
    elif stage == "schedule":
        ws.schedules.create(time_limit=10)


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
            actual = actual.filter(pl.col("TimeStamp") >= _weeks_before(str(first), 12))
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
        ax = plot.gantt((shifts, activities), title="Demo week: shifts with breaks and meals")
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
