"""What the Spark and Dask tests share: the groups they run, one machine's answers to
compare with, and a task wrapper that kills its worker once.

Pickled by value into the workers (cloudpickle's ``register_pickle_by_value``), so a
worker needs no import of the tests folder."""

from __future__ import annotations

import datetime as _dt
import os
import signal
import warnings
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import polars as pl
import pyarrow as pa

import wfm
from wfm.distributed import synthetic_history

ROOT = Path(__file__).resolve().parents[2]

#: the forecast's first step: the same horizon for every group
START = "2024-07-01T00:00:00Z"
KIND, WEEKS = "short", 1

SORT = ["QueueId", "ChannelType", "TimeStamp"]


#: the good groups of :func:`history`
GOOD = ("G0", "G1", "Gdst")


def history() -> pl.DataFrame:
    """Two good groups of two queues (26 weeks of half hours), ``Gdst``: one queue (q4)
    whose pattern follows New York's local time (its forecast in UTC warns of the DST
    shift), and a bad one: ``Gbad``, one queue with 4 weeks only (the data-sufficiency
    rules fail it)."""
    good = synthetic_history(series=4, weeks=26, per_group=2, seed=11)
    dst = synthetic_history(series=1, weeks=26, seed=11, first=4, zone="America/New_York")
    bad = synthetic_history(series=1, weeks=4, seed=11, first=900).with_columns(group=pl.lit("Gbad"))
    return pl.concat([good, dst.with_columns(group=pl.lit("Gdst")), bad])


def one_machine_forecasts(h: pl.DataFrame) -> Dict[str, pl.DataFrame]:
    """``wfm.forecast`` of each good group's rows, on this machine."""
    out = {}
    for group in GOOD:
        rows = h.filter(pl.col("group") == group).drop("group")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out[group] = wfm.forecast(rows, KIND, weeks=WEEKS, start=START).sort(SORT)
    return out


def check_forecasts(result: pl.DataFrame, h: pl.DataFrame) -> None:
    """The distributed answer: each good group's rows equal one machine's exactly (every
    float bit for bit), and ``Gbad`` is one error row naming the data-sufficiency rules."""
    assert "warning" not in result.columns  # warnings are a DataFrame of their own
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


def forecast_rows(rows: pl.DataFrame) -> pl.DataFrame:
    """A group task's raw rows without its warning rows and column (what the adapters'
    ``forecast`` returns)."""
    return rows.filter(pl.col("warning").is_null()).drop("warning")


#: A holidays file with a row for every queue, one for q2 (of G1) and one for a queue
#: in no group; and the time zones and public holidays of single queues. Before the fix
#: a group without q0 failed ("time zone for queue q0: no such queue in the history")
#: and every group but G1 warned of q2's holiday. A group reads the rows of its own
#: queues: the one of the queue in no group is read by none (no worker sees every queue
#: to tell it is unknown), as documented.
HOLIDAYS = "date,name,scope\n2024-07-02,Company day,*\n2024-07-04,Sale,q2\n2024-07-03,Audit,q777\n"
ZONES = {"q0": "Europe/Berlin"}
COUNTRIES = {"q2": "US"}


def scoped_expectations(h: pl.DataFrame, folder: Path) -> Dict[str, Tuple[pl.DataFrame, List[str]]]:
    """Per good group, one machine's forecast and warnings given the options of the
    group's own queues: the zones and countries of its queues, the holidays file's rows
    of every queue and of its queues."""
    own_rows = {"G0": [], "G1": ["2024-07-04,Sale,q2\n"], "Gdst": []}
    out = {}
    for group in GOOD:
        rows = h.filter(pl.col("group") == group).drop("group")
        queues = set(rows["QueueId"].to_list())
        holidays = folder / f"holidays-{group}.csv"
        holidays.write_text(
            "date,name,scope\n2024-07-02,Company day,*\n" + "".join(own_rows[group])
        )
        zones = {q: z for q, z in ZONES.items() if q in queues} or None
        countries = {q: c for q, c in COUNTRIES.items() if q in queues} or None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fc = wfm.forecast(rows, KIND, weeks=WEEKS, start=START, holidays=holidays, time_zones=zones,
                              public_holidays=countries)
        notes = [str(w.message) for w in caught if w.category is UserWarning]
        out[group] = (fc.sort(SORT), notes)
    return out


