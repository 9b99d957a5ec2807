"""Charts a planner looks at, drawn with matplotlib (imported only when a chart is made).

Each function draws on the Axes ``ax`` given, or on new Axes of a new figure, and
returns them.

>>> import wfm, wfm.plot
>>> from matplotlib.figure import Figure
>>> df = wfm.forecast("data/sample/daily.csv", "long", weeks=2, start="2024-08-01T00:00:00Z")
>>> wfm.plot.forecast(df, ax=Figure().subplots()).get_title()
'Forecast volume'
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import polars as pl

__all__ = ["capacity", "coverage", "forecast", "gantt", "intraday_profile"]


def capacity(periods: pl.DataFrame, ax: Optional[Any] = None, title: Optional[str] = None) -> Any:
    """Required FTE per period against available FTE, with the gap as bars (green:
    surplus, red: shortfall) on a second axis. ``periods`` is a plan's ``weekly`` or
    ``monthly`` frame (or ``plan_weekly.csv`` read with polars); returns the matplotlib
    Axes.

    Lines, on dates of ``period_start``: ``required FTE``; ``required FTE with
    shrinkage`` where the plan knows shrinkage (an FTE file was loaded); ``available
    FTE`` where it knows the headcount. A plan without an FTE file has neither: the
    chart then says so in its title instead of promising an "available" line.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> weekly = pl.DataFrame({"period_start": ["2025-01-06", "2025-01-13"],
    ...     "required_fte": [10.0, 12.0], "required_fte_with_shrinkage": [12.5, 15.0],
    ...     "available_fte": [14.0, 14.0], "gap": [1.5, -1.0]})
    >>> ax = wfm.plot.capacity(weekly, ax=Figure().subplots())
    >>> ax.get_title(), [line.get_label() for line in ax.get_lines()]
    ('Capacity plan: required vs available FTE per week', ['required FTE', 'required FTE with shrinkage', 'available FTE'])
    >>> [float(y) for y in ax.get_lines()[1].get_ydata()]
    [12.5, 15.0]
    """
    ax = _axes(ax)
    periods = _plan_numbers(periods)
    x = _period_dates(periods["period_start"])
    with_shrinkage = _known(periods, "required_fte_with_shrinkage")
    available = _known(periods, "available_fte")
    ax.plot(
        x, periods["required_fte"].to_list(), marker=".",
        color="#999999" if with_shrinkage else "#1f4e79", lw=1 if with_shrinkage else 2,
        label="required FTE",
    )
    if with_shrinkage:
        ax.plot(x, periods["required_fte_with_shrinkage"].to_list(), marker=".",
                color="#1f4e79", lw=2, label="required FTE with shrinkage")
    if available:
        ax.plot(x, periods["available_fte"].to_list(), marker=".", color="#2e7d32", lw=2,
                label="available FTE")
    handles, labels = ax.get_legend_handles_labels()
    if _known(periods, "gap"):
        ax2 = ax.twinx()
        gap = [g if g is not None else 0.0 for g in periods["gap"].to_list()]
        colors = ["#c62828" if g < 0 else "#66bb6a" for g in gap]
        ax2.bar(x, gap, width=0.6 * _period_days(periods), color=colors, alpha=0.35,
                label="gap (available − required)")
        ax2.axhline(0, color="#555555", lw=0.6, ls=":")  # the gap's zero, not an FTE level
        reach = max([abs(g) for g in gap] + [1.0]) * 1.2
        ax2.set_ylim(-reach, reach)  # zero in the middle: shortfalls below, surplus above
        ax2.set_ylabel("gap (FTE)")
        ax.set_zorder(ax2.get_zorder() + 1)  # lines over the bars
        ax.patch.set_visible(False)
        more_handles, more_labels = ax2.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels
    # the planner's number: the requirement (with shrinkage where known), on each point
    main = periods["required_fte_with_shrinkage" if with_shrinkage else "required_fte"].to_list()
    if len(x) <= 16:
        for xi, v in zip(x, main):
            if v is not None:
                ax.annotate(f"{v:.0f}", (xi, v), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize="small", color="#1f4e79")
    step = max(1, -(-len(x) // 16))
    ax.set_xticks(x[::step])
    ax.set_xticklabels([d.strftime("%d %b %Y") for d in x[::step]])
    ax.set_xlabel("period start")
    ax.set_ylabel("FTE")
    top = max([v for c in _PLAN_NUMBERS[:3] if _known(periods, c) for v in periods[c].to_list() if v is not None] or [1.0])
    ax.set_ylim(0, top * 1.15)
    per = "per week" if _period_days(periods) <= 7 else "per month"
    if available:
        default = f"Capacity plan: required vs available FTE {per}"
    else:
        default = f"Capacity plan: required FTE {per} (no FTE file: available FTE unknown)"
    ax.set_title(title or default)
    ax.legend(handles, labels, loc="lower left")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


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
        return float(periods["days"].cast(pl.Float64).median() or 7.0)  # type: ignore[arg-type]
    dates = _period_dates(periods["period_start"])
    return float((dates[1] - dates[0]).days) if len(dates) > 1 else 7.0


def _axes(ax: Optional[Any]) -> Any:
    """``ax``, or the Axes of a new pyplot figure on the user's backend (a notebook's
    inline backend stays; without a display matplotlib itself picks ``Agg``)."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 4.5))
    return ax


