"""wfm: workforce management for contact centers, backed by Rust.

How many agents an interval needs to meet a service goal, and what a given number of
agents achieves — Erlang B, C and A, chat concurrency, occupancy caps and shrinkage —
for one interval (:func:`staff`, :func:`queue_metrics`, :func:`erlang_b`) or for a whole
table at once (:func:`staff_table`, polars or pandas in, polars out) — and the planning
:class:`Workspace` (queues, forecast groups, validated history imports), shared with the
``wfm`` command line, forecasts (:func:`forecast`), capacity plans
(:func:`capacity_plan`) and a week's shift schedule (:func:`generate_schedule`,
:func:`validate_schedule`).

>>> import wfm
>>> s = wfm.staff(100, 180, service_level_target=0.8, service_level_seconds=20,
...               max_occupancy=0.85, shrinkage=0.3)
>>> s.agents, s.agents_with_shrinkage
(14, 20)

Bad input raises :class:`InvalidInputError` (a :class:`WfmError` and a ``ValueError``)
listing every problem as ``FILE:LINE: COLUMN: reason``.
"""

from wfm._errors import (
    AlreadyPublishedError,
    ConcurrentChangeError,
    ConflictError,
    DamagedWorkspaceError,
    EncodeError,
    FileError,
    ForecastDoesNotCoverError,
    InputProblem,
    InsufficientDataError,
    InUseError,
    InvalidArgumentError,
    InvalidInputError,
    NotAWorkspaceError,
    NotFoundError,
    OutOfRangeError,
    OutputIsInputError,
    PlanningError,
    PermissionDenied,
    PreconditionError,
    SchedulingError,
    SchemaVersionError,
    StaleVersionError,
    StoreError,
    TimeOffError,
    WfmError,
)
import typing as _typing

from wfm import _wfm
from wfm import adherence
from wfm._args import checked as _checked
from wfm._wfm import QueueMetrics, Staffing, __version__
from wfm.capacity import CapacityPlan, capacity_plan
from wfm.forecasting import forecast
from wfm.interval import queue_metrics, staff
from wfm.reports import ScheduleReport, ScheduleSummary
from wfm.scheduling import ScheduleResult, generate_schedule, validate_schedule
from wfm.staffing import QueueMetricsArrays, StaffingArrays, staff_table
from wfm.workspace import ImportResult, Sufficiency, Workspace
from wfm.timeoff import TimeOff

# the Rust function, its conversion errors (a negative or huge int, a wrong number of
# arguments) raised as InvalidInputError like every other bad argument
erlang_b = _checked(_wfm.erlang_b)

__all__ = [
    "AlreadyPublishedError",
    "CapacityPlan",
    "ConcurrentChangeError",
    "ConflictError",
    "DamagedWorkspaceError",
    "EncodeError",
    "FileError",
    "ForecastDoesNotCoverError",
    "ImportResult",
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
    "QueueMetrics",
    "QueueMetricsArrays",
    "ScheduleReport",
    "ScheduleResult",
    "ScheduleSummary",
    "SchedulingError",
    "SchemaVersionError",
    "StaleVersionError",
    "Staffing",
    "StaffingArrays",
    "StoreError",
    "TimeOffError",
    "Sufficiency",
    "TimeOff",
    "WfmError",
    "Workspace",
    "__version__",
    "capacity_plan",
    "erlang_b",
    "forecast",
    "generate_schedule",
    "queue_metrics",
    "staff",
    "staff_table",
    "validate_schedule",
]

if _typing.TYPE_CHECKING:
    from wfm import demo


def __getattr__(name: str) -> object:
    """``wfm.demo``, imported on first use: ``python -m wfm.demo`` then runs the module
    once, as ``__main__`` (imported with the package, runpy warns that it was already
    imported)."""
    if name == "demo":
        import importlib

        return importlib.import_module("wfm.demo")
    raise AttributeError(f"module 'wfm' has no attribute {name!r}")
