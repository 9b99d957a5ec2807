"""The planning workspace: one SQLite file holding a team's queues, forecast groups and
history (later forecasts, plans and schedules), shared with the ``wfm`` command line.

>>> import tempfile, pathlib, wfm
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.wfm"
>>> ws = wfm.Workspace.create(path, interval=30, time_zone="America/New_York")
>>> ws.create_group("Service", ["1002"])
['1002']
>>> ws.interval, ws.time_zone
(30, 'America/New_York')
>>> wfm.Workspace(path).groups()
{'Service': ['1002']}

Every change is one transaction: an import with any error raises
:class:`wfm.InvalidInputError` listing each problem as ``FILE:LINE: COLUMN: reason``
(``error.to_frame()`` gives them as a table) and leaves the workspace as it was.
"""

from __future__ import annotations

import datetime as _dt
import os
import warnings as _warnings
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Tuple, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked_methods, when
from wfm._display import same, summary_html
from wfm._frames import given
from wfm.documents import (
    _frame,
    ForecastOverrides,
    Forecasts,
    FteLoads,
    Plans,
    ScheduleScenario,
    Schedules,
    Scenarios,
)

if TYPE_CHECKING:  # pragma: no cover
    from wfm.timeoff import TimeOff
    from wfm.access import Access
    import pandas as pd

__all__ = ["ImportResult", "Sufficiency", "Workspace"]

PathLike = Union[str, "os.PathLike[str]"]

class ImportResult(NamedTuple):
    """What an import stored: the new source (a one-row DataFrame like
    :meth:`Workspace.sources`), the ``(id, name)`` of queues met for the first time and
    the warnings (rows with an implausible volume, ``FILE:LINE: COLUMN: reason``: kept,
    but left out of forecasts). It shows as one line, compares by content and pickles."""

    source: pl.DataFrame
    new_queues: List[tuple]
    warnings: List[str] = []

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ImportResult):
            return NotImplemented
        return all(same(a, b) for a, b in zip(self, other))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __repr__(self) -> str:
        return (
            f"ImportResult(source {self.source_id}: {self.rows:,} rows, "
            f"{len(self.new_queues)} new queue(s), {len(self.warnings)} warning(s))"
        )

    def _repr_html_(self) -> str:
        first = self.source.row(0, named=True) if self.source.height else {}
        return summary_html(
            "History import",
            [(k, first[k]) for k in ("source", "file", "kind", "rows", "first", "last") if k in first]
            + [
                ("new queues", ", ".join(f"{i} {n}" for i, n in self.new_queues) or "—"),
                ("warnings", len(self.warnings)),
            ],
        )

    @property
    def source_id(self) -> int:
        """The id of the new source (for :meth:`Workspace.remove_source`).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.import_history("data/sample/intervals_30min.csv").source_id
        1
        """
        return int(self.source["source"][0])

    @property
    def rows(self) -> int:
        """History records stored.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.import_history("data/sample/daily.csv").rows
        2376
        """
        return int(self.source["rows"][0])


