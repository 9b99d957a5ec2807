//! The schedule changes an approved request or an accepted slot implies, as plain data:
//! the seam to the schedule-editing engine, which applies them to the published schedule
//! (placing the activity, re-placing breaks and meals) and records them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::request::TimeOffRequest;
use super::slots::{SlotKind, SlotOffer};

/// What changes in an agent's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// Put the time-off activity over the range (the agent is Offline).
    AddTimeOff {
        /// The time-off activity.
        activity: String,
    },
    /// Add work over the range: extend the shift it touches, or add a shift.
    AddWork {
        /// The productive activity.
        activity: String,
    },
    /// Remove work over the range (VTO).
    RemoveWork,
    /// Take back a time-off activity placed earlier (a cancelled or edited request).
    RemoveTimeOff {
        /// The time-off activity.
        activity: String,
    },
}

/// One change to one agent's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleChange {
    /// The agent.
    pub agent: String,
    /// The schedule day (UTC date of the start).
    pub date: NaiveDate,
    /// From, UTC.
    pub start: DateTime<Utc>,
    /// To, UTC.
    pub end: DateTime<Utc>,
    /// What changes.
    pub kind: ChangeKind,
}

/// The changes an approved request implies: its activity over each day's deducted time
/// (from the first to the last deducted minute of the day, breaks inside included — the
/// editing engine re-places them). `undo` gives the changes that take it back.
///
pub fn request_changes(request: &TimeOffRequest, undo: bool) -> Vec<ScheduleChange> {
    let kind = if undo {
        ChangeKind::RemoveTimeOff {
            activity: request.activity.clone(),
        }
    } else {
        ChangeKind::AddTimeOff {
            activity: request.activity.clone(),
        }
    };
    let mut out: Vec<ScheduleChange> = Vec::new();
    for &(s, e) in &request.deduction.pieces {
        let date = s.date_naive();
        match out.last_mut() {
            Some(last) if last.date == date => last.end = last.end.max(e),
            _ => out.push(ScheduleChange {
                agent: request.agent.clone(),
                date,
                start: s,
                end: e,
                kind: kind.clone(),
            }),
        }
    }
    out
}

/// The change an accepted overtime or VTO slot implies for `agent`.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::*;
/// let t = |h| Utc.with_ymd_and_hms(2026, 12, 15, h, 0, 0).unwrap();
/// let offer = SlotOffer { id: 1, kind: SlotKind::Vto, start: t(16), end: t(18), activity: "Phones".into(),
///     reason: "quiet afternoon".into(), slots: 2, offered_to: OfferedTo::Agents(vec!["ana".into()]),
///     agents: vec!["ana".into()], actor: "sam".into(), created_at: t(8) };
/// let c = slot_changes(&offer, "ana");
/// assert_eq!((c[0].kind.clone(), c[0].start, c[0].end), (ChangeKind::RemoveWork, t(16), t(18)));
/// ```
pub fn slot_changes(offer: &SlotOffer, agent: &str) -> Vec<ScheduleChange> {
    let kind = match offer.kind {
        SlotKind::Overtime => ChangeKind::AddWork {
            activity: offer.activity.clone(),
        },
        SlotKind::Vto => ChangeKind::RemoveWork,
    };
    vec![ScheduleChange {
        agent: agent.to_owned(),
        date: offer.start.date_naive(),
        start: offer.start,
        end: offer.end,
        kind,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeoff::Deduction;
    use crate::timeoff::testing::request;
    use chrono::TimeZone;

    #[test]
    fn a_days_pieces_become_one_change_and_undo_takes_it_back() {
        let t = |d, h| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
        let mut r = request();
        r.deduction = Deduction::from_pieces(vec![
            (t(15, 8), t(15, 11)),
            (t(15, 12), t(15, 14)),
            (t(16, 8), t(16, 14)),
        ]);
        let c = request_changes(&r, false);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].start, c[0].end), (t(15, 8), t(15, 14)));
        assert!(matches!(
            request_changes(&r, true)[1].kind,
            ChangeKind::RemoveTimeOff { .. }
        ));
    }
}
