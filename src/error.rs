//! The one error type of the `wfm` facade (workspace store, file formats, CLI).

use std::path::PathBuf;

use crate::store::DocumentKind;
use thiserror::Error;

mod item;

pub use item::{Item, ItemKind, Refused};

/// One problem in a user's input: where it is and what is wrong, printed as
/// `FILE:LINE: COLUMN: reason` — the domain's [`wfm_core::history::InputIssue`] itself
/// (one type from the parsers to the command line and Python).
///
/// ```
/// let e = wfm::InputError::new("<dataframe>", 3, "volume", "missing value");
/// assert_eq!(e.to_string(), "<dataframe>:3: volume: missing value");
/// ```
pub type InputError = wfm_core::history::InputIssue;

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
    /// A named thing is not in the workspace (or not in the request's input): a queue,
    /// forecast group, document, plan, schedule, … .
    #[error("no {item}{}", if .item.scope.is_none() && .item.kind != ItemKind::Workspace { " in the workspace" } else { "" })]
    NotFound {
        /// What was looked for.
        item: Item,
    },
    /// A rule "only one …" of the workspace refused a name: one of that kind (and scope)
    /// exists (the store's constraint holds also when another run stored it a moment
    /// earlier).
    #[error("{}", conflict_message(.item))]
    Conflict {
        /// What exists already.
        item: Item,
    },
    /// The thing cannot be deleted or moved: another one uses it (a published plan uses
    /// a forecast; a forecast group has a forecast; a queue is in a forecast group).
    #[error("{}", in_use_message(.item, .used_by))]
    InUse {
        /// What was to be deleted or moved.
        item: Box<Item>,
        /// What uses it.
        used_by: Box<Item>,
    },
    /// A published document is immutable: it cannot be published again, changed or
    /// deleted (agents, plans and schedules rely on it).
    #[error("{}", published_message(.item, *.refused))]
    AlreadyPublished {
        /// The published document.
        item: Item,
        /// What was refused.
        refused: Refused,
    },
    /// A number given is outside what the request allows (weeks of a horizon, …).
    #[error("{what} {value}: {allowed}")]
    OutOfRange {
        /// The argument (`weeks`, `quantile`, …).
        what: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: String,
    },
    /// An argument does not have the form it needs (a time zone, a date, a kind, …).
    #[error("{argument} {value:?}: {expected}")]
    InvalidArgument {
        /// The argument (`time zone`, `start`, `kind`, …).
        argument: &'static str,
        /// The value given.
        value: String,
        /// What is wrong, and what is expected.
        expected: String,
    },
    /// The actor may not do this (SPEC §10): the permission missing and the target —
    /// for a target outside the actor's scope, nothing of it (`crate::access`).
    #[error("permission denied: {actor} lacks {permission} on {target}")]
    Forbidden {
        /// Who asked.
        actor: String,
        /// The permission needed (`a or b` when either would do).
        permission: String,
        /// What it was asked on, or `a target not found or not permitted`.
        target: String,
    },
    /// The request needs something the workspace or its inputs do not have yet, or do
    /// not have in the needed shape (a published forecast of intervals, a request
    /// covering the week, a staffing group linked to the forecast group, …).
    #[error("{what}")]
    Precondition {
        /// What is missing or wrong, and what would make the request possible.
        what: String,
    },
    /// An output could not be encoded (a table as CSV, Parquet or xlsx; a document as
    /// JSON).
    #[error("{what}: {detail}")]
    Encode {
        /// What was being written.
        what: &'static str,
        /// The encoder's error.
        detail: String,
    },
    /// The workspace database (SQLite) failed.
    #[error("workspace database: {0}")]
    Store(String),
    /// The planning domain refused a request.
    #[error(transparent)]
    Core(wfm_core::CoreError),
    /// The scheduler refused a configuration or a request (it names the item and field).
    #[error(transparent)]
    Scheduler(#[from] wfm_scheduler::SchedulerError),
    /// A time-off, overtime or VTO operation was refused (an unknown agent or activity,
    /// a type the agent may not request, an end before its start, a status that does not
    /// allow it, …): nothing was changed.
    #[error(transparent)]
    TimeOff(#[from] wfm_scheduler::timeoff::TimeOffError),
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
    /// Another run published or deleted a document of this kind and scope while this
    /// one decided what its publication replaces: nothing was changed.
    #[error(
        "another run published or deleted a {} of {scope:?} while this one decided what \
         to replace: nothing was changed; run the command again",
        .kind.as_str()
    )]
    Changed {
        /// The document kind.
        kind: DocumentKind,
        /// Its group.
        scope: String,
    },
    /// An edit was made on a version of a schedule that is not its current one (another
    /// edit or undo came first): nothing was applied.
    #[error(
        "schedule {schedule} is at version {current}, not version {expected} the edits \
         were made on; changed since: {}; nothing was applied: look at the schedule again \
         and edit version {current}",
        .since.join("; ")
    )]
    StaleVersion {
        /// The schedule.
        schedule: crate::store::DocumentId,
        /// The version the edits were made on.
        expected: u64,
        /// Its current version.
        current: u64,
        /// The changes since, one line each (version, who, when, what).
        since: Vec<String>,
    },
    /// A value read back from the workspace cannot be in a healthy workspace (a negative
    /// count or handle time, a chunk that does not decode, a page SQLite finds damaged).
    #[error(
        "the workspace is damaged: table {table}: {detail}; check the whole workspace, then \
         restore a backup of it (or remove and re-import the history source)"
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
    /// A shared (PostgreSQL) workspace kept refusing a transaction because concurrent
    /// ones conflicted with it (SQLSTATE 40001 serialization failure, 40P01 deadlock),
    /// also after the bounded retries: nothing was changed.
    #[error(
        "the workspace is busy: {attempts} attempt(s) conflicted with concurrent changes \
         (SQLSTATE {sqlstate}); nothing was changed: run it again"
    )]
    Contention {
        /// How many times the transaction was tried.
        attempts: u32,
        /// The last SQLSTATE (`40001` or `40P01`).
        sqlstate: String,
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
             (older wfm versions cannot open it afterwards)",
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
                Self::InvalidInput {
                    errors: issues,
                    not_shown: total.saturating_sub(shown),
                }
            }
            other => Self::Core(other),
        }
    }
}

