"""wfm.distributed.dask on a real ``dask.distributed`` LocalCluster (two worker
processes of one thread), started and stopped here: every group's forecast (and its
warnings), plan (with and without an FTE file) and schedule is one machine's, a bad
group is an error row, a killed worker's task is run again without duplicate rows, and
the core runs single-threaded in the workers."""

from __future__ import annotations

import os
from typing import Iterator

import polars as pl
import pytest

if os.environ.get("CI"):  # CI installs dask[distributed] (requirements-dev.txt): never skip there
    import dask.distributed  # noqa: F401
else:
    pytest.importorskip("dask.distributed")

import cloudpickle
import dask
import dask.dataframe as dd
import distributed_cases as cases
from dask.distributed import Client, LocalCluster

from wfm.distributed import _groups
from wfm.distributed import dask as wfm_dask

cloudpickle.register_pickle_by_value(cases)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def history(client: Client):  # type: ignore[no-untyped-def]
    h = cases.history()
    return h, dd.from_pandas(h.to_pandas(), npartitions=3)


def test_dask_forecast_per_group_is_one_machines(history) -> None:  # type: ignore[no-untyped-def]
    h, ddf = history
    result = wfm_dask.forecast(ddf, cases.KIND, weeks=cases.WEEKS, by="group", start=cases.START)
    cases.check_forecasts(cases.frame(result.compute()), h)


def test_dask_takes_a_pandas_frame_per_queue_and_channel(history) -> None:  # type: ignore[no-untyped-def]
    h, _ = history
    result = wfm_dask.forecast(h.drop("group").to_pandas(), cases.KIND, weeks=cases.WEEKS, start=cases.START)
    got = cases.frame(result.compute())
    expected = pl.concat(list(cases.one_machine_forecasts(h).values())).sort(cases.SORT)
    good = got.filter(pl.col("error").is_null()).select(expected.columns).sort(cases.SORT)
    assert good.equals(expected)
    assert got.filter(pl.col("error").is_not_null())["QueueId"].to_list() == ["q900"]


def test_dask_worker_killed_is_retried_without_duplicates(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    h, ddf = history
    keys = ["group"]
    schema = _groups.forecast_schema(wfm_dask._key_fields(ddf, keys), (0.1, 0.5, 0.9))
    task = _groups.OnPandas(_groups.Forecaster(keys, schema, cases.KIND, cases.WEEKS, start=cases.START))
    marker = tmp_path / "killed"
    meta = schema.empty_table().to_pandas()
    result = ddf.groupby(keys, group_keys=False).apply(cases.KillOnce(task, str(marker)), meta=meta)
    collected = cases.forecast_rows(cases.frame(result.compute().reset_index(drop=True)))
    assert marker.exists()  # a worker did die mid-run
    cases.check_forecasts(collected, h)
    assert collected.height == collected.unique().height


def test_dask_warnings_of_the_workers_are_returned(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Regression: the workers' forecast warnings were dropped (see the Spark test of
    the same name); both frames computed together, from one run of the groups."""
    h, ddf = history
    fc, notes = wfm_dask.forecast_with_warnings(
        ddf, cases.KIND, weeks=cases.WEEKS, by="group", start=cases.START, holidays=cases.HOLIDAYS,
        time_zones=cases.ZONES, public_holidays=cases.COUNTRIES,
    )
    fc, notes = dask.compute(fc, notes)
    cases.check_scoped(cases.frame(fc), cases.frame(notes), h, tmp_path)


def test_dask_capacity_plans_are_one_machines(client: Client) -> None:
    forecasts = cases.forecast_frames()
    result = wfm_dask.capacity_plans(
        forecasts.to_pandas(), cases.PLAN_SCENARIO, cases.PLAN_START, weeks=cases.PLAN_WEEKS
    )
    cases.check_plans(cases.frame(result.compute()), forecasts)


def test_dask_capacity_plans_with_an_fte_file_are_one_machines(client: Client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    forecasts = cases.forecast_frames()
    fte = tmp_path / "fte.csv"
    fte.write_text(cases.FTE)
    result = wfm_dask.capacity_plans(
        forecasts.to_pandas(), cases.PLAN_SCENARIO, cases.PLAN_START, weeks=cases.PLAN_WEEKS, fte=fte
    )
    cases.check_plans_with_fte(cases.frame(result.compute()), forecasts, tmp_path)


def test_dask_schedules_are_one_machines(client: Client) -> None:
    forecasts = cases.schedule_forecasts()
    scenario = {"A": cases.SCHEDULE_SCENARIO, "B": cases.SCHEDULE_SCENARIO}
    result = wfm_dask.schedules(forecasts.to_pandas(), scenario, **cases.SCHEDULE_OPTIONS)  # type: ignore[arg-type]
    cases.check_schedules(cases.frame(result.compute()), forecasts)


def test_dask_workers_run_the_core_single_threaded(client: Client) -> None:
    threads = client.run(lambda: _groups.worker_setup(1))
    assert len(threads) == 2 and set(threads.values()) == {1}
