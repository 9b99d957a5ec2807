//! Re-optimising breaks and meals (SPEC §6 "re-optimise"): the breaks and meals of chosen
//! agent-days are taken out and placed again inside their activity group's windows, so
//! that the requirement is best met while moving as little as possible.
//!
//! One small MIP over all the days (good_lp + HiGHS, warm-started from the current
//! placement): a binary per break and candidate start (the 15-minute grid inside its
//! window, the whole break inside the shift and clear of the shift's other activities),
//! exactly one start per break, no two breaks of a shift closer than the minimum break
//! interval (or overlapping), and a shortfall per interval
//! `short ≥ required − (productive agents without these breaks − Σ break shares)`.
//! Objective: `1000 × Σ short + Σ minutes moved` (shortfall first, then movement).
//! The maximum break interval is left to the validator, which checks the result.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use good_lp::solvers::highs::highs;
use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, variable};
use serde::{Deserialize, Serialize};

use super::EditContext;
use super::apply::Work;
use super::log::{LogEntry, WorkStatus};
use crate::error::{Result, SchedulerError};
use crate::model::{Anchor, GRID_MINUTES};
use crate::scenario::Scenario;
use crate::schedule::{PlacedActivity, Schedule, Shift};

/// What re-optimising did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reoptimised {
    /// The schedule with the breaks and meals re-placed.
    pub schedule: Schedule,
    /// Agent-days re-placed.
    pub days: usize,
    /// Minutes the breaks and meals moved in all (their starts' distance to where they
    /// were; a break that was missing counts 0).
    pub minutes_moved: i64,
    /// Service level of the whole schedule before and after (0–1).
    pub service_level: (f64, f64),
    /// Agent-days that could not be re-placed (no start in a window), left as they were.
    pub failed: Vec<(String, NaiveDate)>,
    /// Warnings: breaks placed in another order than their windows.
    pub warnings: Vec<String>,
}

/// One break or meal to place: its candidates (start, minutes moved) and where it was.
struct ToPlace {
    day: usize,
    activity: String,
    minutes: i64,
    window_rank: usize,
    candidates: Vec<(DateTime<Utc>, i64)>,
    old: Option<DateTime<Utc>>,
}

/// Re-places the breaks and meals of `days` (agent, schedule day) of `schedule`: see the
/// module docs.
///
/// # Errors
/// [`SchedulerError::InvalidModel`] without demand in `ctx`; [`SchedulerError::Solver`]
/// if HiGHS fails; as [`Demand::review`](crate::Demand::review).
pub fn reoptimise_breaks(
    ctx: &EditContext<'_>,
    schedule: &Schedule,
    days: &[(String, NaiveDate)],
) -> Result<Reoptimised> {
    let scenario = ctx.scenario;
    let before = ctx
        .review(schedule)?
        .ok_or_else(|| SchedulerError::InvalidModel("re-optimising needs the demand".into()))?;
    let mut out = schedule.clone();
    let mut failed = Vec::new();
    let mut places: Vec<ToPlace> = Vec::new();
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    for (agent, date) in days {
        let Some(a) = out.agents.iter().position(|x| &x.agent == agent) else {
            continue;
        };
        let Some(i) = out.agents[a].shifts.iter().position(|s| s.date == *date) else {
            continue;
        };
        match candidates(scenario, agent, &out.agents[a].shifts[i], shifts.len()) {
            Some(p) => {
                places.extend(p);
                shifts.push((a, i));
                let s = &mut out.agents[a].shifts[i];
                s.activities.retain(|x| !is_break(scenario, x));
            }
            None => failed.push((agent.clone(), *date)),
        }
    }
    let chosen = solve(ctx, &out, &before, &places, &shifts)?;
    let mut minutes_moved = 0;
    let mut warnings = Vec::new();
    for (d, &(a, i)) in shifts.iter().enumerate() {
        let mut placed: Vec<(usize, DateTime<Utc>)> = Vec::new();
        for (k, p) in places.iter().enumerate().filter(|(_, p)| p.day == d) {
            let (start, moved) = p.candidates[chosen[k]];
            minutes_moved += moved;
            placed.push((p.window_rank, start));
            out.agents[a].shifts[i].activities.push(PlacedActivity {
                activity: p.activity.clone(),
                start,
                end: start + Duration::minutes(p.minutes),
            });
        }
        placed.sort_by_key(|x| x.1);
        if placed.windows(2).any(|w| w[0].0 > w[1].0) {
            let s = &out.agents[a].shifts[i];
            warnings.push(format!(
                "{} {}: breaks and meals placed in another order than their windows",
                out.agents[a].agent, s.date
            ));
        }
        out.agents[a].shifts[i]
            .activities
            .sort_by_key(|x| (x.start, x.end));
    }
    let after = ctx.review(&out)?.map_or(0.0, |r| r.summary.service_level);
    Ok(Reoptimised {
        schedule: out,
        days: shifts.len(),
        minutes_moved,
        service_level: (before.summary.service_level, after),
        failed,
        warnings,
    })
}

