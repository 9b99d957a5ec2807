//! Time-off requests on a workspace: made by an agent or a supervisor, evaluated against
//! the allowance and the balance inside one store transaction, approved, denied, edited
//! or cancelled by a supervisor (a cancel or an edit gives back exactly what was
//! deducted), and the waitlist approved first come, first served when room opens.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use wfm_scheduler::ActivityKind;
use wfm_scheduler::timeoff::{
    self, Action, Deducted, EntryKind, LedgerEntry, RequestStatus, Requester, RuleInput,
    ScheduleChange, TimeOffError, TimeOffRequest,
};

use super::TimeOffTx;
use super::context::Context;
use super::placing::{self, ScheduleUpdate, Why};
use super::store::RequestFilter;
use crate::Workspace;
use crate::error::Result;

/// A new time-off request.
///
/// ```
/// use chrono::NaiveDate;
/// use wfm::timeoff::NewRequest;
/// let d = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
/// let r = NewRequest::full_days("agent1", "VACAY_SK", d, d);
/// assert_eq!((r.end - r.start).num_hours(), 24);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    /// The agent.
    pub agent: String,
    /// The time-off activity.
    pub activity: String,
    /// Start, UTC.
    pub start: DateTime<Utc>,
    /// End, UTC.
    pub end: DateTime<Utc>,
    /// Asked as whole days.
    pub full_day: bool,
    /// The reason.
    pub reason: String,
    /// The agent or a supervisor.
    pub requested_by: Requester,
    /// A supervisor overrides the time-off rules.
    pub override_rules: bool,
    /// Wait for allowance when it is short.
    pub waitlist: bool,
}

impl NewRequest {
    /// An agent's request for `[start, end)`.
    pub fn range(agent: &str, activity: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self {
            agent: agent.to_owned(),
            activity: activity.to_owned(),
            start,
            end,
            full_day: false,
            reason: String::new(),
            requested_by: Requester::Agent,
            override_rules: false,
            waitlist: false,
        }
    }

    /// An agent's request for whole days `first..=last` (UTC).
    pub fn full_days(agent: &str, activity: &str, first: NaiveDate, last: NaiveDate) -> Self {
        let day = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        Self {
            full_day: true,
            ..Self::range(agent, activity, day(first), day(last) + Duration::days(1))
        }
    }

    /// The same request made by a supervisor.
    pub fn by_supervisor(self, override_rules: bool) -> Self {
        Self {
            requested_by: Requester::Supervisor,
            override_rules,
            ..self
        }
    }
}

/// A supervisor's change to a request (absent fields stay).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestEdit {
    /// A new time-off activity.
    pub activity: Option<String>,
    /// A new start.
    pub start: Option<DateTime<Utc>>,
    /// A new end.
    pub end: Option<DateTime<Utc>>,
    /// A new reason.
    pub reason: Option<String>,
    /// Override the time-off rules.
    pub override_rules: bool,
}

/// What a request operation did.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestOutcome {
    /// The request as stored now.
    pub request: TimeOffRequest,
    /// The schedule changes it implies (approved: its time off in; cancelled or edited:
    /// the earlier time off out), waitlisted requests approved included.
    pub schedule_changes: Vec<ScheduleChange>,
    /// What they did to the published schedules, stored in the same transaction (none
    /// when no published schedule covers the days).
    pub schedule: Vec<ScheduleUpdate>,
    /// Waitlisted requests this operation made room for, approved.
    pub promoted: Vec<TimeOffRequest>,
}

/// Who and when an operation is recorded as.
struct Stamp<'a> {
    now: DateTime<Utc>,
    actor: &'a str,
}

impl Stamp<'_> {
    /// The schedule edit of the operation, logged as `what`.
    fn why<'b>(&self, actor: &'b crate::store::Actor, what: String) -> Why<'b> {
        Why {
            actor,
            at: self.now,
            what,
        }
    }
}

/// The operation's schedule changes into the published schedules, in its transaction.
fn into_schedule(
    tx: &dyn TimeOffTx,
    ctx: &Context,
    out: &mut RequestOutcome,
    why: &Why<'_>,
) -> Result<()> {
    out.schedule = placing::place(tx, ctx, &out.schedule_changes, why)?;
    Ok(())
}

/// How a request's edit of the schedule is logged.
fn what(req: &TimeOffRequest, done: &str) -> String {
    format!(
        "time off: request {} ({} {}) {done}",
        req.id, req.agent, req.activity
    )
}

fn check_range(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), TimeOffError> {
    if end <= start {
        return Err(TimeOffError::EndBeforeStart { start, end });
    }
    let latest = timeoff::latest_start(now);
    if start > latest {
        return Err(TimeOffError::TooFarAhead { start, latest });
    }
    Ok(())
}

