//! The assignment's rows, added in a fixed order: agent by agent their weekly hours,
//! work days, Work days, days off, consecutive days (maximum, then the minimum runs of
//! `consecutive.rs`), days-off windows and one shift a day; then per staffed type its
//! count.

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, SolverModel};

use super::columns::AssignVars;
use crate::generate::input::{Agent, DAYS};
use crate::generate::tour::Tours;

/// Adds the rows of agent `a` and adds their `z` to the count of each staffed type
/// (`per_type`, by the type's slot among the staffed ones).
pub(super) fn add_agent_rows(
    model: &mut HighsProblem,
    (a, agent): (usize, &Agent),
    (v, tours): (&AssignVars, &Tours),
    (slot, per_type): (&[Option<usize>], &mut [Expression]),
    (minutes_per_interval, min_intervals): (u32, u32),
) {
    let mut day_exprs: Vec<Expression> = (0..DAYS).map(|_| Expression::default()).collect();
    let mut minutes = Expression::default();
    for &(k, z, _) in &v.z[a] {
        let s = tours.types[k];
        if let Some(i) = slot[k] {
            per_type[i].add_mul(1.0, z);
        }
        day_exprs[s.day].add_mul(1.0, z);
        minutes.add_mul(f64::from(s.length), z);
    }
    if let Some(max) = agent.max_week_minutes {
        model.add_constraint(minutes.clone().leq(f64::from(max / minutes_per_interval)));
    }
    if let Some((s, _)) = v.short[a] {
        model.add_constraint((minutes + s).geq(f64::from(min_intervals)));
    }
    let worked: Expression = day_exprs.iter().cloned().sum();
    if let Some((few, _)) = v.few[a] {
        let m = agent.min_work_days.unwrap_or(0);
        model.add_constraint((worked.clone() + few).geq(f64::from(m)));
    }
    if let Some(m) = agent.max_work_days {
        model.add_constraint(worked.leq(f64::from(m)));
    }
    for (d, m) in v.miss[a].iter().enumerate() {
        if let Some((miss, _)) = m {
            model.add_constraint((day_exprs[d].clone() + *miss).geq(1.0));
        }
    }
    if agent.days_off_any != 0 {
        let listed = (0..DAYS).filter(|d| agent.days_off_any & (1 << d) != 0);
        let n = listed.clone().count();
        let on: Expression = listed.map(|d| day_exprs[d].clone()).sum();
        model.add_constraint(on.leq((n - 1) as f64));
    }
    add_consecutive_rows(model, agent, &day_exprs);
    super::consecutive::add_rows(model, &v.runs[a], &day_exprs);
    for (w, rest, _) in &v.rest[a] {
        let on: Expression = w.iter().map(|&d| day_exprs[d].clone()).sum();
        model.add_constraint((on + *rest).geq(1.0));
    }
    for e in day_exprs {
        model.add_constraint(e.leq(1.0));
    }
}

/// At most the agent's maximum of consecutive work days in every window of one more
/// day, also across the start of the week with the days already worked.
fn add_consecutive_rows(model: &mut HighsProblem, agent: &Agent, day_exprs: &[Expression]) {
    let Some(c) = agent.max_consecutive_days.map(usize::from) else {
        return;
    };
    if c >= DAYS {
        return;
    }
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

/// Adds per staffed type `Σ_a z + open − extra = count`.
pub(super) fn add_count_rows(
    model: &mut HighsProblem,
    per_type: Vec<Expression>,
    staffed: &[usize],
    v: &AssignVars,
    tours: &Tours,
) {
    for (((e, &k), (o, _)), x) in per_type.into_iter().zip(staffed).zip(&v.open).zip(&v.extra) {
        let e = match x {
            Some((x, _)) => e + *o - *x,
            None => e + *o,
        };
        model.add_constraint(e.eq(f64::from(tours.counts[k])));
    }
}
