//! Agents booked by two published schedules at once: where shifts of two schedules
//! overlap, the time counts once, as the schedule published last asks; the overlap is
//! reported here (see `docs/how-to/adherence.md`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{ScheduleConflict, instant, schedule_conflicts};

use super::published::{PublishedSchedule, published_schedules};
use crate::Workspace;
use crate::error::Result;
use crate::store::DocumentId;

/// An agent booked by two published schedules at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdherenceConflict {
    /// The agent.
    pub agent: String,
    /// The day (shift date) of the shift that does not count in the overlap.
    pub day: NaiveDate,
    /// Start of the overlap.
    pub start: DateTime<Utc>,
    /// End of the overlap.
    pub end: DateTime<Utc>,
    /// The schedule whose shift does not count there.
    pub overridden: DocumentId,
    /// The schedule published later, whose shift counts there.
    pub kept: DocumentId,
}

/// The conflicts of the pure rules with the schedules' ids (`published` in the order the
/// rules were given).
pub(super) fn with_ids(
    published: &[PublishedSchedule],
    conflicts: Vec<ScheduleConflict>,
) -> Vec<AdherenceConflict> {
    conflicts
        .into_iter()
        .map(|c| AdherenceConflict {
            agent: c.agent,
            day: c.day,
            start: instant(c.start),
            end: instant(c.end),
            overridden: published[c.overridden].id,
            kept: published[c.kept].id,
        })
        .collect()
}

/// The agents booked by two published schedules at once on the days `from..=to`, by
/// agent and time.
///
/// # Errors
/// A storage failure or a published schedule that does not decode.
pub fn adherence_conflicts(
    ws: &Workspace,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AdherenceConflict>> {
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let published = published_schedules(ws, from, to)?;
    let schedules: Vec<_> = published.iter().map(|p| &p.stored.schedule).collect();
    let conflicts = with_ids(&published, schedule_conflicts(&schedules, (from, to)));
    ws.adherence_visible(conflicts, |c| &c.agent)
}
