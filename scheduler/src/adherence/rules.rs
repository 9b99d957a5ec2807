//! What the schedule asks of an agent, span by span: a shift's time is productive work
//! unless an activity covers it; an activity counts by its *type* (productive or not),
//! never by its name; activities with adherence off and time off are not computed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::state::ScheduledKind;
use crate::model::{ActivityKind, ShiftActivity};
use crate::scenario::Scenario;
use crate::schedule::Shift;

/// The name shown for shift time no activity covers (default productive work).
pub const WORK: &str = "Work";

/// A stretch of scheduled time with one expectation, `[start, end)` epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledSpan {
    /// Start.
    pub start: i64,
    /// End.
    pub end: i64,
    /// Productive or non-productive.
    pub kind: ScheduledKind,
    /// The activity's name ([`WORK`] for uncovered shift time).
    pub activity: String,
}

#[derive(Debug, Clone, Copy)]
struct Rule {
    kind: ActivityKind,
    adherence: bool,
    grace_minutes: u32,
}

/// The activities' types and adherence flags, and the real-time grace minutes per
/// activity.
///
/// An activity the rules do not know counts as non-productive with adherence on (as
/// the review counts it: not productive).
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::{AdherenceRules, ScheduledKind};
/// use wfm_scheduler::{ActivityKind, PlacedActivity, Shift, ShiftActivity};
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
/// let mut lunch = ShiftActivity::new("Lunch", ActivityKind::Productive, 30, false);
/// let mut coaching = ShiftActivity::new("Coaching", ActivityKind::NonProductive, 30, true);
/// coaching.adherence = false;
/// let rules = AdherenceRules::new(&[lunch, coaching]);
/// let shift = Shift { date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), start: t(8, 0), end: t(12, 0),
///     activities: vec![PlacedActivity { activity: "Lunch".into(), start: t(10, 0), end: t(10, 30) },
///                      PlacedActivity { activity: "Coaching".into(), start: t(11, 0), end: t(12, 0) }] };
/// let spans = rules.scheduled_spans(&shift);
/// // "Lunch" marked productive asks for Available; coaching (adherence off) is not computed
/// assert_eq!(spans.len(), 3);
/// assert!(spans.iter().all(|s| s.kind == ScheduledKind::Productive));
/// assert_eq!(spans[2].end, t(11, 0).timestamp_millis());
/// ```
#[derive(Debug, Clone, Default)]
pub struct AdherenceRules {
    activities: HashMap<String, Rule>,
    work_grace_minutes: u32,
}

impl AdherenceRules {
    /// Rules from the activities' definitions, no grace.
    pub fn new(activities: &[ShiftActivity]) -> Self {
        let activities = activities
            .iter()
            .map(|a| {
                let rule = Rule {
                    kind: a.kind,
                    adherence: a.adherence,
                    grace_minutes: 0,
                };
                (a.name.clone(), rule)
            })
            .collect();
        Self {
            activities,
            work_grace_minutes: 0,
        }
    }

    /// Rules from a scenario's activities.
    pub fn from_scenario(scenario: &Scenario) -> Self {
        Self::new(&scenario.config().activities)
    }

    /// Sets the grace minutes of an activity ([`WORK`]: of uncovered shift time): in real
    /// time, an agent not yet in the expected state within that many minutes of the
    /// activity's start is still shown adherent. The historical figures have no grace.
    #[must_use]
    pub fn with_grace(mut self, activity: &str, minutes: u32) -> Self {
        if activity == WORK {
            self.work_grace_minutes = minutes;
        } else {
            self.activities
                .entry(activity.to_owned())
                .or_insert(Rule {
                    kind: ActivityKind::NonProductive,
                    adherence: true,
                    grace_minutes: 0,
                })
                .grace_minutes = minutes;
        }
        self
    }

    /// The grace of an activity in milliseconds.
    pub fn grace_ms(&self, activity: &str) -> i64 {
        let minutes = if activity == WORK {
            self.work_grace_minutes
        } else {
            self.activities.get(activity).map_or(0, |r| r.grace_minutes)
        };
        i64::from(minutes) * 60_000
    }

    /// `None`: not computed (adherence off or time off).
    fn expectation(&self, activity: &str) -> Option<ScheduledKind> {
        match self.activities.get(activity) {
            None => Some(ScheduledKind::NonProductive),
            Some(r) if !r.adherence || r.kind == ActivityKind::TimeOff => None,
            Some(r) if r.kind.is_productive() => Some(ScheduledKind::Productive),
            Some(_) => Some(ScheduledKind::NonProductive),
        }
    }

    /// The shift as computed spans in time order: uncovered time productive ([`WORK`]),
    /// each activity by its type (where activities overlap, the later listed wins),
    /// activities not computed left out; neighbouring spans of one activity joined.
    pub fn scheduled_spans(&self, shift: &Shift) -> Vec<ScheduledSpan> {
        let (s0, s1) = (shift.start.timestamp_millis(), shift.end.timestamp_millis());
        let placed: Vec<(i64, i64, &str)> = shift
            .activities
            .iter()
            .map(|a| {
                let a0 = a.start.timestamp_millis().max(s0);
                (a0, a.end.timestamp_millis().min(s1), a.activity.as_str())
            })
            .filter(|(a, b, _)| a < b)
            .collect();
        let mut cuts: Vec<i64> = placed.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        cuts.extend([s0, s1]);
        cuts.sort_unstable();
        cuts.dedup();
        let mut out: Vec<ScheduledSpan> = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let name = placed
                .iter()
                .rev()
                .find(|&&(x, y, _)| x <= a && b <= y)
                .map_or(WORK, |p| p.2);
            let Some(kind) = (if name == WORK {
                Some(ScheduledKind::Productive)
            } else {
                self.expectation(name)
            }) else {
                continue;
            };
            match out.last_mut() {
                Some(l) if l.end == a && l.activity == name => l.end = b,
                _ => out.push(ScheduledSpan {
                    start: a,
                    end: b,
                    kind,
                    activity: name.to_owned(),
                }),
            }
        }
        out
    }
}
