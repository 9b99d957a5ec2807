"""Schedule adherence from Python: events imported in both formats (duplicates changing
nothing), a bad file refused with located problems and nothing stored, the report's
figures adding up, the live monitor as an iterator and a callback, and the charts."""

from __future__ import annotations

import os

import pytest

import wfm
import wfm.plot_adherence

DAY = "2024-08-05"


@pytest.fixture(scope="module")
def ws() -> wfm.Workspace:
    return wfm.adherence.sample_workspace()


def test_both_formats_give_the_same_day_and_duplicates_change_nothing(ws, tmp_path) -> None:
    before = wfm.adherence.report(ws, DAY)
    path = tmp_path / "events.csv"
    n = wfm.adherence.sample_events(ws, DAY, path, format="csv")
    r = wfm.adherence.import_events(ws, path, today="2024-08-11")
    assert (r["stored"], r["already_stored"], r["received"]) == (0, n, n)
    assert wfm.adherence.report(ws, DAY).equals(before)
    for row in before.iter_rows(named=True):
        assert row["adherent_seconds"] + row["non_adherent_seconds"] == row["scheduled_seconds"]
        assert 0.0 <= row["AGENT_SCHEDULE_ADHERENCE"] <= 100.0
    assert (before["AGENT_SCHEDULE_ADHERENCE"] < 100).any(), "the sample day has deviations"


def test_a_bad_file_is_refused_with_its_lines_and_nothing_is_stored(ws, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("agent,timestamp,state\nana,2024-08-05T08:00:00Z,Available\nben,noon,Available\n")
    with pytest.raises(wfm.InvalidInputError) as e:
        wfm.adherence.import_events(ws, bad)
    assert "bad.csv:3: timestamp: expected a UTC instant" in str(e.value)
    assert wfm.adherence.exceptions(ws, DAY).height > 0


def test_the_monitor_yields_statuses_and_calls_back(ws, tmp_path) -> None:
    path = tmp_path / "e.jsonl"
    wfm.adherence.sample_events(ws, DAY, path, format="jsonl")
    seen = []
    m = wfm.adherence.Monitor(ws, DAY, grace={"Work": 3}, alert_after_minutes=5)
    with open(path) as lines:
        statuses = [s for s in m.watch(lines, callback=seen.append) if "alert" not in s]
    assert len(seen) >= len(statuses) > 100
    assert {s["scheduled"] for s in statuses} >= {"productive"}
    live = m.statuses("2024-08-06T12:00:00Z")  # after the evening shifts end
    report = wfm.adherence.report(ws, DAY)
    joined = live.join(report, on="agent")
    # once every shift of the day is over, the live figure is the historical one
    assert (joined["adherence_today"] - joined["AGENT_SCHEDULE_ADHERENCE"]).abs().max() < 0.01
    m.push('{"agent": "nobody", "timestamp": "2024-08-06T02:00:00Z", "state": "Available"}')
    assert m.unknown_agents() == {"nobody": 1}


def test_impact_prices_non_adherence_per_team(ws) -> None:
    df = wfm.adherence.impact(ws, DAY)
    assert {"(all)"} <= set(df["team"].to_list())
    assert (df["actual_service_level"] <= 1.0).all()
    assert (df["available_agents"] != df["scheduled_agents"]).any()
    # the demo week is understaffed (0 % either way): nothing to lose, never negative SL
    assert df["sl_points_lost"].is_finite().all()


def test_the_charts_draw(ws, tmp_path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ax = wfm.plot_adherence.timeline(ws, DAY, agents=6)
    ax.figure.savefig(tmp_path / "timeline.png", dpi=80)
    ax2 = wfm.plot_adherence.percent(wfm.adherence.report(ws, DAY))
    ax2.figure.savefig(tmp_path / "percent.png", dpi=80)
    out = os.environ.get("WFM_ADHERENCE_PNG")
    if out:
        ax.figure.savefig(os.path.join(out, "timeline.png"), dpi=80)
        ax2.figure.savefig(os.path.join(out, "percent.png"), dpi=80)
    assert len(ax.get_yticklabels()) == 6
