//! One test per rule: a valid hand-written schedule for the example scenario, then one
//! injected violation, and exactly that rule reported.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::scenario::{Scenario, ScenarioConfig};
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};
use crate::validate::{Rule, Violation, validate};

const EXAMPLE: &str = include_str!("../../../data/scenarios/schedule_example.toml");

fn example() -> Scenario {
    Scenario::from_toml(EXAMPLE, "schedule_example.toml").unwrap()
}

fn variant(f: impl FnOnce(&mut ScenarioConfig)) -> Scenario {
    let mut c = example().config().clone();
    f(&mut c);
    Scenario::new(c, "variant").unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap()
}

/// A shift on `date` from `start` for `minutes`, activities as (name, offset, length).
fn shift(date: NaiveDate, start: DateTime<Utc>, minutes: i64, acts: &[(&str, i64, i64)]) -> Shift {
    let at = |m: i64| start + Duration::minutes(m);
    Shift {
        date,
        start,
        end: at(minutes),
        activities: acts
            .iter()
            .map(|&(a, off, len)| PlacedActivity {
                activity: a.into(),
                start: at(off),
                end: at(off + len),
            })
            .collect(),
    }
}

const FULL: &[(&str, i64, i64)] = &[("Break", 120, 15), ("Lunch", 240, 30), ("Break", 360, 15)];

/// The 8-hour day shift at 12:00 UTC.
fn day_shift(d: u32) -> Shift {
    shift(day(d), utc(d, 12, 0), 480, FULL)
}

/// The valid schedule: day agents Mon–Fri 8 h at 12:00 UTC; lena Wed–Fri 6 h; the
/// evening team Mon–Fri 16:00–21:00 New York time (21:00 UTC before the DST change).
fn valid() -> Schedule {
    let sc = example();
    let mut agents = Vec::new();
    for a in sc.agents() {
        let shifts = match a {
            "lena" => (4..=6)
                .map(|d| {
                    shift(
                        day(d),
                        utc(d, 12, 0),
                        360,
                        &[("Break", 120, 15), ("Lunch", 210, 30)],
                    )
                })
                .collect(),
            "max" | "nora" | "omar" | "pia" => (2..=6)
                .map(|d| shift(day(d), utc(d, 21, 0), 300, &[("Break", 120, 15)]))
                .collect(),
            _ => (2..=6).map(day_shift).collect(),
        };
        agents.push(AgentSchedule {
            agent: a.to_owned(),
            shifts,
        });
    }
    Schedule { agents }
}

fn agent_mut<'a>(s: &'a mut Schedule, name: &str) -> &'a mut Vec<Shift> {
    &mut s
        .agents
        .iter_mut()
        .find(|a| a.agent == name)
        .unwrap()
        .shifts
}

fn rules(v: &[Violation]) -> BTreeSet<Rule> {
    v.iter().map(|v| v.rule).collect()
}

/// Asserts exactly `rule` is reported, and returns the violations.
fn only(sc: &Scenario, s: &Schedule, rule: Rule) -> Vec<Violation> {
    let v = validate(sc, s);
    assert_eq!(rules(&v), BTreeSet::from([rule]), "{v:#?}");
    v
}

#[test]
fn valid_schedule_has_no_violation() {
    let v = validate(&example(), &valid());
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn unknown_agent() {
    let mut s = valid();
    s.agents.push(AgentSchedule {
        agent: "zoe".into(),
        shifts: vec![],
    });
    let v = only(&example(), &s, Rule::UnknownAgent);
    assert_eq!(v[0].agent.as_deref(), Some("zoe"));
}

#[test]
fn unknown_activity() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[
            ("Break", 120, 15),
            ("Lunch", 240, 30),
            ("Nap", 300, 15),
            ("Break", 360, 15),
        ],
    );
    only(&example(), &s, Rule::UnknownActivity);
}

#[test]
fn empty_interval() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[
            ("Break", 120, 15),
            ("Lunch", 240, 30),
            ("Team meeting", 300, 0),
            ("Break", 360, 15),
        ],
    );
    only(&example(), &s, Rule::EmptyInterval);
}

