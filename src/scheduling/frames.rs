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
    /// [`WfmError::Store`](crate::WfmError::Store) if polars cannot build a table.
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
/// assert!(frames.coverage.column("service_level").is_ok());
/// assert!(frames.shifts.height() > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WfmError::Scheduler`](crate::WfmError::Scheduler) if the week cannot be reviewed;
/// [`WfmError::Store`](crate::WfmError::Store) if polars cannot build a table.
pub fn schedule_frames(outcome: &ScheduleOutcome) -> Result<ScheduleFrames> {
    ScheduleTables::new(outcome, &outcome.review()?).frames()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use chrono::NaiveDate;
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
    fn the_frames_hold_the_week_with_the_columns_of_its_files() {
        let outcome = outcome();
        let f = schedule_frames(&outcome).unwrap();
        let csv_header =
            |t: &crate::tables::Table| t.names().map(str::to_owned).collect::<Vec<_>>();
        let tables = ScheduleTables::new(&outcome, &outcome.review().unwrap());
        assert_eq!(names(&f.shifts), csv_header(&tables.shifts));
        assert_eq!(
            names(&f.coverage),
            [
                "interval_start",
                "required",
                "scheduled",
                "short",
                "service_level",
                "asa_seconds",
                "occupancy",
                "volume",
                "aht_seconds"
            ]
        );
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
        // Lunch is unpaid
        let paid = f.activities.column("paid").unwrap().bool().unwrap();
        let activity = f.activities.column("activity").unwrap().str().unwrap();
        for (name, paid) in activity.iter().zip(paid.iter()) {
            assert_eq!(paid, Some(name != Some("Lunch")), "{name:?}");
        }
        // coverage: 30-minute intervals, none short, demand 14:00–18:00 met, with the
        // review's service level
        assert_eq!(f.coverage.height(), 7 * 48);
        let review = outcome.review().unwrap();
        let monday_15h = &review.intervals[30];
        assert_eq!(
            crate::tables::utc_text(monday_15h.start),
            "2026-03-02T15:00:00Z"
        );
        assert!(monday_15h.required >= 2);
        assert_eq!(
            f.coverage.column("required").unwrap().get(30).unwrap(),
            AnyValue::Int64(i64::from(monday_15h.required))
        );
        assert_eq!(
            f.coverage.column("service_level").unwrap().get(30).unwrap(),
            AnyValue::Float64(monday_15h.service_level)
        );
    }
}
