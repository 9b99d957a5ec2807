//! Minimum staff and weekly minimum hours: the scenario's minimum staff rules → each
//! pool's [`MinimumStaff`] or a [`GroupMinimum`] over a split group's pools, and the
//! staff floor raised over a pool's window while its agents stay under their weekly
//! minimum (at most [`MAX_FLOOR_ROUNDS`] new solves).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::pools::PoolMap;
use super::{GRID, MAX_FLOOR_ROUNDS};
use crate::error::Result;
use crate::generate::{
    AgentSchedule, DAYS, Grid, GroupMinimum, Limits, MinimumStaff, Pool, WeekProblem, WeekSchedule,
    generate,
};
use crate::model::ScheduleRequest;
use crate::model::StaffingGroup;

/// Minimum staff on the request's days (UTC), per group: pushed onto the pool's own
/// rows when the group is one pool, else returned as [`GroupMinimum`]s over the group's
/// pools. A group with the same start time split into several pools is warned about.
pub(super) fn minimum_staff(
    groups: &[&StaffingGroup],
    maps: &[PoolMap<'_>],
    pools: &mut [Pool],
    (dates, req, grid): (&[NaiveDate], &ScheduleRequest, &Grid),
    warnings: &mut Vec<String>,
) -> Vec<GroupMinimum> {
    let week = grid.week();
    let per_day = grid.per_day();
    let mut group_minimum = Vec::new();
    for g in groups {
        let of_group: Vec<usize> = (0..maps.len())
            .filter(|&p| maps[p].group.name == g.name)
            .collect();
        if of_group.is_empty() {
            continue;
        }
        for rule in &g.minimum_staff {
            let (from, to) =
                crate::model::DayWindow::new(rule.start.minutes(), rule.end.minutes()).span();
            for (d, date) in dates.iter().enumerate() {
                if *date < req.start || *date > req.end {
                    continue;
                }
                if !rule.weekdays.is_empty() && !rule.weekdays.contains(&date.weekday()) {
                    continue;
                }
                let base = d as u32 * per_day;
                let (f, t) = (base + from / GRID, (base + to.div_ceil(GRID)).min(week));
                if f >= t {
                    continue;
                }
                let minimum = MinimumStaff {
                    from: f,
                    to: t,
                    agents: rule.agents,
                };
                if let Some(i) = (f..t).find(|&i| !coverable(pools, &of_group, grid, i)) {
                    let at = |i: u32| {
                        let m = (i % per_day) * GRID;
                        format!("{:02}:{:02}", m / 60, m % 60)
                    };
                    warnings.push(format!(
                        "before solving: staffing group '{}': the minimum staff of {} agents \
                         {}–{} UTC on {date} cannot be met: no shift of its profile covers {} \
                         UTC that day",
                        g.name,
                        rule.agents,
                        rule.start,
                        rule.end,
                        at(i)
                    ));
                }
                if let [p] = of_group.as_slice() {
                    pools[*p].minimum_staff.push(minimum);
                } else {
                    group_minimum.push(GroupMinimum {
                        pools: of_group.clone(),
                        minimum,
                    });
                }
            }
        }
        if g.same_start_time && of_group.len() > 1 {
            warnings.push(format!(
                "staffing group '{}' has the same start time but its agents have {} profiles \
                 or time zones: one start per profile and time zone",
                g.name,
                of_group.len()
            ));
        }
    }
    group_minimum
}

/// Whether a shift of one of `pools` can be on at week interval `i` (a start of some
/// day's window at most its longest length before).
fn coverable(pools: &[Pool], of: &[usize], grid: &Grid, i: u32) -> bool {
    of.iter().any(|&p| {
        let t = &pools[p].template;
        (0..DAYS).any(|d| {
            t.day_window(grid, d)
                .is_some_and(|w| w.first <= i && i < w.last + t.longest())
        })
    })
}

/// Generates the week, then — the tour model carries weekly minimum hours only as pool
/// totals — raises a staff floor over the window of each pool whose agents are still
/// short, and solves again (at most [`MAX_FLOOR_ROUNDS`] times). Returns the last week
/// and the floor of each pool (0: none).
///
/// # Errors
/// As [`generate`].
pub(super) fn generate_with_floors(
    problem: &mut WeekProblem,
    limits: &Limits,
) -> Result<(WeekSchedule, Vec<u32>)> {
    let base_minimum: Vec<Vec<MinimumStaff>> = problem
        .pools
        .iter()
        .map(|p| p.minimum_staff.clone())
        .collect();
    let mut week_schedule = generate(problem, limits)?;
    // a floor is not a rule of the agents: only the floorless model's bound is valid
    let (bound, tour_short) = (
        week_schedule.lower_bound,
        week_schedule.tour_short_intervals.clone(),
    );
    let mut floors = vec![0u32; problem.pools.len()];
    for _ in 0..MAX_FLOOR_ROUNDS {
        let short = pools_short_of_minimum(problem, &week_schedule);
        let kept = floors.clone();
        let mut raised = false;
        for (p, is_short) in short.into_iter().enumerate() {
            if is_short && floors[p] < problem.pools[p].agents.len() as u32 {
                floors[p] += 1;
                raised = true;
            }
        }
        if !raised {
            break;
        }
        for (p, pool) in problem.pools.iter_mut().enumerate() {
            pool.minimum_staff = base_minimum[p].clone();
            raise_floor(pool, &problem.grid, floors[p]);
        }
        // a floor round that finds nothing in time keeps the week before it
        match generate(problem, limits) {
            Ok(w) => week_schedule = w,
            Err(crate::SchedulerError::Solver(_)) => {
                floors = kept;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    week_schedule.lower_bound = week_schedule.lower_bound.min(bound);
    week_schedule.tour_short_intervals = tour_short;
    Ok((week_schedule, floors))
}

/// Adds a minimum staff of `floor` agents over the pool's window of every day (from the
/// first start to the last start plus the longest length, inside the week); none for 0.
fn raise_floor(pool: &mut Pool, grid: &Grid, floor: u32) {
    if floor == 0 {
        return;
    }
    let week = grid.week();
    for d in 0..DAYS {
        if let Some(w) = pool.template.day_window(grid, d) {
            let (from, to) = (
                w.first.min(week),
                (w.last + pool.template.longest()).min(week),
            );
            if from < to {
                pool.minimum_staff.push(MinimumStaff {
                    from,
                    to,
                    agents: floor,
                });
            }
        }
    }
}

/// Per pool, whether some agent works less than their weekly minimum.
fn pools_short_of_minimum(problem: &WeekProblem, week: &WeekSchedule) -> Vec<bool> {
    let mut short = vec![false; problem.pools.len()];
    let by_id: BTreeMap<&str, &AgentSchedule> =
        week.agents.iter().map(|a| (a.agent.as_str(), a)).collect();
    for (p, pool) in problem.pools.iter().enumerate() {
        short[p] = pool.agents.iter().any(|a| {
            let worked: u32 = by_id.get(a.id.as_str()).map_or(0, |s| {
                s.shifts.iter().map(|x| (x.end - x.start) * GRID).sum()
            });
            // a minimum above the maximum cannot be met (a reported conflict): no floor
            a.min_week_minutes
                .is_some_and(|m| worked < m && a.max_week_minutes.is_none_or(|x| m <= x))
        });
    }
    short
}
