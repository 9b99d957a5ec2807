//! The bridge from the configuration model to the week generator: the staffing groups of
//! a [`Scenario`]'s forecast group over one week → one joint [`WeekProblem`] (a pool per
//! group, profile and time zone) → [`generate`](super::generate) → a [`Schedule`].
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
//!   (every start fits every length), every `start_step_minutes` of the profile where
//!   set, else [`GenerateOptions::start_step_minutes`] (default: the scenario's
//!   interval, 15 minutes on a 15-minute scenario);
//!   lengths from the shortest to the longest any of the pool's agents may work (daily
//!   min/max hours where set, else the profile's shift length bounds), every
//!   the profile's `start_step_minutes`, else [`GenerateOptions::length_step_minutes`]
//!   (default: the scenario's interval). No
//!   starts on profile Off days or days no
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
//! - Agents → [`Agent`]: weekly max hours, max work days per week, min/max consecutive
//!   work days (with [`WeekCarry::worked_days_before`]) and days off (with
//!   [`WeekCarry::off_days_before`]), availability Off on profile Off days,
//!   outside the request and outside employment; allowed lengths from the agent's daily
//!   hours; Work days → must work; and, for full weeks only (all 7 days in the request
//!   and employment, as the validator), weekly min hours, min work days and the profile's
//!   `days_off` (at least one of them off).
//! - Weekly minimum hours: the tour model carries them as pool totals; when the week
//!   still leaves an agent under their minimum, a staff floor over the window of that
//!   agent's pool is raised by one agent and the week generated again (at most
//!   [`MAX_FLOOR_ROUNDS`] times).
//!
//! # Every rule the validator checks, and where the generator keeps it
//! - Shift window, length, daily min/max hours, Off days, employment, request dates,
//!   one shift a day, no overlap, the 15-minute grid: the template's starts and lengths
//!   and the agents' availability and allowed lengths (`template.rs`, `agents.rs`).
//! - Activities (present, in their windows, durations, break spacing): the break rules
//!   (`breaks.rs`; windows narrowed so every placement keeps the spacing).
//! - Weekly min/max hours, work days per week, days off, Work days, max consecutive
//!   work days and days off: the assignment's rows (`assign/rows.rs`), the tour model's
//!   pool totals (`tour/aggregates.rs`).
//! - Min consecutive work days and days off: `assign/consecutive.rs`.
//! - Same start time: one start per day (`template.rs`); minimum staff: the tour
//!   model's rows (`minimum.rs`).
//! - Before solving, [`infeasible_rules`] reports a rule no week can keep (a minimum
//!   above a maximum, hours the days cannot reach, Work or Off days against the
//!   consecutive-day limits, …) as a conflict naming the agent, rule and profile.
//! - After the assignment, `polish.rs` moves shifts and breaks, adds or drops shifts
//!   swaps days between two agents of a pool, and drops a needed shift once another
//!   agent's move covers it (`polish/relieve.rs`) where that lowers the short
//!   intervals, then the paid hours, keeping every
//!   rule above (its own measure of them, `polish/rules.rs`), within
//!   `POLISH_SHARE` (a quarter) of the time limit; [`GenerationReport::polish`].
//!
//! # Limitations
//! - Weekly rules (min/max hours, work days, days off) are per the generated week: they
//!   match the validator's weeks when `week_start` is the request's start plus whole
//!   weeks (else a warning).
//! - Not modelled, so a schedule may break it (the validator reports it): minimum staff
//!   whose window runs past the week's end (counted only inside the week). Consecutive
//!   runs are modelled per week with what the previous week carries; a run of the last
//!   days is completed by the next week, so a run the next week cannot continue (an
//!   agent unavailable on its first days) is a reported conflict there.
//! - A staffing group split into pools with `same_start_time` gets one start per pool
//!   and day, not one for the whole group (a warning).
//! - Two stages: the agents take only the shifts the tour model staffed, and the tour
//!   model knows the agents' rules only as pool totals; a staffed shift no agent can take
//!   is left out (counted in [`GenerationReport::unassigned_shifts`]); the assignment
//!   then leaves open the shifts the requirement and the minimum staff need least
//!   (`assign/coverage.rs`, `assign/minimum.rs`), and every interval that still turns
//!   short is explained in [`GenerationReport::lost`] (which rule keeps which agents
//!   off it); an agent rule not met is a [`RuleConflict`].

use std::collections::BTreeMap;

use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::{
    DAYS, Gap, Grid, IntervalForecast, Limits, Objective, PolishLog, Pool, RuleConflict,
    SolveReport, TimeLimit, WeekProblem, polish, requirement,
};
use crate::error::{Result, SchedulerError};
use crate::model::StaffingGroup;
use crate::scenario::Scenario;
use crate::schedule::Schedule;

mod agents;
mod breaks;
mod minimum;
mod output;
mod pools;
mod rules;
mod template;

pub use rules::infeasible_rules;

const GRID: u32 = 15;

/// The share of the time limit the polish after the assignment may take.
const POLISH_SHARE: f64 = 0.25;

/// The most times the weekly-minimum-hours staff floor is raised (each a new solve).
pub const MAX_FLOOR_ROUNDS: u32 = 3;

/// Options of [`schedule_week`] and [`schedule_week_all`], built complete: the caller's
/// [`Limits`] with [`GenerateOptions::new`], then what differs from the defaults with the
/// `with_…` methods.
///
/// # Examples
/// ```
/// use wfm_erlang::MaxOccupancy;
/// use wfm_scheduler::generate::{GenerateOptions, Limits, Objective};
/// let options = GenerateOptions::new(Limits::new(30.0, 0.02)?)
///     .with_objective(Objective::PaidHours)
///     .with_max_occupancy(MaxOccupancy::new(0.85).expect("a share"))
///     .with_start_step_minutes(30);
/// assert_eq!(options.limits.time_limit_seconds.seconds(), 30.0);
/// assert_eq!(options.max_occupancy, 0.85);
/// assert_eq!(options.start_step_minutes, Some(30));
/// // lengths on the scenario's own grid (its interval, 15 or 30 minutes)
/// assert_eq!(options.length_step_minutes, None);
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateOptions {
    /// Time limit and relative gap of each solver call.
    pub limits: Limits,
    /// Most occupancy allowed in the staffing requirement (0–1].
    pub max_occupancy: f64,
    /// Shift start granularity in minutes (a multiple of 15); `None`: the scenario's
    /// interval (its own grid).
    pub start_step_minutes: Option<u32>,
    /// Shift length granularity in minutes (a multiple of 15); `None`: the scenario's
    /// interval.
    pub length_step_minutes: Option<u32>,
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
            start_step_minutes: None,
            length_step_minutes: None,
            objective: Objective::FewestShifts,
        }
    }
}

impl GenerateOptions {
    /// The default options ([`Default`]: start and length steps of the scenario's
    /// interval, no occupancy cap, fewest shifts) with `limits`.
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// These options with the time limit `limit` (the gap kept).
    pub fn with_time_limit(self, limit: TimeLimit) -> Self {
        Self {
            limits: Limits {
                time_limit_seconds: limit,
                ..self.limits
            },
            ..self
        }
    }

    /// These options with `objective`.
    pub fn with_objective(self, objective: Objective) -> Self {
        Self { objective, ..self }
    }

    /// These options with the requirement's occupancy cap.
    pub fn with_max_occupancy(self, cap: wfm_erlang::MaxOccupancy) -> Self {
        Self {
            max_occupancy: cap.get(),
            ..self
        }
    }

    /// These options with shift starts every `minutes` (a multiple of 15, checked by the
    /// run).
    pub fn with_start_step_minutes(self, minutes: u32) -> Self {
        Self {
            start_step_minutes: Some(minutes),
            ..self
        }
    }

