//! Editing a schedule (SPEC §6 "Edit"): a schedule, a batch of edits and the scenario's
//! rules → a new schedule and a work log. Pure: no clock, no storage.
//!
//! - [`Edit`]: the edit kinds — shift start/end/duration, add/delete/copy a shift, a
//!   comment, add/remove/replace an activity and set its times, shared instances (one
//!   meeting many agents attend: edit once, applies to all; attendees added and removed);
//! - [`EditBatch::parse`]: a JSON-lines changes file, one edit a line, every problem by
//!   line and field;
//! - [`apply_edits`]: the batch applied all-or-nothing (a bad reference stops it, nothing
//!   applied); a break or meal an edit overlaps is shortened unless re-optimising, which
//!   re-places the touched days' breaks and meals inside their windows ([`reoptimise`]);
//!   then the rule check with the validator (an agent whose edits add a violation is
//!   skipped, unless rules are overridden) and the review recomputed;
//! - [`meeting`]: the slots for a meeting that cost the least service level.
//!
//! ```
//! use wfm_scheduler::edit::{apply_edits, Annotations, EditBatch, EditContext, EditOptions};
//! use wfm_scheduler::{Scenario, Schedule};
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
//!     "/../data/scenarios/schedule_example.toml")).unwrap();
//! let sc = Scenario::from_toml(&text, "example")?;
//! let batch = EditBatch::parse(
//!     r#"{"op": "add_shift", "agent": "ana", "date": "2026-03-02", "start": "2026-03-02T13:00:00Z", "duration_minutes": 360}"#,
//!     "changes.jsonl")?;
//! let ctx = EditContext::new(&sc);
//! let out = apply_edits(&ctx, &Schedule::default(), &Annotations::default(), &batch, &EditOptions::default())?;
//! // a 6-hour shift without its break and lunch breaks the activity rules: ana is skipped
//! assert_eq!(out.skipped, ["ana"]);
//! assert!(out.schedule.agents.iter().all(|a| a.shifts.is_empty()));
//! # Ok::<(), wfm_scheduler::SchedulerError>(())
//! ```

mod apply;
mod log;
pub mod meeting;
mod notes;
mod ops;
pub mod reoptimise;
mod rules;

pub use log::{LogEntry, WorkStatus};
pub use notes::{Annotations, SharedActivity, ShiftComment};
pub use ops::{Edit, LocatedEdit};

use serde::{Deserialize, Serialize};
use wfm_core::history::InputIssue;

use crate::demand::Demand;
use crate::error::{Result, SchedulerError};
use crate::generate::GenerateOptions;
use crate::review::Review;
use crate::scenario::Scenario;
use crate::schedule::Schedule;
use apply::Work;

/// A batch of edits, applied all-or-nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditBatch {
    /// Where the edits come from (a file name), for error messages.
    pub file: String,
    /// The edits, in order.
    pub edits: Vec<LocatedEdit>,
}

impl EditBatch {
    /// Edits built in code, numbered 1, 2, … as lines.
    ///
    /// ```
    /// use wfm_scheduler::edit::{Edit, EditBatch};
    /// let b = EditBatch::new("api", vec![Edit::DeleteShift { agent: "ana".into(), date: "2026-03-02".parse().unwrap() }]);
    /// assert_eq!(b.edits[0].line, 1);
    /// ```
    pub fn new(file: &str, edits: Vec<Edit>) -> Self {
        Self {
            file: file.to_owned(),
            edits: edits
                .into_iter()
                .zip(1..)
                .map(|(edit, line)| LocatedEdit { line, edit })
                .collect(),
        }
    }

    /// Reads a changes file: JSON lines, one edit a line tagged by `op`; blank lines and
    /// lines starting with `#` are skipped.
    ///
    /// ```
    /// use wfm_scheduler::edit::EditBatch;
    /// let e = EditBatch::parse("{\"op\": \"delete_shift\", \"agent\": \"ana\"}\n", "c.jsonl").unwrap_err();
    /// assert_eq!(e.to_string(), "1 error(s) in the edits, nothing was applied:\nc.jsonl:1: date: missing field `date`");
    /// ```
    ///
    /// # Errors
    /// [`SchedulerError::InvalidEdits`] naming every malformed line (and the field where
    /// the JSON names one); a file without edits.
    pub fn parse(text: &str, file: &str) -> Result<Self> {
        let mut edits = Vec::new();
        let mut issues = Vec::new();
        for (line, raw) in (1u64..).zip(text.lines()) {
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            match serde_json::from_str::<Edit>(t) {
                Ok(edit) => edits.push(LocatedEdit { line, edit }),
                Err(e) => issues.push(json_issue(file, line, &e)),
            }
        }
        if issues.is_empty() && edits.is_empty() {
            issues.push(InputIssue::new(file, 1, "", "no edits in the changes file"));
        }
        if !issues.is_empty() {
            return Err(SchedulerError::InvalidEdits { issues });
        }
        Ok(Self {
            file: file.to_owned(),
            edits,
        })
    }
}