def _times(df: pl.DataFrame) -> pl.Series:
    """The ``TimeStamp`` column as datetimes (it may be ISO 8601 text)."""
    ts = df["TimeStamp"]
    if ts.dtype == pl.Utf8:
        ts = ts.str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
    return ts


def forecast(
    df: pl.DataFrame,
    actual: Optional[pl.DataFrame] = None,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
) -> Any:
    """The forecast volume over time (summed over the queues and channels in ``df``, a
    frame of :func:`wfm.forecast`) with its P10–P90 band where those columns are there,
    and optionally the actual volume (``actual``: a frame with ``TimeStamp`` and
    ``IncomingContactVolume``, e.g. history). Returns the matplotlib Axes.

    >>> import wfm, wfm.plot
    >>> from matplotlib.figure import Figure
    >>> df = wfm.forecast("data/sample/daily.csv", "long", weeks=2, start="2024-08-01T00:00:00Z")
    >>> ax = wfm.plot.forecast(df, ax=Figure().subplots(), title="Two weeks")
    >>> ax.get_title(), len(ax.get_lines()[0].get_xdata())  # one point a day
    ('Two weeks', 14)
    """
    ax = _axes(ax)
    cols = ["IncomingContactVolume"] + [c for c in ("P10", "P50", "P90") if c in df.columns]
    total = (
        df.with_columns(_times(df).alias("TimeStamp"))
        .group_by("TimeStamp")
        .agg([pl.col(c).sum() for c in cols])
        .sort("TimeStamp")
    )
    x = total["TimeStamp"].to_list()
    if "P10" in total.columns and "P90" in total.columns:
        ax.fill_between(
            x, total["P10"].to_list(), total["P90"].to_list(),
            color="#1f4e79", alpha=0.2, label="P10–P90",
        )
    ax.plot(x, total["IncomingContactVolume"].to_list(), color="#1f4e79", lw=1.5, label="forecast")
    if actual is not None:
        act = (
            actual.with_columns(_times(actual).alias("TimeStamp"))
            .group_by("TimeStamp")
            .agg(pl.col("IncomingContactVolume").sum())
            .sort("TimeStamp")
        )
        ax.plot(
            act["TimeStamp"].to_list(), act["IncomingContactVolume"].to_list(),
            color="#333333", lw=1, label="actual",
        )
    ax.set_ylabel("contacts")
    ax.set_title(title or "Forecast volume")
    ax.legend(loc="upper left")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def intraday_profile(df: pl.DataFrame, ax: Optional[Any] = None, title: Optional[str] = None) -> Any:
    """The mean share of the day's volume per interval of the day, one line per weekday
    (UTC), from interval rows (a short-term forecast of :func:`wfm.forecast` or
    history). Returns the matplotlib Axes.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> history = pl.read_csv("data/sample/intervals_30min.csv").filter(pl.col("QueueId") == 1001)
    >>> ax = wfm.plot.intraday_profile(history, ax=Figure().subplots())
    >>> [line.get_label() for line in ax.get_lines()]
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
    """
    ax = _axes(ax)
    ts = _times(df)
    per = (
        df.with_columns(ts.alias("TimeStamp"))
        .group_by("TimeStamp")
        .agg(pl.col("IncomingContactVolume").sum())
        .with_columns(
            pl.col("TimeStamp").dt.date().alias("day"),
            pl.col("TimeStamp").dt.weekday().alias("weekday"),
            (
                pl.col("TimeStamp").dt.hour().cast(pl.Int32) * 60
                + pl.col("TimeStamp").dt.minute().cast(pl.Int32)
            ).alias("minute"),
        )
    )
    per = per.with_columns(
        (pl.col("IncomingContactVolume") / pl.col("IncomingContactVolume").sum().over("day")).alias("share")
    ).filter(pl.col("share").is_not_nan() & pl.col("share").is_not_null())
    prof = per.group_by(["weekday", "minute"]).agg(pl.col("share").mean()).sort(["weekday", "minute"])
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    for wd in range(1, 8):
        one = prof.filter(pl.col("weekday") == wd)
        if one.height:
            hours = [m / 60 for m in one["minute"].to_list()]
            ax.plot(hours, [s * 100 for s in one["share"].to_list()], lw=1.2, label=names[wd - 1])
    ax.set_xlabel("hour of day (UTC)")
    ax.set_ylabel("share of the day (%)")
    ax.set_xlim(0, 24)
    ax.set_title(title or "Intraday profile by weekday")
    ax.legend(loc="upper right", ncol=7, fontsize="small")
    ax.figure.tight_layout()
    return ax


