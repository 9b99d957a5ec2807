//! The scheduling part of `wfm demo`: the small example scenario
//! (`data/scenarios/schedule_small.toml`: 20 agents of the Billing team, one week) on its
//! forecast (`forecast_small.csv`, the sample Billing queue's short-term forecast scaled
//! to the team; see data/README.md), checked by the independent validator; coverage per
//! day and a few agents' shifts shown, the tables written to `FOLDER/schedule/` with
//! `--output`.

use std::path::Path;

use anyhow::Result;
use chrono::{Duration, NaiveDate};
use comfy_table::Cell;
use wfm::core::Channel;
use wfm::scheduler::Review;
use wfm::scheduler::generate::{Gap, Objective, TimeLimit};
use wfm::scheduling::{ScheduleFiles, ScheduleOutcome, schedule_from_files, write_schedule_dir};

use super::table;

/// The scenario the demo schedules and its forecast (relative to the sample folder).
const SCENARIO: &str = "../scenarios/schedule_small.toml";
const FORECAST: &str = "../scenarios/forecast_small.csv";
/// Agents whose shifts are printed.
const SHOWN_AGENTS: usize = 3;

/// Runs the tour; a missing sample or a failure is reported and skipped, never fatal.
pub fn tour(output: Option<&Path>) {
    let sample = Path::new(wfm::demo::SAMPLE_DIR);
    let (scenario, forecast) = (sample.join(SCENARIO), sample.join(FORECAST));
    if !scenario.is_file() || !forecast.is_file() {
        println!("(example scenario not found: skipping the scheduling tour)\n");
        return;
    }
    let temp;
    let dir = match output {
        Some(dir) => dir.join("schedule"),
        None => match tempfile::tempdir() {
            Ok(t) => {
                temp = t;
                temp.path().to_owned()
            }
            Err(_) => {
                println!("(no temporary directory: skipping the scheduling tour)\n");
                return;
            }
        },
    };
    match run(&scenario, &forecast, &dir) {
        Ok(()) if output.is_some() => println!(
            "Files in {}: schedule.json, shifts/activities/coverage/agent_hours as .csv and .parquet, schedule.xlsx, report.json\n",
            dir.display()
        ),
        Ok(()) => {}
        Err(e) => println!("(the scheduling tour failed: {e:#})\n"),
    }
}

fn run(scenario: &Path, forecast: &Path, dir: &Path) -> Result<()> {
    let outcome = schedule_from_files(
        &ScheduleFiles {
            scenario: scenario.to_owned(),
            forecast: forecast.into(),
            only: None,
            channel: Channel::Voice,
            time_limit_seconds: TimeLimit::new(20.0)?,
            relative_gap: Gap::ONE_PERCENT,
            objective: Objective::FewestShifts,
        },
        &mut |_| std::ops::ControlFlow::Continue(()),
    )?;
    write_schedule_dir(dir, &outcome)?;
    let week_start = outcome.week_start;
    let r = &outcome.report;
    let groups: Vec<&str> = outcome
        .scenario
        .run_groups()
        .map(|g| g.name.as_str())
        .collect();
    println!(
        "wfm demo — a week of shifts with breaks: {} of {:?} ({})\n",
        groups.join(", "),
        outcome.scenario.config().name,
        scenario
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
    );
    println!(
        "{} shifts for {} agents, {:.1} paid hours; {:?}: {} in {:.2} s (objective {:.2}, lower bound {:.2}, gap {:.2} %); \
         {} quarter hour(s) short of the goal; validator: {} violation(s)",
        r.shifts,
        r.agents,
        r.paid_hours,
        r.status,
        r.status_text,
        r.seconds,
        r.objective,
        r.lower_bound,
        r.gap * 100.0,
        r.unmet_intervals.len(),
        outcome.violations.len()
    );
    let review = outcome.review()?;
    println!("review: {}\n", review.summary);
    for v in &outcome.violations {
        println!("  violation: {v}");
    }
    print_days(&outcome, &review, week_start);
    print_agents(&outcome);
    super::demo_edit::tour(&outcome);
    super::demo_adherence::tour(&outcome);
    Ok(())
}

/// Required vs scheduled productive agent-hours per day, the peaks and short intervals
/// (the review's intervals).
fn print_days(outcome: &ScheduleOutcome, review: &Review, week_start: NaiveDate) {
    let hours = f64::from(outcome.scenario.config().interval.minutes()) / 60.0;
    let rows = &review.intervals;
    let mut t = table::new(&[
        "day",
        "required agent-h",
        "scheduled agent-h",
        "peak required",
        "peak scheduled",
        "short intervals",
    ]);
    for d in 0..7 {
        let day = week_start + Duration::days(d);
        let of_day: Vec<_> = rows
            .iter()
            .filter(|r| r.start.date_naive() == day)
            .collect();
        let required: f64 = of_day.iter().map(|r| f64::from(r.required) * hours).sum();
        let scheduled: f64 = of_day.iter().map(|r| r.scheduled * hours).sum();
        t.add_row(vec![
            Cell::new(day.format("%a %Y-%m-%d")),
            Cell::new(format!("{required:.1}")),
            Cell::new(format!("{scheduled:.1}")),
            Cell::new(of_day.iter().map(|r| r.required).max().unwrap_or(0)),
            Cell::new(format!(
                "{:.1}",
                of_day.iter().map(|r| r.scheduled).fold(0.0, f64::max)
            )),
            Cell::new(of_day.iter().filter(|r| r.short > 0.0).count()),
        ]);
    }
    println!(
        "coverage per day (productive agents):\n{}\n",
        table::show(&t)
    );
}

/// The shifts of the first few agents, with their breaks and meals.
fn print_agents(outcome: &ScheduleOutcome) {
    let sc = &outcome.scenario;
    let hm = |t: chrono::DateTime<chrono::Utc>| t.format("%H:%M").to_string();
    let mut t = table::new(&["agent", "day", "shift (UTC)", "paid h", "breaks and meals"]);
    let agents = outcome
        .schedule
        .agents
        .iter()
        .filter(|a| !a.shifts.is_empty())
        .take(SHOWN_AGENTS);
    for a in agents {
        for s in &a.shifts {
            let activities: Vec<String> = s
                .activities
                .iter()
                .map(|p| format!("{} {}–{}", p.activity, hm(p.start), hm(p.end)))
                .collect();
            t.add_row(vec![
                Cell::new(&a.agent),
                Cell::new(s.date.format("%a %m-%d")),
                Cell::new(format!("{}–{}", hm(s.start), hm(s.end))),
                Cell::new(format!("{:.2}", s.paid_minutes(sc) as f64 / 60.0)),
                Cell::new(activities.join(", ")),
            ]);
        }
    }
    println!("shifts of {SHOWN_AGENTS} agents:\n{}", table::show(&t));
    println!(
        "Try: wfm schedule generate --scenario data/scenarios/schedule_medium.toml \
         --forecast data/scenarios/forecast_medium.csv --output medium\n"
    );
}
