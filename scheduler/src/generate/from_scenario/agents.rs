//! A pool's agents → the generator's [`Agent`]s: weekly hours, work days, consecutive
//! days (with what the previous week carries), availability, Work days, days off and
//! allowed lengths (see the module docs of `from_scenario`).

use chrono::{Datelike, NaiveDate};

use super::WeekFrame;
use super::pools::PoolMap;
use crate::generate::{Agent, Availability, ShiftLength};
use crate::model::{DayStatus, hours_to_minutes};
use crate::scenario::Scenario;

/// Whether agent `a` is scheduled on `date`: inside the request and the agent's
/// employment.
pub(super) fn works(scenario: &Scenario, a: &str, date: &NaiveDate) -> bool {
    let req = scenario.request();
    let (s, e) = scenario.employment_of(a);
    *date >= req.start
        && *date <= req.end
        && s.is_none_or(|s| *date >= s)
        && e.is_none_or(|e| *date <= e)
}

/// The pool's agents with their rules; `bounds` holds each agent's shift length bounds
/// (intervals), `lengths` the pool's template lengths. Weekly minimums, minimum work
/// days and days off apply to full weeks only (as the validator's).
pub(super) fn pool_agents(
    frame: &WeekFrame<'_>,
    m: &PoolMap<'_>,
    bounds: &[(u32, u32)],
    lengths: &[ShiftLength],
) -> Vec<Agent> {
    let (scenario, profile, carry) = (frame.scenario, m.profile, frame.carry);
    let mut agents = Vec::new();
    for (a, &(alo, ahi)) in m.agents.iter().zip(bounds) {
        let h = scenario.hours_of(a);
        let full = frame.aligned && frame.dates.iter().all(|d| works(scenario, a, d));
        let mut agent = Agent::new(*a);
        agent.min_week_minutes = h.weekly_min_hours.filter(|_| full).map(hours_to_minutes);
        agent.max_week_minutes = h.weekly_max_hours.map(hours_to_minutes);
        let wd = profile.work_days_per_week.unwrap_or_default();
        agent.max_work_days = wd.max.map(|m| m.min(7) as u8);
        agent.min_work_days = wd.min.filter(|_| full).map(|m| m.min(7) as u8);
        agent.max_consecutive_days = scenario.consecutive_of(a).0.max.map(|m| m.min(7) as u8);
        agent.worked_days_before = carry
            .worked_days_before
            .get(*a)
            .copied()
            .unwrap_or(0)
            .min(7);
        let (work_runs, off_runs) = scenario.consecutive_of(a);
        agent.min_consecutive_days = work_runs
            .min
            .filter(|&m| m > 1)
            .map(|m| u8::try_from(m).unwrap_or(u8::MAX));
        agent.max_consecutive_off = off_runs.max.map(|m| m.min(7) as u8);
        agent.min_consecutive_off = off_runs
            .min
            .filter(|&m| m > 1)
            .map(|m| u8::try_from(m).unwrap_or(u8::MAX));
        agent.off_days_before = carry.off_days_before.get(*a).copied().unwrap_or(0).min(7);
        for (d, date) in frame.dates.iter().enumerate() {
            let status = profile.days.status(date.weekday());
            agent.counted[d] = works(scenario, a, date);
            if status == DayStatus::Off || !works(scenario, a, date) {
                agent.availability[d] = Availability::Off;
            } else if status == DayStatus::Work {
                agent.must_work[d] = true;
            }
            if full && profile.days_off.contains(&date.weekday()) {
                agent.days_off_any |= 1 << d;
            }
        }
        agent.allowed_lengths = Some(
            lengths
                .iter()
                .map(|l| l.length)
                .filter(|l| (alo..=ahi).contains(l))
                .collect(),
        );
        agents.push(agent);
    }
    agents
}
