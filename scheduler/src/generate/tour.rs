//! Stage 1: the anonymous tour model — how many agents of each pool on each daily shift
//! type, where their breaks go, and (optionally) which days-off patterns they follow.
//!
//! Variables (all integer, except the slacks), per pool `p` (indexes of `p` omitted):
//! - `x[d,k]` agents on shift type `k` (start, length) of day `d`;
//! - `y[d,k,b,o]` of them taking break `b` at offset `o` of its window, with
//!   `Σ_o y[d,k,b,o] = x[d,k]` (a break with a one-point window needs no variable);
//! - `w[p]` agents on days-off pattern `p` when [`WorkDays`] is set, with
//!   `Σ_k x[d,k] = Σ_{p works d} w[p]` per day;
//! - `short[t] ≥ 0` agent-intervals below the requirement.
//!
//! Coverage per week interval `t`, summed over the pools:
//! `Σ_p (Σ_{(d,k) on shift at t} x − Σ_{(d,k,b,o) on break at t} y) + short[t] ≥ required[t]`;
//! with several pools, each pool's minimum staff is a row on its own coverage (with its
//! own penalised slack). Per pool with named agents, rows every schedule of those agents
//! honouring their rules satisfies (so the model stays a relaxation of the named
//! problem): shifts per day at most the agents available, at least the agents who must
//! work that day; shifts of the week at least `Σ` minimum work days (or the days a weekly
//! minimum of hours needs at the agent's longest length), at most `Σ` maximum;
//! shift intervals at least `Σ` weekly minimums, at most `Σ` weekly maximums; on the days
//! of a days-off rule ("one of these off") at most the agents' listed days less one each
//! (agents for whom all the listed days are available); per length `L`, shifts of at
//! least `L` at most `Σ_a min(max days, ⌊max intervals / L_a⌋)` over the agents allowed a
//! length `L_a ≥ L` (the shortest such); per set `S` of lengths
//! some agents are limited to (by their daily hours), shifts and intervals of lengths in
//! `S` at least the minimums of the agents limited to a subset of `S`. The lower
//! rows have penalised slacks (a rule no schedule meets is a reported conflict, not an
//! infeasible model).

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, highs, variable};

use super::Limits;
use super::input::{Agent, DAYS, Objective, Pool, WeekProblem, WorkDays};
use super::mip::{self, SolveReport, VarIndex};
use crate::error::Result;

/// One start offset of one break: its own variable, or `None` when the window has a
/// single point (the shift's `x` then stands for it).
type BreakStart = (u32, Option<(Variable, VarIndex)>);

/// A daily shift type: pool, day, start (week interval), template length index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShiftType {
    pub pool: usize,
    pub day: usize,
    pub start: u32,
    pub length_index: usize,
    pub length: u32,
    pub paid: u32,
}

/// The anonymous solution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tours {
    pub types: Vec<ShiftType>,
    /// Agents per shift type.
    pub counts: Vec<u32>,
    /// Per shift type, per break, the chosen break offsets (one per agent, ascending).
    pub break_offsets: Vec<Vec<Vec<u32>>>,
    /// Per pool, agents per days-off pattern (bit `d` set: works day `d`), when the pool
    /// uses patterns.
    pub patterns: Vec<Vec<(u8, u32)>>,
    /// Productive agents per week interval in the model (all pools).
    pub coverage: Vec<u32>,
    /// The effective requirement.
    pub required: Vec<u32>,
    /// Minimum staff rows not merged into `required`: the pools they count and the
    /// minimum per week interval (each pool's own with several pools, and the
    /// [`super::GroupMinimum`]s).
    pub minimum_sets: Vec<(Vec<usize>, Vec<u32>)>,
    /// Solver report.
    pub report: SolveReport,
    /// The tie-break weight ε (fewest shifts) or 0.
    pub epsilon: f64,
    /// The objective's cost of one shift of each type.
    pub cost: Vec<f64>,
}

