//! The whole request: rolling weeks over the request's dates, every staffing group of
//! its forecast group in each week, with what a week leaves to the next carried over.
//!
//! # Rolling weeks
//! The request (`[request] start ..= end`, at most 18 weeks) is cut into weeks of seven
//! days from its first day; the last one may be short (its days after the end are off
//! for everyone). Each week is one [`schedule_week_all`] call, in date order, given a
//! [`WeekCarry`] computed from the schedule so far:
//! - `worked_days_before`: per agent, the run of consecutive dates with a shift that
//!   ends on the day before the week (so *maximum consecutive work days* holds across the
//!   week boundary);
//! - `off_days_before`: per agent, the run of days off (request days the agent is
//!   employed on, without a shift) that ends on the day before the week (so *maximum
//!   consecutive days off* holds across it);
//! - `covered`: the productive agents of earlier shifts still on shift after the week's
//!   first instant (a late Sunday shift running into Monday), counted per 15-minute
//!   interval where the agent is productive for the whole interval.
//!
//! # What the report's numbers mean
//! - `objective` and `lower_bound` are the sums over the weeks of the *returned*
//!   schedule's objective (its shifts' cost and its shortage at the tour model's
//!   penalty, [`super::WeekSchedule::objective`]) and of the uncapped tour model's proven
//!   bound (valid for every rule-abiding schedule of the week's agents), each week given
//!   the weeks before it. Shifts of the tour model no agent took are not counted; the
//!   shortage they leave is. The gap
//!   `(objective − lower_bound) / objective` is at most the largest weekly gap, so a gap
//!   target `g` on every week gives a horizon gap of at most `g`. The bound is a bound for
//!   the rolling procedure (a week's decisions fixed before the next is solved); a single
//!   model over all weeks could only do better where consecutive-day rules or shifts
//!   spanning the week boundary tie the weeks together.
//! - The time limit is for the whole horizon: each week gets what is left divided by the
//!   weeks left (its two solver stages share it), so a fast week leaves more for later ones.
//!
//! # Stopping early
//! The progress callback hears of every week done; when it returns
//! [`ControlFlow::Break`] the run stops there (a week is the safe point: a solver call in
//! progress is not interrupted, each is bounded by its share of the time limit) and
//! returns the weeks done, with [`HorizonReport::stopped`] set and a warning naming the
//! weeks left out.
//!
//! # Determinism
//! Weeks run in order and each week is deterministic (see the module docs of
//! [`super`]); the time limit is wall-clock, so only a run that hits it can differ.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Gap, GenerateOptions, GenerationReport, IntervalForecast, ScheduleStatus, WeekCarry,
    schedule_week_all,
};
use crate::error::Result;
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, Schedule};

/// Quarter hours in a week (the generator's grid).
const WEEK: usize = 7 * 96;

/// Where a long run is: sent after every week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekProgress {
    /// Weeks done (1 after the first).
    pub done: usize,
    /// Weeks in the request.
    pub weeks: usize,
    /// The first day of the week just done.
    pub week_start: NaiveDate,
    /// Sum of the tour objectives so far.
    pub objective: f64,
    /// Sum of the proven lower bounds so far.
    pub lower_bound: f64,
    /// `(objective − lower_bound) / objective` so far.
    pub gap: f64,
}

/// One week of a [`HorizonReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekReport {
    /// The week's first day.
    pub week_start: NaiveDate,
    /// What the week's generation reported.
    pub report: GenerationReport,
}

/// What [`schedule_request`] reports for the whole request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HorizonReport {
    /// `optimal` only within the requested gap with the goal met and every rule kept;
    /// else `above_gap`, `time_limit`, `goal_missed` or `rules_broken` (see
    /// [`ScheduleStatus`]).
    pub status: ScheduleStatus,
    /// The status in a planner's words, about the returned schedule: `"optimal — …"`
    /// or `"feasible — goal missed in N intervals …"` (see
    /// [`HorizonReport::describe`]).
    #[serde(default)]
    pub status_text: String,
    /// The relative gap the run was asked to stop at (0 in reports written before it
    /// existed).
    #[serde(default)]
    pub requested_gap: f64,
    /// Sum of the returned weeks' objectives (see the module docs).
    pub objective: f64,
    /// Sum of the weekly proven lower bounds (valid for rule-abiding schedules).
    pub lower_bound: f64,
    /// `(objective − lower_bound) / objective` (0 when both are 0).
    pub gap: f64,
    /// Wall-clock seconds of the whole run.
    pub seconds: f64,
    /// Agents with at least one shift.
    pub agents: usize,
    /// Shifts in the schedule.
    pub shifts: usize,
    /// Paid hours of the schedule (unpaid activities excluded).
    pub paid_hours: f64,
    /// Starts (UTC) of the 15-minute intervals with fewer productive agents than the goal
    /// needs.
    pub unmet_intervals: Vec<DateTime<Utc>>,
    /// Rule conflicts and configuration warnings, each naming the agent or the item and
    /// the rule.
    pub warnings: Vec<String>,
    /// Per week, the generator's own report.
    pub weeks: Vec<WeekReport>,
    /// The run was stopped by its progress callback before the request's last week: the
    /// schedule holds the weeks done only (see the module docs).
    #[serde(default)]
    pub stopped: bool,
    /// The short intervals the first tour model covered (lost between the stages or by
    /// the agents' rules), each with which rule keeps which agents of each pool from it
    /// (the weeks' [`GenerationReport::lost`] end to end).
    #[serde(default)]
    pub lost_intervals: Vec<super::LostInterval>,
}

