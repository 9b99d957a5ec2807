//! [`TimeOffError`]: what a time-off, overtime or VTO request can be refused for.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::request::RequestStatus;

/// A refused time-off, overtime or VTO operation; nothing was changed.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum TimeOffError {
    /// The agent is in no staffing group of the scheduling configuration.
    #[error("unknown agent {agent:?}: not in any staffing group")]
    UnknownAgent {
        /// The agent given.
        agent: String,
    },
    /// No shift activity of that name exists.
    #[error("unknown activity {activity:?}")]
    UnknownActivity {
        /// The activity given.
        activity: String,
    },
    /// The activity exists but is not of the kind the operation needs (time off for a
    /// request, productive for an overtime slot).
    #[error("activity {activity:?} is not {expected}")]
    WrongActivityKind {
        /// The activity given.
        activity: String,
        /// What it must be (`a time-off activity`, `productive`).
        expected: &'static str,
    },
    /// An agent asked for a time-off type only supervisors may request.
    #[error("time-off activity {activity:?} may be requested by a supervisor only")]
    NotRequestable {
        /// The activity.
        activity: String,
    },
    /// The agent's staffing group does not take time-off requests from agents.
    #[error("staffing group {group:?} does not take time-off requests")]
    RequestsDisabled {
        /// The staffing group.
        group: String,
    },
    /// A range whose end is not after its start.
    #[error("end {end} is not after start {start}")]
    EndBeforeStart {
        /// The start given.
        start: DateTime<Utc>,
        /// The end given.
        end: DateTime<Utc>,
    },
    /// A request or allowance further ahead than 13 months.
    #[error("{start} is more than 13 months ahead (the latest is {latest})")]
    TooFarAhead {
        /// The start given.
        start: DateTime<Utc>,
        /// The latest start allowed now.
        latest: DateTime<Utc>,
    },
    /// An agent asked for time off that has begun already (a supervisor may record it).
    #[error("{start} is in the past (now is {now}): only a supervisor can record past time off")]
    InPast {
        /// The start given.
        start: DateTime<Utc>,
        /// Now.
        now: DateTime<Utc>,
    },
    /// The request's status does not allow the action.
    #[error("request {id} is {status}: it cannot be {action}")]
    WrongStatus {
        /// The request.
        id: i64,
        /// Its status.
        status: RequestStatus,
        /// The refused action (`approved`, `cancelled`, …).
        action: &'static str,
    },
    /// A supervisor approved a request that breaks time-off rules without overriding them.
    #[error(
        "request {id} breaks {failures} time-off rule(s): approve it with the rules overridden, or deny it"
    )]
    RulesBroken {
        /// The request.
        id: i64,
        /// How many rules fail.
        failures: usize,
    },
    /// An overtime or VTO slot offer was not made to this agent.
    #[error("slot offer {offer} is not offered to agent {agent:?}")]
    NotOffered {
        /// The offer.
        offer: i64,
        /// The agent.
        agent: String,
    },
    /// No time-off request has this number.
    #[error("no time-off request {id}")]
    NoRequest {
        /// The number given.
        id: i64,
    },
    /// No overtime or VTO offer has this number.
    #[error("no overtime or VTO offer {id}")]
    NoOffer {
        /// The number given.
        id: i64,
    },
    /// An offer of no slots, or slots in the past.
    #[error("invalid slot offer: {0}")]
    InvalidOffer(String),
}

impl TimeOffError {
    /// A stable name of the error's kind (`unknown_agent`, `rules_broken`, …), for
    /// callers that branch on it (Python's `TimeOffError.reason`).
    ///
    /// ```
    /// use wfm_scheduler::timeoff::TimeOffError;
    /// assert_eq!(TimeOffError::NoRequest { id: 7 }.code(), "no_request");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownAgent { .. } => "unknown_agent",
            Self::UnknownActivity { .. } => "unknown_activity",
            Self::WrongActivityKind { .. } => "wrong_activity_kind",
            Self::NotRequestable { .. } => "not_requestable",
            Self::RequestsDisabled { .. } => "requests_disabled",
            Self::EndBeforeStart { .. } => "end_before_start",
            Self::TooFarAhead { .. } => "too_far_ahead",
            Self::InPast { .. } => "in_past",
            Self::WrongStatus { .. } => "wrong_status",
            Self::RulesBroken { .. } => "rules_broken",
            Self::NotOffered { .. } => "not_offered",
            Self::NoRequest { .. } => "no_request",
            Self::NoOffer { .. } => "no_offer",
            Self::InvalidOffer(_) => "invalid_offer",
        }
    }
}
