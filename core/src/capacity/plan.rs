//! Plan generation: the FTE a forecast group needs, day by day from the
//! queueing math on the intraday pattern, then week by week and month by month against
//! the FTE available.
//!
//! How daily volume becomes FTE, exactly:
//! 1. the long-term forecast's day volume of each channel, net of the outsourced share, is
//!    spread over the day's intervals by the short-term forecast's pattern for that
//!    weekday ([`IntradayShape`]); the interval's AHT is the day's AHT times the
//!    pattern's AHT factor;
//! 2. each interval with contacts gets the fewest productive agents that meet the
//!    channel's goal under the scenario's maximum occupancy (wfm-erlang, Erlang C, with the
//!    channel's concurrency) — whole agents, since that is what an interval needs; the
//!    channels' agents add up (one agent pool per forecast group);
//! 3. a day's agent-hours are the agents × the interval's hours, summed; a period's
//!    required FTE is its agent-hours over the FTE hours of the period (`hours per week ×
//!    days / 7`), and with shrinkage each day's agent-hours are divided by
//!    `1 − in-office − out-of-office` first;
//! 4. expected occupancy is the hours agents spend handling contacts over the agent-hours.
//!
//! Supply: available FTE where the FTE file gives it; on a later day without a row the
//! last value carries forward, times `1 − daily attrition` for each working day (Monday to
//! Friday). Shrinkage carries forward unchanged. The gap is available − required (with
//! shrinkage when known); a shortfall asks for overtime up to the scenario's maximum
//! (`OT % = shortfall / available`), the rest stays unmet; a surplus offers voluntary
//! time off up to its maximum (`VTO % = surplus / available`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wfm_erlang::{StaffingRequest, Workload};

use super::demand::{DailyDemand, IntradayShape};
use super::fte::FteDay;
use super::scenario::Scenario;
use crate::progress::Progress;
use crate::{Channel, CoreError};
use std::sync::atomic::{AtomicU64, Ordering};

/// The longest plan, in days (18 months and a little).
pub const MAX_PLAN_DAYS: i64 = 560;

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDay {
    /// The day (UTC).
    pub date: NaiveDate,
    /// Forecast volume, every channel (before outsourcing).
    pub volume: f64,
    /// Forecast handle seconds, every channel (volume × AHT).
    pub handle_seconds: f64,
    /// Productive agent-hours the goals need.
    pub agent_hours: f64,
    /// Of those, hours spent handling contacts.
    pub busy_hours: f64,
    /// The busiest interval's agents.
    pub peak_agents: u64,
    /// Shrinkage (in- plus out-of-office) of the day, if known.
    pub shrinkage: Option<f64>,
    /// Available FTE of the day, if known (given or carried forward).
    pub available_fte: Option<f64>,
}

/// A week or a month of the plan: the output rows of a capacity plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPeriod {
    /// The first day.
    pub start: NaiveDate,
    /// The last day (inclusive).
    pub end: NaiveDate,
    /// Days of the plan in the period.
    pub days: u32,
    /// Forecast volume, VOICE + CHAT (+ TASK) of the group.
    pub volume: f64,
    /// Volume-weighted AHT, seconds.
    pub aht_seconds: f64,
    /// Required FTE without shrinkage (the override where one was given).
    pub required_fte: f64,
    /// The computed required FTE of an overridden period (`None` when not overridden).
    pub required_fte_original: Option<f64>,
    /// Hours handling contacts over agent-hours (0 to 1).
    pub expected_occupancy: f64,
    /// The busiest interval's productive agents.
    pub peak_agents: u64,
    /// Required FTE with shrinkage (when the FTE file gives shrinkage).
    pub required_fte_with_shrinkage: Option<f64>,
    /// Mean available FTE over the period's days (when known).
    pub available_fte: Option<f64>,
    /// Available − required (with shrinkage when known): negative is a shortfall.
    pub gap: Option<f64>,
    /// Gap over required.
    pub gap_pct: Option<f64>,
    /// Overtime asked for: shortfall / available, capped at the scenario's maximum.
    pub required_ot_pct: Option<f64>,
    /// Voluntary time off offered: surplus / available, capped at the scenario's maximum.
    pub required_vto_pct: Option<f64>,
    /// Whether the overtime cap bound.
    pub ot_capped: bool,
    /// Whether the VTO cap bound.
    pub vto_capped: bool,
    /// The shortfall overtime cannot cover, FTE (0 when none).
    pub unmet_fte: Option<f64>,
}

