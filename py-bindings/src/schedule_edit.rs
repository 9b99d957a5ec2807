//! Editing a workspace's schedules for Python (`wfm.Workspace.schedules.edit`, `undo`,
//! `version`, `changes`, `meeting_slots`, `place_meeting`): free functions taking the
//! `_Workspace`, each converting its arguments and calling the `Schedules` handle without
//! the GIL. Results cross as dicts and row tuples whose keys and order are named here.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wfm::scheduler::edit::EditOptions;
use wfm::scheduler::edit::meeting::{Attendees, MeetingRequest};
use wfm::scheduler::review::ReviewSummary;
use wfm::scheduling::edit::parse_changes;
use wfm::store::{DocumentId, ScheduleChange};

use crate::Failure;
use crate::workspace::{PyWorkspace, argument};

fn date(column: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

fn review<'py>(py: Python<'py>, r: &ReviewSummary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("service_level", r.service_level)?;
    d.set_item("asa_seconds", r.asa_seconds)?;
    d.set_item("occupancy", r.occupancy)?;
    d.set_item("short_intervals", r.short_intervals)?;
    d.set_item("scheduled_hours", r.scheduled_hours)?;
    Ok(d)
}

fn change<'py>(py: Python<'py>, c: &ScheduleChange) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("version", c.version)?;
    d.set_item("kind", c.kind.as_str())?;
    d.set_item("undoes", c.undoes)?;
    d.set_item("undone", c.undone)?;
    d.set_item("actor", &c.actor)?;
    d.set_item("at", wfm::tables::utc_text(c.at))?;
    d.set_item("description", &c.description)?;
    d.set_item("changes", &c.changes)?;
    Ok(d)
}

/// Applies a changes text (JSON lines) to schedule ``id`` made on ``version``; returns a
/// dict: version, change (or None), changed, skipped, log (lines), review_before,
/// review_after, violations.
#[pyfunction]
#[pyo3(signature = (ws, id, changes, version, override_rules = false, reoptimise = false))]
pub fn schedules_edit<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    changes: String,
    version: u64,
    override_rules: bool,
    reoptimise: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let options = EditOptions {
        override_rules,
        reoptimise,
    };
    let done = ws.with(py, |ws| {
        let batch = parse_changes(&changes, "changes")?;
        Ok(ws
            .schedules()
            .edit(DocumentId(id), &batch, version, &options)?)
    })?;
    let d = PyDict::new(py);
    d.set_item("version", done.version)?;
    d.set_item(
        "change",
        done.change.as_ref().map(|c| change(py, c)).transpose()?,
    )?;
    d.set_item("changed", done.changed.clone())?;
    d.set_item("skipped", done.skipped.clone())?;
    let log: Vec<String> = done.log.iter().map(ToString::to_string).collect();
    d.set_item("log", log)?;
    d.set_item("review_before", review(py, &done.review.0)?)?;
    d.set_item("review_after", review(py, &done.review.1)?)?;
    d.set_item("violations", done.violations.clone())?;
    Ok(d)
}

/// Undoes the last edit of schedule ``id`` not undone yet; returns the logged undo.
#[pyfunction]
#[pyo3(signature = (ws, id, version = None))]
pub fn schedules_undo<'py>(
    py: Python<'py>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    version: Option<u64>,
) -> PyResult<Bound<'py, PyDict>> {
    let c = ws.with(py, |ws| Ok(ws.schedules().undo(DocumentId(id), version)?))?;
    change(py, &c)
}

/// The version of schedule ``id``.
#[pyfunction]
pub fn schedules_version(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, id: i64) -> PyResult<u64> {
    ws.with(py, |ws| Ok(ws.schedules().version(DocumentId(id))?))
}

/// One edit-log row: version, kind, undoes, undone, actor, at, description, changes.
type ChangeRow = (
    u64,
    String,
    Option<u64>,
    bool,
    String,
    String,
    String,
    String,
);

/// The edit log of schedule ``id`` as rows.
#[pyfunction]
pub fn schedules_edit_log(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
) -> PyResult<Vec<ChangeRow>> {
    let log = ws.with(py, |ws| Ok(ws.schedules().edit_log(DocumentId(id))?))?;
    Ok(log
        .into_iter()
        .map(|c| {
            (
                c.version,
                c.kind.as_str().to_owned(),
                c.undoes,
                c.undone,
                c.actor,
                wfm::tables::utc_text(c.at),
                c.description,
                c.changes,
            )
        })
        .collect())
}

/// One slot row: date, start, end (UTC text), attendees, SL without/with, ASA
/// without/with, contacts late.
type SlotRow = (String, String, String, Vec<String>, f64, f64, f64, f64, f64);

/// The cheapest meeting slots of schedule ``id`` as rows, best first.
#[pyfunction]
#[pyo3(signature = (ws, id, activity, duration_minutes, first_day, last_day, agents = None, group = None, count = None, slots = 5))]
#[allow(clippy::too_many_arguments)]
pub fn schedules_meeting_slots(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    activity: String,
    duration_minutes: i64,
    first_day: String,
    last_day: String,
    agents: Option<Vec<String>>,
    group: Option<String>,
    count: Option<usize>,
    slots: usize,
) -> PyResult<Vec<SlotRow>> {
    let found = ws.with(py, |ws| {
        let attendees = match (agents, group, count) {
            (Some(a), None, None) => Attendees::Named(a),
            (None, Some(group), Some(count)) => Attendees::FromGroup { group, count },
            _ => {
                return Err(argument(
                    "agents",
                    "give the attendees, or a group and a count".into(),
                ));
            }
        };
        let request = MeetingRequest {
            activity,
            duration_minutes,
            attendees,
            first_day: date("first_day", &first_day)?,
            last_day: date("last_day", &last_day)?,
            max_slots: slots,
        };
        Ok(ws.schedules().meeting_slots(DocumentId(id), &request)?)
    })?;
    let utc = wfm::tables::utc_text;
    Ok(found
        .into_iter()
        .map(|s| {
            (
                s.date.to_string(),
                utc(s.start),
                utc(s.end),
                s.attendees,
                s.service_level.0,
                s.service_level.1,
                s.asa_seconds.0,
                s.asa_seconds.1,
                s.contacts_late,
            )
        })
        .collect())
}
