//! Several published schedules measured together: an agent can be in two schedules on the
//! same day (two forecast groups scheduled separately, or two staffing groups of one).
//!
//! What a supervisor expects: the agent's scheduled time is the *union by time* of their
//! shifts in every schedule (a morning in one and an afternoon in another is one day of
//! both, one row per agent and day). Where shifts of two schedules *overlap*, the agent is
//! booked twice: that time counts once, as the schedule given later (the one published
//! last) asks, and the overlap is reported as a [`ScheduleConflict`]. Each shift's
//! activities count by the rules of its own schedule's configuration.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::compute::adherence;
use super::day::{DayAdherence, agent_states};
use super::event::AgentEvent;
use super::rules::{AdherenceRules, ScheduledSpan};
use crate::schedule::{Schedule, Shift};

/// One schedule of several measured together, with the rules of its configuration.
pub type Layer<'a> = (&'a AdherenceRules, &'a Schedule);

/// An agent booked by two schedules at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleConflict {
    /// The agent.
    pub agent: String,
    /// The day (shift date) of the overridden shift.
    pub day: NaiveDate,
    /// Start of the overlap, epoch milliseconds.
    pub start: i64,
    /// End of the overlap, epoch milliseconds.
    pub end: i64,
    /// The layer (index into the schedules given) whose shift does not count there.
    pub overridden: usize,
    /// The later layer whose shift counts there.
    pub kept: usize,
}

/// The adherence of several schedules together, and their conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CombinedAdherence {
    /// One row per agent and day with a shift in any schedule.
    pub days: Vec<DayAdherence>,
    /// Overlapping shifts of different schedules, by agent and time.
    pub conflicts: Vec<ScheduleConflict>,
}

struct Entry<'a> {
    layer: usize,
    shift: &'a Shift,
    start: i64,
    end: i64,
}

