//! `wfm queues`: list the workspace's queues, deactivate or reactivate one, set its own
//! time zone.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use comfy_table::Cell;
use wfm::core::history::QueueId;

use super::{table, workspace};

#[derive(Debug, Args)]
pub struct QueuesArgs {
    #[command(subcommand)]
    command: QueuesCommand,
}

#[derive(Debug, Subcommand)]
enum QueuesCommand {
    /// Id, name, channels seen in history, forecast group, active.
    List,
    /// Deactivate a queue (it may stay in its group: no contacts, no effect).
    Deactivate {
        /// The queue's id.
        id: QueueId,
    },
    /// Activate a deactivated queue again.
    Activate {
        /// The queue's id.
        id: QueueId,
    },
    /// Set the IANA time zone a queue's intraday pattern is forecast in (default: the
    /// workspace's); the next `wfm forecast compute` uses it.
    TimeZone {
        /// The queue's id.
        id: QueueId,
        /// An IANA zone (`America/New_York`), or `default` for the workspace's.
        zone: String,
    },
}

pub fn run(args: &QueuesArgs, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = matches!(args.command, QueuesCommand::List);
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    match &args.command {
        QueuesCommand::List => {
            let queues = ws.visible_queues()?;
            if queues.is_empty() {
                println!(
                    "no queues yet: import history (`wfm history import FILE`) or create a group"
                );
                return Ok(());
            }
            let mut t = table::new(&["id", "name", "channels", "group", "active", "time zone"]);
            for q in queues {
                t.add_row(vec![
                    Cell::new(q.id),
                    Cell::new(q.name),
                    Cell::new(q.channels.join(",")),
                    Cell::new(q.group.unwrap_or_else(|| "-".into())),
                    Cell::new(if q.active { "yes" } else { "no" }),
                    Cell::new(q.time_zone.map_or("(workspace)", |z| z.name())),
                ]);
            }
            println!("{}", table::show(&t));
        }
        QueuesCommand::Deactivate { id } => {
            ws.set_queue_active(id, false)?;
            println!("queue {id} deactivated");
        }
        QueuesCommand::Activate { id } => {
            ws.set_queue_active(id, true)?;
            println!("queue {id} activated");
        }
        QueuesCommand::TimeZone { id, zone } => {
            let tz = if zone == "default" {
                None
            } else {
                Some(
                    zone.parse::<chrono_tz::Tz>()
                        .map_err(|_| wfm::WfmError::InvalidArgument {
                            argument: "time zone",
                            value: zone.clone(),
                            expected: "not an IANA time zone (e.g. Europe/Berlin), nor `default`"
                                .into(),
                        })?,
                )
            };
            ws.set_queue_time_zone(id, tz)?;
            match tz {
                Some(tz) => println!("queue {id}: time zone {}", tz.name()),
                None => println!("queue {id}: the workspace's time zone"),
            }
        }
    }
    Ok(())
}
