//! Capacity plans end to end on synthetic forecasts: a hand-checked requirement, and the
//! monotonicity a planner relies on (more volume, longer AHT or more shrinkage never
//! lowers required FTE).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use wfm_core::capacity::{DailyDemand, FteDay, IntradayShape, ScenarioSpec, compute_plan};
use wfm_core::erlang::{Goal, MaxOccupancy, StaffingRequest, Workload};
use wfm_core::forecast::{GroupForecast, GroupSeries};
use wfm_core::history::Granularity;
use wfm_core::{Channel, IntervalLength};

/// A forecast value as the tests write them: a channel × step's volume and AHT.
#[derive(Debug, Clone, Copy)]
struct ForecastPoint {
    channel: Channel,
    start: DateTime<Utc>,
    volume: f64,
    aht_seconds: f64,
}

/// The points as a group forecast at `granularity`, one series per channel.
fn group(granularity: Granularity, points: &[ForecastPoint]) -> GroupForecast {
    let mut series: Vec<GroupSeries> = Vec::new();
    for p in points {
        let point = wfm_core::forecast::ForecastPoint {
            start: p.start.timestamp(),
            volume: p.volume,
            p10: p.volume,
            p50: p.volume,
            p90: p.volume,
            aht_seconds: p.aht_seconds,
        };
        match series.iter_mut().find(|s| s.channel == p.channel) {
            Some(s) => s.points.push(point),
            None => series.push(GroupSeries {
                queue_id: "q1".into(),
                queue_name: "Q".into(),
                channel: p.channel,
                model: String::new(),
                points: vec![point],
            }),
        }
    }
    let start = points.first().map_or(0, |p| p.start.timestamp());
    GroupForecast::new(granularity, start, points.len(), series)
}

fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap()
}

fn scenario() -> wfm_core::capacity::Scenario {
    let spec: ScenarioSpec = serde_json::from_str(
        r#"{"name": "Base", "daily_attrition": 0.002, "fte_hours_per_week": 40,
            "max_occupancy": 0.85, "max_overtime": 0.1, "max_vto": 0.1,
            "goal": {"VOICE": {"service_level": 0.8, "service_level_seconds": 20},
                     "CHAT": {"service_level": 0.7, "service_level_seconds": 30, "concurrency": 2}}}"#,
    )
    .unwrap();
    spec.validate().unwrap()
}

/// A business-day shape: volume from 13:00 to 21:00 UTC, peaking mid-afternoon.
fn shape(channels: &[Channel]) -> IntradayShape {
    let mut points = Vec::new();
    for &channel in channels {
        for i in 0..7 * 48i32 {
            let slot = i % 48;
            let v = if (26..42).contains(&slot) {
                f64::from(18 - (slot - 34).abs())
            } else {
                0.0
            };
            points.push(ForecastPoint {
                channel,
                start: monday() + Duration::minutes(30 * i64::from(i)),
                volume: v,
                aht_seconds: 300.0,
            });
        }
    }
    IntradayShape::from_forecast(&group(
        Granularity::Interval(IntervalLength::Thirty),
        &points,
    ))
    .unwrap()
}

fn daily(channel: Channel, days: i64, volume: f64, aht: f64) -> Vec<ForecastPoint> {
    (0..days)
        .map(|d| ForecastPoint {
            channel,
            start: monday() + Duration::days(d),
            volume,
            aht_seconds: aht,
        })
        .collect()
}

fn first() -> NaiveDate {
    monday().date_naive()
}

#[test]
fn a_day_in_one_interval_needs_that_intervals_agents() {
    // every contact of the day in the 15:00 interval: the day needs exactly the agents of
    // that interval for half an hour
    let points: Vec<ForecastPoint> = (0..48)
        .map(|i| ForecastPoint {
            channel: Channel::Voice,
            start: monday() + Duration::minutes(30 * i),
            volume: if i == 30 { 1.0 } else { 0.0 },
            aht_seconds: 300.0,
        })
        .collect();
    let shape = IntradayShape::from_forecast(&group(
        Granularity::Interval(IntervalLength::Thirty),
        &points,
    ))
    .unwrap();
    let demand = DailyDemand::from_forecast(&group(
        Granularity::Daily,
        &daily(Channel::Voice, 7, 400.0, 240.0),
    ));
    let plan = compute_plan(
        &scenario(),
        &demand,
        &shape,
        &[],
        first(),
        first() + Duration::days(6),
    )
    .unwrap();
    let agents = StaffingRequest::new(
        Workload::new(400.0, 240.0, 1800.0).unwrap(),
        Goal::service_level(0.8, 20.0).unwrap(),
    )
    .max_occupancy(MaxOccupancy::new(0.85).unwrap())
    .solve()
    .unwrap()
    .agents;
    // a weekday without its own pattern uses the pattern of all days: the same interval
    for d in &plan.days {
        assert_eq!(d.peak_agents, agents);
        assert!((d.agent_hours - agents as f64 * 0.5).abs() < 1e-12);
    }
    let week = &plan.weekly[0];
    assert!((week.required_fte - agents as f64 * 0.5 * 7.0 / 40.0).abs() < 1e-12);
    assert!((week.volume - 2_800.0).abs() < 1e-9);
    assert!((week.aht_seconds - 240.0).abs() < 1e-9);
    assert!(week.expected_occupancy > 0.0 && week.expected_occupancy <= 0.85);
}

