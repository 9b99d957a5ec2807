//! Schedule edits in PostgreSQL: the `schedule_edit` log (one row per change, numbered by
//! version per schedule, with the document's payload and summary before it), the version
//! check, and the change records an edit or undo of a published schedule appends to the
//! outbox (`schedule_change`), all inside the changing SERIALIZABLE transaction. Two
//! edits of one version cannot both commit: the second is retried (see `mod.rs`) and
//! then refused with [`WfmError::StaleVersion`].

use chrono::{DateTime, Utc};
use postgres::Transaction;

use super::{is_unique_violation, parse_time};
use crate::error::{Item, Result, WfmError};
use crate::store::edit_log::{self, EditRow};
use crate::store::{
    ChangeKind, DocumentId, DocumentKind, NewScheduleChange, ScheduleChange, UndoRecords,
};

/// The edit log table (migration 5).
pub(super) const MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS schedule_edit (
        schedule_id    BIGINT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
        version        BIGINT NOT NULL CHECK (version >= 1),
        kind           TEXT NOT NULL CHECK (kind IN ('edit', 'undo')),
        undoes         BIGINT,
        undone         BOOLEAN NOT NULL DEFAULT FALSE,
        actor          TEXT NOT NULL,
        at             TEXT NOT NULL,
        description    TEXT NOT NULL,
        changes        TEXT NOT NULL,
        before_summary TEXT NOT NULL,
        before_payload BYTEA NOT NULL,
        PRIMARY KEY (schedule_id, version)
    );
    ";

fn not_found(id: DocumentId) -> WfmError {
    WfmError::NotFound {
        item: Item::document(DocumentKind::Schedule, id.to_string()),
    }
}

fn damaged(what: String) -> WfmError {
    WfmError::Damaged {
        table: "schedule_edit",
        detail: what,
    }
}

/// Refuses an id that is not a schedule.
fn is_schedule(tx: &mut Transaction<'_>, id: DocumentId) -> Result<()> {
    let kind: Option<String> = tx
        .query_opt("SELECT kind FROM document WHERE id = $1", &[&id.0])?
        .map(|r| r.try_get(0))
        .transpose()?;
    match kind {
        Some(k) if k == DocumentKind::Schedule.as_str() => Ok(()),
        _ => Err(not_found(id)),
    }
}

pub(super) fn version(tx: &mut Transaction<'_>, id: DocumentId) -> Result<u64> {
    is_schedule(tx, id)?;
    let v: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::BIGINT FROM schedule_edit WHERE schedule_id = $1",
            &[&id.0],
        )?
        .try_get(0)?;
    u64::try_from(v).map_err(|_| damaged(format!("schedule {id} has version {v}")))
}

pub(super) fn changes(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    after: u64,
) -> Result<Vec<ScheduleChange>> {
    is_schedule(tx, id)?;
    let rows = tx.query(
        "SELECT schedule_id, version, kind, undoes, undone, actor, at, description, changes
         FROM schedule_edit WHERE schedule_id = $1 AND version > $2 ORDER BY version",
        &[&id.0, &(after as i64)],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let row = EditRow {
            schedule: r.try_get(0)?,
            version: r.try_get(1)?,
            kind: r.try_get(2)?,
            undoes: r.try_get(3)?,
            undone: r.try_get(4)?,
            actor: r.try_get(5)?,
            at: r.try_get(6)?,
            description: r.try_get(7)?,
            changes: r.try_get(8)?,
        };
        out.push(row.change()?);
    }
    Ok(out)
}

/// Refuses a change made on another version than the current one, naming what changed
/// since.
fn check_version(tx: &mut Transaction<'_>, id: DocumentId, expected: u64) -> Result<u64> {
    let current = version(tx, id)?;
    edit_log::check_version(id, expected, current, |after| changes(tx, id, after))
}

/// One logged change: its version, kind, what it undoes, who/when, and the content
/// before it.
struct LogEntry<'a> {
    version: u64,
    kind: ChangeKind,
    undoes: Option<u64>,
    actor: &'a str,
    at: DateTime<Utc>,
    description: &'a str,
    changes: &'a str,
    before: (&'a str, &'a [u8]),
}

