"""The exceptions of :mod:`wfm`.

Every error wfm raises is a :class:`WfmError`. Bad input — a table cell, a missing
column, an argument out of range — raises :class:`InvalidInputError`, which lists every
problem found, each located as ``FILE:LINE: COLUMN: reason`` exactly as the ``wfm``
command line prints it. A request the workspace refuses raises the subclass that says
why: :class:`NotFoundError` (also a ``LookupError``), :class:`ConflictError`,
:class:`InUseError`, :class:`AlreadyPublishedError`, :class:`PreconditionError`,
:class:`ConcurrentChangeError`; an argument out of range or of the wrong form raises
:class:`OutOfRangeError` or :class:`InvalidArgumentError` (both also ``ValueError``).
A forecast that does not cover the days to schedule raises
:class:`ForecastDoesNotCoverError` (a :class:`PreconditionError`); a file that cannot be
read or written :class:`FileError` (also an ``OSError``); an output that is an input
:class:`OutputIsInputError`; the workspace file itself :class:`NotAWorkspaceError`,
:class:`SchemaVersionError`, :class:`DamagedWorkspaceError` or :class:`StoreError`; an
output that cannot be encoded :class:`EncodeError`; and a request the planning or
scheduling rules refuse :class:`PlanningError` or :class:`SchedulingError`.
Each carries the parts of its message as attributes (``kind``, ``name``, …) and, where
one helps, a ``hint``: the Python call that helps next (``ws.forecasts.publish("Sales",
"long")``), the last line of the message — never a ``wfm …`` command of the command
line. The Rust extension raises these classes; they are defined here, in Python, so they behave like any
Python exception (pickling, ``except ValueError``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, NamedTuple, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    import polars as pl

__all__ = [
    "AlreadyPublishedError",
    "ConcurrentChangeError",
    "ConflictError",
    "DamagedWorkspaceError",
    "EncodeError",
    "FileError",
    "ForecastDoesNotCoverError",
    "InUseError",
    "InputProblem",
    "InsufficientDataError",
    "InvalidArgumentError",
    "InvalidInputError",
    "NotAWorkspaceError",
    "NotFoundError",
    "OutOfRangeError",
    "OutputIsInputError",
    "PlanningError",
    "PermissionDenied",
    "PreconditionError",
    "SchedulingError",
    "SchemaVersionError",
    "StaleVersionError",
    "StoreError",
    "TimeOffError",
    "WfmError",
]


class WfmError(Exception):
    """The base class of every error raised by wfm.

    >>> import wfm
    >>> issubclass(wfm.InvalidInputError, wfm.WfmError)
    True
    """


class InsufficientDataError(WfmError):
    """The history is not enough to forecast (docs/rules/data-sufficiency.md): the message names every failed
    rule with its numbers ("5 months of history, 6 needed") and the remedies (load more
    history, load synthetic history, or upload an own forecast as override).

    >>> import wfm
    >>> issubclass(wfm.InsufficientDataError, wfm.WfmError)
    True
    """


#: How many problems the message of an :class:`InvalidInputError` shows.
SHOWN = 20


class InputProblem(NamedTuple):
    """One problem in the input: where it is and what is wrong.

    A tuple ``(file, line, column, reason)``. ``file`` is ``"<dataframe>"`` for a table
    passed in memory and ``"<arguments>"`` for a function's arguments; ``line`` is the
    1-based line the row would have in a CSV file (line 1 is the header, so row ``i`` of
    a DataFrame is line ``i + 2``), and 0 for arguments; ``column`` is the column or
    argument name, empty when the problem is a whole row or table.

    >>> p = InputProblem("<dataframe>", 3, "volume", "must be greater than 0, got -5")
    >>> str(p)
    '<dataframe>:3: volume: must be greater than 0, got -5'
    >>> file, line, column, reason = p
    >>> line
    3
    """

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.file}:{self.line}: {self.column}: {self.reason}"
        return f"{self.file}:{self.line}: {self.reason}"


class InvalidInputError(WfmError, ValueError):
    """The input has errors; every one of them is listed and nothing was computed.

    ``errors`` is the list of :class:`InputProblem` in input order (header problems
    first, then row by row); ``str(error)`` prints the first 20, one per line as
    ``FILE:LINE: COLUMN: reason``, and how many more; :meth:`to_frame` gives them all as
    a polars DataFrame.
    A file with very many problems lists the first ones: ``not_shown`` counts the others
    (``total`` is all of them).

    >>> import wfm
    >>> try:
    ...     wfm.staff(volume=-5, aht_seconds=180, asa_target_seconds=15)
    ... except wfm.InvalidInputError as e:
    ...     print(e)
    ...     print(e.errors[0].column)
    1 error(s) in the input, nothing was applied:
    <arguments>:0: volume: must be 0 or greater, got -5
    volume
    """

    errors: List[InputProblem]
    not_shown: int

    def __init__(self, errors: Iterable[Tuple[str, int, str, str]], not_shown: int = 0) -> None:
        self.errors = [InputProblem(*e) for e in errors]
        self.not_shown = int(not_shown)
        shown = self.errors[:SHOWN]
        lines = "\n".join(str(e) for e in shown)
        if self.total > len(shown):
            lines += f"\n… and {self.total - len(shown)} more error(s) not shown"
        super().__init__(
            f"{self.total} error(s) in the input, nothing was applied:\n{lines}"
        )

    @property
    def total(self) -> int:
        """How many problems there are, listed or not.

        >>> import wfm
        >>> e = wfm.InvalidInputError([("a.csv", 2, "TimeStamp", "not a time")], not_shown=4)
        >>> len(e.errors), e.total
        (1, 5)
        """
        return len(self.errors) + self.not_shown

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), ([tuple(e) for e in self.errors], self.not_shown))

    def to_frame(self) -> pl.DataFrame:
        """Every problem listed as a polars DataFrame with columns file, line, row (the
        0-based row of a DataFrame, ``line - 2``; null for its header, a file or the
        arguments), column, reason.

        >>> import wfm
        >>> e = wfm.InvalidInputError([("<dataframe>", 2, "aht_seconds", "missing value")])
        >>> e.to_frame().row(0)
        ('<dataframe>', 2, 0, 'aht_seconds', 'missing value')
        """
        import polars as pl

        return pl.DataFrame(
            [
                (e.file, e.line, _row(e), e.column, e.reason)
                for e in self.errors
            ],
            schema={
                "file": pl.String,
                "line": pl.Int64,
                "row": pl.Int64,
                "column": pl.String,
                "reason": pl.String,
            },
            orient="row",
        )


def _row(problem: InputProblem) -> Optional[int]:
    """The 0-based DataFrame row of a problem, if it is in one."""
    return problem.line - 2 if problem.file == "<dataframe>" and problem.line >= 2 else None


def _rebuild(cls: type, message: str, details: Dict[str, Any]) -> "WfmError":
    return cls(message, **details)


class _Detailed(WfmError):
    """A :class:`WfmError` whose message comes with its parts as attributes.

    >>> import wfm
    >>> e = wfm.NotFoundError('no plan "Q3" in the workspace', kind="plan", name="Q3")
    >>> (e.kind, e.name, e.scope)
    ('plan', 'Q3', None)
    """

    _fields: Tuple[str, ...] = ()
    #: The message without the hint.
    message: str
    #: The Python call or step that helps next, if one does (also the message's last line).
    hint: Optional[str]

    def __init__(self, message: str, **details: Any) -> None:
        unknown = set(details) - set(self._fields)
        if unknown:
            raise TypeError(f"{type(self).__name__}: unknown detail(s) {sorted(unknown)}")
        for field in self._fields:
            setattr(self, field, details.get(field))
        self.message = message
        self.hint = python_hint(type(self).__name__, details)
        super().__init__(message if self.hint is None else f"{message}\nhint: {self.hint}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        details = {f: getattr(self, f) for f in self._fields}
        return (_rebuild, (type(self), self.message, details))


def _forecast_hint(name: Any, scope: Any, status: Any) -> str:
    group, kind = scope or "GROUP", name or "short"
    if status == "published":
        return (f"publish the {kind}-term forecast of {group} and run again: "
                f"ws.forecasts.publish({group!r}, {kind!r})")
    if status == "draft":
        return "to delete the published one pass published=True"
    return f"compute one: ws.forecasts.compute({group!r}, {kind!r})"


#: The hint of a NotFoundError per kind of thing (the Python side of the command line's
#: hints, src/cli/hints.rs).
_NOT_FOUND = {
    "queue": "see ws.queues()",
    "history source": "see ws.sources()",
    "schedule": "see ws.schedules.list()",
    "plan": "see ws.plans.list()",
    "scenario": "create it: ws.scenarios.create(path, group)",
    "scheduling configuration": (
        "import a scenario file: ws.schedule_scenario.import_(path) "
        "(see data/scenarios/schedule_example.toml)"
    ),
    "workspace": "create one: wfm.Workspace.create(path, interval=30)",
}


def python_hint(cls: str, details: Dict[str, Any]) -> Optional[str]:
    """The Python call that helps after an error of class ``cls`` with ``details``, or
    ``None``.

    >>> python_hint("NotFoundError", {"kind": "forecast", "name": "long", "scope": "Sales",
    ...                               "status": "published"})
    "publish the long-term forecast of Sales and run again: ws.forecasts.publish('Sales', 'long')"
    >>> python_hint("OutOfRangeError", {"what": "weeks"}) is None
    True
    """
    kind, name = details.get("kind"), details.get("name")
    if cls == "NotFoundError":
        if kind == "forecast group":
            return f"create it: ws.create_group({name or 'NAME'!r}, [queue ids])"
        if kind == "forecast":
            return _forecast_hint(name, details.get("scope"), details.get("status"))
        return _NOT_FOUND.get(str(kind))
    if cls == "ConflictError" and kind == "scenario":
        return f"change it: ws.scenarios.edit({name!r}, path)"
    if cls == "ConflictError" and kind == "plan":
        return f"re-run it: ws.plans.rerun({name!r})"
    if cls == "InUseError" and kind == "forecast group" and "forecast" in str(details.get("used_by")):
        used_by = str(details.get("used_by"))
        which = "long" if '"long"' in used_by else "short"
        published = ", published=True" if "published" in used_by else ""
        return f"delete the forecast first: ws.forecasts.delete({name!r}, {which!r}{published})"
    if cls == "AlreadyPublishedError":
        refused = details.get("refused")
        if kind == "plan" and refused == "change":
            return "make a copy instead: ws.plans.create(...) with another name"
        if kind == "forecast" and refused == "change":
            return f"compute a new one: ws.forecasts.compute({details.get('scope') or 'GROUP'!r}, {name!r})"
        if kind == "schedule" and refused == "delete":
            return ("agents see it; publish a new schedule of the same dates to replace it: "
                    "ws.schedules.publish(id)")
    if cls == "DamagedWorkspaceError":
        return "restore a backup, or remove and re-import the history source (ws.remove_source)"
    return None


class NotFoundError(_Detailed, LookupError):
    """A named thing is not in the workspace: ``kind`` (``"forecast group"``, ``"plan"``,
    ``"queue"``, ``"short-term forecast"``'s kind ``"forecast"``, …), ``name`` and, for a
    document of a group, ``scope``; ``status`` is ``"published"`` when a published one
    was looked for.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> try:
    ...     ws.delete_group("Nope")
    ... except wfm.NotFoundError as e:
    ...     print(e.kind, e.name)
    forecast group Nope
    """

    kind: str
    name: str
    scope: Optional[str]
    status: Optional[str]
    _fields = ("kind", "name", "scope", "status")


class ConflictError(_Detailed):
    """One of that kind and name exists already (a forecast group, a plan, a scenario, a
    workspace file): ``kind``, ``name``, ``scope``.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> ws.create_group("Sales", ["1001"])
    ['1001']
    >>> try:
    ...     ws.create_group("Sales", ["1002"])
    ... except wfm.ConflictError as e:
    ...     print(e)
    forecast group "Sales" exists already: choose another name, or change the existing one
    """

    kind: str
    name: str
    scope: Optional[str]
    _fields = ("kind", "name", "scope")


class InUseError(_Detailed):
    """The thing cannot be deleted or moved because another one uses it: ``kind`` and
    ``name`` say what, ``used_by`` names the user (a published plan, a forecast of the
    group, the forecast group a queue is in).

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> ws.create_group("Sales", ["1001"])
    ['1001']
    >>> try:
    ...     ws.create_group("Support", ["1001"])
    ... except wfm.InUseError as e:
    ...     print(e.used_by)
    forecast group "Sales"
    """

    kind: str
    name: str
    used_by: str
    _fields = ("kind", "name", "used_by")


class AlreadyPublishedError(_Detailed):
    """A published document is immutable: ``refused`` is what was asked (``"publish"``
    again, ``"change"`` or ``"delete"``); ``kind``, ``name``, ``scope`` and ``id`` name
    the document.

    >>> import wfm
    >>> e = wfm.AlreadyPublishedError('plan 4 "Q3" of "Sales" is published already',
    ...     kind="plan", name="Q3", scope="Sales", id=4, refused="publish")
    >>> (e.id, e.refused)
    (4, 'publish')
    """

    kind: str
    name: str
    scope: Optional[str]
    id: Optional[int]
    refused: str
    _fields = ("kind", "name", "scope", "id", "refused")


class PreconditionError(_Detailed):
    """The request needs something the workspace or its inputs do not have yet (a
    published forecast of intervals, a request covering the week, a staffing group linked
    to the forecast group, …): the message says what and how to get it.

    >>> import wfm
    >>> issubclass(wfm.PreconditionError, wfm.WfmError)
    True
    """


class PermissionDenied(_Detailed, PermissionError):
    """The workspace's actor may not do this (SPEC §10): the ``actor``, the
    ``permission`` missing (``"time_off.approve"``, ``"a or b"``) and the ``target`` —
    for a target outside the actor's scope, ``"a target not found or not permitted"``,
    nothing of it.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> ws.access.add_user("ana", ["analyst"])
    >>> try:
    ...     ws.as_actor("ana").create_group("Sales", ["1001"])
    ... except wfm.PermissionDenied as e:
    ...     print(e.permission, "|", e.target)
    forecasting.edit | forecast group Sales
    """

    actor: str
    permission: str
    target: str
    _fields = ("actor", "permission", "target")


class ConcurrentChangeError(_Detailed):
    """Another run published or deleted a document of this ``kind`` and ``scope`` while
    this one decided what to replace: nothing was changed; run the request again.

    >>> import wfm
    >>> issubclass(wfm.ConcurrentChangeError, wfm.WfmError)
    True
    """

    kind: str
    scope: str
    _fields = ("kind", "scope")


class OutOfRangeError(_Detailed, ValueError):
    """A number is outside what the request allows: ``what`` (``"weeks"``,
    ``"quantile"``, …), the ``value`` given (as text) and what is ``allowed``.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> ws.create_group("Sales", ["1001"])
    ['1001']
    >>> try:
    ...     ws.forecasts.compute("Sales", "short", weeks=0)
    ... except wfm.OutOfRangeError as e:
    ...     print(e.what, e.value)
    weeks 0
    """

    what: str
    value: str
    allowed: str
    _fields = ("what", "value", "allowed")


class InvalidArgumentError(_Detailed, ValueError):
    """An argument does not have the form it needs: the ``argument`` (``"kind"``,
    ``"time zone"``, …), the ``value`` given and what is ``expected``.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> try:
    ...     ws.create_group(" Sales", ["1001"])
    ... except wfm.InvalidArgumentError as e:
    ...     print(e.argument, repr(e.value))
    forecast group name ' Sales'
    """

    argument: str
    value: str
    expected: str
    _fields = ("argument", "value", "expected")


class ForecastDoesNotCoverError(PreconditionError):
    """The forecast does not cover every day a schedule is asked for: the ``forecast``
    (a file, or a group's published forecast), the ``channel``, the days asked for
    (``start`` to ``end``, ISO dates) and the ``uncovered`` ones (a list of ISO dates).
    Nothing was solved.

    >>> import wfm
    >>> e = wfm.ForecastDoesNotCoverError("the forecast ends before 2026-03-09",
    ...     forecast="f.csv", channel="VOICE", start="2026-03-02", end="2026-03-15",
    ...     uncovered=["2026-03-14", "2026-03-15"])
    >>> (isinstance(e, wfm.PreconditionError), e.uncovered[0])
    (True, '2026-03-14')
    """

    forecast: str
    channel: str
    start: str
    end: str
    uncovered: List[str]
    _fields = ("forecast", "channel", "start", "end", "uncovered")


class FileError(_Detailed, OSError):
    """Reading or writing the file at ``path`` failed (the operating system's reason is in
    the message). Also an ``OSError``.

    >>> import pathlib, tempfile, wfm
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> ws = wfm.Workspace.create(folder / "w.wfm", interval=30)
    >>> try:
    ...     ws.import_history(folder / "missing.csv")
    ... except wfm.FileError as e:
    ...     print(pathlib.Path(e.path).name, isinstance(e, OSError))
    missing.csv True
    """

    path: str
    _fields = ("path",)


class OutputIsInputError(_Detailed, ValueError):
    """An ``output`` of the call is one of its inputs or the open workspace (the same
    file, also through a link): nothing was computed or written. Also a ``ValueError``.

    >>> import wfm
    >>> issubclass(wfm.OutputIsInputError, ValueError)
    True
    """

    output: str
    input: str
    _fields = ("output", "input")


class DamagedWorkspaceError(_Detailed):
    """A value read back from the workspace cannot be in a healthy workspace: the
    ``table`` holding it and ``detail`` (what is wrong and where). Restore a backup or
    re-import the history source.

    >>> import wfm
    >>> wfm.DamagedWorkspaceError("damaged", table="history_chunk", detail="x").table
    'history_chunk'
    """

    table: str
    detail: str
    _fields = ("table", "detail")


class NotAWorkspaceError(_Detailed):
    """The file at ``path`` is not a wfm workspace (``reason`` says what it is instead);
    wfm leaves it untouched.

    >>> import pathlib, tempfile, wfm
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = p.write_text("not a database")
    >>> try:
    ...     wfm.Workspace(p)
    ... except wfm.NotAWorkspaceError as e:
    ...     print(e.path == str(p))
    True
    """

    path: str
    reason: str
    _fields = ("path", "reason")


class SchemaVersionError(_Detailed):
    """The workspace at ``path`` has schema version ``found``; this wfm uses ``known``.
    An older one is upgraded by :meth:`wfm.Workspace.upgrade`; a newer one needs a newer
    wfm.

    >>> import wfm
    >>> wfm.SchemaVersionError("old", path="w.wfm", found=3, known=4).found
    3
    """

    path: str
    found: int
    known: int
    _fields = ("path", "found", "known")


class StoreError(_Detailed):
    """The workspace database (SQLite) failed: the message has its reason (a locked or
    full disk, a read-only file, …).

    >>> import wfm
    >>> issubclass(wfm.StoreError, wfm.WfmError)
    True
    """


class EncodeError(_Detailed):
    """An output could not be encoded: ``what`` was being written (a table as CSV,
    Parquet or xlsx; a document as JSON) and the encoder's ``detail``.

    >>> import wfm
    >>> wfm.EncodeError("writing a table: x", what="writing a table", detail="x").what
    'writing a table'
    """

    what: str
    detail: str
    _fields = ("what", "detail")


class PlanningError(_Detailed):
    """The planning domain refused a request (an unknown channel, country or kind, an
    invalid capacity scenario, plan or series, a horizon out of range): the message names
    the item and field.

    >>> import wfm
    >>> issubclass(wfm.PlanningError, wfm.WfmError)
    True
    """


class SchedulingError(_Detailed):
    """The scheduler refused a configuration or a request (a scenario that does not read,
    an unknown reference, a minimum above a maximum, no feasible schedule, a solver
    failure): the message names the item and field.

    >>> import wfm
    >>> issubclass(wfm.SchedulingError, wfm.WfmError)
    True
    """


class StaleVersionError(_Detailed):
    """Edits made on a version of a schedule that is not its current one (another edit
    or undo came first): nothing was applied. ``schedule``, ``expected`` (the version the
    edits were made on), ``current`` and ``since`` (the changes since, one line each).

    >>> import wfm
    >>> e = wfm.StaleVersionError("schedule 3 is at version 2", schedule=3, expected=1,
    ...     current=2, since=["version 2 (edit by sam at 2026-03-02T09:00:00Z: 1 edit(s))"])
    >>> (e.expected, e.current, isinstance(e, wfm.WfmError))
    (1, 2, True)
    """

    schedule: int
    expected: int
    current: int
    since: List[str]
    _fields = ("schedule", "expected", "current", "since")


class TimeOffError(_Detailed):
    """A time-off, overtime or VTO operation refused; nothing was changed. ``reason``
    names why, one of ``unknown_agent``, ``unknown_activity``, ``wrong_activity_kind``,
    ``not_requestable``, ``requests_disabled``, ``end_before_start``, ``too_far_ahead``,
    ``in_past``, ``wrong_status``, ``rules_broken``, ``not_offered``, ``no_request``,
    ``no_offer``, ``invalid_offer``; the message has the numbers.

    >>> import wfm
    >>> e = wfm.TimeOffError("no time-off request 7", reason="no_request")
    >>> (e.reason, isinstance(e, wfm.WfmError))
    ('no_request', True)
    """

    reason: str
    _fields = ("reason",)
