//! The tables of a generated week: `schedule.json` (reads back into `wfm schedule
//! validate`), `shifts.csv`, `activities.csv`, `coverage.csv` (per workspace interval:
//! required vs scheduled productive agents) and `report.json` (the solver's objective,
//! bound, gap, status and time per stage; short intervals; conflicts; violations).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveTime};

use super::ScheduleOutcome;
use crate::error::{Result, WfmError};
use crate::files::temp_beside;

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    let io = |e: std::io::Error| WfmError::io(&path, e);
    let mut tmp = temp_beside(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(&path).map_err(|e| io(e.error))?;
    Ok(path)
}

fn csv_bytes(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let store = |e: csv::Error| WfmError::Store(format!("writing a table: {e}"));
    w.write_record(header).map_err(store)?;
    for row in rows {
        w.write_record(&row).map_err(store)?;
    }
    w.into_inner()
        .map_err(|e| WfmError::Store(format!("writing a table: {e}")))
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Writes the week's tables into `dir` (created if missing); returns the files.
///
/// # Errors
/// [`WfmError::Io`] if a file cannot be written.
pub fn write_schedule_dir(dir: &Path, outcome: &ScheduleOutcome) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| WfmError::io(dir, e))?;
    let sc = &outcome.scenario;
    let mut out = vec![write_file(
        dir,
        "schedule.json",
        &to_json(&outcome.schedule)?,
    )?];
    let shifts = outcome.schedule.agents.iter().flat_map(|a| {
        a.shifts.iter().map(move |s| {
            vec![
                a.agent.clone(),
                s.date.to_string(),
                utc(s.start),
                utc(s.end),
                format!("{:.2}", s.paid_minutes(sc) as f64 / 60.0),
            ]
        })
    });
    out.push(write_file(
        dir,
        "shifts.csv",
        &csv_bytes(&["agent", "date", "start", "end", "paid_hours"], shifts)?,
    )?);
    let activities = outcome.schedule.agents.iter().flat_map(|a| {
        a.shifts.iter().flat_map(move |s| {
            s.activities.iter().map(move |p| {
                vec![
                    a.agent.clone(),
                    s.date.to_string(),
                    p.activity.clone(),
                    utc(p.start),
                    utc(p.end),
                ]
            })
        })
    });
    out.push(write_file(
        dir,
        "activities.csv",
        &csv_bytes(&["agent", "date", "activity", "start", "end"], activities)?,
    )?);
    // coverage on the scenario's interval; the requirement (per quarter hour) is the
    // larger of the quarters an interval holds
    let minutes = i64::from(sc.config().interval.minutes());
    let per = (minutes / 15).max(1) as usize;
    let from = outcome.week_start.and_time(NaiveTime::MIN).and_utc();
    let n = outcome.report.required.len() / per;
    let scheduled = outcome.schedule.coverage(sc, from, n);
    let rows = (0..n).map(|i| {
        let required = outcome.report.required[i * per..(i + 1) * per]
            .iter()
            .max()
            .copied()
            .unwrap_or(0);
        vec![
            utc(from + Duration::minutes(minutes * i as i64)),
            required.to_string(),
            format!("{:.2}", scheduled[i]),
        ]
    });
    out.push(write_file(
        dir,
        "coverage.csv",
        &csv_bytes(&["interval_start", "required", "scheduled"], rows)?,
    )?);
    // the run's figures at the top level (status, objective, lower_bound, gap, seconds,
    // agents, paid_hours, unmet_intervals, warnings, weeks), then the validator's findings
    let mut report = serde_json::to_value(&outcome.report)
        .map_err(|e| WfmError::Store(format!("writing JSON: {e}")))?;
    if let Some(map) = report.as_object_mut() {
        map.insert(
            "violations".into(),
            outcome.violations.iter().map(ToString::to_string).collect(),
        );
    }
    out.push(write_file(dir, "report.json", &to_json(&report)?)?);
    Ok(out)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(value).map_err(|e| WfmError::Store(format!("writing JSON: {e}")))
}
