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
    DailyDemand, ForecastPoint, FteDay, IntradayShape, ScenarioSpec, compute_plan, plan_hiring,
};
use wfm_core::{Channel, IntervalLength};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = Utc.with_ymd_and_hms(2025, 1, 6, 0, 0, 0).unwrap();
    let days = 78 * 7;
    let channels = [(Channel::Voice, 300.0, 1.0), (Channel::Chat, 420.0, 0.3)];
    let mut long = Vec::new();
    let mut short = Vec::new();
    for q in 0..20 {
        for (channel, aht, scale) in channels {
            for d in 0..days {
                let weekday = d % 7;
                let volume = if weekday >= 5 { 300.0 } else { 1_200.0 }
                    * scale
                    * (1.0 + 0.01 * f64::from(q));
                long.push(ForecastPoint {
                    channel,
                    start: start + Duration::days(i64::from(d)),
                    volume,
                    aht_seconds: aht,
                });
            }
            for i in 0..7 * 48 {
                let slot = i % 48;
                let volume = if (16..40).contains(&slot) { 30.0 } else { 2.0 } * scale;
                short.push(ForecastPoint {
                    channel,
                    start: start + Duration::minutes(30 * i64::from(i)),
                    volume,
                    aht_seconds: aht,
                });
            }
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
    let shape = IntradayShape::from_points(IntervalLength::Thirty, &short)?;
    let demand = DailyDemand::from_points(&long);
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
        long.len(),
        short.len(),
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
