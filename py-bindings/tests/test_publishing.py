"""Publishing from Python: the change records as a DataFrame read with a cursor across two
publications, calendars (the .ics read back by the ``icalendar`` package when installed:
every event's instants those of the JSON calendar; the daylight-saving change itself is
tested in Rust, ``src/scheduling/calendar/tests.rs``), search and regeneration."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

import wfm


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[wfm.Workspace, int]:
    ws = wfm.demo.sample_workspace(
        tmp_path_factory.mktemp("publish") / "w.wfm", until="schedule"
    )
    sid = int(ws.schedules.list()["id"][0])
    ws.schedules.publish(sid)
    return ws, sid


def test_change_records_are_read_with_a_cursor_across_two_publications(tmp_path: Path) -> None:
    ws = wfm.demo.sample_workspace(tmp_path / "w.wfm", until="schedule")
    first = int(ws.schedules.list()["id"][0])
    records, cursor = ws.schedules.changes()
    assert (records.height, cursor) == (0, 0)
    ws.schedules.publish(first)
    records, cursor = ws.schedules.changes()
    assert records.height == cursor == 16
    assert records["seq"].to_list() == list(range(1, 17))
    assert set(records["cause"]) == {"publish"}
    assert records.schema["at"] == pl.Datetime("us", "UTC")
    after = json.loads(records.filter(agent="kai")["after"][0])
    assert after and {"date", "start", "end", "activities"} <= set(after[0])
    # the same week generated again and published: the solver is deterministic, so no
    # agent's shifts change and nothing is written
    second = ws.schedules.create(time_limit=10)
    assert ws.schedules.publish(second) == [first]
    more, again = ws.schedules.changes(since=cursor)
    assert (more.height, again) == (0, cursor)
    with pytest.raises(wfm.InvalidArgumentError):
        ws.schedules.changes(limit=0)


def test_the_ics_is_valid_icalendar_on_the_agents_clock(
    published: tuple[wfm.Workspace, int], tmp_path: Path
) -> None:
    ws, sid = published
    path = tmp_path / "kai.ics"
    text = ws.schedules.calendar(sid, agent="kai", path=path)
    assert path.read_bytes().decode() == text
    assert "\r\n" in text and "TZID:America/New_York" in text
    team = json.loads(ws.schedules.calendar(sid, agent="kai", format="json"))[0]
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == len(team["shifts"]) > 0
    for event, shift in zip(events, team["shifts"]):
        start = event.decoded("DTSTART")
        assert start.utcoffset() is not None  # zoned, not floating
        assert start == datetime.fromisoformat(shift["start"])
        assert event.decoded("DTEND") == datetime.fromisoformat(shift["end"])


def test_search_agents_team_and_bad_arguments(published: tuple[wfm.Workspace, int]) -> None:
    ws, sid = published
    assert ws.schedules.search(name="TEAM")["id"].to_list() == [sid]
    assert ws.schedules.search(name="zzz").height == 0
    with pytest.raises(wfm.InvalidInputError):
        ws.schedules.search(sort="size")
    agents = ws.schedules.agents(sid)
    firsts = agents["first_shift"].drop_nulls().to_list()
    assert firsts == sorted(firsts) and agents.height == 16
    team = ws.schedules.team(sid, "sam")
    assert set(team["agent"]) <= set(agents["agent"])
    with pytest.raises(wfm.PreconditionError):
        ws.schedules.team(sid, "nobody")
    with pytest.raises(wfm.InvalidInputError):
        ws.schedules.calendar(sid)


def test_regenerate_reports_each_group_and_refuses_seven() -> None:
    ws = wfm.demo.sample_workspace(until="schedule_scenario")
    runs = ws.schedules.regenerate(["Support", "Nowhere"], time_limit=10)
    assert list(runs) == ["Support", "Nowhere"]
    assert isinstance(runs["Support"], wfm.reports.ScheduleSummary)
    assert runs["Support"].shifts > 0
    assert isinstance(runs["Nowhere"], wfm.WfmError)
    with pytest.raises(wfm.InvalidArgumentError):
        ws.schedules.regenerate([f"G{i}" for i in range(7)])