def _instants(col: pl.Series, time_zone: Optional[str] = None) -> List[Any]:
    """UTC instants (datetimes or ``YYYY-MM-DDTHH:MM:SSZ`` text) as naive datetimes of
    UTC or of ``time_zone``, for matplotlib."""
    if col.dtype == pl.Utf8:
        col = col.str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_zone="UTC")
    elif getattr(col.dtype, "time_zone", None) is None:
        col = col.dt.replace_time_zone("UTC")
    if time_zone is not None:
        col = col.dt.convert_time_zone(time_zone)
    return col.dt.replace_time_zone(None).to_list()


def _time_axis(ax: Any, time_zone: Optional[str]) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=5, maxticks=14))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %H:%M"))
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
    ``required``). Times are UTC unless ``time_zone`` (an IANA zone) is given. Returns
    the matplotlib Axes (two lines: required, scheduled; one red span per run of short
    intervals).

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
    ax = _axes(ax)
    x = _instants(df["interval_start"], time_zone)
    required = df["required"].cast(pl.Float64).to_list()
    scheduled = df["scheduled"].cast(pl.Float64).to_list()
    if "short" in df.columns:
        # the agents short (the frame, coverage.csv) or a yes/no flag: short where above 0
        short = [v > 1e-9 for v in df["short"].cast(pl.Float64).fill_null(0.0).to_list()]
    else:
        short = [s + 1e-9 < r for r, s in zip(required, scheduled)]
    step = (x[1] - x[0]) if len(x) > 1 else None  # the last interval's length
    ax.step(x, required, where="post", color="#c62828", lw=1.5, label="required")
    ax.step(x, scheduled, where="post", color="#1f4e79", lw=1.5, label="scheduled")
    first = None
    for i, is_short in enumerate(short + [False]):
        if is_short and first is None:
            first = i
        elif not is_short and first is not None:
            end = x[i] if i < len(x) else (x[-1] + step if step else x[-1])
            label = "short" if first == short.index(True) else None
            ax.axvspan(x[first], end, color="#c62828", alpha=0.2, lw=0, label=label)
            first = None
    ax.set_ylabel("productive agents")
    ax.set_ylim(bottom=0)
    _time_axis(ax, time_zone)
    n_short = sum(1 for s in short if s)
    ax.set_title(title or f"Coverage: required vs scheduled agents ({n_short} interval(s) short)")
    ax.legend(loc="upper right")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


