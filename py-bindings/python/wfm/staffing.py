"""Staffing tables: one row per interval in, the requirement of every row out.

The table has the columns of the ``wfm staff --input`` CSV, in any order:

============================  =========================================================
``volume``                    contacts offered in the interval (> 0)
``aht_seconds``               average handle time in seconds (> 0)
``interval_seconds``          interval length in seconds (> 0)
``service_level_target``      service-level goal: share answered in time, in (0, 1),
``service_level_seconds``     ... within this many seconds
``asa_target_seconds``        or an average-speed-of-answer goal in seconds
``max_occupancy``             optional, in (0, 1], default 1
``shrinkage``                 optional, in [0, 1), default 0
``patience_seconds``          optional mean patience: Erlang A for the row
``concurrency``               optional contacts an agent works at once, default 1
``id``                        optional label carried to the output
============================  =========================================================

A closed interval (volume 0) needs 0 agents. Any other column (``queue``,
``interval_start``, …) is passed through to the result unchanged. Numeric columns may be
of any integer or float type, or text holding numbers; nulls are empty cells. Every
problem is reported at once as a :class:`wfm.InvalidInputError` (its message shows the
first 20, :meth:`~wfm.InvalidInputError.to_frame` all of them), row ``i`` (0-based)
located as line ``i + 2`` of ``<dataframe>``, the line it would have in the CSV file.

:func:`wfm.staff`, :func:`wfm.queue_metrics` and :func:`wfm.erlang_b` take numpy arrays
too, broadcast as numpy does, and then answer with :class:`StaffingArrays`,
:class:`QueueMetricsArrays` or an array.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any, Dict, Union

import numpy as np

import polars as pl

from wfm import _wfm
from wfm._args import checked
from wfm._errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    Table = Union[pl.DataFrame, pl.LazyFrame, pd.DataFrame]

__all__ = ["QueueMetricsArrays", "StaffingArrays", "staff_table"]

#: The file name of a table passed in memory, as errors report it.
DATAFRAME_SOURCE = "<dataframe>"

#: The columns :func:`staff_table` reads; the others pass through.
COLUMNS = (
    "id",
    "volume",
    "aht_seconds",
    "interval_seconds",
    "service_level_target",
    "service_level_seconds",
    "asa_target_seconds",
    "max_occupancy",
    "shrinkage",
    "patience_seconds",
    "concurrency",
)


class _Arrays:
    """The fields of a result over arrays: ``to_dict``, a short ``repr``."""

    def to_dict(self) -> Dict[str, np.ndarray]:
        """The fields as a dict of arrays, in declaration order (``pl.DataFrame(d)``
        makes a table of a one-dimensional result)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @property
    def shape(self) -> tuple:
        """The broadcast shape of the arguments, the shape of every field."""
        return tuple(getattr(self, dataclasses.fields(self)[0].name).shape)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        agents = getattr(self, "agents")
        total = int(agents.sum()) if agents.size else 0
        return f"{type(self).__name__}(shape={self.shape}, agents total={total})"


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class StaffingArrays(_Arrays):
    """:func:`wfm.staff` over arrays: each field of :class:`wfm.Staffing` as a numpy array
    of the arguments' broadcast shape (counts ``int64``, ``occupancy_capped`` ``bool``,
    the others ``float64``).

    >>> import numpy as np, wfm
    >>> s = wfm.staff(np.array([0, 100, 250]), 180, service_level_target=0.8,
    ...               service_level_seconds=20)
    >>> s.agents
    array([ 0, 14, 30])
    >>> s.agents.dtype, s.shape
    (dtype('int64'), (3,))
    >>> int(s.agents[1]) == wfm.staff(100, 180, service_level_target=0.8, service_level_seconds=20).agents
    True
    """

    agents: np.ndarray
    agents_fractional: np.ndarray
    agents_with_shrinkage: np.ndarray
    agents_with_shrinkage_fractional: np.ndarray
    goal_agents: np.ndarray
    occupancy_capped: np.ndarray
    traffic: np.ndarray
    service_level: np.ndarray
    asa_seconds: np.ndarray
    occupancy: np.ndarray
    waiting_probability: np.ndarray
    queue_length: np.ndarray
    abandon_probability: np.ndarray


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class QueueMetricsArrays(_Arrays):
    """:func:`wfm.queue_metrics` over arrays: each field of :class:`wfm.QueueMetrics` as a
    numpy array of the arguments' broadcast shape.

    >>> import numpy as np, wfm
    >>> m = wfm.queue_metrics(100, 180, 1800, agents=np.arange(11, 14), service_level_seconds=20)
    >>> m.service_level.round(3)
    array([0.39 , 0.64 , 0.796])
    """

    agents: np.ndarray
    servers: np.ndarray
    traffic: np.ndarray
    waiting_probability: np.ndarray
    service_level: np.ndarray
    asa_seconds: np.ndarray
    occupancy: np.ndarray
    queue_length: np.ndarray
    abandon_probability: np.ndarray


