"""Time off, overtime and voluntary time off of a workspace (``ws.time_off``; the
command line's ``wfm timeoff …`` and ``wfm overtime …``).

Group allowances and agent balances are uploaded as CSV (validated whole: every problem
raises :class:`wfm.InvalidInputError` with its line and column, nothing applied; a
refused request or answer raises :class:`wfm.TimeOffError`, whose ``reason`` names why);
balances are an append-only ledger; requests are evaluated against both in one
transaction and auto-approved when every touched slot has room and the balance covers
the deduction. Tables come back as polars DataFrames.

>>> import wfm
>>> ws = wfm.timeoff._example_workspace()
>>> ws.time_off.request("agent1", "VACAY_SK", "2026-12-15T00:00", "2026-12-16T00:00").status
'approved'
>>> ws.time_off.balances().row(0)
('agent1', 'VACAY_SK', 30.0, 24.5)
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import os
import pathlib
import tempfile
from typing import TYPE_CHECKING, List, NamedTuple, Optional, Sequence, Tuple, Union

import polars as pl

from wfm import _wfm

if TYPE_CHECKING:
    from wfm.workspace import Workspace

When = Union[str, _dt.datetime]

_CONFIGURATION = pathlib.Path(__file__).resolve().parents[3] / "data/scenarios/timeoff_example.toml"


def _utc(value: When) -> str:
    """A UTC time as the extension reads it (``2026-12-15T09:00:00``)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)


def _frame(text: str) -> pl.DataFrame:
    """A CSV table of the extension as a DataFrame, hour columns as floats."""
    df = pl.read_csv(io.StringIO(text), infer_schema_length=None)
    return df.with_columns(pl.col(c).cast(pl.Float64) for c in df.columns if "HOURS" in c)


@dataclasses.dataclass(frozen=True)
class ScheduleUpdate:
    """What a decision did to one published schedule, stored with the decision: the new
    ``version``, the agents whose shifts ``changed`` (one change record each in the
    outbox), the schedule rules they break now (``violations``: the decision stands, a
    supervisor mends them), what could not be placed (``notes``) and the service level
    (0–1) before and after, when the schedule has demand.

    >>> import wfm
    >>> ws = wfm.timeoff._example_workspace(published=True)
    >>> r = ws.time_off.request("agent1", "VACAY_SK", "2026-12-15T00:00", "2026-12-16T00:00")
    >>> u = r.schedule[0]
    >>> u.version, u.changed, u.violations
    (1, ('agent1',), ())
    """

    schedule: int
    version: int
    changed: Tuple[str, ...]
    violations: Tuple[str, ...]
    notes: Tuple[str, ...]
    service_level: Optional[Tuple[float, float]]


_UpdateRow = Tuple[int, int, List[str], List[str], List[str], Optional[Tuple[float, float]]]


def _updates(rows: Sequence[_UpdateRow]) -> Tuple[ScheduleUpdate, ...]:
    """The extension's schedule-edit tuples as :class:`ScheduleUpdate` values."""
    return tuple(
        ScheduleUpdate(s, v, tuple(c), tuple(vi), tuple(n), None if sl is None else (sl[0], sl[1]))
        for s, v, c, vi, n, sl in rows
    )


class Request(NamedTuple):
    """A request's outcome: its number, status, hours deducted, every failed rule with
    its numbers, and what it did to the published schedules (``schedule``: one
    :class:`ScheduleUpdate` per schedule edited, empty when none covers the days)."""

    id: int
    status: str
    hours: float
    failures: List[str]
    schedule: Tuple[ScheduleUpdate, ...] = ()


def _request(row: Tuple[int, str, float, List[str], List[_UpdateRow]]) -> Request:
    """The extension's request tuple as a :class:`Request`."""
    id, status, hours, failures, updates = row
    return Request(id, status, hours, failures, _updates(updates))


class Answered(str):
    """An answer's status (``"accepted"``, ``"full"``, …: a ``str``) carrying what the
    answer did to the published schedules (``schedule``: :class:`ScheduleUpdate` values).

    >>> import wfm
    >>> ws = wfm.timeoff._example_workspace(published=True)
    >>> o = ws.time_off.open_slots("overtime", "2026-12-15T14:00", "2026-12-15T16:00", "Phones", 1, group="Day team")
    >>> a = ws.time_off.answer(o, "ana")
    >>> a, a.schedule[0].changed
    ('accepted', ('ana',))
    """

    schedule: Tuple[ScheduleUpdate, ...]

    def __new__(cls, status: str, schedule: Tuple[ScheduleUpdate, ...] = ()) -> "Answered":
        self = super().__new__(cls, status)
        self.schedule = schedule
        return self


