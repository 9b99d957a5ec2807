//! An agent's view of a published schedule (SPEC §6: "agents see their own schedule (day
//! or week) … in their time zones"): the agent's shifts and activities on local clock
//! times, in the staff rule's time zone (else the workspace's).

use chrono::{DateTime, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use super::workspace_schedule::load_schedule;
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::{DocumentId, DocumentStatus};

/// Which local days to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPeriod {
    /// One local day.
    Day(NaiveDate),
    /// Seven local days from this one.
    Week(NaiveDate),
}

impl AgentPeriod {
    /// The first and last local day (inclusive).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm::scheduling::workspace::AgentPeriod;
    /// let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// assert_eq!(AgentPeriod::Week(d).days().1, NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
    /// assert_eq!(AgentPeriod::Day(d).days(), (d, d));
    /// ```
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        match self {
            Self::Day(d) => (d, d),
            Self::Week(d) => (d, d + Duration::days(6)),
        }
    }
}

/// An activity of a shift, local times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentActivity {
    /// The activity's name.
    pub activity: String,
    /// Start, in the agent's zone.
    pub start: DateTime<Tz>,
    /// End, in the agent's zone.
    pub end: DateTime<Tz>,
}

/// One shift, local times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentShift {
    /// The schedule day it belongs to.
    pub date: NaiveDate,
    /// Start, in the agent's zone.
    pub start: DateTime<Tz>,
    /// End, in the agent's zone.
    pub end: DateTime<Tz>,
    /// Paid hours.
    pub paid_hours: f64,
    /// Breaks, meals and other activities.
    pub activities: Vec<AgentActivity>,
}

/// What an agent sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentView {
    /// The agent.
    pub agent: String,
    /// Their time zone.
    pub time_zone: Tz,
    /// The schedule shown.
    pub schedule: DocumentId,
    /// The first and last local day shown.
    pub days: (NaiveDate, NaiveDate),
    /// Shifts starting on those local days, in time order.
    pub shifts: Vec<AgentShift>,
}

/// `agent`'s shifts of the published schedule `id` starting on the local days of
/// `period`, in the agent's time zone: the staff rule's, else the workspace's.
///
/// # Errors
/// `Rejected` for an unknown schedule, a draft (agents see published schedules only) or
/// an agent not in the schedule's staffing groups.
pub fn agent_view(
    ws: &Workspace,
    id: DocumentId,
    agent: &str,
    period: AgentPeriod,
) -> Result<AgentView> {
    let (info, s) = load_schedule(ws, id)?;
    if info.status != DocumentStatus::Published {
        return Err(WfmError::Rejected(format!(
            "schedule {id} is a draft: agents see published schedules only (`wfm schedule \
             publish {id}`)"
        )));
    }
    let scenario = s.scenario()?;
    let in_groups = scenario
        .group_of(agent)
        .is_some_and(|g| s.staffing_groups.contains(&g.name));
    if !in_groups {
        return Err(WfmError::Rejected(format!(
            "agent {agent:?} is not in schedule {id}'s staffing groups ({}); its agents: {}",
            s.staffing_groups.join(", "),
            s.schedule
                .agents
                .iter()
                .map(|a| a.agent.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let zone = match scenario.staff_rule(agent) {
        Some(_) => scenario.time_zone(agent),
        None => ws.settings()?.time_zone,
    };
    let days = period.days();
    let mut shifts: Vec<AgentShift> = s
        .schedule
        .agents
        .iter()
        .filter(|a| a.agent == agent)
        .flat_map(|a| &a.shifts)
        .filter(|sh| {
            let local = sh.start.with_timezone(&zone).date_naive();
            local >= days.0 && local <= days.1
        })
        .map(|sh| AgentShift {
            date: sh.date,
            start: sh.start.with_timezone(&zone),
            end: sh.end.with_timezone(&zone),
            paid_hours: sh.paid_minutes(&scenario) as f64 / 60.0,
            activities: sh
                .activities
                .iter()
                .map(|p| AgentActivity {
                    activity: p.activity.clone(),
                    start: p.start.with_timezone(&zone),
                    end: p.end.with_timezone(&zone),
                })
                .collect(),
        })
        .collect();
    shifts.sort_by_key(|sh| sh.start);
    Ok(AgentView {
        agent: agent.to_owned(),
        time_zone: zone,
        schedule: id,
        days,
        shifts,
    })
}