fn is_break(scenario: &Scenario, p: &PlacedActivity) -> bool {
    scenario
        .activity(&p.activity)
        .is_some_and(|x| x.kind.is_break())
}

/// The breaks and meals `agent`'s shift needs, each with its candidate starts; none if
/// one has no candidate.
fn candidates(scenario: &Scenario, agent: &str, s: &Shift, day: usize) -> Option<Vec<ToPlace>> {
    let profile = scenario.profile_of(agent)?;
    let group = profile.activity_group(u32::try_from(s.minutes()).ok()?);
    let fixed: Vec<&PlacedActivity> = s
        .activities
        .iter()
        .filter(|x| !is_break(scenario, x))
        .collect();
    let mut old: BTreeMap<&str, Vec<DateTime<Utc>>> = BTreeMap::new();
    for x in s.activities.iter().filter(|x| is_break(scenario, x)) {
        old.entry(x.activity.as_str()).or_default().push(x.start);
    }
    let mut out = Vec::new();
    let Some(group) = group else {
        return Some(out);
    };
    let mut ranked: Vec<(i64, usize)> = Vec::new();
    for p in &group.activities {
        let Some(def) = scenario.activity(&p.activity) else {
            continue;
        };
        if !def.kind.is_break() {
            continue;
        }
        let anchor = match p.anchor {
            Anchor::Start => s.start,
            Anchor::End => s.end,
        };
        let minutes = i64::from(p.duration(def));
        let was = old
            .get_mut(p.activity.as_str())
            .and_then(|v| (!v.is_empty()).then(|| v.remove(0)));
        let mut cands = Vec::new();
        let mut off = i64::from(p.earliest_minutes);
        while off <= i64::from(p.latest_minutes) {
            let t = anchor + Duration::minutes(off);
            let e = t + Duration::minutes(minutes);
            let clear = fixed.iter().all(|f| f.end <= t || f.start >= e);
            if t >= s.start && e <= s.end && clear {
                let moved = was.map_or(0, |w| (t - w).num_minutes().abs());
                cands.push((t, moved));
            }
            off += i64::from(GRID_MINUTES);
        }
        if cands.is_empty() {
            return None;
        }
        // the window's middle, from the shift start: the order windows ask for
        let middle = i64::from(p.earliest_minutes + p.latest_minutes) / 2;
        ranked.push(((anchor - s.start).num_minutes() + middle, out.len()));
        out.push(ToPlace {
            day,
            activity: p.activity.clone(),
            minutes,
            window_rank: 0,
            candidates: cands,
            old: was,
        });
    }
    ranked.sort();
    for (rank, &(_, idx)) in ranked.iter().enumerate() {
        out[idx].window_rank = rank;
    }
    Some(out)
}

