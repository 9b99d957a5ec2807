//! The bridge's key test: generated schedules pass the independent validator.

use chrono::NaiveDate;

use super::{GenerateOptions, schedule_week};
use crate::generate::{IntervalForecast, Limits};
use crate::scenario::Scenario;
use crate::{Schedule, validate};

fn example() -> Scenario {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/scenarios/schedule_example.toml"
    ))
    .unwrap();
    Scenario::from_toml(&text, "schedule_example.toml").unwrap()
}

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn options() -> GenerateOptions {
    GenerateOptions::new(Limits::new(5.0, 0.01).expect("valid limits"))
}

/// A bell of `peak` contacts per 15 minutes centred on 17:00 UTC, 12:00–22:00, AHT 300 s;
/// `noise` scales each interval by a factor in [1 − noise, 1 + noise] from `seed`.
fn demand(peak: f64, seed: u64, noise: f64) -> Vec<IntervalForecast> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..672)
        .map(|i| {
            let minute = (i % 96) * 15;
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            let volume = if (12 * 60..22 * 60).contains(&minute) && i / 96 < 6 {
                let x = (f64::from(minute) - 17.0 * 60.0) / 150.0;
                peak * (-x * x / 2.0).exp() * (1.0 + noise * (2.0 * u - 1.0))
            } else {
                0.0
            };
            IntervalForecast {
                volume,
                aht_seconds: 300.0,
            }
        })
        .collect()
}

fn run(sc: &Scenario, group: &str, d: &[IntervalForecast]) -> (Schedule, usize) {
    let (schedule, report) = schedule_week(sc, group, monday(), d, &options()).unwrap();
    let shifts: usize = schedule.agents.iter().map(|a| a.shifts.len()).sum();
    assert!(shifts > 0, "no shift generated: {report:?}");
    eprintln!(
        "{group}: {shifts} shifts, floor {}, {} short intervals, {} conflicts, {} unassigned, tour gap {:.4} ({:?}, {:.2} s)",
        report.staff_floor,
        report.short_intervals.len(),
        report.conflicts.len(),
        report.unassigned_shifts,
        report.tours.gap,
        report.tours.status,
        report.tours.seconds
    );
    let v = validate(sc, &schedule);
    assert!(v.is_empty(), "{} violations: {v:#?}", v.len());
    (schedule, shifts)
}

#[test]
fn from_scenario_example_passes_the_validator() {
    let sc = example();
    let (schedule, _) = run(&sc, "Day team", &demand(8.0, 1, 0.0));
    // lena joins on Wednesday: nothing before
    let lena = schedule.agents.iter().find(|a| a.agent == "lena").unwrap();
    assert!(
        lena.shifts
            .iter()
            .all(|s| s.date >= NaiveDate::from_ymd_opt(2026, 3, 4).unwrap())
    );
    // breaks and lunches carry the scenario's activity names
    let names: std::collections::BTreeSet<&str> = schedule
        .agents
        .iter()
        .flat_map(|a| &a.shifts)
        .flat_map(|s| &s.activities)
        .map(|x| x.activity.as_str())
        .collect();
    assert!(names.contains("Break") && names.contains("Lunch"));
}

#[test]
fn from_scenario_same_start_time_variant_passes() {
    let sc = example();
    let mut cfg = sc.config().clone();
    cfg.staffing_groups[0].same_start_time = true;
    cfg.staffing_groups[0].minimum_staff[0].agents = 3;
    let sc = Scenario::new(cfg, "variant").unwrap();
    run(&sc, "Day team", &demand(6.0, 2, 0.0));
}

#[test]
fn from_scenario_utc_evening_variant_passes() {
    // the evening profile on the UTC clock with its agents on UTC
    let sc = example();
    let mut cfg = sc.config().clone();
    let p = cfg
        .profiles
        .iter_mut()
        .find(|p| p.name == "Evening")
        .unwrap();
    p.clock = crate::model::ProfileClock::Utc;
    p.earliest_start = crate::TimeOfDay::from_minutes(16 * 60).unwrap();
    cfg.staff_rules.clear();
    cfg.staffing_groups.retain(|g| g.name == "Evening team");
    let sc = Scenario::new(cfg, "evening").unwrap();
    run(&sc, "Evening team", &demand(5.0, 3, 0.0));
}

#[test]
fn from_scenario_local_clock_group_passes() {
    // the evening team in Boston on its local clock (formerly rejected)
    let sc = example();
    let late: Vec<IntervalForecast> = (0..672)
        .map(|i| IntervalForecast {
            volume: if (84..96).contains(&(i % 96)) {
                2.0
            } else {
                0.0
            },
            aht_seconds: 300.0,
        })
        .collect();
    let (schedule, report) =
        schedule_week(&sc, "Evening team", monday(), &late, &options()).unwrap();
    assert!(
        schedule.agents.iter().any(|a| !a.shifts.is_empty()),
        "{report:?}"
    );
    let v: Vec<_> = validate(&sc, &schedule)
        .into_iter()
        .filter(|v| v.group.as_deref() == Some("Evening team"))
        .collect();
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn from_scenario_unknown_group_and_bad_demand_are_errors() {
    let sc = example();
    assert!(schedule_week(&sc, "Night", monday(), &demand(5.0, 1, 0.0), &options()).is_err());
    assert!(
        schedule_week(
            &sc,
            "Day team",
            monday(),
            &demand(5.0, 1, 0.0)[..96],
            &options()
        )
        .is_err()
    );
}

#[test]
fn from_scenario_random_demands_pass_the_validator() {
    let sc = example();
    for seed in [11, 12, 13] {
        let peak = 4.0 + (seed % 5) as f64 * 2.0;
        run(&sc, "Day team", &demand(peak, seed, 0.5));
    }
}
