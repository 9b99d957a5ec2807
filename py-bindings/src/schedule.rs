//! `wfm._wfm.schedule_files` and `validate_schedule_file`: a week's schedule from files
//! and the independent validator, for Python. The tables (those of the CSV files,
//! [`ScheduleTables`]) cross as Arrow tables (`arrow.rs`), the
//! report and the schedule as JSON text; `wfm/scheduling.py` turns them into polars
//! DataFrames and dicts.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use wfm::core::Channel;
use wfm::scheduler::SchedulerError;
use wfm::scheduler::generate::{Gap, Objective, TimeLimit};
use wfm::scheduling::{
    ScheduleFiles, ScheduleTables, schedule_from_files, validate_files, write_schedule_dir,
};

use crate::arrow::{PyArrowTable, facade_table, given};
use crate::workspace::argument;
use crate::{Failure, guarded};

/// `time_limit` and `gap` as the scheduler's validated newtypes (the rule of
/// `--time-limit` and `--gap`); a bad one is a problem with that argument.
pub(crate) fn solver_limits(time_limit: f64, gap: f64) -> Result<(TimeLimit, Gap), Failure> {
    let problem = |e: SchedulerError| match e {
        SchedulerError::InvalidOption { option, .. } => argument(option, e.to_string()),
        other => Failure::Other(other.to_string()),
    };
    Ok((
        TimeLimit::new(time_limit).map_err(problem)?,
        Gap::new(gap).map_err(problem)?,
    ))
}

fn json(written: serde_json::Result<String>) -> Result<String, Failure> {
    written.map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))
}

/// Shifts, activities, coverage and agent hours (Arrow tables), the report (JSON), the
/// validator's violations and the schedule (JSON).
type ScheduleParts = (
    PyArrowTable,
    PyArrowTable,
    PyArrowTable,
    PyArrowTable,
    String,
    Vec<String>,
    String,
);

/// The schedule of ``wfm schedule generate`` (the whole request, or one group's week): ``(shifts, activities, coverage, agent_hours,
/// report_json, violations, schedule_json)`` with the tables as Arrow tables; writes the
/// schedule folder too when ``output`` is given. ``forecast`` is a path or a DataFrame
/// (instants converted to UTC, naive ones UTC). Use ``wfm.generate_schedule``.
#[pyfunction]
#[pyo3(signature = (scenario, forecast, group = None, week_start = None, channel = "VOICE".to_owned(), time_limit = 600.0, gap = 0.01, output = None))]
#[allow(clippy::too_many_arguments)]
pub fn schedule_files(
    py: Python<'_>,
    scenario: PathBuf,
    forecast: &Bound<'_, PyAny>,
    group: Option<String>,
    week_start: Option<String>,
    channel: String,
    time_limit: f64,
    gap: f64,
    output: Option<PathBuf>,
) -> PyResult<ScheduleParts> {
    let forecast =
        given(forecast, "forecast", "<forecast dataframe>").map_err(|f| f.into_pyerr(py))?;
    let out = py.detach(move || {
        guarded(|| {
            let forecast = forecast.input()?;
            let week_start = week_start
                .map(|w| {
                    NaiveDate::parse_from_str(&w, "%Y-%m-%d").map_err(|e| {
                        argument("week_start", format!("must be a date YYYY-MM-DD: {e}"))
                    })
                })
                .transpose()?;
            let only = match (group, week_start) {
                (Some(g), Some(w)) => Some((g, w)),
                (None, None) => None,
                _ => {
                    return Err(argument(
                        "group",
                        "give both group and week_start (one group, one week) or neither \
                         (the whole request)"
                            .to_owned(),
                    ));
                }
            };
            let channel: Channel = channel
                .parse()
                .map_err(|e: wfm::core::CoreError| argument("channel", e.to_string()))?;
            let (time_limit, gap) = solver_limits(time_limit, gap)?;
            let outcome = schedule_from_files(
                &ScheduleFiles {
                    scenario,
                    forecast,
                    only,
                    channel,
                    time_limit_seconds: time_limit,
                    relative_gap: gap,
                    objective: Objective::FewestShifts,
                },
                &mut |_| {},
            )?;
            if let Some(dir) = &output {
                write_schedule_dir(dir, &outcome)?;
            }
            // the tables of the CSV files, from the same review
            let tables = ScheduleTables::new(&outcome, &outcome.review()?);
            Ok((
                facade_table("shifts", tables.shifts.frame())?,
                facade_table("activities", tables.activities.frame())?,
                facade_table("coverage", tables.coverage.frame())?,
                facade_table("agent hours", tables.agent_hours.frame())?,
                json(serde_json::to_string(&outcome.report))?,
                outcome.violations.iter().map(ToString::to_string).collect(),
                json(serde_json::to_string(&outcome.schedule))?,
            ))
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}

/// The violations of ``wfm schedule validate`` (empty: every rule holds) of the schedule
/// JSON file ``schedule`` against ``scenario``. Use ``wfm.validate_schedule``.
#[pyfunction]
pub fn validate_schedule_file(
    py: Python<'_>,
    scenario: PathBuf,
    schedule: PathBuf,
) -> PyResult<Vec<String>> {
    let out = py.detach(move || {
        guarded(|| {
            let (_, violations) = validate_files(&scenario, &schedule)?;
            Ok(violations.iter().map(ToString::to_string).collect())
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}

/// The violations of ``scenario``'s rules in the schedule JSON ``text`` (named
/// ``<schedule>`` in errors; no file is written). Use ``wfm.validate_schedule``.
#[pyfunction]
pub fn validate_schedule_text(
    py: Python<'_>,
    scenario: PathBuf,
    text: String,
) -> PyResult<Vec<String>> {
    let out = py.detach(move || {
        guarded(|| {
            let scenario = wfm::scheduling::read_scenario(&scenario)?;
            let (_, violations) =
                wfm::scheduling::validate_schedule_json(&scenario, &text, "<schedule>")?;
            Ok(violations.iter().map(ToString::to_string).collect())
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}