/// The days-off patterns: 7-bit masks with `days` work days, optionally with
/// consecutive (cyclic) days off, ascending.
pub(crate) fn patterns(rule: WorkDays) -> Vec<u8> {
    (0u8..128)
        .filter(|m| m.count_ones() == u32::from(rule.days))
        .filter(|m| {
            if !rule.consecutive_days_off || rule.days as usize == DAYS {
                return true;
            }
            // Days off consecutive cyclically: exactly one off-run, i.e. one 1→0 edge.
            (0..DAYS)
                .filter(|&d| m & (1 << d) != 0 && m & (1 << ((d + 1) % DAYS)) == 0)
                .count()
                == 1
        })
        .collect()
}

/// Per-shift-type objective coefficients and the tie-break ε (see [`super`] for the
/// proof that ε keeps the fewest-shifts order).
fn costs(
    problem: &WeekProblem,
    types: &[ShiftType],
    required: &[u32],
    pool_minimum: &[Vec<u32>],
) -> (Vec<f64>, f64) {
    let minutes = f64::from(problem.grid.minutes());
    match problem.objective {
        Objective::FewestShifts => {
            let max_paid = types.iter().map(|s| s.paid).max().unwrap_or(0);
            let total: u64 = required
                .iter()
                .chain(pool_minimum.iter().flatten())
                .map(|&r| u64::from(r))
                .sum();
            let shifts_bound: u64 = problem
                .pools
                .iter()
                .map(|pool| shifts_bound(pool, total))
                .sum();
            let eps = 1.0 / (f64::from(max_paid) * shifts_bound as f64 + 1.0);
            (
                types
                    .iter()
                    .map(|s| 1.0 + eps * f64::from(s.paid))
                    .collect(),
                eps,
            )
        }
        Objective::PaidHours => (
            types
                .iter()
                .map(|s| f64::from(s.paid) * minutes / 60.0)
                .collect(),
            0.0,
        ),
        Objective::Cost {
            per_shift,
            per_paid_hour,
        } => (
            types
                .iter()
                .map(|s| per_shift + per_paid_hour * f64::from(s.paid) * minutes / 60.0)
                .collect(),
            0.0,
        ),
    }
}

/// `U_p`: a bound on the pool's shifts in a least-shortage schedule. With named agents
/// (or a cap on every day) the daily caps; else `days · Σ required` (every agent is
/// needed somewhere, see [`super`]).
fn shifts_bound(pool: &Pool, total: u64) -> u64 {
    let days = pool.work_days.map_or(DAYS as u64, |w| u64::from(w.days));
    let caps: Option<u64> = (0..DAYS).map(|d| pool.day_cap(d).map(u64::from)).sum();
    match caps {
        Some(c) if !pool.agents.is_empty() => c,
        Some(c) => c.min(days * total),
        None => days * total,
    }
}

/// The aggregate rows of a pool with named agents (see the module docs).
#[derive(Debug, Default)]
struct Aggregates {
    must_work: [u32; DAYS],
    min_days: u32,
    max_days: Option<u32>,
    min_intervals: u32,
    max_intervals: Option<u32>,
    /// Per days-off mask (at least one of its days off), the most shifts on its days.
    days_off: Vec<(u8, u32)>,
    /// Per template length `L`, the most shifts of length ≥ `L` (each agent at most
    /// `min(days, ⌊max intervals / L⌋)` of them).
    long: Vec<(u32, u32)>,
    /// Per day and length that not every available agent may work: the agents available
    /// that day who may (the most shifts of that length and day).
    day_length: Vec<(usize, u32, u32)>,
    /// Per set `S` of lengths some agents are limited to (not every length): the least
    /// shifts and intervals of lengths in `S`, the minimums of the agents limited to a
    /// subset of `S` (they can only meet them with such shifts).
    classes: Vec<(Vec<u32>, u32, u32)>,
}