class TimeOff:
    """The time off, overtime and VTO of one workspace.

    >>> import wfm
    >>> ws = wfm.timeoff._example_workspace()
    >>> ws.time_off.allowances().height
    2
    """

    def __init__(self, ws: "_wfm._Workspace") -> None:
        self._ws = ws

    def __repr__(self) -> str:
        return "TimeOff()"

    def set_now(self, now: Optional[When]) -> None:
        """Fixes "now" (UTC) for what follows (tests, replays); ``None``: the system clock.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.set_now("2026-12-20T00:00")
        >>> ws.time_off.request("agent1", "VACAY_SK", "2026-12-15T08:00", "2026-12-15T09:00")
        Traceback (most recent call last):
        ...
        wfm._errors.TimeOffError: 2026-12-15 08:00:00 UTC is in the past (now is 2026-12-20 00:00:00 UTC): only a supervisor can record past time off
        """
        _wfm.time_off_set_now(self._ws, None if now is None else _utc(now))

    def import_allowances(self, csv: Union[str, os.PathLike]) -> int:
        """Validates a group allowance CSV (a path) whole and applies the slots it holds;
        returns the slots set (an empty value clears a slot's group check).

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> p = ws.path + ".a.csv"
        >>> _ = open(p, "w").write("FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,"
        ...     "GROUP_ALLOWANCE_IN_HOURS\\nSupport,VACAY_SK,2026-12-16T09:00:00,2026-12-16T10:00:00,3\\n")
        >>> ws.time_off.import_allowances(p)
        1
        """
        path = os.fspath(csv)
        text = pathlib.Path(path).read_text()
        return _wfm.time_off_import_allowances(self._ws, text, path)[0]

    def allowances(self, groups: Optional[List[str]] = None) -> pl.DataFrame:
        """The allowance slots with the last uploaded and the remaining hours.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.allowances()["GROUP_ALLOWANCE_IN_HOURS"].to_list()
        [4.4, 0.0]
        """
        return _frame(_wfm.time_off_allowances(self._ws, list(groups or [])))

    def import_balances(self, csv: Union[str, os.PathLike]) -> int:
        """Validates an agent balance CSV (a path) whole and applies it (one ledger line
        per row); returns the rows applied.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> p = ws.path + ".b.csv"
        >>> _ = open(p, "w").write("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\\nana,SICK_SK,12\\n")
        >>> ws.time_off.import_balances(p)
        1
        """
        path = os.fspath(csv)
        return _wfm.time_off_import_balances(self._ws, pathlib.Path(path).read_text(), path)

    def balances(self, as_of: Optional[When] = None) -> pl.DataFrame:
        """The snapshot: last uploaded and net balance per agent and activity (now, or
        replayed from the ledger as of ``as_of``).

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.balances().columns
        ['AGENT', 'TIME_OFF_ACTIVITY', 'LAST_UPLOADED_BALANCE_IN_HOURS', 'BALANCE_IN_HOURS']
        """
        return _frame(_wfm.time_off_balances(self._ws, None if as_of is None else _utc(as_of)))

    def ledger(self, agent: Optional[str] = None, until: Optional[When] = None) -> pl.DataFrame:
        """The ledger, one line per upload, deduction, re-credit or adjustment with who,
        when and why.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.ledger("agent1")["KIND"].to_list()
        ['upload']
        """
        return _frame(_wfm.time_off_ledger(self._ws, agent, None if until is None else _utc(until)))

    def adjust(self, agent: str, activity: str, hours: float, reason: str) -> float:
        """Adds ``hours`` (negative: takes) to a balance with a reason; returns the net.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.adjust("agent1", "VACAY_SK", -2, "correction")
        28.0
        """
        return _wfm.time_off_adjust(self._ws, agent, activity, float(hours), reason)

    def request(
        self,
        agent: str,
        activity: str,
        start: When,
        end: When,
        reason: str = "",
        supervisor: bool = False,
        override_rules: bool = False,
        waitlist: bool = False,
    ) -> Request:
        """Makes a request (UTC times); auto-approved when the rules allow. An unknown
        agent or activity, a type the agent may not request or an end before its start
        raise, changing nothing.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> r = ws.time_off.request("ana", "VACAY_SK", "2026-12-22T09:00", "2026-12-22T10:00")
        >>> r.status, r.failures
        ('denied', ['allowance of Support (VACAY_SK) 2026-12-22 09:00–10:00 is 0: the slot is blocked'])
        """
        return _request(
            _wfm.time_off_request(
                self._ws, agent, activity, _utc(start), _utc(end), reason, supervisor,
                override_rules, waitlist,
            )
        )

    def approve(self, id: int, override_rules: bool = False, note: str = "") -> Request:
        """Approves a pending or waitlisted request (its rules must hold unless
        ``override_rules``).

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> r = ws.time_off.request("dora", "VACAY_SK", "2026-12-15T09:00", "2026-12-15T10:00")
        >>> r.status, ws.time_off.approve(r.id).status
        ('pending', 'approved')
        """
        return _request(_wfm.time_off_decide(self._ws, id, "approve", override_rules, note))

    def deny(self, id: int, note: str = "") -> Request:
        """Denies a pending or waitlisted request.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> r = ws.time_off.request("dora", "VACAY_SK", "2026-12-15T09:00", "2026-12-15T10:00")
        >>> ws.time_off.deny(r.id, "busy week").status
        'denied'
        """
        return _request(_wfm.time_off_decide(self._ws, id, "deny", False, note))

    def cancel(self, id: int, note: str = "") -> Request:
        """Cancels a request; an approved one gives back exactly what it deducted.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> r = ws.time_off.request("agent1", "VACAY_SK", "2026-12-15T00:00", "2026-12-16T00:00")
        >>> ws.time_off.cancel(r.id).status, ws.time_off.balances().row(0)[3]
        ('cancelled', 30.0)
        """
        return _request(_wfm.time_off_decide(self._ws, id, "cancel", False, note))

    def requests(
        self,
        agent: Optional[str] = None,
        status: Optional[str] = None,
        start: Optional[When] = None,
        end: Optional[When] = None,
    ) -> pl.DataFrame:
        """The requests by agent name or login fragment, status and dates.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> _ = ws.time_off.request("ana", "VACAY_SK", "2026-12-22T09:00", "2026-12-22T10:00")
        >>> ws.time_off.requests(agent="AN", status="denied").select("ID", "AGENT").rows()
        [(1, 'ana')]
        """
        return _frame(
            _wfm.time_off_requests(
                self._ws, agent, status, None if start is None else _utc(start),
                None if end is None else _utc(end),
            )
        )

    def open_slots(
        self,
        kind: str,
        start: When,
        end: When,
        activity: str,
        slots: int,
        group: Optional[str] = None,
        agents: Optional[List[str]] = None,
        reason: str = "",
    ) -> int:
        """Offers ``slots`` overtime (``"overtime"``) or VTO (``"vto"``) slots to a
        staffing group or chosen agents; returns the offer's number.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.open_slots("overtime", "2026-12-15T14:00", "2026-12-15T16:00", "Phones", 1, group="Day team")
        1
        """
        return _wfm.overtime_open(
            self._ws, kind, _utc(start), _utc(end), activity, int(slots), group,
            list(agents or []), reason,
        )

    def answer(self, offer: int, agent: str, answer: str = "accept") -> Answered:
        """Records ``accept`` or ``decline`` (an agent, first come first served), or a
        supervisor's ``override`` or ``force_deny``; returns the response's status (a
        ``str``), whose ``schedule`` is what it did to the published schedules.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> o = ws.time_off.open_slots("overtime", "2026-12-15T14:00", "2026-12-15T16:00", "Phones", 1, group="Day team")
        >>> ws.time_off.answer(o, "ana"), ws.time_off.answer(o, "ben")
        ('accepted', 'full')
        """
        status, updates = _wfm.overtime_answer(self._ws, offer, agent, answer)
        return Answered(status, _updates(updates))

    def offers(self) -> pl.DataFrame:
        """Every overtime or VTO offer with its accepted count.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.offers().height
        0
        """
        return _frame(_wfm.overtime_offers(self._ws))

    def suggest(self) -> pl.DataFrame:
        """Per interval of the latest published schedule (of a forecast group in the
        actor's scope): overtime slots needed and VTO slots that can be given without
        missing the goal.

        >>> import wfm
        >>> ws = wfm.timeoff._example_workspace()
        >>> ws.time_off.suggest()
        Traceback (most recent call last):
        ...
        wfm._errors.PreconditionError: no schedule is published (of a forecast group in your scope): publish one to see suggested overtime and VTO slots
        """
        return _frame(_wfm.overtime_suggest(self._ws))


