//! The embedded SQLite backend (rusqlite, bundled): one file, no server.
//!
//! WAL journal with a busy timeout, so several processes read while one writes; every
//! change is one `BEGIN IMMEDIATE … COMMIT` transaction, so a failed import or a killed
//! process leaves the workspace as it was. History records are stored as columnar chunks
//! (see `codec`), not one SQL row per record.

mod access;
mod adherence;
mod check;
mod documents;
mod groups;
mod history;
mod outbox;
mod schedule_edits;
mod schema;
mod timeoff;
mod timeoff_blocks;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use wfm_core::IntervalLength;

use super::{
    DocumentId, DocumentInfo, DocumentKind, ForecastGroup, GroupEdit, ImportOutcome, LoadedHistory,
    NewDocument, NewScheduleChange, QueueInfo, RecordSink, ScheduleChange, SourceInfo, SourceKind,
    UndoRecords, WorkspaceSettings, WorkspaceStore,
};
use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::document_rules::DocumentRows;
use crate::store::group_rules::GroupRows;
use wfm_core::history::{QueueId, SourceId};

impl From<rusqlite::Error> for WfmError {
    /// SQLite's "damaged file" codes become [`WfmError::Damaged`]; the rest `Store`.
    fn from(e: rusqlite::Error) -> Self {
        in_table("(any: SQLite found a damaged page)")(e)
    }
}

/// Maps an SQLite error met reading `table`: a damaged page or file becomes
/// [`WfmError::Damaged`] naming the table, anything else `Store`.
pub(super) fn in_table(table: &'static str) -> impl Fn(rusqlite::Error) -> WfmError {
    move |e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            WfmError::Damaged {
                table,
                detail: e.to_string(),
            }
        }
        _ => WfmError::Store(e.to_string()),
    }
}

/// A workspace in one SQLite file.
///
/// ```
/// use wfm::core::IntervalLength;
/// use wfm::store::{WorkspaceSettings, WorkspaceStore, sqlite::SqliteStore};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("w.wfm");
/// SqliteStore::create(&path, &WorkspaceSettings::new(IntervalLength::Fifteen, chrono_tz::UTC))?;
/// let store = SqliteStore::open(&path)?;
/// assert_eq!(store.settings()?.interval, IntervalLength::Fifteen);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: String,
    /// The audit entry of the change being made (`access::flush`).
    staged: std::cell::RefCell<Option<crate::access::NewAuditEntry>>,
}

use crate::store::rows::{now, parse_time};

