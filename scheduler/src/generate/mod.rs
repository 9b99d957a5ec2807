//! Schedule generation over one week: requirement → anonymous tours of one or more
//! *pools* (interchangeable agents: a staffing group, or its part with one profile and
//! one time zone) solved jointly with implicit break placement → named agents per pool.
//!
//! # Stages
//! 1. [`requirement`]: required productive agents per interval from the forecast and the
//!    goal (wfm-erlang's staffing search).
//! 2. The tour model (one MIP, HiGHS, all pools): per pool `p`, integer `x[p,d,k]` agents
//!    on daily shift type `k` (a start of the pool's day-`d` window, a length of its
//!    template) of day `d`; for every break `b` of the type's length and every start
//!    offset `o` of its window an integer `y[p,d,k,b,o]` with `Σ_o y = x`; the pool's
//!    productive coverage at interval `t` is `Σ x (on shift at t) − Σ y (on break at t)`,
//!    and the *summed* coverage of all pools meets the shared requirement,
//!    `Σ_p coverage_p[t] + short[t] ≥ required[t]` with a penalised slack `short[t] ≥ 0`.
//!    Each pool's minimum staff is a row on its own coverage (a [`GroupMinimum`] on the
//!    sum over its pools), each with a penalised slack. Optional days-off patterns per
//!    pool ([`WorkDays`]): integer `w[p,q]` per pattern `q` of `days` work days,
//!    `Σ_k x[p,d,k] = Σ_{q ∋ d} w[p,q]` for each day, `Σ_q w[p,q] ≤` the pool's agents.
//!    Shifts per day are capped by `max_shifts_per_day` and the named agents available;
//!    further rows bound the pool's totals by its agents' rules (see `tour.rs`).
//! 3. Assignment (one MIP per pool with named agents, `assign.rs`, run in parallel),
//!    repeated with a re-solved tour model while shifts fit no agent (see "Repair"):
//!    binary `z[a,d,k]` per agent and staffed shift of the pool, honouring availability,
//!    allowed lengths, weekly minimum/maximum minutes, minimum/maximum work days,
//!    consecutive work days (carried over from the previous week), the days-off rule
//!    ("one of these days off") and Work days. Unmeetable minimums, missed Work days and
//!    shifts no agent can take are reported, not failures.
//!
//! # Repair: no coverage lost between the stages
//! The tour model knows the agents' rules only as pool totals, so some of its shifts may
//! fit no agent (a length no agent of the pool may work, a start outside everyone's
//! window, a day the only agents with hours left cannot take, …); the assignment leaves
//! them open and the intervals they covered turn short. [`generate`] then repairs: every
//! shift type the agents took fewer of than staffed is capped at what they took
//! (`x[p,d,k] ≤ taken`, caps only ever lower), the tour model is solved again and the
//! pools assigned again, up to [`MAX_REPAIR_ROUNDS`] times while the time limit lasts,
//! until every staffed shift is taken or [`STALL_ROUNDS`] rounds in a row did not
//! improve on the best week. The stall rule is what keeps a saturated pool cheap: where
//! the agents' weekly rules (not the shift types) are what leaves shifts open, capping
//! types only moves the open shifts elsewhere — on the 800-agent example every one of
//! the 16 rounds of a week was worse than the first, and the rounds were 90 % of the
//! run's time. The polish, which moves the agents' own shifts, recovers that coverage. The week returned is the best round's: fewest
//! agent rules broken, then the lowest objective *measured on the assigned shifts*
//! ([`WeekSchedule::objective`]: their cost plus the shortage penalty), so a round can
//! only improve on the plain two-stage result. Why this design:
//! - it keeps the tour model exact and small (the aggregate rows stay a relaxation; a
//!   cap is one variable bound, no new rows): each round is the same model with tighter
//!   bounds, solved in about the time the first took;
//! - the caps carry exactly what the assignment learnt (these shifts do not fit these
//!   agents) and nothing more, so the re-solve moves the lost coverage to the nearest
//!   shifts that do fit — another start, another length, another pool;
//! - an agent-indexed model (a `z[a,d,k]` per agent and shift type with the coverage
//!   rows) would be exact, but it has `agents × types` integer columns and loses the
//!   tour model's symmetry: 80 agents × ~3,000 types a week per pool is beyond what HiGHS
//!   closes in the time a run has, where the capped tour model re-solves in seconds.
//!
//! Inside each round the assignment itself keeps what matters: the pool's minimum
//! staff and the coverage the requirement needs from the pool (the tour model's less
//! its share of the surplus) are rows of the assignment with penalised slacks
//! (`assign/minimum.rs`, `assign/coverage.rs`), so the shifts left open are those whose
//! coverage nobody needs, and an agent with a weekly minimum may take an unstaffed type
//! at a staffed start where that wins coverage back. In the tour model a minimum set's
//! shortage costs more than a whole shift's coverage of the requirement
//! (`tour/costs.rs`): the group's minimum staff is a rule, the requirement a goal.
//!
//! A capped model is a restriction, so only the first (uncapped) model's dual bound is
//! reported ([`WeekSchedule::lower_bound`]), and the gap is the returned schedule's
//! objective against it. Where the week stays short in an interval the first tour model
//! covered, the warnings name the shifts no agent took and the agents' rule conflicts.
//!
//! # Why the tour model is exact (per pool)
//! The break windows of one shift length are disjoint and ordered (checked). So any
//! choice of one start per window is a valid break plan for one agent, and any integer
//! `y` with `Σ_o y[·,b,o] = x` for each break decomposes into `x` agents: give the
//! `j`-th agent the `j`-th smallest chosen offset of every break. The productive
//! coverage of those agents is exactly the model's, interval by interval (the tests
//! recompute it from the output). With patterns, the per-day equality lets the day's
//! shifts be handed one-to-one to the agents whose pattern works that day, because the
//! shift types of different days are independent (the template forbids a shift of day
//! `d` running into day `d + 1`'s first start, also with per-day windows). This holds
//! pool by pool: pools share only the coverage rows, which are sums of the pools'
//! exact coverages, and each pool's minimum staff row is on its own exact coverage. So
//! the model's optimum is the optimum over all schedules of anonymous agents of the
//! pools and its dual bound is a valid lower bound for them. The aggregate rows of pools
//! with named agents (shifts per day at most the agents available, totals of minimum
//! and maximum days and hours, days off) hold for every schedule of those agents that
//! honours their rules, so the bound is also a valid lower bound for rule-abiding named
//! schedules; the assignment of stage 3 may still leave shifts open (reported). This is
//! the explicit form of Bechtold–Jacobs implicit break placement: the same coverage,
//! with per-shift-type instead of aggregated break variables.
//!
//! # Objectives and the tie-break weight
//! With [`Objective::FewestShifts`], shift type `k` costs `1 + ε·paid_k` (paid
//! intervals), `ε = 1 / (L·U + 1)`, `L` the largest `paid_k`, `U = Σ_p U_p` over the
//! pools, `U_p = days_p · Σ_t required[t]` (`days_p` = work days per agent, 7 without
//! patterns; `required` including the pools' own minimum staff rows), lowered to the sum
//! of the pool's daily caps when every day is capped, and equal to that sum for pools
//! with named agents (whose aggregate rows may call for shifts no interval needs).
//! *Claim*: every optimum of the weighted model has the fewest shifts among
//! the schedules of least shortage cost. *Proof*: write `f₁ = M·Σ short + P` (`P`
//! shifts, `M` integer, so `f₁` is an integer at any optimum, where
//! `short[t] = max(0, required[t] − coverage[t])`), and `H` the paid intervals. Let `S`
//! minimise `f₁` with value `Q`. In `S` every agent works some shift productive in an
//! interval where it is needed (else dropping the agent lowers `f₁`), so at most
//! `Σ_t required[t]` agents and `P(S) ≤ U` shifts; with daily caps `P(S)` is also at
//! most their sum. Hence `f(S) = Q + ε·H(S) ≤ Q + ε·L·U < Q + 1`, while any schedule
//! with `f₁ ≥ Q + 1` has `f ≥ Q + 1`: the weighted optimum minimises `f₁` and, among
//! those, `H`. Caveat: with a relative gap target `g > 0` the tie-break is only pursued
//! while `ε·ΔH` exceeds `g · objective`; use gap 0 for a strict tie-break.
//!
//! The shortage penalty `M = ⌊days · max_k cost_k⌋ + 1` (`days` the most over the
//! pools) per agent-interval (and per unit of an aggregate row's slack) makes one
//! short agent-interval dearer than one whole extra agent (a tour of `days` shifts): an
//! interval is left short only where no added agent (within the caps) could cover it.
//! [`Objective::PaidHours`] costs paid hours per shift; [`Objective::Cost`] a cost per
//! shift plus one per paid hour.
//!
//! # Determinism
//! Models are built in a fixed order (days, starts, lengths, breaks, offsets) and HiGHS
//! runs with `threads = 1`, `parallel = off` and `random_seed = 0`; ties among agents
//! and breaks are broken by index order. The time limit is wall-clock and can differ
//! between runs that hit it; runs that end on the gap are repeatable.
//!
//! # The week's edges
//! Coverage is counted on the week's intervals only: a shift may run past the week's
//! last interval (a pool's Sunday in a zone west of UTC ends on Monday UTC), stays whole
//! in the output, and its coverage there is not counted (clipped). The caller carries it
//! into the next week (`WeekCarry::covered` in `schedule_week_all`). Starts are never
//! before the week's first interval.
//!
//! # Mapping the configuration model (`from_scenario.rs` does it for a [`crate::Scenario`])
//! - Shift profile → [`ShiftTemplate`]: earliest start / latest end → per-day start
//!   windows in UTC ([`ShiftTemplate::day_windows`], moving with DST on the local clock);
//!   daily min/max hours and max shift duration → the lengths; activity groups by
//!   length → [`ShiftLength::breaks`]; placement windows relative to the start →
//!   [`BreakRule`] offsets; paid flag of the activity → `paid`.
//! - Staffing groups → the [`Pool`]s of one [`WeekProblem`]: minimum staff →
//!   [`MinimumStaff`] / [`GroupMinimum`] (week intervals), agents ≤ N →
//!   `max_shifts_per_day`, work days → [`WorkDays`].
//! - Staff rules (merged over group rules) → [`Agent`]: weekly min/max hours in minutes,
//!   min/max work days, consecutive work days, per-day availability from Off days,
//!   schedule start/end dates and time-off, Work days → `must_work`, days off →
//!   `days_off_any`, allowed lengths from daily min/max hours.
//!
//! # Examples
//! ```
//! use wfm_scheduler::generate::{generate, Grid, Limits, ShiftLength, ShiftTemplate,
//!     WeekProblem};
//! // 30-minute grid, 2 agents needed 08:00–12:00 every day, 4-hour shifts from 08:00.
//! let grid = Grid::new(30)?;
//! let mut required = vec![0; grid.week() as usize];
//! for d in 0..7 {
//!     for t in 16..24 { required[d * 48 + t] = 2; }
//! }
//! let template = ShiftTemplate::daily(16, 16, 1,
//!     vec![ShiftLength { length: 8, breaks: vec![] }]);
//! let week = generate(&WeekProblem::new(grid, required, template), &Limits::default())?;
//! assert_eq!(week.shift_count, 14);
//! assert!(week.short_intervals.is_empty());
//! # Ok::<(), wfm_scheduler::SchedulerError>(())
//! ```

