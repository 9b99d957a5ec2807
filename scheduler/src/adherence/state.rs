//! The three kinds of agent state adherence distinguishes, and what a scheduled span asks
//! for.

use serde::{Deserialize, Serialize};

/// What an agent status name means for adherence: `Available`, `Offline`, and any
/// other (custom) name is non-productive (Break, Lunch, Training, …).
///
/// ```
/// use wfm_scheduler::adherence::StateKind;
/// assert_eq!(StateKind::of("Available"), StateKind::Available);
/// assert_eq!(StateKind::of("offline"), StateKind::Offline);
/// assert_eq!(StateKind::of("Lunch"), StateKind::NonProductive);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    /// Ready for contacts (whether or not handling one).
    Available,
    /// Logged out or shown offline.
    Offline,
    /// Any other status name.
    NonProductive,
}

impl StateKind {
    /// The kind of a status name (`Available` and `Offline` compared without case).
    pub fn of(name: &str) -> Self {
        if name.eq_ignore_ascii_case("available") {
            Self::Available
        } else if name.eq_ignore_ascii_case("offline") {
            Self::Offline
        } else {
            Self::NonProductive
        }
    }
}

/// What the schedule asks of an agent at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduledKind {
    /// Shift time not covered by a non-productive activity, or a productive activity.
    Productive,
    /// A non-productive activity (break, meal, training, meeting, …).
    NonProductive,
}

impl ScheduledKind {
    /// The planner's word: `productive` or `non-productive`.
    ///
    /// ```
    /// use wfm_scheduler::adherence::ScheduledKind;
    /// assert_eq!(ScheduledKind::NonProductive.as_str(), "non-productive");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Productive => "productive",
            Self::NonProductive => "non-productive",
        }
    }

    /// Whether an agent in state `kind` (handling a contact or not) follows the schedule:
    /// scheduled productive needs Available, regardless of contacts; scheduled
    /// non-productive needs a non-productive state and no contact (contacts taken during
    /// training are not adherent).
    ///
    /// ```
    /// use wfm_scheduler::adherence::{ScheduledKind, StateKind};
    /// assert!(ScheduledKind::Productive.adherent(StateKind::Available, true));
    /// assert!(!ScheduledKind::Productive.adherent(StateKind::Offline, false));
    /// assert!(ScheduledKind::NonProductive.adherent(StateKind::NonProductive, false));
    /// assert!(!ScheduledKind::NonProductive.adherent(StateKind::NonProductive, true));
    /// assert!(!ScheduledKind::NonProductive.adherent(StateKind::Available, false));
    /// ```
    pub fn adherent(self, kind: StateKind, on_contact: bool) -> bool {
        match self {
            Self::Productive => kind == StateKind::Available,
            Self::NonProductive => kind == StateKind::NonProductive && !on_contact,
        }
    }
}
