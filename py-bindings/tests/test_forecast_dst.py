"""wfm.forecast without time_zones (issue 26): a queue whose intraday pattern follows the
DST changes of its zone is named in a UserWarning with the likely zone; a queue given its
zone is not."""

from __future__ import annotations

import warnings

import pytest

import wfm
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample" / "intervals_30min.csv"


def test_a_queue_without_zone_is_named_with_its_likely_zone() -> None:
    with pytest.warns(UserWarning, match=r"queue 1003 \(Billing\) VOICE: .*Europe/Berlin"):
        wfm.forecast(SAMPLE, "short", 1)


def test_queues_given_their_zones_are_not_warned_about() -> None:
    zones = {"1001": "America/New_York", "1002": "America/New_York", "1003": "Europe/Berlin"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wfm.forecast(SAMPLE, "short", 1, time_zones=zones)
    assert not [w for w in caught if "DST changes" in str(w.message)]
