//! The one error type of `wfm-erlang`.

use thiserror::Error;

/// Everything that can go wrong in the queueing math: bad inputs and goals that no
/// finite number of agents can meet.
///
/// Messages are written for a planner: they name the parameter, the value and the rule.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ErlangError {
    /// A parameter is NaN or infinite.
    #[error("{parameter} must be a finite number, got {value}")]
    NotFinite {
        /// The parameter's name as the user knows it (`volume`, `aht_seconds`, ...).
        parameter: &'static str,
        /// The value given.
        value: f64,
    },
    /// A parameter is outside its allowed range.
    #[error("{parameter} must be {expected}, got {value}")]
    OutOfRange {
        /// The parameter's name as the user knows it.
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// The allowed range, in words (`"between 0 and 1, exclusive"`).
        expected: &'static str,
    },
    /// The goal cannot be met by any finite number of agents (a service level of 100 %,
    /// an average speed of answer of 0 seconds).
    #[error("goal cannot be met by any number of agents: {reason}")]
    UnreachableGoal {
        /// Why, in words.
        reason: String,
    },
    /// The staffing search passed its safety limit of agents without meeting the goal.
    #[error("no staffing up to {limit} agents meets the goal (traffic {traffic:.3} Erlangs)")]
    SearchLimit {
        /// The largest number of agents tried.
        limit: u64,
        /// The offered traffic in Erlangs.
        traffic: f64,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = ErlangError> = std::result::Result<T, E>;

#[inline]
pub(crate) fn finite(parameter: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ErlangError::NotFinite { parameter, value })
    }
}

#[inline]
pub(crate) fn positive(parameter: &'static str, value: f64) -> Result<f64> {
    if finite(parameter, value)? > 0.0 {
        Ok(value)
    } else {
        Err(ErlangError::OutOfRange {
            parameter,
            value,
            expected: "greater than 0",
        })
    }
}

#[inline]
pub(crate) fn non_negative(parameter: &'static str, value: f64) -> Result<f64> {
    if finite(parameter, value)? >= 0.0 {
        Ok(value)
    } else {
        Err(ErlangError::OutOfRange {
            parameter,
            value,
            expected: "0 or greater",
        })
    }
}
