"""Charts a planner reads at a glance, drawn with matplotlib (imported only when a chart
is made; the user's backend is never changed).

Each single-panel function draws on the Axes ``ax`` given, or on new Axes of a new
figure, and returns them; each multi-panel function (:func:`capacity`,
:func:`intraday_profiles`, :func:`gantt_days`) draws on the Figure ``fig`` given, or on
a new one, and returns it. Every axis says its unit (contacts per week, FTE, share of
the day, hours of a named time zone).

>>> import wfm, wfm.plot
>>> from matplotlib.figure import Figure
>>> df = wfm.forecast("data/sample/daily.csv", "long", weeks=3, start="2024-08-05T00:00:00Z")
>>> ax = wfm.plot.forecast(df, ax=Figure().subplots())
>>> ax.get_title(), ax.get_ylabel()
('Forecast volume per week', 'contacts per week')
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import polars as pl

from wfm._errors import InvalidArgumentError

__all__ = [
    "capacity",
    "coverage",
    "forecast",
    "gantt",
    "gantt_days",
    "intraday_profile",
    "intraday_profiles",
]

_BLUE, _GREEN, _RED, _GREY = "#1f4e79", "#2e7d32", "#c62828", "#999999"
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# ---- shared helpers ------------------------------------------------------------------


def _axes(ax: Optional[Any], size: Tuple[float, float] = (11, 4.5)) -> Any:
    """``ax``, or the Axes of a new pyplot figure on the user's backend (a notebook's
    inline backend stays; without a display matplotlib itself picks ``Agg``)."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=size)
    return ax


def _figure(fig: Optional[Any], size: Tuple[float, float]) -> Any:
    """``fig`` (emptied), or a new pyplot figure of ``size`` inches."""
    if fig is None:
        import matplotlib.pyplot as plt

        return plt.figure(figsize=size)
    fig.clear()
    return fig


def _times(df: pl.DataFrame, column: str = "TimeStamp") -> pl.Series:
    """``column`` as UTC datetimes (it may be ``YYYY-MM-DDTHH:MM:SSZ`` text, naive UTC
    datetimes or datetimes of any zone)."""
    ts = df[column]
    if ts.dtype == pl.Utf8:
        return ts.str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
    if getattr(ts.dtype, "time_zone", None) is None:
        return ts.dt.replace_time_zone("UTC")
    return ts.dt.convert_time_zone("UTC")


def _local(ts: pl.Series, time_zone: Optional[str]) -> pl.Series:
    """UTC datetimes as naive wall-clock datetimes of ``time_zone`` (default UTC)."""
    return ts.dt.convert_time_zone(time_zone or "UTC").dt.replace_time_zone(None)


def _instants(col: pl.Series, time_zone: Optional[str] = None) -> List[Any]:
    """UTC instants (datetimes or ``YYYY-MM-DDTHH:MM:SSZ`` text) as naive datetimes of
    UTC or of ``time_zone``, for matplotlib."""
    return _local(_times(col.to_frame("t"), "t"), time_zone).to_list()


def _legend_below(ax: Any, ncol: int) -> None:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=ncol, frameon=False)


# ---- forecast ------------------------------------------------------------------------

_PERIODS = ("auto", "interval", "day", "week")


def _per_timestamp(df: pl.DataFrame, cols: List[str]) -> pl.DataFrame:
    """``cols`` summed over the queues and channels, one row per instant."""
    return (
        df.with_columns(_times(df).alias("TimeStamp"))
        .group_by("TimeStamp")
        .agg([pl.col(c).sum() for c in cols])
        .sort("TimeStamp")
    )


def _resolve(total: pl.DataFrame, period: str) -> str:
    """``period`` itself, or for ``"auto"``: ``"week"`` for daily rows (a long-term
    forecast), ``"interval"`` for 15/30-minute rows."""
    if period != "auto":
        return period
    ts = total["TimeStamp"]
    step: Any = ts.diff().min() if ts.len() > 1 else None
    return "week" if step is None or step >= timedelta(days=1) else "interval"


def _aggregate(total: pl.DataFrame, cols: List[str], period: str) -> Tuple[pl.DataFrame, str]:
    """``total`` per ``period``: the sum of each UTC day, or of each full week (Monday to
    Sunday, all seven days present; a partial week would read as a dip). Without a full
    week, days. The x column is ``TimeStamp`` (dates for days and weeks)."""
    if period == "interval":
        return total, period
    days = total.group_by(pl.col("TimeStamp").dt.date()).agg([pl.col(c).sum() for c in cols])
    days = days.sort("TimeStamp")
    if period == "day":
        return days, period
    weeks = (
        days.group_by(pl.col("TimeStamp").dt.truncate("1w").alias("week"))
        .agg([pl.col(c).sum() for c in cols] + [pl.len().alias("days")])
        .filter(pl.col("days") == 7)
        .sort("week")
    )
    if weeks.height == 0:
        return days, "day"
    return weeks.drop("days").rename({"week": "TimeStamp"}), "week"


