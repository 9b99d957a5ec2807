"""``wfm demo --output`` writes the forecast, plan and schedule files and
``python -m wfm.demo`` draws them as PNG files; ``wfm.demo.sample_workspace`` builds the
sample workspace the examples start from."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# the binary of this tree's build (a worktree shares the main tree's target directory)
WFM = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "wfm"


@pytest.mark.skipif(not WFM.is_file(), reason="target/debug/wfm is not built")
def test_demo_writes_files_and_pngs(tmp_path):
    pytest.importorskip("matplotlib")
    import wfm.demo

    out = tmp_path / "demo"
    run = subprocess.run([str(WFM), "demo", "--output", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "tour failed" not in run.stdout, run.stdout
    for name in (
        "forecast_short.csv",
        "forecast_long.csv",
        "plan/plan_weekly.csv",
        "plan/plan.xlsx",
        "schedule/schedule.json",
        "schedule/shifts.csv",
        "schedule/activities.csv",
        "schedule/coverage.csv",
        "schedule/report.json",
        "schedule/schedule.xlsx",
    ):
        assert (out / name).is_file(), name
    assert "validator: 0 violation(s)" in run.stdout, run.stdout
    written = wfm.demo.draw(out, ROOT / "data" / "sample" / "daily.csv")
    assert [p.name for p in written] == [
        "forecast_long.png",
        "intraday_profile.png",
        "capacity_plan.png",
        "schedule_coverage.png",
        "schedule_gantt.png",
    ]
    for p in written:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert p.stat().st_size > 10_000  # a drawn chart, not an empty canvas


def test_draw_without_files_writes_nothing(tmp_path):
    import wfm.demo

    assert wfm.demo.draw(tmp_path) == []
    assert wfm.demo.main([str(tmp_path)]) == 1


def test_sample_workspace_builds_every_stage_from_any_folder(tmp_path, monkeypatch):
    """``wfm.demo.sample_workspace`` finds the sample data beside the package (not by the
    current folder) and builds each stage on the one before it."""
    import wfm

    monkeypatch.chdir(tmp_path)
    ws = wfm.demo.sample_workspace(tmp_path / "mine.wfm", until="plan")
    assert ws.path == str(tmp_path / "mine.wfm")
    assert ws.groups() == {"Sales": ["1001"]}
    assert ws.plans.list()["name"].to_list() == ["Budget"]
    assert ws.fte_loads.list().height == 1
    ws = wfm.demo.sample_workspace(until="schedule")
    assert ws.groups() == {"Support": ["1002"]}
    assert ws.schedules.list()["status"].to_list() == ["draft"]
    assert wfm.demo.sample_workspace(until="workspace").sources().height == 0


def test_sample_workspace_refuses_an_unknown_stage():
    import wfm

    with pytest.raises(wfm.InvalidArgumentError) as e:
        wfm.demo.sample_workspace(until="forecast")
    assert e.value.argument == "until" and "short_draft" in e.value.expected
