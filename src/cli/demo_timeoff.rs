//! The time-off part of `wfm demo`: on a temporary workspace with the time-off example
//! configuration (`data/scenarios/timeoff_example.toml`) and a fixed "now", a request
//! auto-approved (its deduction: 30 h → 24 h 30), one denied with its reason (a slot
//! whose allowance is 0), and an overtime slot accepted — both into the published
//! example week (`wfm::timeoff::example`), with the shifts before and after and the
//! change records written.

use std::sync::Arc;

use anyhow::Result;
use chrono::{NaiveDate, TimeZone, Utc};
use wfm::Workspace;
use wfm::core::clock::FixedClock;
use wfm::scheduler::Shift;
use wfm::scheduler::timeoff::{OfferedTo, SlotKind, hours};
use wfm::store::{Actor, DocumentId};
use wfm::timeoff::{Answer, NewOffer, NewRequest, ScheduleUpdate};

const CONFIGURATION: &str = include_str!("../../data/scenarios/timeoff_example.toml");

/// Runs the tour; a failure is reported and skipped, never fatal.
pub fn tour() {
    let Ok(dir) = tempfile::tempdir() else {
        println!("(no temporary directory: skipping the time-off tour)\n");
        return;
    };
    if let Err(e) = run(&dir.path().join("timeoff.wfm")) {
        println!("(time-off tour skipped: {e})\n");
    }
}

fn run(path: &std::path::Path) -> Result<()> {
    let mut ws = Workspace::create(path, wfm::core::IntervalLength::Thirty, None)?;
    ws.set_clock(Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0)
            .single()
            .unwrap_or_default(),
    )));
    ws.set_actor(Actor::new("sam"));
    ws.create_group("Support", &["1001".parse()?])?;
    ws.schedule_scenario()
        .import("timeoff_example.toml", CONFIGURATION)?;
    ws.time_off().import_balances(
        "balances.csv",
        "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nana,VACAY_SK,10\n",
    )?;
    ws.time_off().import_allowances(
        "allowances.csv",
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n\
         Support,VACAY_SK||SICK_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,4.4\n\
         Support,VACAY_SK,2026-12-22T09:00:00,2026-12-22T10:00:00,0\n",
    )?;
    let week = wfm::timeoff::example::publish_week(&mut ws)?;
    let cursor = ws.schedules().changes_since(0, 1000)?.next;
    println!(
        "wfm demo — time off and overtime (6-hour shifts with a 30-minute break not deducted; \
         the week of 2026-12-14 published as schedule {week})"
    );
    let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap_or_default();
    let was = shift(&mut ws, week, "agent1", day)?;
    let done = ws
        .time_off()
        .request(&NewRequest::full_days("agent1", "VACAY_SK", day, day))?;
    let ok = &done.request;
    println!(
        "request {}: agent1 VACAY_SK all of {day}: {} — {} h deducted, balance 30 h → {} h",
        ok.id,
        ok.status,
        hours(ok.deducted.balance_seconds),
        hours(30 * 3600 - ok.deducted.balance_seconds)
    );
    into_schedule(&mut ws, week, &done.schedule, "agent1", day, &was)?;
    let t = |h| {
        Utc.with_ymd_and_hms(2026, 12, 22, h, 0, 0)
            .single()
            .unwrap_or_default()
    };
    let no = ws
        .time_off()
        .request(&NewRequest::range("ana", "VACAY_SK", t(9), t(10)))?
        .request;
    println!(
        "request {}: ana VACAY_SK 2026-12-22 09:00–10:00: {}",
        no.id, no.status
    );
    for f in &no.failures {
        println!("  because: {f}");
    }
    let s = |h| {
        Utc.with_ymd_and_hms(2026, 12, 15, h, 0, 0)
            .single()
            .unwrap_or_default()
    };
    let offer = ws.time_off().open_slots(&NewOffer {
        kind: SlotKind::Overtime,
        start: s(14),
        end: s(16),
        activity: "Phones".into(),
        reason: "afternoon peak".into(),
        slots: 1,
        offered_to: OfferedTo::Group("Day team".into()),
    })?;
    let was = shift(&mut ws, week, "ana", day)?;
    let taken = ws.time_off().answer(offer.id, "ana", Answer::Accept)?;
    let late = ws.time_off().answer(offer.id, "ben", Answer::Accept)?;
    println!(
        "overtime offer {}: 1 slot 2026-12-15 14:00–16:00 to the Day team: ana {}, ben {}",
        offer.id, taken.response.status, late.response.status
    );
    into_schedule(&mut ws, week, &taken.schedule, "ana", day, &was)?;
    let page = ws.schedules().changes_since(cursor, 100)?;
    println!(
        "  {} change record(s) in the outbox for the agents' calendars: {}",
        page.records.len(),
        page.records
            .iter()
            .map(|r| format!("{} (version {})", r.agent, r.revision))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!();
    Ok(())
}

fn shift(ws: &mut Workspace, id: DocumentId, agent: &str, day: NaiveDate) -> Result<Shift> {
    let (_, s) = ws.schedules().get(id)?;
    s.schedule
        .agents
        .iter()
        .find(|a| a.agent == agent)
        .and_then(|a| a.shifts.iter().find(|s| s.date == day))
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("{agent} has no shift on {day}"))
}

fn show(s: &Shift) -> String {
    let hm = |t: chrono::DateTime<Utc>| t.format("%H:%M").to_string();
    let acts: Vec<String> = s
        .activities
        .iter()
        .map(|p| format!("{} {}–{}", p.activity, hm(p.start), hm(p.end)))
        .collect();
    format!("{}–{} [{}]", hm(s.start), hm(s.end), acts.join(", "))
}

/// Prints what a decision did to the published schedule: the agent's shift before and
/// after, the new version, the rules broken and the service level.
fn into_schedule(
    ws: &mut Workspace,
    week: DocumentId,
    updates: &[ScheduleUpdate],
    agent: &str,
    day: NaiveDate,
    was: &Shift,
) -> Result<()> {
    let Some(u) = updates.first() else {
        println!("  (no published schedule covers {day}: nothing to edit)");
        return Ok(());
    };
    println!(
        "  into schedule {week}, version {}: {agent} {day} {} → {}",
        u.version,
        show(was),
        show(&shift(ws, week, agent, day)?)
    );
    if let Some((before, after)) = u.service_level {
        println!(
            "  service level of the week {:.1} % → {:.1} %",
            100.0 * before,
            100.0 * after
        );
    }
    for v in &u.violations {
        println!("  applied, and the supervisor is told: {v}");
    }
    Ok(())
}
