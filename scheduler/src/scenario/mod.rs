//! The scenario file: every building block plus the scheduling request, versioned TOML.
//!
//! Format (version 1; every key is checked, unknown keys are errors):
//!
//! ```toml
//! version = 1                      # required, this release reads 1
//! name = "Small support center"    # required
//! interval = "30mins"              # the workspace interval, "15mins" or "30mins"
//! forecast_groups = ["Support"]    # forecast groups staffing groups may link to
//!
//! [request]                        # what to schedule
//! forecast_group = "Support"
//! start = "2026-03-02"             # first day, inclusive
//! end = "2026-03-08"               # last day, inclusive (≤ 18 weeks)
//! goal = { type = "service_level", target = 0.8, within_seconds = 20 }  # or { type = "asa", seconds = 30 }
//!
//! [[activities]]                   # ≤ 300; kind: productive | non_productive | break | meal | time_off
//! name = "Break"
//! kind = "break"
//! duration_minutes = 15
//! paid = true
//!
//! [[profiles]]                     # ≤ 1300
//! name = "Day"
//! days = { mon = "work", tue = "work", wed = "work", thu = "work", fri = "work", sat = "flexible", sun = "off" }
//! earliest_start = "08:00"         # UTC unless clock = "local" (the agent's zone)
//! latest_end = "20:00"             # at or before earliest_start: the next day
//! min_shift_minutes = 360
//! max_shift_minutes = 540
//! min_break_interval_minutes = 60  # optional
//! start_step_minutes = 30          # optional: generated starts and lengths every 30 min
//! work_days_per_week = { min = 4, max = 5 }  # optional
//! days_off = ["Sat", "Sun"]        # optional, joined with OR
//!
//! [[profiles.activity_groups]]     # by shift length; one default group without shift_minutes
//! name = "default"
//! activities = [{ activity = "Break", earliest_minutes = 90, latest_minutes = 150 }]
//!
//! [[staffing_groups]]              # ≤ 1300, ≤ 100 per forecast group
//! name = "Day team"
//! forecast_group = "Support"
//! profile = "Day"
//! agents = ["ana", "ben"]          # ≤ 80, an agent in one group per forecast group
//! same_start_time = false
//! hours = { daily_min_hours = 6, daily_max_hours = 9, weekly_max_hours = 40 }
//! minimum_staff = [{ start = "08:00", end = "09:00", agents = 1 }]
//!
//! [[staff_rules]]                  # optional, one per agent
//! agent = "ben"
//! time_zone = "America/New_York"
//! employment_start = "2026-03-03"
//! hours = { weekly_max_hours = 20 }
//! consecutive_work_days = { max = 5 }
//! consecutive_days_off = { min = 1 }
//! ```

mod check;
mod toml_io;

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use wfm_core::IntervalLength;

use crate::error::Result;
use crate::model::{
    CountRange, HoursRules, ScheduleRequest, ShiftActivity, ShiftProfile, StaffRule, StaffingGroup,
};

/// The scenario format version this release reads and writes.
pub const SCENARIO_VERSION: u32 = 1;

/// The scenario as written in the file, before validation. Build a [`Scenario`] from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioConfig {
    /// Format version, [`SCENARIO_VERSION`].
    pub version: u32,
    /// Scenario name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The workspace interval (coverage grid).
    pub interval: IntervalLength,
    /// Forecast groups staffing groups may link to.
    pub forecast_groups: Vec<String>,
    /// What to schedule.
    pub request: ScheduleRequest,
    /// Shift activities.
    #[serde(default)]
    pub activities: Vec<ShiftActivity>,
    /// Shift profiles.
    #[serde(default)]
    pub profiles: Vec<ShiftProfile>,
    /// Staffing groups.
    #[serde(default)]
    pub staffing_groups: Vec<StaffingGroup>,
    /// Staff rules, at most one per agent.
    #[serde(default)]
    pub staff_rules: Vec<StaffRule>,
}