/// Weeks (Monday to Sunday) or calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Granularity {
    /// Monday-to-Sunday weeks.
    Week,
    /// Calendar months.
    Month,
}

/// A computed plan: its days and its weekly and monthly views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Every day of `[start, end]`.
    pub days: Vec<PlanDay>,
    /// Week by week.
    pub weekly: Vec<PlanPeriod>,
    /// Month by month.
    pub monthly: Vec<PlanPeriod>,
    /// Whom to hire in which week, when the scenario has a hiring policy (see
    /// [`plan_hiring`](super::plan_hiring)); recompute it with [`Plan::rehire`] after
    /// overriding weeks.
    #[serde(default)]
    pub hiring: Option<super::hiring::HiringPlan>,
}

impl Plan {
    /// Recomputes the hiring plan from the weekly rows (after an override), or clears it
    /// when the scenario has no hiring policy.
    ///
    /// # Errors
    /// [`CoreError::InvalidPlan`] if the solver fails.
    pub fn rehire(&mut self, scenario: &Scenario) -> Result<(), CoreError> {
        self.hiring = scenario
            .hiring
            .as_ref()
            .map(|policy| super::hiring::plan_hiring(&self.weekly, scenario, policy))
            .transpose()?;
        Ok(())
    }
}

fn plan_error(reason: impl Into<String>) -> CoreError {
    CoreError::InvalidPlan {
        reason: reason.into(),
    }
}

/// One day's requirement (everything but supply).
fn day_requirement(
    scenario: &Scenario,
    demand: &DailyDemand,
    shape: &IntradayShape,
    channels: &[Channel],
    date: NaiveDate,
) -> Result<PlanDay, CoreError> {
    let interval_seconds = f64::from(shape.interval().seconds());
    let hours = interval_seconds / 3600.0;
    let mut day = PlanDay {
        date,
        volume: 0.0,
        handle_seconds: 0.0,
        agent_hours: 0.0,
        busy_hours: 0.0,
        peak_agents: 0,
        shrinkage: None,
        available_fte: None,
    };
    let mut per_slot = vec![0u64; shape.interval().per_day() as usize];
    for &channel in channels {
        let Some((volume, aht)) = demand.get(channel, date) else {
            continue;
        };
        day.volume += volume;
        day.handle_seconds += volume * aht;
        let net = volume * (1.0 - scenario.outsourced_share);
        if net <= 0.0 || aht <= 0.0 {
            continue;
        }
        let goal = scenario.goals.get(&channel).ok_or_else(|| {
            plan_error(format!(
                "the forecast has {channel} volume but the scenario has no goal for it: add \
                 [goal.{channel}]"
            ))
        })?;
        for (slot, (v, a)) in shape
            .spread(channel, date, net, aht)?
            .into_iter()
            .enumerate()
        {
            if v <= 0.0 || a <= 0.0 {
                continue;
            }
            let workload = Workload::new(v, a, interval_seconds)
                .map_err(|e| plan_error(format!("{channel} on {date}, interval {slot}: {e}")))?;
            let staffing = StaffingRequest::new(workload, goal.goal)
                .max_occupancy(scenario.max_occupancy)
                .concurrency(goal.concurrency)
                .solve()
                .map_err(|e| plan_error(format!("{channel} on {date}, interval {slot}: {e}")))?;
            per_slot[slot] += staffing.agents;
            day.agent_hours += staffing.agents as f64 * hours;
            day.busy_hours += staffing.metrics.occupancy * staffing.agents as f64 * hours;
        }
    }
    day.peak_agents = per_slot.into_iter().max().unwrap_or(0);
    Ok(day)
}

