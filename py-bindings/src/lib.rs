//! `wfm._wfm`: the Rust extension of the Python package `wfm`.
//!
//! Thin bindings, one per Rust entry point: each function converts its Python arguments,
//! calls `wfm` / `wfm_erlang`, and converts the answer back. Nothing here decides a
//! staffing question. Tables cross as Arrow C streams (the PyCapsule protocol, see
//! `arrow.rs`; `staff_frame` says why not pyo3-polars).
//!
//! Errors: every problem with the input becomes one `wfm.InvalidInputError` (defined in
//! Python, in `wfm/_errors.py`) listing `(file, line, column, reason)` for each; a request
//! the workspace refuses becomes the subclass of `wfm.WfmError` named after its
//! [`WfmError`] variant (`NotFoundError`, `InUseError`, …, see [`refusal`]); anything
//! else becomes a `wfm.WfmError`. A panic is caught at the boundary and reported as a
//! `WfmError` naming it an internal error, so none reaches Python as `PanicException`.

mod access;
mod adherence;
mod arrow;
mod display;
mod forecast;
mod forecast_workspace;
mod plan;
mod plan_workspace;
mod progress;
mod schedule;
mod schedule_edit;
mod schedule_publish;
mod schedule_workspace;
mod staffing;
mod threads;
mod timeoff;
mod workspace;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyTuple};
use wfm::erlang::{self, Concurrency, ErlangError, Patience, Workload};
use wfm::{InputError, WfmError};

/// The "file" of a problem with a function's arguments.
const ARGUMENTS: &str = "<arguments>";

/// The default interval length of `staff`, in seconds (half an hour).
const DEFAULT_INTERVAL_SECONDS: f64 = 1800.0;

/// Why a call failed, before it is turned into a Python exception.
enum Failure {
    /// Problems with the input: raised as `wfm.InvalidInputError`; the second item counts
    /// those found beyond the list (not kept).
    Input(Vec<InputError>, u64),
    /// History that fails the data-sufficiency rules: raised as
    /// `wfm.InsufficientDataError`, the report (each failed rule with its numbers) as the
    /// message.
    Insufficient(String),
    /// A refusal with its parts: raised as the `wfm._errors` class named, the message
    /// first, the parts as keyword arguments (see [`refusal`]).
    Refused(&'static str, String, Vec<(&'static str, Detail)>),
    /// Anything else: raised as `wfm.WfmError`.
    Other(String),
}

/// One part of a refusal, as Python receives it.
enum Detail {
    Text(String),
    Int(i64),
    Texts(Vec<String>),
    Nothing,
}

impl From<WfmError> for Failure {
    fn from(e: WfmError) -> Self {
        match e {
            WfmError::InvalidInput { errors, not_shown } => Self::Input(errors, not_shown),
            WfmError::Erlang(e) => Self::Input(vec![argument_problem(&e, "")], 0),
            WfmError::Core(e @ wfm::core::CoreError::InsufficientData(_)) => {
                Self::Insufficient(e.to_string())
            }
            e @ WfmError::SchemaVersion { found, known, .. } if found < known => {
                let details = refusal(&e).map_or_else(Vec::new, |(_, d)| d);
                Self::Refused(
                    "SchemaVersionError",
                    format!("{e}: upgrade it with `wfm.Workspace.upgrade(path)`"),
                    details,
                )
            }
            other => refusal(&other)
                .map(|(class, details)| Self::Refused(class, other.to_string(), details))
                .unwrap_or_else(|| Self::Other(other.to_string())),
        }
    }
}

