//! `wfm timeoff`: group allowances, agent balances (the ledger), and time-off requests
//! (request, approve, deny, edit, cancel, list).

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{ArgGroup, Args, Subcommand};
use wfm::WfmError;
use wfm::scheduler::timeoff::{self as rules, RequestStatus, TimeOffRequest, hours};
use wfm::timeoff::{NewRequest, RequestEdit, RequestFilter, RequestOutcome};

use super::workspace;

#[derive(Debug, Args)]
pub struct TimeOffArgs {
    #[command(subcommand)]
    command: TimeOffCommand,
}

#[derive(Debug, Subcommand)]
enum TimeOffCommand {
    /// Group allowances: import the CSV, or export it with the last uploaded and the
    /// remaining hours.
    Allowances {
        #[command(subcommand)]
        command: AllowanceCommand,
    },
    /// Agent balances: import the CSV, adjust one, show the snapshot or the ledger.
    Balances {
        #[command(subcommand)]
        command: BalanceCommand,
    },
    /// Request time off for an agent (whole days with --date/--to, or --start/--end).
    Request(RequestArgs),
    /// Approve a pending or waitlisted request.
    Approve {
        /// The request's number.
        id: i64,
        /// Approve though time-off rules fail.
        #[arg(long = "override")]
        override_rules: bool,
        /// A note for the agent.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Deny a pending or waitlisted request.
    Deny {
        /// The request's number.
        id: i64,
        /// The reason, for the agent.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Cancel a request (what it deducted is given back; waitlisted requests that now
    /// fit are approved).
    Cancel {
        /// The request's number.
        id: i64,
        /// The reason.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Change a request's activity, times or reason (it is evaluated again).
    Edit {
        /// The request's number.
        id: i64,
        /// A new time-off activity.
        #[arg(long)]
        activity: Option<String>,
        /// A new start, UTC (`2026-12-15T09:00`).
        #[arg(long, value_parser = instant)]
        start: Option<DateTime<Utc>>,
        /// A new end, UTC.
        #[arg(long, value_parser = instant)]
        end: Option<DateTime<Utc>>,
        /// A new reason.
        #[arg(long)]
        reason: Option<String>,
        /// Approve though time-off rules fail.
        #[arg(long = "override")]
        override_rules: bool,
    },
    /// Search requests (CSV on standard output, every failed rule with its numbers).
    List {
        /// A fragment of the agent's name or login.
        #[arg(long)]
        agent: Option<String>,
        /// pending, approved, denied, cancelled or waitlisted.
        #[arg(long, value_parser = status)]
        status: Option<RequestStatus>,
        /// Requests ending after this instant, UTC.
        #[arg(long, value_parser = instant)]
        from: Option<DateTime<Utc>>,
        /// Requests starting before this instant, UTC.
        #[arg(long, value_parser = instant)]
        to: Option<DateTime<Utc>>,
    },
}

#[derive(Debug, Subcommand)]
enum AllowanceCommand {
    /// Validate a group allowance CSV whole, then apply the slots it holds.
    Import {
        /// The CSV (FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS).
        file: PathBuf,
    },
    /// The allowances as CSV with the last uploaded and the remaining hours.
    Export {
        /// Only these forecast groups (repeat or comma-separate).
        #[arg(long, value_delimiter = ',')]
        group: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum BalanceCommand {
    /// Validate an agent balance CSV whole, then apply it (one ledger line per row).
    Import {
        /// The CSV (AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS).
        file: PathBuf,
    },
    /// Add (or, negative, take) hours with a reason.
    Adjust {
        /// The agent.
        agent: String,
        /// The time-off activity.
        activity: String,
        /// Hours, e.g. 2.5 or -1.
        #[arg(allow_hyphen_values = true)]
        hours: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// The snapshot: last uploaded and net balance per agent and activity (CSV).
    Snapshot {
        /// Replay the ledger up to this instant instead of now.
        #[arg(long, value_parser = instant)]
        as_of: Option<DateTime<Utc>>,
    },
    /// The ledger, line by line with who, when and why (CSV).
    Ledger {
        /// Only this agent.
        #[arg(long)]
        agent: Option<String>,
        /// Up to this instant.
        #[arg(long, value_parser = instant)]
        until: Option<DateTime<Utc>>,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("when").args(["date", "start"]).required(true)))]
struct RequestArgs {
    /// The agent.
    agent: String,
    /// The time-off activity.
    activity: String,
    /// The first whole day (UTC).
    #[arg(long, conflicts_with_all = ["start", "end"])]
    date: Option<NaiveDate>,
    /// The last whole day (default: --date).
    #[arg(long, requires = "date")]
    to: Option<NaiveDate>,
    /// The start, UTC (`2026-12-15T09:00`).
    #[arg(long, value_parser = instant, requires = "end")]
    start: Option<DateTime<Utc>>,
    /// The end, UTC.
    #[arg(long, value_parser = instant)]
    end: Option<DateTime<Utc>>,
    /// The reason.
    #[arg(long, default_value = "")]
    reason: String,
    /// Made by a supervisor (any time-off type).
    #[arg(long)]
    supervisor: bool,
    /// A supervisor overrides the time-off rules.
    #[arg(long = "override", requires = "supervisor")]
    override_rules: bool,
    /// Wait for allowance if it is short (approved first come, first served).
    #[arg(long)]
    waitlist: bool,
}

fn instant(s: &str) -> Result<DateTime<Utc>, String> {
    let full = if s.len() == 16 {
        format!("{s}:00")
    } else {
        s.to_owned()
    };
    rules::parse_utc(&full)
        .ok_or_else(|| format!("{s:?} is not a UTC time such as 2026-12-15T09:00"))
}

fn status(s: &str) -> Result<RequestStatus, String> {
    RequestStatus::parse(s).ok_or_else(|| {
        format!("{s:?}: expected pending, approved, denied, cancelled or waitlisted")
    })
}

pub fn run(args: &TimeOffArgs, path: Option<&PathBuf>) -> Result<()> {
    let path = path.map(PathBuf::as_path);
    match &args.command {
        TimeOffCommand::Allowances { command } => allowances(command, path),
        TimeOffCommand::Balances { command } => balances(command, path),
        TimeOffCommand::Request(r) => request(r, path),
        TimeOffCommand::Approve {
            id,
            override_rules,
            note,
        } => {
            say(&workspace::open(path)?
                .time_off()
                .approve(*id, *override_rules, note)?);
            Ok(())
        }
        TimeOffCommand::Deny { id, note } => {
            say(&workspace::open(path)?.time_off().deny(*id, note)?);
            Ok(())
        }
        TimeOffCommand::Cancel { id, note } => {
            say(&workspace::open(path)?.time_off().cancel(*id, note)?);
            Ok(())
        }
        TimeOffCommand::Edit {
            id,
            activity,
            start,
            end,
            reason,
            override_rules,
        } => {
            let change = RequestEdit {
                activity: activity.clone(),
                start: *start,
                end: *end,
                reason: reason.clone(),
                override_rules: *override_rules,
            };
            say(&workspace::open(path)?.time_off().edit(*id, &change)?);
            Ok(())
        }
        TimeOffCommand::List {
            agent,
            status,
            from,
            to,
        } => {
            let filter = RequestFilter {
                agent: agent.clone(),
                status: *status,
                from: *from,
                to: *to,
                forecast_group: None,
            };
            let found = workspace::open_read(path)?.time_off().requests(&filter)?;
            print!("{}", wfm::timeoff::requests_csv(&found));
            Ok(())
        }
    }
}

fn read(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).map_err(|e| {
        anyhow!(WfmError::Io {
            path: file.to_owned(),
            source: e
        })
    })
}

fn allowances(command: &AllowanceCommand, path: Option<&Path>) -> Result<()> {
    match command {
        AllowanceCommand::Import { file } => {
            let text = read(file)?;
            let done = workspace::open(path)?
                .time_off()
                .import_allowances(&file.display().to_string(), &text)?;
            println!("{} slot(s) set, {} cleared", done.set, done.cleared);
            for id in done.promoted {
                println!("request {id} approved from the waitlist");
            }
        }
        AllowanceCommand::Export { group } => {
            let slots = workspace::open_read(path)?.time_off().allowances(group)?;
            print!("{}", wfm::timeoff::allowance_csv(&slots));
        }
    }
    Ok(())
}

fn balances(command: &BalanceCommand, path: Option<&Path>) -> Result<()> {
    match command {
        BalanceCommand::Import { file } => {
            let text = read(file)?;
            let n = workspace::open(path)?
                .time_off()
                .import_balances(&file.display().to_string(), &text)?;
            println!("{n} balance(s) uploaded");
        }
        BalanceCommand::Adjust {
            agent,
            activity,
            hours: h,
            reason,
        } => {
            let seconds = rules::adjustment_seconds(h).ok_or_else(|| {
                anyhow!(WfmError::InvalidArgument {
                    argument: "hours",
                    value: h.clone(),
                    expected: "a number of hours such as 2.5 or -1".into(),
                })
            })?;
            let b = workspace::open(path)?
                .time_off()
                .adjust_balance(agent, activity, seconds, reason)?;
            println!("{agent} {activity}: {} h", hours(b.net_seconds));
        }
        BalanceCommand::Snapshot { as_of } => {
            let rows = workspace::open_read(path)?.time_off().balances(*as_of)?;
            print!("{}", wfm::timeoff::snapshot_csv(&rows));
        }
        BalanceCommand::Ledger { agent, until } => {
            let rows = workspace::open_read(path)?
                .time_off()
                .ledger(agent.as_deref(), *until)?;
            print!("{}", wfm::timeoff::ledger_csv(&rows));
        }
    }
    Ok(())
}

fn request(r: &RequestArgs, path: Option<&Path>) -> Result<()> {
    let mut new = match (r.date, r.start, r.end) {
        (Some(d), _, _) => NewRequest::full_days(&r.agent, &r.activity, d, r.to.unwrap_or(d)),
        (None, Some(s), Some(e)) => NewRequest::range(&r.agent, &r.activity, s, e),
        _ => {
            return Err(anyhow!(WfmError::Precondition {
                what: "give --date, or --start and --end".into()
            }));
        }
    };
    new.reason.clone_from(&r.reason);
    new.waitlist = r.waitlist;
    if r.supervisor {
        new = new.by_supervisor(r.override_rules);
    }
    say(&workspace::open(path)?.time_off().request(&new)?);
    Ok(())
}

/// One line for the request, one per failed rule, one per request approved from the
/// waitlist.
fn say(done: &RequestOutcome) {
    describe(&done.request);
    for p in &done.promoted {
        println!("request {} of {} approved from the waitlist", p.id, p.agent);
    }
    schedule_updates(&done.schedule);
}

/// One line per published schedule a decision edited, one per rule it breaks there and
/// per change it could not place.
pub(super) fn schedule_updates(updates: &[wfm::timeoff::ScheduleUpdate]) {
    for u in updates {
        if !u.changed.is_empty() {
            println!(
                "  schedule {} now at version {}: {} changed",
                u.schedule,
                u.version,
                u.changed.join(", ")
            );
        }
        for v in &u.violations {
            println!("  schedule rule broken (applied, mend it with wfm schedule edit): {v}");
        }
        for n in &u.notes {
            println!("  schedule: {n}");
        }
    }
}

fn describe(r: &TimeOffRequest) {
    println!(
        "request {}: {} {} {} – {}: {} ({} h)",
        r.id,
        r.agent,
        r.activity,
        r.start.format("%Y-%m-%d %H:%M"),
        r.end.format("%Y-%m-%d %H:%M"),
        r.status,
        hours(r.deduction.seconds)
    );
    for f in &r.failures {
        println!("  rule failed: {f}");
    }
}