/// Productive agents per interval a candidate touches, without the breaks being placed.
fn base_agents(
    scenario: &Scenario,
    stripped: &Schedule,
    places: &[ToPlace],
    from: DateTime<Utc>,
    len: i64,
) -> BTreeMap<i64, f64> {
    let index = |t: DateTime<Utc>| (t - from).num_minutes().div_euclid(len);
    let mut base: BTreeMap<i64, f64> = BTreeMap::new();
    for p in places {
        for &(t, _) in &p.candidates {
            let mut i = index(t);
            while from + Duration::minutes(i * len) < t + Duration::minutes(p.minutes) {
                base.entry(i).or_insert(0.0);
                i += 1;
            }
        }
    }
    for (&i, b) in &mut base {
        let lo = from + Duration::minutes(i * len);
        let hi = lo + Duration::minutes(len);
        *b = stripped
            .agents
            .iter()
            .flat_map(|a| &a.shifts)
            .filter(|s| s.end > lo && s.start < hi)
            .map(|s| s.productive_minutes_in(scenario, lo, hi) / len as f64)
            .sum();
    }
    base
}

/// No two breaks of a shift overlapping or closer than the minimum break interval.
fn keep_apart(
    problem: &mut good_lp::solvers::highs::HighsProblem,
    scenario: &Scenario,
    stripped: &Schedule,
    shifts: &[(usize, usize)],
    places: &[ToPlace],
    x: &[Vec<Variable>],
) {
    let min_gap = |d: usize| {
        let agent = &stripped.agents[shifts[d].0].agent;
        scenario
            .profile_of(agent)
            .and_then(|p| p.min_break_interval_minutes)
            .map_or(0, i64::from)
    };
    for (k1, p1) in places.iter().enumerate() {
        let gap = min_gap(p1.day);
        for (k2, p2) in places
            .iter()
            .enumerate()
            .filter(|(k2, p2)| *k2 != k1 && p2.day == p1.day)
        {
            for (c1, &(t1, _)) in p1.candidates.iter().enumerate() {
                let e1 = t1 + Duration::minutes(p1.minutes);
                let clash: Vec<Variable> = p2
                    .candidates
                    .iter()
                    .enumerate()
                    .filter(|(_, (t2, _))| {
                        let e2 = *t2 + Duration::minutes(p2.minutes);
                        let apart = (*t2 - e1).num_minutes().max((t1 - e2).num_minutes());
                        apart < gap
                    })
                    .map(|(c2, _)| x[k2][c2])
                    .collect();
                if !clash.is_empty() {
                    let sum: Expression = clash.into_iter().sum();
                    problem.add_constraint((sum + x[k1][c1]).leq(1.0));
                }
            }
        }
    }
}

