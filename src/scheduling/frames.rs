//! A generated week as polars DataFrames, for Python and for the table writers: the
//! shifts, the activities placed in them, coverage per interval of the scenario's grid
//! (required vs scheduled productive agents) and paid hours per agent and day.
//!
//! Instants are millisecond `Datetime`s in UTC, stored without a zone name (as the
//! history Parquet export; polars is built without its time-zone feature, and the Python
//! package marks them UTC), schedule days `Date`; the column names are those of the CSVs
//! `wfm schedule generate` writes, plus `minutes`, `paid` and `short`.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use polars::prelude::{Column, DataFrame, DataType, NamedFrom, PolarsResult, Series, TimeUnit};

use super::ScheduleOutcome;
use crate::error::{Result, WfmError};

/// Column names of [`ScheduleFrames::shifts`].
pub const SHIFT_COLUMNS: [&str; 6] = ["agent", "date", "start", "end", "minutes", "paid_hours"];
/// Column names of [`ScheduleFrames::activities`].
pub const ACTIVITY_COLUMNS: [&str; 7] = [
    "agent", "date", "activity", "start", "end", "minutes", "paid",
];
/// Column names of [`ScheduleFrames::coverage`].
pub const COVERAGE_COLUMNS: [&str; 4] = ["interval_start", "required", "scheduled", "short"];
/// Column names of [`ScheduleFrames::agent_hours`].
pub const AGENT_HOURS_COLUMNS: [&str; 3] = ["agent", "date", "paid_hours"];

/// The tables of a generated week.
#[derive(Debug, Clone)]
pub struct ScheduleFrames {
    /// One row per shift: `agent`, `date` (the schedule day), `start`, `end` (UTC),
    /// `minutes` (length, breaks included), `paid_hours` (less unpaid activities).
    pub shifts: DataFrame,
    /// One row per placed activity: `agent`, `date`, `activity`, `start`, `end`,
    /// `minutes`, `paid` (the scenario's flag; an activity it does not know counts as
    /// paid, as in [`wfm_scheduler::Shift::paid_minutes`]).
    pub activities: DataFrame,
    /// One row per interval of the scenario's grid over the week from `week_start` 00:00
    /// UTC: `interval_start`, `required` (productive agents: the largest requirement of
    /// the quarter hours the interval holds), `scheduled` (productive agents, an agent
    /// on break for part of the interval counting in part), `short` (a quarter hour of
    /// the interval has fewer productive agents than required).
    pub coverage: DataFrame,
    /// Paid hours per agent and schedule day: `agent`, `date`, `paid_hours`.
    pub agent_hours: DataFrame,
}

fn datetimes(name: &str, times: &[DateTime<Utc>]) -> PolarsResult<Column> {
    let millis: Vec<i64> = times.iter().map(DateTime::timestamp_millis).collect();
    Ok(Series::new(name.into(), millis)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
        .into())
}

fn dates(name: &str, days: &[NaiveDate]) -> PolarsResult<Column> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let n: Vec<i32> = days
        .iter()
        .map(|d| (*d - epoch).num_days() as i32)
        .collect();
    Ok(Series::new(name.into(), n).cast(&DataType::Date)?.into())
}

/// One interval of the scenario's grid: a row of [`ScheduleFrames::coverage`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntervalCoverage {
    /// The interval's start (UTC).
    pub start: DateTime<Utc>,
    /// Required productive agents: the largest requirement of its quarter hours.
    pub required: u32,
    /// Scheduled productive agents (an agent on break for part of it counting in part).
    pub scheduled: f64,
    /// A quarter hour of the interval is short of its requirement.
    pub short: bool,
}

