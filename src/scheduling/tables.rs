//! The files of a generated week: `schedule.json` (reads back into `wfm schedule
//! validate`), `report.json` (the solver's objective, bound, gap, status and time per
//! stage; short intervals; conflicts; violations) and the review tables, each as CSV and
//! as Parquet, plus one workbook `schedule.xlsx` (sheets Summary, Coverage, Shifts,
//! Activities, Agent hours):
//!
//! - `coverage`: per workspace interval (UTC) `interval_start, required, scheduled, short,
//!   service_level, asa_seconds, occupancy, volume, aht_seconds`: required productive
//!   agents for the goal, scheduled productive agents (a 15-minute break in a 30-minute
//!   interval counts ½), agents short, and the projected service level (share), ASA
//!   (seconds, empty when the queue is unstable) and occupancy (share) on the scheduled
//!   agents (see [`wfm_scheduler::review`](mod@wfm_scheduler::review) for the model and the
//!   edge cases);
//! - `shifts`: `agent, date, start, end, paid_hours, time_zone, local_start, local_end`,
//!   the local times in the agent's zone with its UTC offset (`2026-03-02T09:00:00-05:00`):
//!   what each agent sees of a published schedule;
//! - `activities`: `agent, date, activity, start, end, paid, local_start, local_end`;
//! - `agent_hours`: `agent, period, start, week, paid_hours`, one `day` row per schedule
//!   day and one `week` row per week (7-day blocks from the request's start, `start` its
//!   first day) in which the agent works.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};
use wfm_scheduler::Review;

use super::ScheduleOutcome;
use super::export::ScheduleTables;
use crate::capacity::{goal_text, pairs_sheet, xlsx};
use crate::error::{Result, WfmError};
use crate::files::OutputDir;

/// The files [`write_schedule_dir`] writes, in order.
pub const SCHEDULE_FILES: [&str; 11] = [
    "schedule.json",
    "shifts.csv",
    "activities.csv",
    "coverage.csv",
    "agent_hours.csv",
    "shifts.parquet",
    "activities.parquet",
    "coverage.parquet",
    "agent_hours.parquet",
    "schedule.xlsx",
    "report.json",
];

/// Writes the week's files ([`SCHEDULE_FILES`]) into `dir` (created if missing):
/// `schedule.json`, `shifts.csv`, `activities.csv`, `coverage.csv`, `agent_hours.csv`,
/// the same four tables as `.parquet`, `schedule.xlsx` and `report.json`; returns the
/// files. They appear together or not at all (an [`OutputDir`]).
///
/// # Errors
/// [`WfmError::Io`] if a file cannot be written; [`WfmError::Encode`] if a table cannot
/// be encoded; [`WfmError::Scheduler`] if the demand cannot be reviewed.
pub fn write_schedule_dir(dir: &Path, outcome: &ScheduleOutcome) -> Result<Vec<PathBuf>> {
    let review = outcome.review()?;
    let mut files = OutputDir::create(dir)?;
    write_schedule_files(&mut files, outcome, &review)?;
    files.commit()
}

/// Writes the [`SCHEDULE_FILES`] of `outcome` into `files`.
pub(crate) fn write_schedule_files(
    files: &mut OutputDir,
    outcome: &ScheduleOutcome,
    review: &Review,
) -> Result<()> {
    files.write("schedule.json", &to_json(&outcome.schedule)?)?;
    let tables = ScheduleTables::new(outcome, review);
    for (name, table) in tables.named() {
        files.write(&format!("{name}.csv"), &table.csv()?)?;
    }
    for (name, table) in tables.named() {
        files.write(&format!("{name}.parquet"), &table.parquet()?)?;
    }
    files.write("schedule.xlsx", &workbook(outcome, review, &tables)?)?;
    // the run's figures at the top level (status, objective, lower_bound, gap, seconds,
    // agents, paid_hours, unmet_intervals, warnings, weeks), then the validator's findings
    let mut report = serde_json::to_value(&outcome.report).map_err(|e| WfmError::Encode {
        what: "writing JSON",
        detail: e.to_string(),
    })?;
    if let Some(map) = report.as_object_mut() {
        map.insert(
            "violations".into(),
            outcome.violations.iter().map(ToString::to_string).collect(),
        );
    }
    files.write("report.json", &to_json(&report)?)?;
    Ok(())
}

fn summary_rows(outcome: &ScheduleOutcome, review: &Review) -> Vec<(String, String)> {
    let sc = &outcome.scenario;
    let s = &review.summary;
    let goal = goal_text(sc.request().goal.into());
    let shifts: usize = review.agents.iter().map(|a| a.shifts.len()).sum();
    let working = review
        .agents
        .iter()
        .filter(|a| !a.shifts.is_empty())
        .count();
    let pair = |k: &str, v: String| (k.to_owned(), v);
    vec![
        pair("scenario", sc.config().name.clone()),
        pair("forecast group", sc.request().forecast_group.clone()),
        pair("week start", outcome.week_start.to_string()),
        pair(
            "interval minutes",
            sc.config().interval.minutes().to_string(),
        ),
        pair("goal", goal),
        pair("agents with shifts", working.to_string()),
        pair("shifts", shifts.to_string()),
        pair("volume", s.volume.to_string()),
        pair("service level", s.service_level.to_string()),
        pair(
            "ASA seconds",
            s.asa_seconds
                .map_or_else(|| "unbounded".to_owned(), |a| a.to_string()),
        ),
        pair("occupancy", s.occupancy.to_string()),
        pair("short intervals", s.short_intervals.to_string()),
        pair("unstable intervals", s.unstable_intervals.to_string()),
        pair("required agent-hours", s.required_hours.to_string()),
        pair("scheduled agent-hours", s.scheduled_hours.to_string()),
        pair("rule violations", outcome.violations.len().to_string()),
    ]
}

fn workbook(
    outcome: &ScheduleOutcome,
    review: &Review,
    tables: &ScheduleTables,
) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("Summary").map_err(xlsx)?;
    pairs_sheet(sheet, &summary_rows(outcome, review), &bold).map_err(xlsx)?;
    for (name, table) in [
        ("Coverage", &tables.coverage),
        ("Shifts", &tables.shifts),
        ("Activities", &tables.activities),
        ("Agent hours", &tables.agent_hours),
    ] {
        let sheet = book.add_worksheet().set_name(name).map_err(xlsx)?;
        table.sheet(sheet, 0, &bold).map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(|e| WfmError::Encode {
        what: "writing JSON",
        detail: e.to_string(),
    })
}
