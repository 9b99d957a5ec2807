//! Finding schedules and agents: schedules by a fragment of their name ("mar" finds
//! "March"), sorted by first day, last day, creation or last update; a schedule's agents
//! by a fragment of their name (their login in the configuration), filtered by staffing
//! group and supervisor, sorted by their earliest shift start.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::workspace::{ScheduleListing, list_schedules, load_schedule};
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::DocumentId;

/// How `search_schedules` sorts.
///
/// ```
/// use wfm::scheduling::search::ScheduleSort;
/// assert_eq!("updated".parse::<ScheduleSort>(), Ok(ScheduleSort::Updated));
/// assert!("size".parse::<ScheduleSort>().is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ScheduleSort {
    /// By first day.
    #[default]
    Start,
    /// By last day.
    End,
    /// By creation (generation) order.
    Created,
    /// By the last change: stored, replaced or published.
    Updated,
}

impl std::str::FromStr for ScheduleSort {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "start" => Ok(Self::Start),
            "end" => Ok(Self::End),
            "created" => Ok(Self::Created),
            "updated" => Ok(Self::Updated),
            _ => Err(format!(
                "{s:?} is not a sort order: use start, end, created or updated"
            )),
        }
    }
}

/// What `search_schedules` looks for; the default lists every schedule by first day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleSearch {
    /// A fragment of the name, any case ("mar" finds "March"); `None`: every schedule.
    pub name: Option<String>,
    /// The order.
    pub sort: ScheduleSort,
    /// Newest (latest) first.
    pub descending: bool,
}

/// When a schedule last changed: stored (or replaced) or published.
pub fn updated_at(l: &ScheduleListing) -> DateTime<Utc> {
    l.info
        .published_at
        .map_or(l.info.created_at, |p| p.max(l.info.created_at))
}

/// Whether `fragment` occurs in `text`, ignoring case (Unicode lower case).
fn contains(text: &str, fragment: &str) -> bool {
    text.to_lowercase().contains(&fragment.to_lowercase())
}

/// The schedules whose name holds the fragment, in the asked order (ties by id).
///
/// # Errors
/// As [`list_schedules`].
pub(crate) fn search_schedules(ws: &Workspace, q: &ScheduleSearch) -> Result<Vec<ScheduleListing>> {
    let mut found: Vec<ScheduleListing> = list_schedules(ws)?
        .into_iter()
        .filter(|l| q.name.as_deref().is_none_or(|f| contains(&l.info.name, f)))
        .collect();
    let key = |a: &ScheduleListing, b: &ScheduleListing| -> Ordering {
        match q.sort {
            ScheduleSort::Start => a.start.cmp(&b.start),
            ScheduleSort::End => a.end.cmp(&b.end),
            ScheduleSort::Created => Ordering::Equal,
            ScheduleSort::Updated => updated_at(a).cmp(&updated_at(b)),
        }
        .then(a.info.id.cmp(&b.info.id))
    };
    found.sort_by(|a, b| if q.descending { key(b, a) } else { key(a, b) });
    Ok(found)
}

/// What `search_agents` looks for; the default lists every agent of the schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentSearch {
    /// A fragment of the agent's name or login, any case.
    pub name: Option<String>,
    /// Only agents of this staffing group.
    pub staffing_group: Option<String>,
    /// Only agents of the staffing groups this supervisor is listed for.
    pub supervisor: Option<String>,
}

/// An agent found, with what the filters and the order use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentRow {
    /// The agent (their login in the configuration).
    pub agent: String,
    /// Their staffing group.
    pub staffing_group: String,
    /// The group's supervisors.
    pub supervisors: Vec<String>,
    /// Their time zone (the staff rule's, else the workspace's).
    pub time_zone: Tz,
    /// Shifts in the schedule.
    pub shifts: usize,
    /// Their earliest shift start, `None` without a shift.
    pub first_shift: Option<DateTime<Utc>>,
}

/// The agents of schedule `id`'s staffing groups that match, sorted by earliest shift
/// start (agents without a shift last), ties by name.
///
/// # Errors
/// `NotFound` for an unknown schedule; `Precondition` for a staffing group the schedule
/// does not hold (its groups named).
pub(crate) fn search_agents(
    ws: &Workspace,
    id: DocumentId,
    q: &AgentSearch,
) -> Result<Vec<AgentRow>> {
    let (_, s) = load_schedule(ws, id)?;
    if let Some(g) = &q.staffing_group
        && !s.staffing_groups.contains(g)
    {
        return Err(WfmError::Precondition {
            what: format!(
                "staffing group {g:?} is not in schedule {id} (its staffing groups: {})",
                s.staffing_groups.join(", ")
            ),
        });
    }
    let scenario = s.scenario()?;
    let default_zone = ws.settings()?.time_zone;
    let mut rows = Vec::new();
    for g in scenario
        .config()
        .staffing_groups
        .iter()
        .filter(|g| s.staffing_groups.contains(&g.name))
        .filter(|g| q.staffing_group.as_ref().is_none_or(|x| x == &g.name))
        .filter(|g| {
            q.supervisor
                .as_ref()
                .is_none_or(|x| g.supervisors.contains(x))
        })
    {
        for agent in &g.agents {
            if !q.name.as_deref().is_none_or(|f| contains(agent, f)) {
                continue;
            }
            let shifts: Vec<_> = s
                .schedule
                .agents
                .iter()
                .filter(|a| &a.agent == agent)
                .flat_map(|a| &a.shifts)
                .collect();
            rows.push(AgentRow {
                agent: agent.clone(),
                staffing_group: g.name.clone(),
                supervisors: g.supervisors.clone(),
                time_zone: match scenario.staff_rule(agent) {
                    Some(_) => scenario.time_zone(agent),
                    None => default_zone,
                },
                shifts: shifts.len(),
                first_shift: shifts.iter().map(|x| x.start).min(),
            });
        }
    }
    rows.sort_by(|a, b| {
        let never = |r: &AgentRow| r.first_shift.is_none();
        never(a)
            .cmp(&never(b))
            .then(a.first_shift.cmp(&b.first_shift))
            .then(a.agent.cmp(&b.agent))
    });
    Ok(rows)
}

#[cfg(test)]
mod tests;
