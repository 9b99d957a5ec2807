//! The staffing functions over numpy arrays: `wfm.staff`, `wfm.queue_metrics` and
//! `wfm.erlang_b` with any argument an array (or a list) broadcast against the others as
//! numpy broadcasts, every element solved in parallel without the GIL, the answers
//! returned as arrays of the broadcast shape.
//!
//! Each argument is read once as `float64` (`numpy.asarray`) and copied out broadcast to
//! the common shape; scalars stay scalars. Every element is checked as the scalar call
//! checks its arguments; a problem is named by the argument and the element's index in
//! the broadcast result (`volume[3]`, `volume[1, 2]`), and all are raised at once as one
//! `wfm.InvalidInputError`, nothing returned.

use std::sync::atomic::{AtomicBool, Ordering};

use numpy::ndarray::{ArrayD, IxDyn};
use numpy::{IntoPyArray, PyReadonlyArrayDyn, PyUntypedArray};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rayon::prelude::*;
use wfm::InputError;
use wfm::erlang::{
    self, Concurrency, ErlangA, ErlangC, ErlangError, Goal, MaxOccupancy, Patience, QueueMetrics,
    Shrinkage, Staffing, StaffingRequest, Workload,
};

use crate::{ARGUMENTS, Failure, erlang_problem, guarded};

/// The problems kept with their messages; the others are counted.
const MAX_KEPT: usize = 10_000;

/// Whether `value` asks for the array form: a numpy array, a list or a tuple, or a
/// sized object numpy reads as an array (a pandas or polars Series). A numpy scalar
/// (`numpy.float64`) is a number: a scalar in gives a scalar out.
pub(super) fn is_array(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyUntypedArray>()
        || value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
        || (value.hasattr("__array__").unwrap_or(false)
            && value.hasattr("__len__").unwrap_or(false))
}