/// Fills each day's shrinkage and available FTE from the FTE file's days (sorted).
fn apply_supply(days: &mut [PlanDay], supply: &[FteDay], attrition: f64) {
    let mut next = supply.iter().peekable();
    let mut available: Option<f64> = None;
    let mut shrinkage: Option<f64> = None;
    // rows before the plan set the starting point
    let first = days.first().map(|d| d.date);
    let mut last_date: Option<NaiveDate> = None;
    while let Some(row) = next.next_if(|r| first.is_some_and(|f| r.date < f)) {
        available = Some(row.available_fte);
        shrinkage = Some(row.shrinkage());
        last_date = Some(row.date);
    }
    for day in days {
        if let Some(row) = next.next_if(|r| r.date == day.date) {
            available = Some(row.available_fte);
            shrinkage = Some(row.shrinkage());
        } else if let Some(a) = available {
            // carried forward: one day of attrition per working day since the last value
            let from = last_date.unwrap_or(day.date - Duration::days(1));
            let mut d = from + Duration::days(1);
            let mut value = a;
            while d <= day.date {
                if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                    value *= 1.0 - attrition;
                }
                d += Duration::days(1);
            }
            available = Some(value);
        }
        last_date = Some(day.date);
        day.available_fte = available;
        day.shrinkage = shrinkage;
    }
}

fn summarise(scenario: &Scenario, start: NaiveDate, days: &[PlanDay]) -> PlanPeriod {
    let n = days.len() as f64;
    let volume: f64 = days.iter().map(|d| d.volume).sum();
    let handle: f64 = days.iter().map(|d| d.handle_seconds).sum();
    let agent_hours: f64 = days.iter().map(|d| d.agent_hours).sum();
    let busy: f64 = days.iter().map(|d| d.busy_hours).sum();
    let fte_hours = scenario.fte_hours_per_week * n / 7.0;
    let required = agent_hours / fte_hours;
    let with_shrinkage = days.iter().any(|d| d.shrinkage.is_some()).then(|| {
        days.iter()
            .map(|d| d.agent_hours / (1.0 - d.shrinkage.unwrap_or(0.0)))
            .sum::<f64>()
            / fte_hours
    });
    let known: Vec<f64> = days.iter().filter_map(|d| d.available_fte).collect();
    let available = (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64);
    let mut period = PlanPeriod {
        start,
        end: days.last().map_or(start, |d| d.date),
        days: days.len() as u32,
        volume,
        aht_seconds: if volume > 0.0 { handle / volume } else { 0.0 },
        required_fte: required,
        required_fte_original: None,
        expected_occupancy: if agent_hours > 0.0 {
            busy / agent_hours
        } else {
            0.0
        },
        peak_agents: days.iter().map(|d| d.peak_agents).max().unwrap_or(0),
        required_fte_with_shrinkage: with_shrinkage,
        available_fte: available,
        gap: None,
        gap_pct: None,
        required_ot_pct: None,
        required_vto_pct: None,
        ot_capped: false,
        vto_capped: false,
        unmet_fte: None,
    };
    settle(scenario, &mut period);
    period
}

/// The rows that follow from the requirement and the supply: gap, gap %, OT and VTO
/// (capped), and what overtime cannot cover.
fn settle(scenario: &Scenario, period: &mut PlanPeriod) {
    let needed = period
        .required_fte_with_shrinkage
        .unwrap_or(period.required_fte);
    let gap = period.available_fte.map(|a| a - needed);
    period.gap = gap;
    period.gap_pct = gap.filter(|_| needed > 0.0).map(|g| g / needed);
    let (Some(a), Some(g)) = (period.available_fte, gap) else {
        return;
    };
    let shortfall = (-g).max(0.0);
    let surplus = g.max(0.0);
    let ratio = |x: f64| {
        if a > 0.0 {
            x / a
        } else if x > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    };
    let (ot, ot_capped) = cap(ratio(shortfall), scenario.max_overtime);
    let (vto, vto_capped) = cap(ratio(surplus), scenario.max_vto);
    period.required_ot_pct = Some(ot);
    period.required_vto_pct = Some(vto);
    period.ot_capped = ot_capped;
    period.vto_capped = vto_capped;
    period.unmet_fte = Some(if ot.is_finite() {
        (shortfall - ot * a).max(0.0)
    } else {
        shortfall
    });
}

