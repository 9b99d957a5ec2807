//! The joint week: groups sharing a requirement, local clocks across DST, agents with
//! their own profile, day rules, carry-over. Every schedule goes through the validator.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc, Weekday};

use super::{GenerateOptions, WeekCarry, schedule_week, schedule_week_all};
use crate::generate::{IntervalForecast, Limits};
use crate::scenario::Scenario;
use crate::{Schedule, validate};

fn monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn options() -> GenerateOptions {
    GenerateOptions::new(Limits::new(10.0, 0.0).expect("valid limits"))
}

/// Two groups on UTC profiles: Early 08:00–18:00 and Late 14:00–24:00, 8-hour shifts with
/// one break, 10 agents each, Sunday off. `extra` is appended to the file.
fn scenario(extra: &str) -> Scenario {
    let agents = |p: &str| {
        (1..=10)
            .map(|i| format!("\"{p}{i:02}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        r#"
version = 1
name = "joint"
interval = "30mins"
forecast_groups = ["Support"]

[request]
forecast_group = "Support"
start = "2026-03-02"
end = "2026-03-08"
goal = {{ type = "service_level", target = 0.8, within_seconds = 20 }}

[[activities]]
name = "Break"
kind = "break"
duration_minutes = 15
paid = true

[[profiles]]
name = "Early"
days = {{ mon = "flexible", tue = "flexible", wed = "flexible", thu = "flexible", fri = "flexible", sat = "flexible", sun = "off" }}
earliest_start = "08:00"
latest_end = "18:00"
min_shift_minutes = 480
max_shift_minutes = 480

[[profiles.activity_groups]]
name = "default"
activities = [{{ activity = "Break", earliest_minutes = 120, latest_minutes = 300 }}]

[[profiles]]
name = "Late"
days = {{ mon = "flexible", tue = "flexible", wed = "flexible", thu = "flexible", fri = "flexible", sat = "flexible", sun = "off" }}
earliest_start = "14:00"
latest_end = "24:00"
min_shift_minutes = 480
max_shift_minutes = 480

[[profiles.activity_groups]]
name = "default"
activities = [{{ activity = "Break", earliest_minutes = 120, latest_minutes = 300 }}]

[[staffing_groups]]
name = "Early team"
forecast_group = "Support"
profile = "Early"
agents = [{}]

[[staffing_groups]]
name = "Late team"
forecast_group = "Support"
profile = "Late"
agents = [{}]
{extra}
"#,
        agents("e"),
        agents("l")
    );
    Scenario::from_toml(&text, "joint.toml").unwrap()
}

/// `volume` contacts per 15 minutes from `from` to `to` o'clock UTC, Monday to Saturday.
fn demand(volume: f64, from: u32, to: u32) -> Vec<IntervalForecast> {
    (0..672u32)
        .map(|i| IntervalForecast {
            volume: if i / 96 < 6 && (from * 4..to * 4).contains(&(i % 96)) {
                volume
            } else {
                0.0
            },
            aht_seconds: 300.0,
        })
        .collect()
}

fn shifts(s: &Schedule) -> usize {
    s.agents.iter().map(|a| a.shifts.len()).sum()
}

fn clean(sc: &Scenario, s: &Schedule) {
    let v = validate(sc, s);
    assert!(v.is_empty(), "{} violations: {v:#?}", v.len());
}

fn instant(i: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&monday().and_hms_opt(0, 0, 0).unwrap())
        + Duration::minutes(i64::from(i) * 15)
}

/// Productive agents of `agents` (prefix) per 15-minute interval of the week.
fn productive(sc: &Scenario, s: &Schedule, prefix: &str) -> Vec<f64> {
    (0..672)
        .map(|i| {
            s.agents
                .iter()
                .filter(|a| a.agent.starts_with(prefix))
                .flat_map(|a| &a.shifts)
                .map(|x| x.productive_minutes_in(sc, instant(i), instant(i + 1)) / 15.0)
                .sum()
        })
        .collect()
}

#[test]
fn two_groups_share_one_requirement() {
    let sc = scenario("");
    let d = demand(3.0, 8, 24);
    let (joint, report) =
        schedule_week_all(&sc, monday(), &d, &WeekCarry::default(), &options()).unwrap();
    clean(&sc, &joint);
    assert_eq!(report.pools.len(), 2);
    assert!(report.short_intervals.is_empty(), "{report:?}");
    // Alone, each group leaves the other's hours short and doubles the overlap.
    let (early, early_report) = schedule_week(&sc, "Early team", monday(), &d, &options()).unwrap();
    let (late, late_report) = schedule_week(&sc, "Late team", monday(), &d, &options()).unwrap();
    clean(&sc, &early);
    clean(&sc, &late);
    assert!(!early_report.short_intervals.is_empty());
    assert!(!late_report.short_intervals.is_empty());
    assert!(
        shifts(&joint) < shifts(&early) + shifts(&late),
        "joint {} vs {} + {}",
        shifts(&joint),
        shifts(&early),
        shifts(&late)
    );
    // Coverage is summed over the groups: at 09:00 only the early team works, at 23:00
    // only the late team, and together they meet the requirement everywhere.
    let (e, l) = (productive(&sc, &joint, "e"), productive(&sc, &joint, "l"));
    let required = &report.required;
    for t in 0..672 {
        assert!(e[t] + l[t] + 1e-9 >= f64::from(required[t]), "interval {t}");
    }
    assert!(e[36] >= 1.0 && l[36] == 0.0);
    assert!(l[92] >= 1.0 && e[92] == 0.0);
    // The tour model's bound is on the joint model: the reported shifts are within it.
    assert!(report.tours.lower_bound <= report.tours.objective + 1e-9);
    assert!(report.tours.lower_bound.floor() as usize <= shifts(&joint));
}

#[test]
fn an_agent_with_their_own_profile_gets_its_window() {
    let sc = scenario(
        r#"
[[staff_rules]]
agent = "e10"
time_zone = "UTC"
profile = "Late"
"#,
    );
    let d = demand(3.0, 8, 24);
    let (s, report) =
        schedule_week_all(&sc, monday(), &d, &WeekCarry::default(), &options()).unwrap();
    clean(&sc, &s);
    assert_eq!(report.pools.len(), 3, "{:?}", report.pools);
    let own = report
        .pools
        .iter()
        .find(|p| p.group == "Early team" && p.profile == "Late")
        .unwrap();
    assert_eq!(own.agents, 1);
    let e10 = s.agents.iter().find(|a| a.agent == "e10").unwrap();
    assert!(e10.shifts.iter().all(|x| x.start.hour() >= 14));
}

#[test]
fn local_clock_follows_dst_and_shifts_across_it_keep_their_length() {
    // The example's evening team in Boston, on a night window 22:00–06:00 local, Sunday a
    // Work day. US DST starts Sunday 2026-03-08 02:00: Saturday night 22:00 EST is 03:00
    // UTC, Sunday night 22:00 EDT is 02:00 UTC; Saturday's shift runs across the change.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/scenarios/schedule_example.toml"
    ))
    .unwrap();
    let sc = Scenario::from_toml(&text, "example").unwrap();
    let mut cfg = sc.config().clone();
    cfg.staffing_groups.retain(|g| g.name == "Evening team");
    cfg.staff_rules
        .retain(|r| r.agent != "lena" && r.agent != "kai");
    let p = cfg
        .profiles
        .iter_mut()
        .find(|p| p.name == "Evening")
        .unwrap();
    p.earliest_start = "22:00".parse().unwrap();
    p.latest_end = "06:00".parse().unwrap();
    p.days.sun = crate::model::DayStatus::Work;
    let sc = Scenario::new(cfg, "night").unwrap();
    // 1 contact per hour 03:00–08:00 UTC every day (one agent needed)
    let d: Vec<IntervalForecast> = (0..672)
        .map(|i| IntervalForecast {
            volume: if (12..32).contains(&(i % 96)) {
                0.25
            } else {
                0.0
            },
            aht_seconds: 300.0,
        })
        .collect();
    let (s, report) =
        schedule_week_all(&sc, monday(), &d, &WeekCarry::default(), &options()).unwrap();
    clean(&sc, &s);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    let all: Vec<_> = s.agents.iter().flat_map(|a| &a.shifts).collect();
    let on = |day: u32| {
        all.iter()
            .filter(move |x| x.date == NaiveDate::from_ymd_opt(2026, 3, day).unwrap())
    };
    assert!(on(7).count() > 0 && on(8).count() > 0, "{report:?}");
    for x in on(7) {
        // Saturday 22:00 EST = Sunday 03:00 UTC; 4–5 true hours across the change
        assert_eq!((x.start.day(), x.start.hour()), (8, 3));
        assert!((240..=300).contains(&x.minutes()), "{x:?}");
    }
    for x in on(8) {
        // Sunday 22:00 EDT = Monday 02:00 UTC, after the week's last interval: whole
        assert_eq!((x.start.day(), x.start.hour()), (9, 2));
        assert!((240..=300).contains(&x.minutes()));
    }
    for x in on(6) {
        assert_eq!((x.start.day(), x.start.hour()), (7, 3));
    }
}

