//! Stage 2: assigning the anonymous shifts of one pool to its named agents under their
//! rules (one independent MIP per pool).
//!
//! Variables: `z[a,d,k] ∈ {0,1}` agent `a` works shift type `k` of day `d` (only shift
//! types staffed in stage 1 that fit the agent's availability, allowed lengths and
//! weekly maximum), `open[k] ≥ 0` integer shifts of type `k` left unassigned, and
//! `short[a] ≥ 0` intervals below the agent's weekly minimum.
//!
//! Rows: `Σ_a z[a,k] + open[k] = count[k]`; per agent and day `Σ_k z ≤ 1`; per agent
//! `Σ len·z ≤ max`, `Σ len·z + short ≥ min`, `Σ z ≤ max work days`, and for every
//! `c + 1` consecutive days `Σ z ≤ c` (also across the start of the week with the days
//! already worked); at least one of the listed days off (`Σ_{d ∈ days off} z ≤ |days off|
//! − 1`); `Σ z + few[a] ≥ min work days`; per Work day `Σ_k z[a,d,k] + miss[a,d] ≥ 1`;
//! with a maximum `m` of consecutive days off, for every `m + 1` consecutive days of the
//! agent's horizon (also across the start of the week with the days already off) with a
//! day the agent is available, `Σ z + rest[a,w] ≥ 1`.
//! Where an agent of the pool has a minimum, `extra[k] ≥ 0` lets a staffed type be worked
//! more often than the tour model staffed it: `Σ_a z[a,k] + open[k] − extra[k] = count[k]`;
//! such an agent also gets `z` on the pool's unstaffed types that start at a start the
//! tour model staffed that day (each costing like an extra shift).
//! The pool's own minimum staff: per interval of it, the agents' estimated coverage
//! `+ gap[t] ≥ minimum[t]` (`assign/minimum.rs`, which says why); and per interval the
//! coverage the requirement needs from the pool, `+ lost[t] ≥ target[t]`
//! (`assign/coverage.rs`, which says why).
//! Objective: `Σ_k len_k · (open[k] + 1.5 · extra[k]) + 1.5 · Σ_{unstaffed} len_k · z + 2·R · Σ_a short[a] + 4·R · (Σ few + Σ rest + Σ runs + Σ gap) + 8·R · Σ miss + L · Σ lost`
//! (`L` the longest length, `R = L·(L + 1)` a rule's unit: more than a whole shift's
//! coverage and length, so a rule is never broken to win coverage) — a minimum or a Work day the agent cannot get is reported
//! (the rule and the numbers), never a failure.

use good_lp::{Expression, Variable};
use serde::{Deserialize, Serialize};

use super::Limits;
use super::input::{Agent, Availability, DAYS, ShiftTemplate, WeekProblem};
use super::mip::{self, Columns, SolveReport, VarIndex};
use super::tour::Tours;
use crate::error::Result;

mod columns;
pub(crate) mod consecutive;
mod coverage;
mod minimum;
mod rows;

use columns::{AssignVars, Slack};

/// An agent rule the schedule could not honour, with the numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleConflict {
    /// Agent id.
    pub agent: String,
    /// The rule, in a planner's words (e.g. `"minimum weekly hours"`).
    pub rule: String,
    /// What happened.
    pub detail: String,
}

/// Agent index → the shift types they work (indexes into the tours), and the report.
pub(crate) struct Assignment {
    /// Per agent, the shift types assigned, in day order.
    pub shifts: Vec<Vec<usize>>,

    pub conflicts: Vec<RuleConflict>,
    pub report: Option<SolveReport>,
}

pub(crate) fn fits(
    agent: &Agent,
    problem: &WeekProblem,
    day: usize,
    start: u32,
    length: u32,
) -> bool {
    let start_of_day = i64::from(start) - (day as u32 * problem.grid.per_day()) as i64;
    let length_i = i64::from(length);
    let allowed = agent
        .allowed_lengths
        .as_ref()
        .is_none_or(|l| l.contains(&length));
    let within = match agent.availability[day] {
        Availability::Any => true,
        Availability::Off => false,
        Availability::Window { from, to } => {
            start_of_day >= i64::from(from) && start_of_day + length_i <= i64::from(to)
        }
    };
    let max = agent
        .max_week_minutes
        .is_none_or(|m| length * problem.grid.minutes() <= m);
    allowed && within && max
}

