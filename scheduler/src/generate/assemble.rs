//! The week from the two stages: each agent's shifts with their breaks placed (the
//! `j`-th agent on a shift type gets the `j`-th chosen offsets), the shifts no agent took,
//! the extra shifts, the pools' outcomes and the coverage per interval and minimum set.

use super::mip;
use super::output::{
    AgentSchedule, IntervalCoverage, PlacedBreak, PoolOutcome, Shift, WeekSchedule,
};
use super::price::Price;
use super::tour::Tours;
use super::{RuleConflict, SolveReport, SolveStatus, WeekProblem};

/// One pool's assignment: names, per agent the shift types, conflicts, the solve.
pub(super) type PoolAssignment = (
    Vec<String>,
    Vec<Vec<usize>>,
    Vec<RuleConflict>,
    Option<SolveReport>,
);

/// The pools' assignment reports as one: objectives and bounds summed, the worst status,
/// the stage's wall-clock time.
fn combine(reports: &[SolveReport], seconds: f64) -> Option<SolveReport> {
    let first = reports.first()?;
    if reports.len() == 1 {
        return Some(*first);
    }
    let objective: f64 = reports.iter().map(|r| r.objective).sum();
    let lower_bound: f64 = reports.iter().map(|r| r.lower_bound).sum();
    Some(SolveReport {
        status: if reports.iter().all(|r| r.status == SolveStatus::Optimal) {
            SolveStatus::Optimal
        } else {
            SolveStatus::TimeLimit
        },
        objective,
        lower_bound,
        gap: mip::relative_gap(objective, lower_bound),
        seconds,
        variables: reports.iter().map(|r| r.variables).sum(),
        constraints: reports.iter().map(|r| r.constraints).sum(),
    })
}

/// The next shift of type `k` (the `taken[k]`-th), its breaks placed.
fn place(problem: &WeekProblem, tours: &Tours, k: usize, taken: &mut [usize]) -> Shift {
    let s = tours.types[k];
    let lengths = &problem.pools[s.pool].template.lengths;
    let j = taken[k];
    taken[k] += 1;
    let mut breaks: Vec<PlacedBreak> = lengths[s.length_index]
        .breaks
        .iter()
        .enumerate()
        .map(|(b, rule)| PlacedBreak {
            // a shift beyond the model's count (an extra one) repeats a chosen
            // offset, or takes the window's earliest on a type the model left empty
            // (any choice per window keeps the spacing, see the module docs)
            start: s.start
                + tours.break_offsets[k]
                    .get(b)
                    .filter(|o| !o.is_empty())
                    .map_or(rule.earliest_offset, |o| o[j % o.len()]),
            length: rule.length,
            kind: rule.kind,
            paid: rule.paid,
        })
        .collect();
    breaks.sort_by_key(|b| b.start);
    Shift {
        pool: s.pool,
        day: s.day as u8,
        start: s.start,
        end: s.start + s.length,
        paid: s.paid,
        breaks,
    }
}

/// Places breaks (the `j`-th agent on a shift type gets the `j`-th chosen offsets) and
/// computes coverage from the agents' shifts.
pub(super) fn build(
    problem: &WeekProblem,
    tours: &Tours,
    stage: Vec<PoolAssignment>,
    seconds: f64,
) -> WeekSchedule {
    let mut taken = vec![0usize; tours.types.len()];
    let mut agents = Vec::new();
    let mut conflicts = Vec::new();
    let mut reports = Vec::new();
    let mut pools = Vec::new();
    for (p, (names, assigned, pool_conflicts, report)) in stage.into_iter().enumerate() {
        let mut shift_count = 0;
        for (agent, mut ks) in names.into_iter().zip(assigned) {
            ks.sort_by_key(|&k| tours.types[k].start);
            shift_count += ks.len() as u32;
            agents.push(AgentSchedule {
                pool: p,
                agent,
                shifts: ks
                    .into_iter()
                    .map(|k| place(problem, tours, k, &mut taken))
                    .collect(),
            });
        }
        conflicts.extend(pool_conflicts);
        reports.extend(report);
        pools.push(PoolOutcome {
            name: problem.pools[p].name.clone(),
            tour_shifts: (0..tours.types.len())
                .filter(|&k| tours.types[k].pool == p)
                .map(|k| tours.counts[k])
                .sum(),
            shift_count,
            assignment: report,
        });
    }
    let mut extra = (0u32, 0.0);
    for (k, &n) in taken.iter().enumerate() {
        let over = n.saturating_sub(tours.counts[k] as usize) as u32;
        extra.0 += over;
        extra.1 += f64::from(over) * tours.cost[k];
    }
    let mut unassigned = Vec::new();
    for k in 0..tours.types.len() {
        while taken[k] < tours.counts[k] as usize {
            unassigned.push(place(problem, tours, k, &mut taken));
        }
    }
    let mut week = WeekSchedule {
        agents,
        unassigned,
        coverage: Vec::new(),
        short_intervals: Vec::new(),
        conflicts,
        shift_count: 0,
        paid_minutes: 0,
        tours: tours.report,
        assignment: combine(&reports, seconds),
        pools,
        minimum_short: Vec::new(),
        tour_shifts: tours.counts.iter().sum(),
        extra,
        objective: 0.0,
        lower_bound: tours.report.lower_bound,
        tour_rounds: 1,
        tour_short_intervals: (0..tours.required.len())
            .filter(|&t| tours.coverage[t] < tours.required[t])
            .map(|t| t as u32)
            .collect(),
        price: Price {
            objective: problem.objective,
            epsilon: tours.epsilon,
            minutes: f64::from(problem.grid.minutes()),
            short_penalty: tours.short_penalty,
            minimum_penalty: tours.minimum_penalty,
        },
    };
    let minimum_short = count(&mut week, problem, tours);
    let requirement_short: u32 = week
        .coverage
        .iter()
        .map(|c| c.required.saturating_sub(c.scheduled))
        .sum();
    week.remeasure(u64::from(requirement_short), u64::from(minimum_short));
    week
}

/// Fills the week's coverage and short intervals, each minimum set's short intervals,
/// and the shift and paid-minute totals; returns the agent-intervals short of the
/// minimum sets.
fn count(week: &mut WeekSchedule, problem: &WeekProblem, tours: &Tours) -> u32 {
    let mut minimum_short = 0;
    let horizon = problem.grid.week();
    let productive = week.productive(horizon);
    week.coverage = productive
        .iter()
        .zip(&tours.required)
        .enumerate()
        .map(|(t, (&scheduled, &required))| IntervalCoverage {
            interval: t as u32,
            required,
            scheduled,
        })
        .collect();
    week.short_intervals = week
        .coverage
        .iter()
        .filter(|c| c.scheduled < c.required)
        .map(|c| c.interval)
        .collect();
    for (pools, minimum) in &tours.minimum_sets {
        let mut own = vec![0u32; horizon as usize];
        for &p in pools {
            for (o, c) in own.iter_mut().zip(week.productive_of(horizon, Some(p))) {
                *o += c;
            }
        }
        let short: Vec<u32> = (0..horizon)
            .filter(|&t| own[t as usize] < minimum[t as usize])
            .collect();
        minimum_short += short
            .iter()
            .map(|&t| minimum[t as usize] - own[t as usize])
            .sum::<u32>();
        week.minimum_short.push((pools.clone(), short));
    }
    let shifts = week.agents.iter().flat_map(|a| &a.shifts);
    week.shift_count = shifts.clone().count() as u32;
    week.paid_minutes = shifts
        .map(|s| u64::from(s.paid) * u64::from(problem.grid.minutes()))
        .sum();
    minimum_short
}
