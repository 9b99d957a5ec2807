//! Rules on each shift: request range, employment, grid, one per day, overlaps, weekday
//! status, the profile window, the shift length and daily hours.

use chrono::{DateTime, Datelike, Utc};

use crate::model::{DayStatus, GRID_MINUTES, hours_to_minutes};
use crate::scenario::Scenario;
use crate::schedule::Shift;
use crate::validate::agent::AgentView;
use crate::validate::violation::{Rule, Sink, h};

/// Whether an instant is on the 15-minute grid.
pub(crate) fn on_grid(t: DateTime<Utc>) -> bool {
    t.timestamp().rem_euclid(i64::from(GRID_MINUTES) * 60) == 0
}

/// Checks each of the agent's shifts (the rules of the module docs), then the hours of
/// each work day.
pub(crate) fn check(scenario: &Scenario, a: &AgentView<'_>, sink: &mut Sink<'_>) {
    for (i, s) in a.shifts.iter().enumerate() {
        if s.end <= s.start {
            sink.push(
                Rule::EmptyInterval,
                Some(s.date),
                s.minutes() as f64,
                0.0,
                format!("shift {}–{} ends before it starts", s.start, s.end),
            );
            continue;
        }
        dates(scenario, a, s, sink);
        grid(s, sink);
        overlaps(a, i, s, sink);
        day_and_window(a, s, sink);
        length(a, s, sink);
    }
    daily_hours(a, sink);
}

/// The shift's date inside the request and the agent's employment.
fn dates(scenario: &Scenario, a: &AgentView<'_>, s: &Shift, sink: &mut Sink<'_>) {
    let req = scenario.request();
    let d = Some(s.date);
    if s.date < req.start || s.date > req.end {
        sink.push(
            Rule::OutsideRequest,
            d,
            0.0,
            0.0,
            format!(
                "shift on {} is outside the schedule {}–{}",
                s.date, req.start, req.end
            ),
        );
    }
    if !a.employed(s.date) {
        let (st, en) = a.employment;
        sink.push(
            Rule::Employment,
            d,
            0.0,
            0.0,
            format!(
                "shift on {} outside employment {}–{}",
                s.date,
                st.map_or("…".into(), |x| x.to_string()),
                en.map_or("…".into(), |x| x.to_string())
            ),
        );
    }
}

/// The shift's start and end on the grid.
fn grid(s: &Shift, sink: &mut Sink<'_>) {
    let d = Some(s.date);
    if !on_grid(s.start) || !on_grid(s.end) {
        sink.push(
            Rule::Granularity,
            d,
            0.0,
            f64::from(GRID_MINUTES),
            format!(
                "shift {}–{} is not on the {GRID_MINUTES}-minute grid",
                s.start, s.end
            ),
        );
    }
}

/// One shift per day, and no overlap with the agent's earlier shifts (`i`: the shift's
/// index among them).
fn overlaps(a: &AgentView<'_>, i: usize, s: &Shift, sink: &mut Sink<'_>) {
    let d = Some(s.date);
    if let Some(prev) = a.shifts[..i].iter().rev().find(|p| p.date == s.date) {
        sink.push(
            Rule::OneShiftPerDay,
            d,
            2.0,
            1.0,
            format!(
                "second shift on {} (also {}–{})",
                s.date, prev.start, prev.end
            ),
        );
    }
    if let Some(prev) = a.shifts[..i]
        .iter()
        .find(|p| p.end > s.start && p.start < s.end)
    {
        sink.push(
            Rule::OverlappingShifts,
            d,
            0.0,
            0.0,
            format!(
                "shift {}–{} overlaps shift {}–{}",
                s.start, s.end, prev.start, prev.end
            ),
        );
    }
}

/// Not on a day the profile marks Off, inside the profile window.
fn day_and_window(a: &AgentView<'_>, s: &Shift, sink: &mut Sink<'_>) {
    let d = Some(s.date);
    if a.profile.days.status(s.date.weekday()) == DayStatus::Off {
        sink.push(
            Rule::OffDay,
            d,
            0.0,
            0.0,
            format!(
                "shift on {} which profile '{}' marks Off",
                s.date.weekday(),
                a.profile.name
            ),
        );
    }
    let (lo, hi) = a.window(s.date);
    if s.start < lo || s.end > hi {
        let late = (s.end - hi).num_minutes().max(0);
        let early = (lo - s.start).num_minutes().max(0);
        sink.push(
            Rule::ShiftWindow,
            d,
            early.max(late) as f64,
            0.0,
            format!(
                "shift {}–{} UTC is outside the profile window {}–{} UTC ({} min outside)",
                s.start.format("%m-%d %H:%M"),
                s.end.format("%m-%d %H:%M"),
                lo.format("%m-%d %H:%M"),
                hi.format("%m-%d %H:%M"),
                early.max(late)
            ),
        );
    }
}

/// The length within the profile's shift length bounds (where the agent has no daily
/// hours, which the daily check covers).
fn length(a: &AgentView<'_>, s: &Shift, sink: &mut Sink<'_>) {
    let d = Some(s.date);
    let len = s.minutes() as f64;
    if a.hours.daily_min_hours.is_none() && len < f64::from(a.profile.min_shift_minutes) {
        let min = f64::from(a.profile.min_shift_minutes);
        sink.push(
            Rule::ShiftLength,
            d,
            len,
            min,
            format!(
                "shift of {} h is below the profile's min {} h",
                h(len),
                h(min)
            ),
        );
    }
    if a.hours.daily_max_hours.is_none() && len > f64::from(a.profile.max_shift_minutes) {
        let max = f64::from(a.profile.max_shift_minutes);
        sink.push(
            Rule::ShiftLength,
            d,
            len,
            max,
            format!(
                "shift of {} h exceeds the profile's max {} h",
                h(len),
                h(max)
            ),
        );
    }
}

fn daily_hours(a: &AgentView<'_>, sink: &mut Sink<'_>) {
    let mut days: std::collections::BTreeMap<_, i64> = std::collections::BTreeMap::new();
    for s in a.shifts.iter().filter(|s| s.end > s.start) {
        *days.entry(s.date).or_default() += s.minutes();
    }
    for (date, minutes) in days {
        let m = minutes as f64;
        if let Some(min) = a
            .hours
            .daily_min_hours
            .map(|x| f64::from(hours_to_minutes(x)))
            && m < min
        {
            sink.push(
                Rule::DailyMinHours,
                Some(date),
                m / 60.0,
                min / 60.0,
                format!("work day of {} h is below min {} h", h(m), h(min)),
            );
        }
        if let Some(max) = a
            .hours
            .daily_max_hours
            .map(|x| f64::from(hours_to_minutes(x)))
            && m > max
        {
            sink.push(
                Rule::DailyMaxHours,
                Some(date),
                m / 60.0,
                max / 60.0,
                format!("shift of {} h exceeds max {} h", h(m), h(max)),
            );
        }
    }
}