def _date_axis(ax: Any) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def forecast(
    df: pl.DataFrame,
    actual: Optional[pl.DataFrame] = None,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
    period: str = "auto",
) -> Any:
    """The forecast volume over time (summed over the queues and channels in ``df``, a
    frame of :func:`wfm.forecast`) with its P10–P90 band where those columns are there,
    and optionally the actual volume (``actual``: a frame with ``TimeStamp`` and
    ``IncomingContactVolume``, e.g. history) summed the same way. Returns the matplotlib
    Axes.

    ``period`` is ``"week"``, ``"day"``, ``"interval"`` or ``"auto"`` (default): a
    long-term forecast (daily rows) is drawn per week — 78 weeks of days are a zig-zag
    nobody reads — and a short-term one per interval. A week is Monday to Sunday (UTC)
    and only full weeks are drawn; its volume is the sum of its days, its band the sum
    of the days' P10 and P90 (at least as wide as the week's own). Without a full week
    the chart falls back to days. The y label says the unit (``contacts per week``).

    >>> import wfm, wfm.plot
    >>> from matplotlib.figure import Figure
    >>> df = wfm.forecast("data/sample/daily.csv", "long", weeks=2, start="2024-08-05T00:00:00Z")
    >>> ax = wfm.plot.forecast(df, ax=Figure().subplots(), title="Two weeks")
    >>> ax.get_title(), len(ax.get_lines()[0].get_xdata())  # one point a week
    ('Two weeks', 2)
    >>> ax = wfm.plot.forecast(df, ax=Figure().subplots(), period="day")
    >>> len(ax.get_lines()[0].get_xdata()), ax.get_ylabel()
    (14, 'contacts per day')
    """
    if period not in _PERIODS:
        raise InvalidArgumentError(
            f"period: {period!r} is not one of {', '.join(_PERIODS)}",
            argument="period", value=str(period), expected=", ".join(_PERIODS),
        )
    ax = _axes(ax)
    cols = ["IncomingContactVolume"] + [c for c in ("P10", "P50", "P90") if c in df.columns]
    total = _per_timestamp(df, cols)
    total, period = _aggregate(total, cols, _resolve(total, period))
    x = total["TimeStamp"].to_list()
    marker = "o" if period == "week" else None
    if "P10" in total.columns and "P90" in total.columns:
        ax.fill_between(x, total["P10"].to_list(), total["P90"].to_list(),
                        color=_BLUE, alpha=0.2, label="P10–P90")
    ax.plot(x, total["IncomingContactVolume"].to_list(), color=_BLUE, lw=1.8,
            marker=marker, ms=3, label="forecast")
    if actual is not None:
        act, _ = _aggregate(_per_timestamp(actual, ["IncomingContactVolume"]),
                            ["IncomingContactVolume"], period)
        ax.plot(act["TimeStamp"].to_list(), act["IncomingContactVolume"].to_list(),
                color="#333333", lw=1.2, marker=marker, ms=3, label="actual")
    ax.set_ylabel(f"contacts per {period}")
    ax.set_ylim(bottom=0)
    ax.set_xlabel({"week": "week starting Monday (UTC)", "day": "day (UTC)"}.get(period, "time (UTC)"))
    _date_axis(ax)
    ax.grid(axis="y", color="#e0e0e0", lw=0.6)
    ax.set_title(title or f"Forecast volume per {period}")
    ax.legend(loc="lower left")
    ax.figure.tight_layout()
    return ax


# ---- intraday profile ----------------------------------------------------------------


def _queue_rows(df: pl.DataFrame, queue: Optional[Union[str, int]]) -> pl.DataFrame:
    if queue is None:
        return df
    return df.filter(pl.col("QueueId").cast(pl.Utf8) == str(queue))


