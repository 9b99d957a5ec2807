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
    "
    ALTER TABLE queue ADD COLUMN time_zone TEXT;
    ",
];

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
        return Err(WfmError::Rejected(format!(
            "{path}: the workspace has schema version {from}, this wfm knows up to {}: upgrade wfm",
            current()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    Ok(())
}
