//! Meeting placement (beyond the reference): the slots for a meeting that cost the least
//! service level, measured by Erlang C on the scheduled productive staff minus the
//! attendees, interval by interval; ranked by the contacts that would be answered later
//! than the goal's threshold (`Σ volume × SL lost`), then the ASA added.
//!
//! A slot is a start on the 15-minute grid where every attendee's shift of that day
//! holds the whole meeting and no other activity overlaps it. Attendees are named, or
//! a number of a staffing group's agents free at that time (the first by name).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use wfm_erlang::{ErlangC, Workload};

use super::{Edit, EditContext};
use crate::error::{Result, SchedulerError};
use crate::model::GRID_MINUTES;
use crate::review::{IntervalReview, Projected, Review};
use crate::schedule::{Schedule, Shift};

/// Who attends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendees {
    /// These agents.
    Named(Vec<String>),
    /// `count` agents of a staffing group, whoever is free.
    FromGroup {
        /// The staffing group.
        group: String,
        /// How many.
        count: usize,
    },
}

/// A meeting to place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRequest {
    /// The activity (e.g. `Team meeting`).
    pub activity: String,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// Who attends.
    pub attendees: Attendees,
    /// First day to consider.
    pub first_day: NaiveDate,
    /// Last day to consider (inclusive).
    pub last_day: NaiveDate,
    /// How many slots to return, best first.
    pub max_slots: usize,
}

/// A proposed slot with what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSlot {
    /// The schedule day.
    pub date: NaiveDate,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Who attends.
    pub attendees: Vec<String>,
    /// Service level over the slot's intervals (volume-weighted), without and with the
    /// meeting.
    pub service_level: (f64, f64),
    /// ASA over the slot's intervals (volume-weighted, seconds), without and with it.
    pub asa_seconds: (f64, f64),
    /// Contacts answered later than the goal's threshold because of the meeting.
    pub contacts_late: f64,
}

impl MeetingSlot {
    /// The edit that places it as one shared instance.
    ///
    /// # Examples
    /// See [`propose_meeting`].
    pub fn edit(&self, activity: &str, instance: Option<String>) -> Edit {
        Edit::AddActivity {
            agents: self.attendees.clone(),
            date: self.date,
            activity: activity.to_owned(),
            start: self.start,
            end: Some(self.end),
            duration_minutes: None,
            shared: true,
            instance,
        }
    }
}

/// The best slots for `request` in `schedule`, cheapest first (see the module docs).
///
/// ```
/// use wfm_scheduler::edit::EditContext;
/// use wfm_scheduler::edit::meeting::{Attendees, MeetingRequest, propose_meeting};
/// use wfm_scheduler::generate::{GenerateOptions, IntervalForecast};
/// use wfm_scheduler::{AgentSchedule, Demand, Scenario, Schedule, Shift};
/// use chrono::{NaiveDate, TimeZone, Utc};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "example")?;
/// let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// // calls only from 14:00 UTC on
/// let q = (0..96).map(|i| IntervalForecast { volume: if i >= 56 { 20.0 } else { 0.0 }, aht_seconds: 300.0 }).collect();
/// let demand = Demand::from_quarters(monday, q);
/// let t = |h| Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap();
/// let shift = Shift { date: monday, start: t(12), end: t(20), activities: vec![] };
/// let schedule = Schedule { agents: vec![AgentSchedule { agent: "ana".into(), shifts: vec![shift] }] };
/// let ctx = EditContext::new(&sc).with_demand(&demand, GenerateOptions::default());
/// let slots = propose_meeting(&ctx, &schedule, &MeetingRequest {
///     activity: "Team meeting".into(), duration_minutes: 60,
///     attendees: Attendees::Named(vec!["ana".into()]),
///     first_day: monday, last_day: monday, max_slots: 3 })?;
/// assert_eq!(slots[0].start, t(12)); // before the calls start
/// assert_eq!(slots[0].contacts_late, 0.0);
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
///
/// # Errors
/// [`SchedulerError::InvalidModel`] without demand, for a non-positive duration, an
/// unknown activity or staffing group, a named agent without shifts; as
/// [`Demand::review`](crate::Demand::review).
pub fn propose_meeting(
    ctx: &EditContext<'_>,
    schedule: &Schedule,
    request: &MeetingRequest,
) -> Result<Vec<MeetingSlot>> {
    let bad = |m: String| SchedulerError::InvalidModel(m);
    if request.duration_minutes <= 0 || request.duration_minutes > 24 * 60 {
        return Err(bad(format!(
            "a meeting of {} minutes: give a length between 1 minute and a day",
            request.duration_minutes
        )));
    }
    if ctx.scenario.activity(&request.activity).is_none() {
        return Err(bad(format!("unknown activity '{}'", request.activity)));
    }
    let pool: Vec<&str> = match &request.attendees {
        Attendees::Named(names) => names.iter().map(String::as_str).collect(),
        Attendees::FromGroup { group, .. } => ctx
            .scenario
            .run_groups()
            .find(|g| &g.name == group)
            .ok_or_else(|| bad(format!("unknown staffing group '{group}'")))?
            .agents
            .iter()
            .map(String::as_str)
            .collect(),
    };
    let need = match &request.attendees {
        Attendees::Named(n) => n.len(),
        Attendees::FromGroup { count, .. } => *count,
    };
    if need == 0 {
        return Err(bad("a meeting needs at least one attendee".into()));
    }
    let review = ctx
        .review(schedule)?
        .ok_or_else(|| bad("proposing meeting slots needs the demand".into()))?;
    let goal = wfm_erlang::Goal::from(ctx.scenario.request().goal);
    let answer = match goal {
        wfm_erlang::Goal::ServiceLevel { seconds, .. } | wfm_erlang::Goal::Asa { seconds } => {
            seconds
        }
    };
    let len = i64::from(ctx.scenario.config().interval.minutes());
    let minutes = Duration::minutes(request.duration_minutes);
    let mut slots = Vec::new();
    let mut date = request.first_day;
    while date <= request.last_day {
        let shifts: Vec<(&str, &Shift)> = pool
            .iter()
            .filter_map(|a| {
                let s = schedule.agents.iter().find(|x| x.agent == *a)?;
                Some((*a, s.shifts.iter().find(|s| s.date == date)?))
            })
            .collect();
        if let (Some(lo), Some(hi)) = (
            shifts.iter().map(|s| s.1.start).min(),
            shifts.iter().map(|s| s.1.end).max(),
        ) {
            let mut t = lo;
            while t + minutes <= hi {
                let e = t + minutes;
                let free: Vec<&str> = shifts
                    .iter()
                    .filter(|(_, s)| {
                        s.start <= t
                            && e <= s.end
                            && s.activities.iter().all(|p| p.end <= t || p.start >= e)
                    })
                    .map(|(a, _)| *a)
                    .take(need)
                    .collect();
                if free.len() == need {
                    let cost = cost(&review, (t, e), free.len() as f64, len, answer)?;
                    slots.push(MeetingSlot {
                        date,
                        start: t,
                        end: e,
                        attendees: free.iter().map(|a| (*a).to_owned()).collect(),
                        service_level: cost.0,
                        asa_seconds: cost.1,
                        contacts_late: cost.2,
                    });
                }
                t += Duration::minutes(i64::from(GRID_MINUTES));
            }
        }
        date = date.succ_opt().unwrap_or(NaiveDate::MAX);
        if date == NaiveDate::MAX {
            break;
        }
    }
    slots.sort_by(|a, b| {
        (a.contacts_late, a.asa_seconds.1 - a.asa_seconds.0)
            .partial_cmp(&(b.contacts_late, b.asa_seconds.1 - b.asa_seconds.0))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.start.cmp(&b.start))
    });
    slots.truncate(request.max_slots);
    Ok(slots)
}

