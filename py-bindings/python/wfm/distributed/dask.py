"""Forecasts, capacity plans and schedules of many forecast groups on Dask.

The same as :mod:`wfm.distributed.spark` for notebook users: each function takes a
Dask (or pandas) DataFrame, groups it (by forecast group, or queue × channel) and
runs one group per task with ``groupby(...).apply``, calling the same :mod:`wfm`
function one machine would on the group's rows. The answer is a lazy Dask DataFrame
(``.compute()`` runs it, on a ``dask.distributed`` cluster when a client is active):
the group columns, the result's columns, ``error_kind`` and ``error`` — a group that
fails is one row with its reason, and every other group completes. A task whose
worker dies is run again by the scheduler; its rows are counted once.
:func:`forecast_with_warnings` also returns the warnings each group's forecast issued
as a second lazy DataFrame.

The core runs on ``threads`` threads in each task (default 1: one task per worker
thread already).

>>> from wfm.distributed import dask as wfm_dask  # doctest: +SKIP
>>> fc = wfm_dask.forecast(history_ddf, "short", weeks=2, by="group").compute()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, List, Mapping, Optional, Sequence, Union

import pyarrow as pa

from wfm.distributed import _groups
from wfm.distributed._groups import PathOrText, Scenarios

__all__ = ["forecast", "forecast_with_warnings", "capacity_plans", "schedules"]


def _frame(df: Any) -> Any:
    import dask.dataframe as dd

    if isinstance(df, dd.DataFrame):
        return df
    return dd.from_pandas(df, npartitions=1)


def _key_fields(df: Any, keys: Sequence[str]) -> list:
    missing = [k for k in keys if k not in df.columns]
    if missing:
        raise ValueError(f"group column(s) {missing} not in the DataFrame's columns {list(df.columns)}")
    sample = pa.Table.from_pandas(df._meta[list(keys)], preserve_index=False)
    # pandas ``object`` columns have no Arrow type before data: text is what a key is
    return [
        pa.field(k, pa.string() if sample.schema.field(k).type == pa.null() else sample.schema.field(k).type)
        for k in keys
    ]


def _apply(df: Any, keys: Sequence[str], task: _groups.GroupTask, partitions: Optional[int] = None) -> Any:
    """``task`` per group of ``df`` by ``keys``: the rows are shuffled by ``keys`` into
    ``partitions`` (default: four per worker thread of the active client, and at least
    as many as ``df`` has), then each partition runs its groups one by one.

    A group's rows are many and its answer few: partitions of a few groups each keep a
    worker's memory to those (``groupby().apply`` keeps ``df``'s partitions, and 10,000
    series in 10 Parquet files outgrew 11 GiB per worker)."""
    meta = task.schema.empty_table().to_pandas()
    n = partitions or max(df.npartitions, 4 * _threads())
    shuffled = df.shuffle(on=list(keys), npartitions=n)
    out = shuffled.map_partitions(_each_group, list(keys), _groups.OnPandas(task), meta=meta)
    return out.reset_index(drop=True)


def _each_group(part: Any, keys: List[str], task: _groups.OnPandas) -> Any:
    """``task`` of each group of the pandas partition ``part``, concatenated."""
    import pandas as pd

    frames = [task(group) for _, group in part.groupby(keys, sort=False)]
    if not frames:
        return task.task.schema.empty_table().to_pandas()
    return pd.concat(frames, ignore_index=True)


def _threads() -> int:
    """The worker threads of the active ``dask.distributed`` client (1 without one)."""
    try:
        from distributed import get_client

        return max(1, sum(get_client().nthreads().values()))
    except (ImportError, ValueError):
        return 1


def forecast(
    history: Any,
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
) -> Any:
    """:func:`wfm.forecast` of every group of ``history`` (a Dask or pandas DataFrame
    with the history CSV columns) grouped ``by`` a column or columns (default: per
    ``QueueId`` × ``ChannelType``), as a lazy Dask DataFrame with the columns of
    :func:`wfm.distributed.spark.forecast`, which says what the options mean;
    ``partitions`` is the number of tasks the groups are hashed into (default: four per
    worker thread of the active client). The forecasts' warnings are left out:
    :func:`forecast_with_warnings` returns them.

    >>> fc = forecast(history_ddf, "long", weeks=4, by="group", start="2024-08-01")  # doctest: +SKIP
    >>> fc.compute().query("error.notna()")  # doctest: +SKIP
    """
    options = _groups.ForecastOptions(kind, weeks, start, quantiles, holidays, time_zones, public_holidays, threads)
    return _forecasts(_forecast_rows(history, by, options, partitions))


def forecast_with_warnings(
    history: Any,
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
    """:func:`forecast` and the warnings each group's forecast issued on its worker, as
    ``Forecasts(forecasts, warnings)``: two lazy Dask DataFrames of one graph,
    ``warnings`` with the group columns and ``warning`` (one row per warning; see
    :func:`wfm.distributed.spark.forecast_with_warnings`). Compute them together,
    ``dask.compute(forecasts, warnings)``, to forecast each group once.

    >>> fc, notes = forecast_with_warnings(history_ddf, "short", weeks=2, by="group")  # doctest: +SKIP
    >>> fc, notes = dask.compute(fc, notes)  # doctest: +SKIP
    """
    options = _groups.ForecastOptions(kind, weeks, start, quantiles, holidays, time_zones, public_holidays, threads)
    rows = _forecast_rows(history, by, options, partitions)
    warned = ~rows[_groups.WARNING].isna()
    return _groups.Forecasts(_forecasts(rows), rows[warned][_groups.keys_of(by) + [_groups.WARNING]])


def _forecast_rows(
    history: Any, by: Union[str, Sequence[str], None], options: _groups.ForecastOptions, partitions: Optional[int]
) -> Any:
    """Every row of a distributed forecast: forecasts, errors and warnings."""
    history = _frame(history)
    keys = _groups.keys_of(by)
    return _apply(history, keys, _groups.forecast_task(keys, _key_fields(history, keys), options), partitions)


def _forecasts(rows: Any) -> Any:
    """The forecast and error rows of a distributed forecast, without the warning column."""
    return rows[rows[_groups.WARNING].isna()].drop(columns=[_groups.WARNING])


def capacity_plans(
    forecasts: Any,
    scenario: Scenarios,
    start: Union[str, _dt.date],
    weeks: int = 78,
    by: Union[str, Sequence[str]] = "group",
    fte: Optional[PathOrText] = None,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> Any:
    """:func:`wfm.capacity_plan` of every forecast group of ``forecasts`` (a Dask or
    pandas DataFrame: forecast CSV columns and the group column), as a lazy Dask
    DataFrame with the columns of :func:`wfm.distributed.spark.capacity_plans`.

    >>> plans = capacity_plans(fc_ddf, "data/scenarios/capacity_base.toml", "2025-01-06")  # doctest: +SKIP
    """
    forecasts = _frame(forecasts)
    keys = _groups.keys_of(by)
    task = _groups.plan_task(keys, _key_fields(forecasts, keys), scenario, start, weeks, fte, threads)
    return _apply(forecasts, keys, task, partitions)


def schedules(
    forecasts: Any,
    scenario: Scenarios,
    by: Union[str, Sequence[str]] = "group",
    channel: str = "VOICE",
    time_limit: float = 600.0,
    gap: float = 0.01,
    threads: Optional[int] = 1,
    partitions: Optional[int] = None,
) -> Any:
    """:func:`wfm.generate_schedule` of every forecast group of ``forecasts`` (a Dask
    or pandas DataFrame: short-term forecast CSV columns and the group column), one
    row per group with the columns of :func:`wfm.distributed.spark.schedules`.

    >>> rows = schedules(fc_ddf, {"FG_Billing": "data/scenarios/schedule_small.toml"})  # doctest: +SKIP
    """
    forecasts = _frame(forecasts)
    keys = _groups.keys_of(by)
    task = _groups.schedule_task(keys, _key_fields(forecasts, keys), scenario, channel, time_limit, gap, threads)
    return _apply(forecasts, keys, task, partitions)
