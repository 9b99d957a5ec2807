//! The staffing functions of `wfm`: Erlang B, the queue's metrics, the staffing of one
//! interval and of a table. Each converts its arguments (through [`crate::Arguments`]),
//! asks `wfm_erlang` or the facade's staffing batch, and converts the answer back.

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use wfm::erlang::{self, ErlangA, ErlangC, Goal, MaxOccupancy, Shrinkage, StaffingRequest};
use wfm::staffing::{DATAFRAME_SOURCE, StaffingBatch, results_to_dataframe};

mod arrays;

use crate::{Arguments, Failure, PyQueueMetrics, PyStaffing, argument_problem, guarded};

/// Erlang B: the probability that a contact finds all ``servers`` busy in a loss system
/// (no queue) offered ``traffic`` Erlangs.
///
/// Exact to double precision from 0.01 to a million Erlangs; no factorials.
/// Raises ``InvalidInputError`` for a traffic that is negative or not finite, or
/// servers that are not a whole number of at least 0.
///
/// >>> import wfm
/// >>> wfm.erlang_b(2.0, 2)  # (2**2 / 2!) / (1 + 2 + 2**2 / 2!)
/// 0.4
/// >>> round(wfm.erlang_b(10.0, 12), 4)
/// 0.1197
///
/// With an array (or a list) for either argument, the two are broadcast as numpy
/// broadcasts and the answer is an array of their shape, computed in parallel without
/// the GIL; a problem names the element (``servers[1]``).
///
/// >>> import numpy as np
/// >>> wfm.erlang_b(np.array([2.0, 10.0]), [2, 12]).round(4)
/// array([0.4   , 0.1197])
#[pyfunction]
#[pyo3(text_signature = "(traffic, servers)")]
fn erlang_b<'py>(
    py: Python<'py>,
    traffic: &Bound<'py, PyAny>,
    servers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if arrays::any_array(&[Some(traffic), Some(servers)]) {
        return arrays::erlang_b(py, traffic, servers).map_err(|f| f.into_pyerr(py));
    }
    let mut args = Arguments::default();
    let traffic = args.seconds("traffic", traffic);
    let servers = args.whole::<u64>("servers", servers, "a whole number of at least 0");
    let (traffic, servers) = match args.finish(traffic.zip(servers)) {
        Ok(v) => v,
        Err(f) => return Err(f.into_pyerr(py)),
    };
    guarded(|| Ok(erlang::erlang_b(traffic, servers)))
        .map_err(|f| f.into_pyerr(py))
        .and_then(|b| b.into_bound_py_any(py))
}

