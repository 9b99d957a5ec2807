//! Queues and forecast groups in SQLite: a queue belongs to at most one group (a UNIQUE
//! constraint backs the check, which names the queue and its group).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use wfm_core::history::QueueId;

use super::now;
use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::{DocumentId, DocumentKind, DocumentStatus, ForecastGroup, GroupEdit, QueueInfo};

fn queue_id(s: String) -> Result<QueueId> {
    QueueId::new(&s).map_err(|e| WfmError::Damaged {
        table: "queue",
        detail: e.to_string(),
    })
}

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
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, active, group, zone) = row?;
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
            id: queue_id(id)?,
            active,
            group,
            time_zone,
        });
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
        if out.last().is_none_or(|g| g.name != name) {
            out.push(ForecastGroup {
                name,
                queues: Vec::new(),
            });
        }
        if let (Some(q), Some(g)) = (queue, out.last_mut()) {
            g.queues.push(queue_id(q)?);
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

fn group_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM forecast_group WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Registers unknown queues (name unset until history names them); returns those.
fn ensure_queues(conn: &Connection, queues: &[QueueId]) -> Result<Vec<QueueId>> {
    let mut registered = Vec::new();
    for q in queues {
        let n = conn.execute(
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

fn add_queues(conn: &Connection, group: i64, name: &str, queues: &[QueueId]) -> Result<()> {
    for q in queues {
        let current: Option<String> = conn
            .query_row(
                "SELECT g.name FROM group_queue gq JOIN forecast_group g ON g.id = gq.group_id
                 WHERE gq.queue_id = ?1",
                [q.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        match current {
            Some(g) if g == name => {}
            Some(g) => {
                return Err(WfmError::InUse {
                    item: Box::new(Item::new(ItemKind::Queue, q.as_str())),
                    used_by: Box::new(Item::new(ItemKind::ForecastGroup, g)),
                });
            }
            None => {
                conn.execute(
                    "INSERT INTO group_queue(group_id, queue_id) VALUES (?1, ?2)",
                    (group, q.as_str()),
                )?;
            }
        }
    }
    Ok(())
}

/// Refuses to delete a group while a forecast of it exists (delete the
/// forecast first), inside the deleting transaction.
pub(super) fn refuse_with_forecast(conn: &Connection, name: &str) -> Result<()> {
    let forecast: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, status, name FROM document WHERE kind = 'forecast' AND scope = ?1
             ORDER BY id LIMIT 1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match forecast {
        Some((id, status, kind)) => Err(WfmError::InUse {
            item: Box::new(Item::new(ItemKind::ForecastGroup, name)),
            used_by: Box::new(
                Item::document(DocumentKind::Forecast, kind)
                    .of(name)
                    .with_id(DocumentId(id))
                    .with_status(if status == "published" {
                        DocumentStatus::Published
                    } else {
                        DocumentStatus::Draft
                    }),
            ),
        }),
        None => Ok(()),
    }
}

pub(super) fn create(conn: &Connection, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
    check_name(name)?;
    if group_id(conn, name)?.is_some() {
        return Err(WfmError::Conflict {
            item: Item::new(ItemKind::ForecastGroup, name),
        });
    }
    let registered = ensure_queues(conn, queues)?;
    conn.execute(
        "INSERT INTO forecast_group(name, created_at) VALUES (?1, ?2)",
        (name, now()),
    )?;
    add_queues(conn, conn.last_insert_rowid(), name, queues)?;
    Ok(registered)
}

pub(super) fn edit(conn: &Connection, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
    let id = group_id(conn, name)?.ok_or_else(|| WfmError::NotFound {
        item: Item::new(ItemKind::ForecastGroup, name),
    })?;
    let registered = ensure_queues(conn, &edit.add)?;
    add_queues(conn, id, name, &edit.add)?;
    for q in &edit.remove {
        let n = conn.execute(
            "DELETE FROM group_queue WHERE group_id = ?1 AND queue_id = ?2",
            (id, q.as_str()),
        )?;
        if n == 0 {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::Queue, q.as_str()).of(name),
            });
        }
    }
    if let Some(new) = &edit.rename {
        check_name(new)?;
        if new != name && group_id(conn, new)?.is_some() {
            return Err(WfmError::Conflict {
                item: Item::new(ItemKind::ForecastGroup, new),
            });
        }
        conn.execute(
            "UPDATE forecast_group SET name = ?2 WHERE id = ?1",
            (id, new),
        )?;
    }
    Ok(registered)
}
