"""Capacity plans: how many FTE a forecast group needs, week by week and month by
month for up to 18 months, against the FTE it has (guide: docs/how-to/capacity-plans.md).

:func:`capacity_plan` takes the long-term and short-term forecasts (forecast CSV files,
or polars / pandas DataFrames with the forecast CSV columns), a scenario TOML file and
optionally the FTE/shrinkage CSV, and returns a :class:`CapacityPlan` with ``weekly`` and
``monthly`` polars DataFrames — the columns of ``wfm plan``'s CSVs.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Sequence, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked, when
from wfm._display import frame_shape, same, shown, summary_html
from wfm._errors import InvalidInputError
from wfm._frames import days, given, table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CapacityPlan", "capacity_plan"]

Source = Union[str, "os.PathLike[str]", pl.DataFrame, pl.LazyFrame, "pd.DataFrame"]

#: The day columns of a plan's periods and hiring plan (``pl.Date``).
_DAYS = ("period_start", "period_end", "week_start")


class CapacityPlan(NamedTuple):
    """A computed plan: its ``name``, forecast ``group`` and the ``weekly`` and
    ``monthly`` periods (polars DataFrames with the columns and values of
    ``plan_weekly.csv`` and ``plan_monthly.csv``, ``period_start`` and ``period_end``
    as dates: ``*_pct`` columns in percent, the
    weekly rows with ``hires``, ``fte_after_hires``, ``remaining_gap`` and ``closable``
    under a hiring policy).

    It shows as a few lines (and a summary table in Jupyter), ``==`` compares the
    tables by content, and it pickles."""

    name: str
    group: str
    weekly: pl.DataFrame
    monthly: pl.DataFrame
    #: Week by week: hires starting, FTE after hires, remaining gap, closable (``None``
    #: without a hiring policy).
    hiring: Optional[pl.DataFrame] = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CapacityPlan):
            return NotImplemented
        return all(same(a, b) for a, b in zip(self, other))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def _summary(self) -> List[tuple]:
        w = self.weekly
        rows: List[tuple] = [("group", self.group or "—")]
        if w.height:
            rows.append(("weeks", f"{w.height}: {w['period_start'][0]} to {w['period_end'][-1]}"))
        for column, label in (
            ("required_fte", "required FTE"),
            ("required_fte_with_shrinkage", "required FTE with shrinkage"),
            ("available_fte", "available FTE"),
            ("gap", "gap FTE (available − required)"),
        ):
            if column in w.columns and w.height and w[column].null_count() < w.height:
                rows.append((label, f"{shown(w[column].min())} to {shown(w[column].max())}"))
        rows += [("weekly", self.weekly), ("monthly", self.monthly)]
        rows.append(("hiring", "—" if self.hiring is None else self.hiring))
        return rows

    def __repr__(self) -> str:
        lines = [f"  {label}: {shown(value)}" for label, value in self._summary()[:-3]]
        hiring = "no hiring plan" if self.hiring is None else f"hiring {frame_shape(self.hiring)}"
        lines.append(
            f"  tables: weekly {frame_shape(self.weekly)}, monthly {frame_shape(self.monthly)}, {hiring}"
        )
        return f"CapacityPlan({self.name!r}\n" + "\n".join(lines) + ")"

    def _repr_html_(self) -> str:
        return summary_html(f"Capacity plan {self.name}", self._summary())


@checked
def capacity_plan(
    forecast_long: Source,
    forecast_short: Source,
    scenario: Union[str, "os.PathLike[str]"],
    start: Union[str, _dt.date],
    weeks: int = 78,
    fte: Optional[Source] = None,
    group: Optional[str] = None,
    output: Optional[Union[str, "os.PathLike[str]"]] = None,
    overrides: Optional[Union[str, "os.PathLike[str]"]] = None,
    hiring: Optional[Dict[str, Any]] = None,
    queues: Optional[Sequence[str]] = None,
) -> CapacityPlan:
    """The capacity plan of ``weeks`` weeks from ``start`` (``YYYY-MM-DD`` or a
    ``date``).

    The forecasts and ``fte`` are paths or DataFrames (polars, pandas, LazyFrame) with
    the CSV's columns; a frame crosses as Arrow (no file is written), a zoned
    ``TimeStamp`` is converted to UTC exactly and a naive one is read as UTC.

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

    ``group`` names the forecast group: its rows of the FTE file apply, and only its
    queues' forecasts are planned — the queues ``queues`` lists (ids or names), else the
    queue whose id or name is ``group`` (a forecast of every queue, as
    :func:`wfm.forecast` makes, holds the group's queue under its own name). A group or
    queue with no forecast row raises :class:`wfm.InvalidInputError` naming it. Without
    ``group`` and ``queues`` every forecast row is planned.

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
    if group is not None or queues is not None:
        forecast_long, forecast_short = _of_queues(
            (forecast_long, forecast_short), group, None if queues is None else list(queues)
        )

    def plan(scenario_path: str) -> CapacityPlan:
        weekly, monthly, name, grp, hires = _wfm.plan_files(
            given(forecast_long),
            given(forecast_short),
            scenario_path,
            when(start),
            weeks,
            None if fte is None else given(fte),
            group,
            None if output is None else os.fspath(output),
            None if overrides is None else os.fspath(overrides),
        )
        read = lambda t: days(table(t), _DAYS)  # noqa: E731
        return CapacityPlan(name, grp, read(weekly), read(monthly), None if hires is None else read(hires))

    if hiring is None:
        return plan(os.fspath(scenario))
    with tempfile.TemporaryDirectory(prefix="wfm-plan-") as folder:  # the scenario, not a frame
        return plan(_with_hiring(os.fspath(scenario), hiring, folder))


def _forecast_frame(source: Source) -> Optional[pl.DataFrame]:
    """``source`` as a polars DataFrame (a file's cells as text, for the Rust reader to
    judge); ``None`` for a file polars cannot read (the reader reports it)."""
    if isinstance(source, pl.DataFrame):
        return source
    if isinstance(source, pl.LazyFrame):
        return source.collect()
    if isinstance(source, (str, os.PathLike)):
        try:
            return pl.read_csv(os.fspath(source), infer_schema=False)
        except Exception:
            return None
    return pl.from_pandas(source)


def _of_queues(
    sources: "tuple[Source, Source]", group: Optional[str], queues: Optional[List[str]]
) -> "tuple[Source, Source]":
    """The long- and short-term forecasts with only the rows of ``queues`` (ids or
    names), or of the queue named or numbered ``group``.

    Raises :class:`wfm.InvalidInputError` for a queue (or group) without forecast rows.
    """
    wanted = queues if queues is not None else [str(group)]
    argument = "queues" if queues is not None else "group"
    frames = [_forecast_frame(s) for s in sources]
    found: set = set()
    out = []
    for source, df in zip(sources, frames):
        if df is None or not {"QueueId", "QueueName"} <= set(df.columns):
            out.append(source)  # the reader names what is wrong with it
            continue
        ids, names = pl.col("QueueId").cast(pl.String), pl.col("QueueName").cast(pl.String)
        keep = df.filter(ids.is_in(wanted) | names.is_in(wanted))
        found |= set(keep["QueueId"].cast(pl.String)) | set(keep["QueueName"].cast(pl.String))
        out.append(keep)
    if all(isinstance(s, pl.DataFrame) for s in out):
        missing = [q for q in wanted if q not in found]
        if missing:
            hint = ": give the group's queue ids as queues=[...]" if queues is None else ""
            raise InvalidInputError(
                ("<arguments>", 0, argument, f'no forecast row of a queue "{q}"{hint}')
                for q in missing
            )
    return out[0], out[1]


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
