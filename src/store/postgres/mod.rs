//! The PostgreSQL backend, for team workspaces that several processes and machines
//! share: chosen by a workspace location `postgres://…` (a file path stays SQLite).
//!
//! Same tables, same semantics as [`super::sqlite`]; the schema is migrated with the
//! same version numbers (`schema.rs`). One connection per store (the `postgres` crate,
//! synchronous, no TLS). Bound parameters only: no value is ever formatted into SQL.
//!
//! **Concurrency.** SQLite has one writer at a time (`BEGIN IMMEDIATE`); here every
//! writing call is one `SERIALIZABLE` transaction, so concurrent calls commit only if
//! some serial order of them gives the same result: the "only one draft", "publish what
//! you saw" and "edit the version you saw" rules hold across processes. A transaction
//! the server refuses with a serialization failure (SQLSTATE 40001) or a deadlock
//! (40P01) is run again, whole, up to [`MAX_ATTEMPTS`] times with a jittered backoff
//! (counted: [`PostgresStore::retries`]); if it still fails, the call returns
//! [`WfmError::Contention`]. A second draft or a second edit of one version, which the
//! server may report as a unique violation (23505) instead, is retried the same way and
//! then resolved as SQLite resolves it (the draft is replaced; the edit is refused as
//! stale).
//!
//! A history import streams its file once and so cannot be run again: it runs at
//! `READ COMMITTED`, where only its new rows can meet another transaction's, and it
//! registers new queues under a transaction-level advisory lock (`groups.rs`), so
//! concurrent imports never deadlock and never fail half-way for contention.
//! Reads run in `REPEATABLE READ READ ONLY` transactions: one consistent snapshot each.
//!
//! Time off, the change outbox and adherence (`timeoff.rs`, `outbox.rs`, `adherence.rs`)
//! take one advisory lock per area instead (`txlock.rs`): time-off decisions run at
//! `READ COMMITTED` under the time-off lock, so an allowance is never granted twice;
//! outbox records are appended last in their transaction under the outbox lock, so
//! sequence numbers follow commit order and a reader's cursor misses nothing.

mod access;
mod adherence;
mod check;
mod documents;
mod groups;
mod history;
mod location;
mod outbox;
mod retry;
mod schedule_edits;
mod schema;
#[doc(hidden)]
pub mod split;
#[doc(hidden)]
pub mod testing;
mod timeoff;
#[cfg(test)]
mod tx_tests;
mod txlock;

use std::cell::RefCell;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use postgres::error::SqlState;
use postgres::{Client, IsolationLevel, Transaction};
use wfm_core::IntervalLength;
use wfm_core::history::{QueueId, SourceId};

pub use location::{PgLocation, is_postgres, redact};

use super::{
    DocumentId, DocumentInfo, DocumentKind, ForecastGroup, GroupEdit, ImportOutcome, LoadedHistory,
    NewDocument, NewScheduleChange, QueueInfo, RecordSink, Replacement, ScheduleChange, SourceInfo,
    SourceKind, StoreProblem, UndoRecords, WorkspaceSettings, WorkspaceStore,
};
use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::document_rules::DocumentRows;
use crate::store::group_rules::GroupRows;

pub use retry::MAX_ATTEMPTS;

/// The advisory lock held while a workspace's schema is created or upgraded.
const SCHEMA_LOCK: i64 = 0x5746_4d53;

/// The server's message of an error (`ERROR: …` with its detail), never the
/// connection string.
pub(crate) fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{}: {} ({d})", db.severity(), db.message()),
            None => format!("{}: {}", db.severity(), db.message()),
        },
        None => e.to_string(),
    }
}

impl From<postgres::Error> for WfmError {
    /// Serialization failures and deadlocks become [`WfmError::Contention`] (retried by
    /// the store); the rest `Store` with the server's message.
    fn from(e: postgres::Error) -> Self {
        retry::contention(&e).unwrap_or_else(|| WfmError::Store(describe(&e)))
    }
}

