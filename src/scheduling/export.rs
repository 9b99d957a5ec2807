//! The four tables of a generated week, defined once over its review
//! ([`wfm_scheduler::Review`]) and written from that definition to CSV, Parquet, the
//! workbook and the Python DataFrames (see [`crate::tables`]); the columns are listed in
//! the [`tables`](super::tables) module's documentation and in
//! `docs/formats/schedule-output.md`.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use wfm_scheduler::Review;
use wfm_scheduler::review::{ActivityView, AgentReview, IntervalReview, ShiftView};

use super::ScheduleOutcome;
use crate::tables::{Decimals, Definition, Table};

/// The tables of a generated week, as `wfm schedule generate` writes them
/// (`shifts.csv`, `activities.csv`, `coverage.csv`, `agent_hours.csv`, their Parquet
/// twins and the workbook's sheets) and as Python receives them.
///
/// # Examples
/// ```no_run
/// # fn example(outcome: &wfm::scheduling::ScheduleOutcome) -> wfm::Result<()> {
/// use wfm::scheduling::ScheduleTables;
/// let tables = ScheduleTables::new(outcome, &outcome.review()?);
/// let coverage = String::from_utf8(tables.coverage.csv()?).unwrap_or_default();
/// assert!(coverage.starts_with("interval_start,required,scheduled,short,service_level"));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleTables {
    /// One row per shift: `agent, date, start, end, paid_hours, time_zone, local_start,
    /// local_end`.
    pub shifts: Table,
    /// One row per placed activity: `agent, date, activity, start, end, paid,
    /// local_start, local_end`.
    pub activities: Table,
    /// One row per interval of the scenario's grid: `interval_start, required,
    /// scheduled, short, service_level, asa_seconds, occupancy, volume, aht_seconds`.
    pub coverage: Table,
    /// Paid hours per agent: `agent, period, start, week, paid_hours`, a `day` row per
    /// schedule day and a `week` row per week worked.
    pub agent_hours: Table,
}

impl ScheduleTables {
    /// The tables of `outcome`, with the figures of its `review`.
    #[must_use]
    pub fn new(outcome: &ScheduleOutcome, review: &Review) -> Self {
        let shifts: Vec<_> = review
            .agents
            .iter()
            .flat_map(|a| a.shifts.iter().map(move |s| (a, s)))
            .collect();
        let activities: Vec<_> = shifts
            .iter()
            .flat_map(|&(a, s)| s.activities.iter().map(move |p| (a, s, p)))
            .collect();
        Self {
            shifts: shifts_definition().table(&shifts),
            activities: activities_definition().table(&activities),
            coverage: coverage_definition().table(&review.intervals),
            agent_hours: hours_definition().table(&hour_rows(outcome, review)),
        }
    }

    /// The tables with the stems of their files, in the order of
    /// [`SCHEDULE_FILES`](super::SCHEDULE_FILES).
    pub(crate) fn named(&self) -> [(&'static str, &Table); 4] {
        [
            ("shifts", &self.shifts),
            ("activities", &self.activities),
            ("coverage", &self.coverage),
            ("agent_hours", &self.agent_hours),
        ]
    }
}

/// A local time with its UTC offset: `2026-03-02T09:00:00-05:00`.
fn local(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

type ShiftRow<'r> = (&'r AgentReview, &'r ShiftView);

fn shifts_definition<'r>() -> Definition<'static, ShiftRow<'r>> {
    Definition::new()
        .text("agent", |r: &ShiftRow<'r>| r.0.agent.clone())
        .date("date", |r| r.1.date)
        .instant("start", |r| r.1.start)
        .instant("end", |r| r.1.end)
        .number("paid_hours", Decimals::Fixed(2), |r| r.1.paid_hours)
        .text("time_zone", |r| r.0.time_zone.name().to_owned())
        .text("local_start", |r| local(r.1.local_start))
        .text("local_end", |r| local(r.1.local_end))
}

type ActivityRow<'r> = (&'r AgentReview, &'r ShiftView, &'r ActivityView);

fn activities_definition<'r>() -> Definition<'static, ActivityRow<'r>> {
    Definition::new()
        .text("agent", |r: &ActivityRow<'r>| r.0.agent.clone())
        .date("date", |r| r.1.date)
        .text("activity", |r| r.2.activity.clone())
        .instant("start", |r| r.2.start)
        .instant("end", |r| r.2.end)
        .bool("paid", |r| r.2.paid)
        .text("local_start", |r| local(r.2.local_start))
        .text("local_end", |r| local(r.2.local_end))
}

fn coverage_definition() -> Definition<'static, IntervalReview> {
    Definition::new()
        .instant("interval_start", |r: &IntervalReview| r.start)
        .int("required", |r| i64::from(r.required))
        .number("scheduled", Decimals::Fixed(2), |r| r.scheduled)
        .number("short", Decimals::Fixed(2), |r| r.short)
        .number("service_level", Decimals::Fixed(4), |r| r.service_level)
        .number("asa_seconds", Decimals::Fixed(1), |r| r.asa_seconds)
        .number("occupancy", Decimals::Fixed(4), |r| r.occupancy)
        .number("volume", Decimals::Fixed(2), |r| r.volume)
        .number("aht_seconds", Decimals::Fixed(1), |r| r.aht_seconds)
}

/// A row of `agent_hours`: agent, period (`day` or `week`), its first day, its week
/// (0-based from the request's start) and the paid hours.
type HourRow = (String, &'static str, NaiveDate, i64, f64);

fn hour_rows(outcome: &ScheduleOutcome, review: &Review) -> Vec<HourRow> {
    let request = outcome.scenario.request();
    let mut rows = Vec::new();
    for a in &review.agents {
        for &(date, h) in &a.paid_hours_by_day {
            rows.push((a.agent.clone(), "day", date, request.week_of(date), h));
        }
        for &(week, h) in &a.paid_hours_by_week {
            let first = request.start + Duration::days(7 * week);
            rows.push((a.agent.clone(), "week", first, week, h));
        }
    }
    rows
}

fn hours_definition() -> Definition<'static, HourRow> {
    Definition::new()
        .text("agent", |r: &HourRow| r.0.clone())
        .text("period", |r| r.1.to_owned())
        .date("start", |r| r.2)
        .int("week", |r| r.3)
        .number("paid_hours", Decimals::Fixed(2), |r| r.4)
}
