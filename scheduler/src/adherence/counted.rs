//! Which published schedule counts an agent when, for the service impact: an agent in two
//! schedules on one day belongs to one team at a time, the team of the schedule that
//! counts for that time by [`combined_adherence`](super::combined_adherence)'s rule (its
//! shift; where shifts of two schedules overlap, the schedule given later).
//!
//! Each schedule's *counted* shifts are its shifts less the time the same agent's shifts
//! in later schedules take. The agent's actual states count in the schedule whose counted
//! shift holds them; outside every shift (logged in early, staying late, between two
//! shifts) in the schedule of the nearest shift, the time between two shifts split at its
//! middle. An agent in one schedule counts in it all the time, as before.

use std::collections::HashMap;

use super::combine::shift_bounds;
use super::day::agent_states;
use super::event::AgentEvent;
use super::timeline::StateSpan;
use crate::schedule::{AgentSchedule, Schedule, Shift};

/// A stretch of time `[start, end)` (epoch ms) and the index of the schedule that counts
/// the agent there.
type Stretch = (i64, i64, usize);

/// One schedule's part of the service impact: its counted shifts, and the actual states
/// of its agents in the time it counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedLayer {
    /// The schedule as it counts: every shift less the time later schedules take (a shift
    /// is cut in pieces of the same date where a later one sits inside it).
    pub schedule: Schedule,
    /// Each of its agents' state spans, cut to the time this schedule counts them.
    pub states: HashMap<String, Vec<StateSpan>>,
}

/// `[start, end)` less the sorted, non-overlapping `cover`.
fn less(start: i64, end: i64, cover: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut t = start;
    for &(a, b) in cover.iter().skip_while(|c| c.1 <= start) {
        if a >= end {
            break;
        }
        if a > t {
            out.push((t, a));
        }
        t = t.max(b);
    }
    if t < end {
        out.push((t, end));
    }
    out
}

/// Each of `schedules`' schedule less the time the same agent's shifts in later
/// schedules take.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::counted_schedules;
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a), end: t(b), activities: vec![] }] }] };
/// let counted = counted_schedules(&[&one(8, 16), &one(11, 12)]);
/// let pieces: Vec<_> = counted[0].agents[0].shifts.iter().map(|s| (s.start, s.end)).collect();
/// assert_eq!(pieces, [(t(8), t(11)), (t(12), t(16))]); // 11–12 counts in the later one
/// assert_eq!(counted[1], one(11, 12));
/// ```
pub fn counted_schedules(schedules: &[&Schedule]) -> Vec<Schedule> {
    let mut later: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
    let mut out: Vec<Schedule> = Vec::with_capacity(schedules.len());
    for schedule in schedules.iter().rev() {
        let agents = schedule
            .agents
            .iter()
            .map(|a| {
                let cover = later.get(a.agent.as_str()).map_or(&[][..], Vec::as_slice);
                AgentSchedule {
                    agent: a.agent.clone(),
                    shifts: a.shifts.iter().flat_map(|s| pieces(s, cover)).collect(),
                }
            })
            .collect();
        out.push(Schedule { agents });
        for a in &schedule.agents {
            let taken = later.entry(a.agent.as_str()).or_default();
            taken.extend(a.shifts.iter().map(bounds));
            *taken = shift_bounds(std::mem::take(taken));
        }
    }
    out.reverse();
    out
}

fn bounds(s: &Shift) -> (i64, i64) {
    (s.start.timestamp_millis(), s.end.timestamp_millis())
}

/// `shift` less `cover`: itself when untouched, else its pieces with the activities
/// that meet each.
fn pieces(shift: &Shift, cover: &[(i64, i64)]) -> Vec<Shift> {
    let (start, end) = bounds(shift);
    let left = less(start, end, cover);
    if left == [(start, end)] {
        return vec![shift.clone()];
    }
    left.into_iter()
        .map(|(a, b)| {
            let (a, b) = (super::time::instant(a), super::time::instant(b));
            Shift {
                date: shift.date,
                start: a,
                end: b,
                activities: shift
                    .activities
                    .iter()
                    .filter(|x| x.start < b && x.end > a)
                    .cloned()
                    .collect(),
            }
        })
        .collect()
}

/// Per agent, all time split among the schedules of `counted`: each counted shift to its
/// schedule, the time outside every shift to the nearest shift's.
fn owners(counted: &[Schedule]) -> HashMap<&str, Vec<Stretch>> {
    let mut shifts: HashMap<&str, Vec<Stretch>> = HashMap::new();
    for (layer, schedule) in counted.iter().enumerate() {
        for a in &schedule.agents {
            let mine = shifts.entry(a.agent.as_str()).or_default();
            mine.extend(a.shifts.iter().map(|s| {
                let (start, end) = bounds(s);
                (start, end, layer)
            }));
        }
    }
    for stretches in shifts.values_mut() {
        stretches.sort_unstable();
        *stretches = fill(stretches);
    }
    shifts
}

