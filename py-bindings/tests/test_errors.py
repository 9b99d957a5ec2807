"""The exception classes: hierarchy, contents, printing, pickling."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

import wfm


def test_hierarchy() -> None:
    assert issubclass(wfm.WfmError, Exception)
    assert issubclass(wfm.InvalidInputError, wfm.WfmError)
    assert issubclass(wfm.InvalidInputError, ValueError)


def test_contents_printing_and_frame() -> None:
    e = wfm.InvalidInputError(
        [("<dataframe>", 1, "colour", "unknown column"), ("<dataframe>", 3, "", "a row problem")]
    )
    assert e.errors[0] == ("<dataframe>", 1, "colour", "unknown column")
    assert e.errors[0].column == "colour"
    assert str(e).splitlines() == [
        "2 error(s) in the input, nothing was applied:",
        "<dataframe>:1: colour: unknown column",
        "<dataframe>:3: a row problem",
    ]
    frame = e.to_frame()
    assert frame.columns == ["file", "line", "column", "reason"]
    assert frame.schema == pl.Schema(
        {"file": pl.String, "line": pl.Int64, "column": pl.String, "reason": pl.String}
    )
    assert frame["line"].to_list() == [1, 3]
    assert wfm.InvalidInputError([]).to_frame().shape == (0, 4)


def test_pickles() -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(-1, 180, asa_seconds=15)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copy, wfm.InvalidInputError)
    assert copy.errors == caught.value.errors
    assert str(copy) == str(caught.value)
