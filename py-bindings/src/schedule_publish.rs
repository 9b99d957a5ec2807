//! Publishing, calendars, search and regeneration for Python (`wfm.Workspace.schedules`
//! `.changes`, `.calendar`, `.team`, `.search`, `.agents`, `.regenerate`): free functions
//! taking the `_Workspace`, run without the GIL; tables as Arrow tables of
//! `wfm::workspace::frames`.

use std::path::PathBuf;

use pyo3::prelude::*;
use wfm::core::Channel;
use wfm::scheduling::calendar::{CalendarFormat, CalendarOf};
use wfm::scheduling::search::{AgentSearch, ScheduleSearch, ScheduleSort};
use wfm::scheduling::workspace::{AgentPeriod, CreateSchedule};
use wfm::store::DocumentId;
use wfm::workspace::frames;

use crate::Failure;
use crate::arrow::{PyArrowTable, table};
use crate::workspace::{PyWorkspace, argument};

/// Up to ``limit`` change records after the cursor ``since``: (Arrow table, next cursor).
#[pyfunction]
pub fn schedules_changes(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    since: i64,
    limit: usize,
) -> PyResult<(PyArrowTable, i64)> {
    ws.with(py, |ws| {
        let page = ws.schedules().changes_since(since, limit)?;
        Ok((
            table("change records", frames::changes(&page.records))?,
            page.next,
        ))
    })
}

/// The calendar (``ics`` or ``json`` text) of ``agent`` or of ``supervisor``'s agents over
/// a published schedule; also written to ``path`` when given.
#[pyfunction]
#[pyo3(signature = (ws, id, agent = None, supervisor = None, format = "ics".to_owned(), path = None))]
pub fn schedules_calendar(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    agent: Option<String>,
    supervisor: Option<String>,
    format: String,
    path: Option<PathBuf>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let of = match (agent, supervisor) {
            (Some(a), None) => CalendarOf::Agent(a),
            (None, Some(s)) => CalendarOf::Supervisor(s),
            _ => {
                return Err(argument(
                    "agent",
                    "give an agent or a supervisor (one of the two)".into(),
                ));
            }
        };
        let format: CalendarFormat = format.parse().map_err(|e| argument("format", e))?;
        if let Some(p) = &path {
            wfm::files::Inputs::new().workspace(ws.path()).check(p)?;
        }
        let text = ws.schedules().calendar(DocumentId(id), &of, format)?;
        if let Some(p) = &path {
            let mut out = wfm::files::OutputFile::create(p)?;
            out.write_buffered(|w| w.write_all(text.as_bytes()))?;
            out.commit()?;
        }
        Ok(text)
    })
}

/// A supervisor's agents' shifts of a published schedule for the local day ``date`` or
/// the seven days from ``week`` (default: the schedule's first week).
#[pyfunction]
#[pyo3(signature = (ws, id, supervisor, date = None, week = None))]
pub fn schedules_team(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    supervisor: String,
    date: Option<String>,
    week: Option<String>,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "team shifts", |ws| {
        let id = DocumentId(id);
        let day = |column: &str, text: &str| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
        };
        let period = match (date.as_deref(), week.as_deref()) {
            (Some(_), Some(_)) => {
                return Err(argument("date", "give date or week, not both".into()));
            }
            (Some(d), None) => AgentPeriod::Day(day("date", d)?),
            (None, Some(w)) => AgentPeriod::Week(day("week", w)?),
            (None, None) => ws.schedules().first_week(id)?,
        };
        let views = ws
            .schedules()
            .supervisor_view(id, &supervisor, Some(period))?;
        Ok(frames::team_shifts(&views))
    })
}

/// Schedules whose name holds ``name`` (any case), sorted by ``sort``.
#[pyfunction]
#[pyo3(signature = (ws, name = None, sort = "start".to_owned(), descending = false))]
pub fn schedules_search(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: Option<String>,
    sort: String,
    descending: bool,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "schedules", |ws| {
        let sort: ScheduleSort = sort.parse().map_err(|e| argument("sort", e))?;
        let q = ScheduleSearch {
            name,
            sort,
            descending,
        };
        Ok(frames::schedules(&ws.schedules().search(&q)?))
    })
}

/// A schedule's agents by name fragment, staffing group and supervisor, sorted by
/// earliest shift start.
#[pyfunction]
#[pyo3(signature = (ws, id, name = None, group = None, supervisor = None))]
pub fn schedules_agents(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    name: Option<String>,
    group: Option<String>,
    supervisor: Option<String>,
) -> PyResult<PyArrowTable> {
    ws.frame(py, "agents", |ws| {
        let q = AgentSearch {
            name,
            staffing_group: group,
            supervisor,
        };
        Ok(frames::agent_rows(
            &ws.schedules().agents(DocumentId(id), &q)?,
        ))
    })
}

/// Drafts for several forecast groups at once: per group, its summary dict (as
/// `schedules_get`) or the exception it failed with.
#[pyfunction]
#[pyo3(signature = (ws, groups, name = None, channel = "VOICE".to_owned(), time_limit = 600.0, gap = 0.01))]
pub fn schedules_regenerate(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    groups: Vec<String>,
    name: Option<String>,
    channel: String,
    time_limit: f64,
    gap: f64,
) -> PyResult<Vec<(String, Py<PyAny>)>> {
    let runs = ws.with(py, |ws| {
        let (time_limit, gap) = crate::schedule::solver_limits(time_limit, gap)?;
        let request = CreateSchedule {
            name,
            channel: channel
                .parse::<Channel>()
                .map_err(|e| argument("channel", e.to_string()))?,
            time_limit_seconds: time_limit,
            relative_gap: gap,
            ..CreateSchedule::default()
        };
        Ok(ws.schedules().regenerate(&groups, &request)?)
    })?;
    runs.into_iter()
        .map(|run| {
            let value = match run.outcome {
                Ok(s) => crate::schedule_workspace::summary_dict(py, &s)?
                    .into_any()
                    .unbind(),
                Err(e) => Failure::from(e).into_pyerr(py).into_value(py).into_any(),
            };
            Ok((run.forecast_group, value))
        })
        .collect()
}
