//! Change records of schedules: what a publication changes for each agent (against the
//! published schedules it replaces; every agent for a first publication), appended to
//! the workspace's outbox in the publishing transaction, and read back with a cursor.
//! The pure diff is `wfm_scheduler::changes`; the outbox is the store's (`ChangeRecord`).

use chrono::{DateTime, Utc};
use wfm_scheduler::Schedule;
use wfm_scheduler::changes::changes;

use super::workspace::StoredSchedule;
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::{Actor, ChangeCause, ChangePage, DocumentId, NewChange};

/// Most records one read returns.
pub const MAX_CHANGES_PER_READ: usize = 10_000;

/// The change records of publishing `s` (document `id`) in place of `replaced` (the
/// published schedules it replaces): one per agent whose published shifts change, by
/// the workspace's actor, now.
pub(crate) fn of_publication(
    ws: &Workspace,
    id: DocumentId,
    s: &StoredSchedule,
    replaced: &[StoredSchedule],
) -> Vec<NewChange> {
    let before = Schedule {
        agents: replaced
            .iter()
            .flat_map(|r| r.schedule.agents.iter().cloned())
            .collect(),
    };
    records(ws, id, (0, ChangeCause::Publish), &before, &s.schedule)
}

/// The change records of an edit of published schedule `id` that makes version
/// `revision`: one per agent whose shifts the edit changed (what the agents see).
pub(crate) fn of_edit(
    ws: &Workspace,
    id: DocumentId,
    revision: u64,
    before: &Schedule,
    after: &Schedule,
) -> Vec<NewChange> {
    let revision = i64::try_from(revision).unwrap_or(i64::MAX);
    records(ws, id, (revision, ChangeCause::Edit), before, after)
}

/// The change records of undoing an edit of published schedule `id`, which makes
/// version `revision`, by `actor` at `at`: one per agent whose shifts the undo changes
/// (cause "edit": it changes what the agents see, as an edit does).
pub(crate) fn of_undo(
    id: DocumentId,
    revision: u64,
    (actor, at): (&Actor, DateTime<Utc>),
    now: &Schedule,
    back: &Schedule,
) -> Vec<NewChange> {
    let revision = i64::try_from(revision).unwrap_or(i64::MAX);
    changes(now, back)
        .into_iter()
        .map(|change| NewChange {
            schedule: id,
            revision,
            cause: ChangeCause::Edit,
            change,
            actor: actor.clone(),
            at,
        })
        .collect()
}

fn records(
    ws: &Workspace,
    id: DocumentId,
    (revision, cause): (i64, ChangeCause),
    before: &Schedule,
    after: &Schedule,
) -> Vec<NewChange> {
    let at = ws.now();
    changes(before, after)
        .into_iter()
        .map(|change| NewChange {
            schedule: id,
            revision,
            cause,
            change,
            actor: ws.actor().clone(),
            at,
        })
        .collect()
}

/// Up to `limit` change records after cursor `after` (0: from the first), in order, and
/// the cursor for the next read.
///
/// # Errors
/// `InvalidArgument` for a negative cursor or a limit of 0 or above
/// [`MAX_CHANGES_PER_READ`]; a storage failure.
pub(crate) fn changes_since(ws: &Workspace, after: i64, limit: usize) -> Result<ChangePage> {
    if after < 0 {
        return Err(WfmError::InvalidArgument {
            argument: "cursor",
            value: after.to_string(),
            expected: "0 (from the first record) or the cursor of the last read".into(),
        });
    }
    if limit == 0 || limit > MAX_CHANGES_PER_READ {
        return Err(WfmError::InvalidArgument {
            argument: "limit",
            value: limit.to_string(),
            expected: format!("1 to {MAX_CHANGES_PER_READ} records per read"),
        });
    }
    let records = ws.store().changes_since(after, limit)?;
    let next = records.last().map_or(after, |r| r.seq);
    Ok(ChangePage { records, next })
}

#[cfg(test)]
mod tests;
