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
    first = ws.compute_forecast("Sales", "long", weeks=2)
    df = ws.forecast("Sales", "long")
    assert df.height == 2 * 14  # VOICE and CHAT × 14 days
    assert df["TimeStamp"].min().isoformat() == "2024-07-31T00:00:00+00:00"
    assert ws.publish_forecast("Sales", "long") == first
    second = ws.compute_forecast("Sales", "long", weeks=3)
    assert second != first
    assert ws.compute_forecast("Sales", "long", weeks=4) == second  # replaced in place
    versions = ws.forecasts()
    assert versions["status"].to_list() == ["published", "draft"]
    assert ws.forecast("Sales", "long", published=True).equals(df)
    assert ws.forecast("Sales", "long").height == 2 * 28


def test_overrides_from_a_frame_and_errors_change_nothing(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.compute_forecast("Sales", "long", weeks=2)
    base = ws.forecast("Sales", "long")
    row = base.filter(pl.col("ChannelType") == "VOICE").head(1)
    edit = row.select(base.columns[:7]).with_columns(
        pl.lit(4321).alias("IncomingContactVolume"), pl.lit(99.5).alias("AverageHandleTime")
    )
    assert ws.upload_forecast_override("Sales", edit) == 1
    with_ = ws.forecast("Sales", "long")
    changed = with_.filter(pl.col("TimeStamp") == row["TimeStamp"][0], pl.col("ChannelType") == "VOICE")
    assert changed["IncomingContactVolume"].to_list() == [4321.0]
    assert changed["AverageHandleTime"].to_list() == [99.5]
    assert ws.forecast("Sales", "long", overrides=False).equals(base)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n"
        "Sales,1001,VOICE,2024-08-01T00:00:00Z,daily,-4,300\n"
    )
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.upload_forecast_override("Sales", bad)
    assert f"{bad}:2: IncomingContactVolume" in str(e.value)
    assert ws.forecast("Sales", "long").equals(with_)
    ws.remove_forecast_override("Sales")
    assert ws.forecast("Sales", "long").equals(base)


def test_compare_export_backtest_refresh(ws: wfm.Workspace, tmp_path: Path) -> None:
    ws.compute_forecast("Sales", "long", start="2024-07-08", weeks=1)
    cmp = ws.compare_forecast("Sales", "long")
    assert cmp["steps"].to_list() == [7, 7]
    hist = ws.history(queue="1001").filter(pl.col("IntervalDuration") == "daily")
    week = hist.filter(
        pl.col("TimeStamp").dt.strftime("%Y-%m-%d").is_between(pl.lit("2024-07-08"), pl.lit("2024-07-14")),
        pl.col("ChannelType") == "VOICE",
    )
    voice = cmp.filter(pl.col("channel") == "VOICE")
    assert voice["actual"][0] == float(week["IncomingContactVolume"].sum())
    out = tmp_path / "f.csv"
    assert ws.export_forecast("Sales", "long", out) == 14
    assert out.read_text().splitlines()[0].startswith("QueueName,QueueId,ChannelType")
    bt = ws.backtest("Sales", "long")
    assert bt.height == 2 and bt["wape"].drop_nulls().len() == 2
    assert ws.refresh_forecasts()["reason"].to_list() == [""]
