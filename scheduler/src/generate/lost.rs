//! Why an interval the first tour model covered is short in the returned week: for
//! every such interval, per pool, which rule keeps which agents from covering it.
//!
//! For each agent of a pool who is not productive in the interval, every shift of the
//! pool's template that covers it (a start of that day's window and a length) is tried
//! in place of the agent's shift of that day (or added, on a day off), and the agent's
//! rules are measured as the polish measures them (`polish/rules.rs`). An agent for
//! whom some such shift keeps every rule is *free*: the interval could be covered by
//! them, at the price of the coverage their own shift gives elsewhere (the generator
//! judged that worse) — `idle` if they have no shift that day, else `moving`. Otherwise
//! the first rule the least-breaking shift breaks is the agent's reason. An agent on a
//! break in the interval is counted under "break placed there".

use serde::{Deserialize, Serialize};

use super::input::{DAYS, WeekProblem};
use super::output::{Shift, WeekSchedule};
use super::polish::rules::{Amounts, amounts};

/// The rules of [`Amounts`] by index, in a planner's words.
const RULES: [&str; 11] = [
    "shift window, length or availability",
    "one shift a day",
    "maximum weekly hours",
    "minimum weekly hours",
    "maximum work days",
    "minimum work days",
    "maximum consecutive work days",
    "days off",
    "Work day",
    "maximum consecutive days off",
    "minimum consecutive work days or days off",
];

/// One rule and the agents of a pool it keeps from an interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleAgents {
    /// The rule (e.g. `"maximum weekly hours"`), `"idle"` / `"moving"` for agents whose
    /// rules allow it (see the module docs) or `"break placed there"`.
    pub rule: String,
    /// The agents' ids.
    pub agents: Vec<String>,
}

/// One pool's part of a [`LostInterval`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolReasons {
    /// The pool's name.
    pub pool: String,
    /// Per rule, the agents it keeps from the interval (rules in `RULES` order).
    pub reasons: Vec<RuleAgents>,
}

/// An interval short in the returned week that the first tour model covered, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LostInterval {
    /// Week interval (from the week's first instant).
    pub interval: u32,
    /// UTC start of the interval (RFC 3339), when the caller knows the week's start.
    #[serde(default)]
    pub start: String,
    /// Productive agents short of the requirement there.
    pub agents_short: u32,
    /// Per pool with agents who could be on shift there, why they are not.
    pub pools: Vec<PoolReasons>,
}

/// The lost intervals of `week` (short, not short in the first tour model), each with
/// its reasons (see the module docs).
pub(crate) fn lost_intervals(problem: &WeekProblem, week: &WeekSchedule) -> Vec<LostInterval> {
    let horizon = problem.grid.week();
    week.coverage
        .iter()
        .filter(|c| c.scheduled < c.required)
        .filter(|c| {
            week.tour_short_intervals
                .binary_search(&c.interval)
                .is_err()
        })
        .filter(|c| c.interval < horizon)
        .map(|c| LostInterval {
            interval: c.interval,
            start: String::new(),
            agents_short: c.required - c.scheduled,
            pools: (0..problem.pools.len())
                .filter_map(|p| pool_reasons(problem, week, p, c.interval))
                .collect(),
        })
        .collect()
}