#[test]
fn min_work_days_days_off_and_work_days_are_honoured() {
    // Low demand; profile: at least 5 work days, Saturday or Monday off, Wednesday Work.
    let base = scenario("");
    let mut cfg = base.config().clone();
    let p = cfg.profiles.iter_mut().find(|p| p.name == "Early").unwrap();
    p.work_days_per_week = Some(crate::model::CountRange {
        min: Some(5),
        max: Some(5),
    });
    p.days_off = vec![Weekday::Sat, Weekday::Mon];
    p.days.wed = crate::model::DayStatus::Work;
    cfg.staffing_groups.retain(|g| g.name == "Early team");
    let sc = Scenario::new(cfg, "days").unwrap();
    let d = demand(1.0, 9, 12);
    let (s, report) =
        schedule_week_all(&sc, monday(), &d, &WeekCarry::default(), &options()).unwrap();
    clean(&sc, &s);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    for a in &s.agents {
        let days: Vec<Weekday> = a.shifts.iter().map(|x| x.date.weekday()).collect();
        assert_eq!(days.len(), 5, "{}", a.agent);
        assert!(days.contains(&Weekday::Wed));
        assert!(!(days.contains(&Weekday::Sat) && days.contains(&Weekday::Mon)));
    }
}

#[test]
fn carry_over_limits_the_first_days_and_reduces_the_requirement() {
    let mut rules = String::new();
    for i in 1..=10 {
        rules.push_str(&format!(
            "\n[[staff_rules]]\nagent = \"e{i:02}\"\ntime_zone = \"UTC\"\nconsecutive_work_days = {{ max = 5 }}\n"
        ));
    }
    let sc = scenario(&rules);
    let d = demand(6.0, 8, 18);
    let mut carry = WeekCarry::default();
    carry.worked_days_before.insert("e01".into(), 5);
    carry.worked_days_before.insert("e02".into(), 4);
    let (s, _) = schedule_week_all(&sc, monday(), &d, &carry, &options()).unwrap();
    clean(&sc, &s);
    let days = |id: &str| -> Vec<u32> {
        let a = s.agents.iter().find(|a| a.agent == id).unwrap();
        a.shifts
            .iter()
            .map(|x| x.date.weekday().num_days_from_monday())
            .collect()
    };
    // e01 worked 5 days in a row: off on Monday; e02 worked 4: not both Monday and Tuesday
    assert!(!days("e01").contains(&0), "{:?}", days("e01"));
    assert!(!(days("e02").contains(&0) && days("e02").contains(&1)));
    // Coverage carried over into Monday 08:00–12:00 is taken off the requirement.
    let (_, plain) =
        schedule_week_all(&sc, monday(), &d, &WeekCarry::default(), &options()).unwrap();
    let mut covered = vec![0u32; 672];
    covered[32..48].fill(2);
    let carry = WeekCarry {
        covered: covered.clone(),
        ..WeekCarry::default()
    };
    let (s2, report) = schedule_week_all(&sc, monday(), &d, &carry, &options()).unwrap();
    clean(&sc, &s2);
    for (t, c) in covered.iter().enumerate() {
        assert_eq!(report.required[t], plain.required[t].saturating_sub(*c));
    }
    assert!(report.required[32..48].iter().sum::<u32>() < plain.required[32..48].iter().sum());
}
