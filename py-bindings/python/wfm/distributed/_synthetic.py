"""Seeded synthetic history for trying and measuring the distributed runs."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import numpy as np
import polars as pl


def synthetic_history(
    series: int,
    weeks: int = 26,
    per_group: int = 100,
    minutes: int = 30,
    end: _dt.date = _dt.date(2024, 7, 1),
    seed: int = 0,
    first: int = 0,
    zone: Optional[str] = None,
) -> pl.DataFrame:
    """``series`` VOICE queues of ``weeks`` weeks of ``minutes``-minute history (SPEC
    §2.1 columns, ``TimeStamp`` a UTC instant) ending before ``end``, with a ``group``
    column putting ``per_group`` queues in each forecast group (``G0``, ``G1``, …).

    Each queue has its own level, a daytime peak and quieter weekends, Poisson volume
    and noisy AHT; the same ``seed`` gives the same rows, and ``first`` numbers the
    queues from there (so chunks of a large set can be made one after the other).
    With ``zone`` (an IANA zone) the daily and weekly pattern follows that zone's local
    time, so it moves by an hour in UTC at its DST changes (the forecast then warns
    unless the queue's time zone is given).

    >>> h = synthetic_history(series=3, weeks=2, per_group=2, seed=7)
    >>> h.height, h.columns[-1], h["group"].unique().sort().to_list()
    (2016, 'group', ['G0', 'G1'])
    >>> h.equals(synthetic_history(series=3, weeks=2, per_group=2, seed=7))
    True
    >>> ny = synthetic_history(series=1, weeks=2, zone="America/New_York", end=_dt.date(2024, 3, 17))
    >>> bool((ny["IncomingContactVolume"] != synthetic_history(series=1, weeks=2, end=_dt.date(2024, 3, 17))["IncomingContactVolume"]).any())
    True
    """
    per_day = 1440 // minutes
    steps = weeks * 7 * per_day
    t0 = _dt.datetime.combine(end, _dt.time()) - _dt.timedelta(weeks=weeks)
    stamps = pl.datetime_range(
        t0,
        t0 + _dt.timedelta(minutes=minutes * (steps - 1)),
        _dt.timedelta(minutes=minutes),
        eager=True,
        time_unit="us",
        time_zone="UTC",
    )
    if zone is None:
        slot = np.arange(steps) % per_day
        weekday = ((np.arange(steps) // per_day) + t0.weekday()) % 7
    else:  # the pattern of local time: its step of the day and its weekday
        local = stamps.dt.convert_time_zone(zone)
        minute = local.dt.hour().cast(pl.Int64) * 60 + local.dt.minute().cast(pl.Int64)
        slot = (minute // minutes).to_numpy()
        weekday = (local.dt.weekday().cast(pl.Int64) - 1).to_numpy()
    shape = np.exp(-(((slot - per_day * 0.55) / (per_day * 0.18)) ** 2))
    frames = []
    for i in range(first, first + series):
        rng = np.random.default_rng([seed, i])
        level = rng.uniform(5.0, 60.0)
        weekend = np.where(weekday >= 5, rng.uniform(0.2, 0.6), 1.0)
        volume = rng.poisson(level * shape * weekend).astype(np.int64)
        aht = np.where(volume > 0, np.round(rng.normal(300.0, 20.0, steps), 2), 0.0)
        frames.append(
            pl.DataFrame(
                {
                    "QueueName": f"Queue {i}",
                    "QueueId": f"q{i}",
                    "ChannelType": "VOICE",
                    "TimeStamp": stamps,
                    "IntervalDuration": f"{minutes}mins",
                    "IncomingContactVolume": volume,
                    "AverageHandleTime": aht,
                    "ContactsHandled": volume,
                    "group": f"G{i // per_group}",
                }
            )
        )
    return pl.concat(frames)
