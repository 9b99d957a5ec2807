//! A capacity-planning scenario: the assumptions a plan is computed under —
//! maximum occupancy, daily attrition, FTE hours per week, outsourced share, overtime and
//! VTO limits, and one service goal per channel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wfm_erlang::{Concurrency, Goal, MaxOccupancy};

use super::hiring::{HiringPolicy, HiringSpec};
use crate::{Channel, CoreError};

/// A scenario as written in a file (TOML or JSON), before validation: every field a plain
/// number so that a wrong value gets a message naming the field.
///
/// ```
/// let spec: wfm_core::capacity::ScenarioSpec = serde_json::from_str(r#"{
///     "name": "Base", "max_occupancy": 0.85, "daily_attrition": 0.002,
///     "fte_hours_per_week": 40, "max_overtime": 0.1, "max_vto": 0.1,
///     "goal": { "VOICE": { "service_level": 0.8, "service_level_seconds": 20 },
///               "CHAT": { "asa_seconds": 30, "concurrency": 2 } } }"#)?;
/// let scenario = spec.validate()?;
/// assert_eq!(scenario.goals.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    /// The scenario's name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// Maximum occupancy in (0, 1]; default 1 (no cap).
    #[serde(default)]
    pub max_occupancy: Option<f64>,
    /// Share of staff leaving per working day, in [0, 1) (50 % a year over 250 working
    /// days is 0.002).
    pub daily_attrition: f64,
    /// Paid hours of one FTE per week (> 0, at most 168).
    pub fte_hours_per_week: f64,
    /// Share of contacts handled by an outsourcer, in [0, 1); default 0.
    #[serde(default)]
    pub outsourced_share: Option<f64>,
    /// Most overtime as a share of available hours (0.1: 40 h → up to 44 h); none: no cap.
    #[serde(default)]
    pub max_overtime: Option<f64>,
    /// Most voluntary time off as a share of available hours (0.1: 40 h → down to 36 h).
    #[serde(default)]
    pub max_vto: Option<f64>,
    /// The goal of each channel, by channel name (`VOICE`, `CHAT`, `TASK`).
    pub goal: BTreeMap<String, GoalSpec>,
    /// The hiring policy (`[hiring]`), if the plan should say whom to hire when.
    #[serde(default)]
    pub hiring: Option<HiringSpec>,
}

/// One channel's goal as written: `service_level` with `service_level_seconds`, or
/// `asa_seconds`; optional `concurrency` (contacts an agent works at once, default 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    /// Share answered within `service_level_seconds`, in (0, 1).
    #[serde(default)]
    pub service_level: Option<f64>,
    /// The threshold of the service level, seconds.
    #[serde(default)]
    pub service_level_seconds: Option<f64>,
    /// Average speed of answer goal, seconds.
    #[serde(default)]
    pub asa_seconds: Option<f64>,
    /// Contacts an agent works at once (chat), 1 to 1000; default 1.
    #[serde(default)]
    pub concurrency: Option<u32>,
}

/// One channel's validated goal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ChannelGoal {
    /// The service goal.
    pub goal: Goal,
    /// Contacts an agent works at once.
    pub concurrency: Concurrency,
}

/// A validated scenario: what [`compute_plan`](super::compute_plan) needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The scenario's name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Maximum occupancy.
    pub max_occupancy: MaxOccupancy,
    /// Share of staff leaving per working day, in [0, 1).
    pub daily_attrition: f64,
    /// Paid hours of one FTE per week.
    pub fte_hours_per_week: f64,
    /// Share of contacts outsourced, in [0, 1).
    pub outsourced_share: f64,
    /// Overtime cap as a share of available hours, if any.
    pub max_overtime: Option<f64>,
    /// VTO cap as a share of available hours, if any.
    pub max_vto: Option<f64>,
    /// The goal per channel.
    pub goals: BTreeMap<Channel, ChannelGoal>,
    /// The hiring policy, if any.
    #[serde(default)]
    pub hiring: Option<HiringPolicy>,
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> CoreError {
    CoreError::InvalidScenario {
        field: field.into(),
        reason: reason.into(),
    }
}

/// `value` in `[low, high)` (or `[low, high]` when `closed`), finite.
fn share(field: &str, value: f64, low: f64, high: f64, closed: bool) -> Result<f64, CoreError> {
    let inside = value.is_finite() && value >= low && (value < high || (closed && value == high));
    if inside {
        Ok(value)
    } else {
        let bracket = if closed { ']' } else { ')' };
        Err(invalid(
            field,
            format!("must be in [{low}, {high}{bracket}, got {value}"),
        ))
    }
}

