//! Historical adherence: scheduled spans against actual state spans.
//!
//! Adherent time: scheduled productive while Available (handling a contact or not), or
//! scheduled non-productive while in any non-productive state without a contact.
//! Everything else of the scheduled time is non-adherent (Offline while scheduled,
//! contacts during training, Available during a break). Unscheduled time is neither.
//! Adherence = adherent / scheduled time, 0.00–100.00 %.

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use super::rules::ScheduledSpan;
use super::state::{ScheduledKind, StateKind};
use super::time::hms;
use super::timeline::StateSpan;

/// The state an agent is in where no span says (before their first event).
pub const NO_STATE: &str = "Offline";

/// Adherent, non-adherent and scheduled time, milliseconds (`adherent + non_adherent
/// = scheduled`).
///
/// ```
/// use wfm_scheduler::adherence::AdherenceTotals;
/// let t = AdherenceTotals { scheduled_ms: 180 * 60_000, adherent_ms: 150 * 60_000, non_adherent_ms: 30 * 60_000 };
/// assert_eq!(t.percent(), Some(83.33));
/// assert_eq!((t.scheduled_hms(), t.adherent_hms(), t.non_adherent_hms()),
///            ("03:00:00".into(), "02:30:00".into(), "00:30:00".into()));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdherenceTotals {
    /// Scheduled time with adherence computed.
    pub scheduled_ms: i64,
    /// Adherent time.
    pub adherent_ms: i64,
    /// Non-adherent time.
    pub non_adherent_ms: i64,
}

impl AdherenceTotals {
    /// AGENT_SCHEDULE_ADHERENCE: adherent / scheduled, percent rounded to 2 decimals;
    /// `None` without scheduled time.
    pub fn percent(&self) -> Option<f64> {
        (self.scheduled_ms > 0).then(|| {
            (self.adherent_ms as f64 / self.scheduled_ms as f64 * 10_000.0).round() / 100.0
        })
    }

    /// Scheduled whole seconds (a schedule is in whole minutes).
    pub fn scheduled_seconds(&self) -> i64 {
        self.scheduled_ms.div_euclid(1000)
    }

    /// Adherent seconds, rounded.
    pub fn adherent_seconds(&self) -> i64 {
        (self.adherent_ms + 500).div_euclid(1000)
    }

    /// Non-adherent seconds: scheduled less adherent seconds, so the three add up.
    pub fn non_adherent_seconds(&self) -> i64 {
        self.scheduled_seconds() - self.adherent_seconds()
    }

    /// AGENT_SCHEDULED_TIME as `hh:mm:ss`.
    pub fn scheduled_hms(&self) -> String {
        hms(self.scheduled_seconds())
    }

    /// AGENT_ADHERENT_TIME as `hh:mm:ss`.
    pub fn adherent_hms(&self) -> String {
        hms(self.adherent_seconds())
    }

    /// AGENT_NON_ADHERENT_TIME as `hh:mm:ss`.
    pub fn non_adherent_hms(&self) -> String {
        hms(self.non_adherent_seconds())
    }
}

impl AddAssign for AdherenceTotals {
    fn add_assign(&mut self, o: Self) {
        self.scheduled_ms += o.scheduled_ms;
        self.adherent_ms += o.adherent_ms;
        self.non_adherent_ms += o.non_adherent_ms;
    }
}

/// A stretch out of adherence: from–to, what was scheduled, what the agent was in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdherenceException {
    /// Start, epoch milliseconds.
    pub start: i64,
    /// End, epoch milliseconds.
    pub end: i64,
    /// The scheduled activity ([`WORK`](super::WORK) for shift time).
    pub scheduled_activity: String,
    /// Productive or non-productive.
    pub scheduled: ScheduledKind,
    /// The agent's status name.
    pub actual_state: String,
    /// Whether the agent was handling a contact.
    pub on_contact: bool,
}

/// One agent's adherence over some scheduled spans.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentAdherence {
    /// The totals.
    pub totals: AdherenceTotals,
    /// The exceptions in time order.
    pub exceptions: Vec<AdherenceException>,
}

/// Compares `scheduled` (in time order, not overlapping) with `actual` (in time order;
/// where it says nothing the agent is Offline).
///
/// The reference's first example: scheduled productive 8:00–11:00, Available from 7:30,
/// on Break 10:30–11:00: 150 of 180 minutes, 83.33 %.
///
/// ```
/// use wfm_scheduler::adherence::{adherence, ScheduledKind, ScheduledSpan, StateKind, StateSpan};
/// let m = |h: i64, min: i64| (h * 60 + min) * 60_000;
/// let plan = [ScheduledSpan { start: m(8, 0), end: m(11, 0), kind: ScheduledKind::Productive, activity: "Work".into() }];
/// let state = |a, b, s: &str| StateSpan { start: a, end: b, state: s.into(), kind: StateKind::of(s), on_contact: false };
/// let actual = [state(m(7, 30), m(10, 30), "Available"), state(m(10, 30), m(11, 0), "Break")];
/// let a = adherence(&plan, &actual);
/// assert_eq!(a.totals.percent(), Some(83.33));
/// assert_eq!(a.exceptions[0].actual_state, "Break");
/// ```
pub fn adherence(scheduled: &[ScheduledSpan], actual: &[StateSpan]) -> AgentAdherence {
    let mut out = AgentAdherence::default();
    let mut j = 0;
    for s in scheduled {
        out.totals.scheduled_ms += s.end - s.start;
        while j < actual.len() && actual[j].end <= s.start {
            j += 1;
        }
        let mut t = s.start;
        let mut k = j;
        while t < s.end {
            while actual.get(k).is_some_and(|a| a.end <= t) {
                k += 1;
            }
            let (end, state, kind, contact) = match actual.get(k) {
                Some(a) if a.start <= t => {
                    (a.end.min(s.end), a.state.as_str(), a.kind, a.on_contact)
                }
                Some(a) => (a.start.min(s.end), NO_STATE, StateKind::Offline, false),
                None => (s.end, NO_STATE, StateKind::Offline, false),
            };
            if s.kind.adherent(kind, contact) {
                out.totals.adherent_ms += end - t;
            } else {
                out.totals.non_adherent_ms += end - t;
                note(&mut out.exceptions, s, t, end, state, contact);
            }
            t = end;
        }
    }
    out
}

fn note(
    list: &mut Vec<AdherenceException>,
    s: &ScheduledSpan,
    a: i64,
    b: i64,
    state: &str,
    on_contact: bool,
) {
    if let Some(l) = list.last_mut()
        && l.end == a
        && l.scheduled_activity == s.activity
        && l.actual_state == state
        && l.on_contact == on_contact
    {
        l.end = b;
        return;
    }
    list.push(AdherenceException {
        start: a,
        end: b,
        scheduled_activity: s.activity.clone(),
        scheduled: s.kind,
        actual_state: state.to_owned(),
        on_contact,
    });
}