impl HorizonReport {
    /// Required productive agents per 15-minute interval from the first week's first day
    /// 00:00 UTC: the weeks' requirements end to end.
    pub fn required(&self) -> Vec<u32> {
        self.weeks
            .iter()
            .flat_map(|w| w.report.required.iter().copied())
            .collect()
    }

    /// The report of a schedule made of the given weeks (the summary [`schedule_request`]
    /// gives), for a caller that generated the weeks itself asking for `gap`; `seconds`
    /// is the time it took.
    pub fn from_weeks(
        scenario: &Scenario,
        schedule: &Schedule,
        weeks: Vec<WeekReport>,
        gap: Gap,
        seconds: f64,
    ) -> Self {
        let objective = weeks.iter().map(|w| week_figures(&w.report).0).sum();
        let bound = weeks.iter().map(|w| week_figures(&w.report).1).sum();
        let mut report = summarise(scenario, schedule, weeks, gap, (objective, bound));
        report.seconds = seconds;
        report
    }
}

/// A week's objective and bound: the returned schedule's (see the module docs), or for a
/// report written before they existed the tour model's with the extra shifts' cost.
pub(crate) fn week_figures(r: &GenerationReport) -> (f64, f64) {
    if r.tour_rounds > 0 {
        (r.objective, r.lower_bound)
    } else {
        (r.tours.objective + r.extra_cost, r.tours.lower_bound)
    }
}

/// The gap of an objective and its bound: `(objective − bound) / |objective|`, 0 when
/// both are 0.
///
/// ```
/// use wfm_scheduler::generate::relative_gap;
/// assert_eq!(relative_gap(100.0, 97.0), 0.03);
/// assert_eq!(relative_gap(0.0, 0.0), 0.0);
/// ```
pub fn relative_gap(objective: f64, lower_bound: f64) -> f64 {
    if objective.abs() < 1e-12 {
        0.0
    } else {
        ((objective - lower_bound) / objective.abs()).max(0.0)
    }
}

