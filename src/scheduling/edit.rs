//! Editing stored schedules (SPEC §6 "Edit"): a batch of edits on a draft or published
//! schedule of the workspace, through the pure engine (`wfm_scheduler::edit`), stored
//! with optimistic concurrency — every batch names the version it was made on, and one
//! made on a stale version is refused naming what changed since — and an edit log from
//! which the last edits are undone exactly, in order.
//!
//! The engine measures the edits with the configuration and the demand the schedule
//! keeps, so an edit is judged by the rules it was generated under. An edit of a
//! published schedule is what its agents see at once (SPEC §6: "supervisor edits to a
//! published schedule are visible to agents immediately").

use serde::Serialize;
use wfm_scheduler::edit::{
    EditBatch, EditContext, EditOptions, EditOutcome, LogEntry, apply_edits,
    meeting::{MeetingRequest, MeetingSlot, propose_meeting},
};
use wfm_scheduler::review::ReviewSummary;
use wfm_scheduler::{SchedulerError, validate};

use super::workspace_schedule::{StoredSchedule, load_schedule, paid_hours, summary};
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::{DocumentId, DocumentStatus, NewChange, NewScheduleChange, ScheduleChange};

/// What an edit batch did.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleEdited {
    /// The logged change with the schedule's new version; `None` when the batch changed
    /// nothing (every agent skipped): the version stays.
    pub change: Option<ScheduleChange>,
    /// The schedule's version now.
    pub version: u64,
    /// The work log: skipped agents with the rules and their numbers, overrides,
    /// shortened breaks, re-optimising with its status.
    pub log: Vec<LogEntry>,
    /// Agents whose schedule changed.
    pub changed: Vec<String>,
    /// Agents skipped by the rule check.
    pub skipped: Vec<String>,
    /// The review's summary before and after the batch.
    pub review: (ReviewSummary, ReviewSummary),
    /// What the validator finds on the whole schedule now (empty: every rule holds).
    pub violations: Vec<String>,
}

/// The edits as JSON lines, for the edit log.
fn as_lines(batch: &EditBatch) -> String {
    batch
        .edits
        .iter()
        .filter_map(|e| serde_json::to_string(&e.edit).ok())
        .map(|l| l + "\n")
        .collect()
}

fn input_error(e: SchedulerError) -> WfmError {
    match e {
        SchedulerError::InvalidEdits { issues } => WfmError::InvalidInput {
            errors: issues,
            not_shown: 0,
        },
        other => WfmError::Scheduler(other),
    }
}

/// Reads a changes file's text (JSON lines) as a batch.
///
/// ```
/// let e = wfm::scheduling::edit::parse_changes("{\"op\": \"fly\"}", "c.jsonl").unwrap_err();
/// assert!(matches!(e, wfm::WfmError::InvalidInput { .. }));
/// ```
///
/// # Errors
/// [`WfmError::InvalidInput`] naming every malformed line and field.
pub fn parse_changes(text: &str, file: &str) -> Result<EditBatch> {
    EditBatch::parse(text, file).map_err(input_error)
}

/// The schedule's current version, refusing `expected` if it is another one.
fn at_version(ws: &Workspace, id: DocumentId, expected: u64) -> Result<u64> {
    let current = ws.store().schedule_version(id)?;
    if current != expected {
        let since = ws
            .store()
            .schedule_changes(id)?
            .iter()
            .filter(|c| c.version > expected)
            .map(ToString::to_string)
            .collect();
        return Err(WfmError::StaleVersion {
            schedule: id,
            expected,
            current,
            since,
        });
    }
    Ok(current)
}

/// Applies `batch` to schedule `id` at `version` and stores the result (see the module
/// docs).
///
/// # Errors
/// `NotFound` for an unknown schedule; [`WfmError::StaleVersion`] if it is not at
/// `version` (also when another run stores first); [`WfmError::InvalidInput`] naming the
/// line and field of a bad edit (nothing applied); `Scheduler` if the configuration no
/// longer validates.
pub(crate) fn edit_schedule(
    ws: &mut Workspace,
    id: DocumentId,
    batch: &EditBatch,
    version: u64,
    options: &EditOptions,
) -> Result<ScheduleEdited> {
    let (info, stored) = load_schedule(ws, id)?;
    at_version(ws, id, version)?;
    let outcome = stored.outcome()?;
    let ctx = EditContext::new(&outcome.scenario).with_demand(&outcome.demand, outcome.options);
    let before = outcome.review()?.summary;
    let out: EditOutcome = apply_edits(&ctx, &stored.schedule, &stored.annotations, batch, options)
        .map_err(input_error)?;
    let after = out
        .review
        .as_ref()
        .map_or_else(|| before.clone(), |r| r.summary.clone());
    let mut next: StoredSchedule = stored.clone();
    next.schedule = out.schedule;
    next.annotations = out.annotations;
    let violations: Vec<String> = validate(&outcome.scenario, &next.schedule)
        .iter()
        .map(ToString::to_string)
        .collect();
    let change = if next == stored {
        None
    } else {
        let hours = paid_hours(&outcome.scenario, &next.schedule);
        let payload = serde_json::to_vec(&next).map_err(|e| WfmError::Encode {
            what: "a schedule as JSON",
            detail: e.to_string(),
        })?;
        let description = format!(
            "{} edit(s); {} agent(s) changed{}",
            batch.edits.len(),
            out.changed.len(),
            if out.skipped.is_empty() {
                String::new()
            } else {
                format!(", {} skipped by the rules", out.skipped.len())
            }
        );
        let change = NewScheduleChange {
            expected_version: version,
            actor: ws.actor().name().to_owned(),
            at: ws.now(),
            description,
            changes: as_lines(batch),
            summary: summary(&next, hours),
            payload,
            records: if info.status == DocumentStatus::Published {
                super::changes::of_edit(ws, id, version + 1, &stored.schedule, &next.schedule)
            } else {
                Vec::new()
            },
        };
        let done = ws.store_mut().edit_schedule(id, &change)?;
        if info.status == DocumentStatus::Published {
            // a change to a published schedule recomputes the last 30 days' adherence
            let now = ws.now();
            crate::adherence::recalculate(ws, now)?;
        }
        Some(done)
    };
    Ok(ScheduleEdited {
        version: change.as_ref().map_or(version, |c| c.version),
        change,
        log: out.log,
        changed: out.changed,
        skipped: out.skipped,
        review: (before, after),
        violations,
    })
}

