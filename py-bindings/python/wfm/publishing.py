"""What publishing a schedule tells, and finding schedules and agents: the verbs of
:class:`wfm.documents.Schedules` that mirror ``wfm schedule changes|calendar|team|search|
agents|regenerate``.

Publishing writes one *change record* per agent whose published shifts change (every
agent of a first publication): the days touched, the shifts before and after, who and
when. A service reads them in order with a cursor (:meth:`SchedulePublishing.changes`)
to notify agents and supervisors; each agent's schedule exports as iCalendar or JSON
(:meth:`SchedulePublishing.calendar`).

>>> import wfm
>>> ws = wfm.demo.sample_workspace(until="schedule")
>>> sid = ws.schedules.list()["id"][0]
>>> _ = ws.schedules.publish(sid)
>>> records, cursor = ws.schedules.changes()
>>> records.height == cursor == 16  # one record per agent
True
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked_methods, when
from wfm._frames import table
from wfm.reports import ScheduleSummary

if TYPE_CHECKING:  # pragma: no cover
    from wfm._errors import WfmError

__all__ = ["SchedulePublishing"]

PathLike = Union[str, "os.PathLike[str]"]


@checked_methods
class SchedulePublishing:
    """The publishing, calendar, search and regeneration verbs of
    :class:`wfm.documents.Schedules` (a mixin: use them as ``ws.schedules.changes()``, …).

    >>> import wfm
    >>> ws = wfm.demo.sample_workspace(until="schedule")
    >>> ws.schedules.search(name="TEAM").height
    1
    """

    _ws: "_wfm._Workspace"

    def changes(self, since: int = 0, limit: int = 1000) -> Tuple[pl.DataFrame, int]:
        """Up to ``limit`` (1 to 10000) change records after the cursor ``since`` (0:
        from the first), in order, and the cursor for the next read. Columns: seq,
        schedule, revision, cause (``publish`` or ``edit``), agent, dates (the days
        touched, comma-separated), before and after (the agent's shifts on those days as
        JSON arrays, UTC), actor, at (UTC), key (stable: a record is never written
        twice).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> _ = ws.schedules.publish(ws.schedules.list()["id"][0])
        >>> first, cursor = ws.schedules.changes(limit=10)
        >>> rest, cursor = ws.schedules.changes(since=cursor)
        >>> first.height, rest.height, cursor, first["cause"][0]
        (10, 6, 16, 'publish')
        >>> ws.schedules.changes(since=cursor)[0].height  # nothing new
        0
        """
        data, cursor = _wfm.schedules_changes(self._ws, since, limit)
        return table(data), cursor

    def calendar(
        self,
        schedule_id: int,
        agent: Optional[str] = None,
        supervisor: Optional[str] = None,
        format: str = "ics",
        path: Optional[PathLike] = None,
    ) -> str:
        """The published schedule of ``agent``, or of the agents of the staffing groups
        ``supervisor`` is listed for, as iCalendar text (``format="ics"``: one event per
        shift on the agent's own clock with its time zone, the activities in the
        description) or JSON (``format="json"``); also written to ``path`` when given.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> _ = ws.schedules.publish(sid)
        >>> ics = ws.schedules.calendar(sid, agent="kai")
        >>> ics.startswith("BEGIN:VCALENDAR"), "TZID=America/New_York" in ics
        (True, True)
        >>> import json
        >>> team = json.loads(ws.schedules.calendar(sid, supervisor="sam", format="json"))
        >>> len(team), team[0]["agent"]
        (16, 'ana')
        """
        return _wfm.schedules_calendar(
            self._ws,
            schedule_id,
            agent,
            supervisor,
            format,
            None if path is None else os.fspath(path),
        )

    def team(
        self,
        schedule_id: int,
        supervisor: str,
        date: Union[str, _dt.date, None] = None,
        week: Union[str, _dt.date, None] = None,
    ) -> pl.DataFrame:
        """What a supervisor sees of a published schedule: the shifts of the agents of
        their staffing groups for one local ``date`` or the seven days from ``week``
        (default: the schedule's first week), each on the agent's own clock: agent,
        time_zone, day, start, end (UTC), local_start, local_end, paid_hours,
        activities.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> _ = ws.schedules.publish(sid)
        >>> team = ws.schedules.team(sid, "sam")
        >>> team.filter(agent="kai")["time_zone"].unique().to_list()
        ['America/New_York']
        """
        return table(_wfm.schedules_team(self._ws, schedule_id, supervisor, when(date), when(week)))

    def search(
        self, name: Optional[str] = None, sort: str = "start", descending: bool = False
    ) -> pl.DataFrame:
        """The schedules whose name holds ``name`` (any case: ``"mar"`` finds
        ``"March"``), sorted by ``sort``: ``"start"``, ``"end"`` (first or last day),
        ``"created"`` or ``"updated"`` (the last change: stored or published); the
        columns of :meth:`wfm.documents.Schedules.list`.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> ws.schedules.search(name="team", sort="updated", descending=True)["status"].to_list()
        ['draft']
        >>> ws.schedules.search(name="march").height
        0
        """
        return table(_wfm.schedules_search(self._ws, name, sort, descending))

    def agents(
        self,
        schedule_id: int,
        name: Optional[str] = None,
        group: Optional[str] = None,
        supervisor: Optional[str] = None,
    ) -> pl.DataFrame:
        """A schedule's agents whose name or login holds ``name`` (any case), of the
        staffing ``group`` and of ``supervisor``'s groups when given, sorted by their
        earliest shift start (agents without a shift last): agent, staffing_group,
        supervisors, time_zone, shifts, first_shift (UTC).

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule")
        >>> sid = ws.schedules.list()["id"][0]
        >>> ws.schedules.agents(sid, name="NO", group="Evening team")["agent"].to_list()
        ['nora']
        """
        return table(_wfm.schedules_agents(self._ws, schedule_id, name, group, supervisor))

    def regenerate(
        self,
        groups: List[str],
        name: Optional[str] = None,
        channel: str = "VOICE",
        time_limit: float = 600.0,
        gap: float = 0.01,
    ) -> Dict[str, Union[ScheduleSummary, "WfmError"]]:
        """Generates a draft schedule for each of up to six forecast ``groups`` at once,
        in parallel, from the configuration (its request with the group replaced) and
        each group's published short-term forecast. Per group, in the order given: the
        draft's :class:`wfm.reports.ScheduleSummary` (its own report), or the error it
        failed with (the others' drafts are stored all the same). ``name`` gets the
        group appended.

        >>> import wfm
        >>> ws = wfm.demo.sample_workspace(until="schedule_scenario")
        >>> runs = ws.schedules.regenerate(["Support", "Sales"], name="August", time_limit=10)
        >>> runs["Support"].name, runs["Support"].status
        ('August (Support)', 'draft')
        >>> isinstance(runs["Sales"], wfm.WfmError)
        True
        """
        out: Dict[str, Union[ScheduleSummary, "WfmError"]] = {}
        for group, value in _wfm.schedules_regenerate(
            self._ws, groups, name, channel, time_limit, gap
        ):
            out[group] = ScheduleSummary.from_dict(value) if isinstance(value, dict) else value
        return out
