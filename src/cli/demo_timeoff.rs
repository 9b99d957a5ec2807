//! The time-off part of `wfm demo`: on a temporary workspace with the time-off example
//! configuration (`data/scenarios/timeoff_example.toml`) and a fixed "now", a request
//! auto-approved (its deduction: 30 h → 24 h 30), one denied with its reason (a slot
//! whose allowance is 0), and an overtime slot accepted, with the schedule change it
//! implies.

use std::sync::Arc;

use anyhow::Result;
use chrono::{NaiveDate, TimeZone, Utc};
use wfm::Workspace;
use wfm::core::clock::FixedClock;
use wfm::scheduler::timeoff::{ChangeKind, OfferedTo, SlotKind, hours};
use wfm::store::Actor;
use wfm::timeoff::{Answer, NewOffer, NewRequest};

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
    println!(
        "wfm demo — time off and overtime (6-hour shifts with a 30-minute break not deducted)"
    );
    let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap_or_default();
    let ok = ws
        .time_off()
        .request(&NewRequest::full_days("agent1", "VACAY_SK", day, day))?
        .request;
    println!(
        "request {}: agent1 VACAY_SK all of {day}: {} — {} h deducted, balance 30 h → {} h",
        ok.id,
        ok.status,
        hours(ok.deducted.balance_seconds),
        hours(30 * 3600 - ok.deducted.balance_seconds)
    );
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
    let taken = ws.time_off().answer(offer.id, "ana", Answer::Accept)?;
    let late = ws.time_off().answer(offer.id, "ben", Answer::Accept)?;
    println!(
        "overtime offer {}: 1 slot 2026-12-15 14:00–16:00 to the Day team: ana {}, ben {}",
        offer.id, taken.response.status, late.response.status
    );
    for c in &taken.schedule_changes {
        if let ChangeKind::AddWork { activity } = &c.kind {
            println!(
                "  schedule change for {}: {activity} {}–{} added",
                c.agent,
                c.start.format("%H:%M"),
                c.end.format("%H:%M")
            );
        }
    }
    println!();
    Ok(())
}
