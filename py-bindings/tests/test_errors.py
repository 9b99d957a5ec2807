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
    assert frame.columns == ["file", "line", "row", "column", "reason"]
    assert frame.schema == pl.Schema(
        {
            "file": pl.String,
            "line": pl.Int64,
            "row": pl.Int64,
            "column": pl.String,
            "reason": pl.String,
        }
    )
    assert frame["line"].to_list() == [1, 3]
    assert frame["row"].to_list() == [None, 1], "the header is no row"
    assert wfm.InvalidInputError([]).to_frame().shape == (0, 5)


def test_pickles() -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(-1, 180, asa_target_seconds=15)
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


@pytest.mark.parametrize(
    ("argument", "value"),
    [("gap", -1.0), ("gap", float("nan")), ("time_limit", 0.0)],
)
def test_generate_schedule_with_gap_of_minus_one_or_nan_or_time_limit_of_zero_is_refused_naming_it(
    ws, argument, value
) -> None:  # type: ignore[no-untyped-def]
    # issue 18 item 6: both entry points refuse each bad limit, naming the argument
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.generate_schedule("s.toml", "f.csv", **{argument: value})
    assert caught.value.errors[0].column == argument
    with pytest.raises(wfm.InvalidInputError) as caught:
        ws.schedules.create(**{argument: value})
    assert caught.value.errors[0].column == argument


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


# -- issue 18, item 4: one exception class per refusal ----------------------------------


REFUSALS = [
    (wfm.NotFoundError, LookupError),
    (wfm.ConflictError, None),
    (wfm.InUseError, None),
    (wfm.AlreadyPublishedError, None),
    (wfm.PreconditionError, None),
    (wfm.ConcurrentChangeError, None),
    (wfm.OutOfRangeError, ValueError),
    (wfm.InvalidArgumentError, ValueError),
]


@pytest.mark.parametrize(("cls", "also"), REFUSALS)
def test_every_refusal_is_a_wfm_error_and_exported(cls, also) -> None:  # type: ignore[no-untyped-def]
    assert issubclass(cls, wfm.WfmError)
    assert cls.__name__ in wfm.__all__
    assert not issubclass(cls, wfm.InvalidInputError)
    if also is not None:
        assert issubclass(cls, also)


def test_a_refusal_pickles_with_its_parts() -> None:
    e = wfm.AlreadyPublishedError(
        'plan 4 "Q3" of "Sales" is published already',
        kind="plan",
        name="Q3",
        scope="Sales",
        id=4,
        refused="publish",
    )
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is wfm.AlreadyPublishedError
    assert str(copy) == str(e)
    assert (copy.kind, copy.name, copy.scope, copy.id, copy.refused) == (
        "plan",
        "Q3",
        "Sales",
        4,
        "publish",
    )


def test_an_unknown_detail_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        wfm.NotFoundError("no plan", colour="red")


def test_not_found_names_the_kind_and_name(ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wfm.NotFoundError) as caught:
        ws.delete_group("Nope")
    assert (caught.value.kind, caught.value.name) == ("forecast group", "Nope")
    assert caught.value.message == 'no forecast group "Nope" in the workspace'
    assert str(caught.value) == (
        'no forecast group "Nope" in the workspace\n'
        "hint: create it: ws.create_group('Nope', [queue ids])"
    )
    with pytest.raises(wfm.NotFoundError) as caught:
        ws.remove_source(7)
    assert (caught.value.kind, caught.value.name) == ("history source", "7")
    with pytest.raises(LookupError):  # also a LookupError, like KeyError
        ws.plans.publish("Nope")


def test_a_missing_workspace_is_not_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(wfm.NotFoundError) as caught:
        wfm.Workspace(tmp_path / "missing.wfm")
    assert caught.value.kind == "workspace"
    assert "wfm workspace create" not in str(caught.value)  # CLI hints stay in the CLI


def test_conflict_and_in_use(ws, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws.create_group("Sales", ["1001"])
    with pytest.raises(wfm.ConflictError) as conflict:
        ws.create_group("Sales", ["1002"])
    assert (conflict.value.kind, conflict.value.name) == ("forecast group", "Sales")
    with pytest.raises(wfm.InUseError) as in_use:
        ws.create_group("Support", ["1001"])
    assert (in_use.value.kind, in_use.value.name, in_use.value.used_by) == (
        "queue",
        "1001",
        'forecast group "Sales"',
    )
    with pytest.raises(wfm.ConflictError):
        wfm.Workspace.create(tmp_path / "w.wfm", interval=30)


def test_out_of_range_and_invalid_argument(ws) -> None:  # type: ignore[no-untyped-def]
    ws.create_group("Sales", ["1001"])
    with pytest.raises(wfm.OutOfRangeError) as caught:
        ws.forecasts.compute("Sales", "long", weeks=79)
    assert (caught.value.what, caught.value.value) == ("weeks", "79")
    assert "1 to 78 weeks" in caught.value.allowed
    with pytest.raises(wfm.InvalidArgumentError) as bad:
        ws.create_group("Sales ", ["1002"])
    assert (bad.value.argument, bad.value.value) == ("forecast group name", "Sales ")


def test_every_error_variant_raises_its_own_class_not_the_bare_base(tmp_path):
    """Regression: file, workspace-file and scheduling errors were raised as the bare
    ``wfm.WfmError``; each now has its class, with its parts as attributes."""
    ws = wfm.Workspace.create(tmp_path / "w.wfm", interval=30)
    missing = tmp_path / "missing.csv"
    with pytest.raises(wfm.FileError) as e:
        ws.import_history(missing)
    assert isinstance(e.value, OSError) and e.value.path == str(missing)
    with pytest.raises(wfm.StoreError):
        wfm.Workspace.create(tmp_path / "no" / "such" / "w.wfm", interval=30)
    other = tmp_path / "notes.txt"
    other.write_text("not a database")
    with pytest.raises(wfm.NotAWorkspaceError) as e:
        wfm.Workspace(other)
    assert e.value.path == str(other) and e.value.reason
    assert other.read_text() == "not a database"
    for cls in (wfm.FileError, wfm.NotAWorkspaceError, wfm.SchemaVersionError,
                wfm.DamagedWorkspaceError, wfm.StoreError, wfm.EncodeError,
                wfm.OutputIsInputError, wfm.PlanningError, wfm.SchedulingError,
                wfm.ForecastDoesNotCoverError):
        assert issubclass(cls, wfm.WfmError) and cls is not wfm.WfmError
    again = pickle.loads(pickle.dumps(wfm.FileError("x", path="p")))
    assert type(again) is wfm.FileError and again.path == "p"
