//! Capacity planning from files: a long-term and a short-term forecast in the
//! forecast CSV format, a scenario TOML and optionally the FTE/shrinkage CSV, to a plan
//! written as `plan_weekly.csv`, `plan_monthly.csv` and `plan.xlsx`. The computation is
//! `wfm_core::capacity`'s; this module reads and writes files.

mod forecast_csv;
mod frame;
pub mod lifecycle;
mod output;
mod override_csv;
mod scenario_file;

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, Utc};
use wfm_core::capacity::{
    DailyDemand, FteDay, FteTable, IntradayShape, Plan, Scenario, compute_plan_watched,
    read_fte_csv,
};
use wfm_core::forecast::{ForecastKind, GroupForecast};
use wfm_core::progress::Progress;

use crate::error::{Result, WfmError};
use crate::files::Input;

pub use forecast_csv::{read_forecast_csv, read_forecast_input};
pub use frame::{
    hiring_frame, hiring_table, monthly_table, periods_frame, periods_table, weekly_frame,
    weekly_table,
};
pub use output::{HIRING_COLUMNS, PLAN_COLUMNS, PlanInfo, write_plan_csv, write_plan_xlsx};
pub(crate) use output::{goal_text, pairs_sheet, xlsx};
pub use override_csv::{parse_override, read_override};
pub use scenario_file::{parse_scenario, read_scenario};
pub use wfm_core::forecast::FORECAST_HEADER;

/// What a batch plan is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFiles {
    /// The long-term (daily) forecast CSV (a file, or a DataFrame's CSV text).
    pub forecast_long: Input,
    /// The short-term (interval) forecast CSV: its intraday pattern spreads the days.
    pub forecast_short: Input,
    /// The scenario TOML.
    pub scenario: PathBuf,
    /// The FTE/shrinkage CSV, if any.
    pub fte: Option<Input>,
    /// The forecast group whose FTE rows apply (default: the only group of the FTE file).
    pub group: Option<String>,
    /// The first day of the plan.
    pub start: NaiveDate,
    /// Weeks to plan (1 to 80).
    pub weeks: u32,
    /// An override of the required FTE per period (weekly or monthly starts), if any.
    pub overrides: Option<PathBuf>,
}

/// A computed plan with what produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOutcome {
    /// The plan.
    pub plan: Plan,
    /// The scenario it used.
    pub scenario: Scenario,
    /// Name, group and generation details for the workbook.
    pub info: PlanInfo,
}

/// Reads every input (all problems of all files reported together) and computes the plan.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem of every file; `Precondition` for a plan the
/// inputs cannot give (no FTE group, weeks out of range); `Core` from the computation.
pub fn plan_from_files(files: &PlanFiles) -> Result<PlanOutcome> {
    plan_from_files_watched(files, &Progress::none())
}

