//! `wfm._wfm.plan_files`: a capacity plan from files, for Python. The periods cross as
//! Parquet bytes; `wfm/capacity.py` turns them into polars DataFrames.

use std::path::PathBuf;

use chrono::NaiveDate;
use polars::prelude::{DataFrame, ParquetWriter};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::capacity::{PlanFiles, hiring_frame, periods_frame, plan_from_files, write_plan_dir};

use crate::workspace::argument;
use crate::{Failure, guarded};

pub(crate) fn parquet(mut df: DataFrame) -> Result<Vec<u8>, Failure> {
    let mut buffer = Vec::new();
    ParquetWriter::new(&mut buffer)
        .finish(&mut df)
        .map_err(|e| Failure::Other(format!("cannot write the plan table: {e}")))?;
    Ok(buffer)
}

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
/// ``wfm.capacity_plan``.
#[pyfunction]
#[pyo3(signature = (forecast_long, forecast_short, scenario, start, weeks, fte = None, group = None, output = None, overrides = None))]
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
) -> PyResult<PlanFrames<'py>> {
    let out = py.detach(move || {
        guarded(|| {
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
            let frame = |p: &[wfm::core::capacity::PlanPeriod]| {
                periods_frame(p).map_err(|e| Failure::Other(format!("plan table: {e}")))
            };
            let weekly = parquet(frame(&outcome.plan.weekly)?)?;
            let monthly = parquet(frame(&outcome.plan.monthly)?)?;
            let hiring = match &outcome.plan.hiring {
                Some(h) => parquet(
                    hiring_frame(h).map_err(|e| Failure::Other(format!("hiring table: {e}")))?,
                )?,
                None => Vec::new(),
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
    match out {
        Ok((w, m, name, group, h)) => Ok((
            PyBytes::new(py, &w),
            PyBytes::new(py, &m),
            name,
            group,
            PyBytes::new(py, &h),
        )),
        Err(f) => Err(f.into_pyerr(py)),
    }
}
