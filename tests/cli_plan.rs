//! `wfm plan`: a capacity plan from forecast files, end to end through the binary —
//! the weekly and monthly CSVs, the workbook, and every bad input named by line.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

#[path = "common/plan_inputs.rs"]
mod plan_inputs;

use plan_inputs::{inputs, write};

fn wfm() -> Command {
    Command::cargo_bin("wfm").unwrap()
}

/// `wfm plan` of `weeks` weeks from Monday 2025-01-06 into `out` from the three inputs.
fn plan(
    weeks: u32,
    out: impl AsRef<std::ffi::OsStr>,
    long: &Path,
    short: &Path,
    scenario: &Path,
) -> Command {
    let mut c = wfm();
    c.args([
        "plan",
        "--start",
        "2025-01-06",
        "--weeks",
        &weeks.to_string(),
        "--output",
    ])
    .arg(out.as_ref())
    .arg("--forecast-long")
    .arg(long)
    .arg("--forecast-short")
    .arg(short)
    .arg("--scenario")
    .arg(scenario);
    c
}

/// Regression: `--group G` refused an FTE file holding several groups ("no forecast
/// group named …" on the other groups' rows), though the format allows several groups
/// per file; G's rows are used and the plan is the one of a file with only them.
#[test]
fn a_plan_for_one_group_reads_its_rows_of_an_fte_file_with_several_groups() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let head = "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n";
    let sales = "Sales,2025-01-06T00:00:00Z,60,10,5\nSales,2025-03-03T00:00:00Z,200,10,5\n";
    let other = "Other,2025-01-06T00:00:00Z,7,10,5\n";
    let only = write(dir.path(), "only.csv", &format!("{head}{sales}"));
    let both = write(dir.path(), "both.csv", &format!("{head}{other}{sales}"));
    let weekly = |fte: &Path, name: &str| {
        let out = dir.path().join(name);
        plan(12, &out, &long, &short, &scenario)
            .args(["--group", "Sales", "--fte"])
            .arg(fte)
            .assert()
            .success();
        std::fs::read_to_string(out.join("plan_weekly.csv")).unwrap()
    };
    assert_eq!(weekly(&both, "both"), weekly(&only, "only"));
    // a group the file does not hold is named, not planned without its rows
    plan(12, dir.path().join("typo"), &long, &short, &scenario)
        .args(["--group", "Sale", "--fte"])
        .arg(&both)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no rows of group \"Sale\" (its groups: Other, Sales)",
        ));
}

#[test]
fn a_plan_with_fte_writes_weekly_monthly_and_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let fte = write(
        dir.path(),
        "fte.csv",
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
         Sales,2025-01-06T00:00:00Z,60,10,5\nSales,2025-03-03T00:00:00Z,200,10,5",
    );
    let out = dir.path().join("plan");
    plan(12, &out, &long, &short, &scenario)
        .arg("--fte")
        .arg(&fte)
        .assert()
        .success()
        .stdout(predicate::str::contains("2025-03"));
    let weekly = std::fs::read_to_string(out.join("plan_weekly.csv")).unwrap();
    let rows: Vec<Vec<&str>> = weekly.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], wfm::capacity::PLAN_COLUMNS);
    assert_eq!(rows.len(), 13, "header + 12 weeks");
    let col = |name: &str| rows[0].iter().position(|c| *c == name).unwrap();
    let first = &rows[1];
    assert_eq!(first[col("period_start")], "2025-01-06");
    assert_eq!(
        first[col("volume")],
        "25200",
        "(2000 + 1000 + 400 + 200) × 7"
    );
    // 60 available against a larger requirement: overtime at its 10 % cap, the rest unmet
    let required: f64 = first[col("required_fte_with_shrinkage")].parse().unwrap();
    let ws: f64 = first[col("required_fte")].parse().unwrap();
    assert!((required - ws / 0.85).abs() < 1e-9);
    let available: f64 = first[col("available_fte")].parse().unwrap();
    assert!(
        available < 60.0 && available > 59.0,
        "attrition during the week: {available}"
    );
    assert!(required > 66.0, "{required}");
    assert_eq!(first[col("required_ot_pct")], "10");
    assert_eq!(first[col("ot_capped")], "true");
    // from March 3 there are 200 FTE: a surplus, VTO capped at 10 %
    let march = rows.iter().find(|r| r[0] == "2025-03-03").unwrap();
    assert_eq!(march[col("required_vto_pct")], "10");
    assert_eq!(march[col("required_ot_pct")], "0");
    let monthly = std::fs::read_to_string(out.join("plan_monthly.csv")).unwrap();
    assert_eq!(monthly.lines().count(), 4, "header + Jan, Feb, Mar");
    let book = std::fs::read(out.join("plan.xlsx")).unwrap();
    assert_eq!(&book[..2], b"PK");
}