/// Coverage per interval of the scenario's grid over the week from `week_start` 00:00
/// UTC (the rows of [`ScheduleFrames::coverage`] and of `coverage.csv`).
pub fn interval_coverage(outcome: &ScheduleOutcome) -> Vec<IntervalCoverage> {
    let sc = &outcome.scenario;
    let minutes = i64::from(sc.config().interval.minutes());
    let per = (minutes / 15).max(1) as usize;
    let from = outcome.week_start.and_time(NaiveTime::MIN).and_utc();
    let required = outcome.report.required();
    let n = required.len() / per;
    let scheduled = outcome.schedule.coverage(sc, from, n);
    let short: BTreeSet<usize> = outcome
        .report
        .unmet_intervals
        .iter()
        .map(|&t| ((t - from).num_minutes() / 15) as usize)
        .collect();
    (0..n)
        .map(|i| IntervalCoverage {
            start: from + Duration::minutes(minutes * i as i64),
            required: required[i * per..(i + 1) * per]
                .iter()
                .max()
                .copied()
                .unwrap_or(0),
            scheduled: scheduled[i],
            short: (i * per..(i + 1) * per).any(|q| short.contains(&q)),
        })
        .collect()
}

fn frames(outcome: &ScheduleOutcome) -> PolarsResult<ScheduleFrames> {
    let sc = &outcome.scenario;
    let agents = &outcome.schedule.agents;
    let shifts: Vec<_> = agents
        .iter()
        .flat_map(|a| a.shifts.iter().map(move |s| (a.agent.as_str(), s)))
        .collect();
    let shift_frame = DataFrame::new_infer_height(vec![
        Column::new(
            SHIFT_COLUMNS[0].into(),
            shifts.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
        ),
        dates(
            SHIFT_COLUMNS[1],
            &shifts.iter().map(|(_, s)| s.date).collect::<Vec<_>>(),
        )?,
        datetimes(
            SHIFT_COLUMNS[2],
            &shifts.iter().map(|(_, s)| s.start).collect::<Vec<_>>(),
        )?,
        datetimes(
            SHIFT_COLUMNS[3],
            &shifts.iter().map(|(_, s)| s.end).collect::<Vec<_>>(),
        )?,
        Column::new(
            SHIFT_COLUMNS[4].into(),
            shifts.iter().map(|(_, s)| s.minutes()).collect::<Vec<_>>(),
        ),
        Column::new(
            SHIFT_COLUMNS[5].into(),
            shifts
                .iter()
                .map(|(_, s)| s.paid_minutes(sc) as f64 / 60.0)
                .collect::<Vec<_>>(),
        ),
    ])?;

    let placed: Vec<_> = shifts
        .iter()
        .flat_map(|(a, s)| s.activities.iter().map(move |p| (*a, s.date, p)))
        .collect();
    let activity_frame = DataFrame::new_infer_height(vec![
        Column::new(
            ACTIVITY_COLUMNS[0].into(),
            placed.iter().map(|(a, _, _)| *a).collect::<Vec<_>>(),
        ),
        dates(
            ACTIVITY_COLUMNS[1],
            &placed.iter().map(|(_, d, _)| *d).collect::<Vec<_>>(),
        )?,
        Column::new(
            ACTIVITY_COLUMNS[2].into(),
            placed
                .iter()
                .map(|(_, _, p)| p.activity.as_str())
                .collect::<Vec<_>>(),
        ),
        datetimes(
            ACTIVITY_COLUMNS[3],
            &placed.iter().map(|(_, _, p)| p.start).collect::<Vec<_>>(),
        )?,
        datetimes(
            ACTIVITY_COLUMNS[4],
            &placed.iter().map(|(_, _, p)| p.end).collect::<Vec<_>>(),
        )?,
        Column::new(
            ACTIVITY_COLUMNS[5].into(),
            placed
                .iter()
                .map(|(_, _, p)| p.minutes())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            ACTIVITY_COLUMNS[6].into(),
            placed
                .iter()
                .map(|(_, _, p)| sc.activity(&p.activity).is_none_or(|x| x.paid))
                .collect::<Vec<_>>(),
        ),
    ])?;

    let rows = interval_coverage(outcome);
    let coverage_frame = DataFrame::new_infer_height(vec![
        datetimes(
            COVERAGE_COLUMNS[0],
            &rows.iter().map(|r| r.start).collect::<Vec<_>>(),
        )?,
        Column::new(
            COVERAGE_COLUMNS[1].into(),
            rows.iter().map(|r| r.required).collect::<Vec<u32>>(),
        ),
        Column::new(
            COVERAGE_COLUMNS[2].into(),
            rows.iter().map(|r| r.scheduled).collect::<Vec<f64>>(),
        ),
        Column::new(
            COVERAGE_COLUMNS[3].into(),
            rows.iter().map(|r| r.short).collect::<Vec<bool>>(),
        ),
    ])?;

    let hours = outcome.schedule.paid_hours_by_day(sc);
    let hours_frame = DataFrame::new_infer_height(vec![
        Column::new(
            AGENT_HOURS_COLUMNS[0].into(),
            hours.keys().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
        ),
        dates(
            AGENT_HOURS_COLUMNS[1],
            &hours.keys().map(|(_, d)| *d).collect::<Vec<_>>(),
        )?,
        Column::new(
            AGENT_HOURS_COLUMNS[2].into(),
            hours.values().copied().collect::<Vec<f64>>(),
        ),
    ])?;

    Ok(ScheduleFrames {
        shifts: shift_frame,
        activities: activity_frame,
        coverage: coverage_frame,
        agent_hours: hours_frame,
    })
}

