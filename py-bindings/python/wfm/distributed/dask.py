"""Forecasts, capacity plans and schedules of many forecast groups on Dask.

The same as :mod:`wfm.distributed.spark` for notebook users: each function takes a
Dask (or pandas) DataFrame, groups it (by forecast group, or queue × channel) and
runs one group per task with ``groupby(...).apply``, calling the same :mod:`wfm`
function one machine would on the group's rows. The answer is a lazy Dask DataFrame
(``.compute()`` runs it, on a ``dask.distributed`` cluster when a client is active):
the group columns, the result's columns, ``error_kind`` and ``error`` — a group that
fails is one row with its reason, and every other group completes. A task whose
worker dies is run again by the scheduler; its rows are counted once.

The core runs on ``threads`` threads in each task (default 1: one task per worker
thread already).

>>> from wfm.distributed import dask as wfm_dask  # doctest: +SKIP
>>> fc = wfm_dask.forecast(history_ddf, "short", weeks=2, by="group").compute()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping, Optional, Sequence, Union

import pyarrow as pa

from wfm.distributed import _groups
from wfm.distributed.spark import PathOrText, Scenarios, _keys, _scenario_texts

__all__ = ["forecast", "capacity_plans", "schedules"]


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


class _Pandas:
    """A group task on the pandas frame of one group."""

    def __init__(self, task: _groups.GroupTask) -> None:
        self.task = task

    def __call__(self, frame: Any) -> Any:
        missing = [k for k in self.task.by if k not in frame.columns]
        if missing:  # pandas 3 leaves the group columns out of the group's frame
            name = frame.name if isinstance(frame.name, tuple) else (frame.name,)
            values = dict(zip(self.task.by, name))
            frame = frame.assign(**{k: values[k] for k in missing})
        table = pa.Table.from_pandas(frame, preserve_index=False)
        return self.task(table).to_pandas()


def _apply(df: Any, keys: Sequence[str], task: _groups.GroupTask) -> Any:
    meta = task.schema.empty_table().to_pandas()
    out = df.groupby(list(keys), group_keys=False).apply(_Pandas(task), meta=meta)
    return out.reset_index(drop=True) if hasattr(out, "reset_index") else out


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
) -> Any:
    """:func:`wfm.forecast` of every group of ``history`` (a Dask or pandas DataFrame
    with the history CSV columns) grouped ``by`` a column or columns (default: per
    ``QueueId`` × ``ChannelType``), as a lazy Dask DataFrame with the columns of
    :func:`wfm.distributed.spark.forecast`, which says what the options mean.

    >>> fc = forecast(history_ddf, "long", weeks=4, by="group", start="2024-08-01")  # doctest: +SKIP
    >>> fc.compute().query("error.notna()")  # doctest: +SKIP
    """
    history = _frame(history)
    keys = _keys(by)
    schema = _groups.forecast_schema(_key_fields(history, keys), quantiles)
    task = _groups.Forecaster(
        keys,
        schema,
        kind=kind,
        weeks=weeks,
        start=start,
        quantiles=quantiles,
        time_zones=time_zones,
        public_holidays=public_holidays,
        holidays=None if holidays is None else _groups.text_of(holidays),
        threads=threads,
    )
    return _apply(history, keys, task)


def capacity_plans(
    forecasts: Any,
    scenario: Scenarios,
    start: Union[str, _dt.date],
    weeks: int = 78,
    by: Union[str, Sequence[str]] = "group",
    fte: Optional[PathOrText] = None,
    threads: Optional[int] = 1,
) -> Any:
    """:func:`wfm.capacity_plan` of every forecast group of ``forecasts`` (a Dask or
    pandas DataFrame: forecast CSV columns and the group column), as a lazy Dask
    DataFrame with the columns of :func:`wfm.distributed.spark.capacity_plans`.

    >>> plans = capacity_plans(fc_ddf, "data/scenarios/capacity_base.toml", "2025-01-06")  # doctest: +SKIP
    """
    forecasts = _frame(forecasts)
    keys = _keys(by)
    schema = _groups.plan_schema(_key_fields(forecasts, keys))
    task = _groups.Planner(
        keys,
        schema,
        _scenario_texts(scenario),
        start,
        weeks=weeks,
        fte=None if fte is None else _groups.text_of(fte),
        threads=threads,
    )
    return _apply(forecasts, keys, task)


def schedules(
    forecasts: Any,
    scenario: Scenarios,
    by: Union[str, Sequence[str]] = "group",
    channel: str = "VOICE",
    time_limit: float = 600.0,
    gap: float = 0.01,
    threads: Optional[int] = 1,
) -> Any:
    """:func:`wfm.generate_schedule` of every forecast group of ``forecasts`` (a Dask
    or pandas DataFrame: short-term forecast CSV columns and the group column), one
    row per group with the columns of :func:`wfm.distributed.spark.schedules`.

    >>> rows = schedules(fc_ddf, {"FG_Billing": "data/scenarios/schedule_small.toml"})  # doctest: +SKIP
    """
    forecasts = _frame(forecasts)
    keys = _keys(by)
    schema = _groups.schedule_schema(_key_fields(forecasts, keys))
    task = _groups.Scheduler(
        keys,
        schema,
        _scenario_texts(scenario),
        channel=channel,
        time_limit=time_limit,
        gap=gap,
        threads=threads,
    )
    return _apply(forecasts, keys, task)
