//! The planning workspace store: one file (SQLite today) holding the interval, the time
//! zone, queues, forecast groups and the loaded history sources with their records.
//!
//! [`WorkspaceStore`] is the backend contract and speaks domain types only
//! (`IntervalLength`, `QueueId`, `HistoryRecord`, `SourceId`, …), so a second backend
//! (PostgreSQL, for a team sharing one workspace) can be added beside [`sqlite`] without
//! touching the domain crates. Every mutating call is one transaction: it is applied
//! whole or not at all, also when the process is killed in the middle.
//!
//! [`Workspace`] is what the CLI and Python use: a store opened on a path.

mod access;
mod actor;
mod checks;
mod chunks;
mod codec;
mod document_rules;
mod documents;
mod edit_log;
mod edits;
mod group_rules;
mod location;
mod outbox;
pub mod postgres;
mod rows;
mod shared_sql;
pub mod sqlite;
mod workspace;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use wfm_core::IntervalLength;
use wfm_core::history::{HistoryLayers, HistoryRecord, InputIssue, QueueId, QueueTable, SourceId};

use crate::error::Result;

pub use access::AccessStore;
pub use actor::Actor;
pub use documents::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument};
pub use edits::{ChangeKind, NewScheduleChange, ScheduleChange};
pub use location::Location;
pub use outbox::{ChangeCause, ChangePage, ChangeRecord, NewChange};
pub use workspace::Workspace;

/// What is set once, when a workspace is created.
///
/// ```
/// use wfm::core::IntervalLength;
/// let s = wfm::store::WorkspaceSettings::new(IntervalLength::Thirty, chrono_tz::UTC);
/// assert_eq!(s.interval.minutes(), 30);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceSettings {
    /// 15 or 30 minutes; immutable.
    pub interval: IntervalLength,
    /// The IANA time zone schedules are shown in (history stays UTC).
    pub time_zone: Tz,
    /// When the workspace was created.
    pub created_at: DateTime<Utc>,
}

impl WorkspaceSettings {
    /// Settings created now.
    ///
    /// ```
    /// use wfm::core::IntervalLength;
    /// let s = wfm::store::WorkspaceSettings::new(IntervalLength::Fifteen, chrono_tz::Europe::Berlin);
    /// assert_eq!(s.time_zone.name(), "Europe/Berlin");
    /// ```
    pub fn new(interval: IntervalLength, time_zone: Tz) -> Self {
        Self {
            interval,
            time_zone,
            created_at: Utc::now(),
        }
    }
}

/// A queue known to the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueInfo {
    /// The queue's id.
    pub id: QueueId,
    /// Its name from the first history file that held it (the id until then).
    pub name: String,
    /// Whether the queue is active (a deactivated queue may stay in its group).
    pub active: bool,
    /// Channels its history holds (`VOICE`, `CHAT`).
    pub channels: Vec<String>,
    /// The forecast group it belongs to, if any.
    pub group: Option<String>,
    /// Its own IANA time zone (its intraday pattern is fixed in it); `None`: the
    /// workspace's.
    pub time_zone: Option<Tz>,
}

/// A forecast group and its queues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastGroup {
    /// The unique name.
    pub name: String,
    /// Its queues, by id.
    pub queues: Vec<QueueId>,
}

/// A change to a forecast group.
///
/// ```
/// let e = wfm::store::GroupEdit { rename: Some("Sales EU".into()), ..Default::default() };
/// assert!(e.add.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupEdit {
    /// Queues to add (each in no other group).
    pub add: Vec<QueueId>,
    /// Queues to remove.
    pub remove: Vec<QueueId>,
    /// A new, unused name.
    pub rename: Option<String>,
}

/// How a history source was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SourceKind {
    /// A history CSV.
    History,
    /// Raw contact records aggregated by arrival interval.
    Raw,
}

impl SourceKind {
    /// The stored name: `history` or `raw`.
    ///
    /// ```
    /// assert_eq!(wfm::store::SourceKind::Raw.as_str(), "raw");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::History => "history",
            Self::Raw => "raw",
        }
    }
}