/// Whether any of `values` asks for the array form.
pub(super) fn any_array(values: &[Option<&Bound<'_, PyAny>>]) -> bool {
    values.iter().flatten().any(|v| is_array(v))
}

/// One argument: a number for every element, or one per element of the broadcast shape.
#[derive(Debug, Clone)]
enum Values {
    One(f64),
    Each(Vec<f64>),
}

impl Values {
    #[inline]
    fn at(&self, i: usize) -> f64 {
        match self {
            Self::One(v) => *v,
            Self::Each(v) => v[i],
        }
    }
}

/// The arguments of one call, read as `float64` and broadcast to one shape.
struct Broadcast {
    shape: Vec<usize>,
    /// One per argument, in the order given; `None` for an argument not given.
    values: Vec<Option<Values>>,
}

/// Reads `arguments` (name, value) and broadcasts them; every problem (not numbers,
/// shapes that do not broadcast) as a [`Failure`].
fn broadcast(
    py: Python<'_>,
    arguments: &[(&str, Option<&Bound<'_, PyAny>>)],
) -> Result<Broadcast, Failure> {
    let numpy = py
        .import("numpy")
        .map_err(|e| Failure::Other(e.to_string()))?;
    let mut problems = Vec::new();
    let mut read: Vec<Option<ReadValue>> = Vec::with_capacity(arguments.len());
    for &(name, value) in arguments {
        let Some(value) = value else {
            read.push(None);
            continue;
        };
        let array = numpy
            .call_method1("asarray", (value, "float64"))
            .and_then(|a| {
                a.extract::<PyReadonlyArrayDyn<'_, f64>>()
                    .map_err(Into::into)
            });
        match array {
            Ok(a) if a.as_array().ndim() == 0 && !is_array(value) => {
                read.push(Some(ReadValue::One(
                    a.as_array().iter().copied().next().unwrap_or(f64::NAN),
                )));
            }
            Ok(a) => read.push(Some(ReadValue::Array(a.as_array().to_owned()))),
            Err(_) => {
                problems.push(problem(
                    name,
                    format!(
                        "not a number or an array of numbers: {}",
                        crate::show(value)
                    ),
                ));
                read.push(None);
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Input(problems, 0));
    }
    let shapes: Vec<&[usize]> = read
        .iter()
        .flatten()
        .filter_map(|r| match r {
            ReadValue::Array(a) => Some(a.shape()),
            ReadValue::One(_) => None,
        })
        .collect();
    let Some(shape) = broadcast_shape(&shapes) else {
        let shown: Vec<String> = arguments
            .iter()
            .zip(&read)
            .filter_map(|((name, _), r)| match r {
                Some(ReadValue::Array(a)) => Some(format!("{name} {:?}", a.shape())),
                _ => None,
            })
            .collect();
        return Err(Failure::Input(
            vec![problem(
                "",
                format!("the shapes do not broadcast together: {}", shown.join(", ")),
            )],
            0,
        ));
    };
    let values = read
        .into_iter()
        .map(|r| {
            r.map(|r| match r {
                ReadValue::One(v) => Values::One(v),
                ReadValue::Array(a) => match a.broadcast(IxDyn(&shape)) {
                    Some(b) => Values::Each(b.iter().copied().collect()),
                    None => Values::Each(Vec::new()), // unreachable: the shape broadcasts
                },
            })
        })
        .collect();
    Ok(Broadcast { shape, values })
}

/// An argument as read: a plain number, or an array (of any shape, 0-d included).
enum ReadValue {
    One(f64),
    Array(ArrayD<f64>),
}

/// The shape numpy broadcasts `shapes` to; `None` if they do not broadcast.
fn broadcast_shape(shapes: &[&[usize]]) -> Option<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut shape = vec![1; ndim];
    for s in shapes {
        for (axis, &n) in s.iter().rev().enumerate() {
            let slot = &mut shape[ndim - 1 - axis];
            match (*slot, n) {
                (a, b) if a == b => {}
                (1, b) => *slot = b,
                (_, 1) => {}
                _ => return None,
            }
        }
    }
    Some(shape)
}

/// A problem with the argument `name` (empty: the call as a whole).
pub(super) fn problem(name: &str, reason: String) -> InputError {
    InputError {
        file: ARGUMENTS.to_owned(),
        line: 0,
        column: name.to_owned(),
        reason,
    }
}

/// `name` with the element index `i` of `shape`: `volume[3]`, `volume[1, 2]`.
fn indexed(name: &str, i: usize, shape: &[usize]) -> String {
    if shape.is_empty() {
        return name.to_owned();
    }
    let mut index = vec![0; shape.len()];
    let mut rest = i;
    for (slot, &n) in index.iter_mut().zip(shape).rev() {
        *slot = rest % n.max(1);
        rest /= n.max(1);
    }
    let index: Vec<String> = index.iter().map(ToString::to_string).collect();
    format!("{name}[{}]", index.join(", "))
}

/// What went wrong with one element: the argument blamed and why.
type ElementProblem = (&'static str, String);

/// A whole number from a `float64` element: `None` unless whole and within `range`.
fn whole(v: f64, range: std::ops::RangeInclusive<f64>) -> Option<u64> {
    (v.fract() == 0.0 && range.contains(&v)).then_some(v as u64)
}

/// A time threshold: finite and at least 0.
fn seconds(name: &'static str, v: f64) -> Result<f64, ElementProblem> {
    if !v.is_finite() {
        Err((name, format!("must be a finite number, got {v}")))
    } else if v < 0.0 {
        Err((name, format!("must be 0 or greater, got {v}")))
    } else {
        Ok(v)
    }
}

/// Solves `f` for every element in parallel (without the GIL), or lists every problem
/// as `NAME[INDEX]: reason` (the first [`MAX_KEPT`], the others counted).
fn each<T: Send + Sync + Clone>(
    py: Python<'_>,
    shape: &[usize],
    placeholder: T,
    f: impl Fn(usize) -> Result<T, ElementProblem> + Sync,
) -> Result<Vec<T>, Failure> {
    let n: usize = shape.iter().product();
    py.detach(|| {
        guarded(|| {
            let failed = AtomicBool::new(false);
            let mut out = Vec::with_capacity(n);
            out.par_extend((0..n).into_par_iter().map(|i| {
                f(i).unwrap_or_else(|_| {
                    failed.store(true, Ordering::Relaxed);
                    placeholder.clone()
                })
            }));
            if !failed.load(Ordering::Relaxed) {
                return Ok(out);
            }
            let mut problems = Vec::new();
            let mut more = 0;
            for i in 0..n {
                if let Err((name, reason)) = f(i) {
                    if problems.len() < MAX_KEPT {
                        problems.push(problem(&indexed(name, i, shape), reason));
                    } else {
                        more += 1;
                    }
                }
            }
            Err(Failure::Input(problems, more))
        })
    })
}

/// `values` as a numpy array of `shape`.
fn array<'py, T: numpy::Element>(
    py: Python<'py>,
    shape: &[usize],
    values: Vec<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let array = ArrayD::from_shape_vec(IxDyn(shape), values)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    Ok(array.into_pyarray(py).into_any())
}

/// `wfm.erlang_b` over arrays: the blocking probability of every element.
pub(super) fn erlang_b<'py>(
    py: Python<'py>,
    traffic: &Bound<'py, PyAny>,
    servers: &Bound<'py, PyAny>,
) -> Result<Bound<'py, PyAny>, Failure> {
    let b = broadcast(
        py,
        &[("traffic", Some(traffic)), ("servers", Some(servers))],
    )?;
    let [Some(traffic), Some(servers)] = &b.values[..] else {
        return Err(Failure::Other("internal error: arguments lost".into()));
    };
    let out = each(py, &b.shape, 0.0, |i| {
        let t = seconds("traffic", traffic.at(i))?;
        let s = servers.at(i);
        let s = whole(s, 0.0..=9.0e15).ok_or_else(|| {
            (
                "servers",
                format!("must be a whole number of at least 0, got {s}"),
            )
        })?;
        Ok(erlang::erlang_b(t, s))
    })?;
    array(py, &b.shape, out).map_err(|e| Failure::Other(e.to_string()))
}

/// The arguments of `wfm.queue_metrics`, in its order.
pub(super) struct MetricsArguments<'a, 'py> {
    pub volume: &'a Bound<'py, PyAny>,
    pub aht_seconds: &'a Bound<'py, PyAny>,
    pub interval_seconds: &'a Bound<'py, PyAny>,
    pub agents: &'a Bound<'py, PyAny>,
    pub answer_seconds: &'a Bound<'py, PyAny>,
    pub concurrency: Option<&'a Bound<'py, PyAny>>,
    pub patience_seconds: Option<&'a Bound<'py, PyAny>>,
}

/// `wfm.queue_metrics` over arrays: a `QueueMetricsArrays`.
pub(super) fn queue_metrics<'py>(
    py: Python<'py>,
    a: &MetricsArguments<'_, 'py>,
) -> Result<Bound<'py, PyAny>, Failure> {
    let b = broadcast(
        py,
        &[
            ("volume", Some(a.volume)),
            ("aht_seconds", Some(a.aht_seconds)),
            ("interval_seconds", Some(a.interval_seconds)),
            ("agents", Some(a.agents)),
            ("answer_seconds", Some(a.answer_seconds)),
            ("concurrency", a.concurrency),
            ("patience_seconds", a.patience_seconds),
        ],
    )?;
    let v = &b.values;
    let get = |k: usize, i: usize| v[k].as_ref().map(|x| x.at(i));
    let out = each(py, &b.shape, Staffing::default().metrics, |i| {
        let at = |k| get(k, i).unwrap_or(f64::NAN);
        let workload = Workload::new(at(0), at(1), at(2)).map_err(|e| erlang_problem(&e, ""))?;
        let agents = whole(at(3), 0.0..=9.0e15).ok_or_else(|| {
            (
                "agents",
                format!("must be a whole number of at least 0, got {}", at(3)),
            )
        })?;
        let answer = seconds("answer_seconds", at(4))?;
        let concurrency = concurrency_at(get(5, i))?;
        Ok(match get(6, i) {
            Some(p) => {
                let p = Patience::new(p).map_err(|e| erlang_problem(&e, "patience_seconds"))?;
                ErlangA::new(workload, p)
                    .with_concurrency(concurrency)
                    .metrics(agents, answer)
            }
            None => ErlangC::new(workload)
                .with_concurrency(concurrency)
                .metrics(agents, answer),
        })
    })?;
    metrics_arrays(py, &b.shape, &out)
}

