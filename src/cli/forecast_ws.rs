//! `wfm forecast compute|publish|list|show|compare|override|export|backtest|delete|refresh`:
//! the forecast lifecycle of a workspace, over the handles `Workspace::forecasts` and
//! `Workspace::overrides` (one function per subcommand).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use comfy_table::Cell;
use wfm::Workspace;
use wfm::core::Channel;
use wfm::core::history::format_utc;
use wfm::forecasting::{ComputeOptions, ForecastKind, ShowFilter, apply_overrides, show_rows};
use wfm::workspace::{Overrides, Version};

use super::forecast::parse_start;
use super::table::number;
use super::{table, workspace};

#[derive(Debug, Subcommand)]
pub enum ForecastCommand {
    /// Compute the group's forecast from the workspace history; it replaces the last
    /// computed (unpublished) version.
    Compute {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// short, long or both.
        #[arg(long, value_name = "short|long|both")]
        kind: String,
        /// The first step, YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD; default: after the history.
        #[arg(long)]
        start: Option<String>,
        /// Weeks (default 18 short, 78 long).
        #[arg(long)]
        weeks: Option<u32>,
        /// Holidays CSV: date,name,scope.
        #[arg(long, value_name = "FILE")]
        holidays: Option<PathBuf>,
    },
    /// Publish the last computed forecast (plans use the published long-term one,
    /// schedules the short-term one).
    Publish {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// short or long.
        #[arg(long, value_name = "short|long")]
        kind: String,
    },
    /// Every forecast version per group and kind.
    List,
    /// The forecast as a table: intervals when the range is shorter than a week, else
    /// daily totals.
    Show {
        #[command(flatten)]
        pick: Pick,
        /// The first day, YYYY-MM-DD (UTC).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// The last day, YYYY-MM-DD (UTC, inclusive).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Only this queue id.
        #[arg(long)]
        queue: Option<String>,
        /// Only this channel (VOICE, CHAT).
        #[arg(long)]
        channel: Option<Channel>,
    },
    /// Last computed vs last published, and actuals vs forecast where history overlaps.
    Compare {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// short or long.
        #[arg(long, value_name = "short|long")]
        kind: String,
        /// Only this queue id.
        #[arg(long)]
        queue: Option<String>,
        /// Only this channel.
        #[arg(long)]
        channel: Option<Channel>,
    },
    /// Upload the group's override CSV (replaces the previous one wholly), remove it, or
    /// write the template.
    Override {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// The override CSV (the forecast download's columns; short and long rows).
        #[arg(required_unless_present_any = ["remove", "template"], conflicts_with_all = ["remove", "template"])]
        file: Option<PathBuf>,
        /// Remove the group's override file.
        #[arg(long, conflicts_with = "template")]
        remove: bool,
        /// Write the template: headers only if none is uploaded, else the last file (`-`
        /// for standard output).
        #[arg(long, value_name = "OUT.csv")]
        template: Option<PathBuf>,
    },
    /// Download the forecast CSV (round-trips as an override file).
    Export {
        #[command(flatten)]
        pick: Pick,
        /// The CSV to write (`-` for standard output).
        #[arg(long, short, value_name = "F.csv")]
        output: PathBuf,
    },
    /// Rolling-origin backtest per series: WAPE, MASE, bias, P10–P90 coverage.
    Backtest {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// short or long.
        #[arg(long, value_name = "short|long")]
        kind: String,
    },
    /// Delete the last computed draft (or with --published the last published forecast);
    /// refused while a published plan or schedule uses it.
    Delete {
        /// The forecast group.
        #[arg(long)]
        group: String,
        /// short or long.
        #[arg(long, value_name = "short|long")]
        kind: String,
        /// Delete the published one.
        #[arg(long)]
        published: bool,
    },
    /// Recompute what is due: short-term daily, long-term weekly on the weekday it was
    /// created, and any forecast whose history or group queues changed. Idempotent; a
    /// cron line keeps a workspace current:
    /// `15 2 * * * wfm --workspace /data/cc.wfm forecast refresh`.
    Refresh {
        /// Pretend it is this time (YYYY-MM-DDTHH:MM:SSZ), for tests and catch-up runs.
        #[arg(long, hide = true)]
        now: Option<String>,
    },
}

