//! What the validator reports: one [`Violation`] per broken rule instance.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The scheduling rules the validator checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The schedule names an agent who is in no staffing group of the run.
    UnknownAgent,
    /// A placed activity names no known activity.
    UnknownActivity,
    /// A shift or activity ends at or before it starts.
    EmptyInterval,
    /// A shift's date is outside the request's date range.
    OutsideRequest,
    /// A shift before the agent's employment start or after its end.
    Employment,
    /// A shift or activity time is off the 15-minute grid.
    Granularity,
    /// Two shifts of one agent on one date.
    OneShiftPerDay,
    /// Two shifts of one agent overlap in time.
    OverlappingShifts,
    /// A shift on a weekday the profile marks Off.
    OffDay,
    /// No shift on a weekday the profile marks Work.
    WorkDayMissing,
    /// A shift starts before the earliest start or ends after the latest end.
    ShiftWindow,
    /// A shift shorter or longer than the profile allows (where no daily hours override).
    ShiftLength,
    /// A work day shorter than the daily minimum hours.
    DailyMinHours,
    /// A work day longer than the daily maximum hours.
    DailyMaxHours,
    /// A full week with fewer than the weekly minimum hours.
    WeeklyMinHours,
    /// A week with more than the weekly maximum hours.
    WeeklyMaxHours,
    /// An activity not inside its shift.
    ActivityOutsideShift,
    /// Two activities of a shift overlap.
    OverlappingActivities,
    /// An activity the shift's activity group requires is missing.
    ActivityMissing,
    /// An activity starts outside its placement window.
    ActivityWindow,
    /// An activity's duration differs from its activity group's.
    ActivityDuration,
    /// Two breaks/meals closer than the minimum break interval.
    MinBreakInterval,
    /// Two breaks/meals further apart than the maximum break interval.
    MaxBreakInterval,
    /// A week with work days outside the profile's work days per week.
    WorkDaysPerWeek,
    /// A full week in which none of the profile's days off is off.
    DaysOff,
    /// A run of work days longer than allowed.
    MaxConsecutiveWorkDays,
    /// A run of work days shorter than required.
    MinConsecutiveWorkDays,
    /// A run of days off longer than allowed.
    MaxConsecutiveDaysOff,
    /// A run of days off shorter than required.
    MinConsecutiveDaysOff,
    /// An agent of a same-start-time group starts at another time than the group.
    SameStartTime,
    /// Fewer productive agents than a minimum-staff rule asks for.
    MinimumStaff,
}

/// One broken rule: who, when, which rule, and the numbers.
///
/// `value` and `limit` are in the rule's unit (hours for hours rules, minutes for shift
/// and activity times, days for day rules, agents for minimum staff); `message` says it in
/// a planner's words, e.g. `shift of 10.5 h exceeds max 9 h`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The agent (none for group rules such as minimum staff).
    pub agent: Option<String>,
    /// The staffing group, for group rules.
    pub group: Option<String>,
    /// The schedule day (the week's first day for weekly rules, the run's first day for
    /// consecutive-day rules).
    pub date: Option<NaiveDate>,
    /// The measured value.
    pub value: f64,
    /// The limit it breaks.
    pub limit: f64,
    /// The violation in words.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = self
            .agent
            .as_deref()
            .or(self.group.as_deref())
            .unwrap_or("-");
        match self.date {
            Some(d) => write!(f, "{who} {d} {:?}: {}", self.rule, self.message),
            None => write!(f, "{who} {:?}: {}", self.rule, self.message),
        }
    }
}

/// Collects violations for one agent.
pub(crate) struct Sink<'a> {
    pub(crate) agent: Option<&'a str>,
    pub(crate) group: Option<&'a str>,
    pub(crate) out: &'a mut Vec<Violation>,
}

impl Sink<'_> {
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        date: Option<NaiveDate>,
        value: f64,
        limit: f64,
        message: String,
    ) {
        self.out.push(Violation {
            rule,
            agent: self.agent.map(str::to_owned),
            group: self.group.map(str::to_owned),
            date,
            value,
            limit,
            message,
        });
    }
}

/// Minutes as hours for messages: 630 → "10.5".
pub(crate) fn h(minutes: f64) -> String {
    let v = minutes / 60.0;
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
