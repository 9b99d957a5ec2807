//! Agent balances on a workspace: uploads, manual adjustments, the snapshot and the
//! ledger (as of any instant).

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use wfm_scheduler::timeoff::{self, Balance, EntryKind, LedgerEntry, hours};

use super::allowances::quote;
use super::context::Context;
use crate::Workspace;
use crate::error::Result;

/// One row of the balance snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceSnapshot {
    /// The agent.
    pub agent: String,
    /// The time-off activity.
    pub activity: String,
    /// The last uploaded and the net balance.
    pub balance: Balance,
}

/// Reads, validates and applies a balance CSV: one upload entry per row, in one
/// transaction. Returns the rows applied.
pub(crate) fn import(ws: &mut Workspace, file: &str, text: &str) -> Result<usize> {
    let ctx = Context::load(ws)?;
    let (agents, activities) = (ctx.agents(), ctx.time_off_activities());
    let rows = super::halves::read_in_halves(
        text,
        |t| timeoff::read_balances(t, file, Some(&agents), Some(&activities)),
        |r| &mut r.line,
        super::halves::balances_apart,
    )?;
    let (now, actor) = (ws.now(), ws.actor().name().to_owned());
    let reason = format!("uploaded from {file}");
    let upload = super::Upload {
        at: now,
        actor: &actor,
        reason: &reason,
    };
    ws.store_mut()
        .time_off_write(&mut |tx| tx.upload_balances(&rows, &upload))?;
    Ok(rows.len())
}

/// Adds `seconds` (either sign) to a balance with the supervisor's reason.
pub(crate) fn adjust(
    ws: &mut Workspace,
    agent: &str,
    activity: &str,
    seconds: i64,
    reason: &str,
) -> Result<Balance> {
    let ctx = Context::load(ws)?;
    ctx.agent(agent)?;
    ctx.activity_of_kind(
        activity,
        wfm_scheduler::ActivityKind::TimeOff,
        "a time-off activity",
    )?;
    let entry = LedgerEntry {
        agent: agent.to_owned(),
        activity: activity.to_owned(),
        kind: EntryKind::Adjustment,
        seconds,
        at: ws.now(),
        actor: ws.actor().name().to_owned(),
        reason: reason.to_owned(),
        request: None,
    };
    let mut after = Balance::default();
    ws.store_mut().time_off_write(&mut |tx| {
        after = tx.append_ledger(&entry)?;
        Ok(())
    })?;
    Ok(after)
}

/// The balances now, or replayed from the ledger as of `as_of`.
pub(crate) fn snapshot(
    ws: &Workspace,
    as_of: Option<DateTime<Utc>>,
) -> Result<Vec<BalanceSnapshot>> {
    let mut out = Vec::new();
    ws.store().time_off_read(&mut |tx| {
        out = match as_of {
            None => tx.balances()?,
            Some(t) => timeoff::replay(&tx.ledger(None, Some(t))?, None)
                .into_iter()
                .map(|((a, b), c)| (a, b, c))
                .collect(),
        };
        Ok(())
    })?;
    Ok(out
        .into_iter()
        .map(|(agent, activity, balance)| BalanceSnapshot {
            agent,
            activity,
            balance,
        })
        .collect())
}

/// The ledger, of one agent when given, up to `until` when given.
pub(crate) fn ledger(
    ws: &Workspace,
    agent: Option<&str>,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<LedgerEntry>> {
    let mut out = Vec::new();
    ws.store().time_off_read(&mut |tx| {
        out = tx.ledger(agent, until)?;
        Ok(())
    })?;
    Ok(out)
}

/// The snapshot CSV: `AGENT,TIME_OFF_ACTIVITY,LAST_UPLOADED_BALANCE_IN_HOURS,BALANCE_IN_HOURS`.
///
/// ```
/// use wfm::scheduler::timeoff::Balance;
/// use wfm::timeoff::{BalanceSnapshot, snapshot_csv};
/// let b = Balance { last_uploaded_seconds: 108_000, net_seconds: 88_200 };
/// let csv = snapshot_csv(&[BalanceSnapshot { agent: "agent1".into(), activity: "VACAY_SK".into(), balance: b }]);
/// assert_eq!(csv.lines().nth(1), Some("agent1,VACAY_SK,30,24.5"));
/// ```
pub fn snapshot_csv(rows: &[BalanceSnapshot]) -> String {
    let mut out =
        String::from("AGENT,TIME_OFF_ACTIVITY,LAST_UPLOADED_BALANCE_IN_HOURS,BALANCE_IN_HOURS\n");
    for r in rows {
        let _ = writeln!(
            out,
            "{},{},{},{}",
            quote(&r.agent),
            quote(&r.activity),
            hours(r.balance.last_uploaded_seconds),
            hours(r.balance.net_seconds)
        );
    }
    out
}

/// The ledger CSV: one line per entry with who, when and why.
pub fn ledger_csv(entries: &[LedgerEntry]) -> String {
    let mut out = String::from("AT,AGENT,TIME_OFF_ACTIVITY,KIND,HOURS,ACTOR,REASON,REQUEST\n");
    for e in entries {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            e.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            quote(&e.agent),
            quote(&e.activity),
            e.kind,
            hours(e.seconds),
            quote(&e.actor),
            quote(&e.reason),
            e.request.map(|r| r.to_string()).unwrap_or_default()
        );
    }
    out
}
