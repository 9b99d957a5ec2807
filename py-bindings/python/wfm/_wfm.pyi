"""Type stubs of the Rust extension ``wfm._wfm``; use it through :mod:`wfm`."""

from typing import (
    Any,
    Callable,
    Dict,
    List,
    Optional,
    Sequence,
    SupportsFloat,
    SupportsIndex,
    Tuple,
    Union,
    final,
    overload,
)

import numpy as np

from wfm.staffing import QueueMetricsArrays, StaffingArrays

__version__: str
__all__ = [
    "__version__",
    "erlang_b",
    "queue_metrics",
    "staff",
    "staff_frame",
    "ArrowTable",
    "arrow_roundtrip",
    "validate_schedule_text",
    "core_threads",
    "QueueMetrics",
    "Staffing",
    "_Workspace",
    "plan_files",
    "forecasts_list",
    "forecasts_compute",
    "forecasts_publish",
    "forecasts_get",
    "forecasts_delete",
    "forecasts_compare",
    "forecasts_export",
    "forecasts_backtest",
    "forecasts_refresh",
    "overrides_list",
    "overrides_import",
    "overrides_delete",
    "overrides_template",
    "scenarios_create",
    "scenarios_edit",
    "scenarios_get",
    "scenarios_delete",
    "scenarios_list",
    "fte_loads_import",
    "fte_loads_list",
    "plans_create",
    "plans_list",
    "plans_get",
    "plans_override",
    "plans_rerun",
    "plans_publish",
    "plans_export",
    "schedule_scenario_import",
    "schedule_scenario_export",
    "schedule_scenario_blocks",
    "schedules_create",
    "schedules_list",
    "schedules_get",
    "schedules_publish",
    "schedules_delete",
    "schedules_export",
    "schedules_agent_view",
    "overtime_answer",
    "overtime_offers",
    "overtime_open",
    "overtime_suggest",
    "schedules_agents",
    "schedules_calendar",
    "schedules_changes",
    "schedules_edit",
    "schedules_edit_log",
    "schedules_meeting_slots",
    "schedules_regenerate",
    "schedules_search",
    "schedules_team",
    "schedules_undo",
    "schedules_version",
    "time_off_adjust",
    "time_off_allowances",
    "time_off_balances",
    "time_off_decide",
    "time_off_example_week",
    "time_off_import_allowances",
    "time_off_import_balances",
    "time_off_ledger",
    "time_off_request",
    "time_off_requests",
    "time_off_set_now",
    "forecast_files",
    "schedule_files",
    "validate_schedule_file",
    "_Monitor",
    "adherence_import",
    "adherence_recalculate",
    "adherence_report",
    "adherence_exceptions",
    "adherence_impact",
    "adherence_timeline",
    "adherence_sample",
    "access_set_actor",
    "access_actor",
    "access_users",
    "access_add_user",
    "access_remove_user",
    "access_grant",
    "access_set_scope",
    "access_roles",
    "access_define_role",
    "access_audit",
]

_Real = Union[SupportsFloat, SupportsIndex]
# what the staffing functions broadcast: a numpy array, a sequence, or a number (the
# scalar overloads come first and win for scalars: numpy's own stubs overlap so too)
_Arr = Union[np.ndarray, Sequence[Any], SupportsFloat, SupportsIndex]