impl Failure {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let raised = match self {
            Self::Input(errors, not_shown) => {
                let errors: Vec<(String, u64, String, String)> = errors
                    .into_iter()
                    .map(|e| (e.file, e.line, e.column, e.reason))
                    .collect();
                exception(py, "InvalidInputError", (errors, not_shown))
            }
            Self::Insufficient(message) => exception(py, "InsufficientDataError", (message,)),
            Self::Refused(class, message, details) => (|| {
                let kwargs = PyDict::new(py);
                for (key, value) in details {
                    match value {
                        Detail::Text(t) => kwargs.set_item(key, t)?,
                        Detail::Int(i) => kwargs.set_item(key, i)?,
                        Detail::Texts(t) => kwargs.set_item(key, t)?,
                        Detail::Nothing => kwargs.set_item(key, py.None())?,
                    }
                }
                let class = py.import("wfm._errors")?.getattr(class)?;
                Ok(PyErr::from_value(class.call((message,), Some(&kwargs))?))
            })(),
            Self::Other(message) => exception(py, "WfmError", (message,)),
        };
        raised.unwrap_or_else(|e| e)
    }
}

/// The `wfm._errors` class of an error and its parts; `None` for the bad-input errors
/// raised as `wfm.InvalidInputError` (see [`Failure`]).
fn refusal(e: &WfmError) -> Option<(&'static str, Vec<(&'static str, Detail)>)> {
    use Detail::{Int, Nothing, Text};
    let text = |s: &str| Text(s.to_owned());
    let maybe = |s: &Option<String>| s.as_deref().map_or(Nothing, text);
    Some(match e {
        WfmError::NotFound { item } => (
            "NotFoundError",
            vec![
                ("kind", text(item.kind.noun())),
                ("name", text(&item.name)),
                ("scope", maybe(&item.scope)),
                ("status", item.status.map_or(Nothing, |s| text(s.as_str()))),
            ],
        ),
        WfmError::Conflict { item } => (
            "ConflictError",
            vec![
                ("kind", text(item.kind.noun())),
                ("name", text(&item.name)),
                ("scope", maybe(&item.scope)),
            ],
        ),
        WfmError::InUse { item, used_by } => (
            "InUseError",
            vec![
                ("kind", text(item.kind.noun())),
                ("name", text(&item.name)),
                ("used_by", Text(used_by.to_string())),
            ],
        ),
        WfmError::AlreadyPublished { item, refused } => (
            "AlreadyPublishedError",
            vec![
                ("kind", text(item.kind.noun())),
                ("name", text(&item.name)),
                ("scope", maybe(&item.scope)),
                ("id", item.id.map_or(Nothing, |i| Int(i.0))),
                ("refused", text(refused.as_str())),
            ],
        ),
        WfmError::Precondition { .. } => ("PreconditionError", vec![]),
        WfmError::Forbidden {
            actor,
            permission,
            target,
        } => (
            "PermissionDenied",
            vec![
                ("actor", text(actor)),
                ("permission", text(permission)),
                ("target", text(target)),
            ],
        ),
        WfmError::Changed { kind, scope } => (
            "ConcurrentChangeError",
            vec![("kind", text(kind.as_str())), ("scope", text(scope))],
        ),
        WfmError::OutOfRange {
            what,
            value,
            allowed,
        } => (
            "OutOfRangeError",
            vec![
                ("what", text(what)),
                ("value", text(value)),
                ("allowed", text(allowed)),
            ],
        ),
        WfmError::InvalidArgument {
            argument,
            value,
            expected,
        } => (
            "InvalidArgumentError",
            vec![
                ("argument", text(argument)),
                ("value", text(value)),
                ("expected", text(expected)),
            ],
        ),
        _ => return file_or_domain_error(e),
    })
}

