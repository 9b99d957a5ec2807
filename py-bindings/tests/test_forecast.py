"""wfm.forecast from files and DataFrames, its errors, the plan it feeds, and the charts."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import wfm
import wfm.plot
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
START = "2024-08-01T00:00:00Z"


def test_short_term_from_the_sample_intervals() -> None:
    df = wfm.forecast(SAMPLE / "intervals_30min.csv", "short", 1, start=START,
                      time_zones={"1001": "America/New_York"})
    assert df.columns == [
        "QueueName", "QueueId", "ChannelType", "TimeStamp", "IntervalDuration",
        "IncomingContactVolume", "AverageHandleTime", "P10", "P50", "P90",
    ]
    assert df.height == 3 * 2 * 7 * 48
    assert df["TimeStamp"].min().isoformat() == "2024-08-01T00:00:00+00:00"
    assert set(df["IntervalDuration"]) == {"30mins"}
    assert (df["IncomingContactVolume"] >= 0).all()
    assert ((df["P10"] <= df["P50"]) & (df["P50"] <= df["P90"])).all()


def test_long_term_from_a_dataframe_and_paths_agree() -> None:
    history = pl.read_csv(SAMPLE / "daily.csv")
    a = wfm.forecast(history, "long", 2, quantiles=(0.5,))
    b = wfm.forecast([str(SAMPLE / "daily.csv")], "long", 2, quantiles=[0.5])
    assert a.columns[-1] == "P50" and "P10" not in a.columns
    assert a.height == 6 * 14
    assert a.equals(b)
    a_pd = wfm.forecast(history.to_pandas(), "long", 2, quantiles=(0.5,))
    assert a_pd.equals(a)


def test_the_forecasts_feed_the_capacity_plan(tmp_path: Path) -> None:
    long = wfm.forecast(SAMPLE / "daily.csv", "long", 6, start=START)
    short = wfm.forecast(SAMPLE / "intervals_30min.csv", "short", 1, start=START)
    plan = wfm.capacity_plan(long, short, ROOT / "data" / "scenarios" / "capacity_base.toml",
                             "2024-08-05", weeks=4)
    assert plan.weekly.height == 4
    assert (plan.weekly["required_fte"] > 0).all()


def test_bad_history_lists_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,"
        "AverageHandleTime,ContactsHandled\nS,1,VOICE,2024-01-01T00:00:00Z,daily,-5,300,3\n"
    )
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.forecast([SAMPLE / "daily.csv", bad], "long", 2)
    assert e.value.errors[0].line == 2
    assert "IncomingContactVolume" in str(e.value)


def test_bad_arguments_and_short_history_are_refused() -> None:
    with pytest.raises(wfm.OutOfRangeError, match="weeks 0"):
        wfm.forecast(SAMPLE / "daily.csv", "long", 0)
    with pytest.raises(wfm.OutOfRangeError, match="quantile 0.3"):
        wfm.forecast(SAMPLE / "daily.csv", "long", 2, quantiles=(0.3,))
    with pytest.raises(wfm.InvalidInputError, match="kind"):  # as Forecasts.compute
        wfm.forecast(SAMPLE / "daily.csv", "medium", 2)
    with pytest.raises(wfm.InsufficientDataError, match="6 needed"):
        wfm.forecast(SAMPLE / "daily.csv", "long", 2, start="2023-12-01T00:00:00Z")
    with pytest.raises(wfm.WfmError) as e:  # a bad argument is not a data problem
        wfm.forecast(SAMPLE / "daily.csv", "long", 0)
    assert not isinstance(e.value, wfm.InsufficientDataError)


def test_charts_are_saved(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    short = wfm.forecast(SAMPLE / "intervals_30min.csv", "short", 1, start=START)
    actual = pl.read_csv(SAMPLE / "intervals_30min.csv").filter(
        pl.col("TimeStamp") >= "2024-07-25"
    )
    ax = wfm.plot.forecast(short, actual=actual)
    ax.figure.savefig(tmp_path / "forecast.png")
    ax2 = wfm.plot.intraday_profile(short)
    ax2.figure.savefig(tmp_path / "profile.png")
    assert (tmp_path / "forecast.png").stat().st_size > 1000
    assert (tmp_path / "profile.png").stat().st_size > 1000
    assert len(ax2.get_lines()) == 7
    assert max(max(line.get_xdata()) for line in ax2.get_lines()) == 23.5  # the last half hour


def test_derived_daily_totals_are_a_warning() -> None:
    with pytest.warns(UserWarning, match="daily totals derived"):
        df = wfm.forecast(SAMPLE / "intervals_30min.csv", "long", 1, start=START)
    assert df.height == 6 * 7
    assert set(df["IntervalDuration"]) == {"daily"}


def test_public_holidays_forecast_labor_day_low() -> None:
    def on(df: pl.DataFrame, day: str) -> float:
        row = df.filter(
            (pl.col("QueueId") == "1001")
            & (pl.col("ChannelType") == "VOICE")
            & (pl.col("TimeStamp").dt.strftime("%Y-%m-%d") == day)
        )
        return float(row["IncomingContactVolume"][0])

    args = (SAMPLE / "daily.csv", "long", 6)
    plain = wfm.forecast(*args, start="2024-08-01T00:00:00Z")
    us = wfm.forecast(*args, start="2024-08-01T00:00:00Z", public_holidays="US")
    mapped = wfm.forecast(*args, start="2024-08-01T00:00:00Z", public_holidays={"1001": "US"})
    # Labor Day 2024-09-02 against the Monday before.
    assert on(plain, "2024-09-02") > 0.8 * on(plain, "2024-08-26")
    assert on(us, "2024-09-02") < 0.5 * on(us, "2024-08-26")
    assert on(mapped, "2024-09-02") == on(us, "2024-09-02")
    with pytest.raises(wfm.InvalidArgumentError, match="no built-in public holidays"):
        wfm.forecast(*args, public_holidays="Atlantis")
