//! The bridge from the configuration model to the week generator: one staffing group of a
//! [`Scenario`] over one week → one [`WeekProblem`] → [`generate`] → a [`Schedule`].
//!
//! # Mapping
//! - Grid: always 15 minutes (the model's grid), whatever the scenario's interval; the
//!   demand is given per 15-minute UTC interval of the week.
//! - Shift profile (the group's) → [`ShiftTemplate`]: starts from the profile's earliest
//!   start to `latest end − longest length` (so every start fits every length inside the
//!   window), every [`GenerateOptions::start_step_minutes`]; lengths from the shortest to
//!   the longest any agent may work (daily min/max hours where set, else the profile's
//!   shift length bounds), every [`GenerateOptions::length_step_minutes`].
//! - Activity groups by length → [`BreakRule`]s: placement windows (start- or
//!   end-anchored) → offsets from the start, duration and paid flag from the activity,
//!   meals → [`BreakKind::Meal`]. The windows are then narrowed so that *any* placement
//!   honours the profile's min/max break interval (the generator knows no spacing rule).
//!   A length whose windows become empty or overlap is dropped.
//! - Minimum staff (UTC) → [`MinimumStaff`] ranges of the week.
//! - `same_start_time` → a single start (the earliest).
//! - Weekly minimum hours: the tour model does not know them, so when the generated week
//!   leaves an agent under their minimum, a staff floor over the profile window on the
//!   working days is raised by one agent and the week generated again, until every
//!   minimum is met or the floor reaches the group's size.
//! - Agents → [`Agent`]: weekly max hours, weekly min hours (full weeks only, as the
//!   validator), max work days per week, max consecutive work days, availability Off on
//!   profile Off days, outside the request and outside employment; allowed lengths from
//!   the agent's daily hours.
//!
//! # Limitations (first version)
//! - Profiles on the local clock are accepted only when every agent of the group is on
//!   UTC; agents with their own profile (other than the group's) are rejected.
//! - Not modelled by the generator, so a schedule may break them (the validator reports
//!   it): minimum work days per week, Work-status days (must-work), days off
//!   (`days_off`), minimum consecutive work days / days off, maximum consecutive days
//!   off, consecutive days carried over from an earlier week.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::{
    Agent, Availability, BreakKind, BreakRule, DAYS, Grid, IntervalForecast, Limits, MinimumStaff,
    RuleConflict, ShiftLength, ShiftTemplate, SolveReport, WeekProblem, generate, requirement,
};
use crate::error::{Result, SchedulerError};
use crate::model::{ActivityKind, Anchor, DayStatus, Goal, ProfileClock, hours_to_minutes};
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};

const GRID: u32 = 15;

/// Options of [`schedule_week`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateOptions {
    /// Time limit and relative gap of each solver call.
    pub limits: Limits,
    /// Most occupancy allowed in the staffing requirement (0–1].
    pub max_occupancy: f64,
    /// Shift start granularity in minutes (a multiple of 15).
    pub start_step_minutes: u32,
    /// Shift length granularity in minutes (a multiple of 15).
    pub length_step_minutes: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            limits: Limits {
                time_limit_seconds: 60.0,
                relative_gap: 0.01,
            },
            max_occupancy: 1.0,
            start_step_minutes: 30,
            length_step_minutes: 30,
        }
    }
}

/// What a [`schedule_week`] run reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GenerationReport {
    /// The tour model's solve (objective, bound, gap, status, time).
    pub tours: SolveReport,
    /// The assignment's solve, if agents were assigned.
    pub assignment: Option<SolveReport>,
    /// Required productive agents per 15-minute week interval (forecast requirement with
    /// the group's minimum staff merged in; without the weekly-hours staff floor).
    pub required: Vec<u32>,
    /// Week intervals (15 minutes from `week_start` 00:00 UTC) with fewer productive
    /// agents than [`Self::required`].
    pub short_intervals: Vec<u32>,
    /// The staff floor raised over the profile window to meet weekly minimum hours (0:
    /// none was needed).
    pub staff_floor: u32,
    /// Rules the assignment could not meet, with the agent.
    pub conflicts: Vec<RuleConflict>,
    /// Shifts of the tour model no agent could take (not in the schedule).
    pub unassigned_shifts: usize,
    /// Shift lengths (minutes) dropped because their activity windows cannot honour the
    /// break spacing.
    pub dropped_lengths: Vec<u32>,
}

fn bad<T>(m: String) -> Result<T> {
    Err(SchedulerError::InvalidModel(m))
}

