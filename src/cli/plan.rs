//! `wfm plan`: a capacity plan from forecast files, for batch jobs (`wfm plan
//! --forecast-long … --output DIR`), or the plan lifecycle on a workspace (`wfm plan
//! scenario|fte|create|list|show|override|rerun|publish|export`, see
//! [`super::plan_workspace`]).

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use comfy_table::Cell;
use wfm::capacity::{PLAN_FILES, PlanFiles, plan_from_files, write_plan_dir};
use wfm::files::Inputs;

use super::plan_workspace::{self, PlanCommand};
use super::table::{self, number};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: Option<PlanCommand>,
    /// The long-term forecast CSV (daily rows; format: docs/formats/forecast-csv.md).
    #[arg(long, value_name = "FILE", required = true)]
    forecast_long: Option<PathBuf>,
    /// The short-term forecast CSV (15/30-minute rows): its intraday pattern spreads each
    /// day's volume over the intervals.
    #[arg(long, value_name = "FILE", required = true)]
    forecast_short: Option<PathBuf>,
    /// The scenario TOML (see data/scenarios/capacity_base.toml; its optional [hiring]
    /// table adds a hiring plan).
    #[arg(long, value_name = "FILE", required = true)]
    scenario: Option<PathBuf>,
    /// The available FTE and shrinkage CSV (FORECAST_GROUP,Date,AVAILABLE_FTE,…).
    #[arg(long, value_name = "FILE")]
    fte: Option<PathBuf>,
    /// The forecast group of the FTE file to use (default: its only group).
    #[arg(long)]
    group: Option<String>,
    /// The first day of the plan (YYYY-MM-DD).
    #[arg(long, required = true)]
    start: Option<NaiveDate>,
    /// Weeks to plan (1 to 80).
    #[arg(long, default_value_t = 78)]
    weeks: u32,
    /// An override CSV: a header of period start dates (weekly or monthly starts) and one
    /// row of "required FTE without shrinkage"; the dependent rows recompute.
    #[arg(long = "override", value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// The folder for plan_weekly.csv, plan_monthly.csv and plan.xlsx.
    #[arg(long, short, required = true)]
    output: Option<PathBuf>,
}

pub fn run(args: &PlanArgs, workspace: Option<&PathBuf>) -> Result<()> {
    if let Some(command) = &args.command {
        return plan_workspace::run(command, workspace);
    }
    // clap requires these without a subcommand
    let (Some(forecast_long), Some(forecast_short), Some(scenario), Some(start), Some(output)) = (
        &args.forecast_long,
        &args.forecast_short,
        &args.scenario,
        args.start,
        &args.output,
    ) else {
        anyhow::bail!("give --forecast-long, --forecast-short, --scenario, --start and --output");
    };
    Inputs::new()
        .files([forecast_long, forecast_short, scenario])
        .files(&args.fte)
        .files(&args.overrides)
        .maybe_workspace(workspace)
        .check_dir(output, &PLAN_FILES)?;
    let files = PlanFiles {
        forecast_long: forecast_long.into(),
        forecast_short: forecast_short.into(),
        scenario: scenario.clone(),
        fte: args.fte.as_ref().map(Into::into),
        group: args.group.clone(),
        start,
        weeks: args.weeks,
        overrides: args.overrides.clone(),
    };
    let outcome = plan_from_files(&files)?;
    let paths = write_plan_dir(output, &outcome)?;
    let mut t = table::new(&[
        "month",
        "volume",
        "AHT s",
        "required FTE",
        "+shrinkage",
        "available",
        "gap",
        "OT %",
        "VTO %",
        "occupancy %",
    ]);
    for m in &outcome.plan.monthly {
        t.add_row(vec![
            Cell::new(m.start.format("%Y-%m")),
            Cell::new(format!("{:.0}", m.volume)),
            Cell::new(format!("{:.0}", m.aht_seconds)),
            Cell::new(format!("{:.1}", m.required_fte)),
            Cell::new(number(m.required_fte_with_shrinkage, 1)),
            Cell::new(number(m.available_fte, 1)),
            Cell::new(number(m.gap, 1)),
            Cell::new(number(m.required_ot_pct.map(|x| x * 100.0), 1)),
            Cell::new(number(m.required_vto_pct.map(|x| x * 100.0), 1)),
            Cell::new(format!("{:.1}", m.expected_occupancy * 100.0)),
        ]);
    }
    println!(
        "capacity plan {} ({} weeks from {}, scenario {:?})",
        outcome.info.name, args.weeks, start, outcome.scenario.name
    );
    println!("{}", table::show(&t));
    if let Some(h) = &outcome.plan.hiring {
        plan_workspace::print_hiring(h);
    }
    for p in paths {
        println!("wrote {}", p.display());
    }
    Ok(())
}
