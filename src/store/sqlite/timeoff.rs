//! The time-off tables (allowances, the balance ledger with its running balances,
//! requests, overtime/VTO offers and responses) and [`SqliteTimeOff`], the
//! [`TimeOffTx`] of one SQLite transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Statement, params};
use wfm_scheduler::timeoff::{
    AllowanceKey, AllowanceRow, AllowanceSlot, Balance, BalanceRow, EntryKind, LedgerEntry,
    ResponseStatus, SlotOffer, SlotResponse, TimeOffRequest,
};

use super::in_table;
use crate::error::{Result, WfmError};
use crate::timeoff::{RequestFilter, TimeOffTx, Upload};

/// The time-off tables (one migration; idempotent, so a file that has them already —
/// a test rewinding `user_version` — upgrades too).
pub(super) const MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS timeoff_allowance (
        grp        TEXT NOT NULL,
        activities TEXT NOT NULL,
        start      INTEGER NOT NULL,
        uploaded   INTEGER,
        used       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (grp, start, activities)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS timeoff_ledger (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        agent    TEXT NOT NULL,
        activity TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('upload', 'deduction', 'recredit', 'adjustment')),
        seconds  INTEGER NOT NULL,
        at       INTEGER NOT NULL,
        actor    TEXT NOT NULL,
        reason   TEXT NOT NULL,
        request  INTEGER
    );
    CREATE INDEX IF NOT EXISTS timeoff_ledger_agent ON timeoff_ledger(agent);
    CREATE TABLE IF NOT EXISTS timeoff_balance (
        agent         TEXT NOT NULL,
        activity      TEXT NOT NULL,
        last_uploaded INTEGER NOT NULL,
        net           INTEGER NOT NULL,
        PRIMARY KEY (agent, activity)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS timeoff_request (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        agent      TEXT NOT NULL,
        grp        TEXT NOT NULL,
        status     TEXT NOT NULL,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        payload    TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS timeoff_request_status ON timeoff_request(status, grp);
    CREATE INDEX IF NOT EXISTS timeoff_request_agent ON timeoff_request(agent);
    CREATE TABLE IF NOT EXISTS timeoff_offer (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        payload TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS timeoff_response (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        offer  INTEGER NOT NULL REFERENCES timeoff_offer(id),
        agent  TEXT NOT NULL,
        status TEXT NOT NULL,
        at     INTEGER NOT NULL,
        actor  TEXT NOT NULL,
        UNIQUE (offer, agent)
    );
";

/// The time-off tables inside one open transaction.
pub(crate) struct SqliteTimeOff<'a>(pub(crate) &'a Connection);

fn instant(table: &'static str, secs: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| WfmError::Damaged {
        table,
        detail: format!("time {secs} out of range"),
    })
}

fn decode<T: serde::de::DeserializeOwned>(table: &'static str, id: i64, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| WfmError::Damaged {
        table,
        detail: format!("row {id} does not decode: {e}"),
    })
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| WfmError::Encode {
        what: "a time-off record as JSON",
        detail: e.to_string(),
    })
}

const ALLOWANCE: &str = "timeoff_allowance";

/// A group's slots in a time range: two statements, as `?1 IS NULL OR grp = ?1` would
/// keep SQLite from the primary key's (grp, start) range and scan every slot of 13
/// months per decision.
const SLOTS_OF_GROUP: &str = "SELECT grp, activities, start, uploaded, used FROM timeoff_allowance
     WHERE grp = ?1 AND start BETWEEN ?2 AND ?3 AND uploaded IS NOT NULL
     ORDER BY grp, start, activities";
/// Every group's slots in a time range (`?1` is NULL).
const SLOTS_OF_EVERY_GROUP: &str =
    "SELECT grp, activities, start, uploaded, used FROM timeoff_allowance
     WHERE ?1 IS NULL AND start BETWEEN ?2 AND ?3 AND uploaded IS NOT NULL
     ORDER BY grp, start, activities";

/// Rows per multi-row `INSERT` of an upload (a million-row file is one upload).
const BATCH: usize = 128;

/// A multi-row `INSERT`: `head`, then `row` (its `?` parameters) `n` times, then `tail`;
/// built from constants only, every value bound.
struct BatchInsert {
    head: &'static str,
    row: &'static str,
    tail: &'static str,
}