/// [`plan_from_files`] watched: `progress` hears of every day staffed and of the hiring
/// plan, and a stop asked for ends the computation
/// ([`wfm_core::capacity::compute_plan_watched`]).
///
/// # Errors
/// As [`plan_from_files`]; `Core(Stopped)` when stopped.
///
/// ```
/// use std::ops::ControlFlow;
/// use wfm::capacity::{PlanFiles, plan_from_files_watched};
/// use wfm::core::progress::Progress;
/// // the steps go to the callback; here the inputs are refused before any step
/// let watch = Progress::new(|step| {
///     println!("{}: {}/{}", step.stage, step.done, step.total);
///     ControlFlow::Continue(())
/// });
/// let files = PlanFiles {
///     forecast_long: "long.csv".into(), forecast_short: "short.csv".into(),
///     scenario: "plan.toml".into(), fte: None, group: None, overrides: None,
///     start: "2025-01-06".parse().unwrap(), weeks: 0,
/// };
/// let e = plan_from_files_watched(&files, &watch).unwrap_err();
/// assert!(e.to_string().contains("1 to 80 weeks"), "{e}");
/// ```
pub fn plan_from_files_watched(files: &PlanFiles, progress: &Progress) -> Result<PlanOutcome> {
    if !(1..=80).contains(&files.weeks) {
        return Err(WfmError::OutOfRange {
            what: "weeks",
            value: files.weeks.to_string(),
            allowed: "a plan covers 1 to 80 weeks (18 months)".into(),
        });
    }
    let mut errors = Vec::new();
    let mut not_shown = 0u64;
    let mut collect = |r: Result<()>| -> Result<()> {
        match r {
            Err(WfmError::InvalidInput {
                errors: e,
                not_shown: more,
            }) => {
                errors.extend(e);
                not_shown += more;
                Ok(())
            }
            other => other,
        }
    };
    let mut long = None;
    let mut short = None;
    let mut scenario = None;
    let mut supply = None;
    collect(read_forecast_input(&files.forecast_long, ForecastKind::Long).map(|f| long = Some(f)))?;
    collect(
        read_forecast_input(&files.forecast_short, ForecastKind::Short).map(|f| short = Some(f)),
    )?;
    collect(read_scenario(&files.scenario).map(|s| scenario = Some(s)))?;
    let mut overrides = Vec::new();
    if let Some(path) = &files.overrides {
        collect(read_override(path).map(|o| overrides = o))?;
    }
    let mut group = files.group.clone().unwrap_or_default();
    if let Some(path) = &files.fte {
        collect(read_supply(path, files.group.as_deref()).map(|(g, t)| {
            if let Some(g) = g {
                group = g;
            }
            supply = Some(t);
        }))?;
    }
    if !errors.is_empty() {
        return Err(WfmError::InvalidInput { errors, not_shown });
    }
    let (Some(long), Some(short), Some(scenario)) = (long, short, scenario) else {
        return Err(WfmError::Precondition {
            what: "the plan inputs could not be read".into(),
        });
    };
    if short.series.is_empty() {
        return Err(WfmError::invalid_input(vec![crate::InputError::new(
            files.forecast_short.name(),
            2,
            "",
            "no rows: the short-term forecast sets the intraday pattern",
        )]));
    }
    let days = supply.as_ref().map_or(&[][..], |t| t.days(&group));
    let plan = build_plan(
        &scenario,
        &PlanInputs {
            long: &long,
            short: &short,
            supply: days,
            start: files.start,
            weeks: files.weeks,
            watcher: progress,
        },
        &overrides,
    )?;
    Ok(PlanOutcome {
        info: PlanInfo {
            name: format!("{} {}", scenario.name, files.start),
            group,
            details: plan_details(files, &short),
        },
        plan,
        scenario,
    })
}