/// Overrides the "required FTE without shrinkage" of periods: each `(start,
/// value)` replaces the requirement of the period starting that day; the dependent rows
/// recompute (with shrinkage scaled by the period's own shrinkage factor, gap, OT, VTO)
/// and the computed value stays in `required_fte_original`.
///
/// # Errors
/// [`CoreError::InvalidPlan`] for a date that starts no period or a value that is
/// negative or not finite; nothing is changed then.
///
/// ```
/// # use chrono::NaiveDate;
/// # use wfm_core::capacity::{plan::override_required, PlanPeriod, ScenarioSpec};
/// # let scenario: ScenarioSpec = serde_json::from_str(r#"{"name": "x", "daily_attrition": 0,
/// #     "fte_hours_per_week": 40, "goal": {"VOICE": {"asa_seconds": 20}}}"#)?;
/// # let scenario = scenario.validate()?;
/// let day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let mut weeks = vec![PlanPeriod { start: day, end: day, days: 7, volume: 1.0,
///     aht_seconds: 300.0, required_fte: 120.0, required_fte_original: None,
///     expected_occupancy: 0.8, peak_agents: 30, required_fte_with_shrinkage: Some(150.0),
///     available_fte: Some(100.0), gap: None, gap_pct: None, required_ot_pct: None,
///     required_vto_pct: None, ot_capped: false, vto_capped: false, unmet_fte: None }];
/// override_required(&scenario, &mut weeks, &[(day, 80.0)])?;
/// assert_eq!((weeks[0].required_fte, weeks[0].required_fte_original), (80.0, Some(120.0)));
/// assert_eq!(weeks[0].required_fte_with_shrinkage, Some(100.0)); // 80 × 150/120
/// assert_eq!(weeks[0].gap, Some(0.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn override_required(
    scenario: &Scenario,
    periods: &mut [PlanPeriod],
    values: &[(NaiveDate, f64)],
) -> Result<(), CoreError> {
    let mut targets = Vec::with_capacity(values.len());
    for &(date, value) in values {
        if !(value.is_finite() && value >= 0.0) {
            return Err(plan_error(format!(
                "the override of {date} must be a non-negative number, got {value}"
            )));
        }
        let i = periods
            .iter()
            .position(|p| p.start == date)
            .ok_or_else(|| {
                plan_error(format!(
                    "no period of the plan starts on {date}: override the periods the plan has"
                ))
            })?;
        targets.push((i, value));
    }
    for (i, value) in targets {
        let p = &mut periods[i];
        let computed = p.required_fte_original.unwrap_or(p.required_fte);
        let factor = p
            .required_fte_with_shrinkage
            .map(|w| if computed > 0.0 { w / computed } else { 1.0 });
        p.required_fte_original = Some(computed);
        p.required_fte = value;
        p.required_fte_with_shrinkage = factor.map(|f| value * f);
        settle(scenario, p);
    }
    Ok(())
}

/// `value` capped at `max`, and whether the cap bound.
fn cap(value: f64, max: Option<f64>) -> (f64, bool) {
    match max {
        Some(m) if value > m => (m, true),
        _ => (value, false),
    }
}

/// The first day of the period that holds `day`.
fn period_start(day: NaiveDate, granularity: Granularity) -> NaiveDate {
    match granularity {
        Granularity::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
        Granularity::Month => day.with_day(1).unwrap_or(day),
    }
}

fn periods(scenario: &Scenario, days: &[PlanDay], granularity: Granularity) -> Vec<PlanPeriod> {
    days.chunk_by(|a, b| period_start(a.date, granularity) == period_start(b.date, granularity))
        .map(|chunk| summarise(scenario, chunk[0].date, chunk))
        .collect()
}

