//! Queues and forecast groups in PostgreSQL: the SQL of the group rules
//! (`store/group_rules.rs`; a UNIQUE constraint backs "a queue in at most one group").
//! New queues are registered under [`lock_queues`], so transactions registering queues
//! (an import, a new group) take their row locks one at a time and cannot deadlock.

use std::collections::BTreeMap;

use postgres::Transaction;
use wfm_core::history::QueueId;

use super::now;
use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::group_rules::{self, GroupRows};
use crate::store::{ForecastGroup, QueueInfo};

/// The advisory lock (`pg_advisory_xact_lock`) held while a transaction registers
/// queues: the ASCII of `WFMQ`.
const QUEUE_LOCK: i64 = 0x5746_4d51;

/// Takes the queue-registration lock until the end of the transaction.
pub(super) fn lock_queues(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&QUEUE_LOCK])?;
    Ok(())
}

pub(super) fn queues(tx: &mut Transaction<'_>) -> Result<Vec<QueueInfo>> {
    let mut channels: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in tx.query(
        "SELECT DISTINCT queue_id, channel FROM history_chunk ORDER BY 1, 2",
        &[],
    )? {
        channels
            .entry(r.try_get(0)?)
            .or_default()
            .push(r.try_get(1)?);
    }
    let rows = tx.query(
        "SELECT q.id, q.name, q.active, g.name, q.time_zone FROM queue q
         LEFT JOIN group_queue gq ON gq.queue_id = q.id
         LEFT JOIN forecast_group g ON g.id = gq.group_id ORDER BY q.id",
        &[],
    )?;
    let mut out = Vec::new();
    for r in rows {
        let row = (
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
            r.try_get(4)?,
        );
        out.push(group_rules::queue_info(row, &mut channels)?);
    }
    Ok(out)
}

pub(super) fn groups(tx: &mut Transaction<'_>) -> Result<Vec<ForecastGroup>> {
    let rows = tx.query(
        "SELECT g.name, gq.queue_id FROM forecast_group g
         LEFT JOIN group_queue gq ON gq.group_id = g.id ORDER BY g.name, gq.queue_id",
        &[],
    )?;
    let mut out: Vec<ForecastGroup> = Vec::new();
    for r in rows {
        group_rules::push_group_row(&mut out, r.try_get(0)?, r.try_get(1)?)?;
    }
    Ok(out)
}

/// The queue and group tables in a transaction, for the rules.
pub(super) struct Rows<'a, 't>(pub(super) &'a mut Transaction<'t>);

impl GroupRows for Rows<'_, '_> {
    fn group_id(&mut self, name: &str) -> Result<Option<i64>> {
        self.0
            .query_opt("SELECT id FROM forecast_group WHERE name = $1", &[&name])?
            .map(|r| r.try_get(0))
            .transpose()
            .map_err(Into::into)
    }

    fn register_queues(&mut self, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        let mut registered = Vec::new();
        if queues.is_empty() {
            return Ok(registered);
        }
        lock_queues(self.0)?;
        for q in queues {
            let n = self.0.execute(
                "INSERT INTO queue(id, name, active, registered_at) VALUES ($1, NULL, TRUE, $2)
                 ON CONFLICT (id) DO NOTHING",
                &[&q.as_str(), &now()],
            )?;
            if n > 0 {
                registered.push(q.clone());
            }
        }
        Ok(registered)
    }

    fn insert_group(&mut self, name: &str) -> Result<i64> {
        Ok(self
            .0
            .query_one(
                "INSERT INTO forecast_group(name, created_at) VALUES ($1, $2) RETURNING id",
                &[&name, &now()],
            )?
            .try_get(0)?)
    }

    fn group_of(&mut self, q: &QueueId) -> Result<Option<String>> {
        Ok(self
            .0
            .query_opt(
                "SELECT g.name FROM group_queue gq JOIN forecast_group g ON g.id = gq.group_id
                 WHERE gq.queue_id = $1",
                &[&q.as_str()],
            )?
            .map(|r| r.try_get(0))
            .transpose()?)
    }

    fn link(&mut self, group: i64, q: &QueueId) -> Result<()> {
        self.0.execute(
            "INSERT INTO group_queue(group_id, queue_id) VALUES ($1, $2)",
            &[&group, &q.as_str()],
        )?;
        Ok(())
    }

    fn unlink(&mut self, group: i64, q: &QueueId) -> Result<bool> {
        let n = self.0.execute(
            "DELETE FROM group_queue WHERE group_id = $1 AND queue_id = $2",
            &[&group, &q.as_str()],
        )?;
        Ok(n > 0)
    }

    fn rename_group(&mut self, group: i64, new: &str) -> Result<()> {
        self.0.execute(
            "UPDATE forecast_group SET name = $2 WHERE id = $1",
            &[&group, &new],
        )?;
        Ok(())
    }

    fn first_forecast(&mut self, name: &str) -> Result<Option<(i64, String, String)>> {
        let forecast = self.0.query_opt(
            "SELECT id, status, name FROM document WHERE kind = 'forecast' AND scope = $1
             ORDER BY id LIMIT 1",
            &[&name],
        )?;
        Ok(match forecast {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)),
            None => None,
        })
    }
}

/// Deletes a group (its queues become unassigned).
pub(super) fn delete(tx: &mut Transaction<'_>, name: &str) -> Result<()> {
    Rows(tx).refuse_with_forecast(name)?;
    if tx.execute("DELETE FROM forecast_group WHERE name = $1", &[&name])? == 0 {
        return Err(WfmError::NotFound {
            item: Item::new(ItemKind::ForecastGroup, name),
        });
    }
    Ok(())
}
