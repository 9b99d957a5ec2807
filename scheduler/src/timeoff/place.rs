//! Time off, overtime and VTO into a schedule (SPEC §7, issue 22 item 5): the
//! [`ScheduleChange`]s an approved request or an accepted slot implies, turned into edits
//! of the schedule-editing engine ([`crate::edit`]) and applied, the breaks and meals of
//! the touched days re-placed inside their windows, then the validator run on the
//! touched agents.
//!
//! What each change does to the agent's shifts (every shift it overlaps, of any day):
//! - **time off in**: the activity over the part of the shift it covers; other
//!   activities there (a meeting) are left by the agent; breaks and meals move out of it
//!   where their window allows, else (a full day off) they stay where they were and the
//!   time off goes around them — as the deduction counts it;
//! - **time off out** (a cancelled or edited request): the activity placed at approval is
//!   removed and the day's breaks and meals re-placed (a dropped break comes back);
//! - **overtime**: the shift touching the range is extended over it, or a shift is added
//!   on a day without one, with the offer's productive activity over the added time;
//! - **VTO**: the range is cut from the shift's start or end, or the shift deleted when
//!   the range covers it (a range strictly inside a shift cannot be represented by one
//!   shift a day: noted, not applied).
//!
//! The time-off decision is the allowance's and the balance's, not the schedule rules':
//! a change that breaks a schedule rule (a full-day time off leaves no room for the
//! break its activity group asks for) is applied anyway, and the rules it breaks are
//! returned ([`Placed::violations`]) for the supervisor to see and mend. Pure: no clock,
//! no storage.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::changes::{ChangeKind, ScheduleChange};
use crate::edit::reoptimise::reoptimise_breaks;
use crate::edit::{Annotations, Edit, EditBatch, EditContext, EditOptions, LogEntry, apply_edits};
use crate::error::Result;
use crate::review::Review;
use crate::scenario::Scenario;
use crate::schedule::{PlacedActivity, Schedule, Shift};
use crate::validate::{Rule, Violation, validate};

/// A schedule with the changes placed.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The schedule after the changes.
    pub schedule: Schedule,
    /// Its shared instances and comments (an agent on time off leaves a meeting).
    pub annotations: Annotations,
    /// The engine's edits that were applied, in order (for the edit log).
    pub edits: Vec<Edit>,
    /// The engine's work log (shortened breaks, overrides, re-placing).
    pub log: Vec<LogEntry>,
    /// What could not be placed, in words (a VTO inside a shift, overtime on a day with
    /// another shift, no shift under a time off).
    pub notes: Vec<String>,
    /// The rules the touched agents break now and did not before.
    pub violations: Vec<Violation>,
    /// Agents whose shifts changed.
    pub changed: Vec<String>,
    /// The review of the new schedule (with demand in the context).
    pub review: Option<Review>,
}

