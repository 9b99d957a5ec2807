//! Long runs can be watched and stopped (issue 19 item 6): a watcher hears of increasing
//! progress, and a stop asked for from the callback ends the run at the next safe point —
//! a schedule after the week in progress, with the weeks done marked stopped; a forecast
//! or a plan with `Stopped`.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate};
use wfm::capacity::{PlanFiles, plan_from_files_watched};
use wfm::core::CoreError;
use wfm::core::progress::{Progress, Step};
use wfm::forecasting::{
    FIT_STAGE, ForecastKind, ForecastRequest, forecast_files, write_forecast_csv,
};
use wfm::scheduler::generate::{Gap, Objective, TimeLimit};
use wfm::scheduling::{SCHEDULE_STAGE, ScheduleFiles, schedule_from_files, week_callback};
use wfm::{WfmError, scheduler::validate};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every step heard of: stage, done, total.
type Seen = Arc<Mutex<Vec<(String, u64, u64)>>>;

/// A watcher recording every step, asking for a stop once `stop_at` steps are done.
fn recorder(stop_at: Option<u64>) -> (Progress, Seen) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let progress = Progress::new(move |s: &Step<'_>| {
        log.lock()
            .unwrap()
            .push((s.stage.to_owned(), s.done, s.total));
        match stop_at {
            Some(n) if s.done >= n => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    });
    (progress, seen)
}

/// The example scenario over three weeks from 2026-03-02 and a forecast covering them
/// (3 contacts a quarter hour 14:00–18:00 UTC on weekdays).
fn three_weeks(dir: &Path) -> (PathBuf, PathBuf) {
    let text =
        std::fs::read_to_string(root().join("data/scenarios/schedule_example.toml")).unwrap();
    let text = text.replace("end = \"2026-03-08\"", "end = \"2026-03-22\"");
    assert!(
        text.contains("2026-03-22"),
        "the example's request end moved"
    );
    let scenario = dir.join("three_weeks.toml");
    std::fs::write(&scenario, text).unwrap();
    let mut csv = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n",
    );
    let first = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for d in 0..21 {
        let day = first + Duration::days(d);
        for q in 0..96 {
            let v = if d % 7 < 5 && (56..72).contains(&q) {
                3
            } else {
                0
            };
            csv.push_str(&format!(
                "Support,q1,VOICE,{day}T{:02}:{:02}:00Z,15mins,{v},300\n",
                q / 4,
                q % 4 * 15
            ));
        }
    }
    let forecast = dir.join("st.csv");
    std::fs::write(&forecast, csv).unwrap();
    (scenario, forecast)
}

#[test]
fn a_stop_asked_for_after_the_first_week_returns_that_week_marked_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (scenario, forecast) = three_weeks(dir.path());
    let (progress, seen) = recorder(Some(1));
    let outcome = schedule_from_files(
        &ScheduleFiles {
            scenario,
            forecast: forecast.into(),
            only: None,
            channel: wfm::core::Channel::Voice,
            time_limit_seconds: TimeLimit::new(60.0).unwrap(),
            relative_gap: Gap::ONE_PERCENT,
            objective: Objective::FewestShifts,
        },
        &mut week_callback(&progress),
    )
    .unwrap();
    let r = &outcome.report;
    assert_eq!(
        *seen.lock().unwrap(),
        [(SCHEDULE_STAGE.to_owned(), 1, 3)],
        "one week heard of, of three"
    );
    assert!(r.stopped, "the report says the run was stopped");
    assert_eq!(r.weeks.len(), 1);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("stopped by the user after 1 of 3 week(s)")),
        "{:?}",
        r.warnings
    );
    let last = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
    let shifts: Vec<_> = outcome
        .schedule
        .agents
        .iter()
        .flat_map(|a| &a.shifts)
        .collect();
    assert!(!shifts.is_empty(), "the first week is scheduled");
    assert!(
        shifts.iter().all(|s| s.date <= last),
        "nothing after week 1"
    );
    // the outcome speaks of the week done: its scenario, validator and review
    assert_eq!(outcome.scenario.request().end, last);
    assert!(outcome.violations.is_empty(), "{:?}", outcome.violations);
    assert!(validate(&outcome.scenario, &outcome.schedule).is_empty());
    assert_eq!(outcome.demand.quarters().len(), 7 * 96);
    // the stored form keeps the mark; an older report without it reads as not stopped
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["stopped"], true);
    let mut older = json.clone();
    older.as_object_mut().unwrap().remove("stopped");
    let older: wfm::scheduler::generate::HorizonReport = serde_json::from_value(older).unwrap();
    assert!(!older.stopped);
}

