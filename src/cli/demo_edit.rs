//! `wfm demo`'s editing step: on the demo's generated week, a meeting placed where the
//! proposal says it costs the least service level, and a shift moved, with the work log
//! and the review before and after.

use anyhow::Result;
use chrono::Duration;
use wfm::scheduler::edit::meeting::{Attendees, MeetingRequest, propose_meeting};
use wfm::scheduler::edit::{Annotations, Edit, EditBatch, EditContext, EditOptions, apply_edits};
use wfm::scheduling::ScheduleOutcome;

/// Prints the step; a failure is shown, not fatal (the demo goes on).
pub fn tour(outcome: &ScheduleOutcome) {
    if let Err(e) = run(outcome) {
        println!("(editing step skipped: {e})\n");
    }
}

fn run(outcome: &ScheduleOutcome) -> Result<()> {
    let scenario = &outcome.scenario;
    let ctx = EditContext::new(scenario).with_demand(&outcome.demand, outcome.options);
    let Some(group) = scenario.run_groups().next() else {
        return Ok(());
    };
    let Some(activity) = scenario
        .config()
        .activities
        .iter()
        .find(|a| a.kind == wfm::scheduler::ActivityKind::NonProductive)
    else {
        return Ok(());
    };
    let first = outcome.week_start;
    let request = MeetingRequest {
        activity: activity.name.clone(),
        duration_minutes: 60,
        attendees: Attendees::FromGroup {
            group: group.name.clone(),
            count: 4,
        },
        first_day: first,
        last_day: first + Duration::days(4),
        max_slots: 3,
    };
    let slots = propose_meeting(&ctx, &outcome.schedule, &request)?;
    println!(
        "wfm demo — editing: a 60-minute '{}' for 4 agents of {}, Mon–Fri: the slots that cost the least service level",
        activity.name, group.name
    );
    for (rank, s) in slots.iter().enumerate() {
        println!(
            "  {}. {} {}–{} UTC: SL {:.1} % → {:.1} %, ASA {:.0} → {:.0} s, {:.2} contacts late ({})",
            rank + 1,
            s.date,
            s.start.format("%H:%M"),
            s.end.format("%H:%M"),
            100.0 * s.service_level.0,
            100.0 * s.service_level.1,
            s.asa_seconds.0,
            s.asa_seconds.1,
            s.contacts_late,
            s.attendees.join(", ")
        );
    }
    let mut edits = Vec::new();
    if let Some(best) = slots.first() {
        edits.push(best.edit(&activity.name, Some("demo meeting".into())));
    }
    // and a shift moved 30 minutes later
    if let Some((agent, shift)) = outcome
        .schedule
        .agents
        .iter()
        .find_map(|a| a.shifts.last().map(|s| (a.agent.clone(), s)))
    {
        edits.push(Edit::MoveShift {
            agent,
            date: shift.date,
            start: shift.start + Duration::minutes(30),
        });
    }
    let batch = EditBatch::new("demo", edits);
    let before = outcome.review()?.summary;
    let out = apply_edits(
        &ctx,
        &outcome.schedule,
        &Annotations::default(),
        &batch,
        &EditOptions::default(),
    )?;
    println!(
        "applied: the best slot as one shared meeting, and a shift moved 30 minutes: {} agent(s) changed, {} skipped by the rules",
        out.changed.len(),
        out.skipped.len()
    );
    for entry in &out.log {
        println!("  {entry}");
    }
    if let Some(after) = out.review.as_ref().map(|r| &r.summary) {
        println!(
            "review: SL {:.1} % → {:.1} %, occupancy {:.1} % → {:.1} %, short intervals {} → {}\n",
            100.0 * before.service_level,
            100.0 * after.service_level,
            100.0 * before.occupancy,
            100.0 * after.occupancy,
            before.short_intervals,
            after.short_intervals
        );
    }
    Ok(())
}
