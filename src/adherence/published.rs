//! The published schedules adherence is measured against.

use chrono::NaiveDate;
use wfm_scheduler::adherence::{
    AdherenceRules, AgentEvent, Layer, Monitor, SampleOptions, day_plans, sample_day,
};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::StoredSchedule;
use crate::store::{DocumentId, DocumentKind, DocumentStatus};

/// A published schedule with the adherence rules of the configuration it was made with.
#[derive(Debug, Clone)]
pub(crate) struct PublishedSchedule {
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

/// The published schedules whose days overlap `from..=to`, in publication order (the
/// last published last: where two schedules book an agent at once, it counts there).
/// Unchecked: its callers check the actor's permissions and filter by scope.
///
/// # Errors
/// A storage failure or a schedule that does not decode.
pub(crate) fn published_schedules(
    ws: &Workspace,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<PublishedSchedule>> {
    let mut out = Vec::new();
    let mut infos = ws.documents_unchecked(DocumentKind::Schedule, None)?;
    infos.sort_by_key(|i| (i.published_at, i.id));
    for info in infos {
        if info.status != DocumentStatus::Published {
            continue;
        }
        let (_, stored): (_, StoredSchedule) = ws.get_json_unchecked(info.id)?;
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
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let published = published_schedules(ws, day, day)?;
    let Some(last) = published.last() else {
        return Err(crate::WfmError::Precondition {
            what: format!("no published schedule covers {day}: publish one to monitor adherence"),
        });
    };
    // grace is by activity name, on the last configuration's rules; each shift's
    // activities count by their own schedule's rules
    let mut rules = last.rules.clone();
    for (activity, minutes) in grace {
        rules = rules.with_grace(activity, *minutes);
    }
    let plans = ws.adherence_visible(day_plans(&layers(&published), day), |p| &p.0)?;
    Ok(Monitor::with_plans(rules, plans, day, alert_after_minutes))
}

/// The schedules as layers for [`wfm_scheduler::adherence::combined_adherence`], in the
/// order given (publication order: the last wins where two overlap).
pub(super) fn layers(published: &[PublishedSchedule]) -> Vec<Layer<'_>> {
    published
        .iter()
        .map(|p| (&p.rules, &p.stored.schedule))
        .collect()
}

/// A sample day of events for `day`'s published schedules (in publication order) as one
/// stream: an agent in two schedules has one day of events, not one per schedule (see
/// [`sample_day`]). Only the agents the actor may see (the events tell their shifts; see
/// [`Workspace::adherence_visible`]).
///
/// # Errors
/// [`crate::WfmError::Forbidden`] without `metrics.view` and a schedule or team calendar
/// view; [`crate::WfmError::Precondition`] without a published schedule that day; a
/// storage failure.
pub fn sample_day_events(
    ws: &Workspace,
    day: NaiveDate,
    options: &SampleOptions,
) -> Result<Vec<AgentEvent>> {
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let published = published_schedules(ws, day, day)?;
    if published.is_empty() {
        return Err(crate::WfmError::Precondition {
            what: format!("no published schedule covers {day}: publish one first"),
        });
    }
    let events = sample_day(&layers(&published), day, options);
    ws.adherence_visible(events, |e| e.agent.as_str())
}
