#!/usr/bin/env python3
"""The pandas side of the history-import benchmark: `pandas.read_csv` of a SPEC §2.1
history CSV followed by the checks `wfm history import` makes, written in pandas.

    python pandas_side.py FILE.csv --interval 15|30

Prints one JSON line: rows, errors found, seconds for read and checks. The checks are
the §2.1 rules wfm applies (header exactly, 8 fields a row, channel VOICE|CHAT, text
fields of letters, digits, spaces and `- _ . ( )`, ISO 8601 UTC timestamps ending in Z
on an interval (or day) boundary, IntervalDuration equal to the workspace interval or
`daily`, non-negative integer volume and handled, non-negative decimal AHT, no duplicate
queue × channel × duration × timestamp inside the file). Every failing row is counted,
as wfm reports every error; nothing is written anywhere.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

HEADER = [
    "QueueName", "QueueId", "ChannelType", "TimeStamp", "IntervalDuration",
    "IncomingContactVolume", "AverageHandleTime", "ContactsHandled",
]
TEXT = r"^[A-Za-z0-9 \-_.()]+$"


def check(df: pd.DataFrame, interval: int) -> int:
    bad = np.zeros(len(df), dtype=bool)
    for col in ("QueueName", "QueueId"):
        bad |= ~df[col].str.fullmatch(TEXT, na=False).to_numpy()
    bad |= ~df["ChannelType"].isin(["VOICE", "CHAT"]).to_numpy()
    duration = df["IntervalDuration"]
    bad |= ~duration.isin([f"{interval}mins", "daily"]).to_numpy()
    stamp_ok = df["TimeStamp"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", na=False)
    ts = pd.to_datetime(df["TimeStamp"], format="%Y-%m-%dT%H:%M:%SZ", utc=True, errors="coerce")
    stamp_ok &= ts.notna()
    # seconds since the epoch whatever unit pandas parsed to (ns in pandas 2, us in 3)
    seconds = ts.dt.as_unit("s").astype("int64")
    step = np.where(duration.to_numpy() == "daily", 86400, interval * 60)
    bad |= ~(stamp_ok.to_numpy() & (seconds.to_numpy() % step == 0))
    for col in ("IncomingContactVolume", "ContactsHandled"):
        bad |= ~df[col].str.fullmatch(r"\d+", na=False).to_numpy()
    aht = pd.to_numeric(df["AverageHandleTime"], errors="coerce")
    bad |= ~(df["AverageHandleTime"].str.fullmatch(r"\d+(\.\d+)?", na=False).to_numpy() & (aht >= 0).to_numpy())
    dupes = df.duplicated(["QueueId", "ChannelType", "IntervalDuration", "TimeStamp"], keep="first")
    bad |= dupes.to_numpy()
    return int(bad.sum())


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("--interval", type=int, choices=(15, 30), default=15)
    a = p.parse_args()
    t0 = time.perf_counter()
    with open(a.file, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
    if header != HEADER:
        print(json.dumps({"error": "header"}))
        sys.exit(2)
    # every column as text: the checks are on the cells as written (no silent float parse)
    df = pd.read_csv(a.file, dtype=str, keep_default_na=False, na_filter=False)
    t1 = time.perf_counter()
    errors = check(df, a.interval)
    t2 = time.perf_counter()
    print(json.dumps({"rows": len(df), "errors": errors, "read_s": t1 - t0, "check_s": t2 - t1}))


if __name__ == "__main__":
    main()
