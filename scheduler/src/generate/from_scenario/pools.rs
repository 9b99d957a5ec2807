//! The pools of a run: each staffing group's agents split by shift profile and (on the
//! local clock) time zone, in file order, and each such pool turned into a generator
//! [`Pool`] — its [`ShiftTemplate`] and its [`Agent`]s.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::agents::pool_agents;
use super::template::{shift_lengths, start_windows, window_of};
use super::{GRID, Notes, WeekFrame, bad};
use crate::error::Result;
use crate::generate::{Pool, ShiftTemplate};
use crate::model::{ProfileClock, ShiftProfile, StaffingGroup, hours_to_minutes};
use crate::scenario::Scenario;

/// A pool as built from the scenario, with what the output needs.
pub(super) struct PoolMap<'a> {
    pub(super) group: &'a StaffingGroup,
    pub(super) profile: &'a ShiftProfile,
    pub(super) tz: Tz,
    pub(super) agents: Vec<&'a str>,
    /// Per template length, the activity names of its breaks.
    pub(super) names: Vec<Vec<String>>,
    /// Per schedule day, its date (on the profile's clock).
    pub(super) dates: Vec<NaiveDate>,
}

/// Per group, its agents split by (profile, time zone), in file order; a group without
/// agents but with minimum staff is noted (it cannot be met).
///
/// # Errors
/// [`crate::SchedulerError::InvalidModel`] for an agent whose profile is unknown.
pub(super) fn split<'a>(
    scenario: &'a Scenario,
    groups: &[&'a StaffingGroup],
    dates: &[NaiveDate],
    notes: &mut Notes,
) -> Result<Vec<PoolMap<'a>>> {
    let mut maps: Vec<PoolMap> = Vec::new();
    for g in groups {
        let first = maps.len();
        for a in &g.agents {
            let Some(profile) = scenario.profile_of(a) else {
                return bad(format!("agent {a}: profile is unknown"));
            };
            // The time zone matters only on the local clock.
            let tz = match profile.clock {
                ProfileClock::Local => scenario.time_zone(a),
                ProfileClock::Utc => Tz::UTC,
            };
            match maps[first..]
                .iter_mut()
                .find(|m| m.profile.name == profile.name && m.tz == tz)
            {
                Some(m) => m.agents.push(a),
                None => maps.push(PoolMap {
                    group: g,
                    profile,
                    tz,
                    agents: vec![a],
                    names: Vec::new(),
                    dates: dates.to_vec(),
                }),
            }
        }
        if g.agents.is_empty() && !g.minimum_staff.is_empty() {
            notes.minimum_staff_missed.push(g.name.clone());
            notes.warnings.push(format!(
                "staffing group '{}' has no agents: its minimum staff cannot be met",
                g.name
            ));
        }
    }
    Ok(maps)
}

/// Per staffing group, how many pools it was split into.
pub(super) fn pools_per_group<'a>(maps: &[PoolMap<'a>]) -> BTreeMap<&'a str, usize> {
    let mut pools_of_group: BTreeMap<&str, usize> = BTreeMap::new();
    for m in maps {
        *pools_of_group.entry(m.group.name.as_str()).or_default() += 1;
    }
    pools_of_group
}

/// Per agent, the shift length bounds in intervals: daily hours where set, else the
/// profile's shift length bounds.
fn length_bounds(scenario: &Scenario, profile: &ShiftProfile, agents: &[&str]) -> Vec<(u32, u32)> {
    let bounds = |a: &str| {
        let h = scenario.hours_of(a);
        let lo = h
            .daily_min_hours
            .map_or(profile.min_shift_minutes, hours_to_minutes);
        let hi = h
            .daily_max_hours
            .map_or(profile.max_shift_minutes, hours_to_minutes);
        (lo.div_ceil(GRID), hi / GRID)
    };
    agents.iter().map(|a| bounds(a)).collect()
}

/// The generator's [`Pool`] of `m`: the shift lengths (their break names into `m.names`,
/// lengths whose windows cannot keep the break spacing into `dropped`), the agents, the
/// per-day start windows, and the pool's name (with profile and time zone when its group
/// is split).
///
/// # Errors
/// [`crate::SchedulerError::InvalidModel`] when no shift length is usable, or an activity
/// is unknown or off the grid.
pub(super) fn build_pool(
    frame: &WeekFrame<'_>,
    m: &mut PoolMap<'_>,
    pools_of_group: &BTreeMap<&str, usize>,
    dropped: &mut Vec<u32>,
) -> Result<Pool> {
    let profile = m.profile;
    let group = m.group;
    let windows: Vec<(i64, i64)> = frame
        .dates
        .iter()
        .map(|d| window_of(profile, m.tz, *d, frame.midnight))
        .collect();
    let widest = windows.iter().map(|(a, b)| b - a).max().unwrap_or(0).max(0) as u32;
    let all = length_bounds(frame.scenario, profile, &m.agents);
    let lo = all.iter().map(|b| b.0).min().unwrap_or(0);
    let hi = all.iter().map(|b| b.1).max().unwrap_or(0);
    let lengths = shift_lengths(frame, profile, (lo, hi, widest), &mut m.names, dropped)?;
    let Some(longest) = lengths.iter().map(|l| l.length).max() else {
        return bad(format!(
            "profile '{}' leaves no usable shift length for group '{}'",
            profile.name, group.name
        ));
    };
    let agents = pool_agents(frame, m, &all, &lengths);
    let days = start_windows(&windows, &agents, longest, group.same_start_time);
    let template = ShiftTemplate {
        earliest_start: 0,
        latest_start: 0,
        start_step: frame.step_of(profile).0,
        lengths,
        day_windows: Some(days),
    };
    let name = if pools_of_group
        .get(group.name.as_str())
        .is_some_and(|&n| n > 1)
    {
        format!("{} / {} / {}", group.name, profile.name, m.tz.name())
    } else {
        group.name.clone()
    };
    let mut pool = Pool::new(name, template);
    pool.max_shifts_per_day = Some(agents.len() as u32);
    pool.agents = agents;
    Ok(pool)
}
