"""How frames cross between Python and the Rust extension: Arrow C streams (the
PyCapsule protocol, ``__arrow_c_stream__``), never a file or Parquet bytes.

- :func:`table` reads a table the extension returns (``wfm._wfm.ArrowTable``) as a
  polars DataFrame; every instant is ``Datetime("us", "UTC")``.
- :func:`given` prepares what a user passes where a file goes: a path stays a path; a
  polars ``DataFrame`` is passed as is, a ``LazyFrame`` collected, a pandas DataFrame
  converted by polars (its index left out), any other object with
  ``__arrow_c_stream__`` (pyarrow) passed as is. The extension converts zoned instants
  to UTC exactly (the instants, not the wall times); naive ones are read as UTC.

>>> import polars as pl
>>> from wfm import _wfm
>>> table(_wfm.arrow_roundtrip(given(pl.LazyFrame({"a": [1]})))).to_dicts()
[{'a': 1}]
"""

from __future__ import annotations

import os
from typing import Any, Iterable

import polars as pl

__all__ = ["given", "instants", "days", "table"]

_UTC_TEXT = "%Y-%m-%dT%H:%M:%SZ"


def table(t: Any) -> pl.DataFrame:
    """The polars DataFrame of a table the extension returned.

    >>> from wfm import _wfm
    >>> table(_wfm.arrow_roundtrip(pl.DataFrame({"x": [1.5]})))["x"].to_list()
    [1.5]
    """
    return pl.DataFrame(t)


def instants(df: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """``df`` with the text instants (``YYYY-MM-DDTHH:MM:SSZ``) of ``columns`` as
    ``Datetime("us", "UTC")``, the one timestamp type of every frame wfm returns.

    >>> instants(pl.DataFrame({"t": ["2024-07-01T13:00:00Z"]}), ["t"]).schema["t"]
    Datetime(time_unit='us', time_zone='UTC')
    """
    return df.with_columns(
        pl.col(c).str.to_datetime(_UTC_TEXT, time_unit="us", time_zone="UTC")
        for c in columns
        if df.schema.get(c) == pl.String
    )


def days(df: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """``df`` with the text days (``YYYY-MM-DD``) of ``columns`` as ``pl.Date``.

    >>> days(pl.DataFrame({"period_start": ["2024-08-05"]}), ["period_start"]).schema["period_start"]
    Date
    """
    return df.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d") for c in columns if df.schema.get(c) == pl.String
    )


def given(value: Any) -> Any:
    """What the extension takes for ``value``: a path (``str``, ``os.PathLike``) as a
    string, a frame as an object with ``__arrow_c_stream__`` (see the module docs);
    anything else unchanged (the extension names the argument).

    >>> given(pl.LazyFrame({"a": [1]})).shape
    (1, 1)
    """
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    if isinstance(value, pl.DataFrame):
        return value
    if isinstance(value, pl.LazyFrame):
        return value.collect()
    if type(value).__module__.startswith("pandas"):
        return pl.from_pandas(value)
    return value