/// Checks a new request and builds it (not evaluated yet).
fn build(ctx: &Context, new: &NewRequest, st: &Stamp<'_>) -> Result<TimeOffRequest> {
    check_range(new.start, new.end, st.now)?;
    let group = ctx.agent(&new.agent)?;
    let activity =
        ctx.activity_of_kind(&new.activity, ActivityKind::TimeOff, "a time-off activity")?;
    if new.requested_by == Requester::Agent {
        if !activity.agent_may_request {
            return Err(TimeOffError::NotRequestable {
                activity: new.activity.clone(),
            }
            .into());
        }
        if !group.requests_enabled {
            return Err(TimeOffError::RequestsDisabled {
                group: group.staffing_group,
            }
            .into());
        }
        if new.start < st.now {
            return Err(TimeOffError::InPast {
                start: new.start,
                now: st.now,
            }
            .into());
        }
    }
    Ok(TimeOffRequest {
        id: 0,
        agent: new.agent.clone(),
        staffing_group: group.staffing_group,
        forecast_group: group.forecast_group,
        activity: new.activity.clone(),
        start: new.start,
        end: new.end,
        full_day: new.full_day,
        reason: new.reason.clone(),
        requested_by: new.requested_by,
        actor: st.actor.to_owned(),
        override_rules: new.override_rules && new.requested_by == Requester::Supervisor,
        waitlist: new.waitlist,
        status: RequestStatus::Pending,
        failures: Vec::new(),
        deduction: ctx.deduction(&new.agent, new.start, new.end),
        deducted: Deducted::default(),
        created_at: st.now,
        updated_at: st.now,
        note: String::new(),
    })
}

/// Evaluates `req` as `by` would have it decided, and applies the deduction when it is
/// approved. Returns the schedule changes of an approval.
fn decide(
    tx: &dyn TimeOffTx,
    ctx: &Context,
    req: &mut TimeOffRequest,
    by: Requester,
    st: &Stamp<'_>,
) -> Result<Vec<ScheduleChange>> {
    let slots: Vec<_> = tx
        .allowance_slots(Some(&req.forecast_group), Some(req.start), Some(req.end))?
        .into_iter()
        .filter(|s| s.key.covers(&req.activity))
        .collect();
    let touched = timeoff::touched(&req.deduction, &slots);
    let deducts = ctx
        .scenario
        .activity(&req.activity)
        .is_some_and(|a| a.deduct_from_balance);
    let balance = if deducts {
        Some((
            req.deduction.seconds,
            tx.balance(&req.agent, &req.activity)?.net_seconds,
        ))
    } else {
        None
    };
    let group = ctx.agent(&req.agent)?;
    let eval = timeoff::evaluate(&RuleInput {
        requested_by: by,
        override_rules: req.override_rules,
        waitlist: req.waitlist,
        activity: &req.activity,
        touched: &touched,
        balance,
        supervisor_approval: group
            .supervisor_approval
            .then_some(group.staffing_group.as_str()),
    });
    req.failures = eval.failures;
    req.status = eval.status;
    req.updated_at = st.now;
    if req.status != RequestStatus::Approved {
        return Ok(Vec::new());
    }
    for t in &touched {
        tx.use_allowance(&t.slot.key, t.needed_seconds)?;
    }
    let balance_seconds = balance.map_or(0, |(needed, _)| needed);
    if balance_seconds > 0 {
        tx.append_ledger(&LedgerEntry {
            agent: req.agent.clone(),
            activity: req.activity.clone(),
            kind: EntryKind::Deduction,
            seconds: -balance_seconds,
            at: st.now,
            actor: st.actor.to_owned(),
            reason: format!("request {} approved", req.id),
            request: Some(req.id),
        })?;
    }
    req.deducted = Deducted {
        balance_seconds,
        slots: touched
            .iter()
            .map(|t| (t.slot.key.clone(), t.needed_seconds))
            .collect(),
    };
    // schedule: the approved time off goes into the published schedule here, through the
    // schedule-editing engine (breaks and meals re-placed, change records to the outbox);
    // until it is wired, the changes are returned to the caller.
    Ok(timeoff::request_changes(req, false))
}

/// Gives back exactly what `req` deducted. Returns the schedule changes that take its
/// time off out.
fn recredit(
    tx: &dyn TimeOffTx,
    req: &mut TimeOffRequest,
    why: &str,
    st: &Stamp<'_>,
) -> Result<Vec<ScheduleChange>> {
    if req.status != RequestStatus::Approved {
        return Ok(Vec::new());
    }
    for (key, seconds) in &req.deducted.slots {
        tx.use_allowance(key, -seconds)?;
    }
    if req.deducted.balance_seconds > 0 {
        tx.append_ledger(&LedgerEntry {
            agent: req.agent.clone(),
            activity: req.activity.clone(),
            kind: EntryKind::Recredit,
            seconds: req.deducted.balance_seconds,
            at: st.now,
            actor: st.actor.to_owned(),
            reason: format!("request {} {why}", req.id),
            request: Some(req.id),
        })?;
    }
    req.deducted = Deducted::default();
    // schedule: the time off placed at approval comes out of the published schedule here.
    Ok(timeoff::request_changes(req, true))
}

