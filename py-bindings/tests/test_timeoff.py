"""Time off from Python: DataFrames out, located CSV errors, named request errors."""

from __future__ import annotations

import dataclasses
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


def test_a_decision_shows_its_schedule_edit_and_one_without_a_published_schedule_shows_none() -> None:
    ws = wfm.timeoff._example_workspace(published=True)
    r = ws.time_off.request("agent1", "VACAY_SK", "2026-12-15T00:00", "2026-12-16T00:00")
    assert r.status == "approved" and len(r.schedule) == 1
    u = r.schedule[0]
    assert isinstance(u, wfm.timeoff.ScheduleUpdate)
    assert (u.version, u.changed, u.violations) == (1, ("agent1",), ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        u.version = 5  # type: ignore[misc]
    # the cancel takes the time off out: the next version of the same schedule
    c = ws.time_off.cancel(r.id)
    assert [(x.schedule, x.version, x.changed) for x in c.schedule] == [(u.schedule, 2, ("agent1",))]
    # a denied request edits nothing
    assert ws.time_off.request("ana", "VACAY_SK", "2026-12-22T09:00", "2026-12-22T10:00").schedule == ()
    # no published schedule: the request is decided, no schedule edited
    plain = wfm.timeoff._example_workspace()
    assert plain.time_off.request("agent1", "VACAY_SK", "2026-12-15T00:00", "2026-12-16T00:00").schedule == ()


def test_an_accepted_overtime_slot_shows_its_schedule_edit_with_the_rules_it_breaks() -> None:
    ws = wfm.timeoff._example_workspace(published=True)
    o = ws.time_off.open_slots("overtime", "2026-12-15T14:00", "2026-12-15T16:00", "Phones", 1, group="Day team")
    a = ws.time_off.answer(o, "ana")
    assert a == "accepted" and isinstance(a, str)
    (u,) = a.schedule
    assert u.changed == ("ana",) and u.version == 1
    # 08:00–16:00 is longer than the Day profile's 6 hours: the decision stands, the rule is named
    assert u.violations and all(isinstance(v, str) for v in u.violations)
    assert u.service_level is not None and u.service_level[1] > u.service_level[0]
    full = ws.time_off.answer(o, "ben")
    assert full == "full" and full.schedule == ()
