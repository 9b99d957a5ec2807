//! The independent validator: checks a schedule against every scheduling rule, from the
//! scenario alone. It shares no constraint-building code with any generator: each rule is
//! re-derived here from the configuration, so a generator bug cannot hide itself.
//!
//! Conventions the rules use:
//! - a shift belongs to its `date`, the day of the profile window it lies in (the profile's
//!   clock: UTC by default, the agent's zone for `clock = "local"`); lengths are true
//!   lengths between UTC instants, so a shift across a DST change counts its real hours;
//! - weeks are 7-day blocks from the request's start; minimum weekly hours, minimum work
//!   days and days off apply to full weeks (all 7 days in the request and in employment);
//! - consecutive-day runs cut by the agent's horizon (request ∩ employment) are exempt
//!   from the minimum;
//! - a staff rule's hours override the staffing group's bound by bound; where a daily
//!   bound is set it replaces the profile's shift length bound.

mod activities;
mod agent;
mod days;
mod group;
mod shift;
mod violation;

use std::collections::BTreeMap;

pub use violation::{Rule, Violation};

use crate::scenario::Scenario;
use crate::schedule::{Schedule, Shift};
use agent::AgentView;
use violation::Sink;

/// Every violation of `schedule` against `scenario`'s rules, sorted by agent, date, rule.
///
/// ```
/// use wfm_scheduler::{Scenario, Schedule, validate, Rule};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "example")?;
/// // an empty schedule misses the weekly minimum hours and the minimum staff
/// let v = validate(&sc, &Schedule::default());
/// assert!(v.iter().any(|v| v.rule == Rule::WeeklyMinHours));
/// assert!(v.iter().any(|v| v.rule == Rule::MinimumStaff));
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
pub fn validate(scenario: &Scenario, schedule: &Schedule) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut by_agent: BTreeMap<&str, Vec<&Shift>> = BTreeMap::new();
    for a in &schedule.agents {
        by_agent
            .entry(a.agent.as_str())
            .or_default()
            .extend(a.shifts.iter());
    }
    for name in scenario.agents() {
        by_agent.entry(name).or_default();
    }
    for (name, shifts) in &by_agent {
        let Some(view) = AgentView::new(scenario, name, shifts.clone()) else {
            let mut sink = Sink {
                agent: Some(name),
                group: None,
                out: &mut out,
            };
            sink.push(
                Rule::UnknownAgent,
                None,
                0.0,
                0.0,
                format!(
                    "'{name}' is in no staffing group of forecast group '{}'",
                    scenario.request().forecast_group
                ),
            );
            continue;
        };
        let mut sink = Sink {
            agent: Some(name),
            group: Some(&view.group.name),
            out: &mut out,
        };
        shift::check(scenario, &view, &mut sink);
        activities::check(scenario, &view, &mut sink);
        days::check(scenario, &view, &mut sink);
    }
    for g in scenario.run_groups() {
        let shifts: Vec<(&str, &Shift)> = g
            .agents
            .iter()
            .flat_map(|a| {
                by_agent
                    .get(a.as_str())
                    .into_iter()
                    .flatten()
                    .map(move |s| (a.as_str(), *s))
            })
            .filter(|(_, s)| s.end > s.start)
            .collect();
        group::check(scenario, g, &shifts, &mut out);
    }
    out.sort_by(|a, b| (&a.agent, a.date, a.rule).cmp(&(&b.agent, b.date, b.rule)));
    out
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