/// Whether `e` is a unique constraint (an "only one …" rule) refusing a row.
pub(crate) fn is_unique_violation(e: &postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

use crate::store::rows::{now, parse_time};

/// A workspace in a PostgreSQL database.
///
/// ```
/// use wfm::core::IntervalLength;
/// use wfm::store::{WorkspaceSettings, WorkspaceStore, postgres::{PgLocation, PostgresStore}};
/// // a throw-away database of the test cluster (skipped without one)
/// let Some(url) = wfm::store::postgres::testing::fresh_database() else { return Ok(()) };
/// let at = PgLocation::parse(&url)?;
/// PostgresStore::create(&at, &WorkspaceSettings::new(IntervalLength::Fifteen, chrono_tz::UTC))?;
/// let store = PostgresStore::open(&at)?;
/// assert_eq!(store.settings()?.interval, IntervalLength::Fifteen);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct PostgresStore {
    client: RefCell<Client>,
    at: PgLocation,
    /// The audit entry of the change being made (`access::flush`).
    staged: RefCell<Option<crate::access::NewAuditEntry>>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// What a location holds, read in one short transaction.
fn identify(client: &mut Client) -> Result<schema::Identity> {
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let identity = schema::identify(&mut tx)?;
    tx.commit()?;
    Ok(identity)
}

impl PostgresStore {
    fn not_ours(at: &PgLocation, reason: &str) -> WfmError {
        WfmError::NotAWorkspace {
            path: PathBuf::from(at.shown()),
            reason: reason.to_owned(),
        }
    }

    fn version_error(at: &PgLocation, found: i64) -> WfmError {
        WfmError::SchemaVersion {
            path: PathBuf::from(at.shown()),
            found,
            known: schema::current(),
        }
    }

    /// Creates a workspace in the existing, empty database `at` with `settings`.
    ///
    /// # Errors
    /// `Conflict` if the database holds a wfm workspace already; [`WfmError::NotAWorkspace`]
    /// if it holds other tables (nothing is written); `NotFound` if the database does not
    /// exist; `Store` if the server fails.
    pub fn create(at: &PgLocation, settings: &WorkspaceSettings) -> Result<Self> {
        Self::create_at_version(at, settings, schema::current())
    }

    /// [`PostgresStore::create`] with the schema of an earlier `version` (tests of the
    /// upgrade).
    pub(crate) fn create_at_version(
        at: &PgLocation,
        settings: &WorkspaceSettings,
        version: i64,
    ) -> Result<Self> {
        let mut client = at.connect()?;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
        match schema::identify(&mut tx)? {
            schema::Identity::Empty => {}
            schema::Identity::Workspace(_) => {
                return Err(WfmError::Conflict {
                    item: Item::new(ItemKind::Workspace, at.shown()),
                });
            }
            schema::Identity::Foreign(why) => return Err(Self::not_ours(at, why)),
        }
        schema::migrate_to(&mut tx, version, at.shown())?;
        let created = settings
            .created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for (key, value) in [
            ("interval", settings.interval.as_str()),
            ("time_zone", settings.time_zone.name()),
            ("created_at", created.as_str()),
        ] {
            tx.execute(
                "INSERT INTO workspace_setting(key, value) VALUES ($1, $2)",
                &[&key, &value],
            )?;
        }
        tx.commit()?;
        Ok(Self::with_client(client, at))
    }

    fn with_client(client: Client, at: &PgLocation) -> Self {
        Self {
            client: RefCell::new(client),
            at: at.clone(),
            staged: RefCell::default(),
        }
    }

    /// Connects and says what the database is: refuses an empty one and one that is not
    /// a wfm workspace.
    fn connect(at: &PgLocation) -> Result<(Client, i64)> {
        let mut client = at.connect()?;
        match identify(&mut client)? {
            schema::Identity::Workspace(v) => Ok((client, v)),
            schema::Identity::Empty => Err(Self::not_ours(
                at,
                "an empty database: create a workspace in it first",
            )),
            schema::Identity::Foreign(why) => Err(Self::not_ours(at, why)),
        }
    }

    /// Opens an existing workspace for reading and writing. An older schema is not
    /// upgraded silently: [`PostgresStore::upgrade`] does that.
    ///
    /// # Errors
    /// `NotFound` if the database does not exist; [`WfmError::NotAWorkspace`] if it is not
    /// a wfm workspace; [`WfmError::SchemaVersion`] if its schema is older or newer.
    pub fn open(at: &PgLocation) -> Result<Self> {
        let (client, version) = Self::connect(at)?;
        if version != schema::current() {
            return Err(Self::version_error(at, version));
        }
        Ok(Self::with_client(client, at))
    }

    /// Opens an existing workspace for reading only: every transaction of this
    /// connection is `READ ONLY` (a write fails).
    ///
    /// # Errors
    /// As [`PostgresStore::open`].
    pub fn open_read_only(at: &PgLocation) -> Result<Self> {
        let store = Self::open(at)?;
        store
            .client
            .borrow_mut()
            .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")?;
        Ok(store)
    }

    /// The workspace's schema version and the one this wfm writes, read without writing.
    ///
    /// # Errors
    /// As [`PostgresStore::open`], except for an older or newer version.
    pub fn schema_versions(at: &PgLocation) -> Result<(i64, i64)> {
        let (_, version) = Self::connect(at)?;
        Ok((version, schema::current()))
    }

    /// Upgrades an older workspace in one transaction; returns the versions before and
    /// after, or `None` if it was current.
    ///
    /// # Errors
    /// As [`PostgresStore::open`] for a missing, foreign or newer workspace; `Store` if
    /// the server fails (the workspace is then as it was).
    pub fn upgrade(at: &PgLocation) -> Result<Option<(i64, i64)>> {
        let (mut client, _) = Self::connect(at)?;
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
        let version = match schema::identify(&mut tx)? {
            schema::Identity::Workspace(v) => v,
            schema::Identity::Empty => return Err(Self::not_ours(at, "an empty database")),
            schema::Identity::Foreign(why) => return Err(Self::not_ours(at, why)),
        };
        if version == schema::current() {
            return Ok(None);
        }
        if version > schema::current() {
            return Err(Self::version_error(at, version));
        }
        schema::migrate_to(&mut tx, schema::current(), at.shown())?;
        tx.commit()?;
        Ok(Some((version, schema::current())))
    }

    /// The schema version of the open workspace.
    ///
    /// # Errors
    /// `Store` if the server fails.
    pub fn schema_version(&self) -> Result<i64> {
        match identify(&mut self.client.borrow_mut())? {
            schema::Identity::Workspace(v) => Ok(v),
            _ => Err(Self::not_ours(&self.at, "its schema table is gone")),
        }
    }

    /// Where the workspace is (the password redacted).
    pub fn location(&self) -> &PgLocation {
        &self.at
    }

    /// How many transactions were run again after a serialization failure or deadlock:
    /// the one count of the process ([`split::retries`]), for every store, since time-off,
    /// outbox and adherence transactions retry with no store at hand (`txlock.rs`). A
    /// process with one store (a CLI call, a worker of the race tests) counts its store's.
    pub fn retries(&self) -> u64 {
        retry::retries()
    }

    /// Runs `f` in one SERIALIZABLE transaction, run again whole on contention (see the
    /// module); committed if `f` returns `Ok`, else rolled back. The staged audit entry
    /// is inserted in every attempt and unstaged once the call is over.
    fn write<T>(&self, mut f: impl FnMut(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        let out = retry::with_retries(|| {
            let mut client = self.client.borrow_mut();
            let mut tx = client
                .build_transaction()
                .isolation_level(IsolationLevel::Serializable)
                .start()?;
            let out = f(&mut tx)?;
            access::flush(&mut tx, &self.staged)?;
            tx.commit()?;
            Ok(out)
        });
        self.unstage();
        out
    }

    /// Runs `f` in one read-only snapshot.
    fn read<T>(&self, f: impl FnOnce(&mut Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }

    fn setting(tx: &mut Transaction<'_>, key: &str) -> Result<String> {
        tx.query_opt(
            "SELECT value FROM workspace_setting WHERE key = $1",
            &[&key],
        )?
        .map(|r| r.try_get(0))
        .transpose()?
        .ok_or_else(|| WfmError::Damaged {
            table: "workspace_setting",
            detail: format!("setting {key} missing"),
        })
    }
}

impl WorkspaceStore for PostgresStore {
    fn settings(&self) -> Result<WorkspaceSettings> {
        let (interval, tz, created) = self.read(|tx| {
            Ok((
                Self::setting(tx, "interval")?,
                Self::setting(tx, "time_zone")?,
                Self::setting(tx, "created_at")?,
            ))
        })?;
        let interval: IntervalLength = interval.parse().map_err(|e| WfmError::Damaged {
            table: "workspace_setting",
            detail: format!("{e}"),
        })?;
        let time_zone = tz.parse::<chrono_tz::Tz>().map_err(|_| WfmError::Damaged {
            table: "workspace_setting",
            detail: format!("unknown time zone {tz:?}"),
        })?;
        Ok(WorkspaceSettings {
            interval,
            time_zone,
            created_at: parse_time(&created)?,
        })
    }

    fn queues(&self) -> Result<Vec<QueueInfo>> {
        self.read(groups::queues)
    }

    fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE queue SET active = $2 WHERE id = $1",
                &[&id.as_str(), &active],
            )?;
            if n == 0 {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::Queue, id.as_str()),
                });
            }
            Ok(())
        })
    }

    fn set_queue_time_zone(&mut self, id: &QueueId, zone: Option<chrono_tz::Tz>) -> Result<()> {
        let zone = zone.map(|z| z.name());
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE queue SET time_zone = $2 WHERE id = $1",
                &[&id.as_str(), &zone],
            )?;
            if n == 0 {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::Queue, id.as_str()),
                });
            }
            Ok(())
        })
    }

    fn groups(&self) -> Result<Vec<ForecastGroup>> {
        self.read(groups::groups)
    }

    fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        self.write(|tx| groups::Rows(tx).create(name, queues))
    }

    fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        self.write(|tx| groups::Rows(tx).edit(name, edit))
    }

    fn delete_group(&mut self, name: &str) -> Result<()> {
        self.write(|tx| groups::delete(tx, name))
    }

    fn sources(&self) -> Result<Vec<SourceInfo>> {
        self.read(|tx| history::sources(tx, None))
    }

    fn import_source(
        &mut self,
        file: &str,
        kind: SourceKind,
        fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
    ) -> Result<ImportOutcome> {
        // not retried: `fill` streams its input once (see the module)
        let mut client = self.client.borrow_mut();
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()?;
        let outcome = history::import(&mut tx, file, kind, fill).and_then(|outcome| {
            access::flush(&mut tx, &self.staged)?;
            tx.commit()?;
            Ok(outcome)
        });
        self.unstage();
        outcome
    }

    fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo> {
        self.write(|tx| history::remove(tx, id))
    }

    fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory> {
        self.read(|tx| history::load(tx, queues))
    }

    fn put_document(&mut self, doc: &NewDocument) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).put(doc))
    }

    fn put_draft(&mut self, doc: &NewDocument) -> Result<(DocumentInfo, bool)> {
        self.write(|tx| documents::Rows(tx).put_draft(doc))
    }

    fn replace_document(
        &mut self,
        id: DocumentId,
        summary: &str,
        payload: &[u8],
        uses: &[DocumentId],
    ) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).replace(id, summary, payload, uses))
    }

    fn documents(&self, kind: DocumentKind, scope: Option<&str>) -> Result<Vec<DocumentInfo>> {
        self.read(|tx| documents::list(tx, kind, scope))
    }

    fn document(&self, id: DocumentId) -> Result<(DocumentInfo, Vec<u8>)> {
        self.read(|tx| Ok((documents::info(tx, id)?, documents::payload(tx, id)?)))
    }

    fn publish_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).publish(id))
    }

    fn check(&self) -> Result<Vec<StoreProblem>> {
        self.read(check::check)
    }

    fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<Replacement> {
        self.write(|tx| documents::Rows(tx).publish_replacing(id, seen, replaces))
    }

    fn put_superseding(&mut self, doc: &NewDocument) -> Result<Replacement> {
        self.write(|tx| documents::Rows(tx).put_superseding(doc))
    }

    fn delete_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).delete(id))
    }

    fn schedule_version(&self, id: DocumentId) -> Result<u64> {
        self.read(|tx| schedule_edits::version(tx, id))
    }

    fn schedule_changes(&self, id: DocumentId) -> Result<Vec<ScheduleChange>> {
        self.read(|tx| schedule_edits::changes(tx, id, 0))
    }

    fn edit_schedule(
        &mut self,
        id: DocumentId,
        change: &NewScheduleChange,
    ) -> Result<ScheduleChange> {
        self.write(|tx| schedule_edits::edit(tx, id, change))
    }

    fn undo_schedule_edit(
        &mut self,
        id: DocumentId,
        expected_version: Option<u64>,
        actor: &str,
        at: DateTime<Utc>,
        records: &UndoRecords<'_>,
    ) -> Result<ScheduleChange> {
        self.write(|tx| schedule_edits::undo(tx, id, expected_version, (actor, at), records))
    }

    // ---- time off (timeoff.rs), the outbox (outbox.rs), adherence (adherence.rs) ----

    fn time_off_write(
        &mut self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()> {
        let out = timeoff::time_off_write_audited(self.client.get_mut(), &self.staged, f);
        self.unstage();
        out
    }

    fn time_off_read(
        &self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()> {
        timeoff::time_off_read(&mut self.client.borrow_mut(), f)
    }

    fn publish_replacing_with_changes(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
        changes: &[super::NewChange],
    ) -> Result<(Replacement, Vec<i64>)> {
        self.write(|tx| {
            let done = documents::Rows(tx).publish_replacing(id, seen, replaces)?;
            // last in the transaction: the outbox lock is held to the commit
            let seqs = outbox::append_changes(tx, changes)?;
            Ok((done, seqs))
        })
    }

    fn changes_since(&self, after: i64, limit: usize) -> Result<Vec<super::ChangeRecord>> {
        outbox::changes_since(&mut self.client.borrow_mut(), after, limit)
    }
}

impl crate::adherence::store::AdherenceStore for PostgresStore {
    fn import_events(
        &mut self,
        file: &str,
        loaded_at: DateTime<Utc>,
        actor: &str,
        fill: &mut dyn FnMut(&mut dyn crate::adherence::store::EventSink) -> Result<()>,
    ) -> Result<crate::adherence::store::EventImportInfo> {
        let out = adherence::import_events_audited(
            self.client.get_mut(),
            &self.staged,
            file,
            loaded_at,
            actor,
            fill,
        );
        self.unstage();
        out
    }

    fn event_imports(&self) -> Result<Vec<crate::adherence::store::EventImportInfo>> {
        adherence::event_imports(&mut self.client.borrow_mut())
    }

    fn events_between(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<wfm_scheduler::adherence::AgentEvent>> {
        adherence::events_between(&mut self.client.borrow_mut(), from, to)
    }

    fn replace_adherence(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        days: &[wfm_scheduler::adherence::DayAdherence],
        computed_at: DateTime<Utc>,
    ) -> Result<()> {
        adherence::replace_adherence(self.client.get_mut(), from, to, days, computed_at)
    }

    fn adherence_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<wfm_scheduler::adherence::DayAdherence>> {
        adherence::adherence_days(&mut self.client.borrow_mut(), from, to)
    }
}