/// The FTE/shrinkage file at `path` and, without `only` a group, its one group's name.
///
/// # Errors
/// The file's problems; `Precondition` when it has several groups and none is chosen.
fn read_supply(input: &Input, only: Option<&str>) -> Result<(Option<String>, FteTable)> {
    let name = input.name();
    let file = input.open()?;
    // Any group name is accepted (a file may hold several groups); with --group, only
    // that group's rows are used.
    let mut table = read_fte_csv(&name, file, None)?;
    if let Some(group) = only {
        if !table.groups.is_empty() && !table.groups.contains_key(group) {
            let mut names: Vec<&str> = table.groups.keys().map(String::as_str).collect();
            names.sort_unstable();
            return Err(WfmError::Precondition {
                what: format!(
                    "{name} has no rows of group {group:?} (its groups: {})",
                    names.join(", ")
                ),
            });
        }
        table.groups.retain(|g, _| g == group);
        return Ok((None, table));
    }
    let mut names: Vec<&String> = table.groups.keys().collect();
    names.sort();
    match names.as_slice() {
        [one] => Ok((Some((*one).clone()), table)),
        [] => Ok((None, table)),
        many => Err(WfmError::Precondition {
            what: format!(
                "{name} has the groups {}: choose one",
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

/// The workbook's generation details of a plan from `files`.
fn plan_details(files: &PlanFiles, short: &GroupForecast) -> Vec<(String, String)> {
    let display = |p: &Path| p.display().to_string();
    let interval = short.interval().map_or(15, |i| i.minutes());
    let mut details = vec![
        (
            "generated at".to_owned(),
            crate::tables::utc_text(Utc::now()),
        ),
        ("long-term forecast".to_owned(), files.forecast_long.name()),
        (
            "short-term forecast".to_owned(),
            files.forecast_short.name(),
        ),
        ("scenario file".to_owned(), display(&files.scenario)),
        ("interval minutes".to_owned(), interval.to_string()),
        (
            "wfm version".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        ),
    ];
    if let Some(f) = &files.fte {
        details.push(("FTE and shrinkage file".to_owned(), f.name()));
    }
    if let Some(f) = &files.overrides {
        details.push(("override file".to_owned(), display(f)));
    }
    details
}

/// What a plan is computed from, once read (files or workspace documents).
#[derive(Debug, Clone, Copy)]
pub struct PlanInputs<'a> {
    /// The long-term forecast (its days are the demand).
    pub long: &'a GroupForecast,
    /// The short-term forecast (its intervals are the intraday pattern).
    pub short: &'a GroupForecast,
    /// The group's FTE days, in date order (empty: none).
    pub supply: &'a [FteDay],
    /// The first day.
    pub start: NaiveDate,
    /// Weeks to plan.
    pub weeks: u32,
    /// Hears of the computation's steps and may stop it.
    pub watcher: &'a Progress,
}

/// Computes a plan: the intraday shape, the daily demand, the plan over `weeks` weeks
/// from `start` (which the long-term forecast must cover), then the overrides (weekly
/// starts if every date starts a week of the plan, else monthly) and the hiring plan.
///
/// # Errors
/// `Precondition` for a plan outside the forecast; `Core` from the computation.
pub fn build_plan(
    scenario: &Scenario,
    inputs: &PlanInputs<'_>,
    overrides: &[(NaiveDate, f64)],
) -> Result<Plan> {
    let shape = IntradayShape::from_forecast(inputs.short)?;
    let demand = DailyDemand::from_forecast(inputs.long);
    let end = inputs.start + Duration::days(i64::from(inputs.weeks) * 7 - 1);
    if let Some((first, last)) = demand.range()
        && (inputs.start < first || end > last)
    {
        return Err(WfmError::Precondition {
            what: format!(
                "the long-term forecast covers {first} to {last}, the plan {} to {end}: \
                 forecast further or plan fewer weeks",
                inputs.start
            ),
        });
    }
    let mut plan = compute_plan_watched(
        scenario,
        &demand,
        &shape,
        inputs.supply,
        (inputs.start, end),
        inputs.watcher,
    )?;
    apply_overrides(scenario, &mut plan, overrides)?;
    Ok(plan)
}

/// Applies `(period start, required FTE)` overrides to the weekly rows when every date
/// starts a week of the plan, else to the monthly rows; the hiring plan follows.
///
/// # Errors
/// `Core` for a date that starts no period or a bad value (nothing changed then).
pub fn apply_overrides(
    scenario: &Scenario,
    plan: &mut Plan,
    overrides: &[(NaiveDate, f64)],
) -> Result<()> {
    if overrides.is_empty() {
        return Ok(());
    }
    let weekly = overrides
        .iter()
        .all(|(d, _)| plan.weekly.iter().any(|p| p.start == *d));
    let periods = if weekly {
        &mut plan.weekly
    } else {
        &mut plan.monthly
    };
    wfm_core::capacity::plan::override_required(scenario, periods, overrides)?;
    plan.rehire(scenario)?;
    Ok(())
}

/// The files [`write_plan_dir`] writes, in order.
pub const PLAN_FILES: [&str; 3] = ["plan_weekly.csv", "plan_monthly.csv", "plan.xlsx"];

/// Writes `plan_weekly.csv`, `plan_monthly.csv` and `plan.xlsx` ([`PLAN_FILES`]) into
/// `dir` (created if missing); returns their paths. They appear together or not at all
/// ([`OutputDir`](crate::files::OutputDir)).
///
/// # Errors
/// [`WfmError::Io`] or `Store` if a file cannot be written.
pub fn write_plan_dir(dir: &Path, outcome: &PlanOutcome) -> Result<[PathBuf; 3]> {
    let [weekly, monthly, book] = PLAN_FILES;
    let workbook = output::plan_xlsx(&outcome.plan, &outcome.scenario, &outcome.info)?;
    let mut files = crate::files::OutputDir::create(dir)?;
    let paths = [
        files.write_with(weekly, |w| output::weekly_csv(w, &outcome.plan))?,
        files.write_with(monthly, |w| output::monthly_csv(w, &outcome.plan))?,
        files.write(book, &workbook)?,
    ];
    files.commit()?;
    Ok(paths)
}
