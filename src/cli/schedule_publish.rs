//! `wfm schedule changes|calendar|team|search|agents|regenerate`: what publishing tells
//! agents and supervisors (the change records, read with a cursor; calendars), finding
//! schedules and agents, and regenerating several forecast groups at once.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use comfy_table::Cell;
use wfm::Workspace;
use wfm::core::Channel;
use wfm::files::{Inputs, OutputFile};
use wfm::scheduler::generate::{Gap, TimeLimit};
use wfm::scheduling::calendar::{CalendarFormat, CalendarOf};
use wfm::scheduling::search::{AgentSearch, ScheduleSearch, ScheduleSort, updated_at};
use wfm::scheduling::workspace::{AgentPeriod, CreateSchedule};
use wfm::store::DocumentId;

use super::{limits, table, workspace as ws_arg};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    /// A table for reading.
    Table,
    /// One JSON change record per line (docs/formats/change-records.md).
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarArg {
    /// iCalendar (RFC 5545), for calendar applications.
    Ics,
    /// JSON.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// First day.
    Start,
    /// Last day.
    End,
    /// Creation order.
    Created,
    /// Last change (stored, replaced or published).
    Updated,
}

#[derive(Debug, Subcommand)]
pub enum PublishCommand {
    /// The change records publishing wrote (one per agent whose published shifts
    /// changed: the days touched, the shifts before and after, who and when), after a
    /// cursor: what a service reads to notify agents and supervisors.
    Changes {
        /// Records after this sequence number (0: from the first); pass the `next` of
        /// the previous read.
        #[arg(long, default_value_t = 0)]
        since: i64,
        /// Most records to return (1 to 10000).
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        /// table, or jsonl (one record per line, then nothing else on standard output;
        /// the next cursor is printed on standard error).
        #[arg(long, value_enum, default_value = "table")]
        format: ChangesFormat,
    },
    /// A published schedule as an agent's (or a supervisor's team's) calendar: .ics with
    /// one event per shift on the agent's own clock (activities in the description), or
    /// JSON.
    Calendar {
        /// The schedule's id.
        id: i64,
        /// The agent.
        #[arg(
            long,
            conflicts_with = "supervisor",
            required_unless_present = "supervisor"
        )]
        agent: Option<String>,
        /// Every agent of the staffing groups this supervisor is listed for.
        #[arg(long)]
        supervisor: Option<String>,
        /// ics or json.
        #[arg(long, value_enum, default_value = "ics")]
        format: CalendarArg,
        /// The file to write (`-`: standard output).
        #[arg(long, short, default_value = "-")]
        output: PathBuf,
    },
    /// What a supervisor sees of a published schedule: the shifts of the agents of their
    /// staffing groups, each on the agent's own clock, for a day or a week.
    Team {
        /// The schedule's id.
        id: i64,
        /// The supervisor.
        #[arg(long)]
        supervisor: String,
        /// One local day, YYYY-MM-DD.
        #[arg(long, conflicts_with = "week")]
        date: Option<NaiveDate>,
        /// Seven local days from this one, YYYY-MM-DD (default: the schedule's first day).
        #[arg(long)]
        week: Option<NaiveDate>,
    },
    /// Find schedules by a fragment of their name, any case ("mar" finds "March").
    Search {
        /// A fragment of the name (default: every schedule).
        #[arg(long)]
        name: Option<String>,
        /// The order.
        #[arg(long, value_enum, default_value = "start")]
        sort: SortArg,
        /// Latest first.
        #[arg(long)]
        descending: bool,
    },
    /// A schedule's agents by a fragment of their name or login, staffing group and
    /// supervisor, sorted by their earliest shift start.
    Agents {
        /// The schedule's id.
        id: i64,
        /// A fragment of the agent's name or login, any case.
        #[arg(long)]
        name: Option<String>,
        /// Only this staffing group.
        #[arg(long)]
        group: Option<String>,
        /// Only the staffing groups of this supervisor.
        #[arg(long)]
        supervisor: Option<String>,
    },
    /// Generate a draft for each of up to six forecast groups at once, in parallel
    /// (after a configuration change), each with its own report; a group that fails
    /// does not stop the others (exit 1 when one failed or breaks a rule).
    Regenerate {
        /// The forecast groups, comma-separated (at most 6).
        #[arg(long, value_delimiter = ',', required = true)]
        forecast_groups: Vec<String>,
        /// The drafts' name, the forecast group appended (default: "<groups>, <first
        /// day> to <last day>").
        #[arg(long)]
        name: Option<String>,
        /// The channel the agents answer.
        #[arg(long, default_value = "VOICE")]
        channel: Channel,
        /// Solver time limit per forecast group in seconds.
        #[arg(long, default_value = "600", value_parser = limits::time_limit)]
        time_limit: TimeLimit,
        /// Relative optimality gap at which the solver may stop.
        #[arg(long, default_value = "0.01", value_parser = limits::gap)]
        gap: Gap,
    },
}

