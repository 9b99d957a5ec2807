"""``wfm.generate_schedule`` / ``wfm.validate_schedule`` on the example scenario, and the
``wfm.plot`` charts of a generated week."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest

import wfm

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "data" / "scenarios" / "schedule_example.toml"
WEEK = date(2026, 3, 2)
HEADER = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime"


def forecast_rows() -> list:
    """4 contacts per quarter hour 13:00–20:00 UTC Monday to Saturday, AHT 300 s (the
    forecast of the CLI's end-to-end test)."""
    t0 = datetime(2026, 3, 2, tzinfo=timezone.utc)
    rows = []
    for i in range(7 * 96):
        day, quarter = divmod(i, 96)
        volume = 4 if day < 6 and 52 <= quarter < 80 else 0
        t = (t0 + timedelta(minutes=15 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(("Support", "q1", "VOICE", t, "15mins", float(volume), 300.0))
    return rows


@pytest.fixture(scope="module")
def forecast_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schedule") / "st.csv"
    lines = [HEADER] + [",".join(str(v) for v in r) for r in forecast_rows()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def week(forecast_csv) -> wfm.ScheduleResult:
    return wfm.generate_schedule(SCENARIO, forecast_csv, "Day team", WEEK, time_limit=20)


def minutes(df: pl.DataFrame) -> pl.Series:
    """The length of each row's ``start``–``end`` in minutes."""
    return (df["end"] - df["start"]).dt.total_minutes()


def test_the_frames_have_the_documented_columns(week):
    # the columns of shifts.csv, activities.csv, coverage.csv and agent_hours.csv
    local = ["local_start", "local_end"]
    assert week.shifts.columns == ["agent", "date", "start", "end", "paid_hours", "time_zone", *local]
    assert week.activities.columns == ["agent", "date", "activity", "start", "end", "paid", *local]
    assert week.coverage.columns == [
        "interval_start", "required", "scheduled", "short", "service_level", "asa_seconds",
        "occupancy", "volume", "aht_seconds",
    ]
    assert week.agent_hours.columns == ["agent", "period", "start", "week", "paid_hours"]
    assert week.shifts.schema["start"] == pl.Datetime("us", "UTC")  # one type everywhere
    assert week.shifts.schema["date"] == pl.Date
    assert week.activities.schema["paid"] == pl.Boolean
    assert week.coverage.schema["short"] == pl.Float64  # agents short, as coverage.csv


def test_the_week_meets_the_requirement_and_the_rules(week):
    assert week.violations == []
    assert week.short_intervals == []
    assert week.report.unmet_intervals == []
    assert week.report.status in ("optimal", "time_limit")
    assert week.report.objective >= week.report.lower_bound - 1e-6
    assert week.report.weeks[0]["report"]["tours"]["status"] in ("optimal", "time_limit")
    cov = week.coverage
    assert cov.height == 7 * 48  # the scenario's 30-minute grid over the week
    assert (cov["short"] == 0).all()
    # the review's projection on the scheduled agents, shares in [0, 1]
    worked = cov.filter(pl.col("volume") > 0)
    assert worked.height > 0
    assert worked["service_level"].is_between(0, 1).all() and worked["occupancy"].is_between(0, 1).all()
    busy = cov.filter(pl.col("interval_start").dt.hour().is_between(13, 19))
    weekday = busy.filter(pl.col("interval_start").dt.weekday() <= 6)
    assert weekday["required"].min() > 0
    # 4 contacts of 300 s per quarter hour need several agents at 80 % in 20 s
    assert cov["required"].max() >= 3
    assert (weekday["scheduled"] >= weekday["required"] - 0.5).all()


def test_every_shift_lies_in_the_request_and_the_day_profile(week):
    s = week.shifts
    assert s.height > 0
    assert s["date"].min() >= WEEK and s["date"].max() <= WEEK + timedelta(days=6)
    assert (s["start"].dt.date() == s["date"]).all()
    assert (s["start"].dt.hour() >= 12).all()  # earliest_start 12:00 UTC
    ends = s["end"].dt.hour().cast(pl.Int32) * 60 + s["end"].dt.minute().cast(pl.Int32)
    assert (ends <= 22 * 60).all()  # latest_end 22:00 UTC
    assert ((minutes(s) >= 360) & (minutes(s) <= 540)).all()
    assert s.filter(pl.col("date").dt.weekday() == 7).height == 0  # Sunday off
    assert set(s["agent"]) <= {"ana", "ben", "carla", "dev", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai", "lena"}
    # lena joins on Wednesday
    assert (s.filter(pl.col("agent") == "lena")["date"] >= date(2026, 3, 4)).all()


def test_activities_lie_in_their_shifts_and_paid_hours_add_up(week):
    joined = week.activities.join(week.shifts, on=["agent", "date"], suffix="_shift")
    assert joined.height == week.activities.height
    assert (joined["start"] >= joined["start_shift"]).all()
    assert (joined["end"] <= joined["end_shift"]).all()
    assert set(week.activities["activity"]) <= {"Break", "Lunch"}
    lunch = week.activities.filter(pl.col("activity") == "Lunch")
    assert lunch.height > 0 and not lunch["paid"].any() and (minutes(lunch) == 30).all()
    unpaid = (
        week.activities.with_columns(minutes=minutes(week.activities))
        .filter(~pl.col("paid"))
        .group_by(["agent", "date"])
        .agg(pl.col("minutes").sum().alias("unpaid"))
    )
    s = week.shifts.join(unpaid, on=["agent", "date"], how="left").with_columns(pl.col("unpaid").fill_null(0))
    assert ((minutes(s) - s["unpaid"]) / 60 - s["paid_hours"]).abs().max() < 1e-9
    days = week.agent_hours.filter(pl.col("period") == "day").rename({"start": "date"})
    hours = days.join(
        week.shifts.group_by(["agent", "date"]).agg(pl.col("paid_hours").sum().alias("from_shifts")),
        on=["agent", "date"],
    )
    assert hours.height == days.height == week.shifts.height
    assert (hours["paid_hours"] - hours["from_shifts"]).abs().max() < 1e-9
    weekly = week.agent_hours.filter(pl.col("period") == "week")
    assert weekly["paid_hours"].max() <= 40 + 1e-9  # weekly_max_hours
    # a week row is the sum of its day rows
    summed = days.group_by("agent").agg(pl.col("paid_hours").sum().alias("days"))
    both = weekly.join(summed, on="agent")
    assert both.height == weekly.height > 0
    assert (both["paid_hours"] - both["days"]).abs().max() < 1e-9


def test_a_dataframe_forecast_gives_the_same_week(week, tmp_path):
    df = pl.DataFrame(forecast_rows(), schema=HEADER.split(","), orient="row")
    again = wfm.generate_schedule(SCENARIO, df, "Day team", "2026-03-02", time_limit=20, output=tmp_path / "out")
    assert again.violations == []
    assert again.coverage["required"].to_list() == week.coverage["required"].to_list()
    assert again.shifts["paid_hours"].sum() == pytest.approx(week.shifts["paid_hours"].sum())
    for name in ("schedule.json", "shifts.csv", "activities.csv", "coverage.csv", "report.json"):
        assert (tmp_path / "out" / name).is_file(), name
    assert wfm.validate_schedule(SCENARIO, tmp_path / "out" / "schedule.json") == []


def test_the_validator_accepts_the_week_and_finds_a_tampered_shift(week, tmp_path):
    assert wfm.validate_schedule(SCENARIO, week.schedule_json) == []
    assert wfm.validate_schedule(SCENARIO, week) == []
    schedule = json.loads(week.schedule_json)
    agent = next(a for a in schedule["agents"] if a["shifts"])
    shift = agent["shifts"][0]
    start = datetime.strptime(shift["start"], "%Y-%m-%dT%H:%M:%SZ")
    shift["end"] = (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")  # 2 h < 6 h
    shift["activities"] = []
    found = wfm.validate_schedule(SCENARIO, json.dumps(schedule))
    assert found and any(agent["agent"] in v for v in found)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(schedule), encoding="utf-8")
    assert wfm.validate_schedule(SCENARIO, path) == found


def test_bad_arguments_raise_the_package_errors(forecast_csv, tmp_path):
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.generate_schedule(SCENARIO, forecast_csv, "Day team", WEEK, channel="FAX")
    assert "channel" in str(e.value)
    with pytest.raises(wfm.InvalidInputError):
        wfm.generate_schedule(SCENARIO, forecast_csv, "Day team", "March 2nd")
    with pytest.raises(wfm.SchedulingError) as e:
        wfm.generate_schedule(SCENARIO, forecast_csv, "Night team", WEEK)
    assert "Night team" in str(e.value)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(wfm.InvalidInputError):
        wfm.validate_schedule(SCENARIO, bad)


@pytest.fixture()
def agg():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def test_coverage_chart_draws_two_step_lines_and_shades_short_intervals(week, agg):
    import wfm.plot

    ax = wfm.plot.coverage(week)
    assert [line.get_label() for line in ax.lines] == ["required", "scheduled"]
    assert len(ax.lines[0].get_xdata()) == week.coverage.height
    assert len(ax.patches) == 0  # nothing short
    # two runs of short intervals → two shaded spans
    short = [i in (10, 11, 12, 40) for i in range(week.coverage.height)]
    ax = wfm.plot.coverage(week.coverage.with_columns(pl.Series("short", short)))
    assert len(ax.patches) == 2
    # coverage.csv as written (text times) draws the same lines
    csv = week.coverage.with_columns(pl.col("interval_start").dt.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert len(wfm.plot.coverage(csv.drop("short")).lines) == 2


def test_gantt_draws_a_row_per_agent_with_shift_and_activity_bars(week, agg):
    import wfm.plot

    ax = wfm.plot.gantt(week, max_agents=3)
    agents = sorted(set(week.shifts["agent"]))[:3]
    assert [t.get_text() for t in ax.get_yticklabels()] == agents
    shown = week.shifts.filter(pl.col("agent").is_in(agents))
    acts = week.activities.filter(pl.col("agent").is_in(agents))
    labels = [c.get_label() for c in ax.containers]
    assert labels[0] == "shift" and len(ax.containers[0]) == shown.height
    assert sorted(labels[1:]) == sorted(set(acts["activity"]))
    assert sum(len(c) for c in ax.containers[1:]) == acts.height
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "shift" in legend and "Lunch" in legend
    # a bar spans its shift: width in days
    bar = ax.containers[0][0]
    assert bar.get_width() * 24 * 60 == pytest.approx(minutes(shown)[0])
    # agents picked by name, from the CSV frames, in a local time zone
    ax = wfm.plot.gantt(
        (
            week.shifts.with_columns(pl.col("start", "end").dt.strftime("%Y-%m-%dT%H:%M:%SZ")),
            week.activities.with_columns(pl.col("start", "end").dt.strftime("%Y-%m-%dT%H:%M:%SZ")),
        ),
        agents=["ana"],
        time_zone="America/New_York",
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana"]
    assert ax.get_xlabel() == "time (America/New_York)"