def intraday_profile(
    df: pl.DataFrame,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
    time_zone: Optional[str] = None,
    queue: Optional[Union[str, int]] = None,
) -> Any:
    """The mean share of the day's volume per interval of the day, one line per
    weekday, from interval rows (a short-term forecast of :func:`wfm.forecast` or
    history). Days and hours are those of ``time_zone`` (an IANA zone, default UTC):
    give the queue's own zone to see its opening hours as its agents do. ``queue`` (a
    ``QueueId``) draws that queue only; else the rows are summed. Returns the
    matplotlib Axes.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> history = pl.read_csv("data/sample/intervals_30min.csv")
    >>> ax = wfm.plot.intraday_profile(history, ax=Figure().subplots(), queue=1001,
    ...                                time_zone="America/New_York")
    >>> [line.get_label() for line in ax.get_lines()]
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    >>> ax.get_xlabel()
    'hour of day (America/New_York)'
    """
    ax = _axes(ax)
    df = _queue_rows(df, queue)
    per = (
        df.with_columns(_times(df).alias("TimeStamp"))
        .group_by("TimeStamp")
        .agg(pl.col("IncomingContactVolume").sum())
    )
    local = _local(per["TimeStamp"], time_zone)
    per = per.with_columns(
        local.dt.date().alias("day"),
        local.dt.weekday().alias("weekday"),
        (local.dt.hour().cast(pl.Int32) * 60 + local.dt.minute().cast(pl.Int32)).alias("minute"),
    )
    per = per.with_columns(
        (pl.col("IncomingContactVolume") / pl.col("IncomingContactVolume").sum().over("day")).alias("share")
    ).filter(pl.col("share").is_not_nan() & pl.col("share").is_not_null())
    prof = per.group_by(["weekday", "minute"]).agg(pl.col("share").mean()).sort(["weekday", "minute"])
    for wd in range(1, 8):
        one = prof.filter(pl.col("weekday") == wd)
        if one.height:
            hours = [m / 60 for m in one["minute"].to_list()]
            ax.plot(hours, [s * 100 for s in one["share"].to_list()], lw=1.2,
                    ls="--" if wd >= 6 else "-", label=_WEEKDAYS[wd - 1])
    ax.set_xlabel(f"hour of day ({time_zone or 'UTC'})")
    ax.set_ylabel("share of the day (%)")
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 25, 2))
    tops = [max(line.get_ydata()) for line in ax.get_lines() if len(line.get_ydata())]
    ax.set_ylim(0, max(tops + [1.0]) * 1.25)  # room for the legend above the peaks
    ax.grid(color="#e0e0e0", lw=0.6)
    default = "Intraday profile by weekday" + (f": queue {queue}" if queue is not None else "")
    ax.set_title(title or default)
    ax.legend(loc="upper right", ncol=7, fontsize="small")
    ax.figure.tight_layout()
    return ax


def _zone_map(time_zones: Any) -> Dict[str, str]:
    """Queue id → IANA zone from a mapping, or from a queues frame (``QueueId`` and
    ``TimeZone`` of ``data/sample/queues.csv``, or ``id`` and ``time_zone`` of
    :meth:`wfm.Workspace.queues`; a null zone is left out)."""
    if time_zones is None:
        return {}
    if isinstance(time_zones, pl.DataFrame):
        key, zone = ("QueueId", "TimeZone") if "QueueId" in time_zones.columns else ("id", "time_zone")
        pairs = time_zones.select(pl.col(key).cast(pl.Utf8), pl.col(zone)).rows()
        return {q: z for q, z in pairs if z}
    return {str(q): z for q, z in time_zones.items()}


def intraday_profiles(
    df: pl.DataFrame,
    time_zones: Union[Mapping[Any, str], pl.DataFrame, None] = None,
    fig: Optional[Any] = None,
    title: Optional[str] = None,
) -> Any:
    """One :func:`intraday_profile` panel per queue of ``df``, each in its queue's own
    time zone: ``time_zones`` maps queue ids to IANA zones, or is a queues frame
    (``data/sample/queues.csv`` read with polars, or :meth:`wfm.Workspace.queues`);
    a queue without a zone is drawn in UTC. Returns the matplotlib Figure (one Axes per
    queue, in ``QueueId`` order).

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> history = pl.read_csv("data/sample/intervals_30min.csv")
    >>> queues = pl.read_csv("data/sample/queues.csv")
    >>> fig = wfm.plot.intraday_profiles(history, queues, fig=Figure())
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['hour of day (America/New_York)', 'hour of day (America/New_York)', 'hour of day (Europe/Berlin)']
    """
    zones = _zone_map(time_zones)
    names = dict(
        df.select(pl.col("QueueId").cast(pl.Utf8), pl.col("QueueName") if "QueueName" in df.columns
                  else pl.col("QueueId").cast(pl.Utf8).alias("QueueName")).unique().rows()
    )
    queues = sorted(names)
    fig = _figure(fig, (11, 3.4 * max(1, len(queues))))
    panels = fig.subplots(max(1, len(queues)), 1, squeeze=False)[:, 0]
    for k, (q, ax) in enumerate(zip(queues, panels)):
        zone = zones.get(q)
        intraday_profile(df, ax=ax, queue=q, time_zone=zone,
                         title=f"{names[q]} ({q}): intraday profile, {zone or 'UTC'} hours")
        if k:
            ax.get_legend().remove()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


# ---- capacity plan -------------------------------------------------------------------

#: The plan columns :func:`capacity` draws, all numbers of FTE.
_PLAN_NUMBERS = ("required_fte", "required_fte_with_shrinkage", "available_fte", "gap")


def _plan_numbers(periods: pl.DataFrame) -> pl.DataFrame:
    """The FTE columns as floats. Read from a CSV, a column that is empty throughout (a
    plan without an FTE file has no shrinkage, headcount or gap) comes back as text, and
    would be drawn as one category label per value; empty cells become nulls."""
    return periods.with_columns(
        [pl.col(c).cast(pl.Float64, strict=False) for c in _PLAN_NUMBERS if c in periods.columns]
    )


def _known(periods: pl.DataFrame, column: str) -> bool:
    """Whether the plan has ``column`` with a value in at least one period."""
    return column in periods.columns and periods[column].null_count() < periods.height


