//! `wfm._wfm.plan_files`: a capacity plan from files, for Python. The periods cross as
//! Parquet bytes; `wfm/capacity.py` turns them into polars DataFrames.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::capacity::{
    PlanFiles, hiring_table, monthly_table, plan_from_files_watched, weekly_table, write_plan_dir,
};

use crate::progress::Watcher;
use crate::workspace::argument;

/// Weekly, monthly, name, group and hiring of a plan.
type PlanFrames<'py> = (
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    String,
    String,
    Bound<'py, PyBytes>,
);

/// The plan of ``wfm plan``: ``(weekly, monthly, name, group, hiring)`` with the periods
/// and the hiring plan as Parquet bytes (hiring empty without a ``[hiring]`` policy); writes the plan folder too when ``output`` is given. Use
/// ``wfm.capacity_plan``. ``progress(stage, done, total)`` hears of every day staffed
/// and of the hiring plan; an exception it raises, or Ctrl-C, stops the run and is
/// raised.
#[pyfunction]
#[pyo3(signature = (forecast_long, forecast_short, scenario, start, weeks, fte = None, group = None, output = None, overrides = None, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn plan_files<'py>(
    py: Python<'py>,
    forecast_long: PathBuf,
    forecast_short: PathBuf,
    scenario: PathBuf,
    start: String,
    weeks: u32,
    fte: Option<PathBuf>,
    group: Option<String>,
    output: Option<PathBuf>,
    overrides: Option<PathBuf>,
    progress: Option<Py<PyAny>>,
) -> PyResult<PlanFrames<'py>> {
    let watcher = Watcher::new(progress);
    let out = watcher.run(py, move |watch| {
        {
            let start = NaiveDate::parse_from_str(&start, "%Y-%m-%d")
                .map_err(|e| argument("start", format!("must be a date YYYY-MM-DD: {e}")))?;
            let files = PlanFiles {
                forecast_long,
                forecast_short,
                scenario,
                fte,
                group,
                start,
                weeks,
                overrides,
            };
            let outcome = plan_from_files_watched(&files, watch)?;
            if let Some(dir) = &output {
                write_plan_dir(dir, &outcome)?;
            }
            // the tables of plan_weekly.csv, plan_monthly.csv and the Hiring sheet
            let weekly = weekly_table(&outcome.plan).parquet()?;
            let monthly = monthly_table(&outcome.plan).parquet()?;
            let hiring = match &outcome.plan.hiring {
                Some(h) => hiring_table(h).parquet()?,
                None => Vec::new(),
            };
            Ok((
                weekly,
                monthly,
                outcome.info.name,
                outcome.info.group,
                hiring,
            ))
        }
    });
    let (w, m, name, group, h) = watcher.finish(py, out, false)?;
    Ok((
        PyBytes::new(py, &w),
        PyBytes::new(py, &m),
        name,
        group,
        PyBytes::new(py, &h),
    ))
}