/// The queue's performance with ``agents`` agents: Erlang C, or Erlang A when
/// ``patience_seconds`` (the callers' mean patience) is given.
///
/// ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``;
/// ``answer_seconds`` is the threshold of the service level; each agent works
/// ``concurrency`` contacts at once. Returns a ``QueueMetrics``. Raises
/// ``InvalidInputError`` listing every bad argument.
///
/// >>> import wfm
/// >>> from wfm import _wfm
/// >>> m = _wfm.queue_metrics(100, 180, 1800, agents=11, answer_seconds=20)
/// >>> m.traffic, round(m.service_level, 3), round(m.asa_seconds, 1)
/// (10.0, 0.39, 122.8)
/// >>> a = _wfm.queue_metrics(100, 180, 1800, 11, 20, patience_seconds=60)
/// >>> round(a.service_level, 3), round(a.abandon_probability, 3)
/// (0.797, 0.112)
///
/// Any argument may be a numpy array (or a list): all are broadcast together and the
/// answer is a ``QueueMetricsArrays``, each field an array of the broadcast shape.
///
/// >>> import numpy as np
/// >>> _wfm.queue_metrics(100, 180, 1800, agents=np.arange(11, 14), answer_seconds=20).agents
/// array([11, 12, 13])
#[pyfunction]
#[pyo3(
    signature = (volume, aht_seconds, interval_seconds, agents, answer_seconds, concurrency = None, patience_seconds = None),
    text_signature = "(volume, aht_seconds, interval_seconds, agents, answer_seconds, concurrency=1, patience_seconds=None)"
)]
#[allow(clippy::too_many_arguments)]
fn queue_metrics<'py>(
    py: Python<'py>,
    volume: &Bound<'py, PyAny>,
    aht_seconds: &Bound<'py, PyAny>,
    interval_seconds: &Bound<'py, PyAny>,
    agents: &Bound<'py, PyAny>,
    answer_seconds: &Bound<'py, PyAny>,
    concurrency: Option<&Bound<'py, PyAny>>,
    patience_seconds: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let all = [
        volume,
        aht_seconds,
        interval_seconds,
        agents,
        answer_seconds,
    ];
    if arrays::any_array(&all.map(Some)) || arrays::any_array(&[concurrency, patience_seconds]) {
        let a = arrays::MetricsArguments {
            volume,
            aht_seconds,
            interval_seconds,
            agents,
            answer_seconds,
            concurrency,
            patience_seconds,
        };
        return arrays::queue_metrics(py, &a).map_err(|f| f.into_pyerr(py));
    }
    let mut args = Arguments::default();
    let workload = args.workload(volume, aht_seconds, Some(interval_seconds));
    let agents = args.whole::<u64>("agents", agents, "a whole number of at least 0");
    let answer_seconds = args.seconds("answer_seconds", answer_seconds);
    let concurrency = args.concurrency(concurrency);
    let patience = args.patience(patience_seconds);
    let call = (|| Some((workload?, agents?, answer_seconds?, concurrency?, patience?)))();
    let (workload, agents, answer_seconds, concurrency, patience) = match args.finish(call) {
        Ok(v) => v,
        Err(f) => return Err(f.into_pyerr(py)),
    };
    guarded(|| {
        Ok(match patience {
            Some(p) => ErlangA::new(workload, p)
                .with_concurrency(concurrency)
                .metrics(agents, answer_seconds),
            None => ErlangC::new(workload)
                .with_concurrency(concurrency)
                .metrics(agents, answer_seconds),
        })
    })
    .map(PyQueueMetrics::from)
    .map_err(|f| f.into_pyerr(py))
    .and_then(|m| m.into_bound_py_any(py))
}

