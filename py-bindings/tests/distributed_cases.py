"""What the Spark and Dask tests share: the groups they run, one machine's answers to
compare with, and a task wrapper that kills its worker once.

Pickled by value into the workers (cloudpickle's ``register_pickle_by_value``), so a
worker needs no import of the tests folder."""

from __future__ import annotations

import datetime as _dt
import os
import signal
from pathlib import Path
from typing import Any, Dict

import polars as pl
import pyarrow as pa

import wfm
from wfm.distributed import synthetic_history

ROOT = Path(__file__).resolve().parents[2]

#: the forecast's first step: the same horizon for every group
START = "2024-07-01T00:00:00Z"
KIND, WEEKS = "short", 1

SORT = ["QueueId", "ChannelType", "TimeStamp"]


def history() -> pl.DataFrame:
    """Two good groups of two queues (26 weeks of half hours) and a bad one: ``Gbad``,
    one queue with 4 weeks only (the data-sufficiency rules fail it)."""
    good = synthetic_history(series=4, weeks=26, per_group=2, seed=11)
    bad = synthetic_history(series=1, weeks=4, seed=11, first=900).with_columns(group=pl.lit("Gbad"))
    return pl.concat([good, bad])


def one_machine_forecasts(h: pl.DataFrame) -> Dict[str, pl.DataFrame]:
    """``wfm.forecast`` of each good group's rows, on this machine."""
    out = {}
    for group in ("G0", "G1"):
        rows = h.filter(pl.col("group") == group).drop("group")
        out[group] = wfm.forecast(rows, KIND, weeks=WEEKS, start=START).sort(SORT)
    return out


def check_forecasts(result: pl.DataFrame, h: pl.DataFrame) -> None:
    """The distributed answer: each good group's rows equal one machine's exactly (every
    float bit for bit), and ``Gbad`` is one error row naming the data-sufficiency rules."""
    local = one_machine_forecasts(h)
    good = result.filter(pl.col("error").is_null())
    for group, expected in local.items():
        got = good.filter(pl.col("group") == group).select(expected.columns).sort(SORT)
        assert got.height == expected.height > 0
        assert got.equals(expected), group
    bad = result.filter(pl.col("group") == "Gbad")
    assert bad.height == 1
    assert bad["error_kind"][0] == "InsufficientDataError"
    assert "not enough data" in bad["error"][0].lower() or "6 months" in bad["error"][0]
    assert result.filter(pl.col("error").is_not_null()).height == 1
    assert result.height == sum(f.height for f in local.values()) + 1


def frame(data: Any) -> pl.DataFrame:
    """A collected answer (pandas or Arrow) as polars, instants in UTC microseconds."""
    df = pl.from_pandas(data) if not isinstance(data, (pa.Table, pl.DataFrame)) else pl.DataFrame(data)
    if "TimeStamp" in df.columns:
        df = df.with_columns(pl.col("TimeStamp").dt.cast_time_unit("us").dt.convert_time_zone("UTC"))
    return df


