//! Rules over the agent's days: Work days scheduled, weekly hours, work days per week,
//! days off, consecutive work days and days off.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{CountRange, DayStatus, hours_to_minutes};
use crate::scenario::Scenario;
use crate::validate::agent::AgentView;
use crate::validate::violation::{Rule, Sink, h};

pub(crate) fn check(scenario: &Scenario, a: &AgentView<'_>, sink: &mut Sink<'_>) {
    let req = scenario.request();
    // the agent's horizon: request days they are employed on
    let horizon: Vec<NaiveDate> = req.days().filter(|d| a.employed(*d)).collect();
    let worked: BTreeSet<NaiveDate> = a
        .shifts
        .iter()
        .filter(|s| s.end > s.start)
        .map(|s| s.date)
        .collect();
    for d in &horizon {
        if a.profile.days.status(d.weekday()) == DayStatus::Work && !worked.contains(d) {
            sink.push(
                Rule::WorkDayMissing,
                Some(*d),
                0.0,
                1.0,
                format!(
                    "no shift on {}, a Work day of profile '{}'",
                    d.weekday(),
                    a.profile.name
                ),
            );
        }
    }
    weeks(scenario, a, &horizon, &worked, sink);
    runs(&horizon, &worked, a.work_runs, true, sink);
    runs(&horizon, &worked, a.off_runs, false, sink);
}

fn weeks(
    scenario: &Scenario,
    a: &AgentView<'_>,
    horizon: &[NaiveDate],
    worked: &BTreeSet<NaiveDate>,
    sink: &mut Sink<'_>,
) {
    let req = scenario.request();
    let mut minutes: BTreeMap<i64, i64> = BTreeMap::new();
    for s in a
        .shifts
        .iter()
        .filter(|s| s.end > s.start && s.date >= req.start && s.date <= req.end)
    {
        *minutes.entry(req.week_of(s.date)).or_default() += s.minutes();
    }
    let last = req.week_of(req.end);
    for w in 0..=last {
        let first = req.start + Duration::days(7 * w);
        let days: Vec<NaiveDate> = (0..7).map(|i| first + Duration::days(i)).collect();
        // a full week: all 7 days in the request and in employment
        let full = days.iter().all(|d| horizon.contains(d));
        let m = minutes.get(&w).copied().unwrap_or(0) as f64;
        let when = Some(first);
        if let Some(max) = a
            .hours
            .weekly_max_hours
            .map(|x| f64::from(hours_to_minutes(x)))
            && m > max
        {
            sink.push(
                Rule::WeeklyMaxHours,
                when,
                m / 60.0,
                max / 60.0,
                format!("week of {first}: {} h exceeds max {} h", h(m), h(max)),
            );
        }
        if let Some(min) = a
            .hours
            .weekly_min_hours
            .map(|x| f64::from(hours_to_minutes(x)))
            && full
            && m < min
        {
            sink.push(
                Rule::WeeklyMinHours,
                when,
                m / 60.0,
                min / 60.0,
                format!("week of {first}: {} h is below min {} h", h(m), h(min)),
            );
        }
        let n = days.iter().filter(|d| worked.contains(d)).count() as u32;
        if let Some(r) = a.profile.work_days_per_week {
            let over = r.max.filter(|&max| n > max);
            let under = r.min.filter(|&min| full && n < min);
            if let Some(limit) = over.or(under) {
                sink.push(
                    Rule::WorkDaysPerWeek,
                    when,
                    f64::from(n),
                    f64::from(limit),
                    format!(
                        "week of {first}: {n} work days, profile '{}' allows {}–{}",
                        a.profile.name,
                        r.min.unwrap_or(0),
                        r.max.unwrap_or(7)
                    ),
                );
            }
        }
        if full && !a.profile.days_off.is_empty() {
            let off = days
                .iter()
                .any(|d| a.profile.days_off.contains(&d.weekday()) && !worked.contains(d));
            if !off {
                let names: Vec<String> = a.profile.days_off.iter().map(|d| d.to_string()).collect();
                sink.push(
                    Rule::DaysOff,
                    when,
                    0.0,
                    1.0,
                    format!(
                        "week of {first}: none of the days off {} is off",
                        names.join(" or ")
                    ),
                );
            }
        }
    }
}

/// Checks each maximal run of work days (`work`) or days off over the horizon; runs
/// touching the horizon's first or last day may be cut short and are exempt from `min`.
fn runs(
    horizon: &[NaiveDate],
    worked: &BTreeSet<NaiveDate>,
    range: CountRange,
    work: bool,
    sink: &mut Sink<'_>,
) {
    if range.min.is_none() && range.max.is_none() {
        return;
    }
    let kind = if work { "work days" } else { "days off" };
    let mut i = 0;
    while i < horizon.len() {
        let state = worked.contains(&horizon[i]);
        let mut j = i;
        // a gap in the horizon (employment) ends the run as well
        while j + 1 < horizon.len()
            && worked.contains(&horizon[j + 1]) == state
            && horizon[j + 1] - horizon[j] == Duration::days(1)
        {
            j += 1;
        }
        if state == work {
            let len = (j - i + 1) as u32;
            let edge = i == 0 || j + 1 == horizon.len();
            if let Some(max) = range.max
                && len > max
            {
                let rule = if work {
                    Rule::MaxConsecutiveWorkDays
                } else {
                    Rule::MaxConsecutiveDaysOff
                };
                sink.push(
                    rule,
                    Some(horizon[i]),
                    f64::from(len),
                    f64::from(max),
                    format!("{len} consecutive {kind} from {}, max {max}", horizon[i]),
                );
            }
            if let Some(min) = range.min
                && len < min
                && !edge
            {
                let rule = if work {
                    Rule::MinConsecutiveWorkDays
                } else {
                    Rule::MinConsecutiveDaysOff
                };
                sink.push(
                    rule,
                    Some(horizon[i]),
                    f64::from(len),
                    f64::from(min),
                    format!("{len} consecutive {kind} from {}, min {min}", horizon[i]),
                );
            }
        }
        i = j + 1;
    }
}
