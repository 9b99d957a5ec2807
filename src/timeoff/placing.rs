//! Approved time off and accepted overtime or VTO into the published schedules (issue 22
//! item 5), inside the decision's own store transaction.
//!
//! The changes a decision implies ([`ScheduleChange`]) go to the published schedule each
//! agent sees that day; each schedule touched gets one edit through the editing engine
//! ([`wfm_scheduler::timeoff::place_changes`]: the activity placed, breaks and meals
//! re-placed, the validator run), stored with [`TimeOffTx::edit_schedule`] — a new
//! version, a line in its edit log (undone like any edit) and one change record per
//! agent in the outbox — in the same transaction as the approval, the deduction and the
//! request's new status. So either both are stored or neither: no crash leaves an
//! approved request outside its schedule. The edit is made on the version the decision
//! read; if another edit was stored in between, the transaction is rolled back and the
//! decision made again on the new version ([`retrying`]).
//!
//! A schedule rule the change breaks does not undo the decision (the allowance and the
//! balance decide time off; a supervisor opened the overtime): the edit is stored and
//! the rules broken are listed in [`ScheduleUpdate::violations`] for the supervisor to
//! mend. No published schedule covering the day: nothing to edit (the deduction came
//! from the shift profile).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use wfm_scheduler::edit::{EditBatch, EditContext};
use wfm_scheduler::timeoff::{ScheduleChange, place_changes};

use super::TimeOffTx;
use super::context::{Context, Published};
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::scheduling::edit::schedule_change;
use crate::store::{Actor, DocumentId};

/// What a decision did to one published schedule.
///
/// ```
/// let u = wfm::timeoff::ScheduleUpdate {
///     schedule: wfm::store::DocumentId(3), version: 2, changed: vec!["ana".into()],
///     violations: vec![], notes: vec![], service_level: Some((0.81, 0.86)),
/// };
/// assert!(u.violations.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleUpdate {
    /// The published schedule.
    pub schedule: DocumentId,
    /// Its version after the edit (unchanged when nothing could be placed).
    pub version: u64,
    /// Agents whose shifts changed.
    pub changed: Vec<String>,
    /// The schedule rules the touched agents break now and did not before, in words.
    pub violations: Vec<String>,
    /// What could not be placed, and breaks or meals without room, in words.
    pub notes: Vec<String>,
    /// The schedule's service level (0–1) before and after, when it has demand.
    pub service_level: Option<(f64, f64)>,
}

/// Who, when and why a decision's edit is logged.
pub(crate) struct Why<'a> {
    pub(crate) actor: &'a Actor,
    pub(crate) at: DateTime<Utc>,
    pub(crate) what: String,
}

/// Places `changes` into the published schedules of `ctx`, storing each edit through
/// `tx` (see the module docs). Changes on days no published schedule covers are left.
///
/// # Errors
/// [`WfmError::StaleVersion`] if a schedule changed since `ctx` was read; a storage
/// failure.
pub(crate) fn place(
    tx: &dyn TimeOffTx,
    ctx: &Context,
    changes: &[ScheduleChange],
    why: &Why<'_>,
) -> Result<Vec<ScheduleUpdate>> {
    let mut by_schedule: BTreeMap<usize, Vec<ScheduleChange>> = BTreeMap::new();
    for c in changes {
        let Some(k) = ctx.schedule_of(&c.agent, c.date) else {
            continue;
        };
        by_schedule.entry(k).or_default().push(c.clone());
    }
    let mut out = Vec::new();
    for (k, changes) in by_schedule {
        out.push(place_one(tx, &ctx.published[k], &changes, why)?);
    }
    Ok(out)
}

fn place_one(
    tx: &dyn TimeOffTx,
    p: &Published,
    changes: &[ScheduleChange],
    why: &Why<'_>,
) -> Result<ScheduleUpdate> {
    let outcome = p.stored.outcome()?;
    let ctx = EditContext::new(&outcome.scenario).with_demand(&outcome.demand, outcome.options);
    let before = ctx.review(&p.stored.schedule)?;
    let placed = place_changes(&ctx, &p.stored.schedule, &p.stored.annotations, changes)?;
    let mut update = ScheduleUpdate {
        schedule: p.id,
        version: p.version,
        changed: placed.changed.clone(),
        violations: placed.violations.iter().map(ToString::to_string).collect(),
        notes: placed.notes.clone(),
        service_level: before
            .zip(placed.review.as_ref())
            .map(|(b, a)| (b.summary.service_level, a.summary.service_level)),
    };
    let mut next = p.stored.clone();
    next.schedule = placed.schedule;
    next.annotations = placed.annotations;
    if next == p.stored {
        return Ok(update);
    }
    let batch = EditBatch::new("time off", placed.edits);
    let description = format!(
        "{}: {} agent(s) changed{}",
        why.what,
        update.changed.len(),
        if update.violations.is_empty() {
            String::new()
        } else {
            format!(", {} rule(s) broken", update.violations.len())
        }
    );
    let change = schedule_change(
        (p.id, true, p.version),
        (&p.stored, &next),
        (why.actor, why.at),
        description,
        &batch,
    )?;
    update.version = tx.edit_schedule(p.id, &change)?.version;
    Ok(update)
}

/// Runs `op` again (up to 5 times in all) while it fails because a published schedule
/// was edited after it read it.
pub(crate) fn retrying<T>(
    ws: &mut Workspace,
    mut op: impl FnMut(&mut Workspace) -> Result<T>,
) -> Result<T> {
    let mut tries = 0;
    loop {
        match op(ws) {
            Err(WfmError::StaleVersion { .. }) if tries < 4 => tries += 1,
            other => return other,
        }
    }
}

/// After a decision's transaction: a change to a published schedule recomputes the
/// last 30 days' adherence (as any edit does).
pub(crate) fn after(ws: &mut Workspace, updates: &[ScheduleUpdate]) -> Result<()> {
    if updates.iter().any(|u| !u.changed.is_empty()) {
        let now = ws.now();
        crate::adherence::recalculate(ws, now)?;
    }
    Ok(())
}
