"""Frames cross the Python boundary as Arrow (issue 19 items 2, 3, 5): no file written,
errors name ``<dataframe>``, zoned instants converted to UTC exactly (naive ones are
UTC), one timestamp type (``Datetime("us", "UTC")``) in every frame returned, plan
periods as dates, DataFrames (polars, pandas, LazyFrame, pyarrow) wherever a file goes.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest

import wfm
from wfm import _wfm
from test_capacity import SCENARIO as PLAN_SCENARIO
from test_capacity import forecasts
from test_schedule import SCENARIO, WEEK, forecast_rows

UTC_US = pl.Datetime("us", "UTC")
HISTORY = ["QueueName", "QueueId", "ChannelType", "TimeStamp", "IntervalDuration",
           "IncomingContactVolume", "AverageHandleTime", "ContactsHandled"]


def history(start: datetime, steps: int, minutes: int = 30, peak_hour: int = 13) -> pl.DataFrame:
    """Interval history of one queue from ``start`` (UTC): 30 contacts in the UTC hour
    ``peak_hour``, 5 otherwise; ``TimeStamp`` as ``Datetime("us", "UTC")``."""
    stamps = [start + timedelta(minutes=minutes * i) for i in range(steps)]
    volume = [30 if t.hour == peak_hour else 5 for t in stamps]
    return pl.DataFrame(
        {
            "QueueName": "Sales", "QueueId": "q1", "ChannelType": "VOICE",
            "TimeStamp": pl.Series(stamps, dtype=UTC_US),
            "IntervalDuration": f"{minutes}mins",
            "IncomingContactVolume": volume,
            "AverageHandleTime": 240.0,
            "ContactsHandled": volume,
        }
    ).select(HISTORY)


def workspace(tmp_path: Path, name: str = "w.wfm") -> wfm.Workspace:
    return wfm.Workspace.create(tmp_path / name, interval=30)


def daily_history(days: int = 400) -> pl.DataFrame:
    t0 = datetime(2023, 7, 1, tzinfo=timezone.utc)
    stamps = [t0 + timedelta(days=d) for d in range(days)]
    return pl.DataFrame(
        {
            "QueueName": "Sales", "QueueId": "q1", "ChannelType": "VOICE",
            "TimeStamp": pl.Series(stamps, dtype=UTC_US), "IntervalDuration": "daily",
            "IncomingContactVolume": [100 + d % 7 for d in range(days)],
            "AverageHandleTime": 300.0, "ContactsHandled": 100,
        }
    ).select(HISTORY)


# item 3: Arrow, no file ----------------------------------------------------------------


@pytest.fixture()
def no_files(monkeypatch):
    """Fails any temporary file or directory, CSV or Parquet encoding from Python."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a frame crossed through a file or Parquet bytes")

    for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    for name in ("write_csv", "write_parquet"):
        monkeypatch.setattr(pl.DataFrame, name, refuse)
    monkeypatch.setattr(pl, "read_parquet", refuse)


def test_the_crossing_is_arrow_both_ways():
    df = pl.DataFrame({"q": ["a", "b"], "v": [1.5, None], "n": [1, 2]})
    table = _wfm.arrow_roundtrip(df)
    assert hasattr(table, "__arrow_c_stream__") and len(table) == 2
    assert pl.DataFrame(table).equals(df)
    pa = pytest.importorskip("pyarrow")
    assert pl.DataFrame(_wfm.arrow_roundtrip(pa.table({"x": [1, 2]})))["x"].to_list() == [1, 2]
    assert pa.table(table).num_rows == 2  # any reader of the PyCapsule protocol
    assert pl.DataFrame(_wfm.arrow_roundtrip(df.lazy().collect().to_pandas()))["q"].to_list() == ["a", "b"]


def test_a_frame_crosses_without_a_file(no_files, tmp_path):
    out = wfm.forecast(daily_history(), "long", weeks=2, start="2024-08-01T00:00:00Z")
    assert out.height == 14
    long, short = forecasts()
    plan = wfm.capacity_plan(long, short, PLAN_SCENARIO, "2025-01-06", weeks=2)
    assert plan.weekly.height == 2
    ws = workspace(tmp_path)
    assert ws.import_history(history(datetime(2024, 7, 1, tzinfo=timezone.utc), 96)).rows == 96


