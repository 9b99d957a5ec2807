"""Shift schedules: one week of shifts with breaks and meals for the named
agents of a staffing group, meeting the scenario's service goal per interval with the
fewest shifts, every result checked by the independent validator.

:func:`generate_schedule` takes a scheduling scenario TOML (see
``data/scenarios/schedule_example.toml``) and a short-term forecast (a forecast CSV, or
a polars / pandas DataFrame with its columns, as :func:`wfm.forecast` returns) and
returns a :class:`ScheduleResult`: polars DataFrames of the shifts, the activities
placed in them, coverage per interval (with the projected service level, ASA and
occupancy) and paid hours per agent, day and week, the solver's
report (a :class:`wfm.reports.ScheduleReport`) and the validator's findings. It shows
as a few lines (and a summary table in Jupyter), compares by content and pickles. :func:`validate_schedule` checks any schedule JSON
against a scenario's rules.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked
from wfm._display import frame_shape, same, shown, summary_html
from wfm._frames import given, table
from wfm._progress import Progress, watching
from wfm.reports import ScheduleReport

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ScheduleResult", "generate_schedule", "validate_schedule"]

PathLike = Union[str, "os.PathLike[str]"]
Forecast = Union[PathLike, pl.DataFrame, pl.LazyFrame, "pd.DataFrame"]


#: A validator's sentence: who (agent or staffing group), the day if any, rule, message.
_VIOLATION = re.compile(
    r"^(?P<subject>.+?)(?: (?P<date>\d{4}-\d{2}-\d{2}))? (?P<rule>[A-Za-z]+): (?P<message>.*)$",
    re.DOTALL,
)


def violation_frame(violations: List[str]) -> pl.DataFrame:
    """The validator's sentences as a DataFrame: ``subject`` (the agent, or the
    staffing group for a group rule), ``date`` (the schedule day, null for a rule of
    the whole horizon), ``rule``, ``message`` and the whole ``text``.

    >>> violation_frame(["ana 2026-03-02 WeeklyMinHours: week of 2026-03-02: 0 h is below min 30 h"]).row(0)
    ('ana', datetime.date(2026, 3, 2), 'WeeklyMinHours', 'week of 2026-03-02: 0 h is below min 30 h', 'ana 2026-03-02 WeeklyMinHours: week of 2026-03-02: 0 h is below min 30 h')
    """
    rows = []
    for text in violations:
        m = _VIOLATION.match(text)
        parts = m.groupdict() if m else {"subject": None, "date": None, "rule": None, "message": text}
        rows.append((parts["subject"], parts["date"], parts["rule"], parts["message"], text))
    schema = {"subject": pl.String, "date": pl.String, "rule": pl.String,
              "message": pl.String, "text": pl.String}
    df = pl.DataFrame(rows, schema=schema, orient="row")
    return df.with_columns(pl.col("date").str.to_date("%Y-%m-%d"))


@dataclass(frozen=True, repr=False, eq=False)
class ScheduleResult:
    """A generated week.

    ``shifts``, ``activities``, ``coverage`` and ``agent_hours`` are polars DataFrames
    (instants ``Datetime("us", "UTC")``, schedule days ``Date``) with the columns and
    values of the CSVs ``wfm schedule generate`` writes (one definition gives both);
    ``report`` is the generator's report (a :class:`wfm.reports.ScheduleReport`;
    ``report["gap"]`` of the former dict still works for one release, with a
    ``DeprecationWarning``); ``violations`` the validator's findings (empty: every rule
    holds; :attr:`violation_table` gives them as a DataFrame); ``schedule_json`` the
    schedule as ``wfm schedule validate`` and :func:`validate_schedule` read it.

    ``repr`` is a few lines (the tables are one attribute away), ``_repr_html_`` a
    summary table; ``==`` compares every field by content, and the result pickles.
    """

    #: One row per shift (``shifts.csv``): ``agent``, ``date`` (schedule day),
    #: ``start``, ``end`` (UTC), ``paid_hours`` (less unpaid activities), ``time_zone``
    #: (the agent's), ``local_start``, ``local_end`` (text with the UTC offset).
    shifts: pl.DataFrame
    #: One row per placed break, meal or other activity (``activities.csv``):
    #: ``agent``, ``date``, ``activity``, ``start``, ``end``, ``paid``, ``local_start``,
    #: ``local_end``.
    activities: pl.DataFrame
    #: One row per interval of the scenario's grid over the week (``coverage.csv``):
    #: ``interval_start``, ``required`` and ``scheduled`` productive agents, ``short``
    #: (agents short of the requirement), the projected ``service_level`` (share),
    #: ``asa_seconds`` (null where the queue is unstable) and ``occupancy`` (share) on
    #: the scheduled agents, ``volume`` and ``aht_seconds``.
    coverage: pl.DataFrame
    #: Paid hours per agent (``agent_hours.csv``): ``agent``, ``period`` (``day`` or
    #: ``week``), ``start`` (its first day), ``week`` (0-based from the request's
    #: start), ``paid_hours``.
    agent_hours: pl.DataFrame
    #: ``status``, ``status_text`` (the status in words, about the returned schedule:
    #: ``"optimal — …"`` or ``"feasible — goal missed in N interval(s) …"``),
    #: ``objective`` (the returned schedule's), ``lower_bound``, ``gap``, ``seconds``, ``agents``,
    #: ``shifts``, ``paid_hours``, ``unmet_intervals`` (UTC starts of the quarter hours
    #: short of the goal), ``warnings`` and ``weeks`` (per week the generator's own
    #: report: ``tours``, ``assignment``, ``required`` per quarter hour, ``pools``, ...).
    report: ScheduleReport
    #: The validator's findings, one sentence each (agent, date, rule and numbers).
    violations: List[str] = field(default_factory=list)
    #: The schedule as JSON text (``schedule.json``).
    schedule_json: str = "{}"

    @property
    def short_intervals(self) -> List[str]:
        """UTC starts (``YYYY-MM-DDTHH:MM:SSZ``) of the quarter hours short of the goal.

        >>> import wfm, polars as pl
        >>> from datetime import datetime, timedelta
        >>> quarters = [datetime(2026, 3, 2) + timedelta(minutes=15 * q) for q in range(7 * 96)]
        >>> fc = pl.DataFrame({"QueueName": "Support", "QueueId": "q1", "ChannelType": "VOICE",
        ...     "TimeStamp": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in quarters],
        ...     "IntervalDuration": "15mins",
        ...     "IncomingContactVolume": [40.0 if t.hour == 15 else 0.0 for t in quarters],
        ...     "AverageHandleTime": 300.0})
        >>> week = wfm.generate_schedule("data/scenarios/schedule_example.toml", fc, "Day team",
        ...                              "2026-03-02", time_limit=10)
        >>> week.short_intervals[:2]  # 40 contacts a quarter hour from 15:00 is more than the team
        ['2026-03-02T15:00:00Z', '2026-03-02T15:15:00Z']
        """
        return list(self.report.unmet_intervals)

    @property
    def stopped_early(self) -> bool:
        """Whether the run was stopped (Ctrl-C) before the request's last week: the
        schedule then holds the weeks done only, and ``report.warnings`` says so.

        >>> import wfm
        >>> def stop(stage, done, total):
        ...     raise KeyboardInterrupt  # what Ctrl-C does
        >>> fc = "data/scenarios/forecast_small.csv"
        >>> week = wfm.generate_schedule("data/scenarios/schedule_small.toml", fc, progress=stop)
        >>> week.stopped_early  # one week only: there was nothing left to stop
        False
        """
        return bool(self.report.extra.get("stopped", False))

    @property
    def violation_table(self) -> pl.DataFrame:
        """The validator's findings as a DataFrame (:func:`violation_frame`): subject,
        date, rule, message, text.

        >>> import wfm
        >>> r = ScheduleResult(*(pl.DataFrame(),) * 4, ScheduleReport(),
        ...                    ["kai 2026-03-03 MaxShiftsPerDay: 2 shifts, max 1"])
        >>> r.violation_table.select("subject", "rule").row(0)
        ('kai', 'MaxShiftsPerDay')
        """
        return violation_frame(self.violations)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(same(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))

    __hash__ = None  # type: ignore[assignment]

    def _summary(self) -> List[tuple]:
        r = self.report
        gap = None if r.gap is None else f"{shown(r.gap * 100)} %"
        return [
            ("status", r.status),
            ("gap", gap),
            ("agents", r.agents),
            ("shifts", r.shifts),
            ("paid hours", r.paid_hours),
            ("short intervals", len(r.unmet_intervals)),
            ("violations", len(self.violations)),
            ("warnings", len(r.warnings)),
            ("solver seconds", r.seconds),
        ]

    def __repr__(self) -> str:
        r = self.report
        gap = "—" if r.gap is None else f"{shown(r.gap * 100)} %"
        days = self.shifts["date"] if "date" in self.shifts.columns else None
        span = f"{str(days.min())} to {str(days.max())}" if days is not None and len(days) else "no shifts"
        return (
            f"ScheduleResult({span}: status={r.status!r}, gap={gap}\n"
            f"  {r.shifts} shifts, {r.agents} agents, {shown(r.paid_hours)} paid hours; "
            f"{len(r.unmet_intervals)} short intervals, {len(self.violations)} violations, "
            f"{len(r.warnings)} warnings\n"
            f"  tables: shifts {frame_shape(self.shifts)}, activities "
            f"{frame_shape(self.activities)}, coverage {frame_shape(self.coverage)}, "
            f"agent_hours {frame_shape(self.agent_hours)})"
        )

    def _repr_html_(self) -> str:
        tables = [(name, getattr(self, name)) for name in ("shifts", "activities", "coverage", "agent_hours")]
        return summary_html("Schedule", self._summary() + tables)


def _date_text(value: Union[_dt.date, str]) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _read(data: object) -> pl.DataFrame:
    """A table of the extension (an Arrow table), instants ``Datetime("us", "UTC")``."""
    return table(data)


@checked
def generate_schedule(
    scenario: PathLike,
    forecast: Forecast,
    group: Optional[str] = None,
    week_start: Optional[Union[_dt.date, str]] = None,
    channel: str = "VOICE",
    time_limit: float = 600.0,
    gap: float = 0.01,
    output: Optional[PathLike] = None,
    progress: Progress = None,
) -> ScheduleResult:
    """The schedule of ``scenario``'s request — every week, every staffing group of its
    forecast group — as ``wfm schedule generate``; with ``group`` and ``week_start`` (a
    date or ``YYYY-MM-DD``, UTC) only that group's week.

    ``forecast`` is a short-term forecast CSV path (docs/formats/forecast-csv.md, 15- or 30-minute rows) or a
    polars / pandas DataFrame or LazyFrame with its columns (crossing as Arrow, read as
    the file would be, no file written; a zoned ``TimeStamp`` is converted to UTC
    exactly, a naive one is read as UTC): the ``channel`` rows of every queue in it are summed per
    quarter hour, AHT weighted by volume. The solver stops at ``time_limit`` seconds or
    at the relative ``gap``; the best schedule found is returned. ``output`` also writes
    the schedule folder there (``schedule.json``, the four tables as ``.csv`` and
    ``.parquet``, ``schedule.xlsx`` and ``report.json``).

    The forecast must cover every day scheduled (00:00 to 24:00 UTC, zero rows where
    there are no contacts): else :class:`wfm.WfmError` names the days it lacks and
    nothing is solved. ``time_limit`` must be above 0 and finite, ``gap`` at least 0 and
    below 1. ``report.status`` is ``"optimal"`` only within the gap with the goal met
    and every rule kept (else ``"above_gap"``, ``"time_limit"``, ``"goal_missed"`` or
    ``"rules_broken"``), and ``report["status_text"]`` says it in words; the objective
    and gap are measured on the returned schedule.

    ``progress=True`` shows a progress bar over the weeks (tqdm, when installed);
    ``progress=fn`` calls ``fn("scheduling weeks", done, total)`` after each week.
    Ctrl-C (a Jupyter interrupt) or an exception of ``fn`` stops the run after the week
    being solved: on Ctrl-C the weeks done are returned with ``stopped_early`` true
    (a solver call in progress is not cut short; each is bounded by its share of
    ``time_limit``).

    Raises :class:`wfm.InvalidInputError` listing every problem of the scenario or
    forecast file (with line and column) or of the arguments, :class:`wfm.WfmError` for
    a configuration the generator does not handle or a solver failure.

    >>> import wfm, polars as pl
    >>> from datetime import datetime, timedelta
    >>> t0 = datetime(2026, 3, 2)
    >>> quarters = [t0 + timedelta(days=d, minutes=15 * q) for d in range(7) for q in range(96)]
    >>> busy = [t.weekday() < 5 and 14 <= t.hour < 18 for t in quarters]
    >>> fc = pl.DataFrame({"QueueName": "Support", "QueueId": "q1", "ChannelType": "VOICE",
    ...     "TimeStamp": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in quarters],
    ...     "IntervalDuration": "15mins", "IncomingContactVolume": [3.0 if b else 0.0 for b in busy],
    ...     "AverageHandleTime": 300.0})
    >>> week = wfm.generate_schedule("data/scenarios/schedule_example.toml", fc, "Day team", "2026-03-02")
    >>> week.violations, week.short_intervals, week.shifts.height > 0
    ([], [], True)
    """
    with watching(progress) as call:
        parts = _wfm.schedule_files(
            os.fspath(scenario),
            given(forecast),
            group,
            None if week_start is None else _date_text(week_start),
            channel,
            time_limit,
            gap,
            None if output is None else os.fspath(output),
            call,
        )
    shifts, activities, coverage, hours, report, violations, schedule = parts
    return ScheduleResult(
        shifts=_read(shifts),
        activities=_read(activities),
        coverage=_read(coverage),
        agent_hours=_read(hours),
        report=ScheduleReport.from_dict(json.loads(report)),
        violations=list(violations),
        schedule_json=schedule,
    )


@checked
def validate_schedule(scenario: PathLike, schedule: Union[PathLike, ScheduleResult]) -> List[str]:
    """The violations of ``scenario``'s rules in ``schedule`` (empty: every rule holds),
    as ``wfm schedule validate``: agent, date, rule and numbers in each sentence.

    ``schedule`` is a schedule JSON file path, the JSON text itself (a string starting
    with ``{``) or a :class:`ScheduleResult`.

    Raises :class:`wfm.InvalidInputError` for a bad scenario or JSON that is not a
    schedule (with line and column).

    >>> import wfm
    >>> found = wfm.validate_schedule("data/scenarios/schedule_example.toml", '{"agents": []}')
    >>> found[0]  # nobody scheduled: the group's minimum staff is not met
    'Day team 2026-03-02 MinimumStaff: 12:00–12:30 UTC: 0.00 productive agents, minimum 2'
    >>> [v for v in found if v.startswith("ana ")][0]
    'ana 2026-03-02 WeeklyMinHours: week of 2026-03-02: 0 h is below min 30 h'
    """
    if isinstance(schedule, ScheduleResult):
        schedule = schedule.schedule_json
    if isinstance(schedule, str) and schedule.lstrip().startswith("{"):  # no file written
        return list(_wfm.validate_schedule_text(os.fspath(scenario), schedule))
    return list(_wfm.validate_schedule_file(os.fspath(scenario), os.fspath(schedule)))
