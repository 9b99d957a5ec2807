//! `wfm schedule generate|validate` end to end: a week of the example scenario from a
//! forecast CSV, its tables, coverage against the requirement, and the validator on the
//! written schedule (clean, then with an injected violation).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml")
}

/// 4 contacts per quarter hour 13:00–20:00 UTC Monday to Saturday of the week of
/// 2026-03-02, AHT 300 s.
fn forecast(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n",
    );
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for i in 0..672i64 {
        let (day, quarter) = (i / 96, i % 96);
        let volume = if day < 6 && (52..80).contains(&quarter) {
            4
        } else {
            0
        };
        let t = monday + chrono::Duration::minutes(15 * i);
        writeln!(
            text,
            "Support,q1,VOICE,{},15mins,{volume},300",
            t.format("%Y-%m-%dT%H:%M:%SZ")
        )
        .unwrap();
    }
    let path = dir.join("st.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

fn generate(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(scenario())
        .arg("--forecast")
        .arg(forecast(dir))
        .args([
            "--group",
            "Day team",
            "--week-start",
            "2026-03-02",
            "--time-limit",
            "20",
        ])
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("validator: 0 violation(s)"))
        .stdout(predicate::str::contains(
            "0 quarter hour(s) short of the goal",
        ));
    out
}

#[test]
fn a_generated_week_covers_the_requirement_and_passes_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path());
    let coverage = std::fs::read_to_string(out.join("coverage.csv")).unwrap();
    let mut lines = coverage.lines();
    assert_eq!(lines.next(), Some("interval_start,required,scheduled"));
    let rows: Vec<(f64, f64)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1].parse().unwrap(), f[2].parse().unwrap())
        })
        .collect();
    assert_eq!(rows.len(), 7 * 48); // the example's 30-minute intervals
    assert!(rows.iter().any(|r| r.0 > 0.0));
    for (i, (required, scheduled)) in rows.iter().enumerate() {
        // the demand is constant over each 30-minute interval, so both of its quarter
        // hours need `required`, and their mean coverage (a 15-minute break counts half)
        // must reach it
        assert!(
            *scheduled >= *required,
            "interval {i}: {scheduled} < {required}"
        );
    }
    let schedule: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("schedule.json")).unwrap()).unwrap();
    let shifts: usize = schedule["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["shifts"].as_array().unwrap().len())
        .sum();
    let table = std::fs::read_to_string(out.join("shifts.csv")).unwrap();
    assert_eq!(table.lines().count(), shifts + 1);
    assert!(shifts > 0);
    let report = std::fs::read_to_string(out.join("report.json")).unwrap();
    assert!(report.contains("lower_bound"), "{report}");
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(out.join("schedule.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("every rule holds"));
}

#[test]
fn the_validator_reports_an_injected_violation() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path());
    let path = out.join("schedule.json");
    let mut schedule: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // the first shift loses its activities (breaks and meal)
    let agents = schedule["agents"].as_array_mut().unwrap();
    let agent = agents
        .iter_mut()
        .find(|a| !a["shifts"].as_array().unwrap().is_empty())
        .unwrap();
    agent["shifts"][0]["activities"] = serde_json::json!([]);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_string(&schedule).unwrap()).unwrap();
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "violation(s) of the scenario's rules",
        ));
    // not a schedule at all: named with line and column
    std::fs::write(&broken, "{\"agents\": 3}").unwrap();
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a wfm schedule"));
}

#[test]
fn a_bad_scenario_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1\nname = \n").unwrap();
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(&bad)
        .arg("--forecast")
        .arg(forecast(dir.path()))
        .args([
            "--group",
            "Day team",
            "--week-start",
            "2026-03-02",
            "--output",
        ])
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"));
}

#[test]
fn the_whole_request_reports_the_run_in_report_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all");
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(scenario())
        .arg("--forecast")
        .arg(forecast(dir.path()))
        .args(["--time-limit", "30", "--gap", "0.01", "--output"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-03-02 to 2026-03-08"))
        .stdout(predicate::str::contains("validator: 0 violation(s)"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    for key in [
        "status",
        "objective",
        "lower_bound",
        "gap",
        "seconds",
        "agents",
        "paid_hours",
        "unmet_intervals",
        "warnings",
    ] {
        assert!(
            report.get(key).is_some(),
            "report.json lacks {key}: {report}"
        );
    }
    let objective = report["objective"].as_f64().unwrap();
    let bound = report["lower_bound"].as_f64().unwrap();
    let gap = report["gap"].as_f64().unwrap();
    assert!(bound <= objective + 1e-9 && objective > 0.0);
    assert!((gap - (objective - bound) / objective).abs() < 1e-9);
    assert!(gap <= 0.01 + 1e-9, "gap {gap}");
    assert_eq!(report["unmet_intervals"].as_array().unwrap().len(), 0);
    // the report's paid hours are the shifts table's
    let shifts = std::fs::read_to_string(out.join("shifts.csv")).unwrap();
    let mut lines = shifts.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "paid_hours").unwrap();
    let paid: f64 = lines
        .map(|l| l.split(',').nth(col).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((paid - report["paid_hours"].as_f64().unwrap()).abs() < 0.05 * 20.0);
    assert_eq!(
        report["agents"].as_u64().unwrap() as usize,
        shifts
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
}
