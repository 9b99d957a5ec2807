//! What changed for each agent between two versions of a schedule: the per-agent diff
//! that publishing and every edit of a published schedule turn into change records (the
//! notifications agents and supervisors receive).
//!
//! The diff is by schedule day: an agent's day is touched when its shift (start, end or
//! any placed activity) differs, appears or disappears. An agent listed in only one of
//! the two schedules is a change even without shifts (their published schedule starts or
//! ends: a first publication tells every agent, also those with no shift).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::schedule::{Schedule, Shift};

/// One agent's change between two schedules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentChange {
    /// The agent.
    pub agent: String,
    /// The schedule days whose shift changed, appeared or disappeared, ascending.
    pub dates: Vec<NaiveDate>,
    /// The agent's shifts on those days before (none: the agent had no shift there).
    pub before: Vec<Shift>,
    /// The agent's shifts on those days after.
    pub after: Vec<Shift>,
}

/// Every agent whose shifts differ between `before` and `after`, by agent name: the days
/// touched and the shifts of those days on both sides. Agents listed in only one of the
/// two are included even without a shift (see the module documentation). Pure and
/// deterministic.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::changes::changes;
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
/// let shift = |d, h| Shift { date: day(d), start: Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap(),
///     end: Utc.with_ymd_and_hms(2026, 3, d, h + 8, 0, 0).unwrap(), activities: vec![] };
/// let agent = |name: &str, shifts| AgentSchedule { agent: name.into(), shifts };
/// let before = Schedule { agents: vec![agent("ana", vec![shift(2, 8), shift(3, 8)]), agent("ben", vec![shift(2, 9)])] };
/// let after = Schedule { agents: vec![agent("ana", vec![shift(2, 8), shift(3, 10)]), agent("ben", vec![shift(2, 9)])] };
/// let c = changes(&before, &after);
/// assert_eq!(c.len(), 1);
/// assert_eq!((c[0].agent.as_str(), c[0].dates.as_slice()), ("ana", &[day(3)][..]));
/// assert_eq!((c[0].before[0].start.format("%H").to_string(), c[0].after[0].start.format("%H").to_string()),
///     ("08".into(), "10".into()));
/// // a first publication: every agent listed
/// assert_eq!(changes(&Schedule::default(), &after).len(), 2);
/// ```
pub fn changes(before: &Schedule, after: &Schedule) -> Vec<AgentChange> {
    let old = by_agent(before);
    let new = by_agent(after);
    let agents: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut out = Vec::new();
    for agent in agents {
        let (o, n) = (old.get(agent), new.get(agent));
        let empty = BTreeMap::new();
        let (od, nd) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
        let days: BTreeSet<NaiveDate> = od.keys().chain(nd.keys()).copied().collect();
        let dates: Vec<NaiveDate> = days
            .into_iter()
            .filter(|d| od.get(d) != nd.get(d))
            .collect();
        let listed_once = o.is_none() || n.is_none();
        if dates.is_empty() && !listed_once {
            continue;
        }
        let pick = |m: &BTreeMap<NaiveDate, Vec<&Shift>>| -> Vec<Shift> {
            dates
                .iter()
                .filter_map(|d| m.get(d))
                .flatten()
                .map(|s| (*s).clone())
                .collect()
        };
        out.push(AgentChange {
            agent: agent.to_owned(),
            before: pick(od),
            after: pick(nd),
            dates,
        });
    }
    out
}

/// Per agent (an agent listed twice: the shifts of both listings),
/// per day, the shifts in start order.
fn by_agent(s: &Schedule) -> BTreeMap<&str, BTreeMap<NaiveDate, Vec<&Shift>>> {
    let mut out: BTreeMap<&str, BTreeMap<NaiveDate, Vec<&Shift>>> = BTreeMap::new();
    for a in &s.agents {
        let days = out.entry(a.agent.as_str()).or_default();
        for sh in &a.shifts {
            days.entry(sh.date).or_default().push(sh);
        }
    }
    for days in out.values_mut() {
        for shifts in days.values_mut() {
            shifts.sort_by_key(|s| (s.start, s.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::schedule::{AgentSchedule, PlacedActivity};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn shift(d: u32, h: u32) -> Shift {
        Shift {
            date: day(d),
            start: Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 3, d, h + 8, 0, 0).unwrap(),
            activities: vec![],
        }
    }

    fn schedule(agents: &[(&str, Vec<Shift>)]) -> Schedule {
        Schedule {
            agents: agents
                .iter()
                .map(|(a, s)| AgentSchedule {
                    agent: (*a).into(),
                    shifts: s.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn identical_schedules_have_no_change_whatever_the_order() {
        let a = schedule(&[("ana", vec![shift(2, 8), shift(3, 8)]), ("ben", vec![])]);
        let b = schedule(&[("ben", vec![]), ("ana", vec![shift(3, 8), shift(2, 8)])]);
        assert!(changes(&a, &b).is_empty());
    }

    #[test]
    fn a_moved_break_a_removed_and_an_added_shift_are_days_touched() {
        let mut moved = shift(2, 8);
        moved.activities.push(PlacedActivity {
            activity: "Break".into(),
            start: moved.start + chrono::Duration::hours(2),
            end: moved.start + chrono::Duration::minutes(135),
        });
        let a = schedule(&[("ana", vec![shift(2, 8), shift(3, 8)])]);
        let b = schedule(&[("ana", vec![moved.clone(), shift(4, 8)])]);
        let c = changes(&a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].dates, [day(2), day(3), day(4)]);
        assert_eq!(c[0].before, [shift(2, 8), shift(3, 8)]);
        assert_eq!(c[0].after, [moved, shift(4, 8)]);
    }

    #[test]
    fn agents_listed_on_one_side_only_are_changes_even_without_shifts() {
        let a = schedule(&[("ana", vec![]), ("old", vec![shift(2, 8)])]);
        let b = schedule(&[("ana", vec![]), ("new", vec![])]);
        let c = changes(&a, &b);
        let names: Vec<&str> = c.iter().map(|x| x.agent.as_str()).collect();
        assert_eq!(names, ["new", "old"]);
        assert!(c[0].dates.is_empty() && c[0].after.is_empty());
        assert_eq!(
            (c[1].dates.as_slice(), c[1].after.len()),
            (&[day(2)][..], 0)
        );
    }
}
