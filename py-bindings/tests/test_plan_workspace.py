"""Capacity plans on a workspace from Python: scenario, FTE, a plan from the published
forecasts, override, publish, and the exported workbook read back with openpyxl; and the
hiring plan of ``wfm.capacity_plan``."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import wfm
from conftest import ROOT

START = datetime(2025, 1, 6, tzinfo=timezone.utc)
SCENARIO = ROOT / "data" / "scenarios" / "capacity_base.toml"
FTE = (
    "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
    "Sales,2025-01-06T00:00:00Z,40,10,10"
)


def _series(channel: str, points: list) -> dict:
    return {"queue_id": "q1", "queue_name": "Sales", "channel": channel, "model": "test",
            "points": [{"start": int(t.timestamp()), "volume": v, "p10": v, "p50": v,
                        "p90": v, "aht_seconds": 300.0} for t, v in points]}


def _publish_forecasts(path: Path) -> None:
    """Stores published long- and short-term forecasts of Sales.

    Python cannot publish forecasts yet (the forecast lifecycle is another branch), so
    the documents go in through SQLite with the payload of ``GroupForecast``; switch to
    ``Workspace.publish_forecast`` when it exists."""
    long = _series("VOICE", [(START + timedelta(days=d), 1500.0 + 10 * d) for d in range(70)])
    short = _series("VOICE", [(START + timedelta(minutes=30 * i),
                               20.0 if 26 <= i % 48 < 42 else 0.0) for i in range(7 * 48)])
    docs = [
        ("long", {"granularity": "daily", "start": long["points"][0]["start"], "steps": 70,
                  "series": [long], "warnings": [], "inputs": ""}),
        ("short", {"granularity": "30mins", "start": short["points"][0]["start"],
                   "steps": 336, "series": [short], "warnings": [], "inputs": ""}),
    ]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with sqlite3.connect(path) as db:
        for name, payload in docs:
            db.execute(
                "INSERT INTO document(kind, scope, name, status, created_at, published_at,"
                " summary, payload) VALUES ('forecast', 'Sales', ?, 'published', ?, ?, '', ?)",
                (name, now, now, json.dumps(payload).encode()),
            )


@pytest.fixture()
def workspace(tmp_path: Path) -> wfm.Workspace:
    path = tmp_path / "w.wfm"
    ws = wfm.Workspace.create(path, interval=30)
    ws.create_group("Sales", ["q1"])
    _publish_forecasts(path)
    ws = wfm.Workspace(path)
    assert ws.scenarios.create(SCENARIO) == "Base 2025"
    fte = tmp_path / "fte.csv"
    fte.write_text(FTE)
    assert ws.fte_loads.import_(fte)["group"].to_list() == ["Sales"]
    ws.plans.create("Budget", "Sales", "Base 2025", "2025-01-06", weeks=10)
    return ws


def test_plan_override_publish_and_workbook(workspace: wfm.Workspace, tmp_path: Path) -> None:
    ws = workspace
    assert ws.scenarios.list()["name"].to_list() == ["Base 2025"]
    plans = ws.plans.list()
    assert plans["name"].to_list() == ["Budget"] and plans["status"][0] == "draft"
    weekly = ws.plans.get("Budget")
    assert weekly.height == 10 and ws.plans.get("Budget", monthly=True).height == 3
    computed = weekly["required_fte"][1]
    override = tmp_path / "o.csv"
    override.write_text("2025-01-13\n12.5")
    ws.plans.override("Budget", override)
    after = ws.plans.get("Budget")
    assert after["required_fte"][1] == 12.5
    assert after["required_fte_original"][1] == pytest.approx(computed, rel=1e-12)
    # shrinkage 20 %: with shrinkage = 12.5 / 0.8; the gap follows
    assert after["required_fte_with_shrinkage"][1] == pytest.approx(12.5 / 0.8, rel=1e-9)
    assert after["gap"][1] == pytest.approx(after["available_fte"][1] - 12.5 / 0.8, rel=1e-9)
    ws.plans.publish("Budget")
    with pytest.raises(wfm.AlreadyPublishedError) as refused:
        ws.plans.override("Budget", override)
    assert (refused.value.kind, refused.value.name, refused.value.refused) == (
        "plan",
        "Budget",
        "change",
    )
    with pytest.raises(wfm.AlreadyPublishedError):
        ws.plans.rerun("Budget", weeks=8)
    out = tmp_path / "export"
    ws.plans.export("Budget", out)
    book = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    assert book.sheetnames == ["Metrics", "Capacity Plan", "Scenario", "Generation Details"]
    metrics = [list(r) for r in book["Metrics"].iter_rows(values_only=True)]
    head = metrics[1]
    week = dict(zip(head, metrics[3]))  # the week of 2025-01-13
    assert week["period_start"] == "2025-01-13"
    assert week["required_fte"] == 12.5
    assert week["required_fte_original"] == pytest.approx(computed, rel=1e-12)
    plan = dict(book["Capacity Plan"].iter_rows(min_row=2, values_only=True))
    assert (plan["name"], plan["forecast group"]) == ("Budget", "Sales")
    assert (plan["start"], plan["end"]) == ("2025-01-06", "2025-03-16")
    details = dict(book["Generation Details"].iter_rows(min_row=2, values_only=True))
    assert details["status"] == "published" and details["overrides"] == 1


def test_missing_published_forecast(tmp_path: Path) -> None:
    ws = wfm.Workspace.create(tmp_path / "w.wfm", interval=30)
    ws.create_group("Sales", ["q1"])
    ws.scenarios.create(SCENARIO)
    with pytest.raises(wfm.NotFoundError) as missing:
        ws.plans.create("B", "Sales", "Base 2025", "2025-01-06", weeks=4)
    assert (missing.value.kind, missing.value.name, missing.value.scope, missing.value.status) == (
        "forecast",
        "long",
        "Sales",
        "published",
    )


def test_capacity_plan_with_hiring(tmp_path: Path) -> None:
    header = ("QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,"
              "IncomingContactVolume,AverageHandleTime\n")
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    long = tmp_path / "long.csv"
    long.write_text(header + "".join(
        f"Sales,q1,VOICE,{stamp(START + timedelta(days=d))},daily,1500,300\n" for d in range(70)))
    short = tmp_path / "short.csv"
    short.write_text(header + "".join(
        f"Sales,q1,VOICE,{stamp(START + timedelta(minutes=30 * i))},30mins,"
        f"{20 if 26 <= i % 48 < 42 else 0},300\n" for i in range(7 * 48)))
    fte = tmp_path / "fte.csv"
    fte.write_text(FTE)
    plan = wfm.capacity_plan(long, short, SCENARIO, "2025-01-06", weeks=8, fte=fte,
                             hiring={"lead_weeks": 2, "ramp": [0.5, 1.0], "cost_per_hire": 1000})
    hiring = plan.hiring
    assert isinstance(hiring, pl.DataFrame) and hiring.height == 8
    assert hiring["hires"][:2].to_list() == [0, 0]
    assert hiring["closable"][:2].to_list() == [False, False] or plan.weekly["gap"][0] >= 0
    # from the lead time on, hires and 10 % overtime cover the requirement
    for after, need in zip(hiring["fte_after_hires"][2:], hiring["required_fte"][2:]):
        assert after * 1.1 >= need - 1e-6
    assert wfm.capacity_plan(long, short, SCENARIO, "2025-01-06", weeks=2).hiring is None


def test_plan_export_refuses_to_overwrite_the_workspace(tmp_path: Path) -> None:
    """Regression: ``Workspace.export_plan`` wrote the plan files without checking that
    none of them is the open workspace (the CLI checked); the handle checks for both."""
    path = tmp_path / "plan.xlsx"
    ws = wfm.Workspace.create(path, interval=30)
    before = path.read_bytes()
    with pytest.raises(wfm.OutputIsInputError, match="nothing was written"):
        ws.plans.export("Budget", tmp_path)
    assert path.read_bytes() == before
