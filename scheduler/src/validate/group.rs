//! Staffing-group rules: same start time, minimum staff over a time range.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};

use crate::model::StaffingGroup;
use crate::scenario::Scenario;
use crate::schedule::{Shift, interval_minutes};
use crate::validate::violation::{Rule, Sink};

/// `shifts`: the group's agents with their shifts.
pub(crate) fn check(
    scenario: &Scenario,
    g: &StaffingGroup,
    shifts: &[(&str, &Shift)],
    out: &mut Vec<crate::Violation>,
) {
    if g.same_start_time {
        same_start(g, shifts, out);
    }
    minimum_staff(scenario, g, shifts, out);
}

fn same_start(g: &StaffingGroup, shifts: &[(&str, &Shift)], out: &mut Vec<crate::Violation>) {
    let mut by_date: BTreeMap<_, Vec<(&str, DateTime<Utc>)>> = BTreeMap::new();
    for (agent, s) in shifts {
        by_date.entry(s.date).or_default().push((agent, s.start));
    }
    for (date, starts) in by_date {
        let mut counts: BTreeMap<DateTime<Utc>, usize> = BTreeMap::new();
        for (_, t) in &starts {
            *counts.entry(*t).or_default() += 1;
        }
        // the group's start: the most common, the earliest among ties
        let Some((&common, _)) = counts
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
        else {
            continue;
        };
        for (agent, t) in starts.into_iter().filter(|(_, t)| *t != common) {
            let diff = (t - common).num_minutes();
            let mut sink = Sink {
                agent: Some(agent),
                group: Some(&g.name),
                out,
            };
            sink.push(
                Rule::SameStartTime,
                Some(date),
                diff as f64,
                0.0,
                format!(
                    "starts {} UTC, the group '{}' starts {} UTC ({diff:+} min)",
                    t.format("%H:%M"),
                    g.name,
                    common.format("%H:%M")
                ),
            );
        }
    }
}

fn minimum_staff(
    scenario: &Scenario,
    g: &StaffingGroup,
    shifts: &[(&str, &Shift)],
    out: &mut Vec<crate::Violation>,
) {
    let len = interval_minutes(scenario.config().interval);
    let mut sink = Sink {
        agent: None,
        group: Some(&g.name),
        out,
    };
    for rule in &g.minimum_staff {
        let (lo, hi) =
            crate::model::DayWindow::new(rule.start.minutes(), rule.end.minutes()).span();
        for day in scenario.request().days() {
            if !rule.weekdays.is_empty() && !rule.weekdays.contains(&day.weekday()) {
                continue;
            }
            let midnight = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default());
            // the shifts that reach into the rule's window this day (the others add 0)
            let (open, close) = (
                midnight + Duration::minutes(i64::from(lo)),
                midnight + Duration::minutes(i64::from(hi)),
            );
            let today: Vec<&Shift> = shifts
                .iter()
                .map(|(_, s)| *s)
                .filter(|s| s.start < close && s.end > open)
                .collect();
            let mut t = i64::from(lo);
            while t < i64::from(hi) {
                let from = midnight + Duration::minutes(t);
                let to = midnight + Duration::minutes((t + len).min(i64::from(hi)));
                let width = (to - from).num_minutes() as f64;
                let staff: f64 = today
                    .iter()
                    .map(|s| s.productive_minutes_in(scenario, from, to))
                    .fold(0.0, |sum, m| sum + m)
                    / width;
                if staff + 1e-9 < f64::from(rule.agents) {
                    sink.push(
                        Rule::MinimumStaff,
                        Some(day),
                        staff,
                        f64::from(rule.agents),
                        format!(
                            "{}–{} UTC: {staff:.2} productive agents, minimum {}",
                            from.format("%H:%M"),
                            to.format("%H:%M"),
                            rule.agents
                        ),
                    );
                }
                t += len;
            }
        }
    }
}
