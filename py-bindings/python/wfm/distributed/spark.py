"""Forecasts, capacity plans and schedules of many forecast groups on Spark.

Each function takes a Spark DataFrame, groups it (by forecast group, or by queue ×
channel), and runs one group per task inside Spark with an Arrow grouped function
(``applyInArrow``; ``applyInPandas`` on a pyspark without it), calling the same
:mod:`wfm` function one machine would on that group's rows. The answer is a Spark
DataFrame (lazy, as every Spark DataFrame): the group columns, the result's columns,
``error_kind`` and ``error`` — a group that fails (too little history, a bad
scenario) is one row with its reason there, and every other group completes.
:func:`forecast_with_warnings` also returns the warnings each group's forecast issued
(too little history for a yearly pattern, a DST shift, implausible volumes left out)
as a second DataFrame.

The core runs on ``threads`` threads in each task (default 1: Spark runs a task per
core already). A task that dies (its worker killed) is run again by Spark; a failed
attempt's rows are never part of the answer.

>>> from wfm.distributed import spark as wfm_spark  # doctest: +SKIP
>>> fc = wfm_spark.forecast(history_df, "short", weeks=2, by="group")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Mapping, Optional, Sequence, Union

import pyarrow as pa

from wfm.distributed import _groups

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

__all__ = ["forecast", "forecast_with_warnings", "capacity_plans", "schedules"]

PathOrText = _groups.PathOrText
Scenarios = _groups.Scenarios


def _key_fields(df: "DataFrame", keys: Sequence[str]) -> list:
    from pyspark.sql.pandas.types import to_arrow_type

    missing = [k for k in keys if k not in df.columns]
    if missing:
        raise ValueError(f"group column(s) {missing} not in the DataFrame's columns {df.columns}")
    return [pa.field(k, to_arrow_type(df.schema[k].dataType)) for k in keys]


def _apply(
    df: "DataFrame", keys: Sequence[str], task: _groups.GroupTask, partitions: Optional[int] = None
) -> "DataFrame":
    """``task`` per group of ``df`` by ``keys``: Arrow batches in and out where pyspark
    has ``applyInArrow`` (4.0 and later), else pandas frames.

    The rows are first hash-partitioned by ``keys`` into ``partitions`` tasks (default:
    four per task slot): a group's work is heavy and its rows few, so Spark's adaptive
    execution would otherwise merge the shuffle into a few large tasks and leave slots
    idle; a partitioning by number it keeps as asked, and the grouping reuses it."""
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(task.schema)
    n = partitions or 4 * _slots(df)
    grouped = df.repartition(n, *keys).groupBy(*keys)
    if hasattr(grouped, "applyInArrow"):
        # a plain function: pyspark infers the kind of UDF from a function's annotations
        # and fails on a callable object's (pyspark 4.3)
        return grouped.applyInArrow(lambda table: task(table), schema)
    return grouped.applyInPandas(_groups.OnPandas(task), schema)


def _slots(df: "DataFrame") -> int:
    """The session's task slots (Spark Connect has no context to ask: its shuffle
    partitions then)."""
    try:
        return max(1, int(df.sparkSession.sparkContext.defaultParallelism))
    except Exception:
        return max(1, int(df.sparkSession.conf.get("spark.sql.shuffle.partitions") or 200) // 4)


def forecast(
    history: "DataFrame",
    kind: str,
    weeks: int,
    by: Union[str, Sequence[str], None] = None,
    start: Union[str, _dt.date, None] = None,
    quantiles: Sequence[float] = (0.1, 0.5, 0.9),
    holidays: Optional[PathOrText] = None,
    time_zones: Optional[Mapping[str, str]] = None,
    public_holidays: Union[str, Mapping[str, str], None] = None,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> "DataFrame":
    """:func:`wfm.forecast` of every group of ``history`` (a Spark DataFrame with the
    history CSV columns, SPEC §2.1, ``TimeStamp`` text or a timestamp) grouped ``by``
    a column or columns (default: per ``QueueId`` × ``ChannelType``), as a Spark
    DataFrame: the group columns, the forecast CSV's columns (``TimeStamp`` a
    timestamp), the quantile columns, ``error_kind`` and ``error``.

    Each group is forecast from its own rows exactly as ``wfm.forecast`` forecasts
    them on one machine, so the data-sufficiency rules (6 months, 2,000 contacts a
    month, recent data) apply per group, and ``start``'s default (the step after the
    newest history) is per group: pass ``start`` for one horizon for all. ``holidays``
    is a holidays CSV path (read here, on the driver) or its text; the other options
    are :func:`wfm.forecast`'s. ``time_zones``, per-queue ``public_holidays`` and the
    holidays file's rows apply to the groups holding their queues (a group reads the
    rows of its queues and the ``*`` rows, so a problem of the file is reported with
    the line numbers of those). ``threads`` is the core's thread count in each task,
    ``partitions`` the number of tasks the groups are hashed into (default: four per
    task slot of the session).

    The forecasts' warnings are left out: :func:`forecast_with_warnings` returns them.

    >>> fc = forecast(history_df, "long", weeks=4, by="group", start="2024-08-01")  # doctest: +SKIP
    >>> fc.filter("error is not null").select("group", "error").show()  # doctest: +SKIP
    """
    options = _groups.ForecastOptions(kind, weeks, start, quantiles, holidays, time_zones, public_holidays, threads)
    return _forecasts(_forecast_rows(history, by, options, partitions))


def forecast_with_warnings(
    history: "DataFrame",
    kind: str,
    weeks: int,
    by: Union[str, Sequence[str], None] = None,
    start: Union[str, _dt.date, None] = None,
    quantiles: Sequence[float] = (0.1, 0.5, 0.9),
    holidays: Optional[PathOrText] = None,
    time_zones: Optional[Mapping[str, str]] = None,
    public_holidays: Union[str, Mapping[str, str], None] = None,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> _groups.Forecasts:
    """:func:`forecast` and the warnings each group's forecast issued on its worker
    (what :func:`wfm.forecast` issues as ``UserWarning`` on one machine: fewer than 12
    months of history, a queue whose pattern moves at the DST changes, implausible
    volumes left out of the fit, …) as ``Forecasts(forecasts, warnings)``: two Spark
    DataFrames, ``warnings`` with the group columns and ``warning`` (one row per
    warning, in the order issued).

    Both come from one run of the groups: its rows are persisted (memory, then disk)
    when first computed, so the second DataFrame reads them instead of forecasting
    again; they stay cached in the session until ``spark.catalog.clearCache()`` (or
    the session's end).

    >>> fc, notes = forecast_with_warnings(history_df, "short", weeks=2, by="group")  # doctest: +SKIP
    >>> notes.groupBy("group").count().show()  # doctest: +SKIP
    """
    from pyspark import StorageLevel

    options = _groups.ForecastOptions(kind, weeks, start, quantiles, holidays, time_zones, public_holidays, threads)
    rows = _forecast_rows(history, by, options, partitions).persist(StorageLevel.MEMORY_AND_DISK)
    warned = rows[_groups.WARNING].isNotNull()
    return _groups.Forecasts(_forecasts(rows), rows.filter(warned).select(*_groups.keys_of(by), _groups.WARNING))


def _forecast_rows(
    history: "DataFrame", by: Union[str, Sequence[str], None], options: _groups.ForecastOptions,
    partitions: Optional[int],
) -> "DataFrame":
    """Every row of a distributed forecast: forecasts, errors and warnings."""
    keys = _groups.keys_of(by)
    return _apply(history, keys, _groups.forecast_task(keys, _key_fields(history, keys), options), partitions)


def _forecasts(rows: "DataFrame") -> "DataFrame":
    """The forecast and error rows of a distributed forecast, without the warning column."""
    return rows.filter(rows[_groups.WARNING].isNull()).drop(_groups.WARNING)


def capacity_plans(
    forecasts: "DataFrame",
    scenario: Scenarios,
    start: Union[str, _dt.date],
    weeks: int = 78,
    by: Union[str, Sequence[str]] = "group",
    fte: Optional[PathOrText] = None,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> "DataFrame":
    """:func:`wfm.capacity_plan` of every forecast group of ``forecasts`` (a Spark
    DataFrame with the forecast CSV columns and the group column ``by``: the long-term
    ``daily`` rows and the short-term interval rows of each group together), as a
    Spark DataFrame: the group columns, ``table`` (``"weekly"`` or ``"monthly"``), the
    periods' columns (``plan_weekly.csv``'s), ``error_kind`` and ``error``.

    ``scenario`` is a scenario TOML path or text for every group, or a mapping of
    group (the first ``by`` column's value) to one, ``"*"`` for the rest; ``fte`` the
    FTE/shrinkage CSV path or text (each group plans with its own rows of it).

    >>> plans = capacity_plans(fc_df, "data/scenarios/capacity_base.toml", "2025-01-06", weeks=26)  # doctest: +SKIP
    """
    keys = _groups.keys_of(by)
    task = _groups.plan_task(keys, _key_fields(forecasts, keys), scenario, start, weeks, fte, threads)
    return _apply(forecasts, keys, task, partitions)


def schedules(
    forecasts: "DataFrame",
    scenario: Scenarios,
    by: Union[str, Sequence[str]] = "group",
    channel: str = "VOICE",
    time_limit: float = 600.0,
    gap: float = 0.01,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> "DataFrame":
    """:func:`wfm.generate_schedule` of every forecast group of ``forecasts`` (a
    Spark DataFrame with the short-term forecast CSV columns and the group column
    ``by``) under its scheduling scenario, as a Spark DataFrame of one row per group:
    the report's status, objective, bound, gap, agents, shifts, paid hours, short
    intervals, the validator's ``violations``, ``schedule_json`` (``schedule.json``),
    ``report_json``, ``error_kind`` and ``error``.

    ``scenario`` is a scenario TOML path or text for every group, or a mapping of
    group to one (``"*"`` for the rest). A schedule is the same as one machine's when
    the solver stops at ``gap``, not at ``time_limit``.

    >>> rows = schedules(fc_df, {"FG_Billing": "data/scenarios/schedule_small.toml"})  # doctest: +SKIP
    """
    keys = _groups.keys_of(by)
    task = _groups.schedule_task(keys, _key_fields(forecasts, keys), scenario, channel, time_limit, gap, threads)
    return _apply(forecasts, keys, task, partitions)
