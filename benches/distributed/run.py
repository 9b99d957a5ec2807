"""Forecast N series × W weeks of 30-minute history three ways in ONE run — one
process (wfm.forecast, the core on every core), Spark local[2] and Dask with 2 worker
processes (wfm.distributed, the core single-threaded per task) — and report wall time,
series per second, speed-up over one process, peak memory (the summed resident memory
of this process and every process under it: Spark's JVM and Python workers, the Dask
scheduler and workers), the load average, and CPU-seconds per series against the
anchor: statsforecast on Spark, ~400 CPU-hours for 1 M AutoARIMA series = 1.44 CPU-s
per series.

    python benches/distributed/run.py                    # 10,000 series × 26 weeks
    python benches/distributed/run.py --series 500       # a quick look

The history is seeded synthetic (wfm.distributed.synthetic_history), written once as
Parquet (one file per chunk of whole forecast groups) that every engine reads. Needs
pyspark, dask[distributed] and psutil (requirements-dev.txt) and Java 17+.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict

import polars as pl
import psutil

import wfm
from wfm.distributed import synthetic_history

START = "2024-07-01T00:00:00Z"  # the step after the history's last (synthetic_history's end)
ANCHOR_CPU_S_PER_SERIES = 400 * 3600 / 1_000_000


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its live descendants (their own, not reaped ones)."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        for p in [root] + root.children(recursive=True):
            try:
                t = p.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


class PeakMemory:
    """The largest summed resident memory (bytes) of this process and all its
    descendants, sampled every ``every`` seconds in a thread while in the ``with``."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while True:
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def make_history(folder: Path, series: int, weeks: int, per_group: int, chunk: int) -> None:
    chunk = max(per_group, chunk // per_group * per_group)
    for first in range(0, series, chunk):
        n = min(chunk, series - first)
        synthetic_history(n, weeks=weeks, per_group=per_group, first=first).write_parquet(
            folder / f"part-{first:07d}.parquet"
        )


def one_process(folder: Path, horizon: int) -> Dict[str, Any]:
    rows = 0
    for part in sorted(folder.glob("*.parquet")):
        history = pl.read_parquet(part).drop("group")
        rows += wfm.forecast(history, "short", weeks=horizon, start=START).height
    return {"rows": rows, "errors": 0}


def on_spark(folder: Path, horizon: int, out: Path) -> Dict[str, Any]:
    from pyspark.sql import SparkSession

    from wfm.distributed import spark as wfm_spark

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("wfm-bench")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.shuffle.partitions", "64")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "3g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000000")
        .getOrCreate()
    )
    jvm_pid = spark.sparkContext._gateway.proc.pid  # type: ignore[union-attr]
    cpu0 = tree_cpu(jvm_pid)
    t0 = time.perf_counter()
    history = spark.read.parquet(str(folder))
    fc = wfm_spark.forecast(history, "short", weeks=horizon, by="group", start=START)
    fc.write.mode("overwrite").parquet(str(out / "spark"))
    wall = time.perf_counter() - t0
    cpu = tree_cpu(jvm_pid) - cpu0
    done = spark.read.parquet(str(out / "spark"))
    rows, errors = done.count(), done.filter("error is not null").count()
    stop_spark(spark)
    return {"wall": wall, "cpu": cpu, "rows": rows, "errors": errors}


