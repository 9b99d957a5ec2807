//! Generates a scenario's whole request from a forecast CSV with the scheduler crate
//! alone (what `wfm schedule generate` does, without the facade's files) and prints the
//! run's figures: wall time, status and its text, objective, bound and gap of the
//! returned schedule, short quarter hours and agent-hours short, the review's service
//! level, validator violations, tour shifts no agent took and repair rounds.
//!
//! ```text
//! cargo run -p wfm-scheduler --example generate_scenario -- SCENARIO.toml FORECAST.csv [SECONDS] [GAP]
//! ```
//!
//! The forecast is the facade's short-term CSV (`TimeStamp`, `IntervalDuration`,
//! `IncomingContactVolume`, `AverageHandleTime`; every row summed, VOICE assumed), a
//! 30-minute row split evenly over its quarter hours, as [`Demand::from_forecast`] does.

use std::time::Instant;

use chrono::{DateTime, NaiveTime, Utc};
use wfm_scheduler::generate::{
    Gap, GenerateOptions, IntervalForecast, Limits, TimeLimit, schedule_request,
};
use wfm_scheduler::{Demand, Scenario, validate};

fn demand(path: &str, scenario: &Scenario) -> Result<Demand, Box<dyn std::error::Error>> {
    let r = scenario.request();
    let first = r.start;
    let quarters = ((r.end - r.start).num_days() as usize + 1) * 96;
    let from = first.and_time(NaiveTime::MIN).and_utc();
    let (mut volume, mut work) = (vec![0.0; quarters], vec![0.0; quarters]);
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty forecast")?.split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or(format!("no {name}"))
    };
    let (ts, dur, vol, aht) = (
        col("TimeStamp")?,
        col("IntervalDuration")?,
        col("IncomingContactVolume")?,
        col("AverageHandleTime")?,
    );
    for line in lines.filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let start: DateTime<Utc> = f[ts].parse()?;
        let parts = if f[dur].starts_with("30") { 2 } else { 1 };
        let (v, a): (f64, f64) = (f[vol].parse()?, f[aht].parse()?);
        for k in 0..parts {
            let q = (start - from).num_minutes().div_euclid(15) + k;
            if (0..quarters as i64).contains(&q) {
                volume[q as usize] += v / parts as f64;
                work[q as usize] += v / parts as f64 * a;
            }
        }
    }
    let quarters = volume
        .iter()
        .zip(&work)
        .map(|(&v, &w)| IntervalForecast {
            volume: v,
            aht_seconds: if v > 0.0 { w / v } else { 0.0 },
        })
        .collect();
    Ok(Demand::from_quarters(first, quarters))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: generate_scenario SCENARIO.toml FORECAST.csv [SECONDS] [GAP]".into());
    }
    let scenario = Scenario::from_toml(&std::fs::read_to_string(&args[1])?, &args[1])?;
    let demand = demand(&args[2], &scenario)?;
    let seconds: f64 = args.get(3).map_or(Ok(600.0), |s| s.parse())?;
    let gap: f64 = args.get(4).map_or(Ok(0.01), |s| s.parse())?;
    let options = GenerateOptions::new(Limits {
        time_limit_seconds: TimeLimit::new(seconds)?,
        relative_gap: Gap::new(gap)?,
    });
    let started = Instant::now();
    let (schedule, mut report) =
        schedule_request(&scenario, demand.quarters(), &options, &mut |_| {
            std::ops::ControlFlow::Continue(())
        })?;
    let wall = started.elapsed().as_secs_f64();
    let violations = validate(&scenario, &schedule);
    report.set_violations(violations.len());
    let review = demand.review(&scenario, &schedule, &options)?;
    let short: u32 = report
        .weeks
        .iter()
        .map(|w| w.report.short_agent_intervals)
        .sum();
    let unassigned: usize = report
        .weeks
        .iter()
        .map(|w| w.report.unassigned_shifts)
        .sum();
    let rounds: Vec<u32> = report.weeks.iter().map(|w| w.report.tour_rounds).collect();
    println!(
        "wall {wall:.1} s | status {:?} | objective {:.2} | bound {:.2} | gap {:.2} % | short intervals {} | agent-hours short {:.2} | review SL {:.1} % (goal 80 %) | violations {} | unassigned tour shifts {unassigned} | tour rounds per week {rounds:?}",
        report.status,
        report.objective,
        report.lower_bound,
        100.0 * report.gap,
        report.unmet_intervals.len(),
        f64::from(short) / 4.0,
        100.0 * review.summary.service_level,
        violations.len(),
    );
    println!("  status_text: {}", report.status_text);
    let mut kinds = std::collections::BTreeMap::new();
    for v in &violations {
        *kinds.entry(format!("{:?}", v.rule)).or_insert(0) += 1;
    }
    if !kinds.is_empty() {
        println!("  violations by rule: {kinds:?}");
    }
    Ok(())
}
