//! `wfm._wfm.forecast_files`: a forecast from history files or DataFrames, for Python.
//! The forecast and the backtest cross as Arrow tables (`arrow.rs`); `wfm/forecasting.py`
//! turns them into polars DataFrames.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use wfm::forecasting::{
    ForecastKind, ForecastRequest, backtest_frame, forecast_files as run_forecast, forecast_frame,
    parse_public_holidays, parse_time_zone,
};

use crate::arrow::{PyArrowTable, given, table};
use crate::workspace::argument;
use crate::{Failure, guarded};

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
/// as Arrow tables (the backtest empty unless asked for); ``history`` is a list of paths
/// or DataFrames (instants converted to UTC, naive ones UTC). Use ``wfm.forecast``.
#[pyfunction]
#[pyo3(signature = (history, kind, weeks, start = None, quantiles = vec![0.1, 0.5, 0.9], holidays = None, time_zones = vec![], backtest = false, public_holidays = vec![]))]
#[allow(clippy::too_many_arguments)]
pub fn forecast_files(
    py: Python<'_>,
    history: Vec<Bound<'_, PyAny>>,
    kind: String,
    weeks: u32,
    start: Option<String>,
    quantiles: Vec<f64>,
    holidays: Option<PathBuf>,
    time_zones: Vec<String>,
    backtest: bool,
    public_holidays: Vec<String>,
) -> PyResult<(PyArrowTable, PyArrowTable, Vec<String>)> {
    let many = history.len() > 1;
    let history = history
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let name = if many {
                format!("<dataframe {}>", i + 1)
            } else {
                "<dataframe>".to_owned()
            };
            given(h, "history", &name)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|f| f.into_pyerr(py))?;
    let out = py.detach(move || {
        guarded(|| {
            let kind: ForecastKind = kind.parse().map_err(wfm::WfmError::from)?;
            let history = history
                .into_iter()
                .map(|h| h.input())
                .collect::<Result<Vec<_>, _>>()?;
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
            let out = run_forecast(&request)?;
            let forecast = table("forecast", forecast_frame(&out.forecast, &out.table()))?;
            let bt = table("backtest", backtest_frame(&out.backtest))?;
            Ok((forecast, bt, out.forecast.warnings))
        })
    });
    out.map_err(|f| f.into_pyerr(py))
}
