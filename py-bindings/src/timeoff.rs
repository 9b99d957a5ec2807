//! Time off, overtime and VTO of a workspace for Python (`wfm.Workspace.time_off`): free
//! functions taking the `_Workspace`, each converting its arguments and calling
//! `wfm::Workspace::time_off` without the GIL. Tables cross as CSV text of the facade's
//! table writers (`wfm::timeoff::*_csv`), which `wfm/timeoff.py` reads as DataFrames.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use wfm::scheduler::timeoff::{self as rules, OfferedTo, RequestStatus, SlotKind, TimeOffRequest};
use wfm::timeoff::{Answer, NewOffer, NewRequest, RequestFilter, RequestOutcome, ScheduleUpdate};

use crate::workspace::{PyWorkspace, argument};

fn instant(column: &str, text: &str) -> Result<DateTime<Utc>, crate::Failure> {
    let full = if text.len() == 16 {
        format!("{text}:00")
    } else {
        text.to_owned()
    };
    rules::parse_utc(&full).ok_or_else(|| {
        argument(
            column,
            format!("{text:?} is not a UTC time such as 2026-12-15T09:00"),
        )
    })
}

fn maybe_instant(
    column: &str,
    text: Option<&str>,
) -> Result<Option<DateTime<Utc>>, crate::Failure> {
    text.map(|t| instant(column, t)).transpose()
}

/// A decision's edit of one published schedule as Python receives it (`wfm.timeoff.
/// ScheduleUpdate`): schedule, version after, agents changed (one change record each),
/// rules broken, notes, service level before and after.
type UpdateRow = (
    i64,
    u64,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<(f64, f64)>,
);

fn update_row(u: &ScheduleUpdate) -> UpdateRow {
    (
        u.schedule.0,
        u.version,
        u.changed.clone(),
        u.violations.clone(),
        u.notes.clone(),
        u.service_level,
    )
}

fn update_rows(updates: &[ScheduleUpdate]) -> Vec<UpdateRow> {
    updates.iter().map(update_row).collect()
}

/// A request as Python receives it: number, status, hours deducted, failed rules, the
/// published schedules the decision edited.
type RequestRow = (i64, String, f64, Vec<String>, Vec<UpdateRow>);

fn row(r: &TimeOffRequest, updates: &[ScheduleUpdate]) -> RequestRow {
    (
        r.id,
        r.status.as_str().to_owned(),
        rules::hours(
            r.deducted
                .balance_seconds
                .max(r.deducted.slots.iter().map(|s| s.1).sum()),
        ),
        r.failures.iter().map(ToString::to_string).collect(),
        update_rows(updates),
    )
}

fn outcome(o: &RequestOutcome) -> RequestRow {
    row(&o.request, &o.schedule)
}

/// Fixes the workspace's "now" (UTC text) for what follows; `None`: the system clock.
#[pyfunction]
#[pyo3(signature = (ws, now=None))]
pub fn time_off_set_now(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    now: Option<String>,
) -> PyResult<()> {
    ws.with(py, |ws| {
        match maybe_instant("now", now.as_deref())? {
            Some(t) => ws.set_clock(Arc::new(wfm::core::clock::FixedClock::new(t))),
            None => ws.set_clock(Arc::new(wfm::core::clock::SystemClock)),
        }
        Ok(())
    })
}

/// Imports an allowance CSV (text); returns (slots set, slots cleared, requests approved
/// from the waitlist).
#[pyfunction]
pub fn time_off_import_allowances(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    text: String,
    file: String,
) -> PyResult<(usize, usize, Vec<i64>)> {
    ws.with(py, |ws| {
        let done = ws.time_off().import_allowances(&file, &text)?;
        Ok((done.set, done.cleared, done.promoted))
    })
}

/// The allowances of `groups` (all when empty) as CSV text.
#[pyfunction]
pub fn time_off_allowances(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    groups: Vec<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        Ok(wfm::timeoff::allowance_csv(
            &ws.time_off().allowances(&groups)?,
        ))
    })
}

/// Imports a balance CSV (text); returns the rows applied.
#[pyfunction]
pub fn time_off_import_balances(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    text: String,
    file: String,
) -> PyResult<usize> {
    ws.with(py, |ws| Ok(ws.time_off().import_balances(&file, &text)?))
}

/// The balance snapshot (now, or as of a UTC time) as CSV text.
#[pyfunction]
#[pyo3(signature = (ws, as_of=None))]
pub fn time_off_balances(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    as_of: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let as_of = maybe_instant("as_of", as_of.as_deref())?;
        Ok(wfm::timeoff::snapshot_csv(&ws.time_off().balances(as_of)?))
    })
}

/// The ledger (of one agent, up to a UTC time) as CSV text.
#[pyfunction]
#[pyo3(signature = (ws, agent=None, until=None))]
pub fn time_off_ledger(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    agent: Option<String>,
    until: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let until = maybe_instant("until", until.as_deref())?;
        Ok(wfm::timeoff::ledger_csv(
            &ws.time_off().ledger(agent.as_deref(), until)?,
        ))
    })
}

