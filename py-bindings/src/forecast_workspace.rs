//! The forecasts and override files of a workspace for Python (`wfm.Workspace.forecasts`,
//! `wfm.Workspace.overrides`): free functions taking the `_Workspace`, each converting its
//! arguments and calling the handles `Workspace::forecasts` / `Workspace::overrides`
//! without the GIL. Tables cross as Parquet bytes of the frames `wfm::workspace::frames`
//! defines.

use std::path::PathBuf;

use chrono::Utc;
use polars::prelude::{DataFrame, ParquetWriter, PolarsResult};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::forecasting::{
    ComputeOptions, ForecastKind, ForecastTable, QUANTILES, ShowFilter, backtest_frame,
    forecast_frame,
};
use wfm::workspace::{Overrides, Version, frames};

use crate::Failure;
use crate::forecast::parse_start;
use crate::workspace::{PyWorkspace, argument};

/// A table as Parquet bytes; `what` names it in an error.
pub(crate) fn table(what: &str, frame: PolarsResult<DataFrame>) -> Result<Vec<u8>, Failure> {
    let mut df =
        frame.map_err(|e| Failure::Other(format!("cannot build the {what} table: {e}")))?;
    let mut buffer = Vec::new();
    ParquetWriter::new(&mut buffer)
        .finish(&mut df)
        .map_err(|e| Failure::Other(format!("cannot write the {what} table: {e}")))?;
    Ok(buffer)
}

fn kind(text: &str) -> Result<ForecastKind, Failure> {
    text.parse::<ForecastKind>()
        .map_err(|e| argument("kind", e.to_string()))
}

fn version(published: bool) -> Version {
    if published {
        Version::Published
    } else {
        Version::Computed
    }
}

fn overrides(applied: bool) -> Overrides {
    if applied {
        Overrides::Applied
    } else {
        Overrides::Ignored
    }
}

/// Every forecast version as a table (Parquet bytes).
#[pyfunction]
pub fn forecasts_list<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let rows = ws.forecasts().list()?;
        table("forecast versions", frames::forecast_versions(&rows))
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Computes the group's forecast of ``kind`` and stores it as the last computed version;
/// returns its document id.
#[pyfunction]
#[pyo3(signature = (ws, group, kind, start = None, weeks = None))]
pub fn forecasts_compute(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
    start: Option<String>,
    weeks: Option<u32>,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let options = ComputeOptions {
            start: start.as_deref().map(parse_start).transpose()?,
            weeks,
            holidays: None,
        };
        let c = ws
            .forecasts()
            .compute(&group, self::kind(&kind)?, &options, Utc::now())?;
        Ok(c.info.id.0)
    })
}

/// Publishes the last computed forecast; returns its document id.
#[pyfunction]
pub fn forecasts_publish(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        Ok(ws
            .forecasts()
            .publish(&group, self::kind(&kind)?)?
            .info
            .id
            .0)
    })
}

/// The forecast (with or without overrides) as a table (Parquet bytes).
#[pyfunction]
pub fn forecasts_get<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
    published: bool,
    applied: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let (_, f) = ws.forecasts().get(
            &group,
            self::kind(&kind)?,
            version(published),
            overrides(applied),
        )?;
        table(
            "forecast",
            forecast_frame(&f, &ForecastTable::computed(&QUANTILES)),
        )
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Deletes the last computed draft (or the last published forecast); returns its id.
#[pyfunction]
pub fn forecasts_delete(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
    published: bool,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let d = ws
            .forecasts()
            .delete(&group, self::kind(&kind)?, version(published))?;
        Ok(d.id.0)
    })
}

/// Computed vs published and actuals vs each, per queue × channel (Parquet bytes).
#[pyfunction]
pub fn forecasts_compare<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let rows = ws
            .forecasts()
            .compare(&group, self::kind(&kind)?, &ShowFilter::default())?;
        table("comparison", frames::compare_rows(&rows))
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Writes the forecast download CSV; returns the rows.
#[pyfunction]
pub fn forecasts_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
    path: PathBuf,
    published: bool,
    applied: bool,
) -> PyResult<usize> {
    ws.with(py, |ws| {
        Ok(ws.forecasts().export(
            &group,
            self::kind(&kind)?,
            version(published),
            overrides(applied),
            &path,
        )?)
    })
}

/// Rolling-origin backtests of the group's series (Parquet bytes).
#[pyfunction]
pub fn forecasts_backtest<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let rows = ws.forecasts().backtest(&group, self::kind(&kind)?)?;
        table("backtest", backtest_frame(&rows))
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Recomputes what is due; one row per group and kind (Parquet bytes).
#[pyfunction]
pub fn forecasts_refresh<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let actions = ws.forecasts().refresh(Utc::now())?;
        table("refresh", frames::refresh_actions(&actions))
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Every group's override file (Parquet bytes).
#[pyfunction]
pub fn overrides_list<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = ws.with(py, |ws| {
        let rows = ws.overrides().list()?;
        table("override files", frames::override_files(&rows))
    })?;
    Ok(PyBytes::new(py, &bytes))
}

/// Stores ``text`` (from the file ``name``) as the group's override file; returns its
/// rows. Nothing is stored when it has an error.
#[pyfunction]
pub fn overrides_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    name: String,
    text: String,
) -> PyResult<usize> {
    ws.with(py, |ws| {
        Ok(ws.overrides().import(&group, &name, &text)?.1.rows.len())
    })
}

/// Removes the group's override file; returns its document id.
#[pyfunction]
pub fn overrides_delete(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
) -> PyResult<i64> {
    ws.with(py, |ws| Ok(ws.overrides().delete(&group)?.id.0))
}

/// The template of the group's next override file (the last one, else the header).
#[pyfunction]
pub fn overrides_template(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
) -> PyResult<String> {
    ws.with(py, |ws| Ok(ws.overrides().template(&group)?))
}
