//! `wfm plan scenario|fte|create|list|show|override|rerun|publish|export`: the plan
//! lifecycle on a workspace, over the handles `Workspace::scenarios`,
//! `Workspace::fte_loads` and `Workspace::plans` (one function per subcommand).

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use comfy_table::Cell;
use wfm::Workspace;
use wfm::capacity::lifecycle::{ANY_GROUP, PlanRequest, Rerun};
use wfm::capacity::read_override;
use wfm::core::capacity::{HiringPlan, PlanPeriod};

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
            let doc = ws.scenarios().create_file(group, file)?;
            println!(
                "stored scenario {:?} for {group:?} (document {})",
                doc.name, doc.id
            );
        }
        ScenarioCommand::Edit { name, file, group } => {
            let doc = ws.scenarios().edit_file(group, name, file)?;
            println!("replaced scenario {:?} (document {})", doc.name, doc.id);
        }
        ScenarioCommand::List => {
            let mut t = table::new(&["id", "name", "group", "description", "stored"]);
            for r in ws.scenarios().list()? {
                t.add_row(vec![
                    Cell::new(r.id),
                    Cell::new(&r.name),
                    Cell::new(&r.group),
                    Cell::new(&r.description),
                    Cell::new(r.created_at.format("%Y-%m-%d %H:%M")),
                ]);
            }
            println!("{}", table::show(&t));
        }
        ScenarioCommand::Show { name, group } => {
            let (doc, s) = ws.scenarios().get(group, name)?;
            println!(
                "# scenario {:?} of {:?} (document {})",
                doc.name, doc.scope, doc.id
            );
            print!("{}", s.toml);
        }
        ScenarioCommand::Delete { name, group } => {
            ws.scenarios().delete(group, name)?;
            println!("deleted scenario {name:?} of {group:?}");
        }
    }
    Ok(())
}

pub fn run(command: &PlanCommand, path: Option<&PathBuf>) -> Result<()> {
    let read = || workspace::open_read(path.map(PathBuf::as_path));
    let open = || workspace::open(path.map(PathBuf::as_path));
    match command {
        PlanCommand::Scenario { command } => scenario_command(command, path),
        PlanCommand::Fte {
            command: FteCommand::Import { file },
        } => {
            for d in open()?.fte_loads().import(file)? {
                println!(
                    "loaded FTE of {:?}: {} (document {})",
                    d.group, d.summary, d.id
                );
            }
            Ok(())
        }
        PlanCommand::Create {
            name,
            group,
            scenario,
            start,
            weeks,
            description,
        } => {
            let doc = open()?.plans().create(&PlanRequest {
                name: name.clone(),
                description: description.clone(),
                group: group.clone(),
                scenario: scenario.clone(),
                start: *start,
                weeks: *weeks,
            })?;
            println!(
                "created plan {name:?} of {group:?}: {} (document {})",
                doc.summary, doc.id
            );
            Ok(())
        }
        PlanCommand::List => list(&mut read()?),
        PlanCommand::Show { name, monthly } => show(&mut read()?, name, *monthly),
        PlanCommand::Override { name, file } => {
            let values = read_override(file)?;
            let doc = open()?.plans().override_plan(name, &values)?;
            println!(
                "overrode {} period(s) of plan {name:?}: {}",
                values.len(),
                doc.summary
            );
            Ok(())
        }
        PlanCommand::Rerun {
            name,
            start,
            weeks,
            scenario,
        } => {
            let change = Rerun {
                start: *start,
                weeks: *weeks,
                scenario: scenario.clone(),
            };
            let doc = open()?.plans().rerun(name, &change)?;
            println!("re-ran plan {name:?}: {} (overrides dropped)", doc.summary);
            Ok(())
        }
        PlanCommand::Publish { name } => {
            let doc = open()?.plans().publish(name)?;
            println!("published plan {name:?} (document {})", doc.id);
            Ok(())
        }
        PlanCommand::Export { name, output } => {
            for p in read()?.plans().export(name, output)? {
                println!("wrote {}", p.display());
            }
            Ok(())
        }
    }
}

/// `wfm plan list`.
fn list(ws: &mut Workspace) -> Result<()> {
    let mut t = table::new(&[
        "id",
        "name",
        "group",
        "status",
        "created",
        "published",
        "summary",
    ]);
    for p in ws.plans().list()? {
        t.add_row(vec![
            Cell::new(p.id),
            Cell::new(&p.name),
            Cell::new(&p.group),
            Cell::new(p.status.as_str()),
            Cell::new(p.created_at.format("%Y-%m-%d")),
            Cell::new(
                p.published_at
                    .map_or_else(|| "-".to_owned(), |p| p.format("%Y-%m-%d").to_string()),
            ),
            Cell::new(&p.summary),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm plan show`.
fn show(ws: &mut Workspace, name: &str, monthly: bool) -> Result<()> {
    let plan = ws.plans().get(name)?;
    let (doc, stored) = (&plan.info, &plan.stored);
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
    for (k, v) in &plan.details().details {
        println!("  {k}: {v}");
    }
    if monthly {
        print_periods(&stored.plan.monthly);
    } else {
        print_periods(&stored.plan.weekly);
    }
    if let Some(h) = &stored.plan.hiring {
        print_hiring(h);
    }
    Ok(())
}
