//! The scheduling part of `wfm demo`: one week of shifts with breaks for the Day team of
//! the example scheduling scenario, on demand derived from the sample history, checked
//! by the independent validator; coverage per day and a few agents' shifts shown, the
//! tables written to `FOLDER/schedule/` with `--output`.
//!
//! Where the demand comes from (the sample history ends on 2024-07-31, the scenario
//! schedules the week of 2026-03-02): the Support queue's short-term VOICE forecast of
//! the first full week after the history, moved by whole weeks to the scenario's week
//! (weekdays kept), kept within the Day profile's hours and days (the other hours belong
//! to the Evening team, whose local-clock profile the batch generator does not schedule
//! yet) and scaled so its peak is [`PEAK_ERLANGS`] — the sample queue needs ~60 agents at
//! its peak, the example team has 12. The demand file is written beside the schedule.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use chrono::{Datelike, Duration, NaiveDate, Timelike, Weekday};
use comfy_table::Cell;
use wfm::core::Channel;
use wfm::forecasting::{
    ForecastKind, ForecastOutput, ForecastRequest, forecast_files, write_forecast_csv,
};
use wfm::scheduler::model::DayStatus;
use wfm::scheduling::{
    ScheduleFiles, ScheduleOutcome, interval_coverage, read_scenario, schedule_from_files,
    write_schedule_dir,
};

use super::table;

/// The scenario the demo schedules (relative to the sample folder).
const SCENARIO: &str = "../scenarios/schedule_example.toml";
/// The staffing group scheduled.
const GROUP: &str = "Day team";
/// The sample queue whose forecast shapes the demand (Support).
const QUEUE: &str = "1002";
/// The demand's peak, in Erlangs (contacts × AHT per second of the interval): the team of
/// 12 meets it and works its weekly minimum hours without a raised staff floor (a lower
/// peak makes the generator solve again, raising the floor, for seconds more).
pub const PEAK_ERLANGS: f64 = 5.0;
/// Agents whose shifts are printed.
const SHOWN_AGENTS: usize = 3;