/// Computes the plan of `[start, end]` (inclusive days, at most [`MAX_PLAN_DAYS`]).
///
/// `supply` is the group's rows of the FTE file, in date order (empty: no available FTE
/// and no shrinkage, so only the requirement rows are filled).
///
/// # Errors
/// [`CoreError::InvalidPlan`] for an empty or too long range, a channel with volume but no
/// goal, or a staffing the queueing math refuses; [`CoreError::InvalidSeries`] when the
/// short-term pattern lacks a channel that has volume.
///
/// ```
/// use chrono::{Duration, NaiveDate};
/// use wfm_core::{Channel, IntervalLength};
/// use wfm_core::capacity::{compute_plan, DailyDemand, IntradayShape, ScenarioSpec};
/// use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
/// use wfm_core::history::Granularity;
/// let scenario: ScenarioSpec = serde_json::from_str(r#"{"name": "Base",
///     "daily_attrition": 0.002, "fte_hours_per_week": 40, "max_occupancy": 0.85,
///     "goal": {"VOICE": {"service_level": 0.8, "service_level_seconds": 20}}}"#)?;
/// let scenario = scenario.validate()?;
/// let start = 1_736_121_600; // 2025-01-06
/// let point = |start, volume| ForecastPoint { start, volume, p10: volume, p50: volume, p90: volume, aht_seconds: 300.0 };
/// let voice = |points| vec![GroupSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: String::new(), points }];
/// let long = GroupForecast::new(Granularity::Daily, start, 14,
///     voice((0..14).map(|d| point(start + 86_400 * d, 2_000.0)).collect()));
/// let short = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), start, 7 * 48,
///     voice((0..7 * 48).map(|i| point(start + 1800 * i, 10.0)).collect()));
/// let shape = IntradayShape::from_forecast(&short)?;
/// let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let plan = compute_plan(&scenario, &DailyDemand::from_forecast(&long), &shape, &[],
///                         first, first + Duration::days(13))?;
/// assert_eq!(plan.weekly.len(), 2);
/// assert!(plan.weekly[0].required_fte > 0.0 && plan.weekly[0].available_fte.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_plan(
    scenario: &Scenario,
    demand: &DailyDemand,
    shape: &IntradayShape,
    supply: &[FteDay],
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Plan, CoreError> {
    compute_plan_watched(
        scenario,
        demand,
        shape,
        supply,
        (start, end),
        &Progress::none(),
    )
}