fn conflict_message(item: &Item) -> String {
    if item.kind == ItemKind::Workspace {
        format!(
            "{} exists already: a workspace is created once (its interval cannot change)",
            item.name
        )
    } else {
        format!("{item} exists already: choose another name, or change the existing one")
    }
}

fn in_use_message(item: &Item, used_by: &Item) -> String {
    match (item.kind, used_by.kind) {
        (ItemKind::Queue, ItemKind::ForecastGroup) => {
            format!("{item} is already in {used_by}: a queue belongs to at most one group")
        }
        _ => format!("{item} is used by the {used_by} and cannot be deleted"),
    }
}

fn published_message(item: &Item, refused: Refused) -> String {
    match refused {
        Refused::Publish => format!("{item} is published already"),
        Refused::Change => format!("{item} is published and cannot change"),
        Refused::Delete => format!("{item} is published and cannot be deleted"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DocumentId, DocumentStatus};

    fn plan() -> Item {
        Item::document(DocumentKind::Plan, "Q3")
            .of("Sales")
            .with_id(DocumentId(4))
    }

    #[test]
    fn not_found_says_in_the_workspace_unless_it_names_a_scope() {
        let e = |item| WfmError::NotFound { item }.to_string();
        assert_eq!(
            e(Item::new(ItemKind::Queue, "1002")),
            "no queue 1002 in the workspace"
        );
        assert_eq!(
            e(Item::document(DocumentKind::Forecast, "long")
                .of("Sales")
                .with_status(DocumentStatus::Published)),
            "no published long-term forecast of \"Sales\""
        );
        assert_eq!(
            e(Item::new(ItemKind::Workspace, "w.wfm")),
            "no workspace at w.wfm"
        );
        assert_eq!(
            e(Item::document(DocumentKind::ScheduleScenario, "")),
            "no scheduling configuration in the workspace"
        );
    }

    #[test]
    fn conflict_in_use_and_published_name_the_documents() {
        let conflict = WfmError::Conflict {
            item: Item::new(ItemKind::Workspace, "w.wfm"),
        };
        assert!(conflict.to_string().starts_with("w.wfm exists already"));
        let queue = WfmError::InUse {
            item: Box::new(Item::new(ItemKind::Queue, "1002")),
            used_by: Box::new(Item::new(ItemKind::ForecastGroup, "Sales")),
        };
        assert_eq!(
            queue.to_string(),
            "queue 1002 is already in forecast group \"Sales\": a queue belongs to at most one \
             group"
        );
        let forecast = WfmError::InUse {
            item: Box::new(
                Item::document(DocumentKind::Forecast, "long")
                    .of("Sales")
                    .with_id(DocumentId(2)),
            ),
            used_by: Box::new(plan().with_status(DocumentStatus::Published)),
        };
        assert_eq!(
            forecast.to_string(),
            "forecast 2 \"long\" of \"Sales\" is used by the published plan 4 \"Q3\" of \
             \"Sales\" and cannot be deleted"
        );
        let published = |refused| WfmError::AlreadyPublished {
            item: plan(),
            refused,
        };
        assert_eq!(
            published(Refused::Publish).to_string(),
            "plan 4 \"Q3\" of \"Sales\" is published already"
        );
        assert!(
            published(Refused::Change)
                .to_string()
                .ends_with("cannot change")
        );
        assert!(
            published(Refused::Delete)
                .to_string()
                .ends_with("cannot be deleted")
        );
    }

    #[test]
    fn arguments_quote_the_value_given() {
        let e = WfmError::InvalidArgument {
            argument: "time zone",
            value: "Mars\u{1b}".into(),
            expected: "not an IANA time zone".into(),
        };
        assert_eq!(
            e.to_string(),
            "time zone \"Mars\\u{1b}\": not an IANA time zone"
        );
        let e = WfmError::OutOfRange {
            what: "weeks",
            value: "0".into(),
            allowed: "a short-term forecast covers 1 to 18 weeks".into(),
        };
        assert_eq!(
            e.to_string(),
            "weeks 0: a short-term forecast covers 1 to 18 weeks"
        );
    }
}
