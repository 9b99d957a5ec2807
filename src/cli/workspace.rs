//! `wfm workspace`: create a workspace file, show what it holds, upgrade or check it;
//! and the helpers the other workspace commands use to open `--workspace PATH` /
//! `WFM_WORKSPACE` (for reading only, or for changing it).

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use wfm::Workspace;
use wfm::core::IntervalLength;

static ACTOR: std::sync::OnceLock<wfm::store::Actor> = std::sync::OnceLock::new();

/// The `--actor` of the command line, for every workspace it opens.
pub fn set_actor(name: Option<&str>) {
    if let Some(name) = name {
        let _ = ACTOR.set(wfm::store::Actor::new(name));
    }
}

fn with_actor(mut ws: Workspace) -> Workspace {
    if let Some(actor) = ACTOR.get() {
        ws.set_actor(actor.clone());
    }
    ws
}

/// The workspace file, from `--workspace` or `WFM_WORKSPACE`.
pub fn path(workspace: Option<&Path>) -> Result<&Path> {
    workspace.ok_or_else(|| {
        anyhow!(wfm::WfmError::Precondition {
            what: "no workspace given: pass --workspace PATH or set WFM_WORKSPACE".into()
        })
    })
}

/// The workspace location as it may be shown (a PostgreSQL password redacted).
fn shown(path: &Path) -> String {
    wfm::store::postgres::redact(&path.display().to_string())
}

/// Opens the workspace the command line names for a command that changes it: an older
/// schema is upgraded first, after saying so on stderr.
pub fn open(workspace: Option<&Path>) -> Result<Workspace> {
    let path = path(workspace)?;
    let (found, known) = Workspace::schema_versions(path)?;
    if found < known {
        eprintln!(
            "upgrading workspace {} from schema version {found} to {known} (older wfm versions \
             cannot open it afterwards)",
            shown(path)
        );
        Workspace::upgrade(path)?;
    }
    Ok(with_actor(Workspace::open(path)?))
}

/// Opens the workspace the command line names for a command that only reads: the file
/// does not change (an older schema is refused, naming `wfm workspace upgrade`).
pub fn open_read(workspace: Option<&Path>) -> Result<Workspace> {
    Ok(with_actor(Workspace::open_read_only(path(workspace)?)?))
}

/// Opens for reading only when `reads_only`, else for changing.
pub fn open_for(workspace: Option<&Path>, reads_only: bool) -> Result<Workspace> {
    if reads_only {
        open_read(workspace)
    } else {
        open(workspace)
    }
}

#[derive(Debug, Args)]
pub struct WorkspaceArgs {
    #[command(subcommand)]
    command: WorkspaceCommand,
}

#[derive(Debug, Subcommand)]
enum WorkspaceCommand {
    /// Create a new workspace file; its interval can never change.
    Create {
        /// The interval in minutes: 15 or 30.
        #[arg(long, value_parser = ["15", "30"])]
        interval: String,
        /// IANA time zone for schedules (history and forecasts stay UTC).
        #[arg(long, value_name = "ZONE", default_value = "UTC")]
        time_zone: String,
    },
    /// Show the workspace's settings and what it holds.
    Info,
    /// Upgrade an older workspace to this wfm's schema (older wfm versions cannot open
    /// it afterwards). Commands that change a workspace upgrade it too; commands that
    /// only read never do.
    Upgrade,
    /// Check the workspace file: SQLite's integrity and foreign-key checks and every
    /// stored value (history records, counts, documents); each problem names its table
    /// and what to do.
    Check,
}

pub fn run(args: &WorkspaceArgs, workspace: Option<&PathBuf>) -> Result<()> {
    let workspace = workspace.map(PathBuf::as_path);
    match &args.command {
        WorkspaceCommand::Create {
            interval,
            time_zone,
        } => {
            let minutes: u32 = interval.parse()?;
            let interval = IntervalLength::from_minutes(minutes)?;
            let tz: chrono_tz::Tz =
                time_zone
                    .parse()
                    .map_err(|_| wfm::WfmError::InvalidArgument {
                        argument: "time zone",
                        value: time_zone.clone(),
                        expected: "unknown time zone: use an IANA name such as Europe/Berlin"
                            .into(),
                    })?;
            let path = path(workspace)?;
            Workspace::create(path, interval, Some(tz))?;
            println!(
                "created workspace {} (interval {} minutes, time zone {})",
                shown(path),
                interval.minutes(),
                tz.name()
            );
        }
        WorkspaceCommand::Upgrade => {
            let path = path(workspace)?;
            match Workspace::upgrade(path)? {
                Some((from, to)) => println!(
                    "upgraded workspace {} from schema version {from} to {to}",
                    shown(path)
                ),
                None => println!(
                    "workspace {} is at this wfm's schema version already",
                    shown(path)
                ),
            }
        }
        WorkspaceCommand::Check => {
            let mut ws = open_read(workspace)?;
            let mut problems = ws.check()?;
            if problems.is_empty() {
                problems.extend(ws.forecasts().check()?);
            }
            if problems.is_empty() {
                println!("workspace {}: no problems found", ws.path().display());
            } else {
                for p in &problems {
                    eprintln!("{p}");
                }
                anyhow::bail!(
                    "{} problem(s) in workspace {}: restore a backup of it, or remove and \
                     re-import the history source named (`wfm history remove ID`, `wfm history \
                     import FILE`)",
                    problems.len(),
                    ws.path().display()
                );
            }
        }
        WorkspaceCommand::Info => {
            let ws = open_read(workspace)?;
            let s = ws.settings()?;
            println!("workspace {}", ws.path().display());
            println!("interval    {} minutes", s.interval.minutes());
            println!("time zone   {}", s.time_zone.name());
            println!("created     {}", wfm::tables::utc_text(s.created_at));
            println!("queues      {}", ws.visible_queues()?.len());
            println!("groups      {}", ws.visible_groups()?.len());
            let sources = ws.visible_sources()?;
            let rows = sources
                .iter()
                .try_fold(0u64, |sum, s| sum.checked_add(s.rows))
                .ok_or_else(|| wfm::WfmError::Damaged {
                    table: "history_source",
                    detail: "the sources' row counts add up to more than 2^64".into(),
                })?;
            println!("history     {} source(s), {rows} rows", sources.len());
        }
    }
    Ok(())
}
