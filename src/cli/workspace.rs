//! `wfm workspace`: create a workspace file or show what it holds; and the helper the
//! other workspace commands use to open `--workspace PATH` / `WFM_WORKSPACE`.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use wfm::Workspace;
use wfm::core::IntervalLength;

/// The workspace file, from `--workspace` or `WFM_WORKSPACE`.
pub fn path(workspace: Option<&Path>) -> Result<&Path> {
    workspace.ok_or_else(|| {
        anyhow!(wfm::WfmError::Rejected(
            "no workspace given: pass --workspace PATH or set WFM_WORKSPACE".into()
        ))
    })
}

/// Opens the workspace the command line names.
pub fn open(workspace: Option<&Path>) -> Result<Workspace> {
    Ok(Workspace::open(path(workspace)?)?)
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
            let tz: chrono_tz::Tz = time_zone.parse().map_err(|_| {
                wfm::WfmError::Rejected(format!(
                    "unknown time zone {time_zone:?}: use an IANA name such as Europe/Berlin"
                ))
            })?;
            let path = path(workspace)?;
            Workspace::create(path, interval, Some(tz))?;
            println!(
                "created workspace {} (interval {} minutes, time zone {})",
                path.display(),
                interval.minutes(),
                tz.name()
            );
        }
        WorkspaceCommand::Info => {
            let ws = open(workspace)?;
            let s = ws.settings()?;
            println!("workspace {}", ws.path().display());
            println!("interval    {} minutes", s.interval.minutes());
            println!("time zone   {}", s.time_zone.name());
            println!("created     {}", s.created_at.format("%Y-%m-%dT%H:%M:%SZ"));
            println!("queues      {}", ws.queues()?.len());
            println!("groups      {}", ws.groups()?.len());
            let sources = ws.sources()?;
            println!(
                "history     {} source(s), {} rows",
                sources.len(),
                sources.iter().map(|s| s.rows).sum::<u64>()
            );
        }
    }
    Ok(())
}