/// Runs the tour; a missing sample or a failure is reported and skipped, never fatal.
pub fn tour(output: Option<&Path>) {
    let sample = Path::new(wfm::demo::SAMPLE_DIR);
    let scenario = sample.join(SCENARIO);
    if !sample.join("intervals_30min.csv").is_file() || !scenario.is_file() {
        println!("(sample data not found: skipping the scheduling tour)\n");
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
    match run(sample, &scenario, &dir) {
        Ok(()) if output.is_some() => println!(
            "Files in {}: schedule.json, shifts.csv, activities.csv, coverage.csv, report.json, demand_forecast.csv\n",
            dir.display()
        ),
        Ok(()) => {}
        Err(e) => println!("(the scheduling tour failed: {e:#})\n"),
    }
}

/// The demand of the module documentation, as a forecast of the scenario's week.
fn demand(sample: &Path, scenario: &Path) -> Result<(ForecastOutput, String)> {
    let sc = read_scenario(scenario)?;
    let week_start = sc.request().start;
    let group = sc
        .run_groups()
        .find(|g| g.name == GROUP)
        .ok_or_else(|| anyhow!("no staffing group {GROUP:?} in {}", scenario.display()))?;
    let profile = sc
        .profile(&group.profile)
        .ok_or_else(|| anyhow!("no profile {:?}", group.profile))?;
    let mut out = forecast_files(&ForecastRequest::new(
        vec![sample.join("intervals_30min.csv")],
        ForecastKind::Short,
        2,
    ))?;
    out.series
        .retain(|s| s.queue_id == QUEUE && s.channel == Channel::Voice);
    let series = out
        .series
        .first_mut()
        .ok_or_else(|| anyhow!("the sample has no VOICE history of queue {QUEUE}"))?;
    let at = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
    let monday = series
        .forecast
        .points
        .iter()
        .map(|p| at(p.start))
        .find(|t| t.weekday() == Weekday::Mon && t.num_seconds_from_midnight() == 0)
        .context("the forecast has no Monday")?;
    let shift = week_start.and_time(chrono::NaiveTime::MIN).and_utc() - monday;
    let (open, close) = (
        profile.earliest_start.minutes(),
        profile.latest_end.minutes(),
    );
    let step = 1800.0; // the sample's 30-minute intervals
    series.forecast.points.retain_mut(|p| {
        let t = at(p.start) + shift;
        let minute = t.hour() * 60 + t.minute();
        let working = profile.days.status(t.weekday()) != DayStatus::Off;
        p.start = t.timestamp();
        (0..7).contains(&(t.date_naive() - week_start).num_days())
            && working
            && (open..close).contains(&minute)
    });
    let peak = series
        .forecast
        .points
        .iter()
        .map(|p| p.volume * p.aht_seconds / step)
        .fold(0.0, f64::max);
    let scale = if peak > 0.0 { PEAK_ERLANGS / peak } else { 1.0 };
    for p in &mut series.forecast.points {
        p.volume *= scale;
        p.p10 *= scale;
        p.p50 *= scale;
        p.p90 *= scale;
    }
    out.start = series
        .forecast
        .points
        .first()
        .map_or(out.start, |p| p.start);
    out.steps = series.forecast.points.len();
    let note = format!(
        "demand: queue {QUEUE} {}'s VOICE forecast for the week of {} (the sample history's next full week), \
         moved to the scenario's week of {week_start}, within the {} profile's hours ({:02}:{:02}–{:02}:{:02} UTC, \
         its working days) and scaled ×{scale:.3} to a peak of {PEAK_ERLANGS} Erlangs for the team's size",
        series.queue_name,
        monday.date_naive(),
        profile.name,
        open / 60,
        open % 60,
        close / 60,
        close % 60,
    );
    Ok((out, note))
}

fn run(sample: &Path, scenario: &Path, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let (forecast, note) = demand(sample, scenario)?;
    let demand_csv = dir.join("demand_forecast.csv");
    write_forecast_csv(&demand_csv, &forecast)?;
    let week_start = read_scenario(scenario)?.request().start;
    let outcome = schedule_from_files(
        &ScheduleFiles {
            scenario: scenario.to_owned(),
            forecast: demand_csv,
            only: Some((GROUP.to_owned(), week_start)),
            channel: Channel::Voice,
            time_limit_seconds: 20.0,
            relative_gap: 0.01,
        },
        &mut |_| {},
    )?;
    write_schedule_dir(dir, &outcome)?;
    let r = &outcome.report;
    let shifts: usize = outcome.schedule.agents.iter().map(|a| a.shifts.len()).sum();
    println!(
        "wfm demo — a week of shifts with breaks: {GROUP} of {:?} ({})\n",
        outcome.scenario.config().name,
        scenario
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
    );
    println!("{note}\n");
    println!(
        "{shifts} shifts for {} agents; solver {:?} in {:.2} s (objective {:.1}, gap {:.2} %); \
         {} quarter hour(s) short of the goal; validator: {} violation(s)\n",
        outcome
            .schedule
            .agents
            .iter()
            .filter(|a| !a.shifts.is_empty())
            .count(),
        r.status,
        r.seconds,
        r.objective,
        r.gap * 100.0,
        r.unmet_intervals.len(),
        outcome.violations.len()
    );
    for v in &outcome.violations {
        println!("  violation: {v}");
    }
    print_days(&outcome, week_start);
    print_agents(&outcome);
    Ok(())
}

/// Required vs scheduled productive agent-hours per day, the peaks and short intervals.
fn print_days(outcome: &ScheduleOutcome, week_start: NaiveDate) {
    let hours = f64::from(outcome.scenario.config().interval.minutes()) / 60.0;
    let rows = interval_coverage(outcome);
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
            Cell::new(of_day.iter().filter(|r| r.short).count()),
        ]);
    }
    println!("coverage per day (productive agents, {GROUP}):\n{t}\n");
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
    println!("shifts of {SHOWN_AGENTS} agents:\n{t}");
    println!(
        "Try: wfm schedule generate --scenario data/scenarios/schedule_example.toml --forecast FORECAST.csv \
         --group \"Day team\" --week-start 2026-03-02 --output week\n"
    );
}
