"""The stored documents of a :class:`wfm.Workspace`, one handle per kind with the same
verbs as the Rust library (``wfm::workspace``) and the ``wfm`` command line: ``list``,
``get``, ``create``/``compute``/``import_``, ``publish``, ``delete``, ``export`` and the
kind's own (``compare``, ``backtest``, ``refresh``, ``override``, ``rerun``,
``agent_view``). Listings are polars DataFrames whose columns the Rust side defines;
instants are UTC datetimes.

>>> import wfm
>>> ws = wfm.demo.sample_workspace(until="plan")  # see wfm.demo for the stages
>>> ws.forecasts.list().height, ws.plans.list().height, ws.schedules.list().height
(2, 1, 0)
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked_methods, when
from wfm._frames import days, given, instants, table
from wfm._progress import Progress, watching
from wfm.publishing import SchedulePublishing
from wfm.reports import ScheduleSummary
from wfm.schedule_edit import ScheduleEditing

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ForecastOverrides",
    "Forecasts",
    "FteLoads",
    "Plans",
    "ScheduleScenario",
    "Schedules",
    "Scenarios",
]

PathLike = Union[str, "os.PathLike[str]"]


def _frame(data: object) -> pl.DataFrame:
    """A table of the extension (an Arrow table), its instants ``Datetime("us", "UTC")``."""
    return table(data)


#: The day columns of a plan's periods and hiring plan (``pl.Date``).
_PLAN_DAYS = ("period_start", "period_end", "week_start")


class _Handle:
    """A kind of document of one workspace (the Rust ``_Workspace``)."""

    def __init__(self, ws: "_wfm._Workspace") -> None:
        self._ws = ws

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._ws.settings()[0]!r}>"


@checked_methods
class Forecasts(_Handle):
    """The forecasts of every forecast group: per group and kind (``"short"``,
    ``"long"``) the last computed and the last published version
    (``wfm forecast …``).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="short_draft")
    >>> ws.forecasts.list().select("group", "kind", "status").rows()
    [('Sales', 'short', 'draft')]
    """

    def list(self) -> pl.DataFrame:
        """Every forecast version: id, group, kind, status, created, published, from, to,
        series, models, volume.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.list().select("id", "group", "kind", "status").rows()
        [(1, 'Sales', 'short', 'draft')]
        """
        return _frame(_wfm.forecasts_list(self._ws))

    def compute(
        self,
        group: str,
        kind: str,
        weeks: Optional[int] = None,
        start: Union[str, _dt.date, None] = None,
    ) -> int:
        """Computes the group's ``"short"`` or ``"long"`` forecast of ``weeks`` weeks
        (default 18 short, 78 long) from the workspace history, from ``start``
        (``YYYY-MM-DD[THH:MM:SSZ]``, default after the history); it replaces the last
        computed (unpublished) version. Returns the document id.

        The arguments come in the order of :func:`wfm.forecast` (``kind, weeks,
        start``); the former order ``compute(group, kind, start, weeks)`` with a
        positional ``start`` works for one release, with a ``DeprecationWarning``.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.forecasts.compute("Sales", "short", weeks=1)
        1
        >>> ws.forecasts.list()["status"].to_list()
        ['draft']
        """
        return _wfm.forecasts_compute(self._ws, group, kind, when(start), weeks)

    def publish(self, group: str, kind: str) -> int:
        """Publishes the last computed forecast (the previous published one is deleted
        unless a published plan or schedule uses it); returns its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.publish("Sales", "short")
        1
        >>> ws.forecasts.list()["status"].to_list()
        ['published']
        """
        return _wfm.forecasts_publish(self._ws, group, kind)

    def get(
        self, group: str, kind: str, published: bool = False, overrides: bool = True
    ) -> pl.DataFrame:
        """The last computed (or published) forecast, with the group's overrides unless
        ``overrides=False``: the forecast CSV's columns plus P10/P50/P90, ``TimeStamp``
        as a UTC datetime.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> df = ws.forecasts.get("Sales", "short")
        >>> df.height, df.columns[-3:]
        (672, ['P10', 'P50', 'P90'])
        """
        data = _wfm.forecasts_get(self._ws, group, kind, published, overrides)
        return instants(table(data), ["TimeStamp"])

    def delete(self, group: str, kind: str, published: bool = False) -> int:
        """Deletes the last computed draft (or, ``published=True``, the last published
        forecast); refused while a published plan or schedule uses it. Returns its id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.delete("Sales", "short")
        1
        >>> ws.forecasts.list().height
        0
        """
        return _wfm.forecasts_delete(self._ws, group, kind, published)

    def compare(self, group: str, kind: str) -> pl.DataFrame:
        """Last computed vs last published totals per queue × channel, and actuals vs
        each where history overlaps (steps, actual, WAPE, bias).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> _ = ws.forecasts.publish("Sales", "short")
        >>> _ = ws.forecasts.compute("Sales", "short", weeks=1)
        >>> ws.forecasts.compare("Sales", "short").select("queue", "channel").rows()
        [('1001', ...)...]
        """
        return _frame(_wfm.forecasts_compare(self._ws, group, kind))

    def export(
        self,
        group: str,
        kind: str,
        path: PathLike,
        published: bool = False,
        overrides: bool = True,
    ) -> int:
        """Writes the forecast download CSV (round-trips as an override file); returns
        the rows written.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.export("Sales", "short", ws.path + ".forecast.csv")
        672
        """
        return _wfm.forecasts_export(
            self._ws, group, kind, os.fspath(path), published, overrides
        )

    def backtest(self, group: str, kind: str) -> pl.DataFrame:
        """Rolling-origin backtests per series from the workspace history: WAPE, MASE,
        bias and P10–P90 coverage.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.backtest("Sales", "short").height > 0
        True
        """
        return _frame(_wfm.forecasts_backtest(self._ws, group, kind))

    def refresh(self) -> pl.DataFrame:
        """Recomputes what is due (short-term daily, long-term weekly on the weekday it
        was created, any forecast whose history or group queues changed): one row per
        group and kind with the reason (empty: up to date) and any error.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.forecasts.refresh().columns
        ['group', 'kind', 'reason', 'error']
        """
        return _frame(_wfm.forecasts_refresh(self._ws))


@checked_methods
class ForecastOverrides(_Handle):
    """Each forecast group's override file: the forecast download's columns, the
    planner's volumes and handle times replacing the forecast's (``wfm forecast
    override``). An upload wholly replaces the previous file.

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="short_draft")
    >>> fc = ws.forecasts.get("Sales", "short").head(1).drop("P10", "P50", "P90")
    >>> ws.overrides.import_("Sales", fc.with_columns(IncomingContactVolume=500))
    1
    >>> ws.overrides.list().select("group", "rows").rows()
    [('Sales', 1)]
    """

    def list(self) -> pl.DataFrame:
        """Every group's override file: id, group, file, rows, created.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.overrides.list().columns
        ['id', 'group', 'file', 'rows', 'created']
        """
        return _frame(_wfm.overrides_list(self._ws))

    def import_(
        self, group: str, overrides: Union[PathLike, pl.DataFrame, pl.LazyFrame, "pd.DataFrame"]
    ) -> int:
        """Stores the group's override file (a path, or a DataFrame with the forecast
        CSV's columns); it wholly replaces the previous one. Raises
        :class:`wfm.InvalidInputError` naming every problem, storing nothing. Returns the
        rows stored.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> fc = ws.forecasts.get("Sales", "short").head(1).drop("P10", "P50", "P90")
        >>> ws.overrides.import_("Sales", fc.with_columns(IncomingContactVolume=500))
        1
        >>> ws.forecasts.get("Sales", "short")["IncomingContactVolume"][0]
        500.0
        """
        if not isinstance(overrides, (str, os.PathLike)):  # a frame, crossing as Arrow
            return _wfm.overrides_import(self._ws, group, "<dataframe>", given(overrides))
        with open(os.fspath(overrides), encoding="utf-8") as f:
            text = f.read()
        return _wfm.overrides_import(self._ws, group, os.fspath(overrides), text)

    def delete(self, group: str) -> int:
        """Removes the group's override file; returns its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> fc = ws.forecasts.get("Sales", "short").head(1).drop("P10", "P50", "P90")
        >>> _ = ws.overrides.import_("Sales", fc.with_columns(IncomingContactVolume=500))
        >>> _ = ws.overrides.delete("Sales")
        >>> ws.forecasts.get("Sales", "short")["IncomingContactVolume"][0] == 500.0
        False
        """
        return _wfm.overrides_delete(self._ws, group)

    def template(self, group: str) -> str:
        """The template of the group's next override file: the last uploaded file, else
        the forecast CSV's header only.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="short_draft")
        >>> ws.overrides.template("Sales").splitlines()[0].split(",")[:2]
        ['QueueName', 'QueueId']
        """
        return _wfm.overrides_template(self._ws, group)


@checked_methods
class Scenarios(_Handle):
    """The capacity-plan scenarios: TOML as written (as
    ``data/scenarios/capacity_base.toml``), for one forecast group or ``"*"`` for every
    group (``wfm plan scenario …``).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="workspace")
    >>> ws.scenarios.create("data/scenarios/capacity_base.toml")
    'Base 2025'
    >>> ws.scenarios.list().select("name", "group").rows()
    [('Base 2025', '*')]
    """

    def list(self) -> pl.DataFrame:
        """Every scenario: id, name, group, description, created.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> _ = ws.scenarios.create("data/scenarios/capacity_base.toml")
        >>> ws.scenarios.list().select("name", "group").rows()
        [('Base 2025', '*')]
        """
        return _frame(_wfm.scenarios_list(self._ws))

    def create(self, path: PathLike, group: str = "*") -> str:
        """Stores a scenario TOML file for a group (``"*"``: every group); returns its
        name. Raises :class:`wfm.InvalidInputError` naming the line and field of a bad
        value.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.scenarios.create("data/scenarios/capacity_base.toml")
        'Base 2025'
        """
        return _wfm.scenarios_create(self._ws, os.fspath(path), group)

    def get(self, name: str, group: str = "*") -> str:
        """The TOML of the scenario ``name`` a plan of ``group`` uses (the group's own,
        else the one for every group).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> _ = ws.scenarios.create("data/scenarios/capacity_base.toml")
        >>> 'name = "Base 2025"' in ws.scenarios.get("Base 2025")
        True
        """
        return _wfm.scenarios_get(self._ws, name, group)

    def edit(self, name: str, path: PathLike, group: str = "*") -> int:
        """Replaces the TOML of the scenario ``name`` (its ``name`` must stay); returns
        its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> _ = ws.scenarios.create("data/scenarios/capacity_base.toml")
        >>> ws.scenarios.edit("Base 2025", "data/scenarios/capacity_base.toml")
        1
        """
        return _wfm.scenarios_edit(self._ws, name, os.fspath(path), group)

    def delete(self, name: str, group: str = "*") -> int:
        """Deletes a scenario (refused while a published plan uses it); returns its
        document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> _ = ws.scenarios.create("data/scenarios/capacity_base.toml")
        >>> ws.scenarios.delete("Base 2025")
        1
        >>> ws.scenarios.list().height
        0
        """
        return _wfm.scenarios_delete(self._ws, name, group)


@checked_methods
class FteLoads(_Handle):
    """The FTE and shrinkage loads of the forecast groups (the newest load of a group is
    the one plans use; ``wfm plan fte import``).

    >>> import pathlib, wfm
    >>> ws = wfm.demo.sample_workspace(until="scenario")
    >>> fte = ws.path + ".fte.csv"
    >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
    ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
    >>> ws.fte_loads.import_(fte)["group"].to_list()
    ['Sales']
    """

    def list(self) -> pl.DataFrame:
        """Every load: id, group, summary, created.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="fte")
        >>> ws.fte_loads.list().select("group", "summary").rows()
        [('Sales', '1 day(s), 2024-08-05 to 2024-08-05')]
        """
        return _frame(_wfm.fte_loads_list(self._ws))

    def import_(
        self, path: Union[PathLike, pl.DataFrame, pl.LazyFrame, "pd.DataFrame"]
    ) -> pl.DataFrame:
        """Imports the FTE and shrinkage CSV (every FORECAST_GROUP must be a group of the
        workspace; nothing is stored on error); one row per group loaded. ``path`` may be
        a DataFrame (polars, pandas, LazyFrame) with the CSV's columns, ``Date`` as
        dates or instants (naive ones are UTC).

        >>> import pathlib, wfm
        >>> ws = wfm.demo.sample_workspace(until="scenario")
        >>> fte = ws.path + ".fte.csv"
        >>> _ = pathlib.Path(fte).write_text("FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,"
        ...     "OUT_OFFICE_SHRINKAGE\\nSales,2024-08-05T00:00:00Z,40,0.1,0.1\\n")
        >>> ws.fte_loads.import_(fte).select("group").rows()
        [('Sales',)]
        """
        return _frame(_wfm.fte_loads_import(self._ws, given(path)))


@checked_methods
class Plans(_Handle):
    """The capacity plans, each named uniquely: created from the group's latest
    published forecasts, a scenario and the group's latest FTE load; a draft may be
    overridden and re-run, a published plan is final (``wfm plan …``).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="plan")
    >>> ws.plans.list().select("name", "group", "status").rows()
    [('Budget', 'Sales', 'draft')]
    """

    def list(self) -> pl.DataFrame:
        """Every plan: id, name, group, status, created, published, summary.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> ws.plans.list().select("name", "group", "status").rows()
        [('Budget', 'Sales', 'draft')]
        """
        return _frame(_wfm.plans_list(self._ws))

    def create(
        self,
        name: str,
        group: str,
        scenario: str,
        start: Union[str, _dt.date],
        weeks: int = 78,
        description: str = "",
    ) -> int:
        """Creates a plan from the group's latest published long- and short-term
        forecasts, the scenario and the group's latest FTE load; returns its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="fte")
        >>> plan_id = ws.plans.create("Budget", "Sales", "Base 2025", "2024-08-05", weeks=4)
        >>> ws.plans.list()["id"].to_list() == [plan_id]
        True
        """
        return _wfm.plans_create(self._ws, name, group, scenario, when(start), weeks, description)

    def get(self, name: str, monthly: bool = False) -> pl.DataFrame:
        """A plan's weeks (or months) with the columns of ``plan_weekly.csv``,
        ``period_start`` and ``period_end`` as dates.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> [str(d) for d in ws.plans.get("Budget")["period_start"]]
        ['2024-08-05', '2024-08-12', '2024-08-19', '2024-08-26']
        >>> [str(d) for d in ws.plans.get("Budget", monthly=True)["period_start"]]
        ['2024-08-05', '2024-09-01']
        """
        periods, _ = _wfm.plans_get(self._ws, name, monthly)
        return days(table(periods), _PLAN_DAYS)

    def hiring(self, name: str) -> Optional[pl.DataFrame]:
        """A plan's hiring plan week by week (``None`` without a ``[hiring]`` policy).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> ws.plans.hiring("Budget") is None  # the scenario has no [hiring] policy
        True
        """
        _, hiring = _wfm.plans_get(self._ws, name, False)
        return None if hiring is None else days(table(hiring), _PLAN_DAYS)

    def override(self, name: str, path: PathLike) -> int:
        """Overrides a draft plan's required FTE without shrinkage from an override CSV;
        dependent rows recompute, the computed values stay in ``required_fte_original``.
        Returns its document id.

        >>> import pathlib, wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> override = ws.path + ".override.csv"
        >>> _ = pathlib.Path(override).write_text("2024-08-12\\n50\\n")  # week starts, then required FTE
        >>> _ = ws.plans.override("Budget", override)
        >>> ws.plans.get("Budget")["required_fte"][1]
        50.0
        """
        return _wfm.plans_override(self._ws, name, os.fspath(path))

    def rerun(
        self,
        name: str,
        start: Union[str, _dt.date, None] = None,
        weeks: Optional[int] = None,
        scenario: Optional[str] = None,
    ) -> int:
        """Re-runs a draft plan with a new start, weeks or scenario, or to pick up a newer
        published forecast; refused when nothing changed. Returns its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> _ = ws.plans.rerun("Budget", weeks=2)
        >>> ws.plans.get("Budget").height
        2
        """
        return _wfm.plans_rerun(self._ws, name, when(start), weeks, scenario)

    def publish(self, name: str) -> int:
        """Publishes a plan: final, immutable. Returns its document id.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> _ = ws.plans.publish("Budget")
        >>> ws.plans.list()["status"].to_list()
        ['published']
        """
        return _wfm.plans_publish(self._ws, name)

    def export(self, name: str, output: PathLike) -> List[str]:
        """Writes ``plan_weekly.csv``, ``plan_monthly.csv`` and ``plan.xlsx`` into the
        folder ``output``; returns their paths.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.demo.sample_workspace(until="plan")
        >>> [pathlib.Path(p).name for p in ws.plans.export("Budget", tempfile.mkdtemp())]
        ['plan_weekly.csv', 'plan_monthly.csv', 'plan.xlsx']
        """
        return _wfm.plans_export(self._ws, name, os.fspath(output))


@checked_methods
class ScheduleScenario(_Handle):
    """The scheduling configuration: activities, shift profiles, staffing groups, staff
    rules and the request, as one scenario file (as
    ``data/scenarios/schedule_example.toml``; ``wfm schedule scenario …``).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="schedule_scenario")
    >>> ws.schedule_scenario.blocks()["staffing groups"]
    ['Day team', 'Evening team']
    """

    def import_(self, path: PathLike) -> int:
        """Imports a scheduling scenario TOML as the workspace's scheduling
        configuration; returns its document id. Raises :class:`wfm.WfmError` naming the
        item and field of a bad value (nothing stored).

        >>> import pathlib, wfm
        >>> ws = wfm.demo.sample_workspace(until="support_forecast")
        >>> toml = pathlib.Path(ws.path + ".toml")  # the example configuration, moved to this history's week
        >>> _ = toml.write_text(pathlib.Path("data/scenarios/schedule_example.toml").read_text()
        ...     .replace("2026-03-02", "2024-08-05").replace("2026-03-08", "2024-08-11"))
        >>> ws.schedule_scenario.import_(toml)
        2
        """
        return _wfm.schedule_scenario_import(self._ws, os.fspath(path))

    def export(self, path: Optional[PathLike] = None) -> str:
        """The scheduling configuration as scenario TOML (imports back unchanged);
        also written to ``path`` when given.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule_scenario")
        >>> 'forecast_group = "Support"' in ws.schedule_scenario.export()
        True
        """
        return _wfm.schedule_scenario_export(self._ws, None if path is None else os.fspath(path))

    def blocks(self) -> Dict[str, List[str]]:
        """The configuration's building blocks: names per kind (``activities``,
        ``profiles``, ``staffing groups``, ``staff rules``, ``agents``).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule_scenario")
        >>> ws.schedule_scenario.blocks()["staffing groups"]
        ['Day team', 'Evening team']
        """
        return dict(_wfm.schedule_scenario_blocks(self._ws))


@checked_methods
class Schedules(ScheduleEditing, SchedulePublishing, _Handle):
    """The schedules: drafts generated from the configuration and the forecast group's
    published short-term forecast; a published schedule is what agents see
    (``wfm schedule …``).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="schedule")
    >>> ws.schedules.list().select("forecast_group", "status").rows()
    [('Support', 'draft')]
    """

    def list(self) -> pl.DataFrame:
        """Every schedule: id, name, forecast_group, staffing_groups, from, to (dates),
        status, created, published, summary.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> ws.schedules.list().select("forecast_group", "status").rows()
        [('Support', 'draft')]
        """
        return _frame(_wfm.schedules_list(self._ws))

    def create(
        self,
        group: Optional[str] = None,
        week_start: Union[str, _dt.date, None] = None,
        name: Optional[str] = None,
        channel: str = "VOICE",
        time_limit: float = 600.0,
        gap: float = 0.01,
        progress: Progress = None,
    ) -> int:
        """Generates a draft schedule from the configuration and the forecast group's
        published short-term forecast (default: the request's first staffing group and
        week); returns its id. The solver stops at ``time_limit`` seconds (600 by
        default, as for :func:`wfm.generate_schedule`) or at the relative ``gap``.

        ``progress=True`` shows a progress bar over the weeks (tqdm, when installed);
        ``progress=fn`` calls ``fn("scheduling weeks", done, total)`` after each. Ctrl-C
        stops the run after the week being solved: the draft holds the weeks done, its
        report marked stopped.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> ws.schedules.get(sid).status
        'draft'
        """
        with watching(progress) as call:
            return _wfm.schedules_create(
                self._ws, group, when(week_start), name, channel, time_limit, gap, call
            )

    def get(self, schedule_id: int) -> ScheduleSummary:
        """A schedule's summary (a :class:`wfm.reports.ScheduleSummary`): id, name,
        forecast_group, staffing_groups, from_date, to_date, status, created, published,
        summary, agents, agents_scheduled, shifts, paid_hours, short_intervals,
        unassigned_shifts, warnings, violations (what the validator finds now),
        forecast_id and scenario_id. It was a dict: ``summary["status"]`` still works
        for one release, with a ``DeprecationWarning``.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> s = ws.schedules.get(sid)
        >>> s.from_date, s.to_date, s.agents, s.shifts > 0
        ('2024-08-05', '2024-08-11', 16, True)
        """
        return ScheduleSummary.from_dict(_wfm.schedules_get(self._ws, schedule_id))

    def publish(self, schedule_id: int) -> List[int]:
        """Publishes a draft schedule (immutable; what agents see); returns the ids of the
        published schedules of the same forecast group, dates and staffing group it
        replaced.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> ws.schedules.publish(sid)  # it replaced no published schedule
        []
        >>> ws.schedules.get(sid).status
        'published'
        """
        return _wfm.schedules_publish(self._ws, schedule_id)

    def delete(self, schedule_id: int) -> None:
        """Deletes a draft schedule (a published one is refused).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> ws.schedules.delete(sid)
        >>> ws.schedules.list().height
        0
        """
        _wfm.schedules_delete(self._ws, schedule_id)

    def export(self, schedule_id: int, output: PathLike) -> List[str]:
        """Writes ``schedule.json``, ``shifts.csv``, ``activities.csv``, ``coverage.csv``,
        ``report.json`` and the configuration used (``scenario.toml``); returns the
        paths.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> sorted(pathlib.Path(p).name for p in ws.schedules.export(sid, tempfile.mkdtemp()))
        ['activities.csv', 'activities.parquet', 'agent_hours.csv', 'agent_hours.parquet', 'coverage.csv',
         'coverage.parquet', 'report.json', 'scenario.toml', 'schedule.json', 'schedule.xlsx', 'shifts.csv',
         'shifts.parquet']
        """
        return _wfm.schedules_export(self._ws, schedule_id, os.fspath(output))

    def agent_view(
        self,
        schedule_id: int,
        agent: str,
        date: Union[str, _dt.date, None] = None,
        week: Union[str, _dt.date, None] = None,
    ) -> pl.DataFrame:
        """An agent's shifts of a published schedule on their own clock (their staff
        rule's time zone, else the workspace's), for one local ``date`` or the seven days
        from ``week`` (default: the schedule's first week): day, start, end (local
        datetimes), zone, paid_hours, activities.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]  # the draft schedule
        >>> _ = ws.schedules.publish(sid)
        >>> week = ws.schedules.agent_view(sid, "ana")
        >>> week.columns, week["day"].min() >= __import__("datetime").date(2024, 8, 5)
        (['day', 'start', 'end', 'zone', 'paid_hours', 'activities'], True)
        """
        zone, data = _wfm.schedules_agent_view(self._ws, schedule_id, agent, when(date), when(week))
        df = _frame(data)
        return df.with_columns(pl.col(c).dt.convert_time_zone(zone) for c in ("start", "end"))


def _former_order(compute: Any) -> Any:
    """``compute`` also taking the former positional order ``(group, kind, start, weeks)``
    (a text in the place of ``weeks``), with a ``DeprecationWarning``."""

    @functools.wraps(compute)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if len(args) >= 3 and isinstance(args[2], (str, _dt.date)):
            warnings.warn(
                "compute(group, kind, start, weeks) is deprecated (removed in the next "
                "release): the order is compute(group, kind, weeks, start), as wfm.forecast; "
                "or name them: start=..., weeks=...",
                DeprecationWarning,
                stacklevel=2,
            )
            swapped = list(args)
            swapped[2:4] = [args[3] if len(args) > 3 else kwargs.pop("weeks", None), args[2]]
            args = tuple(swapped)
        return compute(self, *args, **kwargs)

    return wrapper


Forecasts.compute = _former_order(Forecasts.compute)  # type: ignore[method-assign]
