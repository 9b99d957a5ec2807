//! The adherence tables: imported agent state events and the computed adherence per
//! agent and day with its exceptions.
//!
//! Events are stored in blocks of up to 8192 (`agent_event_block`, see [`block`]), each
//! with its first and last instant: an import writes a few rows instead of one per event.
//! An event already stored (its key among the stored events of the same stretch of time,
//! in an earlier import) is not stored twice. Workspaces written before blocks keep their
//! event rows in `agent_event`, read as before.

mod block;

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};
use wfm_scheduler::adherence::{
    AdherenceException, AdherenceTotals, AgentEvent, DayAdherence, EventKey, EventType,
    ScheduledKind,
};

use super::{SqliteStore, in_table, parse_time};
use crate::adherence::store::{AdherenceStore, EventImportInfo, EventSink};
use crate::error::{Result, WfmError};

/// The migration adding the adherence tables.
pub(super) const MIGRATION: &str = "
    CREATE TABLE adherence_import (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        file      TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        actor     TEXT NOT NULL,
        events    INTEGER NOT NULL
    );
    CREATE TABLE agent_event (
        key        BLOB PRIMARY KEY,
        import_id  INTEGER NOT NULL REFERENCES adherence_import(id) ON DELETE CASCADE,
        line       INTEGER NOT NULL,
        agent      TEXT NOT NULL,
        at         INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        state      TEXT NOT NULL,
        on_contact INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX agent_event_at ON agent_event(at);
    CREATE TABLE adherence_day (
        agent           TEXT NOT NULL,
        day             TEXT NOT NULL,
        scheduled_ms    INTEGER NOT NULL,
        adherent_ms     INTEGER NOT NULL,
        non_adherent_ms INTEGER NOT NULL,
        computed_at     TEXT NOT NULL,
        PRIMARY KEY (day, agent)
    );
    CREATE TABLE adherence_exception (
        day        TEXT NOT NULL,
        agent      TEXT NOT NULL,
        start_ms   INTEGER NOT NULL,
        end_ms     INTEGER NOT NULL,
        activity   TEXT NOT NULL,
        scheduled  TEXT NOT NULL,
        state      TEXT NOT NULL,
        on_contact INTEGER NOT NULL
    );
    CREATE INDEX adherence_exception_day ON adherence_exception(day, agent);
";

/// The migration adding event blocks (the rows of `agent_event` stay readable).
pub(super) const BLOCK_MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS agent_event_block (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        import_id INTEGER NOT NULL REFERENCES adherence_import(id) ON DELETE CASCADE,
        min_at    INTEGER NOT NULL,
        max_at    INTEGER NOT NULL,
        events    INTEGER NOT NULL,
        data      BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS agent_event_block_at ON agent_event_block(min_at, max_at);
";

struct Sink<'c> {
    conn: &'c Connection,
    import_id: i64,
    stored: u64,
    /// Keys stored by earlier imports, of the blocks and stretches loaded so far.
    known: HashSet<EventKey>,
    loaded_blocks: HashSet<i64>,
    /// Stretches of `agent_event` rows whose keys are in `known`.
    loaded_rows: Vec<(i64, i64)>,
}

impl Sink<'_> {
    /// Loads the keys earlier imports stored with `from <= at <= to`.
    fn load_keys(&mut self, from: i64, to: i64) -> Result<()> {
        let mut blocks = self.conn.prepare_cached(
            "SELECT id, data FROM agent_event_block
             WHERE import_id <> ?1 AND min_at <= ?3 AND max_at >= ?2",
        )?;
        let mut rows = blocks.query((self.import_id, from, to))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if !self.loaded_blocks.insert(id) {
                continue;
            }
            let bad = |e: String| damaged("agent_event_block", format!("block {id}: {e}"));
            let data = r.get_ref(1)?.as_blob().map_err(|e| bad(e.to_string()))?;
            let keys = block::keys(data).map_err(bad)?;
            self.known.extend(keys);
        }
        if self.loaded_rows.iter().any(|&(a, b)| a <= from && to <= b) {
            return Ok(());
        }
        let mut old = self
            .conn
            .prepare_cached("SELECT key FROM agent_event WHERE at >= ?1 AND at <= ?2")?;
        let mut rows = old.query((from, to))?;
        while let Some(r) = rows.next()? {
            let key = r.get_ref(0)?.as_blob().ok().map(<[u8; 16]>::try_from);
            if let Some(Ok(k)) = key {
                self.known.insert(EventKey(u128::from_be_bytes(k)));
            }
        }
        self.loaded_rows.push((from, to));
        Ok(())
    }
}

