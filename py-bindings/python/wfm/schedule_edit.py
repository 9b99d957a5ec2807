"""Editing a workspace's schedules: the verbs of ``ws.schedules`` that change a schedule
after it was generated (``wfm schedule edit|undo|changes|meeting``).

A batch of edits is applied all or nothing to a draft or published schedule; each batch
names the version it was made on (:meth:`ScheduleEditing.version`), and one made on a
stale version raises :class:`wfm.StaleVersionError` naming what changed since. Agents
whose edits would break a rule are skipped and the work log says which rule with its
numbers (unless ``override_rules``); the last edits can be undone exactly, in order.

>>> import wfm
>>> ws = wfm.demo.sample_workspace(until="schedule")
>>> sid = ws.schedules.list()["id"][0]
>>> ws.schedules.version(sid)
0
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked_methods, when

__all__ = ["EditResult", "ScheduleEditing"]


@dataclass(frozen=True)
class EditResult:
    """What a batch of edits did: the schedule's ``version`` now, the logged ``change``
    (``None`` when nothing changed), the agents ``changed`` and ``skipped``, the work
    ``log`` (one line each: skipped agents with the rule and its numbers, overrides,
    shortened breaks, re-optimising), the review's summary before and after
    (``review_before``, ``review_after``: service_level, asa_seconds, occupancy,
    short_intervals, scheduled_hours) and what the validator finds now (``violations``).

    >>> r = EditResult(1, None, ["ana"], [], [], {}, {}, [])
    >>> r.version, r.changed
    (1, ['ana'])
    """

    version: int
    change: Optional[Dict[str, Any]]
    changed: List[str]
    skipped: List[str]
    log: List[str]
    review_before: Dict[str, Any]
    review_after: Dict[str, Any]
    violations: List[str]


def _changes_text(changes: Any) -> str:
    """JSON lines from a path, a text of JSON lines, or a list of edits (dicts)."""
    if isinstance(changes, os.PathLike):
        with open(changes, encoding="utf-8") as f:
            return f.read()
    if isinstance(changes, str):
        if "{" not in changes and os.path.isfile(changes):
            with open(changes, encoding="utf-8") as f:
                return f.read()
        return changes
    return "".join(json.dumps(e) + "\n" for e in changes)


@checked_methods
class ScheduleEditing:
    """The editing verbs of :class:`wfm.documents.Schedules` (mixed into it).

    >>> import wfm
    >>> issubclass(wfm.documents.Schedules, ScheduleEditing)
    True
    """

    _ws: "_wfm._Workspace"

    def edit(
        self,
        schedule_id: int,
        changes: Any,
        version: int,
        override_rules: bool = False,
        reoptimise: bool = False,
    ) -> EditResult:
        """Applies ``changes`` — a JSON-lines changes file (a path), its text, or a list
        of edits as dicts (``{"op": "move_shift", "agent": …}``; see the changes file
        format) — to the schedule, made on its ``version``. ``override_rules`` applies
        edits that break rules (recorded); ``reoptimise`` re-places the touched days'
        breaks and meals instead of shortening those an edit overlaps.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> try:
        ...     ws.schedules.edit(sid, [{"op": "delete_shift", "agent": "zoe", "date": "2024-08-05"}], version=0)
        ... except wfm.InvalidInputError as e:
        ...     print(e.errors[0].column, "|", e.errors[0].reason)
        agent | unknown agent 'zoe': in no staffing group of the schedule's configuration
        """
        d = _wfm.schedules_edit(
            self._ws, schedule_id, _changes_text(changes), version, override_rules, reoptimise
        )
        return EditResult(**d)

    def undo(self, schedule_id: int, version: Optional[int] = None) -> Dict[str, Any]:
        """Undoes the last edit not undone yet (only if the schedule is still at
        ``version``, when given): the schedule is put back exactly as before it. Returns
        the logged undo (version, kind, undoes, actor, at, description, …).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> try:
        ...     ws.schedules.undo(sid)
        ... except wfm.PreconditionError as e:
        ...     print(e)
        schedule 3 has no edit left to undo
        """
        return dict(_wfm.schedules_undo(self._ws, schedule_id, version))

    def version(self, schedule_id: int) -> int:
        """The schedule's version: how many edits and undos it has had.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> ws.schedules.version(ws.schedules.list()["id"][0])
        0
        """
        return int(_wfm.schedules_version(self._ws, schedule_id))

    def edit_log(self, schedule_id: int) -> pl.DataFrame:
        """The schedule's edit log, oldest first: version, kind (edit | undo), undoes,
        undone, actor, at, description, changes (the edits as JSON lines).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> ws.schedules.edit_log(ws.schedules.list()["id"][0]).columns[:3]
        ['version', 'kind', 'undoes']
        """
        rows = _wfm.schedules_edit_log(self._ws, schedule_id)
        schema: Dict[str, Any] = {
            "version": pl.Int64,
            "kind": pl.Utf8,
            "undoes": pl.Int64,
            "undone": pl.Boolean,
            "actor": pl.Utf8,
            "at": pl.Utf8,
            "description": pl.Utf8,
            "changes": pl.Utf8,
        }
        return pl.DataFrame(rows, schema=schema, orient="row")

    def meeting_slots(
        self,
        schedule_id: int,
        activity: str,
        duration_minutes: int,
        first_day: Union[str, _dt.date],
        last_day: Union[str, _dt.date],
        agents: Optional[Sequence[str]] = None,
        group: Optional[str] = None,
        count: Optional[int] = None,
        slots: int = 5,
    ) -> pl.DataFrame:
        """The slots for a meeting that cost the least service level (Erlang C on the
        scheduled staff minus the attendees), best first: date, start, end (UTC),
        attendees, sl_without, sl_with, asa_without, asa_with, contacts_late. The
        attendees are ``agents``, or ``count`` agents of the staffing ``group``.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> s = ws.schedules.meeting_slots(sid, "Team meeting", 30, "2024-08-05", "2024-08-09", group="Day team", count=2)
        >>> s.height, s["attendees"][0].len()
        (5, 2)
        """
        rows = _wfm.schedules_meeting_slots(
            self._ws,
            schedule_id,
            activity,
            duration_minutes,
            when(first_day),
            when(last_day),
            None if agents is None else list(agents),
            group,
            count,
            slots,
        )
        schema: Dict[str, Any] = {
            "date": pl.Utf8,
            "start": pl.Utf8,
            "end": pl.Utf8,
            "attendees": pl.List(pl.Utf8),
            "sl_without": pl.Float64,
            "sl_with": pl.Float64,
            "asa_without": pl.Float64,
            "asa_with": pl.Float64,
            "contacts_late": pl.Float64,
        }
        return pl.DataFrame(rows, schema=schema, orient="row")

    def place_meeting(
        self,
        schedule_id: int,
        activity: str,
        slot: Dict[str, Any],
        version: int,
    ) -> EditResult:
        """Places a slot of :meth:`meeting_slots` (a row as a dict) as one shared
        activity of its attendees, made on ``version``.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> s = ws.schedules.meeting_slots(sid, "Team meeting", 30, "2024-08-05", "2024-08-09", group="Day team", count=2)
        >>> r = ws.schedules.place_meeting(sid, "Team meeting", s.row(0, named=True), version=0)
        >>> r.version, len(r.changed), r.skipped
        (1, 2, [])
        >>> ws.schedules.undo(sid)["undoes"]
        1
        """
        edit = {
            "op": "add_activity",
            "agents": list(slot["attendees"]),
            "date": str(slot["date"]),
            "activity": activity,
            "start": str(slot["start"]),
            "end": str(slot["end"]),
            "shared": True,
        }
        return self.edit(schedule_id, [edit], version)