/// [`refusal`] of the errors about files, the workspace file and the domain crates.
fn file_or_domain_error(e: &WfmError) -> Option<(&'static str, Vec<(&'static str, Detail)>)> {
    use Detail::{Int, Text, Texts};
    let text = |s: &str| Text(s.to_owned());
    Some(match e {
        WfmError::ForecastDoesNotCover {
            forecast,
            channel,
            start,
            end,
            uncovered,
            ..
        } => (
            "ForecastDoesNotCoverError",
            vec![
                ("forecast", text(forecast)),
                ("channel", text(channel.as_str())),
                ("start", Text(start.to_string())),
                ("end", Text(end.to_string())),
                (
                    "uncovered",
                    Texts(uncovered.iter().map(ToString::to_string).collect()),
                ),
            ],
        ),
        WfmError::Io { path, .. } => ("FileError", vec![("path", path_text(path))]),
        WfmError::OutputIsInput { output, input } => (
            "OutputIsInputError",
            vec![("output", path_text(output)), ("input", path_text(input))],
        ),
        WfmError::Damaged { table, detail } => (
            "DamagedWorkspaceError",
            vec![("table", text(table)), ("detail", text(detail))],
        ),
        WfmError::NotAWorkspace { path, reason } => (
            "NotAWorkspaceError",
            vec![("path", path_text(path)), ("reason", text(reason))],
        ),
        WfmError::SchemaVersion { path, found, known } => (
            "SchemaVersionError",
            vec![
                ("path", path_text(path)),
                ("found", Int(*found)),
                ("known", Int(*known)),
            ],
        ),
        WfmError::Store(_) => ("StoreError", vec![]),
        WfmError::Encode { what, detail } => (
            "EncodeError",
            vec![("what", text(what)), ("detail", text(detail))],
        ),
        WfmError::Core(wfm::core::CoreError::UnknownForecastKind(value)) => (
            "InvalidArgumentError",
            vec![
                ("argument", text("kind")),
                ("value", text(value)),
                ("expected", text("short or long")),
            ],
        ),
        WfmError::Core(_) => ("PlanningError", vec![]),
        WfmError::Scheduler(_) => ("SchedulingError", vec![]),
        WfmError::StaleVersion {
            schedule,
            expected,
            current,
            since,
        } => (
            "StaleVersionError",
            vec![
                ("schedule", Int(schedule.0)),
                (
                    "expected",
                    Int(i64::try_from(*expected).unwrap_or(i64::MAX)),
                ),
                ("current", Int(i64::try_from(*current).unwrap_or(i64::MAX))),
                ("since", Detail::Texts(since.clone())),
            ],
        ),
        WfmError::TimeOff(e) => ("TimeOffError", vec![("reason", text(e.code()))]),
        _ => return None,
    })
}

/// A path as Python receives it.
fn path_text(path: &std::path::Path) -> Detail {
    Detail::Text(path.display().to_string())
}

/// An instance of the class `name` of `wfm._errors`, built from the tuple `arguments`.
fn exception<'py>(
    py: Python<'py>,
    name: &str,
    arguments: impl pyo3::call::PyCallArgs<'py>,
) -> PyResult<PyErr> {
    let class = py.import("wfm._errors")?.getattr(name)?;
    Ok(PyErr::from_value(class.call1(arguments)?))
}

/// Runs `f`, turning a panic into a [`Failure`] instead of unwinding into Python.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::Other(format!(
            "internal error in wfm (please report it): {what}"
        )))
    })
}

/// The Python argument name of a `wfm_erlang` parameter (the CSV column name).
fn python_name(parameter: &str) -> &str {
    match parameter {
        "service_level_target" => "service_level",
        "asa_target_seconds" => "asa_seconds",
        other => other,
    }
}

/// The argument an [`ErlangError`] blames (by its Python name) and why; `fallback` is
/// the argument blamed when the error names none (an unreachable goal).
pub(crate) fn erlang_problem(e: &ErlangError, fallback: &'static str) -> (&'static str, String) {
    match e {
        ErlangError::NotFinite { parameter, value } => (
            python_name(parameter),
            format!("must be a finite number, got {value}"),
        ),
        ErlangError::OutOfRange {
            parameter,
            value,
            expected,
        } => (
            python_name(parameter),
            format!("must be {expected}, got {value}"),
        ),
        other => (fallback, other.to_string()),
    }
}

/// An [`ErlangError`] as a problem with the arguments (see [`erlang_problem`]).
fn argument_problem(e: &ErlangError, fallback: &'static str) -> InputError {
    let (column, reason) = erlang_problem(e, fallback);
    InputError {
        file: ARGUMENTS.to_owned(),
        line: 0,
        column: column.to_owned(),
        reason,
    }
}

