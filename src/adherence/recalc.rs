//! Recalculation: adherence per agent and day over the last 30 days counted from today
//! (not from the schedule's dates), after any change to a published schedule or new
//! events. "Today" is the workspace's clock ([`Workspace::now`]), so tests and replays
//! fix it.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{DAY_MS, combined_adherence, day_start, events_by_agent};

use super::conflicts::{AdherenceConflict, with_ids};
use super::published::{layers, published_schedules};
use crate::Workspace;
use crate::error::Result;
use crate::store::DocumentId;

/// Days recomputed, today included.
pub const RECALC_DAYS: i64 = 30;

/// What a recalculation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recalculation {
    /// First day recomputed.
    pub from: NaiveDate,
    /// Last day recomputed (today).
    pub to: NaiveDate,
    /// The published schedules measured.
    pub schedules: Vec<DocumentId>,
    /// Agent-days computed.
    pub agent_days: usize,
    /// Events read.
    pub events: usize,
    /// Agents booked by two published schedules at once (the one published last counts
    /// there).
    pub conflicts: Vec<AdherenceConflict>,
}

/// Recomputes the last [`RECALC_DAYS`] days up to `now`'s UTC day, in one transaction.
///
/// # Errors
/// A storage failure or a published schedule that does not decode.
pub fn recalculate(ws: &mut Workspace, now: DateTime<Utc>) -> Result<Recalculation> {
    let to = now.date_naive();
    recalculate_days(ws, to - Duration::days(RECALC_DAYS - 1), to, now)
}

/// Recomputes the days `from..=to` (stamped `now`), in one transaction.
///
/// # Errors
/// As [`recalculate`].
pub fn recalculate_days(
    ws: &mut Workspace,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Recalculation> {
    let schedules = published_schedules(ws, from, to)?;
    // a day's states may begin the evening before (and a late shift ends the next day)
    let events = ws
        .store()
        .events_between(day_start(from) - DAY_MS, day_start(to) + 2 * DAY_MS)?;
    let n = events.len();
    let by_agent = events_by_agent(events);
    // one row per agent and day, whichever schedules book them (a shift's date lies
    // within its schedule's dates)
    let combined = combined_adherence(&layers(&schedules), &by_agent, (from, to));
    let days = combined.days;
    ws.store_mut().replace_adherence(from, to, &days, now)?;
    Ok(Recalculation {
        from,
        to,
        schedules: schedules.iter().map(|p| p.id).collect(),
        agent_days: days.len(),
        events: n,
        conflicts: with_ids(&schedules, combined.conflicts),
    })
}