#: Colours of activities in :func:`gantt`, by the order activities first appear.
_ACTIVITY_COLOURS = ["#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#9e9d24", "#5d4037"]


def _frames(result: Any) -> Tuple[pl.DataFrame, pl.DataFrame]:
    if isinstance(result, (tuple, list)):
        return result[0], result[1]
    return result.shifts, result.activities


def gantt(
    result: Any,
    agents: Optional[Sequence[str]] = None,
    max_agents: int = 20,
    ax: Optional[Any] = None,
    title: Optional[str] = None,
    time_zone: Optional[str] = None,
) -> Any:
    """The agents' shifts as a Gantt chart: one row per agent, a bar per shift, the
    breaks, meals and other activities in it drawn over it in their own colours, with a
    legend.

    ``result`` is a :class:`wfm.ScheduleResult` or a ``(shifts, activities)`` pair of
    its frames (or of ``shifts.csv`` and ``activities.csv`` read with polars).
    ``agents`` picks the rows (default: the agents with shifts, by name, at most
    ``max_agents``). Times are UTC unless ``time_zone`` (an IANA zone) is given. Returns
    the matplotlib Axes: one bar container for the shifts, one per activity name.

    >>> import wfm.plot, polars as pl
    >>> from matplotlib.figure import Figure
    >>> shifts = pl.DataFrame({"agent": ["ana", "ben"],
    ...     "start": ["2026-03-02T08:00:00Z", "2026-03-02T12:00:00Z"],
    ...     "end": ["2026-03-02T16:30:00Z", "2026-03-02T20:30:00Z"]})
    >>> activities = pl.DataFrame({"agent": ["ana", "ben"], "activity": ["Lunch", "Lunch"],
    ...     "start": ["2026-03-02T12:00:00Z", "2026-03-02T16:00:00Z"],
    ...     "end": ["2026-03-02T12:30:00Z", "2026-03-02T16:30:00Z"]})
    >>> ax = wfm.plot.gantt((shifts, activities), ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.containers)
    (['ana', 'ben'], 2)
    """
    shifts, activities = _frames(result)
    if agents is None:
        agents = sorted(set(shifts["agent"].to_list()))[:max_agents]
    agents = list(agents)
    row: Dict[str, int] = {a: i for i, a in enumerate(agents)}
    if ax is None:
        ax = _axes(None)
        ax.figure.set_size_inches(12, max(3.0, 0.4 * len(agents) + 1.5))
    import matplotlib.dates as mdates

    def bars(df: pl.DataFrame) -> Tuple[List[int], List[float], List[float]]:
        df = df.filter(pl.col("agent").is_in(agents))
        start = mdates.date2num(_instants(df["start"], time_zone)) if df.height else []
        end = mdates.date2num(_instants(df["end"], time_zone)) if df.height else []
        ys = [row[a] for a in df["agent"].to_list()]
        return ys, list(start), [e - s for s, e in zip(start, end)]

    ys, left, width = bars(shifts)
    ax.barh(ys, width, left=left, height=0.6, color="#90caf9", edgecolor="#1f4e79", lw=0.6, label="shift")
    names: List[str] = []
    for name in activities["activity"].to_list():
        if name not in names:
            names.append(name)
    for k, name in enumerate(names):
        ys, left, width = bars(activities.filter(pl.col("activity") == name))
        if ys:
            ax.barh(ys, width, left=left, height=0.6,
                    color=_ACTIVITY_COLOURS[k % len(_ACTIVITY_COLOURS)], label=name)
    ax.set_yticks(range(len(agents)))
    ax.set_yticklabels(agents)
    ax.set_ylim(len(agents) - 0.5, -0.5)
    ax.xaxis_date()
    _time_axis(ax, time_zone)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    ax.set_title(title or "Shifts with breaks and meals")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax
