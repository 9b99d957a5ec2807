//! `wfm adherence`: import agent state events, recompute, report adherence per day, week
//! or range, list exceptions, price non-adherence in service level, watch a live stream,
//! and write a sample day of events.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{NaiveDate, TimeZone, Utc};
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::Cell;
use wfm::adherence::{self as adh, ImportOptions, tables};
use wfm::core::clock::FixedClock;
use wfm::files::OutputFile;
use wfm::scheduler::adherence::{
    EventFormat, EventReader, Period, SampleOptions, Sequencer, write_events,
};
use wfm::tables::Table;

use super::{table, workspace};

#[derive(Debug, Args)]
pub struct AdherenceArgs {
    #[command(subcommand)]
    command: AdherenceCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum By {
    Day,
    Week,
    Range,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// The reference's agent event stream (JSON lines).
    Reference,
    /// Plain CSV: agent,timestamp,state,on_contact,event_id.
    Csv,
    /// Plain JSON lines.
    Jsonl,
}

#[derive(Debug, Subcommand)]
enum AdherenceCommand {
    /// Import a file of agent state events (the reference's JSON lines, or plain CSV /
    /// JSON lines): all or nothing, then the last 30 days are recomputed.
    Import {
        /// The file (`-` for standard input).
        file: PathBuf,
        /// How late an event may arrive and still be placed, minutes.
        #[arg(long, default_value_t = 5)]
        watermark_minutes: u32,
        /// The day counted as today for the recalculation (default: the clock's).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// The event imports: id, file, when, by whom, events stored.
    List,
    /// Recompute adherence over the last 30 days up to today (or `--today`).
    Recalc {
        /// The day counted as today (default: the clock's).
        #[arg(long)]
        today: Option<NaiveDate>,
    },
    /// Adherence per agent and day, week (Monday–Sunday) or the whole range.
    Report {
        /// First day.
        #[arg(long)]
        from: NaiveDate,
        /// Last day (default: `--from`).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// One row per agent and day, week or the whole range.
        #[arg(long, value_enum, default_value_t = By::Day)]
        by: By,
        /// Write CSV here (`-` for standard output) instead of a table.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// The stretches out of adherence: from–to, scheduled activity, actual state.
    Exceptions {
        /// First day.
        #[arg(long)]
        from: NaiveDate,
        /// Last day (default: `--from`).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Write CSV here (`-` for standard output) instead of a table.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Service level and ASA the schedule would have given against what the agents
    /// actually available gave, per team and interval (Erlang C on the same forecast).
    Impact {
        /// The day.
        #[arg(long)]
        day: NaiveDate,
        /// Write CSV here (`-` for standard output) instead of a summary.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Watch a live stream of events (JSON lines or CSV) from standard input or a
    /// growing file; prints each agent's status as a JSON line when it changes, and
    /// alerts.
    Watch {
        /// The day whose published schedule is watched.
        #[arg(long)]
        day: NaiveDate,
        /// Follow this growing file instead of reading standard input.
        #[arg(long)]
        follow: Option<PathBuf>,
        /// Stop following after this many seconds without new data (default: never).
        #[arg(long)]
        idle_exit_seconds: Option<u64>,
        /// Grace minutes of an activity, `ACTIVITY=MINUTES` (`Work` for shift time);
        /// repeatable.
        #[arg(long, value_parser = parse_grace)]
        grace: Vec<(String, u32)>,
        /// Alert when an agent is out of adherence longer than this, minutes.
        #[arg(long, default_value_t = 5)]
        alert_after_minutes: u32,
        /// How late an event may arrive and still be placed, seconds (events wait this
        /// long before they are applied).
        #[arg(long, default_value_t = 0)]
        watermark_seconds: u32,
    },
    /// Write a sample day of events for the day's published schedules (late log-ins,
    /// long breaks, early leaving).
    Sample {
        /// The day.
        #[arg(long)]
        day: NaiveDate,
        /// The format.
        #[arg(long, value_enum, default_value_t = Format::Reference)]
        format: Format,
        /// The file (`-` for standard output).
        #[arg(long, short)]
        output: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Heartbeats every this many seconds (0: none).
        #[arg(long, default_value_t = 0)]
        heartbeat_seconds: u32,
    },
}

fn parse_grace(text: &str) -> std::result::Result<(String, u32), String> {
    let (a, m) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("expected ACTIVITY=MINUTES, found {text:?}"))?;
    let m = m
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("expected whole minutes after '=', found {m:?}"))?;
    Ok((a.trim().to_owned(), m))
}

pub fn run(args: &AdherenceArgs, path: Option<&PathBuf>) -> Result<()> {
    let path = path.map(PathBuf::as_path);
    match &args.command {
        AdherenceCommand::Import {
            file,
            watermark_minutes,
            today,
        } => import(path, file, *watermark_minutes, *today),
        AdherenceCommand::List => {
            let ws = workspace::open_read(path)?;
            let mut t = table::new(&["id", "file", "loaded", "by", "events"]);
            for i in ws.visible_event_imports()? {
                t.add_row(vec![
                    Cell::new(i.id),
                    Cell::new(i.file),
                    Cell::new(wfm::tables::utc_text(i.loaded_at)),
                    Cell::new(i.actor),
                    Cell::new(i.events),
                ]);
            }
            println!("{}", table::show(&t));
            Ok(())
        }
        AdherenceCommand::Recalc { today } => {
            let mut ws = workspace::open(path)?;
            set_today(&mut ws, *today);
            let now = ws.now();
            let r = adh::recalculate(&mut ws, now)?;
            println!(
                "adherence recomputed for {} to {}: {} agent-day(s) from {} event(s), {} published schedule(s)",
                r.from,
                r.to,
                r.agent_days,
                r.events,
                r.schedules.len()
            );
            warn_conflicts(&r.conflicts);
            Ok(())
        }
        AdherenceCommand::Report {
            from,
            to,
            by,
            output,
        } => {
            let ws = workspace::open_read(path)?;
            let period = match by {
                By::Day => Period::Day,
                By::Week => Period::Week,
                By::Range => Period::Range,
            };
            let rows = adh::adherence_report(&ws, *from, to.unwrap_or(*from), period)?;
            show(
                &tables::adherence().table(&rows),
                output.as_deref(),
                "no adherence computed for these days",
            )
        }
        AdherenceCommand::Exceptions { from, to, output } => {
            let ws = workspace::open_read(path)?;
            let rows = adh::adherence_exceptions(&ws, *from, to.unwrap_or(*from))?;
            show(
                &tables::exceptions().table(&rows),
                output.as_deref(),
                "no exceptions",
            )
        }
        AdherenceCommand::Impact { day, output } => impact(path, *day, output.as_deref()),
        AdherenceCommand::Watch {
            day,
            follow,
            idle_exit_seconds,
            grace,
            alert_after_minutes,
            watermark_seconds,
        } => {
            let ws = workspace::open_read(path)?;
            let monitor = adh::monitor_for_day(&ws, *day, grace, *alert_after_minutes)?;
            let watch = Watch {
                monitor,
                sequencer: Sequencer::new(i64::from(*watermark_seconds) * 1000),
            };
            match follow {
                Some(f) => {
                    let file = File::open(f).map_err(|e| wfm::WfmError::Io {
                        path: f.clone(),
                        source: e,
                    })?;
                    let idle = idle_exit_seconds.map(Duration::from_secs);
                    watch.run(
                        BufReader::new(Follow::new(file, idle)),
                        &f.display().to_string(),
                    )
                }
                None => watch.run(io::stdin().lock(), "(stdin)"),
            }
        }
        AdherenceCommand::Sample {
            day,
            format,
            output,
            seed,
            heartbeat_seconds,
        } => sample(path, *day, *format, output, *seed, *heartbeat_seconds),
    }
}

/// Fixes the workspace's clock at noon UTC of `today`, when given.
fn set_today(ws: &mut wfm::Workspace, today: Option<NaiveDate>) {
    if let Some(d) = today {
        let noon = Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap_or_default());
        ws.set_clock(Arc::new(FixedClock::new(noon)));
    }
}

fn import(
    path: Option<&Path>,
    file: &Path,
    watermark_minutes: u32,
    today: Option<NaiveDate>,
) -> Result<()> {
    let mut ws = workspace::open(path)?;
    set_today(&mut ws, today);
    let options = ImportOptions {
        watermark_minutes,
        ..ImportOptions::default()
    };
    let name = file.display().to_string();
    let r = if file.as_os_str() == "-" {
        adh::import_events(&mut ws, io::stdin().lock(), "(stdin)", &options)?
    } else {
        let f = File::open(file).map_err(|e| wfm::WfmError::Io {
            path: file.to_owned(),
            source: e,
        })?;
        adh::import_events(
            &mut ws,
            BufReader::with_capacity(1 << 16, f),
            &name,
            &options,
        )?
    };
    let s = &r.sequence;
    println!(
        "imported {}: {} event(s) stored, {} duplicate(s) dropped, {} already stored, {} late (beyond the {watermark_minutes}-minute watermark, not stored)",
        name, r.info.events, s.duplicates, r.already_stored, s.late
    );
    for l in &s.late_events {
        eprintln!(
            "{name}:{}: late event of {:?} by {} s, not stored",
            l.line,
            l.agent,
            l.behind_ms / 1000
        );
    }
    if !r.unknown_agents.is_empty() {
        let list: Vec<String> = r
            .unknown_agents
            .iter()
            .map(|(a, n)| format!("{a} ({n})"))
            .collect();
        eprintln!(
            "warning: {} agent(s) in no published schedule (stored, not measured): {}",
            list.len(),
            list.join(", ")
        );
    }
    if let Some(c) = &r.recalculation {
        println!(
            "adherence recomputed for {} to {}: {} agent-day(s)",
            c.from, c.to, c.agent_days
        );
        warn_conflicts(&c.conflicts);
    }
    Ok(())
}

/// Agents booked by two published schedules at once, on stderr.
fn warn_conflicts(conflicts: &[adh::AdherenceConflict]) {
    for c in conflicts {
        eprintln!(
            "warning: {} is booked by two published schedules on {} from {} to {}: schedule {} counts there, schedule {} does not",
            c.agent,
            c.day,
            c.start.format("%Y-%m-%d %H:%M UTC"),
            c.end.format("%Y-%m-%d %H:%M UTC"),
            c.kept,
            c.overridden
        );
    }
}

/// A table as CSV into `output`, or on the terminal.
fn show(t: &Table, output: Option<&Path>, empty: &str) -> Result<()> {
    let csv = t.csv()?;
    if let Some(out) = output {
        let mut f = OutputFile::create(out)?;
        f.write_buffered(|w| w.write_all(&csv))?;
        f.commit()?;
        return Ok(());
    }
    if t.rows() == 0 {
        println!("{empty}");
        return Ok(());
    }
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = table::new(&names);
    for r in reader.records() {
        out.add_row(r?.iter().map(Cell::new).collect::<Vec<_>>());
    }
    println!("{}", table::show(&out));
    Ok(())
}

fn impact(path: Option<&Path>, day: NaiveDate, output: Option<&Path>) -> Result<()> {
    let ws = workspace::open_read(path)?;
    let rows = adh::day_impact(&ws, day)?;
    if output.is_some() {
        return show(&tables::impact().table(&rows), output, "");
    }
    let mut t = table::new(&[
        "team",
        "contacts",
        "SL scheduled %",
        "SL actual %",
        "SL points lost",
        "worst interval",
    ]);
    let mut teams: Vec<&str> = rows.iter().map(|r| r.team.as_str()).collect();
    teams.dedup();
    for team in teams {
        let of: Vec<_> = rows.iter().filter(|r| r.team == team).collect();
        let volume: f64 = of.iter().map(|r| r.volume).sum();
        let weighted = |f: &dyn Fn(&&wfm::scheduler::adherence::ImpactInterval) -> f64| {
            (volume > 0.0).then(|| of.iter().map(|r| r.volume * f(r)).sum::<f64>() / volume * 100.0)
        };
        let a = weighted(&|r| r.scheduled_service_level);
        let b = weighted(&|r| r.actual_service_level);
        let worst = of
            .iter()
            .max_by(|x, y| {
                x.service_level_points_lost
                    .total_cmp(&y.service_level_points_lost)
            })
            .filter(|r| r.service_level_points_lost > 0.0)
            .map_or_else(
                || "-".to_owned(),
                |r| {
                    format!(
                        "{} ({:.1})",
                        r.start.format("%H:%M"),
                        r.service_level_points_lost
                    )
                },
            );
        t.add_row(vec![
            Cell::new(team),
            Cell::new(format!("{volume:.0}")),
            Cell::new(table::number(a, 1)),
            Cell::new(table::number(b, 1)),
            Cell::new(table::number(a.zip(b).map(|(a, b)| a - b), 1)),
            Cell::new(worst),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

fn sample(
    path: Option<&Path>,
    day: NaiveDate,
    format: Format,
    output: &Path,
    seed: u64,
    heartbeat_seconds: u32,
) -> Result<()> {
    let ws = workspace::open_read(path)?;
    let options = SampleOptions {
        seed,
        heartbeat_seconds,
        ..SampleOptions::default()
    };
    let events = adh::sample_day_events(&ws, day, &options)?;
    let format = match format {
        Format::Reference => EventFormat::Reference,
        Format::Csv => EventFormat::Csv,
        Format::Jsonl => EventFormat::JsonLines,
    };
    let mut f = OutputFile::create(output)?;
    f.write_buffered(|w| write_events(&events, format, w))?;
    f.commit()?;
    if output.as_os_str() != "-" {
        eprintln!("wrote {} event(s) to {}", events.len(), output.display());
    }
    Ok(())
}

/// A file read as it grows: at its end, waits and reads again (until `idle` passes
/// without new data, when given).
struct Follow {
    file: File,
    idle: Option<Duration>,
    last: Instant,
}

impl Follow {
    fn new(file: File, idle: Option<Duration>) -> Self {
        Self {
            file,
            idle,
            last: Instant::now(),
        }
    }
}

impl Read for Follow {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.file.read(buf)?;
            if n > 0 {
                self.last = Instant::now();
                return Ok(n);
            }
            if self.idle.is_some_and(|d| self.last.elapsed() >= d) {
                return Ok(0);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct Watch {
    monitor: wfm::scheduler::adherence::Monitor,
    sequencer: Sequencer,
}

impl Watch {
    /// Applies every event; prints a status line per applied event and alerts; bad lines
    /// go to stderr and the stream goes on.
    fn run(mut self, input: impl BufRead, name: &str) -> Result<()> {
        let stdout = io::stdout();
        let mut out = io::LineWriter::new(stdout.lock());
        let mut failed = None;
        for item in EventReader::new(input, name) {
            let event = match item {
                Ok(e) => e,
                Err(issue) => {
                    eprintln!("{issue}");
                    continue;
                }
            };
            let now = event.at;
            let mut ready = Vec::new();
            self.sequencer.push(event, &mut |e| ready.push(e));
            for e in &ready {
                if let Some(status) = self.monitor.apply(e)
                    && let Err(e) = writeln!(out, "{}", serde_json::to_string(&status)?)
                {
                    failed = Some(e);
                }
            }
            for alert in self.monitor.alerts(now) {
                writeln!(out, "{}", serde_json::json!({ "alert": alert }))?;
            }
            if failed.is_some() {
                break; // the reader went away (a closed pipe)
            }
        }
        let mut rest = Vec::new();
        self.sequencer.finish(&mut |e| rest.push(e));
        for e in &rest {
            if let Some(status) = self.monitor.apply(e) {
                writeln!(out, "{}", serde_json::to_string(&status)?).ok();
            }
        }
        let report = self.sequencer.report();
        eprintln!(
            "{} event(s): {} applied, {} duplicate(s), {} late",
            report.received, report.released, report.duplicates, report.late
        );
        for (agent, n) in self.monitor.unknown_agents() {
            eprintln!(
                "warning: agent {agent:?} is in no published schedule of the day ({n} event(s))"
            );
        }
        Ok(())
    }
}