impl ScenarioSpec {
    /// Checks every field; the error names the first wrong one.
    ///
    /// # Errors
    /// [`CoreError::InvalidScenario`] naming the field and the rule.
    ///
    /// ```
    /// use wfm_core::capacity::ScenarioSpec;
    /// let mut spec: ScenarioSpec = serde_json::from_str(r#"{"name": "x",
    ///     "daily_attrition": 1.0, "fte_hours_per_week": 40,
    ///     "goal": {"VOICE": {"asa_seconds": 20}}}"#)?;
    /// let e = spec.clone().validate().unwrap_err();
    /// assert!(e.to_string().contains("daily_attrition"));
    /// spec.daily_attrition = 0.002;
    /// assert!(spec.validate().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(self) -> Result<Scenario, CoreError> {
        if self.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty"));
        }
        let occupancy = self.max_occupancy.unwrap_or(1.0);
        let max_occupancy = MaxOccupancy::new(occupancy).map_err(|_| {
            invalid(
                "max_occupancy",
                format!("must be in (0, 1], got {occupancy}"),
            )
        })?;
        let daily_attrition = share("daily_attrition", self.daily_attrition, 0.0, 1.0, false)?;
        let hours = self.fte_hours_per_week;
        if !(hours.is_finite() && hours > 0.0 && hours <= 168.0) {
            return Err(invalid(
                "fte_hours_per_week",
                format!("must be more than 0 and at most 168, got {hours}"),
            ));
        }
        let outsourced_share = share(
            "outsourced_share",
            self.outsourced_share.unwrap_or(0.0),
            0.0,
            1.0,
            false,
        )?;
        let max_overtime = self
            .max_overtime
            .map(|v| share("max_overtime", v, 0.0, 10.0, true))
            .transpose()?;
        let max_vto = self
            .max_vto
            .map(|v| share("max_vto", v, 0.0, 1.0, true))
            .transpose()?;
        if self.goal.is_empty() {
            return Err(invalid(
                "goal",
                "give at least one channel's goal, e.g. [goal.VOICE] service_level = 0.8, \
                 service_level_seconds = 20",
            ));
        }
        let mut goals = BTreeMap::new();
        for (name, g) in self.goal {
            let field = format!("goal.{name}");
            let channel: Channel = name
                .parse()
                .map_err(|_| invalid(&field, "the channel must be VOICE, CHAT or TASK"))?;
            let goal = match (g.service_level, g.service_level_seconds, g.asa_seconds) {
                (Some(p), Some(t), None) => Goal::service_level(p, t),
                (None, None, Some(t)) => Goal::asa(t),
                _ => {
                    return Err(invalid(
                        &field,
                        "give service_level with service_level_seconds, or asa_seconds",
                    ));
                }
            }
            .map_err(|e| invalid(&field, e.to_string()))?;
            let concurrency = Concurrency::new(g.concurrency.unwrap_or(1))
                .map_err(|e| invalid(format!("{field}.concurrency"), e.to_string()))?;
            goals.insert(channel, ChannelGoal { goal, concurrency });
        }
        let hiring = self.hiring.map(HiringSpec::validate).transpose()?;
        Ok(Scenario {
            name: self.name,
            description: self.description,
            max_occupancy,
            daily_attrition,
            fte_hours_per_week: hours,
            outsourced_share,
            max_overtime,
            max_vto,
            goals,
            hiring,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ScenarioSpec {
        serde_json::from_str(
            r#"{"name": "Base", "daily_attrition": 0.002, "fte_hours_per_week": 40,
                "max_occupancy": 0.85, "max_overtime": 0.1, "max_vto": 0.1,
                "goal": {"VOICE": {"service_level": 0.8, "service_level_seconds": 20}}}"#,
        )
        .unwrap()
    }

    fn field_of(spec: ScenarioSpec) -> String {
        match spec.validate() {
            Err(CoreError::InvalidScenario { field, .. }) => field,
            other => panic!("expected an invalid scenario, got {other:?}"),
        }
    }

    #[test]
    fn every_rule_names_its_field() {
        assert!(spec().validate().is_ok());
        let mut s = spec();
        s.daily_attrition = -0.1;
        assert_eq!(field_of(s), "daily_attrition");
        let mut s = spec();
        s.max_occupancy = Some(0.0);
        assert_eq!(field_of(s), "max_occupancy");
        let mut s = spec();
        s.max_occupancy = Some(1.2);
        assert_eq!(field_of(s), "max_occupancy");
        let mut s = spec();
        s.fte_hours_per_week = 0.0;
        assert_eq!(field_of(s), "fte_hours_per_week");
        let mut s = spec();
        s.outsourced_share = Some(1.0);
        assert_eq!(field_of(s), "outsourced_share");
        let mut s = spec();
        s.max_vto = Some(f64::NAN);
        assert_eq!(field_of(s), "max_vto");
        let mut s = spec();
        s.goal.insert("FAX".into(), s.goal["VOICE"].clone());
        assert_eq!(field_of(s), "goal.FAX");
        let mut s = spec();
        s.goal.get_mut("VOICE").unwrap().service_level = Some(1.0);
        assert_eq!(field_of(s), "goal.VOICE");
        let mut s = spec();
        s.goal.get_mut("VOICE").unwrap().asa_seconds = Some(10.0);
        assert_eq!(field_of(s), "goal.VOICE");
        let mut s = spec();
        s.goal.clear();
        assert_eq!(field_of(s), "goal");
    }
}