/// Which forecast: group, kind, version, overrides.
#[derive(Debug, clap::Args)]
pub struct Pick {
    /// The forecast group.
    #[arg(long)]
    group: String,
    /// short or long.
    #[arg(long, value_name = "short|long")]
    kind: String,
    /// The last published version (default: the last computed).
    #[arg(long)]
    published: bool,
    /// Without the group's overrides.
    #[arg(long)]
    no_overrides: bool,
}

impl Pick {
    fn version(&self) -> Version {
        if self.published {
            Version::Published
        } else {
            Version::Computed
        }
    }

    fn overrides(&self) -> Overrides {
        if self.no_overrides {
            Overrides::Ignored
        } else {
            Overrides::Applied
        }
    }
}

fn date(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "-".into(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

fn kinds(text: &str) -> Result<Vec<ForecastKind>> {
    Ok(match text {
        "both" => vec![ForecastKind::Short, ForecastKind::Long],
        k => vec![k.parse()?],
    })
}

impl ForecastCommand {
    /// Whether the command only reads the workspace (it is then opened read-only).
    fn reads_only(&self) -> bool {
        matches!(
            self,
            Self::List
                | Self::Show { .. }
                | Self::Compare { .. }
                | Self::Export { .. }
                | Self::Backtest { .. }
                | Self::Override {
                    template: Some(_),
                    ..
                }
        )
    }
}

pub fn run(command: &ForecastCommand, path: Option<&PathBuf>) -> Result<()> {
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), command.reads_only())?;
    match command {
        ForecastCommand::Compute {
            group,
            kind,
            start,
            weeks,
            holidays,
        } => {
            let options = ComputeOptions {
                start: start.as_deref().map(parse_start).transpose()?,
                weeks: *weeks,
                holidays: holidays.clone(),
            };
            compute(&mut ws, group, &kinds(kind)?, &options)
        }
        ForecastCommand::Publish { group, kind } => publish(&mut ws, group, kind.parse()?),
        ForecastCommand::List => list(&mut ws),
        ForecastCommand::Show {
            pick,
            from,
            to,
            queue,
            channel,
        } => {
            let filter = ShowFilter {
                from: *from,
                to: *to,
                queue: queue.clone(),
                channel: *channel,
            };
            show(&mut ws, pick, &filter)
        }
        ForecastCommand::Compare {
            group,
            kind,
            queue,
            channel,
        } => {
            let filter = ShowFilter {
                queue: queue.clone(),
                channel: *channel,
                ..ShowFilter::default()
            };
            compare(&mut ws, group, kind.parse()?, &filter)
        }
        ForecastCommand::Override {
            group,
            file,
            remove,
            template,
        } => override_file(
            &mut ws,
            group,
            file.as_deref(),
            *remove,
            template.as_deref(),
        ),
        ForecastCommand::Export { pick, output } => {
            let rows = ws.forecasts().export(
                &pick.group,
                pick.kind.parse()?,
                pick.version(),
                pick.overrides(),
                output,
            )?;
            super::outputs::wrote(output, &format!(" ({rows} rows)"));
            Ok(())
        }
        ForecastCommand::Backtest { group, kind } => backtest(&mut ws, group, kind.parse()?),
        ForecastCommand::Delete {
            group,
            kind,
            published,
        } => {
            let version = if *published {
                Version::Published
            } else {
                Version::Computed
            };
            let d = ws.forecasts().delete(group, kind.parse()?, version)?;
            println!("deleted forecast {} ({kind}-term of {group})", d.id);
            Ok(())
        }
        ForecastCommand::Refresh { now } => {
            let now = match now {
                Some(t) => parse_start(t)?,
                None => Utc::now(),
            };
            refresh(&mut ws, now)
        }
    }
}

