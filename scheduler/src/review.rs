//! Review of a schedule against the demand: per interval
//! the required and the scheduled productive agents and the projected service level, ASA
//! and occupancy; an aggregate over the period; per agent the paid hours per day and week
//! and the shifts as the agent sees them, in their own time zone.
//!
//! # The numbers
//! - *Required*: the fewest productive agents that meet the request's goal with occupancy
//!   at most the given maximum, from [`generate::requirement`](crate::generate::requirement)
//!   (wfm-erlang's staffing search, Erlang C). A group's minimum staff is a rule, not part
//!   of the goal, and is not in it.
//! - *Scheduled*: productive agent-minutes in the interval divided by its length, so an
//!   agent on a 15-minute break in a 30-minute interval counts ½ (shift time not covered
//!   by a non-productive activity, [`Shift::productive_minutes_in`]).
//! - *Service level* within the goal's threshold (for an ASA goal: the share answered
//!   within the target ASA), *ASA* and *occupancy* are Erlang C (wfm-erlang's [`ErlangC`])
//!   on the scheduled productive agents. A fractional `n = k + f` means `k + 1` agents for
//!   a share `f` of the interval and `k` for the rest (arrivals spread evenly), so the
//!   service level and ASA are `(1 − f)·x(k) + f·x(k + 1)`.
//! - Edge cases, as a planner reads them: an interval without contacts has service level
//!   1 (nobody waited), ASA 0 and occupancy 0. With contacts and no more agent capacity
//!   than load (including no agent at all) the queue grows without bound: service level 0,
//!   ASA `None` (infinite) and occupancy capped at 1. Otherwise occupancy is `load / n`.
//!
//! # Examples
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use wfm_scheduler::generate::IntervalForecast;
//! use wfm_scheduler::{AgentSchedule, ReviewOptions, Scenario, Schedule, Shift, review};
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
//!     "/../data/scenarios/schedule_example.toml")).unwrap();
//! let sc = Scenario::from_toml(&text, "example")?; // goal 80 % within 20 s
//! let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
//! let shift = |a: &str| AgentSchedule { agent: a.into(), shifts: vec![Shift {
//!     date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), start: t(8, 0), end: t(9, 0),
//!     activities: vec![] }] };
//! let schedule = Schedule { agents: vec![shift("ana"), shift("ben"), shift("carla")] };
//! // 10 calls per quarter hour, AHT 180 s: 2 Erlangs on 3 agents
//! let demand = vec![IntervalForecast { volume: 10.0, aht_seconds: 180.0 }; 4];
//! let r = review(&sc, &schedule, &demand, t(8, 0), &ReviewOptions::default())?;
//! let first = &r.intervals[0];
//! assert_eq!((first.required, first.scheduled), (4, 3.0));
//! assert!((first.occupancy - 2.0 / 3.0).abs() < 1e-12);
//! assert!((first.asa_seconds.unwrap() - 80.0).abs() < 1e-9); // C = 4/9, 4/9 · 180 s
//! assert_eq!(r.summary.short_intervals, 4);
//! assert!(r.summary.to_string().starts_with("service level 60.2 %, ASA 80.0 s, occupancy 66.7 %"));
//! # Ok::<(), wfm_scheduler::SchedulerError>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use wfm_erlang::{ErlangC, MaxOccupancy, Workload};

use crate::error::{Result, SchedulerError};
use crate::generate::{Grid, IntervalForecast, requirement};
use crate::model::Goal;
use crate::scenario::Scenario;
use crate::schedule::{Schedule, Shift};

/// Below this, a share of an agent is rounding noise (the coverage of thirds of an
/// interval is not exact in binary).
const EPS: f64 = 1e-9;

/// How to review: the grid the demand is given on and the occupancy cap of the
/// requirement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewOptions {
    /// The length of the demand's intervals (15 or 30 minutes).
    pub grid: Grid,
    /// Most occupancy allowed when computing the requirement (as in generation).
    pub max_occupancy: MaxOccupancy,
}

