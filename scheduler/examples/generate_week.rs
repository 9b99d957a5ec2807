//! Speed evidence for the week generator: a realistic staffing group — 15-minute grid,
//! a two-peak forecast (Erlang C, 80 % in 20 s, occupancy ≤ 85 %), starts every 15
//! minutes from 06:00 to 14:00, 8-, 6- and 4-hour shifts with breaks and a meal, and
//! named agents (full- and part-time rules) — printing each stage's objective, bound,
//! gap, status and time as JSON.
//!
//! ```text
//! cargo run -p wfm-scheduler --example generate_week -- [AGENTS] [TIME_LIMIT_S] [GAP] [patterns]
//! ```
//! `patterns` adds the 5-of-7-days tour rule to the anonymous stage.

use std::time::Instant;

use wfm_erlang::{Goal, MaxOccupancy};
use wfm_scheduler::generate::{
    Agent, Availability, BreakKind, BreakRule, Grid, IntervalForecast, Limits, ShiftLength,
    ShiftTemplate, WeekProblem, WorkDays, generate, requirement,
};

fn brk(kind: BreakKind, earliest_h: f64, latest_h: f64, minutes: u32) -> BreakRule {
    BreakRule {
        kind,
        length: minutes / 15,
        earliest_offset: (earliest_h * 4.0) as u32,
        latest_offset: (latest_h * 4.0) as u32,
        paid: kind == BreakKind::Break,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let agents: usize = args.first().map_or(Ok(300), |a| a.parse())?;
    let time_limit: f64 = args.get(1).map_or(Ok(120.0), |a| a.parse())?;
    let gap: f64 = args.get(2).map_or(Ok(0.01), |a| a.parse())?;
    let patterns = args.get(3).is_some_and(|a| a == "patterns");

    let grid = Grid::new(15)?;
    // Two peaks (10:30 and 15:00), open 06:00–22:00, weekends at 60 %; scaled so the
    // week needs roughly `agents` people.
    let scale = agents as f64 / 300.0;
    let mut forecast = Vec::with_capacity(grid.week() as usize);
    for day in 0..7 {
        let weekday = if day < 5 { 1.0 } else { 0.6 };
        for i in 0..grid.per_day() {
            let h = f64::from(i) / 4.0;
            let volume = if (6.0..22.0).contains(&h) {
                let peak = |c: f64, w: f64| (-((h - c) / w).powi(2)).exp();
                scale * weekday * (60.0 + 240.0 * peak(10.5, 2.0) + 200.0 * peak(15.0, 2.5))
            } else {
                0.0
            };
            forecast.push(IntervalForecast {
                volume,
                aht_seconds: 300.0,
            });
        }
    }
    let goal = Goal::service_level(0.8, 20.0)?;
    let started = Instant::now();
    let required = requirement(&grid, &forecast, goal, MaxOccupancy::new(0.85)?)?;
    let requirement_seconds = started.elapsed().as_secs_f64();

    let template = ShiftTemplate {
        earliest_start: 6 * 4,
        latest_start: 14 * 4,
        start_step: 1,
        lengths: vec![
            ShiftLength {
                length: 32,
                breaks: vec![
                    brk(BreakKind::Break, 1.5, 2.5, 15),
                    brk(BreakKind::Meal, 3.0, 4.5, 30),
                    brk(BreakKind::Break, 5.5, 6.5, 15),
                ],
            },
            ShiftLength {
                length: 24,
                breaks: vec![
                    brk(BreakKind::Break, 1.5, 2.5, 15),
                    brk(BreakKind::Meal, 3.0, 4.0, 30),
                ],
            },
            ShiftLength {
                length: 16,
                breaks: vec![brk(BreakKind::Break, 1.5, 2.5, 15)],
            },
        ],
        day_windows: None,
    };
    let mut problem = WeekProblem::new(grid, required, template);
    problem.pools[0].max_shifts_per_day = Some(agents as u32);
    if patterns {
        problem.pools[0].work_days = Some(WorkDays {
            days: 5,
            consecutive_days_off: false,
        });
    }
    // Two thirds full time (8-hour shifts, 5 days, 40 h), a third part time (4–6 h, at most
    // 30 h, not on Sundays for every other one).
    problem.pools[0].agents = (0..agents)
        .map(|i| {
            let mut a = Agent::new(format!("agent{i:04}"));
            a.max_consecutive_days = Some(5);
            if i % 3 < 2 {
                a.allowed_lengths = Some(vec![32]);
                a.max_week_minutes = Some(40 * 60);
                a.max_work_days = Some(5);
            } else {
                a.allowed_lengths = Some(vec![16, 24]);
                a.max_week_minutes = Some(30 * 60);
                a.min_week_minutes = Some(16 * 60);
                if i % 2 == 0 {
                    a.availability[6] = Availability::Off;
                }
            }
            a
        })
        .collect();
    let limits = Limits::new(time_limit, gap)?;
    let started = Instant::now();
    let week = generate(&problem, &limits)?;
    let total = started.elapsed().as_secs_f64();
    let required_agent_intervals: u32 = problem.required.iter().sum();
    println!(
        "{}",
        serde_json::json!({
            "agents": agents,
            "patterns": patterns,
            "required_agent_intervals": required_agent_intervals,
            "peak_requirement": problem.required.iter().max(),
            "requirement_seconds": requirement_seconds,
            "tours": week.tours,
            "tour_shifts": week.tour_shifts,
            "assignment": week.assignment,
            "assigned_shifts": week.shift_count,
            "unassigned_shifts": week.unassigned.len(),
            "paid_hours": week.paid_minutes as f64 / 60.0,
            "short_intervals": week.short_intervals.len(),
            "conflicts": week.conflicts.len(),
            "total_seconds": total,
        })
    );
    Ok(())
}