@final
class QueueMetrics:
    """The queue's performance with a given number of agents.

    Probabilities are shares in [0, 1]; times are seconds. With no more agent
    capacity than traffic (Erlang C) the queue is unstable: every contact waits, the
    service level is 0 and the ASA is infinite. Returned by ``wfm.queue_metrics``.

    >>> import wfm
    >>> m = wfm.queue_metrics(100, 180, 1800, agents=12, service_level_seconds=20)
    >>> m.servers, round(m.occupancy, 4)
    (12, 0.8333)
    >>> sorted(m.to_dict())[:3]
    ['abandon_probability', 'agents', 'asa_seconds']
    """

    @property
    def agents(self) -> int:
        """Productive agents."""
    @property
    def servers(self) -> int:
        """Servers: agents × concurrency (chat slots)."""
    @property
    def traffic(self) -> float:
        """Offered traffic in Erlangs (volume × aht / interval)."""
    @property
    def waiting_probability(self) -> float:
        """Probability that a contact has to wait."""
    @property
    def service_level(self) -> float:
        """Share of offered contacts answered within the threshold."""
    @property
    def asa_seconds(self) -> float:
        """Average speed of answer in seconds (mean wait of answered contacts)."""
    @property
    def occupancy(self) -> float:
        """Share of agent capacity spent handling contacts."""
    @property
    def queue_length(self) -> float:
        """Expected number of contacts waiting."""
    @property
    def abandon_probability(self) -> float:
        """Probability that a contact abandons (0 without patience)."""
    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict, in declaration order."""
    def __eq__(self, other: object, /) -> bool: ...
    def __new__(cls, agents: int, servers: int, traffic: float, waiting_probability: float, service_level: float, asa_seconds: float, occupancy: float, queue_length: float, abandon_probability: float) -> "QueueMetrics":
        """Built from every field in declaration order (what pickling calls)."""
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...

@final
class Staffing:
    """The answer to a staffing question: the agents needed and what they achieve
    (the queue's metrics with ``agents`` agents). Returned by ``wfm.staff``.

    >>> import wfm
    >>> s = wfm.staff(100, 180, asa_target_seconds=15, shrinkage=0.3)
    >>> s.agents, s.agents_with_shrinkage, s.asa_seconds <= 15
    (14, 20, True)
    >>> s.to_dict()["goal_agents"]
    14
    """

    @property
    def agents(self) -> int:
        """Productive agents: the fewest that meet the goal and the occupancy cap."""
    @property
    def agents_fractional(self) -> float:
        """The continuous requirement (agents − 1 < agents_fractional ≤ agents); sum these
        across queues before rounding.
        """
    @property
    def agents_with_shrinkage(self) -> int:
        """ceil(agents / (1 − shrinkage)), on exact decimals."""
    @property
    def agents_with_shrinkage_fractional(self) -> float:
        """agents_fractional / (1 − shrinkage)."""
    @property
    def goal_agents(self) -> int:
        """The fewest agents that meet the goal alone, before the occupancy cap."""
    @property
    def occupancy_capped(self) -> bool:
        """Whether the occupancy cap, not the goal, set `agents`."""
    @property
    def traffic(self) -> float:
        """Offered traffic in Erlangs."""
    @property
    def service_level(self) -> float:
        """Share answered within the goal's threshold (the ASA target for an ASA goal)."""
    @property
    def asa_seconds(self) -> float:
        """Average speed of answer in seconds."""
    @property
    def occupancy(self) -> float:
        """Share of agent capacity spent handling contacts."""
    @property
    def waiting_probability(self) -> float:
        """Probability that a contact has to wait."""
    @property
    def queue_length(self) -> float:
        """Expected number of contacts waiting."""
    @property
    def abandon_probability(self) -> float:
        """Probability that a contact abandons (0 without patience)."""
    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict, in declaration order."""
    def __eq__(self, other: object, /) -> bool: ...
    def __new__(cls, agents: int, agents_fractional: float, agents_with_shrinkage: int, agents_with_shrinkage_fractional: float, goal_agents: int, occupancy_capped: bool, traffic: float, service_level: float, asa_seconds: float, occupancy: float, waiting_probability: float, queue_length: float, abandon_probability: float) -> "Staffing":
        """Built from every field in declaration order (what pickling calls)."""
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...

@overload
def erlang_b(traffic: _Real, servers: SupportsIndex) -> float:  # type: ignore[overload-overlap]
    """Erlang B: the probability that a contact finds all ``servers`` busy in a loss system
    (no queue) offered ``traffic`` Erlangs.

    Exact to double precision from 0.01 to a million Erlangs; no factorials.
    Raises ``InvalidInputError`` for a traffic that is negative or not finite, or
    servers that are not a whole number of at least 0.

    >>> import wfm
    >>> wfm.erlang_b(2.0, 2)  # (2**2 / 2!) / (1 + 2 + 2**2 / 2!)
    0.4
    >>> round(wfm.erlang_b(10.0, 12), 4)
    0.1197

    With an array (or a list) for either argument, the two are broadcast as numpy
    broadcasts and the answer is an array of their shape, computed in parallel without
    the GIL; a problem names the element (``servers[1]``).

    >>> import numpy as np
    >>> wfm.erlang_b(np.array([2.0, 10.0]), [2, 12]).round(4)
    array([0.4   , 0.1197])
    """
@overload
def erlang_b(traffic: _Arr, servers: _Arr) -> np.ndarray:
    """Erlang B: the probability that a contact finds all ``servers`` busy in a loss system
    (no queue) offered ``traffic`` Erlangs.

    Exact to double precision from 0.01 to a million Erlangs; no factorials.
    Raises ``InvalidInputError`` for a traffic that is negative or not finite, or
    servers that are not a whole number of at least 0.

    >>> import wfm
    >>> wfm.erlang_b(2.0, 2)  # (2**2 / 2!) / (1 + 2 + 2**2 / 2!)
    0.4
    >>> round(wfm.erlang_b(10.0, 12), 4)
    0.1197

    With an array (or a list) for either argument, the two are broadcast as numpy
    broadcasts and the answer is an array of their shape, computed in parallel without
    the GIL; a problem names the element (``servers[1]``).

    >>> import numpy as np
    >>> wfm.erlang_b(np.array([2.0, 10.0]), [2, 12]).round(4)
    array([0.4   , 0.1197])
    """

@overload
def queue_metrics(  # type: ignore[overload-overlap]
    volume: _Real,
    aht_seconds: _Real,
    interval_seconds: _Real,
    agents: SupportsIndex,
    answer_seconds: _Real,
    concurrency: Optional[SupportsIndex] = 1,
    patience_seconds: Optional[_Real] = None,
) -> QueueMetrics:
    """The queue's performance with ``agents`` agents: Erlang C, or Erlang A when
    ``patience_seconds`` (the callers' mean patience) is given.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``;
    ``answer_seconds`` is the threshold of the service level; each agent works
    ``concurrency`` contacts at once. Returns a ``QueueMetrics``. Raises
    ``InvalidInputError`` listing every bad argument.

    >>> import wfm
    >>> from wfm import _wfm
    >>> m = _wfm.queue_metrics(100, 180, 1800, agents=11, answer_seconds=20)
    >>> m.traffic, round(m.service_level, 3), round(m.asa_seconds, 1)
    (10.0, 0.39, 122.8)
    >>> a = _wfm.queue_metrics(100, 180, 1800, 11, 20, patience_seconds=60)
    >>> round(a.service_level, 3), round(a.abandon_probability, 3)
    (0.797, 0.112)

    Any argument may be a numpy array (or a list): all are broadcast together and the
    answer is a ``QueueMetricsArrays``, each field an array of the broadcast shape.

    >>> import numpy as np
    >>> _wfm.queue_metrics(100, 180, 1800, agents=np.arange(11, 14), answer_seconds=20).agents
    array([11, 12, 13])
    """
@overload
def queue_metrics(
    volume: _Arr,
    aht_seconds: _Arr,
    interval_seconds: _Arr,
    agents: _Arr,
    answer_seconds: _Arr,
    concurrency: Optional[_Arr] = 1,
    patience_seconds: Optional[_Arr] = None,
) -> QueueMetricsArrays:
    """The queue's performance with ``agents`` agents: Erlang C, or Erlang A when
    ``patience_seconds`` (the callers' mean patience) is given.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``;
    ``answer_seconds`` is the threshold of the service level; each agent works
    ``concurrency`` contacts at once. Returns a ``QueueMetrics``. Raises
    ``InvalidInputError`` listing every bad argument.

    >>> import wfm
    >>> from wfm import _wfm
    >>> m = _wfm.queue_metrics(100, 180, 1800, agents=11, answer_seconds=20)
    >>> m.traffic, round(m.service_level, 3), round(m.asa_seconds, 1)
    (10.0, 0.39, 122.8)
    >>> a = _wfm.queue_metrics(100, 180, 1800, 11, 20, patience_seconds=60)
    >>> round(a.service_level, 3), round(a.abandon_probability, 3)
    (0.797, 0.112)

    Any argument may be a numpy array (or a list): all are broadcast together and the
    answer is a ``QueueMetricsArrays``, each field an array of the broadcast shape.

    >>> import numpy as np
    >>> _wfm.queue_metrics(100, 180, 1800, agents=np.arange(11, 14), answer_seconds=20).agents
    array([11, 12, 13])
    """

@overload
def staff(  # type: ignore[overload-overlap]
    volume: _Real,
    aht_seconds: _Real,
    interval_seconds: Optional[_Real] = 1800.0,
    *,
    service_level: Optional[_Real] = None,
    service_level_seconds: Optional[_Real] = None,
    asa_seconds: Optional[_Real] = None,
    max_occupancy: Optional[_Real] = 1.0,
    shrinkage: Optional[_Real] = 0.0,
    patience_seconds: Optional[_Real] = None,
    concurrency: Optional[SupportsIndex] = 1,
) -> Staffing:
    """The fewest agents meeting a service-level or an ASA goal, and what they achieve.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``. The
    goal is ``service_level`` (a share in (0, 1)) answered within
    ``service_level_seconds``, or an average speed of answer of at most
    ``asa_seconds``. ``max_occupancy`` in (0, 1] adds agents until occupancy is at
    most that; ``shrinkage`` in [0, 1) gives ``agents_with_shrinkage``;
    ``patience_seconds`` switches to Erlang A (callers abandon after that mean wait);
    ``concurrency`` is the number of contacts an agent works at once (chat).

    Returns a ``Staffing``. Raises ``InvalidInputError`` listing every bad argument as
    ``<arguments>:0: NAME: reason``.

    Any argument may be a numpy array (or a list): all are broadcast as numpy
    broadcasts, every element is solved in parallel without the GIL, and the answer is a
    ``StaffingArrays``, each field an array of the broadcast shape. A bad element is named
    by its index in that shape: ``<arguments>:0: volume[1]: reason``.

    >>> import wfm
    >>> from wfm import _wfm
    >>> s = _wfm.staff(100, 180, 1800, service_level=0.8, service_level_seconds=20,
    ...               max_occupancy=0.85, shrinkage=0.3)
    >>> s.agents, s.agents_with_shrinkage, round(s.service_level, 3)
    (14, 20, 0.888)
    >>> _wfm.staff(250, 240, service_level=0.8, service_level_seconds=20, patience_seconds=60).agents
    33
    >>> _wfm.staff(100, 180, service_level=1.0, service_level_seconds=20)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 1 error(s) in the input, nothing was applied:
    <arguments>:0: service_level: goal cannot be met by any number of agents: ...
    >>> import numpy as np
    >>> _wfm.staff(np.array([0, 100, 250]), 180, service_level=0.8, service_level_seconds=20).agents
    array([ 0, 14, 30])
    >>> _wfm.staff([100, -5, np.nan], 180, asa_seconds=15)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 2 error(s) in the input, nothing was applied:
    <arguments>:0: volume[1]: must be 0 or greater, got -5
    <arguments>:0: volume[2]: must be a finite number, got NaN
    """
@overload
def staff(
    volume: _Arr,
    aht_seconds: _Arr,
    interval_seconds: Optional[_Arr] = 1800.0,
    *,
    service_level: Optional[_Arr] = None,
    service_level_seconds: Optional[_Arr] = None,
    asa_seconds: Optional[_Arr] = None,
    max_occupancy: Optional[_Arr] = 1.0,
    shrinkage: Optional[_Arr] = 0.0,
    patience_seconds: Optional[_Arr] = None,
    concurrency: Optional[_Arr] = 1,
) -> StaffingArrays:
    """The fewest agents meeting a service-level or an ASA goal, and what they achieve.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``. The
    goal is ``service_level`` (a share in (0, 1)) answered within
    ``service_level_seconds``, or an average speed of answer of at most
    ``asa_seconds``. ``max_occupancy`` in (0, 1] adds agents until occupancy is at
    most that; ``shrinkage`` in [0, 1) gives ``agents_with_shrinkage``;
    ``patience_seconds`` switches to Erlang A (callers abandon after that mean wait);
    ``concurrency`` is the number of contacts an agent works at once (chat).

    Returns a ``Staffing``. Raises ``InvalidInputError`` listing every bad argument as
    ``<arguments>:0: NAME: reason``.

    Any argument may be a numpy array (or a list): all are broadcast as numpy
    broadcasts, every element is solved in parallel without the GIL, and the answer is a
    ``StaffingArrays``, each field an array of the broadcast shape. A bad element is named
    by its index in that shape: ``<arguments>:0: volume[1]: reason``.

    >>> import wfm
    >>> from wfm import _wfm
    >>> s = _wfm.staff(100, 180, 1800, service_level=0.8, service_level_seconds=20,
    ...               max_occupancy=0.85, shrinkage=0.3)
    >>> s.agents, s.agents_with_shrinkage, round(s.service_level, 3)
    (14, 20, 0.888)
    >>> _wfm.staff(250, 240, service_level=0.8, service_level_seconds=20, patience_seconds=60).agents
    33
    >>> _wfm.staff(100, 180, service_level=1.0, service_level_seconds=20)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 1 error(s) in the input, nothing was applied:
    <arguments>:0: service_level: goal cannot be met by any number of agents: ...
    >>> import numpy as np
    >>> _wfm.staff(np.array([0, 100, 250]), 180, service_level=0.8, service_level_seconds=20).agents
    array([ 0, 14, 30])
    >>> _wfm.staff([100, -5, np.nan], 180, asa_seconds=15)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 2 error(s) in the input, nothing was applied:
    <arguments>:0: volume[1]: must be 0 or greater, got -5
    <arguments>:0: volume[2]: must be a finite number, got NaN
    """

@final
class ArrowTable:
    """A table the extension returns: read it with ``pl.DataFrame(table)`` (or any reader
    of the Arrow PyCapsule protocol: ``pyarrow.table(table)``).

    >>> import polars as pl, wfm
    >>> from wfm import _wfm
    >>> t = _wfm.arrow_roundtrip(pl.DataFrame({"a": [1, 2]}))
    >>> len(t), pl.DataFrame(t)["a"].to_list()
    (2, [1, 2])
    """

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __len__(self) -> int: ...

# A frame given to the extension: any object with ``__arrow_c_stream__`` (polars, pandas
# >= 2.2, pyarrow); where a file goes, a path too.
_Frame = Any
_PathOrFrame = Any

def arrow_roundtrip(frame: _Frame) -> ArrowTable:
    """The table it is given, through both crossings (a test of the crossing: Python to
    Rust and back). Use ``pl.DataFrame(_wfm.arrow_roundtrip(df))``.

    >>> import polars as pl
    >>> from wfm import _wfm
    >>> pl.DataFrame(_wfm.arrow_roundtrip(pl.DataFrame({"q": ["a"]}))).to_dicts()
    [{'q': 'a'}]
    """

def staff_frame(frame: _Frame) -> ArrowTable:
    """Staffs every row of a table with the columns of the batch CSV, given as a DataFrame
    (any object with ``__arrow_c_stream__``: polars, pandas ≥ 2.2, pyarrow); returns the
    input columns followed by the results, as an ``ArrowTable``. Use
    ``wfm.staff_table``, which also takes pandas and prepares column types; rows are
    solved in parallel, without the GIL.

    Tables cross as Arrow C streams (``wfm._wfm.ArrowTable``) rather than through
    pyo3-polars: pyo3-polars makes polars itself depend on pyo3, so every Rust binary (the
    CLI, the tests) would have to link libpython.

    >>> import polars as pl
    >>> from wfm import _wfm
    >>> day = pl.DataFrame({"volume": [100.0], "aht_seconds": [180.0],
    ...                     "interval_seconds": [1800.0], "asa_target_seconds": [15.0]})
    >>> pl.DataFrame(_wfm.staff_frame(day))["agents"].to_list()
    [14]
    """

@final
class _Workspace:
    """The Rust side of :class:`wfm.Workspace`; use that class."""

    def __new__(cls, path: str) -> "_Workspace": ...
    @staticmethod
    def create(path: str, interval: int, time_zone: Optional[str] = None) -> "_Workspace": ...
    @staticmethod
    def upgrade(path: str) -> Optional[Tuple[int, int]]: ...
    def settings(self) -> tuple: ...
    def queues(self) -> ArrowTable: ...
    def set_queue_active(self, queue: str, active: bool) -> None: ...
    def set_queue_time_zone(self, queue: str, time_zone: Optional[str] = None) -> None: ...
    def groups(self) -> list: ...
    def create_group(self, name: str, queues: list) -> list: ...
    def edit_group(self, name: str, add: list, remove: list, rename: Optional[str] = None) -> list: ...
    def delete_group(self, name: str) -> None: ...
    def import_history(self, path: _PathOrFrame, raw: Optional[str] = None) -> tuple: ...  # (source table, new queues, warnings)
    def sources(self) -> ArrowTable: ...
    def remove_source(self, source_id: int) -> ArrowTable: ...
    def history_frame(self, group: Optional[str] = None, queue: Optional[str] = None) -> ArrowTable: ...
    def export_history(self, path: str, group: Optional[str] = None, queue: Optional[str] = None) -> int: ...
    def check_sufficiency(self, group: Optional[str] = None, as_of: Optional[str] = None) -> tuple: ...

def plan_files(
    forecast_long: _PathOrFrame,
    forecast_short: _PathOrFrame,
    scenario: str,
    start: str,
    weeks: int,
    fte: Optional[_PathOrFrame] = None,
    group: Optional[str] = None,
    output: Optional[str] = None,
    overrides: Optional[str] = None,
    progress: Optional[Callable[[str, int, int], Any]] = None,
) -> Tuple[ArrowTable, ArrowTable, str, str, Optional[ArrowTable]]: ...

# The stored documents (wfm.documents): tables cross as Arrow tables.

def forecasts_list(ws: _Workspace) -> ArrowTable: ...
def forecasts_compute(
    ws: _Workspace, group: str, kind: str, start: Optional[str] = None, weeks: Optional[int] = None
) -> int: ...
def forecasts_publish(ws: _Workspace, group: str, kind: str) -> int: ...
def forecasts_get(ws: _Workspace, group: str, kind: str, published: bool, applied: bool) -> ArrowTable: ...
def forecasts_delete(ws: _Workspace, group: str, kind: str, published: bool) -> int: ...
def forecasts_compare(ws: _Workspace, group: str, kind: str) -> ArrowTable: ...
def forecasts_export(
    ws: _Workspace, group: str, kind: str, path: str, published: bool, applied: bool
) -> int: ...
def forecasts_backtest(ws: _Workspace, group: str, kind: str) -> ArrowTable: ...
def forecasts_refresh(ws: _Workspace) -> ArrowTable: ...
def overrides_list(ws: _Workspace) -> ArrowTable: ...
def overrides_import(ws: _Workspace, group: str, name: str, text: Union[str, _Frame]) -> int: ...
def overrides_delete(ws: _Workspace, group: str) -> int: ...
def overrides_template(ws: _Workspace, group: str) -> str: ...
def scenarios_create(ws: _Workspace, path: str, group: str) -> str: ...
def scenarios_edit(ws: _Workspace, name: str, path: str, group: str) -> int: ...
def scenarios_get(ws: _Workspace, name: str, group: str) -> str: ...
def scenarios_delete(ws: _Workspace, name: str, group: str) -> int: ...
def scenarios_list(ws: _Workspace) -> ArrowTable: ...
def fte_loads_import(ws: _Workspace, path: _PathOrFrame) -> ArrowTable: ...
def fte_loads_list(ws: _Workspace) -> ArrowTable: ...
def plans_create(
    ws: _Workspace,
    name: str,
    group: str,
    scenario: str,
    start: str,
    weeks: int,
    description: str = ...,
) -> int: ...
def plans_list(ws: _Workspace) -> ArrowTable: ...
def plans_get(ws: _Workspace, name: str, monthly: bool) -> Tuple[ArrowTable, Optional[ArrowTable]]: ...
def plans_override(ws: _Workspace, name: str, path: str) -> int: ...
def plans_rerun(
    ws: _Workspace,
    name: str,
    start: Optional[str] = None,
    weeks: Optional[int] = None,
    scenario: Optional[str] = None,
) -> int: ...
def plans_publish(ws: _Workspace, name: str) -> int: ...
def plans_export(ws: _Workspace, name: str, output: str) -> List[str]: ...
def schedule_scenario_import(ws: _Workspace, path: str) -> int: ...
def schedule_scenario_export(ws: _Workspace, path: Optional[str] = None) -> str: ...
def schedule_scenario_blocks(ws: _Workspace) -> List[Tuple[str, List[str]]]: ...
def schedules_create(
    ws: _Workspace,
    group: Optional[str] = None,
    week_start: Optional[str] = None,
    name: Optional[str] = None,
    channel: str = ...,
    time_limit: float = 600.0,
    gap: float = 0.01,
    progress: Optional[Callable[[str, int, int], Any]] = None,
) -> int: ...
def schedules_list(ws: _Workspace) -> ArrowTable: ...
def schedules_get(ws: _Workspace, id: int) -> Dict[str, Any]: ...
def schedules_publish(ws: _Workspace, id: int) -> List[int]: ...
def schedules_delete(ws: _Workspace, id: int) -> None: ...
def schedules_export(ws: _Workspace, id: int, output: str) -> List[str]: ...
def schedules_agent_view(
    ws: _Workspace,
    id: int,
    agent: str,
    date: Optional[str] = None,
    week: Optional[str] = None,
) -> Tuple[str, ArrowTable]: ...

def forecast_files(
    history: List[_PathOrFrame],
    kind: str,
    weeks: int,
    start: Optional[str] = None,
    quantiles: List[float] = ...,
    holidays: Optional[str] = None,
    time_zones: List[str] = ...,
    backtest: bool = False,
    public_holidays: List[str] = ...,
    progress: Optional[Callable[[str, int, int], Any]] = None,
) -> Tuple[ArrowTable, ArrowTable, List[str]]: ...

def schedule_files(
    scenario: str,
    forecast: _PathOrFrame,
    group: Optional[str] = None,
    week_start: Optional[str] = None,
    channel: str = ...,
    time_limit: float = 600.0,
    gap: float = 0.01,
    output: Optional[str] = None,
    progress: Optional[Callable[[str, int, int], Any]] = None,
) -> Tuple[ArrowTable, ArrowTable, ArrowTable, ArrowTable, str, List[str], str]: ...
def validate_schedule_file(scenario: str, schedule: str) -> List[str]: ...
def validate_schedule_text(scenario: str, text: str) -> List[str]: ...

# distributed (issue 25): the size of the core's thread pool in this process
def core_threads(threads: Optional[int] = None) -> int: ...

# ---- schedule editing (py-bindings/src/schedule_edit.rs) --------------------------------

def schedules_edit(
    ws: _Workspace,
    id: int,
    changes: str,
    version: int,
    override_rules: bool = False,
    reoptimise: bool = False,
) -> Dict[str, Any]: ...
def schedules_undo(ws: _Workspace, id: int, version: Optional[int] = None) -> Dict[str, Any]: ...
def schedules_version(ws: _Workspace, id: int) -> int: ...
def schedules_edit_log(
    ws: _Workspace, id: int
) -> List[Tuple[int, str, Optional[int], bool, str, str, str, str]]: ...
def schedules_meeting_slots(
    ws: _Workspace,
    id: int,
    activity: str,
    duration_minutes: int,
    first_day: str,
    last_day: str,
    agents: Optional[List[str]] = None,
    group: Optional[str] = None,
    count: Optional[int] = None,
    slots: int = 5,
) -> List[Tuple[str, str, str, List[str], float, float, float, float, float]]: ...

# ---- time off, overtime and VTO (wfm.timeoff) ----
def time_off_set_now(ws: _Workspace, now: Optional[str] = None) -> None: ...
def time_off_import_allowances(ws: _Workspace, text: str, file: str) -> Tuple[int, int, List[int]]: ...
def time_off_allowances(ws: _Workspace, groups: List[str]) -> str: ...
def time_off_import_balances(ws: _Workspace, text: str, file: str) -> int: ...
def time_off_balances(ws: _Workspace, as_of: Optional[str] = None) -> str: ...
def time_off_ledger(ws: _Workspace, agent: Optional[str] = None, until: Optional[str] = None) -> str: ...
def time_off_adjust(ws: _Workspace, agent: str, activity: str, hours: float, reason: str) -> float: ...
def time_off_request(
    ws: _Workspace,
    agent: str,
    activity: str,
    start: str,
    end: str,
    reason: str,
    supervisor: bool,
    override_rules: bool,
    waitlist: bool,
) -> Tuple[int, str, float, List[str], List[Tuple[int, int, List[str], List[str], List[str], Optional[Tuple[float, float]]]]]: ...
def time_off_decide(
    ws: _Workspace, id: int, verdict: str, override_rules: bool, note: str
) -> Tuple[int, str, float, List[str], List[Tuple[int, int, List[str], List[str], List[str], Optional[Tuple[float, float]]]]]: ...
def time_off_requests(
    ws: _Workspace,
    agent: Optional[str] = None,
    status: Optional[str] = None,
    start: Optional[str] = None,
    end: Optional[str] = None,
) -> str: ...
def overtime_open(
    ws: _Workspace,
    kind: str,
    start: str,
    end: str,
    activity: str,
    slots: int,
    group: Optional[str],
    agents: List[str],
    reason: str,
) -> int: ...
def overtime_answer(
    ws: _Workspace, offer: int, agent: str, answer: str
) -> Tuple[str, List[Tuple[int, int, List[str], List[str], List[str], Optional[Tuple[float, float]]]]]: ...
def overtime_offers(ws: _Workspace) -> str: ...
def overtime_suggest(ws: _Workspace) -> str: ...

# publishing, calendars, search, regeneration (py-bindings/src/schedule_publish.rs)
def schedules_changes(ws: _Workspace, since: int, limit: int) -> Tuple[ArrowTable, int]: ...
def schedules_calendar(
    ws: _Workspace,
    id: int,
    agent: Optional[str] = None,
    supervisor: Optional[str] = None,
    format: str = ...,
    path: Optional[str] = None,
) -> str: ...
def schedules_team(
    ws: _Workspace,
    id: int,
    supervisor: str,
    date: Optional[str] = None,
    week: Optional[str] = None,
) -> ArrowTable: ...
def schedules_search(
    ws: _Workspace,
    name: Optional[str] = None,
    sort: str = ...,
    descending: bool = False,
) -> ArrowTable: ...
def schedules_agents(
    ws: _Workspace,
    id: int,
    name: Optional[str] = None,
    group: Optional[str] = None,
    supervisor: Optional[str] = None,
) -> ArrowTable: ...
def schedules_regenerate(
    ws: _Workspace,
    groups: List[str],
    name: Optional[str] = None,
    channel: str = ...,
    time_limit: float = 600.0,
    gap: float = 0.01,
) -> List[Tuple[str, Any]]: ...

# schedule adherence (wfm.adherence)
def adherence_import(
    ws: _Workspace, path: str, watermark_minutes: int = 5, today: Optional[str] = None
) -> str: ...
def adherence_recalculate(ws: _Workspace, today: Optional[str] = None) -> str: ...
def adherence_report(ws: _Workspace, start: str, end: str, by: str) -> ArrowTable: ...
def adherence_exceptions(ws: _Workspace, start: str, end: str) -> ArrowTable: ...
def adherence_impact(ws: _Workspace, day: str) -> ArrowTable: ...
def adherence_timeline(ws: _Workspace, day: str) -> ArrowTable: ...
def adherence_sample(
    ws: _Workspace,
    day: str,
    path: str,
    format: str = ...,
    seed: int = 7,
    heartbeat_seconds: int = 0,
) -> int: ...

@final
class _Monitor:
    def __new__(
        cls,
        ws: _Workspace,
        day: str,
        grace: List[Tuple[str, int]] = ...,
        alert_after_minutes: int = 5,
        watermark_seconds: int = 0,
    ) -> _Monitor: ...
    def push(self, line: str) -> List[str]: ...
    def statuses(self, now_ms: int) -> ArrowTable: ...
    def unknown_agents(self) -> List[Tuple[str, int]]: ...

# team workspaces (src/access.rs)
def access_set_actor(ws: _Workspace, name: str) -> None: ...
def access_actor(ws: _Workspace) -> str: ...
def access_users(ws: _Workspace) -> List[Tuple[str, List[str], str]]: ...
def access_add_user(
    ws: _Workspace,
    name: str,
    roles: List[str],
    groups: Optional[List[str]] = None,
    agent: Optional[str] = None,
) -> Tuple[str, List[str], str]: ...
def access_remove_user(ws: _Workspace, name: str) -> None: ...
def access_grant(
    ws: _Workspace, name: str, role: str, grant: bool
) -> Tuple[str, List[str], str]: ...
def access_set_scope(
    ws: _Workspace,
    name: str,
    groups: Optional[List[str]] = None,
    agent: Optional[str] = None,
) -> Tuple[str, List[str], str]: ...
def access_roles(ws: _Workspace) -> List[Tuple[str, bool, List[str]]]: ...
def access_define_role(ws: _Workspace, name: str, permissions: List[str]) -> None: ...
def access_audit(
    ws: _Workspace,
    actor: Optional[str] = None,
    operation: Optional[str] = None,
    target: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
) -> str: ...

# time off: the example week published (wfm.timeoff._example_workspace(published=True))
def time_off_example_week(ws: _Workspace) -> int: ...
