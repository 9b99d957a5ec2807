"""The DataFrame crossing between Python and the Rust extension on 1 M rows: Arrow C
streams (today's path, ``__arrow_c_stream__`` both ways) against the Parquet-bytes path
it replaced, both measured in one run on the same frame (issue 19 item 3; goal: Arrow at
least 3x faster).

Each path takes a history-shaped polars DataFrame (1 M rows: queue text, channel,
``TimeStamp`` instants, volumes) into Rust and back to a polars DataFrame:

- **Arrow**: ``pl.DataFrame(_wfm.arrow_roundtrip(df))`` - the stream is imported into a
  Rust polars DataFrame and exported back, the columns never copied.
- **Parquet** (the replaced path): ``df.write_parquet`` into bytes, decoded into a
  DataFrame (the extension's ``ParquetReader``), encoded again (its ``ParquetWriter``)
  and read by ``pl.read_parquet`` - the same polars encode and decode work each side
  did, so the comparison needs no second extension build.

Run: ``python benches/peers/python/crossing.py [--rows N] [--repeat K]``; prints the best
of K seconds per path and the ratio.
"""

from __future__ import annotations

import argparse
import io
import time
from datetime import datetime, timedelta, timezone
from typing import Callable, Dict

import polars as pl

from wfm import _wfm


def frame(rows: int) -> pl.DataFrame:
    """A history-shaped frame of ``rows`` rows."""
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    return pl.DataFrame(
        {
            "QueueName": pl.Series(["Sales", "Support", "Billing"] * (rows // 3 + 1))[:rows],
            "QueueId": pl.Series(["1001", "1002", "1003"] * (rows // 3 + 1))[:rows],
            "ChannelType": "VOICE",
            "TimeStamp": pl.datetime_range(
                start, start + timedelta(minutes=30 * (rows - 1)), "30m", eager=True, time_zone="UTC"
            ),
            "IntervalDuration": "30mins",
            "IncomingContactVolume": pl.int_range(0, rows, eager=True) % 97,
            "AverageHandleTime": pl.int_range(0, rows, eager=True).cast(pl.Float64) % 600.0,
        }
    )


def arrow(df: pl.DataFrame) -> pl.DataFrame:
    return pl.DataFrame(_wfm.arrow_roundtrip(df))


def parquet(df: pl.DataFrame) -> pl.DataFrame:
    to_rust = io.BytesIO()
    df.write_parquet(to_rust)
    in_rust = pl.read_parquet(io.BytesIO(to_rust.getvalue()))  # the extension's reader
    to_python = io.BytesIO()
    in_rust.write_parquet(to_python)  # the extension's writer
    return pl.read_parquet(io.BytesIO(to_python.getvalue()))


def best(f: Callable[[pl.DataFrame], pl.DataFrame], df: pl.DataFrame, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = f(df)
        times.append(time.perf_counter() - t)
        assert out.height == df.height
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    df = frame(args.rows)
    assert arrow(df).equals(df), "the Arrow crossing must give the frame back unchanged"
    seconds: Dict[str, float] = {name: best(f, df, args.repeat) for name, f in (("arrow", arrow), ("parquet", parquet))}
    print(f"DataFrame crossing, {args.rows:,} rows, best of {args.repeat} (Python -> Rust -> Python)")
    for name, s in seconds.items():
        print(f"  {name:<8} {s * 1000:9.1f} ms")
    print(f"  parquet / arrow: {seconds['parquet'] / seconds['arrow']:.1f}x (goal: at least 3x)")


if __name__ == "__main__":
    main()
