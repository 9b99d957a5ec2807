"""Time off from Python: DataFrames out, located CSV errors, named request errors."""

from __future__ import annotations

import pathlib

import polars as pl
import pytest

import wfm
import wfm.timeoff


def test_a_bad_allowance_file_raises_every_problem_located_and_applies_nothing(tmp_path: pathlib.Path) -> None:
    ws = wfm.timeoff._example_workspace()
    p = tmp_path / "a.csv"
    p.write_text(
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n"
        "Support,VACAY_SK,2026-12-16T09:01:00,2026-12-16T10:01:00,3\n"
    )
    with pytest.raises(wfm.InvalidInputError) as e:
        ws.time_off.import_allowances(p)
    assert "is not a multiple of 15 minutes from top of the hour" in str(e.value)
    assert ws.time_off.allowances().height == 2


def test_requests_and_balances_are_dataframes_and_bad_requests_change_nothing() -> None:
    ws = wfm.timeoff._example_workspace()
    with pytest.raises(wfm.TimeOffError, match="may be requested by a supervisor only") as e:
        ws.time_off.request("agent1", "TRAINING_LEAVE", "2026-12-15T09:00", "2026-12-15T10:00")
    assert e.value.reason == "not_requestable"
    with pytest.raises(wfm.TimeOffError, match="unknown agent") as e:
        ws.time_off.request("nobody", "VACAY_SK", "2026-12-15T09:00", "2026-12-15T10:00")
    assert e.value.reason == "unknown_agent" and isinstance(e.value, wfm.WfmError)
    assert ws.time_off.requests().height == 0
    r = ws.time_off.request("agent2", "SICK_SK", "2026-12-15T09:15", "2026-12-15T10:15", supervisor=True)
    assert (r.status, r.hours) == ("approved", 0.0)  # outside agent2's shift
    df = ws.time_off.requests()
    assert isinstance(df, pl.DataFrame) and df["STATUS"].to_list() == ["approved"]
    assert ws.time_off.balances().to_pandas().shape[0] == 3