def _example_workspace(published: bool = False) -> "Workspace":
    """A workspace with the time-off example configuration (``data/scenarios/
    timeoff_example.toml``), "now" fixed at 2026-12-01 08:00 UTC, 30 h of VACAY_SK for
    agent1 and 10 h for ana and dora, and two allowance slots (4.4 h on 2026-12-15 09:00, 0 on
    2026-12-22 09:00): the examples' data. ``published``: also the example week
    2026-12-14 to 18 published (every agent on their profile's 6-hour shift)."""
    from wfm.workspace import Workspace

    ws = Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "timeoff.wfm", interval=30)
    ws.time_off.set_now("2026-12-01T08:00")
    ws.create_group("Support", ["1001"])
    ws.schedule_scenario.import_(_CONFIGURATION)
    folder = pathlib.Path(ws.path).parent
    (folder / "b.csv").write_text("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nana,VACAY_SK,10\ndora,VACAY_SK,10\n")
    ws.time_off.import_balances(folder / "b.csv")
    (folder / "a.csv").write_text(
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n"
        "Support,VACAY_SK||SICK_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,4.4\n"
        "Support,VACAY_SK,2026-12-22T09:00:00,2026-12-22T10:00:00,0\n"
    )
    ws.time_off.import_allowances(folder / "a.csv")
    if published:
        _wfm.time_off_example_week(ws._ws)
    return ws
