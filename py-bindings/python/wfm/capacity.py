"""Capacity plans: how many FTE a forecast group needs, week by week and month by
month for up to 18 months, against the FTE it has (guide: docs/how-to/capacity-plans.md).

:func:`capacity_plan` takes the long-term and short-term forecasts (forecast CSV files,
or polars / pandas DataFrames with the forecast CSV columns), a scenario TOML file and
optionally the FTE/shrinkage CSV, and returns a :class:`CapacityPlan` with ``weekly`` and
``monthly`` polars DataFrames — the columns of ``wfm plan``'s CSVs.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, NamedTuple, Optional, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked
from wfm._progress import Progress, watching

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CapacityPlan", "capacity_plan"]

Source = Union[str, "os.PathLike[str]", pl.DataFrame, "pd.DataFrame"]


class CapacityPlan(NamedTuple):
    """A computed plan: its ``name``, forecast ``group`` and the ``weekly`` and
    ``monthly`` periods (polars DataFrames with the columns and values of
    ``plan_weekly.csv`` and ``plan_monthly.csv``: ``*_pct`` columns in percent, the
    weekly rows with ``hires``, ``fte_after_hires``, ``remaining_gap`` and ``closable``
    under a hiring policy)."""

    name: str
    group: str
    weekly: pl.DataFrame
    monthly: pl.DataFrame
    #: Week by week: hires starting, FTE after hires, remaining gap, closable (``None``
    #: without a hiring policy).
    hiring: Optional[pl.DataFrame] = None


def _as_file(source: Source, folder: str, name: str) -> str:
    """A path for ``source``: itself if a path, else the DataFrame written as CSV."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    df = source if isinstance(source, pl.DataFrame) else pl.from_pandas(source)
    if df.schema.get("TimeStamp") in (pl.Datetime, pl.Datetime("us", "UTC")) or isinstance(
        df.schema.get("TimeStamp"), pl.Datetime
    ):
        df = df.with_columns(pl.col("TimeStamp").dt.strftime("%Y-%m-%dT%H:%M:%SZ"))
    path = os.path.join(folder, name)
    df.write_csv(path)
    return path


@checked
def capacity_plan(
    forecast_long: Source,
    forecast_short: Source,
    scenario: Union[str, "os.PathLike[str]"],
    start: str,
    weeks: int = 78,
    fte: Optional[Union[str, "os.PathLike[str]"]] = None,
    group: Optional[str] = None,
    output: Optional[Union[str, "os.PathLike[str]"]] = None,
    overrides: Optional[Union[str, "os.PathLike[str]"]] = None,
    hiring: Optional[Dict[str, Any]] = None,
    progress: Progress = None,
) -> CapacityPlan:
    """The capacity plan of ``weeks`` weeks from ``start`` (``YYYY-MM-DD``).

    The long-term forecast's daily volume is spread over intervals by the short-term
    forecast's intraday pattern, staffed per interval with Erlang C under the scenario's
    goals and maximum occupancy, and summed into required FTE; with an FTE file, the
    available FTE (with attrition), the gap, overtime and VTO follow. ``output`` also
    writes ``plan_weekly.csv``, ``plan_monthly.csv`` and ``plan.xlsx`` there;
    ``overrides`` is an override CSV (a header of period start dates, one row of required
    FTE without shrinkage) whose periods recompute, the computed value kept in
    ``required_fte_original``.

    ``hiring`` is the scenario's ``[hiring]`` table as a dict (``lead_weeks``, ``ramp``,
    ``cost_per_hire``, optional ``gap_cost_per_fte_week``) for a scenario file without
    one; the plan then has a ``hiring`` DataFrame (whom to hire in which week, least cost).

    ``progress=True`` shows a progress bar (tqdm, when installed) over the days staffed;
    ``progress=fn`` calls ``fn(stage, done, total)`` after each day and after the hiring
    plan. Ctrl-C (or an exception of ``fn``) stops the plan and is raised.

    Raises :class:`wfm.InvalidInputError` listing every problem of every input file.

    >>> import wfm, polars as pl
    >>> from datetime import datetime, timedelta
    >>> t0 = datetime(2025, 1, 6)
    >>> long = pl.DataFrame({"QueueName": "Sales", "QueueId": "q1", "ChannelType": "VOICE",
    ...     "TimeStamp": [(t0 + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ") for d in range(14)],
    ...     "IntervalDuration": "daily", "IncomingContactVolume": 2000.0, "AverageHandleTime": 300.0})
    >>> short = pl.DataFrame({"QueueName": "Sales", "QueueId": "q1", "ChannelType": "VOICE",
    ...     "TimeStamp": [(t0 + timedelta(minutes=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(48)],
    ...     "IntervalDuration": "30mins", "IncomingContactVolume": [0.0] * 18 + [10.0] * 20 + [0.0] * 10,
    ...     "AverageHandleTime": 300.0})
    >>> plan = wfm.capacity_plan(long, short, "data/scenarios/capacity_base.toml", "2025-01-06", weeks=2)
    >>> plan.weekly.height, plan.weekly["required_fte"][0] > 0
    (2, True)
    """
    with tempfile.TemporaryDirectory(prefix="wfm-plan-") as folder, watching(progress) as call:
        scenario_path = os.fspath(scenario)
        if hiring is not None:
            scenario_path = _with_hiring(scenario_path, hiring, folder)
        weekly, monthly, name, grp, hires = _wfm.plan_files(
            _as_file(forecast_long, folder, "forecast_long.csv"),
            _as_file(forecast_short, folder, "forecast_short.csv"),
            scenario_path,
            start,
            weeks,
            None if fte is None else os.fspath(fte),
            group,
            None if output is None else os.fspath(output),
            None if overrides is None else os.fspath(overrides),
            call,
        )
    read = lambda b: pl.read_parquet(io.BytesIO(b))  # noqa: E731
    return CapacityPlan(name, grp, read(weekly), read(monthly), read(hires) if hires else None)


def _toml_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _with_hiring(scenario: str, hiring: Dict[str, Any], folder: str) -> str:
    """The scenario file with ``hiring`` appended as its ``[hiring]`` table (the Rust
    side validates every value and names it)."""
    text = Path(scenario).read_text(encoding="utf-8")
    table = "".join(f"{k} = {_toml_value(v)}\n" for k, v in hiring.items())
    path = os.path.join(folder, "scenario.toml")
    Path(path).write_text(f"{text}\n[hiring]\n{table}", encoding="utf-8")
    return path