def test_errors_name_the_dataframe_not_a_temp_file():
    df = history(datetime(2024, 7, 1, tzinfo=timezone.utc), 48)
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.forecast(pl.concat([df, df.head(1)]), "short", weeks=1)
    text = str(e.value)
    assert "<dataframe>" in text and "duplicate" in text
    assert "/tmp" not in text and tempfile.gettempdir() not in text and ".csv" not in text


def test_one_timestamp_type_everywhere(tmp_path):
    ws = workspace(tmp_path)
    ws.import_history(history(datetime(2024, 7, 1, tzinfo=timezone.utc), 96))
    h = ws.history()
    assert h.schema["TimeStamp"] == UTC_US
    fc = wfm.forecast(daily_history(), "long", weeks=1, start="2024-08-01T00:00:00Z")
    assert fc.schema["TimeStamp"] == UTC_US
    # the history and a forecast join on their instants (today: SchemaError, ms vs µs)
    joined = h.join(fc.select("TimeStamp", "P50"), on="TimeStamp", how="left")
    assert joined.height == h.height
    long, short = forecasts()
    plan = wfm.capacity_plan(long, short, PLAN_SCENARIO, date(2025, 1, 6), weeks=5)
    assert plan.weekly.schema["period_start"] == pl.Date
    assert plan.monthly.schema["period_start"] == pl.Date
    assert plan.weekly["period_start"][1] == date(2025, 1, 13)


def test_schedule_frames_are_utc_microseconds():
    fc = pl.DataFrame([list(r) for r in forecast_rows()], orient="row",
                      schema=["QueueName", "QueueId", "ChannelType", "TimeStamp",
                              "IntervalDuration", "IncomingContactVolume", "AverageHandleTime"])
    week = wfm.generate_schedule(SCENARIO, fc.lazy(), "Day team", WEEK, time_limit=5)
    for frame, column in ((week.coverage, "interval_start"), (week.shifts, "start"),
                          (week.activities, "end")):
        assert frame.schema[column] == UTC_US


# item 2: zoned instants converted to UTC exactly ---------------------------------------


def test_bogota_history_keeps_the_busiest_hour(tmp_path):
    utc = history(datetime(2024, 7, 1, tzinfo=timezone.utc), 96)
    bogota = utc.with_columns(pl.col("TimeStamp").dt.convert_time_zone("America/Bogota"))
    a, b = workspace(tmp_path, "a.wfm"), workspace(tmp_path, "b.wfm")
    a.import_history(utc)
    b.import_history(bogota)
    assert b.history().equals(a.history())
    busiest = b.history().sort("IncomingContactVolume", descending=True)["TimeStamp"][0]
    assert busiest.hour == 13  # not 08:00 (the wall time in Bogota)


def test_pandas_zoned_history_is_converted(tmp_path):
    pytest.importorskip("pandas")
    utc = history(datetime(2024, 7, 1, tzinfo=timezone.utc), 96)
    zoned = utc.with_columns(pl.col("TimeStamp").dt.convert_time_zone("America/Bogota"))
    a, b = workspace(tmp_path, "a.wfm"), workspace(tmp_path, "b.wfm")
    a.import_history(utc)
    b.import_history(zoned.to_pandas())
    assert b.history().equals(a.history())


def test_new_york_across_the_dst_change_has_no_duplicates(tmp_path):
    # 2024-11-03: 01:00–02:00 happens twice in New York; the instants are distinct
    utc = history(datetime(2024, 11, 2, tzinfo=timezone.utc), 3 * 48)
    ny = utc.with_columns(pl.col("TimeStamp").dt.convert_time_zone("America/New_York"))
    a, b = workspace(tmp_path, "a.wfm"), workspace(tmp_path, "b.wfm")
    a.import_history(utc)
    assert b.import_history(ny).rows == 3 * 48
    assert b.history().equals(a.history())


def test_naive_instants_are_utc(tmp_path):
    utc = history(datetime(2024, 7, 1, tzinfo=timezone.utc), 96)
    naive = utc.with_columns(pl.col("TimeStamp").dt.replace_time_zone(None))
    a, b = workspace(tmp_path, "a.wfm"), workspace(tmp_path, "b.wfm")
    a.import_history(utc)
    b.import_history(naive.lazy())
    assert b.history().equals(a.history())


