//! What an approved request deducts, from the agent's balance and from the group's
//! remaining allowance.
//!
//! Where a published schedule covers the day, the deduction is the requested time the
//! agent's shifts overlap, minus the activities whose "deduct from balance" is no (a
//! break, a meal). Where none does, the agent's shift profile stands in: nothing on a
//! day the profile has off or outside its hours; else a shift from the profile's
//! earliest start lasting min(agent's max daily hours, profile's longest shift) (the
//! profile's length without a max), with that length's activity group placed at the
//! earliest point of each window ([`profile_shift`]).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{Anchor, DayStatus, ProfileClock};
use crate::{PlacedActivity, Scenario, Shift};

/// The deducted time: disjoint pieces in time order, and their total.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::Deduction;
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
/// let d = Deduction::from_pieces(vec![(t(9, 0), t(10, 0)), (t(10, 30), t(12, 0))]);
/// assert_eq!(d.seconds, 9000);
/// assert_eq!(d.seconds_in(t(9, 30), t(10, 45)), 2700);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deduction {
    /// The deducted pieces `[start, end)`, in order.
    pub pieces: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// Their total, seconds.
    pub seconds: i64,
}

impl Deduction {
    /// A deduction of these pieces.
    pub fn from_pieces(pieces: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> Self {
        let seconds = pieces.iter().map(|(s, e)| (*e - *s).num_seconds()).sum();
        Self { pieces, seconds }
    }

    /// The deducted seconds within `[from, to)`.
    pub fn seconds_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.pieces
            .iter()
            .map(|(s, e)| (*e.min(&to) - *s.max(&from)).num_seconds().max(0))
            .sum()
    }
}

/// `[start, end)` less every range of `cut`.
fn subtract(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    cut: &mut [(DateTime<Utc>, DateTime<Utc>)],
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    cut.sort();
    let mut out = Vec::new();
    let mut at = start;
    for &(s, e) in cut.iter() {
        if e <= at || s >= end {
            continue;
        }
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < end {
        out.push((at, end));
    }
    out
}

/// The deduction of a request `[start, end)` over `shifts` (scheduled or from the profile):
/// the overlap with each shift minus its non-deductible activities.
///
/// ```
/// use chrono::{NaiveDate, TimeZone, Utc};
/// use wfm_scheduler::{PlacedActivity, Shift};
/// let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
/// let shift = Shift { date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), start: t(8, 0), end: t(14, 0),
///     activities: vec![PlacedActivity { activity: "Break".into(), start: t(11, 0), end: t(11, 30) }] };
/// let d = wfm_scheduler::timeoff::deduct(t(0, 0), t(23, 59), &[shift], &|a| a != "Break");
/// assert_eq!(d.seconds, 5 * 3600 + 1800); // 6 h less a 30-minute break
/// ```
pub fn deduct(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    shifts: &[Shift],
    deductible: &dyn Fn(&str) -> bool,
) -> Deduction {
    let mut pieces = Vec::new();
    for s in shifts {
        let (lo, hi) = (s.start.max(start), s.end.min(end));
        if lo >= hi {
            continue;
        }
        let mut cut: Vec<_> = s
            .activities
            .iter()
            .filter(|a| !deductible(&a.activity))
            .map(|a| (a.start, a.end))
            .collect();
        pieces.extend(subtract(lo, hi, &mut cut));
    }
    pieces.sort();
    Deduction::from_pieces(pieces)
}

/// Whether an activity of the scenario counts towards a deduction: an unknown name or
/// one whose "deduct from balance" is yes does; breaks, meals and others flagged no do
/// not.
pub fn deductible(scenario: &Scenario, activity: &str) -> bool {
    scenario
        .activity(activity)
        .is_none_or(|a| a.deduct_from_balance)
}

/// The shift the agent's profile stands for on `date` when no schedule is published:
/// `None` on a day off (or without a profile).
///
/// ```
/// # let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/scenarios/schedule_example.toml")).unwrap();
/// # let sc = wfm_scheduler::Scenario::from_toml(&text, "example").unwrap();
/// let agent = sc.agents()[0];
/// let monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let shift = wfm_scheduler::timeoff::profile_shift(&sc, agent, monday);
/// assert!(shift.is_none_or(|s| s.start < s.end));
/// ```
pub fn profile_shift(scenario: &Scenario, agent: &str, date: NaiveDate) -> Option<Shift> {
    let profile = scenario.profile_of(agent)?;
    if profile.days.status(date.weekday()) == DayStatus::Off {
        return None;
    }
    let mut minutes = profile.max_shift_minutes.min(profile.window().minutes());
    if let Some(max) = scenario.hours_of(agent).daily_max_hours {
        minutes = minutes.min(crate::model::hours_to_minutes(max));
    }
    if minutes == 0 {
        return None;
    }
    let naive =
        date.and_hms_opt(0, 0, 0)? + Duration::minutes(i64::from(profile.earliest_start.minutes()));
    let start = match profile.clock {
        ProfileClock::Utc => naive.and_utc(),
        ProfileClock::Local => scenario
            .time_zone(agent)
            .from_local_datetime(&naive)
            .earliest()?
            .with_timezone(&Utc),
    };
    let end = start + Duration::minutes(i64::from(minutes));
    let activities = profile
        .activity_group(minutes)
        .map(|g| {
            g.activities
                .iter()
                .filter_map(|p| {
                    let act = scenario.activity(&p.activity)?;
                    let anchor = match p.anchor {
                        Anchor::Start => start,
                        Anchor::End => end,
                    };
                    let s = anchor + Duration::minutes(i64::from(p.earliest_minutes));
                    let e = s + Duration::minutes(i64::from(p.duration(act)));
                    Some(PlacedActivity {
                        activity: p.activity.clone(),
                        start: s,
                        end: e,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Shift {
        date,
        start,
        end,
        activities,
    })
}

/// The dates whose shifts can overlap `[start, end)`: from the day before the start (a
/// shift past midnight) to the end's day.
pub fn dates_touching(start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<NaiveDate> {
    let mut d = start.date_naive() - Duration::days(1);
    let last = end.date_naive();
    let mut out = Vec::new();
    while d <= last {
        out.push(d);
        d += Duration::days(1);
    }
    out
}

/// The deduction of a request by `agent` over `[start, end)`: for each date, the
/// published shifts when `published(date)` gives them, else the profile's shift.
///
/// `published(date)` returns `Some(shifts)` (possibly empty: a day off) when a published
/// schedule covers the agent on that date, `None` when none does.
pub fn deduct_for_agent(
    scenario: &Scenario,
    agent: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    published: &dyn Fn(NaiveDate) -> Option<Vec<Shift>>,
) -> Deduction {
    let mut shifts = Vec::new();
    for date in dates_touching(start, end) {
        match published(date) {
            Some(s) => shifts.extend(s),
            None => shifts.extend(profile_shift(scenario, agent, date)),
        }
    }
    deduct(start, end, &shifts, &|a| deductible(scenario, a))
}

#[cfg(test)]
mod tests;