impl BatchInsert {
    fn sql(&self, n: usize) -> String {
        let mut sql =
            String::with_capacity(self.head.len() + n * (self.row.len() + 1) + self.tail.len());
        sql.push_str(self.head);
        for i in 0..n {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(self.row);
        }
        sql.push_str(self.tail);
        sql
    }

    /// Inserts `rows`, [`BATCH`] per statement (the full batch's statement prepared once
    /// and reused); `bind` binds one row's parameters from the 1-based index given.
    fn run<T>(
        &self,
        conn: &Connection,
        rows: &[T],
        per_row: usize,
        bind: impl Fn(&mut Statement<'_>, usize, &T) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut full = conn.prepare_cached(&self.sql(BATCH))?;
        for chunk in rows.chunks(BATCH) {
            let mut rest;
            let stmt: &mut Statement<'_> = if chunk.len() == BATCH {
                &mut full
            } else {
                rest = conn.prepare(&self.sql(chunk.len()))?;
                &mut rest
            };
            for (i, r) in chunk.iter().enumerate() {
                bind(stmt, i * per_row + 1, r)?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }
}

const PUT_ALLOWANCES: BatchInsert = BatchInsert {
    head: "INSERT INTO timeoff_allowance(grp, activities, start, uploaded) VALUES ",
    row: "(?, ?, ?, ?)",
    tail: " ON CONFLICT(grp, start, activities) DO UPDATE SET uploaded = excluded.uploaded",
};

const UPLOAD_LEDGER: BatchInsert = BatchInsert {
    head: "INSERT INTO timeoff_ledger(agent, activity, kind, seconds, at, actor, reason) VALUES ",
    row: "(?, ?, 'upload', ?, ?, ?, ?)",
    tail: "",
};

const UPLOAD_BALANCES: BatchInsert = BatchInsert {
    head: "INSERT INTO timeoff_balance(agent, activity, last_uploaded, net) VALUES ",
    row: "(?, ?, ?, ?)",
    tail: " ON CONFLICT(agent, activity) DO UPDATE SET last_uploaded = excluded.last_uploaded,
           net = excluded.net",
};

/// A stored request: its payload, numbered by its row.
fn request_row(id: i64, text: &str) -> Result<TimeOffRequest> {
    let mut r: TimeOffRequest = decode("timeoff_request", id, text)?;
    r.id = id;
    Ok(r)
}

impl TimeOffTx for SqliteTimeOff<'_> {
    fn allowance_slots(
        &self,
        group: Option<&str>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<AllowanceSlot>> {
        let lo = from.map_or(i64::MIN, |t| t.timestamp() - 3599);
        let hi = to.map_or(i64::MAX, |t| t.timestamp() - 1);
        let mut stmt = self.0.prepare_cached(if group.is_some() {
            SLOTS_OF_GROUP
        } else {
            SLOTS_OF_EVERY_GROUP
        })?;
        let rows = stmt.query_map(params![group, lo, hi], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (group, activities, start, uploaded, used) = row.map_err(in_table(ALLOWANCE))?;
            out.push(AllowanceSlot {
                key: AllowanceKey {
                    group,
                    activities,
                    start: instant(ALLOWANCE, start)?,
                },
                uploaded_seconds: uploaded,
                used_seconds: used,
            });
        }
        Ok(out)
    }

    fn put_allowance(&self, key: &AllowanceKey, seconds: Option<i64>) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO timeoff_allowance(grp, activities, start, uploaded) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(grp, start, activities) DO UPDATE SET uploaded = excluded.uploaded",
            )?
            .execute(params![key.group, key.activities, key.start.timestamp(), seconds])?;
        Ok(())
    }

    fn put_allowances(&self, rows: &[AllowanceRow]) -> Result<()> {
        PUT_ALLOWANCES.run(self.0, rows, 4, |stmt, at, r| {
            stmt.raw_bind_parameter(at, &r.key.group)?;
            stmt.raw_bind_parameter(at + 1, &r.key.activities)?;
            stmt.raw_bind_parameter(at + 2, r.key.start.timestamp())?;
            stmt.raw_bind_parameter(at + 3, r.seconds)
        })
    }

