"""wfm.Workspace: the planning workspace from Python — groups, validated all-or-nothing
history imports, the SPEC §2.1 layering example, the effective baseline as a polars
DataFrame, and the data-sufficiency check."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pytest

import wfm
from conftest import ROOT

HEADER = (
    "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,"
    "IncomingContactVolume,AverageHandleTime,ContactsHandled\n"
)


def daily_file(path: Path, first: int, last: int, volume: int) -> Path:
    """Daily rows of queue q1 VOICE for July `first`..=`last` 2024, each `volume`."""
    rows = [
        f"Sales,q1,VOICE,2024-07-{d:02d}T00:00:00Z,daily,{volume},240.0,{volume}\n"
        for d in range(first, last + 1)
    ]
    path.write_text(HEADER + "".join(rows))
    return path


def volumes(ws: wfm.Workspace) -> dict:
    """July day → effective volume."""
    h = ws.history()
    return {ts.day: v for ts, v in zip(h["TimeStamp"], h["IncomingContactVolume"])}


@pytest.fixture()
def ws(tmp_path: Path) -> wfm.Workspace:
    return wfm.Workspace.create(tmp_path / "plan.wfm", interval=30)


def test_create_open_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "w.wfm"
    created = wfm.Workspace.create(path, interval=15, time_zone="Europe/Berlin")
    assert (created.interval, created.time_zone) == (15, "Europe/Berlin")
    opened = wfm.Workspace(path)
    assert opened.interval == 15 and opened.path == str(path)
    with pytest.raises(wfm.ConflictError):
        wfm.Workspace.create(path, interval=15)  # exists already


def test_bad_arguments_raise_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.Workspace.create(tmp_path / "a.wfm", interval=20)
    assert e.value.errors[0].column == "interval"
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.Workspace.create(tmp_path / "b.wfm", interval=30, time_zone="Mars/Olympus")
    assert "time zone" in e.value.errors[0].reason
    assert not (tmp_path / "b.wfm").exists()
    with pytest.raises(wfm.NotFoundError):
        wfm.Workspace(tmp_path / "missing.wfm")


def test_groups_rules(ws: wfm.Workspace) -> None:
    assert ws.create_group("Sales", ["1001", "1002"]) == ["1001", "1002"]
    with pytest.raises(wfm.InUseError, match="1002"):
        ws.create_group("Support", ["1002"])  # a queue is in at most one group
    ws.edit_group("Sales", remove=["1002"], rename="Sales EU")
    ws.create_group("Support", ["1002"])
    assert ws.groups() == {"Sales EU": ["1001"], "Support": ["1002"]}
    q = ws.queues()
    assert q.columns == ["id", "name", "active", "channels", "group", "time_zone"]
    assert q.filter(pl.col("id") == "1001")["group"].to_list() == ["Sales EU"]
    ws.set_queue_active("1001", False)
    assert not ws.queues().filter(pl.col("id") == "1001")["active"][0]
    ws.delete_group("Support")
    assert ws.queues().filter(pl.col("id") == "1002")["group"].to_list() == [None]


def test_spec_layering_example(ws: wfm.Workspace, tmp_path: Path) -> None:
    base = ws.import_history(daily_file(tmp_path / "base.csv", 1, 31, 1))
    x = ws.import_history(daily_file(tmp_path / "x.csv", 10, 31, 2))
    y = ws.import_history(daily_file(tmp_path / "y.csv", 15, 31, 3))
    assert base.new_queues == [("q1", "Sales")] and x.new_queues == []
    assert ws.sources()["source"].to_list() == [base.source_id, x.source_id, y.source_id]
    v = volumes(ws)
    assert [v[d] for d in (1, 9, 10, 14, 15, 31)] == [1, 1, 2, 2, 3, 3]
    removed = ws.remove_source(y.source_id)
    assert removed["file"][0].endswith("y.csv")
    v = volumes(ws)
    assert [v[d] for d in (9, 10, 15, 31)] == [1, 2, 2, 2]


def test_delete_x_instead(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.import_history(daily_file(tmp_path / "base.csv", 1, 31, 1))
    x = ws.import_history(daily_file(tmp_path / "x.csv", 10, 31, 2))
    ws.import_history(daily_file(tmp_path / "y.csv", 15, 31, 3))
    ws.remove_source(x.source_id)
    v = volumes(ws)
    assert [v[d] for d in (9, 10, 14, 15, 31)] == [1, 1, 1, 3, 3]


def test_invalid_file_lists_every_error_and_applies_nothing(
    ws: wfm.Workspace, tmp_path: Path
) -> None:
    ws.import_history(daily_file(tmp_path / "ok.csv", 1, 3, 5))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "Sales,q1,VOICE,2024-07-04T00:00:00Z,daily,7,240.0,7\n"
        + "Sales,q1,PHONE,2024-07-05T00:00:00Z,daily,7,240.0,7\n"
        + "Sales,q1,VOICE,2024-07-06T00:00:00,daily,-1,abc,7\n"
        + "Sales,q1,VOICE,2024-07-07T00:10:00Z,15mins,7,240.0,7\n"
    )
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.import_history(bad)
    problems = e.value.errors
    assert {p.line for p in problems} == {3, 4, 5}
    columns = {(p.line, p.column) for p in problems}
    assert (3, "ChannelType") in columns
    assert {(4, "TimeStamp"), (4, "IncomingContactVolume"), (4, "AverageHandleTime")} <= columns
    assert all(p.file == str(bad) for p in problems)
    table = e.value.to_frame()
    assert table.columns == ["file", "line", "row", "column", "reason"] and table.height == len(problems)
    # nothing of the bad file is applied: one source, days 1–3 only
    assert ws.sources().height == 1
    assert sorted(volumes(ws)) == [1, 2, 3]


def test_sample_history_round_trip(ws: wfm.Workspace, tmp_path: Path) -> None:
    sample = ROOT / "data" / "sample"
    ws.create_group("FG_Service", ["1002"])
    r = ws.import_history(sample / "intervals_30min.csv")
    assert r.rows == 114_336
    assert {q for q, _ in r.new_queues} == {"1001", "1003"}  # 1002 came with the group
    ws.import_history(sample / "daily.csv")
    full = ws.history()
    expected = pl.read_csv(sample / "intervals_30min.csv")
    intervals = full.filter(pl.col("IntervalDuration") == "30mins")
    assert intervals.height == expected.height
    assert intervals["IncomingContactVolume"].sum() == expected["IncomingContactVolume"].sum()
    assert full["TimeStamp"].dtype == pl.Datetime("us", "UTC")  # one type everywhere
    service = ws.history(group="FG_Service")
    assert set(service["QueueId"].unique()) == {"1002"}
    out = tmp_path / "service.csv"
    assert ws.export_history(out, group="FG_Service") == service.height
    assert pl.read_csv(out).height == service.height


def test_sufficiency_names_the_failed_rules(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.create_group("Sales", ["q1"])
    ws.import_history(daily_file(tmp_path / "h.csv", 1, 31, 10))
    check = ws.check_sufficiency(as_of="2024-08-01")
    assert not check.passed
    assert "6" in check.text and "month" in check.text
    assert check.report["groups"] == ["Sales"]
    with pytest.raises(wfm.InvalidInputError):
        ws.check_sufficiency(as_of="August")


def test_sample_history_is_sufficient(ws: wfm.Workspace) -> None:
    sample = ROOT / "data" / "sample"
    ws.create_group("FG_Service", ["1002"])
    ws.import_history(sample / "intervals_30min.csv")
    ws.import_history(sample / "daily.csv")
    check = ws.check_sufficiency(as_of="2024-08-01")
    assert check.passed, check.text


def test_raw_contact_records(tmp_path: Path) -> None:
    ws = wfm.Workspace.create(tmp_path / "raw.wfm", interval=15)
    raw = tmp_path / "contacts.csv"
    raw.write_text(
        "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,"
        "agent_interaction_seconds,hold_seconds,acw_seconds,answered\n"
        "c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:50:00Z,200,20,30,true\n"
        "c2,VOICE,q1,Sales,TRANSFER,2024-07-01T16:59:59Z,100,0,0,true\n"
        "c3,VOICE,q1,Sales,OUTBOUND,2024-07-01T16:47:00Z,500,0,0,true\n"
    )
    r = ws.import_history(raw, raw="csv")
    assert r.rows == 1 and r.source["kind"][0] == "raw"
    row = ws.history().row(0, named=True)
    assert row["TimeStamp"] == datetime(2024, 7, 1, 16, 45, tzinfo=timezone.utc)
    assert (row["IncomingContactVolume"], row["AverageHandleTime"], row["ContactsHandled"]) == (
        2,
        175.0,
        2,
    )
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text('{"contact_id":"c1"}\n')
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.import_history(jsonl)
    assert e.value.errors[0].line == 1
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.import_history(raw, raw="xml")
    assert e.value.errors[0].column == "raw"
    assert ws.sources().height == 1


def test_a_queue_time_zone_is_set_listed_and_reset(ws: wfm.Workspace) -> None:
    ws.create_group("EU", ["2001"])
    ws.set_queue_time_zone("2001", "Europe/Berlin")
    zones = dict(ws.queues().select("id", "time_zone").iter_rows())
    assert zones["2001"] == "Europe/Berlin"
    with pytest.raises(wfm.InvalidInputError, match="time_zone"):
        ws.set_queue_time_zone("2001", "Mars/Olympus")
    ws.set_queue_time_zone("2001")
    assert dict(ws.queues().select("id", "time_zone").iter_rows())["2001"] is None


def test_an_older_workspace_is_refused_and_upgraded_explicitly(tmp_path: Path) -> None:
    """A schema-2 workspace (migrations 3 and 4 undone) is not upgraded by opening it:
    ``Workspace(path)`` refuses it unchanged, ``Workspace.upgrade`` upgrades it once."""
    import sqlite3

    path = tmp_path / "old.wfm"
    wfm.Workspace.create(path, interval=30)
    con = sqlite3.connect(path)
    con.executescript(
        "DROP INDEX document_one_draft; DROP INDEX document_plan_name;"
        "DROP INDEX document_scenario_name; ALTER TABLE queue DROP COLUMN time_zone;"
        "DROP TABLE schedule_change; DROP TABLE adherence_exception; DROP TABLE adherence_day;"
        "DROP TABLE agent_event; DROP TABLE adherence_import;"
        "PRAGMA application_id = 0; PRAGMA user_version = 2;"
    )
    con.close()
    before = path.read_bytes()
    with pytest.raises(wfm.SchemaVersionError, match="schema version 2") as e:
        wfm.Workspace(path)
    assert (e.value.found, e.value.path) == (2, str(path))
    assert path.read_bytes() == before
    before_after = wfm.Workspace.upgrade(path)
    assert before_after is not None and before_after[0] == 2
    assert before_after[1] > 2
    assert wfm.Workspace.upgrade(path) is None
    assert wfm.Workspace(path).groups() == {}