/// [`compute_plan`] watched: `progress` hears of every day staffed (stage
/// [`PLAN_STAGE`]) and of the hiring plan (stage [`HIRING_STAGE`]), and a stop asked for
/// ends the run before the next day or before the hiring plan.
///
/// # Errors
/// As [`compute_plan`]; [`CoreError::Stopped`] when stopped (a plan has no meaningful
/// part).
///
/// ```
/// use std::ops::ControlFlow;
/// use chrono::{Duration, NaiveDate};
/// use wfm_core::{Channel, CoreError, IntervalLength};
/// use wfm_core::capacity::{compute_plan_watched, DailyDemand, IntradayShape, ScenarioSpec};
/// use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
/// use wfm_core::history::Granularity;
/// use wfm_core::progress::Progress;
/// let scenario: ScenarioSpec = serde_json::from_str(r#"{"name": "Base",
///     "daily_attrition": 0.002, "fte_hours_per_week": 40, "max_occupancy": 0.85,
///     "goal": {"VOICE": {"service_level": 0.8, "service_level_seconds": 20}}}"#)?;
/// let scenario = scenario.validate()?;
/// let start = 1_736_121_600; // 2025-01-06
/// let point = |start, volume| ForecastPoint { start, volume, p10: volume, p50: volume, p90: volume, aht_seconds: 300.0 };
/// let voice = |points| vec![GroupSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: String::new(), points }];
/// let long = GroupForecast::new(Granularity::Daily, start, 14,
///     voice((0..14).map(|d| point(start + 86_400 * d, 2_000.0)).collect()));
/// let short = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), start, 7 * 48,
///     voice((0..7 * 48).map(|i| point(start + 1800 * i, 10.0)).collect()));
/// let shape = IntradayShape::from_forecast(&short)?;
/// let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
/// let range = (first, first + Duration::days(13));
/// let demand = DailyDemand::from_forecast(&long);
/// // every day and the hiring step are heard of
/// let steps = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
/// let s = steps.clone();
/// let watch = Progress::new(move |_| { s.fetch_add(1, std::sync::atomic::Ordering::SeqCst); ControlFlow::Continue(()) });
/// let plan = compute_plan_watched(&scenario, &demand, &shape, &[], range, &watch)?;
/// assert_eq!((plan.weekly.len(), steps.load(std::sync::atomic::Ordering::SeqCst)), (2, 15));
/// // a watcher that stops the run at its first step
/// let stop = Progress::new(|_| ControlFlow::Break(()));
/// let e = compute_plan_watched(&scenario, &demand, &shape, &[], range, &stop).unwrap_err();
/// assert!(matches!(e, CoreError::Stopped { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_plan_watched(
    scenario: &Scenario,
    demand: &DailyDemand,
    shape: &IntradayShape,
    supply: &[FteDay],
    (start, end): (NaiveDate, NaiveDate),
    progress: &Progress,
) -> Result<Plan, CoreError> {
    let length = (end - start).num_days() + 1;
    if length < 1 {
        return Err(plan_error(format!(
            "the plan ends ({end}) before it starts ({start})"
        )));
    }
    if length > MAX_PLAN_DAYS {
        return Err(plan_error(format!(
            "a plan covers at most {MAX_PLAN_DAYS} days (18 months), {start} to {end} is {length}"
        )));
    }
    let channels = demand.channels();
    let dates: Vec<NaiveDate> = (0..length).map(|d| start + Duration::days(d)).collect();
    let done = AtomicU64::new(0);
    let mut days = dates
        .par_iter()
        .map(|&date| {
            progress.check(PLAN_STAGE)?;
            let day = day_requirement(scenario, demand, shape, &channels, date);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress.step(PLAN_STAGE, n, dates.len() as u64);
            day
        })
        .collect::<Result<Vec<PlanDay>, CoreError>>()?;
    progress.check(HIRING_STAGE)?;
    apply_supply(&mut days, supply, scenario.daily_attrition);
    let weekly = periods(scenario, &days, Granularity::Week);
    let monthly = periods(scenario, &days, Granularity::Month);
    let mut plan = Plan {
        days,
        weekly,
        monthly,
        hiring: None,
    };
    plan.rehire(scenario)?;
    progress.step(HIRING_STAGE, 1, 1);
    Ok(plan)
}

/// The stage name of a plan's day-by-day staffing, as a watcher hears it.
pub const PLAN_STAGE: &str = "staffing the plan's days";

