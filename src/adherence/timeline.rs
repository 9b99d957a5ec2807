//! A day's timeline per agent for charts: the scheduled spans (what the schedule asked)
//! and the actual state spans (what the agent did), one row each.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{
    DAY_MS, agent_states, day_plans, day_start, events_by_agent, instant, shift_bounds,
};

use super::published::{layers, published_schedules};
use crate::Workspace;
use crate::error::Result;

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineRow {
    /// The agent.
    pub agent: String,
    /// `scheduled` or `actual`.
    pub lane: &'static str,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// The activity or state name.
    pub label: String,
    /// `productive` / `non-productive` (scheduled), `available` / `offline` /
    /// `non_productive` (actual).
    pub kind: String,
}

/// The timeline of `day`'s published shifts, by agent (scheduled rows first).
///
/// # Errors
/// A storage failure or a schedule that does not decode.
pub fn day_timeline(ws: &Workspace, day: NaiveDate) -> Result<Vec<TimelineRow>> {
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let events = ws
        .store()
        .events_between(day_start(day) - DAY_MS, day_start(day) + 2 * DAY_MS)?;
    let by_agent = events_by_agent(events);
    let published = published_schedules(ws, day, day)?;
    let mut shifts: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
    for a in published.iter().flat_map(|p| &p.stored.schedule.agents) {
        let bounds = a
            .shifts
            .iter()
            .map(|s| (s.start.timestamp_millis(), s.end.timestamp_millis()));
        shifts.entry(a.agent.as_str()).or_default().extend(bounds);
    }
    let mut out = Vec::new();
    // one agent in two schedules: their shifts together, the last published winning
    // where they overlap (as the figures count them)
    for (agent, plan) in day_plans(&layers(&published), day) {
        if plan.is_empty() {
            continue;
        }
        for span in plan {
            out.push(TimelineRow {
                agent: agent.clone(),
                lane: "scheduled",
                start: instant(span.start),
                end: instant(span.end),
                label: span.activity,
                kind: span.kind.as_str().to_owned(),
            });
        }
        let bounds = shift_bounds(shifts.remove(agent.as_str()).unwrap_or_default());
        let (lo, hi) = (
            day_start(day) - DAY_MS / 4,
            day_start(day) + DAY_MS + DAY_MS / 4,
        );
        let events = by_agent.get(&agent).map_or(&[][..], Vec::as_slice);
        for st in agent_states(events, &bounds) {
            if st.end <= lo || st.start >= hi {
                continue;
            }
            let kind = serde_json::to_value(st.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            out.push(TimelineRow {
                agent: agent.clone(),
                lane: "actual",
                start: instant(st.start.max(lo)),
                end: instant(st.end.min(hi)),
                label: if st.on_contact {
                    format!("{} (contact)", st.state)
                } else {
                    st.state
                },
                kind,
            });
        }
    }
    ws.adherence_visible(out, |r| &r.agent)
}
