//! The tour model's rows, added in a fixed order: per shift type its breaks' sums
//! (`Σ_o y = x`), the shared coverage rows, each minimum set's coverage rows, the
//! aggregate rows, then per pool and day the days-off pattern and cap rows.

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, SolverModel};

use super::ShiftType;
use super::aggregates::AggregateRows;
use super::columns::TourVars;
use crate::generate::input::{DAYS, WeekProblem};

/// The requirement and minimum staff the coverage rows meet.
pub(super) struct Targets<'a> {
    /// Required agents per week interval.
    pub(super) required: &'a [u32],
    /// Per minimum set, its minimum per week interval.
    pub(super) pool_minimum: &'a [Vec<u32>],
    /// Per pool, the minimum sets counting it.
    pub(super) sets_of: &'a [Vec<usize>],
}

/// Adds the break rows (`Σ_o y[k,b,o] = x[k]` for windows of several offsets) and the
/// coverage rows: productive agents plus shortage at least the requirement, shared and
/// per minimum set.
pub(super) fn add_coverage_rows(
    model: &mut HighsProblem,
    problem: &WeekProblem,
    types: &[ShiftType],
    v: &TourVars,
    targets: &Targets<'_>,
) {
    let (x, y) = (&v.x, &v.y);
    let (pool_minimum, sets_of) = (targets.pool_minimum, targets.sets_of);
    let week = problem.grid.week() as usize;
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
            for &(o, var) in &y[k][b] {
                let var = var.map_or(x[k].0, |(var, _)| var);
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
        if let Some((s, _)) = v.short[t] {
            model.add_constraint((row + s).geq(f64::from(targets.required[t])));
        }
    }
    for (p, prow) in pool_rows.into_iter().enumerate() {
        for (t, row) in prow.into_iter().enumerate() {
            if let Some((s, _)) = v.pool_short[p][t] {
                model.add_constraint((row + s).geq(f64::from(pool_minimum[p][t])));
            }
        }
    }
}

/// Adds the aggregate rows: the lower ones with their slacks, then the upper ones.
pub(super) fn add_aggregate_rows(model: &mut HighsProblem, agg: AggregateRows) {
    for (e, v, s) in agg.lower {
        model.add_constraint((e + s).geq(v));
    }
    for (e, v) in agg.upper {
        model.add_constraint(e.leq(v));
    }
}

/// Adds per pool and day the days-off pattern row (`Σ_k x[d,k] = Σ_{q ∋ d} w[q]`) and
/// the day's cap, then the pool's agents on patterns at most its agents.
pub(super) fn add_day_rows(
    model: &mut HighsProblem,
    problem: &WeekProblem,
    types: &[ShiftType],
    v: &TourVars,
) {
    let (x, w) = (&v.x, &v.w);
    for (p, pool) in problem.pools.iter().enumerate() {
        for d in 0..DAYS {
            let day: Expression = types
                .iter()
                .zip(x)
                .filter(|(s, _)| s.pool == p && s.day == d)
                .map(|(_, (v, _))| *v)
                .sum();
            if !w[p].is_empty() {
                let working: Expression = v.pattern_masks[p]
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
}
