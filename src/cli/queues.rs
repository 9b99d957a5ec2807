//! `wfm queues`: list the workspace's queues, deactivate or reactivate one.

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
}

pub fn run(args: &QueuesArgs, path: Option<&PathBuf>) -> Result<()> {
    let mut ws = workspace::open(path.map(PathBuf::as_path))?;
    match &args.command {
        QueuesCommand::List => {
            let queues = ws.queues()?;
            if queues.is_empty() {
                println!(
                    "no queues yet: import history (`wfm history import FILE`) or create a group"
                );
                return Ok(());
            }
            let mut t = table::new(&["id", "name", "channels", "group", "active"]);
            for q in queues {
                t.add_row(vec![
                    Cell::new(q.id),
                    Cell::new(q.name),
                    Cell::new(q.channels.join(",")),
                    Cell::new(q.group.unwrap_or_else(|| "-".into())),
                    Cell::new(if q.active { "yes" } else { "no" }),
                ]);
            }
            println!("{t}");
        }
        QueuesCommand::Deactivate { id } => {
            ws.set_queue_active(id, false)?;
            println!("queue {id} deactivated");
        }
        QueuesCommand::Activate { id } => {
            ws.set_queue_active(id, true)?;
            println!("queue {id} activated");
        }
    }
    Ok(())
}