@checked
def staff_table(df: Table) -> pl.DataFrame:
    """Staff every row of a table; return the input columns followed by the results.

    ``df`` is a polars DataFrame or LazyFrame, or a pandas DataFrame (converted with
    :func:`polars.from_pandas`). The result is a polars DataFrame (call ``.to_pandas()``
    for pandas) with the input columns — ``id`` as text, the others as ``Float64`` —
    then ``agents`` (``Int64``), ``agents_fractional``, ``agents_with_shrinkage``
    (``Int64``), ``service_level``, ``asa_seconds``, ``occupancy``,
    ``waiting_probability``, and ``abandon_probability`` when the table has a
    ``patience_seconds`` column, exactly as ``wfm staff --input`` writes them. Rows are
    solved in parallel. A row of volume 0 (a closed interval) needs 0 agents; any other
    column (``queue``, ``interval_start``, …) is passed through unchanged, in its place.

    Raises :class:`wfm.InvalidInputError` listing every problem (missing columns, cells
    that are not numbers or are out of range) before anything is solved: its message
    shows the first 20, ``.to_frame()`` all of them.

    >>> import polars as pl
    >>> import wfm
    >>> day = pl.DataFrame({
    ...     "id": ["09:00", "09:30"],
    ...     "volume": [100, 250],
    ...     "aht_seconds": [180.0, 240.0],
    ...     "interval_seconds": [1800, 1800],
    ...     "service_level_target": [0.8, 0.8],
    ...     "service_level_seconds": [20, 20],
    ...     "max_occupancy": [0.85, 0.9],
    ...     "shrinkage": [0.3, 0.3],
    ... })
    >>> out = wfm.staff_table(day)
    >>> out.select("id", "agents", "agents_with_shrinkage").rows()
    [('09:00', 14, 20), ('09:30', 39, 56)]

    A forecast is staffed as it is, its keys kept and its closed intervals staffed 0:

    >>> forecast = day.with_columns(queue=pl.lit("sales"), volume=pl.Series([0, 250]))
    >>> wfm.staff_table(forecast).select("queue", "volume", "agents").rows()
    [('sales', 0.0, 0), ('sales', 250.0, 39)]

    Every problem is listed, located as in the CSV file (row ``i`` is line ``i + 2``):

    >>> bad = day.with_columns(volume=pl.Series(["100", "many"]), shrinkage=pl.Series([1.0, 0.3]))
    >>> try:
    ...     wfm.staff_table(bad)
    ... except wfm.InvalidInputError as e:
    ...     for problem in e.errors:
    ...         print(problem)
    <dataframe>:2: shrinkage: must be at least 0 and below 1, got 1
    <dataframe>:3: volume: not a number: "many"
    """
    df = _to_polars(df)
    known = [name for name in df.columns if name.strip() in COLUMNS]
    out = pl.DataFrame(_wfm.staff_frame(_prepare(df.select(known))))  # Arrow both ways
    return _with_other_columns(df, known, out)


def _with_other_columns(df: pl.DataFrame, known: list, out: pl.DataFrame) -> pl.DataFrame:
    """``out`` (the staffed ``known`` columns, then the results) with the other columns
    of ``df`` back in their places: no copy, the caller's columns as they were."""
    if len(known) == df.width:
        return out
    staffed = dict(zip(known, out.columns))
    columns = [out.get_column(staffed[name]) if name in staffed else df.get_column(name)
               for name in df.columns]
    results = out.columns[len(known):]
    return pl.DataFrame(columns + [out.get_column(name) for name in results])


def _prepare(df: pl.DataFrame) -> pl.DataFrame:
    """The table with the column types the Rust reader takes, nothing else changed.

    Numbers of any type (unsigned, 128-bit, decimal) become ``Float64``; text, nulls and
    booleans stay as they are (the reader reports a boolean column by name); the ``id``
    column becomes text; a column of any other type becomes the text of each cell, as it
    would appear in a CSV file, so a bad cell is reported by line and column.
    """
    columns = []
    for name, dtype in df.schema.items():
        column = df.get_column(name)
        if name.strip() == "id":
            column = column if dtype in (pl.String, pl.Null) else _as_text(column)
        elif dtype.is_numeric():
            column = column.cast(pl.Float64)
        elif dtype not in (pl.String, pl.Null, pl.Boolean):
            column = _as_text(column)
        columns.append(column)
    return pl.DataFrame(columns)


def _as_text(column: pl.Series) -> pl.Series:
    """Each cell as text (nulls stay null)."""
    try:
        return column.cast(pl.String)
    except Exception:  # structs, lists, objects: no cast to text in polars
        cells = [None if v is None else str(v) for v in column.to_list()]
        return pl.Series(column.name, cells, dtype=pl.String)


def _to_polars(df: Any) -> pl.DataFrame:
    """A polars DataFrame with the content of ``df`` (polars or pandas)."""
    if isinstance(df, pl.DataFrame):
        return df
    if isinstance(df, pl.LazyFrame):
        return df.collect()
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(df, pandas.DataFrame):
        return _from_pandas(df)
    raise InvalidInputError(
        [
            (
                "<arguments>",
                0,
                "df",
                "expected a polars or pandas DataFrame, got "
                f"{type(df).__module__}.{type(df).__name__}",
            )
        ]
    )


def _from_pandas(df: pd.DataFrame) -> pl.DataFrame:
    """Converts a pandas table without losing any cell the Rust reader should judge.

    Column names become text. Object columns (mixed numbers and text, for instance)
    become text cell by cell, missing cells (None, NaN, NA) nulls, so that a bad cell
    is reported by line and column instead of failing the whole conversion.
    """
    import pandas as pd

    names = [str(c) for c in df.columns]
    twice = [n for i, n in enumerate(names) if n in names[:i]]
    if twice:  # polars has no duplicate names: report them as the CSV reader would
        raise InvalidInputError(
            (DATAFRAME_SOURCE, 1, name, "column appears twice") for name in dict.fromkeys(twice)
        )
    columns = {}
    for name, (_, column) in zip(names, df.items()):
        column = column.reset_index(drop=True)
        if column.dtype == object:
            column = column.map(lambda v: None if _is_missing(v, pd) else str(v)).astype(object)
        columns[name] = column
    return pl.from_pandas(pd.DataFrame(columns))


def _is_missing(value: Any, pd: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell: not a missing value
        return False
