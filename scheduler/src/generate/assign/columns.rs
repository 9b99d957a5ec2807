//! The assignment's columns, created in a fixed order (`z` agent by agent, `open`,
//! `extra`, `short`, `few`, `miss`, `rest`), and its objective.

use good_lp::{Expression, Variable, variable};

use super::{RuleConflict, fits, off_windows};
use crate::generate::input::{Agent, DAYS, WeekProblem};
use crate::generate::mip::{Columns, VarIndex};
use crate::generate::tour::Tours;

/// An optional column.
pub(super) type Slack = Option<(Variable, VarIndex)>;

/// The assignment's variables (see the module docs of `assign`).
pub(super) struct AssignVars {
    /// Per agent: (shift type, var), the staffed types first.
    pub(super) z: Vec<Vec<(usize, Variable, VarIndex)>>,
    /// Per staffed type, its shifts left unassigned.
    pub(super) open: Vec<(Variable, VarIndex)>,
    /// Per staffed type, its shifts beyond the tour model's count (where an agent of the
    /// pool has a minimum).
    pub(super) extra: Vec<Slack>,
    /// Per agent, intervals below the weekly minimum.
    pub(super) short: Vec<Slack>,
    /// Per agent, work days below the minimum.
    pub(super) few: Vec<Slack>,
    /// Per agent and day, a Work day missed.
    pub(super) miss: Vec<Vec<Slack>>,
    /// Per agent, the windows of too many days off (their available days) and the slack.
    pub(super) rest: Vec<Vec<(Vec<usize>, Variable, VarIndex)>>,
    /// Per agent, the minimum consecutive work days / days off rows and their slacks.
    pub(super) runs: Vec<super::consecutive::AgentRuns>,
}

/// Whether `a` has a weekly minimum of hours or work days.
fn has_minimum(a: &Agent) -> bool {
    a.min_week_minutes.is_some() || a.min_work_days.is_some()
}

/// Starts the tour model staffed, per day: an agent with a weekly minimum may also work
/// an unstaffed type of the pool that starts at one of them (an extra shift).
fn staffed_starts(tours: &Tours, staffed: &[usize]) -> Vec<Vec<u32>> {
    let mut starts: Vec<Vec<u32>> = vec![Vec::new(); DAYS];
    for &k in staffed {
        let s = tours.types[k];
        if !starts[s.day].contains(&s.start) {
            starts[s.day].push(s.start);
        }
    }
    starts
}

/// Per agent, the intervals of their weekly minimum; a minimum above the maximum is a
/// conflict (the maximum applies: no minimum).
pub(super) fn min_intervals(
    agents: &[Agent],
    minutes: u32,
    conflicts: &mut Vec<RuleConflict>,
) -> Vec<u32> {
    agents
        .iter()
        .map(|a| {
            let min = a.min_week_minutes.unwrap_or(0).div_ceil(minutes);
            match a.max_week_minutes {
                Some(max) if a.min_week_minutes.is_some_and(|m| m > max) => {
                    conflicts.push(RuleConflict {
                        agent: a.id.clone(),
                        rule: "minimum weekly hours".into(),
                        detail: format!(
                            "minimum {} min is above the maximum {max} min; the maximum applies",
                            a.min_week_minutes.unwrap_or(0)
                        ),
                    });
                    0
                }
                _ => min,
            }
        })
        .collect()
}

