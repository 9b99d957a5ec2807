//! [`SplitStore`]: a workspace whose time-off and adherence tables are on PostgreSQL and
//! everything else in another store (an SQLite file). Test and benchmark support: it
//! drives the real time-off and adherence workflows (`Workspace::time_off`, adherence
//! imports) through this backend's functions from several processes at once, before
//! and beside the full PostgreSQL store.

use std::cell::RefCell;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use postgres::{Client, NoTls};
use wfm_core::history::{QueueId, SourceId};
use wfm_scheduler::adherence::{AgentEvent, DayAdherence};

use super::{adherence, timeoff, txlock};
use crate::adherence::store::{AdherenceStore, EventImportInfo, EventSink};
use crate::error::{Result, WfmError};
use crate::store::{
    ChangeRecord, DocumentId, DocumentInfo, DocumentKind, ForecastGroup, GroupEdit, ImportOutcome,
    LoadedHistory, NewChange, NewDocument, NewScheduleChange, QueueInfo, RecordSink, Replacement,
    ScheduleChange, SourceInfo, SourceKind, StoreProblem, UndoRecords, WorkspaceSettings,
    WorkspaceStore,
};
use crate::timeoff::TimeOffTx;

pub use super::retry::retries;

/// A workspace store with its time-off and adherence tables on PostgreSQL (created there
/// when missing) and the rest in `inner`.
///
/// ```no_run
/// # fn main() -> wfm::Result<()> {
/// use wfm::store::postgres::split::SplitStore;
/// use wfm::store::sqlite::SqliteStore;
/// let path = std::path::Path::new("w.wfm");
/// let store = SplitStore::new(Box::new(SqliteStore::open(path)?), "postgres://wfm@127.0.0.1/w")?;
/// let _ws = wfm::Workspace::with_store(path, Box::new(store));
/// # Ok(()) }
/// ```
pub struct SplitStore {
    inner: Box<dyn WorkspaceStore>,
    pg: RefCell<Client>,
}

impl std::fmt::Debug for SplitStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SplitStore").finish_non_exhaustive()
    }
}

impl SplitStore {
    /// Connects to `url` (a `postgres://…` connection string) and creates the time-off,
    /// outbox and adherence tables there if missing.
    ///
    /// # Errors
    /// `Store` if the server cannot be reached or refuses (the message does not repeat
    /// the connection string).
    pub fn new(inner: Box<dyn WorkspaceStore>, url: &str) -> Result<Self> {
        let mut client = Client::connect(url, NoTls).map_err(txlock::pg)?;
        txlock::ensure_tables(&mut client)?;
        Ok(Self {
            inner,
            pg: RefCell::new(client),
        })
    }

    fn pg<T>(&self, f: impl FnOnce(&mut Client) -> Result<T>) -> Result<T> {
        let mut client = self
            .pg
            .try_borrow_mut()
            .map_err(|_| WfmError::Store("the PostgreSQL connection is in use".into()))?;
        f(&mut client)
    }
}

impl crate::store::AccessStore for SplitStore {
    fn users(&self) -> Result<Vec<crate::access::User>> {
        self.inner.users()
    }
    fn put_user(&mut self, user: &crate::access::User) -> Result<()> {
        self.inner.put_user(user)
    }
    fn remove_user(&mut self, name: &str) -> Result<bool> {
        self.inner.remove_user(name)
    }
    fn roles(&self) -> Result<Vec<crate::access::Role>> {
        self.inner.roles()
    }
    fn put_role(&mut self, role: &crate::access::Role) -> Result<()> {
        self.inner.put_role(role)
    }
    fn stage_audit(&self, entry: Option<crate::access::NewAuditEntry>) {
        self.inner.stage_audit(entry);
    }
    fn take_staged_audit(&self) -> Option<crate::access::NewAuditEntry> {
        self.inner.take_staged_audit()
    }
    fn append_audit(&mut self, entry: &crate::access::NewAuditEntry) -> Result<i64> {
        self.inner.append_audit(entry)
    }
    fn audit(&self, query: &crate::access::AuditQuery) -> Result<Vec<crate::access::AuditEntry>> {
        self.inner.audit(query)
    }
}

impl AdherenceStore for SplitStore {
    fn import_events(
        &mut self,
        file: &str,
        loaded_at: DateTime<Utc>,
        actor: &str,
        fill: &mut dyn FnMut(&mut dyn EventSink) -> Result<()>,
    ) -> Result<EventImportInfo> {
        adherence::import_events(self.pg.get_mut(), file, loaded_at, actor, fill)
    }

    fn event_imports(&self) -> Result<Vec<EventImportInfo>> {
        self.pg(adherence::event_imports)
    }

