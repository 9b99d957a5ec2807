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

use super::Limits;
use super::input::{DAYS, WeekProblem, WorkDays};
use super::mip::{self, Columns, SolveReport, VarIndex};
use crate::error::Result;

mod aggregates;
mod columns;
mod costs;
mod rows;

use aggregates::{Aggregates, aggregate_rows, aggregates};
use columns::{BreakStart, TourVars, minimum_sets, shift_types};
use rows::Targets;

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
    /// The objective's penalty per agent-interval short (of the requirement or of a
    /// minimum set) and per unit of an aggregate row's slack.
    pub short_penalty: f64,
    /// The objective's penalty per agent-interval short of a minimum set (a rule).
    pub minimum_penalty: f64,
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

/// Builds and solves the tour model: the shift types and minimum sets, the columns
/// (see [`TourVars`]) and aggregate slacks, the objective, the rows, then the solution
/// read back as [`Tours`].
#[cfg(test)]
pub(crate) fn solve(problem: &WeekProblem, limits: &Limits) -> Result<Tours> {
    solve_capped(problem, limits, &[])
}

/// [`solve`] with `caps[k]` (where `Some`) an upper bound on the agents of shift type
/// `k` (the order of [`shift_types`], the same for the same problem): the repair rounds
/// of `generate` cap the types whose shifts fit no agent. A capped model is a
/// restriction, so only the uncapped model's bound is a lower bound for the problem.
pub(crate) fn solve_capped(
    problem: &WeekProblem,
    limits: &Limits,
    caps: &[Option<u32>],
) -> Result<Tours> {
    let grid = problem.grid;
    let week = grid.week() as usize;
    let required = problem.effective_requirement();
    let minimum_sets = minimum_sets(problem);
    let pool_minimum: Vec<Vec<u32>> = minimum_sets.iter().map(|(_, m)| m.clone()).collect();
    // Per pool, the minimum sets counting it.
    let sets_of: Vec<Vec<usize>> = (0..problem.pools.len())
        .map(|p| {
            (0..minimum_sets.len())
                .filter(|&i| minimum_sets[i].0.contains(&p))
                .collect()
        })
        .collect();
    let types = shift_types(problem);
    let (cost, epsilon) = costs::costs(problem, &types, &required, &pool_minimum);
    let short_penalty = costs::short_penalty(problem, &cost);
    let minimum_penalty = costs::minimum_penalty(problem, short_penalty);

    let mut cols = Columns::new();
    let v = TourVars::add(&mut cols, problem, &types, &required, &pool_minimum, caps);
    let aggs: Vec<Option<Aggregates>> = problem
        .pools
        .iter()
        .map(|p| (!p.agents.is_empty()).then(|| aggregates(p, grid.minutes())))
        .collect();
    // Slacks of the aggregate lower rows: per pool, per day (must work), days, intervals.
    let agg = aggregate_rows(&types, &v.x, &aggs, &mut cols);
    let objective = v.objective(
        &cost,
        (short_penalty, minimum_penalty),
        &agg,
        types.len() + week,
    );
    let mut model = cols.minimise(objective);
    let targets = Targets {
        required: &required,
        pool_minimum: &pool_minimum,
        sets_of: &sets_of,
    };
    rows::add_coverage_rows(&mut model, problem, &types, &v, &targets);
    rows::add_aggregate_rows(&mut model, agg);
    rows::add_day_rows(&mut model, problem, &types, &v);

    let (values, report) = mip::solve(model, limits)?;
    let mut tours = Tours {
        counts: Vec::new(),
        break_offsets: Vec::new(),
        patterns: Vec::new(),
        coverage: vec![0; week],
        types,
        required,
        minimum_sets,
        report,
        epsilon,
        cost,
        short_penalty,
        minimum_penalty,
    };
    tours.read(&values, &v);
    tours.coverage = tours.model_coverage(problem, None);
    Ok(tours)
}

impl Tours {
    /// Reads the counts, the chosen break offsets (ascending, one per agent) and the
    /// patterns used from the solution `values`.
    fn read(&mut self, values: &[f64], v: &TourVars) {
        let int = |i: VarIndex| values[i].round().max(0.0) as u32;
        self.counts = v.x.iter().map(|&(_, i)| int(i)).collect();
        self.break_offsets =
            v.y.iter()
                .zip(&self.counts)
                .map(|(breaks, &n)| {
                    breaks
                        .iter()
                        .map(|offsets: &Vec<BreakStart>| {
                            let mut chosen = Vec::with_capacity(n as usize);
                            for &(o, var) in offsets {
                                let m = var.map_or(n, |(_, i)| int(i));
                                chosen.extend(std::iter::repeat_n(o, m as usize));
                            }
                            chosen
                        })
                        .collect()
                })
                .collect();
        self.patterns = v
            .pattern_masks
            .iter()
            .zip(&v.w)
            .map(|(masks, ws)| {
                masks
                    .iter()
                    .zip(ws)
                    .map(|(&m, &(_, i))| (m, int(i)))
                    .filter(|&(_, n)| n > 0)
                    .collect()
            })
            .collect();
    }

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
