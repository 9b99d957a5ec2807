use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::Demand;
use crate::schedule::AgentSchedule;
use crate::timeoff::testing::example;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 15, h, m, 0).unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
}

fn act(name: &str, s: DateTime<Utc>, e: DateTime<Utc>) -> PlacedActivity {
    PlacedActivity {
        activity: name.into(),
        start: s,
        end: e,
    }
}

/// ana works 08:00–14:00 with the Break at 11:00.
fn schedule() -> Schedule {
    Schedule {
        agents: vec![AgentSchedule {
            agent: "ana".into(),
            shifts: vec![Shift {
                date: day(),
                start: t(8, 0),
                end: t(14, 0),
                activities: vec![act("Break", t(11, 0), t(11, 30))],
            }],
        }],
    }
}

fn change(s: DateTime<Utc>, e: DateTime<Utc>, kind: ChangeKind) -> ScheduleChange {
    ScheduleChange {
        agent: "ana".into(),
        date: day(),
        start: s,
        end: e,
        kind,
    }
}

fn vacay() -> ChangeKind {
    ChangeKind::AddTimeOff {
        activity: "VACAY_SK".into(),
    }
}

fn acts(s: &Schedule) -> Vec<(String, String, String)> {
    s.agents[0].shifts[0]
        .activities
        .iter()
        .map(|p| {
            (
                p.activity.clone(),
                p.start.format("%H:%M").to_string(),
                p.end.format("%H:%M").to_string(),
            )
        })
        .collect()
}

fn row(a: &str, s: &str, e: &str) -> (String, String, String) {
    (a.into(), s.into(), e.into())
}

#[test]
fn a_full_day_off_goes_around_the_break_it_leaves_no_room_for_and_breaks_no_rule() {
    let sc = example();
    let out = place_changes(
        &EditContext::new(&sc),
        &schedule(),
        &Annotations::default(),
        &[change(t(8, 0), t(14, 0), vacay())],
    )
    .unwrap();
    assert_eq!(
        acts(&out.schedule),
        [
            row("VACAY_SK", "08:00", "11:00"),
            row("Break", "11:00", "11:30"),
            row("VACAY_SK", "11:30", "14:00")
        ]
    );
    assert!(out.violations.is_empty(), "{:?}", out.violations);
    assert_eq!(out.changed, ["ana"]);
}

#[test]
fn with_demand_a_break_the_time_off_overlaps_moves_inside_its_window() {
    // the Day profile's break may start 3 to 4 hours in
    let text = include_str!("../../../data/scenarios/timeoff_example.toml").replacen(
        "earliest_minutes = 180, latest_minutes = 180",
        "earliest_minutes = 180, latest_minutes = 240",
        1,
    );
    let sc = Scenario::from_toml(&text, "t.toml").unwrap();
    let demand = Demand::from_quarters(day(), vec![]);
    let ctx = EditContext::new(&sc).with_demand(&demand, Default::default());
    let out = place_changes(
        &ctx,
        &schedule(),
        &Annotations::default(),
        &[change(t(10, 0), t(11, 30), vacay())],
    )
    .unwrap();
    assert_eq!(
        acts(&out.schedule),
        [
            row("VACAY_SK", "10:00", "11:30"),
            row("Break", "11:30", "12:00")
        ]
    );
    assert!(out.violations.is_empty(), "{:?}", out.violations);
}

#[test]
fn taking_the_time_off_out_again_restores_the_shift() {
    let sc = example();
    let ctx = EditContext::new(&sc);
    let notes = Annotations::default();
    let full = [change(t(8, 0), t(14, 0), vacay())];
    let placed = place_changes(&ctx, &schedule(), &notes, &full).unwrap();
    let back = change(
        t(8, 0),
        t(14, 0),
        ChangeKind::RemoveTimeOff {
            activity: "VACAY_SK".into(),
        },
    );
    let out = place_changes(&ctx, &placed.schedule, &notes, &[back]).unwrap();
    assert_eq!(out.schedule, schedule());
    assert_eq!(out.edits.len(), 2, "both pieces removed: {:?}", out.edits);
}

#[test]
fn time_off_over_a_meeting_takes_the_agent_out_of_it() {
    let sc = example();
    let mut s = schedule();
    s.agents[0].shifts[0]
        .activities
        .push(act("Phones", t(9, 0), t(10, 0)));
    let out = place_changes(
        &EditContext::new(&sc),
        &s,
        &Annotations::default(),
        &[change(t(8, 0), t(10, 30), vacay())],
    )
    .unwrap();
    assert_eq!(
        acts(&out.schedule),
        [
            row("VACAY_SK", "08:00", "10:30"),
            row("Break", "11:00", "11:30")
        ]
    );
}

#[test]
fn overtime_extends_the_shift_and_the_longer_shift_breaks_the_profiles_maximum_reported() {
    let sc = example();
    let ot = change(
        t(14, 0),
        t(16, 0),
        ChangeKind::AddWork {
            activity: "Phones".into(),
        },
    );
    let out = place_changes(
        &EditContext::new(&sc),
        &schedule(),
        &Annotations::default(),
        &[ot],
    )
    .unwrap();
    let sh = &out.schedule.agents[0].shifts[0];
    assert_eq!((sh.start, sh.end), (t(8, 0), t(16, 0)));
    assert_eq!(
        acts(&out.schedule),
        [
            row("Break", "11:00", "11:30"),
            row("Phones", "14:00", "16:00")
        ]
    );
    // the Day profile's shifts are 6 hours at most: applied, and the rule named
    assert!(
        out.violations.iter().any(|v| v.rule == Rule::ShiftLength),
        "{:?}",
        out.violations
    );
}

#[test]
fn overtime_on_a_day_off_adds_a_shift_and_vto_cuts_or_deletes_one() {
    let sc = example();
    let ctx = EditContext::new(&sc);
    let notes = Annotations::default();
    let saturday = |h| Utc.with_ymd_and_hms(2026, 12, 19, h, 0, 0).unwrap();
    let mut ot = change(
        saturday(9),
        saturday(12),
        ChangeKind::AddWork {
            activity: "Phones".into(),
        },
    );
    ot.date = saturday(0).date_naive();
    let out = place_changes(&ctx, &schedule(), &notes, &[ot]).unwrap();
    let shifts = &out.schedule.agents[0].shifts;
    assert_eq!(shifts.len(), 2);
    assert_eq!(
        (shifts[1].start, shifts[1].end),
        (saturday(9), saturday(12))
    );

    let cut = change(t(12, 0), t(14, 0), ChangeKind::RemoveWork);
    let out = place_changes(&ctx, &schedule(), &notes, &[cut]).unwrap();
    assert_eq!(out.schedule.agents[0].shifts[0].end, t(12, 0));
    let all = change(t(7, 0), t(15, 0), ChangeKind::RemoveWork);
    let out = place_changes(&ctx, &schedule(), &notes, &[all]).unwrap();
    assert!(out.schedule.agents[0].shifts.is_empty());
    let hole = change(t(9, 0), t(10, 0), ChangeKind::RemoveWork);
    let out = place_changes(&ctx, &schedule(), &notes, &[hole]).unwrap();
    assert_eq!(out.schedule, schedule());
    assert!(out.notes[0].contains("inside"), "{:?}", out.notes);
}
