"""The capacity-plan workbook of ``wfm plan`` read back with a real reader (openpyxl):
the four sheets, and the Metrics values equal to the weekly and monthly CSVs."""

from __future__ import annotations

import csv
import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT

WFM = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "wfm"
HEADER = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n"
START = datetime(2025, 1, 6)


def stamp(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture()
def plan_dir(tmp_path: Path) -> Path:
    long = tmp_path / "long.csv"
    long.write_text(
        HEADER
        + "".join(
            f"Sales,q1,VOICE,{stamp(START + timedelta(days=d))},daily,{1500 + 10 * d},300\n"
            for d in range(70)
        )
    )
    short = tmp_path / "short.csv"
    short.write_text(
        HEADER
        + "".join(
            f"Sales,q1,VOICE,{stamp(START + timedelta(minutes=30 * i))},30mins,"
            f"{20 if 26 <= i % 48 < 42 else 0},300\n"
            for i in range(7 * 48)
        )
    )
    fte = tmp_path / "fte.csv"
    fte.write_text(
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n"
        "Sales,2025-01-06T00:00:00Z,40,10,10"
    )
    out = tmp_path / "plan"
    subprocess.run(
        [str(WFM), "plan", "--forecast-long", str(long), "--forecast-short", str(short),
         "--scenario", str(ROOT / "data" / "scenarios" / "capacity_base.toml"),
         "--fte", str(fte), "--start", "2025-01-06", "--weeks", "10", "--output", str(out)],
        check=True, capture_output=True,
    )
    return out


def rows(path: Path) -> list:
    with open(path, newline="") as f:
        return list(csv.reader(f))


def test_workbook_sheets_and_values(plan_dir: Path) -> None:
    book = openpyxl.load_workbook(plan_dir / "plan.xlsx", read_only=True)
    assert book.sheetnames == ["Metrics", "Capacity Plan", "Scenario", "Generation Details"]
    metrics = [list(r) for r in book["Metrics"].iter_rows(values_only=True)]
    weekly = rows(plan_dir / "plan_weekly.csv")
    monthly = rows(plan_dir / "plan_monthly.csv")
    assert metrics[0][0] == "Weekly" and metrics[1] == weekly[0]
    for sheet_row, csv_row in zip(metrics[2 : 2 + len(weekly) - 1], weekly[1:]):
        for got, want in zip(sheet_row, csv_row):
            if want == "":
                assert got is None
            elif want in ("true", "false"):
                assert got is (want == "true")
            else:
                try:
                    assert got == pytest.approx(float(want), rel=1e-12)
                except ValueError:
                    assert got == want
    monthly_title = 2 + len(weekly) - 1 + 1
    assert metrics[monthly_title][0] == "Monthly"
    assert [r[0] for r in metrics[monthly_title + 2 :] if r[0]] == [r[0] for r in monthly[1:]]
    plan = dict(book["Capacity Plan"].iter_rows(min_row=2, values_only=True))
    assert plan["start"] == "2025-01-06" and plan["end"] == "2025-03-16"
    assert plan["forecast group"] == "Sales"
    scenario = dict(book["Scenario"].iter_rows(min_row=2, values_only=True))
    assert scenario["daily_attrition"] == 0.002 and scenario["fte_hours_per_week"] == 40
    assert scenario["goal VOICE"] == "80 % answered within 30 s"
    details = dict(book["Generation Details"].iter_rows(min_row=2, values_only=True))
    assert details["interval minutes"] == 30
    assert details["long-term forecast"].endswith("long.csv")


def test_shortfall_columns(plan_dir: Path) -> None:
    weekly = rows(plan_dir / "plan_weekly.csv")
    head = weekly[0]
    first = dict(zip(head, weekly[1]))
    required = float(first["required_fte_with_shrinkage"])
    assert required == pytest.approx(float(first["required_fte"]) / 0.8, rel=1e-12)
    gap = float(first["gap"])
    assert gap == pytest.approx(float(first["available_fte"]) - required, rel=1e-9)
