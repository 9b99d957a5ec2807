"""How result objects show in a console and in Jupyter: a repr of a few rounded lines
and an HTML summary table, never the whole tables (those are one attribute away).

>>> print(summary_html("Plan", [("weeks", 12), ("share", 0.12345)]))
<table><caption>Plan</caption><tr><th style="text-align:left">weeks</th><td>12</td></tr><tr><th style="text-align:left">share</th><td>0.123</td></tr></table>
>>> shown(0.12345), shown(14), shown(None), shown(float("inf"))
('0.123', '14', '—', 'inf')
"""

from __future__ import annotations

import html
import math
from typing import Any, Iterable, Tuple

import polars as pl

__all__ = ["frame_shape", "same", "shown", "summary_html"]


def shown(value: Any) -> str:
    """A value as text: floats to three decimals without trailing zeros, ``None`` as a
    dash, frames as their shape, everything else as ``str``.

    >>> shown(88.0), shown(-0.0001), shown(pl.DataFrame({"a": [1, 2]}))
    ('88', '0', '2 rows × 1 column')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    if isinstance(value, pl.DataFrame):
        return frame_shape(value)
    return str(value)


def frame_shape(df: pl.DataFrame) -> str:
    """``"12 rows × 3 columns"``.

    >>> frame_shape(pl.DataFrame({"a": [1]}))
    '1 row × 1 column'
    """
    rows = "row" if df.height == 1 else "rows"
    columns = "column" if df.width == 1 else "columns"
    return f"{df.height:,} {rows} × {df.width} {columns}"


def summary_html(title: str, rows: Iterable[Tuple[str, Any]]) -> str:
    """An HTML table of ``(label, value)`` rows, values :func:`shown`, all text escaped.

    >>> summary_html("A<b>", [("x", "<y>")]).count("&lt;")
    2
    """
    cells = "".join(
        f'<tr><th style="text-align:left">{html.escape(label)}</th>'
        f"<td>{html.escape(shown(value))}</td></tr>"
        for label, value in rows
    )
    return f"<table><caption>{html.escape(title)}</caption>{cells}</table>"


def same(a: Any, b: Any) -> bool:
    """Whether two field values are equal, polars DataFrames by content (``==`` on frames
    compares cell by cell).

    >>> same(pl.DataFrame({"a": [1]}), pl.DataFrame({"a": [1]})), same(1, 2)
    (True, False)
    """
    if isinstance(a, pl.DataFrame) or isinstance(b, pl.DataFrame):
        return (
            isinstance(a, pl.DataFrame) and isinstance(b, pl.DataFrame) and a.equals(b)
        )
    return bool(a == b)