/// Places `changes` into `schedule` (see the [module docs](self)).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_scheduler::edit::{Annotations, EditContext};
/// use wfm_scheduler::timeoff::{ChangeKind, ScheduleChange, place_changes};
/// use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/timeoff_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "timeoff")?;
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 12, 15, h, m, 0).unwrap();
/// let day = t(0, 0).date_naive();
/// let shift = Shift { date: day, start: t(8, 0), end: t(14, 0), activities: vec![
///     PlacedActivity { activity: "Break".into(), start: t(11, 0), end: t(11, 30) }] };
/// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(), shifts: vec![shift] }] };
/// let vacation = ScheduleChange { agent: "ana".into(), date: day, start: t(8, 0), end: t(10, 0),
///     kind: ChangeKind::AddTimeOff { activity: "VACAY_SK".into() } };
/// let out = place_changes(&EditContext::new(&sc), &schedule, &Annotations::default(), &[vacation])?;
/// let acts: Vec<_> = out.schedule.agents[0].shifts[0].activities.iter().map(|a| a.activity.as_str()).collect();
/// assert_eq!(acts, ["VACAY_SK", "Break"]);
/// assert!(out.violations.is_empty());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// [`crate::SchedulerError::InvalidEdits`] when a change names an agent the schedule's
/// configuration does not know or a day outside the schedule; as
/// [`crate::Demand::review`].
pub fn place_changes(
    ctx: &EditContext<'_>,
    schedule: &Schedule,
    notes: &Annotations,
    changes: &[ScheduleChange],
) -> Result<Placed> {
    let scenario = ctx.scenario;
    let plain = EditContext::new(scenario);
    let options = EditOptions {
        override_rules: true,
        reoptimise: false,
    };
    let mut now = schedule.clone();
    let mut annotations = notes.clone();
    let mut out = Placed {
        schedule: Schedule::default(),
        annotations: Annotations::default(),
        edits: Vec::new(),
        log: Vec::new(),
        notes: Vec::new(),
        violations: Vec::new(),
        changed: Vec::new(),
        review: None,
    };
    let mut days: BTreeSet<(String, NaiveDate)> = BTreeSet::new();
    // one change at a time: each is read against the schedule the earlier ones made
    for c in changes {
        let edits = edits_of(scenario, &now, c, &mut days, &mut out.notes);
        if edits.is_empty() {
            continue;
        }
        let batch = EditBatch::new("time off", edits);
        let done = apply_edits(&plain, &now, &annotations, &batch, &options)?;
        for entry in &done.log {
            if let LogEntry::Shortened { agent, date, .. } = entry {
                days.insert((agent.clone(), *date));
            }
        }
        out.log
            .extend(done.log.into_iter().filter(|e| !is_override(e)));
        out.edits.extend(batch.edits.into_iter().map(|e| e.edit));
        now = done.schedule;
        annotations = done.annotations;
    }
    now = replace_breaks(ctx, schedule, now, &days, &mut out.notes);
    let touched: BTreeSet<&str> = changes.iter().map(|c| c.agent.as_str()).collect();
    out.violations = added(
        &violations_of(scenario, schedule, &touched),
        &violations_of(scenario, &now, &touched),
    );
    out.changed = touched
        .iter()
        .filter(|a| shifts_of(schedule, a) != shifts_of(&now, a))
        .map(|a| (*a).to_owned())
        .collect();
    out.review = ctx.review(&now)?;
    out.schedule = now;
    out.annotations = annotations;
    Ok(out)
}

fn is_override(e: &LogEntry) -> bool {
    matches!(e, LogEntry::Overridden { .. })
}

fn shifts_of<'a>(s: &'a Schedule, agent: &str) -> Option<&'a Vec<Shift>> {
    s.agents
        .iter()
        .find(|a| a.agent == agent)
        .map(|a| &a.shifts)
}

/// The agent's shifts overlapping `[start, end)` (`touching`: or meeting it at an end).
fn overlapping<'a>(
    s: &'a Schedule,
    c: &ScheduleChange,
    touching: bool,
) -> impl Iterator<Item = &'a Shift> {
    let (start, end) = (c.start, c.end);
    shifts_of(s, &c.agent)
        .into_iter()
        .flatten()
        .filter(move |sh| {
            if touching {
                sh.start <= end && sh.end >= start
            } else {
                sh.start < end && sh.end > start
            }
        })
}

fn is_break(scenario: &Scenario, activity: &str) -> bool {
    scenario
        .activity(activity)
        .is_some_and(|a| a.kind.is_break())
}

fn is_time_off(scenario: &Scenario, activity: &str) -> bool {
    scenario
        .activity(activity)
        .is_some_and(|a| a.kind == crate::ActivityKind::TimeOff)
}

fn add(agent: &str, date: NaiveDate, activity: &str, span: (DateTime<Utc>, DateTime<Utc>)) -> Edit {
    Edit::AddActivity {
        agents: vec![agent.to_owned()],
        date,
        activity: activity.to_owned(),
        start: span.0,
        end: Some(span.1),
        duration_minutes: None,
        shared: false,
        instance: None,
    }
}

fn remove(agent: &str, date: NaiveDate, activity: &str, at: DateTime<Utc>) -> Edit {
    Edit::RemoveActivity {
        agent: agent.to_owned(),
        date,
        activity: activity.to_owned(),
        at: Some(at),
    }
}

fn resize(agent: &str, date: NaiveDate, span: (DateTime<Utc>, DateTime<Utc>)) -> Edit {
    Edit::ResizeShift {
        agent: agent.to_owned(),
        date,
        start: Some(span.0),
        end: Some(span.1),
        duration_minutes: None,
    }
}

