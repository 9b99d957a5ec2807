//! Time off, overtime and voluntary time off on a workspace: the workflow over the pure
//! rules of [`wfm_scheduler::timeoff`], stored in the workspace's own tables.
//!
//! [`Workspace::time_off`] is the handle the CLI (`wfm timeoff …`, `wfm overtime …`) and
//! Python use. Every decision (a request's approval, an offer's acceptance) reads the
//! allowance, the balance or the accepted count and writes its outcome in one store
//! transaction, so racing processes never grant more than there is. "Now" and "who" are
//! the workspace's clock and actor.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use wfm::timeoff::NewRequest;
//! use wfm::scheduler::timeoff::RequestStatus;
//! # let dir = tempfile::tempdir()?;
//! let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
//! ws.set_clock(std::sync::Arc::new(wfm::core::clock::FixedClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap())));
//! ws.create_group("Support", &["1001".parse()?])?;
//! let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/timeoff_example.toml"))?;
//! ws.schedule_scenario().import("timeoff_example.toml", &toml)?;
//! ws.time_off().import_balances("b.csv", "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\n")?;
//! let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
//! let done = ws.time_off().request(&NewRequest::full_days("agent1", "VACAY_SK", day, day))?;
//! assert_eq!(done.request.status, RequestStatus::Approved);
//! assert_eq!(done.request.deducted.balance_seconds, 5 * 3600 + 1800); // 30 h → 24 h 30
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod allowances;
mod balances;
mod context;
pub mod example;
mod halves;
mod overtime;
mod placing;
mod requests;
mod store;

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use wfm_scheduler::timeoff::{
    AllowanceSlot, Balance, LedgerEntry, SlotOffer, SuggestedSlots, TimeOffRequest, hours,
};

pub use allowances::{AllowanceImport, allowance_csv};
pub use balances::{BalanceSnapshot, ledger_csv, snapshot_csv};
pub(crate) use context::ContextCache;
pub use overtime::{Answer, AnswerOutcome, NewOffer, OfferState};
pub use placing::ScheduleUpdate;
pub use requests::{NewRequest, RequestEdit, RequestOutcome};
pub use store::{RequestFilter, TimeOffTx, Upload};

use crate::Workspace;
use crate::access::{Permission as P, Target};
use crate::error::{Result, WfmError};
use requests::Verdict;

impl Workspace {
    /// Time off, overtime and VTO of this workspace.
    pub fn time_off(&mut self) -> TimeOff<'_> {
        TimeOff { ws: self }
    }
}

/// The time-off handle of a [`Workspace`] (see the [module docs](self)).
#[derive(Debug)]
pub struct TimeOff<'a> {
    ws: &'a mut Workspace,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))
}