/// Generates the scenario's whole request: every week, every staffing group of the
/// request's forecast group (see the module docs).
///
/// `demand` holds one [`IntervalForecast`] per 15-minute UTC interval from the request's
/// first day 00:00 UTC; intervals past its end count as no demand (a shorter vector is
/// padded with zeros). `progress` is called after each week; returning
/// [`ControlFlow::Break`] stops the run there (see the module docs).
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::{GenerateOptions, IntervalForecast, schedule_request};
/// use wfm_scheduler::{Scenario, validate};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "schedule_example.toml")?;
/// // 4 contacts per 15 minutes 13:00–20:00 UTC, Monday to Saturday, AHT 300 s
/// let demand: Vec<IntervalForecast> = (0..672)
///     .map(|i| IntervalForecast {
///         volume: if i / 96 < 6 && (52..80).contains(&(i % 96)) { 4.0 } else { 0.0 },
///         aht_seconds: 300.0,
///     })
///     .collect();
/// let (schedule, report) =
///     schedule_request(&sc, &demand, &GenerateOptions::default(), &mut |_| {
///         std::ops::ControlFlow::Continue(())
///     })?;
/// assert!(report.unmet_intervals.is_empty());
/// assert_eq!(report.weeks.len(), 1);
/// assert!(validate(&sc, &schedule).is_empty());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// What [`schedule_week_all`] returns for a week (a configuration it cannot map, solver
/// failures).
pub fn schedule_request(
    scenario: &Scenario,
    demand: &[IntervalForecast],
    options: &GenerateOptions,
    progress: &mut dyn FnMut(&WeekProgress) -> ControlFlow<()>,
) -> Result<(Schedule, HorizonReport)> {
    let clock = Instant::now();
    let request = scenario.request();
    let days = (request.end - request.start).num_days() + 1;
    // at most 18 weeks: the scenario's check
    let weeks = (days.max(1) as usize).div_ceil(7);
    let mut schedule = Schedule::default();
    let mut stopped = None;
    let mut reports = Vec::with_capacity(weeks);
    let (mut objective, mut bound) = (0.0, 0.0);
    for w in 0..weeks {
        let week_start = request.start + Duration::days(7 * w as i64);
        let slice: Vec<IntervalForecast> = (w * WEEK..(w + 1) * WEEK)
            .map(|i| {
                demand.get(i).copied().unwrap_or(IntervalForecast {
                    volume: 0.0,
                    aht_seconds: 0.0,
                })
            })
            .collect();
        let carry = carry_into(scenario, &schedule, week_start);
        // the week's share of what is left of the run's time limit
        let week_options = options.with_time_limit(
            options
                .limits
                .time_limit_seconds
                .share(clock.elapsed().as_secs_f64(), weeks - w),
        );
        let (week, report) =
            schedule_week_all(scenario, week_start, &slice, &carry, &week_options)?;
        merge(&mut schedule, week);
        let (o, b) = week_figures(&report);
        objective += o;
        bound += b;
        reports.push(WeekReport { week_start, report });
        let flow = progress(&WeekProgress {
            done: w + 1,
            weeks,
            week_start,
            objective,
            lower_bound: bound,
            gap: relative_gap(objective, bound),
        });
        if flow.is_break() && w + 1 < weeks {
            stopped = Some(w + 1);
            break;
        }
    }
    let mut report = summarise(
        scenario,
        &schedule,
        reports,
        options.limits.relative_gap,
        (objective, bound),
    );
    report.seconds = clock.elapsed().as_secs_f64();
    if let Some(done) = stopped {
        report.stopped = true;
        report.warnings.push(format!(
            "stopped by the user after {done} of {weeks} week(s): the schedule ends on {}",
            request.start + Duration::days(7 * done as i64 - 1)
        ));
        report.status_text = report.describe(0);
    }
    Ok((schedule, report))
}

/// The report of the whole run from the weeks', asked to stop at `gap`.
fn summarise(
    scenario: &Scenario,
    schedule: &Schedule,
    weeks: Vec<WeekReport>,
    gap: Gap,
    (objective, lower_bound): (f64, f64),
) -> HorizonReport {
    let mut unmet = Vec::new();
    let mut warnings = Vec::new();
    for w in &weeks {
        let midnight = Utc.from_utc_datetime(&w.week_start.and_time(chrono::NaiveTime::MIN));
        unmet.extend(
            w.report
                .short_intervals
                .iter()
                .map(|&i| midnight + Duration::minutes(15 * i64::from(i))),
        );
        for c in &w.report.conflicts {
            warnings.push(format!(
                "week of {}: agent {}: {}: {}",
                w.week_start, c.agent, c.rule, c.detail
            ));
        }
        let lost = lost_intervals(&w.report);
        if lost > 0 {
            warnings.push(format!(
                "week of {}: {lost} quarter hour(s) short that the tour model covered (why: the report's lost intervals)",
                w.week_start
            ));
        }
        for l in &w.report.lost {
            warnings.push(lost_warning(l));
        }
        if w.report.unassigned_shifts > 0 {
            warnings.push(format!(
                "week of {}: {} shift(s) of the tour model fit no agent's rules and are not scheduled",
                w.week_start, w.report.unassigned_shifts
            ));
        }
        if w.report.extra_shifts > 0 {
            warnings.push(format!(
                "week of {}: {} shift(s) added beyond the tour model's optimum so that agents meet their weekly minimums (objective +{:.2})",
                w.week_start, w.report.extra_shifts, w.report.extra_cost
            ));
        }
        if w.report.staff_floor > 0 {
            warnings.push(format!(
                "week of {}: a staff floor of {} agent(s) was raised over the profile window to meet weekly minimum hours",
                w.week_start, w.report.staff_floor
            ));
        }
        for m in &w.report.dropped_lengths {
            warnings.push(format!(
                "week of {}: shift length {m} min dropped: its activity windows cannot keep the break spacing",
                w.week_start
            ));
        }
    }
    warnings.dedup();
    let shifts = schedule.agents.iter().flat_map(|a| &a.shifts);
    let mut report = HorizonReport {
        status: ScheduleStatus::of_weeks(&weeks, gap, unmet.len()),
        status_text: String::new(),
        requested_gap: gap.value(),
        objective,
        lower_bound,
        gap: relative_gap(objective, lower_bound),
        seconds: 0.0,
        agents: schedule
            .agents
            .iter()
            .filter(|a| !a.shifts.is_empty())
            .count(),
        shifts: shifts.clone().count(),
        paid_hours: shifts.map(|s| s.paid_minutes(scenario) as f64).sum::<f64>() / 60.0,
        unmet_intervals: unmet,
        warnings,
        lost_intervals: weeks.iter().flat_map(|w| w.report.lost.clone()).collect(),
        weeks,
        stopped: false,
    };
    report.status_text = report.describe(0);
    report
}

