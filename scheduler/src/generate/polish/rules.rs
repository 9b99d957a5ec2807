//! An agent's rules measured on a week of placed shifts, rule by rule, as the
//! assignment models them (`assign.rs`, `assign/rows.rs`, `assign/consecutive.rs`): a
//! polish move is taken only if no amount grows, so it breaks no rule that held and
//! worsens none that did not.

use crate::generate::assign::{consecutive, fits};
use crate::generate::input::{Agent, DAYS, WeekProblem};
use crate::generate::output::Shift;

/// How far a week is from each of the agent's rules (0: kept), in a fixed order:
/// shifts not fitting the agent, days with two shifts, intervals above the weekly
/// maximum and below the minimum, work days above the maximum and below the minimum,
/// days beyond the maximum run of work days, the days-off rule, Work days missed, days
/// beyond the maximum run of days off, minimum runs broken.
pub(crate) type Amounts = [u32; 11];

/// Whether `after` keeps every rule `before` kept and is nowhere further from one.
pub(crate) fn no_worse(after: &Amounts, before: &Amounts) -> bool {
    after.iter().zip(before).all(|(a, b)| a <= b)
}

/// Whether `after` is nowhere further than `before` from the rules over days (all but
/// the shift fit and the weekly hours, which depend on the shift's start and length).
pub(crate) fn days_no_worse(after: &Amounts, before: &Amounts) -> bool {
    after
        .iter()
        .zip(before)
        .enumerate()
        .all(|(i, (a, b))| matches!(i, 0 | 2 | 3) || a <= b)
}

/// The amounts of `agent`'s rules on `shifts` (of the agent's pool).
pub(crate) fn amounts(problem: &WeekProblem, agent: &Agent, shifts: &[Shift]) -> Amounts {
    let mut worked = [false; DAYS];
    let mut a: Amounts = [0; 11];
    let mut intervals = 0u32;
    for s in shifts {
        let d = usize::from(s.day);
        if !fits(agent, problem, d, s.start, s.end - s.start) {
            a[0] += 1;
        }
        if worked[d] {
            a[1] += 1;
        }
        worked[d] = true;
        intervals += s.end - s.start;
    }
    let minutes = problem.grid.minutes();
    let worked_minutes = intervals * minutes;
    if let Some(max) = agent.max_week_minutes {
        a[2] = worked_minutes.saturating_sub(max);
    }
    if let Some(min) = agent.min_week_minutes
        && agent.max_week_minutes.is_none_or(|max| min <= max)
    {
        a[3] = min.saturating_sub(worked_minutes);
    }
    let days = worked.iter().filter(|&&w| w).count() as u32;
    a[4] = agent
        .max_work_days
        .map_or(0, |m| days.saturating_sub(u32::from(m)));
    a[5] = agent
        .min_work_days
        .map_or(0, |m| u32::from(m).saturating_sub(days));
    a[6] = agent.max_consecutive_days.map_or(0, |m| {
        beyond(&worked, true, u32::from(agent.worked_days_before), m, agent)
    });
    let listed = (0..DAYS).filter(|d| agent.days_off_any & (1 << d) != 0);
    a[7] = u32::from(agent.days_off_any != 0 && listed.clone().all(|d| worked[d]));
    a[8] = (0..DAYS)
        .filter(|&d| agent.must_work[d] && agent.available(d) && !worked[d])
        .count() as u32;
    a[9] = agent.max_consecutive_off.map_or(0, |m| {
        beyond(&worked, false, u32::from(agent.off_days_before), m, agent)
    });
    a[10] = consecutive::broken(agent, &worked).len() as u32;
    a
}

/// Days beyond `max` in the runs of work days (`work`) or days off over the agent's
/// counted days, the first run starting with `carried` days; a day outside the horizon
/// ends a run.
fn beyond(worked: &[bool; DAYS], work: bool, carried: u32, max: u8, agent: &Agent) -> u32 {
    let mut run = carried;
    let mut over = 0;
    for (&counted, &w) in agent.counted.iter().zip(worked) {
        if counted && w == work {
            run += 1;
            if run > u32::from(max) {
                over += 1;
            }
        } else {
            run = 0;
        }
    }
    over
}
