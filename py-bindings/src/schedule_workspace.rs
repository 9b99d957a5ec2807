//! Scheduling on a workspace for Python (`wfm.Workspace.import_scenario`,
//! `create_schedule`, …): free functions taking the `_Workspace`, each converting its
//! arguments and calling `wfm::scheduling::workspace` without the GIL.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use wfm::core::Channel;
use wfm::scheduling::workspace::{
    self, AgentPeriod, CreateSchedule, ScheduleListing, building_blocks,
};
use wfm::store::DocumentId;

use crate::Failure;
use crate::workspace::{PyWorkspace, argument};

/// A schedule row: id, name, forecast group, staffing groups (comma-separated), from, to,
/// status, created, published (empty: not), summary.
type ScheduleRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// A shift of the agent view: local day, start, end (ISO 8601 UTC; the shell shows them
/// in the zone), zone abbreviation, paid hours, activities (`name start–end` on the local
/// clock, comma-separated).
type AgentRow = (String, String, String, String, f64, String);

/// The building blocks: scenario name, forecast group, first and last day, and per kind
/// the names.
type Blocks = (String, String, String, String, Vec<(String, Vec<String>)>);

/// A schedule's summary: its row; agents, agents scheduled, shifts, paid hours, short
/// quarter hours, unassigned shifts; conflicts; violations; forecast and configuration
/// ids.
type Summary = (
    ScheduleRow,
    (usize, usize, usize, f64, usize, usize),
    Vec<String>,
    Vec<String>,
    (i64, i64),
);

fn fmt(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn row(l: &ScheduleListing) -> ScheduleRow {
    (
        l.info.id.0,
        l.info.name.clone(),
        l.forecast_group.clone(),
        l.staffing_groups.join(","),
        l.start.to_string(),
        l.end.to_string(),
        l.info.status.as_str().to_owned(),
        fmt(l.info.created_at),
        l.info.published_at.map(fmt).unwrap_or_default(),
        l.info.summary.clone(),
    )
}

fn date(column: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

fn listing(ws: &wfm::Workspace, id: DocumentId) -> Result<ScheduleRow, Failure> {
    Ok(row(&workspace::schedule_summary(ws, id)?.listing))
}

/// Imports a scenario TOML as the scheduling configuration; returns (id, name, summary).
#[pyfunction]
pub fn schedule_scenario_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
) -> PyResult<(i64, String, String)> {
    ws.with(py, |ws| {
        let done = workspace::import_scenario_file(ws, &path)?;
        Ok((done.info.id.0, done.info.name, done.info.summary))
    })
}

/// The scheduling configuration as scenario TOML; written to ``path`` when given.
#[pyfunction]
#[pyo3(signature = (ws, path = None))]
pub fn schedule_scenario_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: Option<PathBuf>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        if let Some(p) = &path {
            workspace::export_scenario_file(ws, p)?;
        }
        Ok(workspace::export_scenario(ws)?)
    })
}

/// The building blocks: (name, forecast group, start, end, [(kind, names)]).
#[pyfunction]
pub fn schedule_scenario_blocks(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<Blocks> {
    ws.with(py, |ws| {
        let b = building_blocks(ws)?;
        Ok((
            b.name,
            b.request.forecast_group,
            b.request.start.to_string(),
            b.request.end.to_string(),
            b.blocks
                .into_iter()
                .map(|c| (c.kind.to_owned(), c.names))
                .collect(),
        ))
    })
}

/// Generates a draft schedule; returns its row.
#[pyfunction]
#[pyo3(signature = (ws, group = None, week_start = None, name = None, channel = "VOICE".to_owned(), time_limit = 60.0, gap = 0.01))]
#[allow(clippy::too_many_arguments)]
pub fn schedule_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: Option<String>,
    week_start: Option<String>,
    name: Option<String>,
    channel: String,
    time_limit: f64,
    gap: f64,
) -> PyResult<ScheduleRow> {
    ws.with(py, |ws| {
        let (time_limit, gap) = crate::schedule::solver_limits(time_limit, gap)?;
        let request = CreateSchedule {
            name,
            staffing_group: group,
            week_start: week_start
                .as_deref()
                .map(|d| date("week_start", d))
                .transpose()?,
            channel: channel
                .parse::<Channel>()
                .map_err(|e| argument("channel", e.to_string()))?,
            time_limit_seconds: time_limit,
            relative_gap: gap,
        };
        let doc = workspace::create_schedule(ws, &request)?;
        listing(ws, doc.id)
    })
}