#[test]
fn a_forecast_of_many_series_reports_each_and_stops_when_asked() {
    let history = || vec![root().join("data/sample/intervals_30min.csv").into()];
    let (progress, seen) = recorder(None);
    let mut request = ForecastRequest::new(history(), ForecastKind::Short, 2);
    request.watcher = progress;
    let run = forecast_files(&request).unwrap();
    let seen = seen.lock().unwrap().clone();
    let n = run.forecast.series.len() as u64;
    assert!(n > 1, "the sample has several series");
    assert_eq!(seen.len() as u64, n, "one step per series");
    assert!(
        seen.iter()
            .all(|(stage, _, total)| stage == FIT_STAGE && *total == n)
    );
    let mut done: Vec<u64> = seen.iter().map(|s| s.1).collect();
    done.sort_unstable();
    assert_eq!(done, (1..=n).collect::<Vec<_>>(), "increasing, each once");

    let (stop, _) = recorder(Some(1));
    let mut request = ForecastRequest::new(history(), ForecastKind::Short, 2);
    request.watcher = stop;
    let e = forecast_files(&request).unwrap_err();
    assert!(
        matches!(e, WfmError::Core(CoreError::Stopped { ref stage }) if stage == FIT_STAGE),
        "{e}"
    );
}

#[test]
fn a_plan_reports_its_days_and_the_hiring_and_stops_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("data/sample");
    let short = forecast_files(&ForecastRequest::new(
        vec![sample.join("intervals_30min.csv").into()],
        ForecastKind::Short,
        2,
    ))
    .unwrap();
    let long = forecast_files(&ForecastRequest::new(
        vec![sample.join("daily.csv").into()],
        ForecastKind::Long,
        4,
    ))
    .unwrap();
    let (st, lt) = (dir.path().join("st.csv"), dir.path().join("lt.csv"));
    write_forecast_csv(&st, &short.forecast, &short.table()).unwrap();
    write_forecast_csv(&lt, &long.forecast, &long.table()).unwrap();
    let first = chrono::DateTime::from_timestamp(long.forecast.start, 0)
        .unwrap()
        .date_naive();
    let monday = first
        + Duration::days(i64::from(
            (7 - chrono::Datelike::weekday(&first).num_days_from_monday()) % 7,
        ));
    let files = PlanFiles {
        forecast_long: lt.into(),
        forecast_short: st.into(),
        scenario: root().join("data/scenarios/capacity_base.toml"),
        fte: None,
        group: None,
        start: monday,
        weeks: 2,
        overrides: None,
    };
    let (progress, seen) = recorder(None);
    let outcome = plan_from_files_watched(&files, &progress).unwrap();
    assert_eq!(outcome.plan.weekly.len(), 2);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 15, "14 days and the hiring plan: {seen:?}");
    assert_eq!(seen.last().unwrap().0, wfm::core::capacity::HIRING_STAGE);
    let mut days: Vec<u64> = seen[..14].iter().map(|s| s.1).collect();
    days.sort_unstable();
    assert_eq!(days, (1..=14).collect::<Vec<_>>());

    let (stop, _) = recorder(Some(1));
    let e = plan_from_files_watched(&files, &stop).unwrap_err();
    assert!(
        matches!(e, WfmError::Core(CoreError::Stopped { .. })),
        "{e}"
    );
}
