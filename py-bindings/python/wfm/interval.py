"""One interval: the agents a service goal needs (:func:`staff`) and what a number of
agents achieves (:func:`queue_metrics`), with the glossary's argument names — the same
as the staffing table's columns, so ``wfm.staff(**row)`` staffs a row of it.

The goal is ``service_level_target`` (a share) answered within
``service_level_seconds``, or ``asa_target_seconds``. The former names
``service_level=``, ``asa_seconds=`` (of :func:`staff`) and ``answer_seconds=`` (of
:func:`queue_metrics`) work for one more release, with a ``DeprecationWarning``.
"""

from __future__ import annotations

from typing import Optional, SupportsFloat, SupportsIndex, Union

from wfm import _wfm
from wfm._args import call_checked
from wfm._errors import InvalidInputError
from wfm._names import deprecated, renamed
from wfm._wfm import QueueMetrics, Staffing

__all__ = ["queue_metrics", "staff"]

Real = Union[SupportsFloat, SupportsIndex]

#: The extension's argument names → the public ones.
_STAFF_NAMES = {"service_level": "service_level_target", "asa_seconds": "asa_target_seconds"}
_METRICS_NAMES = {"answer_seconds": "service_level_seconds"}


@call_checked
def staff(
    volume: Real,
    aht_seconds: Real,
    interval_seconds: Real = 1800.0,
    *,
    service_level_target: Optional[Real] = None,
    service_level_seconds: Optional[Real] = None,
    asa_target_seconds: Optional[Real] = None,
    max_occupancy: Real = 1.0,
    shrinkage: Real = 0.0,
    patience_seconds: Optional[Real] = None,
    concurrency: SupportsIndex = 1,
    service_level: Optional[Real] = None,
    asa_seconds: Optional[Real] = None,
) -> Staffing:
    """The fewest agents meeting a service-level or an ASA goal, and what they achieve.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``. The
    goal is ``service_level_target`` (a share in (0, 1)) answered within
    ``service_level_seconds``, or an average speed of answer of at most
    ``asa_target_seconds``. ``max_occupancy`` in (0, 1] adds agents until occupancy is
    at most that; ``shrinkage`` in [0, 1) gives ``agents_with_shrinkage``;
    ``patience_seconds`` switches to Erlang A (callers abandon after that mean wait);
    ``concurrency`` is the number of contacts an agent works at once (chat).
    ``service_level=`` and ``asa_seconds=`` are the deprecated former names of
    ``service_level_target=`` and ``asa_target_seconds=`` (removed in the next release).

    Returns a :class:`wfm.Staffing`. Raises :class:`wfm.InvalidInputError` listing
    every bad argument as ``<arguments>:0: NAME: reason``.

    >>> import wfm
    >>> s = wfm.staff(100, 180, 1800, service_level_target=0.8, service_level_seconds=20,
    ...               max_occupancy=0.85, shrinkage=0.3)
    >>> s.agents, s.agents_with_shrinkage, round(s.service_level, 3)
    (14, 20, 0.888)
    >>> s
    Staffing(agents=14, agents_with_shrinkage=20, service_level=0.888, asa_seconds=7.836, occupancy=0.714)
    >>> wfm.staff(100, 180, asa_target_seconds=15).agents
    14

    Any argument may be a numpy array (or a list): all are broadcast as numpy
    broadcasts, solved in parallel, and the answer is a :class:`wfm.StaffingArrays`
    (each field an array of the broadcast shape); a bad element is named by its index.

    >>> wfm.staff([0, 100, 250], 180, asa_target_seconds=15).agents
    array([ 0, 14, 30])
    >>> wfm.staff(100, 180, service_level_target=1.0, service_level_seconds=20)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wfm._errors.InvalidInputError: 1 error(s) in the input, nothing was applied:
    <arguments>:0: service_level_target: goal cannot be met by any number of agents: ...
    """
    target = deprecated("service_level", service_level, "service_level_target", service_level_target)
    asa = deprecated("asa_seconds", asa_seconds, "asa_target_seconds", asa_target_seconds)
    # The extension checks every value (and names a bad one); only the names change.
    try:
        return _wfm.staff(
            volume,
            aht_seconds,
            interval_seconds,
            service_level=target,
            service_level_seconds=service_level_seconds,
            asa_seconds=asa,
            max_occupancy=max_occupancy,
            shrinkage=shrinkage,
            patience_seconds=patience_seconds,
            concurrency=concurrency,
        )
    except InvalidInputError as e:
        raise renamed(e, _STAFF_NAMES) from None


@call_checked
def queue_metrics(
    volume: Real,
    aht_seconds: Real,
    interval_seconds: Real,
    agents: SupportsIndex,
    service_level_seconds: Optional[Real] = None,
    concurrency: SupportsIndex = 1,
    patience_seconds: Optional[Real] = None,
    *,
    answer_seconds: Optional[Real] = None,
) -> QueueMetrics:
    """The queue's performance with ``agents`` agents: Erlang C, or Erlang A when
    ``patience_seconds`` (the callers' mean patience) is given.

    ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``;
    ``service_level_seconds`` is the threshold of the service level; each agent works
    ``concurrency`` contacts at once. ``answer_seconds=`` is the deprecated former name
    of ``service_level_seconds=`` (removed in the next release). Returns a
    :class:`wfm.QueueMetrics`. Raises :class:`wfm.InvalidInputError` listing every bad
    argument.

    >>> import wfm
    >>> m = wfm.queue_metrics(100, 180, 1800, agents=11, service_level_seconds=20)
    >>> m.traffic, round(m.service_level, 3), round(m.asa_seconds, 1)
    (10.0, 0.39, 122.8)
    >>> m
    QueueMetrics(agents=11, service_level=0.39, asa_seconds=122.781, occupancy=0.909)
    >>> a = wfm.queue_metrics(100, 180, 1800, 11, 20, patience_seconds=60)
    >>> round(a.service_level, 3), round(a.abandon_probability, 3)
    (0.797, 0.112)

    Any argument may be a numpy array (or a list): the answer is then a
    :class:`wfm.QueueMetricsArrays` of the broadcast shape.

    >>> wfm.queue_metrics(100, 180, 1800, agents=[11, 12, 13], service_level_seconds=20).agents
    array([11, 12, 13])
    """
    seconds = deprecated("answer_seconds", answer_seconds, "service_level_seconds", service_level_seconds)
    if seconds is None:
        raise InvalidInputError(
            [("<arguments>", 0, "service_level_seconds", "missing: the service level's threshold")]
        )
    try:
        return _wfm.queue_metrics(
            volume, aht_seconds, interval_seconds, agents, seconds, concurrency, patience_seconds
        )
    except InvalidInputError as e:
        raise renamed(e, _METRICS_NAMES) from None
