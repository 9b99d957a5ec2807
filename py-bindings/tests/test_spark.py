"""wfm.distributed.spark on a real local Spark (``local[2,4]``: two task threads, a
task retried up to four times), started and stopped here: every group's forecast (and
its warnings), plan (with and without an FTE file) and schedule is one machine's, a bad
group is an error row, a killed worker is retried without duplicate rows, and the core
runs single-threaded in the workers."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Iterator

import polars as pl
import pytest

if os.environ.get("CI"):  # CI installs pyspark and Java (scripts/setup.sh): never skip there
    import pyspark  # noqa: F401
else:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (scripts/setup.sh installs one)", allow_module_level=True)

import distributed_cases as cases
from pyspark import cloudpickle as spark_pickle
from pyspark.sql import SparkSession

from wfm.distributed import _groups
from wfm.distributed import spark as wfm_spark

spark_pickle.register_pickle_by_value(cases)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2,4]")
        .appName("wfm-tests")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    try:
        yield session
    finally:
        session.stop()


def _collect(df) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return cases.frame(df.toArrow() if hasattr(df, "toArrow") else df.toPandas())


@pytest.fixture(scope="module")
def history(spark: SparkSession):  # type: ignore[no-untyped-def]
    h = cases.history()
    return h, spark.createDataFrame(h.to_pandas())


def test_spark_forecast_per_group_is_one_machines(history) -> None:  # type: ignore[no-untyped-def]
    h, df = history
    result = wfm_spark.forecast(df, cases.KIND, weeks=cases.WEEKS, by="group", start=cases.START)
    cases.check_forecasts(_collect(result), h)


def test_spark_forecast_per_queue_and_channel(history) -> None:  # type: ignore[no-untyped-def]
    """Without ``by``: one task per queue × channel, the group column not needed; a
    series of a good group forecast alone is the same as with its group (the core fits
    each series on its own rows), the bad queue an error row."""
    h, df = history
    result = _collect(
        wfm_spark.forecast(df.drop("group"), cases.KIND, weeks=cases.WEEKS, start=cases.START)
    )
    expected = pl.concat(list(cases.one_machine_forecasts(h).values())).sort(cases.SORT)
    good = result.filter(pl.col("error").is_null()).select(expected.columns).sort(cases.SORT)
    assert good.equals(expected)
    errors = result.filter(pl.col("error").is_not_null())
    assert errors.select("QueueId", "error_kind").rows() == [("q900", "InsufficientDataError")]


def test_spark_worker_killed_is_retried_without_duplicates(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pyspark.sql.pandas.types import from_arrow_schema

    h, df = history
    keys = ["group"]
    schema = _groups.forecast_schema(wfm_spark._key_fields(df, keys), (0.1, 0.5, 0.9))
    task = _groups.Forecaster(keys, schema, cases.KIND, cases.WEEKS, start=cases.START)
    marker = tmp_path / "killed"
    killing = cases.KillOnce(task, str(marker))
    result = df.groupBy(*keys).applyInArrow(lambda t: killing(t), from_arrow_schema(schema))
    collected = cases.forecast_rows(_collect(result))
    assert marker.exists()  # a worker did die mid-run
    cases.check_forecasts(collected, h)  # complete, and each row once
    assert collected.height == collected.unique().height


def test_spark_warnings_of_the_workers_are_returned(history, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Regression: the workers' forecast warnings were dropped; now they are a second
    DataFrame, each group's those one machine issues for its rows (DST shift, unknown
    holiday queue, under 12 months). Also the regression for time zones, public
    holidays and holiday rows of other groups' queues: a group no longer fails on them
    (nor warns of them)."""
    h, df = history
    fc, notes = wfm_spark.forecast_with_warnings(
        df, cases.KIND, weeks=cases.WEEKS, by="group", start=cases.START, holidays=cases.HOLIDAYS,
        time_zones=cases.ZONES, public_holidays=cases.COUNTRIES,
    )
    cases.check_scoped(_collect(fc), _collect(notes), h, tmp_path)


def test_spark_capacity_plans_are_one_machines(spark: SparkSession) -> None:
    forecasts = cases.forecast_frames()
    df = spark.createDataFrame(forecasts.to_pandas())
    result = wfm_spark.capacity_plans(df, cases.PLAN_SCENARIO, cases.PLAN_START, weeks=cases.PLAN_WEEKS)
    cases.check_plans(_collect(result), forecasts)


def test_spark_capacity_plans_with_an_fte_file_are_one_machines(spark: SparkSession, tmp_path) -> None:  # type: ignore[no-untyped-def]
    forecasts = cases.forecast_frames()
    fte = tmp_path / "fte.csv"
    fte.write_text(cases.FTE)
    df = spark.createDataFrame(forecasts.to_pandas())
    result = wfm_spark.capacity_plans(df, cases.PLAN_SCENARIO, cases.PLAN_START, weeks=cases.PLAN_WEEKS, fte=fte)
    cases.check_plans_with_fte(_collect(result), forecasts, tmp_path)


def test_spark_schedules_are_one_machines(spark: SparkSession) -> None:
    forecasts = cases.schedule_forecasts()
    df = spark.createDataFrame(forecasts.to_pandas())
    scenario = {"A": cases.SCHEDULE_SCENARIO, "B": cases.SCHEDULE_SCENARIO}
    result = wfm_spark.schedules(df, scenario, **cases.SCHEDULE_OPTIONS)  # type: ignore[arg-type]
    cases.check_schedules(_collect(result), forecasts)


def test_spark_workers_run_the_core_single_threaded(spark: SparkSession) -> None:
    rows = spark.range(4, numPartitions=2).mapInArrow(cases.core_threads, "threads long").collect()
    assert rows and {r.threads for r in rows} == {1}


def test_example_notebook_forecasts_on_spark(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """examples/forecast_on_spark.ipynb, on 20 queues instead of 10,000 (its own Spark:
    it runs after this module's session has stopped its work, in a kernel of its own)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    book = nbformat.read(cases.ROOT / "examples" / "forecast_on_spark.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in book.cells if c.cell_type == "code")
    env = dict(os.environ, WFM_EXAMPLE_SERIES="20", MPLCONFIGDIR=str(tmp_path))
    env.pop("MPLBACKEND", None)
    client = nbclient.NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cases.ROOT)}}
    )
    client.execute(env=env)
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert [o for o in outputs if "image/png" in o.get("data", {})]
    text = "\n".join(o.get("text", "") for o in outputs if o["output_type"] == "stream")
    assert "20 series forecast in" in text and "0 error rows" in text
    assert "CPU-s per series" in text
    assert "warnings from 1 groups" in text  # the workers' warnings, returned
