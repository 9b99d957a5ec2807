"""Adherence charts (matplotlib): a timeline per agent — scheduled activities above,
actual states below, exceptions shaded — and adherence % per agent.

>>> import wfm, wfm.plot_adherence
>>> ws = wfm.adherence.sample_workspace()
>>> ax = wfm.plot_adherence.timeline(ws, "2024-08-05", agents=3)
>>> ax.get_title()
'Adherence on 2024-08-05: scheduled (upper) and actual (lower)'
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence, Union

import polars as pl

from wfm import adherence as _adh
from wfm.workspace import Workspace

__all__ = ["timeline", "percent"]

_COLORS = {
    "productive": "#4C9F70",
    "non-productive": "#E0A526",
    "available": "#4C9F70",
    "non_productive": "#E0A526",
    "offline": "#B0B0B0",
}


def timeline(
    ws: Workspace,
    day: Union[str, _dt.date],
    agents: Union[int, Sequence[str]] = 10,
    ax: Optional[Any] = None,
) -> Any:
    """A timeline per agent of ``day``: the scheduled activities (upper bar: green
    productive, amber non-productive), the actual states below (green Available, amber
    other states; no bar: Offline), exceptions shaded red. ``agents``: how many (the least
    adherent first) or which. Returns the matplotlib axes.

    >>> import wfm, wfm.plot_adherence
    >>> ax = wfm.plot_adherence.timeline(wfm.adherence.sample_workspace(), "2024-08-05", agents=2)
    >>> len(ax.get_yticklabels())
    2
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    bars = _adh.timeline(ws, day)
    exc = _adh.exceptions(ws, day)
    if isinstance(agents, int):
        rep = _adh.report(ws, day).sort("AGENT_SCHEDULE_ADHERENCE", nulls_last=True)
        names = [a for a in rep["agent"].to_list() if a in set(bars["agent"].to_list())][:agents]
    else:
        names = list(agents)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 0.7 * max(len(names), 1) + 1.2))
    for i, agent in enumerate(names):
        y = len(names) - 1 - i
        for lane, y0 in (("scheduled", y + 0.05), ("actual", y - 0.35)):
            rows = bars.filter((pl.col("agent") == agent) & (pl.col("lane") == lane))
            for r in rows.iter_rows(named=True):
                start, end = mdates.date2num(r["start"]), mdates.date2num(r["end"])
                ax.broken_barh([(start, end - start)], (y0, 0.3), color=_COLORS.get(r["kind"], "#888"))
        for r in exc.filter(pl.col("agent") == agent).iter_rows(named=True):
            start, end = mdates.date2num(r["from"]), mdates.date2num(r["to"])
            ax.broken_barh([(start, end - start)], (y - 0.4, 0.8), color="#D62728", alpha=0.25)
    ax.set_yticks([len(names) - 1 - i for i in range(len(names))])
    ax.set_yticklabels(names)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
    ax.set_xlabel("UTC")
    ax.set_title(f"Adherence on {day}: scheduled (upper) and actual (lower)")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=_COLORS["productive"], label="productive / Available"),
            Patch(color=_COLORS["non-productive"], label="non-productive / other state"),
            Patch(color="#D62728", alpha=0.25, label="exception"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=3,
        frameon=False,
    )
    ax.get_figure().tight_layout()  # type: ignore[union-attr]
    return ax


def percent(df: pl.DataFrame, ax: Optional[Any] = None, target: float = 90.0) -> Any:
    """Adherence % per agent as horizontal bars (a :func:`wfm.adherence.report` frame,
    one row per agent), lowest first, with the ``target`` line. Returns the axes.

    >>> import wfm, wfm.plot_adherence
    >>> df = wfm.adherence.report(wfm.adherence.sample_workspace(), "2024-08-05")
    >>> ax = wfm.plot_adherence.percent(df)
    >>> float(ax.get_xlim()[1])
    100.0
    """
    import matplotlib.pyplot as plt

    d = df.drop_nulls("AGENT_SCHEDULE_ADHERENCE").sort("AGENT_SCHEDULE_ADHERENCE", descending=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.3 * max(d.height, 1) + 1.2))
    values = d["AGENT_SCHEDULE_ADHERENCE"].to_list()
    colors = ["#4C9F70" if v >= target else "#D62728" for v in values]
    ax.barh(d["agent"].to_list(), values, color=colors)
    ax.axvline(target, color="#333", linestyle="--", linewidth=1)
    ax.set_xlim(0, 100.0)
    ax.set_xlabel("AGENT_SCHEDULE_ADHERENCE (%)")
    ax.set_title("Adherence per agent")
    return ax