fn aggregates(pool: &Pool, minutes: u32) -> Aggregates {
    let mut g = Aggregates::default();
    let mut max_days = Some(0u32);
    let mut max_intervals = Some(0u32);
    let longest = pool.template.longest();
    let all: Vec<u32> = pool.template.lengths.iter().map(|l| l.length).collect();
    // per agent: the lengths allowed, the least days and intervals of the week
    let mut limited: Vec<(Vec<u32>, u32, u32)> = Vec::new();
    for a in &pool.agents {
        let available = (0..DAYS).filter(|&d| a.available(d)).count() as u32;
        for d in 0..DAYS {
            if a.must_work[d] && a.available(d) {
                g.must_work[d] += 1;
            }
        }
        let most_days = a
            .max_work_days
            .map_or(available, |m| u32::from(m).min(available));
        // Days the weekly minimum needs at the agent's longest allowed length.
        let widest = pool
            .template
            .lengths
            .iter()
            .map(|l| l.length)
            .filter(|l| a.allowed_lengths.as_ref().is_none_or(|x| x.contains(l)))
            .max()
            .unwrap_or(0);
        let for_minimum = match (a.min_week_minutes, widest) {
            (Some(m), w) if w > 0 => m.div_ceil(minutes).div_ceil(w),
            _ => 0,
        };
        let min_days = a.min_work_days.map_or(0, u32::from).max(for_minimum);
        g.min_days += min_days.min(most_days);
        max_days = max_days.map(|s| s + most_days);
        let most = a
            .max_week_minutes
            .map(|m| m / minutes)
            .unwrap_or(most_days * longest)
            .min(most_days * longest);
        let least = a
            .min_week_minutes
            .map_or(0, |m| m.div_ceil(minutes).min(most));
        g.min_intervals += least;
        let allowed: Vec<u32> = all
            .iter()
            .copied()
            .filter(|l| a.allowed_lengths.as_ref().is_none_or(|x| x.contains(l)))
            .collect();
        if allowed.len() < all.len() && (least > 0 || min_days > 0) {
            limited.push((allowed, min_days.min(most_days), least));
        }
        max_intervals = max_intervals.map(|s| s + most);
    }
    let mut masks: Vec<u8> = pool.agents.iter().map(|a| a.days_off_any).collect();
    masks.sort_unstable();
    masks.dedup();
    for mask in masks.into_iter().filter(|&m| m != 0) {
        let most: u32 = pool
            .agents
            .iter()
            .map(|a| {
                let listed = (0..DAYS)
                    .filter(|&d| mask & (1 << d) != 0 && a.available(d))
                    .count() as u32;
                // An agent with this rule works at most all but one of the listed days.
                let own = a.days_off_any == mask && mask.count_ones() == listed;
                listed - u32::from(own && listed > 0)
            })
            .sum();
        g.days_off.push((mask, most));
    }
    for l in pool.template.lengths.iter().map(|l| l.length) {
        // per agent: shifts of length ≥ l they may work (their allowed lengths only)
        let most: u32 = pool
            .agents
            .iter()
            .map(|a| {
                let Some(shortest) = all
                    .iter()
                    .copied()
                    .filter(|&x| x >= l)
                    .filter(|x| a.allowed_lengths.as_ref().is_none_or(|y| y.contains(x)))
                    .min()
                else {
                    return 0;
                };
                let available = (0..DAYS).filter(|&d| a.available(d)).count() as u32;
                let days = a
                    .max_work_days
                    .map_or(available, |m| u32::from(m).min(available));
                a.max_week_minutes
                    .map_or(days, |m| days.min(m / minutes / shortest.max(1)))
            })
            .sum();
        g.long.push((l, most));
    }
    for d in 0..DAYS {
        let available: Vec<&Agent> = pool.agents.iter().filter(|a| a.available(d)).collect();
        for &l in &all {
            let may = available
                .iter()
                .filter(|a| a.allowed_lengths.as_ref().is_none_or(|y| y.contains(&l)))
                .count() as u32;
            if (may as usize) < available.len() {
                g.day_length.push((d, l, may));
            }
        }
    }
    let mut sets: Vec<Vec<u32>> = limited.iter().map(|l| l.0.clone()).collect();
    sets.sort();
    sets.dedup();
    for set in sets {
        let within = limited
            .iter()
            .filter(|l| l.0.iter().all(|x| set.contains(x)));
        let days = within.clone().map(|l| l.1).sum();
        let intervals = within.map(|l| l.2).sum();
        g.classes.push((set, days, intervals));
    }
    g.max_days = max_days;
    g.max_intervals = max_intervals;
    g
}

