//! Staff rules: one agent's own rules, overriding group and profile.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::hours::HoursRules;
use crate::model::profile::CountRange;

/// The staff rule of one agent, one `[[staff_rules]]` table of the scenario file.
///
/// Agents without a staff rule are in UTC and follow their staffing group.
///
/// ```
/// use wfm_scheduler::model::StaffRule;
/// let r = StaffRule::new("ana", "America/New_York");
/// assert_eq!(r.time_zone, "America/New_York");
/// assert!(r.profile.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRule {
    /// The agent (as listed in a staffing group).
    pub agent: String,
    /// IANA time zone, e.g. `America/New_York`.
    pub time_zone: String,
    /// First day the agent may be scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_start: Option<NaiveDate>,
    /// Last day the agent may be scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment_end: Option<NaiveDate>,
    /// Daily/weekly min/max hours, overriding the group's bound by bound.
    #[serde(default, skip_serializing_if = "HoursRules::is_empty")]
    pub hours: HoursRules,
    /// Consecutive work days allowed (runs cut by the schedule's edges are exempt from
    /// the minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_work_days: Option<CountRange>,
    /// Consecutive days off allowed (same edge rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_days_off: Option<CountRange>,
    /// Own shift profile instead of the staffing group's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

impl StaffRule {
    /// A rule that only sets the time zone.
    pub fn new(agent: &str, time_zone: &str) -> Self {
        Self {
            agent: agent.to_owned(),
            time_zone: time_zone.to_owned(),
            employment_start: None,
            employment_end: None,
            hours: HoursRules::default(),
            consecutive_work_days: None,
            consecutive_days_off: None,
            profile: None,
        }
    }
}