/// A short `repr` of a Python value for an error message.
fn show(value: &Bound<'_, PyAny>) -> String {
    let text = value
        .repr()
        .map_or_else(|_| "<unprintable>".to_owned(), |r| r.to_string());
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// Converts a call's arguments, collecting every problem instead of stopping at the first.
#[derive(Default)]
struct Arguments {
    problems: Vec<InputError>,
}

impl Arguments {
    fn fail<T>(&mut self, column: &str, reason: String) -> Option<T> {
        self.problems.push(InputError {
            file: ARGUMENTS.to_owned(),
            line: 0,
            column: column.to_owned(),
            reason,
        });
        None
    }

    /// A real number (any Python object with `__float__`).
    fn real(&mut self, name: &str, value: &Bound<'_, PyAny>) -> Option<f64> {
        match value.extract::<f64>() {
            Ok(v) => Some(v),
            Err(_) if value.is_instance_of::<PyInt>() => self.fail(
                name,
                format!("must be a finite number, got {}", show(value)),
            ),
            Err(_) => self.fail(name, format!("not a number: {}", show(value))),
        }
    }

    /// An optional real number: `Some(None)` when absent, `None` when invalid.
    fn optional_real(
        &mut self,
        name: &str,
        value: Option<&Bound<'_, PyAny>>,
    ) -> Option<Option<f64>> {
        match value {
            None => Some(None),
            Some(v) => self.real(name, v).map(Some),
        }
    }

    /// A whole number that fits `T` (a Python `int` or anything with `__index__`).
    fn whole<T>(&mut self, name: &str, value: &Bound<'_, PyAny>, expected: &str) -> Option<T>
    where
        T: for<'a, 'py> FromPyObject<'a, 'py>,
    {
        match value.extract::<T>() {
            Ok(v) => Some(v),
            Err(_) => self.fail(name, format!("must be {expected}, got {}", show(value))),
        }
    }

    /// The value of a validated `wfm_erlang` constructor.
    fn erlang<T>(&mut self, result: Result<T, ErlangError>, fallback: &'static str) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems.push(argument_problem(&e, fallback));
                None
            }
        }
    }

    /// A real number that must be finite and at least 0 (a time threshold).
    fn seconds(&mut self, name: &str, value: &Bound<'_, PyAny>) -> Option<f64> {
        match self.real(name, value)? {
            v if !v.is_finite() => self.fail(name, format!("must be a finite number, got {v}")),
            v if v < 0.0 => self.fail(name, format!("must be 0 or greater, got {v}")),
            v => Some(v),
        }
    }

    fn workload(
        &mut self,
        volume: &Bound<'_, PyAny>,
        aht_seconds: &Bound<'_, PyAny>,
        interval_seconds: Option<&Bound<'_, PyAny>>,
    ) -> Option<Workload> {
        let volume = self.real("volume", volume);
        let aht = self.real("aht_seconds", aht_seconds);
        let interval = self.optional_real("interval_seconds", interval_seconds);
        let (volume, aht, interval) = (volume?, aht?, interval?);
        self.erlang(
            Workload::new(volume, aht, interval.unwrap_or(DEFAULT_INTERVAL_SECONDS)),
            "",
        )
    }

    fn concurrency(&mut self, value: Option<&Bound<'_, PyAny>>) -> Option<Concurrency> {
        let Some(value) = value else {
            return Some(Concurrency::default());
        };
        let c = self.whole::<u32>("concurrency", value, "a whole number of at least 1")?;
        self.erlang(Concurrency::new(c), "concurrency")
    }

    fn patience(&mut self, value: Option<&Bound<'_, PyAny>>) -> Option<Option<Patience>> {
        match self.optional_real("patience_seconds", value)? {
            None => Some(None),
            Some(p) => self.erlang(Patience::new(p), "patience_seconds").map(Some),
        }
    }

    /// Every argument converted, or every problem found.
    fn finish<T>(self, value: Option<T>) -> Result<T, Failure> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(Failure::Input(self.problems, 0)),
        }
    }
}

