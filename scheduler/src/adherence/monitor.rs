//! Real-time adherence: per agent, kept up to date event by event.
//!
//! For each agent of a day's schedule the monitor keeps the current state and since when,
//! the adherence so far today (the same rules as the historical figures, up to now), and
//! answers at any instant: adherent yes/no (or blank when unscheduled), the scheduled
//! state, time in state (reset on every change), and how long the agent has been out of
//! adherence. Grace: an agent who has not changed state since a scheduled activity began
//! is still shown adherent for that activity's grace minutes. An alert is raised once per
//! stretch when an agent is out of adherence longer than the alert threshold (grace
//! included in the stretch).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::compute::{AdherenceTotals, adherence};
use super::event::AgentEvent;
use super::rules::{AdherenceRules, ScheduledSpan};
use super::state::{ScheduledKind, StateKind};
use super::time::day_start;
use super::timeline::StateSpan;
use crate::schedule::Schedule;

#[derive(Debug, Clone)]
struct Current {
    state: String,
    kind: StateKind,
    on_contact: bool,
    since: i64,
}

#[derive(Debug, Clone)]
struct Live {
    plan: Vec<ScheduledSpan>,
    current: Option<Current>,
    counted: AdherenceTotals,
    counted_until: i64,
    alerted: Option<i64>,
}

/// An agent's real-time status at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveStatus {
    /// The agent.
    pub agent: String,
    /// Adherent now (grace included); `None` when nothing is scheduled now.
    pub adherent: Option<bool>,
    /// Out of adherence but within the activity's grace minutes.
    pub in_grace: bool,
    /// What is scheduled now; `None`: unscheduled.
    pub scheduled: Option<ScheduledKind>,
    /// The scheduled activity's name.
    pub scheduled_activity: Option<String>,
    /// The current status name (`Offline` before any event).
    pub state: String,
    /// Whether handling a contact.
    pub on_contact: bool,
    /// Since when in this state (epoch ms; the day's start before any event).
    pub state_since: i64,
    /// Time in the current state, ms.
    pub time_in_state_ms: i64,
    /// Adherence today up to now, percent; `None` before any scheduled time.
    pub adherence_today: Option<f64>,
    /// How long out of adherence without a break, ms (0 when adherent).
    pub out_of_adherence_ms: i64,
}

/// An agent out of adherence longer than the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdherenceAlert {
    /// The agent.
    pub agent: String,
    /// Out of adherence since (epoch ms).
    pub since: i64,
    /// When the alert was raised (epoch ms).
    pub at: i64,
    /// The scheduled activity.
    pub scheduled_activity: String,
    /// The agent's state.
    pub state: String,
}

/// The real-time monitor of one day's schedule; see the module docs.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::adherence::{AdherenceRules, AgentEvent, Monitor};
/// use wfm_scheduler::{AgentSchedule, Schedule, Shift};
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap().timestamp_millis();
/// let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let shift = Shift { date: day, start: Utc.timestamp_millis_opt(t(8, 0)).unwrap(),
///     end: Utc.timestamp_millis_opt(t(16, 0)).unwrap(), activities: vec![] };
/// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(), shifts: vec![shift] }] };
/// let rules = AdherenceRules::default().with_grace("Work", 5);
/// let mut m = Monitor::new(rules, &schedule, day, 10);
/// m.apply(&AgentEvent::plain("ana", t(8, 0), "Available", false));
/// m.apply(&AgentEvent::plain("ana", t(9, 0), "Coffee", false));
/// let s = m.status("ana", t(9, 20)).unwrap();
/// assert_eq!((s.adherent, s.time_in_state_ms), (Some(false), 20 * 60_000));
/// assert_eq!(s.adherence_today, Some(75.0)); // 60 of 80 minutes
/// assert_eq!(m.alerts(t(9, 20)).len(), 1);   // out 20 min > 10
/// assert!(m.alerts(t(9, 30)).is_empty());    // once per stretch
/// assert!(m.apply(&AgentEvent::plain("zed", t(9, 0), "Available", false)).is_none());
/// assert_eq!(m.unknown_agents()["zed"], 1);
/// ```
#[derive(Debug, Clone)]
pub struct Monitor {
    rules: AdherenceRules,
    agents: HashMap<String, Live>,
    alert_after_ms: i64,
    unknown: BTreeMap<String, u64>,
}

impl Monitor {
    /// A monitor of the shifts of `day` in `schedule`, alerting after
    /// `alert_after_minutes` out of adherence.
    pub fn new(
        rules: AdherenceRules,
        schedule: &Schedule,
        day: NaiveDate,
        alert_after_minutes: u32,
    ) -> Self {
        let plans = super::combine::day_plans(&[(&rules, schedule)], day);
        Self::with_plans(rules, plans, day, alert_after_minutes)
    }

    /// A monitor of agents' scheduled spans on `day` (e.g. from several schedules by
    /// [`day_plans`](super::day_plans)); `rules` give the grace minutes per activity.
    pub fn with_plans(
        rules: AdherenceRules,
        plans: Vec<(String, Vec<ScheduledSpan>)>,
        day: NaiveDate,
        alert_after_minutes: u32,
    ) -> Self {
        let from = day_start(day);
        let agents = plans
            .into_iter()
            .map(|(agent, mut plan)| {
                plan.sort_by_key(|s| s.start);
                let start = plan.first().map_or(from, |p| p.start.min(from));
                let live = Live {
                    plan,
                    current: None,
                    counted: AdherenceTotals::default(),
                    counted_until: start,
                    alerted: None,
                };
                (agent, live)
            })
            .collect();
        Self {
            rules,
            agents,
            alert_after_ms: i64::from(alert_after_minutes) * 60_000,
            unknown: BTreeMap::new(),
        }
    }

