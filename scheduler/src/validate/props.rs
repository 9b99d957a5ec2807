//! Property tests: random small valid configurations, schedules built by a simple
//! constructor that knows nothing of the validator, and no false positives; injected
//! violations are found.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use wfm_core::IntervalLength;

use crate::model::{
    ActivityGroup, ActivityKind, ActivityPlacement, Anchor, DayStatus, Goal, HoursRules,
    ProfileClock, ScheduleRequest, ShiftActivity, ShiftProfile, StaffRule, StaffingGroup,
    TimeOfDay, WeekPlan,
};
use crate::scenario::{SCENARIO_VERSION, Scenario, ScenarioConfig};
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};
use crate::validate::{Rule, validate};

#[derive(Debug, Clone)]
struct Params {
    thirty: bool,
    start: NaiveDate,
    days: i64,
    local: bool,
    earliest_q: u32,
    min_q: u32,
    extra_q: u32,
    slack_q: u32,
    break_r: i32,
    statuses: [u8; 7],
    zones: Vec<usize>,
    employment: Vec<Option<i64>>,
    same_start: bool,
    seed: u64,
}

const ZONES: [&str; 4] = [
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
];

fn params() -> impl Strategy<Value = Params> {
    let starts = prop::sample::select(vec![
        NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(), // US DST (8 Mar), EU (29 Mar) later
        NaiveDate::from_ymd_opt(2026, 3, 26).unwrap(), // EU DST 29 Mar
        NaiveDate::from_ymd_opt(2026, 10, 22).unwrap(), // EU fall back 25 Oct
        NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(), // Sydney fall back 5 Apr
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    ]);
    (
        (
            any::<bool>(),
            starts,
            7i64..=14,
            any::<bool>(),
            0u32..=60,
            8u32..=24,
            0u32..=12,
            0u32..=16,
            0i32..=4,
        ),
        (
            prop::array::uniform7(0u8..3),
            2usize..=5,
            any::<bool>(),
            any::<u64>(),
        ),
    )
        .prop_flat_map(|(a, (statuses, n, same_start, seed))| {
            (
                Just(a),
                Just((statuses, same_start, seed)),
                prop::collection::vec(0usize..4, n),
                prop::collection::vec(prop::option::of(0i64..4), n),
            )
        })
        .prop_map(
            |(
                (thirty, start, days, local, earliest_q, min_q, extra_q, slack_q, break_r),
                (statuses, same_start, seed),
                zones,
                employment,
            )| {
                Params {
                    thirty,
                    start,
                    days,
                    local,
                    earliest_q,
                    min_q,
                    extra_q,
                    slack_q,
                    break_r,
                    statuses,
                    zones,
                    employment,
                    same_start,
                    seed,
                }
            },
        )
}

struct Built {
    scenario: Scenario,
    schedule: Schedule,
}

fn agent_name(i: usize) -> String {
    format!("agent{i}")
}

fn config(p: &Params) -> ScenarioConfig {
    let m1 = p.min_q * 15;
    let m2 = m1 + p.extra_q * 15;
    // window ≥ max shift + 1 h, so a DST change inside it still leaves room
    let window = (m2 + 60 + p.slack_q * 15).min(1440);
    let earliest = p.earliest_q * 15;
    let st = |s: u8| [DayStatus::Work, DayStatus::Flexible, DayStatus::Off][s as usize];
    let s = p.statuses;
    let days = WeekPlan {
        mon: st(s[0]),
        tue: st(s[1]),
        wed: st(s[2]),
        thu: st(s[3]),
        fri: st(s[4]),
        sat: st(s[5]),
        sun: st(s[6]),
    };
    let mut profile = ShiftProfile::new(
        "P",
        days,
        TimeOfDay::from_minutes(earliest).unwrap(),
        TimeOfDay::from_minutes((earliest + window) % 1440).unwrap(),
        m1,
        m2,
    );
    profile.clock = if p.local {
        ProfileClock::Local
    } else {
        ProfileClock::Utc
    };
    let mut acts = Vec::new();
    if m1 >= 120 {
        let r = p.break_r.min(((m1 as i32) - 75) / 15);
        acts.push(ActivityPlacement::after_start("Break", 60, 60 + 15 * r));
    }
    if m1 >= 240 {
        let mut lunch = ActivityPlacement::after_start("Lunch", -90, -60);
        lunch.anchor = Anchor::End;
        acts.push(lunch);
        profile.min_break_interval_minutes = Some(m1 - 165 - 15 * (p.break_r.max(0) as u32)); // gap ≥ len − 165 − 15r
        profile.max_break_interval_minutes = Some(m2 - 165);
    }
    profile.activity_groups.push(ActivityGroup {
        name: "default".into(),
        shift_minutes: None,
        activities: acts,
    });
    let agents: Vec<String> = (0..p.zones.len()).map(agent_name).collect();
    let mut group = StaffingGroup::new(
        "G",
        "F",
        "P",
        &agents.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    group.same_start_time = p.same_start;
    group.hours = HoursRules {
        daily_min_hours: Some(f64::from(m1) / 60.0),
        daily_max_hours: Some(f64::from(m2) / 60.0),
        weekly_min_hours: None,
        weekly_max_hours: Some(f64::from(m2) * 7.0 / 60.0),
    };
    let staff_rules = agents
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // one zone for the whole group when it starts together
            let zone = if p.same_start { p.zones[0] } else { p.zones[i] };
            let mut r = StaffRule::new(a, ZONES[zone]);
            r.employment_start = p.employment[i].map(|o| p.start + Duration::days(o));
            r
        })
        .collect();
    ScenarioConfig {
        version: SCENARIO_VERSION,
        name: "random".into(),
        description: String::new(),
        interval: if p.thirty {
            IntervalLength::Thirty
        } else {
            IntervalLength::Fifteen
        },
        forecast_groups: vec!["F".into()],
        request: ScheduleRequest {
            forecast_group: "F".into(),
            start: p.start,
            end: p.start + Duration::days(p.days - 1),
            goal: Goal::Asa { seconds: 30 },
        },
        activities: vec![
            ShiftActivity::new("Break", ActivityKind::Break, 15, true),
            ShiftActivity::new("Lunch", ActivityKind::Meal, 30, false),
        ],
        profiles: vec![profile],
        staffing_groups: vec![group],
        staff_rules,
    }
}