    /// These options with shift lengths every `minutes` (a multiple of 15, checked by
    /// the run).
    pub fn with_length_step_minutes(self, minutes: u32) -> Self {
        Self {
            length_step_minutes: Some(minutes),
            ..self
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
    /// The polish after the assignment (`polish.rs`): short intervals and paid minutes
    /// before and after, and its moves.
    #[serde(default)]
    pub polish: PolishLog,
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
    /// The returned week's objective: its shifts' cost and its shortage at the penalty
    /// (see [`super::WeekSchedule::objective`]); 0 in reports written before it existed.
    #[serde(default)]
    pub objective: f64,
    /// A proven lower bound on it for rule-abiding schedules of the week's agents (see
    /// [`super::WeekSchedule::lower_bound`]).
    #[serde(default)]
    pub lower_bound: f64,
    /// Agent-intervals short of [`Self::required`] in the returned week.
    #[serde(default)]
    pub short_agent_intervals: u32,
    /// Week intervals the first tour model already left short (the requirement's, not
    /// the assignment's).
    #[serde(default)]
    pub tour_short_intervals: Vec<u32>,
    /// Tour model solves (1 + repair rounds); 0 in reports written before it existed.
    #[serde(default)]
    pub tour_rounds: u32,
    /// The short intervals the first tour model covered, each with which rule keeps
    /// which agents of each pool from it (see `LostInterval`).
    #[serde(default)]
    pub lost: Vec<super::LostInterval>,
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
/// no usable shift length; solver errors from [`generate`](super::generate).
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
/// pool without a usable shift length; solver errors from [`generate`](super::generate).
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

/// What every pool of a run is built from.
struct WeekFrame<'a> {
    scenario: &'a Scenario,
    carry: &'a WeekCarry,
    /// The week's dates, `week_start` first.
    dates: Vec<NaiveDate>,
    /// `week_start` 00:00 UTC: week interval 0.
    midnight: DateTime<Utc>,
    /// Whether the week is a week of the request (weekly rules then match the
    /// validator's).
    aligned: bool,
    /// Shift start step in intervals.
    start_step: u32,
    /// Shift length step in intervals.
    length_step: u32,
}

impl WeekFrame<'_> {
    /// The start and length steps (intervals) of `profile`'s pools: the profile's
    /// `start_step_minutes` for both where set, else the run's.
    fn step_of(&self, profile: &crate::model::ShiftProfile) -> (u32, u32) {
        match profile.start_step_minutes {
            Some(m) => {
                let s = (m / GRID).max(1);
                (s, s)
            }
            None => (self.start_step, self.length_step),
        }
    }
}

/// What a run tells the planner besides the schedule, in the order found.
#[derive(Default)]
struct Notes {
    warnings: Vec<String>,
    minimum_staff_missed: Vec<String>,
}

/// A start or length step of `m` minutes in intervals.
///
/// # Errors
/// [`SchedulerError::InvalidModel`] unless `m` is a positive multiple of 15.
fn step(m: u32, what: &str) -> Result<u32> {
    if m == 0 || !m.is_multiple_of(GRID) {
        bad(format!(
            "the {what} step of {m} minutes is not a multiple of 15"
        ))
    } else {
        Ok(m / GRID)
    }
}

/// Required productive agents per week interval: the queueing requirement of `demand`
/// under the request's goal and the occupancy cap, less what `carry` already covers.
///
/// # Errors
/// [`SchedulerError::InvalidModel`] for a bad occupancy cap; as [`requirement`].
fn week_requirement(
    scenario: &Scenario,
    grid: &Grid,
    demand: &[IntervalForecast],
    carry: &WeekCarry,
    options: &GenerateOptions,
) -> Result<Vec<u32>> {
    let goal: wfm_erlang::Goal = scenario.request().goal.into();
    let occupancy = wfm_erlang::MaxOccupancy::new(options.max_occupancy)
        .map_err(|e| SchedulerError::InvalidModel(format!("max occupancy: {e}")))?;
    let mut required = requirement(grid, demand, goal, occupancy)?;
    for (r, &c) in required.iter_mut().zip(&carry.covered) {
        *r = r.saturating_sub(c);
    }
    Ok(required)
}

/// One week of `groups` jointly (the steps of the module docs' mapping): pools, the
/// requirement, templates and agents, minimum staff, the solve with its weekly-minimum
/// floors, then the schedule and the report.
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
    let own = scenario.config().interval.minutes();
    let start_step = step(options.start_step_minutes.unwrap_or(own), "start")?;
    let length_step = step(options.length_step_minutes.unwrap_or(own), "length")?;
    let req = scenario.request();
    let mut notes = Notes::default();
    let rule_conflicts: Vec<RuleConflict> = infeasible_rules(scenario)
        .into_iter()
        .filter(|c| groups.iter().any(|g| g.agents.contains(&c.agent)))
        .collect();
    let aligned = (week_start - req.start).num_days().rem_euclid(7) == 0;
    if !aligned {
        notes.warnings.push(format!(
            "the week starting {week_start} is not a week of the request (weeks start on \
             {}): weekly rules apply to the generated week",
            req.start
        ));
    }
    let frame = WeekFrame {
        scenario,
        carry,
        dates: (0..DAYS as i64)
            .map(|d| week_start + Duration::days(d))
            .collect(),
        midnight: Utc.from_utc_datetime(&week_start.and_hms_opt(0, 0, 0).unwrap_or_default()),
        aligned,
        start_step,
        length_step,
    };

