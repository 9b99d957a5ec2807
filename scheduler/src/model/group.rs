//! Staffing groups: the agents a forecast group's contacts reach.

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::checks;
use crate::model::hours::HoursRules;
use crate::model::time::TimeOfDay;

/// Agents per staffing group.
pub const MAX_AGENTS_PER_GROUP: usize = 80;
/// Supervisors per staffing group.
pub const MAX_SUPERVISORS_PER_GROUP: usize = 40;
/// Staffing groups per forecast group.
pub const MAX_GROUPS_PER_FORECAST_GROUP: usize = 100;

/// "At least `agents` productive agents from `start` to `end` (UTC)" regardless of the
/// forecast (≥ 1 agent 09:00–09:30 though 0 forecast).
///
/// `end` at or before `start` runs past midnight. Counted per interval of the grid as the
/// average number of the group's agents in productive time during the interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumStaff {
    /// Start of the range, UTC.
    pub start: TimeOfDay,
    /// End of the range, UTC.
    pub end: TimeOfDay,
    /// Minimum productive agents.
    pub agents: u32,
    /// Weekdays (of the range's start) the rule applies on; every day when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<Weekday>,
}

/// A staffing group, one `[[staffing_groups]]` table of the scenario file.
///
/// ```
/// use wfm_scheduler::model::StaffingGroup;
/// let g = StaffingGroup::new("Day team", "Support", "Day", &["ana", "ben"]);
/// assert_eq!(g.agents.len(), 2);
/// assert!(!g.same_start_time);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffingGroup {
    /// Unique name.
    pub name: String,
    /// The linked forecast group.
    pub forecast_group: String,
    /// The default shift profile of its agents.
    pub profile: String,
    /// Agents (≤ 80); only agents in a staffing group get scheduled.
    pub agents: Vec<String>,
    /// Supervisors (≤ 40).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervisors: Vec<String>,
    /// Minimum staff over time ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minimum_staff: Vec<MinimumStaff>,
    /// All agents working a day start at the same time.
    #[serde(default)]
    pub same_start_time: bool,
    /// Daily and weekly min/max hours.
    #[serde(default, skip_serializing_if = "HoursRules::is_empty")]
    pub hours: HoursRules,
    /// Agents may request time off.
    #[serde(default)]
    pub time_off_requests: bool,
    /// Time-off requests need a supervisor's approval.
    #[serde(default)]
    pub supervisor_approval: bool,
}

impl StaffingGroup {
    /// A group with no rules beyond its profile.
    pub fn new(name: &str, forecast_group: &str, profile: &str, agents: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            forecast_group: forecast_group.to_owned(),
            profile: profile.to_owned(),
            agents: agents.iter().map(|a| (*a).to_owned()).collect(),
            supervisors: Vec::new(),
            minimum_staff: Vec::new(),
            same_start_time: false,
            hours: HoursRules::default(),
            time_off_requests: false,
            supervisor_approval: false,
        }
    }

    /// Checks the group on its own (limits, hours, minimum staff ranges).
    pub(crate) fn check(&self, file: &str) -> Result<()> {
        let item = format!("staffing group '{}'", self.name);
        checks::limit(
            file,
            &item,
            "agents",
            self.agents.len(),
            MAX_AGENTS_PER_GROUP,
        )?;
        checks::limit(
            file,
            &item,
            "supervisors",
            self.supervisors.len(),
            MAX_SUPERVISORS_PER_GROUP,
        )?;
        checks::unique_names(
            file,
            &format!("agent of {item}"),
            self.agents.iter().map(String::as_str),
        )?;
        self.hours.check(file, &item)?;
        for m in &self.minimum_staff {
            for (field, t) in [
                ("minimum_staff.start", m.start),
                ("minimum_staff.end", m.end),
            ] {
                if !t.on_grid() {
                    return Err(checks::invalid(
                        file,
                        &item,
                        field,
                        t,
                        "must be on a quarter hour",
                    ));
                }
            }
            if m.agents as usize > self.agents.len() {
                return Err(checks::invalid(
                    file,
                    &item,
                    "minimum_staff.agents",
                    m.agents,
                    &format!("is more than the group's {} agents", self.agents.len()),
                ));
            }
        }
        Ok(())
    }
}
