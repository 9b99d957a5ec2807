//! Shift activities: breaks, meals, meetings, time off.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::checks;

/// What an activity does to an agent's availability.
///
/// Time on shift not covered by any activity is productive work: calls and chats need no
/// activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Productive work other than the default (e.g. a dedicated chat block).
    Productive,
    /// Non-productive (training, meeting, coaching).
    NonProductive,
    /// Non-productive, sub-type break: subject to the break spacing rules.
    Break,
    /// Non-productive, sub-type meal: subject to the break spacing rules.
    Meal,
    /// Time off: the agent is shown Offline.
    TimeOff,
}

impl ActivityKind {
    /// Whether an agent in this activity counts as productive staff.
    ///
    /// ```
    /// use wfm_scheduler::ActivityKind;
    /// assert!(ActivityKind::Productive.is_productive());
    /// assert!(!ActivityKind::Meal.is_productive());
    /// ```
    pub fn is_productive(self) -> bool {
        matches!(self, Self::Productive)
    }

    /// Whether the break spacing rules apply (sub-types break and meal).
    pub fn is_break(self) -> bool {
        matches!(self, Self::Break | Self::Meal)
    }
}

/// A shift activity, one `[[activities]]` table of the scenario file.
///
/// ```
/// use wfm_scheduler::{ActivityKind, ShiftActivity};
/// let meal = ShiftActivity::new("Lunch", ActivityKind::Meal, 30, false);
/// assert_eq!(meal.duration_minutes, 30);
/// assert!(!meal.paid);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftActivity {
    /// Unique name, referenced by shift profiles and schedules.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Productive, non-productive (break/meal sub-types) or time off.
    pub kind: ActivityKind,
    /// Default duration in minutes (a multiple of 15, at most 24 h).
    pub duration_minutes: u32,
    /// Whether the activity's time is paid.
    pub paid: bool,
    /// Whether adherence is tracked during the activity.
    #[serde(default = "yes")]
    pub adherence: bool,
    /// Time off only: whether agents may request it (no = supervisor only).
    #[serde(default)]
    pub agent_may_request: bool,
    /// Time off only: whether it is deducted from the time-off balance.
    #[serde(default)]
    pub deduct_from_balance: bool,
}

fn yes() -> bool {
    true
}

impl ShiftActivity {
    /// An activity with adherence on and the time-off flags off.
    pub fn new(name: &str, kind: ActivityKind, duration_minutes: u32, paid: bool) -> Self {
        Self {
            name: name.to_owned(),
            description: String::new(),
            kind,
            duration_minutes,
            paid,
            adherence: true,
            agent_may_request: false,
            deduct_from_balance: false,
        }
    }

    /// Checks the activity on its own (duration on the grid, at most 24 h).
    pub(crate) fn check(&self, file: &str) -> Result<()> {
        let item = format!("activity '{}'", self.name);
        checks::duration(file, &item, "duration_minutes", self.duration_minutes, 1440)
    }
}