/// Assigns the staffed shifts of pool `pool` in `tours` to its agents: the columns
/// and objective ([`AssignVars`]), the rows per agent and per staffed type, the solve,
/// then the shifts and the rules not met read back.
pub(crate) fn assign(
    problem: &WeekProblem,
    pool: usize,
    tours: &Tours,
    limits: &Limits,
) -> Result<Assignment> {
    let grid = problem.grid;
    let template = &problem.pools[pool].template;
    let agents = &problem.pools[pool].agents;
    let mut conflicts = length_conflicts(agents, template);
    let staffed: Vec<usize> = (0..tours.types.len())
        .filter(|&k| tours.counts[k] > 0 && tours.types[k].pool == pool)
        .collect();
    let min_intervals = columns::min_intervals(agents, grid.minutes(), &mut conflicts);
    let mut cols = Columns::new();
    let v = AssignVars::add(&mut cols, (problem, pool, tours), &staffed, &min_intervals);
    let minimum_rows = minimum::add_columns(&mut cols, problem, pool);
    let coverage_rows = coverage::add_columns(&mut cols, &coverage::targets(problem, pool, tours));
    let longest = f64::from(template.longest().max(1));
    // a rule's unit: above a whole shift's coverage and length (L² + L), so no coverage
    // is ever bought with a rule
    let rule = longest * (longest + 1.0);
    let mut objective = v.objective(tours, &staffed, rule, agents.len());
    // the group's minimum staff is a rule: priced as the agents' rules
    minimum::add_objective(&minimum_rows, 4.0 * rule, &mut objective);
    // the requirement is a goal: below the rules, above the paid hours
    coverage::add_objective(&coverage_rows, longest, &mut objective);
    let mut model = cols.minimise(objective);

    let mut per_type: Vec<Expression> = staffed.iter().map(|_| Expression::default()).collect();
    let slot: Vec<Option<usize>> = {
        let mut s = vec![None; tours.types.len()];
        for (i, &k) in staffed.iter().enumerate() {
            s[k] = Some(i);
        }
        s
    };
    for (a, agent) in agents.iter().enumerate() {
        rows::add_agent_rows(
            &mut model,
            (a, agent),
            (&v, tours),
            (&slot, &mut per_type),
            (grid.minutes(), min_intervals[a]),
        );
    }
    rows::add_count_rows(&mut model, per_type, &staffed, &v, tours);
    minimum::add_rows(&mut model, &minimum_rows, (problem, tours), &v);
    coverage::add_rows(&mut model, &coverage_rows, (problem, tours), &v);

    let (values, report) = mip::solve(model, limits)?;
    let on = |i: VarIndex| values[i] > 0.5;
    let shifts: Vec<Vec<usize>> =
        v.z.iter()
            .map(|zs| zs.iter().filter(|z| on(z.2)).map(|z| z.0).collect())
            .collect();
    for (a, agent) in agents.iter().enumerate() {
        let worked = Worked {
            shifts: &shifts[a],
            miss: &v.miss[a],
            rest: &v.rest[a],
            min_intervals: min_intervals[a],
        };
        unmet_rules(
            agent,
            &worked,
            (tours, &values, grid.minutes()),
            &mut conflicts,
        );
        conflicts.extend(consecutive::conflicts(
            agent,
            &consecutive::days_of(&shifts[a], tours),
        ));
    }
    Ok(Assignment {
        shifts,
        conflicts,
        report: Some(report),
    })
}

/// An agent whose allowed lengths are none of the template's: a conflict each.
fn length_conflicts(agents: &[Agent], template: &ShiftTemplate) -> Vec<RuleConflict> {
    let mut conflicts = Vec::new();
    for a in agents {
        if let Some(allowed) = &a.allowed_lengths
            && !template.lengths.iter().any(|l| allowed.contains(&l.length))
        {
            conflicts.push(RuleConflict {
                agent: a.id.clone(),
                rule: "allowed shift lengths".into(),
                detail: format!(
                    "none of the lengths {allowed:?} (intervals) is a shift length of the profile"
                ),
            });
        }
    }
    conflicts
}

/// What one agent got, with their slacks and weekly minimum (intervals).
struct Worked<'a> {
    shifts: &'a [usize],
    miss: &'a [Slack],
    rest: &'a [(Vec<usize>, Variable, VarIndex)],
    min_intervals: u32,
}

