//! The schedule as data: per agent, per date, a shift with its placed activities.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use wfm_core::IntervalLength;

use crate::scenario::Scenario;

/// An activity placed in a shift, `[start, end)` in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedActivity {
    /// The activity's name.
    pub activity: String,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
}

impl PlacedActivity {
    /// Length in minutes.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }
}

/// One shift, `[start, end)` in UTC. `date` is the schedule day it belongs to: the day of
/// the profile window it lies in (UTC, or the agent's local date for `clock = "local"`).
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::Shift;
/// let s = Shift {
///     date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
///     start: Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(),
///     end: Utc.with_ymd_and_hms(2026, 3, 2, 16, 30, 0).unwrap(),
///     activities: vec![],
/// };
/// assert_eq!(s.minutes(), 510);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    /// The schedule day.
    pub date: NaiveDate,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Breaks, meals and other activities inside the shift.
    #[serde(default)]
    pub activities: Vec<PlacedActivity>,
}

impl Shift {
    /// Length in minutes, breaks included (the true length across a DST change).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// Paid minutes: the length less unpaid activities (unknown activities count as paid).
    pub fn paid_minutes(&self, scenario: &Scenario) -> i64 {
        let unpaid: i64 = self
            .activities
            .iter()
            .filter(|a| scenario.activity(&a.activity).is_some_and(|x| !x.paid))
            .map(PlacedActivity::minutes)
            .sum();
        self.minutes() - unpaid
    }

    /// Productive minutes of the shift within `[from, to)`: shift time not covered by a
    /// non-productive activity.
    pub fn productive_minutes_in(
        &self,
        scenario: &Scenario,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> f64 {
        let overlap = |s: DateTime<Utc>, e: DateTime<Utc>| {
            (e.min(to) - s.max(from)).num_seconds().max(0) as f64 / 60.0
        };
        let mut total = overlap(self.start, self.end);
        for a in &self.activities {
            let productive = scenario
                .activity(&a.activity)
                .is_some_and(|x| x.kind.is_productive());
            if !productive {
                total -= overlap(a.start.max(self.start), a.end.min(self.end));
            }
        }
        total.max(0.0)
    }
}

/// One agent's shifts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSchedule {
    /// The agent.
    pub agent: String,
    /// Shifts, at most one per date.
    #[serde(default)]
    pub shifts: Vec<Shift>,
}

/// A schedule: every agent's shifts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Agents with their shifts.
    pub agents: Vec<AgentSchedule>,
}

impl Schedule {
    /// Paid hours per agent and date.
    pub fn paid_hours_by_day(&self, scenario: &Scenario) -> BTreeMap<(String, NaiveDate), f64> {
        let mut out = BTreeMap::new();
        for a in &self.agents {
            for s in &a.shifts {
                *out.entry((a.agent.clone(), s.date)).or_insert(0.0) +=
                    s.paid_minutes(scenario) as f64 / 60.0;
            }
        }
        out
    }

    /// Paid hours per agent and week (0-based, 7-day blocks from the request's start).
    pub fn paid_hours_by_week(&self, scenario: &Scenario) -> BTreeMap<(String, i64), f64> {
        let mut out = BTreeMap::new();
        for ((agent, date), h) in self.paid_hours_by_day(scenario) {
            *out.entry((agent, scenario.request().week_of(date)))
                .or_insert(0.0) += h;
        }
        out
    }

    /// Productive agents per interval of the scenario's grid, for `intervals` intervals
    /// from `from`: the productive agent-minutes in each interval divided by its length
    /// (an agent on a 15-minute break in a 30-minute interval counts ½).
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
    ///     "/../data/scenarios/schedule_example.toml")).unwrap();
    /// let sc = Scenario::from_toml(&text, "example")?; // 30-minute intervals
    /// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
    /// let shift = Shift { date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), start: t(8, 0), end: t(9, 0),
    ///     activities: vec![PlacedActivity { activity: "Break".into(), start: t(8, 30), end: t(8, 45) }] };
    /// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(), shifts: vec![shift] }] };
    /// assert_eq!(schedule.coverage(&sc, t(7, 30), 4), vec![0.0, 1.0, 0.5, 0.0]);
    /// # Ok::<(), wfm_scheduler::SchedulerError>(())
    /// ```
    pub fn coverage(&self, scenario: &Scenario, from: DateTime<Utc>, intervals: usize) -> Vec<f64> {
        let len = interval_minutes(scenario.config().interval);
        let mut out = vec![0.0; intervals];
        for a in &self.agents {
            for s in &a.shifts {
                for (i, slot) in out.iter_mut().enumerate() {
                    let lo = from + chrono::Duration::minutes(len * i as i64);
                    let hi = lo + chrono::Duration::minutes(len);
                    if s.end > lo && s.start < hi {
                        *slot += s.productive_minutes_in(scenario, lo, hi) / len as f64;
                    }
                }
            }
        }
        out
    }
}

/// The interval's length in minutes.
pub(crate) fn interval_minutes(i: IntervalLength) -> i64 {
    i64::from(i.minutes())
}
