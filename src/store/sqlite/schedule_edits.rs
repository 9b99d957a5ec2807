//! Schedule edits in SQLite: the `schedule_edit` log (one row per change, numbered by
//! version per schedule, with the document's payload and summary before it) and the
//! version check, inside the changing transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::parse_time;
use crate::error::{Item, Result, WfmError};
use crate::store::edit_log::{self, EditRow};
use crate::store::{
    ChangeKind, DocumentId, DocumentKind, NewScheduleChange, ScheduleChange, UndoRecords,
};

/// The edit log table (appended to `schema::MIGRATIONS`).
pub(super) const MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS schedule_edit (
        schedule_id    INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        version        INTEGER NOT NULL CHECK (version >= 1),
        kind           TEXT NOT NULL CHECK (kind IN ('edit', 'undo')),
        undoes         INTEGER,
        undone         INTEGER NOT NULL DEFAULT 0,
        actor          TEXT NOT NULL,
        at             TEXT NOT NULL,
        description    TEXT NOT NULL,
        changes        TEXT NOT NULL,
        before_summary TEXT NOT NULL,
        before_payload BLOB NOT NULL,
        PRIMARY KEY (schedule_id, version)
    );
    ";

fn not_found(id: DocumentId) -> WfmError {
    WfmError::NotFound {
        item: Item::document(DocumentKind::Schedule, id.to_string()),
    }
}

/// Refuses an id that is not a schedule.
fn is_schedule(conn: &Connection, id: DocumentId) -> Result<()> {
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM document WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })
        .optional()?;
    match kind {
        Some(k) if k == DocumentKind::Schedule.as_str() => Ok(()),
        _ => Err(not_found(id)),
    }
}

pub(super) fn version(conn: &Connection, id: DocumentId) -> Result<u64> {
    is_schedule(conn, id)?;
    let v: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schedule_edit WHERE schedule_id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    u64::try_from(v).map_err(|_| WfmError::Damaged {
        table: "schedule_edit",
        detail: format!("schedule {id} has version {v}"),
    })
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EditRow> {
    Ok(EditRow {
        schedule: r.get(0)?,
        version: r.get(1)?,
        kind: r.get(2)?,
        undoes: r.get(3)?,
        undone: r.get(4)?,
        actor: r.get(5)?,
        at: r.get(6)?,
        description: r.get(7)?,
        changes: r.get(8)?,
    })
}

pub(super) fn changes(
    conn: &Connection,
    id: DocumentId,
    after: u64,
) -> Result<Vec<ScheduleChange>> {
    is_schedule(conn, id)?;
    let mut st = conn.prepare_cached(
        "SELECT schedule_id, version, kind, undoes, undone, actor, at, description, changes
         FROM schedule_edit WHERE schedule_id = ?1 AND version > ?2 ORDER BY version",
    )?;
    let rows = st
        .query_map(params![id.0, after as i64], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(EditRow::change).collect()
}

/// Refuses a change made on another version than the current one, naming what changed
/// since.
fn check_version(conn: &Connection, id: DocumentId, expected: u64) -> Result<u64> {
    let current = version(conn, id)?;
    edit_log::check_version(id, expected, current, |after| changes(conn, id, after))
}

#[allow(clippy::too_many_arguments)]
fn log(
    conn: &Connection,
    id: DocumentId,
    version: u64,
    kind: ChangeKind,
    undoes: Option<u64>,
    (actor, at): (&str, DateTime<Utc>),
    description: &str,
    changes: &str,
    before: (&str, &[u8]),
) -> Result<ScheduleChange> {
    let at_text = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    conn.execute(
        "INSERT INTO schedule_edit (schedule_id, version, kind, undoes, actor, at, description,
             changes, before_summary, before_payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.0,
            version as i64,
            kind.as_str(),
            undoes.map(|u| u as i64),
            actor,
            at_text,
            description,
            changes,
            before.0,
            before.1
        ],
    )?;
    Ok(ScheduleChange {
        schedule: id,
        version,
        kind,
        undoes,
        undone: false,
        actor: actor.to_owned(),
        at: parse_time(&at_text)?,
        description: description.to_owned(),
        changes: changes.to_owned(),
    })
}

fn current_content(conn: &Connection, id: DocumentId) -> Result<(String, Vec<u8>)> {
    Ok(conn.query_row(
        "SELECT summary, payload FROM document WHERE id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn set_content(conn: &Connection, id: DocumentId, summary: &str, payload: &[u8]) -> Result<()> {
    conn.execute(
        "UPDATE document SET summary = ?2, payload = ?3 WHERE id = ?1",
        params![id.0, summary, payload],
    )?;
    Ok(())
}

pub(super) fn edit(
    conn: &Connection,
    id: DocumentId,
    c: &NewScheduleChange,
) -> Result<ScheduleChange> {
    let current = check_version(conn, id, c.expected_version)?;
    let (summary, payload) = current_content(conn, id)?;
    set_content(conn, id, &c.summary, &c.payload)?;
    // the change records of an edited published schedule, in this transaction
    super::outbox::append(conn, &c.records)?;
    log(
        conn,
        id,
        current + 1,
        ChangeKind::Edit,
        None,
        (&c.actor, c.at),
        &c.description,
        &c.changes,
        (&summary, &payload),
    )
}

pub(super) fn undo(
    conn: &Connection,
    id: DocumentId,
    expected: Option<u64>,
    (actor, at): (&str, DateTime<Utc>),
    records: &UndoRecords<'_>,
) -> Result<ScheduleChange> {
    let current = match expected {
        Some(v) => check_version(conn, id, v)?,
        None => version(conn, id)?,
    };
    let last: Option<(i64, String, Vec<u8>)> = conn
        .query_row(
            "SELECT version, before_summary, before_payload FROM schedule_edit
             WHERE schedule_id = ?1 AND kind = 'edit' AND undone = 0
             ORDER BY version DESC LIMIT 1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((undone, summary, payload)) = last else {
        return Err(WfmError::Precondition {
            what: format!("schedule {id} has no edit left to undo"),
        });
    };
    let (now_summary, now_payload) = current_content(conn, id)?;
    set_content(conn, id, &summary, &payload)?;
    conn.execute(
        "UPDATE schedule_edit SET undone = 1 WHERE schedule_id = ?1 AND version = ?2",
        params![id.0, undone],
    )?;
    // the change records of undoing an edit of a published schedule, in this transaction
    super::outbox::append(conn, &records(current + 1, &now_payload, &payload)?)?;
    let undone = u64::try_from(undone).unwrap_or(0);
    log(
        conn,
        id,
        current + 1,
        ChangeKind::Undo,
        Some(undone),
        (actor, at),
        &format!("undid version {undone}"),
        "",
        (&now_summary, &now_payload),
    )
}