/// The engine's edits for one change, read against `now`; the agent-days whose breaks
/// are to be re-placed go to `days`, what cannot be placed to `notes`.
fn edits_of(
    scenario: &Scenario,
    now: &Schedule,
    c: &ScheduleChange,
    days: &mut BTreeSet<(String, NaiveDate)>,
    notes: &mut Vec<String>,
) -> Vec<Edit> {
    let agent = c.agent.as_str();
    let mut edits = Vec::new();
    match &c.kind {
        ChangeKind::AddTimeOff { activity } => {
            for sh in overlapping(now, c, false) {
                let span = (c.start.max(sh.start), c.end.min(sh.end));
                for p in &sh.activities {
                    let inside = p.start < span.1 && p.end > span.0;
                    if inside
                        && !is_break(scenario, &p.activity)
                        && !is_time_off(scenario, &p.activity)
                    {
                        edits.push(remove(agent, sh.date, &p.activity, p.start));
                    }
                }
                edits.push(add(agent, sh.date, activity, span));
            }
            if edits.is_empty() {
                notes.push(format!(
                    "{agent} has no shift {}–{}: nothing to put {activity} on",
                    c.start, c.end
                ));
            }
        }
        ChangeKind::RemoveTimeOff { activity } => {
            for sh in overlapping(now, c, false) {
                for p in sh.activities.iter().filter(|p| &p.activity == activity) {
                    if p.start < c.end && p.end > c.start {
                        edits.push(remove(agent, sh.date, activity, p.start));
                    }
                }
                days.insert((agent.to_owned(), sh.date));
            }
        }
        ChangeKind::AddWork { activity } => {
            overtime(now, c, activity, days, notes, &mut edits);
        }
        ChangeKind::RemoveWork => vto(now, c, days, notes, &mut edits),
    }
    edits
}

/// Overtime: extends the shift touching the range, or adds one.
fn overtime(
    now: &Schedule,
    c: &ScheduleChange,
    activity: &str,
    days: &mut BTreeSet<(String, NaiveDate)>,
    notes: &mut Vec<String>,
    edits: &mut Vec<Edit>,
) {
    let agent = c.agent.as_str();
    if let Some(sh) = overlapping(now, c, true).next() {
        if c.start >= sh.start && c.end <= sh.end {
            notes.push(format!(
                "{agent} works {}–{} already: the overtime adds nothing",
                c.start, c.end
            ));
            return;
        }
        edits.push(resize(
            agent,
            sh.date,
            (c.start.min(sh.start), c.end.max(sh.end)),
        ));
        if c.start < sh.start {
            edits.push(add(agent, sh.date, activity, (c.start, sh.start)));
        }
        if c.end > sh.end {
            edits.push(add(agent, sh.date, activity, (sh.end, c.end)));
        }
        days.insert((agent.to_owned(), sh.date));
        return;
    }
    let date = c.start.date_naive();
    if shifts_of(now, agent).is_some_and(|s| s.iter().any(|sh| sh.date == date)) {
        notes.push(format!(
            "{agent} has another shift on {date}: overtime {}–{} needs a second shift, not added",
            c.start, c.end
        ));
        return;
    }
    edits.push(Edit::AddShift {
        agent: agent.to_owned(),
        date,
        start: c.start,
        end: Some(c.end),
        duration_minutes: None,
    });
    edits.push(add(agent, date, activity, (c.start, c.end)));
    days.insert((agent.to_owned(), date));
}

/// VTO: cuts the range from the shift's start or end, or deletes the shift.
fn vto(
    now: &Schedule,
    c: &ScheduleChange,
    days: &mut BTreeSet<(String, NaiveDate)>,
    notes: &mut Vec<String>,
    edits: &mut Vec<Edit>,
) {
    let agent = c.agent.as_str();
    let mut any = false;
    for sh in overlapping(now, c, false) {
        any = true;
        if c.start <= sh.start && c.end >= sh.end {
            edits.push(Edit::DeleteShift {
                agent: agent.to_owned(),
                date: sh.date,
            });
            continue;
        }
        let span = if c.start <= sh.start {
            (c.end, sh.end)
        } else if c.end >= sh.end {
            (sh.start, c.start)
        } else {
            notes.push(format!(
                "VTO {}–{} lies inside {agent}'s shift {}–{}: one shift a day cannot have a \
                 hole, not applied",
                c.start, c.end, sh.start, sh.end
            ));
            continue;
        };
        edits.push(resize(agent, sh.date, span));
        days.insert((agent.to_owned(), sh.date));
    }
    if !any {
        notes.push(format!(
            "{agent} has no work {}–{} to give up",
            c.start, c.end
        ));
    }
}