pub fn run(command: &PublishCommand, path: Option<&Path>) -> Result<()> {
    let reads_only = !matches!(command, PublishCommand::Regenerate { .. });
    let mut ws = ws_arg::open_for(path, reads_only)?;
    match command {
        PublishCommand::Changes {
            since,
            limit,
            format,
        } => changes(&mut ws, *since, *limit, *format),
        PublishCommand::Calendar {
            id,
            agent,
            supervisor,
            format,
            output,
        } => {
            let of = match (agent, supervisor) {
                (Some(a), _) => CalendarOf::Agent(a.clone()),
                (None, Some(s)) => CalendarOf::Supervisor(s.clone()),
                (None, None) => anyhow::bail!("name --agent or --supervisor"),
            };
            let format = match format {
                CalendarArg::Ics => CalendarFormat::Ics,
                CalendarArg::Json => CalendarFormat::Json,
            };
            Inputs::new().workspace(ws.path()).check(output)?;
            let text = ws.schedules().calendar(DocumentId(*id), &of, format)?;
            let mut out = OutputFile::create(output)?;
            out.write_buffered(|w| w.write_all(text.as_bytes()))?;
            out.commit()?;
            super::outputs::wrote(output, "");
            Ok(())
        }
        PublishCommand::Team {
            id,
            supervisor,
            date,
            week,
        } => {
            let id = DocumentId(*id);
            let period = match (date, week) {
                (Some(d), _) => AgentPeriod::Day(*d),
                (None, Some(w)) => AgentPeriod::Week(*w),
                (None, None) => ws.schedules().first_week(id)?,
            };
            team(&mut ws, id, supervisor, period)
        }
        PublishCommand::Search {
            name,
            sort,
            descending,
        } => search(
            &mut ws,
            &ScheduleSearch {
                name: name.clone(),
                sort: match sort {
                    SortArg::Start => ScheduleSort::Start,
                    SortArg::End => ScheduleSort::End,
                    SortArg::Created => ScheduleSort::Created,
                    SortArg::Updated => ScheduleSort::Updated,
                },
                descending: *descending,
            },
        ),
        PublishCommand::Agents {
            id,
            name,
            group,
            supervisor,
        } => agents(
            &mut ws,
            DocumentId(*id),
            &AgentSearch {
                name: name.clone(),
                staffing_group: group.clone(),
                supervisor: supervisor.clone(),
            },
        ),
        PublishCommand::Regenerate {
            forecast_groups,
            name,
            channel,
            time_limit,
            gap,
        } => regenerate(
            &mut ws,
            forecast_groups,
            &CreateSchedule {
                name: name.clone(),
                channel: *channel,
                time_limit_seconds: *time_limit,
                relative_gap: *gap,
                ..CreateSchedule::default()
            },
        ),
    }
}

fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// `wfm schedule changes`.
fn changes(ws: &mut Workspace, since: i64, limit: usize, format: ChangesFormat) -> Result<()> {
    let page = ws.schedules().changes_since(since, limit)?;
    if format == ChangesFormat::Jsonl {
        let mut out = std::io::stdout().lock();
        for r in &page.records {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        eprintln!(
            "{} record(s); next cursor {}",
            page.records.len(),
            page.next
        );
        return Ok(());
    }
    let mut t = table::new(&[
        "seq",
        "schedule",
        "cause",
        "agent",
        "days",
        "shifts before",
        "shifts after",
        "by",
        "at",
    ]);
    for r in &page.records {
        let days: Vec<String> = r.dates.iter().map(ToString::to_string).collect();
        let shifts = |s: &[wfm::scheduler::Shift]| {
            s.iter()
                .map(|x| format!("{}–{}", utc(x.start), x.end.format("%H:%M")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        t.add_row(vec![
            Cell::new(r.seq),
            Cell::new(r.schedule),
            Cell::new(r.cause.as_str()),
            Cell::new(&r.agent),
            Cell::new(days.join(", ")),
            Cell::new(shifts(&r.before)),
            Cell::new(shifts(&r.after)),
            Cell::new(&r.actor),
            Cell::new(utc(r.at)),
        ]);
    }
    println!("{}", table::show(&t));
    println!(
        "{} record(s); next cursor {} (wfm schedule changes --since {})",
        page.records.len(),
        page.next,
        page.next
    );
    Ok(())
}

/// `wfm schedule team`.
fn team(ws: &mut Workspace, id: DocumentId, supervisor: &str, period: AgentPeriod) -> Result<()> {
    let views = ws
        .schedules()
        .supervisor_view(id, supervisor, Some(period))?;
    let (from, to) = period.days();
    println!("{supervisor}'s agents from {from} to {to}, schedule {id}, each on their own clock");
    let mut t = table::new(&[
        "agent",
        "zone",
        "day",
        "start",
        "end",
        "paid h",
        "activities",
    ]);
    let local = |t: chrono::DateTime<chrono_tz::Tz>| t.format("%H:%M %Z").to_string();
    for v in &views {
        if v.shifts.is_empty() {
            t.add_row(vec![
                Cell::new(&v.agent),
                Cell::new(v.time_zone.name()),
                Cell::new("no shift"),
            ]);
        }
        for s in &v.shifts {
            t.add_row(vec![
                Cell::new(&v.agent),
                Cell::new(v.time_zone.name()),
                Cell::new(s.start.format("%a %Y-%m-%d")),
                Cell::new(local(s.start)),
                Cell::new(local(s.end)),
                Cell::new(format!("{:.2}", s.paid_hours)),
                Cell::new(s.activities_text()),
            ]);
        }
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm schedule search`.
fn search(ws: &mut Workspace, q: &ScheduleSearch) -> Result<()> {
    let found = ws.schedules().search(q)?;
    let mut t = table::new(&[
        "id",
        "name",
        "forecast group",
        "from",
        "to",
        "status",
        "created",
        "updated",
    ]);
    for l in &found {
        t.add_row(vec![
            Cell::new(l.info.id),
            Cell::new(&l.info.name),
            Cell::new(&l.forecast_group),
            Cell::new(l.start),
            Cell::new(l.end),
            Cell::new(l.info.status.as_str()),
            Cell::new(utc(l.info.created_at)),
            Cell::new(utc(updated_at(l))),
        ]);
    }
    println!("{}", table::show(&t));
    println!("{} schedule(s)", found.len());
    Ok(())
}

/// `wfm schedule agents`.
fn agents(ws: &mut Workspace, id: DocumentId, q: &AgentSearch) -> Result<()> {
    let rows = ws.schedules().agents(id, q)?;
    let mut t = table::new(&[
        "agent",
        "staffing group",
        "supervisors",
        "zone",
        "shifts",
        "first shift (UTC)",
    ]);
    for r in &rows {
        t.add_row(vec![
            Cell::new(&r.agent),
            Cell::new(&r.staffing_group),
            Cell::new(r.supervisors.join(", ")),
            Cell::new(r.time_zone.name()),
            Cell::new(r.shifts),
            Cell::new(r.first_shift.map_or_else(|| "-".into(), utc)),
        ]);
    }
    println!("{}", table::show(&t));
    println!("{} agent(s)", rows.len());
    Ok(())
}

/// `wfm schedule regenerate`: one line per group, then its violations; exit 1 when a
/// group failed or its draft breaks a rule.
fn regenerate(ws: &mut Workspace, groups: &[String], request: &CreateSchedule) -> Result<()> {
    let runs = ws.schedules().regenerate(groups, request)?;
    let mut failed = Vec::new();
    for run in &runs {
        match &run.outcome {
            Ok(s) => {
                let l = &s.listing;
                println!(
                    "{}: created draft schedule {} {:?}: {} shifts, {:.1} paid hours, {} short \
                     quarter hour(s); solver {:?}; {} violation(s), {} warning(s)",
                    run.forecast_group,
                    l.info.id,
                    l.info.name,
                    s.shifts,
                    s.paid_hours,
                    s.short_intervals,
                    s.report.status,
                    s.violations.len(),
                    s.report.warnings.len()
                );
                for v in &s.violations {
                    println!("  violation: {v}");
                }
                if !s.violations.is_empty() {
                    failed.push(run.forecast_group.clone());
                }
            }
            Err(e) => {
                println!("{}: failed: {e}", run.forecast_group);
                failed.push(run.forecast_group.clone());
            }
        }
    }
    if !failed.is_empty() {
        anyhow::bail!(
            "{} of {} forecast group(s) failed or break a rule: {} (the others' drafts are stored)",
            failed.len(),
            runs.len(),
            failed.join(", ")
        );
    }
    Ok(())
}