def test_a_berlin_forecast_schedules_as_the_utc_one():
    fc = pl.DataFrame([list(r) for r in forecast_rows()], orient="row",
                      schema=["QueueName", "QueueId", "ChannelType", "TimeStamp",
                              "IntervalDuration", "IncomingContactVolume", "AverageHandleTime"])
    utc = fc.with_columns(pl.col("TimeStamp").str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC"))
    berlin = utc.with_columns(pl.col("TimeStamp").dt.convert_time_zone("Europe/Berlin"))
    a = wfm.generate_schedule(SCENARIO, utc, "Day team", WEEK, time_limit=5)
    b = wfm.generate_schedule(SCENARIO, berlin, "Day team", WEEK, time_limit=5)
    demand = ["interval_start", "required", "volume", "aht_seconds"]
    assert b.coverage.select(demand).equals(a.coverage.select(demand))
    assert b.short_intervals == a.short_intervals


def test_dates_and_datetimes_are_accepted_as_starts():
    fc = wfm.forecast(daily_history(), "long", weeks=1, start=datetime(2024, 8, 1))
    same = wfm.forecast(daily_history(), "long", weeks=1, start=date(2024, 8, 1))
    assert fc.equals(same)
    bogota = timezone(timedelta(hours=-5))
    # 19:00 on July 31st in Bogota is midnight UTC
    zoned = wfm.forecast(daily_history(), "long", weeks=1, start=datetime(2024, 7, 31, 19, tzinfo=bogota))
    assert zoned.equals(fc)


# item 5: a DataFrame wherever a file goes; FTE CSVs with a final line break ------------


FTE = {"FORECAST_GROUP": ["FG Sales"], "Date": ["2025-01-06T00:00:00Z"], "AVAILABLE_FTE": [90],
       "IN_OFFICE_SHRINKAGE": [10], "OUT_OFFICE_SHRINKAGE": [5]}


@pytest.mark.parametrize("writer", ["polars", "pandas", "template"])
def test_fte_csv_with_a_final_line_break_is_accepted(tmp_path, writer):
    fte = tmp_path / "fte.csv"
    df = pl.DataFrame(FTE)
    if writer == "polars":
        df.write_csv(fte)
    elif writer == "pandas":
        pytest.importorskip("pandas")
        df.to_pandas().to_csv(fte, index=False)
    else:  # as docs/formats and our template write it: one line break after each row
        fte.write_text(",".join(FTE) + "\n" + "FG Sales,2025-01-06T00:00:00Z,90,10,5\n")
    assert fte.read_text().endswith("\n")
    long, short = forecasts()
    plan = wfm.capacity_plan(long, short, PLAN_SCENARIO, "2025-01-06", weeks=2, fte=fte)
    assert plan.weekly["available_fte"][0] > 0


def test_fte_as_a_dataframe():
    long, short = forecasts()
    dates = pl.DataFrame(FTE).with_columns(pl.lit(date(2025, 1, 6)).alias("Date"))
    plan = wfm.capacity_plan(long.lazy(), short, PLAN_SCENARIO, "2025-01-06", weeks=2, fte=dates)
    by_path = wfm.capacity_plan(long, short, PLAN_SCENARIO, "2025-01-06", weeks=2,
                                fte=pl.DataFrame(FTE).to_pandas())
    assert plan.weekly.equals(by_path.weekly)
    assert plan.weekly["available_fte"][0] > 0


def test_workspace_documents_take_frames(tmp_path):
    ws = wfm.demo.sample_workspace(until="scenario")
    fte = pl.DataFrame({"FORECAST_GROUP": ["Sales"], "Date": [date(2024, 8, 5)], "AVAILABLE_FTE": [40],
                        "IN_OFFICE_SHRINKAGE": [0.1], "OUT_OFFICE_SHRINKAGE": [0.1]})
    assert ws.fte_loads.import_(fte.lazy())["group"].to_list() == ["Sales"]


def test_a_bad_argument_names_it():
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.generate_schedule(SCENARIO, 42, "Day team", WEEK, time_limit=5)
    assert "forecast" in str(e.value)


def test_the_crossing_module_examples_run():
    import doctest

    import wfm._args
    import wfm._frames

    for module in (wfm._frames, wfm._args):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_schedule_json_is_validated_without_a_file(no_files):
    found = wfm.validate_schedule(SCENARIO, '{"agents": []}')
    assert found and found[0].startswith("Day team 2026-03-02 MinimumStaff")