/// Every schedule's row.
#[pyfunction]
pub fn schedule_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<Vec<ScheduleRow>> {
    ws.with(py, |ws| {
        Ok(workspace::list_schedules(ws)?.iter().map(row).collect())
    })
}

/// A schedule's summary: (row, agents, agents scheduled, shifts, paid hours, short quarter
/// hours, unassigned shifts, warnings, violations, forecast id, configuration id).
#[pyfunction]
pub fn schedule_summary(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, id: i64) -> PyResult<Summary> {
    ws.with(py, |ws| {
        let s = workspace::schedule_summary(ws, DocumentId(id))?;
        Ok((
            row(&s.listing),
            (
                s.agents,
                s.agents_scheduled,
                s.shifts,
                s.paid_hours,
                s.short_intervals,
                s.report
                    .weeks
                    .iter()
                    .map(|w| w.report.unassigned_shifts)
                    .sum(),
            ),
            s.report.warnings.clone(),
            s.violations,
            (s.forecast_id.0, s.scenario_id.0),
        ))
    })
}

/// Publishes a draft schedule; returns its row and the ids of the published schedules it
/// replaced.
#[pyfunction]
pub fn schedule_publish(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
) -> PyResult<(ScheduleRow, Vec<i64>)> {
    ws.with(py, |ws| {
        let p = workspace::publish_schedule(ws, DocumentId(id))?;
        Ok((
            listing(ws, p.info.id)?,
            p.replaced.iter().map(|d| d.0).collect(),
        ))
    })
}

/// Deletes a draft schedule.
#[pyfunction]
pub fn schedule_delete(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, id: i64) -> PyResult<()> {
    ws.with(py, |ws| {
        workspace::delete_schedule(ws, DocumentId(id))?;
        Ok(())
    })
}

/// Writes a schedule's tables and configuration into ``output``; returns the files.
#[pyfunction]
pub fn schedule_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    output: PathBuf,
) -> PyResult<Vec<String>> {
    ws.with(py, |ws| {
        Ok(workspace::export_schedule(ws, DocumentId(id), &output)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    })
}

/// An agent's shifts of a published schedule in their time zone, for the local day
/// ``date`` or the seven days from ``week`` (default: the schedule's first week); returns
/// (zone, rows).
#[pyfunction]
#[pyo3(signature = (ws, id, agent, date = None, week = None))]
pub fn schedule_agent(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    agent: String,
    date: Option<String>,
    week: Option<String>,
) -> PyResult<(String, Vec<AgentRow>)> {
    ws.with(py, |ws| {
        let id = DocumentId(id);
        let period = match (date.as_deref(), week.as_deref()) {
            (Some(_), Some(_)) => {
                return Err(argument("date", "give date or week, not both".into()));
            }
            (Some(d), None) => AgentPeriod::Day(self::date("date", d)?),
            (None, Some(w)) => AgentPeriod::Week(self::date("week", w)?),
            (None, None) => AgentPeriod::Week(workspace::load_schedule(ws, id)?.1.start),
        };
        let v = workspace::agent_view(ws, id, &agent, period)?;
        let rows = v
            .shifts
            .iter()
            .map(|s| {
                (
                    s.start.format("%Y-%m-%d").to_string(),
                    fmt(s.start.with_timezone(&chrono::Utc)),
                    fmt(s.end.with_timezone(&chrono::Utc)),
                    s.start.format("%Z").to_string(),
                    s.paid_hours,
                    s.activities_text(),
                )
            })
            .collect();
        Ok((v.time_zone.name().to_owned(), rows))
    })
}
