//! The pre-solve check: agent rules no schedule can keep, whatever the demand, found
//! from the configuration alone before any model is built (a staff rule's bounds over
//! its group's, against the agent's profile): a minimum above a maximum, weekly hours
//! the agent's days and daily hours cannot reach, a shortest work day longer than the
//! profile's window, the work days a week must have (its minimum work days, its Work
//! days) of at least the shortest work day above the weekly maximum hours, Work days
//! more than the profile's
//! work days or a run of them longer than the maximum, a run of Off days longer than
//! the maximum days off, days off that are all Work days, a minimum run of work days
//! no stretch of non-Off days holds, a minimum run of days off a stretch between Work
//! days cannot hold. Each is a [`RuleConflict`] naming the agent, the rule and the
//! profile; the generator still runs (the rule is kept where the week allows it).

use chrono::Weekday;

use crate::generate::RuleConflict;
use crate::model::{DayStatus, ShiftProfile, hours_to_minutes};
use crate::scenario::Scenario;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The longest run of days (Monday to Sunday, repeating week after week) with `holds`;
/// 7 × 2 when every day holds (unbounded).
fn longest_run(holds: impl Fn(Weekday) -> bool) -> u32 {
    let mut best = 0;
    let mut run = 0;
    for d in WEEK.iter().chain(WEEK.iter()) {
        run = if holds(*d) { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// The stretches of days between Work days (weeks repeating), each as the statuses of
/// its days; none without a Work day.
fn stretches(status: impl Fn(Weekday) -> DayStatus) -> Vec<Vec<DayStatus>> {
    let days: Vec<DayStatus> = WEEK.iter().map(|d| status(*d)).collect();
    let Some(first) = days.iter().position(|s| *s == DayStatus::Work) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut run = Vec::new();
    for i in 1..=7 {
        let s = days[(first + i) % 7];
        if s == DayStatus::Work {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        } else {
            run.push(s);
        }
    }
    out
}

/// Every rule of the run's agents that is infeasible on its own, in agent order.
///
/// # Examples
/// ```
/// use wfm_scheduler::Scenario;
/// use wfm_scheduler::generate::infeasible_rules;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
///     "/../data/scenarios/schedule_example.toml")).unwrap();
/// let sc = Scenario::from_toml(&text, "schedule_example.toml")?;
/// assert!(infeasible_rules(&sc).is_empty());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
pub fn infeasible_rules(scenario: &Scenario) -> Vec<RuleConflict> {
    let mut out = Vec::new();
    for g in scenario.run_groups() {
        for a in &g.agents {
            if let Some(p) = scenario.profile_of(a) {
                agent_rules(scenario, a, p, &mut out);
            }
        }
    }
    out
}

fn agent_rules(scenario: &Scenario, agent: &str, p: &ShiftProfile, out: &mut Vec<RuleConflict>) {
    let mut say = |rule: &str, detail: String| {
        out.push(RuleConflict {
            agent: agent.to_owned(),
            rule: rule.to_owned(),
            detail: format!("before solving: {detail} (profile '{}')", p.name),
        });
    };
    let h = scenario.hours_of(agent);
    let (work_runs, off_runs) = scenario.consecutive_of(agent);
    let status = |d: Weekday| p.days.status(d);
    let day_min = h
        .daily_min_hours
        .map_or(p.min_shift_minutes, hours_to_minutes);
    let day_max = h
        .daily_max_hours
        .map_or(p.max_shift_minutes, hours_to_minutes);
    if day_min > day_max {
        say(
            "daily hours",
            format!("the shortest work day {day_min} min is above the longest {day_max} min"),
        );
    }
    let window = p.window().minutes();
    if day_min > window {
        say(
            "daily hours",
            format!(
                "the shortest work day {day_min} min is longer than the shift window of {window} min"
            ),
        );
    }
    if let (Some(lo), Some(hi)) = (h.weekly_min_hours, h.weekly_max_hours)
        && lo > hi
    {
        say(
            "minimum weekly hours",
            format!("minimum {lo} h is above the maximum {hi} h"),
        );
    }
    let open = WEEK
        .iter()
        .filter(|&&d| status(d) != DayStatus::Off)
        .count() as u32;
    let work = WEEK
        .iter()
        .filter(|&&d| status(d) == DayStatus::Work)
        .count() as u32;
    let wd = p.work_days_per_week.unwrap_or_default();
    let days = wd.max.unwrap_or(7).min(open);
    if let Some(lo) = h.weekly_min_hours
        && hours_to_minutes(lo) > days * day_max
    {
        say(
            "minimum weekly hours",
            format!("{lo} h cannot be reached in {days} work days of at most {day_max} min"),
        );
    }
    let least = wd.min.unwrap_or(0).max(work);
    if let Some(hi) = h.weekly_max_hours
        && least * day_min > hours_to_minutes(hi)
    {
        say(
            "maximum weekly hours",
            format!(
                "{least} work days a week of at least {day_min} min are above the maximum {hi} h"
            ),
        );
    }
    if let Some(max) = wd.max
        && work > max
    {
        say(
            "work days per week",
            format!("{work} Work days a week, at most {max} work days allowed"),
        );
    }
    if let Some(min) = wd.min
        && min > open
    {
        say(
            "work days per week",
            format!("at least {min} work days, but only {open} days a week are not Off"),
        );
    }
    if !p.days_off.is_empty() && p.days_off.iter().all(|&d| status(d) == DayStatus::Work) {
        say(
            "days off",
            "every one of the days off is a Work day".to_owned(),
        );
    }
    run_rules(&mut say, status, work_runs, off_runs);
}

/// The consecutive-day rules against the profile's Work and Off days.
fn run_rules(
    say: &mut impl FnMut(&str, String),
    status: impl Fn(Weekday) -> DayStatus,
    work_runs: crate::model::CountRange,
    off_runs: crate::model::CountRange,
) {
    if let Some(max) = work_runs.max {
        let run = longest_run(|d| status(d) == DayStatus::Work);
        if run > max {
            say(
                "maximum consecutive work days",
                format!("{run} Work days in a row, at most {max} allowed"),
            );
        }
    }
    if let Some(max) = off_runs.max {
        let run = longest_run(|d| status(d) == DayStatus::Off);
        if run > max {
            say(
                "maximum consecutive days off",
                format!("{run} Off days in a row, at most {max} allowed"),
            );
        }
    }
    if let Some(min) = work_runs.min.filter(|&m| m > 1) {
        let run = longest_run(|d| status(d) != DayStatus::Off);
        if run < min {
            say(
                "minimum consecutive work days",
                format!("at least {min} in a row, but at most {run} days in a row are not Off"),
            );
        }
    }
    if let Some(min) = off_runs.min.filter(|&m| m > 1) {
        // an Off day between Work days closer than the minimum: a short run every week
        for st in stretches(&status) {
            let n = st.len() as u32;
            if n < min && st.contains(&DayStatus::Off) {
                say(
                    "minimum consecutive days off",
                    format!(
                        "at least {min} in a row, but an Off day lies between Work days \
                         {} days apart",
                        n + 1
                    ),
                );
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example scenario with `edit` applied to its configuration.
    fn example_with(edit: impl FnOnce(&mut crate::scenario::ScenarioConfig)) -> Scenario {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/scenarios/schedule_example.toml"
        ))
        .expect("the example");
        let sc = Scenario::from_toml(&text, "schedule_example.toml").expect("valid");
        let mut config = sc.config().clone();
        edit(&mut config);
        Scenario::new(config, "rules.toml").expect("valid")
    }

    /// Issue 20, item 4: rules that are each valid but cannot hold together are named
    /// before solving — the days a week must have of at least the shortest day above the
    /// weekly maximum, and a shortest day longer than the window.
    #[test]
    fn rules_that_cannot_hold_together_are_reported_before_solving() {
        assert!(infeasible_rules(&example_with(|_| {})).is_empty());
        let sc = example_with(|c| {
            let p = &mut c.profiles[0];
            p.work_days_per_week = Some(crate::model::CountRange {
                min: Some(5),
                max: Some(5),
            });
            let g = &mut c.staffing_groups[0];
            g.hours.weekly_min_hours = None;
            g.hours.weekly_max_hours = Some(20.0);
        });
        let c = infeasible_rules(&sc);
        // the 12 agents of the day team, this rule each
        assert_eq!(c.len(), 12, "{c:?}");
        assert!(
            c.iter().all(|c| c.rule == "maximum weekly hours"
                && c.detail
                    .contains("5 work days a week of at least 360 min are above the maximum 20 h")),
            "{c:?}"
        );
        let sc = example_with(|c| {
            let g = &mut c.staffing_groups[0];
            g.hours.daily_min_hours = Some(10.5);
            g.hours.daily_max_hours = Some(11.0);
        });
        let c = infeasible_rules(&sc);
        let window = c.iter().filter(|c| {
            c.rule == "daily hours"
                && c.detail
                    .contains("630 min is longer than the shift window of 600 min")
        });
        // every agent of the day team (Lena's own rules break more)
        assert_eq!(window.count(), 12, "{c:?}");
    }

    #[test]
    fn runs_wrap_around_the_week() {
        // Saturday, Sunday, Monday: 3 in a row across the week's end
        let off = |d: Weekday| matches!(d, Weekday::Sat | Weekday::Sun | Weekday::Mon);
        assert_eq!(longest_run(off), 3);
        assert_eq!(longest_run(|_| true), 14);
        // Work Tuesday, Thursday and Friday, Wednesday Off
        let status = |d: Weekday| match d {
            Weekday::Tue | Weekday::Thu | Weekday::Fri => DayStatus::Work,
            Weekday::Wed => DayStatus::Off,
            _ => DayStatus::Flexible,
        };
        let s = stretches(status);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], vec![DayStatus::Off]);
        assert_eq!(s[1].len(), 3); // Saturday to Monday
        assert!(stretches(|_| DayStatus::Flexible).is_empty());
    }
}
