"""Every chart of ``wfm.plot`` tested by its data: the lines' and bars' values are the
frame's columns, and the labels and legend say what is drawn (issue 18, item 9) — not
by a PNG existing. Issue 19, item 8: a long-term forecast is weekly by default, an
intraday profile is in its queue's zone, a capacity plan has an FTE panel and a gap
panel, a Gantt is in the agents' local time by day, and every function draws on the
``ax`` (or ``fig``) given and returns it."""

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
    fig = wfm.plot.capacity(weekly, fig=Figure())
    (ax,) = fig.axes  # no gap panel without a gap
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
    fig = Figure()
    assert wfm.plot.capacity(weekly, fig=fig) is fig
    ax, gap_ax = fig.axes  # the FTE panel above the gap panel, one time axis
    ys = {line.get_label(): [float(v) for v in line.get_ydata()] for line in ax.get_lines()}
    assert ys == {
        "required FTE": [10.0, 12.0, 11.0],
        "required FTE with shrinkage": [12.5, 15.0, 13.75],
        "available FTE": [14.0, 14.0, 14.0],
    }
    assert gap_ax.get_ylabel() == "gap (FTE)" and ax.get_ylabel() == "FTE"
    assert gap_ax.get_shared_x_axes().joined(ax, gap_ax)
    bars = gap_ax.patches
    assert [b.get_height() for b in bars] == [1.5, -1.0, 0.25]
    # red for the shortfall, green for a surplus, the FTE written on each bar
    assert [b.get_facecolor()[0] > b.get_facecolor()[1] for b in bars] == [False, True, False]
    assert [t.get_text() for t in gap_ax.texts] == ["+1.5", "-1.0", "+0.2"]
    low, high = gap_ax.get_ylim()
    assert low == -high  # zero in the middle
    assert "available − required" in gap_ax.get_title(loc="left") and "short" in gap_ax.get_title(loc="left")
    assert _legend(ax) == ["required FTE", "required FTE with shrinkage", "available FTE"]
    assert ax.get_title() == "Capacity plan: required vs available FTE per week"
    # the dates are on the bottom panel, the one a reader's eye ends on
    assert gap_ax.get_xlabel() == "period start"
    assert [t.get_text() for t in gap_ax.get_xticklabels()][0] == "06 Jan 2025"


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
    fte_ax, gap_ax = wfm.plot.capacity(monthly, fig=Figure(), title="Plan").axes
    ax = fte_ax
    assert ax.get_title() == "Plan"
    ys = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert ys["required FTE"] == [10.5, 11.25]
    assert ys["available FTE"] == [None, 12.0]
    assert [t.get_text() for t in gap_ax.get_xticklabels()] == ["01 Jan 2025", "01 Feb 2025"]
    ax = wfm.plot.capacity(monthly, fig=Figure()).axes[0]
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
    assert ax.get_ylabel() == "contacts per day"  # three days: no full week to sum


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


# ---- issue 19, item 8: charts a planner reads at a glance ------------------------------


def _daily(first: date, days: int, volume=lambda d: 100.0 + d):
    """A daily forecast of two queues from ``first``: queue 1 ``volume(day)``, queue 2
    half of it; P10/P90 at ±10 %."""
    rows = []
    for d in range(days):
        for queue, share in ((1, 1.0), (2, 0.5)):
            v = volume(d) * share
            rows.append({"TimeStamp": datetime(first.year, first.month, first.day, tzinfo=timezone.utc) + timedelta(days=d),
                         "QueueId": queue, "IncomingContactVolume": v, "P10": 0.9 * v, "P90": 1.1 * v})
    return pl.DataFrame(rows)


def test_long_term_forecast_is_weekly_by_default_each_point_the_sum_of_its_week():
    """Issue 19 item 8: 78 weeks of days were drawn as a daily zig-zag. Daily rows are
    now summed per Monday-to-Sunday week; the partial weeks at either end (Thursday
    start, Tuesday end) are left out rather than drawn as dips."""
    df = _daily(date(2024, 8, 1), 19)  # Thu 1 Aug .. Mon 19 Aug
    ax = wfm.plot.forecast(df, ax=_axes())
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == [date(2024, 8, 5), date(2024, 8, 12)]
    # week of Mon 5 Aug: days 4..10 of the frame, both queues (×1.5)
    assert list(line.get_ydata()) == [pytest.approx(1.5 * sum(100.0 + d for d in range(4, 11))),
                                      pytest.approx(1.5 * sum(100.0 + d for d in range(11, 18)))]
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert max(band) == pytest.approx(1.1 * line.get_ydata()[1])
    assert ax.get_ylabel() == "contacts per week"
    assert ax.get_xlabel() == "week starting Monday (UTC)"
    assert ax.get_title() == "Forecast volume per week"
    assert ax.get_ylim()[0] == 0


