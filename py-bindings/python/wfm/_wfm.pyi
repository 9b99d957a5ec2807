"""Type stubs of the Rust extension ``wfm._wfm``; use it through :mod:`wfm`."""

from typing import Any, Dict, Optional, SupportsFloat, SupportsIndex, Union

__version__: str

_Real = Union[SupportsFloat, SupportsIndex]

class QueueMetrics:
    """The queue's performance with a given number of agents."""

    @property
    def agents(self) -> int: ...
    @property
    def servers(self) -> int: ...
    @property
    def traffic(self) -> float: ...
    @property
    def waiting_probability(self) -> float: ...
    @property
    def service_level(self) -> float: ...
    @property
    def asa_seconds(self) -> float: ...
    @property
    def occupancy(self) -> float: ...
    @property
    def queue_length(self) -> float: ...
    @property
    def abandon_probability(self) -> float: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...

class Staffing:
    """The answer to a staffing question: the agents needed and what they achieve."""

    @property
    def agents(self) -> int: ...
    @property
    def agents_fractional(self) -> float: ...
    @property
    def agents_with_shrinkage(self) -> int: ...
    @property
    def agents_with_shrinkage_fractional(self) -> float: ...
    @property
    def goal_agents(self) -> int: ...
    @property
    def occupancy_capped(self) -> bool: ...
    @property
    def traffic(self) -> float: ...
    @property
    def service_level(self) -> float: ...
    @property
    def asa_seconds(self) -> float: ...
    @property
    def occupancy(self) -> float: ...
    @property
    def waiting_probability(self) -> float: ...
    @property
    def queue_length(self) -> float: ...
    @property
    def abandon_probability(self) -> float: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...

def erlang_b(traffic: _Real, servers: SupportsIndex) -> float:
    """Erlang B: the probability that a contact finds all ``servers`` busy."""

def queue_metrics(
    volume: _Real,
    aht_seconds: _Real,
    interval_seconds: _Real,
    agents: SupportsIndex,
    answer_seconds: _Real,
    concurrency: Optional[SupportsIndex] = 1,
    patience_seconds: Optional[_Real] = None,
) -> QueueMetrics:
    """The queue's metrics with ``agents`` agents: Erlang C, or Erlang A with a patience."""

def staff(
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
    """The fewest agents meeting a service-level or ASA goal, and what they achieve."""

def staff_frame(parquet: bytes) -> bytes:
    """Staffs every row of a table given as Parquet bytes; see :func:`wfm.staff_table`."""
