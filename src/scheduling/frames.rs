//! A generated week as polars DataFrames, for Python: the [`ScheduleTables`] of its
//! review, so a frame has the columns and values of the CSV file of the same name
//! (instants are millisecond `Datetime`s in UTC stored without a zone name, as the
//! history Parquet export; the Python package marks them UTC; schedule days `Date`).

use polars::prelude::DataFrame;

use super::ScheduleOutcome;
use super::export::ScheduleTables;
use crate::error::Result;

/// The tables of a generated week as DataFrames (see [`ScheduleTables`] for the
/// columns).
#[derive(Debug, Clone)]
pub struct ScheduleFrames {
    /// `shifts.csv`.
    pub shifts: DataFrame,
    /// `activities.csv`.
    pub activities: DataFrame,
    /// `coverage.csv`.
    pub coverage: DataFrame,
    /// `agent_hours.csv`.
    pub agent_hours: DataFrame,
}

impl ScheduleTables {
    /// The tables as DataFrames.
    ///
    /// # Errors
    /// [`WfmError::Encode`](crate::WfmError::Encode) if polars cannot build a table.
    pub fn frames(&self) -> Result<ScheduleFrames> {
        Ok(ScheduleFrames {
            shifts: self.shifts.frame()?,
            activities: self.activities.frame()?,
            coverage: self.coverage.frame()?,
            agent_hours: self.agent_hours.frame()?,
        })
    }
}

/// The schedule's tables as DataFrames: [`ScheduleTables`] of the outcome's review
/// ([`ScheduleOutcome::review`]), the columns and values of the CSV files.
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
///         forecast: dir.path().join("st.csv").into(),
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
/// assert!(frames.coverage.column("service_level").is_ok());
/// assert!(frames.shifts.height() > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WfmError::Scheduler`](crate::WfmError::Scheduler) if the week cannot be reviewed;
/// [`WfmError::Encode`](crate::WfmError::Encode) if polars cannot build a table.
pub fn schedule_frames(outcome: &ScheduleOutcome) -> Result<ScheduleFrames> {
    ScheduleTables::new(outcome, &outcome.review()?).frames()
}
