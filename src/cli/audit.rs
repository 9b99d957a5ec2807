//! `wfm audit`: the workspace's audit log (every change: who, when, what, on what),
//! filtered, as a table, CSV or JSON. Needs `access.admin` once the workspace has users.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, ValueEnum};
use comfy_table::Cell;
use wfm::access::{AuditQuery, audit_csv, audit_json};

use super::{table, workspace};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only this actor's changes.
    #[arg(long = "by", value_name = "ACTOR")]
    by: Option<String>,
    /// Only this operation, or operations starting with it when it ends in `.`
    /// (`time_off.`).
    #[arg(long)]
    operation: Option<String>,
    /// Only targets containing this text (any case).
    #[arg(long)]
    target: Option<String>,
    /// From this instant (RFC 3339) or day (UTC).
    #[arg(long, value_parser = parse_time)]
    since: Option<DateTime<Utc>>,
    /// Before this instant (RFC 3339) or day (UTC).
    #[arg(long, value_parser = parse_time)]
    until: Option<DateTime<Utc>>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
        .map_err(|_| format!("{s:?}: expected an RFC 3339 instant or a day YYYY-MM-DD"))
}

pub fn run(args: &AuditArgs, path: Option<&PathBuf>) -> Result<()> {
    let mut ws = workspace::open_read(path.map(PathBuf::as_path))?;
    let query = AuditQuery {
        actor: args.by.clone(),
        operation: args.operation.clone(),
        target: args.target.clone(),
        since: args.since,
        until: args.until,
    };
    let entries = ws.access().audit(&query)?;
    match args.format {
        Format::Csv => print!("{}", audit_csv(&entries)?),
        Format::Json => println!("{}", audit_json(&entries)?),
        Format::Table => {
            let mut t = table::new(&["seq", "at", "actor", "operation", "target", "detail"]);
            for e in &entries {
                let n = &e.entry;
                t.add_row(vec![
                    Cell::new(e.seq),
                    Cell::new(wfm::tables::utc_text(n.at)),
                    Cell::new(&n.actor),
                    Cell::new(&n.operation),
                    Cell::new(&n.target),
                    Cell::new(n.detail.as_deref().unwrap_or("")),
                ]);
            }
            println!("{}", table::show(&t));
        }
    }
    Ok(())
}
