//! `wfm schedule generate|validate`: a schedule from files, for batch jobs; and
//! scheduling on a workspace (`wfm schedule scenario|create|list|show|publish|delete|
//! export|agent`, see [`super::schedule_ws`]).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use wfm::core::Channel;
use wfm::files::Inputs;
use wfm::scheduler::generate::{Gap, Objective, TimeLimit};
use wfm::scheduling::{
    SCHEDULE_FILES, ScheduleFiles, schedule_from_files, validate_files, write_schedule_dir,
};

use super::limits;
use super::schedule_ws::{self, ScheduleWsCommand};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    command: ScheduleCommand,
}

#[derive(Debug, Subcommand)]
enum ScheduleCommand {
    /// Generate the scenario's request (every week, every staffing group of its forecast
    /// group): shifts with breaks for the named agents, meeting the goal per interval with
    /// the fewest shifts; writes schedule.json, shifts, activities, coverage and
    /// agent_hours as .csv and .parquet, schedule.xlsx and report.json.
    ///
    /// The forecast must cover every day scheduled (else nothing is solved, exit 2). When
    /// the validator finds the schedule breaks a rule, the files are still written,
    /// report.json's status is "rules_broken", the violations are listed and the exit
    /// code is 1 (as for `wfm schedule create`).
    Generate {
        /// The scenario TOML (see data/scenarios/schedule_example.toml).
        #[arg(long, value_name = "FILE")]
        scenario: PathBuf,
        /// The short-term forecast CSV (docs/formats/forecast-csv.md; every queue in it is
        /// summed).
        #[arg(long, value_name = "FILE")]
        forecast: PathBuf,
        /// Only this staffing group, one week (needs --week-start).
        #[arg(long, requires = "week_start")]
        group: Option<String>,
        /// With --group: the week's first day (YYYY-MM-DD, UTC).
        #[arg(long, requires = "group")]
        week_start: Option<NaiveDate>,
        /// The channel the agents answer.
        #[arg(long, default_value = "VOICE")]
        channel: Channel,
        /// Time limit of the whole run in seconds (the best schedule found by then is
        /// returned).
        #[arg(long, default_value = "600", value_parser = limits::time_limit)]
        time_limit: TimeLimit,
        /// Relative optimality gap at which the solver may stop (0.01 = 1 %; at least 0,
        /// below 1).
        #[arg(long, default_value = "0.01", value_parser = limits::gap)]
        gap: Gap,
        /// What to minimise: fewest-shifts (ties by paid hours), paid-hours, or
        /// cost=PER_SHIFT,PER_PAID_HOUR.
        #[arg(long, default_value = "fewest-shifts", value_parser = objective)]
        objective: Objective,
        /// The output folder.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Check a schedule (schedule.json) against a scenario's rules: every violation with
    /// agent, date, rule and numbers; exit 2 when there is one.
    Validate {
        /// The scenario TOML.
        #[arg(long, value_name = "FILE")]
        scenario: PathBuf,
        /// The schedule JSON (as `wfm schedule generate` writes it).
        #[arg(long, value_name = "FILE")]
        schedule: PathBuf,
    },
    #[command(flatten)]
    Workspace(ScheduleWsCommand),
    #[command(flatten)]
    Edit(super::schedule_edit::ScheduleEditCommand),
    #[command(flatten)]
    Publish(super::schedule_publish::PublishCommand),
}

/// `--objective`: `fewest-shifts`, `paid-hours` or `cost=PER_SHIFT,PER_PAID_HOUR`.
fn objective(text: &str) -> std::result::Result<Objective, String> {
    match text {
        "fewest-shifts" => Ok(Objective::FewestShifts),
        "paid-hours" => Ok(Objective::PaidHours),
        _ => {
            let costs = text.strip_prefix("cost=").and_then(|c| c.split_once(','));
            let parse = |x: &str| {
                x.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && *v >= 0.0)
            };
            match costs.map(|(a, b)| (parse(a), parse(b))) {
                Some((Some(per_shift), Some(per_paid_hour))) => Ok(Objective::Cost {
                    per_shift,
                    per_paid_hour,
                }),
                _ => Err(format!(
                    "{text:?}: use fewest-shifts, paid-hours or cost=PER_SHIFT,PER_PAID_HOUR \
                     (two numbers ≥ 0)"
                )),
            }
        }
    }
}

