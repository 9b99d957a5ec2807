//! The forecasts and override files of a workspace for Python (`wfm.Workspace.forecasts`,
//! `wfm.Workspace.overrides`): free functions taking the `_Workspace`, each converting its
//! arguments and calling the handles `Workspace::forecasts` / `Workspace::overrides`
//! without the GIL. Tables cross as Arrow tables (`arrow.rs`) of the frames `wfm::workspace::frames`
//! defines.

use std::path::PathBuf;

use chrono::Utc;

use pyo3::prelude::*;
use wfm::forecasting::{
    ComputeOptions, ForecastKind, ForecastTable, QUANTILES, ShowFilter, backtest_frame,
    forecast_frame,
};
use wfm::workspace::{Overrides, Version, frames};

use crate::Failure;
use crate::arrow::{PyArrowTable, frame_of};
use crate::forecast::parse_start;
use crate::workspace::{PyWorkspace, argument};

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

/// Every forecast version as a table (an Arrow table).
#[pyfunction]
pub fn forecasts_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "forecast versions", |ws| {
        let rows = ws.forecasts().list()?;
        Ok(frames::forecast_versions(&rows))
    })
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

/// The forecast (with or without overrides) as a table (an Arrow table).
#[pyfunction]
pub fn forecasts_get(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
    published: bool,
    applied: bool,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "forecast", |ws| {
        let (_, f) = ws.forecasts().get(
            &group,
            self::kind(&kind)?,
            version(published),
            overrides(applied),
        )?;
        Ok(forecast_frame(&f, &ForecastTable::computed(&QUANTILES)))
    })
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

/// Computed vs published and actuals vs each, per queue × channel (an Arrow table).
#[pyfunction]
pub fn forecasts_compare(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "comparison", |ws| {
        let rows = ws
            .forecasts()
            .compare(&group, self::kind(&kind)?, &ShowFilter::default())?;
        Ok(frames::compare_rows(&rows))
    })
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

/// Rolling-origin backtests of the group's series (an Arrow table).
#[pyfunction]
pub fn forecasts_backtest(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    kind: String,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "backtest", |ws| {
        let rows = ws.forecasts().backtest(&group, self::kind(&kind)?)?;
        Ok(backtest_frame(&rows))
    })
}

/// Recomputes what is due; one row per group and kind (an Arrow table).
#[pyfunction]
pub fn forecasts_refresh(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "refresh", |ws| {
        let actions = ws.forecasts().refresh(Utc::now())?;
        Ok(frames::refresh_actions(&actions))
    })
}

/// Every group's override file (an Arrow table).
#[pyfunction]
pub fn overrides_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "override files", |ws| {
        let rows = ws.overrides().list()?;
        Ok(frames::override_files(&rows))
    })
}

/// Stores ``text`` (from the file ``name``; or a DataFrame with the override CSV's
/// columns) as the group's override file; returns its rows. Nothing is stored when it
/// has an error.
#[pyfunction]
pub fn overrides_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: String,
    name: String,
    text: &Bound<'_, PyAny>,
) -> PyResult<usize> {
    let text = match text.extract::<String>() {
        Ok(t) => t,
        Err(_) => frame_of(text, "overrides")
            .and_then(|df| {
                wfm::arrow::csv_text(df)
                    .map_err(|e| Failure::Other(format!("cannot read the DataFrame: {e}")))
            })
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|f| f.into_pyerr(py))?,
    };
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
