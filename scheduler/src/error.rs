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
    /// The scenario file is not valid TOML or a key has the wrong type.
    #[error("{file}:{line}:{column}: {reason}")]
    ScenarioSyntax {
        /// The scenario file's name.
        file: String,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// What is wrong, from the TOML parser.
        reason: String,
    },
    /// The scenario file's `version` is not one this release reads.
    #[error(
        "{file}: scenario version {found} is not supported (this release reads version {supported})"
    )]
    UnsupportedVersion {
        /// The scenario file's name.
        file: String,
        /// The version found in the file.
        found: u32,
        /// The version this release reads.
        supported: u32,
    },
    /// Two items of one kind share a name.
    #[error("{file}: {kind} '{name}' is defined twice")]
    DuplicateName {
        /// The scenario file's name.
        file: String,
        /// The kind of item: activity, shift profile, staffing group, staff rule, agent…
        kind: String,
        /// The repeated name.
        name: String,
    },
    /// An item refers to a profile, activity, agent or forecast group that does not exist.
    #[error("{file}: {item}, field '{field}': unknown {kind} '{name}'")]
    UnknownReference {
        /// The scenario file's name.
        file: String,
        /// The item holding the reference, e.g. `staffing group 'Day team'`.
        item: String,
        /// The field holding the reference.
        field: String,
        /// The kind of thing referred to.
        kind: &'static str,
        /// The name that was not found.
        name: String,
    },
    /// A minimum is above its maximum (hours, shift length, window, consecutive days).
    #[error("{file}: {item}: {min_field} {min} is above {max_field} {max}")]
    MinAboveMax {
        /// The scenario file's name.
        file: String,
        /// The item, e.g. `staff rule 'ana'`.
        item: String,
        /// The minimum's field.
        min_field: String,
        /// The minimum's value, in the field's unit.
        min: f64,
        /// The maximum's field.
        max_field: String,
        /// The maximum's value, in the field's unit.
        max: f64,
    },
    /// An activity's placement window (plus its duration) does not fit in the longest
    /// shift its activity group applies to.
    #[error(
        "{file}: shift profile '{profile}', activity group '{group}', activity '{activity}': its window reaches {window_end_minutes} min into the shift, beyond the longest shift of {max_shift_minutes} min"
    )]
    ActivityWindowTooLong {
        /// The scenario file's name.
        file: String,
        /// The shift profile.
        profile: String,
        /// The activity group.
        group: String,
        /// The activity.
        activity: String,
        /// How far into the shift the window reaches (latest end from the start, or earliest start before the end), in minutes.
        window_end_minutes: i64,
        /// The longest shift the activity group applies to, in minutes.
        max_shift_minutes: u32,
    },
    /// An agent is in two staffing groups linked to the same forecast group.
    #[error(
        "{file}: agent '{agent}' is in staffing groups '{first_group}' and '{second_group}', both linked to forecast group '{forecast_group}'"
    )]
    AgentInTwoGroups {
        /// The scenario file's name.
        file: String,
        /// The agent.
        agent: String,
        /// The shared forecast group.
        forecast_group: String,
        /// The first staffing group holding the agent.
        first_group: String,
        /// The second staffing group holding the agent.
        second_group: String,
    },
    /// A staff rule names a time zone that is not an IANA name.
    #[error(
        "{file}: staff rule '{agent}', field 'time_zone': unknown time zone '{zone}' (use an IANA name such as America/New_York)"
    )]
    UnknownTimeZone {
        /// The scenario file's name.
        file: String,
        /// The agent of the staff rule.
        agent: String,
        /// The name that was not recognised.
        zone: String,
    },
    /// More items than the limits allow (activities per profile, agents per group, …).
    #[error("{file}: {item}, field '{field}': {count} is above the limit of {limit}")]
    LimitExceeded {
        /// The scenario file's name.
        file: String,
        /// The item.
        item: String,
        /// The field counted.
        field: String,
        /// How many there are.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A value is outside its allowed range, or off the 15-minute grid.
    #[error("{file}: {item}, field '{field}': {value} {reason}")]
    InvalidValue {
        /// The scenario file's name.
        file: String,
        /// The item.
        item: String,
        /// The field.
        field: &'static str,
        /// The offending value as written.
        value: String,
        /// What is required, e.g. `must be a multiple of 15 minutes`.
        reason: String,
    },
    /// Two rules of one item contradict each other (e.g. overlapping activity groups).
    #[error("{file}: {item}: {reason}")]
    Conflict {
        /// The scenario file's name.
        file: String,
        /// The item.
        item: String,
        /// The contradiction.
        reason: String,
    },
    /// A solver option is out of its range (a time limit of 0, `NaN` or `inf`; a gap of 1
    /// or below 0).
    #[error("{option} {value} is not allowed: use {expected}")]
    InvalidOption {
        /// The option (`time_limit`, `gap`).
        option: &'static str,
        /// The value given.
        value: f64,
        /// What is allowed.
        expected: &'static str,
    },
    /// A batch of schedule edits names an unknown agent, shift or activity, a time outside
    /// the schedule, a negative duration, or a line is malformed: every problem found by
    /// line and field; nothing was applied.
    #[error("{}", issues_text(.issues))]
    InvalidEdits {
        /// The problems, by line of the changes file.
        issues: Vec<wfm_core::history::InputIssue>,
    },
    /// The scenario could not be written back as TOML.
    #[error("cannot export the scenario: {0}")]
    Export(String),
}

fn issues_text(issues: &[wfm_core::history::InputIssue]) -> String {
    let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
    format!(
        "{} error(s) in the edits, nothing was applied:\n{}",
        issues.len(),
        lines.join("\n")
    )
}

/// Shorthand for results of this crate.
pub type Result<T, E = SchedulerError> = std::result::Result<T, E>;