    let mut maps = pools::split(scenario, groups, &frame.dates, &mut notes)?;
    let pools_of_group = pools::pools_per_group(&maps);
    let required = week_requirement(scenario, &grid, demand, carry, options)?;
    let mut pools: Vec<Pool> = Vec::new();
    let mut dropped = Vec::new();
    for m in &mut maps {
        pools.push(pools::build_pool(&frame, m, &pools_of_group, &mut dropped)?);
    }
    let group_minimum = minimum::minimum_staff(
        groups,
        &maps,
        &mut pools,
        (&frame.dates, req, &grid),
        &mut notes.warnings,
    );

    let mut problem = WeekProblem::joint(grid, required, pools);
    problem.group_minimum = group_minimum;
    problem.objective = options.objective;
    let required = problem.effective_requirement();
    let (mut week, floors) = minimum::generate_with_floors(&mut problem, &options.limits)?;
    let budget = options.limits.time_limit_seconds.seconds() * POLISH_SHARE;
    let polished = polish(
        &problem,
        &mut week,
        Instant::now() + std::time::Duration::from_secs_f64(budget),
    );
    // The polish changed the shifts: the objective reported is the returned week's.
    week.remeasure(
        polished.short_agent_intervals_after,
        polished.minimum_short_after,
    );

    let mut lost = super::lost::lost_intervals(&problem, &week);
    for l in &mut lost {
        l.start = (frame.midnight + Duration::minutes(i64::from(l.interval) * i64::from(GRID)))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    }
    let schedule = output::schedule_of(&week, &problem, &maps, frame.midnight);
    output::note_minimum_short(&week, &maps, &mut notes);
    let pool_reports = output::pool_reports(&week, &maps);
    dropped.sort_unstable();
    dropped.dedup();
    let short_agent_intervals = week
        .coverage
        .iter()
        .map(|c| required[c.interval as usize].saturating_sub(c.scheduled))
        .sum();
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
        conflicts: rule_conflicts
            .into_iter()
            .chain(week.conflicts.clone())
            .collect(),
        unassigned_shifts: week.unassigned.len(),
        dropped_lengths: dropped,
        polish: polished,
        pools: pool_reports,
        warnings: notes.warnings,
        extra_shifts: week.extra.0,
        extra_cost: week.extra.1,
        minimum_staff_missed: notes.minimum_staff_missed,
        objective: week.objective,
        lower_bound: week.lower_bound,
        short_agent_intervals,
        tour_short_intervals: week.tour_short_intervals.clone(),
        tour_rounds: week.tour_rounds,
        lost,
    };
    Ok((schedule, report))
}

#[cfg(test)]
#[path = "from_scenario_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "joint_tests.rs"]
mod joint_tests;