#[test]
fn outside_request() {
    let mut s = valid();
    agent_mut(&mut s, "ana").push(day_shift(9));
    only(&example(), &s, Rule::OutsideRequest);
}

#[test]
fn employment() {
    let mut s = valid();
    let lena = agent_mut(&mut s, "lena");
    lena[2] = shift(
        day(3),
        utc(3, 12, 0),
        360,
        &[("Break", 120, 15), ("Lunch", 210, 30)],
    );
    let v = only(&example(), &s, Rule::Employment);
    assert_eq!(
        (v[0].agent.as_deref(), v[0].date),
        (Some("lena"), Some(day(3)))
    );
}

#[test]
fn granularity() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(day(2), utc(2, 12, 5), 480, FULL);
    only(&example(), &s, Rule::Granularity);
}

#[test]
fn one_shift_per_day() {
    let mut s = valid();
    let ana = agent_mut(&mut s, "ana");
    ana[0] = shift(day(2), utc(2, 12, 0), 180, &[]);
    ana.push(shift(day(2), utc(2, 16, 0), 180, &[]));
    only(&example(), &s, Rule::OneShiftPerDay);
}

/// Shifts on different dates cannot overlap without leaving their profile windows (a
/// window is at most 24 h), and two on one date are also [`Rule::OneShiftPerDay`]: this
/// rule never comes alone.
#[test]
fn overlapping_shifts() {
    let mut s = valid();
    let ana = agent_mut(&mut s, "ana");
    ana[0] = shift(day(2), utc(2, 12, 0), 180, &[]);
    ana.push(shift(day(2), utc(2, 14, 0), 180, &[]));
    let v = validate(&example(), &s);
    assert_eq!(
        rules(&v),
        BTreeSet::from([Rule::OneShiftPerDay, Rule::OverlappingShifts]),
        "{v:#?}"
    );
}

#[test]
fn off_day() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[4] = day_shift(8); // Sunday instead of Friday
    only(&example(), &s, Rule::OffDay);
}

#[test]
fn work_day_missing() {
    let sc = variant(|c| c.profiles[0].days.mon = crate::model::DayStatus::Work);
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    agent_mut(&mut s, "ana").remove(0);
    let v = only(&sc, &s, Rule::WorkDayMissing);
    assert_eq!(v[0].date, Some(day(2)));
}

#[test]
fn shift_window() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(day(2), utc(2, 11, 0), 480, FULL);
    let v = only(&example(), &s, Rule::ShiftWindow);
    assert_eq!(v[0].value, 60.0);
}

/// Monday 9.5 h and Tuesday 6.5 h: still 40 h in the week.
fn long_monday(s: &mut Schedule) {
    let ana = agent_mut(s, "ana");
    ana[0] = shift(day(2), utc(2, 12, 0), 570, &[]);
    ana[1] = shift(
        day(3),
        utc(3, 12, 0),
        390,
        &[("Break", 120, 15), ("Lunch", 210, 30)],
    );
}

#[test]
fn shift_length_where_no_daily_hours() {
    let sc = variant(|c| c.staffing_groups[0].hours.daily_max_hours = None);
    let mut s = valid();
    long_monday(&mut s);
    let v = only(&sc, &s, Rule::ShiftLength);
    assert_eq!((v[0].value, v[0].limit), (570.0, 540.0));
    assert_eq!(v[0].message, "shift of 9.5 h exceeds the profile's max 9 h");
}

#[test]
fn daily_max_hours() {
    let mut s = valid();
    long_monday(&mut s);
    let v = only(&example(), &s, Rule::DailyMaxHours);
    assert_eq!(v[0].message, "shift of 9.5 h exceeds max 9 h");
    assert_eq!((v[0].value, v[0].limit), (9.5, 9.0));
}

#[test]
fn daily_min_hours() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(day(2), utc(2, 12, 0), 330, &[]);
    only(&example(), &s, Rule::DailyMinHours);
}

#[test]
fn staff_rule_overrides_group_daily_max() {
    // lena's own daily max is 6.5 h (the group's 9 h does not apply to her)
    let mut s = valid();
    agent_mut(&mut s, "lena")[0] = shift(day(4), utc(4, 12, 0), 450, FULL);
    let v = only(&example(), &s, Rule::DailyMaxHours);
    assert_eq!((v[0].value, v[0].limit), (7.5, 6.5));
}

