"""Long calls can be watched and stopped (issue 19 item 6): a callback hears of
increasing progress; Ctrl-C — a KeyboardInterrupt raised in the callback, or SIGINT to the
process — stops a schedule after the week in progress and returns the weeks done, marked
``stopped_early``; a forecast stopped so raises the KeyboardInterrupt."""

from __future__ import annotations

import os
import signal
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import List, Tuple

import polars as pl
import pytest

import wfm

ROOT = Path(__file__).resolve().parents[2]
Steps = List[Tuple[str, int, int]]


def three_weeks(tmp_path: Path) -> Tuple[Path, pl.DataFrame]:
    """The example scenario over three weeks from 2026-03-02, and a forecast covering them."""
    text = (ROOT / "data/scenarios/schedule_example.toml").read_text()
    text = text.replace('end = "2026-03-08"', 'end = "2026-03-22"')
    assert "2026-03-22" in text
    scenario = tmp_path / "three_weeks.toml"
    scenario.write_text(text)
    quarters = [datetime(2026, 3, 2) + timedelta(minutes=15 * q) for q in range(21 * 96)]
    busy = [t.weekday() < 5 and 14 <= t.hour < 18 for t in quarters]
    forecast = pl.DataFrame({
        "QueueName": "Support", "QueueId": "q1", "ChannelType": "VOICE",
        "TimeStamp": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in quarters],
        "IntervalDuration": "15mins",
        "IncomingContactVolume": [3.0 if b else 0.0 for b in busy],
        "AverageHandleTime": 300.0,
    })
    return scenario, forecast


def test_a_keyboard_interrupt_in_the_callback_returns_the_first_week_marked_stopped(
    tmp_path: Path,
) -> None:
    scenario, forecast = three_weeks(tmp_path)
    steps: Steps = []

    def interrupt(stage: str, done: int, total: int) -> None:
        steps.append((stage, done, total))
        raise KeyboardInterrupt  # what Ctrl-C raises

    result = wfm.generate_schedule(scenario, forecast, time_limit=60, progress=interrupt)
    assert steps == [("scheduling weeks", 1, 3)]
    assert result.stopped_early
    assert len(result.report.weeks) == 1
    assert any("stopped by the user after 1 of 3" in w for w in result.report.warnings)
    assert result.shifts.height > 0
    assert result.shifts["date"].max() <= date(2026, 3, 8)
    assert result.violations == []


def test_sigint_stops_the_run_at_the_next_week(tmp_path: Path) -> None:
    scenario, forecast = three_weeks(tmp_path)
    steps: Steps = []

    def sigint_once(stage: str, done: int, total: int) -> None:
        steps.append((stage, done, total))
        if done == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, or Jupyter's interrupt button

    result = wfm.generate_schedule(scenario, forecast, time_limit=60, progress=sigint_once)
    assert result.stopped_early
    weeks = len(result.report.weeks)
    assert weeks in (1, 2), weeks  # the signal is seen within the next week at the latest
    assert [s[1] for s in steps] == list(range(1, weeks + 1))
    assert result.violations == []


def test_a_callback_hears_every_series_of_a_forecast_and_an_interrupt_is_raised() -> None:
    history = ROOT / "data/sample/intervals_30min.csv"
    steps: Steps = []
    df = wfm.forecast(history, "short", weeks=1,
                      progress=lambda stage, done, total: steps.append((stage, done, total)))
    series = df.select("QueueId", "ChannelType").unique().height
    assert series > 1
    assert {s[0] for s in steps} == {"fitting series"}
    assert {s[2] for s in steps} == {series}
    assert sorted(s[1] for s in steps) == list(range(1, series + 1))

    def interrupt(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        wfm.forecast(history, "short", weeks=1, progress=interrupt)


def test_the_callbacks_own_error_is_raised_not_swallowed(tmp_path: Path) -> None:
    scenario, forecast = three_weeks(tmp_path)

    def broken(stage: str, done: int, total: int) -> None:
        raise ValueError("a bug in my callback")

    with pytest.raises(ValueError, match="a bug in my callback"):
        wfm.generate_schedule(scenario, forecast, time_limit=60, progress=broken)


def test_progress_true_shows_a_tqdm_bar(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    wfm.forecast(ROOT / "data/sample/intervals_30min.csv", "short", weeks=1, progress=True)
    assert "fitting series" in capsys.readouterr().err


def test_a_bad_progress_argument_is_named() -> None:
    with pytest.raises(wfm.InvalidInputError, match="progress"):
        wfm.forecast(ROOT / "data/sample/daily.csv", "long", weeks=1, progress="yes")  # type: ignore[arg-type]