impl AssignVars {
    /// Adds the variables of pool `pool`'s assignment to `cols` in the model's order;
    /// `staffed` are the pool's types the tour model staffed.
    pub(super) fn add(
        cols: &mut Columns,
        (problem, pool, tours): (&WeekProblem, usize, &Tours),
        staffed: &[usize],
        min_intervals: &[u32],
    ) -> Self {
        let agents = &problem.pools[pool].agents;
        let starts = staffed_starts(tours, staffed);
        let z: Vec<Vec<(usize, Variable, VarIndex)>> = agents
            .iter()
            .map(|a| {
                let unstaffed = (0..tours.types.len()).filter(|&k| {
                    let s = tours.types[k];
                    has_minimum(a)
                        && s.pool == pool
                        && tours.counts[k] == 0
                        && starts[s.day].contains(&s.start)
                });
                staffed
                    .iter()
                    .copied()
                    .chain(unstaffed)
                    .filter(|&k| {
                        let s = tours.types[k];
                        fits(a, problem, s.day, s.start, s.length)
                    })
                    .map(|k| {
                        let (v, i) = cols.add(variable().binary());
                        (k, v, i)
                    })
                    .collect()
            })
            .collect();
        let open: Vec<(Variable, VarIndex)> = staffed
            .iter()
            .map(|&k| cols.add(variable().integer().min(0).max(tours.counts[k])))
            .collect();
        // Shifts beyond the tour model's count of a staffed type, only where an agent has
        // a minimum to meet (an extra shift is dearer than leaving one open, cheaper than
        // the minimum missed).
        let minimums = agents.iter().any(has_minimum);
        let extra: Vec<Slack> = staffed
            .iter()
            .map(|_| minimums.then(|| cols.add(variable().integer().min(0))))
            .collect();
        let short: Vec<Slack> = min_intervals
            .iter()
            .map(|&m| (m > 0).then(|| cols.add(variable().min(0))))
            .collect();
        // Work days below the minimum (full weeks: the caller sets the rule only then).
        let few: Vec<Slack> = agents
            .iter()
            .map(|a| {
                a.min_work_days
                    .filter(|&m| m > 0)
                    .map(|_| cols.add(variable().min(0)))
            })
            .collect();
        // Work days missed, per agent and day where the agent must work and is available.
        let miss: Vec<Vec<Slack>> = agents
            .iter()
            .map(|a| {
                (0..DAYS)
                    .map(|d| {
                        (a.must_work[d] && a.available(d))
                            .then(|| cols.add(variable().min(0).max(1)))
                    })
                    .collect()
            })
            .collect();
        // Windows of more consecutive days off than allowed, each to be broken by a work
        // day on one of its available days (slack `rest`, reported).
        let rest: Vec<Vec<(Vec<usize>, Variable, VarIndex)>> = agents
            .iter()
            .map(|a| {
                off_windows(a)
                    .into_iter()
                    .map(|w| {
                        let (v, i) = cols.add(variable().min(0));
                        (w, v, i)
                    })
                    .collect()
            })
            .collect();
        let runs = super::consecutive::add_columns(cols, agents);
        Self {
            z,
            open,
            extra,
            short,
            few,
            miss,
            rest,
            runs,
        }
    }

    /// The objective: intervals left open, extra and unstaffed shifts (1.5 × their
    /// length), then the penalties of the agents' rules in units of `longest` (the
    /// caller's rule unit, see `assign.rs`): 2 per interval below a weekly minimum, 4
    /// per work day below the minimum, days-off window unbroken or minimum run broken,
    /// 8 per Work day missed.
    pub(super) fn objective(
        &self,
        tours: &Tours,
        staffed: &[usize],
        longest: f64,
        agents: usize,
    ) -> Expression {
        let mut objective = Expression::with_capacity(self.open.len() + agents);
        for (&k, (v, _)) in staffed.iter().zip(&self.open) {
            objective.add_mul(f64::from(tours.types[k].length), *v);
        }
        for (&k, e) in staffed.iter().zip(&self.extra) {
            if let Some((v, _)) = e {
                objective.add_mul(1.5 * f64::from(tours.types[k].length), *v);
            }
        }
        for zs in &self.z {
            for &(k, v, _) in zs.iter().filter(|(k, _, _)| tours.counts[*k] == 0) {
                objective.add_mul(1.5 * f64::from(tours.types[k].length), v);
            }
        }
        // an interval below a weekly minimum (a hard rule) costs more than any extra shift
        for (v, _) in self.short.iter().flatten() {
            objective.add_mul(2.0 * longest, *v);
        }
        for (v, _) in self.few.iter().flatten() {
            objective.add_mul(4.0 * longest, *v);
        }
        for (_, v, _) in self.rest.iter().flatten() {
            objective.add_mul(4.0 * longest, *v);
        }
        super::consecutive::add_objective(&self.runs, 4.0 * longest, &mut objective);
        for (v, _) in self.miss.iter().flatten().flatten() {
            objective.add_mul(8.0 * longest, *v);
        }
        objective
    }
}
