//! The adherence tables: imported agent state events (one row per event, keyed by its
//! de-duplication key, so an event imported twice is stored once) and the computed
//! adherence per agent and day with its exceptions.

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

struct Sink<'c> {
    conn: &'c Connection,
    import_id: i64,
    stored: u64,
}

impl EventSink for Sink<'_> {
    fn add(&mut self, events: &[AgentEvent]) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO agent_event(key, import_id, line, agent, at, event_type, state, on_contact)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut new = 0;
        for e in events {
            new += stmt.execute(params![
                &e.key.0.to_be_bytes()[..],
                self.import_id,
                e.line as i64,
                e.agent,
                e.at,
                e.event_type.as_str(),
                e.state,
                e.on_contact,
            ])? as u64;
        }
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
        let mut stmt = self.conn.prepare(
            "SELECT key, line, agent, at, event_type, state, on_contact FROM agent_event
             WHERE at >= ?1 AND at < ?2 ORDER BY at, import_id, line",
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
            ))
        })?;
        rows.map(|r| {
            let (key, line, agent, at, ty, state, on_contact) =
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
            Ok(AgentEvent {
                key: EventKey(u128::from_be_bytes(key)),
                event_type,
                agent,
                at,
                state,
                on_contact,
                line: line.max(0) as u64,
            })
        })
        .collect()
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

fn parse_day(text: &str, table: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| damaged(table, format!("day {text:?}: {e}")))
}
