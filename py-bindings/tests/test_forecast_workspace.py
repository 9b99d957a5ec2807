"""wfm.Workspace forecasts: compute, publish, the forecast frame with and without
overrides, an override with errors that changes nothing, compare, export, backtest and
refresh — on the sample's daily history."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import wfm
from conftest import ROOT

DAILY = ROOT / "data" / "sample" / "daily.csv"


@pytest.fixture()
def ws(tmp_path: Path) -> wfm.Workspace:
    ws = wfm.Workspace.create(tmp_path / "w.wfm", interval=30)
    ws.import_history(DAILY)
    ws.create_group("Sales", ["1001"])
    return ws


def test_compute_publish_and_replace(ws: wfm.Workspace) -> None:
    first = ws.forecasts.compute("Sales", "long", weeks=2)
    df = ws.forecasts.get("Sales", "long")
    assert df.height == 2 * 14  # VOICE and CHAT × 14 days
    assert df["TimeStamp"].min().isoformat() == "2024-07-31T00:00:00+00:00"
    assert ws.forecasts.publish("Sales", "long") == first
    second = ws.forecasts.compute("Sales", "long", weeks=3)
    assert second != first
    assert ws.forecasts.compute("Sales", "long", weeks=4) == second  # replaced in place
    versions = ws.forecasts.list()
    assert versions["status"].to_list() == ["published", "draft"]
    assert ws.forecasts.get("Sales", "long", published=True).equals(df)
    assert ws.forecasts.get("Sales", "long").height == 2 * 28


def test_overrides_from_a_frame_and_errors_change_nothing(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.forecasts.compute("Sales", "long", weeks=2)
    base = ws.forecasts.get("Sales", "long")
    row = base.filter(pl.col("ChannelType") == "VOICE").head(1)
    edit = row.select(base.columns[:7]).with_columns(
        pl.lit(4321).alias("IncomingContactVolume"), pl.lit(99.5).alias("AverageHandleTime")
    )
    assert ws.overrides.import_("Sales", edit) == 1
    with_ = ws.forecasts.get("Sales", "long")
    changed = with_.filter(pl.col("TimeStamp") == row["TimeStamp"][0], pl.col("ChannelType") == "VOICE")
    assert changed["IncomingContactVolume"].to_list() == [4321.0]
    assert changed["AverageHandleTime"].to_list() == [99.5]
    assert ws.forecasts.get("Sales", "long", overrides=False).equals(base)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n"
        "Sales,1001,VOICE,2024-08-01T00:00:00Z,daily,-4,300\n"
    )
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.overrides.import_("Sales", bad)
    assert f"{bad}:2: IncomingContactVolume" in str(e.value)
    assert ws.forecasts.get("Sales", "long").equals(with_)
    ws.overrides.delete("Sales")
    assert ws.forecasts.get("Sales", "long").equals(base)


def test_compare_export_backtest_refresh(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.forecasts.compute("Sales", "long", start="2024-07-08", weeks=1)
    cmp = ws.forecasts.compare("Sales", "long")
    assert cmp["steps"].to_list() == [7, 7]
    hist = ws.history(queue="1001").filter(pl.col("IntervalDuration") == "daily")
    week = hist.filter(
        pl.col("TimeStamp").dt.strftime("%Y-%m-%d").is_between(pl.lit("2024-07-08"), pl.lit("2024-07-14")),
        pl.col("ChannelType") == "VOICE",
    )
    voice = cmp.filter(pl.col("channel") == "VOICE")
    assert voice["actual"][0] == float(week["IncomingContactVolume"].sum())
    out = tmp_path / "f.csv"
    assert ws.forecasts.export("Sales", "long", out) == 14
    assert out.read_text().splitlines()[0].startswith("QueueName,QueueId,ChannelType")
    bt = ws.forecasts.backtest("Sales", "long")
    assert bt.height == 2 and bt["wape"].drop_nulls().len() == 2
    assert ws.forecasts.refresh()["reason"].to_list() == [""]
