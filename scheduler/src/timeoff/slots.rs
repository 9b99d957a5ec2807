//! Overtime and voluntary-time-off (VTO) slots: a supervisor offers N slots over a time
//! range with a productive activity and a reason, to a staffing group or chosen agents;
//! agents accept or decline, first come first served; a supervisor may accept an agent
//! beyond the N (override) or take an acceptance back (force-deny).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Overtime (more work) or VTO (less work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// Extra work: extends a shift or adds one.
    Overtime,
    /// Voluntary time off: removes work.
    Vto,
}

impl SlotKind {
    /// The stored name.
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::timeoff::SlotKind::Vto.as_str(), "vto");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overtime => "overtime",
            Self::Vto => "vto",
        }
    }

    /// The kind of a name (`overtime`/`ot`, `vto`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "overtime" | "ot" => Some(Self::Overtime),
            "vto" => Some(Self::Vto),
            _ => None,
        }
    }
}

impl fmt::Display for SlotKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who an offer is made to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferedTo {
    /// Every agent of a staffing group.
    Group(String),
    /// These agents.
    Agents(Vec<String>),
}

/// An offer of overtime or VTO slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotOffer {
    /// Its number (0 until stored).
    pub id: i64,
    /// Overtime or VTO.
    pub kind: SlotKind,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// The productive activity worked (overtime) or given up (VTO).
    pub activity: String,
    /// The reason shown to agents.
    pub reason: String,
    /// How many agents may accept.
    pub slots: u32,
    /// To whom.
    pub offered_to: OfferedTo,
    /// The agents it is offered to (the group's, resolved when made).
    pub agents: Vec<String>,
    /// Who made it.
    pub actor: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// An agent's answer to an offer, or a supervisor's decision on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    /// Accepted within the N slots (or by a supervisor's override).
    Accepted,
    /// Declined by the agent.
    Declined,
    /// Asked too late: every slot was taken.
    Full,
    /// Taken back by a supervisor.
    ForceDenied,
}

impl ResponseStatus {
    /// The stored name.
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::timeoff::ResponseStatus::ForceDenied.as_str(), "force_denied");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Full => "full",
            Self::ForceDenied => "force_denied",
        }
    }

    /// The status of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Accepted,
            Self::Declined,
            Self::Full,
            Self::ForceDenied,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

impl fmt::Display for ResponseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One response to an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotResponse {
    /// The offer.
    pub offer: i64,
    /// The agent.
    pub agent: String,
    /// The outcome.
    pub status: ResponseStatus,
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it (the agent, or the supervisor who overrode).
    pub actor: String,
}

/// The outcome of an agent accepting: accepted while fewer than `slots` are, else full.
///
/// ```
/// use wfm_scheduler::timeoff::{ResponseStatus, accept_outcome};
/// assert_eq!(accept_outcome(3, 2, false), ResponseStatus::Accepted);
/// assert_eq!(accept_outcome(3, 3, false), ResponseStatus::Full);
/// assert_eq!(accept_outcome(3, 3, true), ResponseStatus::Accepted); // a supervisor's override
/// ```
pub fn accept_outcome(slots: u32, accepted: u32, supervisor_override: bool) -> ResponseStatus {
    if supervisor_override || accepted < slots {
        ResponseStatus::Accepted
    } else {
        ResponseStatus::Full
    }
}