/// Generates one week for one staffing group of `scenario` (see the module docs for the
/// mapping and the limitations).
///
/// `demand` holds one [`IntervalForecast`] per 15-minute UTC interval from `week_start`
/// 00:00 UTC (672 entries).
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use wfm_scheduler::generate::{GenerateOptions, IntervalForecast, schedule_week};
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
/// let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let (schedule, report) =
///     schedule_week(&sc, "Day team", monday, &demand, &GenerateOptions::default())?;
/// assert!(report.short_intervals.is_empty());
/// assert!(validate(&sc, &schedule).is_empty());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// [`SchedulerError::InvalidModel`] for an unknown group, a demand of the wrong length, a
/// configuration this first version does not map (see the limitations) or no usable
/// shift length; solver errors from [`generate`].
pub fn schedule_week(
    scenario: &Scenario,
    staffing_group: &str,
    week_start: NaiveDate,
    demand: &[IntervalForecast],
    options: &GenerateOptions,
) -> Result<(Schedule, GenerationReport)> {
    let Some(group) = scenario.run_groups().find(|g| g.name == staffing_group) else {
        return bad(format!(
            "staffing group '{staffing_group}' is not linked to forecast group '{}'",
            scenario.request().forecast_group
        ));
    };
    let Some(profile) = scenario.profile(&group.profile) else {
        return bad(format!("profile '{}' is unknown", group.profile));
    };
    for a in &group.agents {
        if scenario
            .profile_of(a)
            .is_some_and(|p| p.name != profile.name)
        {
            return bad(format!(
                "agent {a} has an own profile; schedule_week uses the group's profile only"
            ));
        }
        if profile.clock == ProfileClock::Local && scenario.time_zone(a) != Tz::UTC {
            return bad(format!(
                "profile '{}' is on the local clock and agent {a} is not on UTC; \
                 schedule_week maps UTC-clock profiles only",
                profile.name
            ));
        }
    }
    let grid = Grid::new(GRID)?;
    if demand.len() != grid.week() as usize {
        return bad(format!(
            "the demand has {} intervals, a week of 15-minute intervals has {}",
            demand.len(),
            grid.week()
        ));
    }
    let step = |m: u32, what: &str| {
        if m == 0 || !m.is_multiple_of(GRID) {
            bad(format!(
                "the {what} step of {m} minutes is not a multiple of 15"
            ))
        } else {
            Ok(m / GRID)
        }
    };
    let start_step = step(options.start_step_minutes, "start")?;
    let length_step = step(options.length_step_minutes, "length")?;

    // Per-agent length bounds (minutes): daily hours where set, else the profile's.
    let bounds = |a: &str| {
        let h = scenario.hours_of(a);
        let lo = h
            .daily_min_hours
            .map_or(profile.min_shift_minutes, hours_to_minutes);
        let hi = h
            .daily_max_hours
            .map_or(profile.max_shift_minutes, hours_to_minutes);
        (lo.div_ceil(GRID), hi / GRID)
    };
    let (win_lo, win_hi) = profile.window().span();
    let (win_lo, win_hi) = (win_lo.div_ceil(GRID), win_hi / GRID);
    let all: Vec<(u32, u32)> = group.agents.iter().map(|a| bounds(a)).collect();
    let lo = all
        .iter()
        .map(|b| b.0)
        .min()
        .unwrap_or_else(|| bounds("").0);
    let hi = all
        .iter()
        .map(|b| b.1)
        .max()
        .unwrap_or_else(|| bounds("").1);
    let mut lengths = Vec::new();
    let mut dropped = Vec::new();
    let mut names: Vec<Vec<String>> = Vec::new();
    let mut len = lo;
    while len <= hi && len <= win_hi.saturating_sub(win_lo) {
        match breaks_of(scenario, profile, len)? {
            Some((rules, n)) => {
                lengths.push(ShiftLength {
                    length: len,
                    breaks: rules,
                });
                names.push(n);
            }
            None => dropped.push(len * GRID),
        }
        len += length_step;
    }
    let Some(longest) = lengths.iter().map(|l| l.length).max() else {
        return bad(format!(
            "profile '{}' leaves no usable shift length for group '{}'",
            profile.name, group.name
        ));
    };
    let latest_start = if group.same_start_time {
        win_lo
    } else {
        win_hi - longest
    };
    let template = ShiftTemplate {
        earliest_start: win_lo,
        latest_start,
        start_step,
        lengths,
    };

    let goal = match scenario.request().goal {
        Goal::ServiceLevel {
            target,
            within_seconds,
        } => wfm_erlang::Goal::ServiceLevel {
            target,
            seconds: f64::from(within_seconds),
        },
        Goal::Asa { seconds } => wfm_erlang::Goal::Asa {
            seconds: f64::from(seconds),
        },
    };
    let occupancy = wfm_erlang::MaxOccupancy::new(options.max_occupancy)
        .map_err(|e| SchedulerError::InvalidModel(format!("max occupancy: {e}")))?;
    let required = requirement(&grid, demand, goal, occupancy)?;

    let mut problem = WeekProblem::new(grid, required, template);
    let per_day = grid.per_day();
    let dates: Vec<NaiveDate> = (0..DAYS as i64)
        .map(|d| week_start + Duration::days(d))
        .collect();
    for m in &group.minimum_staff {
        let (from, to) = crate::model::DayWindow::new(m.start.minutes(), m.end.minutes()).span();
        for (d, date) in dates.iter().enumerate() {
            if !m.weekdays.is_empty() && !m.weekdays.contains(&date.weekday()) {
                continue;
            }
            let base = d as u32 * per_day;
            let (f, t) = (
                base + from / GRID,
                (base + to.div_ceil(GRID)).min(grid.week()),
            );
            if f < t {
                problem.minimum_staff.push(MinimumStaff {
                    from: f,
                    to: t,
                    agents: m.agents,
                });
            }
        }
    }
    problem.max_shifts_per_day = Some(group.agents.len() as u32);
    let req = scenario.request();
    for (a, &(alo, ahi)) in group.agents.iter().zip(&all) {
        let h = scenario.hours_of(a);
        let (emp_start, emp_end) = scenario.employment_of(a);
        let works = |date: &NaiveDate| {
            *date >= req.start
                && *date <= req.end
                && emp_start.is_none_or(|s| *date >= s)
                && emp_end.is_none_or(|e| *date <= e)
        };
        let full = dates.iter().all(works);
        let mut agent = Agent::new(a.clone());
        agent.min_week_minutes = h.weekly_min_hours.filter(|_| full).map(hours_to_minutes);
        agent.max_week_minutes = h.weekly_max_hours.map(hours_to_minutes);
        agent.max_work_days = profile
            .work_days_per_week
            .and_then(|w| w.max)
            .map(|m| m.min(7) as u8);
        agent.max_consecutive_days = scenario.consecutive_of(a).0.max.map(|m| m.min(7) as u8);
        for (d, date) in dates.iter().enumerate() {
            if profile.days.status(date.weekday()) == DayStatus::Off || !works(date) {
                agent.availability[d] = Availability::Off;
            }
        }
        agent.allowed_lengths = Some(
            problem
                .template
                .lengths
                .iter()
                .map(|l| l.length)
                .filter(|l| (alo..=ahi).contains(l))
                .collect(),
        );
        problem.agents.push(agent);
    }

    // The tour model minimises shifts and knows nothing of the agents' weekly minimum
    // hours: raise a staff floor over the profile window on the working days until every
    // agent's minimum is met (or the floor reaches the group's size).
    let base_minimum = problem.minimum_staff.clone();
    let required = problem.effective_requirement();
    let mut week = generate(&problem, &options.limits)?;
    let mut floor = 0;
    while floor < group.agents.len() as u32 && short_of_minimum(&problem, &week) {
        floor += 1;
        problem.minimum_staff = base_minimum.clone();
        for (d, date) in dates.iter().enumerate() {
            if profile.days.status(date.weekday()) == DayStatus::Off {
                continue;
            }
            let base = d as u32 * per_day;
            problem.minimum_staff.push(MinimumStaff {
                from: base + win_lo,
                to: (base + win_hi).min(grid.week()),
                agents: floor,
            });
        }
        week = generate(&problem, &options.limits)?;
    }
    let midnight = Utc.from_utc_datetime(&week_start.and_hms_opt(0, 0, 0).unwrap_or_default());
    // the generator's shift and break starts are week intervals
    let at = |i: u32| midnight + Duration::minutes(i64::from(i * GRID));
    let agents = week
        .agents
        .iter()
        .map(|a| AgentSchedule {
            agent: a.agent.clone(),
            shifts: a
                .shifts
                .iter()
                .map(|s| {
                    let k = problem
                        .template
                        .lengths
                        .iter()
                        .position(|l| l.length == s.end - s.start)
                        .unwrap_or(0);
                    Shift {
                        date: dates[s.day as usize],
                        start: at(s.start),
                        end: at(s.end),
                        activities: s
                            .breaks
                            .iter()
                            .zip(&names[k])
                            .map(|(b, name)| PlacedActivity {
                                activity: name.clone(),
                                start: at(b.start),
                                end: at(b.start + b.length),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let report = GenerationReport {
        tours: week.tours,
        assignment: week.assignment,
        short_intervals: week
            .coverage
            .iter()
            .filter(|c| c.scheduled < required[c.interval as usize])
            .map(|c| c.interval)
            .collect(),
        required,
        staff_floor: floor,
        conflicts: week.conflicts.clone(),
        unassigned_shifts: week.unassigned.len(),
        dropped_lengths: dropped,
    };
    Ok((Schedule { agents }, report))
}

/// Whether some agent works less than their weekly minimum.
fn short_of_minimum(problem: &WeekProblem, week: &super::WeekSchedule) -> bool {
    problem.agents.iter().zip(&week.agents).any(|(a, s)| {
        let worked: u32 = s.shifts.iter().map(|x| (x.end - x.start) * GRID).sum();
        // a minimum above the maximum cannot be met (a reported conflict): no floor for it
        a.min_week_minutes
            .is_some_and(|m| worked < m && a.max_week_minutes.is_none_or(|x| m <= x))
    })
}

/// The break rules of a `len`-interval shift with their activity names, windows narrowed
/// to honour the break spacing; `None` if that is impossible.
fn breaks_of(
    scenario: &Scenario,
    profile: &crate::model::ShiftProfile,
    len: u32,
) -> Result<Option<(Vec<BreakRule>, Vec<String>)>> {
    let Some(group) = profile.activity_group(len * GRID) else {
        return Ok(profile
            .activity_groups
            .is_empty()
            .then(|| (Vec::new(), Vec::new())));
    };
    let mut rules: Vec<(BreakRule, String, bool)> = Vec::new();
    for p in &group.activities {
        let Some(def) = scenario.activity(&p.activity) else {
            return bad(format!("activity '{}' is unknown", p.activity));
        };
        let minutes = p.duration(def);
        if !minutes.is_multiple_of(GRID) {
            return bad(format!(
                "activity '{}' lasts {minutes} min, not a multiple of 15",
                p.activity
            ));
        }
        let base = match p.anchor {
            Anchor::Start => 0,
            Anchor::End => i64::from(len * GRID),
        };
        let e = (base + i64::from(p.earliest_minutes)).max(0);
        let l = base + i64::from(p.latest_minutes);
        if l < e {
            return Ok(None);
        }
        let (e, l) = ((e as u32).div_ceil(GRID), l as u32 / GRID);
        if l < e {
            return Ok(None);
        }
        rules.push((
            BreakRule {
                kind: if def.kind == ActivityKind::Meal {
                    BreakKind::Meal
                } else {
                    BreakKind::Break
                },
                length: minutes / GRID,
                earliest_offset: e,
                latest_offset: l,
                paid: def.paid,
            },
            p.activity.clone(),
            def.kind.is_break(),
        ));
    }
    rules.sort_by_key(|r| (r.0.earliest_offset, r.0.latest_offset));
    let min = profile.min_break_interval_minutes.map(|m| m.div_ceil(GRID));
    let max = profile.max_break_interval_minutes.map(|m| m / GRID);
    let idx: Vec<usize> = (0..rules.len()).filter(|&i| rules[i].2).collect();
    for w in idx.windows(2) {
        let (i, j) = (w[0], w[1]);
        if let Some(min) = min {
            while rules[i].0.latest_offset + rules[i].0.length + min > rules[j].0.earliest_offset {
                let (a, b) = (&rules[i].0, &rules[j].0);
                if a.latest_offset > a.earliest_offset
                    && a.latest_offset - a.earliest_offset >= b.latest_offset - b.earliest_offset
                {
                    rules[i].0.latest_offset -= 1;
                } else if b.earliest_offset < b.latest_offset {
                    rules[j].0.earliest_offset += 1;
                } else {
                    return Ok(None);
                }
            }
        }
        if let Some(max) = max {
            while rules[j].0.latest_offset > rules[i].0.earliest_offset + rules[i].0.length + max {
                let (a, b) = (&rules[i].0, &rules[j].0);
                if b.latest_offset > b.earliest_offset
                    && b.latest_offset - b.earliest_offset >= a.latest_offset - a.earliest_offset
                {
                    rules[j].0.latest_offset -= 1;
                } else if a.earliest_offset < a.latest_offset {
                    rules[i].0.earliest_offset += 1;
                } else {
                    return Ok(None);
                }
            }
        }
    }
    let mut free = 0;
    for r in &rules {
        if r.0.earliest_offset < free || r.0.latest_offset + r.0.length > len {
            return Ok(None);
        }
        free = r.0.latest_offset + r.0.length;
    }
    Ok(Some(rules.into_iter().map(|r| (r.0, r.1)).unzip()))
}

#[cfg(test)]
#[path = "from_scenario_tests.rs"]
mod tests;
