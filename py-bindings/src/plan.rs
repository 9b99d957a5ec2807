//! `wfm._wfm.plan_files`: a capacity plan from files or DataFrames, for Python. The
//! periods cross as Arrow tables (`arrow.rs`); `wfm/capacity.py` turns them into polars
//! DataFrames.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use wfm::capacity::{
    PlanFiles, hiring_table, monthly_table, plan_from_files, weekly_table, write_plan_dir,
};

use crate::arrow::{PyArrowTable, facade_table, given};
use crate::guarded;
use crate::workspace::argument;

/// Weekly, monthly, name, group and hiring of a plan.
type PlanFrames = (
    PyArrowTable,
    PyArrowTable,
    String,
    String,
    Option<PyArrowTable>,
);

/// The plan of ``wfm plan``: ``(weekly, monthly, name, group, hiring)`` with the periods
/// and the hiring plan as Arrow tables (hiring ``None`` without a ``[hiring]`` policy);
/// writes the plan folder too when ``output`` is given. The forecasts and ``fte`` are
/// paths or DataFrames (instants converted to UTC, naive ones UTC). Use
/// ``wfm.capacity_plan``.
#[pyfunction]
#[pyo3(signature = (forecast_long, forecast_short, scenario, start, weeks, fte = None, group = None, output = None, overrides = None))]
#[allow(clippy::too_many_arguments)]
pub fn plan_files(
    py: Python<'_>,
    forecast_long: &Bound<'_, PyAny>,
    forecast_short: &Bound<'_, PyAny>,
    scenario: PathBuf,
    start: String,
    weeks: u32,
    fte: Option<&Bound<'_, PyAny>>,
    group: Option<String>,
    output: Option<PathBuf>,
    overrides: Option<PathBuf>,
) -> PyResult<PlanFrames> {
    let inputs = (|| {
        Ok((
            given(forecast_long, "forecast_long", "<forecast_long dataframe>")?,
            given(
                forecast_short,
                "forecast_short",
                "<forecast_short dataframe>",
            )?,
            fte.map(|f| given(f, "fte", "<fte dataframe>"))
                .transpose()?,
        ))
    })()
    .map_err(|f: crate::Failure| f.into_pyerr(py))?;
    let out = py.detach(move || {
        guarded(|| {
            let (forecast_long, forecast_short, fte) = inputs;
            let (forecast_long, forecast_short) = (forecast_long.input()?, forecast_short.input()?);
            let fte = fte.map(|f| f.input()).transpose()?;
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
            let outcome = plan_from_files(&files)?;
            if let Some(dir) = &output {
                write_plan_dir(dir, &outcome)?;
            }
            // the tables of plan_weekly.csv, plan_monthly.csv and the Hiring sheet
            let weekly = facade_table("weekly", weekly_table(&outcome.plan).frame())?;
            let monthly = facade_table("monthly", monthly_table(&outcome.plan).frame())?;
            let hiring = match &outcome.plan.hiring {
                Some(h) => Some(facade_table("hiring", hiring_table(h).frame())?),
                None => None,
            };
            Ok((
                weekly,
                monthly,
                outcome.info.name,
                outcome.info.group,
                hiring,
            ))
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}