fn concurrency_at(value: Option<f64>) -> Result<Concurrency, ElementProblem> {
    let Some(c) = value else {
        return Ok(Concurrency::default());
    };
    let whole = whole(c, 1.0..=f64::from(u32::MAX)).ok_or_else(|| {
        (
            "concurrency",
            format!("must be a whole number of at least 1, got {c}"),
        )
    })?;
    Concurrency::new(whole as u32).map_err(|e| erlang_problem(&e, "concurrency"))
}

/// The arguments of `wfm.staff`, in its order.
pub(super) struct StaffArguments<'a, 'py> {
    pub volume: &'a Bound<'py, PyAny>,
    pub aht_seconds: &'a Bound<'py, PyAny>,
    pub interval_seconds: Option<&'a Bound<'py, PyAny>>,
    pub service_level: Option<&'a Bound<'py, PyAny>>,
    pub service_level_seconds: Option<&'a Bound<'py, PyAny>>,
    pub asa_seconds: Option<&'a Bound<'py, PyAny>>,
    pub max_occupancy: Option<&'a Bound<'py, PyAny>>,
    pub shrinkage: Option<&'a Bound<'py, PyAny>>,
    pub patience_seconds: Option<&'a Bound<'py, PyAny>>,
    pub concurrency: Option<&'a Bound<'py, PyAny>>,
}

