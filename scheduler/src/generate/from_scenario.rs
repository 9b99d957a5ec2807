//! The bridge from the configuration model to the week generator: the staffing groups of
//! a [`Scenario`]'s forecast group over one week → one joint [`WeekProblem`] (a pool per
//! group, profile and time zone) → [`generate`] → a [`Schedule`].
//!
//! # Mapping
//! - Grid: always 15 minutes (the model's grid), whatever the scenario's interval; the
//!   demand is given per 15-minute UTC interval of the week, from `week_start` 00:00 UTC.
//! - Pools: the agents of each staffing group, split by their shift profile (their own,
//!   else the group's) and, for a profile on the local clock, time zone, in file order.
//!   A pool's schedule day `d` is the date `week_start + d` on the profile's clock: UTC, or the agents' local date for
//!   `clock = "local"`. The shared requirement is the forecast's minus
//!   [`WeekCarry::covered`]; the pools cover it together.
//! - Shift profile → [`ShiftTemplate`] with per-day start windows
//!   ([`ShiftTemplate::day_windows`]): day `d`'s window is the profile window on that date
//!   converted to UTC (local clock: the earlier instant of a repeated hour for the start,
//!   the later for the end, a skipped time moves to the first valid time after — the
//!   validator's reading), so it moves with DST and a shift across the change has its
//!   true length. Starts run from the window's start to `window end − longest length`
//!   (every start fits every length), every [`GenerateOptions::start_step_minutes`];
//!   lengths from the shortest to the longest any of the pool's agents may work (daily
//!   min/max hours where set, else the profile's shift length bounds), every
//!   [`GenerateOptions::length_step_minutes`]. No starts on profile Off days or days no
//!   agent of the pool is available.
//! - The week's edges: shifts of the last days may end after the week's last interval
//!   (Sunday evening in America/* ends Monday UTC); they stay whole and their coverage
//!   beyond the week is not counted here (the next week gets it as
//!   [`WeekCarry::covered`]). Starts before `week_start` 00:00 UTC (local profiles east
//!   of UTC on day 0) are cut from the window.
//! - Activity groups by length → [`BreakRule`]s: placement windows (start- or
//!   end-anchored) → offsets from the start, duration and paid flag from the activity,
//!   meals → [`BreakKind::Meal`]. The windows are then narrowed so that *any* placement
//!   honours the profile's min/max break interval (the generator knows no spacing rule).
//!   A length whose windows become empty or overlap is dropped.
//! - Minimum staff (UTC, on the request's days) → the pool's [`MinimumStaff`], or a
//!   [`GroupMinimum`] over the group's pools when the group is split.
//! - `same_start_time` → a single start per day (the window's first).
//! - Agents → [`Agent`]: weekly max hours, max work days per week, max consecutive work
//!   days (with [`WeekCarry::worked_days_before`]), availability Off on profile Off days,
//!   outside the request and outside employment; allowed lengths from the agent's daily
//!   hours; Work days → must work; and, for full weeks only (all 7 days in the request
//!   and employment, as the validator), weekly min hours, min work days and the profile's
//!   `days_off` (at least one of them off).
//! - Weekly minimum hours: the tour model carries them as pool totals; when the week
//!   still leaves an agent under their minimum, a staff floor over the window of that
//!   agent's pool is raised by one agent and the week generated again (at most
//!   [`MAX_FLOOR_ROUNDS`] times).
//!
//! # Limitations
//! - Weekly rules (min/max hours, work days, days off) are per the generated week: they
//!   match the validator's weeks when `week_start` is the request's start plus whole
//!   weeks (else a warning).
//! - Not modelled, so a schedule may break them (the validator reports it): minimum
//!   consecutive work days / days off and maximum consecutive days off; minimum staff
//!   whose window runs past the week's end (counted only inside the week).
//! - A staffing group split into pools with `same_start_time` gets one start per pool
//!   and day, not one for the whole group (a warning).
//! - Two stages: the agents take only the shifts the tour model staffed, and the tour
//!   model knows the agents' rules only as pool totals; a staffed shift no agent can take
//!   is left out (counted in [`GenerationReport::unassigned_shifts`], its intervals may
//!   turn short), an agent rule not met is a [`RuleConflict`].

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{
    Agent, Availability, BreakKind, BreakRule, DAYS, Gap, Grid, GroupMinimum, IntervalForecast,
    Limits, MinimumStaff, Objective, Pool, RuleConflict, ShiftLength, ShiftTemplate, SolveReport,
    StartWindow, TimeLimit, WeekProblem, generate, requirement,
};
use crate::error::{Result, SchedulerError};
use crate::model::{
    ActivityKind, Anchor, DayStatus, ProfileClock, ShiftProfile, StaffingGroup, hours_to_minutes,
};
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};