/// Re-places the breaks and meals of `days` inside their windows (with demand, to serve
/// it best); a day without room for them, or every day without demand, keeps its
/// breaks and meals where they were in `original` ([`keep_breaks`]).
fn replace_breaks(
    ctx: &EditContext<'_>,
    original: &Schedule,
    mut schedule: Schedule,
    days: &BTreeSet<(String, NaiveDate)>,
    notes: &mut Vec<String>,
) -> Schedule {
    if days.is_empty() {
        return schedule;
    }
    let days: Vec<(String, NaiveDate)> = days.iter().cloned().collect();
    let failed = if ctx.demand.is_none() {
        days
    } else {
        match reoptimise_breaks(ctx, &schedule, &days) {
            Ok(r) => {
                notes.extend(r.warnings);
                schedule = r.schedule;
                r.failed
            }
            Err(e) => {
                notes.push(format!("breaks and meals not re-placed: {e}"));
                days
            }
        }
    };
    for (agent, date) in &failed {
        keep_breaks(ctx.scenario, original, &mut schedule, agent, *date);
    }
    schedule
}

/// Puts the breaks and meals `agent`'s shift of `date` had in `original` back where
/// they were (those still inside the shift), cutting the time off around them.
fn keep_breaks(
    scenario: &Scenario,
    original: &Schedule,
    schedule: &mut Schedule,
    agent: &str,
    date: NaiveDate,
) {
    let breaks: Vec<PlacedActivity> = shifts_of(original, agent)
        .into_iter()
        .flatten()
        .filter(|s| s.date == date)
        .flat_map(|s| s.activities.iter())
        .filter(|p| is_break(scenario, &p.activity))
        .cloned()
        .collect();
    let Some(sh) = schedule
        .agents
        .iter_mut()
        .find(|a| a.agent == agent)
        .and_then(|a| a.shifts.iter_mut().find(|s| s.date == date))
    else {
        return;
    };
    let breaks: Vec<PlacedActivity> = breaks
        .into_iter()
        .filter(|b| b.start >= sh.start && b.end <= sh.end)
        .collect();
    let mut out = Vec::new();
    for p in std::mem::take(&mut sh.activities) {
        if is_break(scenario, &p.activity) {
            continue;
        }
        if !is_time_off(scenario, &p.activity) {
            out.push(p);
            continue;
        }
        // the time off minus the breaks
        let mut from = p.start;
        for b in breaks.iter().filter(|b| b.start < p.end && b.end > p.start) {
            if b.start > from {
                out.push(PlacedActivity {
                    start: from,
                    end: b.start,
                    ..p.clone()
                });
            }
            from = from.max(b.end);
        }
        if from < p.end {
            out.push(PlacedActivity { start: from, ..p });
        }
    }
    out.extend(breaks);
    out.sort_by_key(|p| (p.start, p.end));
    sh.activities = out;
}

/// The touched agents' violations (their staffing groups validated whole, so group
/// rules of an agent count).
fn violations_of(
    scenario: &Scenario,
    schedule: &Schedule,
    touched: &BTreeSet<&str>,
) -> Vec<Violation> {
    let groups: BTreeSet<&str> = touched
        .iter()
        .filter_map(|a| scenario.group_of(a).map(|g| g.name.as_str()))
        .collect();
    let sub = Schedule {
        agents: schedule
            .agents
            .iter()
            .filter(|a| {
                scenario
                    .group_of(&a.agent)
                    .is_some_and(|g| groups.contains(g.name.as_str()))
            })
            .cloned()
            .collect(),
    };
    validate(scenario, &sub)
        .into_iter()
        .filter(|v| v.agent.as_deref().is_some_and(|a| touched.contains(a)))
        .collect()
}

/// The violations of `after` that `before` does not have (by agent, rule and day).
fn added(before: &[Violation], after: &[Violation]) -> Vec<Violation> {
    type Key = (Option<String>, Rule, Option<NaiveDate>);
    let mut had: BTreeMap<Key, usize> = BTreeMap::new();
    for v in before {
        *had.entry((v.agent.clone(), v.rule, v.date)).or_default() += 1;
    }
    after
        .iter()
        .filter(|v| match had.get_mut(&(v.agent.clone(), v.rule, v.date)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
