//! The work log of an edit batch: what was applied, skipped, overridden or adjusted, and
//! the long-running operations (re-optimising breaks) with their status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::validate::Violation;

/// The status of a long-running operation (SPEC §6 work log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    /// Started, not finished.
    InProgress,
    /// Finished.
    Completed,
    /// Stopped with an error; nothing of it was applied.
    Failed,
}

/// One entry of the work log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LogEntry {
    /// An agent's edits were not applied: they would break these rules (the validator's
    /// violations the edits add, with their numbers).
    Skipped {
        /// The agent.
        agent: String,
        /// The lines of the batch that touched the agent.
        lines: Vec<u64>,
        /// The violations the edits would add.
        violations: Vec<Violation>,
    },
    /// An agent's edits were applied although they break these rules ("override rules").
    Overridden {
        /// The agent.
        agent: String,
        /// The lines of the batch that touched the agent.
        lines: Vec<u64>,
        /// The violations the edits add.
        violations: Vec<Violation>,
    },
    /// A break or meal overlapped by an edit was shortened (or removed, `to_minutes` 0),
    /// or an activity was cut to its shift's new bounds.
    Shortened {
        /// The agent.
        agent: String,
        /// The shift's day.
        date: NaiveDate,
        /// The activity.
        activity: String,
        /// Its length before, minutes.
        from_minutes: i64,
        /// Its length after, minutes (0: removed).
        to_minutes: i64,
    },
    /// An agent left a shared instance because their copy of it no longer matches (their
    /// edits were skipped, or their shift changed under it).
    Detached {
        /// The instance id.
        instance: String,
        /// The agent.
        agent: String,
    },
    /// A long-running operation and its outcome.
    Work {
        /// What it is, e.g. `re-optimise breaks`.
        operation: String,
        /// Its status.
        status: WorkStatus,
        /// What it did or why it failed.
        detail: String,
    },
    /// Something the planner should know (e.g. breaks placed out of their window order).
    Warning {
        /// The warning.
        message: String,
    },
}

impl std::fmt::Display for LogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines = |l: &[u64]| {
            l.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rules = |v: &[Violation]| {
            v.iter()
                .map(|v| format!("{:?}: {}", v.rule, v.message))
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self {
            Self::Skipped {
                agent,
                lines: l,
                violations,
            } => write!(
                f,
                "skipped {agent} (lines {}): {}",
                lines(l),
                rules(violations)
            ),
            Self::Overridden {
                agent,
                lines: l,
                violations,
            } => write!(
                f,
                "rules overridden for {agent} (lines {}): {}",
                lines(l),
                rules(violations)
            ),
            Self::Shortened {
                agent,
                date,
                activity,
                from_minutes,
                to_minutes: 0,
            } => write!(
                f,
                "{agent} {date}: '{activity}' ({from_minutes} min) removed: an edit covers it"
            ),
            Self::Shortened {
                agent,
                date,
                activity,
                from_minutes,
                to_minutes,
            } => write!(
                f,
                "{agent} {date}: '{activity}' shortened from {from_minutes} to {to_minutes} min"
            ),
            Self::Detached { instance, agent } => {
                write!(f, "{agent} no longer attends the shared '{instance}'")
            }
            Self::Work {
                operation,
                status,
                detail,
            } => write!(f, "{operation}: {status:?}: {detail}"),
            Self::Warning { message } => write!(f, "warning: {message}"),
        }
    }
}
