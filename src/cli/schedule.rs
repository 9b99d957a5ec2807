//! `wfm schedule generate|validate`: a week's schedule from files, for batch jobs; and
//! scheduling on a workspace (`wfm schedule scenario|create|list|show|publish|delete|
//! export|agent`, see [`super::schedule_ws`]).

use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use wfm::core::Channel;
use wfm::scheduling::{ScheduleFiles, schedule_from_files, validate_files, write_schedule_dir};

use super::schedule_ws::{self, ScheduleWsCommand};

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    command: ScheduleCommand,
}

#[derive(Debug, Subcommand)]
enum ScheduleCommand {
    /// Generate one week for a staffing group: shifts with breaks for its named agents,
    /// meeting the scenario's goal per interval with the fewest shifts; writes
    /// schedule.json, shifts, activities, coverage and agent_hours as .csv and .parquet,
    /// schedule.xlsx and report.json.
    Generate {
        /// The scenario TOML (see data/scenarios/schedule_example.toml).
        #[arg(long, value_name = "FILE")]
        scenario: PathBuf,
        /// The short-term forecast CSV (SPEC §3; every queue in it is summed).
        #[arg(long, value_name = "FILE")]
        forecast: PathBuf,
        /// The staffing group to schedule.
        #[arg(long)]
        group: String,
        /// The week's first day (YYYY-MM-DD, UTC).
        #[arg(long)]
        week_start: NaiveDate,
        /// The channel the agents answer.
        #[arg(long, default_value = "VOICE")]
        channel: Channel,
        /// Solver time limit in seconds (the best schedule found by then is returned).
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Relative optimality gap at which the solver may stop (0.01 = 1 %).
        #[arg(long, default_value_t = 0.01)]
        gap: f64,
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
}

pub fn run(args: &ScheduleArgs, workspace: Option<&PathBuf>) -> Result<()> {
    match &args.command {
        ScheduleCommand::Workspace(command) => {
            return schedule_ws::run(command, workspace.map(PathBuf::as_path));
        }
        ScheduleCommand::Generate {
            scenario,
            forecast,
            group,
            week_start,
            channel,
            time_limit,
            gap,
            output,
        } => {
            let outcome = schedule_from_files(&ScheduleFiles {
                scenario: scenario.clone(),
                forecast: forecast.clone(),
                staffing_group: group.clone(),
                week_start: *week_start,
                channel: *channel,
                time_limit_seconds: *time_limit,
                relative_gap: *gap,
            })?;
            let files = write_schedule_dir(output, &outcome)?;
            let r = &outcome.report;
            let shifts: usize = outcome.schedule.agents.iter().map(|a| a.shifts.len()).sum();
            println!(
                "{group}, week of {week_start}: {shifts} shifts for {} agents",
                outcome
                    .schedule
                    .agents
                    .iter()
                    .filter(|a| !a.shifts.is_empty())
                    .count()
            );
            println!(
                "tours: {:?}, objective {:.2}, lower bound {:.2}, gap {:.2} %, {:.2} s",
                r.tours.status,
                r.tours.objective,
                r.tours.lower_bound,
                r.tours.gap * 100.0,
                r.tours.seconds
            );
            if let Some(a) = &r.assignment {
                println!(
                    "assignment to named agents: {:?}, {:.2} s; {} shift(s) no agent could take",
                    a.status, a.seconds, r.unassigned_shifts
                );
            }
            println!(
                "{} quarter hour(s) short of the goal; {} rule conflict(s); validator: {} violation(s)",
                r.short_intervals.len(),
                r.conflicts.len(),
                outcome.violations.len()
            );
            println!("review: {}", outcome.review()?.summary);
            for c in &r.conflicts {
                println!("  conflict: {c:?}");
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
            return Err(wfm::WfmError::Rejected(format!(
                "{}: {} violation(s) of the scenario's rules",
                schedule.display(),
                violations.len()
            ))
            .into());
        }
    }
    Ok(())
}