#[test]
fn every_bad_input_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, _) = inputs(dir.path());
    let mut text = std::fs::read_to_string(&long).unwrap();
    text = text.replacen(",VOICE,", ",PHONE,", 1);
    std::fs::write(&long, text).unwrap();
    let scenario = write(
        dir.path(),
        "bad.toml",
        "name = \"x\"\ndaily_attrition = 1.5\nfte_hours_per_week = 40\n[goal.VOICE]\nasa_seconds = 20\n",
    );
    let out = dir.path().join("never");
    let assert = plan(4, &out, &long, &short, &scenario).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("{}:2: ChannelType:", long.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:2: daily_attrition:", scenario.display())),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn a_plan_beyond_the_forecast_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    plan(30, dir.path().join("p"), &long, &short, &scenario)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "forecast further or plan fewer weeks",
        ));
}

#[test]
fn an_override_replaces_required_fte_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let fte = write(
        dir.path(),
        "fte.csv",
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
         Sales,2025-01-06T00:00:00Z,100,10,10",
    );
    let overrides = write(dir.path(), "o.csv", "2025-01-13,2025-01-27\n40,\n");
    let out = dir.path().join("plan");
    let run = |extra: &[&std::ffi::OsStr]| {
        plan(4, &out, &long, &short, &scenario)
            .arg("--fte")
            .arg(&fte)
            .args(extra)
            .assert()
    };
    run(&["--override".as_ref(), overrides.as_os_str()]).success();
    let weekly = std::fs::read_to_string(out.join("plan_weekly.csv")).unwrap();
    let rows: Vec<Vec<String>> = weekly
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let (first, second) = (&rows[1], &rows[2]);
    assert_eq!(first[col("required_fte_original")], "", "not overridden");
    assert_eq!(second[col("required_fte")], "40");
    let original: f64 = second[col("required_fte_original")].parse().unwrap();
    let computed: f64 = first[col("required_fte")].parse().unwrap();
    assert!(
        (original - computed).abs() < 1e-9,
        "the same demand every week"
    );
    let with: f64 = second[col("required_fte_with_shrinkage")].parse().unwrap();
    assert!((with - 50.0).abs() < 1e-9, "40 / (1 − 0.2)");
    let available: f64 = second[col("available_fte")].parse().unwrap();
    let gap: f64 = second[col("gap")].parse().unwrap();
    assert!((gap - (available - 50.0)).abs() < 1e-9);
    let bad = write(dir.path(), "bad.csv", "2025-01-14\n40\n");
    run(&["--override".as_ref(), bad.as_os_str()])
        .code(2)
        .stderr(predicate::str::contains(
            "no period of the plan starts on 2025-01-14",
        ));
}

#[test]
fn the_demo_forecasts_the_sample_and_plans_twelve_weeks() {
    let out = wfm().arg("demo").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("forecasts of the sample history"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a 12-week capacity plan from 2024-08-05"),
        "{stdout}"
    );
    assert!(!stdout.contains("tour failed"), "{stdout}");
    // the twelve weekly rows of the plan
    let weeks = stdout
        .lines()
        .filter(|l| l.trim_start_matches('│').trim_start().starts_with("2024-"))
        .count();
    assert_eq!(weeks, 12, "{stdout}");
}