def test_forecast_daily_on_request_and_actuals_summed_the_same_way():
    df = _daily(date(2024, 8, 5), 14)
    ax = wfm.plot.forecast(df, ax=_axes(), period="day")
    assert len(ax.get_lines()[0].get_xdata()) == 14 and ax.get_ylabel() == "contacts per day"
    actual = _daily(date(2024, 7, 22), 14, volume=lambda d: 10.0).select("TimeStamp", "IncomingContactVolume")
    ax = wfm.plot.forecast(df, actual=actual, ax=_axes())
    drawn = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    assert drawn["actual"] == [pytest.approx(7 * 15.0)] * 2
    assert len(drawn["forecast"]) == 2
    with pytest.raises(wfm.InvalidArgumentError, match="period"):
        wfm.plot.forecast(df, ax=_axes(), period="month")


def test_short_term_forecast_stays_per_interval():
    t0 = datetime(2024, 8, 5, tzinfo=timezone.utc)
    df = pl.DataFrame({"TimeStamp": [t0 + timedelta(minutes=30 * i) for i in range(96)],
                       "IncomingContactVolume": [float(i % 48) for i in range(96)]})
    ax = wfm.plot.forecast(df, ax=_axes())
    assert len(ax.get_lines()[0].get_xdata()) == 96
    assert ax.get_ylabel() == "contacts per interval" and ax.get_xlabel() == "time (UTC)"


def test_intraday_profile_is_in_the_queues_own_time_zone():
    """The profile was always in UTC: a New York queue opening at 08:00 local showed
    its first contacts at 12:00 (summer). Given its zone, the hours and the day are
    New York's; ``queue`` picks one queue of a frame of several."""
    times = [datetime(2024, 8, 5, 12, tzinfo=timezone.utc), datetime(2024, 8, 5, 12, 30, tzinfo=timezone.utc),
             datetime(2024, 8, 6, 3, tzinfo=timezone.utc)]  # 08:00, 08:30 Mon; 23:00 Mon in New York
    df = pl.DataFrame({"QueueId": [1001, 1001, 1001], "TimeStamp": times,
                       "IncomingContactVolume": [30.0, 10.0, 40.0]})
    other = pl.DataFrame({"QueueId": [1003], "TimeStamp": [times[0]], "IncomingContactVolume": [99.0]})
    ax = wfm.plot.intraday_profile(pl.concat([df, other]), ax=_axes(), time_zone="America/New_York", queue="1001")
    (mon,) = ax.get_lines()  # all three are Monday in New York (the last is Tuesday in UTC)
    assert mon.get_label() == "Mon"
    assert list(mon.get_xdata()) == [8.0, 8.5, 23.0]
    assert list(mon.get_ydata()) == [37.5, 12.5, 50.0]
    assert ax.get_xlabel() == "hour of day (America/New_York)"
    assert ax.get_title() == "Intraday profile by weekday: queue 1001"


def test_intraday_profiles_draw_a_panel_per_queue_each_in_its_zone():
    t = datetime(2024, 8, 5, 12, tzinfo=timezone.utc)
    df = pl.DataFrame({"QueueId": ["2", "1"], "QueueName": ["Billing", "Sales"], "TimeStamp": [t, t],
                       "IncomingContactVolume": [5.0, 5.0]})
    queues = pl.DataFrame({"id": ["1", "2"], "time_zone": ["America/New_York", None]})  # ws.queues()
    fig = Figure()
    assert wfm.plot.intraday_profiles(df, queues, fig=fig) is fig
    sales, billing = fig.axes
    assert [line.get_xdata()[0] for line in (sales.get_lines()[0], billing.get_lines()[0])] == [8.0, 12.0]
    assert sales.get_title() == "Sales (1): intraday profile, America/New_York hours"
    assert billing.get_xlabel() == "hour of day (UTC)"  # no zone: UTC
    fig = wfm.plot.intraday_profiles(df, {1: "Europe/Berlin"}, fig=Figure())
    assert fig.axes[0].get_xlabel() == "hour of day (Europe/Berlin)"


def _boston_week():
    """Two Boston agents, Monday 2 March 2026 (EST, UTC−5) and Tuesday."""
    shifts = pl.DataFrame({
        "agent": ["ben", "ana", "ana"],
        "start": ["2026-03-02T16:00:00Z", "2026-03-02T13:00:00Z", "2026-03-03T14:00:00Z"],
        "end": ["2026-03-03T00:30:00Z", "2026-03-02T21:30:00Z", "2026-03-03T22:30:00Z"],
        "time_zone": ["America/New_York"] * 3,
    })
    activities = pl.DataFrame({
        "agent": ["ben", "ana", "ana"], "activity": ["Break", "Lunch", "Lunch"],
        "start": ["2026-03-03T00:00:00Z", "2026-03-02T17:00:00Z", "2026-03-03T18:00:00Z"],
        "end": ["2026-03-03T00:15:00Z", "2026-03-02T17:30:00Z", "2026-03-03T18:30:00Z"],
    })
    return shifts, activities


