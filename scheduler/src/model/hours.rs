//! Daily and weekly min/max work hours, shared by staffing groups and staff rules.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::checks;

/// Daily and weekly min/max work hours, breaks included. Each bound is optional;
/// a staff rule's bound overrides its staffing group's, bound by bound.
///
/// ```
/// use wfm_scheduler::model::HoursRules;
/// let group = HoursRules { weekly_max_hours: Some(40.0), daily_max_hours: Some(8.0), ..Default::default() };
/// let agent = HoursRules { weekly_max_hours: Some(20.0), ..Default::default() };
/// let eff = agent.over(&group);
/// assert_eq!(eff.weekly_max_hours, Some(20.0));
/// assert_eq!(eff.daily_max_hours, Some(8.0));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursRules {
    /// Shortest work day, hours (applies to days with a shift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_min_hours: Option<f64>,
    /// Longest work day, hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_max_hours: Option<f64>,
    /// Fewest hours in a week (full weeks of employment only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_min_hours: Option<f64>,
    /// Most hours in a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_max_hours: Option<f64>,
}

/// Converts hours to whole minutes (validated values are whole minutes).
pub fn hours_to_minutes(hours: f64) -> u32 {
    (hours * 60.0).round() as u32
}

impl HoursRules {
    /// Whether no bound is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// These rules, each absent bound taken from `base`.
    pub fn over(&self, base: &HoursRules) -> HoursRules {
        HoursRules {
            daily_min_hours: self.daily_min_hours.or(base.daily_min_hours),
            daily_max_hours: self.daily_max_hours.or(base.daily_max_hours),
            weekly_min_hours: self.weekly_min_hours.or(base.weekly_min_hours),
            weekly_max_hours: self.weekly_max_hours.or(base.weekly_max_hours),
        }
    }

    /// Checks each bound (0–24 h a day, 0–168 h a week, whole minutes) and min ≤ max.
    pub(crate) fn check(&self, file: &str, item: &str) -> Result<()> {
        let fields = [
            ("daily_min_hours", self.daily_min_hours, 24.0),
            ("daily_max_hours", self.daily_max_hours, 24.0),
            ("weekly_min_hours", self.weekly_min_hours, 168.0),
            ("weekly_max_hours", self.weekly_max_hours, 168.0),
        ];
        for (field, v, top) in fields {
            let Some(v) = v else { continue };
            if !(0.0..=top).contains(&v) {
                return Err(checks::invalid(
                    file,
                    item,
                    field,
                    v,
                    &format!("must be between 0 and {top} hours"),
                ));
            }
            if ((v * 60.0) - (v * 60.0).round()).abs() > 1e-6 {
                return Err(checks::invalid(
                    file,
                    item,
                    field,
                    v,
                    "must be a whole number of minutes",
                ));
            }
        }
        let pairs = [
            (
                ("daily_min_hours", self.daily_min_hours),
                ("daily_max_hours", self.daily_max_hours),
            ),
            (
                ("weekly_min_hours", self.weekly_min_hours),
                ("weekly_max_hours", self.weekly_max_hours),
            ),
            (
                ("daily_min_hours", self.daily_min_hours),
                ("weekly_max_hours", self.weekly_max_hours),
            ),
        ];
        for ((lf, lo), (hf, hi)) in pairs {
            if let (Some(lo), Some(hi)) = (lo, hi) {
                checks::min_max(file, item, (lf, lo), (hf, hi))?;
            }
        }
        Ok(())
    }
}