    fn events_between(&self, from: i64, to: i64) -> Result<Vec<AgentEvent>> {
        self.pg(|c| adherence::events_between(c, from, to))
    }

    fn replace_adherence(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        days: &[DayAdherence],
        computed_at: DateTime<Utc>,
    ) -> Result<()> {
        adherence::replace_adherence(self.pg.get_mut(), from, to, days, computed_at)
    }

    fn adherence_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayAdherence>> {
        self.pg(|c| adherence::adherence_days(c, from, to))
    }
}

impl WorkspaceStore for SplitStore {
    fn time_off_write(&mut self, f: &mut dyn FnMut(&dyn TimeOffTx) -> Result<()>) -> Result<()> {
        timeoff::time_off_write(self.pg.get_mut(), f)
    }

    fn time_off_read(&self, f: &mut dyn FnMut(&dyn TimeOffTx) -> Result<()>) -> Result<()> {
        self.pg(|c| timeoff::time_off_read(c, f))
    }

    // ---- everything else: the inner store ----

    fn settings(&self) -> Result<WorkspaceSettings> {
        self.inner.settings()
    }
    fn queues(&self) -> Result<Vec<QueueInfo>> {
        self.inner.queues()
    }
    fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()> {
        self.inner.set_queue_active(id, active)
    }
    fn set_queue_time_zone(&mut self, id: &QueueId, zone: Option<Tz>) -> Result<()> {
        self.inner.set_queue_time_zone(id, zone)
    }
    fn groups(&self) -> Result<Vec<ForecastGroup>> {
        self.inner.groups()
    }
    fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        self.inner.create_group(name, queues)
    }
    fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        self.inner.edit_group(name, edit)
    }
    fn delete_group(&mut self, name: &str) -> Result<()> {
        self.inner.delete_group(name)
    }
    fn sources(&self) -> Result<Vec<SourceInfo>> {
        self.inner.sources()
    }
    fn import_source(
        &mut self,
        file: &str,
        kind: SourceKind,
        fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
    ) -> Result<ImportOutcome> {
        self.inner.import_source(file, kind, fill)
    }
    fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo> {
        self.inner.remove_source(id)
    }
    fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory> {
        self.inner.load_history(queues)
    }
    fn put_document(&mut self, doc: &NewDocument) -> Result<DocumentInfo> {
        self.inner.put_document(doc)
    }
    fn put_draft(&mut self, doc: &NewDocument) -> Result<(DocumentInfo, bool)> {
        self.inner.put_draft(doc)
    }
    fn replace_document(
        &mut self,
        id: DocumentId,
        summary: &str,
        payload: &[u8],
        uses: &[DocumentId],
    ) -> Result<DocumentInfo> {
        self.inner.replace_document(id, summary, payload, uses)
    }
    fn documents(&self, kind: DocumentKind, scope: Option<&str>) -> Result<Vec<DocumentInfo>> {
        self.inner.documents(kind, scope)
    }
    fn document(&self, id: DocumentId) -> Result<(DocumentInfo, Vec<u8>)> {
        self.inner.document(id)
    }
    fn publish_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.inner.publish_document(id)
    }
    fn check(&self) -> Result<Vec<StoreProblem>> {
        self.inner.check()
    }
    fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<Replacement> {
        self.inner.publish_replacing(id, seen, replaces)
    }
    fn put_superseding(&mut self, doc: &NewDocument) -> Result<Replacement> {
        self.inner.put_superseding(doc)
    }
    fn delete_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.inner.delete_document(id)
    }
    fn schedule_version(&self, id: DocumentId) -> Result<u64> {
        self.inner.schedule_version(id)
    }
    fn schedule_changes(&self, id: DocumentId) -> Result<Vec<ScheduleChange>> {
        self.inner.schedule_changes(id)
    }
    fn edit_schedule(
        &mut self,
        id: DocumentId,
        change: &NewScheduleChange,
    ) -> Result<ScheduleChange> {
        self.inner.edit_schedule(id, change)
    }
    fn undo_schedule_edit(
        &mut self,
        id: DocumentId,
        expected_version: Option<u64>,
        actor: &str,
        at: DateTime<Utc>,
        records: &UndoRecords<'_>,
    ) -> Result<ScheduleChange> {
        self.inner
            .undo_schedule_edit(id, expected_version, actor, at, records)
    }
    fn publish_replacing_with_changes(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
        changes: &[NewChange],
    ) -> Result<(Replacement, Vec<i64>)> {
        self.inner
            .publish_replacing_with_changes(id, seen, replaces, changes)
    }
    fn changes_since(&self, after: i64, limit: usize) -> Result<Vec<ChangeRecord>> {
        self.inner.changes_since(after, limit)
    }
}
