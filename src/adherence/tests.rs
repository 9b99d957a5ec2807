//! Adherence on a workspace where one agent is in two published schedules.

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use wfm_core::clock::FixedClock;
use wfm_core::{Channel, IntervalLength};
use wfm_scheduler::generate::{Gap, HorizonReport, IntervalForecast};
use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};

use super::{ImportOptions, adherence_conflicts, adherence_report, day_impact, import_events};
use crate::Workspace;
use crate::scheduling::workspace::StoredSchedule;
use crate::store::{DocumentId, DocumentKind};
use wfm_scheduler::adherence::Period;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

/// A shift of `day()` from `a` to `b` o'clock UTC, with a 15-minute break at `brk`.
fn shift(a: u32, b: u32, brk: Option<u32>) -> Shift {
    let t = |h, m| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
    Shift {
        date: day(),
        start: t(a, 0),
        end: t(b, 0),
        activities: brk
            .map(|h| PlacedActivity {
                activity: "Break".into(),
                start: t(h, 0),
                end: t(h, 15),
            })
            .into_iter()
            .collect(),
    }
}

/// Publishes a schedule of forecast group `group` of the week of `day()`.
fn publish(ws: &mut Workspace, group: &str, agents: Vec<(&str, Shift)>) -> DocumentId {
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
    )
    .unwrap();
    let scenario = Scenario::from_toml(&toml, "example").unwrap();
    let schedule = Schedule {
        agents: agents
            .into_iter()
            .map(|(a, s)| AgentSchedule {
                agent: a.into(),
                shifts: vec![s],
            })
            .collect(),
    };
    let forecast = ws
        .put_json(DocumentKind::Forecast, group, "short", "", &[], &0)
        .unwrap()
        .id;
    let stored = StoredSchedule {
        forecast_group: group.into(),
        staffing_groups: vec!["Day team".into()],
        start: day(),
        end: day() + chrono::Duration::days(6),
        channel: Channel::Voice,
        scenario_id: forecast,
        scenario: scenario.config().clone(),
        forecast_id: forecast,
        report: HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0),
        schedule,
        annotations: Default::default(),
        // 5 contacts of 3 minutes a quarter hour, all week
        demand: vec![
            IntervalForecast {
                volume: 5.0,
                aht_seconds: 180.0
            };
            7 * 96
        ],
        created_at: String::new(),
    };
    let id = ws
        .put_json(
            DocumentKind::Schedule,
            group,
            "week",
            "",
            &[forecast],
            &stored,
        )
        .unwrap()
        .id;
    ws.publish_document(id).unwrap();
    id
}

/// A workspace of two forecast groups, Sales (queue 2001) and Support (2002), its clock
/// at 2026-03-03 09:00 UTC.
fn sales_and_support(dir: &std::path::Path) -> Workspace {
    let mut ws = Workspace::create(&dir.join("w.wfm"), IntervalLength::Thirty, None).unwrap();
    ws.create_group("Sales", &["2001".parse().unwrap()])
        .unwrap();
    ws.create_group("Support", &["2002".parse().unwrap()])
        .unwrap();
    ws.set_clock(Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
    )));
    ws
}

/// Before: each schedule's result replaced the other's (the last one won) and the
/// exceptions of both were kept. Now the agent's day is both schedules' shifts by time,
/// the overlap counted once as the schedule published last asks, and reported.
#[test]
fn one_agent_in_two_published_schedules_is_measured_against_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales_and_support(dir.path());
    // Sales books ana 08–12 with a break at 11:00; Support (published later) books her
    // 11–15: 11–12 is booked twice, and Support's plain work counts there
    let sales = publish(&mut ws, "Sales", vec![("ana", shift(8, 12, Some(11)))]);
    let support = publish(
        &mut ws,
        "Support",
        vec![("ana", shift(11, 15, None)), ("bob", shift(9, 10, None))],
    );
    let events = "agent,timestamp,state\n\
                  ana,2026-03-02T08:00:00Z,Available\n\
                  ana,2026-03-02T15:00:00Z,Offline\n\
                  bob,2026-03-02T09:00:00Z,Available\n";
    let r = import_events(
        &mut ws,
        events.as_bytes(),
        "e.csv",
        &ImportOptions::default(),
    )
    .unwrap();
    let recalc = r.recalculation.unwrap();
    assert_eq!(recalc.conflicts.len(), 1, "{:?}", recalc.conflicts);
    let c = &recalc.conflicts[0];
    assert_eq!(
        (c.agent.as_str(), c.overridden, c.kept),
        ("ana", sales, support)
    );
    assert_eq!(
        (c.start, c.end),
        (
            Utc.with_ymd_and_hms(2026, 3, 2, 11, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
        )
    );
    assert_eq!(
        adherence_conflicts(&ws, day(), day()).unwrap(),
        recalc.conflicts
    );

    let rows = adherence_report(&ws, day(), day(), Period::Day).unwrap();
    let ana: Vec<_> = rows.iter().filter(|r| r.agent == "ana").collect();
    assert_eq!(ana.len(), 1, "{rows:?}");
    // 08:00–15:00 once, all Available: the Sales break under Support's work is not asked
    assert_eq!(ana[0].totals.scheduled_ms, 7 * 3_600_000);
    assert_eq!(ana[0].totals.adherent_ms, 7 * 3_600_000);
    let bob: Vec<_> = rows.iter().filter(|r| r.agent == "bob").collect();
    assert_eq!(bob[0].totals.scheduled_ms, 3_600_000);
    let exceptions = super::adherence_exceptions(&ws, day(), day()).unwrap();
    assert!(exceptions.is_empty(), "{exceptions:?}");

    // the live monitor sees the same day
    let mut m = super::monitor_for_day(&ws, day(), &[], 10).unwrap();
    let at = Utc
        .with_ymd_and_hms(2026, 3, 2, 11, 5, 0)
        .unwrap()
        .timestamp_millis();
    let ana_event = wfm_scheduler::adherence::AgentEvent::plain("ana", at, "Available", false);
    let status = m.apply(&ana_event).unwrap();
    assert_eq!(status.scheduled_activity.as_deref(), Some("Work"));
    assert_eq!(status.adherent, Some(true));
}