#[test]
fn weekly_max_hours() {
    let mut s = valid();
    *agent_mut(&mut s, "ana") = (2..=6)
        .map(|d| {
            shift(
                day(d),
                utc(d, 12, 0),
                540,
                &[("Break", 120, 15), ("Lunch", 240, 30), ("Break", 420, 15)],
            )
        })
        .collect();
    let v = only(&example(), &s, Rule::WeeklyMaxHours);
    assert_eq!(
        (v[0].value, v[0].limit, v[0].date),
        (45.0, 40.0, Some(day(2)))
    );
}

#[test]
fn weekly_min_hours() {
    let mut s = valid();
    agent_mut(&mut s, "ana").truncate(3);
    let v = only(&example(), &s, Rule::WeeklyMinHours);
    assert_eq!((v[0].value, v[0].limit), (24.0, 30.0));
}

#[test]
fn activity_outside_shift() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0].activities.push(PlacedActivity {
        activity: "Team meeting".into(),
        start: utc(2, 20, 0),
        end: utc(2, 21, 0),
    });
    only(&example(), &s, Rule::ActivityOutsideShift);
}

#[test]
fn overlapping_activities() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[
            ("Break", 120, 15),
            ("Lunch", 240, 30),
            ("Team meeting", 330, 60),
            ("Break", 360, 15),
        ],
    );
    let v = only(&example(), &s, Rule::OverlappingActivities);
    assert_eq!(v[0].value, 30.0);
}

#[test]
fn activity_missing() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0].activities.pop();
    only(&example(), &s, Rule::ActivityMissing);
}

#[test]
fn activity_window() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[("Break", 60, 15), ("Lunch", 240, 30), ("Break", 360, 15)],
    );
    let v = only(&example(), &s, Rule::ActivityWindow);
    assert_eq!((v[0].value, v[0].limit), (60.0, 90.0));
}

#[test]
fn activity_window_anchored_at_the_end() {
    let mut s = valid();
    // last break 30 min before the end: the window is 120–75 min before the end
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[("Break", 120, 15), ("Lunch", 240, 30), ("Break", 450, 15)],
    );
    let v = only(&example(), &s, Rule::ActivityWindow);
    assert_eq!((v[0].value, v[0].limit), (-30.0, -75.0));
}

#[test]
fn activity_duration() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[("Break", 120, 15), ("Lunch", 240, 45), ("Break", 360, 15)],
    );
    only(&example(), &s, Rule::ActivityDuration);
}

#[test]
fn min_break_interval() {
    let mut s = valid();
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[("Break", 150, 15), ("Lunch", 210, 30), ("Break", 360, 15)],
    );
    let v = only(&example(), &s, Rule::MinBreakInterval);
    assert_eq!((v[0].value, v[0].limit), (45.0, 60.0));
}

#[test]
fn max_break_interval() {
    let sc = variant(|c| c.profiles[0].max_break_interval_minutes = Some(120));
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    agent_mut(&mut s, "ana")[0] = shift(
        day(2),
        utc(2, 12, 0),
        480,
        &[("Break", 90, 15), ("Lunch", 240, 30), ("Break", 360, 15)],
    );
    let v = only(&sc, &s, Rule::MaxBreakInterval);
    assert_eq!((v[0].value, v[0].limit), (135.0, 120.0));
}

#[test]
fn work_days_per_week() {
    let mut s = valid();
    *agent_mut(&mut s, "ana") = (2..=7)
        .map(|d| {
            shift(
                day(d),
                utc(d, 12, 0),
                360,
                &[("Break", 120, 15), ("Lunch", 210, 30)],
            )
        })
        .collect();
    let v = only(&example(), &s, Rule::WorkDaysPerWeek);
    assert_eq!((v[0].value, v[0].limit), (6.0, 5.0));
}

#[test]
fn days_off() {
    let sc = variant(|c| c.profiles[0].days_off = vec![chrono::Weekday::Sat]);
    let mut s = valid();
    agent_mut(&mut s, "ana")[4] = day_shift(7); // Saturday instead of Friday
    only(&sc, &s, Rule::DaysOff);
}

