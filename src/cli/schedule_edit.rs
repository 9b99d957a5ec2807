//! `wfm schedule edit|undo|edit-log|meeting`: editing a stored schedule, over
//! `Workspace::schedules` (one function per subcommand).

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use comfy_table::Cell;
use wfm::WfmError;
use wfm::Workspace;
use wfm::scheduler::edit::meeting::{Attendees, MeetingRequest};
use wfm::scheduler::edit::{EditBatch, EditOptions};
use wfm::scheduler::review::ReviewSummary;
use wfm::store::DocumentId;

use super::{table, workspace as ws_arg};

#[derive(Debug, Subcommand)]
pub enum ScheduleEditCommand {
    /// Apply a changes file (JSON lines, one edit a line: move_shift, resize_shift,
    /// add_shift, delete_shift, copy_shift, comment, add_activity, remove_activity,
    /// replace_activity, set_activity, set_shared, add_attendees, remove_attendees) to a
    /// draft or published schedule, all or nothing.
    ///
    /// Agents whose edits would break a rule are skipped and the work log names the rule
    /// with its numbers (unless --override-rules). Breaks and meals an edit overlaps are
    /// shortened unless --reoptimise re-places them inside their windows. --version is
    /// the version the edits were made on (see `wfm schedule edit-log`): if the schedule
    /// changed since, nothing is applied (exit 2) and the changes since are named.
    Edit {
        /// The schedule's id.
        id: i64,
        /// The changes file (JSON lines).
        #[arg(long, value_name = "FILE.jsonl")]
        changes: PathBuf,
        /// The schedule version the edits were made on.
        #[arg(long)]
        version: u64,
        /// Apply edits that break rules anyway (recorded in the work log).
        #[arg(long)]
        override_rules: bool,
        /// Re-place the touched days' breaks and meals inside their windows instead of
        /// shortening those an edit overlaps.
        #[arg(long)]
        reoptimise: bool,
    },
    /// Undo the last edit of a schedule not undone yet: the schedule is put back exactly
    /// as it was before it.
    Undo {
        /// The schedule's id.
        id: i64,
        /// Only if the schedule is still at this version.
        #[arg(long)]
        version: Option<u64>,
    },
    /// A schedule's version and edit log (who, when, what).
    EditLog {
        /// The schedule's id.
        id: i64,
    },
    /// Propose the slots for a meeting that cost the least service level (Erlang C on the
    /// scheduled staff minus the attendees), best first; with --place, put the slot of
    /// that rank into the schedule as one shared activity.
    Meeting {
        /// The schedule's id.
        id: i64,
        /// The activity (e.g. "Team meeting").
        #[arg(long)]
        activity: String,
        /// Length in minutes.
        #[arg(long)]
        duration: i64,
        /// The attendees, comma-separated.
        #[arg(long, value_delimiter = ',', conflicts_with_all = ["group", "count"])]
        agents: Vec<String>,
        /// Or: this many agents of a staffing group (--count).
        #[arg(long, requires = "count")]
        group: Option<String>,
        /// How many agents of --group.
        #[arg(long, requires = "group")]
        count: Option<usize>,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD (default: --from).
        #[arg(long)]
        to: Option<NaiveDate>,
        /// How many slots to show.
        #[arg(long, default_value = "5")]
        slots: usize,
        /// Place the slot of this rank (1 = best).
        #[arg(long, requires = "version")]
        place: Option<usize>,
        /// The schedule version the placement is made on (with --place).
        #[arg(long)]
        version: Option<u64>,
    },
}

impl ScheduleEditCommand {
    fn reads_only(&self) -> bool {
        match self {
            Self::EditLog { .. } => true,
            Self::Meeting { place, .. } => place.is_none(),
            Self::Edit { .. } | Self::Undo { .. } => false,
        }
    }
}

pub fn run(command: &ScheduleEditCommand, path: Option<&Path>) -> Result<()> {
    let mut ws = ws_arg::open_for(path, command.reads_only())?;
    match command {
        ScheduleEditCommand::Edit {
            id,
            changes,
            version,
            override_rules,
            reoptimise,
        } => {
            let batch = read_changes(changes)?;
            let options = EditOptions {
                override_rules: *override_rules,
                reoptimise: *reoptimise,
            };
            edit(&mut ws, DocumentId(*id), &batch, *version, &options)
        }
        ScheduleEditCommand::Undo { id, version } => {
            let c = ws.schedules().undo(DocumentId(*id), *version)?;
            println!("schedule {id}: {c}");
            Ok(())
        }
        ScheduleEditCommand::EditLog { id } => edit_log(&mut ws, DocumentId(*id)),
        ScheduleEditCommand::Meeting {
            id,
            activity,
            duration,
            agents,
            group,
            count,
            from,
            to,
            slots,
            place,
            version,
        } => {
            let attendees = match (group, count) {
                (Some(g), Some(n)) => Attendees::FromGroup {
                    group: g.clone(),
                    count: *n,
                },
                _ => Attendees::Named(agents.clone()),
            };
            let request = MeetingRequest {
                activity: activity.clone(),
                duration_minutes: *duration,
                attendees,
                first_day: *from,
                last_day: to.unwrap_or(*from),
                max_slots: (*slots).max(place.unwrap_or(0)),
            };
            meeting(&mut ws, DocumentId(*id), &request, place.zip(*version))
        }
    }
}

