//! Scheduling for batch jobs: the schedule of a scenario's request (every week, every
//! staffing group of its forecast group) from a scenario file and a short-term forecast
//! CSV, written as tables, and the independent validator run on any schedule.
//!
//! The forecast's rows (every queue of the file, one channel) are summed per 15-minute
//! UTC interval, AHT weighted by volume; a 30-minute row is split evenly over its two
//! quarter hours. The scenario's staffing group, goal and rules come from the scenario
//! file (`data/scenarios/schedule_example.toml`). Every generated schedule is checked by
//! [`wfm_scheduler::validate()`] before it is written, and the violations (none expected)
//! are returned with it.
//!
//! On a workspace ([`workspace`]): the configuration stored as a document, schedules
//! generated from the published short-term forecast, their draft → published lifecycle
//! and the agents' view.

pub mod calendar;
pub mod changes;
mod coverage;
pub mod edit;
mod export;
#[cfg(test)]
mod fixture;
mod frames;
pub mod regenerate;
pub mod search;
mod tables;
pub mod workspace;
mod workspace_agent;
mod workspace_schedule;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use wfm_core::Channel;
use wfm_core::forecast::{ForecastKind, GroupForecast};
use wfm_core::progress::Progress;
use wfm_scheduler::generate::{
    Gap, GenerateOptions, HorizonReport, Objective, TimeLimit, WeekProgress, WeekReport,
    schedule_request, schedule_week,
};
use wfm_scheduler::{Demand, Review, Scenario, Schedule, Violation, validate};

use crate::error::{Result, WfmError};
use crate::files::Input;

pub use coverage::check_forecast_covers;
pub(crate) use coverage::describe as describe_uncovered;
pub use export::ScheduleTables;
pub use frames::{ScheduleFrames, schedule_frames};
pub use tables::{SCHEDULE_FILES, write_schedule_dir};

/// Quarter hours in a week, the generator's grid.
pub const WEEK_QUARTERS: usize = 7 * 96;

/// What to schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleFiles {
    /// The scenario TOML (the building blocks and the request).
    pub scenario: PathBuf,
    /// A short-term forecast CSV (15- or 30-minute rows): a file, or a DataFrame's CSV
    /// text.
    pub forecast: Input,
    /// One staffing group and one week only (`None`: the whole request, every staffing
    /// group of its forecast group).
    pub only: Option<(String, NaiveDate)>,
    /// The channel whose contacts the agents answer.
    pub channel: Channel,
    /// Solver time limit for the whole run, seconds.
    pub time_limit_seconds: TimeLimit,
    /// Relative gap at which the solver may stop.
    pub relative_gap: Gap,
    /// What the generator minimises (default fewest shifts, ties by paid hours).
    pub objective: Objective,
}

/// A generated schedule: the schedule, the generator's report and what the validator
/// found.
#[derive(Debug, Clone)]
pub struct ScheduleOutcome {
    /// The scenario it was made for.
    pub scenario: Scenario,
    /// The first day of the first week (the coverage and `report.required` start at its
    /// 00:00 UTC).
    pub week_start: NaiveDate,
    /// Per agent, the shifts with their activities.
    pub schedule: Schedule,
    /// Status, objective, bound, gap and time of the run; per week the generator's
    /// report; short intervals; warnings.
    pub report: HorizonReport,
    /// The independent validator's findings (empty: every rule holds).
    pub violations: Vec<Violation>,
    /// The quarter-hour demand the week was generated for, from `week_start` 00:00 UTC
    /// (what the review measures the schedule against).
    pub demand: Demand,
    /// The generator's options of the run (its occupancy cap sets the review's
    /// requirement).
    pub options: GenerateOptions,
}

impl ScheduleOutcome {
    /// The review of the schedule on the scenario's interval against the run's demand,
    /// with the request's goal and the run's occupancy cap ([`Demand::review`]).
    ///
    /// # Errors
    /// [`WfmError::Scheduler`] naming an interval whose volume or handle time the queueing
    /// model rejects.
    pub fn review(&self) -> Result<Review> {
        Ok(self
            .demand
            .review(&self.scenario, &self.schedule, &self.options)?)
    }
}

/// Reads and validates a scenario file.
///
/// # Errors
/// [`WfmError::Io`] if unreadable; [`WfmError::Scheduler`] naming the item and field (or
/// the line and column of a TOML syntax error).
pub fn read_scenario(path: &Path) -> Result<Scenario> {
    let text = std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))?;
    Ok(Scenario::from_toml(&text, &path.display().to_string())?)
}

