//! The one error type of the `wfm` facade (workspace store, file formats, CLI).

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;
use wfm_core::text::printable;

/// One problem in a user's input: where it is and what is wrong, printed as
/// `FILE:LINE: COLUMN: reason`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    /// The file (or `<dataframe>` for a table passed in memory).
    pub file: String,
    /// The 1-based line: line 1 is the header, line 2 the first record. For an in-memory
    /// table, the row index + 2, so the numbering matches the table written as CSV.
    pub line: u64,
    /// The column's name (empty when the problem is the whole line or file).
    pub column: String,
    /// What is wrong, for a planner.
    pub reason: String,
}

/// The file, column and reason are shown with their control characters escaped
/// ([`wfm_core::text::printable`]): they quote user text (a header cell holding a
/// terminal escape code is shown as `\x1b[…`, not run by the terminal).
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, column, reason) = (
            printable(&self.file),
            printable(&self.column),
            printable(&self.reason),
        );
        if column.is_empty() {
            write!(f, "{file}:{}: {reason}", self.line)
        } else {
            write!(f, "{file}:{}: {column}: {reason}", self.line)
        }
    }
}

/// Everything the facade can fail with.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum WfmError {
    /// The input has errors; they are listed (the first ones of a file with very many)
    /// and nothing was applied.
    #[error("{} error(s) in the input, nothing was applied:\n{}", .errors.len() as u64 + *.not_shown, list(.errors, *.not_shown))]
    InvalidInput {
        /// The problems kept, in file order (every one found, unless there are more than
        /// a parser keeps).
        errors: Vec<InputError>,
        /// Problems found beyond `errors`, counted but not kept.
        not_shown: u64,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// An output of the command is one of its inputs or the open workspace (the same file,
    /// compared by device and inode after following symbolic links, so a second name or a
    /// hard link is caught too): nothing was computed or written.
    #[error(
        "{}: this is {} (the same file), which the command reads: choose another output; \
         nothing was written",
        .output.display(),
        .input.display()
    )]
    OutputIsInput {
        /// The output as given.
        output: PathBuf,
        /// The input (or the workspace, or its `-wal`/`-shm` companion) it is.
        input: PathBuf,
    },
    /// The queueing math refused a request.
    #[error(transparent)]
    Erlang(#[from] wfm_erlang::ErlangError),
    /// The workspace refused a request (a rule of its state: an unknown or duplicate
    /// name, a queue already in a group, a missing workspace, …).
    #[error("{0}")]
    Rejected(String),
    /// The workspace database failed (or is damaged).
    #[error("workspace database: {0}")]
    Store(String),
    /// The planning domain refused a request.
    #[error(transparent)]
    Core(wfm_core::CoreError),
    /// The scheduler refused a configuration or a request (it names the item and field).
    #[error(transparent)]
    Scheduler(#[from] wfm_scheduler::SchedulerError),
    /// The forecast does not cover every day a schedule is asked for (see
    /// [`crate::scheduling::check_forecast_covers`]).
    #[error("{}", crate::scheduling::describe_uncovered(.forecast, *.channel, (*.start, *.end), *.span, .uncovered))]
    ForecastDoesNotCover {
        /// The forecast (a file, or the published forecast of a group with its document).
        forecast: String,
        /// The channel scheduled.
        channel: wfm_core::Channel,
        /// The first day asked for (UTC).
        start: chrono::NaiveDate,
        /// The last day asked for (UTC, inclusive).
        end: chrono::NaiveDate,
        /// The forecast's span for the channel (first interval's start, last one's end);
        /// `None` without a row of the channel.
        span: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
        /// The days asked for outside the span, in date order.
        uncovered: Vec<chrono::NaiveDate>,
    },
    /// A rule "only one …" of the workspace refused a document: one of that kind, scope
    /// and name exists (a plan name is taken; the store's constraint holds also when
    /// another run stored it a moment earlier).
    #[error(
        "{kind} {name:?} of {scope:?} exists already (perhaps stored by another run a moment \
         ago): choose another name, or change the existing one"
    )]
    Conflict {
        /// The document kind (`plan`, `scenario`, `forecast`, …).
        kind: &'static str,
        /// Its group.
        scope: String,
        /// Its name.
        name: String,
    },
    /// Another run published or deleted a document of this kind and scope while this
    /// one decided what its publication replaces: nothing was changed.
    #[error(
        "another run published or deleted a {kind} of {scope:?} while this one decided what \
         to replace: nothing was changed; run the command again"
    )]
    Changed {
        /// The document kind.
        kind: &'static str,
        /// Its group.
        scope: String,
    },
    /// A value read back from the workspace cannot be in a healthy workspace (a negative
    /// count or handle time, a chunk that does not decode, a page SQLite finds damaged).
    #[error(
        "the workspace is damaged: table {table}: {detail}; run `wfm workspace check`, then \
         restore a backup of the workspace (or remove and re-import the history source)"
    )]
    Damaged {
        /// The table holding the value.
        table: &'static str,
        /// What is wrong and where (row, source, queue).
        detail: String,
    },
    /// The file is not a wfm workspace (another application's database, or no database):
    /// wfm does not write to it.
    #[error("{} is not a wfm workspace ({reason}): wfm leaves it untouched", .path.display())]
    NotAWorkspace {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// The workspace's schema is not the one this wfm reads and writes.
    #[error("{}", schema_message(.path, *.found, *.known))]
    SchemaVersion {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The version this wfm writes.
        known: i64,
    },
}

fn schema_message(path: &std::path::Path, found: i64, known: i64) -> String {
    if found > known {
        format!(
            "{}: the workspace has schema version {found}, this wfm knows up to {known}: \
             upgrade wfm",
            path.display()
        )
    } else {
        format!(
            "{}: the workspace has schema version {found}, this wfm uses {known}: upgrade it \
             (`wfm workspace upgrade` or any wfm command that changes it; \
             `wfm.Workspace.upgrade(path)` in Python); older wfm versions cannot open it \
             afterwards",
            path.display()
        )
    }
}

impl From<wfm_core::CoreError> for WfmError {
    /// Input issues become [`WfmError::InvalidInput`] (one [`InputError`] each, plus a
    /// last line counting those not kept); other domain errors stay [`WfmError::Core`].
    fn from(e: wfm_core::CoreError) -> Self {
        match e {
            wfm_core::CoreError::InvalidInput { issues, total } => {
                let shown = issues.len() as u64;
                let errors: Vec<InputError> = issues
                    .into_iter()
                    .map(|i| InputError {
                        file: i.file,
                        line: i.line,
                        column: i.column,
                        reason: i.reason,
                    })
                    .collect();
                Self::InvalidInput {
                    errors,
                    not_shown: total.saturating_sub(shown),
                }
            }
            other => Self::Core(other),
        }
    }
}

fn list(errors: &[InputError], not_shown: u64) -> String {
    let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    if not_shown > 0 {
        lines.push(format!("… and {not_shown} more error(s) not shown"));
    }
    lines.join("\n")
}

impl WfmError {
    /// [`WfmError::InvalidInput`] with every problem found kept.
    pub fn invalid_input(errors: Vec<InputError>) -> Self {
        Self::InvalidInput {
            errors,
            not_shown: 0,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// Shorthand for results of the facade.
pub type Result<T, E = WfmError> = std::result::Result<T, E>;