/// Sorted shifts made a partition of all time: overlaps (within one schedule) cut at
/// the earlier shift's end, gaps split at their middle, the ends open.
fn fill(shifts: &[Stretch]) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::with_capacity(shifts.len() * 2 + 1);
    for &(start, end, layer) in shifts {
        let Some(&(_, last_end, last_layer)) = out.last() else {
            out.push((i64::MIN, end, layer));
            continue;
        };
        if end <= last_end {
            continue;
        }
        let start = start.max(last_end);
        if start > last_end {
            let middle = last_end + (start - last_end) / 2;
            out.push((last_end, middle, last_layer));
            out.push((middle, start, layer));
        }
        out.push((start, end, layer));
    }
    if let Some(last) = out.last_mut() {
        last.1 = i64::MAX;
    }
    out
}

/// `spans` cut to the stretches `layer` owns.
fn owned(spans: &[StateSpan], stretches: &[Stretch], layer: usize) -> Vec<StateSpan> {
    let mut out = Vec::new();
    for s in spans {
        for &(a, b, _) in stretches.iter().filter(|x| x.2 == layer) {
            let (start, end) = (s.start.max(a), s.end.min(b));
            if start < end {
                out.push(StateSpan {
                    start,
                    end,
                    ..s.clone()
                });
            }
        }
    }
    out
}

/// The service impact's layers of `schedules` (in publication order, the later counting
/// where two overlap): each schedule as it counts and its agents' actual states from
/// `events` (grouped by agent, in time order; the missing-logout rule over the agent's
/// shifts in every schedule) in the time it counts them; see the module docs.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use std::collections::HashMap;
/// use wfm_scheduler::adherence::{AgentEvent, counted_layers};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let one = |a, b| Schedule { agents: vec![AgentSchedule { agent: "ana".into(),
///     shifts: vec![Shift { date: day, start: t(a), end: t(b), activities: vec![] }] }] };
/// let available = |h, contact| AgentEvent::plain("ana", t(h).timestamp_millis(), "Available", contact);
/// let events = HashMap::from([("ana".to_string(), vec![available(8, false), available(12, true)])]);
/// let layers = counted_layers(&[&one(8, 12), &one(12, 16)], &events);
/// let span = |l: usize| { let s = &layers[l].states["ana"][0]; (s.start, s.end) };
/// assert_eq!(span(0), (t(8).timestamp_millis(), t(12).timestamp_millis()));
/// assert_eq!(span(1), (t(12).timestamp_millis(), t(16).timestamp_millis()));
/// ```
pub fn counted_layers(
    schedules: &[&Schedule],
    events: &HashMap<String, Vec<AgentEvent>>,
) -> Vec<CountedLayer> {
    let counted = counted_schedules(schedules);
    let owners = owners(&counted);
    let mut shifts: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
    for a in schedules.iter().flat_map(|s| &s.agents) {
        shifts
            .entry(a.agent.as_str())
            .or_default()
            .extend(a.shifts.iter().map(bounds));
    }
    let states: HashMap<&str, Vec<StateSpan>> = shifts
        .into_iter()
        .map(|(agent, mine)| {
            let events = events.get(agent).map_or(&[][..], Vec::as_slice);
            (agent, agent_states(events, &shift_bounds(mine)))
        })
        .collect();
    let layers: Vec<HashMap<String, Vec<StateSpan>>> = (0..counted.len())
        .map(|layer| {
            counted[layer]
                .agents
                .iter()
                .map(|a| {
                    let agent = a.agent.as_str();
                    let spans = match (states.get(agent), owners.get(agent)) {
                        (Some(s), Some(o)) => owned(s, o, layer),
                        _ => Vec::new(),
                    };
                    (a.agent.clone(), spans)
                })
                .collect()
        })
        .collect();
    counted
        .into_iter()
        .zip(layers)
        .map(|(schedule, states)| CountedLayer { schedule, states })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_between_shifts_is_split_at_its_middle_and_the_ends_are_open() {
        let f = fill(&[(10, 20, 0), (15, 18, 0), (30, 40, 1), (35, 50, 1)]);
        assert_eq!(
            f,
            [
                (i64::MIN, 20, 0),
                (20, 25, 0),
                (25, 30, 1),
                (30, 40, 1),
                (40, i64::MAX, 1)
            ]
        );
        assert_eq!(less(0, 10, &[(2, 3), (5, 12)]), [(0, 2), (3, 5)]);
        assert_eq!(less(0, 10, &[(-5, -1)]), [(0, 10)]);
        assert_eq!(less(0, 10, &[(-5, 20)]), []);
    }
}