/// Adds `hours` (either sign) to a balance; returns the net hours after.
#[pyfunction]
pub fn time_off_adjust(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    agent: String,
    activity: String,
    hours: f64,
    reason: String,
) -> PyResult<f64> {
    ws.with(py, |ws| {
        if !hours.is_finite() {
            return Err(argument("hours", "must be a finite number".into()));
        }
        let b = ws.time_off().adjust_balance(
            &agent,
            &activity,
            (hours * 3600.0).round() as i64,
            &reason,
        )?;
        Ok(rules::hours(b.net_seconds))
    })
}

/// Makes a request; returns (number, status, hours deducted, failed rules, schedule
/// edits).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn time_off_request(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    agent: String,
    activity: String,
    start: String,
    end: String,
    reason: String,
    supervisor: bool,
    override_rules: bool,
    waitlist: bool,
) -> PyResult<RequestRow> {
    ws.with(py, |ws| {
        let mut new = NewRequest::range(
            &agent,
            &activity,
            instant("start", &start)?,
            instant("end", &end)?,
        );
        new.reason = reason;
        new.waitlist = waitlist;
        if supervisor {
            new = new.by_supervisor(override_rules);
        }
        Ok(outcome(&ws.time_off().request(&new)?))
    })
}

/// Approves (`approve`), denies (`deny`) or cancels (`cancel`) a request.
#[pyfunction]
pub fn time_off_decide(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    id: i64,
    verdict: String,
    override_rules: bool,
    note: String,
) -> PyResult<RequestRow> {
    ws.with(py, |ws| {
        let mut t = ws.time_off();
        let done = match verdict.as_str() {
            "approve" => t.approve(id, override_rules, &note)?,
            "deny" => t.deny(id, &note)?,
            "cancel" => t.cancel(id, &note)?,
            other => {
                return Err(argument(
                    "verdict",
                    format!("{other:?}: expected approve, deny or cancel"),
                ));
            }
        };
        Ok(outcome(&done))
    })
}

/// The requests matching the filter as CSV text.
#[pyfunction]
#[pyo3(signature = (ws, agent=None, status=None, start=None, end=None))]
pub fn time_off_requests(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    agent: Option<String>,
    status: Option<String>,
    start: Option<String>,
    end: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let status = status
            .map(|s| {
                RequestStatus::parse(&s).ok_or_else(|| {
                    argument(
                        "status",
                        format!(
                            "{s:?}: expected pending, approved, denied, cancelled or waitlisted"
                        ),
                    )
                })
            })
            .transpose()?;
        let filter = RequestFilter {
            agent,
            status,
            from: maybe_instant("start", start.as_deref())?,
            to: maybe_instant("end", end.as_deref())?,
            forecast_group: None,
        };
        Ok(wfm::timeoff::requests_csv(
            &ws.time_off().requests(&filter)?,
        ))
    })
}

/// Opens overtime or VTO slots; returns the offer's number.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn overtime_open(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    kind: String,
    start: String,
    end: String,
    activity: String,
    slots: u32,
    group: Option<String>,
    agents: Vec<String>,
    reason: String,
) -> PyResult<i64> {
    ws.with(py, |ws| {
        let kind = SlotKind::parse(&kind)
            .ok_or_else(|| argument("kind", format!("{kind:?}: expected overtime or vto")))?;
        let offered_to = match group {
            Some(g) => OfferedTo::Group(g),
            None => OfferedTo::Agents(agents),
        };
        let new = NewOffer {
            kind,
            start: instant("start", &start)?,
            end: instant("end", &end)?,
            activity,
            reason,
            slots,
            offered_to,
        };
        Ok(ws.time_off().open_slots(&new)?.id)
    })
}

/// Records an answer (`accept`, `decline`, `override`, `force_deny`); returns the
/// response's status and the published schedules it edited.
#[pyfunction]
pub fn overtime_answer(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    offer: i64,
    agent: String,
    answer: String,
) -> PyResult<(String, Vec<UpdateRow>)> {
    ws.with(py, |ws| {
        let a = match answer.as_str() {
            "accept" => Answer::Accept,
            "decline" => Answer::Decline,
            "override" => Answer::Override,
            "force_deny" => Answer::ForceDeny,
            other => {
                return Err(argument(
                    "answer",
                    format!("{other:?}: expected accept, decline, override or force_deny"),
                ));
            }
        };
        let done = ws.time_off().answer(offer, &agent, a)?;
        Ok((
            done.response.status.as_str().to_owned(),
            update_rows(&done.schedule),
        ))
    })
}

/// Every offer as CSV text.
#[pyfunction]
pub fn overtime_offers(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<String> {
    ws.with(py, |ws| {
        Ok(wfm::timeoff::offers_csv(&ws.time_off().offers()?))
    })
}

/// The suggested slots of the latest published schedule as CSV text.
#[pyfunction]
pub fn overtime_suggest(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<String> {
    ws.with(py, |ws| {
        Ok(wfm::timeoff::suggestions_csv(&ws.time_off().suggest()?))
    })
}

/// Stores and publishes the time-off example's week (`wfm::timeoff::example`) on a
/// workspace holding the example configuration; returns the schedule's number.
#[pyfunction]
pub fn time_off_example_week(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<i64> {
    ws.with(py, |ws| Ok(wfm::timeoff::example::publish_week(ws)?.0))
}