impl Default for ReviewOptions {
    /// 15-minute intervals (the generator's grid), no occupancy cap (as
    /// [`GenerateOptions::default`](crate::generate::GenerateOptions)).
    fn default() -> Self {
        Self {
            grid: Grid::new(15).expect("15 minutes is a valid grid"),
            max_occupancy: MaxOccupancy::new(1.0).expect("1 is a valid occupancy"),
        }
    }
}

/// One interval of the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalReview {
    /// Start of the interval (UTC).
    pub start: DateTime<Utc>,
    /// Contacts offered.
    pub volume: f64,
    /// Average handle time in seconds.
    pub aht_seconds: f64,
    /// Offered load in Erlangs (`volume × aht / interval`).
    pub load: f64,
    /// Required productive agents for the goal.
    pub required: u32,
    /// Scheduled productive agents (fractional where an activity covers part of it).
    pub scheduled: f64,
    /// Agents short of the requirement: `max(0, required − scheduled)`.
    pub short: f64,
    /// Projected share answered within the goal's threshold, in [0, 1].
    pub service_level: f64,
    /// Projected average speed of answer in seconds; `None` when the queue is unstable
    /// (no more agent capacity than load: infinite).
    pub asa_seconds: Option<f64>,
    /// Projected occupancy of the scheduled productive agents, in [0, 1].
    pub occupancy: f64,
}

/// The aggregate of a review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSummary {
    /// Contacts offered over all intervals.
    pub volume: f64,
    /// Service level weighted by volume (1 without contacts).
    pub service_level: f64,
    /// ASA weighted by volume; `None` when an interval with contacts is unstable.
    pub asa_seconds: Option<f64>,
    /// Share of the scheduled productive time spent handling contacts: the load carried
    /// (at most the agents of each interval) over the scheduled agents, summed over the
    /// intervals (0 with nobody scheduled).
    pub occupancy: f64,
    /// Intervals with fewer scheduled than required productive agents.
    pub short_intervals: usize,
    /// Intervals with contacts and no more agent capacity than load.
    pub unstable_intervals: usize,
    /// Required productive agent-hours.
    pub required_hours: f64,
    /// Scheduled productive agent-hours.
    pub scheduled_hours: f64,
}

/// One line for a planner: `service level 86.1 %, ASA 12.3 s, occupancy 71.0 %; 0
/// interval(s) short, 3 unstable; 120.0 of 110.0 required agent-hours scheduled`
/// (ASA "unbounded" when an interval with contacts is unstable).
impl std::fmt::Display for ReviewSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "service level {:.1} %, ASA ", self.service_level * 100.0)?;
        match self.asa_seconds {
            Some(a) => write!(f, "{a:.1} s")?,
            None => write!(f, "unbounded")?,
        }
        write!(
            f,
            ", occupancy {:.1} %; {} interval(s) short, {} unstable; {:.1} of {:.1} required \
             agent-hours scheduled",
            self.occupancy * 100.0,
            self.short_intervals,
            self.unstable_intervals,
            self.scheduled_hours,
            self.required_hours
        )
    }
}

/// An activity of a shift in UTC and in the agent's time zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityView {
    /// The activity's name.
    pub activity: String,
    /// Start (UTC).
    pub start: DateTime<Utc>,
    /// End (UTC).
    pub end: DateTime<Utc>,
    /// Start in the agent's time zone (with its UTC offset at that instant).
    pub local_start: DateTime<FixedOffset>,
    /// End in the agent's time zone.
    pub local_end: DateTime<FixedOffset>,
    /// Whether the activity is paid (unknown activities count as paid, as in
    /// [`Shift::paid_minutes`]).
    pub paid: bool,
}

