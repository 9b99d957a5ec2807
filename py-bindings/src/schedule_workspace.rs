//! The scheduling configuration and schedules of a workspace for Python
//! (`wfm.Workspace.schedule_scenario`, `.schedules`): free functions taking the
//! `_Workspace`, each converting its arguments and calling the handles without the GIL.
//! Tables cross as Arrow tables (`arrow.rs`) of the frames `wfm::workspace::frames` defines, a
//! schedule's summary as a dict whose keys are named here.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wfm::core::Channel;
use wfm::scheduling::workspace::{AgentPeriod, CreateSchedule};
use wfm::store::DocumentId;
use wfm::workspace::frames;

use crate::Failure;
use crate::arrow::{PyArrowTable, table};
use crate::progress::Watcher;
use crate::workspace::{PyWorkspace, argument};

fn date(column: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

/// Imports a scenario TOML as the scheduling configuration; returns its document id.
#[pyfunction]
pub fn schedule_scenario_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        Ok(ws.schedule_scenario().import_file(&path)?.info.id.0)
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
            ws.schedule_scenario().export(p)?;
        }
        Ok(ws.schedule_scenario().to_toml()?)
    })
}

/// The building blocks: names per kind.
#[pyfunction]
pub fn schedule_scenario_blocks(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
) -> PyResult<Vec<(String, Vec<String>)>> {
    ws.with(py, |ws| {
        Ok(ws
            .schedule_scenario()
            .blocks()?
            .blocks
            .into_iter()
            .map(|c| (c.kind.to_owned(), c.names))
            .collect())
    })
}

/// Generates a draft schedule; returns its document id. ``progress(stage, done, total)``
/// hears of every week; Ctrl-C stops the run after the week (the draft holds the weeks
/// done, its report marked stopped).
#[pyfunction]
#[pyo3(signature = (ws, group = None, week_start = None, name = None, channel = "VOICE".to_owned(), time_limit = 600.0, gap = 0.01, progress = None))]
#[allow(clippy::too_many_arguments)]
pub fn schedules_create(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    group: Option<String>,
    week_start: Option<String>,
    name: Option<String>,
    channel: String,
    time_limit: f64,
    gap: f64,
    progress: Option<Py<PyAny>>,
) -> PyResult<i64> {
    let watcher = Watcher::new(progress);
    let out = ws.with_watched(py, &watcher, |ws, watch| {
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
            watcher: watch.clone(),
            ..CreateSchedule::default()
        };
        Ok(ws.schedules().create(&request)?.id.0)
    });
    watcher.finish(py, out, true)
}

/// Every schedule (an Arrow table).
#[pyfunction]
pub fn schedules_list(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<PyArrowTable> {
    ws.frame(py, "schedules", |ws| {
        Ok(frames::schedules(&ws.schedules().list()?))
    })
}

/// A schedule's summary as a dict: its listing's fields, the counts, the solver's
/// warnings, what the validator finds now, and the forecast and configuration ids.
#[pyfunction]
pub fn schedules_get<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
) -> PyResult<Bound<'py, PyDict>> {
    let s = ws.with(py, |ws| Ok(ws.schedules().summary(DocumentId(id))?))?;
    summary_dict(py, &s)
}

/// A schedule's summary as the dict of [`schedules_get`].
pub(crate) fn summary_dict<'py>(
    py: Python<'py>,
    s: &wfm::scheduling::workspace::ScheduleSummary,
) -> PyResult<Bound<'py, PyDict>> {
    let l = &s.listing;
    let utc = wfm::tables::utc_text;
    let unassigned: usize = s
        .report
        .weeks
        .iter()
        .map(|w| w.report.unassigned_shifts)
        .sum();
    let d = PyDict::new(py);
    d.set_item("id", l.info.id.0)?;
    d.set_item("name", &l.info.name)?;
    d.set_item("forecast_group", &l.forecast_group)?;
    d.set_item("staffing_groups", l.staffing_groups.join(","))?;
    d.set_item("from", l.start.to_string())?;
    d.set_item("to", l.end.to_string())?;
    d.set_item("status", l.info.status.as_str())?;
    d.set_item("created", utc(l.info.created_at))?;
    d.set_item(
        "published",
        l.info.published_at.map(utc).unwrap_or_default(),
    )?;
    d.set_item("summary", &l.info.summary)?;
    d.set_item("agents", s.agents)?;
    d.set_item("agents_scheduled", s.agents_scheduled)?;
    d.set_item("shifts", s.shifts)?;
    d.set_item("paid_hours", s.paid_hours)?;
    d.set_item("short_intervals", s.short_intervals)?;
    d.set_item("unassigned_shifts", unassigned)?;
    d.set_item("warnings", s.report.warnings.clone())?;
    d.set_item("violations", s.violations.clone())?;
    d.set_item("forecast_id", s.forecast_id.0)?;
    d.set_item("scenario_id", s.scenario_id.0)?;
    Ok(d)
}

/// Publishes a draft schedule; returns the ids of the published schedules it replaced.
#[pyfunction]
pub fn schedules_publish(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
) -> PyResult<Vec<i64>> {
    ws.with(py, |ws| {
        let p = ws.schedules().publish(DocumentId(id))?;
        Ok(p.replaced.iter().map(|d| d.0).collect())
    })
}

/// Deletes a draft schedule.
#[pyfunction]
pub fn schedules_delete(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, id: i64) -> PyResult<()> {
    ws.with(py, |ws| {
        ws.schedules().delete(DocumentId(id))?;
        Ok(())
    })
}

/// Writes a schedule's tables and configuration into ``output``; returns the files.
#[pyfunction]
pub fn schedules_export(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    output: PathBuf,
) -> PyResult<Vec<String>> {
    ws.with(py, |ws| {
        Ok(ws
            .schedules()
            .export(DocumentId(id), &output)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    })
}

/// An agent's shifts of a published schedule for the local day ``date`` or the seven
/// days from ``week`` (default: the schedule's first week): (zone, Arrow table).
#[pyfunction]
#[pyo3(signature = (ws, id, agent, date = None, week = None))]
pub fn schedules_agent_view(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    agent: String,
    date: Option<String>,
    week: Option<String>,
) -> PyResult<(String, PyArrowTable)> {
    ws.with(py, |ws| {
        let id = DocumentId(id);
        let period = match (date.as_deref(), week.as_deref()) {
            (Some(_), Some(_)) => {
                return Err(argument("date", "give date or week, not both".into()));
            }
            (Some(d), None) => AgentPeriod::Day(self::date("date", d)?),
            (None, Some(w)) => AgentPeriod::Week(self::date("week", w)?),
            (None, None) => ws.schedules().first_week(id)?,
        };
        let v = ws.schedules().agent_view(id, &agent, period)?;
        Ok((
            v.time_zone.name().to_owned(),
            table("agent shifts", frames::agent_shifts(&v))?,
        ))
    })
}
