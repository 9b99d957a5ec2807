//! Test fixtures of the publish, calendar and search tests: a workspace with the example
//! configuration and hand-made stored schedules.

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use wfm_core::clock::FixedClock;
use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
use wfm_core::history::Granularity;
use wfm_core::{Channel, IntervalLength};
use wfm_scheduler::generate::{Gap, HorizonReport};
use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};

use super::workspace::{StoredSchedule, import_scenario};
use crate::Workspace;
use crate::store::{Actor, DocumentId, DocumentKind};

pub(super) const EXAMPLE: &str = "data/scenarios/schedule_example.toml";

pub(super) fn example() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap()
}

/// A workspace on Europe/Berlin with the forecast group Support, the example
/// configuration, a forecast document, the actor `sam` and the clock at 2026-03-01 09:00
/// UTC; returns the workspace, the configuration's and the forecast's ids.
pub(super) fn workspace(dir: &Path) -> (Workspace, DocumentId, DocumentId) {
    let mut ws = Workspace::create(
        &dir.join("w.wfm"),
        IntervalLength::Thirty,
        Some(chrono_tz::Europe::Berlin),
    )
    .unwrap();
    ws.create_group("Support", &["2001".parse().unwrap()])
        .unwrap();
    let config = import_scenario(&mut ws, &example(), "example.toml").unwrap();
    let forecast = ws
        .put_json(DocumentKind::Forecast, "Support", "short", "", &[], &0)
        .unwrap();
    ws.publish_document(forecast.id).unwrap();
    ws.set_actor(Actor::new("sam"));
    ws.set_clock(Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    )));
    (ws, config.info.id, forecast.id)
}

/// A `hours`-hour shift on 2026-03-`d` from `h`:00 UTC with a 15-minute break 2 h in.
pub(super) fn shift(d: u32, h: u32, hours: i64) -> Shift {
    let start = Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap();
    Shift {
        date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
        start,
        end: start + Duration::hours(hours),
        activities: vec![PlacedActivity {
            activity: "Break".into(),
            start: start + Duration::hours(2),
            end: start + Duration::minutes(135),
        }],
    }
}

/// Stores a draft schedule `name` of the two example teams, 2026-03-02 to 03-08, with
/// these agents' shifts, using the configuration and the forecast.
pub(super) fn store(
    ws: &mut Workspace,
    (config, forecast): (DocumentId, DocumentId),
    name: &str,
    agents: Vec<(&str, Vec<Shift>)>,
) -> DocumentId {
    let scenario = Scenario::from_toml(&example(), "example").unwrap();
    let schedule = Schedule {
        agents: agents
            .into_iter()
            .map(|(a, shifts)| AgentSchedule {
                agent: a.into(),
                shifts,
            })
            .collect(),
    };
    let report = HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0);
    let stored = StoredSchedule {
        forecast_group: "Support".into(),
        staffing_groups: vec!["Day team".into(), "Evening team".into()],
        start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
        channel: Channel::Voice,
        scenario_id: config,
        scenario: scenario.config().clone(),
        forecast_id: forecast,
        schedule,
        annotations: Default::default(),
        report,
        demand: vec![],
        created_at: String::new(),
    };
    ws.put_json(
        DocumentKind::Schedule,
        "Support",
        name,
        "",
        &[forecast, config],
        &stored,
    )
    .unwrap()
    .id
}

/// Publishes a short-term forecast of Support from Monday 2026-03-02 for 7 days: 8
/// contacts per half hour 13:00–20:00 UTC Monday to Saturday, AHT 300 s.
pub(super) fn publish_forecast(ws: &mut Workspace) {
    let from = Utc
        .with_ymd_and_hms(2026, 3, 2, 0, 0, 0)
        .unwrap()
        .timestamp();
    let points = (0..7 * 48)
        .map(|i| {
            let busy = i / 48 % 7 < 6 && (26..40).contains(&(i % 48));
            let v = if busy { 8.0 } else { 0.0 };
            ForecastPoint {
                start: from + i * 1800,
                volume: v,
                p10: v,
                p50: v,
                p90: v,
                aht_seconds: 300.0,
            }
        })
        .collect();
    let series = GroupSeries {
        queue_id: "2001".into(),
        queue_name: "Support".into(),
        channel: Channel::Voice,
        model: "test".into(),
        points,
    };
    let f = GroupForecast::new(
        Granularity::Interval(IntervalLength::Thirty),
        from,
        7 * 48,
        vec![series],
    );
    let doc = ws
        .put_json(DocumentKind::Forecast, "Support", "short", "", &[], &f)
        .unwrap();
    ws.publish_document(doc.id).unwrap();
}
