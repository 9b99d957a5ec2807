"""Shift schedules: one week of shifts with breaks and meals for the named
agents of a staffing group, meeting the scenario's service goal per interval with the
fewest shifts, every result checked by the independent validator.

:func:`generate_schedule` takes a scheduling scenario TOML (see
``data/scenarios/schedule_example.toml``) and a short-term forecast (a forecast CSV, or
a polars / pandas DataFrame with its columns, as :func:`wfm.forecast` returns) and
returns a :class:`ScheduleResult`: polars DataFrames of the shifts, the activities
placed in them, coverage per interval (with the projected service level, ASA and
occupancy) and paid hours per agent, day and week, the solver's
report and the validator's findings. :func:`validate_schedule` checks any schedule JSON
against a scenario's rules.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked
from wfm._progress import Progress, watching
from wfm.capacity import _as_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ScheduleResult", "generate_schedule", "validate_schedule"]

PathLike = Union[str, "os.PathLike[str]"]
Forecast = Union[PathLike, pl.DataFrame, "pd.DataFrame"]


@dataclass(frozen=True)
class ScheduleResult:
    """A generated week.

    ``shifts``, ``activities``, ``coverage`` and ``agent_hours`` are polars DataFrames
    (instants ``Datetime("ms", "UTC")``, schedule days ``Date``) with the columns and
    values of the CSVs ``wfm schedule generate`` writes (one definition gives both); ``report`` is the generator's report as a
    dict; ``violations`` the validator's findings (empty: every rule holds);
    ``schedule_json`` the schedule as ``wfm schedule validate`` and
    :func:`validate_schedule` read it.
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
    #: ``status``, ``objective``, ``lower_bound``, ``gap``, ``seconds``, ``agents``,
    #: ``shifts``, ``paid_hours``, ``unmet_intervals`` (UTC starts of the quarter hours
    #: short of the goal), ``warnings`` and ``weeks`` (per week the generator's own
    #: report: ``tours``, ``assignment``, ``required`` per quarter hour, ``pools``, ...).
    report: Dict[str, Any]
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
        return list(self.report.get("unmet_intervals", []))

    @property
    def stopped_early(self) -> bool:
        """Whether the run was stopped (Ctrl-C) before the request's last week: the
        schedule then holds the weeks done only, and ``report["warnings"]`` says so.

        >>> import wfm
        >>> def stop(stage, done, total):
        ...     raise KeyboardInterrupt  # what Ctrl-C does
        >>> fc = "data/scenarios/forecast_small.csv"
        >>> week = wfm.generate_schedule("data/scenarios/schedule_small.toml", fc, progress=stop)
        >>> week.stopped_early  # one week only: there was nothing left to stop
        False
        """
        return bool(self.report.get("stopped", False))


def _date_text(value: Union[_dt.date, str]) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _read(table: bytes) -> pl.DataFrame:
    """A table of the extension: Parquet bytes, instants marked as UTC."""
    df = pl.read_parquet(io.BytesIO(table))
    return df.with_columns(
        pl.col(c).dt.replace_time_zone("UTC")
        for c, t in df.schema.items()
        if isinstance(t, pl.Datetime) and t.time_zone is None
    )


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
    polars / pandas DataFrame with its columns (written to a temporary CSV and read as
    the file would be): the ``channel`` rows of every queue in it are summed per
    quarter hour, AHT weighted by volume. The solver stops at ``time_limit`` seconds or
    at the relative ``gap``; the best schedule found is returned. ``output`` also writes
    the schedule folder there (``schedule.json``, the four tables as ``.csv`` and
    ``.parquet``, ``schedule.xlsx`` and ``report.json``).

    The forecast must cover every day scheduled (00:00 to 24:00 UTC, zero rows where
    there are no contacts): else :class:`wfm.WfmError` names the days it lacks and
    nothing is solved. ``time_limit`` must be above 0 and finite, ``gap`` at least 0 and
    below 1. ``report["status"]`` is ``"optimal"`` only within the gap with the goal met
    and every rule kept (else ``"above_gap"``, ``"time_limit"``, ``"goal_missed"`` or
    ``"rules_broken"``).

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
    with tempfile.TemporaryDirectory(prefix="wfm-schedule-") as folder, watching(progress) as call:
        parts = _wfm.schedule_files(
            os.fspath(scenario),
            _as_file(forecast, folder, "forecast_short.csv"),
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
        report=json.loads(report),
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
    'Day team 2026-03-02 MinimumStaff: 12:00–12:30 UTC: -0.00 productive agents, minimum 2'
    >>> [v for v in found if v.startswith("ana ")][0]
    'ana 2026-03-02 WeeklyMinHours: week of 2026-03-02: 0 h is below min 30 h'
    """
    if isinstance(schedule, ScheduleResult):
        schedule = schedule.schedule_json
    if isinstance(schedule, str) and schedule.lstrip().startswith("{"):
        with tempfile.TemporaryDirectory(prefix="wfm-validate-") as folder:
            path = os.path.join(folder, "schedule.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(schedule)
            return list(_wfm.validate_schedule_file(os.fspath(scenario), path))
    return list(_wfm.validate_schedule_file(os.fspath(scenario), os.fspath(schedule)))