/// Every agent's shifts across `layers`, agents in order of first appearance, shifts by
/// start.
fn by_agent<'a>(layers: &[Layer<'a>]) -> Vec<(&'a str, Vec<Entry<'a>>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(&str, Vec<Entry<'_>>)> = Vec::new();
    for (layer, (_, schedule)) in layers.iter().enumerate() {
        for a in &schedule.agents {
            let i = *index.entry(a.agent.as_str()).or_insert(out.len());
            if i == out.len() {
                out.push((a.agent.as_str(), Vec::new()));
            }
            out[i].1.extend(a.shifts.iter().map(|shift| Entry {
                layer,
                shift,
                start: shift.start.timestamp_millis(),
                end: shift.end.timestamp_millis(),
            }));
        }
    }
    for (_, entries) in &mut out {
        entries.sort_by_key(|e| (e.start, e.end, e.layer));
    }
    out
}

/// The time of `entries[k]` taken by shifts of later layers, sorted by start.
fn taken(entries: &[Entry<'_>], k: usize) -> Vec<(i64, i64)> {
    let e = &entries[k];
    entries
        .iter()
        .take_while(|o| o.start < e.end)
        .filter(|o| o.layer > e.layer && e.start < o.end)
        .map(|o| (o.start.max(e.start), o.end.min(e.end)))
        .collect()
}

/// `spans` less the stretches of `cover` (sorted by start).
fn clip(spans: Vec<ScheduledSpan>, cover: &[(i64, i64)]) -> Vec<ScheduledSpan> {
    if cover.is_empty() {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let mut t = s.start;
        for &(a, b) in cover {
            if a >= s.end {
                break;
            }
            if b <= t {
                continue;
            }
            if a > t {
                out.push(ScheduledSpan {
                    start: t,
                    end: a,
                    ..s.clone()
                });
            }
            t = b;
        }
        if t < s.end {
            out.push(ScheduledSpan { start: t, ..s });
        }
    }
    out
}

/// The scheduled spans of one agent's shifts dated within `days`, by date: each shift's
/// spans by its layer's rules, less the time later layers' shifts take.
fn plans(
    layers: &[Layer<'_>],
    entries: &[Entry<'_>],
    days: (NaiveDate, NaiveDate),
) -> BTreeMap<NaiveDate, Vec<ScheduledSpan>> {
    let mut out: BTreeMap<NaiveDate, Vec<ScheduledSpan>> = BTreeMap::new();
    for (k, e) in entries.iter().enumerate() {
        if e.shift.date < days.0 || e.shift.date > days.1 {
            continue;
        }
        let spans = clip(
            layers[e.layer].0.scheduled_spans(e.shift),
            &taken(entries, k),
        );
        out.entry(e.shift.date).or_default().extend(spans);
    }
    for spans in out.values_mut() {
        spans.sort_by_key(|s| s.start);
    }
    out
}

fn conflicts(
    agent: &str,
    entries: &[Entry<'_>],
    days: (NaiveDate, NaiveDate),
) -> Vec<ScheduleConflict> {
    let mut out = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        if e.shift.date < days.0 || e.shift.date > days.1 {
            continue;
        }
        let later = entries
            .iter()
            .take_while(|o| o.start < e.end)
            .filter(|o| o.layer > e.layer && e.start < o.end);
        for o in later {
            out.push(ScheduleConflict {
                agent: agent.to_owned(),
                day: e.shift.date,
                start: o.start.max(e.start),
                end: o.end.min(e.end),
                overridden: entries[k].layer,
                kept: o.layer,
            });
        }
    }
    out
}

/// Adherence of every agent of `layers` (later layers win where shifts overlap) on every
/// day of `days` (inclusive) with a shift, from `events` grouped by agent (each agent's in
/// time order; agents without events were Offline); see the module docs.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use std::collections::HashMap;
/// use wfm_scheduler::adherence::{AdherenceRules, AgentEvent, combined_adherence};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a, 0), end: t(b, 0), activities: vec![] }] }] };
/// let (sales, support) = (one(8, 12), one(11, 15)); // 11:00–12:00 booked twice
/// let events = HashMap::from([("ana".to_string(),
///     vec![AgentEvent::plain("ana", t(8, 0).timestamp_millis(), "Available", false)])]);
/// let rules = AdherenceRules::default();
/// let r = combined_adherence(&[(&rules, &sales), (&rules, &support)], &events, (day, day));
/// assert_eq!(r.days.len(), 1); // one row for the agent's day
/// assert_eq!(r.days[0].totals.scheduled_ms, 7 * 3_600_000); // 8:00–15:00, the overlap once
/// assert_eq!((r.conflicts[0].overridden, r.conflicts[0].kept), (0, 1));
/// assert_eq!(r.conflicts[0].start, t(11, 0).timestamp_millis());
/// ```
pub fn combined_adherence(
    layers: &[Layer<'_>],
    events: &HashMap<String, Vec<AgentEvent>>,
    days: (NaiveDate, NaiveDate),
) -> CombinedAdherence {
    let mut out = CombinedAdherence::default();
    for (agent, entries) in by_agent(layers) {
        let bounds = shift_bounds(entries.iter().map(|e| (e.start, e.end)).collect());
        let states = events
            .get(agent)
            .map_or_else(Vec::new, |e| agent_states(e, &bounds));
        for (day, spans) in plans(layers, &entries, days) {
            let start = spans.first().map_or(i64::MIN, |s| s.start);
            let first = states.partition_point(|s| s.end <= start);
            let r = adherence(&spans, &states[first..]);
            out.days.push(DayAdherence {
                agent: agent.to_owned(),
                day,
                totals: r.totals,
                exceptions: r.exceptions,
            });
        }
        out.conflicts.extend(conflicts(agent, &entries, days));
    }
    out
}

/// The scheduled days [`agent_states`] ends states with (the missing-logout rule): an
/// agent's shifts `[start, end)` sorted, joined where they overlap or meet (a shift
/// starting as another ends, in the same schedule or another, continues the day).
///
/// ```
/// use wfm_scheduler::adherence::shift_bounds;
/// assert_eq!(shift_bounds(vec![(5, 9), (0, 4), (4, 6), (10, 12)]), [(0, 9), (10, 12)]);
/// ```
pub fn shift_bounds(mut shifts: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    shifts.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(shifts.len());
    for (start, end) in shifts {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Every agent's scheduled spans on `day` across `layers` (later layers win where shifts
/// overlap), agents in order of first appearance; for the real-time [`Monitor`](super::Monitor).
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::{AdherenceRules, day_plans};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a), end: t(b), activities: vec![] }] }] };
/// let rules = AdherenceRules::default();
/// let plans = day_plans(&[(&rules, &one(8, 12)), (&rules, &one(13, 17))], day);
/// assert_eq!(plans.len(), 1);
/// assert_eq!(plans[0].1.len(), 2); // the morning and the afternoon
/// ```
pub fn day_plans(layers: &[Layer<'_>], day: NaiveDate) -> Vec<(String, Vec<ScheduledSpan>)> {
    by_agent(layers)
        .into_iter()
        .map(|(agent, entries)| {
            let plan = plans(layers, &entries, (day, day))
                .into_values()
                .next()
                .unwrap_or_default();
            (agent.to_owned(), plan)
        })
        .collect()
}

/// One stretch of an agent's work on a day: shifts that overlap or meet, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct WorkBlock {
    /// Start, epoch milliseconds.
    pub start: i64,
    /// End, epoch milliseconds.
    pub end: i64,
    /// The scheduled spans in it (later layers win where shifts overlap).
    pub spans: Vec<ScheduledSpan>,
}

/// Every agent's stretches of work on `day` across `layers` (the shifts dated `day`,
/// joined where they overlap or meet), agents in order of first appearance.
pub(super) fn work_blocks<'a>(
    layers: &[Layer<'a>],
    day: NaiveDate,
) -> Vec<(&'a str, Vec<WorkBlock>)> {
    let mut out = Vec::new();
    for (agent, entries) in by_agent(layers) {
        let mut blocks: Vec<WorkBlock> = Vec::new();
        for e in entries.iter().filter(|e| e.shift.date == day) {
            match blocks.last_mut() {
                Some(b) if e.start <= b.end => b.end = b.end.max(e.end),
                _ => blocks.push(WorkBlock {
                    start: e.start,
                    end: e.end,
                    spans: Vec::new(),
                }),
            }
        }
        let spans = plans(layers, &entries, (day, day))
            .into_values()
            .next()
            .unwrap_or_default();
        for span in spans {
            let i = blocks.partition_point(|b| b.end <= span.start);
            if let Some(b) = blocks.get_mut(i) {
                b.spans.push(span);
            }
        }
        if !blocks.is_empty() {
            out.push((agent, blocks));
        }
    }
    out
}

/// The overlapping shifts of different schedules among `layers` dated within `days`.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::schedule_conflicts;
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a), end: t(b), activities: vec![] }] }] };
/// assert!(schedule_conflicts(&[&one(8, 12), &one(12, 16)], (day, day)).is_empty());
/// assert_eq!(schedule_conflicts(&[&one(8, 12), &one(10, 16)], (day, day)).len(), 1);
/// ```
pub fn schedule_conflicts(
    schedules: &[&Schedule],
    days: (NaiveDate, NaiveDate),
) -> Vec<ScheduleConflict> {
    let rules = AdherenceRules::default();
    let layers: Vec<Layer<'_>> = schedules.iter().map(|s| (&rules, *s)).collect();
    by_agent(&layers)
        .into_iter()
        .flat_map(|(agent, entries)| conflicts(agent, &entries, days))
        .collect()
}
