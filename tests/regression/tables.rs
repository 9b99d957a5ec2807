//! Regression tests of issue 18 item 3 ("one table definition per report"): the frames
//! Python receives had other columns than the CSV files of the same run. Now, for the
//! same run, the DataFrame and the CSV file have the same columns and the same values —
//! coverage, shifts, activities and agent hours of a schedule, the weekly (with hiring)
//! and monthly periods of a plan, and the staffing results.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, NaiveDate};
use polars::prelude::{AnyValue, DataFrame, DataType, TimeUnit};

use super::outputs::shared_plan_inputs as plan_inputs;

/// A frame's cell as the CSV writes it, given the CSV's text (for its decimals).
fn same(value: &AnyValue, text: &str) -> bool {
    match value {
        AnyValue::Null => text.is_empty(),
        AnyValue::Float64(x) => {
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            format!("{x}") == text || format!("{x:.decimals$}") == text
        }
        AnyValue::Int64(n) => n.to_string() == text,
        AnyValue::Boolean(b) => b.to_string() == text,
        AnyValue::String(s) => *s == text,
        AnyValue::StringOwned(s) => s.as_str() == text,
        AnyValue::Date(days) => {
            let day = NaiveDate::default() + chrono::Duration::days(i64::from(*days));
            day.to_string() == text
        }
        AnyValue::Datetime(ms, _, _) => {
            DateTime::from_timestamp_millis(*ms).is_some_and(|t| wfm::tables::utc_text(t) == text)
        }
        other => panic!("a frame type the tables do not write: {other:?}"),
    }
}

/// Asserts the CSV file at `path` and `frame` have the same columns, rows and values.
fn assert_same(path: &Path, frame: &DataFrame) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, names, "{}", path.display());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), frame.height(), "{}", path.display());
    assert!(
        !records.is_empty(),
        "{}: a test without rows proves nothing",
        path.display()
    );
    for (c, column) in frame.columns().iter().enumerate() {
        for (r, record) in records.iter().enumerate() {
            let value = column.get(r).unwrap();
            assert!(
                same(&value, &record[c]),
                "{} row {r} column {}: frame {value:?}, CSV {:?}",
                path.display(),
                names[c],
                &record[c]
            );
        }
    }
}

#[test]
fn python_week_coverage_lacked_the_service_level_asa_and_occupancy_of_coverage_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from(plan_inputs::HEADER);
    csv.push('\n');
    for day in 2..9 {
        for q in 0..96 {
            let v = if day < 7 && (56..72).contains(&q) {
                3
            } else {
                0
            };
            writeln!(
                csv,
                "Support,q1,VOICE,2026-03-{day:02}T{:02}:{:02}:00Z,15mins,{v},300",
                q / 4,
                q % 4 * 15
            )
            .unwrap();
        }
    }
    std::fs::write(dir.path().join("st.csv"), csv).unwrap();
    let outcome = wfm::scheduling::schedule_from_files(
        &wfm::scheduling::ScheduleFiles {
            scenario: concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/scenarios/schedule_example.toml"
            )
            .into(),
            forecast: dir.path().join("st.csv").into(),
            only: Some((
                "Day team".into(),
                NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            )),
            channel: wfm::core::Channel::Voice,
            time_limit_seconds: wfm::scheduler::generate::TimeLimit::new(20.0).unwrap(),
            relative_gap: wfm::scheduler::generate::Gap::ONE_PERCENT,
            objective: wfm::scheduler::generate::Objective::FewestShifts,
        },
        &mut |_| {},
    )
    .unwrap();
    let out = dir.path().join("week");
    wfm::scheduling::write_schedule_dir(&out, &outcome).unwrap();
    let frames = wfm::scheduling::schedule_frames(&outcome).unwrap();
    assert_same(&out.join("coverage.csv"), &frames.coverage);
    assert_same(&out.join("shifts.csv"), &frames.shifts);
    assert_same(&out.join("activities.csv"), &frames.activities);
    assert_same(&out.join("agent_hours.csv"), &frames.agent_hours);
    // the review's figures reach Python: service level, ASA and occupancy per interval
    let review = outcome.review().unwrap();
    let monday_15h = &review.intervals[30];
    assert_eq!(
        wfm::tables::utc_text(monday_15h.start),
        "2026-03-02T15:00:00Z"
    );
    assert_eq!(
        frames
            .coverage
            .column("service_level")
            .unwrap()
            .get(30)
            .unwrap(),
        AnyValue::Float64(monday_15h.service_level)
    );
    assert_eq!(frames.coverage.height(), 7 * 48); // the scenario's 30-minute grid
    assert_eq!(
        frames.shifts.column("start").unwrap().dtype(),
        &DataType::Datetime(TimeUnit::Milliseconds, None)
    );
    assert_eq!(
        frames.shifts.column("date").unwrap().dtype(),
        &DataType::Date
    );
    // Lunch is unpaid, the breaks paid
    let activities = &frames.activities;
    let paid = activities.column("paid").unwrap().bool().unwrap();
    let name = activities.column("activity").unwrap().str().unwrap();
    assert!(activities.height() > 0);
    for (name, paid) in name.iter().zip(paid.iter()) {
        assert_eq!(paid, Some(name != Some("Lunch")), "{name:?}");
    }
}

#[test]
fn python_plan_weekly_lacked_the_hiring_columns_of_plan_weekly_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = plan_inputs::inputs(dir.path());
    let text = std::fs::read_to_string(&scenario).unwrap();
    let scenario = plan_inputs::write(
        dir.path(),
        "hiring.toml",
        &format!("{text}\n[hiring]\nlead_weeks = 2\nramp = [0.5, 1.0]\ncost_per_hire = 1000\n"),
    );
    let fte = plan_inputs::write(
        dir.path(),
        "fte.csv",
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
         Sales,2025-01-06T00:00:00Z,60,10,5\nSales,2025-03-03T00:00:00Z,200,10,5",
    );
    let outcome = wfm::capacity::plan_from_files(&wfm::capacity::PlanFiles {
        forecast_long: long.into(),
        forecast_short: short.into(),
        scenario,
        fte: Some(fte.into()),
        group: None,
        start: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
        weeks: 12,
        overrides: None,
    })
    .unwrap();
    assert!(outcome.plan.hiring.is_some());
    let out = dir.path().join("plan");
    wfm::capacity::write_plan_dir(&out, &outcome).unwrap();
    let weekly = wfm::capacity::weekly_frame(&outcome.plan).unwrap();
    assert_eq!(weekly.width(), 18 + 4, "the hiring columns too");
    assert_same(&out.join("plan_weekly.csv"), &weekly);
    let monthly = wfm::capacity::monthly_table(&outcome.plan).frame().unwrap();
    assert_same(&out.join("plan_monthly.csv"), &monthly);
}

#[test]
fn the_staffing_frame_is_the_staffing_csv_file() {
    let csv = "id,volume,aht_seconds,interval_seconds,service_level_target,service_level_seconds,patience_seconds,shrinkage\n\
               \"09:00, Mon\",100,180,1800,0.8,20,,0.3\n09:30,250,240,1800,0.8,20,120,0.3\n";
    let batch = wfm::staffing::read_csv_from(csv.as_bytes(), "in.csv").unwrap();
    let results = batch.solve().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    wfm::staffing::write_csv(&path, &batch, &results).unwrap();
    let frame = wfm::staffing::results_to_dataframe(&batch, &results).unwrap();
    assert_eq!(frame.width(), 8 + 7 + 1, "abandon_probability too");
    assert_same(&path, &frame);
}
