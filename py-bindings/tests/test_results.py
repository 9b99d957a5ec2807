"""Results a notebook can show (issue 19, item 7): short reprs, HTML summaries, typed
reports, violations as a table, comparison and pickling; and item 10's group filter of
``capacity_plan``."""

from __future__ import annotations

import pickle
import warnings
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

import wfm

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "data" / "scenarios"
CAPACITY = SCENARIOS / "capacity_base.toml"


@pytest.fixture(scope="module")
def medium() -> wfm.ScheduleResult:
    """The medium example: 2 weeks, 2,000+ shifts (its repr was 624,555 characters)."""
    return wfm.generate_schedule(
        SCENARIOS / "schedule_medium.toml", SCENARIOS / "forecast_medium.csv", time_limit=60
    )


def _forecasts(queue: str, name: str, daily: float, per_half_hour: float) -> tuple:
    t0 = datetime(2025, 1, 6)
    common = {"QueueName": name, "QueueId": queue, "ChannelType": "VOICE"}
    long = pl.DataFrame({
        **common,
        "TimeStamp": [(t0 + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ") for d in range(14)],
        "IntervalDuration": "daily",
        "IncomingContactVolume": daily,
        "AverageHandleTime": 300.0,
    })
    short = pl.DataFrame({
        **common,
        "TimeStamp": [(t0 + timedelta(minutes=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(48)],
        "IntervalDuration": "30mins",
        "IncomingContactVolume": [0.0] * 18 + [per_half_hour] * 20 + [0.0] * 10,
        "AverageHandleTime": 300.0,
    })
    return long, short


def _two_queues() -> tuple:
    sales, support = _forecasts("1001", "Sales", 2000.0, 10.0), _forecasts("1002", "Support", 5000.0, 25.0)
    return pl.concat([sales[0], support[0]]), pl.concat([sales[1], support[1]])


# -- item 7: reprs, HTML, pickling ------------------------------------------------------


def test_a_medium_schedule_prints_a_few_lines(medium: wfm.ScheduleResult) -> None:
    """Regression: the dataclass repr printed every table and the report's per-week dicts
    (624,555 characters)."""
    text = repr(medium)
    assert len(text) < 600 and text.count("\n") <= 4, text
    assert medium.report.status in text and f"{medium.report.shifts} shifts" in text
    assert len(repr(medium.report)) < 300


def test_a_medium_schedule_has_an_html_summary(medium: wfm.ScheduleResult) -> None:
    html = medium._repr_html_()
    assert html.startswith("<table>") and len(html) < 3000
    assert "short intervals" in html and "violations" in html
    assert "<table>" in medium.report._repr_html_()


def test_the_schedule_report_is_typed_and_the_dict_still_reads(medium: wfm.ScheduleResult) -> None:
    report = medium.report
    assert isinstance(report, wfm.ScheduleReport)
    assert isinstance(report.gap, float) and isinstance(report.shifts, int)
    assert report.shifts == medium.shifts.height
    with pytest.warns(DeprecationWarning, match="report.status|.status"):
        assert report["status"] == report.status
    assert report.to_dict()["weeks"] == report.weeks


def test_a_schedule_result_pickles_and_compares_by_content(medium: wfm.ScheduleResult) -> None:
    again = pickle.loads(pickle.dumps(medium))
    assert again == medium
    changed = wfm.ScheduleResult(
        medium.shifts.head(1), medium.activities, medium.coverage, medium.agent_hours,
        medium.report, medium.violations, medium.schedule_json,
    )
    assert changed != medium


def test_violations_as_a_dataframe() -> None:
    found = wfm.validate_schedule(SCENARIOS / "schedule_example.toml", '{"agents": []}')
    result = wfm.ScheduleResult(*(pl.DataFrame(),) * 4, wfm.ScheduleReport(), found)
    table = result.violation_table
    assert table.height == len(found) > 0
    assert table.columns == ["subject", "date", "rule", "message", "text"]
    assert table.filter(pl.col("subject") == "ana")["rule"].to_list()[0] == "WeeklyMinHours"
    assert table["date"].dtype == pl.Date and table["date"].null_count() == 0
    assert table["text"].to_list() == found


def test_staffing_and_metrics_reprs_are_short_and_rounded() -> None:
    s = wfm.staff(100, 180, service_level_target=0.8, service_level_seconds=20,
                  max_occupancy=0.85, shrinkage=0.3)
    assert repr(s) == (
        "Staffing(agents=14, agents_with_shrinkage=20, service_level=0.888, "
        "asa_seconds=7.836, occupancy=0.714)"
    )
    m = wfm.queue_metrics(100, 180, 1800, 11, service_level_seconds=20)
    assert repr(m) == "QueueMetrics(agents=11, service_level=0.39, asa_seconds=122.781, occupancy=0.909)"
    for value in (s, m):
        html = value._repr_html_()
        assert html.startswith("<table>") and "abandon_probability" in html


def test_an_unstable_queue_shows_infinity() -> None:
    m = wfm.queue_metrics(100, 180, 1800, 10, service_level_seconds=20)
    assert "asa_seconds=inf" in repr(m)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_staffing_and_metrics_pickle(protocol: int) -> None:
    for value in (
        wfm.staff(100, 180, asa_target_seconds=15, shrinkage=0.3),
        wfm.staff(250, 240, service_level_target=0.8, service_level_seconds=20, patience_seconds=60),
        wfm.queue_metrics(100, 180, 1800, 12, 20),
    ):
        again = pickle.loads(pickle.dumps(value, protocol))
        assert again == value and type(again) is type(value)
        assert again.to_dict() == value.to_dict()


def test_a_capacity_plan_shows_pickles_and_compares() -> None:
    long, short = _forecasts("1001", "Sales", 2000.0, 10.0)
    plan = wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=2)
    text = repr(plan)
    assert len(text) < 600 and "weekly 2 rows" in text, text
    assert "<table>" in plan._repr_html_()
    assert pickle.loads(pickle.dumps(plan)) == plan
    other = wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=1)
    assert other != plan


def test_workspace_results_show_short_and_pickle() -> None:
    ws = wfm.demo.sample_workspace(until="group")
    imported = ws.import_history(ROOT / "data" / "sample" / "daily.csv")
    assert repr(imported) == "ImportResult(source 2: 2,376 rows, 0 new queue(s), 0 warning(s))"
    assert pickle.loads(pickle.dumps(imported)) == imported
    check = ws.check_sufficiency("Sales", as_of="2024-08-01")
    assert len(repr(check)) < 400 and repr(check).startswith("Sufficiency(passed=True")
    assert pickle.loads(pickle.dumps(check)) == check
    for value in (imported, check):
        assert value._repr_html_().startswith("<table>")


def test_a_stored_schedule_summary_is_typed() -> None:
    ws = wfm.demo.sample_workspace(until="schedule")
    sid = ws.schedules.list()["id"][0]
    summary = ws.schedules.get(sid)
    assert isinstance(summary, wfm.ScheduleSummary)
    assert (summary.from_date, summary.to_date, summary.agents) == ("2024-08-05", "2024-08-11", 16)
    assert len(repr(summary)) < 300 and "<table>" in summary._repr_html_()
    with pytest.warns(DeprecationWarning):
        assert summary["from"] == summary.from_date
    assert summary.to_dict()["from"] == "2024-08-05"
    assert pickle.loads(pickle.dumps(summary)) == summary


# -- item 10: capacity_plan(group=...) --------------------------------------------------


def test_capacity_plan_of_a_group_plans_only_its_queues() -> None:
    """Regression: ``group`` chose the FTE rows only; every queue's forecast was planned."""
    long, short = _two_queues()
    alone = wfm.capacity_plan(*_forecasts("1001", "Sales", 2000.0, 10.0), CAPACITY, "2025-01-06", weeks=2)
    sales = wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=2, group="Sales")
    assert sales.weekly["volume"].to_list() == alone.weekly["volume"].to_list() == [14000.0, 14000.0]
    assert sales.weekly["required_fte"].to_list() == alone.weekly["required_fte"].to_list()
    every = wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=2)
    assert every.weekly["volume"].to_list() == [49000.0, 49000.0]


def test_capacity_plan_of_a_group_by_its_queues(tmp_path: Path) -> None:
    long, short = _two_queues()
    long.write_csv(tmp_path / "long.csv")
    short.write_csv(tmp_path / "short.csv")
    plan = wfm.capacity_plan(tmp_path / "long.csv", tmp_path / "short.csv", CAPACITY,
                             "2025-01-06", weeks=2, group="FG Support", queues=["1002"])
    assert plan.weekly["volume"].to_list() == [35000.0, 35000.0]


def test_a_group_without_forecast_rows_is_refused() -> None:
    long, short = _two_queues()
    with pytest.raises(wfm.InvalidInputError, match="queues=") as caught:
        wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=2, group="FG Billing")
    assert caught.value.errors[0].column == "group"
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.capacity_plan(long, short, CAPACITY, "2025-01-06", weeks=2, queues=["1002", "1009"])
    assert [(p.column, p.reason) for p in caught.value.errors] == [
        ("queues", 'no forecast row of a queue "1009"')
    ]


def test_no_warning_from_the_new_names() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wfm.staff(100, 180, service_level_target=0.8, service_level_seconds=20)
        wfm.queue_metrics(100, 180, 1800, 12, service_level_seconds=20)