/// Declares a frozen record class with a short `__repr__` (the `shows` fields, rounded),
/// `_repr_html_` (every field), pickling and `to_dict()`.
macro_rules! record {
    (
        $(#[$doc:meta])*
        $name:ident as $py_name:literal shows [$($shown:ident),+] {
            $( $(#[$field_doc:meta])* $field:ident: $ty:ty, )+
        }
    ) => {
        $(#[$doc])*
        #[pyclass(module = "wfm._wfm", name = $py_name, frozen, eq, get_all, skip_from_py_object)]
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[$field_doc])* $field: $ty, )+
        }

        impl $name {
            /// Every field with its value as shown (rounded).
            fn shown_fields(&self) -> Vec<(&'static str, String)> {
                vec![$( (stringify!($field), display::Shown::shown(&self.$field)) ),+]
            }
        }

        #[pymethods]
        impl $name {
            /// Built from every field in declaration order (what pickling calls).
            #[new]
            #[allow(clippy::too_many_arguments)] // one per field: the record's constructor
            fn new($($field: $ty),+) -> Self {
                Self { $($field),+ }
            }

            fn __repr__(&self) -> String {
                display::short_repr($py_name, &self.shown_fields(), &[$(stringify!($shown)),+])
            }

            fn _repr_html_(&self) -> String {
                display::html_table($py_name, &self.shown_fields())
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let fields = vec![$( self.$field.clone().into_bound_py_any(py)? ),+];
                (py.get_type::<Self>(), PyTuple::new(py, fields)?).into_pyobject(py)
            }

            /// The fields as a dict, in declaration order.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
                let dict = PyDict::new(py);
                $( dict.set_item(stringify!($field), self.$field.clone())?; )+
                Ok(dict)
            }
        }
    };
}

record! {
    /// The queue's performance with a given number of agents.
    ///
    /// Probabilities are shares in [0, 1]; times are seconds. With no more agent
    /// capacity than traffic (Erlang C) the queue is unstable: every contact waits, the
    /// service level is 0 and the ASA is infinite. Returned by ``wfm.queue_metrics``.
    ///
    /// >>> import wfm
    /// >>> m = wfm.queue_metrics(100, 180, 1800, agents=12, service_level_seconds=20)
    /// >>> m.servers, round(m.occupancy, 4)
    /// (12, 0.8333)
    /// >>> sorted(m.to_dict())[:3]
    /// ['abandon_probability', 'agents', 'asa_seconds']
    PyQueueMetrics as "QueueMetrics" shows [agents, service_level, asa_seconds, occupancy] {
        /// Productive agents.
        agents: u64,
        /// Servers: agents × concurrency (chat slots).
        servers: u64,
        /// Offered traffic in Erlangs (volume × aht / interval).
        traffic: f64,
        /// Probability that a contact has to wait.
        waiting_probability: f64,
        /// Share of offered contacts answered within the threshold.
        service_level: f64,
        /// Average speed of answer in seconds (mean wait of answered contacts).
        asa_seconds: f64,
        /// Share of agent capacity spent handling contacts.
        occupancy: f64,
        /// Expected number of contacts waiting.
        queue_length: f64,
        /// Probability that a contact abandons (0 without patience).
        abandon_probability: f64,
    }
}

impl From<erlang::QueueMetrics> for PyQueueMetrics {
    fn from(m: erlang::QueueMetrics) -> Self {
        Self {
            agents: m.agents,
            servers: m.servers,
            traffic: m.traffic,
            waiting_probability: m.waiting_probability,
            service_level: m.service_level,
            asa_seconds: m.asa_seconds,
            occupancy: m.occupancy,
            queue_length: m.queue_length,
            abandon_probability: m.abandon_probability,
        }
    }
}