/// Builds and solves the tour model.
pub(crate) fn solve(problem: &WeekProblem, limits: &Limits) -> Result<Tours> {
    let grid = problem.grid;
    let week = grid.week() as usize;
    let required = problem.effective_requirement();
    let joint = problem.pools.len() > 1;
    let mut minimum_sets: Vec<(Vec<usize>, Vec<u32>)> = Vec::new();
    let mut raise = |pools: Vec<usize>, r: &super::input::MinimumStaff| {
        let i = match minimum_sets.iter().position(|(p, _)| *p == pools) {
            Some(i) => i,
            None => {
                minimum_sets.push((pools, vec![0; week]));
                minimum_sets.len() - 1
            }
        };
        for v in minimum_sets[i]
            .1
            .iter_mut()
            .take(r.to as usize)
            .skip(r.from as usize)
        {
            *v = (*v).max(r.agents);
        }
    };
    if joint {
        for (p, pool) in problem.pools.iter().enumerate() {
            for r in &pool.minimum_staff {
                raise(vec![p], r);
            }
        }
    }
    for g in &problem.group_minimum {
        let mut pools = g.pools.clone();
        pools.sort_unstable();
        pools.dedup();
        raise(pools, &g.minimum);
    }
    let minimum_sets = minimum_sets;
    let pool_minimum: Vec<Vec<u32>> = minimum_sets.iter().map(|(_, m)| m.clone()).collect();
    // Per pool, the minimum sets counting it.
    let sets_of: Vec<Vec<usize>> = (0..problem.pools.len())
        .map(|p| {
            (0..minimum_sets.len())
                .filter(|&i| minimum_sets[i].0.contains(&p))
                .collect()
        })
        .collect();
    let mut types = Vec::new();
    for (p, pool) in problem.pools.iter().enumerate() {
        for day in 0..DAYS {
            for start in pool.template.day_starts(&grid, day) {
                for (li, l) in pool.template.lengths.iter().enumerate() {
                    types.push(ShiftType {
                        pool: p,
                        day,
                        start,
                        length_index: li,
                        length: l.length,
                        paid: l.paid(),
                    });
                }
            }
        }
    }
    let (cost, epsilon) = costs(problem, &types, &required, &pool_minimum);
    let max_cost = cost.iter().copied().fold(0.0, f64::max);
    // One agent-interval short costs more than a whole extra tour (see the module docs).
    let days_per_agent = problem
        .pools
        .iter()
        .map(|p| p.work_days.map_or(1.0, |w| f64::from(w.days)))
        .fold(1.0, f64::max);
    let short_penalty = (days_per_agent * max_cost).floor() + 1.0;

    let mut vars = ProblemVariables::new();
    let mut next: VarIndex = 0;
    let mut add = |vars: &mut ProblemVariables, def: good_lp::VariableDefinition| {
        let v = vars.add(def);
        next += 1;
        (v, next - 1)
    };
    let x: Vec<(Variable, VarIndex)> = types
        .iter()
        .map(|s| {
            let def = variable().integer().min(0);
            let cap = problem.pools[s.pool].day_cap(s.day);
            add(
                &mut vars,
                if let Some(c) = cap {
                    def.max(f64::from(c))
                } else {
                    def
                },
            )
        })
        .collect();
    // Break variables: per type, per break, per offset.
    let mut y: Vec<Vec<Vec<BreakStart>>> = Vec::with_capacity(types.len());
    for s in &types {
        let rules = &problem.pools[s.pool].template.lengths[s.length_index].breaks;
        y.push(
            rules
                .iter()
                .map(|b| {
                    let single = b.earliest_offset == b.latest_offset;
                    (b.earliest_offset..=b.latest_offset)
                        .map(|o| {
                            let v = (!single).then(|| add(&mut vars, variable().integer().min(0)));
                            (o, v)
                        })
                        .collect()
                })
                .collect(),
        );
    }
    let pattern_masks: Vec<Vec<u8>> = problem
        .pools
        .iter()
        .map(|p| p.work_days.map(patterns).unwrap_or_default())
        .collect();
    let w: Vec<Vec<(Variable, VarIndex)>> = pattern_masks
        .iter()
        .map(|masks| {
            masks
                .iter()
                .map(|_| add(&mut vars, variable().integer().min(0)))
                .collect()
        })
        .collect();
    let short: Vec<Option<(Variable, VarIndex)>> = required
        .iter()
        .map(|&r| (r > 0).then(|| add(&mut vars, variable().min(0))))
        .collect();
    let pool_short: Vec<Vec<Option<(Variable, VarIndex)>>> = pool_minimum
        .iter()
        .map(|m| {
            m.iter()
                .map(|&r| (r > 0).then(|| add(&mut vars, variable().min(0))))
                .collect()
        })
        .collect();
    let aggs: Vec<Option<Aggregates>> = problem
        .pools
        .iter()
        .map(|p| (!p.agents.is_empty()).then(|| aggregates(p, grid.minutes())))
        .collect();
    // Slacks of the aggregate lower rows: per pool, per day (must work), days, intervals.
    let mut agg_slack: Vec<Variable> = Vec::new();
    let mut agg_rows: Vec<(Expression, f64, Variable)> = Vec::new();
    let mut agg_upper: Vec<(Expression, f64)> = Vec::new();
    for (p, g) in aggs.iter().enumerate() {
        let Some(g) = g else { continue };
        let of_pool = || types.iter().zip(&x).filter(move |(s, _)| s.pool == p);
        let mut lower = |e: Expression, v: u32, vars: &mut ProblemVariables| {
            if v > 0 {
                let (s, _) = add(vars, variable().min(0));
                agg_slack.push(s);
                agg_rows.push((e, f64::from(v), s));
            }
        };
        for d in 0..DAYS {
            let e: Expression = of_pool()
                .filter(|(s, _)| s.day == d)
                .map(|(_, v)| v.0)
                .sum();
            lower(e, g.must_work[d], &mut vars);
        }
        let count: Expression = of_pool().map(|(_, v)| v.0).sum();
        let mut length = Expression::default();
        for (s, v) in of_pool() {
            length.add_mul(f64::from(s.length), v.0);
        }
        lower(count.clone(), g.min_days, &mut vars);
        lower(length.clone(), g.min_intervals, &mut vars);
        for (set, days, intervals) in &g.classes {
            let mut n = Expression::default();
            let mut len = Expression::default();
            for (s, v) in of_pool().filter(|(s, _)| set.contains(&s.length)) {
                n.add_mul(1.0, v.0);
                len.add_mul(f64::from(s.length), v.0);
            }
            lower(n, *days, &mut vars);
            lower(len, *intervals, &mut vars);
        }
        if let Some(m) = g.max_days {
            agg_upper.push((count, f64::from(m)));
        }
        for &(l, most) in &g.long {
            let e: Expression = of_pool()
                .filter(|(s, _)| s.length >= l)
                .map(|(_, v)| v.0)
                .sum();
            agg_upper.push((e, f64::from(most)));
        }
        for &(d, l, most) in &g.day_length {
            let e: Expression = of_pool()
                .filter(|(s, _)| s.day == d && s.length == l)
                .map(|(_, v)| v.0)
                .sum();
            agg_upper.push((e, f64::from(most)));
        }
        for &(mask, most) in &g.days_off {
            let e: Expression = of_pool()
                .filter(|(s, _)| mask & (1 << s.day) != 0)
                .map(|(_, v)| v.0)
                .sum();
            agg_upper.push((e, f64::from(most)));
        }
        if let Some(m) = g.max_intervals {
            agg_upper.push((length, f64::from(m)));
        }
    }

    let mut objective = Expression::with_capacity(types.len() + week);
    for ((v, _), c) in x.iter().zip(&cost) {
        objective.add_mul(*c, *v);
    }
    for (v, _) in short.iter().chain(pool_short.iter().flatten()).flatten() {
        objective.add_mul(short_penalty, *v);
    }
    for v in &agg_slack {
        objective.add_mul(short_penalty, *v);
    }
    let mut model = highs(vars.minimise(objective));

    // Coverage rows, accumulated per interval: shared, and per pool for its minimum.
    let mut rows: Vec<Expression> = (0..week).map(|_| Expression::with_capacity(64)).collect();
    let mut pool_rows: Vec<Vec<Expression>> = pool_minimum
        .iter()
        .map(|m| m.iter().map(|_| Expression::default()).collect())
        .collect();
    for (k, s) in types.iter().enumerate() {
        let week = week as u32;
        let on = s.start.min(week) as usize..(s.start + s.length).min(week) as usize;
        for t in on {
            rows[t].add_mul(1.0, x[k].0);
            for &i in &sets_of[s.pool] {
                if pool_minimum[i][t] > 0 {
                    pool_rows[i][t].add_mul(1.0, x[k].0);
                }
            }
        }
        let rules = &problem.pools[s.pool].template.lengths[s.length_index].breaks;
        for (b, rule) in rules.iter().enumerate() {
            let mut assigned = Expression::with_capacity(y[k][b].len());
            for &(o, v) in &y[k][b] {
                let var = v.map_or(x[k].0, |(v, _)| v);
                assigned.add_mul(1.0, var);
                let from = (s.start + o).min(week);
                for t in from..(from + rule.length).min(week) {
                    rows[t as usize].add_mul(-1.0, var);
                    for &i in &sets_of[s.pool] {
                        if pool_minimum[i][t as usize] > 0 {
                            pool_rows[i][t as usize].add_mul(-1.0, var);
                        }
                    }
                }
            }
            if y[k][b].len() > 1 {
                model.add_constraint(assigned.eq(x[k].0));
            }
        }
    }
    for (t, row) in rows.into_iter().enumerate() {
        if let Some((s, _)) = short[t] {
            model.add_constraint((row + s).geq(f64::from(required[t])));
        }
    }
    for (p, prow) in pool_rows.into_iter().enumerate() {
        for (t, row) in prow.into_iter().enumerate() {
            if let Some((s, _)) = pool_short[p][t] {
                model.add_constraint((row + s).geq(f64::from(pool_minimum[p][t])));
            }
        }
    }
    for (e, v, s) in agg_rows {
        model.add_constraint((e + s).geq(v));
    }
    for (e, v) in agg_upper {
        model.add_constraint(e.leq(v));
    }
    for (p, pool) in problem.pools.iter().enumerate() {
        for d in 0..DAYS {
            let day: Expression = types
                .iter()
                .zip(&x)
                .filter(|(s, _)| s.pool == p && s.day == d)
                .map(|(_, (v, _))| *v)
                .sum();
            if !w[p].is_empty() {
                let working: Expression = pattern_masks[p]
                    .iter()
                    .zip(&w[p])
                    .filter(|(m, _)| *m & (1 << d) != 0)
                    .map(|(_, (v, _))| *v)
                    .sum();
                model.add_constraint(day.clone().eq(working));
            }
            if let Some(c) = pool.day_cap(d) {
                model.add_constraint(day.leq(f64::from(c)));
            }
        }
        let agents = match (pool.max_shifts_per_day, pool.agents.len()) {
            (c, 0) => c,
            (Some(c), n) => Some(c.min(n as u32)),
            (None, n) => Some(n as u32),
        };
        if let (Some(c), false) = (agents, w[p].is_empty()) {
            // Agents on patterns are the agents available.
            let total: Expression = w[p].iter().map(|(v, _)| *v).sum();
            model.add_constraint(total.leq(f64::from(c)));
        }
    }

    let (values, report) = mip::solve(model, limits)?;
    let int = |i: VarIndex| values[i].round().max(0.0) as u32;
    let counts: Vec<u32> = x.iter().map(|&(_, i)| int(i)).collect();
    let break_offsets: Vec<Vec<Vec<u32>>> = y
        .iter()
        .zip(&counts)
        .map(|(breaks, &n)| {
            breaks
                .iter()
                .map(|offsets| {
                    let mut chosen = Vec::with_capacity(n as usize);
                    for &(o, v) in offsets {
                        let m = v.map_or(n, |(_, i)| int(i));
                        chosen.extend(std::iter::repeat_n(o, m as usize));
                    }
                    chosen
                })
                .collect()
        })
        .collect();
    let patterns_used = pattern_masks
        .iter()
        .zip(&w)
        .map(|(masks, ws)| {
            masks
                .iter()
                .zip(ws)
                .map(|(&m, &(_, i))| (m, int(i)))
                .filter(|&(_, n)| n > 0)
                .collect()
        })
        .collect();
    let mut tours = Tours {
        types,
        counts,
        break_offsets,
        patterns: patterns_used,
        coverage: vec![0; week],
        required,
        minimum_sets,
        report,
        epsilon,
        cost,
    };
    tours.coverage = tours.model_coverage(problem, None);
    Ok(tours)
}