def stop_spark(spark: Any) -> None:
    """Stops the session and its JVM, so that the next engine's memory is its own."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    spark.stop()
    if gateway is not None:
        gateway.shutdown()
        gateway.proc.terminate()  # type: ignore[union-attr]
        gateway.proc.wait(60)  # type: ignore[union-attr]
        SparkContext._gateway = None
        SparkContext._jvm = None


def on_dask(folder: Path, horizon: int, out: Path, partitions: int) -> Dict[str, Any]:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    from wfm.distributed import dask as wfm_dask

    # a memory limit per worker of a quarter of the machine: the machine is shared
    limit = psutil.virtual_memory().total // 4
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=limit) as cluster:
        with Client(cluster) as client:
            def cpu() -> float:
                return sum(client.run(lambda: tree_cpu(os.getpid())).values())

            cpu0 = cpu()
            t0 = time.perf_counter()
            # ten row groups a partition (~80 MB in pandas), not a file's 1,000 series
            # (~800 MB): a worker of the shuffle holds several partitions at once
            history = dd.read_parquet(str(folder), split_row_groups=10)
            fc = wfm_dask.forecast(history, "short", weeks=horizon, by="group", start=START, partitions=partitions)
            fc.to_parquet(str(out / "dask"))
            wall = time.perf_counter() - t0
            used = cpu() - cpu0
    done = pl.read_parquet(str(out / "dask" / "*.parquet"))
    return {"wall": wall, "cpu": used, "rows": done.height, "errors": done["error"].is_not_null().sum()}


def timed(run: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
    c0, t0 = cpu_self(), time.perf_counter()
    load0 = os.getloadavg()[0]
    with PeakMemory() as memory:
        result = run()
    result.setdefault("wall", time.perf_counter() - t0)
    result["cpu"] = result.get("cpu", 0.0) + cpu_self() - c0  # the driver's own share too
    result["peak_rss"] = memory.peak
    result["load"] = (load0, os.getloadavg()[0])
    return result


def table(results: Dict[str, Dict[str, Any]], args: argparse.Namespace) -> str:
    """The results as a Markdown table (speed-up against one process when it ran)."""
    base = results.get("one process", {}).get("wall")
    lines = [
        f"| {args.series:,} series × {args.weeks} weeks, {args.horizon}-week short-term forecast "
        "| wall s | series/s | speed-up | peak memory GiB | load avg (start → end) | CPU-s/series "
        "| vs anchor 1.44 | rows | error rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        per = r["cpu"] / args.series
        speed = f"{base / r['wall']:.2f}×" if base else "—"
        lines.append(
            f"| {name} | {r['wall']:.1f} | {args.series / r['wall']:.1f} | {speed} "
            f"| {r['peak_rss'] / 2**30:.2f} | {r['load'][0]:.1f} → {r['load'][1]:.1f} | {per:.3f} "
            f"| {ANCHOR_CPU_S_PER_SERIES / per:.1f}× cheaper | {r['rows']:,} | {r['errors']} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--series", type=int, default=10_000)
    ap.add_argument("--weeks", type=int, default=26, help="weeks of history per series")
    ap.add_argument("--horizon", type=int, default=2, help="weeks forecast")
    ap.add_argument("--per-group", type=int, default=100, help="series per forecast group")
    ap.add_argument("--chunk", type=int, default=1000, help="series per Parquet file")
    ap.add_argument("--engines", default="one,spark,dask")
    ap.add_argument("--dask-partitions", type=int, default=40,
                    help="the tasks Dask hashes the groups into (a few groups each: 10,000 series "
                         "in 10 partitions outgrew 11 GiB per worker)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wfm-dist-bench-"))
    try:
        history = work / "history"
        history.mkdir()
        t0 = time.perf_counter()
        make_history(history, args.series, args.weeks, args.per_group, args.chunk)
        print(f"history: {args.series} series × {args.weeks} weeks of 30 min "
              f"({args.series * args.weeks * 336:,} rows) made in {time.perf_counter() - t0:.0f} s", flush=True)
        runs = {
            "one process": lambda: one_process(history, args.horizon),
            "Spark local[2]": lambda: on_spark(history, args.horizon, work),
            "Dask 2 workers": lambda: on_dask(history, args.horizon, work, args.dask_partitions),
        }
        chosen = {"one": "one process", "spark": "Spark local[2]", "dask": "Dask 2 workers"}
        results: Dict[str, Dict[str, Any]] = {}
        for key in args.engines.split(","):
            name = chosen[key]
            results[name] = r = timed(runs[name])
            print(f"{name}: {r['wall']:.1f} s, {r['cpu']:.0f} CPU-s, peak {r['peak_rss'] / 2**30:.2f} GiB, "
                  f"load {r['load'][0]:.1f} → {r['load'][1]:.1f}", flush=True)
            if args.json:  # after every engine: a run cut short keeps what it measured
                args.json.write_text(json.dumps({"args": vars(args) | {"json": str(args.json)},
                                                 "results": results}, indent=2, default=str))
        print()
        print(table(results, args))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