/// The agent's rules the solution does not meet, as conflicts: minimum work days, Work
/// days, maximum consecutive days off, minimum weekly hours.
fn unmet_rules(
    agent: &Agent,
    worked: &Worked<'_>,
    (tours, values, minutes): (&Tours, &[f64], u32),
    conflicts: &mut Vec<RuleConflict>,
) {
    let days: Vec<usize> = worked.shifts.iter().map(|&k| tours.types[k].day).collect();
    if let Some(m) = agent.min_work_days
        && days.len() < usize::from(m)
    {
        conflicts.push(RuleConflict {
            agent: agent.id.clone(),
            rule: "minimum work days per week".into(),
            detail: format!("{} work days scheduled, at least {m} required", days.len()),
        });
    }
    for d in (0..DAYS).filter(|&d| worked.miss[d].is_some() && !days.contains(&d)) {
        conflicts.push(RuleConflict {
            agent: agent.id.clone(),
            rule: "Work day".into(),
            detail: format!("no shift on day {} of the week, a Work day", d + 1),
        });
    }
    for (w, _, i) in worked.rest {
        if values[*i] > 0.5 {
            conflicts.push(RuleConflict {
                agent: agent.id.clone(),
                rule: "maximum consecutive days off".into(),
                detail: format!(
                    "no shift could be placed on days {}–{} of the week to keep at most {} days off in a row",
                    w[0] + 1,
                    w[w.len() - 1] + 1,
                    agent.max_consecutive_off.unwrap_or(0)
                ),
            });
        }
    }
    let got: u32 = worked.shifts.iter().map(|&k| tours.types[k].length).sum();
    if got < worked.min_intervals {
        conflicts.push(RuleConflict {
            agent: agent.id.clone(),
            rule: "minimum weekly hours".into(),
            detail: format!(
                "{} min scheduled, at least {} min required",
                got * minutes,
                agent.min_week_minutes.unwrap_or(0)
            ),
        });
    }
}

/// The days (available to the agent) of which one must be worked so that no run of days
/// off exceeds the agent's maximum: one list per window of `max + 1` consecutive counted
/// days, the carried days off shortening the first window. Windows with no available
/// day are left out (no schedule can break them).
fn off_windows(agent: &Agent) -> Vec<Vec<usize>> {
    let Some(m) = agent.max_consecutive_off.map(usize::from) else {
        return Vec::new();
    };
    let mut windows = Vec::new();
    let before = usize::from(agent.off_days_before);
    if before > 0 && agent.counted[0] {
        // days 0..=m − before complete a run that started before the week
        let last = m.saturating_sub(before);
        if (0..=last).all(|d| d < DAYS && agent.counted[d]) {
            windows.push((0..=last).collect::<Vec<_>>());
        }
    }
    for first in 0..DAYS.saturating_sub(m) {
        let days: Vec<usize> = (first..=first + m).collect();
        if days.iter().all(|&d| agent.counted[d]) {
            windows.push(days);
        }
    }
    windows
        .into_iter()
        .map(|w| {
            w.into_iter()
                .filter(|&d| agent.available(d))
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Anonymous agents of pool `pool` without named agents: one per days-off pattern unit
/// (each working the pattern's days), or — without patterns — agent `i` takes the `i`-th
/// shift of every day. Named `A001`, … (prefixed by the pool name with several pools).
pub(crate) fn anonymous(
    problem: &WeekProblem,
    pool: usize,
    tours: &Tours,
) -> (Vec<String>, Vec<Vec<usize>>) {
    let mut by_day: Vec<Vec<usize>> = vec![Vec::new(); DAYS];
    for (k, s) in tours.types.iter().enumerate() {
        if s.pool == pool {
            by_day[s.day].extend(std::iter::repeat_n(k, tours.counts[k] as usize));
        }
    }
    let masks: Vec<u8> = if problem.pools[pool].work_days.is_some() {
        tours.patterns[pool]
            .iter()
            .flat_map(|&(m, n)| std::iter::repeat_n(m, n as usize))
            .collect()
    } else {
        let most = by_day.iter().map(Vec::len).max().unwrap_or(0);
        vec![0x7f; most]
    };
    let mut shifts = vec![Vec::new(); masks.len()];
    for (d, day) in by_day.iter().enumerate() {
        let mut working = (0..masks.len()).filter(|&a| masks[a] & (1 << d) != 0);
        for &k in day {
            // Σ_k x[d,k] = Σ_{p ∋ d} w[p]: there is one working agent per shift.
            if let Some(a) = working.next() {
                shifts[a].push(k);
            }
        }
    }
    let prefix = if problem.pools.len() > 1 {
        format!("{} ", problem.pools[pool].name)
    } else {
        String::new()
    };
    let names = (1..=masks.len())
        .map(|i| format!("{prefix}A{i:03}"))
        .collect();
    (names, shifts)
}