/// A loaded history source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// The id (in load order; never reused).
    pub id: SourceId,
    /// The file it came from.
    pub file: String,
    /// CSV history or raw contacts.
    pub kind: SourceKind,
    /// When it was loaded.
    pub loaded_at: DateTime<Utc>,
    /// Records stored.
    pub rows: u64,
    /// The earliest record start.
    pub first_start: Option<DateTime<Utc>>,
    /// The latest record start.
    pub last_start: Option<DateTime<Utc>>,
    /// Sum of incoming contact volume.
    pub volume: u64,
}

/// What a completed import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// The new source.
    pub source: SourceInfo,
    /// Queues the workspace met for the first time, `(id, name)`.
    pub new_queues: Vec<(QueueId, String)>,
    /// Rows imported whose volume is implausible (warnings with file and line, the first
    /// ones: see `wfm_core::history::implausible_volume`); forecasts leave them out.
    pub implausible: Vec<InputIssue>,
    /// How many rows are implausible in all.
    pub implausible_rows: u64,
}

/// Receives the records of one import, inside the store's open transaction.
pub trait RecordSink {
    /// Stores `records`, whose queue indexes point into `queues` (a table that may grow
    /// between calls).
    ///
    /// # Errors
    /// A storage failure; the import is then rolled back.
    fn add(&mut self, records: &[HistoryRecord], queues: &QueueTable) -> Result<()>;
}

/// The stored history of a workspace: every queue and the loaded sources as layers.
#[derive(Debug, Clone, Default)]
pub struct LoadedHistory {
    /// Every queue of the workspace; record queue indexes point here.
    pub queues: QueueTable,
    /// The sources in load order.
    pub layers: HistoryLayers,
}

/// What [`WorkspaceStore::publish_replacing`] or [`WorkspaceStore::put_superseding`]
/// did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The published (or stored) document.
    pub info: DocumentInfo,
    /// The replaced documents deleted.
    pub deleted: Vec<DocumentId>,
    /// Those kept because a published document uses them, with the reason.
    pub kept: Vec<(DocumentId, String)>,
}

/// A problem `wfm workspace check` found: the table and what is wrong there.
///
/// ```
/// let p = wfm::store::StoreProblem { table: "history_chunk".into(), detail: "chunk 3: …".into() };
/// assert_eq!(p.to_string(), "table history_chunk: chunk 3: …");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoreProblem {
    /// The table (or `(the file)` when SQLite cannot say).
    pub table: String,
    /// What is wrong, and where in the table.
    pub detail: String,
}

impl std::fmt::Display for StoreProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "table {}: {}", self.table, self.detail)
    }
}

/// The change records of an undo, from the version it makes, the schedule's content
/// now and the content the undo puts back (stored payloads): see
/// [`WorkspaceStore::undo_schedule_edit`].
pub type UndoRecords<'a> = dyn Fn(u64, &[u8], &[u8]) -> Result<Vec<NewChange>> + 'a;