impl TimeOff<'_> {
    /// Reads, validates and applies a group allowance CSV: every problem is reported as
    /// `FILE:LINE: COLUMN: reason` and nothing is applied if there is one; else only the
    /// slots it holds change (an empty value removes the slot's group check). Waitlisted
    /// requests it makes room for are approved, first come first served.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] for a problem in the file.
    pub fn import_allowances(&mut self, file: &str, text: &str) -> Result<AllowanceImport> {
        self.ws.require_change(
            P::TimeOffEdit,
            &Target::Workspace,
            "time_off.allowances_import",
        )?;
        allowances::import(self.ws, file, text)
    }

    /// [`TimeOff::import_allowances`] of a file.
    ///
    /// # Errors
    /// [`WfmError::Io`] if it cannot be read; as [`TimeOff::import_allowances`].
    pub fn import_allowances_file(&mut self, path: &Path) -> Result<AllowanceImport> {
        self.ws.require_change(
            P::TimeOffEdit,
            &Target::Workspace,
            "time_off.allowances_import",
        )?;
        let text = read(path)?;
        allowances::import(self.ws, &path.display().to_string(), &text)
    }

    /// The allowance slots of `groups` (every group when empty) with their last uploaded
    /// and remaining hours.
    ///
    /// # Errors
    /// A storage failure.
    pub fn allowances(&self, groups: &[String]) -> Result<Vec<AllowanceSlot>> {
        self.ws.require_held(&[P::TimeOffView])?;
        allowances::slots(self.ws, groups).and_then(|v| self.ws.visible_allowances(v))
    }

    /// Reads, validates and applies an agent balance CSV (one upload entry in the ledger
    /// per row). Returns the rows applied.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] for a problem in the file (an unknown agent or
    /// activity included); `NotFound` without a scheduling configuration.
    pub fn import_balances(&mut self, file: &str, text: &str) -> Result<usize> {
        self.ws.require_change(
            P::TimeOffBalanceEdit,
            &Target::Workspace,
            "time_off.balances_import",
        )?;
        balances::import(self.ws, file, text)
    }

    /// [`TimeOff::import_balances`] of a file.
    ///
    /// # Errors
    /// [`WfmError::Io`] if it cannot be read; as [`TimeOff::import_balances`].
    pub fn import_balances_file(&mut self, path: &Path) -> Result<usize> {
        self.ws.require_change(
            P::TimeOffBalanceEdit,
            &Target::Workspace,
            "time_off.balances_import",
        )?;
        let text = read(path)?;
        balances::import(self.ws, &path.display().to_string(), &text)
    }

    /// Adds `seconds` (either sign) to an agent's balance, with a reason (a ledger line).
    ///
    /// # Errors
    /// A named error for an unknown agent or activity.
    pub fn adjust_balance(
        &mut self,
        agent: &str,
        activity: &str,
        seconds: i64,
        reason: &str,
    ) -> Result<Balance> {
        self.ws.require_change(
            P::TimeOffBalanceEdit,
            &Target::agent(agent),
            "time_off.balance_adjust",
        )?;
        balances::adjust(self.ws, agent, activity, seconds, reason)
    }

    /// The balances: now, or replayed from the ledger as of `as_of`.
    ///
    /// # Errors
    /// A storage failure.
    pub fn balances(&self, as_of: Option<DateTime<Utc>>) -> Result<Vec<BalanceSnapshot>> {
        balances::snapshot(self.ws, as_of)
            .and_then(|v| self.ws.visible(P::TimeOffBalanceView, v, |b| &b.agent))
    }

    /// The ledger, of one agent when given, up to `until` when given.
    ///
    /// # Errors
    /// A storage failure.
    pub fn ledger(
        &self,
        agent: Option<&str>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Vec<LedgerEntry>> {
        balances::ledger(self.ws, agent, until)
            .and_then(|v| self.ws.visible(P::TimeOffBalanceView, v, |e| &e.agent))
    }

    /// Makes a request: checked (a named error for an unknown agent or activity, a type
    /// the agent may not request, an end before the start, more than 13 months ahead, an
    /// agent's request in the past), then evaluated and, when the rules allow,
    /// auto-approved, in one transaction.
    ///
    /// # Errors
    /// [`WfmError::TimeOff`] naming what is wrong; nothing is stored then.
    pub fn request(&mut self, new: &NewRequest) -> Result<RequestOutcome> {
        self.ws.require_new_request(new)?;
        requests::create(self.ws, new)
    }

    /// Approves a pending or waitlisted request; its rules must hold unless
    /// `override_rules`.
    ///
    /// # Errors
    /// [`WfmError::TimeOff`] for an unknown request, a status that cannot be approved
    /// or rules broken without the override.
    pub fn approve(&mut self, id: i64, override_rules: bool, note: &str) -> Result<RequestOutcome> {
        self.ws
            .require_on_request(P::TimeOffApprove, id, "time_off.approve")?;
        requests::decide_on(self.ws, id, Verdict::Approve { override_rules }, note)
    }

    /// Denies a pending or waitlisted request.
    ///
    /// # Errors
    /// As [`TimeOff::approve`].
    pub fn deny(&mut self, id: i64, note: &str) -> Result<RequestOutcome> {
        self.ws
            .require_on_request(P::TimeOffApprove, id, "time_off.deny")?;
        requests::decide_on(self.ws, id, Verdict::Deny, note)
    }

    /// Cancels a request; an approved one gives back exactly what it deducted, and
    /// waitlisted requests that now fit are approved.
    ///
    /// # Errors
    /// As [`TimeOff::approve`].
    pub fn cancel(&mut self, id: i64, note: &str) -> Result<RequestOutcome> {
        self.ws
            .require_on_request(P::TimeOffEdit, id, "time_off.cancel")?;
        requests::decide_on(self.ws, id, Verdict::Cancel, note)
    }

    /// Edits a request as a supervisor: what it deducted is given back, then it is
    /// evaluated again (approved when the rules hold or are overridden, else pending).
    ///
    /// # Errors
    /// As [`TimeOff::approve`]; a named error for a bad new activity or range.
    pub fn edit(&mut self, id: i64, change: &RequestEdit) -> Result<RequestOutcome> {
        self.ws.require_on_request(
            if change.override_rules {
                P::TimeOffApprove
            } else {
                P::TimeOffEdit
            },
            id,
            "time_off.edit",
        )?;
        requests::edit(self.ws, id, change)
    }

    /// The requests matching `filter` (agent name or login fragment, status, dates),
    /// oldest first.
    ///
    /// # Errors
    /// A storage failure.
    pub fn requests(&self, filter: &RequestFilter) -> Result<Vec<TimeOffRequest>> {
        requests::search(self.ws, filter)
            .and_then(|v| self.ws.visible(P::TimeOffView, v, |r| &r.agent))
    }

    /// Opens overtime or VTO slots.
    ///
    /// # Errors
    /// A named error for an unknown activity, group or agent, an empty or past offer.
    pub fn open_slots(&mut self, new: &NewOffer) -> Result<SlotOffer> {
        self.ws.require_open_slots(new)?;
        overtime::open(self.ws, new)
    }

    /// Records an agent's answer to an offer, or a supervisor's override or force-deny.
    ///
    /// # Errors
    /// [`WfmError::TimeOff`] for an unknown offer or an agent it is not offered to.
    pub fn answer(&mut self, offer: i64, agent: &str, answer: Answer) -> Result<AnswerOutcome> {
        self.ws.require_answer(agent, answer)?;
        overtime::answer(self.ws, offer, agent, answer)
    }

    /// Every offer with its responses.
    ///
    /// # Errors
    /// A storage failure.
    pub fn offers(&self) -> Result<Vec<OfferState>> {
        self.ws
            .require_held(&[P::TimeOffView, P::AgentCalendarView])?;
        overtime::offers(self.ws).and_then(|v| self.ws.visible_offers(v))
    }

    /// Per interval of the latest published schedule the actor may see (of a forecast
    /// group in their scope, as the allowances), the overtime slots needed and the VTO
    /// slots that can be given without missing the goal.
    ///
    /// # Errors
    /// [`WfmError::Precondition`] when no such schedule is published.
    pub fn suggest(&self) -> Result<Vec<SuggestedSlots>> {
        self.ws
            .require_held(&[P::TimeOffApprove, P::SchedulingView])?;
        overtime::suggest(self.ws)
    }
}

