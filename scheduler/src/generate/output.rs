//! The generated week: per agent shifts with placed breaks, per interval coverage, and
//! the reports of both stages. Plain serde types.

use serde::{Deserialize, Serialize};

use super::assign::RuleConflict;
use super::input::BreakKind;
use super::mip::SolveReport;
use super::price::Price;

/// A break placed inside its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedBreak {
    /// Week interval the break starts.
    pub start: u32,
    /// Length in intervals.
    pub length: u32,
    /// Break or meal.
    pub kind: BreakKind,
    /// Whether it is paid.
    pub paid: bool,
}

/// One shift of one agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    /// The pool (index into [`super::WeekProblem::pools`]).
    pub pool: usize,
    /// Schedule day of the week (0–6) the shift belongs to (its pool's day).
    pub day: u8,
    /// First week interval of the shift.
    pub start: u32,
    /// One past the last week interval (may pass the week's end for the last day).
    pub end: u32,
    /// Paid intervals (length minus unpaid breaks).
    pub paid: u32,
    /// Breaks, in time order.
    pub breaks: Vec<PlacedBreak>,
}

impl Shift {
    /// Whether the agent is productive in week interval `t` (on shift, not on break).
    pub fn productive_at(&self, t: u32) -> bool {
        (self.start..self.end).contains(&t)
            && !self
                .breaks
                .iter()
                .any(|b| (b.start..b.start + b.length).contains(&t))
    }
}

/// One agent's week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSchedule {
    /// The agent's pool (index into [`super::WeekProblem::pools`]).
    pub pool: usize,
    /// Agent id (`A001`… for anonymous agents).
    pub agent: String,
    /// Shifts in day order.
    pub shifts: Vec<Shift>,
}

/// Required vs scheduled productive agents in one interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntervalCoverage {
    /// Week interval.
    pub interval: u32,
    /// Required productive agents (forecast requirement with minimum staff).
    pub required: u32,
    /// Productive agents in the returned agents' shifts.
    pub scheduled: u32,
}

/// One pool's share of the generated week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolOutcome {
    /// The pool's name.
    pub name: String,
    /// Shifts of the pool the tour model staffed.
    pub tour_shifts: u32,
    /// Shifts of the pool assigned to agents.
    pub shift_count: u32,
    /// The pool's assignment solve, when it has named agents.
    pub assignment: Option<SolveReport>,
}

/// The generated week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSchedule {
    /// Per agent, their shifts.
    pub agents: Vec<AgentSchedule>,
    /// Staffed shifts no agent could take (coverage below counts without them).
    pub unassigned: Vec<Shift>,
    /// Per interval, required and scheduled.
    pub coverage: Vec<IntervalCoverage>,
    /// Week intervals where the scheduled staff is below the requirement.
    pub short_intervals: Vec<u32>,
    /// Agent rules the schedule could not honour.
    pub conflicts: Vec<RuleConflict>,
    /// Agent shifts in the schedule (assigned ones).
    pub shift_count: u32,
    /// Paid minutes of the assigned shifts.
    pub paid_minutes: u64,
    /// Stage 1 (tour model): objective, bound, gap, status, time. The objective is the
    /// model's: for fewest shifts `shifts + ε·paid intervals + M·short agent-intervals`
    /// (see the [module docs](super)), so with no shortage `⌊objective⌋` is the shift
    /// count and `⌊lower_bound⌋` a lower bound on the fewest shifts (`ε·paid < 1`).
    pub tours: SolveReport,
    /// Stage 2 (named agents), when agents were given: objective `Σ length of
    /// unassigned shifts + 2 · Σ intervals below agents' weekly minimum + …` (0 = all
    /// assigned, all rules met; see `assign.rs`). With several pools the pools' reports
    /// combined: objectives and bounds summed, the worst status, `seconds` the wall-clock
    /// time of the (parallel) stage.
    pub assignment: Option<SolveReport>,
    /// Per pool, its shifts and assignment.
    pub pools: Vec<PoolOutcome>,
    /// Minimum staff not merged into the requirement (each pool's own with several
    /// pools, and the group minimums): the pools counted and the week intervals where
    /// their productive agents are below it (empty: met).
    pub minimum_short: Vec<(Vec<usize>, Vec<u32>)>,
    /// Agent shifts the tour model staffed (assigned or not).
    pub tour_shifts: u32,
    /// Shifts the assignment added beyond the tour model's (so that an agent meets a
    /// weekly minimum), and their cost in the tour model's objective.
    pub extra: (u32, f64),
    /// The returned schedule's objective in the tour model's units: the cost of the
    /// agents' shifts plus the shortage penalty per agent-interval short of the
    /// requirement and of every minimum set at theirs (what the tour model's objective would be for
    /// exactly these shifts).
    pub objective: f64,
    /// A proven lower bound on [`Self::objective`] for any schedule of the pools' agents
    /// that keeps their rules: the uncapped tour model's bound (see the module docs of
    /// [`super`]).
    pub lower_bound: f64,
    /// Tour model solves the week took: 1, plus one per repair round (see the module docs
    /// of [`super`]).
    pub tour_rounds: u32,
    /// Week intervals where the first (uncapped) tour model was short of the requirement:
    /// a shortage there is the requirement's, not the assignment's.
    pub tour_short_intervals: Vec<u32>,
    /// The tour model's prices, to measure [`Self::objective`] again when the polish
    /// changes the shifts.
    pub price: Price,
}

impl WeekSchedule {
    /// Sets [`Self::objective`] from the agents' shifts, `short` agent-intervals short of
    /// the requirement and `minimum_short` of every minimum set, at the tour model's
    /// prices.
    pub fn remeasure(&mut self, short: u64, minimum_short: u64) {
        let paid = self
            .agents
            .iter()
            .flat_map(|a| a.shifts.iter().map(|s| s.paid));
        self.objective = self.price.objective(paid, short, minimum_short);
    }

    /// Productive agents per week interval, recomputed from the agents' shifts.
    pub fn productive(&self, week: u32) -> Vec<u32> {
        self.productive_of(week, None)
    }

    /// Productive agents per week interval of one pool (or all), from the agents' shifts.
    pub fn productive_of(&self, week: u32, pool: Option<usize>) -> Vec<u32> {
        let mut cov = vec![0u32; week as usize];
        let agents = self
            .agents
            .iter()
            .filter(|a| pool.is_none_or(|p| a.pool == p));
        for shift in agents.flat_map(|a| &a.shifts) {
            for t in shift.start..shift.end.min(week) {
                if shift.productive_at(t) {
                    cov[t as usize] += 1;
                }
            }
        }
        cov
    }
}