/// The store change that replaces schedule `id`'s content `before` by `next`, made on
/// `version` by `actor` at `at` with `edits`: the edit log line, the new summary and
/// content, and — for a published schedule — one change record per agent whose shifts
/// change. For the time-off flow, which stores it inside its own transaction.
pub(crate) fn schedule_change(
    (id, published, version): (DocumentId, bool, u64),
    (before, next): (&StoredSchedule, &StoredSchedule),
    (actor, at): (&crate::store::Actor, chrono::DateTime<chrono::Utc>),
    description: String,
    edits: &EditBatch,
) -> Result<NewScheduleChange> {
    let scenario = next.scenario()?;
    let payload = serde_json::to_vec(next).map_err(|e| WfmError::Encode {
        what: "a schedule as JSON",
        detail: e.to_string(),
    })?;
    let records = if published {
        super::changes::of_undo(
            id,
            version + 1,
            (actor, at),
            &before.schedule,
            &next.schedule,
        )
    } else {
        Vec::new()
    };
    Ok(NewScheduleChange {
        expected_version: version,
        actor: actor.name().to_owned(),
        at,
        description,
        changes: as_lines(edits),
        summary: summary(next, paid_hours(&scenario, &next.schedule)),
        payload,
        records,
    })
}

/// Undoes the last edit of schedule `id` not undone yet (only if it is at `version`, when
/// given): its content before that edit is put back byte for byte.
///
/// # Errors
/// `NotFound`; `Precondition` if there is nothing to undo; `StaleVersion`.
pub(crate) fn undo_schedule_edit(
    ws: &mut Workspace,
    id: DocumentId,
    version: Option<u64>,
) -> Result<ScheduleChange> {
    let (info, _) = load_schedule(ws, id)?;
    let published = info.status == DocumentStatus::Published;
    let actor = ws.actor().clone();
    let at = ws.now();
    // an undo of an edit of a published schedule is an edit of what its agents see
    let records = |revision: u64, now: &[u8], back: &[u8]| -> Result<Vec<NewChange>> {
        if !published {
            return Ok(Vec::new());
        }
        let decode = |payload: &[u8]| {
            serde_json::from_slice::<StoredSchedule>(payload).map_err(|e| WfmError::Damaged {
                table: "document",
                detail: format!("schedule {id} does not decode: {e}"),
            })
        };
        let (now, back) = (decode(now)?, decode(back)?);
        Ok(super::changes::of_undo(
            id,
            revision,
            (&actor, at),
            &now.schedule,
            &back.schedule,
        ))
    };
    let done = ws
        .store_mut()
        .undo_schedule_edit(id, version, actor.name(), at, &records)?;
    if published {
        // as an edit: a change to a published schedule recomputes adherence
        crate::adherence::recalculate(ws, at)?;
    }
    Ok(done)
}

/// The edit log of schedule `id`, oldest first.
///
/// # Errors
/// `NotFound`.
pub(crate) fn schedule_changes(ws: &Workspace, id: DocumentId) -> Result<Vec<ScheduleChange>> {
    load_schedule(ws, id)?;
    ws.store().schedule_changes(id)
}

/// The version of schedule `id`.
///
/// # Errors
/// `NotFound`.
pub(crate) fn schedule_version(ws: &Workspace, id: DocumentId) -> Result<u64> {
    load_schedule(ws, id)?;
    ws.store().schedule_version(id)
}

/// The cheapest slots for a meeting in schedule `id` (see
/// `wfm_scheduler::edit::meeting`).
///
/// # Errors
/// `NotFound`; `Scheduler` for an unknown activity or group, a bad duration.
pub(crate) fn meeting_slots(
    ws: &Workspace,
    id: DocumentId,
    request: &MeetingRequest,
) -> Result<Vec<MeetingSlot>> {
    let (_, stored) = load_schedule(ws, id)?;
    let outcome = stored.outcome()?;
    let ctx = EditContext::new(&outcome.scenario).with_demand(&outcome.demand, outcome.options);
    Ok(propose_meeting(&ctx, &stored.schedule, request)?)
}

#[cfg(test)]
mod tests;
