//! Running a good_lp model on HiGHS and reading what good_lp does not expose: the MIP
//! dual bound, the gap, the model status and the wall-clock time.
//!
//! good_lp's `HighsSolution` gives only variable values and a coarse status. The model is
//! therefore built with good_lp, turned into the underlying `highs::Model`
//! (`HighsProblem::into_inner`), given its options here and solved directly; the solved
//! model reports `mip_dual_bound` and `mip_gap` (HiGHS info values). good_lp adds one
//! HiGHS column per variable in creation order, so the caller keeps variable *indices*
//! ([`VarIndex`]) to read the solution.

use std::time::Instant;

use good_lp::solvers::highs::HighsProblem;
use good_lp::{Expression, ProblemVariables, Variable, VariableDefinition};
use highs::HighsModelStatus;
use serde::{Deserialize, Serialize};

use super::limits::Limits;
use crate::error::{Result, SchedulerError};

/// How a solver call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    /// Proven optimal within the gap target.
    Optimal,
    /// Stopped at the time limit (or another solver limit) with a feasible schedule.
    TimeLimit,
}

/// What every solver call reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SolveReport {
    /// How the solve ended.
    pub status: SolveStatus,
    /// Objective of the returned solution.
    pub objective: f64,
    /// HiGHS's proven lower bound on the objective (`mip_dual_bound`).
    pub lower_bound: f64,
    /// `(objective − lower_bound) / |objective|` (0 when both are 0).
    pub gap: f64,
    /// Wall-clock seconds of the solver call (model hand-over included).
    pub seconds: f64,
    /// Columns of the model.
    pub variables: usize,
    /// Rows of the model.
    pub constraints: usize,
}

/// The index of a good_lp variable as a HiGHS column (its creation order).
pub(crate) type VarIndex = usize;

/// A model's columns as they are created: each good_lp variable with its HiGHS column
/// index ([`VarIndex`], the creation order), so the solution can be read back.
pub(crate) struct Columns {
    vars: ProblemVariables,
    next: VarIndex,
}

impl Columns {
    /// No columns yet.
    pub(crate) fn new() -> Self {
        Self {
            vars: ProblemVariables::new(),
            next: 0,
        }
    }

    /// Adds the next column.
    pub(crate) fn add(&mut self, def: VariableDefinition) -> (Variable, VarIndex) {
        let v = self.vars.add(def);
        self.next += 1;
        (v, self.next - 1)
    }

    /// The HiGHS model minimising `objective` over these columns (rows still to add).
    pub(crate) fn minimise(self, objective: Expression) -> HighsProblem {
        good_lp::highs(self.vars.minimise(objective))
    }
}