/// Before: the service impact was computed per schedule with every agent's whole day, so
/// an agent in two schedules counted as available in both teams (Support gained her
/// Sales morning, Sales her Support afternoon). Now she counts, at each time, in the team
/// of the schedule that counts then: Sales 08–11, Support 11–15 (published later).
#[test]
fn service_impact_counts_an_agent_in_two_schedules_in_one_team_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales_and_support(dir.path());
    publish(&mut ws, "Sales", vec![("ana", shift(8, 12, Some(11)))]);
    publish(
        &mut ws,
        "Support",
        vec![("ana", shift(11, 15, None)), ("ben", shift(9, 17, None))],
    );
    // ana follows her day exactly: Available 08–15; ben is Available 09–17
    let events = "agent,timestamp,state\n\
                  ana,2026-03-02T08:00:00Z,Available\n\
                  ana,2026-03-02T15:00:00Z,Offline\n\
                  ben,2026-03-02T09:00:00Z,Available\n\
                  ben,2026-03-02T17:00:00Z,Offline\n";
    import_events(
        &mut ws,
        events.as_bytes(),
        "e.csv",
        &ImportOptions::default(),
    )
    .unwrap();
    let rows = day_impact(&ws, day()).unwrap();
    // rows come schedule by schedule (publication order), each team then all teams
    let per_schedule = rows.len() / 2;
    let (sales, support) = rows.split_at(per_schedule);
    let at = |rows: &[wfm_scheduler::adherence::ImpactInterval], h: u32, m: u32| {
        let t = Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
        rows.iter()
            .find(|r| r.team == wfm_scheduler::adherence::ALL_TEAMS && r.start == t)
            .unwrap()
            .clone()
    };
    let agents =
        |r: wfm_scheduler::adherence::ImpactInterval| (r.scheduled_agents, r.available_agents);
    // Sales: ana 08–11 (11–12 is Support's), nobody after
    assert_eq!(agents(at(sales, 8, 0)), (1.0, 1.0));
    assert_eq!(agents(at(sales, 11, 0)), (0.0, 0.0));
    assert_eq!(agents(at(sales, 13, 0)), (0.0, 0.0)); // was available 1 of 0
    // Support: ben, and ana from 11:00
    assert_eq!(agents(at(support, 9, 0)), (1.0, 1.0)); // was available 2 of 1
    assert_eq!(agents(at(support, 11, 0)), (2.0, 2.0));
    assert_eq!(agents(at(support, 14, 30)), (2.0, 2.0));
    assert_eq!(agents(at(support, 15, 0)), (1.0, 1.0));
    // everyone adherent: no team of either schedule gains or loses service level
    for r in &rows {
        assert_eq!(r.service_level_points_lost, 0.0, "{r:?}");
    }
}

/// An import lists the agents in no published schedule with their event counts, and
/// stores their events all the same.
#[test]
fn an_import_lists_the_agents_in_no_published_schedule_with_their_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = sales_and_support(dir.path());
    publish(&mut ws, "Sales", vec![("ana", shift(8, 12, None))]);
    let events = "agent,timestamp,state\n\
                  ana,2026-03-02T08:00:00Z,Available\n\
                  zed,2026-03-02T08:00:00Z,Available\n\
                  ana,2026-03-02T09:00:00Z,Lunch\n\
                  zed,2026-03-02T09:00:00Z,Offline\n\
                  amy,2026-03-02T09:30:00Z,Offline\n";
    let options = ImportOptions {
        recalculate: false,
        ..ImportOptions::default()
    };
    let r = import_events(&mut ws, events.as_bytes(), "e.csv", &options).unwrap();
    let want = std::collections::BTreeMap::from([("amy".to_string(), 1), ("zed".to_string(), 2)]);
    assert_eq!(r.unknown_agents, want);
    assert_eq!(r.info.events, 5);
}
