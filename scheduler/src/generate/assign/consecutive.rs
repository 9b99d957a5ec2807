//! Minimum consecutive work days and minimum consecutive days off: the rows of the
//! assignment and the same rows evaluated on a finished week (conflicts, the polish).
//!
//! With `x[d] = Σ_k z[a,d,k]` (1: the agent works day `d`) and `k` the minimum, a run
//! of work days that *starts* on day `d` (worked, the day before not) must go on for
//! `k` days: for every later day `d + j`, `0 < j < k`, inside the week and the agent's
//! horizon, `x[d] − x[d − 1] − x[d + j] ≤ s[d]`. A run of days off starting on `d` (off,
//! the day before worked): `x[d − 1] − x[d] + x[d + j] ≤ 1 + s[d]`. As the validator:
//! a run touching the horizon's first or last day is exempt (no row when the day before
//! `d` or day `d + j` is outside the horizon; the horizon is one interval of days). A run
//! reaching the week's end is carried: the next week starts with
//! [`Agent::worked_days_before`] `= b` (`0 < b < k`), so its days `0 .. k − b` must be
//! worked; with [`Agent::off_days_before`] `= b` they must be off; and a run starting on
//! day 0 after a carried day of the other kind has the rows above with `x[−1]` fixed.
//! `s[d] ≥ 0` is a penalised slack per rule and start day, so an agent whose
//! availability cannot complete a run is reported ([`conflicts`]), not a failure.

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, SolverModel, Variable, variable};

use crate::generate::assign::RuleConflict;
use crate::generate::input::{Agent, DAYS};
use crate::generate::mip::{Columns, VarIndex};
use crate::generate::tour::Tours;

/// Which minimum a row keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    /// Minimum consecutive work days.
    Work,
    /// Minimum consecutive days off.
    Off,
}

/// One row `Σ coef · x[day] ≤ rhs` (plus the slack of `(kind, first)`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RunRow {
    pub(crate) kind: RunKind,
    /// The day the run starts (the slack's day).
    pub(crate) first: usize,
    pub(crate) terms: Vec<(f64, usize)>,
    pub(crate) rhs: f64,
}

/// The day before `d`: a day of the week (inside the horizon), carried as worked
/// (`Some(true)`) or off (`Some(false)`), or unknown (the horizon's start: exempt).
enum Before {
    Day(usize),
    Carried(bool),
    Edge,
}

fn before(agent: &Agent, d: usize) -> Before {
    if d > 0 {
        return if agent.counted[d - 1] {
            Before::Day(d - 1)
        } else {
            Before::Edge
        };
    }
    if agent.worked_days_before > 0 {
        Before::Carried(true)
    } else if agent.off_days_before > 0 {
        Before::Carried(false)
    } else {
        Before::Edge
    }
}

/// The days after `d` a run starting on `d` must reach: `d + 1 .. d + min`, inside the
/// week and up to the horizon's end.
fn reach(agent: &Agent, from: usize, to: usize) -> Vec<usize> {
    (from..to.min(DAYS))
        .take_while(|&j| agent.counted[j])
        .collect()
}

/// The rows of one minimum (`kind`, at least `min` days) of `agent`.
fn rows_of(agent: &Agent, kind: RunKind, min: usize) -> Vec<RunRow> {
    let work = kind == RunKind::Work;
    let mut rows = Vec::new();
    let row = |first, terms, rhs| RunRow {
        kind,
        first,
        terms,
        rhs,
    };
    for d in (0..DAYS).filter(|&d| agent.counted[d]) {
        match before(agent, d) {
            Before::Edge => {}
            Before::Day(p) => {
                for j in reach(agent, d + 1, d + min) {
                    rows.push(if work {
                        row(d, vec![(1.0, d), (-1.0, p), (-1.0, j)], 0.0)
                    } else {
                        row(d, vec![(1.0, p), (-1.0, d), (1.0, j)], 1.0)
                    });
                }
            }
            Before::Carried(worked) if worked == work && d == 0 => {
                // the carried run of this kind goes on until it is `min` long
                let carried = usize::from(if work {
                    agent.worked_days_before
                } else {
                    agent.off_days_before
                });
                for j in reach(agent, 0, min.saturating_sub(carried)) {
                    rows.push(if work {
                        row(0, vec![(-1.0, j)], -1.0)
                    } else {
                        row(0, vec![(1.0, j)], 0.0)
                    });
                }
            }
            Before::Carried(_) => {
                // a run of this kind starting on day 0 after the other kind
                for j in reach(agent, 1, min) {
                    rows.push(if work {
                        row(0, vec![(1.0, 0), (-1.0, j)], 0.0)
                    } else {
                        row(0, vec![(-1.0, 0), (1.0, j)], 0.0)
                    });
                }
            }
        }
    }
    rows
}

/// All rows of `agent`'s minimum consecutive work days and days off, work first.
pub(crate) fn run_rows(agent: &Agent) -> Vec<RunRow> {
    let mut rows = Vec::new();
    for (kind, min) in [
        (RunKind::Work, agent.min_consecutive_days),
        (RunKind::Off, agent.min_consecutive_off),
    ] {
        if let Some(m) = min.filter(|&m| m > 1) {
            rows.extend(rows_of(agent, kind, usize::from(m)));
        }
    }
    rows
}

/// The rows a week of worked days breaks (`worked[d]`: a shift on day `d`).
pub(crate) fn broken(agent: &Agent, worked: &[bool; DAYS]) -> Vec<RunRow> {
    run_rows(agent)
        .into_iter()
        .filter(|r| {
            let lhs: f64 = r
                .terms
                .iter()
                .map(|&(c, d)| if worked[d] { c } else { 0.0 })
                .sum();
            lhs > r.rhs + 1e-9
        })
        .collect()
}