record! {
    /// The answer to a staffing question: the agents needed and what they achieve
    /// (the queue's metrics with ``agents`` agents). Returned by ``wfm.staff``.
    ///
    /// >>> import wfm
    /// >>> s = wfm.staff(100, 180, asa_target_seconds=15, shrinkage=0.3)
    /// >>> s.agents, s.agents_with_shrinkage, s.asa_seconds <= 15
    /// (14, 20, True)
    /// >>> s.to_dict()["goal_agents"]
    /// 14
    PyStaffing as "Staffing" shows [agents, agents_with_shrinkage, service_level, asa_seconds, occupancy] {
        /// Productive agents: the fewest that meet the goal and the occupancy cap.
        agents: u64,
        /// The continuous requirement (agents − 1 < agents_fractional ≤ agents); sum these
        /// across queues before rounding.
        agents_fractional: f64,
        /// ceil(agents / (1 − shrinkage)), on exact decimals.
        agents_with_shrinkage: u64,
        /// agents_fractional / (1 − shrinkage).
        agents_with_shrinkage_fractional: f64,
        /// The fewest agents that meet the goal alone, before the occupancy cap.
        goal_agents: u64,
        /// Whether the occupancy cap, not the goal, set `agents`.
        occupancy_capped: bool,
        /// Offered traffic in Erlangs.
        traffic: f64,
        /// Share answered within the goal's threshold (the ASA target for an ASA goal).
        service_level: f64,
        /// Average speed of answer in seconds.
        asa_seconds: f64,
        /// Share of agent capacity spent handling contacts.
        occupancy: f64,
        /// Probability that a contact has to wait.
        waiting_probability: f64,
        /// Expected number of contacts waiting.
        queue_length: f64,
        /// Probability that a contact abandons (0 without patience).
        abandon_probability: f64,
    }
}

impl From<erlang::Staffing> for PyStaffing {
    fn from(s: erlang::Staffing) -> Self {
        let m = s.metrics;
        Self {
            agents: s.agents,
            agents_fractional: s.agents_fractional,
            agents_with_shrinkage: s.agents_with_shrinkage,
            agents_with_shrinkage_fractional: s.agents_with_shrinkage_fractional,
            goal_agents: s.goal_agents,
            occupancy_capped: s.occupancy_capped,
            traffic: m.traffic,
            service_level: m.service_level,
            asa_seconds: m.asa_seconds,
            occupancy: m.occupancy,
            waiting_probability: m.waiting_probability,
            queue_length: m.queue_length,
            abandon_probability: m.abandon_probability,
        }
    }
}