/// A conservative reading of local time: an hour later for a start that a DST change
/// skips, an hour earlier for such an end.
fn instant(tz: Tz, t: NaiveDateTime, start: bool) -> DateTime<Utc> {
    let shift = Duration::minutes(if start { 60 } else { -60 });
    let pick = |r: chrono::LocalResult<DateTime<Tz>>| if start { r.latest() } else { r.earliest() };
    pick(tz.from_local_datetime(&t))
        .or_else(|| pick(tz.from_local_datetime(&(t + shift))))
        .unwrap()
        .with_timezone(&Utc)
}

/// A tiny deterministic generator for the constructor's choices.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn build(p: &Params) -> Built {
    let c = config(p);
    let prof = &c.profiles[0];
    let (m1, m2) = (
        i64::from(prof.min_shift_minutes),
        i64::from(prof.max_shift_minutes),
    );
    let earliest = i64::from(prof.earliest_start.minutes());
    let window = {
        let (e, l) = (
            i64::from(prof.earliest_start.minutes()),
            i64::from(prof.latest_end.minutes()),
        );
        if l > e { l - e } else { l + 1440 - e }
    };
    let mut rng = Lcg(p.seed);
    let mut schedule = Schedule::default();
    let mut shared_k = std::collections::HashMap::new();
    for (i, rule) in c.staff_rules.iter().enumerate() {
        let tz: Tz = rule.time_zone.parse().unwrap();
        let mut shifts = Vec::new();
        for date in c.request.start.iter_days().take(p.days as usize) {
            if rule.employment_start.is_some_and(|s| date < s) {
                continue;
            }
            let status = prof.days.status(date.weekday());
            if status == DayStatus::Off || (status == DayStatus::Flexible && rng.next(2) == 0) {
                continue;
            }
            let midnight = date.and_hms_opt(0, 0, 0).unwrap();
            let (lo, hi) = match prof.clock {
                ProfileClock::Utc => {
                    let m = Utc.from_utc_datetime(&midnight);
                    (
                        m + Duration::minutes(earliest),
                        m + Duration::minutes(earliest + window),
                    )
                }
                ProfileClock::Local => (
                    instant(tz, midnight + Duration::minutes(earliest), true),
                    instant(tz, midnight + Duration::minutes(earliest + window), false),
                ),
            };
            let room = (hi - lo).num_minutes();
            let k = *shared_k
                .entry((date, p.same_start))
                .or_insert_with(|| rng.next(((room - m2) / 15 + 1) as u64) as i64);
            let k = if p.same_start {
                k
            } else {
                rng.next(((room - m1) / 15 + 1) as u64) as i64
            };
            let start = lo + Duration::minutes(15 * k);
            let fit = ((hi - start).num_minutes()).min(m2);
            let len = m1 + 15 * rng.next(((fit - m1) / 15 + 1) as u64) as i64;
            let end = start + Duration::minutes(len);
            let mut activities = Vec::new();
            for pl in &prof.activity_groups[0].activities {
                let (at, dur) = match pl.anchor {
                    Anchor::Start => (start + Duration::minutes(i64::from(pl.latest_minutes)), 15),
                    Anchor::End => (end + Duration::minutes(i64::from(pl.earliest_minutes)), 30),
                };
                activities.push(PlacedActivity {
                    activity: pl.activity.clone(),
                    start: at,
                    end: at + Duration::minutes(dur),
                });
            }
            shifts.push(Shift {
                date,
                start,
                end,
                activities,
            });
        }
        schedule.agents.push(AgentSchedule {
            agent: agent_name(i),
            shifts,
        });
    }
    let scenario = Scenario::new(c, "random").unwrap();
    Built { scenario, schedule }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn constructed_schedules_have_no_violation(p in params()) {
        let b = build(&p);
        let v = validate(&b.scenario, &b.schedule);
        prop_assert!(v.is_empty(), "{:#?}", v);
    }

    #[test]
    fn random_scenarios_round_trip_through_toml(p in params()) {
        let b = build(&p);
        let text = b.scenario.to_toml().unwrap();
        let again = Scenario::from_toml(&text, "export.toml").unwrap();
        prop_assert_eq!(again.config(), b.scenario.config());
    }

    #[test]
    fn injected_violations_are_found(p in params(), which in 0usize..3) {
        let mut b = build(&p);
        let Some(s) = b.schedule.agents.iter_mut().flat_map(|a| a.shifts.iter_mut()).next() else {
            return Ok(());
        };
        let rule = match which {
            0 => { s.end += Duration::minutes(1); Rule::Granularity }
            1 => { s.end = s.start + Duration::minutes(i64::from(b.scenario.config().profiles[0].max_shift_minutes) + 15); Rule::DailyMaxHours }
            _ => { s.activities.push(PlacedActivity { activity: "Break".into(), start: s.end, end: s.end + Duration::minutes(15) }); Rule::ActivityOutsideShift }
        };
        let v = validate(&b.scenario, &b.schedule);
        prop_assert!(v.iter().any(|v| v.rule == rule), "{:?} not in {:#?}", rule, v);
    }
}