const GRID: u32 = 15;

/// The most times the weekly-minimum-hours staff floor is raised (each a new solve).
pub const MAX_FLOOR_ROUNDS: u32 = 3;

/// Options of [`schedule_week`] and [`schedule_week_all`].
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
    /// What the tour model minimises (default: fewest shifts, ties by paid hours).
    pub objective: Objective,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            limits: Limits {
                time_limit_seconds: TimeLimit::SIXTY_SECONDS,
                relative_gap: Gap::ONE_PERCENT,
            },
            max_occupancy: 1.0,
            start_step_minutes: 30,
            length_step_minutes: 30,
            objective: Objective::FewestShifts,
        }
    }
}

/// What the previous week leaves to this one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekCarry {
    /// Per agent: consecutive work days ending on the day before `week_start` (0 or absent: off that day).
    pub worked_days_before: BTreeMap<String, u8>,
    /// Per agent: consecutive days off (in the agent's horizon) ending on the day before
    /// `week_start` (0 or absent: worked that day, or not in the horizon).
    pub off_days_before: BTreeMap<String, u8>,
    /// Productive agents already on shift per 15-minute interval from `week_start` 00:00 UTC
    /// (shifts of the previous week running past its end); empty = none. Subtracted from the requirement.
    pub covered: Vec<u32>,
}

/// One pool of a run: which agents, on which profile and clock.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PoolReport {
    /// The pool's name: the staffing group, with profile and time zone when the group is
    /// split.
    pub name: String,
    /// The staffing group.
    pub group: String,
    /// The shift profile.
    pub profile: String,
    /// The agents' time zone (IANA name).
    pub time_zone: String,
    /// Agents of the pool.
    pub agents: usize,
    /// Shifts of the pool in the schedule.
    pub shifts: u32,
    /// The pool's assignment solve.
    pub assignment: Option<SolveReport>,
}

/// What a [`schedule_week`] or [`schedule_week_all`] run reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GenerationReport {
    /// The tour model's solve (objective, bound, gap, status, time), all pools jointly.
    pub tours: SolveReport,
    /// The assignment's solve, if agents were assigned (the pools' solves combined).
    pub assignment: Option<SolveReport>,
    /// Required productive agents per 15-minute week interval (forecast requirement less
    /// the carried-over coverage; with a single pool its minimum staff merged in; without
    /// the weekly-hours staff floor).
    pub required: Vec<u32>,
    /// Week intervals (15 minutes from `week_start` 00:00 UTC) with fewer productive
    /// agents than [`Self::required`].
    pub short_intervals: Vec<u32>,
    /// The highest staff floor raised over a pool's window to meet weekly minimum hours
    /// (0: none was needed).
    pub staff_floor: u32,
    /// Rules the assignment could not meet, with the agent.
    pub conflicts: Vec<RuleConflict>,
    /// Shifts of the tour model no agent could take (not in the schedule).
    pub unassigned_shifts: usize,
    /// Shift lengths (minutes) dropped because their activity windows cannot honour the
    /// break spacing.
    pub dropped_lengths: Vec<u32>,
    /// The pools solved jointly.
    pub pools: Vec<PoolReport>,
    /// Warnings in a planner's words, naming the group, agent and rule (minimum staff
    /// not met, rules applied per generated week, …).
    pub warnings: Vec<String>,
    /// Shifts the assignment added beyond the tour model's to meet agents' weekly
    /// minimums (in the schedule; not in [`Self::tours`]' objective).
    #[serde(default)]
    pub extra_shifts: u32,
    /// Their cost in the tour model's objective units: the schedule's objective is
    /// `tours.objective + extra_cost` (less what unassigned shifts would have cost).
    #[serde(default)]
    pub extra_cost: f64,
    /// The staffing groups whose minimum staff is not met in some interval of the week
    /// (a group without agents included), in file order.
    #[serde(default)]
    pub minimum_staff_missed: Vec<String>,
}

