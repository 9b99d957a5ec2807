//! Queues and forecast groups in PostgreSQL: a queue belongs to at most one group (a
//! UNIQUE constraint backs the check, which names the queue and its group). New queues
//! are registered under [`lock_queues`], so transactions registering queues (an import,
//! a new group) take their row locks one at a time and cannot deadlock.

use std::collections::BTreeMap;

use postgres::Transaction;
use wfm_core::history::QueueId;

use super::now;
use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::{DocumentId, DocumentKind, DocumentStatus, ForecastGroup, GroupEdit, QueueInfo};

/// The advisory lock (`pg_advisory_xact_lock`) held while a transaction registers
/// queues: the ASCII of `WFMQ`.
const QUEUE_LOCK: i64 = 0x5746_4d51;

/// Takes the queue-registration lock until the end of the transaction.
pub(super) fn lock_queues(tx: &mut Transaction<'_>) -> Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&QUEUE_LOCK])?;
    Ok(())
}

fn queue_id(s: &str) -> Result<QueueId> {
    QueueId::new(s).map_err(|e| WfmError::Damaged {
        table: "queue",
        detail: e.to_string(),
    })
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
        let id: String = r.try_get(0)?;
        let name: Option<String> = r.try_get(1)?;
        let zone: Option<String> = r.try_get(4)?;
        let time_zone = zone
            .map(|z| {
                z.parse::<chrono_tz::Tz>().map_err(|_| WfmError::Damaged {
                    table: "queue",
                    detail: format!("unknown time zone {z:?} of queue {id}"),
                })
            })
            .transpose()?;
        out.push(QueueInfo {
            channels: channels.remove(&id).unwrap_or_default(),
            name: name.unwrap_or_else(|| id.clone()),
            id: queue_id(&id)?,
            active: r.try_get(2)?,
            group: r.try_get(3)?,
            time_zone,
        });
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
        let name: String = r.try_get(0)?;
        let queue: Option<String> = r.try_get(1)?;
        if out.last().is_none_or(|g| g.name != name) {
            out.push(ForecastGroup {
                name,
                queues: Vec::new(),
            });
        }
        if let (Some(q), Some(g)) = (queue, out.last_mut()) {
            g.queues.push(queue_id(&q)?);
        }
    }
    Ok(out)
}

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() || name.trim() != name {
        return Err(WfmError::InvalidArgument {
            argument: "forecast group name",
            value: name.to_owned(),
            expected: "must not be empty nor start or end with a space".into(),
        });
    }
    Ok(())
}

fn group_id(tx: &mut Transaction<'_>, name: &str) -> Result<Option<i64>> {
    tx.query_opt("SELECT id FROM forecast_group WHERE name = $1", &[&name])?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(Into::into)
}

/// Registers unknown queues (name unset until history names them); returns those.
fn ensure_queues(tx: &mut Transaction<'_>, queues: &[QueueId]) -> Result<Vec<QueueId>> {
    let mut registered = Vec::new();
    if queues.is_empty() {
        return Ok(registered);
    }
    lock_queues(tx)?;
    for q in queues {
        let n = tx.execute(
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

fn add_queues(tx: &mut Transaction<'_>, group: i64, name: &str, queues: &[QueueId]) -> Result<()> {
    for q in queues {
        let current: Option<String> = tx
            .query_opt(
                "SELECT g.name FROM group_queue gq JOIN forecast_group g ON g.id = gq.group_id
                 WHERE gq.queue_id = $1",
                &[&q.as_str()],
            )?
            .map(|r| r.try_get(0))
            .transpose()?;
        match current {
            Some(g) if g == name => {}
            Some(g) => {
                return Err(WfmError::InUse {
                    item: Box::new(Item::new(ItemKind::Queue, q.as_str())),
                    used_by: Box::new(Item::new(ItemKind::ForecastGroup, g)),
                });
            }
            None => {
                tx.execute(
                    "INSERT INTO group_queue(group_id, queue_id) VALUES ($1, $2)",
                    &[&group, &q.as_str()],
                )?;
            }
        }
    }
    Ok(())
}

/// Refuses to delete a group while a forecast of it exists, inside the deleting
/// transaction.
pub(super) fn refuse_with_forecast(tx: &mut Transaction<'_>, name: &str) -> Result<()> {
    let forecast = tx.query_opt(
        "SELECT id, status, name FROM document WHERE kind = 'forecast' AND scope = $1
         ORDER BY id LIMIT 1",
        &[&name],
    )?;
    let Some(r) = forecast else {
        return Ok(());
    };
    let (id, status, doc): (i64, String, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
    Err(WfmError::InUse {
        item: Box::new(Item::new(ItemKind::ForecastGroup, name)),
        used_by: Box::new(
            Item::document(DocumentKind::Forecast, doc)
                .of(name)
                .with_id(DocumentId(id))
                .with_status(if status == "published" {
                    DocumentStatus::Published
                } else {
                    DocumentStatus::Draft
                }),
        ),
    })
}

pub(super) fn create(
    tx: &mut Transaction<'_>,
    name: &str,
    queues: &[QueueId],
) -> Result<Vec<QueueId>> {
    check_name(name)?;
    if group_id(tx, name)?.is_some() {
        return Err(WfmError::Conflict {
            item: Item::new(ItemKind::ForecastGroup, name),
        });
    }
    let registered = ensure_queues(tx, queues)?;
    let id: i64 = tx
        .query_one(
            "INSERT INTO forecast_group(name, created_at) VALUES ($1, $2) RETURNING id",
            &[&name, &now()],
        )?
        .try_get(0)?;
    add_queues(tx, id, name, queues)?;
    Ok(registered)
}

pub(super) fn edit(tx: &mut Transaction<'_>, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
    let id = group_id(tx, name)?.ok_or_else(|| WfmError::NotFound {
        item: Item::new(ItemKind::ForecastGroup, name),
    })?;
    let registered = ensure_queues(tx, &edit.add)?;
    add_queues(tx, id, name, &edit.add)?;
    for q in &edit.remove {
        let n = tx.execute(
            "DELETE FROM group_queue WHERE group_id = $1 AND queue_id = $2",
            &[&id, &q.as_str()],
        )?;
        if n == 0 {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::Queue, q.as_str()).of(name),
            });
        }
    }
    if let Some(new) = &edit.rename {
        check_name(new)?;
        if new != name && group_id(tx, new)?.is_some() {
            return Err(WfmError::Conflict {
                item: Item::new(ItemKind::ForecastGroup, new),
            });
        }
        tx.execute(
            "UPDATE forecast_group SET name = $2 WHERE id = $1",
            &[&id, &new],
        )?;
    }
    Ok(registered)
}

/// Deletes a group (its queues become unassigned).
pub(super) fn delete(tx: &mut Transaction<'_>, name: &str) -> Result<()> {
    refuse_with_forecast(tx, name)?;
    if tx.execute("DELETE FROM forecast_group WHERE name = $1", &[&name])? == 0 {
        return Err(WfmError::NotFound {
            item: Item::new(ItemKind::ForecastGroup, name),
        });
    }
    Ok(())
}