/// Approves the waitlisted requests of `group` that now fit, first come first served.
fn promote(
    tx: &dyn TimeOffTx,
    ctx: &Context,
    group: &str,
    st: &Stamp<'_>,
    changes: &mut Vec<ScheduleChange>,
) -> Result<Vec<TimeOffRequest>> {
    let waiting = tx.requests(&RequestFilter {
        status: Some(RequestStatus::Waitlisted),
        forecast_group: Some(group.to_owned()),
        ..Default::default()
    })?;
    let mut promoted = Vec::new();
    for mut req in waiting {
        let mut trial = req.clone();
        let c = decide(tx, ctx, &mut trial, Requester::Agent, st)?;
        if trial.status == RequestStatus::Approved {
            trial.note = "approved from the waitlist".into();
            tx.update_request(&trial)?;
            changes.extend(c);
            promoted.push(trial);
        } else if trial.failures != req.failures {
            req.failures = trial.failures;
            tx.update_request(&req)?;
        }
    }
    Ok(promoted)
}

fn load(tx: &dyn TimeOffTx, id: i64, action: Action) -> Result<TimeOffRequest> {
    let req = tx.request(id)?.ok_or(TimeOffError::NoRequest { id })?;
    if !req.status.allows(action) {
        return Err(TimeOffError::WrongStatus {
            id,
            status: req.status,
            action: action.done(),
        }
        .into());
    }
    Ok(req)
}

/// Runs `f` in one writing transaction of the workspace's store.
fn write<T>(ws: &mut Workspace, mut f: impl FnMut(&dyn TimeOffTx) -> Result<T>) -> Result<T> {
    let mut out = None;
    ws.store_mut().time_off_write(&mut |tx| {
        out = Some(f(tx)?);
        Ok(())
    })?;
    out.ok_or_else(|| crate::WfmError::Store("the time-off transaction returned nothing".into()))
}

/// Makes a request (see [`super::TimeOff::request`]).
pub(crate) fn create(ws: &mut Workspace, new: &NewRequest) -> Result<RequestOutcome> {
    let out = placing::retrying(ws, |ws| create_once(ws, new))?;
    placing::after(ws, &out.schedule)?;
    Ok(out)
}

fn create_once(ws: &mut Workspace, new: &NewRequest) -> Result<RequestOutcome> {
    let ctx = Context::load(ws)?;
    let actor = ws.actor().clone();
    let st = Stamp {
        now: ws.now(),
        actor: actor.name(),
    };
    let built = build(&ctx, new, &st)?;
    write(ws, |tx| {
        let mut req = built.clone();
        req.id = tx.insert_request(&req)?;
        let by = req.requested_by;
        let changes = decide(tx, &ctx, &mut req, by, &st)?;
        tx.update_request(&req)?;
        let why = st.why(&actor, what(&req, "approved"));
        let mut out = RequestOutcome {
            request: req,
            schedule_changes: changes,
            schedule: Vec::new(),
            promoted: Vec::new(),
        };
        into_schedule(tx, &ctx, &mut out, &why)?;
        Ok(out)
    })
}

/// A supervisor's decision on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Approve, overriding the time-off rules or not.
    Approve { override_rules: bool },
    /// Deny.
    Deny,
    /// Cancel (what was deducted is given back).
    Cancel,
}

impl Verdict {
    fn action(self) -> Action {
        match self {
            Self::Approve { .. } => Action::Approve,
            Self::Deny => Action::Deny,
            Self::Cancel => Action::Cancel,
        }
    }
}

/// Approves, denies or cancels a request (see [`super::TimeOff::approve`] …).
pub(crate) fn decide_on(
    ws: &mut Workspace,
    id: i64,
    verdict: Verdict,
    note: &str,
) -> Result<RequestOutcome> {
    let out = placing::retrying(ws, |ws| decide_once(ws, id, verdict, note))?;
    placing::after(ws, &out.schedule)?;
    Ok(out)
}