def _bars(container):
    return [(mdates.num2date(b.get_x()).strftime("%a %H:%M"), round(b.get_width() * 24 * 60)) for b in container]


def test_gantt_is_in_the_agents_local_time_with_labelled_days():
    """The Gantt was in UTC: a Boston agent's 08:00 start showed as 13:00. The shifts'
    ``time_zone`` column now sets the axis; the days are labelled under hour ticks."""
    ax = wfm.plot.gantt(_boston_week(), ax=_axes())
    shifts, brk, lunch = ax.containers
    assert _bars(shifts) == [("Mon 11:00", 510), ("Mon 08:00", 510), ("Tue 09:00", 510)]
    assert _bars(brk) == [("Mon 19:00", 15)]
    assert ax.get_xlabel() == "time (America/New_York)"
    ax.figure.canvas.draw()
    days = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    hours = [t.get_text() for t in ax.get_xticklabels(minor=True) if t.get_text()]
    assert days == ["Mon 02 Mar", "Tue 03 Mar"]  # not the right edge's Wednesday
    assert hours[:3] == ["06", "12", "18"]
    # an explicit zone wins
    ax = wfm.plot.gantt(_boston_week(), ax=_axes(), time_zone="UTC")
    assert _bars(ax.containers[0])[1] == ("Mon 13:00", 510) and ax.get_xlabel() == "time (UTC)"


def test_gantt_of_one_day_has_hour_ticks_and_the_day_in_its_title():
    ax = wfm.plot.gantt(_boston_week(), ax=_axes(), day=date(2026, 3, 2))
    # ana starts first; ben's break after midnight belongs to his Monday shift
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana", "ben"]
    shifts, brk, lunch = ax.containers
    assert _bars(shifts) == [("Mon 11:00", 510), ("Mon 08:00", 510)]
    assert len(brk) == 1 and len(lunch) == 1
    assert ax.get_title() == "Shifts on Mon 02 Mar 2026"
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["07:00", "09:00", "11:00", "13:00", "15:00", "17:00", "19:00", "21:00"]  # every 2 h
    every = sorted(mdates.num2date(v).hour for v in [*ax.get_xticks(), *ax.get_xticks(minor=True)])
    assert every == list(range(7, 22))  # and a tick every hour, 07:00 to 21:00
    low, high = (mdates.num2date(v).strftime("%d %H:%M") for v in ax.get_xlim())
    assert (low, high) == ("02 07:00", "02 21:00")  # an hour before ana's 08:00, after ben's 19:30
    with pytest.raises(wfm.InvalidArgumentError, match="day"):
        wfm.plot.gantt(_boston_week(), ax=_axes(), day="Monday")


def test_gantt_days_draws_a_panel_per_local_day_on_one_scale():
    fig = Figure()
    assert wfm.plot.gantt_days(_boston_week(), fig=fig) is fig
    mon, tue = fig.axes
    assert (mon.get_title(), tue.get_title()) == ("Monday 02 March 2026", "Tuesday 03 March 2026")
    assert [t.get_text() for t in tue.get_yticklabels()] == ["ana"]
    hours = [[(mdates.num2date(v) - mdates.num2date(ax.get_xlim()[0]).replace(hour=0, minute=0)).total_seconds() / 3600
              for v in ax.get_xlim()] for ax in (mon, tue)]
    assert hours == [[7.0, 21.0], [7.0, 21.0]]  # the same hours for every day
    assert mon.get_legend() is not None and tue.get_legend() is None
    (only,) = wfm.plot.gantt_days(_boston_week(), days=["2026-03-03"], fig=Figure()).axes
    assert only.get_title() == "Tuesday 03 March 2026"


def test_coverage_of_a_result_is_in_the_agents_zone():
    class Result:  # a ScheduleResult's two frames
        shifts = _boston_week()[0]
        coverage = pl.DataFrame({"interval_start": ["2026-03-02T13:00:00Z", "2026-03-02T13:15:00Z"],
                                 "required": [1.0, 2.0], "scheduled": [1.0, 1.0]})

    ax = wfm.plot.coverage(Result(), ax=_axes())
    assert ax.get_xlabel() == "time (America/New_York)"
    assert list(ax.get_lines()[0].get_xdata())[0] == datetime(2026, 3, 2, 8)


