//! Rules on the activities of each shift: known, inside the shift, not overlapping, the
//! activity group's activities present with their duration and inside their windows, and
//! break spacing.

use chrono::Duration;

use crate::model::{Anchor, GRID_MINUTES};
use crate::scenario::Scenario;
use crate::schedule::{PlacedActivity, Shift};
use crate::validate::agent::AgentView;
use crate::validate::shift::on_grid;
use crate::validate::violation::{Rule, Sink};

pub(crate) fn check(scenario: &Scenario, a: &AgentView<'_>, sink: &mut Sink<'_>) {
    for s in a.shifts.iter().filter(|s| s.end > s.start) {
        check_shift(scenario, a, s, sink);
    }
}

fn check_shift(scenario: &Scenario, a: &AgentView<'_>, s: &Shift, sink: &mut Sink<'_>) {
    let d = Some(s.date);
    let mut acts: Vec<&PlacedActivity> = s.activities.iter().collect();
    acts.sort_by_key(|x| (x.start, x.end));
    for x in &acts {
        if scenario.activity(&x.activity).is_none() {
            sink.push(
                Rule::UnknownActivity,
                d,
                0.0,
                0.0,
                format!("unknown activity '{}'", x.activity),
            );
        }
        if x.end <= x.start {
            sink.push(
                Rule::EmptyInterval,
                d,
                x.minutes() as f64,
                0.0,
                format!(
                    "activity '{}' {}–{} ends before it starts",
                    x.activity, x.start, x.end
                ),
            );
        } else if x.start < s.start || x.end > s.end {
            sink.push(
                Rule::ActivityOutsideShift,
                d,
                0.0,
                0.0,
                format!(
                    "activity '{}' {}–{} is not inside the shift {}–{}",
                    x.activity, x.start, x.end, s.start, s.end
                ),
            );
        }
        if !on_grid(x.start) || !on_grid(x.end) {
            sink.push(
                Rule::Granularity,
                d,
                0.0,
                f64::from(GRID_MINUTES),
                format!(
                    "activity '{}' {}–{} is not on the {GRID_MINUTES}-minute grid",
                    x.activity, x.start, x.end
                ),
            );
        }
    }
    for w in acts.windows(2) {
        if w[1].start < w[0].end {
            sink.push(
                Rule::OverlappingActivities,
                d,
                (w[0].end - w[1].start).num_minutes() as f64,
                0.0,
                format!(
                    "activities '{}' and '{}' overlap by {} min",
                    w[0].activity,
                    w[1].activity,
                    (w[0].end - w[1].start).num_minutes()
                ),
            );
        }
    }
    placements(scenario, a, s, &acts, sink);
    spacing(scenario, a, s, &acts, sink);
}

fn placements(
    scenario: &Scenario,
    a: &AgentView<'_>,
    s: &Shift,
    acts: &[&PlacedActivity],
    sink: &mut Sink<'_>,
) {
    let d = Some(s.date);
    let len = u32::try_from(s.minutes()).unwrap_or(u32::MAX);
    let Some(group) = a.profile.activity_group(len) else {
        return;
    };
    let mut used = vec![false; acts.len()];
    for p in &group.activities {
        let Some(def) = scenario.activity(&p.activity) else {
            continue;
        };
        let anchor = match p.anchor {
            Anchor::Start => s.start,
            Anchor::End => s.end,
        };
        let lo = anchor + Duration::minutes(i64::from(p.earliest_minutes));
        let hi = anchor + Duration::minutes(i64::from(p.latest_minutes));
        let candidates: Vec<usize> = (0..acts.len())
            .filter(|&i| !used[i] && acts[i].activity == p.activity)
            .collect();
        let Some(&i) = candidates
            .iter()
            .find(|&&i| acts[i].start >= lo && acts[i].start <= hi)
            .or(candidates.first())
        else {
            sink.push(
                Rule::ActivityMissing,
                d,
                0.0,
                1.0,
                format!(
                    "activity group '{}' for a {}-min shift requires '{}', not in the shift",
                    group.name, len, p.activity
                ),
            );
            continue;
        };
        used[i] = true;
        let x = acts[i];
        if x.start < lo || x.start > hi {
            let off = (x.start - anchor).num_minutes();
            sink.push(
                Rule::ActivityWindow,
                d,
                off as f64,
                f64::from(if off < i64::from(p.earliest_minutes) {
                    p.earliest_minutes
                } else {
                    p.latest_minutes
                }),
                format!(
                    "'{}' starts {off} min from the shift {}, outside its window {}…{} min",
                    p.activity,
                    if p.anchor == Anchor::Start {
                        "start"
                    } else {
                        "end"
                    },
                    p.earliest_minutes,
                    p.latest_minutes
                ),
            );
        }
        let want = i64::from(p.duration(def));
        if x.minutes() != want {
            sink.push(
                Rule::ActivityDuration,
                d,
                x.minutes() as f64,
                want as f64,
                format!(
                    "'{}' lasts {} min, the activity group says {want} min",
                    p.activity,
                    x.minutes()
                ),
            );
        }
    }
}

fn spacing(
    scenario: &Scenario,
    a: &AgentView<'_>,
    s: &Shift,
    acts: &[&PlacedActivity],
    sink: &mut Sink<'_>,
) {
    let breaks: Vec<&&PlacedActivity> = acts
        .iter()
        .filter(|x| {
            scenario
                .activity(&x.activity)
                .is_some_and(|k| k.kind.is_break())
        })
        .collect();
    for w in breaks.windows(2) {
        let gap = (w[1].start - w[0].end).num_minutes();
        if let Some(min) = a.profile.min_break_interval_minutes
            && gap < i64::from(min)
        {
            sink.push(
                Rule::MinBreakInterval,
                Some(s.date),
                gap as f64,
                f64::from(min),
                format!(
                    "'{}' starts {gap} min after '{}' ends, min break interval {min} min",
                    w[1].activity, w[0].activity
                ),
            );
        }
        if let Some(max) = a.profile.max_break_interval_minutes
            && gap > i64::from(max)
        {
            sink.push(
                Rule::MaxBreakInterval,
                Some(s.date),
                gap as f64,
                f64::from(max),
                format!(
                    "'{}' starts {gap} min after '{}' ends, max break interval {max} min",
                    w[1].activity, w[0].activity
                ),
            );
        }
    }
}
