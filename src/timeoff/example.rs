//! The time-off example's week as a published schedule (for `wfm demo`, the tests and
//! the documentation): on a workspace holding `data/scenarios/timeoff_example.toml`,
//! every agent works their profile's 6-hour shift Monday 2026-12-14 to Friday
//! 2026-12-18 with the break 3 hours in (Day team 08:00–14:00, Early team 02:45–08:45
//! UTC), against a demand of 2 contacts a quarter hour 08:00–16:00 on weekdays.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use wfm_core::Channel;
use wfm_scheduler::generate::{Gap, HorizonReport, IntervalForecast};
use wfm_scheduler::{AgentSchedule, PlacedActivity, Schedule, Shift};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::StoredSchedule;
use crate::store::{DocumentId, DocumentKind};

/// The week's first day, a Monday.
pub const WEEK_START: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 14) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

fn shift(date: NaiveDate, minutes: u32) -> Shift {
    let start = Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
        + Duration::minutes(i64::from(minutes));
    Shift {
        date,
        start,
        end: start + Duration::hours(6),
        activities: vec![PlacedActivity {
            activity: "Break".into(),
            start: start + Duration::hours(3),
            end: start + Duration::minutes(210),
        }],
    }
}

/// The example week's shifts of the configuration's agents.
fn week(scenario: &wfm_scheduler::Scenario) -> Schedule {
    let mut agents = Vec::new();
    for g in &scenario.config().staffing_groups {
        let start = match scenario
            .config()
            .profiles
            .iter()
            .find(|p| p.name == g.profile)
        {
            Some(p) => p.earliest_start.minutes(),
            None => continue,
        };
        for a in &g.agents {
            agents.push(AgentSchedule {
                agent: a.clone(),
                shifts: (0..5)
                    .map(|d| shift(WEEK_START + Duration::days(d), start))
                    .collect(),
            });
        }
    }
    Schedule { agents }
}

/// Stores and publishes the example week (see the [module docs](self)); returns the
/// schedule's document.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// ws.create_group("Support", &["1001".parse()?])?;
/// let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/timeoff_example.toml"))?;
/// ws.schedule_scenario().import("timeoff_example.toml", &toml)?;
/// let id = wfm::timeoff::example::publish_week(&mut ws)?;
/// let (_, s) = ws.schedules().get(id)?;
/// assert_eq!(s.schedule.agents.len(), 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// `NotFound` without the example configuration; a storage failure.
pub fn publish_week(ws: &mut Workspace) -> Result<DocumentId> {
    let (config, stored) = ws.schedule_scenario().get()?;
    let scenario = stored.scenario(config.id)?;
    let forecast = ws.put_json(DocumentKind::Forecast, "Support", "short", "", &[], &0)?;
    ws.publish_document(forecast.id)?;
    let schedule = week(&scenario);
    let report = HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0);
    let demand = (0..7 * 96)
        .map(|q| {
            let busy = q / 96 < 5 && (32..64).contains(&(q % 96));
            IntervalForecast {
                volume: if busy { 2.0 } else { 0.0 },
                aht_seconds: 300.0,
            }
        })
        .collect();
    let s = StoredSchedule {
        forecast_group: "Support".into(),
        staffing_groups: scenario
            .config()
            .staffing_groups
            .iter()
            .map(|g| g.name.clone())
            .collect(),
        start: WEEK_START,
        end: WEEK_START + Duration::days(6),
        channel: Channel::Voice,
        scenario_id: config.id,
        scenario: scenario.config().clone(),
        forecast_id: forecast.id,
        schedule,
        report,
        demand,
        created_at: "2026-12-01T08:00:00Z".into(),
        annotations: Default::default(),
    };
    let doc = ws.put_json(
        DocumentKind::Schedule,
        "Support",
        "Support, 2026-12-14 to 2026-12-20",
        "",
        &[forecast.id, config.id],
        &s,
    )?;
    ws.schedules().publish(doc.id)?;
    Ok(doc.id)
}