/// The stage name of a plan's hiring plan, as a watcher hears it.
pub const HIRING_STAGE: &str = "planning the hiring";

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(max_overtime: Option<f64>, max_vto: Option<f64>) -> Scenario {
        let mut s: super::super::ScenarioSpec = serde_json::from_str(
            r#"{"name": "t", "daily_attrition": 0.002, "fte_hours_per_week": 40,
                "goal": {"VOICE": {"asa_seconds": 20}}}"#,
        )
        .unwrap();
        s.max_overtime = max_overtime;
        s.max_vto = max_vto;
        s.validate().unwrap()
    }

    fn day(date: NaiveDate, agent_hours: f64) -> PlanDay {
        PlanDay {
            date,
            volume: 100.0,
            handle_seconds: 100.0 * 300.0,
            agent_hours,
            busy_hours: agent_hours * 0.8,
            peak_agents: 10,
            shrinkage: None,
            available_fte: None,
        }
    }

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, d).unwrap()
    }

    #[test]
    fn attrition_of_fifty_percent_a_year_is_point_two_percent_a_working_day() {
        // 50 % a year over 250 working days = 0.2 % a day; Jan 6 2025 is a Monday
        let mut days: Vec<PlanDay> = (6..=19).map(|d| day(date(d), 8.0)).collect();
        let supply = [FteDay {
            date: date(6),
            available_fte: 100.0,
            in_office_shrinkage: 0.1,
            out_office_shrinkage: 0.05,
        }];
        apply_supply(&mut days, &supply, 0.5 / 250.0);
        assert_eq!(days[0].available_fte, Some(100.0));
        let tuesday = days[1].available_fte.unwrap();
        assert!((tuesday - 99.8).abs() < 1e-12, "{tuesday}");
        // the weekend keeps Friday's value; the next Monday loses one more day
        let friday = days[4].available_fte.unwrap();
        assert!((friday - 100.0 * 0.998f64.powi(4)).abs() < 1e-9);
        assert_eq!(days[5].available_fte, Some(friday));
        assert_eq!(days[6].available_fte, Some(friday));
        assert!((days[7].available_fte.unwrap() - friday * 0.998).abs() < 1e-9);
        assert_eq!(days[13].shrinkage, Some(0.15));
    }

    #[test]
    fn a_short_week_asks_for_overtime_up_to_the_cap_and_reports_the_rest() {
        // required 120 FTE (40 h weeks: 4,800 agent-hours a week), available 100
        let s = scenario(Some(0.1), Some(0.1));
        let days: Vec<PlanDay> = (6..=12)
            .map(|d| {
                let mut p = day(date(d), 4_800.0 / 7.0);
                p.available_fte = Some(100.0);
                p
            })
            .collect();
        let w = summarise(&s, date(6), &days);
        assert!((w.required_fte - 120.0).abs() < 1e-9);
        assert!((w.gap.unwrap() + 20.0).abs() < 1e-9, "short by 20");
        assert!((w.gap_pct.unwrap() + 20.0 / 120.0).abs() < 1e-12);
        // 40 h with 10 % overtime → 44 h: 10 FTE of the 20 missing, 10 unmet
        assert_eq!(w.required_ot_pct, Some(0.1));
        assert!(w.ot_capped);
        assert!((w.unmet_fte.unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(w.required_vto_pct, Some(0.0));
    }

    #[test]
    fn a_surplus_offers_vto_up_to_the_cap() {
        // required 90, available 100: 10 % VTO (40 h → 36 h), exactly the cap
        let s = scenario(Some(0.1), Some(0.1));
        let days: Vec<PlanDay> = (6..=12)
            .map(|d| {
                let mut p = day(date(d), 3_600.0 / 7.0);
                p.available_fte = Some(100.0);
                p
            })
            .collect();
        let w = summarise(&s, date(6), &days);
        assert!((w.required_vto_pct.unwrap() - 0.1).abs() < 1e-12);
        assert!(!w.vto_capped);
        assert_eq!(w.required_ot_pct, Some(0.0));
        assert_eq!(w.unmet_fte, Some(0.0));
        // shrinkage 10 %: required with shrinkage 100 → no gap at all
        let shrunk: Vec<PlanDay> = days
            .into_iter()
            .map(|mut d| {
                d.shrinkage = Some(0.1);
                d
            })
            .collect();
        let w = summarise(&s, date(6), &shrunk);
        assert!((w.required_fte_with_shrinkage.unwrap() - 100.0).abs() < 1e-9);
        assert!(w.gap.unwrap().abs() < 1e-9);
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        let s = scenario(None, None);
        // Wed Jan 1 .. Mon Feb 3 2025
        let days: Vec<PlanDay> = (0..34)
            .map(|i| day(date(1) + Duration::days(i), 10.0))
            .collect();
        let weeks = periods(&s, &days, Granularity::Week);
        assert_eq!(weeks[0].start, date(1));
        assert_eq!(weeks[0].days, 5); // Wed–Sun
        assert_eq!(weeks[1].start, date(6));
        assert_eq!(weeks.last().unwrap().days, 1);
        let months = periods(&s, &days, Granularity::Month);
        assert_eq!(months.len(), 2);
        assert_eq!((months[0].days, months[1].days), (31, 3));
        // FTE is per week of the period: 10 agent-hours a day = 70 a week = 1.75 FTE
        assert!((months[0].required_fte - 1.75).abs() < 1e-12);
    }
}