/// The schedule's tables (see [`ScheduleFrames`] for the columns).
///
/// ```
/// use std::fmt::Write as _;
/// use wfm::scheduling::{ScheduleFiles, schedule_frames, schedule_from_files};
/// let dir = tempfile::tempdir()?;
/// // 3 contacts per quarter hour 14:00–18:00 UTC, Monday to Friday, AHT 300 s; the
/// // whole week in the file (a forecast must cover the days scheduled)
/// let mut csv = String::from("QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n");
/// for day in 2..9 {
///     for q in 0..96 {
///         let v = if day < 7 && (56..72).contains(&q) { 3 } else { 0 };
///         writeln!(csv, "Support,q1,VOICE,2026-03-{day:02}T{:02}:{:02}:00Z,15mins,{v},300", q / 4, q % 4 * 15)?;
///     }
/// }
/// std::fs::write(dir.path().join("st.csv"), csv)?;
/// let outcome = schedule_from_files(
///     &ScheduleFiles {
///         scenario: concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/schedule_example.toml").into(),
///         forecast: dir.path().join("st.csv"),
///         only: Some(("Day team".into(), chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())),
///         channel: wfm::core::Channel::Voice,
///         time_limit_seconds: wfm::scheduler::generate::TimeLimit::new(20.0)?,
///         relative_gap: wfm::scheduler::generate::Gap::ONE_PERCENT,
///         objective: wfm::scheduler::generate::Objective::FewestShifts,
///     },
///     &mut |_| {},
/// )?;
/// assert!(outcome.violations.is_empty());
/// let frames = schedule_frames(&outcome)?;
/// assert_eq!(frames.coverage.height(), 7 * 48); // 30-minute intervals
/// assert!(frames.shifts.height() > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WfmError::Store`] if polars cannot build a table.
pub fn schedule_frames(outcome: &ScheduleOutcome) -> Result<ScheduleFrames> {
    frames(outcome).map_err(|e| WfmError::Encode {
        what: "building the schedule tables",
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use polars::prelude::{AnyValue, DataType, TimeUnit};

    use super::*;
    use crate::scheduling::{ScheduleFiles, schedule_from_files};

    /// The example's Day team on 3 contacts per quarter hour 14:00–18:00 UTC, Mon–Fri.
    fn outcome() -> ScheduleOutcome {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from(
            "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n",
        );
        for day in 2..9 {
            for q in 0..96 {
                let v = if day < 7 && (56..72).contains(&q) {
                    3
                } else {
                    0
                };
                writeln!(
                    csv,
                    "Support,q1,VOICE,2026-03-{day:02}T{:02}:{:02}:00Z,15mins,{v},300",
                    q / 4,
                    q % 4 * 15
                )
                .unwrap();
            }
        }
        std::fs::write(dir.path().join("st.csv"), csv).unwrap();
        let outcome = schedule_from_files(
            &ScheduleFiles {
                scenario: concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/scenarios/schedule_example.toml"
                )
                .into(),
                forecast: dir.path().join("st.csv"),
                only: Some((
                    "Day team".into(),
                    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                )),
                channel: wfm_core::Channel::Voice,
                time_limit_seconds: wfm_scheduler::generate::TimeLimit::new(20.0).unwrap(),
                relative_gap: wfm_scheduler::generate::Gap::ONE_PERCENT,
                objective: wfm_scheduler::generate::Objective::FewestShifts,
            },
            &mut |_| {},
        )
        .unwrap();
        assert!(outcome.violations.is_empty(), "{:?}", outcome.violations);
        assert!(outcome.report.unmet_intervals.is_empty());
        outcome
    }

    fn names(df: &DataFrame) -> Vec<String> {
        df.get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect()
    }

    #[test]
    fn the_frames_hold_the_week_with_their_columns_and_values() {
        let outcome = outcome();
        let f = schedule_frames(&outcome).unwrap();
        assert_eq!(names(&f.shifts), SHIFT_COLUMNS);
        assert_eq!(names(&f.activities), ACTIVITY_COLUMNS);
        assert_eq!(names(&f.coverage), COVERAGE_COLUMNS);
        assert_eq!(names(&f.agent_hours), AGENT_HOURS_COLUMNS);
        assert_eq!(
            f.shifts.column("start").unwrap().dtype(),
            &DataType::Datetime(TimeUnit::Milliseconds, None)
        );
        assert_eq!(f.shifts.column("date").unwrap().dtype(), &DataType::Date);
        let shifts: usize = outcome.schedule.agents.iter().map(|a| a.shifts.len()).sum();
        let placed: usize = outcome
            .schedule
            .agents
            .iter()
            .flat_map(|a| &a.shifts)
            .map(|s| s.activities.len())
            .sum();
        assert_eq!(f.shifts.height(), shifts);
        assert_eq!(f.activities.height(), placed);
        assert!(placed > 0);
        // paid hours: per shift, and per agent and day, add up to the same week
        let total = |df: &DataFrame| -> f64 {
            df.column("paid_hours")
                .unwrap()
                .f64()
                .unwrap()
                .into_no_null_iter()
                .sum()
        };
        let by_day: f64 = outcome
            .schedule
            .paid_hours_by_day(&outcome.scenario)
            .values()
            .sum();
        assert!((total(&f.shifts) - by_day).abs() < 1e-9);
        assert!((total(&f.agent_hours) - by_day).abs() < 1e-9);
        // Lunch is unpaid: a shift with one is paid 30 minutes less than its length
        let paid = f.activities.column("paid").unwrap().bool().unwrap();
        let activity = f.activities.column("activity").unwrap().str().unwrap();
        for (name, paid) in activity.iter().zip(paid.iter()) {
            assert_eq!(paid, Some(name != Some("Lunch")), "{name:?}");
        }
        // coverage: 30-minute intervals, none short, demand 14:00–18:00 met
        let rows = interval_coverage(&outcome);
        assert_eq!(f.coverage.height(), 7 * 48);
        assert_eq!(rows.len(), 7 * 48);
        assert!(rows.iter().all(|r| !r.short));
        let monday_15h = &rows[30];
        assert_eq!(monday_15h.start.to_rfc3339(), "2026-03-02T15:00:00+00:00");
        assert!(monday_15h.required >= 2);
        assert!(monday_15h.scheduled >= f64::from(monday_15h.required));
        assert_eq!(
            f.coverage.column("required").unwrap().get(30).unwrap(),
            AnyValue::UInt32(monday_15h.required)
        );
    }
}
