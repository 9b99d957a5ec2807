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
//! Objective: `Σ_k len_k · (open[k] + 1.5 · extra[k]) + 1.5 · Σ_{unstaffed} len_k · z + 2·L · Σ_a short[a] + 4·L · (Σ few + Σ rest) + 8·L · Σ miss`
//! (`L` the longest length) — a minimum or a Work day the agent cannot get is reported
//! (the rule and the numbers), never a failure.

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, highs, variable};
use serde::{Deserialize, Serialize};

use super::Limits;
use super::input::{Agent, Availability, DAYS, WeekProblem};
use super::mip::{self, SolveReport, VarIndex};
use super::tour::Tours;
use crate::error::Result;

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

fn fits(agent: &Agent, problem: &WeekProblem, day: usize, start: u32, length: u32) -> bool {
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

/// Assigns the staffed shifts of pool `pool` in `tours` to its agents.
pub(crate) fn assign(
    problem: &WeekProblem,
    pool: usize,
    tours: &Tours,
    limits: &Limits,
) -> Result<Assignment> {
    let grid = problem.grid;
    let template = &problem.pools[pool].template;
    let agents = &problem.pools[pool].agents;
    let mut conflicts = Vec::new();
    let mut vars = ProblemVariables::new();
    let mut next: VarIndex = 0;
    let mut add = |vars: &mut ProblemVariables, def: good_lp::VariableDefinition| {
        let v = vars.add(def);
        next += 1;
        (v, next - 1)
    };
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
    let staffed: Vec<usize> = (0..tours.types.len())
        .filter(|&k| tours.counts[k] > 0 && tours.types[k].pool == pool)
        .collect();
    // Starts the tour model staffed, per day: an agent with a weekly minimum may also
    // work an unstaffed type of the pool that starts at one of them (an extra shift).
    let mut staffed_starts: Vec<Vec<u32>> = vec![Vec::new(); DAYS];
    for &k in &staffed {
        let s = tours.types[k];
        if !staffed_starts[s.day].contains(&s.start) {
            staffed_starts[s.day].push(s.start);
        }
    }
    let has_minimum = |a: &Agent| a.min_week_minutes.is_some() || a.min_work_days.is_some();
    // z per agent: (type, var), the staffed types first.
    let z: Vec<Vec<(usize, Variable, VarIndex)>> = agents
        .iter()
        .map(|a| {
            let unstaffed = (0..tours.types.len()).filter(|&k| {
                let s = tours.types[k];
                has_minimum(a)
                    && s.pool == pool
                    && tours.counts[k] == 0
                    && staffed_starts[s.day].contains(&s.start)
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
                    let (v, i) = add(&mut vars, variable().binary());
                    (k, v, i)
                })
                .collect()
        })
        .collect();
    let open: Vec<(Variable, VarIndex)> = staffed
        .iter()
        .map(|&k| add(&mut vars, variable().integer().min(0).max(tours.counts[k])))
        .collect();
    // Shifts beyond the tour model's count of a staffed type, only where an agent has a
    // minimum to meet (an extra shift is dearer than leaving one open, cheaper than the
    // minimum missed).
    let minimums = agents
        .iter()
        .any(|a| a.min_week_minutes.is_some() || a.min_work_days.is_some());
    let extra: Vec<Option<(Variable, VarIndex)>> = staffed
        .iter()
        .map(|_| minimums.then(|| add(&mut vars, variable().integer().min(0))))
        .collect();
    let min_intervals: Vec<u32> = agents
        .iter()
        .map(|a| {
            let min = a.min_week_minutes.unwrap_or(0).div_ceil(grid.minutes());
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
        .collect();
    let short: Vec<Option<(Variable, VarIndex)>> = min_intervals
        .iter()
        .map(|&m| (m > 0).then(|| add(&mut vars, variable().min(0))))
        .collect();
    // Work days below the minimum (full weeks: the caller sets the rule only then).
    let few: Vec<Option<(Variable, VarIndex)>> = agents
        .iter()
        .map(|a| {
            a.min_work_days
                .filter(|&m| m > 0)
                .map(|_| add(&mut vars, variable().min(0)))
        })
        .collect();
    // Work days missed, per agent and day where the agent must work and is available.
    let miss: Vec<Vec<Option<(Variable, VarIndex)>>> = agents
        .iter()
        .map(|a| {
            (0..DAYS)
                .map(|d| {
                    (a.must_work[d] && a.available(d))
                        .then(|| add(&mut vars, variable().min(0).max(1)))
                })
                .collect()
        })
        .collect();
    // Windows of more consecutive days off than allowed, each to be broken by a work day
    // on one of its available days (slack `rest`, reported).
    let rest: Vec<Vec<(Vec<usize>, Variable, VarIndex)>> = agents
        .iter()
        .map(|a| {
            off_windows(a)
                .into_iter()
                .map(|w| {
                    let (v, i) = add(&mut vars, variable().min(0));
                    (w, v, i)
                })
                .collect()
        })
        .collect();
    let longest = f64::from(template.longest().max(1));
    let mut objective = Expression::with_capacity(open.len() + agents.len());
    for (&k, (v, _)) in staffed.iter().zip(&open) {
        objective.add_mul(f64::from(tours.types[k].length), *v);
    }
    for (&k, e) in staffed.iter().zip(&extra) {
        if let Some((v, _)) = e {
            objective.add_mul(1.5 * f64::from(tours.types[k].length), *v);
        }
    }
    for zs in &z {
        for &(k, v, _) in zs.iter().filter(|(k, _, _)| tours.counts[*k] == 0) {
            objective.add_mul(1.5 * f64::from(tours.types[k].length), v);
        }
    }
    // an interval below a weekly minimum (a hard rule) costs more than any extra shift
    for (v, _) in short.iter().flatten() {
        objective.add_mul(2.0 * longest, *v);
    }
    for (v, _) in few.iter().flatten() {
        objective.add_mul(4.0 * longest, *v);
    }
    for (_, v, _) in rest.iter().flatten() {
        objective.add_mul(4.0 * longest, *v);
    }
    for (v, _) in miss.iter().flatten().flatten() {
        objective.add_mul(8.0 * longest, *v);
    }
    let mut model = highs(vars.minimise(objective));

    let mut per_type: Vec<Expression> = staffed.iter().map(|_| Expression::default()).collect();
    let slot: Vec<Option<usize>> = {
        let mut s = vec![None; tours.types.len()];
        for (i, &k) in staffed.iter().enumerate() {
            s[k] = Some(i);
        }
        s
    };
    for (a, agent) in agents.iter().enumerate() {
        let mut day_exprs: Vec<Expression> = (0..DAYS).map(|_| Expression::default()).collect();
        let mut minutes = Expression::default();
        for &(k, v, _) in &z[a] {
            let s = tours.types[k];
            if let Some(i) = slot[k] {
                per_type[i].add_mul(1.0, v);
            }
            day_exprs[s.day].add_mul(1.0, v);
            minutes.add_mul(f64::from(s.length), v);
        }
        if let Some(max) = agent.max_week_minutes {
            model.add_constraint(minutes.clone().leq(f64::from(max / grid.minutes())));
        }
        if let Some((s, _)) = short[a] {
            model.add_constraint((minutes + s).geq(f64::from(min_intervals[a])));
        }
        let worked: Expression = day_exprs.iter().cloned().sum();
        if let Some((v, _)) = few[a] {
            let m = agent.min_work_days.unwrap_or(0);
            model.add_constraint((worked.clone() + v).geq(f64::from(m)));
        }
        if let Some(m) = agent.max_work_days {
            model.add_constraint(worked.leq(f64::from(m)));
        }
        for (d, m) in miss[a].iter().enumerate() {
            if let Some((v, _)) = m {
                model.add_constraint((day_exprs[d].clone() + *v).geq(1.0));
            }
        }
        if agent.days_off_any != 0 {
            let listed = (0..DAYS).filter(|d| agent.days_off_any & (1 << d) != 0);
            let n = listed.clone().count();
            let on: Expression = listed.map(|d| day_exprs[d].clone()).sum();
            model.add_constraint(on.leq((n - 1) as f64));
        }
        if let Some(c) = agent.max_consecutive_days.map(usize::from)
            && c < DAYS
        {
            for first in 0..DAYS - c {
                let window: Expression = day_exprs[first..=first + c].iter().cloned().sum();
                model.add_constraint(window.leq(c as f64));
            }
            let before = usize::from(agent.worked_days_before);
            for r in 1..=before.min(c) {
                let window: Expression = day_exprs[..=c - r].iter().cloned().sum();
                model.add_constraint(window.leq((c - r) as f64));
            }
            if before > c {
                model.add_constraint(day_exprs[0].clone().leq(0.0));
            }
        }
        for (w, v, _) in &rest[a] {
            let on: Expression = w.iter().map(|&d| day_exprs[d].clone()).sum();
            model.add_constraint((on + *v).geq(1.0));
        }
        for e in day_exprs {
            model.add_constraint(e.leq(1.0));
        }
    }
    for (((e, &k), (o, _)), x) in per_type.into_iter().zip(&staffed).zip(&open).zip(&extra) {
        let e = match x {
            Some((x, _)) => e + *o - *x,
            None => e + *o,
        };
        model.add_constraint(e.eq(f64::from(tours.counts[k])));
    }

    let (values, report) = mip::solve(model, limits)?;
    let on = |i: VarIndex| values[i] > 0.5;
    let shifts: Vec<Vec<usize>> = z
        .iter()
        .map(|zs| zs.iter().filter(|z| on(z.2)).map(|z| z.0).collect())
        .collect();
    for (a, agent) in agents.iter().enumerate() {
        let days: Vec<usize> = shifts[a].iter().map(|&k| tours.types[k].day).collect();
        if let Some(m) = agent.min_work_days
            && days.len() < usize::from(m)
        {
            conflicts.push(RuleConflict {
                agent: agent.id.clone(),
                rule: "minimum work days per week".into(),
                detail: format!("{} work days scheduled, at least {m} required", days.len()),
            });
        }
        for d in (0..DAYS).filter(|&d| miss[a][d].is_some() && !days.contains(&d)) {
            conflicts.push(RuleConflict {
                agent: agent.id.clone(),
                rule: "Work day".into(),
                detail: format!("no shift on day {} of the week, a Work day", d + 1),
            });
        }
        for (w, _, i) in &rest[a] {
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
        let got: u32 = shifts[a].iter().map(|&k| tours.types[k].length).sum();
        if got < min_intervals[a] {
            conflicts.push(RuleConflict {
                agent: agent.id.clone(),
                rule: "minimum weekly hours".into(),
                detail: format!(
                    "{} min scheduled, at least {} min required",
                    got * grid.minutes(),
                    agent.min_week_minutes.unwrap_or(0)
                ),
            });
        }
    }
    Ok(Assignment {
        shifts,
        conflicts,
        report: Some(report),
    })
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