/// Reads a short-term forecast CSV (SPEC §3) into a group forecast.
///
/// # Errors
/// [`WfmError::Io`] if unreadable; [`WfmError::InvalidInput`] with every problem, each
/// named by line and column.
pub fn read_short_forecast(path: &Path) -> Result<GroupForecast> {
    crate::capacity::read_forecast_csv(path, ForecastKind::Short)
}

/// The forecast CSV's `channel` rows as the generator's quarter-hour demand of the week
/// from `week_start` 00:00 UTC (zero where the file has no row).
///
/// # Errors
/// The forecast file's errors, every one named by line and column.
pub fn week_demand(forecast: &Path, channel: Channel, week_start: NaiveDate) -> Result<Demand> {
    let forecast = read_short_forecast(forecast)?;
    Ok(Demand::from_forecast(&forecast, channel, week_start, 7))
}

/// Generates the schedule of [`ScheduleFiles`] and validates it; `progress` hears of
/// every week done and returns [`ControlFlow::Break`] to stop there (the weeks done are
/// returned, `report.stopped` set).
///
/// # Errors
/// Bad scenario or forecast files (named); a configuration the generator does not map
/// yet (named); solver failures.
pub fn schedule_from_files(
    files: &ScheduleFiles,
    progress: &mut dyn FnMut(&WeekProgress) -> ControlFlow<()>,
) -> Result<ScheduleOutcome> {
    let scenario = read_scenario(&files.scenario)?;
    let options = GenerateOptions::new(wfm_scheduler::generate::Limits {
        time_limit_seconds: files.time_limit_seconds,
        relative_gap: files.relative_gap,
    })
    .with_objective(files.objective);
    let forecast = crate::capacity::read_forecast_input(&files.forecast, ForecastKind::Short)?;
    let only = files.only.as_ref().map(|(g, d)| (g.as_str(), *d));
    let (schedule, mut report, demand) = generate_from_forecast(
        &scenario,
        only,
        (&files.forecast.name(), &forecast, files.channel),
        &options,
        progress,
    )?;
    let scenario = scheduled_part(&scenario, &report)?;
    let violations = validate(&scenario, &schedule);
    report.set_violations(violations.len());
    Ok(ScheduleOutcome {
        scenario,
        week_start: demand.first_day(),
        schedule,
        report,
        violations,
        demand,
        options,
    })
}

/// The days a run schedules: `only`'s week (to the request's end when it starts inside
/// the request), else the request's days.
pub(crate) fn scheduled_days(
    scenario: &Scenario,
    only: Option<(&str, NaiveDate)>,
) -> (NaiveDate, NaiveDate) {
    let r = scenario.request();
    match only {
        Some((_, start)) if start <= r.end => (start, (start + Duration::days(6)).min(r.end)),
        Some((_, start)) => (start, start + Duration::days(6)),
        None => (r.start, r.end),
    }
}

/// The one call of the generator for the batch and the workspace: `only` one staffing
/// group and the week from a day, else the whole request (every staffing group of its
/// forecast group, rolling weeks), with the demand of the forecast's `channel` series.
/// Returns the schedule, the report and the demand (which starts on the first day).
///
/// # Errors
/// [`WfmError::ForecastDoesNotCover`] (the forecast named by the tuple's first item) when
/// the forecast does not cover the scheduled days ([`check_forecast_covers`]), before
/// anything is solved; the generator's errors.
pub(crate) fn generate_from_forecast(
    scenario: &Scenario,
    only: Option<(&str, NaiveDate)>,
    (name, forecast, channel): (&str, &GroupForecast, Channel),
    options: &GenerateOptions,
    progress: &mut dyn FnMut(&WeekProgress) -> ControlFlow<()>,
) -> Result<(Schedule, HorizonReport, Demand)> {
    check_forecast_covers(name, forecast, channel, scheduled_days(scenario, only))?;
    if let Some((group, start)) = only {
        let clock = std::time::Instant::now();
        let demand = Demand::from_forecast(forecast, channel, start, 7);
        let (schedule, week) = schedule_week(scenario, group, start, demand.quarters(), options)?;
        let weeks = vec![WeekReport {
            week_start: start,
            report: week,
        }];
        let report = HorizonReport::from_weeks(
            scenario,
            &schedule,
            weeks,
            options.limits.relative_gap,
            clock.elapsed().as_secs_f64(),
        );
        return Ok((schedule, report, demand));
    }
    let r = scenario.request();
    let days = (r.end - r.start).num_days().max(0) as usize + 1;
    let demand = Demand::from_forecast(forecast, channel, r.start, days);
    let (schedule, report) = schedule_request(scenario, demand.quarters(), options, progress)?;
    let demand = match stopped_end(scenario, &report) {
        Some(end) => Demand::from_forecast(
            forecast,
            channel,
            r.start,
            (end - r.start).num_days() as usize + 1,
        ),
        None => demand,
    };
    Ok((schedule, report, demand))
}

