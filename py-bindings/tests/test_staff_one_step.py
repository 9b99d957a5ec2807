"""Issue 19, item 4: a forecast is staffed in one step by wfm.staff_table — closed
intervals (volume 0) staff 0, key columns pass through unchanged, and a table with many
problems shows the first 20 in its message and all of them in ``to_frame()``."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import polars as pl
import pytest

import wfm


def forecast(n: int = 4) -> pl.DataFrame:
    start = datetime(2025, 1, 6, 8, tzinfo=timezone.utc)
    return pl.DataFrame(
        {
            "queue": ["sales"] * n,
            "interval_start": pl.datetime_range(
                start, start.replace(hour=8 + n), "30m", eager=True, time_zone="UTC"
            )[:n],
            "volume": [0.0, 100.0, 250.0, 0.0][:n] + [40.0] * max(0, n - 4),
            "aht_seconds": [180.0] * n,
            "interval_seconds": [1800] * n,
            "service_level_target": [0.8] * n,
            "service_level_seconds": [20] * n,
            "note": [None, "peak", None, "closed"][:n] + [None] * max(0, n - 4),
        }
    )


def test_staff_table_with_volume_zero_staffs_zero_as_staff_does() -> None:
    out = wfm.staff_table(forecast())
    assert out["agents"].to_list()[0] == 0 == wfm.staff(
        0, 180, 1800, service_level_target=0.8, service_level_seconds=20
    ).agents
    assert out["agents"].to_list()[3] == 0
    assert out["agents_with_shrinkage"].to_list()[0] == 0
    assert out["agents"].to_list()[1] == wfm.staff(
        100, 180, 1800, service_level_target=0.8, service_level_seconds=20
    ).agents


def test_staff_table_passes_key_columns_through_unchanged_in_their_places() -> None:
    table = forecast()
    out = wfm.staff_table(table)
    assert out.columns[: table.width] == table.columns
    assert out.columns[table.width] == "agents"
    for name in ("queue", "interval_start", "note"):
        assert out[name].dtype == table[name].dtype, name
        assert out[name].to_list() == table[name].to_list(), name
    # pandas and lazy frames too
    lazy = wfm.staff_table(table.lazy())
    assert lazy.equals(out)
    from_pandas = wfm.staff_table(table.to_pandas())
    assert from_pandas["queue"].to_list() == ["sales"] * 4
    assert from_pandas["agents"].to_list() == out["agents"].to_list()


def test_staff_table_error_shows_20_problems_and_to_frame_has_all() -> None:
    n = 4_177
    table = pl.DataFrame(
        {
            "queue": ["q"] * n,
            "volume": [-1.0] * n,
            "aht_seconds": [180.0] * n,
            "interval_seconds": [1800.0] * n,
            "asa_target_seconds": [15.0] * n,
        }
    )
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(table)
    error = caught.value
    lines = str(error).splitlines()
    assert lines[0] == f"{n} error(s) in the input, nothing was applied:"
    assert len(lines) == 1 + 20 + 1, lines[:3]
    assert lines[1] == "<dataframe>:2: volume: must be 0 or greater, got -1"
    assert lines[-1] == f"… and {n - 20} more error(s) not shown"
    frame = error.to_frame()
    assert frame.height == n == error.total
    assert frame.columns == ["file", "line", "row", "column", "reason"]
    assert frame["row"].to_list() == list(range(n))
    assert set(frame["column"]) == {"volume"}


def test_pandas_forecast_with_closed_intervals_and_keys() -> None:
    table = pd.DataFrame(
        {
            "interval_start": pd.date_range("2025-01-06 08:00", periods=3, freq="30min", tz="UTC"),
            "queue": ["a", "a", "b"],
            "volume": [0, 120, 0],
            "aht_seconds": [200, 200, 200],
            "interval_seconds": [1800, 1800, 1800],
            "asa_target_seconds": [20, 20, 20],
        }
    )
    out = wfm.staff_table(table)
    assert out.columns[:6] == list(table.columns)
    assert out["agents"].to_list()[0] == 0 and out["agents"].to_list()[2] == 0
    assert out["interval_start"].to_list() == pl.from_pandas(table)["interval_start"].to_list()
    assert out["queue"].to_list() == ["a", "a", "b"]
