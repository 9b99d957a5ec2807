"""wfm.capacity_plan from DataFrames and files, its errors, and the capacity chart."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

import wfm
import wfm.plot
from conftest import ROOT

SCENARIO = ROOT / "data" / "scenarios" / "capacity_base.toml"
T0 = datetime(2025, 1, 6)


def forecasts() -> tuple:
    days = [(T0 + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ") for d in range(70)]
    long = pl.DataFrame(
        {
            "QueueName": "Sales",
            "QueueId": "q1",
            "ChannelType": ["VOICE", "CHAT"] * 70,
            "TimeStamp": [d for d in days for _ in range(2)],
            "IntervalDuration": "daily",
            "IncomingContactVolume": [2500.0, 600.0] * 70,
            "AverageHandleTime": [300.0, 540.0] * 70,
        }
    )
    stamps = [T0 + timedelta(minutes=30 * i) for i in range(7 * 48)]
    short = pl.DataFrame(
        {
            "QueueName": "Sales",
            "QueueId": "q1",
            "ChannelType": ["VOICE"] * len(stamps) + ["CHAT"] * len(stamps),
            "TimeStamp": stamps * 2,
            "IntervalDuration": "30mins",
            "IncomingContactVolume": [12.0 if 26 <= (i % 48) < 42 else 0.0 for i in range(len(stamps))] * 2,
            "AverageHandleTime": 300.0,
        }
    ).with_columns(pl.col("TimeStamp").dt.replace_time_zone("UTC"))
    return long, short


def test_plan_from_dataframes_with_fte_and_chart(tmp_path: Path) -> None:
    long, short = forecasts()
    fte = tmp_path / "fte.csv"
    fte.write_text(
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
        "FG Sales,2025-01-06T00:00:00Z,90,10,5"
    )
    plan = wfm.capacity_plan(
        long, short.to_pandas(), SCENARIO, "2025-01-06", weeks=10, fte=fte, output=tmp_path / "out"
    )
    assert plan.group == "FG Sales"
    assert plan.weekly.height == 10 and plan.monthly.height == 3
    w = plan.weekly.row(0, named=True)
    assert w["volume"] == pytest.approx(3100 * 7)
    assert w["required_fte_with_shrinkage"] == pytest.approx(w["required_fte"] / 0.85)
    assert w["gap"] == pytest.approx(w["available_fte"] - w["required_fte_with_shrinkage"])
    assert (tmp_path / "out" / "plan.xlsx").exists()
    # available FTE falls with attrition week by week
    available = plan.weekly["available_fte"].to_list()
    assert all(a > b for a, b in zip(available, available[1:]))
    ax = wfm.plot.capacity(plan.weekly).axes[0]  # the FTE panel (the gap panel below)
    drawn = {line.get_label(): [float(y) for y in line.get_ydata()] for line in ax.get_lines()}
    assert drawn == {
        "required FTE": plan.weekly["required_fte"].to_list(),
        "required FTE with shrinkage": plan.weekly["required_fte_with_shrinkage"].to_list(),
        "available FTE": available,
    }
    ax.figure.savefig(tmp_path / "capacity.png")  # draws without error


def test_every_input_problem_is_raised(tmp_path: Path) -> None:
    long, short = forecasts()
    bad = long.with_columns(
        pl.when(pl.int_range(pl.len()) == 3).then(pl.lit(-5.0)).otherwise(pl.col("IncomingContactVolume")).alias("IncomingContactVolume")
    )
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO.read_text().replace("max_occupancy = 0.85", "max_occupancy = 0"))
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.capacity_plan(bad, short, scenario, "2025-01-06", weeks=4)
    located = {(p.line, p.column) for p in e.value.errors}
    assert (5, "IncomingContactVolume") in located
    assert any(p.column == "max_occupancy" and p.file == str(scenario) for p in e.value.errors)
    with pytest.raises(wfm.InvalidInputError):
        wfm.capacity_plan(long, short, SCENARIO, "6 Jan 2025", weeks=4)
    with pytest.raises(wfm.PreconditionError, match="forecast further"):
        wfm.capacity_plan(long, short, SCENARIO, "2025-01-06", weeks=20)


def test_frame_columns_are_the_csv_columns(tmp_path: Path) -> None:
    long, short = forecasts()
    plan = wfm.capacity_plan(long, short, SCENARIO, "2025-01-06", weeks=2, output=tmp_path)
    header = (tmp_path / "plan_weekly.csv").read_text().splitlines()[0].split(",")
    assert plan.weekly.columns == header
    assert plan.weekly["required_fte"].to_list() == pytest.approx(
        [float(r.split(",")[header.index("required_fte")]) for r in (tmp_path / "plan_weekly.csv").read_text().splitlines()[1:]]
    )
