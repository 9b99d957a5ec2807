//! The one error type of `wfm-scheduler`.

use thiserror::Error;

/// Everything scheduling can fail with, in a planner's words.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SchedulerError {
    /// The model is malformed (a shift's coverage has the wrong length, a negative cost).
    #[error("invalid scheduling model: {0}")]
    InvalidModel(String),
    /// No combination of shifts can cover the requirement.
    #[error("no schedule covers the requirement: {0}")]
    Infeasible(String),
    /// The solver failed or found no solution within its limits.
    #[error("the solver stopped without a schedule: {0}")]
    Solver(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = SchedulerError> = std::result::Result<T, E>;