fn decide_once(
    ws: &mut Workspace,
    id: i64,
    verdict: Verdict,
    note: &str,
) -> Result<RequestOutcome> {
    let ctx = Context::load(ws)?;
    let actor = ws.actor().clone();
    let st = Stamp {
        now: ws.now(),
        actor: actor.name(),
    };
    write(ws, |tx| {
        let mut req = load(tx, id, verdict.action())?;
        let mut changes = Vec::new();
        let mut promoted = Vec::new();
        match verdict {
            Verdict::Approve { override_rules } => {
                req.override_rules |= override_rules;
                changes = decide(tx, &ctx, &mut req, Requester::Supervisor, &st)?;
                if req.status != RequestStatus::Approved {
                    return Err(TimeOffError::RulesBroken {
                        id,
                        failures: req.failures.len(),
                    }
                    .into());
                }
            }
            Verdict::Deny => req.status = RequestStatus::Denied,
            Verdict::Cancel => {
                changes = recredit(tx, &mut req, "cancelled", &st)?;
                req.status = RequestStatus::Cancelled;
            }
        }
        req.note = note.to_owned();
        req.updated_at = st.now;
        tx.update_request(&req)?;
        if verdict == Verdict::Cancel {
            promoted = promote(tx, &ctx, &req.forecast_group, &st, &mut changes)?;
        }
        let done = match verdict {
            Verdict::Approve { .. } => "approved",
            Verdict::Deny => "denied",
            Verdict::Cancel => "cancelled",
        };
        let why = st.why(&actor, what(&req, done));
        let mut out = RequestOutcome {
            request: req,
            schedule_changes: changes,
            schedule: Vec::new(),
            promoted,
        };
        into_schedule(tx, &ctx, &mut out, &why)?;
        Ok(out)
    })
}

/// Edits a request (see [`super::TimeOff::edit`]).
pub(crate) fn edit(ws: &mut Workspace, id: i64, change: &RequestEdit) -> Result<RequestOutcome> {
    let out = placing::retrying(ws, |ws| edit_once(ws, id, change))?;
    placing::after(ws, &out.schedule)?;
    Ok(out)
}

fn edit_once(ws: &mut Workspace, id: i64, change: &RequestEdit) -> Result<RequestOutcome> {
    let ctx = Context::load(ws)?;
    let actor = ws.actor().clone();
    let st = Stamp {
        now: ws.now(),
        actor: actor.name(),
    };
    write(ws, |tx| {
        let mut req = load(tx, id, Action::Edit)?;
        let mut changes = recredit(tx, &mut req, "edited", &st)?;
        if let Some(a) = &change.activity {
            ctx.activity_of_kind(a, ActivityKind::TimeOff, "a time-off activity")?;
            req.activity.clone_from(a);
        }
        req.start = change.start.unwrap_or(req.start);
        req.end = change.end.unwrap_or(req.end);
        check_range(req.start, req.end, st.now)?;
        if let Some(r) = &change.reason {
            req.reason.clone_from(r);
        }
        req.override_rules |= change.override_rules;
        req.deduction = ctx.deduction(&req.agent, req.start, req.end);
        changes.extend(decide(tx, &ctx, &mut req, Requester::Supervisor, &st)?);
        req.note = format!("edited by {}", st.actor);
        tx.update_request(&req)?;
        let promoted = promote(tx, &ctx, &req.forecast_group, &st, &mut changes)?;
        let why = st.why(&actor, what(&req, "edited"));
        let mut out = RequestOutcome {
            request: req,
            schedule_changes: changes,
            schedule: Vec::new(),
            promoted,
        };
        into_schedule(tx, &ctx, &mut out, &why)?;
        Ok(out)
    })
}

/// Approves the waitlisted requests of `groups` that fit now (after an allowance upload),
/// their time off into the published schedules.
pub(crate) fn promote_groups(ws: &mut Workspace, groups: &[String]) -> Result<Vec<TimeOffRequest>> {
    let (promoted, schedule) = placing::retrying(ws, |ws| promote_once(ws, groups))?;
    placing::after(ws, &schedule)?;
    Ok(promoted)
}

fn promote_once(
    ws: &mut Workspace,
    groups: &[String],
) -> Result<(Vec<TimeOffRequest>, Vec<ScheduleUpdate>)> {
    let Ok(ctx) = Context::load(ws) else {
        return Ok((Vec::new(), Vec::new())); // no configuration: no request can wait
    };
    let actor = ws.actor().clone();
    let st = Stamp {
        now: ws.now(),
        actor: actor.name(),
    };
    write(ws, |tx| {
        let mut changes = Vec::new();
        let mut all = Vec::new();
        for g in groups {
            all.extend(promote(tx, &ctx, g, &st, &mut changes)?);
        }
        let why = st.why(&actor, "time off: waitlisted requests approved".to_owned());
        let schedule = placing::place(tx, &ctx, &changes, &why)?;
        Ok((all, schedule))
    })
}

/// The requests matching `filter`, oldest first.
pub(crate) fn search(ws: &Workspace, filter: &RequestFilter) -> Result<Vec<TimeOffRequest>> {
    let mut out = Vec::new();
    ws.store().time_off_read(&mut |tx| {
        out = tx.requests(filter)?;
        Ok(())
    })?;
    Ok(out)
}
