//! Rolling weeks: the carry-over between weeks and a multi-week request checked by the
//! independent validator.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::{carry_into, relative_gap, schedule_request};
use crate::generate::{GenerateOptions, IntervalForecast, Limits};
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};
use crate::validate;

fn example(end: &str) -> Scenario {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/scenarios/schedule_example.toml"
    ))
    .unwrap()
    .replace("end = \"2026-03-08\"", &format!("end = \"{end}\""));
    Scenario::from_toml(&text, "schedule_example.toml").unwrap()
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

/// 4 contacts per 15 minutes 13:00–20:00 UTC, Monday to Saturday, AHT 300 s, `weeks`.
fn demand(weeks: usize) -> Vec<IntervalForecast> {
    (0..weeks * 672)
        .map(|i| IntervalForecast {
            volume: if (i % 672) / 96 < 6 && (52..80).contains(&(i % 96)) {
                4.0
            } else {
                0.0
            },
            aht_seconds: 300.0,
        })
        .collect()
}

fn options() -> GenerateOptions {
    GenerateOptions::new(Limits::new(20.0, 0.0).expect("valid limits"))
}

fn shift(day: NaiveDate, from_h: u32, to_h: i64) -> Shift {
    let start = Utc.from_utc_datetime(&day.and_hms_opt(from_h, 0, 0).unwrap());
    Shift {
        date: day,
        start,
        end: start + Duration::hours(to_h),
        activities: vec![],
    }
}

#[test]
fn carry_counts_the_run_of_work_days_before_the_week() {
    let sc = example("2026-03-15");
    let schedule = Schedule {
        agents: vec![
            AgentSchedule {
                agent: "ana".into(),
                // Wed, Fri, Sat, Sun before Monday 9 March: the run is 3 (Thu is off)
                shifts: [4, 6, 7, 8]
                    .iter()
                    .map(|&d| shift(date(d), 13, 8))
                    .collect(),
            },
            AgentSchedule {
                agent: "ben".into(),
                shifts: vec![shift(date(6), 13, 8)],
            },
        ],
    };
    let carry = carry_into(&sc, &schedule, date(9));
    assert_eq!(carry.worked_days_before.get("ana"), Some(&3));
    assert_eq!(carry.worked_days_before.get("ben"), None);
    // days off before the week: ben is off Sat and Sun, carla (no shift) the whole week,
    // lena (employed from Wednesday 4 March) five days, ana none
    assert_eq!(carry.off_days_before.get("ben"), Some(&2));
    assert_eq!(carry.off_days_before.get("carla"), Some(&7));
    assert_eq!(carry.off_days_before.get("lena"), Some(&5));
    assert_eq!(carry.off_days_before.get("ana"), None);
    assert!(carry.covered.is_empty(), "no shift reaches into the week");
}

#[test]
fn carry_counts_productive_quarter_hours_spilling_into_the_week() {
    let sc = example("2026-03-15");
    // Sunday 20:00 → Monday 02:00 UTC with a 15-minute break at Monday 00:30 and a
    // 30-minute lunch at 01:00: Monday's first eight quarter hours, three not productive.
    let mut s = shift(date(8), 20, 6);
    let at = |h: u32, m: u32| Utc.from_utc_datetime(&date(9).and_hms_opt(h, m, 0).unwrap());
    s.activities = vec![
        PlacedActivity {
            activity: "Break".into(),
            start: at(0, 30),
            end: at(0, 45),
        },
        PlacedActivity {
            activity: "Lunch".into(),
            start: at(1, 0),
            end: at(1, 30),
        },
    ];
    let schedule = Schedule {
        agents: vec![AgentSchedule {
            agent: "max".into(),
            shifts: vec![s],
        }],
    };
    let carry = carry_into(&sc, &schedule, date(9));
    assert_eq!(carry.worked_days_before.get("max"), Some(&1));
    assert_eq!(carry.covered.len(), 672);
    assert_eq!(&carry.covered[..9], &[1, 1, 0, 1, 0, 0, 1, 1, 0]);
    assert_eq!(carry.covered.iter().sum::<u32>(), 5);
}

#[test]
fn a_two_week_request_is_two_weeks_the_validator_accepts() {
    let sc = example("2026-03-15");
    let mut seen = Vec::new();
    let (schedule, report) = schedule_request(&sc, &demand(2), &options(), &mut |p| {
        seen.push(p.clone());
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(report.weeks.len(), 2);
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].done, 2);
    assert_eq!(report.weeks[1].week_start, date(9));
    assert!(
        report.unmet_intervals.is_empty(),
        "{:?} {:?}",
        report.unmet_intervals.len(),
        report.weeks[1]
    );
    assert!(
        validate(&sc, &schedule).is_empty(),
        "{:?}",
        validate(&sc, &schedule)
    );
    // the totals are the weeks' sums, and every date of both weeks is scheduled
    // (the returned weeks' objectives; nothing dropped here, so at most the tour
    // models' with the extra shifts: the polish may only lower it)
    let objective: f64 = report.weeks.iter().map(|w| w.report.objective).sum();
    assert!((report.objective - objective).abs() < 1e-9);
    let tours: f64 = report
        .weeks
        .iter()
        .map(|w| w.report.tours.objective + w.report.extra_cost)
        .sum();
    assert!(objective <= tours + 1e-6, "{objective} {tours}");
    assert!(report.lower_bound <= report.objective + 1e-9);
    assert_eq!(
        report.gap,
        relative_gap(report.objective, report.lower_bound)
    );
    let shifts: usize = schedule.agents.iter().map(|a| a.shifts.len()).sum();
    assert_eq!(report.shifts, shifts);
    for d in [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14] {
        assert!(
            schedule
                .agents
                .iter()
                .any(|a| a.shifts.iter().any(|s| s.date == date(d))),
            "nobody works on 2026-03-{d:02}"
        );
    }
    let paid: f64 = schedule
        .agents
        .iter()
        .flat_map(|a| &a.shifts)
        .map(|s| s.paid_minutes(&sc) as f64 / 60.0)
        .sum();
    assert!((report.paid_hours - paid).abs() < 1e-9);
}

#[test]
fn a_short_last_week_schedules_nothing_after_the_request() {
    let sc = example("2026-03-11");
    let (schedule, report) = schedule_request(&sc, &demand(2), &options(), &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(report.weeks.len(), 2);
    assert!(
        schedule
            .agents
            .iter()
            .flat_map(|a| &a.shifts)
            .all(|s| s.date <= date(11))
    );
    assert!(
        validate(&sc, &schedule).is_empty(),
        "{:?}",
        validate(&sc, &schedule)
    );
}
