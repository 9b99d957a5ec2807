//! The rules of queues and forecast groups, whatever the backend: a group's name, a queue
//! in at most one group (the error names the queue and its group), no group deleted
//! while a forecast of it exists; and the listings built from the rows a backend reads.
//! A backend supplies the SQL only ([`GroupRows`]'s required methods).

use std::collections::BTreeMap;

use wfm_core::history::QueueId;

use super::{DocumentId, DocumentKind, DocumentStatus, ForecastGroup, GroupEdit, QueueInfo};
use crate::error::{Item, ItemKind, Result, WfmError};

/// A stored queue id read back.
///
/// # Errors
/// [`WfmError::Damaged`] for an id that is no queue id.
pub(crate) fn queue_id(s: &str) -> Result<QueueId> {
    QueueId::new(s).map_err(|e| WfmError::Damaged {
        table: "queue",
        detail: e.to_string(),
    })
}

/// A queue row (id, name, active, its group, its time zone) with the channels its
/// history holds (`channels`: queue id → channels, taken from).
pub(crate) fn queue_info(
    (id, name, active, group, zone): (String, Option<String>, bool, Option<String>, Option<String>),
    channels: &mut BTreeMap<String, Vec<String>>,
) -> Result<QueueInfo> {
    let time_zone = zone
        .map(|z| {
            z.parse::<chrono_tz::Tz>().map_err(|_| WfmError::Damaged {
                table: "queue",
                detail: format!("unknown time zone {z:?} of queue {id}"),
            })
        })
        .transpose()?;
    Ok(QueueInfo {
        channels: channels.remove(&id).unwrap_or_default(),
        name: name.unwrap_or_else(|| id.clone()),
        id: queue_id(&id)?,
        active,
        group,
        time_zone,
    })
}

/// Adds a row (group name, one of its queues) of the groups ordered by name to `out`.
pub(crate) fn push_group_row(
    out: &mut Vec<ForecastGroup>,
    name: String,
    queue: Option<String>,
) -> Result<()> {
    if out.last().is_none_or(|g| g.name != name) {
        out.push(ForecastGroup {
            name,
            queues: Vec::new(),
        });
    }
    if let (Some(q), Some(g)) = (queue, out.last_mut()) {
        g.queues.push(queue_id(&q)?);
    }
    Ok(())
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

/// The statements of the queue and group tables, in one open transaction of a backend.
pub(crate) trait GroupRows {
    /// The id of group `name`.
    fn group_id(&mut self, name: &str) -> Result<Option<i64>>;
    /// Registers the unknown ones of `queues` (name unset until history names them);
    /// returns those.
    fn register_queues(&mut self, queues: &[QueueId]) -> Result<Vec<QueueId>>;
    /// Inserts group `name`; its id.
    fn insert_group(&mut self, name: &str) -> Result<i64>;
    /// The name of the group queue `q` is in.
    fn group_of(&mut self, q: &QueueId) -> Result<Option<String>>;
    /// Puts queue `q` into group `group`.
    fn link(&mut self, group: i64, q: &QueueId) -> Result<()>;
    /// Takes queue `q` out of group `group`; whether it was in it.
    fn unlink(&mut self, group: i64, q: &QueueId) -> Result<bool>;
    /// Renames group `group`.
    fn rename_group(&mut self, group: i64, new: &str) -> Result<()>;
    /// The first forecast of group `name`: (id, status, name).
    fn first_forecast(&mut self, name: &str) -> Result<Option<(i64, String, String)>>;

    /// Puts `queues` into group `group` (named `name`).
    ///
    /// # Errors
    /// `InUse` for a queue of another group.
    fn add_queues(&mut self, group: i64, name: &str, queues: &[QueueId]) -> Result<()> {
        for q in queues {
            match self.group_of(q)? {
                Some(g) if g == name => {}
                Some(g) => {
                    return Err(WfmError::InUse {
                        item: Box::new(Item::new(ItemKind::Queue, q.as_str())),
                        used_by: Box::new(Item::new(ItemKind::ForecastGroup, g)),
                    });
                }
                None => self.link(group, q)?,
            }
        }
        Ok(())
    }

    /// Refuses to delete a group while a forecast of it exists (delete the forecast
    /// first), inside the deleting transaction.
    fn refuse_with_forecast(&mut self, name: &str) -> Result<()> {
        match self.first_forecast(name)? {
            Some((id, status, doc)) => Err(WfmError::InUse {
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
            }),
            None => Ok(()),
        }
    }

    /// Creates group `name` of `queues`; returns the queues it registered.
    fn create(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        check_name(name)?;
        if self.group_id(name)?.is_some() {
            return Err(WfmError::Conflict {
                item: Item::new(ItemKind::ForecastGroup, name),
            });
        }
        let registered = self.register_queues(queues)?;
        let id = self.insert_group(name)?;
        self.add_queues(id, name, queues)?;
        Ok(registered)
    }

    /// Adds, removes and renames as `edit` says; returns the queues it registered.
    fn edit(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        let id = self.group_id(name)?.ok_or_else(|| WfmError::NotFound {
            item: Item::new(ItemKind::ForecastGroup, name),
        })?;
        let registered = self.register_queues(&edit.add)?;
        self.add_queues(id, name, &edit.add)?;
        for q in &edit.remove {
            if !self.unlink(id, q)? {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::Queue, q.as_str()).of(name),
                });
            }
        }
        if let Some(new) = &edit.rename {
            check_name(new)?;
            if new != name && self.group_id(new)?.is_some() {
                return Err(WfmError::Conflict {
                    item: Item::new(ItemKind::ForecastGroup, new),
                });
            }
            self.rename_group(id, new)?;
        }
        Ok(registered)
    }
}