def forecast_frames() -> pl.DataFrame:
    """Short- and long-term forecast rows of two groups (Sales ×1, Care ×0.5) for the
    plan tests: 14 days of daily volume and one day of half-hour shape, from
    2025-01-06; a third group ``Gnone`` has no short-term rows (its plan fails)."""
    t0 = _dt.datetime(2025, 1, 6)
    parts = []
    for group, queue, scale in (("Gsales", "q1", 1.0), ("Gcare", "q2", 0.5), ("Gnone", "q3", 1.0)):
        long = pl.DataFrame(
            {
                "QueueName": queue,
                "QueueId": queue,
                "ChannelType": "VOICE",
                "TimeStamp": [(t0 + _dt.timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ") for d in range(14)],
                "IntervalDuration": "daily",
                "IncomingContactVolume": [2000.0 * scale + 10 * d for d in range(14)],
                "AverageHandleTime": 300.0,
            }
        )
        parts.append(long.with_columns(group=pl.lit(group)))
        if group == "Gnone":
            continue
        short = pl.DataFrame(
            {
                "QueueName": queue,
                "QueueId": queue,
                "ChannelType": "VOICE",
                "TimeStamp": [(t0 + _dt.timedelta(minutes=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(48)],
                "IntervalDuration": "30mins",
                "IncomingContactVolume": [0.0] * 18 + [10.0 * scale] * 20 + [0.0] * 10,
                "AverageHandleTime": 300.0,
            }
        )
        parts.append(short.with_columns(group=pl.lit(group)))
    return pl.concat(parts)


PLAN_SCENARIO = ROOT / "data" / "scenarios" / "capacity_base.toml"
PLAN_START, PLAN_WEEKS = "2025-01-06", 2


def check_plans(result: pl.DataFrame, forecasts: pl.DataFrame) -> None:
    """Each good group's weekly and monthly periods equal one machine's plan of its
    rows; ``Gnone`` is one error row."""
    for group in ("Gsales", "Gcare"):
        rows = forecasts.filter(pl.col("group") == group).drop("group")
        daily = pl.col("IntervalDuration") == "daily"
        plan = wfm.capacity_plan(rows.filter(daily), rows.filter(~daily), PLAN_SCENARIO, PLAN_START, weeks=PLAN_WEEKS)
        for name, expected in (("weekly", plan.weekly), ("monthly", plan.monthly)):
            got = result.filter((pl.col("group") == group) & (pl.col("table") == name))
            got = got.select(expected.columns).sort("period_start")
            assert got.height == expected.height > 0, (group, name)
            assert got.equals(expected.sort("period_start")), (group, name)
    bad = result.filter(pl.col("group") == "Gnone")
    assert bad.height == 1 and bad["error"][0], bad


SCHEDULE_SCENARIO = ROOT / "data" / "scenarios" / "schedule_small.toml"


def schedule_forecasts() -> pl.DataFrame:
    """The small scenario's week twice: group ``A`` as it is, ``B`` at 80 % volume, and
    ``C`` without a scenario of its own (its row is the error)."""
    base = pl.read_csv(ROOT / "data" / "scenarios" / "forecast_small.csv")
    week = base.filter(pl.col("TimeStamp") < "2024-08-12")
    return pl.concat(
        [
            week.with_columns(group=pl.lit("A")),
            week.with_columns(pl.col("IncomingContactVolume") * 0.8, group=pl.lit("B")),
            week.with_columns(group=pl.lit("C")),
        ]
    )


SCHEDULE_OPTIONS = dict(time_limit=120.0, gap=0.05)


def check_schedules(result: pl.DataFrame, forecasts: pl.DataFrame) -> None:
    """A's and B's ``schedule.json`` are one machine's, byte for byte; C is an error."""
    assert result.height == 3
    for group in ("A", "B"):
        rows = forecasts.filter(pl.col("group") == group).drop("group")
        local = wfm.generate_schedule(SCHEDULE_SCENARIO, rows, **SCHEDULE_OPTIONS)  # type: ignore[arg-type]
        got = result.filter(pl.col("group") == group)
        assert got["error"][0] is None, got["error"][0]
        assert got["schedule_json"][0] == local.schedule_json, group
        assert got["status"][0] == local.report.status
    c = result.filter(pl.col("group") == "C")
    assert c["error_kind"][0] == "KeyError" and "no scenario" in c["error"][0]


class KillOnce:
    """A group task that kills its own worker process the first time it runs (the
    ``marker`` file records that it did); every later attempt runs ``task``."""

    def __init__(self, task: Any, marker: str) -> None:
        self.task = task
        self.marker = marker

    def __call__(self, data: Any) -> Any:
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return self.task(data)
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")  # pragma: no cover


def core_threads(batches: Any) -> Any:
    """Each batch's worker: the core's thread count after the workers' setup."""
    from wfm.distributed import _groups

    for _ in batches:
        yield pa.RecordBatch.from_pydict({"threads": [_groups.worker_setup(1)]})