/// The backend contract of a workspace store. Every mutating method is one transaction.
///
/// Implementations: [`sqlite::SqliteStore`], [`postgres::PostgresStore`].
pub trait WorkspaceStore: Send + crate::adherence::store::AdherenceStore + AccessStore {
    /// The interval, time zone and creation time.
    ///
    /// # Errors
    /// A storage failure.
    fn settings(&self) -> Result<WorkspaceSettings>;
    /// Every queue, by id.
    ///
    /// # Errors
    /// A storage failure.
    fn queues(&self) -> Result<Vec<QueueInfo>>;
    /// Activates or deactivates a queue.
    ///
    /// # Errors
    /// `NotFound` if the queue is unknown.
    fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()>;
    /// Sets a queue's own time zone (`None`: the workspace's again).
    ///
    /// # Errors
    /// `NotFound` if the queue is unknown.
    fn set_queue_time_zone(&mut self, id: &QueueId, zone: Option<Tz>) -> Result<()>;
    /// Every forecast group, by name.
    ///
    /// # Errors
    /// A storage failure.
    fn groups(&self) -> Result<Vec<ForecastGroup>>;
    /// Creates a group; queues not known yet are registered. Returns those.
    ///
    /// # Errors
    /// `Conflict` if the name is taken, `InUse` if a queue is in another group.
    fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>>;
    /// Adds/removes queues and renames a group. Returns queues registered on the way.
    ///
    /// # Errors
    /// `NotFound` if the group is unknown, `Conflict` if the new name is taken, `InUse` if a
    /// queue is in another group.
    fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>>;
    /// Deletes a group (its queues become unassigned), checking in the same transaction
    /// that no forecast of it exists.
    ///
    /// # Errors
    /// `NotFound` if the group is unknown, `InUse` if it has a forecast (named).
    fn delete_group(&mut self, name: &str) -> Result<()>;
    /// The loaded history sources, in load order.
    ///
    /// # Errors
    /// A storage failure.
    fn sources(&self) -> Result<Vec<SourceInfo>>;
    /// Loads one source in one transaction: `fill` streams records into the sink; if it
    /// returns `Err`, nothing is stored.
    ///
    /// # Errors
    /// `fill`'s error, or a storage failure.
    fn import_source(
        &mut self,
        file: &str,
        kind: SourceKind,
        fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
    ) -> Result<ImportOutcome>;
    /// Removes a source and its records.
    ///
    /// # Errors
    /// `NotFound` if no such source is loaded.
    fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo>;
    /// The stored history, only of `queues` when given.
    ///
    /// # Errors
    /// A storage failure or a damaged chunk.
    fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory>;
    /// Stores a new draft document; returns it as stored.
    ///
    /// # Errors
    /// `NotFound` if a document it uses does not exist; [`WfmError::Conflict`] if a rule
    /// "only one …" of the kind refuses it (a plan name taken, a second draft of a
    /// forecast or scenario of that name).
    ///
    /// [`WfmError::Conflict`]: crate::WfmError::Conflict
    fn put_document(&mut self, doc: &NewDocument) -> Result<DocumentInfo>;
    /// Stores `doc` as *the* draft of its kind, scope and name, in one transaction: the
    /// existing draft is replaced in place (its id stays), else a new draft is stored.
    /// Returns it and whether it replaced one. Several runs storing at once leave one
    /// draft (the last one's); a draft published meanwhile is not touched.
    ///
    /// # Errors
    /// `NotFound` if a document it uses does not exist.
    fn put_draft(&mut self, doc: &NewDocument) -> Result<(DocumentInfo, bool)>;
    /// Replaces a draft's summary, payload and uses (its id stays).
    ///
    /// # Errors
    /// `NotFound` if it is unknown, `AlreadyPublished` if published.
    fn replace_document(
        &mut self,
        id: DocumentId,
        summary: &str,
        payload: &[u8],
        uses: &[DocumentId],
    ) -> Result<DocumentInfo>;
    /// The documents of a kind, only of `scope` when given, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    fn documents(&self, kind: DocumentKind, scope: Option<&str>) -> Result<Vec<DocumentInfo>>;
    /// One document and its payload.
    ///
    /// # Errors
    /// `NotFound` if it is unknown.
    fn document(&self, id: DocumentId) -> Result<(DocumentInfo, Vec<u8>)>;
    /// Publishes a draft: it becomes immutable.
    ///
    /// # Errors
    /// `NotFound` if it is unknown, `AlreadyPublished` if published already.
    fn publish_document(&mut self, id: DocumentId) -> Result<DocumentInfo>;
    /// Checks the stored file and every stored value; returns each problem found, by
    /// table (none: healthy). Reads only.
    ///
    /// # Errors
    /// A storage failure that prevents checking at all.
    fn check(&self) -> Result<Vec<StoreProblem>>;
    /// Publishes the draft `id` and deletes `replaces`, in one transaction, provided the
    /// published documents of its kind and scope are still exactly `seen` (what the
    /// caller read when it decided what the publication replaces). A document of
    /// `replaces` that a published document uses is kept and returned with the reason.
    ///
    /// # Errors
    /// `NotFound` if `id` is unknown, `AlreadyPublished` if published already; [`WfmError::Changed`] if the
    /// published documents of the kind and scope are not `seen` any more.
    ///
    /// [`WfmError::Changed`]: crate::WfmError::Changed
    fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<Replacement>;
    /// Stores `doc` as a new draft and deletes every other document of its kind and scope
    /// that no document uses, in one transaction (the newest replaces the older); those
    /// in use are kept, with the reason. Several runs storing at once leave one
    /// (the last one's) besides those in use.
    ///
    /// # Errors
    /// As [`WorkspaceStore::put_document`].
    fn put_superseding(&mut self, doc: &NewDocument) -> Result<Replacement>;
    /// Deletes a document; drafts that used it lose the reference.
    ///
    /// # Errors
    /// `NotFound` if it is unknown, `InUse` if a published document uses it (named).
    fn delete_document(&mut self, id: DocumentId) -> Result<DocumentInfo>;

