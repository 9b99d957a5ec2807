//! The capacity scenarios, FTE loads and plans of a workspace for Python
//! (`wfm.Workspace.scenarios`, `.fte_loads`, `.plans`): free functions taking the
//! `_Workspace`, each converting its arguments and calling the handles without the GIL.
//! Tables cross as Arrow tables (`arrow.rs`) of the frames `wfm::workspace::frames`
//! defines.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use wfm::capacity::lifecycle::{PlanRequest, Rerun};
use wfm::capacity::{hiring_table, monthly_table, read_override, weekly_table};
use wfm::workspace::frames;

use crate::arrow::{PyArrowTable, facade_table, given};
use crate::workspace::{PyWorkspace, argument};

fn date(column: &str, text: &str) -> Result<NaiveDate, crate::Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

/// Stores a scenario TOML file for ``group`` (``"*"``: every group); returns its name.
#[pyfunction]
pub fn scenarios_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
    group: String,
) -> PyResult<String> {
    ws.with(py, |ws| Ok(ws.scenarios().create_file(&group, &path)?.name))
}

/// Replaces the TOML of the scenario ``name`` of ``group``; returns its document id.
#[pyfunction]
pub fn scenarios_edit(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    path: PathBuf,
    group: String,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        Ok(ws.scenarios().edit_file(&group, &name, &path)?.id.0)
    })
}

/// The TOML of the scenario ``name`` a plan of ``group`` uses.
#[pyfunction]
pub fn scenarios_get(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    group: String,
) -> PyResult<String> {
    ws.with(py, |ws| Ok(ws.scenarios().get(&group, &name)?.1.toml))
}

/// Deletes the scenario ``name`` of ``group``; returns its document id.
#[pyfunction]
pub fn scenarios_delete(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    group: String,
) -> PyResult<i64> {
    ws.with(py, |ws| Ok(ws.scenarios().delete(&group, &name)?.id.0))
}

/// Every scenario (an Arrow table).
#[pyfunction]
pub fn scenarios_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "scenarios", |ws| {
        Ok(frames::scenarios(&ws.scenarios().list()?))
    })
}

/// Imports an FTE and shrinkage CSV (a path, or a DataFrame with its columns); the
/// loads stored (an Arrow table).
#[pyfunction]
pub fn fte_loads_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: &Bound<'_, PyAny>,
) -> PyResult<PyArrowTable> {
    let source = given(path, "path", "<dataframe>").map_err(|f| f.into_pyerr(py))?;
    ws.frame(py, "FTE loads", |ws| {
        let input = source.input()?;
        Ok(frames::fte_loads(&ws.fte_loads().import_input(&input)?))
    })
}

/// Every FTE load (an Arrow table).
#[pyfunction]
pub fn fte_loads_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "FTE loads", |ws| {
        Ok(frames::fte_loads(&ws.fte_loads().list()?))
    })
}

/// Creates a plan from the group's published forecasts; returns its document id.
#[pyfunction]
#[pyo3(signature = (ws, name, group, scenario, start, weeks, description = String::new()))]
#[allow(clippy::too_many_arguments)]
pub fn plans_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    group: String,
    scenario: String,
    start: String,
    weeks: u32,
    description: String,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let request = PlanRequest {
            name,
            description,
            group,
            scenario,
            start: date("start", &start)?,
            weeks,
        };
        Ok(ws.plans().create(&request)?.id.0)
    })
}

/// Every plan (an Arrow table).
#[pyfunction]
pub fn plans_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "plans", |ws| Ok(frames::plans(&ws.plans().list()?)))
}

/// A plan's periods (weekly or monthly) and hiring plan (``None``: none) as Arrow
/// tables.
#[pyfunction]
pub fn plans_get(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    monthly: bool,
) -> PyResult<(PyArrowTable, Option<PyArrowTable>)> {
    ws.with(py, |ws| {
        let plan = ws.plans().get(&name)?.stored.plan;
        // the tables of plan_weekly.csv / plan_monthly.csv and the Hiring sheet
        let periods = if monthly {
            monthly_table(&plan)
        } else {
            weekly_table(&plan)
        };
        let hiring = match &plan.hiring {
            Some(h) => Some(facade_table("hiring", hiring_table(h).frame())?),
            None => None,
        };
        Ok((facade_table("periods", periods.frame())?, hiring))
    })
}

/// Overrides a draft plan's required FTE from an override CSV; returns its document id.
#[pyfunction]
pub fn plans_override(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    path: PathBuf,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let values = read_override(&path)?;
        Ok(ws.plans().override_plan(&name, &values)?.id.0)
    })
}

/// Re-runs a draft plan; returns its document id.
#[pyfunction]
#[pyo3(signature = (ws, name, start = None, weeks = None, scenario = None))]
pub fn plans_rerun(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    start: Option<String>,
    weeks: Option<u32>,
    scenario: Option<String>,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let change = Rerun {
            start: start.as_deref().map(|s| date("start", s)).transpose()?,
            weeks,
            scenario,
        };
        Ok(ws.plans().rerun(&name, &change)?.id.0)
    })
}

/// Publishes a plan; returns its document id.
#[pyfunction]
pub fn plans_publish(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, name: String) -> PyResult<i64> {
    ws.with(py, |ws| Ok(ws.plans().publish(&name)?.id.0))
}

/// Writes plan_weekly.csv, plan_monthly.csv and plan.xlsx of a plan into ``output``.
#[pyfunction]
pub fn plans_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    output: PathBuf,
) -> PyResult<Vec<String>> {
    ws.with(py, |ws| {
        Ok(ws
            .plans()
            .export(&name, &output)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    })
}