mod assemble;
mod assign;
mod from_scenario;
mod horizon;
mod input;
mod limits;
mod lost;
mod mip;
mod output;
mod polish;
mod price;
mod repair;
mod requirement;
mod status;
mod tour;

#[cfg(test)]
mod tests;

pub use assign::RuleConflict;
pub use from_scenario::{
    GenerateOptions, GenerationReport, MAX_FLOOR_ROUNDS, PoolReport, WeekCarry, infeasible_rules,
    schedule_week, schedule_week_all,
};
pub use horizon::{HorizonReport, WeekProgress, WeekReport, relative_gap, schedule_request};
pub use input::{
    Agent, Availability, BreakKind, BreakRule, DAYS, Grid, GroupMinimum, MinimumStaff, Objective,
    Pool, ShiftLength, ShiftTemplate, StartWindow, WeekProblem, WorkDays,
};
pub use limits::{Gap, Limits, TimeLimit};
pub use lost::{LostInterval, PoolReasons, RuleAgents};
pub use mip::{SolveReport, SolveStatus};
pub use output::{AgentSchedule, IntervalCoverage, PlacedBreak, PoolOutcome, Shift, WeekSchedule};
pub use polish::{MoveKind, PolishLog, PolishMove, polish};
pub use price::Price;
pub use requirement::{IntervalForecast, requirement};
pub use status::ScheduleStatus;

