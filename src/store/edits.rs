//! The edit log of a schedule, as the store keeps it: every change (an edit batch or an
//! undo) gets the schedule's next version, with who made it, when, what it did and the
//! document as it was before (so the last edits can be undone exactly, byte for byte).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::DocumentId;

/// Whether a logged change was an edit batch or an undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// An edit batch.
    Edit,
    /// The undo of the edit of version `undoes`.
    Undo,
}

impl ChangeKind {
    /// `"edit"` or `"undo"`, as stored.
    ///
    /// ```
    /// assert_eq!(wfm::store::ChangeKind::Undo.as_str(), "undo");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Edit => "edit",
            Self::Undo => "undo",
        }
    }
}

/// One change of a schedule's edit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleChange {
    /// The schedule.
    pub schedule: DocumentId,
    /// The schedule's version after this change (1, 2, …; a schedule never edited is
    /// version 0).
    pub version: u64,
    /// Edit or undo.
    pub kind: ChangeKind,
    /// For an undo, the version of the edit it undid.
    pub undoes: Option<u64>,
    /// For an edit, whether it has been undone.
    pub undone: bool,
    /// Who made it.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it did, in a line (agents changed and skipped).
    pub description: String,
    /// The edits as written (JSON lines); empty for an undo.
    pub changes: String,
}

/// A change to store: the new document content and the version it was made on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewScheduleChange {
    /// The version the edits were made on; the store refuses them if the schedule is not
    /// at it any more.
    pub expected_version: u64,
    /// Who makes it.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What it does, in a line.
    pub description: String,
    /// The edits as JSON lines.
    pub changes: String,
    /// The document's new summary.
    pub summary: String,
    /// The document's new content.
    pub payload: Vec<u8>,
    /// The change records the edit writes to the outbox in the same transaction (one per
    /// agent whose shifts changed; empty for a draft, which no agent sees).
    pub records: Vec<super::NewChange>,
}

impl std::fmt::Display for ScheduleChange {
    /// `version 3 (edit by sam at 2026-03-02T09:00:00Z: 2 agents changed)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "version {} ({} by {} at {}: {})",
            self.version,
            self.kind.as_str(),
            self.actor,
            self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            self.description
        )
    }
}
