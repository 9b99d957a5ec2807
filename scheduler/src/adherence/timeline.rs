//! An agent's actual states as spans, from their events in time order.
//!
//! Each event puts the agent in its state from its instant (a heartbeat confirms the
//! known state, or repairs it when a change was lost; a logout is Offline). Before the
//! agent's first event they are Offline. A *missing logout*: after the last event the
//! state runs until the end of the scheduled day it falls in (the end of the agent's
//! shift of that day, given by the caller), then the agent counts as Offline.

use serde::{Deserialize, Serialize};

use super::event::AgentEvent;
use super::state::StateKind;

/// A stretch in one state, `[start, end)` epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateSpan {
    /// Start.
    pub start: i64,
    /// End.
    pub end: i64,
    /// The status name.
    pub state: String,
    /// Its kind.
    pub kind: StateKind,
    /// Whether handling a contact.
    pub on_contact: bool,
}

/// One agent's spans from `events` (that agent's, in time order), the last running until
/// `open_until` (or its own start, if later).
///
/// ```
/// use wfm_scheduler::adherence::{AgentEvent, state_spans};
/// let e = |at, s: &str| AgentEvent::plain("ana", at, s, false);
/// let spans = state_spans(&[e(0, "Available"), e(10, "Available"), e(20, "Break")], 50);
/// assert_eq!(spans.len(), 2);
/// assert_eq!((spans[0].end, spans[1].end), (20, 50));
/// ```
pub fn state_spans(events: &[AgentEvent], open_until: i64) -> Vec<StateSpan> {
    let mut out: Vec<StateSpan> = Vec::with_capacity(events.len());
    for e in events {
        if let Some(last) = out.last_mut() {
            if last.state == e.state && last.on_contact == e.on_contact {
                continue;
            }
            last.end = e.at;
        }
        out.push(StateSpan {
            start: e.at,
            end: e.at,
            state: e.state.to_string(),
            kind: e.kind(),
            on_contact: e.on_contact,
        });
    }
    if let Some(last) = out.last_mut() {
        last.end = open_until.max(last.start);
    }
    out.retain(|s| s.end > s.start);
    out
}