/// A shift in UTC and in the agent's time zone: what a published schedule shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftView {
    /// The schedule day.
    pub date: NaiveDate,
    /// Start (UTC).
    pub start: DateTime<Utc>,
    /// End (UTC).
    pub end: DateTime<Utc>,
    /// Start in the agent's time zone (with its UTC offset at that instant, so a shift
    /// across a DST change shows both offsets).
    pub local_start: DateTime<FixedOffset>,
    /// End in the agent's time zone.
    pub local_end: DateTime<FixedOffset>,
    /// Paid hours (length less unpaid activities).
    pub paid_hours: f64,
    /// The activities, in order.
    pub activities: Vec<ActivityView>,
}

/// One agent's part of the review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentReview {
    /// The agent.
    pub agent: String,
    /// The agent's time zone (staff rules; UTC without one).
    pub time_zone: Tz,
    /// Shifts with activities, UTC and local.
    pub shifts: Vec<ShiftView>,
    /// Paid hours per schedule day with a shift.
    pub paid_hours_by_day: Vec<(NaiveDate, f64)>,
    /// Paid hours per week (0-based 7-day blocks from the request's start) with a shift.
    pub paid_hours_by_week: Vec<(i64, f64)>,
}

/// The review of a schedule: per interval, the aggregate, per agent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// One entry per demand interval, in order.
    pub intervals: Vec<IntervalReview>,
    /// The aggregate over [`Self::intervals`].
    pub summary: ReviewSummary,
    /// One entry per agent of the schedule, in schedule order.
    pub agents: Vec<AgentReview>,
}