fn bad<T>(m: String) -> Result<T> {
    Err(SchedulerError::InvalidModel(m))
}

/// Generates one week for one staffing group of `scenario` alone (see the module docs
/// for the mapping and the limitations); [`schedule_week_all`] with only this group and
/// nothing carried over.
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
/// [`SchedulerError::InvalidModel`] for an unknown group, a demand of the wrong length or
/// no usable shift length; solver errors from [`generate`].
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
    run(
        scenario,
        &[group],
        week_start,
        demand,
        &WeekCarry::default(),
        options,
    )
}

/// Generates one week for all staffing groups of the request's forecast group jointly:
/// one tour model whose pools (group × profile × time zone) cover the shared
/// requirement, then an assignment per pool (see the module docs).
///
/// `demand` holds one [`IntervalForecast`] per 15-minute UTC interval from `week_start`
/// 00:00 UTC (672 entries); `carry` what the previous week leaves (consecutive work days
/// per agent, coverage running into this week). Dates outside the request or an agent's
/// employment are off for that agent, so a partial week is fine.
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use wfm_scheduler::generate::{GenerateOptions, IntervalForecast, WeekCarry,
///     schedule_week_all};
/// use wfm_scheduler::{Scenario, validate};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "schedule_example.toml")?;
/// // 3 contacts per 15 minutes 13:00–24:00 UTC every day, AHT 300 s: the day team and
/// // the evening team (Boston, local clock) share it.
/// let demand: Vec<IntervalForecast> = (0..672)
///     .map(|i| IntervalForecast {
///         volume: if (52..96).contains(&(i % 96)) && i / 96 < 6 { 3.0 } else { 0.0 },
///         aht_seconds: 300.0,
///     })
///     .collect();
/// let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let (schedule, report) = schedule_week_all(&sc, monday, &demand, &WeekCarry::default(),
///     &GenerateOptions::default())?;
/// // Day team (a UTC profile: one pool whatever the agents' zones), Evening team
/// assert_eq!(report.pools.len(), 2);
/// assert!(validate(&sc, &schedule).is_empty());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// [`SchedulerError::InvalidModel`] for a demand of the wrong length, a bad option or a
/// pool without a usable shift length; solver errors from [`generate`].
pub fn schedule_week_all(
    scenario: &Scenario,
    week_start: NaiveDate,
    demand: &[IntervalForecast],
    carry: &WeekCarry,
    options: &GenerateOptions,
) -> Result<(Schedule, GenerationReport)> {
    let groups: Vec<&StaffingGroup> = scenario.run_groups().collect();
    run(scenario, &groups, week_start, demand, carry, options)
}

/// A pool as built from the scenario, with what the output needs.
struct PoolMap<'a> {
    group: &'a StaffingGroup,
    profile: &'a ShiftProfile,
    tz: Tz,
    agents: Vec<&'a str>,
    /// Per template length, the activity names of its breaks.
    names: Vec<Vec<String>>,
    /// Per schedule day, its date (on the profile's clock).
    dates: Vec<NaiveDate>,
}

/// The UTC instant of a local time: the earlier of two on a repeated hour when `early`,
/// else the later; a time skipped by a DST change moves to the first valid time after.
fn local_instant(tz: Tz, mut t: NaiveDateTime, early: bool) -> DateTime<Utc> {
    for _ in 0..(24 * 4) {
        match tz.from_local_datetime(&t) {
            chrono::LocalResult::Single(x) => return x.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(a, b) => {
                return if early { a } else { b }.with_timezone(&Utc);
            }
            chrono::LocalResult::None => t += Duration::minutes(i64::from(GRID)),
        }
    }
    Utc.from_utc_datetime(&t)
}