/// The fewest agents meeting a service-level or an ASA goal, and what they achieve.
///
/// ``volume`` contacts of ``aht_seconds`` each arrive over ``interval_seconds``. The
/// goal is ``service_level`` (a share in (0, 1)) answered within
/// ``service_level_seconds``, or an average speed of answer of at most
/// ``asa_seconds``. ``max_occupancy`` in (0, 1] adds agents until occupancy is at
/// most that; ``shrinkage`` in [0, 1) gives ``agents_with_shrinkage``;
/// ``patience_seconds`` switches to Erlang A (callers abandon after that mean wait);
/// ``concurrency`` is the number of contacts an agent works at once (chat).
///
/// Returns a ``Staffing``. Raises ``InvalidInputError`` listing every bad argument as
/// ``<arguments>:0: NAME: reason``.
///
/// Any argument may be a numpy array (or a list): all are broadcast as numpy
/// broadcasts, every element is solved in parallel without the GIL, and the answer is a
/// ``StaffingArrays``, each field an array of the broadcast shape. A bad element is named
/// by its index in that shape: ``<arguments>:0: volume[1]: reason``.
///
/// >>> import wfm
/// >>> from wfm import _wfm
/// >>> s = _wfm.staff(100, 180, 1800, service_level=0.8, service_level_seconds=20,
/// ...               max_occupancy=0.85, shrinkage=0.3)
/// >>> s.agents, s.agents_with_shrinkage, round(s.service_level, 3)
/// (14, 20, 0.888)
/// >>> _wfm.staff(250, 240, service_level=0.8, service_level_seconds=20, patience_seconds=60).agents
/// 33
/// >>> _wfm.staff(100, 180, service_level=1.0, service_level_seconds=20)  # doctest: +ELLIPSIS
/// Traceback (most recent call last):
/// ...
/// wfm._errors.InvalidInputError: 1 error(s) in the input, nothing was applied:
/// <arguments>:0: service_level: goal cannot be met by any number of agents: ...
/// >>> import numpy as np
/// >>> _wfm.staff(np.array([0, 100, 250]), 180, service_level=0.8, service_level_seconds=20).agents
/// array([ 0, 14, 30])
/// >>> _wfm.staff([100, -5, np.nan], 180, asa_seconds=15)  # doctest: +ELLIPSIS
/// Traceback (most recent call last):
/// ...
/// wfm._errors.InvalidInputError: 2 error(s) in the input, nothing was applied:
/// <arguments>:0: volume[1]: must be 0 or greater, got -5
/// <arguments>:0: volume[2]: must be a finite number, got NaN
#[pyfunction]
#[pyo3(
    signature = (volume, aht_seconds, interval_seconds = None, *, service_level = None, service_level_seconds = None, asa_seconds = None, max_occupancy = None, shrinkage = None, patience_seconds = None, concurrency = None),
    text_signature = "(volume, aht_seconds, interval_seconds=1800.0, *, service_level=None, service_level_seconds=None, asa_seconds=None, max_occupancy=1.0, shrinkage=0.0, patience_seconds=None, concurrency=1)"
)]
#[allow(clippy::too_many_arguments)]
fn staff<'py>(
    py: Python<'py>,
    volume: &Bound<'py, PyAny>,
    aht_seconds: &Bound<'py, PyAny>,
    interval_seconds: Option<&Bound<'py, PyAny>>,
    service_level: Option<&Bound<'py, PyAny>>,
    service_level_seconds: Option<&Bound<'py, PyAny>>,
    asa_seconds: Option<&Bound<'py, PyAny>>,
    max_occupancy: Option<&Bound<'py, PyAny>>,
    shrinkage: Option<&Bound<'py, PyAny>>,
    patience_seconds: Option<&Bound<'py, PyAny>>,
    concurrency: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = arrays::StaffArguments {
        volume,
        aht_seconds,
        interval_seconds,
        service_level,
        service_level_seconds,
        asa_seconds,
        max_occupancy,
        shrinkage,
        patience_seconds,
        concurrency,
    };
    if a.any_array() {
        let goal = goal_kind(
            service_level.is_some(),
            service_level_seconds.is_some(),
            asa_seconds.is_some(),
        );
        return match goal {
            Ok(goal_argument) => arrays::staff(py, &a, goal_argument),
            Err((argument, reason)) => Err(Failure::Input(
                vec![arrays::problem(argument, reason.to_owned())],
                0,
            )),
        }
        .map_err(|f| f.into_pyerr(py));
    }
    let mut args = Arguments::default();
    let workload = args.workload(volume, aht_seconds, interval_seconds);
    let sl = args.optional_real("service_level", service_level);
    let sl_seconds = args.optional_real("service_level_seconds", service_level_seconds);
    let asa = args.optional_real("asa_seconds", asa_seconds);
    let (goal, goal_argument) = match (sl, sl_seconds, asa) {
        (Some(Some(p)), Some(Some(t)), Some(None)) => (
            args.erlang(Goal::service_level(p, t), "service_level"),
            "service_level",
        ),
        (Some(None), Some(None), Some(Some(t))) => {
            (args.erlang(Goal::asa(t), "asa_seconds"), "asa_seconds")
        }
        (Some(sl), Some(sl_seconds), Some(asa)) => {
            match goal_kind(sl.is_some(), sl_seconds.is_some(), asa.is_some()) {
                Err((argument, reason)) => (args.fail(argument, reason.to_owned()), ""),
                Ok(_) => (None, ""), // unreachable: the two goals are matched above
            }
        }
        _ => (None, ""), // an argument was not a number: already reported
    };
    let max_occupancy = match args.optional_real("max_occupancy", max_occupancy) {
        Some(Some(v)) => args.erlang(MaxOccupancy::new(v), "max_occupancy"),
        Some(None) => Some(MaxOccupancy::default()),
        None => None,
    };
    let shrinkage = match args.optional_real("shrinkage", shrinkage) {
        Some(Some(v)) => args.erlang(Shrinkage::new(v), "shrinkage"),
        Some(None) => Some(Shrinkage::default()),
        None => None,
    };
    let patience = args.patience(patience_seconds);
    let concurrency = args.concurrency(concurrency);
    let request = (|| {
        let request = StaffingRequest::new(workload?, goal?)
            .max_occupancy(max_occupancy?)
            .shrinkage(shrinkage?)
            .concurrency(concurrency?);
        Some(match patience? {
            Some(p) => request.patience(p),
            None => request,
        })
    })();
    let request = match args.finish(request) {
        Ok(r) => r,
        Err(f) => return Err(f.into_pyerr(py)),
    };
    guarded(|| {
        request
            .solve()
            .map_err(|e| Failure::Input(vec![argument_problem(&e, goal_argument)], 0))
    })
    .map(PyStaffing::from)
    .map_err(|f| f.into_pyerr(py))
    .and_then(|s| s.into_bound_py_any(py))
}