/// Reviews `schedule` against `demand`, one [`IntervalForecast`] per interval of
/// `options.grid` from `from` (see the [module docs](self) for every number and the edge
/// cases).
///
/// # Errors
/// [`SchedulerError::InvalidModel`] naming the interval whose volume or handle time the
/// queueing model rejects (e.g. contacts with a handle time of 0).
pub fn review(
    scenario: &Scenario,
    schedule: &Schedule,
    demand: &[IntervalForecast],
    from: DateTime<Utc>,
    options: &ReviewOptions,
) -> Result<Review> {
    let goal = wfm_erlang::Goal::from(scenario.request().goal);
    let answer_seconds = match goal {
        wfm_erlang::Goal::ServiceLevel { seconds, .. } | wfm_erlang::Goal::Asa { seconds } => {
            seconds
        }
    };
    let required = requirement(&options.grid, demand, goal, options.max_occupancy)?;
    let minutes = i64::from(options.grid.minutes());
    let scheduled = scheduled_agents(scenario, schedule, from, minutes, demand.len());
    let seconds = (minutes * 60) as f64;
    let intervals = demand
        .iter()
        .zip(required)
        .zip(scheduled)
        .enumerate()
        .map(|(i, ((f, required), scheduled))| {
            let start = from + Duration::minutes(minutes * i as i64);
            let (load, metrics) = if f.volume == 0.0 {
                (0.0, Projected::idle())
            } else {
                let workload = Workload::new(f.volume, f.aht_seconds, seconds).map_err(|e| {
                    SchedulerError::InvalidModel(format!("forecast interval {i}: {e}"))
                })?;
                let model = ErlangC::new(workload);
                (
                    model.traffic(),
                    Projected::of(&model, scheduled, answer_seconds),
                )
            };
            Ok(IntervalReview {
                start,
                volume: f.volume,
                aht_seconds: f.aht_seconds,
                load,
                required,
                scheduled,
                short: (f64::from(required) - scheduled).max(0.0),
                service_level: metrics.service_level,
                asa_seconds: metrics.asa_seconds,
                occupancy: metrics.occupancy,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let summary = summarize(&intervals, minutes);
    let agents = agent_views(scenario, schedule);
    Ok(Review {
        intervals,
        summary,
        agents,
    })
}

/// The request's goal in wfm-erlang's terms (the threshold and target as seconds).
impl From<Goal> for wfm_erlang::Goal {
    fn from(goal: Goal) -> Self {
        match goal {
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
        }
    }
}

/// Productive agents per interval: one sweep over the shifts, each adding its productive
/// minutes in the intervals it overlaps, divided by the interval length. A shift's
/// non-productive activities are looked up once per shift, not once per interval, and
/// times in whole seconds are compared as integers; the arithmetic per interval is
/// [`Shift::productive_minutes_in`]'s (which still measures a shift with sub-second
/// times), so the numbers are the same to the bit.
fn scheduled_agents(
    scenario: &Scenario,
    schedule: &Schedule,
    from: DateTime<Utc>,
    minutes: i64,
    intervals: usize,
) -> Vec<f64> {
    let mut out = vec![0.0; intervals];
    let index = |t: DateTime<Utc>| (t - from).num_seconds().div_euclid(minutes * 60);
    let whole = |t: DateTime<Utc>| (t.timestamp_subsec_nanos() == 0).then(|| t.timestamp());
    let shifts = schedule.agents.iter().flat_map(|a| &a.shifts);
    let mut away: Vec<(i64, i64)> = Vec::new();
    for s in shifts {
        let first = index(s.start).max(0);
        let last = index(s.end - Duration::seconds(1)).min(intervals as i64 - 1);
        if first > last {
            continue;
        }
        away.clear();
        let mut exact = whole(from).is_some();
        for a in &s.activities {
            let productive = scenario
                .activity(&a.activity)
                .is_some_and(|x| x.kind.is_productive());
            if !productive {
                match (whole(a.start.max(s.start)), whole(a.end.min(s.end))) {
                    (Some(lo), Some(hi)) => away.push((lo, hi)),
                    _ => exact = false,
                }
            }
        }
        let (Some(start), Some(end), true) = (whole(s.start), whole(s.end), exact) else {
            for i in first..=last {
                let lo = from + Duration::minutes(minutes * i);
                let hi = lo + Duration::minutes(minutes);
                out[i as usize] += s.productive_minutes_in(scenario, lo, hi) / minutes as f64;
            }
            continue;
        };
        let (from, step) = (from.timestamp(), minutes * 60);
        for i in first..=last {
            let lo = from + step * i;
            let productive = productive_minutes(start, end, &away, lo, lo + step);
            out[i as usize] += productive / minutes as f64;
        }
    }
    out
}

/// [`Shift::productive_minutes_in`] in whole seconds: a shift `[start, end)` whose
/// non-productive activities, clipped to the shift, are `away`, within `[from, to)`; the
/// same operations in the same order.
fn productive_minutes(start: i64, end: i64, away: &[(i64, i64)], from: i64, to: i64) -> f64 {
    let overlap = |s: i64, e: i64| (e.min(to) - s.max(from)).max(0) as f64 / 60.0;
    let mut total = overlap(start, end);
    for &(s, e) in away {
        total -= overlap(s, e);
    }
    total.max(0.0)
}

/// The projected metrics of one interval (also adherence's service impact).
pub(crate) struct Projected {
    pub(crate) service_level: f64,
    pub(crate) asa_seconds: Option<f64>,
    pub(crate) occupancy: f64,
}

impl Projected {
    /// No contacts: nobody waits, nobody is busy.
    pub(crate) fn idle() -> Self {
        Self {
            service_level: 1.0,
            asa_seconds: Some(0.0),
            occupancy: 0.0,
        }
    }

    /// Erlang C on `agents` (fractional: a time-weighted mix of the two neighbouring
    /// whole numbers).
    pub(crate) fn of(model: &ErlangC, agents: f64, answer_seconds: f64) -> Self {
        let agents = agents.max(0.0);
        let whole = (agents + EPS).floor();
        let share = if agents - whole > EPS {
            agents - whole
        } else {
            0.0
        };
        let low = model.metrics(whole as u64, answer_seconds);
        let (service_level, asa) = if share == 0.0 {
            (low.service_level, low.asa_seconds)
        } else {
            let high = model.metrics(whole as u64 + 1, answer_seconds);
            (
                (1.0 - share) * low.service_level + share * high.service_level,
                (1.0 - share) * low.asa_seconds + share * high.asa_seconds,
            )
        };
        let load = model.traffic();
        let occupancy = if agents > load { load / agents } else { 1.0 };
        Self {
            service_level: service_level.clamp(0.0, 1.0),
            asa_seconds: asa.is_finite().then_some(asa),
            occupancy,
        }
    }
}

fn summarize(intervals: &[IntervalReview], minutes: i64) -> ReviewSummary {
    let volume: f64 = intervals.iter().map(|r| r.volume).sum();
    let weighted = |x: &dyn Fn(&IntervalReview) -> f64| -> f64 {
        intervals.iter().map(|r| r.volume * x(r)).sum::<f64>() / volume
    };
    let busy = |r: &&IntervalReview| r.volume > 0.0;
    let stable = intervals
        .iter()
        .filter(busy)
        .all(|r| r.asa_seconds.is_some());
    let staffed: f64 = intervals.iter().map(|r| r.scheduled).sum();
    let carried: f64 = intervals.iter().map(|r| r.load.min(r.scheduled)).sum();
    let hours = minutes as f64 / 60.0;
    ReviewSummary {
        volume,
        service_level: if volume > 0.0 {
            weighted(&|r| r.service_level)
        } else {
            1.0
        },
        asa_seconds: match (volume > 0.0, stable) {
            (false, _) => Some(0.0),
            (true, true) => Some(weighted(&|r| r.asa_seconds.unwrap_or(0.0))),
            (true, false) => None,
        },
        occupancy: if staffed > 0.0 {
            carried / staffed
        } else {
            0.0
        },
        short_intervals: intervals.iter().filter(|r| r.short > EPS).count(),
        unstable_intervals: intervals
            .iter()
            .filter(busy)
            .filter(|r| r.asa_seconds.is_none())
            .count(),
        required_hours: intervals
            .iter()
            .map(|r| f64::from(r.required) * hours)
            .sum(),
        scheduled_hours: staffed * hours,
    }
}

fn agent_views(scenario: &Scenario, schedule: &Schedule) -> Vec<AgentReview> {
    // paid hours per agent name and day (as `Schedule::paid_hours_by_day`, which a
    // repeated agent shares), then per week from the days in date order
    // (as `Schedule::paid_hours_by_week`)
    let mut days: HashMap<&str, BTreeMap<NaiveDate, f64>> = HashMap::new();
    for a in &schedule.agents {
        let mine = days.entry(a.agent.as_str()).or_default();
        for s in &a.shifts {
            *mine.entry(s.date).or_insert(0.0) += s.paid_minutes(scenario) as f64 / 60.0;
        }
    }
    schedule
        .agents
        .iter()
        .map(|a| {
            let zone = scenario.time_zone(&a.agent);
            let by_day = days.remove(a.agent.as_str()).unwrap_or_default();
            let mut by_week: BTreeMap<i64, f64> = BTreeMap::new();
            for (date, h) in &by_day {
                *by_week
                    .entry(scenario.request().week_of(*date))
                    .or_insert(0.0) += h;
            }
            AgentReview {
                agent: a.agent.clone(),
                time_zone: zone,
                shifts: a
                    .shifts
                    .iter()
                    .map(|s| shift_view(scenario, s, zone))
                    .collect(),
                paid_hours_by_day: by_day.into_iter().collect(),
                paid_hours_by_week: by_week.into_iter().collect(),
            }
        })
        .collect()
}

fn shift_view(scenario: &Scenario, s: &Shift, zone: Tz) -> ShiftView {
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).fixed_offset();
    ShiftView {
        date: s.date,
        start: s.start,
        end: s.end,
        local_start: local(s.start),
        local_end: local(s.end),
        paid_hours: s.paid_minutes(scenario) as f64 / 60.0,
        activities: s
            .activities
            .iter()
            .map(|p| ActivityView {
                activity: p.activity.clone(),
                start: p.start,
                end: p.end,
                local_start: local(p.start),
                local_end: local(p.end),
                paid: scenario.activity(&p.activity).is_none_or(|x| x.paid),
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