impl StaffArguments<'_, '_> {
    /// Whether any argument asks for the array form.
    pub fn any_array(&self) -> bool {
        any_array(&[
            Some(self.volume),
            Some(self.aht_seconds),
            self.interval_seconds,
            self.service_level,
            self.service_level_seconds,
            self.asa_seconds,
            self.max_occupancy,
            self.shrinkage,
            self.patience_seconds,
            self.concurrency,
        ])
    }
}

/// `wfm.staff` over arrays: a `StaffingArrays`. `goal_argument` is the argument blamed
/// for an unreachable goal (`service_level` or `asa_seconds`), the kind of goal checked
/// by the caller.
pub(super) fn staff<'py>(
    py: Python<'py>,
    a: &StaffArguments<'_, 'py>,
    goal_argument: &'static str,
) -> Result<Bound<'py, PyAny>, Failure> {
    let b = broadcast(
        py,
        &[
            ("volume", Some(a.volume)),
            ("aht_seconds", Some(a.aht_seconds)),
            ("interval_seconds", a.interval_seconds),
            ("service_level", a.service_level),
            ("service_level_seconds", a.service_level_seconds),
            ("asa_seconds", a.asa_seconds),
            ("max_occupancy", a.max_occupancy),
            ("shrinkage", a.shrinkage),
            ("patience_seconds", a.patience_seconds),
            ("concurrency", a.concurrency),
        ],
    )?;
    let v = &b.values;
    let get = |k: usize, i: usize| v[k].as_ref().map(|x| x.at(i));
    let request = |i: usize| -> Result<StaffingRequest, ElementProblem> {
        let e = |fallback| move |e: ErlangError| erlang_problem(&e, fallback);
        let interval = get(2, i).unwrap_or(crate::DEFAULT_INTERVAL_SECONDS);
        let workload = Workload::new(
            get(0, i).unwrap_or(f64::NAN),
            get(1, i).unwrap_or(f64::NAN),
            interval,
        )
        .map_err(e(""))?;
        let goal = match (get(3, i), get(4, i), get(5, i)) {
            (Some(p), Some(t), _) => Goal::service_level(p, t).map_err(e("service_level"))?,
            (_, _, Some(t)) => Goal::asa(t).map_err(e("asa_seconds"))?,
            _ => return Err(("", "no goal".to_owned())), // checked by the caller
        };
        let max_occupancy = match get(6, i) {
            Some(m) => MaxOccupancy::new(m).map_err(e("max_occupancy"))?,
            None => MaxOccupancy::default(),
        };
        let shrinkage = match get(7, i) {
            Some(s) => Shrinkage::new(s).map_err(e("shrinkage"))?,
            None => Shrinkage::default(),
        };
        let request = StaffingRequest::new(workload, goal)
            .max_occupancy(max_occupancy)
            .shrinkage(shrinkage)
            .concurrency(concurrency_at(get(9, i))?);
        Ok(match get(8, i) {
            Some(p) => request.patience(Patience::new(p).map_err(e("patience_seconds"))?),
            None => request,
        })
    };
    let out = each(py, &b.shape, Staffing::default(), |i| {
        request(i)?
            .solve()
            .map_err(|e| erlang_problem(&e, goal_argument))
    })?;
    staffing_arrays(py, &b.shape, &out)
}

