//! The tour model's objective: each shift type's cost by the [`Objective`], the
//! fewest-shifts tie-break weight ε and the shortage penalty (see the module docs of
//! `generate` for why they keep the order of the objectives).

use super::ShiftType;
use crate::generate::input::{DAYS, Objective, Pool, WeekProblem};

/// Per-shift-type objective coefficients and the tie-break ε (see [`super`] for the
/// proof that ε keeps the fewest-shifts order).
pub(super) fn costs(
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

/// The penalty of one agent-interval short (and of one unit of an aggregate row's
/// slack): more than a whole extra tour (`days` shifts of the dearest type, `days` the
/// most work days per agent over the pools; see the module docs of `generate`).
pub(super) fn short_penalty(problem: &WeekProblem, cost: &[f64]) -> f64 {
    let max_cost = cost.iter().copied().fold(0.0, f64::max);
    // One agent-interval short costs more than a whole extra tour (see the module docs).
    let days_per_agent = problem
        .pools
        .iter()
        .map(|p| p.work_days.map_or(1.0, |w| f64::from(w.days)))
        .fold(1.0, f64::max);
    (days_per_agent * max_cost).floor() + 1.0
}

/// The penalty of one agent-interval short of a minimum set: `short_penalty · (L + 1)`,
/// `L` the longest shift of any pool (intervals), so that a minimum staff (a rule of
/// the group) is never traded for the requirement coverage (a goal) of a whole shift.
/// Priced like the requirement, the tour model moved a group's evening minimum to the
/// morning peak of a saturated Monday (the 800-agent example's MinimumStaff violations).
pub(super) fn minimum_penalty(problem: &WeekProblem, short_penalty: f64) -> f64 {
    let longest = problem
        .pools
        .iter()
        .map(|p| p.template.longest())
        .max()
        .unwrap_or(0);
    short_penalty * f64::from(longest + 1)
}
