use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::schedule::{AgentSchedule, PlacedActivity};

fn scenario() -> Scenario {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/scenarios/schedule_example.toml"
    ))
    .unwrap();
    Scenario::from_toml(&text, "schedule_example.toml").unwrap()
}

fn t(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, h, m, 0).unwrap()
}

fn shift(day: u32, from: (u32, u32), to: (u32, u32), activities: &[(&str, u32, u32)]) -> Shift {
    Shift {
        date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        start: t(day, from.0, from.1),
        end: t(day, to.0, to.1),
        activities: activities
            .iter()
            .map(|&(name, h, m)| {
                let len = scenario_minutes(name);
                PlacedActivity {
                    activity: name.into(),
                    start: t(day, h, m),
                    end: t(day, h, m) + Duration::minutes(len),
                }
            })
            .collect(),
    }
}

fn scenario_minutes(activity: &str) -> i64 {
    match activity {
        "Break" => 15,
        "Lunch" => 30,
        _ => 60,
    }
}

fn agents(names: &[&str], shifts: impl Fn() -> Vec<Shift>) -> Schedule {
    Schedule {
        agents: names
            .iter()
            .map(|a| AgentSchedule {
                agent: (*a).into(),
                shifts: shifts(),
            })
            .collect(),
    }
}

fn calls(volume: f64, aht_seconds: f64) -> IntervalForecast {
    IntervalForecast {
        volume,
        aht_seconds,
    }
}

fn grid(minutes: u32) -> ReviewOptions {
    ReviewOptions {
        grid: Grid::new(minutes).unwrap(),
        ..ReviewOptions::default()
    }
}