    /// Applies one event (in time order: put a [`Sequencer`](super::Sequencer) in front
    /// of a real stream); returns the agent's status at the event, `None` for an agent
    /// not in the schedule (counted in [`Monitor::unknown_agents`]).
    pub fn apply(&mut self, event: &AgentEvent) -> Option<LiveStatus> {
        let Some(live) = self.agents.get_mut(event.agent.as_str()) else {
            *self.unknown.entry(event.agent.to_string()).or_insert(0) += 1;
            return None;
        };
        let same = live
            .current
            .as_ref()
            .is_some_and(|c| c.state == event.state && c.on_contact == event.on_contact);
        if !same && event.at >= live.counted_until {
            let part = measure(live, event.at);
            live.counted += part;
            live.counted_until = event.at;
            live.current = Some(Current {
                state: event.state.to_string(),
                kind: event.kind(),
                on_contact: event.on_contact,
                since: event.at,
            });
        }
        let now = event.at;
        self.status(&event.agent, now)
    }

    /// Agents newly out of adherence longer than the threshold at `now` (once per
    /// stretch).
    pub fn alerts(&mut self, now: i64) -> Vec<AdherenceAlert> {
        let mut out = Vec::new();
        let names: Vec<String> = self.agents.keys().cloned().collect();
        for agent in names {
            let Some(s) = self.status(&agent, now) else {
                continue;
            };
            if s.out_of_adherence_ms <= self.alert_after_ms {
                continue;
            }
            let since = now - s.out_of_adherence_ms;
            let Some(live) = self.agents.get_mut(&agent) else {
                continue;
            };
            if live.alerted != Some(since) {
                live.alerted = Some(since);
                out.push(AdherenceAlert {
                    agent,
                    since,
                    at: now,
                    scheduled_activity: s.scheduled_activity.unwrap_or_default(),
                    state: s.state,
                });
            }
        }
        out.sort_by(|a, b| a.agent.cmp(&b.agent));
        out
    }

    /// An agent's status at `now`; `None` for an agent not in the schedule.
    pub fn status(&self, agent: &str, now: i64) -> Option<LiveStatus> {
        let live = self.agents.get(agent)?;
        let (state, kind, on_contact, since) = match &live.current {
            Some(c) => (c.state.clone(), c.kind, c.on_contact, c.since),
            None => (
                "Offline".to_owned(),
                StateKind::Offline,
                false,
                live.counted_until,
            ),
        };
        let mut today = live.counted;
        today += measure(live, now);
        let at = live.plan.iter().position(|p| p.start <= now && now < p.end);
        let (adherent, in_grace, out_ms) = match at {
            None => (None, false, 0),
            Some(i) => {
                let p = &live.plan[i];
                let ok = p.kind.adherent(kind, on_contact);
                let grace =
                    !ok && since <= p.start && now - p.start < self.rules.grace_ms(&p.activity);
                let mut j = i;
                while !ok && j > 0 {
                    let q = &live.plan[j - 1];
                    if q.end != live.plan[j].start
                        || q.kind.adherent(kind, on_contact)
                        || q.end <= since
                    {
                        break;
                    }
                    j -= 1;
                }
                let out = if ok {
                    0
                } else {
                    now - live.plan[j].start.max(since)
                };
                (Some(ok || grace), grace, out)
            }
        };
        Some(LiveStatus {
            agent: agent.to_owned(),
            adherent,
            in_grace,
            scheduled: at.map(|i| live.plan[i].kind),
            scheduled_activity: at.map(|i| live.plan[i].activity.clone()),
            state,
            on_contact,
            state_since: since,
            time_in_state_ms: (now - since).max(0),
            adherence_today: today.percent(),
            out_of_adherence_ms: out_ms,
        })
    }

    /// Every agent's status at `now`, by name.
    pub fn statuses(&self, now: i64) -> Vec<LiveStatus> {
        let mut names: Vec<&String> = self.agents.keys().collect();
        names.sort();
        names
            .into_iter()
            .filter_map(|a| self.status(a, now))
            .collect()
    }

    /// Agents seen in events but not in the schedule, with their event counts.
    pub fn unknown_agents(&self) -> &BTreeMap<String, u64> {
        &self.unknown
    }
}

/// The adherence of `[counted_until, until)` in the current state (Offline before any).
fn measure(live: &Live, until: i64) -> AdherenceTotals {
    let from = live.counted_until;
    if until <= from {
        return AdherenceTotals::default();
    }
    let plan: Vec<ScheduledSpan> = live
        .plan
        .iter()
        .filter(|p| p.end > from && p.start < until)
        .map(|p| ScheduledSpan {
            start: p.start.max(from),
            end: p.end.min(until),
            kind: p.kind,
            activity: String::new(),
        })
        .collect();
    let state: Vec<StateSpan> = live
        .current
        .iter()
        .map(|c| StateSpan {
            start: from,
            end: until,
            state: String::new(),
            kind: c.kind,
            on_contact: c.on_contact,
        })
        .collect();
    adherence(&plan, &state).totals
}
