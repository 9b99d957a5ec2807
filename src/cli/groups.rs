//! `wfm groups`: create, list, edit and delete forecast groups (a queue belongs to at
//! most one group).

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use comfy_table::Cell;
use wfm::core::history::QueueId;
use wfm::store::GroupEdit;

use super::{table, workspace};

#[derive(Debug, Args)]
pub struct GroupsArgs {
    #[command(subcommand)]
    command: GroupsCommand,
}

#[derive(Debug, Subcommand)]
enum GroupsCommand {
    /// Create a forecast group of queues not in any other group.
    Create {
        /// The group's name.
        name: String,
        /// Queue ids, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        queues: Vec<QueueId>,
    },
    /// Every group with its queues.
    List,
    /// Add or remove queues, or rename (changes the history baseline of its forecasts).
    Edit {
        /// The group's name.
        name: String,
        /// Queue ids to add, comma-separated.
        #[arg(long, value_delimiter = ',')]
        add: Vec<QueueId>,
        /// Queue ids to remove, comma-separated.
        #[arg(long, value_delimiter = ',')]
        remove: Vec<QueueId>,
        /// A new name.
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
    },
    /// Delete a group (its queues become unassigned).
    Delete {
        /// The group's name.
        name: String,
    },
}

fn said_registered(registered: &[QueueId]) {
    for q in registered {
        println!("registered new queue {q}");
    }
}

pub fn run(args: &GroupsArgs, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = matches!(args.command, GroupsCommand::List);
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    match &args.command {
        GroupsCommand::Create { name, queues } => {
            let registered = ws.create_group(name, queues)?;
            said_registered(&registered);
            println!(
                "created forecast group {name:?} with {} queue(s)",
                queues.len()
            );
        }
        GroupsCommand::List => {
            let groups = ws.visible_groups()?;
            if groups.is_empty() {
                println!("no forecast groups yet: `wfm groups create NAME --queues ID,...`");
                return Ok(());
            }
            let mut t = table::new(&["group", "queues"]);
            for g in groups {
                let ids: Vec<&str> = g.queues.iter().map(QueueId::as_str).collect();
                t.add_row(vec![Cell::new(g.name), Cell::new(ids.join(","))]);
            }
            println!("{}", table::show(&t));
        }
        GroupsCommand::Edit {
            name,
            add,
            remove,
            rename,
        } => {
            let edit = GroupEdit {
                add: add.clone(),
                remove: remove.clone(),
                rename: rename.clone(),
            };
            let registered = ws.edit_group(name, &edit)?;
            said_registered(&registered);
            println!(
                "edited forecast group {:?}: the history baseline of its forecasts changes",
                rename.as_deref().unwrap_or(name)
            );
        }
        GroupsCommand::Delete { name } => {
            ws.delete_group(name)?;
            println!("deleted forecast group {name:?}");
        }
    }
    Ok(())
}