fn kai_rule(f: impl FnOnce(&mut crate::model::StaffRule)) -> Scenario {
    variant(|c| f(c.staff_rules.iter_mut().find(|r| r.agent == "kai").unwrap()))
}

fn kai_works(s: &mut Schedule, days: &[u32]) {
    *agent_mut(s, "kai") = days.iter().map(|&d| day_shift(d)).collect();
}

#[test]
fn max_consecutive_work_days() {
    let sc = kai_rule(|r| {
        r.consecutive_work_days = Some(crate::model::CountRange {
            min: None,
            max: Some(4),
        })
    });
    let v = only(&sc, &valid(), Rule::MaxConsecutiveWorkDays);
    assert_eq!(
        (v[0].value, v[0].limit, v[0].date),
        (5.0, 4.0, Some(day(2)))
    );
}

#[test]
fn min_consecutive_work_days() {
    let sc = kai_rule(|r| {
        r.consecutive_work_days = Some(crate::model::CountRange {
            min: Some(2),
            max: None,
        })
    });
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    kai_works(&mut s, &[2, 3, 5, 7]); // Mon Tue (edge), Thu alone, Sat alone
    let v = only(&sc, &s, Rule::MinConsecutiveWorkDays);
    assert_eq!(
        v.iter().map(|v| v.date.unwrap()).collect::<Vec<_>>(),
        vec![day(5), day(7)]
    );
}

#[test]
fn max_consecutive_days_off() {
    let sc = kai_rule(|r| {
        r.consecutive_days_off = Some(crate::model::CountRange {
            min: None,
            max: Some(2),
        })
    });
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    kai_works(&mut s, &[2, 3, 4, 5]); // Fri Sat Sun off
    let v = only(&sc, &s, Rule::MaxConsecutiveDaysOff);
    assert_eq!(
        (v[0].value, v[0].limit, v[0].date),
        (3.0, 2.0, Some(day(6)))
    );
}

#[test]
fn min_consecutive_days_off() {
    let sc = kai_rule(|r| {
        r.consecutive_days_off = Some(crate::model::CountRange {
            min: Some(2),
            max: None,
        })
    });
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    kai_works(&mut s, &[2, 3, 5, 6]); // Wed off alone
    let v = only(&sc, &s, Rule::MinConsecutiveDaysOff);
    assert_eq!(v[0].date, Some(day(4)));
}

#[test]
fn same_start_time() {
    let mut s = valid();
    agent_mut(&mut s, "max")[0] = shift(day(2), utc(2, 21, 30), 300, &[("Break", 120, 15)]);
    let v = only(&example(), &s, Rule::SameStartTime);
    assert_eq!((v[0].agent.as_deref(), v[0].value), (Some("max"), 30.0));
}

#[test]
fn minimum_staff() {
    let sc = variant(|c| c.staffing_groups[0].minimum_staff[0].agents = 12);
    // Monday and Tuesday: lena is not employed yet, 11 agents
    let v = only(&sc, &valid(), Rule::MinimumStaff);
    assert_eq!(v.len(), 4); // 12:00–12:30 and 12:30–13:00 on both days
    assert_eq!(
        (v[0].group.as_deref(), v[0].date, v[0].value, v[0].limit),
        (Some("Day team"), Some(day(2)), 11.0, 12.0)
    );
}

#[test]
fn minimum_staff_with_nobody_in_the_window_reads_zero() {
    // the validator measures only the shifts reaching into the window: with none, the
    // staff is +0 (not the empty sum's −0, which would print "-0.00")
    let mut s = valid();
    for a in &mut s.agents {
        a.shifts.retain(|x| x.date != day(2));
    }
    let v: Vec<Violation> = validate(&example(), &s)
        .into_iter()
        .filter(|v| v.rule == Rule::MinimumStaff)
        .collect();
    assert_eq!(v.len(), 2, "{v:#?}"); // 12:00–12:30 and 12:30–13:00 on Monday
    assert!(v[0].value == 0.0 && v[0].value.is_sign_positive());
    assert!(
        v[0].message.contains(": 0.00 productive agents"),
        "{}",
        v[0]
    );
}

