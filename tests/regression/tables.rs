//! Regression tests of issue 18 item 3 ("one table definition per report"): the frames
//! Python receives had other columns than the CSV files of the same run.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use polars::prelude::DataFrame;

use super::outputs::shared_plan_inputs as plan_inputs;

fn header(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect()
}

fn names(frame: &DataFrame) -> Vec<String> {
    frame
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn python_week_coverage_lacked_the_service_level_asa_and_occupancy_of_coverage_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = format!("{}\n", plan_inputs::HEADER);
    for day in 2..9 {
        for q in 0..96 {
            let v = if day < 7 && (56..72).contains(&q) {
                3
            } else {
                0
            };
            let (h, m) = (q / 4, q % 4 * 15);
            writeln!(
                csv,
                "Support,q1,VOICE,2026-03-{day:02}T{h:02}:{m:02}:00Z,15mins,{v},300"
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
            forecast: dir.path().join("st.csv"),
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
    let coverage = names(&frames.coverage);
    assert_eq!(coverage, header(&out.join("coverage.csv")));
    for column in ["service_level", "asa_seconds", "occupancy"] {
        assert!(coverage.iter().any(|c| c == column), "{column}");
    }
    assert_eq!(names(&frames.shifts), header(&out.join("shifts.csv")));
    assert_eq!(
        names(&frames.activities),
        header(&out.join("activities.csv"))
    );
    assert_eq!(
        names(&frames.agent_hours),
        header(&out.join("agent_hours.csv"))
    );
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
    let outcome = wfm::capacity::plan_from_files(&wfm::capacity::PlanFiles {
        forecast_long: long,
        forecast_short: short,
        scenario,
        fte: None,
        group: None,
        start: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
        weeks: 4,
        overrides: None,
    })
    .unwrap();
    let out = dir.path().join("plan");
    wfm::capacity::write_plan_dir(&out, &outcome).unwrap();
    let weekly = names(&wfm::capacity::weekly_frame(&outcome.plan).unwrap());
    assert_eq!(weekly, header(&out.join("plan_weekly.csv")));
    assert!(weekly.iter().any(|c| c == "hires"), "{weekly:?}");
}
