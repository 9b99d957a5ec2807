//! The adherence part of `wfm demo`: a sample day of agent state events for the demo
//! schedule's first day (late log-ins, long breaks, early leaving), the day's adherence
//! per agent and the service level lost to it.

use chrono::Duration;
use comfy_table::Cell;
use wfm::scheduler::adherence::{
    ALL_TEAMS, AdherenceRules, SampleOptions, agent_states, events_by_agent, sample_events,
    schedule_adherence, service_impact,
};
use wfm::scheduling::ScheduleOutcome;

use super::table;

/// Agents listed (the least adherent first).
const SHOWN: usize = 5;

/// Prints the demo day's adherence; a failure is reported, never fatal.
pub fn tour(outcome: &ScheduleOutcome) {
    if let Err(e) = run(outcome) {
        println!("(the adherence tour failed: {e:#})\n");
    }
}

fn run(outcome: &ScheduleOutcome) -> anyhow::Result<()> {
    let day = (0..7)
        .map(|d| outcome.week_start + Duration::days(d))
        .find(|d| {
            outcome
                .schedule
                .agents
                .iter()
                .any(|a| a.shifts.iter().any(|s| s.date == *d))
        })
        .unwrap_or(outcome.week_start);
    let rules = AdherenceRules::from_scenario(&outcome.scenario);
    let events = sample_events(&outcome.schedule, &rules, day, &SampleOptions::default());
    let by_agent = events_by_agent(events.iter().cloned());
    let mut days = schedule_adherence(&rules, &outcome.schedule, &by_agent, (day, day));
    let mut total = wfm::scheduler::adherence::AdherenceTotals::default();
    for d in &days {
        total += d.totals;
    }
    println!(
        "wfm demo — adherence on {day}: {} sample events for {} agents; team adherence {:.2} % ({} of {} scheduled)",
        events.len(),
        days.len(),
        total.percent().unwrap_or(100.0),
        total.adherent_hms(),
        total.scheduled_hms()
    );
    days.sort_by(|a, b| {
        a.totals
            .percent()
            .partial_cmp(&b.totals.percent())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut t = table::new(&[
        "agent",
        "AGENT_SCHEDULE_ADHERENCE",
        "adherent",
        "non-adherent",
        "scheduled",
        "exceptions",
    ]);
    for d in days.iter().take(SHOWN) {
        t.add_row(vec![
            Cell::new(&d.agent),
            Cell::new(table::number(d.totals.percent(), 2)),
            Cell::new(d.totals.adherent_hms()),
            Cell::new(d.totals.non_adherent_hms()),
            Cell::new(d.totals.scheduled_hms()),
            Cell::new(d.exceptions.len()),
        ]);
    }
    println!("the {SHOWN} least adherent agents:\n{}", table::show(&t));
    let states = outcome
        .schedule
        .agents
        .iter()
        .map(|a| {
            let bounds: Vec<(i64, i64)> = a
                .shifts
                .iter()
                .map(|s| (s.start.timestamp_millis(), s.end.timestamp_millis()))
                .collect();
            let ev = by_agent.get(&a.agent).map_or(&[][..], Vec::as_slice);
            (a.agent.clone(), agent_states(ev, &bounds))
        })
        .collect();
    let impact = service_impact(
        &outcome.scenario,
        &outcome.schedule,
        &outcome.demand,
        day,
        &states,
        &[],
    )?;
    let all: Vec<_> = impact.iter().filter(|r| r.team == ALL_TEAMS).collect();
    let volume: f64 = all.iter().map(|r| r.volume).sum();
    let mean = |f: &dyn Fn(&&&wfm::scheduler::adherence::ImpactInterval) -> f64| {
        all.iter().map(|r| r.volume * f(&r)).sum::<f64>() / volume.max(1e-9) * 100.0
    };
    let (a, b) = (
        mean(&|r| r.scheduled_service_level),
        mean(&|r| r.actual_service_level),
    );
    let worst = all.iter().max_by(|x, y| {
        x.service_level_points_lost
            .total_cmp(&y.service_level_points_lost)
    });
    println!(
        "service level on {day}: {a:.1} % as scheduled, {b:.1} % with the agents actually available: {:.1} points lost to non-adherence{}\n",
        a - b,
        worst
            .filter(|w| w.service_level_points_lost > 0.0)
            .map_or_else(String::new, |w| format!(
                " (worst interval {} UTC: {:.1} points)",
                w.start.format("%H:%M"),
                w.service_level_points_lost
            ))
    );
    println!("Try: wfm adherence --help (import events, report by day or week, watch live)\n");
    Ok(())
}