/// Erlang C waiting probability written out: `(Aⁿ/n!)·n/(n−A)` over
/// `Σ_{k<n} Aᵏ/k! + (Aⁿ/n!)·n/(n−A)`, for `n > A`.
fn erlang_c(n: u32, a: f64) -> f64 {
    let (mut term, mut sum) = (1.0, 0.0);
    for k in 0..n {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let top = term * f64::from(n) / (f64::from(n) - a);
    top / (sum + top)
}

/// Service level within `t` seconds: `1 − C·exp(−(n − A)·t / aht)`.
fn sl(n: u32, a: f64, t: f64, aht: f64) -> f64 {
    if f64::from(n) <= a {
        return 0.0;
    }
    1.0 - erlang_c(n, a) * (-(f64::from(n) - a) * t / aht).exp()
}

#[test]
fn three_agents_on_two_erlangs_match_the_erlang_c_formula() {
    let sc = scenario(); // goal 80 % within 20 s
    let schedule = agents(&["ana", "ben", "carla"], || {
        vec![shift(2, (8, 0), (9, 0), &[])]
    });
    // 10 calls per 15 minutes, AHT 180 s: A = 10 · 180 / 900 = 2 Erlangs
    let demand = vec![calls(10.0, 180.0); 4];
    let r = review(&sc, &schedule, &demand, t(2, 8, 0), &grid(15)).unwrap();
    // by hand: Σ_{k<3} 2ᵏ/k! = 5, (2³/3!)·3/(3−2) = 4, C = 4/9
    assert!((erlang_c(3, 2.0) - 4.0 / 9.0).abs() < 1e-15);
    let want_sl = 1.0 - 4.0 / 9.0 * (-20.0f64 / 180.0).exp(); // 0.602 29…
    assert!((want_sl - 0.602_294).abs() < 1e-6);
    // the fewest agents with SL ≥ 80 %: 3 gives 0.60, 4 gives 0.86
    let need = (3..).find(|&n| sl(n, 2.0, 20.0, 180.0) >= 0.8).unwrap();
    assert_eq!(need, 4);
    for i in &r.intervals {
        assert_eq!(i.required, need);
        assert_eq!(i.scheduled, 3.0);
        assert_eq!(i.short, 1.0);
        assert!((i.load - 2.0).abs() < 1e-12);
        assert!((i.service_level - want_sl).abs() < 1e-12, "{i:?}");
        assert!((i.asa_seconds.unwrap() - 80.0).abs() < 1e-9); // C·aht/(n−A)
        assert!((i.occupancy - 2.0 / 3.0).abs() < 1e-12); // load / agents
    }
    let s = &r.summary;
    assert_eq!(s.short_intervals, 4);
    assert_eq!(s.unstable_intervals, 0);
    assert!((s.volume - 40.0).abs() < 1e-12);
    assert!((s.service_level - want_sl).abs() < 1e-12);
    assert!((s.occupancy - 2.0 / 3.0).abs() < 1e-12);
    assert!((s.required_hours - 4.0).abs() < 1e-12);
    assert!((s.scheduled_hours - 3.0).abs() < 1e-12);
}

#[test]
fn an_interval_without_staff_or_contacts() {
    let sc = scenario();
    let schedule = agents(&["ana"], || vec![shift(2, (8, 0), (8, 15), &[])]);
    // 08:00 one agent, no contacts; 08:15 contacts, nobody
    let demand = [calls(0.0, 0.0), calls(10.0, 180.0)];
    let r = review(&sc, &schedule, &demand, t(2, 8, 0), &grid(15)).unwrap();
    let (idle, empty) = (&r.intervals[0], &r.intervals[1]);
    assert_eq!((idle.required, idle.scheduled, idle.short), (0, 1.0, 0.0));
    assert_eq!(idle.service_level, 1.0);
    assert_eq!(idle.asa_seconds, Some(0.0));
    assert_eq!(idle.occupancy, 0.0);
    assert_eq!(
        (empty.required, empty.scheduled, empty.short),
        (4, 0.0, 4.0)
    );
    assert_eq!(empty.service_level, 0.0);
    assert_eq!(empty.asa_seconds, None);
    assert_eq!(empty.occupancy, 1.0);
    assert_eq!(r.summary.unstable_intervals, 1);
    assert_eq!(r.summary.asa_seconds, None);
    assert_eq!(r.summary.service_level, 0.0);
    // the only agent handled nothing
    assert_eq!(r.summary.occupancy, 0.0);
}

#[test]
fn a_break_counts_for_the_part_of_the_interval_it_covers() {
    let sc = scenario();
    // three agents 08:00–09:00, ana on a 15-minute break 08:30–08:45
    let mut schedule = agents(&["ben", "carla"], || vec![shift(2, (8, 0), (9, 0), &[])]);
    schedule.agents.push(AgentSchedule {
        agent: "ana".into(),
        shifts: vec![shift(2, (8, 0), (9, 0), &[("Break", 8, 30)])],
    });
    let quarter = review(&sc, &schedule, &[calls(0.0, 0.0); 4], t(2, 8, 0), &grid(15)).unwrap();
    let n: Vec<f64> = quarter.intervals.iter().map(|i| i.scheduled).collect();
    assert_eq!(n, vec![3.0, 3.0, 2.0, 3.0]);
    // 20 calls per 30 minutes, AHT 180 s: 2 Erlangs; 08:30 has 2.5 agents, i.e. 2 for
    // half of it (unstable: SL 0) and 3 for the other half
    let demand = [calls(20.0, 180.0); 2];
    let half = review(&sc, &schedule, &demand, t(2, 8, 0), &grid(30)).unwrap();
    let (full, part) = (&half.intervals[0], &half.intervals[1]);
    assert_eq!((full.scheduled, part.scheduled), (3.0, 2.5));
    let sl3 = sl(3, 2.0, 20.0, 180.0);
    assert!((full.service_level - sl3).abs() < 1e-12);
    assert!((part.service_level - 0.5 * sl3).abs() < 1e-12, "{part:?}");
    assert_eq!(part.asa_seconds, None); // 2 agents on 2 Erlangs for half the interval
    assert!((part.occupancy - 2.0 / 2.5).abs() < 1e-12);
    // the aggregate: volume-weighted SL; carried load over scheduled agents
    let s = &half.summary;
    assert!((s.service_level - 0.75 * sl3).abs() < 1e-12);
    assert!((s.occupancy - 4.0 / 5.5).abs() < 1e-12);
    assert_eq!(s.short_intervals, 2);
    assert!((s.scheduled_hours - 2.75).abs() < 1e-12);
}

#[test]
fn agents_see_their_shifts_and_paid_hours_in_their_own_time_zone() {
    let sc = scenario();
    // kai is in America/New_York; DST starts there on Sunday 2026-03-08
    let shifts = || {
        vec![
            shift(6, (14, 0), (22, 30), &[("Lunch", 18, 0), ("Break", 20, 0)]),
            shift(9, (13, 0), (21, 0), &[]),
        ]
    };
    let schedule = agents(&["kai", "ana"], shifts);
    let r = review(&sc, &schedule, &[], t(2, 0, 0), &ReviewOptions::default()).unwrap();
    assert!(r.intervals.is_empty());
    let kai = &r.agents[0];
    assert_eq!(kai.agent, "kai");
    assert_eq!(kai.time_zone, chrono_tz::America::New_York);
    let text = |d: DateTime<FixedOffset>| d.to_rfc3339();
    assert_eq!(text(kai.shifts[0].local_start), "2026-03-06T09:00:00-05:00");
    assert_eq!(text(kai.shifts[0].local_end), "2026-03-06T17:30:00-05:00");
    assert_eq!(text(kai.shifts[1].local_start), "2026-03-09T09:00:00-04:00");
    let lunch = &kai.shifts[0].activities[0];
    assert_eq!(text(lunch.local_start), "2026-03-06T13:00:00-05:00");
    assert!(!lunch.paid && kai.shifts[0].activities[1].paid);
    // 8 h 30 less the unpaid 30-minute lunch; 8 h; the same numbers as the schedule's
    assert_eq!(kai.shifts[0].paid_hours, 8.0);
    let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    assert_eq!(kai.paid_hours_by_day, vec![(d(6), 8.0), (d(9), 8.0)]);
    assert_eq!(kai.paid_hours_by_week, vec![(0, 8.0), (1, 8.0)]);
    assert_eq!(
        schedule.paid_hours_by_day(&sc)[&("kai".to_owned(), d(6))],
        8.0
    );
    let ana = &r.agents[1];
    assert_eq!(ana.time_zone, Tz::UTC);
    assert_eq!(text(ana.shifts[1].local_start), "2026-03-09T13:00:00+00:00");
}

#[test]
fn a_handle_time_the_model_rejects_is_named() {
    let sc = scenario();
    let err = review(
        &sc,
        &Schedule::default(),
        &[calls(0.0, 0.0), calls(3.0, 0.0)],
        t(2, 0, 0),
        &ReviewOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("interval 1"), "{err}");
}

/// A shift as start and length in quarter hours from 08:00 and an optional break offset.
type RandomShift = (u32, u32, Option<u32>);

/// A random day: up to 6 agents with a shift 08:00 + start quarters, length in quarters,
/// an optional break at an offset; a random demand (volume, AHT) on 16 quarter hours
/// from 08:00.
fn day() -> impl Strategy<Value = (Vec<RandomShift>, Vec<(f64, f64)>)> {
    (
        prop::collection::vec((0u32..8, 1u32..12, prop::option::of(0u32..10)), 0..6),
        prop::collection::vec((0.0f64..40.0, 30.0f64..600.0), 16),
    )
}

fn build(shifts: &[RandomShift]) -> Schedule {
    let names = ["ana", "ben", "carla", "dev", "eli", "fatima", "gus"];
    Schedule {
        agents: shifts
            .iter()
            .enumerate()
            .map(|(i, &(start, len, brk))| {
                let s = t(2, 8, 0) + Duration::minutes(15 * i64::from(start));
                let e = s + Duration::minutes(15 * i64::from(len));
                let activities = brk
                    .filter(|b| b + 1 < len)
                    .map(|b| PlacedActivity {
                        activity: "Break".into(),
                        start: s + Duration::minutes(15 * i64::from(b) + 5),
                        end: s + Duration::minutes(15 * i64::from(b) + 20),
                    })
                    .into_iter()
                    .collect();
                AgentSchedule {
                    agent: names[i].into(),
                    shifts: vec![Shift {
                        date: s.date_naive(),
                        start: s,
                        end: e,
                        activities,
                    }],
                }
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn review_bounds_and_more_staff_never_lowers_sl((shifts, demand) in day(), minutes in prop::sample::select(vec![15u32, 30])) {
        let sc = scenario();
        let per = (minutes / 15) as usize;
        let demand: Vec<IntervalForecast> = demand
            .chunks(per)
            .map(|c| calls(c.iter().map(|x| x.0).sum(), c[0].1))
            .collect();
        let schedule = build(&shifts);
        let r = review(&sc, &schedule, &demand, t(2, 8, 0), &grid(minutes)).unwrap();
        prop_assert_eq!(r.intervals.len(), demand.len());
        for i in &r.intervals {
            prop_assert!(i.scheduled >= 0.0);
            prop_assert!(i.short >= 0.0);
            prop_assert!((0.0..=1.0).contains(&i.service_level), "{:?}", i);
            prop_assert!((0.0..=1.0).contains(&i.occupancy), "{:?}", i);
            prop_assert!(i.asa_seconds.is_none_or(|a| a >= 0.0));
        }
        prop_assert!((0.0..=1.0).contains(&r.summary.service_level));
        prop_assert!((0.0..=1.0).contains(&r.summary.occupancy));
        // one more agent all day, on a break part of the time
        let mut more = shifts.clone();
        more.push((0, 16, Some(3)));
        let r2 = review(&sc, &build(&more), &demand, t(2, 8, 0), &grid(minutes)).unwrap();
        for (a, b) in r.intervals.iter().zip(&r2.intervals) {
            prop_assert!(b.scheduled >= a.scheduled);
            prop_assert!(b.service_level >= a.service_level - 1e-12, "{:?} → {:?}", a, b);
        }
        prop_assert!(r2.summary.service_level >= r.summary.service_level - 1e-12);
    }
}

/// The coverage as it was computed before the sweep (the test oracle): every interval a
/// shift overlaps asks [`Shift::productive_minutes_in`].
fn coverage_oracle(
    sc: &Scenario,
    schedule: &Schedule,
    from: DateTime<Utc>,
    minutes: i64,
    intervals: usize,
) -> Vec<f64> {
    let mut out = vec![0.0; intervals];
    let index = |t: DateTime<Utc>| (t - from).num_seconds().div_euclid(minutes * 60);
    for s in schedule.agents.iter().flat_map(|a| &a.shifts) {
        let first = index(s.start).max(0);
        let last = index(s.end - Duration::seconds(1)).min(intervals as i64 - 1);
        for i in first..=last {
            let lo = from + Duration::minutes(minutes * i);
            let hi = lo + Duration::minutes(minutes);
            out[i as usize] += s.productive_minutes_in(sc, lo, hi) / minutes as f64;
        }
    }
    out
}

/// A shift as minutes from 2026-03-02 06:00 (start, length) and its activities as
/// (kind index, offset from the shift start, possibly negative, length): Break, Lunch,
/// Team meeting, an unknown name.
type AnyShift = (i64, i64, Vec<(usize, i64, i64)>);

fn any_schedule() -> impl Strategy<Value = Vec<Vec<AnyShift>>> {
    let activity = (0usize..4, -40i64..600, 1i64..90);
    let shift = (
        -120i64..900,
        1i64..700,
        prop::collection::vec(activity, 0..5),
    );
    prop::collection::vec(prop::collection::vec(shift, 0..4), 0..8)
}

fn any_build(agents: &[Vec<AnyShift>]) -> Schedule {
    let names = ["Break", "Lunch", "Team meeting", "Mystery"];
    let base = t(2, 6, 0);
    Schedule {
        agents: agents
            .iter()
            .enumerate()
            .map(|(i, shifts)| AgentSchedule {
                // two entries share a name: the review keeps them apart
                agent: format!("a{}", i % 5),
                shifts: shifts
                    .iter()
                    .map(|(start, len, acts)| {
                        let s = base
                            + Duration::minutes(*start)
                            + Duration::seconds(*len % 7)
                            + Duration::milliseconds(if len % 5 == 0 { 250 } else { 0 });
                        Shift {
                            date: s.date_naive(),
                            start: s,
                            end: s + Duration::minutes(*len),
                            activities: acts
                                .iter()
                                .map(|&(k, off, l)| PlacedActivity {
                                    activity: names[k].into(),
                                    start: s + Duration::minutes(off),
                                    end: s + Duration::minutes(off + l),
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_coverage_sweep_equals_the_per_interval_oracle_to_the_bit(
        agents in any_schedule(),
        minutes in prop::sample::select(vec![15i64, 30, 60]),
        offset in -90i64..90,
        intervals in 0usize..80,
    ) {
        let sc = scenario();
        let schedule = any_build(&agents);
        let from = t(2, 6, 0)
            + Duration::minutes(offset)
            + Duration::milliseconds(if offset % 7 == 0 { 500 } else { 0 });
        let fast = scheduled_agents(&sc, &schedule, from, minutes, intervals);
        let slow = coverage_oracle(&sc, &schedule, from, minutes, intervals);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&fast), bits(&slow));
    }

    #[test]
    fn agent_paid_hours_equal_the_schedules_by_day_and_week(agents in any_schedule()) {
        let sc = scenario();
        let schedule = any_build(&agents);
        let views = agent_views(&sc, &schedule);
        let days = schedule.paid_hours_by_day(&sc);
        let weeks = schedule.paid_hours_by_week(&sc);
        let mut seen = std::collections::HashSet::new();
        for v in &views {
            if !seen.insert(v.agent.clone()) {
                // a repeated name: its hours went with the first entry
                prop_assert!(v.paid_hours_by_day.is_empty() && v.paid_hours_by_week.is_empty());
                continue;
            }
            let want_days: Vec<(NaiveDate, f64)> = days
                .iter()
                .filter(|((a, _), _)| *a == v.agent)
                .map(|((_, d), h)| (*d, *h))
                .collect();
            let want_weeks: Vec<(i64, f64)> = weeks
                .iter()
                .filter(|((a, _), _)| *a == v.agent)
                .map(|((_, w), h)| (*w, *h))
                .collect();
            prop_assert_eq!(&v.paid_hours_by_day, &want_days);
            prop_assert_eq!(&v.paid_hours_by_week, &want_weeks);
        }
    }
}