/// A serde error on a line, the field named where the message names one.
fn json_issue(file: &str, line: u64, e: &serde_json::Error) -> InputIssue {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    let quoted = |after: &str| {
        msg.split_once(after)
            .and_then(|(_, rest)| rest.split('`').nth(1))
            .map(str::to_owned)
    };
    let field = if msg.contains("variant") || msg.contains("`op`") {
        Some("op".to_owned())
    } else {
        quoted("missing field ").or_else(|| quoted("unknown field "))
    };
    InputIssue::new(file, line, field.unwrap_or_default(), msg)
}

/// How a batch is applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditOptions {
    /// Apply edits that break rules anyway, recording the override (default: skip the
    /// agents whose edits would break one).
    pub override_rules: bool,
    /// Re-place the breaks and meals of the touched agent-days inside their windows
    /// instead of shortening those an edit overlaps (needs the demand).
    pub reoptimise: bool,
}

/// What an edit is measured with: the scenario, and the demand with the run's options
/// for the review and for re-optimising.
#[derive(Debug, Clone)]
pub struct EditContext<'a> {
    /// The schedule's configuration.
    pub scenario: &'a Scenario,
    /// The demand the schedule is reviewed against (none: no review, no re-optimising).
    pub demand: Option<&'a Demand>,
    /// The run's options (goal comes from the scenario; occupancy cap from here).
    pub options: GenerateOptions,
}

impl<'a> EditContext<'a> {
    /// A context without demand.
    pub fn new(scenario: &'a Scenario) -> Self {
        Self {
            scenario,
            demand: None,
            options: GenerateOptions::default(),
        }
    }

    /// With the demand the review measures against.
    #[must_use]
    pub fn with_demand(mut self, demand: &'a Demand, options: GenerateOptions) -> Self {
        self.demand = Some(demand);
        self.options = options;
        self
    }

    /// The review of `schedule`, if there is demand.
    ///
    /// # Errors
    /// As [`Demand::review`].
    pub fn review(&self, schedule: &Schedule) -> Result<Option<Review>> {
        self.demand
            .map(|d| d.review(self.scenario, schedule, &self.options))
            .transpose()
    }
}

/// What a batch did.
#[derive(Debug, Clone)]
pub struct EditOutcome {
    /// The schedule after the batch.
    pub schedule: Schedule,
    /// Its shared instances and comments.
    pub annotations: Annotations,
    /// The work log: skipped agents with the rules, overrides, shortened breaks,
    /// re-optimising.
    pub log: Vec<LogEntry>,
    /// Agents whose edits were not applied.
    pub skipped: Vec<String>,
    /// Agents whose schedule changed.
    pub changed: Vec<String>,
    /// The review recomputed on the new schedule (with demand).
    pub review: Option<Review>,
}

/// Applies `batch` to `schedule` (with its `notes`): see the [module docs](self).
///
/// # Errors
/// [`SchedulerError::InvalidEdits`] for an unknown agent, shift, activity or instance,
/// a time outside the schedule, a non-positive duration (by line and field; nothing
/// applied); as [`Demand::review`].
pub fn apply_edits(
    ctx: &EditContext<'_>,
    schedule: &Schedule,
    notes: &Annotations,
    batch: &EditBatch,
    options: &EditOptions,
) -> Result<EditOutcome> {
    let reoptimise = options.reoptimise && ctx.demand.is_some();
    let mut work = Work::new(ctx.scenario, &batch.file, schedule, notes, reoptimise);
    for e in &batch.edits {
        work.apply(e)
            .map_err(|issue| SchedulerError::InvalidEdits {
                issues: vec![*issue],
            })?;
    }
    if options.reoptimise && ctx.demand.is_none() {
        work.log.push(LogEntry::Warning {
            message: "re-optimise needs the demand: overlapped breaks were left as they are".into(),
        });
    }
    if reoptimise && !work.reoptimise_days.is_empty() {
        reoptimise::run(ctx, &mut work)?;
    }
    let skipped = rules::check(&mut work, schedule, notes, options.override_rules);
    let changed = work
        .touched
        .keys()
        .filter(|a| {
            let find = |s: &Schedule| s.agents.iter().find(|x| &x.agent == *a).cloned();
            find(schedule).map(|x| x.shifts) != find(&work.schedule).map(|x| x.shifts)
        })
        .cloned()
        .collect();
    work.schedule
        .agents
        .retain(|a| !a.shifts.is_empty() || schedule.agents.iter().any(|o| o.agent == a.agent));
    let review = ctx.review(&work.schedule)?;
    Ok(EditOutcome {
        schedule: work.schedule,
        annotations: work.notes,
        log: work.log,
        skipped,
        changed,
        review,
    })
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