/// The requests as CSV: number, agent, activity, times, status, hours and every failed
/// rule with its numbers.
pub fn requests_csv(requests: &[TimeOffRequest]) -> String {
    let mut out = String::from(
        "ID,AGENT,TIME_OFF_ACTIVITY,START_TIME,END_TIME,STATUS,REQUESTED_BY,DEDUCTION_IN_HOURS,DEDUCTED_IN_HOURS,RULES_FAILED,NOTE\n",
    );
    for r in requests {
        let failures: Vec<String> = r.failures.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            r.id,
            allowances::quote(&r.agent),
            allowances::quote(&r.activity),
            r.start.to_rfc3339_opts(SecondsFormat::Secs, true),
            r.end.to_rfc3339_opts(SecondsFormat::Secs, true),
            r.status,
            match r.requested_by {
                wfm_scheduler::timeoff::Requester::Agent => "agent",
                wfm_scheduler::timeoff::Requester::Supervisor => "supervisor",
            },
            hours(r.deduction.seconds),
            hours(
                r.deducted
                    .balance_seconds
                    .max(r.deducted.slots.iter().map(|s| s.1).sum())
            ),
            allowances::quote(&failures.join("; ")),
            allowances::quote(&r.note)
        );
    }
    out
}

/// The offers as CSV: one line per offer with its accepted count.
pub fn offers_csv(offers: &[OfferState]) -> String {
    let mut out =
        String::from("ID,KIND,START_TIME,END_TIME,ACTIVITY,SLOTS,ACCEPTED,AGENTS,REASON\n");
    for o in offers {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            o.offer.id,
            o.offer.kind,
            o.offer.start.to_rfc3339_opts(SecondsFormat::Secs, true),
            o.offer.end.to_rfc3339_opts(SecondsFormat::Secs, true),
            allowances::quote(&o.offer.activity),
            o.offer.slots,
            o.accepted(),
            allowances::quote(&o.offer.agents.join(" ")),
            allowances::quote(&o.offer.reason)
        );
    }
    out
}

/// The suggested slots as CSV.
pub fn suggestions_csv(rows: &[SuggestedSlots]) -> String {
    let mut out = String::from("START_TIME,END_TIME,REQUIRED,SCHEDULED,OVERTIME_SLOTS,VTO_SLOTS\n");
    for s in rows {
        let _ = writeln!(
            out,
            "{},{},{},{:.2},{},{}",
            s.start.to_rfc3339_opts(SecondsFormat::Secs, true),
            s.end.to_rfc3339_opts(SecondsFormat::Secs, true),
            s.required,
            s.scheduled,
            s.overtime,
            s.vto
        );
    }
    out
}
