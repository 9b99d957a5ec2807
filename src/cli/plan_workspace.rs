//! `wfm plan scenario|fte|create|list|show|override|rerun|publish|export`: the plan
//! lifecycle on a workspace (the library's `wfm::capacity::lifecycle`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use comfy_table::Cell;
use wfm::capacity::lifecycle::{
    self, ANY_GROUP, PlanRequest, Rerun, StoredScenario, create_scenario, edit_scenario,
    find_scenario, load_plan,
};
use wfm::capacity::{PlanOutcome, read_override, write_plan_dir};
use wfm::core::capacity::{HiringPlan, PlanPeriod};
use wfm::store::DocumentKind;

use super::table::number;
use super::{table, workspace};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Create, edit, list, show and delete scenarios (TOML, as
    /// data/scenarios/capacity_base.toml).
    Scenario {
        #[command(subcommand)]
        command: ScenarioCommand,
    },
    /// Import the FTE and shrinkage CSV (FORECAST_GROUP,Date,AVAILABLE_FTE,…); the newest
    /// load of a group is the one plans use.
    Fte {
        #[command(subcommand)]
        command: FteCommand,
    },
    /// Create a plan from the group's latest published long- and short-term forecasts.
    Create {
        /// The plan's name (unique in the workspace).
        #[arg(long)]
        name: String,
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// The scenario's name (the group's own, else one for every group).
        #[arg(long)]
        scenario: String,
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        start: NaiveDate,
        /// Weeks to plan (1 to 80).
        #[arg(long, default_value_t = 78)]
        weeks: u32,
        /// Free text.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Every plan with its status.
    List,
    /// A plan's inputs, then its rows week by week (or month by month).
    Show {
        /// The plan's name.
        #[arg(long)]
        name: String,
        /// Month by month instead of week by week.
        #[arg(long)]
        monthly: bool,
    },
    /// Override the required FTE without shrinkage (the override CSV: a header of period
    /// starts and one row of values); dependent rows recompute, originals stay visible.
    Override {
        /// The plan's name.
        #[arg(long)]
        name: String,
        /// The override CSV.
        file: PathBuf,
    },
    /// Re-run a draft plan with a new start, weeks or scenario, or to pick up a newer
    /// published forecast (refused when nothing changed; drops overrides).
    Rerun {
        /// The plan's name.
        #[arg(long)]
        name: String,
        /// A new first day.
        #[arg(long)]
        start: Option<NaiveDate>,
        /// New weeks.
        #[arg(long)]
        weeks: Option<u32>,
        /// Another scenario.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Publish a plan: final, immutable.
    Publish {
        /// The plan's name.
        #[arg(long)]
        name: String,
    },
    /// Write plan_weekly.csv, plan_monthly.csv and plan.xlsx of a plan.
    Export {
        /// The plan's name.
        #[arg(long)]
        name: String,
        /// The folder.
        #[arg(long, short)]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Store a scenario from a TOML file (its `name` names it).
    Create {
        /// The TOML file.
        file: PathBuf,
        /// The group it is for (default: every group).
        #[arg(long, default_value = ANY_GROUP)]
        group: String,
    },
    /// Replace a scenario's TOML (the name must stay).
    Edit {
        /// The scenario's name.
        name: String,
        /// The TOML file.
        file: PathBuf,
        /// Its group (default: every group).
        #[arg(long, default_value = ANY_GROUP)]
        group: String,
    },
    /// Every scenario.
    List,
    /// A scenario's TOML.
    Show {
        /// The scenario's name.
        name: String,
        /// Its group (default: the one for every group).
        #[arg(long, default_value = ANY_GROUP)]
        group: String,
    },
    /// Delete a scenario (refused while a published plan uses it).
    Delete {
        /// The scenario's name.
        name: String,
        /// Its group (default: every group).
        #[arg(long, default_value = ANY_GROUP)]
        group: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FteCommand {
    /// Import an FTE and shrinkage CSV (every group named must exist; nothing is stored
    /// on error).
    Import {
        /// The CSV file.
        file: PathBuf,
    },
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// Prints the weeks with hires and the totals of a hiring plan.
pub fn print_hiring(h: &HiringPlan) {
    let mut t = table::new(&["week", "hires", "FTE after hires", "remaining gap"]);
    for w in h
        .weeks
        .iter()
        .filter(|w| w.hires > 0 || w.remaining_gap > 0.0)
    {
        t.add_row(vec![
            Cell::new(w.start),
            Cell::new(w.hires),
            Cell::new(format!("{:.1}", w.fte_after_hires)),
            Cell::new(format!("{:.1}", w.remaining_gap)),
        ]);
    }
    println!(
        "hiring plan: {} hire(s), cost {:.0} (hires start in the week shown)",
        h.total_hires, h.cost
    );
    if !h.proven {
        println!("(the best plan found in the solver's time limit, not proven least-cost)");
    }
    if !h.not_closable.is_empty() {
        let weeks: Vec<String> = h.not_closable.iter().map(ToString::to_string).collect();
        println!(
            "not closable by hiring (before the lead time): {}",
            weeks.join(", ")
        );
    }
    println!("{}", table::show(&t));
}

fn print_periods(periods: &[PlanPeriod]) {
    let mut t = table::new(&[
        "period",
        "volume",
        "AHT s",
        "required FTE",
        "(computed)",
        "+shrinkage",
        "available",
        "gap",
        "OT %",
        "VTO %",
        "occupancy %",
    ]);
    for p in periods {
        t.add_row(vec![
            Cell::new(p.start),
            Cell::new(format!("{:.0}", p.volume)),
            Cell::new(format!("{:.0}", p.aht_seconds)),
            Cell::new(format!("{:.1}", p.required_fte)),
            Cell::new(number(p.required_fte_original, 1)),
            Cell::new(number(p.required_fte_with_shrinkage, 1)),
            Cell::new(number(p.available_fte, 1)),
            Cell::new(number(p.gap, 1)),
            Cell::new(number(p.required_ot_pct.map(|x| x * 100.0), 1)),
            Cell::new(number(p.required_vto_pct.map(|x| x * 100.0), 1)),
            Cell::new(format!("{:.1}", p.expected_occupancy * 100.0)),
        ]);
    }
    println!("{}", table::show(&t));
}

fn scenario_command(command: &ScenarioCommand, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = matches!(
        command,
        ScenarioCommand::List | ScenarioCommand::Show { .. }
    );
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    match command {
        ScenarioCommand::Create { file, group } => {
            let doc = create_scenario(&mut ws, &read(file)?, &file.display().to_string(), group)?;
            println!(
                "stored scenario {:?} for {group:?} (document {})",
                doc.name, doc.id
            );
        }
        ScenarioCommand::Edit { name, file, group } => {
            let doc = edit_scenario(
                &mut ws,
                name,
                group,
                &read(file)?,
                &file.display().to_string(),
            )?;
            println!("replaced scenario {:?} (document {})", doc.name, doc.id);
        }
        ScenarioCommand::List => {
            let mut t = table::new(&["id", "name", "group", "description", "stored"]);
            for d in ws.documents(DocumentKind::Scenario, None)? {
                t.add_row(vec![
                    Cell::new(d.id),
                    Cell::new(&d.name),
                    Cell::new(&d.scope),
                    Cell::new(&d.summary),
                    Cell::new(d.created_at.format("%Y-%m-%d %H:%M")),
                ]);
            }
            println!("{}", table::show(&t));
        }
        ScenarioCommand::Show { name, group } => {
            let doc = find_scenario(&ws, group, name)?;
            let (_, s): (_, StoredScenario) = ws.get_json(doc.id)?;
            println!(
                "# scenario {:?} of {:?} (document {})",
                doc.name, doc.scope, doc.id
            );
            print!("{}", s.toml);
        }
        ScenarioCommand::Delete { name, group } => {
            let doc = ws
                .latest(DocumentKind::Scenario, group, name, None)?
                .ok_or_else(|| wfm::WfmError::NotFound {
                    item: wfm::Item::document(DocumentKind::Scenario, name).of(group),
                })?;
            ws.delete_document(doc.id)?;
            println!("deleted scenario {name:?} of {group:?}");
        }
    }
    Ok(())
}

pub fn run(command: &PlanCommand, path: Option<&PathBuf>) -> Result<()> {
    let open = || workspace::open(path.map(PathBuf::as_path));
    match command {
        PlanCommand::Scenario { command } => return scenario_command(command, path),
        PlanCommand::Fte {
            command: FteCommand::Import { file },
        } => {
            let mut ws = open()?;
            for d in lifecycle::import_fte(&mut ws, file)? {
                println!(
                    "loaded FTE of {:?}: {} (document {})",
                    d.scope, d.summary, d.id
                );
            }
        }
        PlanCommand::Create {
            name,
            group,
            scenario,
            start,
            weeks,
            description,
        } => {
            let mut ws = open()?;
            let doc = lifecycle::create_plan(
                &mut ws,
                &PlanRequest {
                    name: name.clone(),
                    description: description.clone(),
                    group: group.clone(),
                    scenario: scenario.clone(),
                    start: *start,
                    weeks: *weeks,
                },
            )?;
            println!(
                "created plan {name:?} of {group:?}: {} (document {})",
                doc.summary, doc.id
            );
        }
        PlanCommand::List => {
            let ws = workspace::open_read(path.map(PathBuf::as_path))?;
            let mut t = table::new(&[
                "id",
                "name",
                "group",
                "status",
                "created",
                "published",
                "summary",
            ]);
            for d in ws.documents(DocumentKind::Plan, None)? {
                t.add_row(vec![
                    Cell::new(d.id),
                    Cell::new(&d.name),
                    Cell::new(&d.scope),
                    Cell::new(d.status.as_str()),
                    Cell::new(d.created_at.format("%Y-%m-%d")),
                    Cell::new(
                        d.published_at
                            .map_or_else(|| "-".to_owned(), |p| p.format("%Y-%m-%d").to_string()),
                    ),
                    Cell::new(&d.summary),
                ]);
            }
            println!("{}", table::show(&t));
        }
        PlanCommand::Show { name, monthly } => {
            let ws = workspace::open_read(path.map(PathBuf::as_path))?;
            let (doc, stored) = load_plan(&ws, name)?;
            let info = lifecycle::plan_info(&doc, &stored);
            println!(
                "plan {:?} of {:?} ({})",
                doc.name,
                doc.scope,
                doc.status.as_str()
            );
            if !stored.description.is_empty() {
                println!("  {}", stored.description);
            }
            println!("  {}", doc.summary);
            for (k, v) in &info.details {
                println!("  {k}: {v}");
            }
            if *monthly {
                print_periods(&stored.plan.monthly);
            } else {
                print_periods(&stored.plan.weekly);
            }
            if let Some(h) = &stored.plan.hiring {
                print_hiring(h);
            }
        }
        PlanCommand::Override { name, file } => {
            let mut ws = open()?;
            let values = read_override(file)?;
            let doc = lifecycle::override_plan(&mut ws, name, &values)?;
            println!(
                "overrode {} period(s) of plan {name:?}: {}",
                values.len(),
                doc.summary
            );
        }
        PlanCommand::Rerun {
            name,
            start,
            weeks,
            scenario,
        } => {
            let mut ws = open()?;
            let doc = lifecycle::rerun_plan(
                &mut ws,
                name,
                &Rerun {
                    start: *start,
                    weeks: *weeks,
                    scenario: scenario.clone(),
                },
            )?;
            println!("re-ran plan {name:?}: {} (overrides dropped)", doc.summary);
        }
        PlanCommand::Publish { name } => {
            let mut ws = open()?;
            let doc = lifecycle::publish_plan(&mut ws, name)?;
            println!("published plan {name:?} (document {})", doc.id);
        }
        PlanCommand::Export { name, output } => {
            let ws = workspace::open_read(path.map(PathBuf::as_path))?;
            wfm::files::Inputs::new()
                .workspace(ws.path())
                .check_dir(output, &wfm::capacity::PLAN_FILES)?;
            let (doc, stored) = load_plan(&ws, name)?;
            let info = lifecycle::plan_info(&doc, &stored);
            let outcome = PlanOutcome {
                plan: stored.plan,
                scenario: stored.scenario,
                info,
            };
            for p in write_plan_dir(output, &outcome)? {
                println!("wrote {}", p.display());
            }
        }
    }
    Ok(())
}