/// A count as numpy's `int64`.
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Builds the record class `name` of `wfm.staffing` from its fields as arrays.
fn record<'py>(
    py: Python<'py>,
    name: &str,
    fields: Vec<(&str, Bound<'py, PyAny>)>,
) -> Result<Bound<'py, PyAny>, Failure> {
    (|| {
        let kwargs = PyDict::new(py);
        for (key, value) in fields {
            kwargs.set_item(key, value)?;
        }
        py.import("wfm.staffing")?
            .getattr(name)?
            .call((), Some(&kwargs))
    })()
    .map_err(|e: PyErr| Failure::Other(e.to_string()))
}

fn metrics_arrays<'py>(
    py: Python<'py>,
    shape: &[usize],
    out: &[QueueMetrics],
) -> Result<Bound<'py, PyAny>, Failure> {
    let ints =
        |f: fn(&QueueMetrics) -> u64| array(py, shape, out.iter().map(|m| count(f(m))).collect());
    let floats = |f: fn(&QueueMetrics) -> f64| array(py, shape, out.iter().map(f).collect());
    let fields = (|| -> PyResult<_> {
        Ok(vec![
            ("agents", ints(|m| m.agents)?),
            ("servers", ints(|m| m.servers)?),
            ("traffic", floats(|m| m.traffic)?),
            ("waiting_probability", floats(|m| m.waiting_probability)?),
            ("service_level", floats(|m| m.service_level)?),
            ("asa_seconds", floats(|m| m.asa_seconds)?),
            ("occupancy", floats(|m| m.occupancy)?),
            ("queue_length", floats(|m| m.queue_length)?),
            ("abandon_probability", floats(|m| m.abandon_probability)?),
        ])
    })()
    .map_err(|e| Failure::Other(e.to_string()))?;
    record(py, "QueueMetricsArrays", fields)
}

fn staffing_arrays<'py>(
    py: Python<'py>,
    shape: &[usize],
    out: &[Staffing],
) -> Result<Bound<'py, PyAny>, Failure> {
    let ints =
        |f: fn(&Staffing) -> u64| array(py, shape, out.iter().map(|s| count(f(s))).collect());
    let floats = |f: fn(&Staffing) -> f64| array(py, shape, out.iter().map(f).collect());
    let fields = (|| -> PyResult<_> {
        Ok(vec![
            ("agents", ints(|s| s.agents)?),
            ("agents_fractional", floats(|s| s.agents_fractional)?),
            ("agents_with_shrinkage", ints(|s| s.agents_with_shrinkage)?),
            (
                "agents_with_shrinkage_fractional",
                floats(|s| s.agents_with_shrinkage_fractional)?,
            ),
            ("goal_agents", ints(|s| s.goal_agents)?),
            (
                "occupancy_capped",
                array(py, shape, out.iter().map(|s| s.occupancy_capped).collect())?,
            ),
            ("traffic", floats(|s| s.metrics.traffic)?),
            ("service_level", floats(|s| s.metrics.service_level)?),
            ("asa_seconds", floats(|s| s.metrics.asa_seconds)?),
            ("occupancy", floats(|s| s.metrics.occupancy)?),
            (
                "waiting_probability",
                floats(|s| s.metrics.waiting_probability)?,
            ),
            ("queue_length", floats(|s| s.metrics.queue_length)?),
            (
                "abandon_probability",
                floats(|s| s.metrics.abandon_probability)?,
            ),
        ])
    })()
    .map_err(|e| Failure::Other(e.to_string()))?;
    record(py, "StaffingArrays", fields)
}