/// A validated scenario: every reference resolves and every rule is consistent.
///
/// ```
/// use wfm_scheduler::Scenario;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let s = Scenario::from_toml(&text, "schedule_example.toml")?;
/// assert_eq!(s.config().version, 1);
/// let again = Scenario::from_toml(&s.to_toml()?, "export.toml")?;
/// assert_eq!(again.config(), s.config());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scenario {
    config: ScenarioConfig,
    zones: HashMap<String, Tz>,
    group_of: HashMap<String, usize>,
    rule_of: HashMap<String, usize>,
}

impl Scenario {
    /// Validates `config`; `file` names the source in error messages.
    ///
    /// # Errors
    /// The first invalid item, naming item and field (see [`SchedulerError`](crate::SchedulerError)).
    pub fn new(config: ScenarioConfig, file: &str) -> Result<Self> {
        let zones = check::check(&config, file)?;
        let mut group_of = HashMap::new();
        for (i, g) in config.staffing_groups.iter().enumerate() {
            if g.forecast_group == config.request.forecast_group {
                for a in &g.agents {
                    group_of.insert(a.clone(), i);
                }
            }
        }
        let rule_of = config
            .staff_rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.agent.clone(), i))
            .collect();
        Ok(Self {
            config,
            zones,
            group_of,
            rule_of,
        })
    }

    /// The configuration as written.
    pub fn config(&self) -> &ScenarioConfig {
        &self.config
    }

    /// The scheduling request.
    pub fn request(&self) -> &ScheduleRequest {
        &self.config.request
    }

    /// The activity called `name`.
    pub fn activity(&self, name: &str) -> Option<&ShiftActivity> {
        self.config.activities.iter().find(|a| a.name == name)
    }

    /// The shift profile called `name`.
    pub fn profile(&self, name: &str) -> Option<&ShiftProfile> {
        self.config.profiles.iter().find(|p| p.name == name)
    }

    /// The agents of the run: every agent of the staffing groups linked to the request's
    /// forecast group, in file order.
    pub fn agents(&self) -> Vec<&str> {
        self.run_groups()
            .flat_map(|g| g.agents.iter().map(String::as_str))
            .collect()
    }

    /// The staffing groups linked to the request's forecast group.
    pub fn run_groups(&self) -> impl Iterator<Item = &StaffingGroup> {
        let fg = &self.config.request.forecast_group;
        self.config
            .staffing_groups
            .iter()
            .filter(move |g| &g.forecast_group == fg)
    }

    /// The agent's staffing group in this run.
    pub fn group_of(&self, agent: &str) -> Option<&StaffingGroup> {
        self.group_of
            .get(agent)
            .map(|&i| &self.config.staffing_groups[i])
    }

    /// The agent's staff rule, if any.
    pub fn staff_rule(&self, agent: &str) -> Option<&StaffRule> {
        self.rule_of
            .get(agent)
            .map(|&i| &self.config.staff_rules[i])
    }

    /// The agent's time zone (UTC without a staff rule).
    pub fn time_zone(&self, agent: &str) -> Tz {
        self.zones.get(agent).copied().unwrap_or(Tz::UTC)
    }

    /// The agent's shift profile: their own, else their staffing group's.
    pub fn profile_of(&self, agent: &str) -> Option<&ShiftProfile> {
        let own = self.staff_rule(agent).and_then(|r| r.profile.as_deref());
        let name = own.or_else(|| self.group_of(agent).map(|g| g.profile.as_str()))?;
        self.profile(name)
    }

    /// The agent's hours rules: the staff rule's bounds over the group's.
    pub fn hours_of(&self, agent: &str) -> HoursRules {
        let group = self.group_of(agent).map(|g| g.hours).unwrap_or_default();
        self.staff_rule(agent)
            .map_or(group, |r| r.hours.over(&group))
    }

    /// The agent's employment start and end (inclusive; open when absent).
    pub fn employment_of(&self, agent: &str) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.staff_rule(agent)
            .map_or((None, None), |r| (r.employment_start, r.employment_end))
    }

    /// The agent's consecutive work days and days off ranges.
    pub fn consecutive_of(&self, agent: &str) -> (CountRange, CountRange) {
        self.staff_rule(agent)
            .map_or((CountRange::default(), CountRange::default()), |r| {
                (
                    r.consecutive_work_days.unwrap_or_default(),
                    r.consecutive_days_off.unwrap_or_default(),
                )
            })
    }
}

#[cfg(test)]
mod tests;