/// Why the agents of pool `p` are not productive at `t` (`None`: no agent or no shift
/// of the pool can be on at `t`).
fn pool_reasons(
    problem: &WeekProblem,
    week: &WeekSchedule,
    p: usize,
    t: u32,
) -> Option<PoolReasons> {
    let pool = &problem.pools[p];
    let template = &pool.template;
    // the pool's shifts that cover t: (day, start, length)
    let mut candidates = Vec::new();
    for d in 0..DAYS {
        for start in template.day_starts(&problem.grid, d) {
            for l in template.lengths.iter().map(|l| l.length) {
                if start <= t && t < start + l {
                    candidates.push((d, start, l));
                }
            }
        }
    }
    if candidates.is_empty() || pool.agents.is_empty() {
        return None;
    }
    let mut by_rule: Vec<(String, Vec<String>)> = Vec::new();
    let mut note = |rule: &str, agent: &str| match by_rule.iter_mut().find(|(r, _)| r == rule) {
        Some((_, a)) => a.push(agent.to_string()),
        None => by_rule.push((rule.to_string(), vec![agent.to_string()])),
    };
    for a in week.agents.iter().filter(|a| a.pool == p) {
        let Some(agent) = pool.agents.iter().find(|x| x.id == a.agent) else {
            continue;
        };
        if a.shifts.iter().any(|s| s.productive_at(t)) {
            continue;
        }
        if a.shifts.iter().any(|s| (s.start..s.end).contains(&t)) {
            note("break placed there", &agent.id);
            continue;
        }
        let now = amounts(problem, agent, &a.shifts);
        let mut best: Option<(usize, usize)> = None; // (rules broken, first rule)
        let mut free = None;
        for &(d, start, l) in &candidates {
            let mut shifts: Vec<Shift> = a
                .shifts
                .iter()
                .filter(|s| usize::from(s.day) != d)
                .cloned()
                .collect();
            let had = shifts.len() < a.shifts.len();
            shifts.push(Shift {
                pool: p,
                day: d as u8,
                start,
                end: start + l,
                paid: l,
                breaks: Vec::new(),
            });
            let after = amounts(problem, agent, &shifts);
            match worse(&after, &now) {
                None => {
                    free = Some(if had { "moving" } else { "idle" });
                    if !had {
                        break;
                    }
                }
                Some(found) => {
                    if best.is_none_or(|b| found < b) {
                        best = Some(found);
                    }
                }
            }
        }
        match (free, best) {
            (Some(f), _) => note(f, &agent.id),
            (None, Some((_, rule))) => note(RULES[rule], &agent.id),
            (None, None) => {}
        }
    }
    // rules in their order, then the free agents
    let rank = |r: &str| RULES.iter().position(|x| *x == r).unwrap_or(RULES.len());
    by_rule.sort_by_key(|(r, _)| rank(r));
    Some(PoolReasons {
        pool: pool.name.clone(),
        reasons: by_rule
            .into_iter()
            .map(|(rule, agents)| RuleAgents { rule, agents })
            .collect(),
    })
}

/// `None` when `after` is nowhere further from a rule than `before`, else how many rules
/// got worse and the first of them.
fn worse(after: &Amounts, before: &Amounts) -> Option<(usize, usize)> {
    let broken: Vec<usize> = (0..after.len()).filter(|&i| after[i] > before[i]).collect();
    broken.first().map(|&f| (broken.len(), f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{
        Agent, Availability, Grid, Limits, Pool, ShiftLength, ShiftTemplate, generate,
    };

    /// One agent who may not start before 09:00 on day 0; one agent needed 08:00–12:00
    /// on a 30-minute grid: 08:00–09:00 is short, the tour model covered it.
    #[test]
    fn a_lost_interval_names_the_rule_and_the_agent() {
        let grid = Grid::new(30).unwrap();
        let mut required = vec![0; grid.week() as usize];
        for r in &mut required[16..24] {
            *r = 1;
        }
        let lengths = vec![ShiftLength {
            length: 8,
            breaks: vec![],
        }];
        let mut pool = Pool::new("team", ShiftTemplate::daily(16, 20, 1, lengths));
        let mut agent = Agent::new("ana");
        agent.availability[0] = Availability::Window { from: 18, to: 48 };
        pool.agents = vec![agent];
        let problem = WeekProblem::joint(grid, required, vec![pool]);
        let week = generate(&problem, &Limits::default()).unwrap();
        let lost = lost_intervals(&problem, &week);
        assert_eq!(
            lost.iter().map(|l| l.interval).collect::<Vec<_>>(),
            vec![16, 17]
        );
        let r = &lost[0].pools[0];
        assert_eq!(r.pool, "team");
        assert_eq!(r.reasons.len(), 1);
        assert_eq!(r.reasons[0].rule, "shift window, length or availability");
        assert_eq!(r.reasons[0].agents, vec!["ana".to_string()]);
        assert_eq!(lost[0].agents_short, 1);
    }
}
