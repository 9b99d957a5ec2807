"""Issue 19, item 11: wfm.staff, wfm.queue_metrics and wfm.erlang_b over numpy arrays —
broadcast as numpy broadcasts, arrays out (a scalar in stays a scalar out), every bad
element named by its index, and every element the scalar call's answer."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import wfm

SL = dict(service_level_target=0.8, service_level_seconds=20)


def test_scalars_in_give_a_scalar_out_as_before() -> None:
    assert isinstance(wfm.staff(100, 180, **SL), wfm.Staffing)
    assert isinstance(wfm.staff(np.float64(100), np.int64(180), **SL), wfm.Staffing)
    assert isinstance(wfm.erlang_b(2.0, 2), float)
    assert isinstance(wfm.queue_metrics(100, 180, 1800, 11, 20), wfm.QueueMetrics)


def test_arrays_broadcast_to_one_shape_and_dtype() -> None:
    volumes = np.array([[0.0], [100.0], [250.0]])  # (3, 1)
    ahts = np.array([180.0, 240.0])  # (2,)
    s = wfm.staff(volumes, ahts, 1800, **SL, shrinkage=0.3)
    assert isinstance(s, wfm.StaffingArrays)
    assert s.shape == (3, 2)
    for name, value in s.to_dict().items():
        assert value.shape == (3, 2), name
    assert s.agents.dtype == np.int64 and s.agents_with_shrinkage.dtype == np.int64
    assert s.service_level.dtype == np.float64
    assert s.occupancy_capped.dtype == np.bool_
    assert (s.agents[0] == 0).all()
    assert s.agents[2, 1] == wfm.staff(250, 240, 1800, **SL, shrinkage=0.3).agents
    # lists and tuples are arrays too; a 0-d array gives 0-d arrays
    assert wfm.staff([100, 250], 180, **SL).agents.tolist() == [
        wfm.staff(100, 180, **SL).agents,
        wfm.staff(250, 180, **SL).agents,
    ]
    assert wfm.staff(np.array(100.0), 180, **SL).agents.shape == ()
    assert wfm.staff(np.array([], dtype=float), 180, **SL).agents.shape == (0,)


def test_shapes_that_do_not_broadcast_are_an_input_error() -> None:
    with pytest.raises(wfm.InvalidInputError, match="do not broadcast"):
        wfm.staff(np.ones(3), np.ones(2) * 180, **SL)


def test_nan_and_negative_elements_are_named_by_their_index() -> None:
    volumes = np.array([100.0, -5.0, np.nan, 100.0])
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(volumes, 180, **SL)
    assert [(p.column, p.reason) for p in caught.value.errors] == [
        ("volume[1]", "must be 0 or greater, got -5"),
        ("volume[2]", "must be a finite number, got NaN"),
    ]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff(100, np.array([[180.0, 0.0]]), **SL)
    assert [p.column for p in caught.value.errors] == ["aht_seconds[0, 1]"]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.erlang_b([1.0, 2.0], [1, 2.5])
    assert [p.column for p in caught.value.errors] == ["servers[1]"]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.queue_metrics([100, 100], 180, 1800, agents=[10, -1], service_level_seconds=20)
    assert [p.column for p in caught.value.errors] == ["agents[1]"]
    with pytest.raises(wfm.InvalidInputError) as caught:
        wfm.staff([100, 100], 180, service_level_target=[0.8, 1.0], service_level_seconds=20)
    assert [p.column for p in caught.value.errors] == ["service_level_target[1]"]
    with pytest.raises(wfm.InvalidInputError, match="volume: not a number"):
        wfm.staff(np.array(["a", "b"]), 180, **SL)
    with pytest.raises(wfm.InvalidInputError, match="not both"):
        wfm.staff([100], 180, **SL, asa_target_seconds=15)


GRID = list(
    itertools.product(
        [0.0, 0.5, 7.0, 100.0, 2500.0],  # volume
        [30.0, 180.0, 600.0],  # aht
        [900.0, 1800.0],  # interval
        [(0.8, 20.0), (0.95, 60.0)],  # service level goal
        [1.0, 0.85],  # max occupancy
        [None, 90.0],  # patience
        [1, 3],  # concurrency
    )
)


def test_every_element_is_the_scalar_answer_on_a_grid() -> None:
    cols = list(zip(*GRID))
    volume, aht, interval = (np.array(c) for c in cols[:3])
    sl = np.array([g[0] for g in cols[3]])
    within = np.array([g[1] for g in cols[3]])
    occupancy = np.array(cols[4])
    concurrency = np.array(cols[6])
    for patience in (None, 90.0):
        rows = [i for i, g in enumerate(GRID) if g[5] == patience]
        take = np.array(rows)
        s = wfm.staff(
            volume[take], aht[take], interval[take], service_level_target=sl[take],
            service_level_seconds=within[take], max_occupancy=occupancy[take],
            shrinkage=0.25, patience_seconds=patience, concurrency=concurrency[take],
        )
        for k, i in enumerate(rows):
            v, a, t, (p, w), m, _, c = GRID[i]
            one = wfm.staff(v, a, t, service_level_target=p, service_level_seconds=w, max_occupancy=m,
                            shrinkage=0.25, patience_seconds=patience, concurrency=c)
            for name, value in one.to_dict().items():
                assert getattr(s, name)[k] == value, (GRID[i], name)
        m = wfm.queue_metrics(volume[take], aht[take], interval[take], s.agents, within[take],
                              concurrency=concurrency[take], patience_seconds=patience)
        for k, i in enumerate(rows):
            v, a, t, (_, w), _, _, c = GRID[i]
            one = wfm.queue_metrics(v, a, t, int(s.agents[k]), w, concurrency=c,
                                    patience_seconds=patience)
            for name, value in one.to_dict().items():
                assert getattr(m, name)[k] == value, (GRID[i], name)
    traffic = np.linspace(0.0, 500.0, 41)
    servers = np.arange(0, 600, 15)[:, None]
    b = wfm.erlang_b(traffic, servers)
    assert b.shape == (40, 41)
    for i, j in [(0, 0), (3, 7), (39, 40), (20, 11)]:
        assert b[i, j] == wfm.erlang_b(float(traffic[j]), int(servers[i, 0]))
