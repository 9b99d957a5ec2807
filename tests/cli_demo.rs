//! `wfm demo --output`: the scheduling section generates the example week on demand from
//! the sample, shows coverage and a few agents' shifts, and writes the schedule tables,
//! which `wfm schedule validate` accepts.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

#[test]
fn the_demo_schedules_the_example_week_and_writes_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    let run = wfm()
        .arg("demo")
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(!stdout.contains("tour failed"), "{stdout}");
    assert!(
        stdout.contains("a week of shifts with breaks: Billing team"),
        "{stdout}"
    );
    assert!(stdout.contains("validator: 0 violation(s)"), "{stdout}");
    assert!(stdout.contains("review: service level"), "{stdout}");
    // the seven days of the coverage table (2024-08-05 to 11) and the shown agents' breaks
    let days = stdout
        .lines()
        .filter(|l| {
            ["05", "06", "07", "08", "09", "10", "11"]
                .iter()
                .any(|d| l.contains(&format!("2024-08-{d}")))
        })
        .filter(|l| l.starts_with('│'))
        .count();
    assert!(days >= 7, "{stdout}");
    assert!(stdout.contains("Lunch"), "{stdout}");
    // publishing: one change record per agent, then the correction's one
    assert!(stdout.contains("20 change record(s) written"), "{stdout}");
    assert!(
        stdout.contains(": 1 change record(s); read after cursor 20"),
        "{stdout}"
    );
    let schedule = out.join("schedule");
    for name in [
        "schedule.json",
        "shifts.csv",
        "activities.csv",
        "coverage.csv",
        "report.json",
        "coverage.parquet",
        "schedule.xlsx",
    ] {
        assert!(schedule.join(name).is_file(), "{name}");
    }
    // required > 0 only inside the queue's open hours (06:00–17:00 UTC), Mon–Sat
    let coverage = std::fs::read_to_string(schedule.join("coverage.csv")).unwrap();
    let mut busy = 0;
    for line in coverage.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let required: u32 = cells[1].parse().unwrap();
        let hour: u32 = cells[0][11..13].parse().unwrap();
        if required > 0 {
            busy += 1;
            assert!((6..17).contains(&hour), "{line}");
            assert!(!cells[0].starts_with("2024-08-11"), "{line}");
        }
    }
    assert!(busy > 100, "{busy} intervals with demand");
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_small.toml");
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario)
        .arg("--schedule")
        .arg(schedule.join("schedule.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("every rule holds"));
}
