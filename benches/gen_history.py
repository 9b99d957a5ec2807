#!/usr/bin/env python3
"""Writes a large, valid interval history CSV (SPEC 2.1) for the import benchmark.

    python benches/gen_history.py OUT.csv [ROWS] [--interval 15|30]

ROWS (default 10,000,000) are spread over queues of one year of intervals each, VOICE and
CHAT, in series order. Deterministic; the file is not committed.
"""
import argparse
from datetime import datetime, timedelta, timezone

HEADER = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("rows", nargs="?", type=int, default=10_000_000)
    p.add_argument("--interval", type=int, choices=(15, 30), default=15)
    a = p.parse_args()
    out, rows, interval = a.out, a.rows, a.interval
    per_series = 365 * 24 * 60 // interval
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    stamps = [(start + timedelta(minutes=interval * i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(per_series)]
    dur = f"{interval}mins"
    written = 0
    q = 0
    with open(out, "w", buffering=1 << 22) as f:
        f.write(HEADER)
        while written < rows:
            for channel in ("VOICE", "CHAT"):
                n = min(per_series, rows - written)
                name, qid = f"Queue {q}", f"q{q:04d}"
                prefix = f"{name},{qid},{channel},"
                f.writelines(
                    f"{prefix}{stamps[i]},{dur},{(i * 7) % 97},{180 + (i % 240)}.5,{(i * 7) % 90}\n"
                    for i in range(n)
                )
                written += n
                if written >= rows:
                    break
            q += 1


if __name__ == "__main__":
    main()