/// The changes file as a batch; every malformed line reported (exit 2).
fn read_changes(path: &Path) -> Result<EditBatch> {
    let text = std::fs::read_to_string(path).map_err(|source| WfmError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(wfm::scheduling::edit::parse_changes(
        &text,
        &path.display().to_string(),
    )?)
}

fn review_row(t: &mut comfy_table::Table, name: &str, r: &ReviewSummary) {
    t.add_row(vec![
        Cell::new(name),
        Cell::new(format!("{:.1}", 100.0 * r.service_level)),
        Cell::new(table::number(r.asa_seconds, 1)),
        Cell::new(format!("{:.1}", 100.0 * r.occupancy)),
        Cell::new(r.short_intervals),
        Cell::new(format!("{:.1}", r.scheduled_hours)),
    ]);
}

/// `wfm schedule edit`.
fn edit(
    ws: &mut Workspace,
    id: DocumentId,
    batch: &EditBatch,
    version: u64,
    options: &EditOptions,
) -> Result<()> {
    let done = ws.schedules().edit(id, batch, version, options)?;
    match &done.change {
        Some(c) => println!("schedule {id}: {c}"),
        None => println!(
            "schedule {id}: nothing changed; still version {}",
            done.version
        ),
    }
    for entry in &done.log {
        println!("  {entry}");
    }
    let mut t = table::new(&[
        "review",
        "SL %",
        "ASA s",
        "occupancy %",
        "short intervals",
        "scheduled h",
    ]);
    review_row(&mut t, "before", &done.review.0);
    review_row(&mut t, "after", &done.review.1);
    println!("{}", table::show(&t));
    println!(
        "validator: {} violation(s) in the schedule",
        done.violations.len()
    );
    Ok(())
}

/// `wfm schedule edit-log`.
fn edit_log(ws: &mut Workspace, id: DocumentId) -> Result<()> {
    let version = ws.schedules().version(id)?;
    println!("schedule {id} is at version {version}");
    let mut t = table::new(&["version", "kind", "by", "at (UTC)", "what", "undone"]);
    for c in ws.schedules().edit_log(id)? {
        t.add_row(vec![
            Cell::new(c.version),
            Cell::new(c.kind.as_str()),
            Cell::new(&c.actor),
            Cell::new(c.at.format("%Y-%m-%d %H:%M:%S")),
            Cell::new(&c.description),
            Cell::new(if c.undone { "yes" } else { "" }),
        ]);
    }
    println!("{}", table::show(&t));
    Ok(())
}

/// `wfm schedule meeting`.
fn meeting(
    ws: &mut Workspace,
    id: DocumentId,
    request: &MeetingRequest,
    place: Option<(usize, u64)>,
) -> Result<()> {
    let slots = ws.schedules().meeting_slots(id, request)?;
    let mut t = table::new(&[
        "rank",
        "date",
        "start (UTC)",
        "end",
        "SL % without",
        "SL % with",
        "ASA s without",
        "ASA s with",
        "contacts late",
        "attendees",
    ]);
    for (rank, s) in slots.iter().enumerate() {
        t.add_row(vec![
            Cell::new(rank + 1),
            Cell::new(s.date),
            Cell::new(s.start.format("%H:%M")),
            Cell::new(s.end.format("%H:%M")),
            Cell::new(format!("{:.1}", 100.0 * s.service_level.0)),
            Cell::new(format!("{:.1}", 100.0 * s.service_level.1)),
            Cell::new(format!("{:.1}", s.asa_seconds.0)),
            Cell::new(format!("{:.1}", s.asa_seconds.1)),
            Cell::new(format!("{:.2}", s.contacts_late)),
            Cell::new(s.attendees.join(", ")),
        ]);
    }
    println!("{}", table::show(&t));
    let Some((rank, version)) = place else {
        return Ok(());
    };
    let Some(slot) = rank.checked_sub(1).and_then(|r| slots.get(r)) else {
        return Err(WfmError::OutOfRange {
            what: "--place",
            value: rank.to_string(),
            allowed: format!("a rank from 1 to {} (the slots shown)", slots.len()),
        }
        .into());
    };
    let batch = EditBatch::new("--place", vec![slot.edit(&request.activity, None)]);
    edit(ws, id, &batch, version, &EditOptions::default())
}