/// The Rust extension of the `wfm` package; use it through `wfm`.
#[pymodule]
fn _wfm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    staffing::register(m)?;
    m.add_class::<PyQueueMetrics>()?;
    m.add_class::<PyStaffing>()?;
    m.add_class::<arrow::PyArrowTable>()?;
    m.add_function(wrap_pyfunction!(arrow::arrow_roundtrip, m)?)?;
    m.add_class::<workspace::PyWorkspace>()?;
    m.add_class::<adherence::PyMonitor>()?;
    m.add_function(wrap_pyfunction!(plan::plan_files, m)?)?;
    for f in [
        wrap_pyfunction!(forecast_workspace::forecasts_list, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_compute, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_publish, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_get, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_delete, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_compare, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_export, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_backtest, m)?,
        wrap_pyfunction!(forecast_workspace::forecasts_refresh, m)?,
        wrap_pyfunction!(forecast_workspace::overrides_list, m)?,
        wrap_pyfunction!(forecast_workspace::overrides_import, m)?,
        wrap_pyfunction!(forecast_workspace::overrides_delete, m)?,
        wrap_pyfunction!(forecast_workspace::overrides_template, m)?,
        wrap_pyfunction!(plan_workspace::scenarios_create, m)?,
        wrap_pyfunction!(plan_workspace::scenarios_edit, m)?,
        wrap_pyfunction!(plan_workspace::scenarios_get, m)?,
        wrap_pyfunction!(plan_workspace::scenarios_delete, m)?,
        wrap_pyfunction!(plan_workspace::scenarios_list, m)?,
        wrap_pyfunction!(plan_workspace::fte_loads_import, m)?,
        wrap_pyfunction!(plan_workspace::fte_loads_list, m)?,
        wrap_pyfunction!(plan_workspace::plans_create, m)?,
        wrap_pyfunction!(plan_workspace::plans_list, m)?,
        wrap_pyfunction!(plan_workspace::plans_get, m)?,
        wrap_pyfunction!(plan_workspace::plans_override, m)?,
        wrap_pyfunction!(plan_workspace::plans_rerun, m)?,
        wrap_pyfunction!(plan_workspace::plans_publish, m)?,
        wrap_pyfunction!(plan_workspace::plans_export, m)?,
        wrap_pyfunction!(schedule_workspace::schedule_scenario_import, m)?,
        wrap_pyfunction!(schedule_workspace::schedule_scenario_export, m)?,
        wrap_pyfunction!(schedule_workspace::schedule_scenario_blocks, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_create, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_list, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_get, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_publish, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_delete, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_export, m)?,
        wrap_pyfunction!(adherence::adherence_import, m)?,
        wrap_pyfunction!(adherence::adherence_recalculate, m)?,
        wrap_pyfunction!(adherence::adherence_report, m)?,
        wrap_pyfunction!(adherence::adherence_exceptions, m)?,
        wrap_pyfunction!(adherence::adherence_impact, m)?,
        wrap_pyfunction!(adherence::adherence_sample, m)?,
        wrap_pyfunction!(adherence::adherence_timeline, m)?,
        wrap_pyfunction!(schedule_workspace::schedules_agent_view, m)?,
        wrap_pyfunction!(schedule_edit::schedules_edit, m)?,
        wrap_pyfunction!(schedule_edit::schedules_undo, m)?,
        wrap_pyfunction!(schedule_edit::schedules_version, m)?,
        wrap_pyfunction!(schedule_edit::schedules_edit_log, m)?,
        wrap_pyfunction!(schedule_edit::schedules_meeting_slots, m)?,
        wrap_pyfunction!(timeoff::time_off_set_now, m)?,
        wrap_pyfunction!(timeoff::time_off_import_allowances, m)?,
        wrap_pyfunction!(timeoff::time_off_allowances, m)?,
        wrap_pyfunction!(timeoff::time_off_import_balances, m)?,
        wrap_pyfunction!(timeoff::time_off_balances, m)?,
        wrap_pyfunction!(timeoff::time_off_ledger, m)?,
        wrap_pyfunction!(timeoff::time_off_adjust, m)?,
        wrap_pyfunction!(timeoff::time_off_request, m)?,
        wrap_pyfunction!(timeoff::time_off_decide, m)?,
        wrap_pyfunction!(timeoff::time_off_requests, m)?,
        wrap_pyfunction!(timeoff::overtime_open, m)?,
        wrap_pyfunction!(timeoff::overtime_answer, m)?,
        wrap_pyfunction!(timeoff::overtime_offers, m)?,
        wrap_pyfunction!(timeoff::overtime_suggest, m)?,
        wrap_pyfunction!(timeoff::time_off_example_week, m)?,
        wrap_pyfunction!(schedule_publish::schedules_changes, m)?,
        wrap_pyfunction!(schedule_publish::schedules_calendar, m)?,
        wrap_pyfunction!(schedule_publish::schedules_team, m)?,
        wrap_pyfunction!(schedule_publish::schedules_search, m)?,
        wrap_pyfunction!(schedule_publish::schedules_agents, m)?,
        wrap_pyfunction!(schedule_publish::schedules_regenerate, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add_function(wrap_pyfunction!(forecast::forecast_files, m)?)?;
    m.add_function(wrap_pyfunction!(schedule::schedule_files, m)?)?;
    m.add_function(wrap_pyfunction!(schedule::validate_schedule_file, m)?)?;
    m.add_function(wrap_pyfunction!(schedule::validate_schedule_text, m)?)?;
    m.add_function(wrap_pyfunction!(threads::core_threads, m)?)?;
    for f in [
        wrap_pyfunction!(access::access_set_actor, m)?,
        wrap_pyfunction!(access::access_actor, m)?,
        wrap_pyfunction!(access::access_users, m)?,
        wrap_pyfunction!(access::access_add_user, m)?,
        wrap_pyfunction!(access::access_remove_user, m)?,
        wrap_pyfunction!(access::access_grant, m)?,
        wrap_pyfunction!(access::access_set_scope, m)?,
        wrap_pyfunction!(access::access_roles, m)?,
        wrap_pyfunction!(access::access_define_role, m)?,
        wrap_pyfunction!(access::access_audit, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
