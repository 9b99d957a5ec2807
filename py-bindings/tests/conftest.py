"""Shared paths for the wfm Python tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def demo_csv() -> Path:
    """The demo day of the repository: one voice queue, 48 half-hours."""
    return ROOT / "data" / "demo" / "staffing_day.csv"