/// The profile window of `date` as week intervals `[lo, hi)` (may be negative or past the
/// week), on the profile's clock.
fn window_of(
    profile: &ShiftProfile,
    tz: Tz,
    date: NaiveDate,
    midnight: DateTime<Utc>,
) -> (i64, i64) {
    let (lo, hi) = profile.window().span();
    let day = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = |m: u32| day + Duration::minutes(i64::from(m));
    let (a, b) = match profile.clock {
        ProfileClock::Utc => (
            Utc.from_utc_datetime(&at(lo)),
            Utc.from_utc_datetime(&at(hi)),
        ),
        ProfileClock::Local => (
            local_instant(tz, at(lo), true),
            local_instant(tz, at(hi), false),
        ),
    };
    let g = i64::from(GRID);
    let lo = (a - midnight).num_minutes();
    let hi = (b - midnight).num_minutes();
    (
        lo.div_euclid(g) + i64::from(lo.rem_euclid(g) != 0),
        hi.div_euclid(g),
    )
}

fn run(
    scenario: &Scenario,
    groups: &[&StaffingGroup],
    week_start: NaiveDate,
    demand: &[IntervalForecast],
    carry: &WeekCarry,
    options: &GenerateOptions,
) -> Result<(Schedule, GenerationReport)> {
    let grid = Grid::new(GRID)?;
    let week = grid.week();
    if demand.len() != week as usize {
        return bad(format!(
            "the demand has {} intervals, a week of 15-minute intervals has {week}",
            demand.len()
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
    let req = scenario.request();
    let mut warnings = Vec::new();
    let mut minimum_staff_missed: Vec<String> = Vec::new();
    let aligned = (week_start - req.start).num_days().rem_euclid(7) == 0;
    if !aligned {
        warnings.push(format!(
            "the week starting {week_start} is not a week of the request (weeks start on \
             {}): weekly rules apply to the generated week",
            req.start
        ));
    }
    let midnight = Utc.from_utc_datetime(&week_start.and_hms_opt(0, 0, 0).unwrap_or_default());
    let dates: Vec<NaiveDate> = (0..DAYS as i64)
        .map(|d| week_start + Duration::days(d))
        .collect();

    // Pools: per group, agents split by (profile, time zone), in file order.
    let mut maps: Vec<PoolMap> = Vec::new();
    for g in groups {
        let first = maps.len();
        for a in &g.agents {
            let Some(profile) = scenario.profile_of(a) else {
                return bad(format!("agent {a}: profile is unknown"));
            };
            // The time zone matters only on the local clock.
            let tz = match profile.clock {
                ProfileClock::Local => scenario.time_zone(a),
                ProfileClock::Utc => Tz::UTC,
            };
            match maps[first..]
                .iter_mut()
                .find(|m| m.profile.name == profile.name && m.tz == tz)
            {
                Some(m) => m.agents.push(a),
                None => maps.push(PoolMap {
                    group: g,
                    profile,
                    tz,
                    agents: vec![a],
                    names: Vec::new(),
                    dates: dates.clone(),
                }),
            }
        }
        if g.agents.is_empty() && !g.minimum_staff.is_empty() {
            minimum_staff_missed.push(g.name.clone());
            warnings.push(format!(
                "staffing group '{}' has no agents: its minimum staff cannot be met",
                g.name
            ));
        }
    }
    let mut pools_of_group: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &maps {
        *pools_of_group.entry(m.group.name.as_str()).or_default() += 1;
    }

    let goal: wfm_erlang::Goal = req.goal.into();
    let occupancy = wfm_erlang::MaxOccupancy::new(options.max_occupancy)
        .map_err(|e| SchedulerError::InvalidModel(format!("max occupancy: {e}")))?;
    let mut required = requirement(&grid, demand, goal, occupancy)?;
    for (r, &c) in required.iter_mut().zip(&carry.covered) {
        *r = r.saturating_sub(c);
    }

    let mut pools: Vec<Pool> = Vec::new();
    let mut dropped = Vec::new();
    let works = |a: &str, date: &NaiveDate| {
        let (s, e) = scenario.employment_of(a);
        *date >= req.start
            && *date <= req.end
            && s.is_none_or(|s| *date >= s)
            && e.is_none_or(|e| *date <= e)
    };
    for m in &mut maps {
        let profile = m.profile;
        let group = m.group;
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
        let windows: Vec<(i64, i64)> = dates
            .iter()
            .map(|d| window_of(profile, m.tz, *d, midnight))
            .collect();
        let widest = windows.iter().map(|(a, b)| b - a).max().unwrap_or(0).max(0) as u32;
        let all: Vec<(u32, u32)> = m.agents.iter().map(|a| bounds(a)).collect();
        let lo = all.iter().map(|b| b.0).min().unwrap_or(0);
        let hi = all.iter().map(|b| b.1).max().unwrap_or(0);
        let mut lengths = Vec::new();
        let mut len = lo.max(1);
        while len <= hi && len <= widest {
            match breaks_of(scenario, profile, len)? {
                Some((rules, n)) => {
                    lengths.push(ShiftLength {
                        length: len,
                        breaks: rules,
                    });
                    m.names.push(n);
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
        let mut agents = Vec::new();
        for (a, &(alo, ahi)) in m.agents.iter().zip(&all) {
            let h = scenario.hours_of(a);
            let full = aligned && dates.iter().all(|d| works(a, d));
            let mut agent = Agent::new(*a);
            agent.min_week_minutes = h.weekly_min_hours.filter(|_| full).map(hours_to_minutes);
            agent.max_week_minutes = h.weekly_max_hours.map(hours_to_minutes);
            let wd = profile.work_days_per_week.unwrap_or_default();
            agent.max_work_days = wd.max.map(|m| m.min(7) as u8);
            agent.min_work_days = wd.min.filter(|_| full).map(|m| m.min(7) as u8);
            agent.max_consecutive_days = scenario.consecutive_of(a).0.max.map(|m| m.min(7) as u8);
            agent.worked_days_before = carry
                .worked_days_before
                .get(*a)
                .copied()
                .unwrap_or(0)
                .min(7);
            agent.max_consecutive_off = scenario.consecutive_of(a).1.max.map(|m| m.min(7) as u8);
            agent.off_days_before = carry.off_days_before.get(*a).copied().unwrap_or(0).min(7);
            for (d, date) in dates.iter().enumerate() {
                let status = profile.days.status(date.weekday());
                agent.counted[d] = works(a, date);
                if status == DayStatus::Off || !works(a, date) {
                    agent.availability[d] = Availability::Off;
                } else if status == DayStatus::Work {
                    agent.must_work[d] = true;
                }
                if full && profile.days_off.contains(&date.weekday()) {
                    agent.days_off_any |= 1 << d;
                }
            }
            agent.allowed_lengths = Some(
                lengths
                    .iter()
                    .map(|l| l.length)
                    .filter(|l| (alo..=ahi).contains(l))
                    .collect(),
            );
            agents.push(agent);
        }
        let mut days = [None; DAYS];
        for d in 0..DAYS {
            if !agents.iter().any(|a| a.available(d)) {
                continue;
            }
            let (lo, hi) = windows[d];
            let lo = lo.max(0);
            let mut last = hi - i64::from(longest);
            if let Some(&(next, _)) = windows.get(d + 1) {
                last = last.min(next - i64::from(longest));
            }
            if group.same_start_time {
                last = last.min(lo);
            }
            if last >= lo {
                days[d] = Some(StartWindow {
                    first: lo as u32,
                    last: last as u32,
                });
            }
        }
        let template = ShiftTemplate {
            earliest_start: 0,
            latest_start: 0,
            start_step,
            lengths,
            day_windows: Some(days),
        };
        let name = if pools_of_group
            .get(group.name.as_str())
            .is_some_and(|&n| n > 1)
        {
            format!("{} / {} / {}", group.name, profile.name, m.tz.name())
        } else {
            group.name.clone()
        };
        let mut pool = Pool::new(name, template);
        pool.max_shifts_per_day = Some(agents.len() as u32);
        pool.agents = agents;
        pools.push(pool);
    }

    // Minimum staff on the request's days (UTC), per group: the pool's, or over the
    // group's pools.
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

    let mut problem = WeekProblem::joint(grid, required, pools);
    problem.group_minimum = group_minimum;
    problem.objective = options.objective;
    let base_minimum: Vec<Vec<MinimumStaff>> = problem
        .pools
        .iter()
        .map(|p| p.minimum_staff.clone())
        .collect();
    let required = problem.effective_requirement();
    let mut week_schedule = generate(&problem, &options.limits)?;
    // The tour model carries weekly minimum hours only as pool totals: raise a staff floor
    // over the window of each pool whose agents are still short, and solve again.
    let mut floors = vec![0u32; problem.pools.len()];
    for _ in 0..MAX_FLOOR_ROUNDS {
        let short = pools_short_of_minimum(&problem, &week_schedule);
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
            if floors[p] == 0 {
                continue;
            }
            for d in 0..DAYS {
                if let Some(w) = pool.template.day_window(&grid, d) {
                    let (from, to) = (
                        w.first.min(week),
                        (w.last + pool.template.longest()).min(week),
                    );
                    if from < to {
                        pool.minimum_staff.push(MinimumStaff {
                            from,
                            to,
                            agents: floors[p],
                        });
                    }
                }
            }
        }
        week_schedule = generate(&problem, &options.limits)?;
    }
    let week = week_schedule;

    // the generator's shift and break starts are week intervals
    let at = |i: u32| midnight + Duration::minutes(i64::from(i * GRID));
    let agents = week
        .agents
        .iter()
        .map(|a| {
            let m = &maps[a.pool];
            let lengths = &problem.pools[a.pool].template.lengths;
            AgentSchedule {
                agent: a.agent.clone(),
                shifts: a
                    .shifts
                    .iter()
                    .map(|s| {
                        let k = lengths
                            .iter()
                            .position(|l| l.length == s.end - s.start)
                            .unwrap_or(0);
                        Shift {
                            date: m.dates[s.day as usize],
                            start: at(s.start),
                            end: at(s.end),
                            activities: s
                                .breaks
                                .iter()
                                .zip(&m.names[k])
                                .map(|(b, name)| PlacedActivity {
                                    activity: name.clone(),
                                    start: at(b.start),
                                    end: at(b.start + b.length),
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    for (pools_of, short) in &week.minimum_short {
        if short.is_empty() {
            continue;
        }
        let group = &maps[pools_of[0]].group.name;
        if !minimum_staff_missed.contains(group) {
            minimum_staff_missed.push(group.clone());
        }
        warnings.push(format!(
            "staffing group '{group}': minimum staff not met in {} of the week's 15-minute \
             intervals (first at interval {})",
            short.len(),
            short[0]
        ));
    }
    let pool_reports = maps
        .iter()
        .zip(&week.pools)
        .map(|(m, o)| PoolReport {
            name: o.name.clone(),
            group: m.group.name.clone(),
            profile: m.profile.name.clone(),
            time_zone: m.tz.name().to_owned(),
            agents: m.agents.len(),
            shifts: o.shift_count,
            assignment: o.assignment,
        })
        .collect();
    dropped.sort_unstable();
    dropped.dedup();
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
        staff_floor: floors.iter().copied().max().unwrap_or(0),
        conflicts: week.conflicts.clone(),
        unassigned_shifts: week.unassigned.len(),
        dropped_lengths: dropped,
        pools: pool_reports,
        warnings,
        extra_shifts: week.extra.0,
        extra_cost: week.extra.1,
        minimum_staff_missed,
    };
    Ok((Schedule { agents }, report))
}

/// Per pool, whether some agent works less than their weekly minimum.
fn pools_short_of_minimum(problem: &WeekProblem, week: &super::WeekSchedule) -> Vec<bool> {
    let mut short = vec![false; problem.pools.len()];
    let by_id: BTreeMap<&str, &super::AgentSchedule> =
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

/// The break rules of a `len`-interval shift with their activity names, windows narrowed
/// to honour the break spacing; `None` if that is impossible.
fn breaks_of(
    scenario: &Scenario,
    profile: &ShiftProfile,
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

#[cfg(test)]
#[path = "joint_tests.rs"]
mod joint_tests;