def _period_dates(col: pl.Series) -> List[Any]:
    """``period_start`` (a date, a datetime or ``YYYY-MM-DD`` text) as dates."""
    if col.dtype == pl.Utf8:
        col = col.str.slice(0, 10).str.to_date("%Y-%m-%d")
    elif col.dtype != pl.Date:
        col = col.cast(pl.Date)
    return col.to_list()


def _period_days(periods: pl.DataFrame) -> float:
    """The length of the plan's periods in days (7 for weeks; about 30 for months)."""
    if "days" in periods.columns and periods.height:
        median: Any = periods["days"].cast(pl.Float64).median()
        return float(median or 7.0)
    dates = _period_dates(periods["period_start"])
    return float((dates[1] - dates[0]).days) if len(dates) > 1 else 7.0


def _fte_panel(ax: Any, periods: pl.DataFrame, x: List[Any]) -> None:
    """Required (and with shrinkage) against available FTE, the requirement written on
    each point when there are few."""
    with_shrinkage = _known(periods, "required_fte_with_shrinkage")
    ax.plot(x, periods["required_fte"].to_list(), marker=".",
            color=_GREY if with_shrinkage else _BLUE, lw=1 if with_shrinkage else 2,
            label="required FTE")
    if with_shrinkage:
        ax.plot(x, periods["required_fte_with_shrinkage"].to_list(), marker=".",
                color=_BLUE, lw=2, label="required FTE with shrinkage")
    if _known(periods, "available_fte"):
        ax.plot(x, periods["available_fte"].to_list(), marker=".", color=_GREEN, lw=2,
                label="available FTE")
    main = periods["required_fte_with_shrinkage" if with_shrinkage else "required_fte"].to_list()
    if len(x) <= 16:
        for xi, v in zip(x, main):
            if v is not None:
                ax.annotate(f"{v:.0f}", (xi, v), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize="small", color=_BLUE)
    values = [v for c in _PLAN_NUMBERS[:3] if _known(periods, c) for v in periods[c].to_list()]
    ax.set_ylim(0, max([v for v in values if v is not None] or [1.0]) * 1.15)
    ax.set_ylabel("FTE")
    ax.grid(axis="y", color="#e0e0e0", lw=0.6)
    ax.legend(loc="lower left", fontsize="small")


def _gap_panel(ax: Any, periods: pl.DataFrame, x: List[Any]) -> None:
    """The gap as bars around zero: red below (short of staff), green above (surplus),
    each bar's FTE written at its end when there are few."""
    gap = [g if g is not None else 0.0 for g in periods["gap"].to_list()]
    colors = [_RED if g < 0 else "#66bb6a" for g in gap]
    ax.bar(x, gap, width=0.7 * _period_days(periods), color=colors,
           label="gap (available − required)")
    ax.axhline(0, color="#555555", lw=0.8)
    reach = max([abs(g) for g in gap] + [1.0]) * 1.35
    ax.set_ylim(-reach, reach)  # zero in the middle: shortfalls below, surplus above
    if len(x) <= 16:
        for xi, g in zip(x, gap):
            ax.annotate(f"{g:+.1f}", (xi, g), textcoords="offset points", xytext=(0, 3 if g >= 0 else -3),
                        ha="center", va="bottom" if g >= 0 else "top", fontsize="small")
    ax.set_ylabel("gap (FTE)")
    ax.set_axisbelow(True)  # the grid behind the bars
    ax.set_title("gap = available − required FTE (red: short of staff, green: surplus)",
                 fontsize="medium", loc="left")
    ax.grid(axis="y", color="#e0e0e0", lw=0.6)