/// One agent's rows with their slacks: per row, the slack's position in `slacks`.
pub(crate) struct AgentRuns {
    rows: Vec<RunRow>,
    slacks: Vec<(Variable, VarIndex)>,
    slack_of: Vec<usize>,
}

/// Adds the slack columns of every agent's run rows (one per rule and start day), in
/// agent order.
pub(crate) fn add_columns(cols: &mut Columns, agents: &[Agent]) -> Vec<AgentRuns> {
    agents
        .iter()
        .map(|a| {
            let rows = run_rows(a);
            let mut keys: Vec<(RunKind, usize)> = Vec::new();
            let mut slacks = Vec::new();
            let slack_of = rows
                .iter()
                .map(|r| {
                    let key = (r.kind, r.first);
                    keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                        keys.push(key);
                        slacks.push(cols.add(variable().min(0)));
                        slacks.len() - 1
                    })
                })
                .collect();
            AgentRuns {
                rows,
                slacks,
                slack_of,
            }
        })
        .collect()
}

/// Adds `weight` per unit of every slack to `objective`.
pub(crate) fn add_objective(runs: &[AgentRuns], weight: f64, objective: &mut Expression) {
    for (v, _) in runs.iter().flat_map(|r| &r.slacks) {
        objective.add_mul(weight, *v);
    }
}

/// Adds one agent's run rows on their day expressions (`Σ_k z[a,d,k]` per day).
pub(crate) fn add_rows(model: &mut HighsProblem, runs: &AgentRuns, day_exprs: &[Expression]) {
    for (r, &s) in runs.rows.iter().zip(&runs.slack_of) {
        let mut lhs = Expression::default();
        for &(c, d) in &r.terms {
            lhs += c * day_exprs[d].clone();
        }
        model.add_constraint((lhs - runs.slacks[s].0).leq(r.rhs));
    }
}

/// Per day, whether one of `shifts` (shift types of `tours`) is on it.
pub(crate) fn days_of(shifts: &[usize], tours: &Tours) -> [bool; DAYS] {
    let mut worked = [false; DAYS];
    for &k in shifts {
        worked[tours.types[k].day] = true;
    }
    worked
}

/// The minimum-run rules `agent`'s week (`worked[d]`) breaks, one conflict per rule and
/// start day.
pub(crate) fn conflicts(agent: &Agent, worked: &[bool; DAYS]) -> Vec<RuleConflict> {
    let mut seen: Vec<(RunKind, usize)> = Vec::new();
    let mut out = Vec::new();
    for r in broken(agent, worked) {
        if seen.contains(&(r.kind, r.first)) {
            continue;
        }
        seen.push((r.kind, r.first));
        let (rule, min) = match r.kind {
            RunKind::Work => ("minimum consecutive work days", agent.min_consecutive_days),
            RunKind::Off => ("minimum consecutive days off", agent.min_consecutive_off),
        };
        out.push(RuleConflict {
            agent: agent.id.clone(),
            rule: rule.into(),
            detail: format!(
                "the run from day {} of the week is shorter than {} days",
                r.first + 1,
                min.unwrap_or(0)
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(days: &[usize]) -> [bool; DAYS] {
        let mut w = [false; DAYS];
        for &d in days {
            w[d] = true;
        }
        w
    }

    #[test]
    fn a_single_day_off_between_work_days_breaks_a_two_day_minimum() {
        let mut a = Agent::new("a");
        a.min_consecutive_off = Some(2);
        // off Wednesday only: a run of 1 day off inside the week
        assert!(!broken(&a, &week(&[0, 1, 3, 4, 5, 6])).is_empty());
        // off Wednesday and Thursday: fine
        assert!(broken(&a, &week(&[0, 1, 4, 5, 6])).is_empty());
        // off on Monday only, week start is the horizon's start: exempt
        assert!(broken(&a, &week(&[1, 2, 3, 4, 5, 6])).is_empty());
        // ... unless the previous week ended on a work day
        a.worked_days_before = 3;
        assert!(!broken(&a, &week(&[1, 2, 3, 4, 5, 6])).is_empty());
    }

    #[test]
    fn a_carried_short_run_must_be_continued() {
        let mut a = Agent::new("a");
        a.min_consecutive_days = Some(3);
        a.worked_days_before = 1;
        // one day worked before: Monday and Tuesday must be worked
        assert!(!broken(&a, &week(&[0, 3, 4, 5])).is_empty());
        assert!(broken(&a, &week(&[0, 1, 3, 4, 5])).is_empty());
        // a run of 2 in the middle of the week
        assert!(!broken(&a, &week(&[0, 1, 3, 4])).is_empty());
        // a run reaching the week's end is carried, not broken
        assert!(broken(&a, &week(&[0, 1, 5, 6])).is_empty());
        // the horizon ends on Thursday: the run touching it is exempt
        a.counted = [true, true, true, true, false, false, false];
        assert!(broken(&a, &week(&[0, 1, 3])).is_empty());
    }

    #[test]
    fn conflicts_name_the_rule_and_the_day() {
        let mut a = Agent::new("ann");
        a.min_consecutive_off = Some(2);
        let c = conflicts(&a, &week(&[0, 1, 3, 4, 5, 6]));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].agent, "ann");
        assert_eq!(c[0].rule, "minimum consecutive days off");
        assert!(c[0].detail.contains("day 3"), "{}", c[0].detail);
    }
}