@checked_methods
class Workspace:
    """A planning workspace file, opened (``Workspace(path)``) or created
    (:meth:`Workspace.create`).

    Raises :class:`wfm.NotFoundError` if there is no workspace at ``path``.
    """

    def __init__(self, path: PathLike, actor: Optional[str] = None) -> None:
        self._ws = _wfm._Workspace(os.fspath(path))
        if actor is not None:
            _wfm.access_set_actor(self._ws, actor)

    @classmethod
    def create(
        cls, path: PathLike, interval: int, time_zone: Optional[str] = None
    ) -> "Workspace":
        """Creates a workspace file with its interval (15 or 30 minutes, immutable) and
        time zone (an IANA name; UTC by default). Fails if the file exists.

        >>> import tempfile, pathlib, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "plan.wfm", interval=30)
        >>> ws.interval, ws.time_zone
        (30, 'UTC')
        """
        self = cls.__new__(cls)
        self._ws = _wfm._Workspace.create(os.fspath(path), interval, time_zone)
        return self

    @staticmethod
    def upgrade(path: PathLike) -> Optional[Tuple[int, int]]:
        """Upgrades the workspace file at ``path`` to this wfm's schema, in one
        transaction, and returns the schema versions ``(before, after)`` (``None`` if it
        was current). ``Workspace(path)`` refuses an older schema rather than upgrading
        it silently; older wfm versions cannot open the file afterwards.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> wfm.Workspace.upgrade(ws.path) is None  # already current
        True
        """
        return _wfm._Workspace.upgrade(os.fspath(path))

    def __repr__(self) -> str:
        return f"Workspace({self.path!r}, interval={self.interval}, time_zone={self.time_zone!r})"

    @property
    def path(self) -> str:
        """The workspace file.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.path.endswith("sample.wfm")
        True
        """
        return self._ws.settings()[0]

    @property
    def interval(self) -> int:
        """The interval in minutes (15 or 30).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.interval
        30
        """
        return self._ws.settings()[1]

    @property
    def time_zone(self) -> str:
        """The IANA time zone schedules are shown in (history stays UTC).

        >>> import tempfile, pathlib, wfm
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.wfm"
        >>> wfm.Workspace.create(path, interval=15, time_zone="Europe/Berlin").time_zone
        'Europe/Berlin'
        """
        return self._ws.settings()[2]

    # queues and forecast groups -----------------------------------------------------

    def queues(self) -> pl.DataFrame:
        """Every queue: ``id``, ``name``, ``active``, ``channels`` (``VOICE,CHAT``),
        ``group`` (null when in no forecast group) and ``time_zone`` (null: the
        workspace's).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.queues().select("id", "name", "group").rows()
        [('1001', 'Sales', 'Sales'), ('1002', 'Support', None), ('1003', 'Billing', None)]
        """
        return _frame(self._ws.queues())

    def set_queue_time_zone(self, queue: str, time_zone: Optional[str] = None) -> None:
        """Sets the IANA time zone a queue's intraday pattern is forecast in
        (``None``: the workspace's); the next forecast computation uses it.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.set_queue_time_zone("1001", "America/New_York")
        >>> ws.queues()["time_zone"][0]
        'America/New_York'
        """
        self._ws.set_queue_time_zone(queue, time_zone)

    def set_queue_active(self, queue: str, active: bool = True) -> None:
        """Deactivates (``active=False``) or reactivates a queue; it may stay in its group.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.set_queue_active("1003", active=False)
        >>> ws.queues()["active"].to_list()
        [True, True, False]
        """
        self._ws.set_queue_active(queue, active)

    def groups(self) -> Dict[str, List[str]]:
        """Every forecast group: name → queue ids.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.groups()
        {'Sales': ['1001']}
        """
        return dict(self._ws.groups())

    def create_group(self, name: str, queues: List[str]) -> List[str]:
        """Creates a forecast group of ``queues`` (each in no other group; a single
        string is one queue); returns the queue ids the workspace did not know yet.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.create_group("Service", ["1002", "1003"])
        ['1002', '1003']
        >>> ws.groups()
        {'Service': ['1002', '1003']}
        """
        return self._ws.create_group(name, queues)

    def edit_group(
        self,
        name: str,
        *,
        add: Optional[List[str]] = None,
        remove: Optional[List[str]] = None,
        rename: Optional[str] = None,
    ) -> List[str]:
        """Adds or removes queues, or renames a group (this changes the history baseline
        of its forecasts); returns newly registered queue ids.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.edit_group("Sales", add=["1003"], rename="Sales and billing")
        []
        >>> ws.groups()
        {'Sales and billing': ['1001', '1003']}
        """
        return self._ws.edit_group(name, list(add or []), list(remove or []), rename)

    def delete_group(self, name: str) -> None:
        """Deletes a forecast group; its queues become unassigned.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.delete_group("Sales")
        >>> ws.groups()
        {}
        """
        self._ws.delete_group(name)

    # history ------------------------------------------------------------------------

    def import_history(
        self,
        path: Union[PathLike, pl.DataFrame, pl.LazyFrame, "pd.DataFrame"],
        raw: Optional[str] = None,
    ) -> ImportResult:
        """Loads a history CSV (docs/formats/history-csv.md) as a new source, all or nothing; the newest
        source wins record by record. ``.jsonl``/``.ndjson`` files are raw contact
        records; ``raw="csv"`` reads a CSV of raw contact records (docs/formats/raw-contacts.md).

        ``path`` may be a DataFrame (polars, pandas, LazyFrame) with the history CSV's
        columns instead: it crosses as Arrow, no file is written, and its errors name
        ``<dataframe>``. A zoned ``TimeStamp`` (polars ``Datetime(time_zone=...)``, pandas
        tz-aware) is converted to UTC exactly; a naive one is read as UTC.

        Raises :class:`wfm.InvalidInputError` listing every problem of the file.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> result = ws.import_history("data/sample/intervals_30min.csv")
        >>> result.rows, result.new_queues
        (114336, [('1001', 'Sales'), ('1002', 'Support'), ('1003', 'Billing')])
        """
        row, new, warnings = self._ws.import_history(given(path), raw)
        for w in warnings:
            _warnings.warn(w, UserWarning, stacklevel=2)
        return ImportResult(_frame(row), list(new), list(warnings))

    def sources(self) -> pl.DataFrame:
        """The loaded history sources in load order: ``source`` (id), ``file``, ``kind``,
        ``rows``, ``first``/``last`` record start, ``contacts``, ``loaded_at``.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> _ = ws.import_history("data/sample/daily.csv")
        >>> ws.sources().select("source", "kind", "rows").rows()
        [(1, ...), (2, ...)]
        """
        return _frame(self._ws.sources())

    def remove_source(self, source_id: int) -> pl.DataFrame:
        """Removes a source: what it covered falls back, record by record, to the next
        most recent source. Returns the removed source's row.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> daily = ws.import_history("data/sample/daily.csv")
        >>> ws.remove_source(daily.source_id)["rows"].to_list()
        [2376]
        >>> ws.sources().height
        1
        """
        return _frame(self._ws.remove_source(source_id))

    def history(self, group: Optional[str] = None, queue: Optional[str] = None) -> pl.DataFrame:
        """The effective history baseline (every queue, a group's, or one queue's) with the
        history CSV columns, ``TimeStamp`` as a UTC datetime in microseconds (the one
        timestamp type of every frame wfm returns).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> df = ws.history(queue="1001")
        >>> df.height, str(df["TimeStamp"].dtype)
        (38112, "Datetime(time_unit='us', time_zone='UTC')")
        """
        return _frame(self._ws.history_frame(group, queue))

    def export_history(
        self, path: PathLike, group: Optional[str] = None, queue: Optional[str] = None
    ) -> int:
        """Writes the effective baseline to a ``.csv`` (the history CSV format, imports back as is) or
        ``.parquet`` file; returns the rows written.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> ws.export_history(ws.path + ".sales.csv", group="Sales")
        38112
        """
        return self._ws.export_history(os.fspath(path), group, queue)

    def check_sufficiency(
        self, group: Optional[str] = None, as_of: Union[str, _dt.date, None] = None
    ) -> "Sufficiency":
        """Data sufficiency (docs/rules/data-sufficiency.md) over the queues of every forecast group (or one
        group) as of a date ``YYYY-MM-DD`` (default now), short- and long-term.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="group")
        >>> _ = ws.import_history("data/sample/daily.csv")
        >>> check = ws.check_sufficiency("Sales", as_of="2024-08-01")
        >>> check.passed, sorted(check.report)[:2]
        (True, ['groups', 'long_term'])
        """
        import json

        passed, report, text = self._ws.check_sufficiency(group, when(as_of))
        return Sufficiency(passed, json.loads(report), text)

    # -- the stored documents: one handle per kind (wfm.documents) ---------------------

    @property
    def forecasts(self) -> Forecasts:
        """The forecasts of every forecast group (compute, publish, get, list, …).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.forecasts.list().height
        0
        """
        return Forecasts(self._ws)

    @property
    def overrides(self) -> ForecastOverrides:
        """The forecast groups' override files (import_, list, delete, template).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.overrides.list().height
        0
        """
        return ForecastOverrides(self._ws)

    @property
    def scenarios(self) -> Scenarios:
        """The capacity-plan scenarios (create, list, get, edit, delete).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.scenarios.list().height
        0
        """
        return Scenarios(self._ws)

    @property
    def fte_loads(self) -> FteLoads:
        """The FTE and shrinkage loads (import_, list).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.fte_loads.list().height
        0
        """
        return FteLoads(self._ws)

    @property
    def plans(self) -> Plans:
        """The capacity plans (create, list, get, override, rerun, publish, export).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.plans.list().height
        0
        """
        return Plans(self._ws)

    @property
    def schedule_scenario(self) -> ScheduleScenario:
        """The scheduling configuration (import_, export, blocks).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.schedule_scenario.import_("data/scenarios/schedule_example.toml")
        1
        """
        return ScheduleScenario(self._ws)

    @property
    def schedules(self) -> Schedules:
        """The schedules (create, list, get, publish, delete, export, agent_view).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.schedules.list().height
        0
        """
        return Schedules(self._ws)

    @property
    def time_off(self) -> "TimeOff":
        """Time off, overtime and VTO (allowances, balances, requests, offers).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.time_off.offers().height
        0
        """
        from wfm.timeoff import TimeOff

        return TimeOff(self._ws)

    def as_actor(self, actor: str) -> "Workspace":
        """The same workspace file, opened anew to act as ``actor`` (their roles and
        scope apply; their changes are audited under that name).

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.as_actor("sam").actor
        'sam'
        """
        return Workspace(self.path, actor=actor)

    @property
    def actor(self) -> str:
        """Who this workspace acts as (default ``$WFM_ACTOR``, else the login).

        >>> import pathlib, tempfile, wfm
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "w.wfm"
        >>> _ = wfm.Workspace.create(p, interval=30)
        >>> wfm.Workspace(p, actor="ann").actor
        'ann'
        """
        return _wfm.access_actor(self._ws)

    @property
    def access(self) -> "Access":
        """Users, roles and scopes of this workspace (see :mod:`wfm.access`).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="workspace")
        >>> ws.access.users().height
        0
        """
        from wfm.access import Access

        return Access(self._ws)

    def audit(
        self,
        actor: Optional[str] = None,
        operation: Optional[str] = None,
        target: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
    ) -> "pl.DataFrame":
        """The audit log: every change with ``seq``, ``at``, ``actor``, ``operation``,
        ``target`` and ``detail``, filtered (see :func:`wfm.access.audit`).

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> _ = ws.create_group("Sales", ["1001"])
        >>> ws.audit(operation="group.")["target"].to_list()
        ['forecast group Sales']
        """
        from wfm.access import audit

        return audit(self, actor, operation, target, since, until)


class Sufficiency(NamedTuple):
    """The data-sufficiency check: ``passed``, the full ``report`` (a dict with the
    numbers of every rule, short- and long-term) and its ``text`` as the CLI prints it.
    Its repr is the verdict per horizon, each line cut at 150 characters (``str()`` is
    the whole text).

    >>> print(repr(Sufficiency(True, {}, "enough data for the short-term forecast")))
    Sufficiency(passed=True
      enough data for the short-term forecast)
    """

    passed: bool
    report: dict
    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        lines = [
            line if len(line) <= 150 else line[:149] + "…" for line in self.text.splitlines()
        ]
        return f"Sufficiency(passed={self.passed}\n" + "\n".join(f"  {l}" for l in lines) + ")"

    def _repr_html_(self) -> str:
        rows: List[Tuple[str, object]] = [("passed", self.passed)]
        rows += [(f"check {i + 1}", line) for i, line in enumerate(self.text.splitlines())]
        return summary_html("Data sufficiency", rows)
