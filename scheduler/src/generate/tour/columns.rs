//! The tour model's columns, created in a fixed order (shift types, breaks, days-off
//! patterns, shortages, the pools' minimum shortages; then the aggregate slacks), and
//! what they are built from: the shift types and the minimum staff sets.

use good_lp::{Expression, Variable, variable};

use super::aggregates::AggregateRows;
use super::{ShiftType, patterns};
use crate::generate::input::{DAYS, MinimumStaff, WeekProblem};
use crate::generate::mip::{Columns, VarIndex};

/// One start offset of one break: its own variable, or `None` when the window has a
/// single point (the shift's `x` then stands for it).
pub(super) type BreakStart = (u32, Option<(Variable, VarIndex)>);

/// Minimum staff rows not merged into the requirement: the pools they count and the
/// minimum per week interval — each pool's own when there are several pools, then the
/// [`crate::generate::GroupMinimum`]s (rows over the same pools merged, the highest
/// minimum kept).
pub(super) fn minimum_sets(problem: &WeekProblem) -> Vec<(Vec<usize>, Vec<u32>)> {
    let week = problem.grid.week() as usize;
    let joint = problem.pools.len() > 1;
    let mut minimum_sets: Vec<(Vec<usize>, Vec<u32>)> = Vec::new();
    let mut raise = |pools: Vec<usize>, r: &MinimumStaff| {
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
    minimum_sets
}

/// Every daily shift type: per pool, day, start of the day's window and template length.
pub(super) fn shift_types(problem: &WeekProblem) -> Vec<ShiftType> {
    let grid = problem.grid;
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
    types
}

/// The tour model's variables (see the module docs of `tour`).
pub(super) struct TourVars {
    /// Agents per shift type.
    pub(super) x: Vec<(Variable, VarIndex)>,
    /// Per shift type, per break, per offset of its window.
    pub(super) y: Vec<Vec<Vec<BreakStart>>>,
    /// Per pool, its days-off patterns (empty: none).
    pub(super) pattern_masks: Vec<Vec<u8>>,
    /// Per pool, agents per pattern.
    pub(super) w: Vec<Vec<(Variable, VarIndex)>>,
    /// Agents short per week interval (where some are required).
    pub(super) short: Vec<Option<(Variable, VarIndex)>>,
    /// Per minimum set, agents short of its minimum per week interval.
    pub(super) pool_short: Vec<Vec<Option<(Variable, VarIndex)>>>,
}

impl TourVars {
    /// Adds the variables to `cols` in the model's order: `x`, `y`, `w`, `short`,
    /// `pool_short`.
    pub(super) fn add(
        cols: &mut Columns,
        problem: &WeekProblem,
        types: &[ShiftType],
        required: &[u32],
        pool_minimum: &[Vec<u32>],
        caps: &[Option<u32>],
    ) -> Self {
        let x: Vec<(Variable, VarIndex)> = types
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let def = variable().integer().min(0);
                let day_cap = problem.pools[s.pool].day_cap(s.day);
                // a repair round's cap on the type (see `generate`'s module docs)
                let cap = match (day_cap, caps.get(k).copied().flatten()) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                cols.add(if let Some(c) = cap {
                    def.max(f64::from(c))
                } else {
                    def
                })
            })
            .collect();
        // Break variables: per type, per break, per offset.
        let mut y: Vec<Vec<Vec<BreakStart>>> = Vec::with_capacity(types.len());
        for s in types {
            let rules = &problem.pools[s.pool].template.lengths[s.length_index].breaks;
            y.push(
                rules
                    .iter()
                    .map(|b| {
                        let single = b.earliest_offset == b.latest_offset;
                        (b.earliest_offset..=b.latest_offset)
                            .map(|o| {
                                let v = (!single).then(|| cols.add(variable().integer().min(0)));
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
                    .map(|_| cols.add(variable().integer().min(0)))
                    .collect()
            })
            .collect();
        let short: Vec<Option<(Variable, VarIndex)>> = required
            .iter()
            .map(|&r| (r > 0).then(|| cols.add(variable().min(0))))
            .collect();
        let pool_short: Vec<Vec<Option<(Variable, VarIndex)>>> = pool_minimum
            .iter()
            .map(|m| {
                m.iter()
                    .map(|&r| (r > 0).then(|| cols.add(variable().min(0))))
                    .collect()
            })
            .collect();
        Self {
            x,
            y,
            pattern_masks,
            w,
            short,
            pool_short,
        }
    }

    /// The objective: each shift type's cost, `short_penalty` per unit of every
    /// shortage of the requirement and aggregate slack, `minimum_penalty` per unit of a
    /// minimum set's shortage.
    pub(super) fn objective(
        &self,
        cost: &[f64],
        (short_penalty, minimum_penalty): (f64, f64),
        agg: &AggregateRows,
        capacity: usize,
    ) -> Expression {
        let mut objective = Expression::with_capacity(capacity);
        for ((v, _), c) in self.x.iter().zip(cost) {
            objective.add_mul(*c, *v);
        }
        for (v, _) in self.short.iter().flatten() {
            objective.add_mul(short_penalty, *v);
        }
        for (v, _) in self.pool_short.iter().flatten().flatten() {
            objective.add_mul(minimum_penalty, *v);
        }
        for v in &agg.slack {
            objective.add_mul(short_penalty, *v);
        }
        objective
    }
}