/// The MIP: the chosen candidate of each break.
fn solve(
    ctx: &EditContext<'_>,
    stripped: &Schedule,
    before: &crate::review::Review,
    places: &[ToPlace],
    shifts: &[(usize, usize)],
) -> Result<Vec<usize>> {
    if places.is_empty() {
        return Ok(Vec::new());
    }
    let scenario = ctx.scenario;
    let len = i64::from(scenario.config().interval.minutes());
    let Some(from) = before.intervals.first().map(|i| i.start) else {
        return Ok(places.iter().map(|_| 0).collect());
    };
    let index = |t: DateTime<Utc>| (t - from).num_minutes().div_euclid(len);
    let base = base_agents(scenario, stripped, places, from, len);
    let mut vars = ProblemVariables::new();
    let x: Vec<Vec<Variable>> = places
        .iter()
        .map(|p| {
            let best = p
                .candidates
                .iter()
                .position(|c| Some(c.0) == p.old)
                .unwrap_or(0);
            (0..p.candidates.len())
                .map(|c| {
                    vars.add(
                        variable()
                            .binary()
                            .initial(if c == best { 1.0 } else { 0.0 }),
                    )
                })
                .collect()
        })
        .collect();
    let short: BTreeMap<i64, Variable> = base
        .keys()
        .map(|&i| (i, vars.add(variable().min(0.0))))
        .collect();
    let mut objective: Expression = short.values().map(|v| 1000.0 * *v).sum();
    for (p, xs) in places.iter().zip(&x) {
        for (c, v) in p.candidates.iter().zip(xs) {
            objective += c.1 as f64 * *v;
        }
    }
    let mut problem = highs(vars.minimise(objective));
    problem.set_verbose(false);
    let mut problem = problem.set_time_limit(60.0).set_threads(1);
    // one start per break
    for xs in &x {
        problem.add_constraint(xs.iter().copied().sum::<Expression>().eq(1.0));
    }
    keep_apart(&mut problem, scenario, stripped, shifts, places, &x);
    // shortfall per interval
    let required: BTreeMap<i64, f64> = base
        .keys()
        .map(|&i| {
            let r = usize::try_from(i)
                .ok()
                .and_then(|i| before.intervals.get(i))
                .map_or(0.0, |r| f64::from(r.required));
            (i, r)
        })
        .collect();
    let mut taken: BTreeMap<i64, Expression> = BTreeMap::new();
    for (p, xs) in places.iter().zip(&x) {
        for (&(t, _), v) in p.candidates.iter().zip(xs) {
            let e = t + Duration::minutes(p.minutes);
            let mut i = index(t);
            loop {
                let lo = from + Duration::minutes(i * len);
                let hi = lo + Duration::minutes(len);
                if lo >= e {
                    break;
                }
                let share = (e.min(hi) - t.max(lo)).num_minutes() as f64 / len as f64;
                *taken.entry(i).or_default() += share * *v;
                i += 1;
            }
        }
    }
    for (i, s) in &short {
        let t = taken.remove(i).unwrap_or_default();
        problem.add_constraint((*s - t).geq(required[i] - base[i]));
    }
    let solution = problem
        .solve()
        .map_err(|e| SchedulerError::Solver(format!("re-optimising breaks: {e}")))?;
    Ok(x.iter()
        .map(|xs| {
            xs.iter()
                .enumerate()
                .max_by(|a, b| solution.value(*a.1).total_cmp(&solution.value(*b.1)))
                .map_or(0, |(c, _)| c)
        })
        .collect())
}

/// Re-optimises the batch's agent-days in `work`, logging In progress → Completed or
/// Failed.
pub(crate) fn run(ctx: &EditContext<'_>, work: &mut Work<'_>) -> Result<()> {
    let days: Vec<(String, NaiveDate)> = work.reoptimise_days.iter().cloned().collect();
    let operation = "re-optimise breaks and meals".to_owned();
    work.log.push(LogEntry::Work {
        operation: operation.clone(),
        status: WorkStatus::InProgress,
        detail: format!("{} agent-day(s)", days.len()),
    });
    match reoptimise_breaks(ctx, &work.schedule, &days) {
        Ok(r) => {
            work.schedule = r.schedule;
            for (agent, date) in &r.failed {
                work.log.push(LogEntry::Warning {
                    message: format!(
                        "{agent} {date}: no place for a break or meal inside its window; left as it was"
                    ),
                });
            }
            for w in r.warnings {
                work.log.push(LogEntry::Warning { message: w });
            }
            work.log.push(LogEntry::Work {
                operation,
                status: WorkStatus::Completed,
                detail: format!(
                    "{} agent-day(s), {} min moved, service level {:.1}% → {:.1}%",
                    r.days,
                    r.minutes_moved,
                    100.0 * r.service_level.0,
                    100.0 * r.service_level.1
                ),
            });
            Ok(())
        }
        Err(e) => {
            work.log.push(LogEntry::Work {
                operation,
                status: WorkStatus::Failed,
                detail: e.to_string(),
            });
            Ok(())
        }
    }
}