use rayon::prelude::*;

use crate::error::Result;
use assemble::{PoolAssignment, build};

/// Tour model solves after the first, each with the types whose shifts fit no agent
/// capped (see the module docs, "Repair").
pub const MAX_REPAIR_ROUNDS: u32 = 16;

/// Repair rounds in a row that may fail to improve on the best week before the repair
/// stops (see the module docs, "Repair").
pub const STALL_ROUNDS: u32 = 2;

/// Generates the week: tours of all pools jointly, then named (or anonymous) agents per
/// pool (independent assignments, solved in parallel), then coverage; while shifts of the
/// tour model fit no agent, the repair rounds of the module docs.
///
/// Each solver call gets `limits` (time limit and relative gap); repair rounds only run
/// while the time limit is not spent and share what is left.
///
/// # Errors
/// [`crate::SchedulerError::InvalidModel`] for a malformed problem (requirement length,
/// overlapping break windows, a shift running into the next day's first start, duplicate
/// agents, …); [`crate::SchedulerError::Solver`] when HiGHS finds no solution in time.
/// An unreachable requirement is not an error: see [`WeekSchedule::short_intervals`].
pub fn generate(problem: &WeekProblem, limits: &Limits) -> Result<WeekSchedule> {
    problem.check()?;
    let started = std::time::Instant::now();
    let tours = tour::solve_capped(problem, limits, &[])?;
    let (mut best, mut taken) = assign_and_build(problem, &tours, limits)?;
    // the uncapped model's bound and shortage: what every round is measured against
    let (bound, tour_short) = (best.lower_bound, best.tour_short_intervals.clone());
    let mut caps: Vec<Option<u32>> = vec![None; tours.types.len()];
    let mut last = tours;
    let mut rounds = 1;
    let mut stalled = 0;
    while rounds <= MAX_REPAIR_ROUNDS {
        if !repair::cap_misfits(&last, &taken, &mut caps) {
            break;
        }
        let elapsed = started.elapsed().as_secs_f64();
        if elapsed >= limits.time_limit_seconds.seconds() {
            break;
        }
        let round_limits = Limits {
            time_limit_seconds: limits
                .time_limit_seconds
                .share(elapsed, (MAX_REPAIR_ROUNDS + 1 - rounds) as usize),
            ..*limits
        };
        // a round is an attempt to improve: one that finds nothing in its share of the
        // time ends the repair with the best week so far, never the run
        let Ok(tours) = tour::solve_capped(problem, &round_limits, &caps) else {
            break;
        };
        let Ok((week, t)) = assign_and_build(problem, &tours, &round_limits) else {
            break;
        };
        rounds += 1;
        if repair::better(&week, &best) {
            best = week;
            stalled = 0;
        } else {
            stalled += 1;
            if stalled >= STALL_ROUNDS {
                break;
            }
        }
        (last, taken) = (tours, t);
    }
    best.lower_bound = bound;
    best.tour_short_intervals = tour_short;
    best.tour_rounds = rounds;
    Ok(best)
}

