//! What the time-off rules read from the rest of the workspace: the scheduling
//! configuration (agents, staffing groups, activities, profiles) and the published
//! schedules (the shifts a deduction is measured on).

use chrono::{DateTime, NaiveDate, Utc};
use wfm_scheduler::timeoff::{self, Deduction, TimeOffError};
use wfm_scheduler::{ActivityKind, Scenario, Shift};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::{self as scheduling, StoredSchedule};
use crate::store::{DocumentId, DocumentKind, DocumentStatus};

/// The configuration and published schedules, read once per operation.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) scenario: Scenario,
    pub(crate) published: Vec<Published>,
}

/// A published schedule as read, with its document and version (an edit made from it
/// is stored only if the schedule is still at that version).
#[derive(Debug)]
pub(crate) struct Published {
    pub(crate) id: DocumentId,
    pub(crate) version: u64,
    pub(crate) stored: StoredSchedule,
}

impl Published {
    /// Whether it is the schedule `agent` (of staffing group `group`) sees on `date`.
    pub(crate) fn covers(&self, group: &str, date: NaiveDate) -> bool {
        let s = &self.stored;
        s.start <= date && date <= s.end && s.staffing_groups.iter().any(|g| g == group)
    }
}

/// An agent's staffing group and its forecast group, and the group's time-off switches.
#[derive(Debug, Clone)]
pub(crate) struct AgentGroup {
    pub(crate) staffing_group: String,
    pub(crate) forecast_group: String,
    pub(crate) requests_enabled: bool,
    pub(crate) supervisor_approval: bool,
}

impl Context {
    /// Reads the current configuration and every published schedule.
    pub(crate) fn load(ws: &Workspace) -> Result<Self> {
        let (info, stored) = scheduling::current_scenario(ws)?;
        let scenario = stored.scenario(info.id)?;
        let mut published = Vec::new();
        for doc in ws.documents(DocumentKind::Schedule, None)? {
            if doc.status == DocumentStatus::Published {
                published.push(Published {
                    id: doc.id,
                    version: ws.store().schedule_version(doc.id)?,
                    stored: ws.get_json::<StoredSchedule>(doc.id)?.1,
                });
            }
        }
        Ok(Self {
            scenario,
            published,
        })
    }

    /// The agent's groups.
    pub(crate) fn agent(&self, agent: &str) -> Result<AgentGroup, TimeOffError> {
        let g = self
            .scenario
            .group_of(agent)
            .ok_or_else(|| TimeOffError::UnknownAgent {
                agent: agent.to_owned(),
            })?;
        Ok(AgentGroup {
            staffing_group: g.name.clone(),
            forecast_group: g.forecast_group.clone(),
            requests_enabled: g.time_off_requests,
            supervisor_approval: g.supervisor_approval,
        })
    }

    /// Checks `activity` is an activity of `kind`.
    pub(crate) fn activity_of_kind(
        &self,
        activity: &str,
        kind: ActivityKind,
        expected: &'static str,
    ) -> Result<&wfm_scheduler::ShiftActivity, TimeOffError> {
        let a = self
            .scenario
            .activity(activity)
            .ok_or_else(|| TimeOffError::UnknownActivity {
                activity: activity.to_owned(),
            })?;
        if a.kind != kind {
            return Err(TimeOffError::WrongActivityKind {
                activity: activity.to_owned(),
                expected,
            });
        }
        Ok(a)
    }

    /// The agent's published shifts on `date`, `None` when no published schedule covers
    /// the agent that day.
    fn published_shifts(&self, agent: &str, date: NaiveDate) -> Option<Vec<Shift>> {
        let s = &self.published[self.schedule_of(agent, date)?].stored;
        Some(
            s.schedule
                .agents
                .iter()
                .filter(|a| a.agent == agent)
                .flat_map(|a| a.shifts.iter().filter(|sh| sh.date == date).cloned())
                .collect(),
        )
    }

    /// The published schedule `agent` sees on `date` (the latest one covering it), by
    /// its position in `published`.
    pub(crate) fn schedule_of(&self, agent: &str, date: NaiveDate) -> Option<usize> {
        let group = self.scenario.group_of(agent)?;
        self.published
            .iter()
            .rposition(|p| p.covers(&group.name, date))
    }

    /// What a request of `agent` over `[start, end)` deducts.
    pub(crate) fn deduction(
        &self,
        agent: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Deduction {
        timeoff::deduct_for_agent(&self.scenario, agent, start, end, &|d| {
            self.published_shifts(agent, d)
        })
    }

    /// Every time-off activity's name.
    pub(crate) fn time_off_activities(&self) -> std::collections::HashSet<String> {
        self.scenario
            .config()
            .activities
            .iter()
            .filter(|a| a.kind == ActivityKind::TimeOff)
            .map(|a| a.name.clone())
            .collect()
    }

    /// Every agent of a staffing group.
    pub(crate) fn agents(&self) -> std::collections::HashSet<String> {
        self.scenario
            .agents()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// The agents of a staffing group.
    pub(crate) fn group_agents(&self, group: &str) -> Option<Vec<String>> {
        self.scenario
            .config()
            .staffing_groups
            .iter()
            .find(|g| g.name == group)
            .map(|g| g.agents.clone())
    }

    /// The latest published schedule (for suggested slots).
    pub(crate) fn latest_published(&self) -> Option<&StoredSchedule> {
        self.published.last().map(|p| &p.stored)
    }
}