impl EventSink for Sink<'_> {
    fn add(&mut self, events: &[AgentEvent]) -> Result<u64> {
        let Some((from, to)) = events.iter().fold(None, |r: Option<(i64, i64)>, e| {
            Some(r.map_or((e.at, e.at), |(a, b)| (a.min(e.at), b.max(e.at))))
        }) else {
            return Ok(0);
        };
        self.load_keys(from, to)?;
        let fresh: Vec<AgentEvent>;
        let events = if !self.known.is_empty() && events.iter().any(|e| self.known.contains(&e.key))
        {
            fresh = events
                .iter()
                .filter(|e| !self.known.contains(&e.key))
                .cloned()
                .collect();
            &fresh[..]
        } else {
            events
        };
        if events.is_empty() {
            return Ok(0);
        }
        let (min, max) = events
            .iter()
            .fold((i64::MAX, i64::MIN), |(a, b), e| (a.min(e.at), b.max(e.at)));
        self.conn
            .prepare_cached(
                "INSERT INTO agent_event_block(import_id, min_at, max_at, events, data)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                self.import_id,
                min,
                max,
                events.len() as i64,
                block::encode(events)
            ])?;
        let new = events.len() as u64;
        self.stored += new;
        Ok(new)
    }
}

fn damaged(table: &'static str, detail: String) -> WfmError {
    WfmError::Damaged { table, detail }
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl AdherenceStore for SqliteStore {
    fn import_events(
        &mut self,
        file: &str,
        loaded_at: DateTime<Utc>,
        actor: &str,
        fill: &mut dyn FnMut(&mut dyn EventSink) -> Result<()>,
    ) -> Result<EventImportInfo> {
        let at = loaded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO adherence_import(file, loaded_at, actor, events) VALUES (?1, ?2, ?3, 0)",
                (file, &at, actor),
            )?;
            let mut sink = Sink {
                conn: tx,
                import_id: tx.last_insert_rowid(),
                stored: 0,
                known: HashSet::new(),
                loaded_blocks: HashSet::new(),
                loaded_rows: Vec::new(),
            };
            fill(&mut sink)?;
            tx.execute(
                "UPDATE adherence_import SET events = ?2 WHERE id = ?1",
                (sink.import_id, sink.stored as i64),
            )?;
            Ok(EventImportInfo {
                id: sink.import_id,
                file: file.to_owned(),
                loaded_at,
                actor: actor.to_owned(),
                events: sink.stored,
            })
        })
    }

    fn event_imports(&self) -> Result<Vec<EventImportInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, file, loaded_at, actor, events FROM adherence_import ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        rows.map(|r| {
            let (id, file, at, actor, events) = r.map_err(in_table("adherence_import"))?;
            Ok(EventImportInfo {
                id,
                file,
                loaded_at: parse_time(&at)?,
                actor,
                events: events.max(0) as u64,
            })
        })
        .collect()
    }

    fn events_between(&self, from: i64, to: i64) -> Result<Vec<AgentEvent>> {
        // (at, import, line) orders ties as the imports did
        let mut out: Vec<(i64, AgentEvent)> = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, import_id, data FROM agent_event_block
             WHERE min_at < ?2 AND max_at >= ?1 ORDER BY import_id, id",
        )?;
        let mut rows = stmt.query((from, to))?;
        while let Some(r) = rows.next()? {
            let (id, import): (i64, i64) = (r.get(0)?, r.get(1)?);
            let bad = |e: String| damaged("agent_event_block", format!("block {id}: {e}"));
            let data = r.get_ref(2)?.as_blob().map_err(|e| bad(e.to_string()))?;
            let events = block::decode(data, from, to).map_err(bad)?;
            out.extend(events.into_iter().map(|e| (import, e)));
        }
        out.extend(self.event_rows(from, to)?);
        // blocks are each in time order: the sort merges runs
        out.sort_by_key(|a| (a.1.at, a.0, a.1.line));
        Ok(out.into_iter().map(|(_, e)| e).collect())
    }

    fn replace_adherence(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        days: &[DayAdherence],
        computed_at: DateTime<Utc>,
    ) -> Result<()> {
        let at = computed_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (from, to) = (day_text(from), day_text(to));
        self.write(|tx| {
            tx.execute("DELETE FROM adherence_day WHERE day BETWEEN ?1 AND ?2", (&from, &to))?;
            tx.execute("DELETE FROM adherence_exception WHERE day BETWEEN ?1 AND ?2", (&from, &to))?;
            let mut day_row = tx.prepare_cached(
                "INSERT OR REPLACE INTO adherence_day(agent, day, scheduled_ms, adherent_ms, non_adherent_ms, computed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut exc = tx.prepare_cached(
                "INSERT INTO adherence_exception(day, agent, start_ms, end_ms, activity, scheduled, state, on_contact)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for d in days {
                let day = day_text(d.day);
                let t = d.totals;
                day_row.execute(params![d.agent, day, t.scheduled_ms, t.adherent_ms, t.non_adherent_ms, at])?;
                for e in &d.exceptions {
                    exc.execute(params![
                        day,
                        d.agent,
                        e.start,
                        e.end,
                        e.scheduled_activity,
                        e.scheduled.as_str(),
                        e.actual_state,
                        e.on_contact
                    ])?;
                }
            }
            Ok(())
        })
    }

    fn adherence_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayAdherence>> {
        let (from, to) = (day_text(from), day_text(to));
        let mut stmt = self.conn.prepare(
            "SELECT agent, day, scheduled_ms, adherent_ms, non_adherent_ms FROM adherence_day
             WHERE day BETWEEN ?1 AND ?2 ORDER BY agent, day",
        )?;
        let rows = stmt.query_map((&from, &to), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (agent, day, scheduled_ms, adherent_ms, non_adherent_ms) =
                r.map_err(in_table("adherence_day"))?;
            let day = parse_day(&day, "adherence_day")?;
            out.push(DayAdherence {
                agent,
                day,
                totals: AdherenceTotals {
                    scheduled_ms,
                    adherent_ms,
                    non_adherent_ms,
                },
                exceptions: Vec::new(),
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT agent, day, start_ms, end_ms, activity, scheduled, state, on_contact FROM adherence_exception
             WHERE day BETWEEN ?1 AND ?2 ORDER BY agent, day, start_ms",
        )?;
        let rows = stmt.query_map((&from, &to), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?;
        let mut i = 0;
        for r in rows {
            let (agent, day, start, end, activity, scheduled, state, on_contact) =
                r.map_err(in_table("adherence_exception"))?;
            let day = parse_day(&day, "adherence_exception")?;
            while i < out.len() && (out[i].agent.as_str(), out[i].day) < (agent.as_str(), day) {
                i += 1;
            }
            let Some(row) = out.get_mut(i).filter(|d| d.agent == agent && d.day == day) else {
                return Err(damaged(
                    "adherence_exception",
                    format!("{agent:?} {day}: no day row"),
                ));
            };
            let scheduled = match scheduled.as_str() {
                "productive" => ScheduledKind::Productive,
                "non-productive" => ScheduledKind::NonProductive,
                other => {
                    return Err(damaged(
                        "adherence_exception",
                        format!("scheduled kind {other:?}"),
                    ));
                }
            };
            row.exceptions.push(AdherenceException {
                start,
                end,
                scheduled_activity: activity,
                scheduled,
                actual_state: state,
                on_contact,
            });
        }
        Ok(out)
    }
}

impl SqliteStore {
    /// The events of workspaces written before blocks, with their import.
    fn event_rows(&self, from: i64, to: i64) -> Result<Vec<(i64, AgentEvent)>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, line, agent, at, event_type, state, on_contact, import_id FROM agent_event
             WHERE at >= ?1 AND at < ?2",
        )?;
        let rows = stmt.query_map((from, to), |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        rows.map(|r| {
            let (key, line, agent, at, ty, state, on_contact, import) =
                r.map_err(in_table("agent_event"))?;
            let key: [u8; 16] = key.try_into().map_err(|_| {
                damaged(
                    "agent_event",
                    format!("event of {agent:?} at {at}: a key of the wrong length"),
                )
            })?;
            let event_type = EventType::parse(&ty).ok_or_else(|| {
                damaged(
                    "agent_event",
                    format!("event of {agent:?} at {at}: type {ty:?}"),
                )
            })?;
            let event = AgentEvent {
                key: EventKey(u128::from_be_bytes(key)),
                event_type,
                agent: agent.into(),
                at,
                state: state.into(),
                on_contact,
                line: line.max(0) as u64,
            };
            Ok((import, event))
        })
        .collect()
    }
}

fn parse_day(text: &str, table: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| damaged(table, format!("day {text:?}: {e}")))
}
