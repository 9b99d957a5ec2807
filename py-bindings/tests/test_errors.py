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


# -- issue 17, item 14: argument types --------------------------------------------------


@pytest.fixture()
def ws(tmp_path):  # type: ignore[no-untyped-def]
    return wfm.Workspace.create(tmp_path / "w.wfm", interval=30)


def test_create_group_with_a_string_is_one_queue(ws) -> None:  # type: ignore[no-untyped-def]
    assert ws.create_group("G", "1002") == ["1002"]
    assert ws.groups() == {"G": ["1002"]}
    ws.edit_group("G", add="1003")
    assert sorted(ws.groups()["G"]) == ["1002", "1003"]


@pytest.mark.parametrize(
    "call",
    [
        lambda ws: ws.remove_source(-1),  # a negative int for a Rust u64
        lambda ws: ws.remove_source(2**70),  # too big for it
        lambda ws: ws.remove_source("3"),  # a string for a number
        lambda ws: ws.remove_source(None),
        lambda ws: ws.remove_source(1.5),
        lambda ws: ws.create_group(None, ["1"]),
        lambda ws: ws.create_group("G", [1, 2]),
        lambda ws: ws.create_group("G", 1002),
        lambda ws: ws.set_queue_active("1001", "yes"),
        lambda ws: ws.import_history(42),
        lambda ws: ws.schedules.create(time_limit="10"),
        lambda ws: ws.schedules.create(time_limit=-1),
        lambda ws: ws.schedules.create(gap=1),
        lambda ws: ws.schedules.create(gap=float("nan")),
        lambda ws: ws.schedules.create(time_limit=float("inf")),
        lambda ws: ws.remove_source(),  # a missing argument
        lambda ws: ws.remove_source(1, 2),  # one too many
    ],
)
def test_bad_argument_types_raise_invalid_input_error(ws, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wfm.InvalidInputError) as caught:
        call(ws)
    assert not isinstance(caught.value, (OverflowError, TypeError, AttributeError))
    assert caught.value.errors


def test_bad_argument_types_name_the_argument(ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wfm.InvalidInputError) as caught:
        ws.create_group(None, [1])
    assert [e.column for e in caught.value.errors] == ["name", "queues"]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.Workspace.create("x.wfm", interval="30")
    assert caught.value.errors[0].column == "interval"


def test_bad_arguments_of_module_functions_raise_invalid_input_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wfm.InvalidInputError):
        wfm.erlang_b(10.0, -1)
    with pytest.raises(wfm.InvalidInputError):
        wfm.staff()  # missing arguments
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.generate_schedule("s.toml", "f.csv", time_limit=-1)
    assert caught.value.errors[0].column == "time_limit"
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.generate_schedule("s.toml", "f.csv", gap=1)
    assert caught.value.errors[0].column == "gap"
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.generate_schedule(42, "f.csv")
    assert caught.value.errors[0].column == "scenario"


def test_error_total_counts_the_problems_not_shown() -> None:
    e = wfm.InvalidInputError([("f.csv", 2, "volume", "bad")], 999_999)
    assert e.total == 1_000_000
    lines = str(e).splitlines()
    assert lines[0] == "1000000 error(s) in the input, nothing was applied:"
    assert lines[-1] == "… and 999999 more error(s) not shown"
    copy = pickle.loads(pickle.dumps(e))
    assert copy.not_shown == 999_999 and str(copy) == str(e)


def test_schedule_request_the_forecast_does_not_cover_is_refused() -> None:
    # issue 17, item 11: a 2024 forecast for the example's 2026 request
    from datetime import datetime, timedelta

    t0 = datetime(2024, 3, 4)
    stamps = [t0 + timedelta(minutes=15 * q) for q in range(7 * 96)]
    fc = pl.DataFrame(
        {
            "QueueName": "Support",
            "QueueId": "q1",
            "ChannelType": "VOICE",
            "TimeStamp": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in stamps],
            "IntervalDuration": "15mins",
            "IncomingContactVolume": 3.0,
            "AverageHandleTime": 300.0,
        }
    )
    with pytest.raises(wfm.WfmError) as caught:
        wfm.generate_schedule("data/scenarios/schedule_example.toml", fc)
    message = str(caught.value)
    assert "2024-03-04 00:00 to 2024-03-11 00:00" in message
    assert "2026-03-02 to 2026-03-08" in message


def test_negative_or_huge_ints_name_the_argument(ws) -> None:  # type: ignore[no-untyped-def]
    for bad in (-1, 2**70):
        with pytest.raises(wfm.InvalidInputError) as caught:
            ws.remove_source(bad)
        assert caught.value.errors[0].column == "source_id"


def test_history_outlier_of_1e12_is_a_warning_with_its_line(ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # issue 17, item 12: imported, named with file and line, returned to Python
    header = (
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,"
        "IncomingContactVolume,AverageHandleTime,ContactsHandled"
    )
    rows = [
        "Sales,1001,VOICE,2024-07-01T08:00:00Z,30mins,40,300.0,40",
        "Sales,1001,VOICE,2024-07-01T08:30:00Z,30mins,1000000000000,300.0,40",
    ]
    path = tmp_path / "h.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    with pytest.warns(UserWarning, match="implausible"):
        result = ws.import_history(path)
    assert result.rows == 2
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{path}:3: IncomingContactVolume: 1000000000000")