/// A bar over the weeks with the current bound and gap (hidden when stderr is not a
/// terminal).
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(1);
    if let Ok(style) =
        ProgressStyle::with_template("scheduling [{bar:30}] {pos}/{len} weeks, {msg} ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

pub fn run(args: &ScheduleArgs, workspace: Option<&PathBuf>) -> Result<()> {
    match &args.command {
        ScheduleCommand::Workspace(command) => {
            return schedule_ws::run(command, workspace.map(PathBuf::as_path));
        }
        ScheduleCommand::Edit(command) => {
            return super::schedule_edit::run(command, workspace.map(PathBuf::as_path));
        }
        ScheduleCommand::Publish(command) => {
            return super::schedule_publish::run(command, workspace.map(PathBuf::as_path));
        }
        ScheduleCommand::Generate {
            scenario,
            forecast,
            group,
            week_start,
            channel,
            time_limit,
            gap,
            objective,
            output,
        } => {
            Inputs::new()
                .files([scenario, forecast])
                .maybe_workspace(workspace)
                .check_dir(output, &SCHEDULE_FILES)?;
            let bar = progress_bar();
            let outcome = schedule_from_files(
                &ScheduleFiles {
                    scenario: scenario.clone(),
                    forecast: forecast.into(),
                    only: group.clone().zip(*week_start),
                    channel: *channel,
                    time_limit_seconds: *time_limit,
                    relative_gap: *gap,
                    objective: *objective,
                },
                &mut |p| {
                    bar.set_length(p.weeks as u64);
                    bar.set_position(p.done as u64);
                    bar.set_message(format!(
                        "week of {}: bound {:.1}, objective {:.1}, gap {:.2} %",
                        p.week_start,
                        p.lower_bound,
                        p.objective,
                        p.gap * 100.0
                    ));
                    std::ops::ControlFlow::Continue(())
                },
            )?;
            bar.finish_and_clear();
            let files = write_schedule_dir(output, &outcome)?;
            let r = &outcome.report;
            let end = (outcome.week_start + chrono::Duration::days(7 * r.weeks.len() as i64 - 1))
                .min(outcome.scenario.request().end);
            println!(
                "{} to {end}: {} shifts for {} agents, {:.1} paid hours",
                outcome.week_start, r.shifts, r.agents, r.paid_hours
            );
            println!("status: {} ({:?})", r.status_text, r.status);
            println!(
                "objective {:.2} (the returned schedule's), lower bound {:.2}, gap {:.2} %, {:.2} s",
                r.objective,
                r.lower_bound,
                r.gap * 100.0,
                r.seconds
            );
            println!(
                "{} quarter hour(s) short of the goal; {} warning(s); validator: {} violation(s)",
                r.unmet_intervals.len(),
                r.warnings.len(),
                outcome.violations.len()
            );
            println!("review: {}", outcome.review()?.summary);
            for w in &r.warnings {
                println!("  warning: {w}");
            }
            for v in &outcome.violations {
                println!("  violation: {v}");
            }
            for f in files {
                println!("wrote {}", f.display());
            }
            if !outcome.violations.is_empty() {
                bail!(
                    "the generated schedule breaks {} rule(s)",
                    outcome.violations.len()
                );
            }
        }
        ScheduleCommand::Validate { scenario, schedule } => {
            let (parsed, violations) = validate_files(scenario, schedule)?;
            let shifts: usize = parsed.agents.iter().map(|a| a.shifts.len()).sum();
            if violations.is_empty() {
                println!(
                    "{}: {shifts} shifts of {} agents, every rule holds",
                    schedule.display(),
                    parsed.agents.len()
                );
                return Ok(());
            }
            for v in &violations {
                println!("{v}");
            }
            return Err(wfm::WfmError::Precondition {
                what: format!(
                    "{}: {} violation(s) of the scenario's rules",
                    schedule.display(),
                    violations.len()
                ),
            }
            .into());
        }
    }
    Ok(())
}