#[test]
fn minimum_staff_counts_breaks_as_not_productive() {
    let sc = variant(|c| c.staffing_groups[0].minimum_staff[0].agents = 11);
    let mut s = valid();
    assert!(validate(&sc, &s).is_empty());
    // a 15-minute meeting at 12:00 takes ana out for half of the first interval
    agent_mut(&mut s, "ana")[0].activities.push(PlacedActivity {
        activity: "Team meeting".into(),
        start: utc(2, 12, 0),
        end: utc(2, 12, 15),
    });
    let v = only(&sc, &s, Rule::MinimumStaff);
    assert_eq!((v.len(), v[0].value), (1, 10.5));
}

#[test]
fn local_clock_follows_dst() {
    // Sunday 8 March, after the change: 16:00 New York is 20:00 UTC; before it (EST),
    // 20:00 UTC is 15:00 in New York, too early
    let mut s = valid();
    for a in ["max", "nora", "omar", "pia"] {
        agent_mut(&mut s, a).remove(0); // Monday off, keeps 5 days
        agent_mut(&mut s, a).push(shift(day(8), utc(8, 20, 0), 300, &[("Break", 120, 15)]));
    }
    assert!(
        validate(&example(), &s).is_empty(),
        "{:#?}",
        validate(&example(), &s)
    );
    for a in ["max", "nora", "omar", "pia"] {
        agent_mut(&mut s, a)[0] = shift(day(3), utc(3, 20, 0), 300, &[("Break", 120, 15)]);
    }
    let v = only(&example(), &s, Rule::ShiftWindow);
    assert_eq!(v.len(), 4);
}

#[test]
fn paid_hours_and_coverage() {
    let sc = example();
    let s = valid();
    let by_day = s.paid_hours_by_day(&sc);
    assert_eq!(by_day[&("ana".to_owned(), day(2))], 7.5); // 8 h less the unpaid 30-min lunch
    let by_week = s.paid_hours_by_week(&sc);
    assert_eq!(by_week[&("lena".to_owned(), 0)], 3.0 * 5.5);
    // Monday 12:00–16:30 UTC: 11 day agents (lena not yet); 14:00–14:30 everyone's first break
    let cov = s.coverage(&sc, utc(2, 12, 0), 9);
    assert_eq!(
        cov,
        vec![11.0, 11.0, 11.0, 11.0, 5.5, 11.0, 11.0, 11.0, 0.0]
    );
}

#[test]
fn shift_across_the_dst_change_has_its_true_length() {
    // max gets a night profile, 20:00–08:00 New York time, and up to 7 h a day
    let sc = variant(|c| {
        let mut night = c.profiles[1].clone();
        night.name = "Night".into();
        night.earliest_start = "20:00".parse().unwrap();
        night.latest_end = "08:00".parse().unwrap();
        night.max_shift_minutes = 480;
        c.profiles.push(night);
        let r = c.staff_rules.iter_mut().find(|r| r.agent == "max").unwrap();
        r.profile = Some("Night".into());
        r.hours.daily_max_hours = Some(7.0);
        r.hours.weekly_max_hours = Some(40.0);
    });
    let mut s = valid();
    let max = agent_mut(&mut s, "max");
    max.clear();
    // Saturday 22:00 EST (03:00 UTC Sunday) to Sunday 06:00 EDT (10:00 UTC): 8 h on the
    // wall clock, 7 h true
    max.push(shift(day(7), utc(8, 3, 0), 420, &[("Break", 120, 15)]));
    let v = validate(&sc, &s);
    assert!(v.is_empty(), "{v:#?}");
    // to 07:00 EDT (11:00 UTC) is 8 h true, above the 7 h maximum
    agent_mut(&mut s, "max")[0] = shift(day(7), utc(8, 3, 0), 480, &[("Break", 120, 15)]);
    let v = only(&sc, &s, Rule::DailyMaxHours);
    assert_eq!(v[0].value, 8.0);
}

#[test]
fn schedule_round_trips_through_json() {
    let s = valid();
    let text = serde_json::to_string(&s).unwrap();
    assert!(text.contains("\"start\":\"2026-03-02T12:00:00Z\""));
    let back: Schedule = serde_json::from_str(&text).unwrap();
    assert_eq!(back, s);
}
