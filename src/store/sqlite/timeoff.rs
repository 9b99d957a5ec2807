//! The time-off tables (allowances, the balance ledger with its running balances,
//! requests, overtime/VTO offers and responses) and [`SqliteTimeOff`], the
//! [`TimeOffTx`] of one SQLite transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Statement, params};
use wfm_scheduler::timeoff::{
    AllowanceKey, AllowanceRow, AllowanceSlot, Balance, BalanceRow, EntryKind, LedgerEntry,
    ResponseStatus, SlotOffer, SlotResponse, TimeOffRequest,
};

use super::in_table;
use super::timeoff_blocks::{
    self as blocks, AgentBalances, AllowanceDay, DayKey, day_and_second, slot_start,
};
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

/// Migration 11: allowances per day, balances per agent and upload lines per agent in
/// blocks (`super::timeoff_blocks`), the old rows moved into them. Idempotent as
/// migration 6 (rerun, it finds the old tables that rerun recreated empty).
pub(super) const BLOCK_MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS timeoff_allowance_day (
        grp        TEXT NOT NULL,
        day        INTEGER NOT NULL,
        activities TEXT NOT NULL,
        slots      BLOB NOT NULL,
        PRIMARY KEY (grp, day, activities)
    ) WITHOUT ROWID;
    INSERT INTO timeoff_allowance_day(grp, day, activities, slots)
        SELECT grp, day, activities, json_group_array(json_array(second, uploaded, used))
        FROM (SELECT grp, activities, uploaded, used,
                     (start - ((start % 86400) + 86400) % 86400) / 86400 AS day,
                     ((start % 86400) + 86400) % 86400 AS second
              FROM timeoff_allowance ORDER BY grp, start, activities)
        GROUP BY grp, day, activities;
    DROP TABLE timeoff_allowance;
    CREATE TABLE IF NOT EXISTS timeoff_agent_balance (
        agent    TEXT PRIMARY KEY,
        balances BLOB NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO timeoff_agent_balance(agent, balances)
        SELECT agent, json_group_array(json_array(activity, last_uploaded, net))
        FROM (SELECT * FROM timeoff_balance ORDER BY agent, activity)
        GROUP BY agent;
    DROP TABLE timeoff_balance;
    CREATE TABLE IF NOT EXISTS timeoff_ledger_lines (
        seq   INTEGER PRIMARY KEY REFERENCES timeoff_ledger(seq),
        lines BLOB NOT NULL
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

const ALLOWANCE: &str = "timeoff_allowance_day";
const BALANCE: &str = "timeoff_agent_balance";
const LEDGER: &str = "timeoff_ledger";

/// A group's allowance days in a range of days: two statements, as `?1 IS NULL OR grp =
/// ?1` would keep SQLite from the primary key's (grp, day) range and scan every day of
/// 13 months per decision.
const DAYS_OF_GROUP: &str = "SELECT grp, day, activities, slots FROM timeoff_allowance_day
     WHERE grp = ?1 AND day BETWEEN ?2 AND ?3";
/// Every group's allowance days in a range of days (`?1` is NULL).
const DAYS_OF_EVERY_GROUP: &str = "SELECT grp, day, activities, slots FROM timeoff_allowance_day
     WHERE ?1 IS NULL AND day BETWEEN ?2 AND ?3";

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

const PUT_DAYS: BatchInsert = BatchInsert {
    head: "INSERT OR REPLACE INTO timeoff_allowance_day(grp, day, activities, slots) VALUES ",
    row: "(?, ?, ?, ?)",
    tail: "",
};

const PUT_BALANCES: BatchInsert = BatchInsert {
    head: "INSERT OR REPLACE INTO timeoff_agent_balance(agent, balances) VALUES ",
    row: "(?, ?)",
    tail: "",
};

/// A stored request: its payload, numbered by its row.
fn request_row(id: i64, text: &str) -> Result<TimeOffRequest> {
    let mut r: TimeOffRequest = decode("timeoff_request", id, text)?;
    r.id = id;
    Ok(r)
}

impl SqliteTimeOff<'_> {
    /// One stored allowance day (`None`: none yet).
    fn day(&self, (group, day, activities): (&str, i64, &str)) -> Result<Option<AllowanceDay>> {
        let block: Option<Value> = self
            .0
            .prepare_cached(
                "SELECT slots FROM timeoff_allowance_day
                 WHERE grp = ?1 AND day = ?2 AND activities = ?3",
            )?
            .query_row(params![group, day, activities], |r| r.get(0))
            .optional()
            .map_err(in_table(ALLOWANCE))?;
        block
            .map(|b| {
                AllowanceDay::decode((&b).into(), || format!("{group} {activities} day {day}"))
            })
            .transpose()
    }

    fn put_day(&self, (group, day, activities): (&str, i64, &str), d: &AllowanceDay) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT OR REPLACE INTO timeoff_allowance_day(grp, day, activities, slots)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![group, day, activities, d.encode()?])?;
        Ok(())
    }

    /// One agent's stored balances (empty if none).
    fn agent_balances(&self, agent: &str) -> Result<AgentBalances> {
        let block: Option<Value> = self
            .0
            .prepare_cached("SELECT balances FROM timeoff_agent_balance WHERE agent = ?1")?
            .query_row([agent], |r| r.get(0))
            .optional()
            .map_err(in_table(BALANCE))?;
        block.map_or_else(
            || Ok(AgentBalances::default()),
            |b| AgentBalances::decode(agent, (&b).into()),
        )
    }

    fn put_agent_balances(&self, agent: &str, b: &AgentBalances) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT OR REPLACE INTO timeoff_agent_balance(agent, balances) VALUES (?1, ?2)",
            )?
            .execute(params![agent, b.encode()?])?;
        Ok(())
    }

    /// One ledger row (an upload run: its lines) per agent run of an upload.
    fn upload_runs(&self, rows: &[BalanceRow], upload: &Upload<'_>) -> Result<()> {
        let at = upload.at.timestamp();
        let mut entry = self.0.prepare_cached(
            "INSERT INTO timeoff_ledger(agent, activity, kind, seconds, at, actor, reason)
             VALUES (?1, '', 'upload', 0, ?2, ?3, ?4)",
        )?;
        let mut lines = self
            .0
            .prepare_cached("INSERT INTO timeoff_ledger_lines(seq, lines) VALUES (?1, ?2)")?;
        for run in blocks::agent_runs(rows) {
            entry.execute(params![run[0].agent, at, upload.actor, upload.reason])?;
            lines.execute(params![
                self.0.last_insert_rowid(),
                blocks::encode_lines(run)?
            ])?;
        }
        Ok(())
    }
}

