//! The rule check of a batch, with the validator as the one source of truth: each touched
//! agent's violations before and after the batch are compared (by rule and day), and an
//! agent whose edits add one is skipped — their schedule restored — unless rules are
//! overridden, which applies them and records the override.
//!
//! Only the touched agents' staffing groups are validated (a same-start-time rule needs
//! the group); group-wide rules without an agent (minimum staff) are not an agent's to
//! break: they show in the review and in the validator's findings on the schedule.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::apply::Work;
use super::log::LogEntry;
use super::notes::Annotations;
use crate::scenario::Scenario;
use crate::schedule::Schedule;
use crate::validate::{Rule, Violation, validate};

/// The touched agents' violations, by agent.
fn violations_of(
    scenario: &Scenario,
    schedule: &Schedule,
    touched: &BTreeSet<&str>,
) -> BTreeMap<String, Vec<Violation>> {
    let groups: BTreeSet<&str> = touched
        .iter()
        .filter_map(|a| scenario.group_of(a).map(|g| g.name.as_str()))
        .collect();
    let keep = |agent: &str| {
        touched.contains(agent)
            || scenario
                .group_of(agent)
                .is_some_and(|g| groups.contains(g.name.as_str()))
    };
    let sub = Schedule {
        agents: schedule
            .agents
            .iter()
            .filter(|a| keep(&a.agent))
            .cloned()
            .collect(),
    };
    let mut out: BTreeMap<String, Vec<Violation>> = BTreeMap::new();
    for v in validate(scenario, &sub) {
        if let Some(a) = v.agent.as_deref().filter(|a| touched.contains(a)) {
            out.entry(a.to_owned()).or_default().push(v);
        }
    }
    out
}

/// The violations of `after` that `before` does not have (counted by rule and day).
pub(crate) fn added(before: &[Violation], after: &[Violation]) -> Vec<Violation> {
    let mut had: BTreeMap<(Rule, Option<NaiveDate>), usize> = BTreeMap::new();
    for v in before {
        *had.entry((v.rule, v.date)).or_default() += 1;
    }
    after
        .iter()
        .filter(|v| match had.get_mut(&(v.rule, v.date)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Checks every touched agent; skips (restores) or records the override of those whose
/// edits add a violation. Returns the agents skipped.
pub(crate) fn check(
    work: &mut Work<'_>,
    original: &Schedule,
    original_notes: &Annotations,
    override_rules: bool,
) -> Vec<String> {
    let names: Vec<String> = work.touched.keys().cloned().collect();
    let touched: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    let before = violations_of(work.scenario, original, &touched);
    let after = violations_of(work.scenario, &work.schedule, &touched);
    let mut skipped = Vec::new();
    let mut log = Vec::new();
    for agent in &touched {
        let none = Vec::new();
        let new = added(
            before.get(*agent).unwrap_or(&none),
            after.get(*agent).unwrap_or(&none),
        );
        if new.is_empty() {
            continue;
        }
        let lines = work.touched[*agent].clone();
        if override_rules {
            log.push(LogEntry::Overridden {
                agent: (*agent).to_owned(),
                lines,
                violations: new,
            });
        } else {
            log.push(LogEntry::Skipped {
                agent: (*agent).to_owned(),
                lines,
                violations: new,
            });
            skipped.push((*agent).to_owned());
        }
    }
    for agent in &skipped {
        restore(work, original, original_notes, agent);
    }
    work.log.extend(log);
    for (instance, agent) in work.notes.reconcile(&work.schedule) {
        work.log.push(LogEntry::Detached { instance, agent });
    }
    skipped
}

/// Puts `agent`'s shifts and comments back as they were.
fn restore(work: &mut Work<'_>, original: &Schedule, notes: &Annotations, agent: &str) {
    let old = original.agents.iter().find(|a| a.agent == agent);
    match (
        work.schedule.agents.iter().position(|a| a.agent == agent),
        old,
    ) {
        (Some(i), Some(o)) => work.schedule.agents[i] = o.clone(),
        (Some(i), None) => {
            work.schedule.agents.remove(i);
        }
        (None, _) => {}
    }
    work.notes.comments.retain(|c| c.agent != agent);
    work.notes
        .comments
        .extend(notes.comments.iter().filter(|c| c.agent == agent).cloned());
    work.notes
        .comments
        .sort_by(|x, y| (&x.agent, x.date).cmp(&(&y.agent, y.date)));
    work.touched.remove(agent);
    work.reoptimise_days.retain(|(a, _)| a != agent);
}
