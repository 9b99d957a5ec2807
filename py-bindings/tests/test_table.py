"""wfm.staff_table on polars and pandas tables: answers, columns, types and errors."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import wfm
from conftest import ROOT

RESULT_SCHEMA = {
    "agents": pl.Int64,
    "agents_fractional": pl.Float64,
    "agents_with_shrinkage": pl.Int64,
    "service_level": pl.Float64,
    "asa_seconds": pl.Float64,
    "occupancy": pl.Float64,
    "waiting_probability": pl.Float64,
}


def day() -> dict[str, list]:
    return {
        "id": ["09:00", "09:30", "10:00"],
        "volume": [100, 250, 40],
        "aht_seconds": [180.0, 240.0, 300.0],
        "interval_seconds": [1800, 1800, 1800],
        "service_level_target": [0.8, 0.8, 0.9],
        "service_level_seconds": [20, 20, 30],
        "max_occupancy": [0.85, 0.9, None],
        "shrinkage": [0.3, 0.3, 0.3],
    }


def test_polars_table() -> None:
    out = wfm.staff_table(pl.DataFrame(day()))
    assert out.columns == list(day()) + list(RESULT_SCHEMA)
    assert dict(out.schema) == {
        "id": pl.String,
        **{name: pl.Float64 for name in list(day())[1:]},
        **RESULT_SCHEMA,
    }
    assert out["agents"].to_list()[:2] == [14, 39]
    assert out["agents_with_shrinkage"].to_list()[:2] == [20, 56]
    assert out["max_occupancy"].to_list() == [0.85, 0.9, None]
    for row in out.iter_rows(named=True):
        expected = wfm.staff(
            row["volume"],
            row["aht_seconds"],
            row["interval_seconds"],
            service_level_target=row["service_level_target"],
            service_level_seconds=row["service_level_seconds"],
            max_occupancy=row["max_occupancy"],
            shrinkage=row["shrinkage"],
        )
        assert row["agents"] == expected.agents
        assert row["agents_fractional"] == expected.agents_fractional
        assert row["service_level"] == expected.service_level


def test_pandas_and_lazy_tables_give_the_same_polars_result() -> None:
    expected = wfm.staff_table(pl.DataFrame(day()))
    from_pandas = wfm.staff_table(pd.DataFrame(day()))
    assert isinstance(from_pandas, pl.DataFrame)
    assert from_pandas.equals(expected)
    assert wfm.staff_table(pl.DataFrame(day()).lazy()).equals(expected)
    # Back to pandas is one call away.
    assert list(expected.to_pandas()["agents"])[:2] == [14, 39]


def test_erlang_a_column_and_an_asa_goal() -> None:
    table = pl.DataFrame(
        {
            "volume": [250.0, 250.0],
            "aht_seconds": [240.0, 240.0],
            "interval_seconds": [1800.0, 1800.0],
            "asa_target_seconds": [15.0, 15.0],
            "patience_seconds": [None, 60.0],
            "concurrency": [1, 2],
        }
    )
    out = wfm.staff_table(table)
    assert out.columns[-1] == "abandon_probability"
    assert out["abandon_probability"][0] == 0.0 and out["abandon_probability"][1] > 0.0
    chat = wfm.staff(250, 240, asa_target_seconds=15, patience_seconds=60, concurrency=2)
    assert out["agents"][1] == chat.agents
    assert out["agents"][0] == wfm.staff(250, 240, asa_target_seconds=15).agents


def test_any_numeric_type_text_and_nulls() -> None:
    table = pl.DataFrame(
        {
            "id": [1, 2],
            "volume": pl.Series(["100", " 250 "]),
            "aht_seconds": pl.Series([180, 240], dtype=pl.UInt16),
            "interval_seconds": pl.Series([1800, 1800], dtype=pl.Int32),
            "asa_target_seconds": pl.Series([15, 15], dtype=pl.Float32),
            "shrinkage": pl.Series([None, None], dtype=pl.Float64),
        }
    )
    out = wfm.staff_table(table)
    assert out["id"].to_list() == ["1", "2"]
    assert out["volume"].to_list() == [100.0, 250.0]
    assert out["shrinkage"].null_count() == 2
    assert out["agents"].to_list() == [
        wfm.staff(100, 180, asa_target_seconds=15).agents,
        wfm.staff(250, 240, asa_target_seconds=15).agents,
    ]


def test_empty_table() -> None:
    empty = pl.DataFrame(day()).clear()
    out = wfm.staff_table(empty)
    assert out.height == 0
    assert out.columns == list(day()) + list(RESULT_SCHEMA)


def test_not_a_table() -> None:
    # a bad argument type is a wfm.InvalidInputError naming it (issue 17, item 14)
    with pytest.raises(wfm.InvalidInputError, match="df: expected a polars or pandas DataFrame"):
        wfm.staff_table({"volume": [1]})  # type: ignore[arg-type]


def read_demo(path: Path) -> pl.DataFrame:
    return pl.read_csv(path)


def test_demo_day_matches_staffing_each_row(demo_csv: Path) -> None:
    table = read_demo(demo_csv)
    out = wfm.staff_table(table)
    assert out.height == table.height
    for row in out.iter_rows(named=True):
        s = wfm.staff(
            row["volume"],
            row["aht_seconds"],
            row["interval_seconds"],
            service_level_target=row["service_level_target"],
            service_level_seconds=row["service_level_seconds"],
            max_occupancy=row["max_occupancy"],
            shrinkage=row["shrinkage"],
            concurrency=int(row["concurrency"]),
        )
        got = (row["agents"], row["agents_with_shrinkage"])
        assert got == (s.agents, s.agents_with_shrinkage), row["id"]
        assert row["agents_fractional"] == s.agents_fractional


def wfm_binary() -> Path | None:
    for candidate in [ROOT / "target" / "debug" / "wfm", shutil.which("wfm")]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def test_demo_day_matches_the_command_line(demo_csv: Path, tmp_path: Path) -> None:
    binary = wfm_binary()
    if binary is None:
        pytest.skip("the wfm binary is not built (cargo build)")
    output = tmp_path / "staffed.csv"
    subprocess.run(
        [str(binary), "staff", "--input", str(demo_csv), "--output", str(output)],
        check=True,
        capture_output=True,
    )
    cli = pl.read_csv(output)
    ours = wfm.staff_table(read_demo(demo_csv))
    assert cli.columns == ours.columns
    assert cli["agents"].to_list() == ours["agents"].to_list()
    assert cli["agents_with_shrinkage"].to_list() == ours["agents_with_shrinkage"].to_list()
    for name in list(RESULT_SCHEMA)[3:] + ["agents_fractional"]:
        for a, b in zip(cli[name].to_list(), ours[name].to_list()):
            assert a == pytest.approx(b, rel=1e-12, abs=1e-15), name


# One problem per row (line = row + 2); the column "colour" passes through.
BAD_ROWS = [
    # volume, aht_seconds (text), interval, SL target, max occupancy, shrinkage: expected
    (float("nan"), "180", 1800, 0.8, 0.85, 0.3, "volume", "must be a finite number, got NaN"),
    (-5.0, "180", 1800, 0.8, 0.85, 0.3, "volume", "must be 0 or greater, got -5"),
    (0.0, "180", 1800, 0.8, 0.85, 0.3, None, None),  # a closed interval: valid
    (100.0, "-180", 1800, 0.8, 0.85, 0.3, "aht_seconds", "must be greater than 0, got -180"),
    (100.0, "0", 1800, 0.8, 0.85, 0.3, "aht_seconds", "must be greater than 0, got 0"),
    (100.0, "180", -1800, 0.8, 0.85, 0.3, "interval_seconds", "must be greater than 0, got -1800"),
    (100.0, "180", 0, 0.8, 0.85, 0.3, "interval_seconds", "must be greater than 0, got 0"),
    (100.0, "180", 1800, 1.0, 0.85, 0.3, "service_level_target", "goal cannot be met by any"),
    (100.0, "180", 1800, 1.5, 0.85, 0.3, "service_level_target", "must be between 0 and 1, ex"),
    (100.0, "180", 1800, 0.8, 0.0, 0.3, "max_occupancy", "must be greater than 0 and at most 1,"
     " got 0"),
    (100.0, "180", 1800, 0.8, 1.2, 0.3, "max_occupancy", "must be greater than 0 and at most 1,"
     " got 1.2"),
    (100.0, "180", 1800, 0.8, 0.85, 1.0, "shrinkage", "must be at least 0 and below 1, got 1"),
    (100.0, "three minutes", 1800, 0.8, 0.85, 0.3, "aht_seconds", 'not a number: "three minutes"'),
    (100.0, "180", 1800, 0.8, 0.85, 0.3, None, None),  # a good row
]


def bad_table() -> pl.DataFrame:
    rows = list(zip(*[r[:6] for r in BAD_ROWS]))
    return pl.DataFrame(
        {
            "volume": pl.Series(rows[0], dtype=pl.Float64),
            "aht_seconds": pl.Series(rows[1], dtype=pl.String),
            "interval_seconds": pl.Series(rows[2], dtype=pl.Int64),
            "service_level_target": pl.Series(rows[3], dtype=pl.Float64),
            "service_level_seconds": [20.0] * len(BAD_ROWS),
            "max_occupancy": pl.Series(rows[4], dtype=pl.Float64),
            "shrinkage": pl.Series(rows[5], dtype=pl.Float64),
            "colour": ["red"] * len(BAD_ROWS),
        }
    )


def test_every_problem_of_a_bad_table_is_listed() -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(bad_table())
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, wfm.WfmError)
    expected = [
        ("<dataframe>", i + 2, column, reason)
        for i, (*_, column, reason) in enumerate(BAD_ROWS)
        if column is not None
    ]
    assert len(error.errors) == len(expected), str(error)
    for got, (file, line, column, reason) in zip(error.errors, expected):
        assert (got.file, got.line, got.column) == (file, line, column), str(error)
        assert got.reason.startswith(reason), str(error)
    text = str(error).splitlines()
    assert text[0] == f"{len(expected)} error(s) in the input, nothing was applied:"
    assert text[1] == "<dataframe>:2: volume: must be a finite number, got NaN"
    assert text[-1] == '<dataframe>:14: aht_seconds: not a number: "three minutes"'
    frame = error.to_frame()
    assert frame.height == len(expected)
    assert frame.filter(pl.col("line") == 14).row(0) == (
        "<dataframe>",
        14,
        12,
        "aht_seconds",
        'not a number: "three minutes"',
    )


def test_missing_and_unknown_columns() -> None:
    table = pl.DataFrame(day()).drop("aht_seconds").rename({"shrinkage": "shrinkge"})
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(table)
    located = [(p.line, p.column) for p in caught.value.errors]
    assert located == [(1, "aht_seconds")], "shrinkge is not a staffing column: passed through"
    assert caught.value.errors[0].reason == "missing column"
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(pl.DataFrame(day()).drop("service_level_seconds"))
    assert [(p.line, p.column) for p in caught.value.errors] == [(1, "service_level_seconds")]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(pl.DataFrame({"volume": [1.0]}))
    assert [p.column for p in caught.value.errors] == ["aht_seconds", "interval_seconds", ""]


def test_columns_of_other_types_are_named() -> None:
    table = pl.DataFrame(day()).with_columns(shrinkage=pl.lit(True), id=pl.lit([1, 2]))
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(table)
    assert [(p.line, p.column) for p in caught.value.errors] == [(1, "shrinkage")]
    assert "has type bool" in caught.value.errors[0].reason


def test_pandas_bad_cells_are_located_too() -> None:
    table = pd.DataFrame(day())
    table["volume"] = pd.Series([100, "lots", None], dtype=object)
    table["shrinkage"] = [0.3, float("nan"), 1.0]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(table)
    assert [(p.line, p.column, p.reason) for p in caught.value.errors] == [
        (3, "volume", "not a number: \"lots\""),
        (4, "volume", "missing value"),
        (4, "shrinkage", "must be at least 0 and below 1, got 1"),
    ]


def test_pandas_duplicate_columns() -> None:
    columns = ["volume", "volume", "aht_seconds", "interval_seconds", "asa_target_seconds"]
    table = pd.DataFrame([[100, 100, 180, 1800, 15]], columns=columns)
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff_table(table)
    problems = [(p.line, p.column, p.reason) for p in caught.value.errors]
    assert problems == [(1, "volume", "column appears twice")]


def unusual_columns() -> list[pl.Series]:
    from datetime import datetime, time, timedelta, timezone
    from decimal import Decimal

    stamps = [datetime(2024, 7, 16, h, tzinfo=timezone.utc) for h in (9, 10, 11)]
    return [
        pl.Series("id", [[1], [2], [3]]),
        pl.Series("id", [{"a": 1}, {"a": 2}, {"a": 3}]),
        pl.Series("id", stamps),
        pl.Series("id", [time(9), time(10), time(11)]),
        pl.Series("id", ["a", "b", "c"], dtype=pl.Categorical),
        pl.Series("id", [None, None, None]),
        pl.Series("id", [object(), object(), object()], dtype=pl.Object),
        pl.Series("volume", [Decimal("100.5"), Decimal(250), Decimal(40)]),
        pl.Series("volume", [100, 250, 40], dtype=pl.UInt8),
        pl.Series("volume", [100, 250, 40], dtype=pl.Int128),
        pl.Series("volume", [b"1", b"2", b"3"]),
        pl.Series("volume", [[1], [2], [3]]),
        pl.Series("volume", [{"a": 1}, {"a": 2}, {"a": 3}]),
        pl.Series("volume", stamps),
        pl.Series("volume", [timedelta(1)] * 3),
        pl.Series("volume", [True, False, True]),
        pl.Series("volume", [[1], [2], [3]], dtype=pl.Array(pl.Int64, 1)),
    ]


@pytest.mark.parametrize("column", unusual_columns(), ids=lambda c: f"{c.name}-{c.dtype}")
def test_unusual_column_types_never_panic(column: pl.Series) -> None:
    table = pl.DataFrame(day()).with_columns(column)
    try:
        out = wfm.staff_table(table)
    except wfm.InvalidInputError as e:
        assert all(p.column == column.name for p in e.errors), str(e)
        assert all(p.line in (1, 2, 3, 4) for p in e.errors), str(e)
    else:
        assert out.height == 3
        assert out["id"].dtype == pl.String
        assert not any(math.isnan(v) for v in out["agents_fractional"].to_list())


def test_numbers_of_any_width_are_read() -> None:
    table = pl.DataFrame(day()).with_columns(
        pl.Series("volume", [100, 250, 40], dtype=pl.UInt8),
        pl.Series("aht_seconds", [180, 240, 300], dtype=pl.Decimal(10, 1)),
    )
    expected = wfm.staff_table(pl.DataFrame(day()))["agents"].to_list()
    assert wfm.staff_table(table)["agents"].to_list() == expected


def test_the_extension_itself_never_panics_on_odd_input() -> None:
    # wfm.staff_table prepares column types; the extension must not panic without it,
    # whatever frame it is given.
    from wfm import _wfm

    for column in unusual_columns():
        try:
            frame = pl.DataFrame(day()).with_columns(column)
            frame.__arrow_c_stream__()
        except Exception:  # polars cannot export this type (objects) to Arrow
            continue
        try:
            pl.DataFrame(_wfm.staff_frame(frame))
        except wfm.WfmError:
            pass
    for garbage in [b"", b"not a frame", 42, None]:
        with pytest.raises(wfm.WfmError, match="DataFrame"):
            _wfm.staff_frame(garbage)


def test_a_workload_too_large_for_the_math_is_an_error_not_a_panic() -> None:
    table = pl.DataFrame(day()).with_columns(volume=pl.Series([100.0, 1e300, 40.0]))
    with pytest.raises(wfm.WfmError):
        wfm.staff_table(table)