    // ---- schedule edits: versions, the edit log, undo (see `edits.rs`) ----------------

    /// A schedule's version: the number of changes (edits and undos) made to it.
    ///
    /// # Errors
    /// `NotFound` if it is not a schedule of the workspace.
    fn schedule_version(&self, id: DocumentId) -> Result<u64>;
    /// A schedule's edit log, oldest first.
    ///
    /// # Errors
    /// `NotFound` if it is not a schedule of the workspace.
    fn schedule_changes(&self, id: DocumentId) -> Result<Vec<ScheduleChange>>;
    /// Replaces a schedule's content (draft or published: edits of a published schedule
    /// are what its agents see) and logs the change with the content before, in one
    /// transaction, provided the schedule is still at `change.expected_version`.
    ///
    /// # Errors
    /// `NotFound` if it is not a schedule; [`WfmError::StaleVersion`] naming the changes
    /// made since that version (nothing is changed).
    ///
    /// [`WfmError::StaleVersion`]: crate::WfmError::StaleVersion
    fn edit_schedule(
        &mut self,
        id: DocumentId,
        change: &NewScheduleChange,
    ) -> Result<ScheduleChange>;
    /// Undoes the last edit not undone yet: the content before it is put back exactly,
    /// and the undo logged as the next version. With `expected_version`, only if the
    /// schedule is still at it. `records` is asked, in the transaction, for the change
    /// records of the undo (the version it makes, the content now, the content put
    /// back), which are appended to the outbox with it.
    ///
    /// # Errors
    /// `NotFound` if it is not a schedule; `Precondition` if there is no edit to undo;
    /// `StaleVersion` as [`WorkspaceStore::edit_schedule`]; what `records` returns
    /// (nothing is changed).
    fn undo_schedule_edit(
        &mut self,
        id: DocumentId,
        expected_version: Option<u64>,
        actor: &str,
        at: DateTime<Utc>,
        records: &UndoRecords<'_>,
    ) -> Result<ScheduleChange>;

    // ---- time off, overtime and VTO (`crate::timeoff`) ----
    /// Runs `f` on the time-off tables in one writing transaction (`BEGIN IMMEDIATE`):
    /// committed if `f` returns `Ok`, else rolled back.
    ///
    /// # Errors
    /// `f`'s error, or a storage failure.
    fn time_off_write(
        &mut self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()>;
    /// Runs `f` on the time-off tables in one read transaction (a consistent snapshot).
    ///
    /// # Errors
    /// `f`'s error, or a storage failure.
    fn time_off_read(
        &self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()>;

    // --- the schedule change outbox (see [`ChangeRecord`]) ---

    /// [`WorkspaceStore::publish_replacing`] and the publication's change records
    /// appended to the outbox, in one transaction; returns the sequence numbers of the
    /// records stored (a record whose key is stored already is not stored again).
    ///
    /// # Errors
    /// As [`WorkspaceStore::publish_replacing`]; nothing is published or appended then.
    fn publish_replacing_with_changes(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
        changes: &[NewChange],
    ) -> Result<(Replacement, Vec<i64>)>;
    /// Up to `limit` change records with a sequence number above `after`, in order.
    ///
    /// # Errors
    /// A storage failure; `Damaged` for a record that does not decode.
    fn changes_since(&self, after: i64, limit: usize) -> Result<Vec<ChangeRecord>>;
}
