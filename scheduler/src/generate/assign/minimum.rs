//! The pool's own minimum staff in the assignment: a row per interval of a minimum set,
//! `Σ cover[k,t] · Σ_a z[a,k] + gap[t] ≥ minimum[t]`, with a penalised slack `gap[t]`.
//!
//! Why: the tour model meets the minimum with the shifts it staffs, but when the pool's
//! agents cannot take every staffed shift (a saturated day: most agents already work it
//! and their weekly rules forbid more), the assignment leaves some open. Priced by
//! length alone, it may leave open exactly the shifts the minimum needs (a Monday
//! evening), and no later stage can win them back (the agents are used up). With the
//! rows, a shift the minimum needs is the last one left open: the minimum is a rule of
//! the group, the requirement a goal (the polish keeps the same order).
//!
//! `cover[k,t]` is 1 where shift type `k` is on at `t`, less the share of its shifts
//! the tour model placed on a break at `t` (its chosen offsets; the earliest offset for
//! a type the model left empty): an estimate, exact when the agents take all of a
//! type's shifts; the polish re-places breaks where the estimate was optimistic.
//! Minimums over several pools ([`crate::generate::GroupMinimum`]) stay in the tour
//! model only (each pool is assigned on its own).

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, SolverModel, Variable, variable};

use super::columns::AssignVars;
use crate::generate::input::WeekProblem;
use crate::generate::mip::{Columns, VarIndex};
use crate::generate::tour::Tours;

/// One interval of the pool's minimum staff: the week interval, the agents needed and
/// the slack.
pub(super) struct MinimumRow {
    pub(super) interval: u32,
    pub(super) agents: u32,
    pub(super) gap: (Variable, VarIndex),
}

/// Per week interval of pool `pool`'s own minimum staff (the highest rule where several
/// overlap), a row with its slack column added to `cols`.
pub(super) fn add_columns(
    cols: &mut Columns,
    problem: &WeekProblem,
    pool: usize,
) -> Vec<MinimumRow> {
    let week = problem.grid.week();
    let mut need = vec![0u32; week as usize];
    for r in &problem.pools[pool].minimum_staff {
        for t in r.from..r.to.min(week) {
            need[t as usize] = need[t as usize].max(r.agents);
        }
    }
    need.iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(t, &n)| MinimumRow {
            interval: t as u32,
            agents: n,
            gap: cols.add(variable().min(0)),
        })
        .collect()
}

/// The estimated productive share of one shift of type `k` at week interval `t` (see
/// the module docs).
pub(super) fn cover(problem: &WeekProblem, tours: &Tours, k: usize, t: u32) -> f64 {
    let s = tours.types[k];
    if t < s.start || t >= s.start + s.length {
        return 0.0;
    }
    let rules = &problem.pools[s.pool].template.lengths[s.length_index].breaks;
    let mut on_break = 0.0;
    for (b, rule) in rules.iter().enumerate() {
        let at = |o: u32| s.start + o <= t && t < s.start + o + rule.length;
        match tours.break_offsets[k].get(b).filter(|o| !o.is_empty()) {
            Some(offsets) => {
                on_break +=
                    offsets.iter().filter(|&&o| at(o)).count() as f64 / offsets.len() as f64;
            }
            None => on_break += f64::from(u8::from(at(rule.earliest_offset))),
        }
    }
    (1.0 - on_break).max(0.0)
}

/// Adds the rows (see the module docs) over the agents' `z`.
pub(super) fn add_rows(
    model: &mut HighsProblem,
    rows: &[MinimumRow],
    (problem, tours): (&WeekProblem, &Tours),
    v: &AssignVars,
) {
    for r in rows {
        let mut lhs = Expression::default();
        for zs in &v.z {
            for &(k, z, _) in zs {
                let c = cover(problem, tours, k, r.interval);
                if c > 0.0 {
                    lhs.add_mul(c, z);
                }
            }
        }
        model.add_constraint((lhs + r.gap.0).geq(f64::from(r.agents)));
    }
}

/// Adds `weight` per agent-interval below the minimum to `objective`.
pub(super) fn add_objective(rows: &[MinimumRow], weight: f64, objective: &mut Expression) {
    for r in rows {
        objective.add_mul(weight, r.gap.0);
    }
}
