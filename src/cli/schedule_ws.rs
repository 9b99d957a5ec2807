//! `wfm schedule scenario|create|list|show|publish|delete|export|agent`: scheduling on a
//! workspace, over the handles `Workspace::schedule_scenario` and `Workspace::schedules`
//! (one function per subcommand).

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use comfy_table::Cell;
use wfm::Workspace;
use wfm::core::Channel;
use wfm::scheduler::generate::{Gap, TimeLimit};
use wfm::scheduler::model::Goal;
use wfm::scheduling::workspace::{AgentPeriod, CreateSchedule};
use wfm::store::DocumentId;

use super::{limits, table, workspace as ws_arg};

#[derive(Debug, Subcommand)]
pub enum ScheduleWsCommand {
    /// The scheduling configuration of the workspace (activities, shift profiles,
    /// staffing groups, staff rules and the request), as one scenario file.
    Scenario {
        #[command(subcommand)]
        command: ScenarioCommand,
    },
    /// Generate a draft schedule from the configuration and the forecast group's published
    /// short-term forecast: the whole request, every staffing group of its forecast group
    /// (or one group's week with --group / --week-start).
    ///
    /// The forecast must cover every day scheduled (else nothing is solved, exit 2). When
    /// the validator finds the schedule breaks a rule, the draft is still stored, its
    /// status is "RulesBroken", the violations are listed and the exit code is 1 (as for
    /// `wfm schedule generate`).
    Create {
        /// Only this staffing group, one week (default with --week-start: the first linked to
        /// the request's forecast group).
        #[arg(long)]
        group: Option<String>,
        /// Only the week from this day, YYYY-MM-DD (default with --group: the request's first
        /// day).
        #[arg(long)]
        week_start: Option<NaiveDate>,
        /// The schedule's name (default: "<groups>, <first day> to <last day>").
        #[arg(long)]
        name: Option<String>,
        /// The channel the agents answer.
        #[arg(long, default_value = "VOICE")]
        channel: Channel,
        /// Solver time limit in seconds (the best schedule found by then is kept).
        #[arg(long, default_value = "600", value_parser = limits::time_limit)]
        time_limit: TimeLimit,
        /// Relative optimality gap at which the solver may stop (0.01 = 1 %; at least 0,
        /// below 1).
        #[arg(long, default_value = "0.01", value_parser = limits::gap)]
        gap: Gap,
    },
    /// Every schedule of the workspace with its status.
    List,
    /// A schedule's summary: agents, shifts, paid hours, short intervals, the solver's
    /// report and what the validator finds.
    Show {
        /// The schedule's id (see `wfm schedule list`).
        id: i64,
    },
    /// Publish a draft schedule: agents see it, it cannot change; it replaces the
    /// published schedule of the same forecast group, dates and staffing group.
    Publish {
        /// The schedule's id.
        id: i64,
    },
    /// Delete a draft schedule (a published one stays until a new one replaces it).
    Delete {
        /// The schedule's id.
        id: i64,
    },
    /// Write a schedule's tables (schedule.json, shifts.csv, activities.csv, coverage.csv,
    /// report.json) and the configuration it used (scenario.toml).
    Export {
        /// The schedule's id.
        id: i64,
        /// The output folder.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// An agent's shifts of a published schedule on their own clock (their staff rule's
    /// time zone, else the workspace's), for a day or a week.
    Agent {
        /// The schedule's id.
        id: i64,
        /// The agent.
        agent: String,
        /// One local day, YYYY-MM-DD.
        #[arg(long, conflicts_with = "week")]
        date: Option<NaiveDate>,
        /// Seven local days from this one, YYYY-MM-DD (default: the schedule's first day).
        #[arg(long)]
        week: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Import a scenario TOML (see data/scenarios/schedule_example.toml) as the
    /// configuration; checked whole, nothing stored on an error.
    Import {
        /// The scenario file.
        file: PathBuf,
    },
    /// Write the configuration as a scenario TOML (imports back unchanged).
    Export {
        /// The file to write (`-` for standard output).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
    /// The building blocks: counts and names per kind, and the request.
    Show,
}

fn scenario_command(command: &ScenarioCommand, path: Option<&Path>) -> Result<()> {
    let reads_only = !matches!(command, ScenarioCommand::Import { .. });
    let mut ws = ws_arg::open_for(path, reads_only)?;
    match command {
        ScenarioCommand::Import { file } => {
            let done = ws.schedule_scenario().import_file(file)?;
            println!(
                "imported the scheduling configuration {:?} (document {}): {}",
                done.info.name, done.info.id, done.info.summary
            );
            for id in &done.deleted {
                println!("deleted the previous configuration {id}");
            }
            for id in &done.kept {
                println!("kept the previous configuration {id}: a schedule was made with it");
            }
        }
        ScenarioCommand::Export { output } => {
            let p = ws.schedule_scenario().export(output)?;
            super::outputs::wrote(&p, "");
        }
        ScenarioCommand::Show => {
            let b = ws.schedule_scenario().blocks()?;
            println!(
                "scheduling configuration {:?} (document {}, from {})",
                b.name, b.info.id, b.file
            );
            if !b.description.is_empty() {
                println!("{}", b.description);
            }
            let r = &b.request;
            let goal = match r.goal {
                Goal::ServiceLevel {
                    target,
                    within_seconds,
                } => format!("{:.0} % within {within_seconds} s", target * 100.0),
                Goal::Asa { seconds } => format!("ASA at most {seconds} s"),
            };
            println!(
                "request: forecast group {:?}, {} to {}, goal {goal}; interval {} minutes",
                r.forecast_group, r.start, r.end, b.interval_minutes
            );
            let mut t = table::new(&["building block", "count", "names"]);
            for c in &b.blocks {
                t.add_row(vec![
                    Cell::new(c.kind),
                    Cell::new(c.names.len()),
                    Cell::new(c.names.join(", ")),
                ]);
            }
            println!("{}", table::show(&t));
        }
    }
    Ok(())
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

pub fn run(command: &ScheduleWsCommand, path: Option<&Path>) -> Result<()> {
    if let ScheduleWsCommand::Scenario { command } = command {
        return scenario_command(command, path);
    }
    let reads_only = matches!(
        command,
        ScheduleWsCommand::List
            | ScheduleWsCommand::Show { .. }
            | ScheduleWsCommand::Export { .. }
            | ScheduleWsCommand::Agent { .. }
    );
    let mut ws = ws_arg::open_for(path, reads_only)?;
    match command {
        ScheduleWsCommand::Scenario { .. } => Ok(()),
        ScheduleWsCommand::Create {
            group,
            week_start,
            name,
            channel,
            time_limit,
            gap,
        } => create(
            &mut ws,
            &CreateSchedule {
                name: name.clone(),
                staffing_group: group.clone(),
                week_start: *week_start,
                channel: *channel,
                time_limit_seconds: *time_limit,
                relative_gap: *gap,
                ..CreateSchedule::default()
            },
        ),
        ScheduleWsCommand::List => list(&mut ws),
        ScheduleWsCommand::Show { id } => show(&mut ws, DocumentId(*id)),
        ScheduleWsCommand::Publish { id } => {
            let p = ws.schedules().publish(DocumentId(*id))?;
            println!("published schedule {} {:?}", p.info.id, p.info.name);
            for old in &p.replaced {
                println!("it replaces the published schedule {old} (deleted)");
            }
            for (old, why) in &p.kept {
                println!("kept schedule {old}, no longer published for these dates: {why}");
            }
            Ok(())
        }
        ScheduleWsCommand::Delete { id } => {
            let d = ws.schedules().delete(DocumentId(*id))?;
            println!("deleted schedule {} {:?}", d.id, d.name);
            Ok(())
        }
        ScheduleWsCommand::Export { id, output } => {
            for f in ws.schedules().export(DocumentId(*id), output)? {
                println!("wrote {}", f.display());
            }
            Ok(())
        }
        ScheduleWsCommand::Agent {
            id,
            agent,
            date,
            week,
        } => {
            let id = DocumentId(*id);
            let period = match (date, week) {
                (Some(d), _) => AgentPeriod::Day(*d),
                (None, Some(w)) => AgentPeriod::Week(*w),
                (None, None) => ws.schedules().first_week(id)?,
            };
            agent_view(&mut ws, id, agent, period)
        }
    }
}

/// `wfm schedule create`: the draft, then what the validator finds (exit 1 when it breaks
/// a rule).
fn create(ws: &mut Workspace, request: &CreateSchedule) -> Result<()> {
    let doc = ws.schedules().create(request)?;
    println!(
        "created draft schedule {} {:?} of {}: {}",
        doc.id, doc.name, doc.scope, doc.summary
    );
    let s = ws.schedules().summary(doc.id)?;
    println!(
        "validator: {} violation(s); {} warning(s)",
        s.violations.len(),
        s.report.warnings.len()
    );
    for v in &s.violations {
        println!("  violation: {v}");
    }
    if !s.violations.is_empty() {
        anyhow::bail!(
            "the draft schedule {} breaks {} rule(s) (stored, status {:?})",
            doc.id,
            s.violations.len(),
            s.report.status
        );
    }
    Ok(())
}

/// `wfm schedule list`.
fn list(ws: &mut Workspace) -> Result<()> {
    let mut t = table::new(&[
        "id",
        "name",
        "forecast group",
        "staffing groups",
        "from",
        "to",
        "status",
        "created",
        "published",
    ]);
    for l in ws.schedules().list()? {
        t.add_row(vec![
            Cell::new(l.info.id),
            Cell::new(&l.info.name),
            Cell::new(&l.forecast_group),
            Cell::new(l.staffing_groups.join(", ")),
            Cell::new(l.start),
            Cell::new(l.end),
            Cell::new(l.info.status.as_str()),
            Cell::new(utc(l.info.created_at)),
            Cell::new(l.info.published_at.map_or_else(|| "-".into(), utc)),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm schedule show`.
fn show(ws: &mut Workspace, id: DocumentId) -> Result<()> {
    let s = ws.schedules().summary(id)?;
    let l = &s.listing;
    let r = &s.report;
    println!(
        "schedule {} {:?} ({})",
        l.info.id,
        l.info.name,
        l.info.status.as_str()
    );
    let mut t = table::new(&["schedule", &l.info.id.to_string()]);
    let rows: Vec<(&str, String)> = vec![
        ("forecast group", l.forecast_group.clone()),
        ("staffing groups", l.staffing_groups.join(", ")),
        ("dates", format!("{} to {}", l.start, l.end)),
        (
            "agents",
            format!("{} of {} scheduled", s.agents_scheduled, s.agents),
        ),
        ("shifts", s.shifts.to_string()),
        ("paid hours", format!("{:.1}", s.paid_hours)),
        ("short quarter hours", s.short_intervals.to_string()),
        (
            "solver",
            format!(
                "{:?}: {}; objective {:.2}, bound {:.2}, gap {:.2} %, {:.1} s, {} week(s)",
                r.status,
                r.status_text,
                r.objective,
                r.lower_bound,
                r.gap * 100.0,
                r.seconds,
                r.weeks.len()
            ),
        ),
        ("warnings", r.warnings.len().to_string()),
        ("violations", s.violations.len().to_string()),
        ("forecast", format!("document {}", s.forecast_id)),
        ("configuration", format!("document {}", s.scenario_id)),
        ("created", utc(l.info.created_at)),
        (
            "published",
            l.info.published_at.map_or_else(|| "-".into(), utc),
        ),
    ];
    for (k, v) in rows {
        t.add_row(vec![Cell::new(k), Cell::new(v)]);
    }
    println!("{}", table::show(&t));
    for w in &r.warnings {
        println!("  warning: {w}");
    }
    for v in &s.violations {
        println!("  violation: {v}");
    }
    Ok(())
}

/// `wfm schedule agent`.
fn agent_view(ws: &mut Workspace, id: DocumentId, agent: &str, period: AgentPeriod) -> Result<()> {
    let v = ws.schedules().agent_view(id, agent, period)?;
    println!(
        "{} from {} to {} ({}), schedule {}",
        v.agent,
        v.days.0,
        v.days.1,
        v.time_zone.name(),
        v.schedule
    );
    let mut t = table::new(&["day", "start", "end", "paid h", "activities"]);
    let local = |t: chrono::DateTime<chrono_tz::Tz>| t.format("%H:%M %Z").to_string();
    for s in &v.shifts {
        t.add_row(vec![
            Cell::new(s.start.format("%a %Y-%m-%d")),
            Cell::new(local(s.start)),
            Cell::new(local(s.end)),
            Cell::new(format!("{:.2}", s.paid_hours)),
            Cell::new(s.activities_text()),
        ]);
    }
    println!("{}", table::show(&t));
    if v.shifts.is_empty() {
        println!("no shift on these days");
    }
    Ok(())
}