def check_scoped(forecasts: pl.DataFrame, notes: pl.DataFrame, h: pl.DataFrame, folder: Path) -> None:
    """The forecasts and warnings of a run with :data:`HOLIDAYS`, :data:`ZONES` and
    :data:`COUNTRIES`: every good group's are one machine's (the forecast bit for bit,
    the warnings in the order issued), Gbad is the only error, and the warnings are the
    ones asked for: the DST shift of Gdst's queue, q2's holiday nowhere (it is G1's),
    fewer than 12 months in every group."""
    expected = scoped_expectations(h, folder)
    errors = forecasts.filter(pl.col("error").is_not_null())
    assert errors["group"].to_list() == ["Gbad"], errors.select("group", "error").rows()
    assert notes.columns == ["group", "warning"]
    for group, (fc, texts) in expected.items():
        got = forecasts.filter(pl.col("group") == group).select(fc.columns).sort(SORT)
        assert got.height == fc.height > 0
        assert got.equals(fc), group
        mine = notes.filter(pl.col("group") == group)["warning"].to_list()
        assert mine == texts, (group, mine, texts)
        assert not any('"q2"' in t or "q777" in t for t in mine), mine
        assert any("12 are recommended" in t for t in mine), mine
    assert any("DST" in t for t in expected["Gdst"][1])
    assert not any("DST" in t for g in ("G0", "G1") for t in expected[g][1])
    assert notes.filter(pl.col("group") == "Gbad").height == 0


def frame(data: Any) -> pl.DataFrame:
    """A collected answer (pandas or Arrow) as polars, instants in UTC microseconds."""
    df = pl.from_pandas(data) if not isinstance(data, (pa.Table, pl.DataFrame)) else pl.DataFrame(data)
    if "TimeStamp" in df.columns:
        df = df.with_columns(pl.col("TimeStamp").dt.cast_time_unit("us").dt.convert_time_zone("UTC"))
    return df


def forecast_frames() -> pl.DataFrame:
    """Short- and long-term forecast rows of two groups (Sales: q1 ×1 and q4 ×0.3, Care:
    q2 ×0.5) for the plan tests: 14 days of daily volume and one day of half-hour shape,
    from 2025-01-06; a third group ``Gnone`` has no short-term rows (its plan fails)."""
    t0 = _dt.datetime(2025, 1, 6)
    parts = []
    queues = (("Gsales", "q1", 1.0), ("Gcare", "q2", 0.5), ("Gnone", "q3", 1.0), ("Gsales", "q4", 0.3))
    for group, queue, scale in queues:
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


#: The staff of Sales and Care (none of Gnone), for the plans with an FTE file.
FTE_HEADER = "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
FTE_ROWS = {
    "Gsales": "Gsales,2025-01-06T00:00:00Z,30,8,12\nGsales,2025-01-13T00:00:00Z,28.5,8,12\n",
    "Gcare": "Gcare,2025-01-06T00:00:00Z,12,10,5\n",
}
#: the one FTE file of every group, as an operator keeps it
FTE = FTE_HEADER + FTE_ROWS["Gsales"] + FTE_ROWS["Gcare"]


def check_plans_with_fte(result: pl.DataFrame, forecasts: pl.DataFrame, folder: Path) -> None:
    """Each good group's plan with the FTE file is one machine's ``capacity_plan`` of
    the whole forecast for that group (``group=``, its queues as ``queues=``, ``fte=``
    its rows of the FTE file: one machine's ``--group`` refuses other groups' rows):
    its periods equal, available FTE and gap among them; ``Gnone`` is one error row."""
    daily = pl.col("IntervalDuration") == "daily"
    rows = forecasts.drop("group")
    for group in ("Gsales", "Gcare"):
        queues = sorted(set(forecasts.filter(pl.col("group") == group)["QueueId"].to_list()))
        fte = folder / f"fte-{group}.csv"
        fte.write_text(FTE_HEADER + FTE_ROWS[group])
        plan = wfm.capacity_plan(rows.filter(daily), rows.filter(~daily), PLAN_SCENARIO, PLAN_START,
                                 weeks=PLAN_WEEKS, fte=fte, group=group, queues=queues)
        assert plan.weekly["available_fte"].null_count() == 0
        for name, expected in (("weekly", plan.weekly), ("monthly", plan.monthly)):
            got = result.filter((pl.col("group") == group) & (pl.col("table") == name))
            got = got.select(expected.columns).sort("period_start")
            assert got.height == expected.height > 0, (group, name)
            assert got.equals(expected.sort("period_start")), (group, name)
    weekly = result.filter(pl.col("table") == "weekly")
    first = {g: weekly.filter(pl.col("group") == g)["available_fte"][0] for g in ("Gsales", "Gcare")}
    assert 12.0 < first["Gsales"] <= 30.0 and 0.0 < first["Gcare"] <= 12.0, first  # each its own rows
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
