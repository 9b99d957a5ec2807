"""Charts a planner looks at, drawn with matplotlib (imported only when a chart is made).

>>> import wfm.plot  # doctest: +SKIP
>>> ax = wfm.plot.capacity(plan.weekly)  # doctest: +SKIP
>>> ax = wfm.plot.forecast(wfm.forecast("data/sample/daily.csv", "long", 13))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Optional

import polars as pl

__all__ = ["capacity", "forecast", "intraday_profile"]


def capacity(periods: pl.DataFrame, ax: Optional[Any] = None, title: Optional[str] = None) -> Any:
    """Required FTE (with shrinkage where known) against available FTE per period, with
    the gap as bars (green: surplus, red: shortfall). ``periods`` is a plan's ``weekly``
    or ``monthly`` frame; returns the matplotlib Axes.
    """
    import matplotlib

    if ax is None:
        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 4.5))
    x = list(range(periods.height))
    labels = periods["period_start"].to_list()
    required = periods["required_fte_with_shrinkage"].fill_null(periods["required_fte"]).to_list()
    ax.plot(x, periods["required_fte"].to_list(), color="#999999", lw=1, label="required FTE")
    ax.plot(x, required, color="#1f4e79", lw=2, label="required FTE with shrinkage")
    if periods["available_fte"].null_count() < periods.height:
        available = periods["available_fte"].to_list()
        ax.plot(x, available, color="#2e7d32", lw=2, label="available FTE")
        gap = periods["gap"].to_list()
        colors = ["#c62828" if (g or 0) < 0 else "#66bb6a" for g in gap]
        ax2 = ax.twinx()
        ax2.bar(x, [g or 0 for g in gap], color=colors, alpha=0.35, label="gap")
        ax2.axhline(0, color="#555555", lw=0.5)
        ax2.set_ylabel("gap (FTE)")
        ax.set_zorder(ax2.get_zorder() + 1)  # lines over the bars
        ax.patch.set_visible(False)
    step = max(1, len(x) // 12)
    ax.set_xticks(x[::step])
    ax.set_xticklabels(labels[::step], rotation=45, ha="right")
    ax.set_ylabel("FTE")
    ax.set_title(title or "Capacity plan: required vs available FTE")
    ax.legend(loc="upper left")
    ax.figure.tight_layout()
    return ax


def _axes(ax: Optional[Any]) -> Any:
    """``ax``, or new Axes on the non-interactive ``Agg`` backend."""
    import matplotlib

    if ax is None:
        matplotlib.use("Agg", force=False)
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
    ``IncomingContactVolume``, e.g. §2.1 history). Returns the matplotlib Axes.
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
    (UTC), from interval rows (a short-term forecast of :func:`wfm.forecast` or §2.1
    history). Returns the matplotlib Axes.
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
