//! Queues and forecast groups in SQLite: the SQL of the group rules
//! (`store/group_rules.rs`; a UNIQUE constraint backs "a queue in at most one group").

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use wfm_core::history::QueueId;

use super::now;
use crate::error::Result;
use crate::store::group_rules::{self, GroupRows};
use crate::store::{ForecastGroup, QueueInfo};

pub(super) fn queues(conn: &Connection) -> Result<Vec<QueueInfo>> {
    let mut channels: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut st =
        conn.prepare("SELECT DISTINCT queue_id, channel FROM history_chunk ORDER BY 1, 2")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (q, c) = row?;
        channels.entry(q).or_default().push(c);
    }
    let mut st = conn.prepare(
        "SELECT q.id, q.name, q.active, g.name, q.time_zone FROM queue q
         LEFT JOIN group_queue gq ON gq.queue_id = q.id
         LEFT JOIN forecast_group g ON g.id = gq.group_id ORDER BY q.id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        out.push(group_rules::queue_info(row?, &mut channels)?);
    }
    Ok(out)
}

pub(super) fn groups(conn: &Connection) -> Result<Vec<ForecastGroup>> {
    let mut st = conn.prepare(
        "SELECT g.name, gq.queue_id FROM forecast_group g
         LEFT JOIN group_queue gq ON gq.group_id = g.id ORDER BY g.name, gq.queue_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out: Vec<ForecastGroup> = Vec::new();
    for row in rows {
        let (name, queue) = row?;
        group_rules::push_group_row(&mut out, name, queue)?;
    }
    Ok(out)
}

/// The queue and group tables of a connection (in the caller's transaction), for the
/// rules.
pub(super) struct Rows<'c>(pub(super) &'c Connection);

impl GroupRows for Rows<'_> {
    fn group_id(&mut self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .0
            .query_row(
                "SELECT id FROM forecast_group WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn register_queues(&mut self, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        let mut registered = Vec::new();
        for q in queues {
            let n = self.0.execute(
                "INSERT INTO queue(id, name, active, registered_at) VALUES (?1, NULL, 1, ?2)
                 ON CONFLICT(id) DO NOTHING",
                (q.as_str(), now()),
            )?;
            if n > 0 {
                registered.push(q.clone());
            }
        }
        Ok(registered)
    }

    fn insert_group(&mut self, name: &str) -> Result<i64> {
        self.0.execute(
            "INSERT INTO forecast_group(name, created_at) VALUES (?1, ?2)",
            (name, now()),
        )?;
        Ok(self.0.last_insert_rowid())
    }

    fn group_of(&mut self, q: &QueueId) -> Result<Option<String>> {
        Ok(self
            .0
            .query_row(
                "SELECT g.name FROM group_queue gq JOIN forecast_group g ON g.id = gq.group_id
                 WHERE gq.queue_id = ?1",
                [q.as_str()],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn link(&mut self, group: i64, q: &QueueId) -> Result<()> {
        self.0.execute(
            "INSERT INTO group_queue(group_id, queue_id) VALUES (?1, ?2)",
            (group, q.as_str()),
        )?;
        Ok(())
    }

    fn unlink(&mut self, group: i64, q: &QueueId) -> Result<bool> {
        let n = self.0.execute(
            "DELETE FROM group_queue WHERE group_id = ?1 AND queue_id = ?2",
            (group, q.as_str()),
        )?;
        Ok(n > 0)
    }

    fn rename_group(&mut self, group: i64, new: &str) -> Result<()> {
        self.0.execute(
            "UPDATE forecast_group SET name = ?2 WHERE id = ?1",
            (group, new),
        )?;
        Ok(())
    }

    fn first_forecast(&mut self, name: &str) -> Result<Option<(i64, String, String)>> {
        Ok(self
            .0
            .query_row(
                "SELECT id, status, name FROM document WHERE kind = 'forecast' AND scope = ?1
                 ORDER BY id LIMIT 1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }
}
