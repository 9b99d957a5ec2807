//! The schedule edit log's rows as every backend reads them, and the version check of an
//! edit or undo (the error names what changed since the version the caller saw).

use super::rows::parse_time;
use super::{ChangeKind, DocumentId, ScheduleChange};
use crate::error::{Result, WfmError};

/// A `schedule_edit` row as read (the content before is not part of it).
pub(crate) struct EditRow {
    pub schedule: i64,
    pub version: i64,
    pub kind: String,
    pub undoes: Option<i64>,
    pub undone: bool,
    pub actor: String,
    pub at: String,
    pub description: String,
    pub changes: String,
}

impl EditRow {
    /// The change, its values checked.
    ///
    /// # Errors
    /// [`WfmError::Damaged`] for a negative version, an unknown kind or a bad time.
    pub(crate) fn change(self) -> Result<ScheduleChange> {
        let damaged = |what: String| WfmError::Damaged {
            table: "schedule_edit",
            detail: what,
        };
        let v = self.version;
        Ok(ScheduleChange {
            schedule: DocumentId(self.schedule),
            version: u64::try_from(v).map_err(|_| damaged(format!("version {v}")))?,
            kind: match self.kind.as_str() {
                "edit" => ChangeKind::Edit,
                "undo" => ChangeKind::Undo,
                other => return Err(damaged(format!("kind {other:?}"))),
            },
            undoes: self.undoes.and_then(|u| u64::try_from(u).ok()),
            undone: self.undone,
            actor: self.actor,
            at: parse_time(&self.at)?,
            description: self.description,
            changes: self.changes,
        })
    }
}

/// Refuses a change of schedule `id` made on another version than the `current` one,
/// naming what changed since (`changes_after(expected)`: the log after a version).
///
/// # Errors
/// [`WfmError::StaleVersion`]; what `changes_after` returns.
pub(crate) fn check_version(
    id: DocumentId,
    expected: u64,
    current: u64,
    changes_after: impl FnOnce(u64) -> Result<Vec<ScheduleChange>>,
) -> Result<u64> {
    if current == expected {
        return Ok(current);
    }
    let since = if expected < current {
        changes_after(expected)?
            .iter()
            .map(ToString::to_string)
            .collect()
    } else {
        vec![format!("version {expected} does not exist yet")]
    };
    Err(WfmError::StaleVersion {
        schedule: id,
        expected,
        current,
        since,
    })
}
