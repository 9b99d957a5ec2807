//! The scheduling request: which forecast group, which days, which goal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest schedule, in weeks.
pub const MAX_WEEKS: i64 = 18;
/// Most agents in one generation run.
pub const MAX_AGENTS_PER_RUN: usize = 800;

/// The service goal a schedule must meet per interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// `target` (0–1] of contacts answered within `within_seconds`.
    ServiceLevel {
        /// Share answered in time, e.g. 0.8.
        target: f64,
        /// Threshold, seconds.
        within_seconds: u32,
    },
    /// Average speed of answer at most `seconds`.
    Asa {
        /// Target ASA, seconds.
        seconds: u32,
    },
}

impl Goal {
    /// The goal as wfm-erlang's validated [`wfm_erlang::Goal`]: the one rule of `wfm
    /// staff`, the capacity scenario and the scheduling scenario (a service-level target
    /// strictly between 0 and 1, an ASA above 0).
    ///
    /// ```
    /// use wfm_scheduler::model::Goal;
    /// assert!(Goal::ServiceLevel { target: 0.8, within_seconds: 20 }.to_erlang().is_ok());
    /// assert!(Goal::ServiceLevel { target: 1.0, within_seconds: 20 }.to_erlang().is_err());
    /// assert!(Goal::Asa { seconds: 0 }.to_erlang().is_err());
    /// ```
    ///
    /// # Errors
    /// wfm-erlang's error for a goal it refuses (a target of 1 is unreachable).
    pub fn to_erlang(self) -> Result<wfm_erlang::Goal, wfm_erlang::ErlangError> {
        match self {
            Self::ServiceLevel {
                target,
                within_seconds,
            } => wfm_erlang::Goal::service_level(target, f64::from(within_seconds)),
            Self::Asa { seconds } => wfm_erlang::Goal::asa(f64::from(seconds)),
        }
    }
}

/// The `[request]` table: one forecast group, an inclusive date range (≤ 18 weeks), a goal.
///
/// ```
/// use chrono::NaiveDate;
/// use wfm_scheduler::model::{Goal, ScheduleRequest};
/// let r = ScheduleRequest {
///     forecast_group: "Support".into(),
///     start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
///     end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
///     goal: Goal::Asa { seconds: 30 },
/// };
/// assert_eq!(r.days().count(), 7);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// The forecast group scheduled (its staffing groups' agents).
    pub forecast_group: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// The goal.
    pub goal: Goal,
}

impl ScheduleRequest {
    /// Every day of the range, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.start.iter_days().take_while(move |d| *d <= self.end)
    }

    /// The 0-based week of `date` (weeks are 7-day blocks from `start`).
    pub fn week_of(&self, date: NaiveDate) -> i64 {
        (date - self.start).num_days().div_euclid(7)
    }
}
