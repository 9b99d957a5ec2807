"""Schedule adherence: whether agents follow their published schedule, from agent state
events (the contact center's agent event stream, or a plain CSV / JSON lines of
``agent, timestamp, state[, on_contact]``).

Adherent time is scheduled productive time spent Available (handling a contact or not)
and scheduled non-productive time spent in any other custom state without a contact;
the rest of the scheduled time is non-adherent; unscheduled time counts neither way.
Adherence = adherent / scheduled time, 0.00–100.00 %. An activity counts by its type,
not its name, and activities with adherence off are not computed.

>>> import wfm
>>> ws = wfm.adherence.sample_workspace()
>>> df = wfm.adherence.report(ws, "2024-08-05")
>>> df.columns[3:7]
['AGENT_SCHEDULE_ADHERENCE', 'AGENT_ADHERENT_TIME', 'AGENT_NON_ADHERENT_TIME', 'AGENT_SCHEDULED_TIME']
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Union

import polars as pl

from wfm import _wfm
from wfm._frames import table
from wfm.workspace import Workspace

__all__ = [
    "Monitor",
    "exceptions",
    "impact",
    "import_events",
    "recalculate",
    "report",
    "sample_events",
    "sample_workspace",
    "timeline",
]

PathLike = Union[str, "os.PathLike[str]"]
Day = Union[str, _dt.date]

#: The demo week's first day (the sample workspace's schedule).
SAMPLE_DAY = "2024-08-05"


def _day(d: Day) -> str:
    return d.isoformat() if isinstance(d, _dt.date) else str(d)


@functools.lru_cache(maxsize=1)
def sample_workspace() -> Workspace:
    """The demo workspace (:func:`wfm.demo.sample_workspace`, stage ``"schedule"``) with
    its week of 2024-08-05 published and a sample day of events for that Monday imported
    (late log-ins, long breaks, early leaving), adherence computed as of Sunday
    2024-08-11. Built once per process (about ten seconds of solving) and shared.

    >>> import wfm
    >>> ws = wfm.adherence.sample_workspace()
    >>> ws.schedules.list()["status"].to_list()
    ['published']
    """
    from wfm import demo

    ws = demo.sample_workspace(until="schedule")
    ws.schedules.publish(int(ws.schedules.list()["id"][0]))
    path = Path(tempfile.mkdtemp(prefix="wfm-adherence-")) / "events.json"
    sample_events(ws, SAMPLE_DAY, path)
    import_events(ws, path, today="2024-08-11")
    return ws


def import_events(
    ws: Workspace, path: PathLike, watermark_minutes: int = 5, today: Optional[Day] = None
) -> Dict[str, Any]:
    """Imports a file of agent state events (either format) in one transaction — any bad
    line and nothing is stored, every problem raised in a :class:`wfm.InvalidInputError`
    as ``FILE:LINE: field: reason`` — then recomputes the last 30 days up to ``today``
    (default: now). Returns what happened: ``stored``, ``duplicates``, ``late`` (beyond
    the watermark, not stored), ``already_stored``, ``unknown_agents`` (agent → events) and
    the ``recalculation`` (with ``conflicts``: agents booked by two published schedules at
    once, where the one published last counts).

    >>> import os, tempfile, wfm
    >>> ws = wfm.adherence.sample_workspace()
    >>> path = os.path.join(tempfile.mkdtemp(), "events.csv")
    >>> n = wfm.adherence.sample_events(ws, "2024-08-05", path, format="csv")
    >>> r = wfm.adherence.import_events(ws, path, today="2024-08-11")
    >>> r["stored"], r["already_stored"] == n   # the same events again: nothing new
    (0, True)
    >>> r["recalculation"]["conflicts"]
    []
    """
    r = json.loads(
        _wfm.adherence_import(
            ws._ws, os.fspath(path), watermark_minutes, None if today is None else _day(today)
        )
    )
    s = r["sequence"]
    return {
        "stored": r["info"]["events"],
        "received": s["received"],
        "duplicates": s["duplicates"],
        "late": s["late"],
        "late_events": s["late_events"],
        "already_stored": r["already_stored"],
        "unknown_agents": r["unknown_agents"],
        "recalculation": r["recalculation"],
    }


def recalculate(ws: Workspace, today: Optional[Day] = None) -> Dict[str, Any]:
    """Recomputes adherence over the last 30 days up to ``today`` (default: now); returns
    ``from``, ``to``, ``schedules``, ``agent_days`` and ``events``.

    >>> import wfm
    >>> r = wfm.adherence.recalculate(wfm.adherence.sample_workspace(), today="2024-08-11")
    >>> r["from"], r["to"]
    ('2024-07-13', '2024-08-11')
    """
    out: Dict[str, Any] = json.loads(
        _wfm.adherence_recalculate(ws._ws, None if today is None else _day(today))
    )
    return out


def report(ws: Workspace, start: Day, end: Optional[Day] = None, by: str = "day") -> pl.DataFrame:
    """Adherence per agent and ``by`` = ``"day"``, ``"week"`` (Monday–Sunday) or
    ``"range"`` over the days ``start`` to ``end`` (default ``start``):
    ``AGENT_SCHEDULE_ADHERENCE`` (percent), ``AGENT_ADHERENT_TIME``,
    ``AGENT_NON_ADHERENT_TIME``, ``AGENT_SCHEDULED_TIME`` (``hh:mm:ss``) and the same
    times in seconds.

    >>> import wfm
    >>> df = wfm.adherence.report(wfm.adherence.sample_workspace(), "2024-08-05", "2024-08-11", by="week")
    >>> df.select("from", "to").unique().rows()
    [(datetime.date(2024, 8, 5), datetime.date(2024, 8, 11))]
    """
    return table(_wfm.adherence_report(ws._ws, _day(start), _day(end or start), by))


def exceptions(ws: Workspace, start: Day, end: Optional[Day] = None) -> pl.DataFrame:
    """The stretches out of adherence of the days ``start`` to ``end``: ``from``, ``to``,
    ``scheduled_activity``, ``scheduled`` (productive / non-productive), ``actual_state``.

    >>> import wfm
    >>> df = wfm.adherence.exceptions(wfm.adherence.sample_workspace(), "2024-08-05")
    >>> df.columns[:4]
    ['agent', 'day', 'from', 'to']
    """
    return table(_wfm.adherence_exceptions(ws._ws, _day(start), _day(end or start)))


def impact(ws: Workspace, day: Day) -> pl.DataFrame:
    """Per team and interval of ``day``: the service level and ASA the schedule would
    have given against what the agents actually available gave (Erlang C on the
    schedule's forecast), and ``sl_points_lost``. Team ``"(all)"`` is everyone.

    >>> import wfm
    >>> df = wfm.adherence.impact(wfm.adherence.sample_workspace(), "2024-08-05")
    >>> sorted(df["team"].unique().to_list())[:1]
    ['(all)']
    """
    return table(_wfm.adherence_impact(ws._ws, _day(day)))


def timeline(ws: Workspace, day: Day) -> pl.DataFrame:
    """The bars of ``day`` per agent: ``lane`` ``"scheduled"`` (activity, productive or
    non-productive) and ``"actual"`` (state), with ``start``, ``end``, ``label``, ``kind``.

    >>> import wfm
    >>> df = wfm.adherence.timeline(wfm.adherence.sample_workspace(), "2024-08-05")
    >>> sorted(df["lane"].unique().to_list())
    ['actual', 'scheduled']
    """
    return table(_wfm.adherence_timeline(ws._ws, _day(day)))


def sample_events(
    ws: Workspace,
    day: Day,
    path: PathLike,
    format: str = "reference",
    seed: int = 7,
    heartbeat_seconds: int = 0,
) -> int:
    """Writes a sample day of events for ``day``'s published shifts to ``path`` in
    ``format`` (``"reference"``, ``"csv"`` or ``"jsonl"``); returns how many. Only the
    agents the actor may see; :class:`wfm.PreconditionError` when no published schedule
    covers ``day``.

    >>> import os, tempfile, wfm
    >>> path = os.path.join(tempfile.mkdtemp(), "e.jsonl")
    >>> wfm.adherence.sample_events(wfm.adherence.sample_workspace(), "2024-08-05", path, "jsonl") > 100
    True
    """
    n: int = _wfm.adherence_sample(
        ws._ws, _day(day), os.fspath(path), format, seed, heartbeat_seconds
    )
    return n


class Monitor:
    """Real-time adherence of ``day``'s published schedule: feed event lines (JSON
    objects of either format, or a CSV header then rows), read each agent's status —
    ``adherent`` (``None`` when unscheduled), ``in_grace``, ``scheduled``,
    ``scheduled_activity``, ``state``, ``time_in_state_ms``, ``adherence_today`` — and
    alerts (``{"alert": {...}}``) when an agent is out of adherence longer than
    ``alert_after_minutes``. ``grace`` maps an activity (``"Work"`` for shift time) to the
    minutes an agent may take to switch into it.

    >>> import wfm
    >>> ws = wfm.adherence.sample_workspace()
    >>> m = wfm.adherence.Monitor(ws, "2024-08-05", grace={"Work": 2})
    >>> agent = m.statuses("2024-08-05T12:00:00Z")["agent"][0]
    >>> out = m.push('{"agent": "%s", "timestamp": "2024-08-05T12:00:00Z", "state": "Lunch"}' % agent)
    >>> out[0]["state"], out[0]["time_in_state_ms"]
    ('Lunch', 0)
    >>> [s["state"] for s in m.watch([])]
    []
    >>> m.unknown_agents()
    {}
    """

    def __init__(
        self,
        ws: Workspace,
        day: Day,
        grace: Optional[Dict[str, int]] = None,
        alert_after_minutes: int = 5,
        watermark_seconds: int = 0,
    ) -> None:
        self._m = _wfm._Monitor(
            ws._ws, _day(day), list((grace or {}).items()), alert_after_minutes, watermark_seconds
        )

    def push(self, line: str) -> List[Dict[str, Any]]:
        """Feeds one line; returns the statuses and alerts it produced.

        >>> import wfm
        >>> m = wfm.adherence.Monitor(wfm.adherence.sample_workspace(), "2024-08-05")
        >>> m.push("agent,timestamp,state")
        []
        """
        return [json.loads(s) for s in self._m.push(line)]

    def watch(
        self, lines: Iterable[str], callback: Optional[Callable[[Dict[str, Any]], None]] = None
    ) -> Iterator[Dict[str, Any]]:
        """Feeds every line of ``lines`` (a file, a socket's lines, a generator) and yields
        each status or alert as it comes; ``callback`` is called with each too.

        >>> import wfm
        >>> m = wfm.adherence.Monitor(wfm.adherence.sample_workspace(), "2024-08-05")
        >>> seen = []
        >>> list(m.watch(["agent,timestamp,state"], callback=seen.append)), seen
        ([], [])
        """
        for line in lines:
            for item in self.push(line):
                if callback is not None:
                    callback(item)
                yield item

    def statuses(self, now: Union[str, _dt.datetime]) -> pl.DataFrame:
        """Every agent's status at ``now`` (a UTC instant).

        >>> import wfm
        >>> m = wfm.adherence.Monitor(wfm.adherence.sample_workspace(), "2024-08-05")
        >>> m.statuses("2024-08-05T00:00:00Z")["state"].unique().to_list()
        ['Offline']
        """
        if isinstance(now, str):
            now = _dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
        if now.tzinfo is None:
            now = now.replace(tzinfo=_dt.timezone.utc)
        return table(self._m.statuses(int(now.timestamp() * 1000)))

    def unknown_agents(self) -> Dict[str, int]:
        """Agents seen in events but not in the day's schedule, with their event counts.

        >>> import wfm
        >>> wfm.adherence.Monitor(wfm.adherence.sample_workspace(), "2024-08-05").unknown_agents()
        {}
        """
        return dict(self._m.unknown_agents())