def capacity(periods: pl.DataFrame, fig: Optional[Any] = None, title: Optional[str] = None) -> Any:
    """A capacity plan in two panels on one time axis: above, required FTE per period
    against available FTE; below, the gap (available − required) as bars around zero,
    red where the plan is short of staff and green where it has a surplus. ``periods``
    is a plan's ``weekly`` or ``monthly`` frame (or ``plan_weekly.csv`` read with
    polars). Returns the matplotlib Figure: ``fig.axes[0]`` the FTE panel,
    ``fig.axes[1]`` the gap panel.

    Lines, on dates of ``period_start``: ``required FTE``; ``required FTE with
    shrinkage`` where the plan knows shrinkage (an FTE file was loaded); ``available
    FTE`` where it knows the headcount. A plan without an FTE file has neither and no
    gap: the chart then has the FTE panel only, and its title says so.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> weekly = pl.DataFrame({"period_start": ["2025-01-06", "2025-01-13"],
    ...     "required_fte": [10.0, 12.0], "required_fte_with_shrinkage": [12.5, 15.0],
    ...     "available_fte": [14.0, 14.0], "gap": [1.5, -1.0]})
    >>> fte, gap = wfm.plot.capacity(weekly, fig=Figure()).axes
    >>> fte.get_title(), [line.get_label() for line in fte.get_lines()]
    ('Capacity plan: required vs available FTE per week', ['required FTE', 'required FTE with shrinkage', 'available FTE'])
    >>> gap.get_ylabel(), [float(bar.get_height()) for bar in gap.patches]
    ('gap (FTE)', [1.5, -1.0])
    """
    periods = _plan_numbers(periods)
    x = _period_dates(periods["period_start"])
    has_gap = _known(periods, "gap")
    fig = _figure(fig, (11, 6.5 if has_gap else 4.5))
    if has_gap:
        ax, gap_ax = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    else:
        ax, gap_ax = fig.subplots(), None
    _fte_panel(ax, periods, x)
    if gap_ax is not None:
        _gap_panel(gap_ax, periods, x)
    bottom = gap_ax if gap_ax is not None else ax
    step = max(1, -(-len(x) // 16))
    bottom.set_xticks(x[::step])
    bottom.set_xticklabels([d.strftime("%d %b %Y") for d in x[::step]], rotation=30, ha="right")
    bottom.set_xlabel("period start")
    per = "per week" if _period_days(periods) <= 7 else "per month"
    if _known(periods, "available_fte"):
        default = f"Capacity plan: required vs available FTE {per}"
    else:
        default = f"Capacity plan: required FTE {per} (no FTE file: available FTE unknown)"
    ax.set_title(title or default)
    fig.tight_layout()
    return fig


# ---- schedules -----------------------------------------------------------------------


def _agents_zone(shifts: Any) -> Optional[str]:
    """The agents' time zone from a shifts frame's ``time_zone`` column: the zone of
    most shifts (a team usually has one), ``None`` without the column."""
    if not isinstance(shifts, pl.DataFrame) or "time_zone" not in shifts.columns:
        return None
    zones = Counter(z for z in shifts["time_zone"].to_list() if z)
    return zones.most_common(1)[0][0] if zones else None


def _time_axis(ax: Any, time_zone: Optional[str], start: datetime, end: datetime) -> None:
    """Hours a planner reads: within a day, a tick every hour (labelled every two);
    over days, the days labelled under 06/12/18 hour ticks, a line at each midnight."""
    import matplotlib.dates as mdates

    ax.xaxis_date()
    if end - start <= timedelta(hours=36):
        hours = 1 if end - start <= timedelta(hours=12) else 2
        ax.xaxis.set_major_locator(mdates.HourLocator(interval=hours))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        ax.xaxis.set_minor_locator(mdates.MinuteLocator(byminute=[0, 30] if hours == 1 else [0]))
        ax.grid(axis="x", which="both", color="#e6e6e6", lw=0.6)
    else:
        ax.xaxis.set_major_locator(mdates.DayLocator())
        day_label = mdates.DateFormatter("%a %d %b")
        right = mdates.date2num(end)
        # no day label at the right edge: the day it names is not drawn
        ax.xaxis.set_major_formatter(lambda x, pos: "" if x >= right - 1e-6 else day_label(x, pos))
        ax.xaxis.set_minor_locator(mdates.HourLocator(byhour=[6, 12, 18]))
        ax.xaxis.set_minor_formatter(mdates.DateFormatter("%H"))
        ax.tick_params(axis="x", which="minor", labelsize="x-small", colors="#666666")
        ax.tick_params(axis="x", which="major", pad=12, length=12)
        for label in ax.get_xticklabels(which="major"):
            label.set_horizontalalignment("left")
        ax.grid(axis="x", which="major", color="#999999", lw=0.8)
        ax.grid(axis="x", which="minor", color="#eeeeee", lw=0.5)
    ax.set_xlabel(f"time ({time_zone or 'UTC'})")


def coverage(
    result: Any,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
    time_zone: Optional[str] = None,
) -> Any:
    """Required vs scheduled productive agents per interval of a generated week, as step
    lines, with the intervals short of the requirement shaded red.

    ``result`` is a :class:`wfm.ScheduleResult` or its ``coverage`` frame (or
    ``coverage.csv`` read with polars): ``interval_start``, ``required``, ``scheduled``
    and ``short`` (without ``short``, an interval is short where ``scheduled`` is below
    ``required``). Times are in ``time_zone`` (an IANA zone); by default the agents'
    zone for a :class:`wfm.ScheduleResult`, UTC for a frame. The days are labelled
    under hour ticks. Returns the matplotlib Axes (two lines: required, scheduled; one
    red span per run of short intervals).

    >>> import wfm.plot, polars as pl
    >>> from datetime import datetime, timedelta, timezone
    >>> from matplotlib.figure import Figure
    >>> t0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    >>> cov = pl.DataFrame({"interval_start": [t0 + timedelta(minutes=15 * i) for i in range(4)],
    ...     "required": [2, 3, 3, 2], "scheduled": [2, 2, 3, 2]})
    >>> ax = wfm.plot.coverage(cov, ax=Figure().subplots(), time_zone="Europe/Berlin")
    >>> ax.get_title(), ax.get_xlabel()
    ('Coverage: required vs scheduled agents (1 interval(s) short)', 'time (Europe/Berlin)')
    """
    df = getattr(result, "coverage", result)
    time_zone = time_zone or _agents_zone(getattr(result, "shifts", None))
    ax = _axes(ax)
    x = _instants(df["interval_start"], time_zone)
    required = df["required"].cast(pl.Float64).to_list()
    scheduled = df["scheduled"].cast(pl.Float64).to_list()
    if "short" in df.columns:
        # the agents short (the frame, coverage.csv) or a yes/no flag: short where above 0
        short = [v > 1e-9 for v in df["short"].cast(pl.Float64).fill_null(0.0).to_list()]
    else:
        short = [s + 1e-9 < r for r, s in zip(required, scheduled)]
    step = (x[1] - x[0]) if len(x) > 1 else timedelta(minutes=15)  # the last interval's length
    ax.step(x, required, where="post", color=_RED, lw=1.5, label="required")
    ax.step(x, scheduled, where="post", color=_BLUE, lw=1.5, label="scheduled")
    first = None
    for i, is_short in enumerate(short + [False]):
        if is_short and first is None:
            first = i
        elif not is_short and first is not None:
            end = x[i] if i < len(x) else x[-1] + step
            label = "short" if first == short.index(True) else None
            ax.axvspan(x[first], end, color=_RED, alpha=0.2, lw=0, label=label)
            first = None
    ax.set_ylabel("productive agents")
    ax.set_ylim(bottom=0)
    if x:
        ax.set_xlim(x[0], x[-1] + step)
        _time_axis(ax, time_zone, x[0], x[-1] + step)
    else:
        ax.set_xlabel(f"time ({time_zone or 'UTC'})")
    n_short = sum(1 for s in short if s)
    ax.set_title(title or f"Coverage: required vs scheduled agents ({n_short} interval(s) short)")
    ax.legend(loc="upper right")
    ax.figure.tight_layout()
    return ax

#: Colours of activities in :func:`gantt`, by the order activities first appear.
_ACTIVITY_COLOURS = ["#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#9e9d24", "#5d4037"]


def _frames(result: Any) -> Tuple[pl.DataFrame, pl.DataFrame]:
    if isinstance(result, (tuple, list)):
        return result[0], result[1]
    return result.shifts, result.activities


def _as_day(day: Union[date, str]) -> date:
    """A day given as a date, a datetime (its date) or ``YYYY-MM-DD`` text."""
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    try:
        return date.fromisoformat(str(day)[:10])
    except ValueError:
        raise InvalidArgumentError(
            f"day: {day!r} is not a date (a date or YYYY-MM-DD)",
            argument="day", value=str(day), expected="a date or YYYY-MM-DD",
        ) from None


def _with_local(df: pl.DataFrame, time_zone: Optional[str]) -> pl.DataFrame:
    """``df`` with ``_start`` and ``_end``: its ``start`` and ``end`` as naive
    wall-clock datetimes of ``time_zone``."""
    return df.with_columns(
        _local(_times(df, "start"), time_zone).alias("_start"),
        _local(_times(df, "end"), time_zone).alias("_end"),
    )


def _clocks(shifts: pl.DataFrame, time_zone: Optional[str]) -> Tuple[Dict[str, str], Optional[str]]:
    """The clocks of a Gantt: ``({}, zone)`` when every row is on one zone (``time_zone``
    if given, else the agents' one zone, UTC without a ``time_zone`` column), else
    ``(agent → zone, None)``: each agent on their own clock."""
    if time_zone is not None or "time_zone" not in shifts.columns:
        return {}, time_zone or "UTC"
    pairs = shifts.select("agent", "time_zone").unique(subset="agent", keep="first", maintain_order=True)
    zones = {a: z or "UTC" for a, z in pairs.rows()}
    if len(set(zones.values())) <= 1:
        return {}, next(iter(zones.values()), "UTC")
    return zones, None


def _on_clocks(df: pl.DataFrame, zones: Dict[str, str], zone: Optional[str]) -> pl.DataFrame:
    """:func:`_with_local` on one ``zone``, or row by row on each agent's zone."""
    if not zones or not df.height:
        return _with_local(df, zone)
    df = df.with_row_index("_row").with_columns(
        pl.col("agent").replace_strict(zones, default="UTC", return_dtype=pl.Utf8).alias("_zone")
    )
    parts = [_with_local(df.filter(pl.col("_zone") == z), z) for z in df["_zone"].unique().to_list()]
    return pl.concat(parts).sort("_row").drop("_row", "_zone")


def _one_day(shifts: pl.DataFrame, activities: pl.DataFrame, day: date) -> Tuple[pl.DataFrame, pl.DataFrame]:
    """The shifts starting on ``day`` (local) and the activities inside them (a night
    shift's break after midnight included)."""
    shifts = shifts.filter(pl.col("_start").dt.date() == day)
    spans = shifts.select("agent", pl.col("_start").alias("_s0"), pl.col("_end").alias("_s1"))
    activities = (
        activities.join(spans, on="agent", how="inner")
        .filter((pl.col("_start") >= pl.col("_s0")) & (pl.col("_start") < pl.col("_s1")))
        .drop("_s0", "_s1")
    )
    return shifts, activities


def _draw_bars(ax: Any, shifts: pl.DataFrame, activities: pl.DataFrame, row: Dict[str, int]) -> None:
    """A bar per shift of the agents in ``row``, the activities over them in their
    colours (one bar container each: shifts first, then activities by first
    appearance)."""
    import matplotlib.dates as mdates

    def bars(df: pl.DataFrame) -> Tuple[List[int], List[float], List[float]]:
        df = df.filter(pl.col("agent").is_in(list(row)))
        start = list(mdates.date2num(df["_start"].to_list())) if df.height else []
        end = list(mdates.date2num(df["_end"].to_list())) if df.height else []
        return [row[a] for a in df["agent"].to_list()], start, [e - s for s, e in zip(start, end)]

    ys, left, width = bars(shifts)
    ax.barh(ys, width, left=left, height=0.6, color="#90caf9", edgecolor=_BLUE, lw=0.6, label="shift")
    names: List[str] = []
    for name in activities["activity"].to_list():
        if name not in names:
            names.append(name)
    for k, name in enumerate(names):
        ys, left, width = bars(activities.filter(pl.col("activity") == name))
        if ys:
            ax.barh(ys, width, left=left, height=0.6,
                    color=_ACTIVITY_COLOURS[k % len(_ACTIVITY_COLOURS)], label=name)


def _hours(shifts: pl.DataFrame, day: date) -> Tuple[int, int]:
    """The whole hours of ``day`` its shifts span, an hour either side (0 to 24 without
    shifts; past 24 for a shift ending after midnight)."""
    if not shifts.height:
        return 0, 24
    midnight = datetime.combine(day, datetime.min.time())
    earliest: Any = shifts["_start"].min()
    latest: Any = shifts["_end"].max()
    first = (earliest - midnight).total_seconds() / 3600
    last = (latest - midnight).total_seconds() / 3600
    return max(0, math.floor(first) - 1), min(48, math.ceil(last) + 1)


def _span(shifts: pl.DataFrame, day: Optional[date], hours: Optional[Tuple[float, float]]) -> Tuple[datetime, datetime]:
    """The x range: ``hours`` of ``day`` (default: an hour either side of its shifts);
    else whole days from the first shift to the last."""
    last: Any = shifts["_end"].max() if shifts.height else None
    if day is not None:
        start = datetime.combine(day, datetime.min.time())
        h0, h1 = hours if hours is not None else _hours(shifts, day)
        return start + timedelta(hours=h0), start + timedelta(hours=h1)
    if last is None:
        now = datetime.combine(date.today(), datetime.min.time())
        return now, now + timedelta(days=1)
    earliest: Any = shifts["_start"].min()
    first = datetime.combine(earliest.date(), datetime.min.time())
    end = datetime.combine(last.date(), datetime.min.time())
    return first, end + timedelta(days=1) if last > end else end


def gantt(
    result: Any,
    agents: Optional[Sequence[str]] = None,
    max_agents: int = 20,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
    time_zone: Optional[str] = None,
    day: Union[date, str, None] = None,
    hours: Optional[Tuple[float, float]] = None,
) -> Any:
    """The agents' shifts as a Gantt chart: one row per agent, a bar per shift, the
    breaks, meals and other activities in it drawn over it in their own colours, with a
    legend.

    ``result`` is a :class:`wfm.ScheduleResult` or a ``(shifts, activities)`` pair of
    its frames (or of ``shifts.csv`` and ``activities.csv`` read with polars). Times
    are the agents' local time — the zone in the ``time_zone`` column of the shifts, UTC
    without one; where agents are in different zones, each row is on its agent's own
    clock, its zone written at the right — unless ``time_zone`` (an IANA zone) is given; the x
    label names the zone. ``day`` (a date or ``YYYY-MM-DD``, local) draws the shifts
    starting that day with an hour tick every hour, the agents ordered by start, over
    ``hours`` of the day (``(6, 22)``; default: an hour either side of the shifts, 24
    and above past midnight); without it, every day, each labelled under 06/12/18 hour
    ticks. ``agents`` picks the rows (default: the agents with shifts, by name for the
    week, at most ``max_agents``). Returns the matplotlib Axes: one bar container for
    the shifts, one per activity name. :func:`gantt_days` draws one panel per day.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> shifts = pl.DataFrame({"agent": ["ana", "ben"],
    ...     "start": ["2026-03-02T13:00:00Z", "2026-03-02T17:00:00Z"],
    ...     "end": ["2026-03-02T21:30:00Z", "2026-03-03T01:30:00Z"],
    ...     "time_zone": "America/New_York"})
    >>> activities = pl.DataFrame({"agent": ["ana", "ben"], "activity": ["Lunch", "Lunch"],
    ...     "start": ["2026-03-02T17:00:00Z", "2026-03-02T21:00:00Z"],
    ...     "end": ["2026-03-02T17:30:00Z", "2026-03-02T21:30:00Z"]})
    >>> ax = wfm.plot.gantt((shifts, activities), ax=Figure().subplots(), day="2026-03-02")
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.containers)
    (['ana', 'ben'], 2)
    >>> ax.get_title(), ax.get_xlabel()
    ('Shifts on Mon 02 Mar 2026', 'time (America/New_York)')
    """
    shifts, activities = _frames(result)
    zones, zone = _clocks(shifts, time_zone)
    shifts, activities = _on_clocks(shifts, zones, zone), _on_clocks(activities, zones, zone)
    the_day = None if day is None else _as_day(day)
    if the_day is not None:
        shifts, activities = _one_day(shifts, activities, the_day)
    if agents is None:
        if the_day is not None:
            agents = shifts.sort("_start")["agent"].unique(maintain_order=True).to_list()[:max_agents]
        else:
            agents = sorted(set(shifts["agent"].to_list()))[:max_agents]
    agents = list(agents)
    if ax is None:
        ax = _axes(None, (12, max(3.0, 0.4 * len(agents) + 1.5)))
    _draw_bars(ax, shifts, activities, {a: i for i, a in enumerate(agents)})
    ax.set_yticks(range(len(agents)))
    ax.set_yticklabels(agents)
    if zones:  # each row's zone on the right, in grey
        right = ax.secondary_yaxis("right")
        right.set_yticks(range(len(agents)), [zones.get(a, "UTC") for a in agents])
        right.tick_params(labelsize="x-small", colors="#666666", length=0)
    ax.set_ylim(max(len(agents), 1) - 0.5, -0.5)
    start, end = _span(shifts.filter(pl.col("agent").is_in(agents)), the_day, hours)
    ax.set_xlim(start, end)
    _time_axis(ax, zone, start, end)
    if zone is None:
        ax.set_xlabel("local time (each agent's own zone)")
    if not agents:
        ax.text(0.5, 0.5, "no shifts", transform=ax.transAxes, ha="center", color=_GREY)
    default = "Shifts with breaks and meals" if the_day is None else f"Shifts on {the_day:%a %d %b %Y}"
    ax.set_title(title or default)
    if agents:
        if zones:  # above the rows: the zones take the right-hand side
            ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=len(ax.containers),
                      fontsize="small", frameon=False)
        else:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.figure.tight_layout()
    return ax


def gantt_days(
    result: Any,
    days: Optional[Sequence[Union[date, str]]] = None,
    agents: Optional[Sequence[str]] = None,
    max_agents: int = 20,
    fig: Optional[Any] = None,
    time_zone: Optional[str] = None,
) -> Any:
    """A schedule as one :func:`gantt` panel per day: each panel that day's shifts in
    the agents' local time (or ``time_zone``) with hour ticks, on the same hours for
    every day (an hour either side of all the shifts), titled with the day, the agents
    ordered by start. ``days`` picks the days (dates or ``YYYY-MM-DD``; default every
    local day with a shift); ``agents`` and ``max_agents`` pick the rows as in
    :func:`gantt`. Returns the matplotlib Figure
    (one Axes per day).

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> shifts = pl.DataFrame({"agent": ["ana", "ana", "ben"],
    ...     "start": ["2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z", "2026-03-03T12:00:00Z"],
    ...     "end": ["2026-03-02T16:00:00Z", "2026-03-03T16:00:00Z", "2026-03-03T20:00:00Z"],
    ...     "time_zone": "Europe/Berlin"})
    >>> no_activities = pl.DataFrame(schema={"agent": pl.Utf8, "activity": pl.Utf8,
    ...     "start": pl.Utf8, "end": pl.Utf8})
    >>> fig = wfm.plot.gantt_days((shifts, no_activities), fig=Figure())
    >>> [(ax.get_title(), len(ax.get_yticklabels())) for ax in fig.axes]
    [('Monday 02 March 2026', 1), ('Tuesday 03 March 2026', 2)]
    """
    shifts, activities = _frames(result)
    zones, zone = _clocks(shifts, time_zone)
    local = _on_clocks(shifts, zones, zone)
    if days is None:
        wanted = sorted(set(local["_start"].dt.date().to_list()))
    else:
        wanted = [_as_day(d) for d in days]
    rows = []
    for d in wanted:
        on_day = local.filter(pl.col("_start").dt.date() == d)["agent"].n_unique()
        rows.append(len(agents) if agents is not None else min(max_agents, on_day))
    fig = _figure(fig, (12, sum(0.3 * max(r, 1) + 1.3 for r in rows) if rows else 3.0))
    if not wanted:
        ax = fig.subplots()
        ax.text(0.5, 0.5, "no shifts", transform=ax.transAxes, ha="center", color=_GREY)
        return fig
    window = [_hours(local.filter(pl.col("_start").dt.date() == d), d) for d in wanted]
    hours = (min(h[0] for h in window), max(h[1] for h in window))  # one scale for every day
    heights = [max(r, 1) + 3 for r in rows]
    panels = fig.subplots(len(wanted), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    for k, (d, ax) in enumerate(zip(wanted, panels)):
        gantt((shifts, activities), agents=agents, max_agents=max_agents, ax=ax,
              title=f"{d:%A %d %B %Y}", time_zone=zone, day=d, hours=hours)
        if k and ax.get_legend() is not None:
            ax.get_legend().remove()
    fig.tight_layout()
    return fig
