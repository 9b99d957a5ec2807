//! `wfm._wfm.forecast_files`: a forecast from history files, for Python. The forecast
//! and the backtest cross as Parquet bytes; `wfm/forecasting.py` turns them into polars
//! DataFrames.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::forecasting::{
    ForecastKind, ForecastRequest, backtest_frame, forecast_files as run_forecast, forecast_frame,
    parse_public_holidays, parse_time_zone,
};

use crate::progress::Watcher;
use crate::workspace::argument;
use crate::{Failure, frame_parquet};

pub(crate) fn parse_start(text: &str) -> Result<DateTime<Utc>, Failure> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| {
            argument(
                "start",
                format!("{text:?} is not YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD"),
            )
        })
}

/// The forecast of ``wfm forecast``: ``(forecast, backtest, warnings)`` with the tables
/// as Parquet bytes (the backtest empty unless asked for). ``progress(stage, done,
/// total)`` hears of every series fitted; an exception it raises, or Ctrl-C, stops the
/// run before the next series and is raised. Use ``wfm.forecast``.
#[pyfunction]
#[pyo3(signature = (history, kind, weeks, start = None, quantiles = vec![0.1, 0.5, 0.9], holidays = None, time_zones = vec![], backtest = false, public_holidays = vec![], progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn forecast_files<'py>(
    py: Python<'py>,
    history: Vec<PathBuf>,
    kind: String,
    weeks: u32,
    start: Option<String>,
    quantiles: Vec<f64>,
    holidays: Option<PathBuf>,
    time_zones: Vec<String>,
    backtest: bool,
    public_holidays: Vec<String>,
    progress: Option<Py<PyAny>>,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>, Vec<String>)> {
    let watcher = Watcher::new(progress);
    let out = watcher.run(py, move |watch| {
        let kind: ForecastKind = kind.parse().map_err(wfm::WfmError::from)?;
        let mut request = ForecastRequest::new(history, kind, weeks);
        request.start = start.as_deref().map(parse_start).transpose()?;
        request.quantiles = quantiles;
        request.holidays = holidays;
        request.time_zones = time_zones
            .iter()
            .map(|t| parse_time_zone(t))
            .collect::<Result<_, _>>()?;
        request.public_holidays = public_holidays
            .iter()
            .map(|t| parse_public_holidays(t))
            .collect::<Result<_, _>>()?;
        request.backtest = backtest;
        request.watcher = watch.clone();
        let out = run_forecast(&request)?;
        let table = frame_parquet("forecast", forecast_frame(&out.forecast, &out.table()))?;
        let bt = frame_parquet("backtest", backtest_frame(&out.backtest))?;
        Ok((table, bt, out.forecast.warnings))
    });
    let (f, b, w) = watcher.finish(py, out, false)?;
    Ok((PyBytes::new(py, &f), PyBytes::new(py, &b), w))
}
