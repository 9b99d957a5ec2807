//! The plan lifecycle on a workspace for Python (`wfm.Workspace.create_plan`, …): free
//! functions taking the `_Workspace`, each converting its arguments and calling
//! `wfm::capacity::lifecycle` without the GIL. Periods cross as Parquet bytes.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::capacity::lifecycle::{self, PlanRequest, Rerun};
use wfm::capacity::{
    PlanOutcome, hiring_table, monthly_table, read_override, weekly_table, write_plan_dir,
};
use wfm::store::{DocumentInfo, DocumentKind};

use crate::Failure;
use crate::workspace::{PyWorkspace, argument};

/// A document row: id, name, group, status, created, published (empty: not), summary.
type DocumentRow = (i64, String, String, String, String, String, String);

fn row(d: &DocumentInfo) -> DocumentRow {
    let fmt = wfm::tables::utc_text;
    (
        d.id.0,
        d.name.clone(),
        d.scope.clone(),
        d.status.as_str().to_owned(),
        fmt(d.created_at),
        d.published_at.map(fmt).unwrap_or_default(),
        d.summary.clone(),
    )
}

fn date(column: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

/// Stores a scenario TOML file for ``group`` (``"*"``: every group); returns its row.
#[pyfunction]
pub fn plan_scenario_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
    group: String,
) -> PyResult<DocumentRow> {
    ws.with(py, |ws| {
        let text = std::fs::read_to_string(&path).map_err(|source| wfm::WfmError::Io {
            path: path.clone(),
            source,
        })?;
        let doc = lifecycle::create_scenario(ws, &text, &path.display().to_string(), &group)?;
        Ok(row(&doc))
    })
}

/// Rows of the stored documents of ``kind`` (``"scenario"``, ``"plan"``, ``"fte"``).
#[pyfunction]
pub fn plan_documents(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    kind: String,
) -> PyResult<Vec<DocumentRow>> {
    ws.with(py, |ws| {
        let kind: DocumentKind = kind
            .parse()
            .map_err(|_| argument("kind", format!("unknown document kind {kind:?}")))?;
        Ok(ws.documents(kind, None)?.iter().map(row).collect())
    })
}

/// Imports an FTE and shrinkage CSV; one row per group stored.
#[pyfunction]
pub fn plan_fte_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
) -> PyResult<Vec<DocumentRow>> {
    ws.with(py, |ws| {
        Ok(lifecycle::import_fte(ws, &path)?.iter().map(row).collect())
    })
}

/// Creates a plan from the group's published forecasts; returns its row.
#[pyfunction]
#[pyo3(signature = (ws, name, group, scenario, start, weeks, description = String::new()))]
#[allow(clippy::too_many_arguments)]
pub fn plan_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    group: String,
    scenario: String,
    start: String,
    weeks: u32,
    description: String,
) -> PyResult<DocumentRow> {
    ws.with(py, |ws| {
        let request = PlanRequest {
            name,
            description,
            group,
            scenario,
            start: date("start", &start)?,
            weeks,
        };
        Ok(row(&lifecycle::create_plan(ws, &request)?))
    })
}

/// A plan's periods (weekly or monthly) and hiring plan (empty bytes: none) as Parquet.
#[pyfunction]
pub fn plan_periods<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    monthly: bool,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
    let (periods, hiring) = ws.with(py, |ws| {
        let (_, stored) = lifecycle::load_plan(ws, &name)?;
        // the tables of plan_weekly.csv / plan_monthly.csv and the Hiring sheet
        let periods = if monthly {
            monthly_table(&stored.plan)
        } else {
            weekly_table(&stored.plan)
        };
        let hiring = match &stored.plan.hiring {
            Some(h) => hiring_table(h).parquet()?,
            None => Vec::new(),
        };
        Ok((periods.parquet()?, hiring))
    })?;
    Ok((PyBytes::new(py, &periods), PyBytes::new(py, &hiring)))
}

/// Overrides a draft plan's required FTE from an override CSV; returns its row.
#[pyfunction]
pub fn plan_override(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    path: PathBuf,
) -> PyResult<DocumentRow> {
    ws.with(py, |ws| {
        let values = read_override(&path)?;
        Ok(row(&lifecycle::override_plan(ws, &name, &values)?))
    })
}

/// Re-runs a draft plan; returns its row.
#[pyfunction]
#[pyo3(signature = (ws, name, start = None, weeks = None, scenario = None))]
pub fn plan_rerun(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    start: Option<String>,
    weeks: Option<u32>,
    scenario: Option<String>,
) -> PyResult<DocumentRow> {
    ws.with(py, |ws| {
        let change = Rerun {
            start: start.as_deref().map(|s| date("start", s)).transpose()?,
            weeks,
            scenario,
        };
        Ok(row(&lifecycle::rerun_plan(ws, &name, &change)?))
    })
}

/// Publishes a plan; returns its row.
#[pyfunction]
pub fn plan_publish(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
) -> PyResult<DocumentRow> {
    ws.with(py, |ws| Ok(row(&lifecycle::publish_plan(ws, &name)?)))
}

/// Writes plan_weekly.csv, plan_monthly.csv and plan.xlsx of a plan into ``output``.
#[pyfunction]
pub fn plan_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    output: PathBuf,
) -> PyResult<Vec<String>> {
    ws.with(py, |ws| {
        let (doc, stored) = lifecycle::load_plan(ws, &name)?;
        let info = lifecycle::plan_info(&doc, &stored);
        let outcome = PlanOutcome {
            plan: stored.plan,
            scenario: stored.scenario,
            info,
        };
        Ok(write_plan_dir(&output, &outcome)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    })
}
