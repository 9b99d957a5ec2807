//! `wfm history`: import files, list and remove sources, export the effective baseline,
//! and check data sufficiency.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand, ValueEnum};
use comfy_table::Cell;
use wfm::Workspace;
use wfm::core::history::{QueueId, RawFormat, SourceId};
use wfm::history::{HistoryFilter, ImportOptions};
use wfm::store::ImportOutcome;

use super::{table, workspace};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    command: HistoryCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RawArg {
    Csv,
    Jsonl,
}

#[derive(Debug, Subcommand)]
enum HistoryCommand {
    /// Load history files, each all or nothing (every error printed as FILE:LINE: COLUMN:
    /// reason). `.jsonl`/`.ndjson` files are raw contact records; use --raw for raw CSV.
    Import {
        /// History CSV files or raw contact records (formats in the guide:
        /// docs/formats/history-csv.md, docs/formats/raw-contacts.md).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read the files as raw contact records in this format.
        #[arg(long)]
        raw: Option<RawArg>,
    },
    /// The loaded sources: id, file, rows, first and last timestamp.
    List,
    /// Remove a source: what it covered falls back to the next most recent source.
    Remove {
        /// The source id (see `wfm history list`).
        source_id: u64,
    },
    /// Write the effective baseline in the history CSV format (or Parquet).
    Export {
        /// FILE.csv or FILE.parquet (`-`: CSV on standard output).
        #[arg(long, short)]
        output: PathBuf,
        /// Only the queues of this forecast group.
        #[arg(long)]
        group: Option<String>,
        /// Only this queue.
        #[arg(long)]
        queue: Option<QueueId>,
    },
    /// Data sufficiency over the queues of all forecast groups: at least 6 continuous months,
    /// 2,000 contacts in each of the last 6 months, data in the last 4 weeks (see the
    /// guide: docs/rules/data-sufficiency.md).
    Check {
        /// Only this forecast group.
        #[arg(long)]
        group: Option<String>,
        /// The date to check as of (YYYY-MM-DD, UTC midnight); default now.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
}

fn utc(t: Option<chrono::DateTime<Utc>>) -> String {
    t.map_or_else(|| "-".into(), wfm::tables::utc_text)
}

const WARNING: &str = "forecasts of the groups using this history change with the next computation";

pub fn run(args: &HistoryArgs, path: Option<&PathBuf>) -> Result<()> {
    let reads_only = matches!(
        args.command,
        HistoryCommand::List | HistoryCommand::Export { .. } | HistoryCommand::Check { .. }
    );
    let mut ws = workspace::open_for(path.map(PathBuf::as_path), reads_only)?;
    match &args.command {
        HistoryCommand::Import { files, raw } => {
            let options = ImportOptions {
                raw: raw.map(|r| match r {
                    RawArg::Csv => RawFormat::Csv,
                    RawArg::Jsonl => RawFormat::JsonLines,
                }),
                progress: true,
            };
            import(&mut ws, files, &options)?;
        }
        HistoryCommand::List => list(&ws)?,
        HistoryCommand::Remove { source_id } => {
            let s = ws.remove_source(SourceId(*source_id))?;
            println!("removed source {} ({}, {} rows)", s.id.0, s.file, s.rows);
            println!("warning: {WARNING}");
        }
        HistoryCommand::Export {
            output,
            group,
            queue,
        } => {
            let filter = HistoryFilter {
                group: group.clone(),
                queue: queue.clone(),
            };
            let rows = ws.export_history(output, &filter)?;
            super::outputs::wrote(output, &format!(" ({rows} rows)"));
        }
        HistoryCommand::Check { group, as_of } => {
            let as_of =
                as_of.map_or_else(Utc::now, |d| d.and_time(chrono::NaiveTime::MIN).and_utc());
            let check = ws.check_sufficiency(group.as_deref(), as_of)?;
            println!("groups checked: {}", check.groups.join(", "));
            println!("{}", check.short_term);
            println!("{}", check.long_term);
            if !check.passed() {
                return Err(anyhow::anyhow!("not enough data (see above)"));
            }
        }
    }
    Ok(())
}

/// `wfm history import`: each file all or nothing; every file's input errors reported
/// together.
fn import(ws: &mut Workspace, files: &[PathBuf], options: &ImportOptions) -> Result<()> {
    // every file named must open before any is loaded: a typo in the second
    // name leaves the workspace as it was
    for file in files {
        std::fs::File::open(file).map_err(|source| wfm::WfmError::Io {
            path: file.clone(),
            source,
        })?;
    }
    let mut failed: Vec<wfm::InputError> = Vec::new();
    let mut failed_not_shown = 0u64;
    let mut other: Option<anyhow::Error> = None;
    for file in files {
        match ws.import_history(file, options) {
            Ok(out) => print_import(&out),
            Err(wfm::WfmError::InvalidInput { errors, not_shown }) => {
                eprintln!("{}: failed, nothing of it was loaded", file.display());
                failed.extend(errors);
                failed_not_shown += not_shown;
            }
            Err(e) => {
                eprintln!("{}: failed: {e}", file.display());
                other.get_or_insert(e.into());
            }
        }
    }
    if let Some(e) = other {
        return Err(e);
    }
    if !failed.is_empty() {
        return Err(wfm::WfmError::InvalidInput {
            errors: failed,
            not_shown: failed_not_shown,
        }
        .into());
    }
    println!("warning: {WARNING}");
    Ok(())
}

fn print_import(out: &ImportOutcome) {
    for (id, name) in &out.new_queues {
        println!("registered new queue {id} ({name})");
    }
    for w in &out.implausible {
        println!("warning: {w}");
    }
    let more = out.implausible_rows - out.implausible.len() as u64;
    if more > 0 {
        println!("warning: … and {more} more implausible row(s)");
    }
    let s = &out.source;
    println!(
        "{}: loaded as source {} ({} rows, {} to {}, {} contacts)",
        s.file,
        s.id.0,
        s.rows,
        utc(s.first_start),
        utc(s.last_start),
        s.volume
    );
}

/// `wfm history list`.
fn list(ws: &Workspace) -> Result<()> {
    let sources = ws.visible_sources()?;
    if sources.is_empty() {
        println!("no history loaded: `wfm history import FILE...`");
        return Ok(());
    }
    let mut t = table::new(&[
        "source", "file", "kind", "rows", "first", "last", "contacts", "loaded",
    ]);
    for s in sources {
        t.add_row(vec![
            Cell::new(s.id.0),
            Cell::new(s.file),
            Cell::new(s.kind.as_str()),
            Cell::new(s.rows),
            Cell::new(utc(s.first_start)),
            Cell::new(utc(s.last_start)),
            Cell::new(s.volume),
            Cell::new(s.loaded_at.format("%Y-%m-%d %H:%M")),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}
