"""One name per concept (issue 19, item 9): the glossary's argument names, the former
ones deprecated for one release; the same bad argument raises the same exception class
from every function; Python errors give Python hints, never ``wfm …`` commands."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import wfm

ROOT = Path(__file__).resolve().parents[2]
SCHEDULE = ROOT / "data" / "scenarios" / "schedule_example.toml"
CAPACITY = ROOT / "data" / "scenarios" / "capacity_base.toml"
DAILY = ROOT / "data" / "sample" / "daily.csv"


@pytest.fixture(scope="module")
def ws() -> wfm.Workspace:
    return wfm.demo.sample_workspace(until="plan")


# -- names --------------------------------------------------------------------------------


def test_the_goal_has_the_staffing_tables_names() -> None:
    staff = inspect.signature(wfm.staff).parameters
    assert {"service_level_target", "service_level_seconds", "asa_target_seconds"} <= set(staff)
    assert "service_level_seconds" in inspect.signature(wfm.queue_metrics).parameters
    row = {"volume": 100.0, "aht_seconds": 180.0, "interval_seconds": 1800.0,
           "service_level_target": 0.8, "service_level_seconds": 20.0}
    import polars as pl

    assert wfm.staff(**row).agents == wfm.staff_table(pl.DataFrame([row]))["agents"][0]


@pytest.mark.parametrize(
    ("call", "old"),
    [
        (lambda: wfm.staff(100, 180, service_level=0.8, service_level_seconds=20), "service_level="),
        (lambda: wfm.staff(100, 180, asa_seconds=15), "asa_seconds="),
        (lambda: wfm.queue_metrics(100, 180, 1800, 12, answer_seconds=20), "answer_seconds="),
    ],
)
def test_the_former_names_work_with_a_deprecation_warning(call: Callable[[], Any], old: str) -> None:
    with pytest.warns(DeprecationWarning, match=old):
        assert call().agents > 0


def test_old_and_new_name_together_are_refused() -> None:
    with pytest.raises(wfm.InvalidInputError, match="service_level_target only"):
        wfm.staff(100, 180, service_level=0.8, service_level_target=0.8, service_level_seconds=20)


def test_forecast_and_compute_take_weeks_before_start(ws: wfm.Workspace) -> None:
    forecast = list(inspect.signature(wfm.forecast).parameters)
    compute = list(inspect.signature(wfm.Workspace.forecasts.fget(ws).compute).parameters)
    assert forecast[1:4] == ["kind", "weeks", "start"]
    assert compute[:4] == ["group", "kind", "weeks", "start"]


def test_compute_in_the_former_order_warns(tmp_path: Path) -> None:
    ws = wfm.demo.sample_workspace(until="group")
    ws.forecasts.compute("Sales", "short", 2, "2024-07-01")
    new = ws.forecasts.get("Sales", "short")
    with pytest.warns(DeprecationWarning, match="compute"):
        ws.forecasts.compute("Sales", "short", "2024-07-01", 2)
    old = ws.forecasts.get("Sales", "short")
    assert old["TimeStamp"].min().date().isoformat() == "2024-07-01"
    assert old["TimeStamp"].to_list() == new["TimeStamp"].to_list()


def test_one_time_limit_default() -> None:
    generate = inspect.signature(wfm.generate_schedule).parameters["time_limit"].default
    create = inspect.signature(wfm.documents.Schedules.create).parameters["time_limit"].default
    extension = inspect.signature(wfm._wfm.schedules_create).parameters["time_limit"].default
    assert generate == create == extension == 600.0


# -- the same bad argument, the same exception class ---------------------------------------


def _cases(ws: wfm.Workspace) -> Dict[str, List[Callable[[], Any]]]:
    lt = ws.forecasts.get("Sales", "long")
    st = ws.forecasts.get("Sales", "short")
    return {
        "kind": [
            lambda: wfm.forecast(DAILY, "medium", 2),
            lambda: ws.forecasts.compute("Sales", "medium", 2),
        ],
        "weeks": [
            lambda: wfm.forecast(DAILY, "long", 0),
            lambda: ws.forecasts.compute("Sales", "long", 0),
        ],
        "plan weeks": [
            lambda: wfm.capacity_plan(lt, st, CAPACITY, "2024-08-05", weeks=0),
            lambda: ws.plans.create("Z", "Sales", "Base 2025", "2024-08-05", weeks=0),
        ],
        "start": [
            lambda: wfm.forecast(DAILY, "long", 2, start="yesterday"),
            lambda: ws.forecasts.compute("Sales", "long", 2, start="yesterday"),
            lambda: wfm.capacity_plan(lt, st, CAPACITY, "yesterday", weeks=2),
            lambda: ws.plans.create("Z", "Sales", "Base 2025", "yesterday", weeks=2),
        ],
        "time zone": [
            lambda: wfm.forecast(DAILY, "long", 2, time_zones={"1001": "Mars/Base"}),
            lambda: ws.set_queue_time_zone("1001", "Mars/Base"),
        ],
        "time_limit": [
            lambda: wfm.generate_schedule(SCHEDULE, st, time_limit=0),
            lambda: ws.schedules.create(time_limit=0),
        ],
        "gap": [
            lambda: wfm.generate_schedule(SCHEDULE, st, gap=2),
            lambda: ws.schedules.create(gap=2),
        ],
        "week_start": [
            lambda: wfm.generate_schedule(SCHEDULE, st, "Day team", week_start="soon"),
            lambda: ws.schedules.create(week_start="soon"),
        ],
        "channel": [
            lambda: wfm.generate_schedule(SCHEDULE, st, channel="FAX"),
            lambda: ws.schedules.create(channel="FAX"),
        ],
        "negative volume": [
            lambda: wfm.staff(-1, 180, asa_target_seconds=20),
            lambda: wfm.queue_metrics(-1, 180, 1800, 10, 20),
        ],
    }


@pytest.mark.parametrize(
    "argument",
    ["kind", "weeks", "plan weeks", "start", "time zone", "time_limit", "gap", "week_start",
     "channel", "negative volume"],
)
def test_the_same_bad_argument_raises_the_same_class(ws: wfm.Workspace, argument: str) -> None:
    raised = []
    for call in _cases(ws)[argument]:
        with pytest.raises(wfm.WfmError) as caught:
            call()
        raised.append(type(caught.value))
    assert len(set(raised)) == 1, f"{argument}: {[c.__name__ for c in raised]}"


# -- hints -----------------------------------------------------------------------------------


def test_errors_give_python_hints_not_commands(ws: wfm.Workspace) -> None:
    calls = [
        (lambda: ws.forecasts.compute("Nope", "long", 2), "ws.create_group('Nope'"),
        (lambda: ws.forecasts.publish("Nope", "long"), "ws.forecasts.compute('Nope', 'long')"),
        (lambda: ws.delete_group("Sales"), "ws.forecasts.delete('Sales'"),
        (lambda: ws.plans.get("Nope"), "ws.plans.list()"),
        (lambda: ws.plans.create("Budget", "Sales", "Base 2025", "2024-08-05", weeks=2),
         "ws.plans.rerun('Budget')"),
        (lambda: ws.schedules.get(99), "ws.schedules.list()"),
    ]
    for call, hint in calls:
        with pytest.raises(wfm.WfmError) as caught:
            call()
        text = str(caught.value)
        assert hint in text and caught.value.hint is not None and hint in caught.value.hint
        assert "`wfm " not in text and "--" not in text


def test_a_hinted_error_pickles_without_doubling_the_hint() -> None:
    import pickle

    e = wfm.NotFoundError('no plan "Q3" in the workspace', kind="plan", name="Q3")
    again = pickle.loads(pickle.dumps(e))
    assert str(again) == str(e) and str(e).count("hint:") == 1
    assert again.message == 'no plan "Q3" in the workspace'
