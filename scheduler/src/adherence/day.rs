//! A schedule's adherence per agent and day from the agents' events, and the sums per
//! week or any range.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::compute::{AdherenceException, AdherenceTotals};
use super::event::AgentEvent;
use super::rules::AdherenceRules;
use super::timeline::{StateSpan, state_spans};
use crate::schedule::Schedule;

/// How far ahead a shift may start for a state to run into it (a login shortly before
/// midnight for a shift starting after it).
const RUNS_INTO_MS: i64 = 12 * 3_600_000;

/// One agent's adherence on one schedule day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAdherence {
    /// The agent.
    pub agent: String,
    /// The schedule day (the shift's date).
    pub day: NaiveDate,
    /// The totals.
    pub totals: AdherenceTotals,
    /// The exceptions.
    pub exceptions: Vec<AdherenceException>,
}

/// An agent's actual states from their events (in time order), each state running until
/// the next event or the end of the scheduled day it began in (the end of the first
/// shift ending after it and of the shifts that continue it, overlapping or starting as
/// it ends, if that shift starts within 12 hours; else it ends at once): the
/// missing-logout rule. `shifts` are the agent's `[start, end)` sorted by start, as
/// [`shift_bounds`](super::shift_bounds) gives them.
pub fn agent_states(events: &[AgentEvent], shifts: &[(i64, i64)]) -> Vec<StateSpan> {
    let mut spans = state_spans(events, i64::MAX);
    for s in &mut spans {
        let i = shifts.partition_point(|&(_, end)| end <= s.start);
        let cap = match shifts.get(i) {
            Some(&(start, end)) if start <= s.start + RUNS_INTO_MS => day_end(&shifts[i..], end),
            _ => s.start,
        };
        s.end = s.end.min(cap.max(s.start));
    }
    spans.retain(|s| s.end > s.start);
    spans
}

/// The end of the scheduled day that `shifts[0]` (ending at `end`) begins: the shifts
/// after it are joined while they overlap or meet it.
fn day_end(shifts: &[(i64, i64)], mut end: i64) -> i64 {
    for &(start, e) in shifts.iter().skip(1) {
        if start > end {
            break;
        }
        end = end.max(e);
    }
    end
}

/// Adherence of every agent of `schedule` on every day of `days` (inclusive) with a
/// shift, one row per agent and day, from `events` grouped by agent (each agent's in time
/// order; agents without events were Offline). Several schedules together:
/// [`combined_adherence`](super::combined_adherence).
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use std::collections::HashMap;
/// use wfm_scheduler::adherence::{AdherenceRules, AgentEvent, schedule_adherence};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let shift = Shift { date: day, start: t(8, 0), end: t(11, 0), activities: vec![] };
/// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(), shifts: vec![shift] }] };
/// let ms = |h, m| t(h, m).timestamp_millis();
/// let events = HashMap::from([("ana".to_string(), vec![
///     AgentEvent::plain("ana", ms(7, 30), "Available", false),
///     AgentEvent::plain("ana", ms(10, 30), "Break", false)])]);
/// let days = schedule_adherence(&AdherenceRules::default(), &schedule, &events, (day, day));
/// assert_eq!(days[0].totals.percent(), Some(83.33)); // the Break runs on: no logout
/// ```
pub fn schedule_adherence(
    rules: &AdherenceRules,
    schedule: &Schedule,
    events: &HashMap<String, Vec<AgentEvent>>,
    days: (NaiveDate, NaiveDate),
) -> Vec<DayAdherence> {
    super::combine::combined_adherence(&[(rules, schedule)], events, days).days
}

/// How days are summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One row per agent and day.
    Day,
    /// One row per agent and week (Monday to Sunday).
    Week,
    /// One row per agent over the whole range.
    Range,
}

/// An agent's adherence over `[from, to]` (inclusive days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodAdherence {
    /// The agent.
    pub agent: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The totals.
    pub totals: AdherenceTotals,
}

/// Sums day rows per agent and `period` within `range`; rows by agent, then time.
///
/// ```
/// use chrono::NaiveDate;
/// use wfm_scheduler::adherence::{AdherenceTotals, DayAdherence, Period, by_period};
/// let d = |day| DayAdherence { agent: "ana".into(), day: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
///     totals: AdherenceTotals { scheduled_ms: 100, adherent_ms: 50, non_adherent_ms: 50 }, exceptions: vec![] };
/// let range = (NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
/// let weeks = by_period(&[d(2), d(3), d(9)], Period::Week, range); // Mondays 2 and 9 March
/// assert_eq!(weeks.len(), 2);
/// assert_eq!(weeks[0].totals.scheduled_ms, 200);
/// assert_eq!(by_period(&[d(2), d(9)], Period::Range, range)[0].from, range.0);
/// ```
pub fn by_period(
    days: &[DayAdherence],
    period: Period,
    range: (NaiveDate, NaiveDate),
) -> Vec<PeriodAdherence> {
    let mut sums: BTreeMap<(&str, NaiveDate), (NaiveDate, AdherenceTotals)> = BTreeMap::new();
    for d in days.iter().filter(|d| d.day >= range.0 && d.day <= range.1) {
        let (from, to) = match period {
            Period::Day => (d.day, d.day),
            Period::Week => {
                let monday =
                    d.day - Duration::days(i64::from(d.day.weekday().num_days_from_monday()));
                (monday, monday + Duration::days(6))
            }
            Period::Range => range,
        };
        sums.entry((d.agent.as_str(), from))
            .or_insert((to, AdherenceTotals::default()))
            .1 += d.totals;
    }
    sums.into_iter()
        .map(|((agent, from), (to, totals))| PeriodAdherence {
            agent: agent.to_owned(),
            from,
            to,
            totals,
        })
        .collect()
}
