//! The generated week back in the configuration model's words: the [`Schedule`] (shifts
//! and activities at UTC instants, named activities), the pools' reports and the
//! warnings about minimum staff not met.

use chrono::{DateTime, Duration, Utc};

use super::pools::PoolMap;
use super::{GRID, Notes, PoolReport};
use crate::generate::{WeekProblem, WeekSchedule};
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};

/// The schedule of `week` (whose shift and break starts are week intervals from
/// `midnight`), each break named by its pool's activity for that length.
pub(super) fn schedule_of(
    week: &WeekSchedule,
    problem: &WeekProblem,
    maps: &[PoolMap<'_>],
    midnight: DateTime<Utc>,
) -> Schedule {
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
    Schedule { agents }
}

/// Notes each staffing group whose minimum staff `week` leaves short somewhere (once),
/// with a warning per short minimum row.
pub(super) fn note_minimum_short(week: &WeekSchedule, maps: &[PoolMap<'_>], notes: &mut Notes) {
    for (pools_of, short) in &week.minimum_short {
        if short.is_empty() {
            continue;
        }
        let group = &maps[pools_of[0]].group.name;
        if !notes.minimum_staff_missed.contains(group) {
            notes.minimum_staff_missed.push(group.clone());
        }
        notes.warnings.push(format!(
            "staffing group '{group}': minimum staff not met in {} of the week's 15-minute \
             intervals (first at interval {})",
            short.len(),
            short[0]
        ));
    }
}

/// One report per pool: its group, profile, time zone, agents, shifts and assignment.
pub(super) fn pool_reports(week: &WeekSchedule, maps: &[PoolMap<'_>]) -> Vec<PoolReport> {
    maps.iter()
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
        .collect()
}
