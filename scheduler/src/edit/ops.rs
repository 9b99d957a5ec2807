//! The edit kinds of a batch, as written one per line in a changes file (JSON lines,
//! tagged by `op`). Times are UTC instants (`2026-03-02T14:00:00Z`); a shift is named by
//! its agent and schedule day; an activity by its name and, where the shift holds several
//! of that name, its current start (`at`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One edit of a schedule (SPEC §6 "Edit"). Serialized with an `op` tag:
///
/// ```
/// use wfm_scheduler::edit::Edit;
/// let e: Edit = serde_json::from_str(
///     r#"{"op": "move_shift", "agent": "ana", "date": "2026-03-02", "start": "2026-03-02T13:00:00Z"}"#,
/// )?;
/// assert!(matches!(e, Edit::MoveShift { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Moves a shift to a new start, its length kept; its individual activities move
    /// with it (shared ones stay where the meeting is).
    MoveShift {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The new start.
        start: DateTime<Utc>,
    },
    /// Sets a shift's start, end or duration (the end from the start); activities that
    /// no longer fit are cut to the shift or removed.
    ResizeShift {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The new start (default: unchanged).
        #[serde(default)]
        start: Option<DateTime<Utc>>,
        /// The new end (default: unchanged, or from `duration_minutes`).
        #[serde(default)]
        end: Option<DateTime<Utc>>,
        /// The new length in minutes from the (new) start.
        #[serde(default)]
        duration_minutes: Option<i64>,
    },
    /// Adds a shift on a day the agent has none.
    AddShift {
        /// The agent.
        agent: String,
        /// The schedule day.
        date: NaiveDate,
        /// Start.
        start: DateTime<Utc>,
        /// End (or `duration_minutes`).
        #[serde(default)]
        end: Option<DateTime<Utc>>,
        /// Length in minutes (or `end`).
        #[serde(default)]
        duration_minutes: Option<i64>,
    },
    /// Deletes a shift with its activities.
    DeleteShift {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
    },
    /// Copies a whole shift (times and activities) to other agents on the same day,
    /// replacing their shift of that day; a shared activity in it is joined.
    CopyShift {
        /// The agent whose shift is copied.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The agents who get the copy.
        to: Vec<String>,
    },
    /// Sets (or, with an empty text, removes) the comment on a shift.
    Comment {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The comment.
        text: String,
    },
    /// Adds an activity to the shifts of one or more agents: one instance each
    /// (individual), or one shared instance all of them attend (`shared`).
    AddActivity {
        /// The agents (one or more).
        agents: Vec<String>,
        /// The shifts' schedule day.
        date: NaiveDate,
        /// The activity (a name of the configuration).
        activity: String,
        /// Start.
        start: DateTime<Utc>,
        /// End (or `duration_minutes`, or the activity's default duration).
        #[serde(default)]
        end: Option<DateTime<Utc>>,
        /// Length in minutes.
        #[serde(default)]
        duration_minutes: Option<i64>,
        /// One instance for all the agents: edits of it apply to all.
        #[serde(default)]
        shared: bool,
        /// The shared instance's id (default: `shared-N`, the next free number).
        #[serde(default)]
        instance: Option<String>,
    },
    /// Removes an activity from a shift (from a shared instance: this agent leaves it).
    RemoveActivity {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The activity's name.
        activity: String,
        /// Its current start, where the shift has several of that name.
        #[serde(default)]
        at: Option<DateTime<Utc>>,
    },
    /// Replaces an activity by another one at the same times.
    ReplaceActivity {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The activity's name.
        activity: String,
        /// Its current start, where the shift has several of that name.
        #[serde(default)]
        at: Option<DateTime<Utc>>,
        /// The activity it becomes.
        with: String,
    },
    /// Sets an activity's start, end or duration (a start alone moves it, its length
    /// kept). On a shared instance it applies to every attendee.
    SetActivity {
        /// The agent.
        agent: String,
        /// The shift's schedule day.
        date: NaiveDate,
        /// The activity's name.
        activity: String,
        /// Its current start, where the shift has several of that name.
        #[serde(default)]
        at: Option<DateTime<Utc>>,
        /// The new start.
        #[serde(default)]
        start: Option<DateTime<Utc>>,
        /// The new end.
        #[serde(default)]
        end: Option<DateTime<Utc>>,
        /// The new length in minutes from the (new) start.
        #[serde(default)]
        duration_minutes: Option<i64>,
    },
    /// Sets a shared instance's start, end or duration, for every attendee.
    SetShared {
        /// The instance id.
        instance: String,
        /// The new start.
        #[serde(default)]
        start: Option<DateTime<Utc>>,
        /// The new end.
        #[serde(default)]
        end: Option<DateTime<Utc>>,
        /// The new length in minutes from the (new) start.
        #[serde(default)]
        duration_minutes: Option<i64>,
    },
    /// Adds agents to a shared instance (into their shift of the meeting's day).
    AddAttendees {
        /// The instance id.
        instance: String,
        /// The agents.
        agents: Vec<String>,
    },
    /// Removes agents from a shared instance.
    RemoveAttendees {
        /// The instance id.
        instance: String,
        /// The agents.
        agents: Vec<String>,
    },
}

impl Edit {
    /// The edit's `op` name, as written in a changes file.
    ///
    /// ```
    /// use wfm_scheduler::edit::Edit;
    /// let e = Edit::DeleteShift { agent: "ana".into(), date: "2026-03-02".parse().unwrap() };
    /// assert_eq!(e.op(), "delete_shift");
    /// ```
    pub fn op(&self) -> &'static str {
        match self {
            Self::MoveShift { .. } => "move_shift",
            Self::ResizeShift { .. } => "resize_shift",
            Self::AddShift { .. } => "add_shift",
            Self::DeleteShift { .. } => "delete_shift",
            Self::CopyShift { .. } => "copy_shift",
            Self::Comment { .. } => "comment",
            Self::AddActivity { .. } => "add_activity",
            Self::RemoveActivity { .. } => "remove_activity",
            Self::ReplaceActivity { .. } => "replace_activity",
            Self::SetActivity { .. } => "set_activity",
            Self::SetShared { .. } => "set_shared",
            Self::AddAttendees { .. } => "add_attendees",
            Self::RemoveAttendees { .. } => "remove_attendees",
        }
    }
}

/// An edit with the line of the changes file it was read from (1-based; for edits
/// built in code, their position in the batch).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocatedEdit {
    /// The line.
    pub line: u64,
    /// The edit.
    pub edit: Edit,
}