/// One row of [`DAYS_OF_GROUP`] or [`DAYS_OF_EVERY_GROUP`], decoded.
fn day_row(r: &rusqlite::Row<'_>) -> Result<(DayKey, AllowanceDay)> {
    let (group, day, activities): (String, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let d = AllowanceDay::decode(r.get_ref(3)?, || format!("{group} {activities} day {day}"))?;
    Ok(((group, day, activities), d))
}

/// One ledger row as read: its columns and, for an upload run, its lines.
type LedgerRow = (
    i64,
    String,
    String,
    String,
    i64,
    i64,
    String,
    String,
    Option<i64>,
    Option<Value>,
);

/// The entries of one ledger row (an upload run: one per line).
fn ledger_entries(row: LedgerRow, out: &mut Vec<LedgerEntry>) -> Result<()> {
    let (seq, agent, activity, kind, seconds, at, actor, reason, request, lines) = row;
    let kind = EntryKind::parse(&kind).ok_or_else(|| WfmError::Damaged {
        table: LEDGER,
        detail: format!("entry {seq}: unknown kind {kind:?}"),
    })?;
    let at = instant(LEDGER, at)?;
    let entry = |activity: String, seconds: i64| LedgerEntry {
        agent: agent.clone(),
        activity,
        kind,
        seconds,
        at,
        actor: actor.clone(),
        reason: reason.clone(),
        request,
    };
    match lines {
        None => out.push(entry(activity, seconds)),
        Some(block) => out.extend(
            blocks::decode_lines(seq, (&block).into())?
                .into_iter()
                .map(|(activity, seconds)| entry(activity, seconds)),
        ),
    }
    Ok(())
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
            DAYS_OF_GROUP
        } else {
            DAYS_OF_EVERY_GROUP
        })?;
        let (first, last) = (day_and_second(lo).0, day_and_second(hi).0);
        let mut rows = stmt.query(params![group, first, last])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(in_table(ALLOWANCE))? {
            let ((group, day, activities), d) = day_row(r)?;
            for (second, uploaded, used) in d.0 {
                let start = slot_start(day, second);
                let Some(uploaded) = uploaded.filter(|_| (lo..=hi).contains(&start)) else {
                    continue;
                };
                out.push(AllowanceSlot {
                    key: AllowanceKey {
                        group: group.clone(),
                        activities: activities.clone(),
                        start: instant(ALLOWANCE, start)?,
                    },
                    uploaded_seconds: uploaded,
                    used_seconds: used,
                });
            }
        }
        // key order: group, start, activities (the rows come by group, day, activities)
        out.sort_by(|a, b| {
            (&a.key.group, a.key.start, &a.key.activities).cmp(&(
                &b.key.group,
                b.key.start,
                &b.key.activities,
            ))
        });
        Ok(out)
    }

    fn put_allowance(&self, key: &AllowanceKey, seconds: Option<i64>) -> Result<()> {
        let (day, second) = day_and_second(key.start.timestamp());
        let at = (key.group.as_str(), day, key.activities.as_str());
        let mut d = self.day(at)?.unwrap_or_default();
        d.put(second, seconds);
        self.put_day(at, &d)
    }

    fn put_allowances(&self, rows: &[AllowanceRow]) -> Result<()> {
        let days = blocks::allowance_days(rows);
        // the stored days of the upload's range, one query per group
        let mut ranges: Vec<(&str, i64, i64)> = Vec::new();
        for ((group, day, _), _) in &days {
            match ranges.iter_mut().find(|r| r.0 == group) {
                Some(r) => (r.1, r.2) = (r.1.min(*day), r.2.max(*day)),
                None => ranges.push((group, *day, *day)),
            }
        }
        let mut known: HashMap<DayKey, AllowanceDay> = HashMap::new();
        let mut stmt = self.0.prepare_cached(DAYS_OF_GROUP)?;
        for (group, first, last) in ranges {
            let mut rows = stmt.query(params![group, first, last])?;
            while let Some(r) = rows.next().map_err(in_table(ALLOWANCE))? {
                let (key, d) = day_row(r)?;
                known.insert(key, d);
            }
        }
        let mut stored: Vec<(DayKey, Vec<u8>)> = Vec::with_capacity(days.len());
        for (key, slots) in days {
            let mut d = known.remove(&key).unwrap_or_default();
            for (second, seconds) in slots {
                d.put(second, seconds);
            }
            let text = d.encode()?;
            stored.push((key, text));
        }
        PUT_DAYS.run(self.0, &stored, 4, |stmt, at, ((g, d, a), text)| {
            stmt.raw_bind_parameter(at, g)?;
            stmt.raw_bind_parameter(at + 1, d)?;
            stmt.raw_bind_parameter(at + 2, a)?;
            stmt.raw_bind_parameter(at + 3, text)
        })
    }

    fn use_allowance(&self, key: &AllowanceKey, seconds: i64) -> Result<()> {
        let (day, second) = day_and_second(key.start.timestamp());
        let at = (key.group.as_str(), day, key.activities.as_str());
        // no slot there: nothing changes (as an UPDATE of no row)
        if let Some(mut d) = self.day(at)?
            && d.use_seconds(second, seconds)
        {
            self.put_day(at, &d)?;
        }
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
        let mut balances = self.agent_balances(&e.agent)?;
        let after = balances.get(&e.activity).after(e.kind, e.seconds);
        balances.set(&e.activity, after);
        self.put_agent_balances(&e.agent, &balances)?;
        Ok(after)
    }

    fn upload_balances(&self, rows: &[BalanceRow], upload: &Upload<'_>) -> Result<()> {
        self.upload_runs(rows, upload)?;
        // an upload sets the balance, whatever it was; the agents in the order they come
        let mut agents: Vec<(&str, AgentBalances)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for run in blocks::agent_runs(rows) {
            let agent = run[0].agent.as_str();
            let i = match index.get(agent) {
                Some(&i) => i,
                None => {
                    agents.push((agent, self.agent_balances(agent)?));
                    index.insert(agent, agents.len() - 1);
                    agents.len() - 1
                }
            };
            agents[i].1.upload(run.iter());
        }
        let stored = agents
            .iter()
            .map(|(agent, b)| Ok((*agent, b.encode()?)))
            .collect::<Result<Vec<_>>>()?;
        PUT_BALANCES.run(self.0, &stored, 2, |stmt, at, (agent, text)| {
            stmt.raw_bind_parameter(at, agent)?;
            stmt.raw_bind_parameter(at + 1, text)
        })
    }

    fn balance(&self, agent: &str, activity: &str) -> Result<Balance> {
        Ok(self.agent_balances(agent)?.get(activity))
    }

    fn balances(&self) -> Result<Vec<(String, String, Balance)>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT agent, balances FROM timeoff_agent_balance ORDER BY agent")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(in_table(BALANCE))? {
            let agent: String = r.get(0)?;
            let b = AgentBalances::decode(&agent, r.get_ref(1)?)?;
            out.extend(
                b.iter()
                    .map(|(activity, b)| (agent.clone(), activity.to_owned(), b)),
            );
        }
        Ok(out)
    }

    fn ledger(
        &self,
        agent: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Vec<LedgerEntry>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT l.seq, agent, activity, kind, seconds, at, actor, reason, request, b.lines
             FROM timeoff_ledger l LEFT JOIN timeoff_ledger_lines b ON b.seq = l.seq
             WHERE (?1 IS NULL OR agent = ?1) AND at <= ?2 ORDER BY l.seq",
        )?;
        let until = until.map_or(i64::MAX, |t| t.timestamp());
        let rows = stmt.query_map(params![agent, until], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            ledger_entries(row.map_err(in_table(LEDGER))?, &mut out)?;
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
        conn.execute_batch(BLOCK_MIGRATION).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {DAYS_OF_GROUP}"))
            .unwrap()
            .query_map(params!["Support", 0, 3600], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("; ");
        assert!(
            plan.contains("USING PRIMARY KEY (grp=? AND day>? AND day<?)"),
            "{plan}"
        );
        assert!(!plan.contains("SCAN"), "{plan}");
    }

    /// A workspace of schema version 10 (one row per slot, balance and ledger line),
    /// upgraded: every old row reads as before and takes deductions and uploads.
    #[test]
    fn the_old_rows_read_the_same_after_the_upgrade_to_blocks() {
        use chrono::TimeZone;
        let conn = Connection::open_in_memory().unwrap();
        for sql in &super::super::schema::MIGRATIONS[..10] {
            conn.execute_batch(sql).unwrap();
        }
        let t = |d: u32, h: u32, m: u32| Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO timeoff_allowance VALUES
                 ('Support', 'VACAY', {a}, 15840, 7200), ('Support', 'SICK||VACAY', {a}, 3600, 0),
                 ('Support', 'VACAY', {b}, NULL, 1800), ('Sales', 'VACAY', {c}, 0, 0);
             INSERT INTO timeoff_ledger(agent, activity, kind, seconds, at, actor, reason, request)
             VALUES ('ana', 'VACAY', 'upload', 36000, {a}, 'sam', 'b.csv', NULL),
                    ('ben', 'VACAY', 'upload', 7200, {a}, 'sam', 'b.csv', NULL),
                    ('ana', 'VACAY', 'deduction', -3600, {b}, 'sam', 'request 1', 1);
             INSERT INTO timeoff_balance VALUES ('ana', 'VACAY', 36000, 32400),
                                                ('ben', 'VACAY', 7200, 7200);",
            a = t(20, 9, 0).timestamp(),
            b = t(20, 9, 15).timestamp(),
            c = t(21, 23, 45).timestamp(),
        ))
        .unwrap();
        let tx = SqliteTimeOff(&conn);
        let before_slots = tx_slots_v10(&conn);
        let before_ledger = tx_ledger_v10(&conn);
        conn.execute_batch(BLOCK_MIGRATION).unwrap();
        assert_eq!(tx.allowance_slots(None, None, None).unwrap(), before_slots);
        assert_eq!(tx.ledger(None, None).unwrap(), before_ledger);
        let b = |u, n| Balance {
            last_uploaded_seconds: u,
            net_seconds: n,
        };
        assert_eq!(
            tx.balances().unwrap(),
            [
                ("ana".into(), "VACAY".into(), b(36_000, 32_400)),
                ("ben".into(), "VACAY".into(), b(7200, 7200))
            ]
        );
        // the cleared slot kept what it used: uploaded again, 1800 s are taken
        let cleared = AllowanceKey::new("Support", "VACAY", t(20, 9, 15));
        tx.put_allowance(&cleared, Some(3600)).unwrap();
        tx.use_allowance(&cleared, 600).unwrap();
        let slot = tx
            .allowance_slots(Some("Support"), Some(t(20, 9, 30)), Some(t(20, 9, 45)))
            .unwrap();
        assert_eq!(slot.len(), 3, "{slot:?}");
        assert_eq!(
            (slot[2].uploaded_seconds, slot[2].used_seconds),
            (3600, 2400)
        );
        let mut e = before_ledger[2].clone();
        e.seconds = -400;
        assert_eq!(tx.append_ledger(&e).unwrap(), b(36_000, 32_000));
        assert_eq!(tx.ledger(Some("ana"), None).unwrap().len(), 3);
    }

    /// The slots as version 10 read them.
    fn tx_slots_v10(conn: &Connection) -> Vec<AllowanceSlot> {
        conn.prepare(
            "SELECT grp, activities, start, uploaded, used FROM timeoff_allowance
             WHERE uploaded IS NOT NULL ORDER BY grp, start, activities",
        )
        .unwrap()
        .query_map([], |r| {
            Ok(AllowanceSlot {
                key: AllowanceKey {
                    group: r.get(0)?,
                    activities: r.get(1)?,
                    start: DateTime::from_timestamp(r.get(2)?, 0).unwrap(),
                },
                uploaded_seconds: r.get(3)?,
                used_seconds: r.get(4)?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// The ledger as version 10 read it.
    fn tx_ledger_v10(conn: &Connection) -> Vec<LedgerEntry> {
        conn.prepare(
            "SELECT agent, activity, kind, seconds, at, actor, reason, request FROM timeoff_ledger
             ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok(LedgerEntry {
                agent: r.get(0)?,
                activity: r.get(1)?,
                kind: EntryKind::parse(&r.get::<_, String>(2)?).unwrap(),
                seconds: r.get(3)?,
                at: DateTime::from_timestamp(r.get(4)?, 0).unwrap(),
                actor: r.get(5)?,
                reason: r.get(6)?,
                request: r.get(7)?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }
}