    fn use_allowance(&self, key: &AllowanceKey, seconds: i64) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE timeoff_allowance SET used = used + ?4
                 WHERE grp = ?1 AND activities = ?2 AND start = ?3",
            )?
            .execute(params![
                key.group,
                key.activities,
                key.start.timestamp(),
                seconds
            ])?;
        Ok(())
    }

    fn append_ledger(&self, e: &LedgerEntry) -> Result<Balance> {
        self.0
            .prepare_cached(
                "INSERT INTO timeoff_ledger(agent, activity, kind, seconds, at, actor, reason, request)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                e.agent,
                e.activity,
                e.kind.as_str(),
                e.seconds,
                e.at.timestamp(),
                e.actor,
                e.reason,
                e.request
            ])?;
        let after = self
            .balance(&e.agent, &e.activity)?
            .after(e.kind, e.seconds);
        self.0
            .prepare_cached(
                "INSERT INTO timeoff_balance(agent, activity, last_uploaded, net) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(agent, activity) DO UPDATE SET last_uploaded = excluded.last_uploaded,
                 net = excluded.net",
            )?
            .execute(params![e.agent, e.activity, after.last_uploaded_seconds, after.net_seconds])?;
        Ok(after)
    }

    fn upload_balances(&self, rows: &[BalanceRow], upload: &Upload<'_>) -> Result<()> {
        let at = upload.at.timestamp();
        UPLOAD_LEDGER.run(self.0, rows, 6, |stmt, i, r| {
            stmt.raw_bind_parameter(i, &r.agent)?;
            stmt.raw_bind_parameter(i + 1, &r.activity)?;
            stmt.raw_bind_parameter(i + 2, r.seconds)?;
            stmt.raw_bind_parameter(i + 3, at)?;
            stmt.raw_bind_parameter(i + 4, upload.actor)?;
            stmt.raw_bind_parameter(i + 5, upload.reason)
        })?;
        // an upload sets the balance, whatever it was: no read
        UPLOAD_BALANCES.run(self.0, rows, 4, |stmt, i, r| {
            stmt.raw_bind_parameter(i, &r.agent)?;
            stmt.raw_bind_parameter(i + 1, &r.activity)?;
            stmt.raw_bind_parameter(i + 2, r.seconds)?;
            stmt.raw_bind_parameter(i + 3, r.seconds)
        })
    }

    fn balance(&self, agent: &str, activity: &str) -> Result<Balance> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT last_uploaded, net FROM timeoff_balance WHERE agent = ?1 AND activity = ?2",
            )?
            .query_row(params![agent, activity], |r| {
                Ok(Balance {
                    last_uploaded_seconds: r.get(0)?,
                    net_seconds: r.get(1)?,
                })
            })
            .optional()
            .map_err(in_table("timeoff_balance"))?
            .unwrap_or_default())
    }

    fn balances(&self) -> Result<Vec<(String, String, Balance)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT agent, activity, last_uploaded, net FROM timeoff_balance ORDER BY agent, activity",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Balance {
                    last_uploaded_seconds: r.get(2)?,
                    net_seconds: r.get(3)?,
                },
            ))
        })?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(in_table("timeoff_balance"))
    }

    fn ledger(
        &self,
        agent: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT seq, agent, activity, kind, seconds, at, actor, reason, request FROM timeoff_ledger
             WHERE (?1 IS NULL OR agent = ?1) AND at <= ?2 ORDER BY seq",
        )?;
        let until = until.map_or(i64::MAX, |t| t.timestamp());
        let rows = stmt.query_map(params![agent, until], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<i64>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, agent, activity, kind, seconds, at, actor, reason, request) =
                row.map_err(in_table("timeoff_ledger"))?;
            let kind = EntryKind::parse(&kind).ok_or_else(|| WfmError::Damaged {
                table: "timeoff_ledger",
                detail: format!("entry {seq}: unknown kind {kind:?}"),
            })?;
            out.push(LedgerEntry {
                agent,
                activity,
                kind,
                seconds,
                at: instant("timeoff_ledger", at)?,
                actor,
                reason,
                request,
            });
        }
        Ok(out)
    }

    fn insert_request(&self, r: &TimeOffRequest) -> Result<i64> {
        // the payload's id is the row's (set when read back): one write, no update
        self.0
            .prepare_cached(
                "INSERT INTO timeoff_request(agent, grp, status, start, end, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                r.agent,
                r.forecast_group,
                r.status.as_str(),
                r.start.timestamp(),
                r.end.timestamp(),
                encode(r)?
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    fn update_request(&self, r: &TimeOffRequest) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE timeoff_request SET agent = ?2, grp = ?3, status = ?4, start = ?5, end = ?6,
                 payload = ?7 WHERE id = ?1",
            )?
            .execute(params![
                r.id,
                r.agent,
                r.forecast_group,
                r.status.as_str(),
                r.start.timestamp(),
                r.end.timestamp(),
                encode(r)?
            ])?;
        Ok(())
    }

    fn request(&self, id: i64) -> Result<Option<TimeOffRequest>> {
        let text: Option<String> = self
            .0
            .prepare_cached("SELECT payload FROM timeoff_request WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()
            .map_err(in_table("timeoff_request"))?;
        text.map(|t| request_row(id, &t)).transpose()
    }

    fn requests(&self, f: &RequestFilter) -> Result<Vec<TimeOffRequest>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id, payload FROM timeoff_request
             WHERE (?1 IS NULL OR instr(lower(agent), lower(?1)) > 0)
               AND (?2 IS NULL OR status = ?2) AND end > ?3 AND start < ?4
               AND (?5 IS NULL OR grp = ?5)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(
            params![
                f.agent,
                f.status.map(|s| s.as_str()),
                f.from.map_or(i64::MIN, |t| t.timestamp()),
                f.to.map_or(i64::MAX, |t| t.timestamp()),
                f.forecast_group
            ],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, text) = row.map_err(in_table("timeoff_request"))?;
            out.push(request_row(id, &text)?);
        }
        Ok(out)
    }

    fn insert_offer(&self, offer: &SlotOffer) -> Result<i64> {
        self.0
            .prepare_cached("INSERT INTO timeoff_offer(payload) VALUES ('')")?
            .execute([])?;
        let id = self.0.last_insert_rowid();
        let mut stored = offer.clone();
        stored.id = id;
        self.0
            .prepare_cached("UPDATE timeoff_offer SET payload = ?2 WHERE id = ?1")?
            .execute(params![id, encode(&stored)?])?;
        Ok(id)
    }

    fn offer(&self, id: i64) -> Result<Option<SlotOffer>> {
        let text: Option<String> = self
            .0
            .prepare_cached("SELECT payload FROM timeoff_offer WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()
            .map_err(in_table("timeoff_offer"))?;
        text.map(|t| decode("timeoff_offer", id, &t)).transpose()
    }

    fn offers(&self) -> Result<Vec<SlotOffer>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT id, payload FROM timeoff_offer ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, text) = row.map_err(in_table("timeoff_offer"))?;
            out.push(decode("timeoff_offer", id, &text)?);
        }
        Ok(out)
    }

    fn responses(&self, offer: i64) -> Result<Vec<SlotResponse>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT agent, status, at, actor FROM timeoff_response WHERE offer = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([offer], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (agent, status, at, actor) = row.map_err(in_table("timeoff_response"))?;
            let status = ResponseStatus::parse(&status).ok_or_else(|| WfmError::Damaged {
                table: "timeoff_response",
                detail: format!("offer {offer}, agent {agent}: unknown status {status:?}"),
            })?;
            out.push(SlotResponse {
                offer,
                agent,
                status,
                at: instant("timeoff_response", at)?,
                actor,
            });
        }
        Ok(out)
    }

    fn put_response(&self, r: &SlotResponse) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO timeoff_response(offer, agent, status, at, actor) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(offer, agent) DO UPDATE SET status = excluded.status, at = excluded.at,
                 actor = excluded.actor",
            )?
            .execute(params![r.offer, r.agent, r.status.as_str(), r.at.timestamp(), r.actor])?;
        Ok(())
    }

    fn edit_schedule(
        &self,
        id: crate::store::DocumentId,
        change: &crate::store::NewScheduleChange,
    ) -> Result<crate::store::ScheduleChange> {
        super::schedule_edits::edit(self.0, id, change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_reads_its_groups_slots_through_the_primary_key_not_a_scan() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATION).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {SLOTS_OF_GROUP}"))
            .unwrap()
            .query_map(params!["Support", 0, 3600], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("; ");
        assert!(
            plan.contains("USING PRIMARY KEY (grp=? AND start>? AND start<?)"),
            "{plan}"
        );
        assert!(!plan.contains("SCAN"), "{plan}");
    }
}