impl SqliteStore {
    fn configure(conn: &Connection) -> Result<()> {
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Creates a new workspace file at `path` with `settings`.
    ///
    /// # Errors
    /// `Conflict` if `path` exists; `Store` if SQLite fails.
    pub fn create(path: &Path, settings: &WorkspaceSettings) -> Result<Self> {
        let name = path.display().to_string();
        if path.exists() {
            return Err(WfmError::Conflict {
                item: Item::new(ItemKind::Workspace, name),
            });
        }
        let mut conn = Connection::open(path)?;
        Self::configure(&conn)?;
        let _: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        schema::migrate(&tx, &name)?;
        for (key, value) in [
            ("interval", settings.interval.as_str().to_owned()),
            ("time_zone", settings.time_zone.name().to_owned()),
            (
                "created_at",
                settings
                    .created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
        ] {
            tx.execute(
                "INSERT INTO workspace_setting(key, value) VALUES (?1, ?2)",
                (key, value),
            )?;
        }
        tx.commit()?;
        Ok(Self {
            conn,
            path: name,
            staged: Default::default(),
        })
    }

    /// Opens `path` without writing to it and says what it is: refuses a missing file and
    /// a file that is not a wfm workspace (another application's database, an unmarked
    /// database without wfm's tables or with a schema version wfm never wrote).
    fn connect(path: &Path) -> Result<(Connection, i64)> {
        let name = path.display().to_string();
        if !path.is_file() {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::Workspace, name),
            });
        }
        let foreign = |reason: String| WfmError::NotAWorkspace {
            path: path.to_owned(),
            reason,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| foreign(e.to_string()))?;
        let identity = Self::configure(&conn)
            .and_then(|()| schema::identify(&conn))
            .map_err(|e| match e {
                WfmError::Store(why) => foreign(why),
                WfmError::Damaged { detail, .. } => foreign(detail),
                other => other,
            })?;
        match identity {
            schema::Identity::Workspace(version) => Ok((conn, version)),
            schema::Identity::Foreign(why) => Err(foreign(why.to_owned())),
        }
    }

    fn version_error(path: &Path, found: i64) -> WfmError {
        WfmError::SchemaVersion {
            path: path.to_owned(),
            found,
            known: schema::current(),
        }
    }

    /// Opens an existing workspace for reading and writing. An older schema is not
    /// upgraded silently: [`SqliteStore::upgrade`] does that.
    ///
    /// # Errors
    /// `NotFound` if there is no file at `path`; [`WfmError::NotAWorkspace`] if it is not a
    /// wfm workspace; [`WfmError::SchemaVersion`] if its schema is older or newer than
    /// this wfm's.
    pub fn open(path: &Path) -> Result<Self> {
        let (conn, version) = Self::connect(path)?;
        if version != schema::current() {
            return Err(Self::version_error(path, version));
        }
        Ok(Self {
            conn,
            path: path.display().to_string(),
            staged: Default::default(),
        })
    }

    /// Opens an existing workspace for reading only: nothing this connection does can
    /// change the file (`PRAGMA query_only`).
    ///
    /// # Errors
    /// As [`SqliteStore::open`].
    pub fn open_read_only(path: &Path) -> Result<Self> {
        let store = Self::open(path)?;
        store.conn.pragma_update(None, "query_only", "ON")?;
        Ok(store)
    }

    /// The schema version of the workspace at `path` and the one this wfm writes, read
    /// without writing.
    ///
    /// # Errors
    /// As [`SqliteStore::open`], except for an older or newer version.
    pub fn schema_versions(path: &Path) -> Result<(i64, i64)> {
        let (_, version) = Self::connect(path)?;
        Ok((version, schema::current()))
    }

    /// Upgrades an older workspace to this wfm's schema in one transaction (and marks it
    /// as wfm's); returns the versions before and after, or `None` if it was current.
    ///
    /// # Errors
    /// As [`SqliteStore::open`] for a missing, foreign or newer file; `Store` if SQLite
    /// fails (the file is then as it was).
    pub fn upgrade(path: &Path) -> Result<Option<(i64, i64)>> {
        let (mut conn, version) = Self::connect(path)?;
        if version == schema::current() {
            return Ok(None);
        }
        if version > schema::current() {
            return Err(Self::version_error(path, version));
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        schema::migrate(&tx, &path.display().to_string())?;
        tx.commit()?;
        Ok(Some((version, schema::current())))
    }

    /// The schema version of the open workspace.
    ///
    /// # Errors
    /// `Store` if SQLite fails.
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE … COMMIT` transaction (rolled back on error).
    fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx).inspect_err(|_| drop(self.staged.take()))?;
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(out)
    }

    fn setting(&self, key: &str) -> Result<String> {
        self.conn
            .query_row(
                "SELECT value FROM workspace_setting WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| WfmError::Damaged {
                table: "workspace_setting",
                detail: format!("{}: setting {key} missing", self.path),
            })
    }
}

impl WorkspaceStore for SqliteStore {
    fn settings(&self) -> Result<WorkspaceSettings> {
        let interval: IntervalLength =
            self.setting("interval")?
                .parse()
                .map_err(|e| WfmError::Damaged {
                    table: "workspace_setting",
                    detail: format!("{e}"),
                })?;
        let tz = self.setting("time_zone")?;
        let time_zone = tz.parse::<chrono_tz::Tz>().map_err(|_| WfmError::Damaged {
            table: "workspace_setting",
            detail: format!("unknown time zone {tz:?}"),
        })?;
        Ok(WorkspaceSettings {
            interval,
            time_zone,
            created_at: parse_time(&self.setting("created_at")?)?,
        })
    }

    fn queues(&self) -> Result<Vec<QueueInfo>> {
        groups::queues(&self.conn)
    }

    fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n = tx.execute(
            "UPDATE queue SET active = ?2 WHERE id = ?1",
            (id.as_str(), active),
        )?;
        if n == 0 {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::Queue, id.as_str()),
            });
        }
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(())
    }

    fn set_queue_time_zone(&mut self, id: &QueueId, zone: Option<chrono_tz::Tz>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE queue SET time_zone = ?2 WHERE id = ?1",
                (id.as_str(), zone.map(|z| z.name())),
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
        groups::groups(&self.conn)
    }

    fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let registered = groups::Rows(&tx).create(name, queues)?;
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(registered)
    }

    fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let registered = groups::Rows(&tx).edit(name, edit)?;
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(registered)
    }

    fn delete_group(&mut self, name: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        groups::Rows(&tx).refuse_with_forecast(name)?;
        if tx.execute("DELETE FROM forecast_group WHERE name = ?1", [name])? == 0 {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::ForecastGroup, name),
            });
        }
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(())
    }

    fn sources(&self) -> Result<Vec<SourceInfo>> {
        history::sources(&self.conn, None)
    }

    fn import_source(
        &mut self,
        file: &str,
        kind: SourceKind,
        fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
    ) -> Result<ImportOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = history::import(&tx, file, kind, fill)?;
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let info = history::sources(&tx, Some(id))?
            .pop()
            .ok_or_else(|| WfmError::NotFound {
                item: Item::new(ItemKind::HistorySource, id.0.to_string()),
            })?;
        tx.execute(
            "DELETE FROM history_chunk WHERE source_id = ?1",
            [id.0 as i64],
        )?;
        tx.execute("DELETE FROM history_source WHERE id = ?1", [id.0 as i64])?;
        access::flush(&tx, &self.staged)?;
        tx.commit()?;
        Ok(info)
    }

    fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory> {
        // one read transaction: a consistent snapshot while another process writes
        let tx = self.conn.unchecked_transaction()?;
        let loaded = history::load(&tx, queues)?;
        tx.finish()?;
        Ok(loaded)
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
        documents::list(&self.conn, kind, scope)
    }

    fn document(&self, id: DocumentId) -> Result<(DocumentInfo, Vec<u8>)> {
        let tx = self.conn.unchecked_transaction()?;
        let out = (documents::info(&tx, id)?, documents::payload(&tx, id)?);
        tx.finish()?;
        Ok(out)
    }

    fn publish_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).publish(id))
    }

    fn delete_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.write(|tx| documents::Rows(tx).delete(id))
    }

    fn schedule_version(&self, id: DocumentId) -> Result<u64> {
        schedule_edits::version(&self.conn, id)
    }

    fn schedule_changes(&self, id: DocumentId) -> Result<Vec<ScheduleChange>> {
        schedule_edits::changes(&self.conn, id, 0)
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

    fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<super::Replacement> {
        self.write(|tx| documents::Rows(tx).publish_replacing(id, seen, replaces))
    }

    fn put_superseding(&mut self, doc: &NewDocument) -> Result<super::Replacement> {
        self.write(|tx| documents::Rows(tx).put_superseding(doc))
    }

    fn time_off_write(
        &mut self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()> {
        self.write(|tx| f(&timeoff::SqliteTimeOff(tx)))
    }

    fn time_off_read(
        &self,
        f: &mut dyn FnMut(&dyn crate::timeoff::TimeOffTx) -> Result<()>,
    ) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        f(&timeoff::SqliteTimeOff(&tx))?;
        tx.finish()?;
        Ok(())
    }

    // --- the schedule change outbox (outbox.rs) ---

    fn publish_replacing_with_changes(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
        changes: &[super::NewChange],
    ) -> Result<(super::Replacement, Vec<i64>)> {
        self.write(|tx| outbox::publish_replacing(tx, id, seen, replaces, changes))
    }

    fn changes_since(&self, after: i64, limit: usize) -> Result<Vec<super::ChangeRecord>> {
        outbox::since(&self.conn, after, limit)
    }

    fn check(&self) -> Result<Vec<super::StoreProblem>> {
        let tx = self.conn.unchecked_transaction()?;
        let problems = check::check(&tx)?;
        tx.finish()?;
        Ok(problems)
    }
}

#[cfg(test)]
mod tests;
