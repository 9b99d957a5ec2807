//! The coverage the requirement needs from the pool, as rows of the assignment:
//! `Σ cover[k,t] · Σ_a z[a,k] + lost[t] ≥ target[t]` per week interval, `lost[t] ≥ 0`
//! priced at the longest shift's length per agent-interval.
//!
//! Why: where the agents cannot take every shift the tour model staffed (a saturated
//! day, weekly rules the pool totals do not see), some shifts stay open. Priced by
//! length alone, the assignment picked *which* by length — often a shift at the
//! morning peak, where every agent counts — and the coverage was lost between the
//! stages. With the rows it leaves open the shifts whose coverage the requirement does
//! not need (the tour model's surplus), and an agent with a weekly minimum may take an
//! unstaffed type at a staffed start (an extra shift) where that wins coverage back.
//!
//! `target[t]` is the pool's coverage in the tour model less its share of the surplus
//! `max(0, coverage[t] − required[t])` (all pools' coverage, shared in proportion to the
//! pools' coverage, rounded down, so the pools assigned apart never drop more than the
//! surplus together). `cover[k,t]` is the estimate of `minimum.rs`. A lost
//! agent-interval costs the longest length `L`: more than leaving any one shift open
//! instead; a whole shift's coverage and length cost at most `L² + L`, less than a
//! rule's unit `R = L·(L + 1)` (an agent's rule costs `2·R` and up): the agents' rules
//! and the minimum staff come first, then the requirement, then the paid hours. (With
//! rules at `4·L`, the first version broke minimum consecutive days off to staff a
//! Monday peak: 17 violations on the 800-agent example.)

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, SolverModel, Variable, variable};

use super::columns::AssignVars;
use super::minimum::cover;
use crate::generate::input::WeekProblem;
use crate::generate::mip::{Columns, VarIndex};
use crate::generate::tour::Tours;

/// One interval's row: the week interval, the pool's target and the slack.
pub(super) struct CoverageRow {
    interval: u32,
    target: u32,
    lost: (Variable, VarIndex),
}

/// The pool's target per week interval (see the module docs).
pub(super) fn targets(problem: &WeekProblem, pool: usize, tours: &Tours) -> Vec<u32> {
    let own = tours.model_coverage(problem, Some(pool));
    own.iter()
        .enumerate()
        .map(|(t, &c)| {
            let all = u64::from(tours.coverage[t]);
            let surplus = all.saturating_sub(u64::from(tours.required[t]));
            let share = (surplus * u64::from(c)).checked_div(all).unwrap_or(0);
            c.saturating_sub(share as u32)
        })
        .collect()
}

/// A row with its slack column (added to `cols`) per interval with a positive target.
pub(super) fn add_columns(cols: &mut Columns, targets: &[u32]) -> Vec<CoverageRow> {
    targets
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(t, &n)| CoverageRow {
            interval: t as u32,
            target: n,
            lost: cols.add(variable().min(0)),
        })
        .collect()
}

/// Adds the rows over the agents' `z` (one pass over the columns).
pub(super) fn add_rows(
    model: &mut HighsProblem,
    rows: &[CoverageRow],
    (problem, tours): (&WeekProblem, &Tours),
    v: &AssignVars,
) {
    let week = problem.grid.week() as usize;
    let mut row_of: Vec<Option<usize>> = vec![None; week];
    for (i, r) in rows.iter().enumerate() {
        row_of[r.interval as usize] = Some(i);
    }
    let mut lhs: Vec<Expression> = rows.iter().map(|_| Expression::default()).collect();
    for &(k, z, _) in v.z.iter().flatten() {
        let s = tours.types[k];
        for t in s.start..(s.start + s.length).min(week as u32) {
            if let Some(i) = row_of[t as usize] {
                let c = cover(problem, tours, k, t);
                if c > 0.0 {
                    lhs[i].add_mul(c, z);
                }
            }
        }
    }
    for (r, e) in rows.iter().zip(lhs) {
        model.add_constraint((e + r.lost.0).geq(f64::from(r.target)));
    }
}

/// Adds `weight` per agent-interval lost to `objective`.
pub(super) fn add_objective(rows: &[CoverageRow], weight: f64, objective: &mut Expression) {
    for r in rows {
        objective.add_mul(weight, r.lost.0);
    }
}
