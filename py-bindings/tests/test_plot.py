"""Every chart of ``wfm.plot`` tested by its data: the lines' and bars' values are the
frame's columns, and the labels and legend say what is drawn (issue 18, item 9) — not
by a PNG existing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("matplotlib")

import matplotlib.dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import wfm.plot  # noqa: E402

# The head of a demo `plan/plan_weekly.csv`: a plan without an FTE file, whose
# shrinkage, headcount and gap columns are empty throughout.
PLAN_WITHOUT_FTE = """period_start,period_end,days,volume,aht_seconds,required_fte,required_fte_original,expected_occupancy,peak_agents,required_fte_with_shrinkage,available_fte,gap
2024-08-05,2024-08-11,7,77148.1,480.8,232.9,,0.83,226,,,
2024-08-12,2024-08-18,7,76254.5,481.9,230.675,,0.83,223,,,
2024-08-19,2024-08-25,7,76254.5,481.9,230.675,,0.83,223,,,
"""


def _axes():
    return Figure().subplots()


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_capacity_plan_without_fte_file_draws_numbers_not_category_labels(tmp_path):
    """The demo chart drew the empty `required_fte_with_shrinkage` column filled with
    `required_fte` as text: matplotlib made each value a category label. It also
    promised an "available" line that a plan without an FTE file cannot have."""
    path = tmp_path / "plan_weekly.csv"
    path.write_text(PLAN_WITHOUT_FTE)
    weekly = pl.read_csv(path, infer_schema_length=None)
    assert weekly["required_fte_with_shrinkage"].dtype == pl.Utf8  # the trap
    ax = wfm.plot.capacity(weekly, ax=_axes())
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["required FTE"]
    assert [float(v) for v in lines[0].get_ydata()] == [232.9, 230.675, 230.675]
    assert list(lines[0].get_xdata()) == [date(2024, 8, 5), date(2024, 8, 12), date(2024, 8, 19)]
    # numbers on the y axis: no category converter, the range spans the values
    assert ax.yaxis.get_converter() is None
    low, high = ax.get_ylim()
    assert low == 0 and high > 232.9
    assert "available" not in _legend(ax)
    assert ax.get_title() == "Capacity plan: required FTE per week (no FTE file: available FTE unknown)"
    assert ax.get_ylabel() == "FTE"
    assert len(ax.figure.axes) == 1  # no gap axis without a gap
    # each week's requirement written on its point
    assert [t.get_text() for t in ax.texts] == ["233", "231", "231"]


def test_capacity_plan_with_fte_draws_required_available_and_the_gap():
    weekly = pl.DataFrame(
        {
            "period_start": [date(2025, 1, 6), date(2025, 1, 13), date(2025, 1, 20)],
            "days": [7, 7, 7],
            "required_fte": [10.0, 12.0, 11.0],
            "required_fte_with_shrinkage": [12.5, 15.0, 13.75],
            "available_fte": [14.0, 14.0, 14.0],
            "gap": [1.5, -1.0, 0.25],
        }
    )
    ax = wfm.plot.capacity(weekly, ax=_axes())
    ys = {line.get_label(): [float(v) for v in line.get_ydata()] for line in ax.get_lines()}
    assert ys == {
        "required FTE": [10.0, 12.0, 11.0],
        "required FTE with shrinkage": [12.5, 15.0, 13.75],
        "available FTE": [14.0, 14.0, 14.0],
    }
    gap_axes = [a for a in ax.figure.axes if a is not ax]
    assert len(gap_axes) == 1 and gap_axes[0].get_ylabel() == "gap (FTE)"
    bars = gap_axes[0].patches
    assert [b.get_height() for b in bars] == [1.5, -1.0, 0.25]
    # red for the shortfall, green for a surplus
    assert [b.get_facecolor()[0] > b.get_facecolor()[1] for b in bars] == [False, True, False]
    low, high = gap_axes[0].get_ylim()
    assert low == -high  # zero in the middle
    assert _legend(ax) == [
        "required FTE",
        "required FTE with shrinkage",
        "available FTE",
        "gap (available − required)",
    ]
    assert ax.get_title() == "Capacity plan: required vs available FTE per week"


def test_capacity_plan_monthly_says_per_month_and_takes_text_dates():
    monthly = pl.DataFrame(
        {
            "period_start": ["2025-01-01", "2025-02-01"],
            "days": [31, 28],
            "required_fte": ["10.5", "11.25"],  # text, as from an untyped CSV
            "available_fte": [None, 12.0],
            "gap": [None, 0.75],
        }
    )
    ax = wfm.plot.capacity(monthly, ax=_axes(), title="Plan")
    assert ax.get_title() == "Plan"
    ys = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert ys["required FTE"] == [10.5, 11.25]
    assert ys["available FTE"] == [None, 12.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["01 Jan 2025", "01 Feb 2025"]
    ax = wfm.plot.capacity(monthly, ax=_axes())
    assert ax.get_title().endswith("per month")


def _forecast_frame():
    t0 = datetime(2024, 8, 1, tzinfo=timezone.utc)
    rows = []
    for day in range(3):
        for queue, volume in ((1, 100.0), (2, 50.0)):
            v = volume + 10 * day
            rows.append(
                {
                    "TimeStamp": (t0 + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "QueueId": queue,
                    "IncomingContactVolume": v,
                    "P10": v - 5,
                    "P50": v,
                    "P90": v + 5,
                }
            )
    return pl.DataFrame(rows)


def test_forecast_line_is_the_volume_summed_over_queues_with_the_band_and_actuals():
    df = _forecast_frame()
    actual = pl.DataFrame(
        {
            "TimeStamp": ["2024-07-30T00:00:00Z", "2024-07-31T00:00:00Z", "2024-07-31T00:00:00Z"],
            "IncomingContactVolume": [140.0, 70.0, 75.0],
        }
    )
    ax = wfm.plot.forecast(df, actual=actual, ax=_axes())
    forecast, drawn_actual = ax.get_lines()
    assert forecast.get_label() == "forecast"
    assert list(forecast.get_ydata()) == [150.0, 170.0, 190.0]
    assert [d.day for d in forecast.get_xdata()] == [1, 2, 3]
    assert drawn_actual.get_label() == "actual"
    assert list(drawn_actual.get_ydata()) == [140.0, 145.0]
    # the P10–P90 band: one filled area from the summed P10 to the summed P90
    (band,) = ax.collections
    assert band.get_label() == "P10–P90"
    ys = band.get_paths()[0].vertices[:, 1]
    assert min(ys) == 140.0 and max(ys) == 200.0
    assert _legend(ax) == ["P10–P90", "forecast", "actual"]
    assert ax.get_ylabel() == "contacts"


def test_forecast_without_quantiles_draws_no_band():
    df = _forecast_frame().drop(["P10", "P50", "P90"])
    ax = wfm.plot.forecast(df, ax=_axes(), title="T")
    assert len(ax.collections) == 0 and ax.get_title() == "T"
    assert list(ax.get_lines()[0].get_ydata()) == [150.0, 170.0, 190.0]


def test_intraday_profile_is_each_weekdays_share_of_the_day():
    # Monday 2024-08-05 and Tuesday: two half-hours each, 1:3 and 1:1
    times = ["2024-08-05T09:00:00Z", "2024-08-05T09:30:00Z", "2024-08-06T09:00:00Z", "2024-08-06T09:30:00Z"]
    df = pl.DataFrame({"TimeStamp": times, "IncomingContactVolume": [10.0, 30.0, 5.0, 5.0]})
    ax = wfm.plot.intraday_profile(df, ax=_axes())
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert sorted(lines) == ["Mon", "Tue"]
    assert list(lines["Mon"].get_xdata()) == [9.0, 9.5]
    assert list(lines["Mon"].get_ydata()) == [25.0, 75.0]
    assert list(lines["Tue"].get_ydata()) == [50.0, 50.0]
    assert ax.get_xlabel() == "hour of day (UTC)" and ax.get_ylabel() == "share of the day (%)"
    assert _legend(ax) == ["Mon", "Tue"]


def test_coverage_steps_are_required_and_scheduled_with_short_spans():
    t0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    cov = pl.DataFrame(
        {
            "interval_start": [t0 + timedelta(minutes=15 * i) for i in range(5)],
            "required": [2, 3, 3, 2, 4],
            "scheduled": [2, 2, 3, 2, 3],
        }
    )
    ax = wfm.plot.coverage(cov, ax=_axes())
    required, scheduled = ax.get_lines()
    assert (required.get_label(), scheduled.get_label()) == ("required", "scheduled")
    assert list(required.get_ydata()) == [2.0, 3.0, 3.0, 2.0, 4.0]
    assert list(scheduled.get_ydata()) == [2.0, 2.0, 3.0, 2.0, 3.0]
    assert list(required.get_xdata())[0] == datetime(2026, 3, 2, 9)
    # two runs short (09:15, and 10:00 to its end): two red spans, one legend entry
    spans = [p for p in ax.patches]
    assert len(spans) == 2
    x0 = [mdates.num2date(s.get_x()).replace(tzinfo=None) for s in spans]
    assert x0 == [datetime(2026, 3, 2, 9, 15), datetime(2026, 3, 2, 10, 0)]
    assert _legend(ax) == ["required", "scheduled", "short"]
    assert ax.get_title() == "Coverage: required vs scheduled agents (2 interval(s) short)"


def test_coverage_reads_the_short_column_and_the_time_zone():
    cov = pl.DataFrame(
        {
            "interval_start": ["2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z"],
            "required": [2.0, 3.0],
            "scheduled": [2.0, 3.0],
            "short": [0.0, 0.5],  # coverage.csv: the agents short
        }
    )
    ax = wfm.plot.coverage(cov, ax=_axes(), time_zone="Europe/Berlin")
    assert list(ax.get_lines()[0].get_xdata()) == [datetime(2026, 3, 2, 10), datetime(2026, 3, 2, 10, 15)]
    assert len(ax.patches) == 1 and ax.get_xlabel() == "time (Europe/Berlin)"


def test_gantt_bars_are_the_shifts_and_activities():
    shifts = pl.DataFrame(
        {
            "agent": ["ben", "ana"],
            "start": ["2026-03-02T12:00:00Z", "2026-03-02T08:00:00Z"],
            "end": ["2026-03-02T20:30:00Z", "2026-03-02T16:30:00Z"],
        }
    )
    activities = pl.DataFrame(
        {
            "agent": ["ana", "ben", "ana"],
            "activity": ["Lunch", "Lunch", "Break"],
            "start": ["2026-03-02T12:00:00Z", "2026-03-02T16:00:00Z", "2026-03-02T10:00:00Z"],
            "end": ["2026-03-02T12:30:00Z", "2026-03-02T16:30:00Z", "2026-03-02T10:15:00Z"],
        }
    )
    ax = wfm.plot.gantt((shifts, activities), ax=_axes())
    shift_bars, lunch, brk = ax.containers
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana", "ben"]

    def spans(container):
        return [
            (
                round(bar.get_y() + bar.get_height() / 2),
                mdates.num2date(bar.get_x()).strftime("%H:%M"),
                round(bar.get_width() * 24 * 60),
            )
            for bar in container
        ]

    # (row, start, minutes): ben's row is 1, ana's 0
    assert spans(shift_bars) == [(1, "12:00", 510), (0, "08:00", 510)]
    assert spans(lunch) == [(0, "12:00", 30), (1, "16:00", 30)]
    assert spans(brk) == [(0, "10:00", 15)]
    assert _legend(ax) == ["shift", "Lunch", "Break"]
    assert ax.get_xlabel() == "time (UTC)"


def test_gantt_picks_the_agents_asked_for():
    shifts = pl.DataFrame(
        {"agent": ["ana", "ben"], "start": ["2026-03-02T08:00:00Z"] * 2, "end": ["2026-03-02T16:00:00Z"] * 2}
    )
    activities = pl.DataFrame({"agent": [], "activity": [], "start": [], "end": []}, schema=shifts.schema | {"activity": pl.Utf8})
    ax = wfm.plot.gantt((shifts, activities), agents=["ben"], ax=_axes())
    (bars,) = ax.containers
    assert len(bars) == 1 and [t.get_text() for t in ax.get_yticklabels()] == ["ben"]