/// The assignment of `tours` (every pool in parallel) and the week built from it, with
/// the agents' shifts per shift type.
fn assign_and_build(
    problem: &WeekProblem,
    tours: &tour::Tours,
    limits: &Limits,
) -> Result<(WeekSchedule, Vec<u32>)> {
    let started = std::time::Instant::now();
    // Per pool, in pool order (rayon's collect keeps it): deterministic.
    let stage: Vec<Result<PoolAssignment>> = (0..problem.pools.len())
        .into_par_iter()
        .map(|p| {
            if problem.pools[p].agents.is_empty() {
                let (names, shifts) = assign::anonymous(problem, p, tours);
                Ok((names, shifts, Vec::new(), None))
            } else {
                // the agents' rules are hard: the assignment (small, fast) is solved to
                // a tight gap whatever the tour model's target, so that a rule is only
                // broken where no assignment keeps it
                let tight = Limits {
                    relative_gap: limits.relative_gap.min(Gap::TIGHT),
                    ..*limits
                };
                let a = assign::assign(problem, p, tours, &tight)?;
                let names = problem.pools[p]
                    .agents
                    .iter()
                    .map(|a| a.id.clone())
                    .collect();
                Ok((names, a.shifts, a.conflicts, a.report))
            }
        })
        .collect();
    let stage: Vec<PoolAssignment> = stage.into_iter().collect::<Result<_>>()?;
    let mut taken = vec![0u32; tours.types.len()];
    for &k in stage.iter().flat_map(|s| s.1.iter().flatten()) {
        taken[k] += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok((build(problem, tours, stage, seconds), taken))
}
