//! Times the 18-month weekly capacity plan of one forecast group of 20 queues × 2
//! channels (VOICE and CHAT, 30-minute intervals, 546 days), with available FTE and
//! shrinkage and a hiring plan, and prints the seconds of each step (goal: under 2 s).
//!
//! ```text
//! cargo run -p wfm-core --example plan_speed            # the dev profile is optimised
//! ```

use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use wfm_core::capacity::{
    DailyDemand, FteDay, IntradayShape, ScenarioSpec, compute_plan, plan_hiring,
};
use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
use wfm_core::history::Granularity;
use wfm_core::{Channel, IntervalLength};

/// One series of `points` (start, volume, AHT).
fn series(q: u32, channel: Channel, points: Vec<ForecastPoint>) -> GroupSeries {
    GroupSeries {
        queue_id: format!("q{q}"),
        queue_name: format!("Queue {q}"),
        channel,
        model: String::new(),
        points,
    }
}

fn point(start: chrono::DateTime<Utc>, volume: f64, aht_seconds: f64) -> ForecastPoint {
    ForecastPoint {
        start: start.timestamp(),
        volume,
        p10: volume,
        p50: volume,
        p90: volume,
        aht_seconds,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap();
    let days: u32 = 78 * 7;
    let channels = [(Channel::Voice, 300.0, 1.0), (Channel::Chat, 420.0, 0.3)];
    let mut long = Vec::new();
    let mut short = Vec::new();
    for q in 0..20 {
        for (channel, aht, scale) in channels {
            let (mut l, mut sh) = (Vec::new(), Vec::new());
            for d in 0..days {
                let weekday = d % 7;
                let volume = if weekday >= 5 { 300.0 } else { 1_200.0 }
                    * scale
                    * (1.0 + 0.01 * f64::from(q));
                l.push(point(start + Duration::days(i64::from(d)), volume, aht));
            }
            for i in 0..7 * 48 {
                let slot = i % 48;
                let volume = if (16..40).contains(&slot) { 30.0 } else { 2.0 } * scale;
                sh.push(point(
                    start + Duration::minutes(30 * i64::from(i)),
                    volume,
                    aht,
                ));
            }
            long.push(series(q, channel, l));
            short.push(series(q, channel, sh));
        }
    }
    let spec: ScenarioSpec = serde_json::from_str(
        r#"{"name": "Base", "daily_attrition": 0.002, "fte_hours_per_week": 40,
            "max_occupancy": 0.85, "max_overtime": 0.1, "max_vto": 0.1,
            "goal": {"VOICE": {"service_level": 0.8, "service_level_seconds": 30},
                     "CHAT": {"service_level": 0.7, "service_level_seconds": 30,
                              "concurrency": 2}},
            "hiring": {"lead_weeks": 6, "ramp": [0.25, 0.5, 0.75, 1.0],
                       "cost_per_hire": 4000, "gap_cost_per_fte_week": 1500}}"#,
    )?;
    let scenario = spec.validate()?;
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    let supply = [FteDay {
        date: first,
        available_fte: 400.0,
        in_office_shrinkage: 0.1,
        out_office_shrinkage: 0.05,
    }];
    let t0 = Instant::now();
    let short = GroupForecast::new(
        Granularity::Interval(IntervalLength::Thirty),
        start.timestamp(),
        7 * 48,
        short,
    );
    let long = GroupForecast::new(Granularity::Daily, start.timestamp(), days as usize, long);
    let shape = IntradayShape::from_forecast(&short)?;
    let demand = DailyDemand::from_forecast(&long);
    let t1 = Instant::now();
    let mut without = scenario.clone();
    let policy = without
        .hiring
        .take()
        .expect("the scenario has a hiring policy");
    let end = first + Duration::days(i64::from(days) - 1);
    let plan = compute_plan(&without, &demand, &shape, &supply, first, end)?;
    let t2 = Instant::now();
    let hiring = plan_hiring(&plan.weekly, &scenario, &policy)?;
    let t3 = Instant::now();
    println!(
        "inputs: {} long points, {} short points; plan: {} weeks, {} months, {} hires",
        long.rows(),
        short.rows(),
        plan.weekly.len(),
        plan.monthly.len(),
        hiring.total_hires
    );
    println!(
        "shape + demand {:.3} s, plan {:.3} s, hiring plan {:.3} s, total {:.3} s (goal < 2 s)",
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        (t3 - t2).as_secs_f64(),
        (t3 - t0).as_secs_f64()
    );
    Ok(())
}
