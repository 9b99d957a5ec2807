"""wfm.staff, wfm.queue_metrics and wfm.erlang_b on single intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest

import wfm

SL = dict(service_level_target=0.8, service_level_seconds=20)


def test_the_pyworkforce_readme_case() -> None:
    # 100 calls in 30 minutes of 3 minutes each, 80 % in 20 s, occupancy at most 85 %,
    # 30 % shrinkage.
    s = wfm.staff(100, 180, 1800, **SL, max_occupancy=0.85, shrinkage=0.3)
    assert s.agents == 14
    assert s.agents_with_shrinkage == 20
    assert 13.0 < s.agents_fractional <= 14.0
    assert s.traffic == pytest.approx(10.0)
    assert s.service_level >= 0.8
    assert s.occupancy <= 0.85
    assert s.abandon_probability == 0.0
    # The same without the occupancy cap: the goal alone sets 13 agents.
    assert s.goal_agents == wfm.staff(100, 180, **SL).agents
    assert s.occupancy_capped == (s.agents > s.goal_agents)


def test_the_answer_is_the_fewest_agents_meeting_the_goal() -> None:
    s = wfm.staff(250, 240, **SL)
    assert s.service_level >= 0.8
    fewer = wfm.queue_metrics(250, 240, 1800, s.agents - 1, 20)
    assert fewer.service_level < 0.8
    same = wfm.queue_metrics(250, 240, 1800, s.agents, 20)
    assert same.service_level == pytest.approx(s.service_level, rel=1e-12)


def test_asa_goal() -> None:
    s = wfm.staff(100, 180, asa_target_seconds=15)
    assert s.asa_seconds <= 15.0
    assert wfm.queue_metrics(100, 180, 1800, s.agents - 1, 15).asa_seconds > 15.0
    assert s.agents == 14


def test_erlang_a_through_patience() -> None:
    c = wfm.staff(250, 240, **SL)
    a = wfm.staff(250, 240, **SL, patience_seconds=60)
    assert 0.0 < a.abandon_probability < a.waiting_probability
    assert a.agents <= c.agents  # impatient callers leave: no more agents needed
    m = wfm.queue_metrics(250, 240, 1800, a.agents, 20, patience_seconds=60)
    assert m.service_level == pytest.approx(a.service_level, rel=1e-12)
    assert m.abandon_probability == pytest.approx(a.abandon_probability, rel=1e-12)
    fewer = wfm.queue_metrics(250, 240, 1800, a.agents - 1, 20, patience_seconds=60)
    assert fewer.service_level < 0.8


def test_chat_concurrency() -> None:
    one = wfm.staff(300, 600, **SL)
    three = wfm.staff(300, 600, **SL, concurrency=3)
    assert three.agents < one.agents
    m = wfm.queue_metrics(300, 600, 1800, three.agents, 20, concurrency=3)
    assert m.servers == 3 * three.agents
    assert m.service_level >= 0.8
    fewer = wfm.queue_metrics(300, 600, 1800, three.agents - 1, 20, concurrency=3)
    assert fewer.service_level < 0.8


def test_erlang_b() -> None:
    assert wfm.erlang_b(1.0, 1) == pytest.approx(0.5, abs=1e-15)
    assert wfm.erlang_b(2.0, 2) == pytest.approx(0.4, abs=1e-15)
    assert wfm.erlang_b(0.0, 3) == 0.0
    assert wfm.erlang_b(5, 0) == 1.0
    assert wfm.erlang_b(np.float64(2.0), np.int64(2)) == pytest.approx(0.4)


def test_numpy_and_integer_arguments_are_accepted() -> None:
    a = wfm.staff(np.int64(100), np.float32(180), np.float64(1800.0), asa_target_seconds=15)
    assert a == wfm.staff(100, 180, asa_target_seconds=15)


def test_records() -> None:
    s = wfm.staff(100, 180, **SL)
    assert repr(s).startswith("Staffing(agents=14, agents_with_shrinkage=14, service_level=0.")
    d = s.to_dict()
    assert list(d) == [
        "agents",
        "agents_fractional",
        "agents_with_shrinkage",
        "agents_with_shrinkage_fractional",
        "goal_agents",
        "occupancy_capped",
        "traffic",
        "service_level",
        "asa_seconds",
        "occupancy",
        "waiting_probability",
        "queue_length",
        "abandon_probability",
    ]
    assert d["agents"] == s.agents and isinstance(d["agents"], int)
    with pytest.raises(AttributeError):
        s.agents = 3  # type: ignore[misc]
    m = wfm.queue_metrics(100, 180, 1800, 11, 20)
    assert repr(m) == "QueueMetrics(agents=11, service_level=0.39, asa_seconds=122.781, occupancy=0.909)"
    assert set(m.to_dict()) >= {"servers", "queue_length", "abandon_probability"}
    # An unstable queue: fewer agents than Erlangs.
    unstable = wfm.queue_metrics(100, 180, 1800, 10, 20)
    assert unstable.service_level == 0.0 and math.isinf(unstable.asa_seconds)


def problems(excinfo: pytest.ExceptionInfo[wfm.InvalidInputError]) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.column) for p in excinfo.value.errors]


@pytest.mark.parametrize(
    ("kwargs", "column", "reason"),
    [
        (dict(volume=float("nan")), "volume", "must be a finite number, got NaN"),
        (dict(volume=-1), "volume", "must be 0 or greater, got -1"),
        (dict(volume=float("inf")), "volume", "must be a finite number, got inf"),
        (dict(volume=10**400), "volume", "must be a finite number, got 1000"),
        (dict(volume="100"), "volume", "not a number: '100'"),
        (dict(volume=None), "volume", "not a number: None"),
        (dict(aht_seconds=0), "aht_seconds", "must be greater than 0, got 0"),
        (dict(aht_seconds=-180.0), "aht_seconds", "must be greater than 0, got -180"),
        (dict(interval_seconds=0), "interval_seconds", "must be greater than 0, got 0"),
        (dict(interval_seconds=float("-inf")), "interval_seconds", "must be a finite number"),
        (dict(max_occupancy=0), "max_occupancy", "must be greater than 0 and at most 1, got 0"),
        (dict(max_occupancy=1.2), "max_occupancy", "got 1.2"),
        (dict(shrinkage=1.0), "shrinkage", "must be at least 0 and below 1, got 1"),
        (dict(shrinkage=-0.1), "shrinkage", "got -0.1"),
        (dict(patience_seconds=0), "patience_seconds", "must be greater than 0, got 0"),
        (dict(patience_seconds=float("nan")), "patience_seconds", "finite"),
        (dict(concurrency=0), "concurrency", "must be a whole number of at least 1, got 0"),
        (dict(concurrency=-1), "concurrency", "must be a whole number of at least 1, got -1"),
        (dict(concurrency=2.5), "concurrency", "got 2.5"),
        (dict(concurrency=10**30), "concurrency", "got 1000000000000000000000000000000"),
        (dict(service_level_target=1.0), "service_level_target", "goal cannot be met by any number of agents"),
        (dict(service_level_target=1.5), "service_level_target", "must be between 0 and 1, exclusive, got 1.5"),
        (dict(service_level_target=0.0), "service_level_target", "between 0 and 1, exclusive"),
        (dict(service_level_target=float("nan")), "service_level_target", "finite"),
        (dict(service_level_seconds=-5), "service_level_seconds", "0 or greater, got -5"),
    ],
)
def test_each_bad_argument_is_named(kwargs: dict, column: str, reason: str) -> None:
    call = dict(volume=100, aht_seconds=180, interval_seconds=1800, **SL)
    call.update(kwargs)
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(**call)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, wfm.WfmError)
    assert problems(caught) == [("<arguments>", 0, column)]
    assert reason in caught.value.errors[0].reason
    assert f"<arguments>:0: {column}: " in str(caught.value)


@pytest.mark.parametrize(
    ("goal", "column"),
    [
        (dict(), ""),
        (dict(service_level_target=0.8), "service_level_seconds"),
        (dict(service_level_seconds=20), "service_level_target"),
        (dict(service_level_target=0.8, service_level_seconds=20, asa_target_seconds=15), "asa_target_seconds"),
        (dict(asa_target_seconds=0), "asa_target_seconds"),
        (dict(asa_target_seconds=-3), "asa_target_seconds"),
    ],
)
def test_goal_arguments(goal: dict, column: str) -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(100, 180, **goal)
    assert problems(caught) == [("<arguments>", 0, column)]


def test_every_bad_argument_is_listed_at_once() -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(
            -5,
            180,
            service_level_target=1.2,
            service_level_seconds=20,
            max_occupancy=0,
            shrinkage=1,
            patience_seconds=-1,
            concurrency=0,
        )
    assert [p.column for p in caught.value.errors] == [
        "volume",
        "service_level_target",
        "max_occupancy",
        "shrinkage",
        "patience_seconds",
        "concurrency",
    ]


def test_bad_queue_metrics_and_erlang_b_arguments() -> None:
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.queue_metrics(100, 180, 1800, -1, -20, concurrency=0, patience_seconds=0)
    assert [p.column for p in caught.value.errors] == [
        "agents",
        "service_level_seconds",
        "concurrency",
        "patience_seconds",
    ]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.queue_metrics(100, 180, 1800, 2.5, float("nan"))
    assert [p.column for p in caught.value.errors] == ["agents", "service_level_seconds"]
    for traffic, servers, column in [
        (float("nan"), 3, "traffic"),
        (-1.0, 3, "traffic"),
        (float("inf"), 3, "traffic"),
        (1.0, -3, "servers"),
        (1.0, 2**64, "servers"),
        ("x", 3, "traffic"),
    ]:
        with pytest.raises(wfm.InvalidInputError) as caught:
            wfm.erlang_b(traffic, servers)
        assert [p.column for p in caught.value.errors] == [column]


def test_large_but_finite_values_do_not_panic() -> None:
    # Large workloads are solved (the Erlang B recursion starts near the traffic).
    big = wfm.staff(1e7, 180, 1800, **SL)
    assert big.agents > 1e6 and big.service_level >= 0.8
    assert wfm.erlang_b(1e6, 1_000_000) == pytest.approx(wfm.erlang_b(1e6, 1_000_000))
    # Tiny values are fine too.
    tiny = wfm.staff(1e-9, 1e-9, 1e9, **SL)
    assert tiny.agents == 1


def test_a_workload_too_large_for_the_math_is_an_error_not_a_panic() -> None:
    # 1e300 contacts, or an interval of 1e-300 s: the traffic overflows. Whatever the math
    # does with it, Python gets a WfmError (not a PanicException, not a hang).
    for volume, interval in [(1e300, 1800.0), (100.0, 1e-300)]:
        with pytest.raises(wfm.WfmError):
            wfm.staff(volume, 180, interval, **SL)


def test_staff_in_a_loop_binds_no_signature(monkeypatch):
    """Regression (issue 19, item 11): ``wfm.staff`` checked its arguments twice in
    Python (a signature bind per call, 37 s per million calls); the extension checks
    every value itself, so a call binds no signature."""
    import inspect

    def refuse(*args, **kwargs):
        raise AssertionError("a signature was bound")

    monkeypatch.setattr(inspect.Signature, "bind", refuse)
    assert wfm.staff(100, 180, 1800, service_level_target=0.8, service_level_seconds=20).agents == 14
    assert wfm.queue_metrics(100, 180, 1800, 11, service_level_seconds=20).agents == 11
    with pytest.raises(wfm.InvalidInputError, match="service_level_target"):
        wfm.staff(100, 180, 1800, service_level_target=2.0, service_level_seconds=20)
