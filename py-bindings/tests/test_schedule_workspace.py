"""Scheduling on a workspace from Python: the example configuration imported and exported,
a week generated from the published short-term forecast, reviewed, published (then
immutable), exported and checked by the validator, and an agent's week on their clock."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest

import wfm
from conftest import ROOT

EXAMPLE = ROOT / "data" / "scenarios" / "schedule_example.toml"
HEADER = ("QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,"
          "IncomingContactVolume,AverageHandleTime,ContactsHandled")


def _history(path: Path) -> Path:
    """Half-hourly history of queue 2001 (Support) from Monday 2025-08-25 to Sunday
    2026-03-01: 8 contacts per half hour 13:00–20:00 UTC Monday to Saturday."""
    first = datetime(2025, 8, 25, tzinfo=timezone.utc)
    lines = [HEADER]
    for d in range((datetime(2026, 3, 2, tzinfo=timezone.utc) - first).days):
        for slot in range(48):
            t = first + timedelta(days=d, minutes=30 * slot)
            busy = d % 7 < 6 and 26 <= slot < 40
            v, aht = (8, "300.0") if busy else (0, "0.0")
            lines.append(f"Support,2001,VOICE,{t:%Y-%m-%dT%H:%M:%SZ},30mins,{v},{aht},{v}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture()
def workspace(tmp_path: Path) -> wfm.Workspace:
    ws = wfm.Workspace.create(tmp_path / "w.wfm", 30)
    ws.import_history(_history(tmp_path / "history.csv"))
    ws.create_group("Support", ["2001"])
    ws.schedule_scenario.import_(EXAMPLE)
    return ws


def test_the_configuration_round_trips_and_a_bad_file_stores_nothing(
    workspace: wfm.Workspace, tmp_path: Path
) -> None:
    blocks = workspace.schedule_scenario.blocks()
    assert blocks["profiles"] == ["Day", "Evening"]
    assert blocks["staffing groups"] == ["Day team", "Evening team"]
    assert len(blocks["agents"]) == 16
    exported = tmp_path / "exported.toml"
    text = workspace.schedule_scenario.export(exported)
    assert exported.read_text() == text
    workspace.schedule_scenario.import_(exported)
    body = lambda t: [l for l in t.splitlines() if not l.startswith("#")]  # noqa: E731
    assert body(workspace.schedule_scenario.export()) == body(text)
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text().replace('profile = "Evening"', 'profile = "Night"'))
    with pytest.raises(wfm.SchedulingError, match="Evening team"):
        workspace.schedule_scenario.import_(bad)
    assert body(workspace.schedule_scenario.export()) == body(text)


def test_a_schedule_is_generated_published_exported_and_seen_by_an_agent(
    workspace: wfm.Workspace, tmp_path: Path
) -> None:
    with pytest.raises(wfm.NotFoundError, match="no published short-term forecast"):
        workspace.schedules.create()
    workspace.forecasts.compute("Support", "short", weeks=1)
    forecast = workspace.forecasts.publish("Support", "short")
    sid = workspace.schedules.create(time_limit=20)
    frame = workspace.schedules.list()
    assert frame["id"].to_list() == [sid]
    row = frame.row(0, named=True)
    assert (row["forecast_group"], row["staffing_groups"], row["status"]) == (
        "Support", "Day team,Evening team", "draft")
    assert (str(row["from"]), str(row["to"])) == ("2026-03-02", "2026-03-08")
    summary = workspace.schedules.get(sid)
    assert summary.violations == []
    assert summary.agents == 16
    assert summary.shifts > 0 and summary.paid_hours > 0
    assert summary.forecast_id == forecast

    with pytest.raises(wfm.PreconditionError, match="draft"):
        workspace.schedules.agent_view(sid, "kai")
    assert workspace.schedules.publish(sid) == []
    with pytest.raises(wfm.AlreadyPublishedError, match="published already"):
        workspace.schedules.publish(sid)
    with pytest.raises(wfm.AlreadyPublishedError, match="cannot be deleted"):
        workspace.schedules.delete(sid)
    assert workspace.schedules.list()["status"].to_list() == ["published"]

    out = tmp_path / "out"
    files = {Path(f).name for f in workspace.schedules.export(sid, out)}
    assert {"schedule.json", "shifts.csv", "coverage.csv", "scenario.toml"} <= files
    exported = json.loads((out / "schedule.json").read_text())
    shifts = sum(len(a["shifts"]) for a in exported["agents"])
    assert shifts == summary.shifts

    with (out / "shifts.csv").open() as f:
        kai = [r for r in csv.DictReader(f) if r["agent"] == "kai"]
    week = workspace.schedules.agent_view(sid, "kai", week="2026-03-02")
    assert week.height == len(kai)
    assert set(week["zone"]) <= {"EST"}
    starts = [datetime.strptime(r["start"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
              for r in kai]
    assert week["start"].dt.convert_time_zone("UTC").to_list() == sorted(starts)
    assert str(week.schema["start"]) == str(pl.Datetime("us", "America/New_York"))

    # a draft can be deleted
    other = workspace.schedules.create(time_limit=20, name="second")
    workspace.schedules.delete(other)
    assert workspace.schedules.list()["id"].to_list() == [sid]