/// The goal that the goal arguments given (`true`) ask for: the argument blamed when it
/// cannot be met (`service_level` or `asa_seconds`), or the argument and reason of a
/// combination that is no goal.
fn goal_kind(
    service_level: bool,
    service_level_seconds: bool,
    asa_seconds: bool,
) -> Result<&'static str, (&'static str, &'static str)> {
    const HALF: &str =
        "missing: a service-level goal needs service_level and service_level_seconds";
    match (service_level, service_level_seconds, asa_seconds) {
        (true, true, false) => Ok("service_level"),
        (false, false, true) => Ok("asa_seconds"),
        (_, _, true) => Err((
            "asa_seconds",
            "give either a service-level goal or an ASA goal, not both",
        )),
        (true, false, false) => Err(("service_level_seconds", HALF)),
        (false, true, false) => Err(("service_level", HALF)),
        (false, false, false) => Err((
            "",
            "no goal: give service_level with service_level_seconds, or asa_seconds",
        )),
    }
}

/// Staffs every row of a table with the columns of the batch CSV, given as a DataFrame
/// (any object with ``__arrow_c_stream__``: polars, pandas ≥ 2.2, pyarrow); returns the
/// input columns followed by the results, as an ``ArrowTable``. Use
/// ``wfm.staff_table``, which also takes pandas and prepares column types; rows are
/// solved in parallel, without the GIL.
///
/// Tables cross as Arrow C streams (``wfm._wfm.ArrowTable``) rather than through
/// pyo3-polars: pyo3-polars makes polars itself depend on pyo3, so every Rust binary (the
/// CLI, the tests) would have to link libpython.
///
/// >>> import polars as pl
/// >>> from wfm import _wfm
/// >>> day = pl.DataFrame({"volume": [100.0], "aht_seconds": [180.0],
/// ...                     "interval_seconds": [1800.0], "asa_target_seconds": [15.0]})
/// >>> pl.DataFrame(_wfm.staff_frame(day))["agents"].to_list()
/// [14]
#[pyfunction]
#[pyo3(text_signature = "(frame)")]
fn staff_frame(py: Python<'_>, frame: &Bound<'_, PyAny>) -> PyResult<crate::arrow::PyArrowTable> {
    let df = crate::arrow::frame_of(frame, "frame").map_err(|f| f.into_pyerr(py))?;
    let out = py.detach(move || {
        guarded(|| {
            let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE)?;
            let results = batch.solve()?;
            crate::arrow::table("result", Ok(results_to_dataframe(&batch, &results)?))
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}

/// Adds the staffing functions to the module `_wfm`.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(erlang_b, m)?)?;
    m.add_function(wrap_pyfunction!(queue_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(staff, m)?)?;
    m.add_function(wrap_pyfunction!(staff_frame, m)?)?;
    Ok(())
}