impl Tours {
    /// Productive agents per interval implied by the counts and break offsets (of one
    /// pool, or all).
    pub(crate) fn model_coverage(&self, problem: &WeekProblem, pool: Option<usize>) -> Vec<u32> {
        let week = problem.grid.week();
        let mut cov = vec![0i64; week as usize];
        for (k, s) in self.types.iter().enumerate() {
            if pool.is_some_and(|p| p != s.pool) {
                continue;
            }
            let n = i64::from(self.counts[k]);
            for t in s.start.min(week)..(s.start + s.length).min(week) {
                cov[t as usize] += n;
            }
            let rules = &problem.pools[s.pool].template.lengths[s.length_index].breaks;
            for (b, rule) in rules.iter().enumerate() {
                for &o in &self.break_offsets[k][b] {
                    let from = (s.start + o).min(week);
                    for t in from..(from + rule.length).min(week) {
                        cov[t as usize] -= 1;
                    }
                }
            }
        }
        cov.into_iter().map(|c| c.max(0) as u32).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_off_patterns() {
        let all = patterns(WorkDays {
            days: 5,
            consecutive_days_off: false,
        });
        assert_eq!(all.len(), 21); // C(7, 5)
        let consecutive = patterns(WorkDays {
            days: 5,
            consecutive_days_off: true,
        });
        assert_eq!(consecutive.len(), 7);
        // Saturday + Sunday off (days 5, 6) and Sunday + Monday off (6, 0) are among them.
        assert!(consecutive.contains(&0b001_1111));
        assert!(consecutive.contains(&0b011_1110));
        assert!(!consecutive.contains(&0b101_1110)); // Monday and Saturday off
        assert_eq!(
            patterns(WorkDays {
                days: 7,
                consecutive_days_off: true
            }),
            vec![127]
        );
    }
}