fn log(tx: &mut Transaction<'_>, id: DocumentId, e: &LogEntry<'_>) -> Result<ScheduleChange> {
    let at_text = e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let inserted = tx.execute(
        "INSERT INTO schedule_edit (schedule_id, version, kind, undoes, actor, at, description,
             changes, before_summary, before_payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[
            &id.0,
            &(e.version as i64),
            &e.kind.as_str(),
            &e.undoes.map(|u| u as i64),
            &e.actor,
            &at_text,
            &e.description,
            &e.changes,
            &e.before.0,
            &e.before.1,
        ],
    );
    match inserted {
        // a concurrent change took this version: retried, then refused as stale
        Err(err) if is_unique_violation(&err) => {
            return Err(WfmError::Contention {
                attempts: 1,
                sqlstate: "23505".into(),
            });
        }
        other => other?,
    };
    Ok(ScheduleChange {
        schedule: id,
        version: e.version,
        kind: e.kind,
        undoes: e.undoes,
        undone: false,
        actor: e.actor.to_owned(),
        at: parse_time(&at_text)?,
        description: e.description.to_owned(),
        changes: e.changes.to_owned(),
    })
}

fn current_content(tx: &mut Transaction<'_>, id: DocumentId) -> Result<(String, Vec<u8>)> {
    let r = tx.query_one(
        "SELECT summary, payload FROM document WHERE id = $1",
        &[&id.0],
    )?;
    Ok((r.try_get(0)?, r.try_get(1)?))
}

fn set_content(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    summary: &str,
    payload: &[u8],
) -> Result<()> {
    tx.execute(
        "UPDATE document SET summary = $2, payload = $3 WHERE id = $1",
        &[&id.0, &summary, &payload],
    )?;
    Ok(())
}

pub(super) fn edit(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    c: &NewScheduleChange,
) -> Result<ScheduleChange> {
    let current = check_version(tx, id, c.expected_version)?;
    let (summary, payload) = current_content(tx, id)?;
    set_content(tx, id, &c.summary, &c.payload)?;
    let logged = log(
        tx,
        id,
        &LogEntry {
            version: current + 1,
            kind: ChangeKind::Edit,
            undoes: None,
            actor: &c.actor,
            at: c.at,
            description: &c.description,
            changes: &c.changes,
            before: (&summary, &payload),
        },
    )?;
    // the change records of an edited published schedule, last in this transaction
    super::outbox::append_changes(tx, &c.records)?;
    Ok(logged)
}

pub(super) fn undo(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    expected: Option<u64>,
    (actor, at): (&str, DateTime<Utc>),
    records: &UndoRecords<'_>,
) -> Result<ScheduleChange> {
    let current = match expected {
        Some(v) => check_version(tx, id, v)?,
        None => version(tx, id)?,
    };
    let last = tx.query_opt(
        "SELECT version, before_summary, before_payload FROM schedule_edit
         WHERE schedule_id = $1 AND kind = 'edit' AND NOT undone
         ORDER BY version DESC LIMIT 1",
        &[&id.0],
    )?;
    let Some(last) = last else {
        return Err(WfmError::Precondition {
            what: format!("schedule {id} has no edit left to undo"),
        });
    };
    let (undone, summary, payload): (i64, String, Vec<u8>) =
        (last.try_get(0)?, last.try_get(1)?, last.try_get(2)?);
    let (now_summary, now_payload) = current_content(tx, id)?;
    set_content(tx, id, &summary, &payload)?;
    tx.execute(
        "UPDATE schedule_edit SET undone = TRUE WHERE schedule_id = $1 AND version = $2",
        &[&id.0, &undone],
    )?;
    let records = records(current + 1, &now_payload, &payload)?;
    let undone = u64::try_from(undone).unwrap_or(0);
    let logged = log(
        tx,
        id,
        &LogEntry {
            version: current + 1,
            kind: ChangeKind::Undo,
            undoes: Some(undone),
            actor,
            at,
            description: &format!("undid version {undone}"),
            changes: "",
            before: (&now_summary, &now_payload),
        },
    )?;
    // the change records of undoing an edit of a published schedule, last in this
    // transaction
    super::outbox::append_changes(tx, &records)?;
    Ok(logged)
}