def test_every_chart_draws_on_the_axes_or_figure_given_and_returns_it():
    ax = _axes()
    assert wfm.plot.forecast(_daily(date(2024, 8, 5), 7), ax=ax) is ax
    prof = pl.DataFrame({"TimeStamp": ["2024-08-05T09:00:00Z"], "IncomingContactVolume": [1.0], "QueueId": [1]})
    ax = _axes()
    assert wfm.plot.intraday_profile(prof, ax=ax) is ax
    cov = pl.DataFrame({"interval_start": ["2026-03-02T09:00:00Z"], "required": [1], "scheduled": [1]})
    ax = _axes()
    assert wfm.plot.coverage(cov, ax=ax) is ax
    ax = _axes()
    assert wfm.plot.gantt(_boston_week(), ax=ax) is ax
    for draw, frame in ((wfm.plot.capacity, pl.DataFrame({"period_start": ["2025-01-06"], "required_fte": [1.0]})),
                        (wfm.plot.intraday_profiles, prof), (wfm.plot.gantt_days, _boston_week())):
        fig = Figure()
        assert draw(frame, fig=fig) is fig and fig.axes
    assert sorted(wfm.plot.__all__) == ["capacity", "coverage", "forecast", "gantt", "gantt_days",
                                        "intraday_profile", "intraday_profiles"]


def test_charts_without_axes_keep_the_users_backend(tmp_path):
    """Item 1 stays fixed for every chart, the multi-panel ones included."""
    import os
    import subprocess
    import sys

    script = (
        "import matplotlib, polars as pl, wfm.plot\n"
        "p = pl.DataFrame({'period_start': ['2025-01-06'], 'required_fte': [1.0], 'gap': [0.5]})\n"
        "wfm.plot.capacity(p)\n"
        "h = pl.DataFrame({'QueueId': [1], 'TimeStamp': ['2024-08-05T09:00:00Z'], 'IncomingContactVolume': [1.0]})\n"
        "wfm.plot.intraday_profiles(h); wfm.plot.forecast(h)\n"
        "s = pl.DataFrame({'agent': ['a'], 'start': ['2026-03-02T08:00:00Z'], 'end': ['2026-03-02T16:00:00Z']})\n"
        "a = pl.DataFrame(schema={'agent': pl.Utf8, 'activity': pl.Utf8, 'start': pl.Utf8, 'end': pl.Utf8})\n"
        "wfm.plot.gantt((s, a)); wfm.plot.gantt_days((s, a))\n"
        "print(matplotlib.get_backend())\n"
    )
    env = dict(os.environ, MPLBACKEND="pdf", MPLCONFIGDIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "pdf"


def test_gantt_of_a_night_shift_runs_past_midnight():
    shifts = pl.DataFrame({"agent": ["nia"], "start": ["2026-03-02T20:00:00Z"], "end": ["2026-03-03T04:30:00Z"]})
    acts = pl.DataFrame({"agent": ["nia"], "activity": ["Break"],
                         "start": ["2026-03-03T01:00:00Z"], "end": ["2026-03-03T01:15:00Z"]})
    ax = wfm.plot.gantt((shifts, acts), ax=_axes(), day="2026-03-02")
    assert len(ax.containers) == 2  # the break after midnight is in Monday's shift
    low, high = (mdates.num2date(v).strftime("%d %H:%M") for v in ax.get_xlim())
    assert (low, high) == ("02 19:00", "03 06:00")  # the hour after 04:30, rounded up
    assert wfm.plot.gantt((shifts, acts), ax=_axes(), day="2026-03-03").texts[0].get_text() == "no shifts"


def test_gantt_of_agents_in_different_zones_puts_each_on_their_own_clock():
    """A team across zones (the example's Boston staff rules beside agents on the
    workspace's UTC): each row on its agent's own clock, the zone written at its right."""
    shifts, activities = _boston_week()
    shifts = pl.concat([shifts, pl.DataFrame({"agent": ["liv"], "start": ["2026-03-02T08:00:00Z"],
                                              "end": ["2026-03-02T16:00:00Z"], "time_zone": ["Europe/Lisbon"]})])
    ax = wfm.plot.gantt((shifts, activities), ax=_axes(), day="2026-03-02")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana", "liv", "ben"]  # by local start
    (right,) = ax.child_axes  # each row's zone, on the right
    assert [t.get_text() for t in right.get_yticklabels()] == ["America/New_York", "Europe/Lisbon", "America/New_York"]
    # 08:00 UTC is 08:00 in Lisbon (WET); ana's 13:00 UTC is 08:00 in New York
    assert _bars(ax.containers[0]) == [("Mon 11:00", 510), ("Mon 08:00", 510), ("Mon 08:00", 480)]
    assert [round(b.get_y() + 0.3) for b in ax.containers[0]] == [2, 0, 1]
    assert ax.get_xlabel() == "local time (each agent's own zone)"
    assert _bars(ax.containers[2]) == [("Mon 12:00", 30)]  # ana's lunch, on her clock
