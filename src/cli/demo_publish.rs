//! The publishing part of `wfm demo`: the small example scenario scheduled on a
//! temporary workspace and published; the change records publishing writes (one per
//! agent), a correction published as a second schedule of the same week (one record:
//! only the agent whose shift moved), read with the cursor, and one agent's calendar.

use std::path::Path;

use anyhow::Result;
use chrono::Duration;
use comfy_table::Cell;
use wfm::core::forecast::ForecastKind;
use wfm::scheduler::generate::TimeLimit;
use wfm::scheduling::calendar::{CalendarFormat, CalendarOf};
use wfm::scheduling::workspace::{CreateSchedule, StoredSchedule};
use wfm::store::{Actor, DocumentKind};

use super::table;

const SCENARIO: &str = "../scenarios/schedule_small.toml";
const FORECAST: &str = "../scenarios/forecast_small.csv";

/// Runs the tour; a missing sample or a failure is reported and skipped, never fatal.
pub fn tour() {
    let sample = Path::new(wfm::demo::SAMPLE_DIR);
    let (scenario, forecast) = (sample.join(SCENARIO), sample.join(FORECAST));
    if !scenario.is_file() || !forecast.is_file() {
        println!("(example scenario not found: skipping the publishing tour)\n");
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        println!("(no temporary directory: skipping the publishing tour)\n");
        return;
    };
    if let Err(e) = run(&dir.path().join("publish.wfm"), &scenario, &forecast) {
        println!("(the publishing tour failed: {e:#})\n");
    }
}

fn run(path: &Path, scenario: &Path, forecast: &Path) -> Result<()> {
    let mut ws = wfm::Workspace::create(
        path,
        wfm::core::IntervalLength::Thirty,
        Some(chrono_tz::Europe::Berlin),
    )?;
    ws.set_actor(Actor::new("planner.demo"));
    ws.create_group("FG_Billing", &["1003".parse()?])?;
    let f = wfm::capacity::read_forecast_csv(forecast, ForecastKind::Short)?;
    let doc = ws.put_json(DocumentKind::Forecast, "FG_Billing", "short", "", &[], &f)?;
    ws.publish_document(doc.id)?;
    ws.schedule_scenario().import_file(scenario)?;
    let request = CreateSchedule {
        name: Some("Billing, August week 1".into()),
        time_limit_seconds: TimeLimit::new(20.0)?,
        ..CreateSchedule::default()
    };
    let first = ws.schedules().create(&request)?;
    let published = ws.schedules().publish(first.id)?;
    println!(
        "wfm demo — publishing notifies: schedule {} {:?} published, {} change record(s) \
         written (a first publication: one per agent)",
        first.id,
        first.name,
        published.changes.len()
    );
    // a correction: one agent's first shift an hour later, published as a new schedule
    // of the same week (it replaces the first)
    let (_, mut s): (_, StoredSchedule) = ws.get_json(first.id)?;
    let Some(agent) = s.schedule.agents.iter_mut().find(|a| !a.shifts.is_empty()) else {
        anyhow::bail!("the schedule has no shift");
    };
    let moved = &mut agent.shifts[0];
    moved.start += Duration::hours(1);
    moved.end += Duration::hours(1);
    for a in &mut moved.activities {
        a.start += Duration::hours(1);
        a.end += Duration::hours(1);
    }
    let who = agent.agent.clone();
    let info = ws.schedules().get(first.id)?.0;
    let second = ws.put_json(
        DocumentKind::Schedule,
        &info.scope,
        "Billing, August week 1 (corrected)",
        &info.summary,
        &info.uses,
        &s,
    )?;
    let cursor = published.changes.last().copied().unwrap_or(0);
    let again = ws.schedules().publish(second.id)?;
    println!(
        "a correction ({who}'s first shift an hour later) published as schedule {}: {} change \
         record(s); read after cursor {cursor}:",
        second.id,
        again.changes.len()
    );
    let page = ws.schedules().changes_since(cursor, 100)?;
    let mut t = table::new(&["seq", "agent", "days", "before (UTC)", "after (UTC)", "by"]);
    let shifts = |s: &[wfm::scheduler::Shift]| {
        s.iter()
            .map(|x| format!("{}–{}", x.start.format("%a %H:%M"), x.end.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for r in &page.records {
        let days: Vec<String> = r.dates.iter().map(ToString::to_string).collect();
        t.add_row(vec![
            Cell::new(r.seq),
            Cell::new(&r.agent),
            Cell::new(days.join(", ")),
            Cell::new(shifts(&r.before)),
            Cell::new(shifts(&r.after)),
            Cell::new(&r.actor),
        ]);
    }
    println!("{}", table::show(&t));
    let ics = ws.schedules().calendar(
        second.id,
        &CalendarOf::Agent(who.clone()),
        CalendarFormat::Ics,
    )?;
    let events = ics.matches("BEGIN:VEVENT").count();
    println!(
        "{who}'s calendar: {events} event(s) in {} bytes of iCalendar; next cursor {}",
        ics.len(),
        page.next
    );
    println!(
        "Try: wfm --workspace my.wfm schedule changes --since 0 --format jsonl; \
         wfm --workspace my.wfm schedule calendar ID --agent NAME -o NAME.ics\n"
    );
    Ok(())
}