/// One lost interval in a planner's words: per pool, the agents each rule keeps from it.
fn lost_warning(l: &super::LostInterval) -> String {
    let pools: Vec<String> = l
        .pools
        .iter()
        .filter(|p| !p.reasons.is_empty())
        .map(|p| {
            let why: Vec<String> = p
                .reasons
                .iter()
                .map(|r| match r.agents.as_slice() {
                    [one] => format!("{} ({one})", r.rule),
                    many => format!("{} ({} agents)", r.rule, many.len()),
                })
                .collect();
            format!("{}: {}", p.pool, why.join(", "))
        })
        .collect();
    format!(
        "{}: {} agent(s) short though the tour model covered it; the agents not on shift there, by the rule that keeps them off (idle/moving: their rules allow it, their hours cover other intervals): {}",
        l.start,
        l.agents_short,
        pools.join("; ")
    )
}

/// Short intervals of the returned week where the first tour model was not short: the
/// coverage the assignment lost.
pub(crate) fn lost_intervals(r: &GenerationReport) -> usize {
    r.short_intervals
        .iter()
        .filter(|t| r.tour_short_intervals.binary_search(t).is_err())
        .count()
}

/// Appends a week's shifts to the schedule, agent by agent (first appearance order).
fn merge(schedule: &mut Schedule, week: Schedule) {
    let mut index: BTreeMap<String, usize> = schedule
        .agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.agent.clone(), i))
        .collect();
    for a in week.agents {
        match index.get(&a.agent) {
            Some(&i) => schedule.agents[i].shifts.extend(a.shifts),
            None => {
                index.insert(a.agent.clone(), schedule.agents.len());
                schedule.agents.push(AgentSchedule {
                    agent: a.agent,
                    shifts: a.shifts,
                });
            }
        }
    }
}

/// What the schedule so far leaves to the week from `week_start` (see the module docs).
pub(crate) fn carry_into(
    scenario: &Scenario,
    schedule: &Schedule,
    week_start: NaiveDate,
) -> WeekCarry {
    let from = Utc.from_utc_datetime(&week_start.and_time(chrono::NaiveTime::MIN));
    let mut carry = WeekCarry::default();
    let mut covered = vec![0u32; WEEK];
    let mut any = false;
    let request = scenario.request();
    for g in scenario.run_groups() {
        for agent in &g.agents {
            let (hired, leaves) = scenario.employment_of(agent);
            let shifts = schedule.agents.iter().find(|a| &a.agent == agent);
            let worked =
                |d: NaiveDate| shifts.is_some_and(|a| a.shifts.iter().any(|s| s.date == d));
            let mut off = 0u8;
            let mut day = week_start - Duration::days(1);
            while off < 7
                && day >= request.start
                && hired.is_none_or(|h| day >= h)
                && leaves.is_none_or(|l| day <= l)
                && !worked(day)
            {
                off += 1;
                day -= Duration::days(1);
            }
            if off > 0 {
                carry.off_days_before.insert(agent.clone(), off);
            }
        }
    }
    for a in &schedule.agents {
        let mut run = 0u8;
        let mut day = week_start - Duration::days(1);
        while run < 7 && a.shifts.iter().any(|s| s.date == day) {
            run += 1;
            day -= Duration::days(1);
        }
        if run > 0 {
            carry.worked_days_before.insert(a.agent.clone(), run);
        }
        for s in a
            .shifts
            .iter()
            .filter(|s| s.end > from && s.start < from + Duration::days(7))
        {
            let first = ((s.start - from).num_minutes().max(0) / 15) as usize;
            let last = ((s.end - from).num_minutes() as usize)
                .div_ceil(15)
                .min(WEEK);
            for (q, slot) in covered.iter_mut().enumerate().take(last).skip(first) {
                let t = from + Duration::minutes(15 * q as i64);
                if s.productive_minutes_in(scenario, t, t + Duration::minutes(15)) >= 15.0 - 1e-9 {
                    *slot += 1;
                    any = true;
                }
            }
        }
    }
    if any {
        carry.covered = covered;
    }
    carry
}

#[cfg(test)]
#[path = "horizon_tests.rs"]
mod tests;
