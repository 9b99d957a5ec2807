//! The published schedules adherence is measured against.

use chrono::NaiveDate;
use wfm_scheduler::adherence::{AdherenceRules, Monitor};
use wfm_scheduler::{AgentSchedule, Schedule};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::StoredSchedule;
use crate::store::{DocumentId, DocumentKind, DocumentStatus};

/// A published schedule with the adherence rules of the configuration it was made with.
#[derive(Debug, Clone)]
pub struct PublishedSchedule {
    /// The document.
    pub id: DocumentId,
    /// The schedule as stored.
    pub stored: StoredSchedule,
    /// Its activities' types and adherence flags.
    pub rules: AdherenceRules,
}

impl PublishedSchedule {
    /// Staffing group → its agents in this schedule.
    pub fn teams(&self) -> Vec<(String, Vec<String>)> {
        self.stored
            .scenario
            .staffing_groups
            .iter()
            .filter(|g| self.stored.staffing_groups.contains(&g.name))
            .map(|g| (g.name.clone(), g.agents.clone()))
            .collect()
    }
}

/// The published schedules whose days overlap `from..=to`, oldest first.
///
/// # Errors
/// A storage failure or a schedule that does not decode.
pub fn published_schedules(
    ws: &Workspace,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PublishedSchedule>> {
    let mut out = Vec::new();
    for info in ws.documents(DocumentKind::Schedule, None)? {
        if info.status != DocumentStatus::Published {
            continue;
        }
        let (_, stored): (_, StoredSchedule) = ws.get_json(info.id)?;
        if stored.end < from || stored.start > to {
            continue;
        }
        let rules = AdherenceRules::new(&stored.scenario.activities);
        out.push(PublishedSchedule {
            id: info.id,
            stored,
            rules,
        });
    }
    Ok(out)
}

/// Every published shift of `day` as one schedule, with the rules of the (last)
/// configuration; `None` without a published schedule that day.
fn day_schedule(ws: &Workspace, day: NaiveDate) -> Result<Option<(Schedule, AdherenceRules)>> {
    let published = published_schedules(ws, day, day)?;
    let Some(last) = published.last() else {
        return Ok(None);
    };
    let rules = last.rules.clone();
    let agents = published
        .iter()
        .flat_map(|p| &p.stored.schedule.agents)
        .map(|a| AgentSchedule {
            agent: a.agent.clone(),
            shifts: a.shifts.iter().filter(|s| s.date == day).cloned().collect(),
        })
        .collect();
    Ok(Some((Schedule { agents }, rules)))
}

/// A live monitor of `day`'s published shifts; each activity's grace from `grace`
/// (activity, minutes; `Work` for shift time), alerting after `alert_after_minutes`.
///
/// # Errors
/// `NotFound`-like [`crate::WfmError::Precondition`] without a published schedule that
/// day; a storage failure.
pub fn monitor_for_day(
    ws: &Workspace,
    day: NaiveDate,
    grace: &[(String, u32)],
    alert_after_minutes: u32,
) -> Result<Monitor> {
    let Some((schedule, mut rules)) = day_schedule(ws, day)? else {
        return Err(crate::WfmError::Precondition {
            what: format!("no published schedule covers {day}: publish one to monitor adherence"),
        });
    };
    for (activity, minutes) in grace {
        rules = rules.with_grace(activity, *minutes);
    }
    Ok(Monitor::new(rules, &schedule, day, alert_after_minutes))
}
