//! The SQLite schema and its migrations, versioned with `PRAGMA user_version`.
//!
//! `MIGRATIONS[i]` moves a workspace from version `i` to `i + 1`; a workspace is opened
//! only by a wfm that knows its version. Never edit a released migration: append one.

use rusqlite::Connection;

use crate::error::{Result, WfmError};

/// The ordered migrations; the schema version is their count.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the first release.
    "
    CREATE TABLE workspace_setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE queue (
        id            TEXT PRIMARY KEY,
        name          TEXT,
        active        INTEGER NOT NULL DEFAULT 1,
        registered_at TEXT NOT NULL
    );
    CREATE TABLE forecast_group (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE group_queue (
        group_id INTEGER NOT NULL REFERENCES forecast_group(id) ON DELETE CASCADE,
        queue_id TEXT NOT NULL UNIQUE REFERENCES queue(id),
        PRIMARY KEY (group_id, queue_id)
    );
    CREATE TABLE history_source (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        file        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('history', 'raw')),
        loaded_at   TEXT NOT NULL,
        rows        INTEGER NOT NULL,
        first_start INTEGER,
        last_start  INTEGER,
        volume      INTEGER NOT NULL
    );
    CREATE TABLE history_chunk (
        source_id   INTEGER NOT NULL REFERENCES history_source(id) ON DELETE CASCADE,
        queue_id    TEXT NOT NULL REFERENCES queue(id),
        channel     TEXT NOT NULL,
        granularity TEXT NOT NULL,
        n           INTEGER NOT NULL,
        first_start INTEGER NOT NULL,
        data        BLOB NOT NULL
    );
    CREATE INDEX history_chunk_source ON history_chunk(source_id);
    CREATE INDEX history_chunk_queue ON history_chunk(queue_id);
    ",
    // 2: versioned documents (forecasts, overrides, scenarios, plans, schedules).
    "
    CREATE TABLE document (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        kind         TEXT NOT NULL,
        scope        TEXT NOT NULL,
        name         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        created_at   TEXT NOT NULL,
        published_at TEXT,
        summary      TEXT NOT NULL,
        payload      BLOB NOT NULL
    );
    CREATE INDEX document_kind ON document(kind, scope);
    CREATE TABLE document_use (
        user_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        used_id INTEGER NOT NULL REFERENCES document(id),
        PRIMARY KEY (user_id, used_id)
    );
    CREATE INDEX document_use_used ON document_use(used_id);
    ",
    // 3: a queue's own time zone (NULL: the workspace's).
    crate::store::shared_sql::QUEUE_TIME_ZONE,
    // 4: the file is marked as wfm's (`PRAGMA application_id`, set by `migrate`), and the
    // "only one …" rules become constraints. Duplicates that races left behind are
    // resolved first: of several drafts of one forecast or override the newest stays
    // (the one every command used) and the older are deleted, or renamed with their id
    // appended if a document uses them; of several plans of one name, or scenarios of
    // one name and group, the newest keeps the name and the older get their id appended.
    crate::store::shared_sql::ONLY_ONE,
    // 5: the schedule edit log: versions, who and when, the content before (undo).
    super::schedule_edits::MIGRATION,
    // 6: time off: allowances, balance ledger, time-off requests, overtime/VTO offers.
    super::timeoff::MIGRATION,
    // 7: the schedule change outbox.
    super::outbox::MIGRATION,
    // 8: agent state events and the computed adherence per agent and day.
    super::adherence::MIGRATION,
    // 9: users, custom roles and the append-only audit log.
    super::access::MIGRATION,
    // 10: agent state events stored in blocks.
    super::adherence::BLOCK_MIGRATION,
    // 11: time-off allowances per day, balances per agent and upload lines in blocks.
    super::timeoff::BLOCK_MIGRATION,
];

/// `PRAGMA application_id` of a wfm workspace: the ASCII of `WFM1`.
pub(super) const APPLICATION_ID: i32 = i32::from_be_bytes(*b"WFM1");

/// The last schema version written before files were marked with [`APPLICATION_ID`]: an
/// unmarked file of version 1 to this one with wfm's tables is an older wfm workspace.
const LAST_UNMARKED: i64 = 3;

/// What a file is, read without writing to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Identity {
    /// A wfm workspace of this schema version.
    Workspace(i64),
    /// Not ours: the reason.
    Foreign(&'static str),
}

/// Whether the open file is a wfm workspace (and of which version); reads the header
/// pragmas and the table list only.
pub(super) fn identify(conn: &Connection) -> Result<Identity> {
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = version(conn)?;
    let has_tables: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workspace_setting')",
        [],
        |r| r.get(0),
    )?;
    Ok(match app {
        APPLICATION_ID if version >= 1 => Identity::Workspace(version),
        APPLICATION_ID => Identity::Foreign("marked as wfm's but with no schema version"),
        0 if (1..=LAST_UNMARKED).contains(&version) && has_tables => Identity::Workspace(version),
        0 if has_tables => Identity::Foreign("wfm's tables under a schema version wfm never wrote"),
        0 => Identity::Foreign("a database without wfm's tables"),
        _ => Identity::Foreign("the database of another application"),
    })
}

/// The schema version this wfm writes.
pub(super) fn current() -> i64 {
    MIGRATIONS.len() as i64
}

/// The workspace's schema version.
pub(super) fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema to [`current`] inside the caller's transaction.
pub(super) fn migrate(conn: &Connection, path: &str) -> Result<()> {
    let from = version(conn)?;
    if from > current() {
        return Err(WfmError::SchemaVersion {
            path: path.into(),
            found: from,
            known: current(),
        });
    }
    let done = usize::try_from(from).unwrap_or(0);
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}