type Cost = ((f64, f64), (f64, f64), f64);

/// SL and ASA over the slot's intervals without and with `n` agents away, and the
/// contacts answered late because of it.
fn cost(
    review: &Review,
    (t, e): (DateTime<Utc>, DateTime<Utc>),
    n: f64,
    len: i64,
    answer: f64,
) -> Result<Cost> {
    let Some(from) = review.intervals.first().map(|i| i.start) else {
        return Ok(((1.0, 1.0), (0.0, 0.0), 0.0));
    };
    let first = (t - from).num_minutes().div_euclid(len);
    let (mut vol, mut sl, mut asa, mut late) = (0.0, (0.0, 0.0), (0.0, 0.0), 0.0);
    let mut i = first.max(0);
    loop {
        let lo = from + Duration::minutes(i * len);
        let hi = lo + Duration::minutes(len);
        let Some(r) = usize::try_from(i)
            .ok()
            .and_then(|i| review.intervals.get(i))
        else {
            break;
        };
        if lo >= e {
            break;
        }
        let share = (e.min(hi) - t.max(lo)).num_minutes() as f64 / len as f64;
        let (b, a) = metrics(r, r.scheduled, r.scheduled - n * share, len, answer)?;
        vol += r.volume;
        sl.0 += r.volume * b.service_level;
        sl.1 += r.volume * a.service_level;
        asa.0 += r.volume * b.asa_seconds.unwrap_or(f64::INFINITY).min(3600.0);
        asa.1 += r.volume * a.asa_seconds.unwrap_or(f64::INFINITY).min(3600.0);
        late += r.volume * (b.service_level - a.service_level).max(0.0);
        i += 1;
    }
    if vol == 0.0 {
        return Ok(((1.0, 1.0), (0.0, 0.0), 0.0));
    }
    Ok(((sl.0 / vol, sl.1 / vol), (asa.0 / vol, asa.1 / vol), late))
}

fn metrics(
    r: &IntervalReview,
    before: f64,
    after: f64,
    len: i64,
    answer: f64,
) -> Result<(Projected, Projected)> {
    if r.volume == 0.0 {
        return Ok((Projected::idle(), Projected::idle()));
    }
    let w = Workload::new(r.volume, r.aht_seconds, (len * 60) as f64)
        .map_err(|e| SchedulerError::InvalidModel(format!("interval {}: {e}", r.start)))?;
    let model = ErlangC::new(w);
    Ok((
        Projected::of(&model, before, answer),
        Projected::of(&model, after.max(0.0), answer),
    ))
}
