//! The schedule change outbox in SQLite: `schedule_change`, one row per record, its
//! `seq` an AUTOINCREMENT key (only grows, never reused) and its `key` UNIQUE (appending
//! a record again stores nothing). Appended inside the caller's transaction: a
//! publication ([`publish_replacing`]) or, later, a stored edit calls [`append`] in
//! the transaction that makes the change.

use rusqlite::{Connection, params};

use super::{in_table, parse_time};
use crate::error::{Result, WfmError};
use crate::store::document_rules::DocumentRows;
use crate::store::{ChangeRecord, DocumentId, NewChange, Replacement};

/// The table. No foreign key to `document`: a record outlives the schedule it names
/// (a replaced published schedule is deleted; what agents were told stays).
pub(super) const MIGRATION: &str = "
    CREATE TABLE schedule_change (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        key         TEXT NOT NULL UNIQUE,
        schedule_id INTEGER NOT NULL,
        revision    INTEGER NOT NULL,
        cause       TEXT NOT NULL CHECK (cause IN ('publish', 'edit')),
        agent       TEXT NOT NULL,
        dates       TEXT NOT NULL,
        before      TEXT NOT NULL,
        after       TEXT NOT NULL,
        actor       TEXT NOT NULL,
        at          TEXT NOT NULL
    );
    CREATE INDEX schedule_change_schedule ON schedule_change(schedule_id);
";

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| WfmError::Encode {
        what: "a change record as JSON",
        detail: e.to_string(),
    })
}

/// Appends `changes` in order inside the caller's transaction; returns the sequence
/// numbers of the records stored (a record whose key is stored already is skipped, and
/// takes no number: the numbers have no gaps). `NOT EXISTS` rather than `ON CONFLICT DO
/// NOTHING`, which would use up a number per skipped record.
///
/// # Errors
/// A storage failure (the caller's transaction is then rolled back).
pub(super) fn append(conn: &Connection, changes: &[NewChange]) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "INSERT INTO schedule_change
             (key, schedule_id, revision, cause, agent, dates, before, after, actor, at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
         WHERE NOT EXISTS (SELECT 1 FROM schedule_change WHERE key = ?1)",
    )?;
    let mut seqs = Vec::new();
    for c in changes {
        let n = st.execute(params![
            c.key(),
            c.schedule.0,
            c.revision,
            c.cause.as_str(),
            c.change.agent,
            json(&c.change.dates)?,
            json(&c.change.before)?,
            json(&c.change.after)?,
            c.actor.name(),
            c.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ])?;
        if n == 1 {
            seqs.push(conn.last_insert_rowid());
        }
    }
    Ok(seqs)
}

fn decode<T: serde::de::DeserializeOwned>(seq: i64, column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| WfmError::Damaged {
        table: "schedule_change",
        detail: format!("record {seq}: {column} does not decode: {e}"),
    })
}

/// Up to `limit` records with a sequence number above `after`, in order.
///
/// # Errors
/// A storage failure; `Damaged` for a record that does not decode.
pub(super) fn since(conn: &Connection, after: i64, limit: usize) -> Result<Vec<ChangeRecord>> {
    let damaged = in_table("schedule_change");
    let mut st = conn
        .prepare_cached(
            "SELECT seq, key, schedule_id, revision, cause, agent, dates, before, after, actor, at
             FROM schedule_change WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )
        .map_err(&damaged)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut rows = st.query(params![after, limit]).map_err(&damaged)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(&damaged)? {
        let seq: i64 = r.get(0)?;
        let text = |i: usize| r.get::<_, String>(i);
        let cause = text(4)?;
        out.push(ChangeRecord {
            seq,
            key: text(1)?,
            schedule: DocumentId(r.get(2)?),
            revision: r.get(3)?,
            cause: cause.parse().map_err(|e: String| WfmError::Damaged {
                table: "schedule_change",
                detail: format!("record {seq}: {e}"),
            })?,
            agent: text(5)?,
            dates: decode(seq, "dates", &text(6)?)?,
            before: decode(seq, "before", &text(7)?)?,
            after: decode(seq, "after", &text(8)?)?,
            actor: text(9)?,
            at: parse_time(&text(10)?)?,
        });
    }
    Ok(out)
}

/// [`DocumentRows::publish_replacing`] and the change records of the publication,
/// in the caller's transaction.
pub(super) fn publish_replacing(
    conn: &Connection,
    id: DocumentId,
    seen: &[DocumentId],
    replaces: &[DocumentId],
    changes: &[NewChange],
) -> Result<(Replacement, Vec<i64>)> {
    let done = super::documents::Rows(conn).publish_replacing(id, seen, replaces)?;
    let seqs = append(conn, changes)?;
    Ok((done, seqs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::outbox::sample_change as change;

    fn connection() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATION).unwrap();
        conn
    }

    #[test]
    fn appending_a_record_again_stores_nothing_and_the_cursor_pages_in_order() {
        let conn = connection();
        let first = [change("ana", 1), change("ben", 1)];
        assert_eq!(append(&conn, &first).unwrap(), [1, 2]);
        // a retried transaction: the same keys, nothing new
        assert!(append(&conn, &first).unwrap().is_empty());
        assert_eq!(append(&conn, &[change("ana", 2)]).unwrap(), [3]);
        let all = since(&conn, 0, 10).unwrap();
        let keys: Vec<&str> = all.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["3/1/edit/ana", "3/1/edit/ben", "3/2/edit/ana"]);
        assert_eq!(all[0].actor, "sam");
        assert_eq!(all[0].dates, first[0].change.dates);
        let page = since(&conn, 1, 1).unwrap();
        assert_eq!(page.iter().map(|r| r.seq).collect::<Vec<_>>(), [2]);
        assert!(since(&conn, 3, 10).unwrap().is_empty());
    }

    #[test]
    fn a_damaged_record_is_named() {
        let conn = connection();
        append(&conn, &[change("ana", 1)]).unwrap();
        conn.execute("UPDATE schedule_change SET before = 'x'", [])
            .unwrap();
        let e = since(&conn, 0, 10).unwrap_err();
        assert!(
            matches!(&e, WfmError::Damaged { table: "schedule_change", detail } if detail.contains("record 1: before")),
            "{e}"
        );
    }
}
