"""One table definition per report: for the same run, the DataFrame Python receives and
the CSV file have the same columns and the same values (coverage, shifts, activities,
agent hours of a schedule; the weekly and monthly periods of a plan, hiring included)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import wfm
from test_capacity import SCENARIO as PLAN_SCENARIO
from test_capacity import forecasts
from test_schedule import SCENARIO, WEEK, forecast_rows, HEADER


def assert_same(frame: pl.DataFrame, path: Path) -> None:
    """``frame`` has the columns, rows and values of the CSV file at ``path`` (numbers
    as the CSV rounds them, instants as its UTC text)."""
    text = pl.read_csv(path, infer_schema_length=0)  # every cell as text, empty as null
    assert frame.columns == text.columns, path.name
    assert frame.height == text.height > 0, path.name
    for name, dtype in frame.schema.items():
        column, cells = frame[name], text[name]
        assert column.is_null().to_list() == cells.is_null().to_list(), (path.name, name)
        if dtype == pl.Float64:
            shown = [c for c in cells.to_list() if c is not None]
            decimals = max((len(c.split(".")[1]) if "." in c else 0 for c in shown), default=0)
            error = (cells.cast(pl.Float64) - column).abs().fill_null(0.0)
            assert (error <= 0.5 * 10**-decimals + 1e-9).all(), (path.name, name)
        elif isinstance(dtype, pl.Datetime):
            assert column.dt.strftime("%Y-%m-%dT%H:%M:%SZ").to_list() == cells.to_list(), (path.name, name)
        else:
            assert column.cast(pl.String).to_list() == cells.to_list(), (path.name, name)


def test_the_schedule_frames_are_the_schedule_csv_files(tmp_path: Path) -> None:
    forecast = tmp_path / "st.csv"
    lines = [HEADER] + [",".join(str(v) for v in r) for r in forecast_rows()]
    forecast.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "week"
    week = wfm.generate_schedule(SCENARIO, forecast, "Day team", WEEK, time_limit=20, output=out)
    assert_same(week.coverage, out / "coverage.csv")
    assert_same(week.shifts, out / "shifts.csv")
    assert_same(week.activities, out / "activities.csv")
    assert_same(week.agent_hours, out / "agent_hours.csv")
    # what was missing from the frame: the review's service level, ASA and occupancy
    assert {"service_level", "asa_seconds", "occupancy"} <= set(week.coverage.columns)


def test_the_plan_frames_are_the_plan_csv_files(tmp_path: Path) -> None:
    long, short = forecasts()
    fte = tmp_path / "fte.csv"
    fte.write_text(
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
        "FG Sales,2025-01-06T00:00:00Z,90,10,5"
    )
    out = tmp_path / "plan"
    plan = wfm.capacity_plan(
        long, short, PLAN_SCENARIO, "2025-01-06", weeks=10, fte=fte, output=out,
        hiring={"lead_weeks": 2, "ramp": [0.5, 1.0], "cost_per_hire": 1000},
    )
    assert plan.hiring is not None
    assert plan.weekly.columns[-4:] == ["hires", "fte_after_hires", "remaining_gap", "closable"]
    assert_same(plan.weekly, out / "plan_weekly.csv")
    assert_same(plan.monthly, out / "plan_monthly.csv")


@pytest.mark.parametrize("column", ["volume", "required", "short"])
def test_a_changed_value_is_caught(tmp_path: Path, column: str) -> None:
    """The comparison can fail: a frame with one value changed is not its file."""
    path = tmp_path / "t.csv"
    path.write_text("volume,required,short\n1.25,3,0.00\n", encoding="utf-8")
    frame = pl.DataFrame({"volume": [1.25], "required": [3], "short": [0.0]})
    assert_same(frame, path)
    changed = frame.with_columns(pl.col(column) + 1)
    with pytest.raises(AssertionError):
        assert_same(changed, path)
