//! Stage 1: the anonymous tour model — how many agents on each daily shift type, where
//! their breaks go, and (optionally) which days-off patterns they follow.
//!
//! Variables (all integer, except the slack):
//! - `x[d,k]` agents on shift type `k` (start, length) of day `d`;
//! - `y[d,k,b,o]` of them taking break `b` at offset `o` of its window, with
//!   `Σ_o y[d,k,b,o] = x[d,k]` (a break with a one-point window needs no variable);
//! - `w[p]` agents on days-off pattern `p` when [`WorkDays`] is set, with
//!   `Σ_k x[d,k] = Σ_{p works d} w[p]` per day;
//! - `short[t] ≥ 0` agent-intervals below the requirement.
//!
//! Coverage per week interval `t`:
//! `Σ_{(d,k) on shift at t} x − Σ_{(d,k,b,o) on break at t} y + short[t] ≥ required[t]`.

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, highs, variable};

use super::input::{DAYS, Objective, WeekProblem, WorkDays};
use super::mip::{self, Limits, SolveReport, VarIndex};
use crate::error::Result;

/// One start offset of one break: its own variable, or `None` when the window has a
/// single point (the shift's `x` then stands for it).
type BreakStart = (u32, Option<(Variable, VarIndex)>);

/// A daily shift type: day, start (week interval), template length index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShiftType {
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
    /// Agents per days-off pattern (bit `d` set: works day `d`), when patterns are used.
    pub patterns: Vec<(u8, u32)>,
    /// Productive agents per week interval in the model.
    pub coverage: Vec<u32>,
    /// The effective requirement.
    pub required: Vec<u32>,
    /// Solver report.
    pub report: SolveReport,
    /// The tie-break weight ε (fewest shifts) or 0.
    pub epsilon: f64,
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
fn costs(problem: &WeekProblem, types: &[ShiftType], required: &[u32]) -> (Vec<f64>, f64) {
    let minutes = f64::from(problem.grid.minutes());
    match problem.objective {
        Objective::FewestShifts => {
            let max_paid = types.iter().map(|s| s.paid).max().unwrap_or(0);
            let total: u64 = required.iter().map(|&r| u64::from(r)).sum();
            let days = problem.work_days.map_or(DAYS as u64, |w| u64::from(w.days));
            let mut shifts_bound = days * total;
            if let Some(n) = problem.max_shifts_per_day {
                shifts_bound = shifts_bound.min(DAYS as u64 * u64::from(n));
            }
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

/// Builds and solves the tour model.
pub(crate) fn solve(problem: &WeekProblem, limits: &Limits) -> Result<Tours> {
    let grid = problem.grid;
    let week = grid.week() as usize;
    let required = problem.effective_requirement();
    let starts = problem.template.starts();
    let lengths = &problem.template.lengths;
    let mut types = Vec::new();
    for day in 0..DAYS {
        for &s in &starts {
            for (li, l) in lengths.iter().enumerate() {
                types.push(ShiftType {
                    day,
                    start: day as u32 * grid.per_day() + s,
                    length_index: li,
                    length: l.length,
                    paid: l.paid(),
                });
            }
        }
    }
    let (cost, epsilon) = costs(problem, &types, &required);
    let max_cost = cost.iter().copied().fold(0.0, f64::max);
    // One agent-interval short costs more than a whole extra tour (see the module docs).
    let days_per_agent = problem.work_days.map_or(1.0, |w| f64::from(w.days));
    let short_penalty = (days_per_agent * max_cost).floor() + 1.0;

    let mut vars = ProblemVariables::new();
    let mut next: VarIndex = 0;
    let mut add = |vars: &mut ProblemVariables, def: good_lp::VariableDefinition| {
        let v = vars.add(def);
        next += 1;
        (v, next - 1)
    };
    let cap = problem.max_shifts_per_day.map(f64::from);
    let x: Vec<(Variable, VarIndex)> = types
        .iter()
        .map(|_| {
            let def = variable().integer().min(0);
            add(&mut vars, if let Some(c) = cap { def.max(c) } else { def })
        })
        .collect();
    // Break variables: per type, per break, per offset.
    let mut y: Vec<Vec<Vec<BreakStart>>> = Vec::with_capacity(types.len());
    for s in &types {
        let rules = &lengths[s.length_index].breaks;
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
    let pattern_masks = problem.work_days.map(patterns).unwrap_or_default();
    let w: Vec<(Variable, VarIndex)> = pattern_masks
        .iter()
        .map(|_| add(&mut vars, variable().integer().min(0)))
        .collect();
    let short: Vec<Option<(Variable, VarIndex)>> = required
        .iter()
        .map(|&r| (r > 0).then(|| add(&mut vars, variable().min(0))))
        .collect();

    let mut objective = Expression::with_capacity(types.len() + week);
    for ((v, _), c) in x.iter().zip(&cost) {
        objective.add_mul(*c, *v);
    }
    for (v, _) in short.iter().flatten() {
        objective.add_mul(short_penalty, *v);
    }
    let mut model = highs(vars.minimise(objective));

    // Coverage rows, accumulated per interval.
    let mut rows: Vec<Expression> = (0..week).map(|_| Expression::with_capacity(64)).collect();
    for (k, s) in types.iter().enumerate() {
        let on = s.start as usize..(s.start + s.length).min(week as u32) as usize;
        for row in &mut rows[on] {
            row.add_mul(1.0, x[k].0);
        }
        for (b, rule) in lengths[s.length_index].breaks.iter().enumerate() {
            let mut assigned = Expression::with_capacity(y[k][b].len());
            for &(o, v) in &y[k][b] {
                let var = v.map_or(x[k].0, |(v, _)| v);
                assigned.add_mul(1.0, var);
                let from = (s.start + o) as usize;
                for row in rows
                    .iter_mut()
                    .take((from + rule.length as usize).min(week))
                    .skip(from)
                {
                    row.add_mul(-1.0, var);
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
    for d in 0..DAYS {
        let day: Expression = types
            .iter()
            .zip(&x)
            .filter(|(s, _)| s.day == d)
            .map(|(_, (v, _))| *v)
            .sum();
        if !w.is_empty() {
            let working: Expression = pattern_masks
                .iter()
                .zip(&w)
                .filter(|(m, _)| *m & (1 << d) != 0)
                .map(|(_, (v, _))| *v)
                .sum();
            model.add_constraint(day.clone().eq(working));
        }
        if let Some(c) = cap {
            model.add_constraint(day.leq(c));
        }
    }
    if let (Some(c), false) = (cap, w.is_empty()) {
        // Agents on patterns are the agents available.
        let agents: Expression = w.iter().map(|(v, _)| *v).sum();
        model.add_constraint(agents.leq(c));
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
        .map(|(&m, &(_, i))| (m, int(i)))
        .filter(|&(_, n)| n > 0)
        .collect();
    let mut tours = Tours {
        types,
        counts,
        break_offsets,
        patterns: patterns_used,
        coverage: vec![0; week],
        required,
        report,
        epsilon,
    };
    tours.coverage = tours.model_coverage(problem);
    Ok(tours)
}

impl Tours {
    /// Productive agents per interval implied by the counts and break offsets.
    fn model_coverage(&self, problem: &WeekProblem) -> Vec<u32> {
        let week = problem.grid.week();
        let mut cov = vec![0i64; week as usize];
        for (k, s) in self.types.iter().enumerate() {
            let n = i64::from(self.counts[k]);
            for t in s.start..(s.start + s.length).min(week) {
                cov[t as usize] += n;
            }
            let rules = &problem.template.lengths[s.length_index].breaks;
            for (b, rule) in rules.iter().enumerate() {
                for &o in &self.break_offsets[k][b] {
                    let from = s.start + o;
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