/// The last day a run stopped by its watcher scheduled (`None`: not stopped).
fn stopped_end(scenario: &Scenario, report: &HorizonReport) -> Option<NaiveDate> {
    let r = scenario.request();
    report
        .stopped
        .then(|| (r.start + Duration::days(7 * report.weeks.len() as i64 - 1)).min(r.end))
}

/// The scenario a run's schedule answers: `scenario` itself, or for a run stopped by its
/// watcher the same with its request ending on the last day scheduled (so the validator,
/// the review and the tables speak of the weeks done, not of weeks never scheduled).
///
/// # Errors
/// [`WfmError::Scheduler`] if the shortened scenario is refused (not expected: only the
/// request's end moves, inside its dates).
pub(crate) fn scheduled_part(scenario: &Scenario, report: &HorizonReport) -> Result<Scenario> {
    let Some(end) = stopped_end(scenario, report) else {
        return Ok(scenario.clone());
    };
    let mut config = scenario.config().clone();
    config.request.end = end;
    Ok(Scenario::new(
        config,
        "the scenario, up to where the run was stopped",
    )?)
}

/// The stage name of schedule generation, as a [`Progress`] watcher hears it (one step a
/// week).
pub const SCHEDULE_STAGE: &str = "scheduling weeks";

/// A [`Progress`] handle as the generator's week callback: every week done is a step of
/// [`SCHEDULE_STAGE`], and a stop asked for ends the run after the week.
///
/// ```
/// use std::ops::ControlFlow;
/// use wfm::core::progress::Progress;
/// let stop_at_once = Progress::new(|_| ControlFlow::Break(()));
/// let mut weekly = wfm::scheduling::week_callback(&stop_at_once);
/// let week = wfm::scheduler::generate::WeekProgress {
///     done: 1, weeks: 3, week_start: "2026-03-02".parse().unwrap(),
///     objective: 10.0, lower_bound: 10.0, gap: 0.0 };
/// assert!(weekly(&week).is_break());
/// ```
pub fn week_callback(progress: &Progress) -> impl FnMut(&WeekProgress) -> ControlFlow<()> + '_ {
    move |p| {
        progress.step(SCHEDULE_STAGE, p.done as u64, p.weeks as u64);
        if progress.is_stopped() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

/// Reads a schedule (the JSON `wfm schedule generate` writes) and validates it against a
/// scenario.
///
/// # Errors
/// Unreadable files, a bad scenario, or JSON that is not a schedule (with line and
/// column).
pub fn validate_files(scenario: &Path, schedule: &Path) -> Result<(Schedule, Vec<Violation>)> {
    let scenario = read_scenario(scenario)?;
    let text = std::fs::read_to_string(schedule).map_err(|e| WfmError::io(schedule, e))?;
    validate_schedule_json(&scenario, &text, &schedule.display().to_string())
}

/// Parses a schedule's JSON `text` (`name` stands for the file in errors) and validates
/// it against `scenario`: what `wfm schedule validate` does after reading the files.
///
/// # Errors
/// [`WfmError::InvalidInput`] with the line and column where `text` is not a schedule.
///
/// ```
/// let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/schedule_example.toml"))?;
/// let scenario = wfm::scheduler::Scenario::from_toml(&toml, "s.toml")?;
/// let (schedule, _violations) = wfm::scheduling::validate_schedule_json(&scenario, r#"{"agents":[]}"#, "s.json")?;
/// assert!(schedule.agents.is_empty());
/// let e = wfm::scheduling::validate_schedule_json(&scenario, "{\n\"agents\": 3}", "s.json").unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!(errors[0].line, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_schedule_json(
    scenario: &Scenario,
    text: &str,
    name: &str,
) -> Result<(Schedule, Vec<Violation>)> {
    let parsed: Schedule = serde_json::from_str(text).map_err(|e| {
        WfmError::invalid_input(vec![crate::error::InputError {
            file: name.to_owned(),
            line: e.line() as u64,
            column: format!("column {}", e.column()),
            reason: format!("not a wfm schedule: {e}"),
        }])
    })?;
    let violations = validate(scenario, &parsed);
    Ok((parsed, violations))
}
