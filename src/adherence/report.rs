//! Reading the computed adherence: per agent and day, week or range, and the exceptions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{Period, PeriodAdherence, ScheduledKind, by_period, instant};

use crate::Workspace;
use crate::error::{Result, WfmError};

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if from > to {
        return Err(WfmError::InvalidArgument {
            argument: "to",
            value: to.to_string(),
            expected: format!("a day on or after the first day, {from}"),
        });
    }
    Ok(())
}

/// Adherence per agent and `period` over the days `from..=to`, from the last
/// recalculation (days outside the last 30 keep the figures of the last recalculation
/// that included them).
///
/// # Errors
/// [`WfmError::InvalidArgument`] for a range ending before it starts; a storage failure.
pub fn adherence_report(
    ws: &Workspace,
    from: NaiveDate,
    to: NaiveDate,
    period: Period,
) -> Result<Vec<PeriodAdherence>> {
    check_range(from, to)?;
    let days = ws.adherence_visible(ws.store().adherence_days(from, to)?, |d| &d.agent)?;
    Ok(by_period(&days, period, (from, to)))
}

/// One exception: an agent out of adherence from–to, what was scheduled, what they were in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExceptionRow {
    /// The agent.
    pub agent: String,
    /// The schedule day.
    pub day: NaiveDate,
    /// From.
    pub start: DateTime<Utc>,
    /// To.
    pub end: DateTime<Utc>,
    /// The scheduled activity (`Work` for shift time).
    pub scheduled_activity: String,
    /// Productive or non-productive.
    pub scheduled: ScheduledKind,
    /// The agent's state.
    pub actual_state: String,
    /// Whether handling a contact.
    pub on_contact: bool,
}

/// The exceptions of the days `from..=to`, by agent and time.
///
/// # Errors
/// As [`adherence_report`].
pub fn adherence_exceptions(
    ws: &Workspace,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ExceptionRow>> {
    check_range(from, to)?;
    let days = ws.adherence_visible(ws.store().adherence_days(from, to)?, |d| &d.agent)?;
    Ok(days
        .into_iter()
        .flat_map(|d| {
            let (agent, day) = (d.agent, d.day);
            d.exceptions.into_iter().map(move |e| ExceptionRow {
                agent: agent.clone(),
                day,
                start: instant(e.start),
                end: instant(e.end),
                scheduled_activity: e.scheduled_activity,
                scheduled: e.scheduled,
                actual_state: e.actual_state,
                on_contact: e.on_contact,
            })
        })
        .collect())
}
