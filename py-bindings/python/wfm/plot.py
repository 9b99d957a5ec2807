"""Charts a planner looks at, drawn with matplotlib (imported only when a chart is made).

>>> import wfm.plot  # doctest: +SKIP
>>> ax = wfm.plot.capacity(plan.weekly)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Optional

import polars as pl

__all__ = ["capacity"]


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
