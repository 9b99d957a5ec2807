"""Forecasts: contact volume and AHT per interval (short-term, up to 18 weeks)
or per day (long-term, up to 78 weeks), with P10/P50/P90 volume bands.

:func:`forecast` takes history — CSV files, or a polars / pandas DataFrame with the
history columns — and returns a polars DataFrame with the columns of the forecast CSV
that ``wfm forecast`` writes and ``wfm plan`` / :func:`wfm.capacity_plan` read.
"""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from typing import TYPE_CHECKING, Mapping, Optional, Sequence, Union

import polars as pl

from wfm import _wfm
from wfm._args import checked, when
from wfm._frames import given, instants, table
from wfm._names import argument_errors

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["forecast"]

PathLike = Union[str, "os.PathLike[str]"]
History = Union[PathLike, Sequence[PathLike], pl.DataFrame, pl.LazyFrame, "pd.DataFrame"]


def _history(history: History) -> list:
    """What the extension takes for ``history``: paths and frames (crossing as Arrow)."""
    if isinstance(history, (list, tuple)):
        return [given(h) for h in history]
    return [given(history)]


@argument_errors(**{"kind": "kind", "time zone": "time_zones"})
@checked
def forecast(
    history: History,
    kind: str,
    weeks: int,
    start: Union[str, _dt.date, None] = None,
    quantiles: Sequence[float] = (0.1, 0.5, 0.9),
    holidays: Optional[PathLike] = None,
    time_zones: Optional[Mapping[str, str]] = None,
    public_holidays: Union[str, Mapping[str, str], None] = None,
) -> pl.DataFrame:
    """The ``kind`` (``"short"`` or ``"long"``) forecast of ``weeks`` weeks for every
    queue × channel of ``history``, from ``start`` (``YYYY-MM-DDTHH:MM:SSZ``, a
    ``datetime`` — naive ones are UTC — or a ``date``; default: the step after the
    newest history).

    ``history`` is a history CSV path, a list of them (a later file wins record by
    record), or a DataFrame (polars, pandas, LazyFrame) with the history CSV columns; a
    frame crosses as Arrow (no file is written), a zoned ``TimeStamp`` is converted to
    UTC exactly and a naive one is read as UTC. The forecast's ``TimeStamp`` is
    ``Datetime("us", "UTC")``. Short-term uses the 15/30-minute
    rows, long-term the ``daily`` rows (daily totals of the intervals where a queue has
    no daily rows). ``quantiles`` picks the ``P10``/``P50``/``P90`` columns;
    ``holidays`` is a CSV ``date,name,scope`` (scope a queue id or ``*``);
    ``time_zones`` maps queue ids to IANA zones (default UTC: intraday patterns are kept
    in local time); ``public_holidays`` adds the built-in public holidays of a country
    (``"US"``, ``"GB"``, ``"DE"``, ``"FR"``, ``"ES"``, ``"CA"``, ``"AU"``, ``"NL"``) for
    every queue, or maps queue ids to countries (a ``holidays`` row wins on the same
    date). The history before ``start`` must pass the data-sufficiency rules
    (at least 6 months; docs/rules/data-sufficiency.md).

    What a planner should know (daily totals derived from intervals, a series without
    history of the kind, fewer than 12 months) is issued as a ``UserWarning``.

    Raises :class:`wfm.InvalidInputError` listing every problem of the history files,
    :class:`wfm.WfmError` for bad arguments or too little history.

    >>> import wfm
    >>> df = wfm.forecast("data/sample/daily.csv", "long", weeks=2, start="2024-08-01T00:00:00Z")
    >>> df.height, df.columns[-3:]
    (84, ['P10', 'P50', 'P90'])
    >>> bool((df["P10"] <= df["P90"]).all())
    True
    """
    zones = [f"{q}={z}" for q, z in (time_zones or {}).items()]
    if isinstance(public_holidays, str):
        countries = [public_holidays]
    else:
        countries = [f"{q}={c}" for q, c in (public_holidays or {}).items()]
    result, _backtest, notes = _wfm.forecast_files(
        _history(history),
        kind,
        weeks,
        when(start),
        [float(q) for q in quantiles],
        None if holidays is None else os.fspath(holidays),
        zones,
        False,
        countries,
    )
    for note in notes:  # derived daily totals, skipped series, under 12 months of history
        warnings.warn(note, UserWarning, stacklevel=2)
    return instants(table(result), ["TimeStamp"])