/// Solves `problem` with one thread and a fixed seed (deterministic) under `limits`.
///
/// Returns the column values and the report.
pub(crate) fn solve(problem: HighsProblem, limits: &Limits) -> Result<(Vec<f64>, SolveReport)> {
    let start = Instant::now();
    let mut model = problem
        .try_into_inner()
        .map_err(|e| SchedulerError::Solver(e.to_string()))?;
    if model.num_cols() == 0 {
        // Nothing to decide (e.g. no shift staffed): HiGHS would report an empty model.
        let report = SolveReport {
            status: SolveStatus::Optimal,
            objective: 0.0,
            lower_bound: 0.0,
            gap: 0.0,
            seconds: start.elapsed().as_secs_f64(),
            variables: 0,
            constraints: model.num_rows(),
        };
        return Ok((Vec::new(), report));
    }
    let options: [(&str, Opt); 7] = [
        ("time_limit", Opt::F(limits.time_limit_seconds.seconds())),
        ("mip_rel_gap", Opt::F(limits.relative_gap.value())),
        ("threads", Opt::I(1)),
        ("random_seed", Opt::I(0)),
        ("parallel", Opt::S("off")),
        ("presolve", Opt::S("on")),
        // More primal heuristics than HiGHS's default 0.05: on the tour models with
        // days-off patterns the default found no schedule without shortage in 60 s, 0.3
        // found one within 0.5 % of the bound (examples/generate_week.rs).
        ("mip_heuristic_effort", Opt::F(0.3)),
    ];
    for (key, value) in options {
        let set = match value {
            Opt::F(v) => model.try_set_option(key, v),
            Opt::I(v) => model.try_set_option(key, v),
            Opt::S(v) => model.try_set_option(key, v),
        };
        set.map_err(|_| SchedulerError::Solver(format!("HiGHS rejected option {key}")))?;
    }
    let solved = model
        .try_solve()
        .map_err(|e| SchedulerError::Solver(format!("HiGHS failed: {e:?}")))?;
    let status = match solved.status() {
        HighsModelStatus::Optimal
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => SolveStatus::Optimal,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit => SolveStatus::TimeLimit,
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Err(SchedulerError::Infeasible(
                "the rules leave no feasible schedule".into(),
            ));
        }
        other => {
            return Err(SchedulerError::Solver(format!(
                "HiGHS ended with {other:?}"
            )));
        }
    };
    if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
        return Err(SchedulerError::Solver(format!(
            "no schedule found within {} s",
            limits.time_limit_seconds.seconds()
        )));
    }
    let objective = solved.objective_value();
    // An LP (no integer column) has no MIP bound: its optimum is its own bound.
    let lower_bound = match solved.double_info_value(c"mip_dual_bound") {
        Ok(b) if b.is_finite() => b.min(objective),
        _ => objective,
    };
    let gap = relative_gap(objective, lower_bound);
    let solution = solved.get_solution();
    let report = SolveReport {
        status,
        objective,
        lower_bound,
        gap,
        seconds: start.elapsed().as_secs_f64(),
        variables: solution.columns().len(),
        constraints: solution.rows().len(),
    };
    Ok((solution.columns().to_vec(), report))
}

enum Opt {
    F(f64),
    I(i32),
    S(&'static str),
}

/// `(objective − bound) / |objective|`, 0 when both are (numerically) 0.
pub(crate) fn relative_gap(objective: f64, bound: f64) -> f64 {
    let diff = (objective - bound).max(0.0);
    if diff <= 1e-9 {
        0.0
    } else {
        diff / objective.abs().max(1e-9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{ProblemVariables, SolverModel, highs, variable};

    #[test]
    fn reports_optimum_bound_and_columns_in_creation_order() {
        // min 3a + 2b, a + b ≥ 3.5, a ≥ 1, integers → a = 1, b = 3 (cost 9).
        let mut vars = ProblemVariables::new();
        let a = vars.add(variable().integer().min(1));
        let b = vars.add(variable().integer().min(0));
        let mut p = highs(vars.minimise(3 * a + 2 * b));
        p.add_constraint((a + b).geq(3.5));
        let (values, report) = solve(p, &Limits::default()).unwrap();
        assert_eq!(values, vec![1.0, 3.0]);
        assert_eq!(report.status, SolveStatus::Optimal);
        assert_eq!(report.objective, 9.0);
        assert_eq!(report.lower_bound, 9.0);
        assert_eq!(report.gap, 0.0);
        assert_eq!((report.variables, report.constraints), (2, 1));
    }

    #[test]
    fn infeasible_is_an_error() {
        let mut vars = ProblemVariables::new();
        let a = vars.add(variable().integer().min(0).max(1));
        let mut p = highs(vars.minimise(a));
        p.add_constraint((1 * a).geq(2));
        assert!(matches!(
            solve(p, &Limits::default()),
            Err(SchedulerError::Infeasible(_))
        ));
    }

    #[test]
    fn gap_is_relative_to_the_objective() {
        assert_eq!(relative_gap(0.0, 0.0), 0.0);
        assert!((relative_gap(100.0, 97.0) - 0.03).abs() < 1e-12);
    }
}
