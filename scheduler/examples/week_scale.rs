//! Scale check of the joint week: `groups` staffing groups × `agents` agents (default
//! 10 × 80 = 800) sharing one forecast group, each group its own profile (staggered
//! 12-hour UTC windows, 6–9 hour shifts with break, lunch, break), one week, 3 % gap.
//!
//! ```text
//! cargo run -p wfm-scheduler --release --example week_scale -- [groups] [agents] [time limit s] [start step min]
//! ```
//! Prints the stages' times, the tour model's size, bound and gap, coverage and the
//! validator's verdict as JSON.

use std::time::Instant;

use chrono::NaiveDate;
use wfm_scheduler::generate::{
    GenerateOptions, IntervalForecast, Limits, WeekCarry, schedule_week_all,
};
use wfm_scheduler::{Scenario, validate};

fn scenario(groups: usize, agents: usize) -> String {
    let mut t = String::from(
        r#"version = 1
name = "scale"
interval = "15mins"
forecast_groups = ["Support"]

[request]
forecast_group = "Support"
start = "2026-03-02"
end = "2026-03-08"
goal = { type = "service_level", target = 0.8, within_seconds = 20 }

[[activities]]
name = "Break"
kind = "break"
duration_minutes = 15
paid = true

[[activities]]
name = "Lunch"
kind = "meal"
duration_minutes = 30
paid = false
"#,
    );
    for g in 0..groups {
        let start = 6 + (g % 6);
        t.push_str(&format!(
            r#"
[[profiles]]
name = "P{g}"
days = {{ mon = "flexible", tue = "flexible", wed = "flexible", thu = "flexible", fri = "flexible", sat = "flexible", sun = "flexible" }}
earliest_start = "{start:02}:00"
latest_end = "{end:02}:00"
min_shift_minutes = 360
max_shift_minutes = 540
work_days_per_week = {{ max = 5 }}

[[profiles.activity_groups]]
name = "day"
activities = [
    {{ activity = "Break", earliest_minutes = 90, latest_minutes = 150 }},
    {{ activity = "Lunch", earliest_minutes = 180, latest_minutes = 240 }},
    {{ activity = "Break", anchor = "end", earliest_minutes = -105, latest_minutes = -60 }},
]

[[staffing_groups]]
name = "G{g}"
forecast_group = "Support"
profile = "P{g}"
agents = [{list}]
hours = {{ daily_min_hours = 6, daily_max_hours = 9, weekly_max_hours = 40 }}
"#,
            end = start + 12,
            list = (0..agents)
                .map(|a| format!("\"g{g}a{a:02}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    t
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, d: f64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let groups = arg(1, 10.0) as usize;
    let agents = arg(2, 80.0) as usize;
    let time_limit = arg(3, 60.0);
    let start_step = arg(4, 30.0) as u32;
    let sc = Scenario::from_toml(&scenario(groups, agents), "scale.toml")?;
    // A day bell 06:00–23:00 UTC sized so the agents' 5 days cover about 85 % of it.
    let total = (groups * agents) as f64;
    let demand: Vec<IntervalForecast> = (0..672)
        .map(|i| {
            let h = f64::from(i % 96) / 4.0;
            let x = (h - 14.0) / 4.0;
            let volume = if (6.0..23.0).contains(&h) {
                total * 0.6 * (-x * x / 2.0).exp()
            } else {
                0.0
            };
            IntervalForecast {
                volume,
                aht_seconds: 300.0,
            }
        })
        .collect();
    let options =
        GenerateOptions::new(Limits::new(time_limit, 0.03)?).with_start_step_minutes(start_step);
    let monday = NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
    let started = Instant::now();
    let (schedule, report) =
        schedule_week_all(&sc, monday, &demand, &WeekCarry::default(), &options)?;
    let seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let violations = validate(&sc, &schedule);
    let validate_seconds = started.elapsed().as_secs_f64();
    let shifts: usize = schedule.agents.iter().map(|a| a.shifts.len()).sum();
    let required: u32 = report.required.iter().sum();
    let out = serde_json::json!({
        "groups": groups,
        "agents": groups * agents,
        "pools": report.pools.len(),
        "start_step_minutes": start_step,
        "total_seconds": seconds,
        "tour_seconds": report.tours.seconds,
        "tour_status": format!("{:?}", report.tours.status),
        "tour_gap": report.tours.gap,
        "tour_objective": report.tours.objective,
        "tour_lower_bound": report.tours.lower_bound,
        "tour_variables": report.tours.variables,
        "tour_constraints": report.tours.constraints,
        "assignment_seconds": report.assignment.map(|a| a.seconds),
        "assignment_gap": report.assignment.map(|a| a.gap),
        "shifts": shifts,
        "unassigned_shifts": report.unassigned_shifts,
        "required_agent_intervals": required,
        "short_intervals": report.short_intervals.len(),
        "staff_floor": report.staff_floor,
        "conflicts": report.conflicts.len(),
        "warnings": report.warnings,
        "violations": violations.len(),
        "validate_seconds": validate_seconds,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