#[test]
fn a_channel_without_a_goal_or_a_pattern_is_named() {
    let demand = DailyDemand::from_forecast(&group(
        Granularity::Daily,
        &daily(Channel::Task, 7, 100.0, 300.0),
    ));
    let e = compute_plan(
        &scenario(),
        &demand,
        &shape(&[Channel::Task]),
        &[],
        first(),
        first(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no goal for it"), "{e}");
    let demand = DailyDemand::from_forecast(&group(
        Granularity::Daily,
        &daily(Channel::Chat, 7, 100.0, 300.0),
    ));
    let e = compute_plan(
        &scenario(),
        &demand,
        &shape(&[Channel::Voice]),
        &[],
        first(),
        first(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no CHAT volume"), "{e}");
    let e = compute_plan(
        &scenario(),
        &demand,
        &shape(&[Channel::Chat]),
        &[],
        first(),
        first() + Duration::days(600),
    )
    .unwrap_err();
    assert!(e.to_string().contains("at most 560 days"), "{e}");
}

#[test]
fn eighteen_months_weekly_and_monthly() {
    let mut points = daily(Channel::Voice, 548, 3_000.0, 280.0);
    points.extend(daily(Channel::Chat, 548, 900.0, 600.0));
    let demand = DailyDemand::from_forecast(&group(Granularity::Daily, &points));
    let supply = [FteDay {
        date: first(),
        available_fte: 80.0,
        in_office_shrinkage: 0.1,
        out_office_shrinkage: 0.08,
    }];
    let plan = compute_plan(
        &scenario(),
        &demand,
        &shape(&[Channel::Voice, Channel::Chat]),
        &supply,
        first(),
        first() + Duration::days(547),
    )
    .unwrap();
    assert_eq!(plan.weekly.len(), 79);
    assert_eq!(plan.monthly.len(), 19);
    // attrition only: the last week has fewer available FTE than the first
    let (w0, wn) = (&plan.weekly[0], plan.weekly.last().unwrap());
    assert!(wn.available_fte.unwrap() < w0.available_fte.unwrap());
    let ws = w0.required_fte_with_shrinkage.unwrap();
    assert!((ws - w0.required_fte / 0.82).abs() < 1e-9);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// More volume or a longer AHT never lowers required FTE; more shrinkage never lowers
    /// required FTE with shrinkage.
    #[test]
    fn requirement_is_monotone(
        volume in 10.0f64..20_000.0,
        more in 1.0f64..1.5,
        aht in 30.0f64..1_200.0,
        longer in 1.0f64..1.5,
        shrinkage in 0.0f64..0.6,
        extra in 0.0f64..0.3,
    ) {
        let plan = |v: f64, a: f64, s: f64| {
            let demand = DailyDemand::from_forecast(&group(Granularity::Daily, &daily(Channel::Voice, 7, v, a)));
            let supply = [FteDay { date: first(), available_fte: 50.0, in_office_shrinkage: s / 2.0, out_office_shrinkage: s / 2.0 }];
            compute_plan(&scenario(), &demand, &shape(&[Channel::Voice]), &supply, first(), first() + Duration::days(6)).unwrap().weekly[0].clone()
        };
        let base = plan(volume, aht, shrinkage);
        prop_assert!(plan(volume * more, aht, shrinkage).required_fte >= base.required_fte);
        prop_assert!(plan(volume, aht * longer, shrinkage).required_fte >= base.required_fte);
        let s2 = (shrinkage + extra).min(0.95);
        prop_assert!(plan(volume, aht, s2).required_fte_with_shrinkage.unwrap() >= base.required_fte_with_shrinkage.unwrap());
    }
}