/// `wfm forecast compute`: each kind asked for; with both, one failing does not stop the
/// other.
fn compute(
    ws: &mut Workspace,
    group: &str,
    kinds: &[ForecastKind],
    options: &ComputeOptions,
) -> Result<()> {
    // every kind's arguments first: a bad one leaves every forecast as it was
    for kind in kinds {
        ws.forecasts().check_compute(group, *kind, options)?;
    }
    let mut failed = None;
    for &kind in kinds {
        let c = match ws.forecasts().compute(group, kind, options, Utc::now()) {
            Ok(c) => c,
            Err(e) if kinds.len() > 1 => {
                eprintln!("error: {kind}-term forecast of {group}: {e}");
                failed = Some(e);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        println!(
            "{kind}-term forecast of {group} computed (document {}, {}): {}",
            c.info.id,
            if c.replaced {
                "replaced the last computed draft"
            } else {
                "new draft"
            },
            c.info.summary
        );
        if let Some(gone) = &c.draft_gone {
            eprintln!("note: {kind}-term forecast of {group}: {gone}");
        }
        for w in &c.forecast.warnings {
            eprintln!("warning: {w}");
        }
    }
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// `wfm forecast publish`.
fn publish(ws: &mut Workspace, group: &str, kind: ForecastKind) -> Result<()> {
    let p = ws.forecasts().publish(group, kind)?;
    println!(
        "{kind}-term forecast of {group} published (document {})",
        p.info.id
    );
    for id in &p.deleted {
        println!("the previous published forecast {id} was deleted");
    }
    for (id, why) in &p.kept {
        println!("kept forecast {id}, no longer the last published: {why}");
    }
    Ok(())
}

/// `wfm forecast compare`.
fn compare(ws: &mut Workspace, group: &str, kind: ForecastKind, filter: &ShowFilter) -> Result<()> {
    let rows = ws.forecasts().compare(group, kind, filter)?;
    let mut t = table::new(&[
        "queue",
        "name",
        "channel",
        "computed",
        "published",
        "Δ %",
        "steps",
        "actual",
        "WAPE %",
        "bias %",
        "published WAPE %",
        "bias %",
    ]);
    for r in rows {
        let delta = match (r.computed, r.published) {
            (Some(c), Some(p)) if p > 0.0 => Some((c - p) / p * 100.0),
            _ => None,
        };
        let pct = |x: Option<f64>| number(x.map(|x| x * 100.0), 1);
        t.add_row(vec![
            Cell::new(&r.queue_id),
            Cell::new(&r.queue_name),
            Cell::new(r.channel.as_str()),
            Cell::new(number(r.computed, 0)),
            Cell::new(number(r.published, 0)),
            Cell::new(number(delta, 1)),
            Cell::new(r.vs_computed.steps),
            Cell::new(format!("{:.0}", r.vs_computed.actual)),
            Cell::new(pct(r.vs_computed.wape)),
            Cell::new(pct(r.vs_computed.bias)),
            Cell::new(pct(r.vs_published.wape)),
            Cell::new(pct(r.vs_published.bias)),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm forecast override`: write the template, remove the file, or upload one.
fn override_file(
    ws: &mut Workspace,
    group: &str,
    file: Option<&Path>,
    remove: bool,
    template: Option<&Path>,
) -> Result<()> {
    if let Some(out) = template {
        ws.overrides().export(group, out)?;
        super::outputs::wrote(out, "");
    } else if remove {
        ws.overrides().delete(group)?;
        println!("override file of {group} removed");
    } else if let Some(file) = file {
        let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
        let (info, o) = ws
            .overrides()
            .import(group, &file.display().to_string(), &text)?;
        println!(
            "override file of {group} stored (document {}): {} rows; it replaces any previous one",
            info.id,
            o.rows.len()
        );
        for kind in [ForecastKind::Short, ForecastKind::Long] {
            let last = ws
                .forecasts()
                .find(group, kind, Version::Computed, Overrides::Ignored)?;
            if let Some((_, mut f)) = last {
                let n = apply_overrides(&mut f, &o.rows);
                println!("{n} of them change the last computed {kind}-term forecast");
            }
        }
    }
    Ok(())
}

/// `wfm forecast backtest`.
fn backtest(ws: &mut Workspace, group: &str, kind: ForecastKind) -> Result<()> {
    let rows = ws.forecasts().backtest(group, kind)?;
    let mut t = table::new(&[
        "queue",
        "name",
        "channel",
        "origins",
        "steps",
        "WAPE %",
        "MASE",
        "bias %",
        "P10–P90 %",
    ]);
    for b in rows {
        t.add_row(vec![
            Cell::new(&b.queue_id),
            Cell::new(&b.queue_name),
            Cell::new(b.channel.as_str()),
            Cell::new(b.origins),
            Cell::new(b.steps),
            Cell::new(number(b.wape.map(|x| x * 100.0), 1)),
            Cell::new(number(b.mase, 2)),
            Cell::new(number(b.bias.map(|x| x * 100.0), 1)),
            Cell::new(number(b.coverage.map(|x| x * 100.0), 0)),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm forecast refresh`.
fn refresh(ws: &mut Workspace, now: DateTime<Utc>) -> Result<()> {
    let actions = ws.forecasts().refresh(now)?;
    if actions.is_empty() {
        println!("no forecasts to refresh");
    }
    let mut failed = 0;
    for a in actions {
        match (&a.reason, &a.error) {
            (_, Some(e)) => {
                failed += 1;
                println!("{} {}-term: failed: {e}", a.group, a.kind);
            }
            (Some(why), None) => {
                println!("{} {}-term: recomputed ({why})", a.group, a.kind)
            }
            (None, None) => println!("{} {}-term: up to date", a.group, a.kind),
        }
    }
    if failed > 0 {
        anyhow::bail!("{failed} forecast(s) could not be refreshed");
    }
    Ok(())
}

/// `wfm forecast list`.
fn list(ws: &mut Workspace) -> Result<()> {
    let mut t = table::new(&[
        "id",
        "group",
        "kind",
        "status",
        "created",
        "published",
        "from",
        "to",
        "series",
        "models",
        "volume",
    ]);
    for v in ws.forecasts().list()? {
        t.add_row(vec![
            Cell::new(v.id),
            Cell::new(&v.group),
            Cell::new(v.kind),
            Cell::new(v.status.as_str()),
            Cell::new(date(Some(v.created_at))),
            Cell::new(date(v.published_at)),
            Cell::new(format_utc(v.start)),
            Cell::new(format_utc(v.end)),
            Cell::new(v.series),
            Cell::new(v.models.join(" ")),
            Cell::new(format!("{:.0}", v.volume)),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm forecast show`.
fn show(ws: &mut Workspace, pick: &Pick, filter: &ShowFilter) -> Result<()> {
    let kind: ForecastKind = pick.kind.parse()?;
    let version = pick.version();
    let (info, f) = ws
        .forecasts()
        .get(&pick.group, kind, version, pick.overrides())?;
    let overrides = ws.forecasts().has_overrides(&pick.group)?;
    let (intervals, rows) = show_rows(&f, filter);
    println!(
        "{kind}-term forecast {} of {} (last {}, {}){}",
        info.id,
        pick.group,
        version.as_str(),
        info.status.as_str(),
        match (overrides, pick.no_overrides) {
            (false, _) => "",
            (true, false) => ", with overrides",
            (true, true) => ", without overrides",
        }
    );
    let mut t = table::new(&[
        if intervals { "interval" } else { "day" },
        "volume",
        "P10",
        "P90",
        "AHT s",
    ]);
    for r in &rows {
        let when = if intervals {
            format_utc(r.start)
        } else {
            format_utc(r.start)[..10].to_owned()
        };
        t.add_row(vec![
            Cell::new(when),
            Cell::new(format!("{:.1}", r.volume)),
            Cell::new(format!("{:.1}", r.p10)),
            Cell::new(format!("{:.1}", r.p90)),
            Cell::new(format!("{:.1}", r.aht_seconds)),
        ]);
    }
    println!("{}", table::show(&t));
    let total: f64 = rows.iter().map(|r| r.volume).sum();
    println!(
        "total volume {total:.1} over {} {}",
        rows.len(),
        if intervals { "intervals" } else { "days" }
    );
    Ok(())
}
