//! `wfm forecast`: the committed sample history forecast short- and long-term through
//! the binary, the outputs fed to `wfm plan`, and bad inputs refused with their reasons.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,P10,P50,P90";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn wfm() -> Command {
    Command::cargo_bin("wfm").unwrap()
}

/// Runs `wfm forecast` on one sample file and returns the output path.
fn forecast(dir: &Path, history: &str, kind: &str, weeks: &str, out: &str) -> PathBuf {
    let output = dir.join(out);
    wfm()
        .args(["forecast", "--kind", kind, "--weeks", weeks])
        .args(["--start", "2024-08-01T00:00:00Z", "--backtest"])
        .args(["--time-zone", "1001=America/New_York"])
        .arg("--history")
        .arg(root().join(history))
        .arg("--output")
        .arg(&output)
        .assert()
        .success()
        .stdout(predicate::str::contains("WAPE"));
    output
}

/// Checks the header, the row count and the values; returns the rows.
fn check(path: &Path, duration: &str, steps: usize) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER));
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    // 3 queues × 2 channels
    assert_eq!(rows.len(), 3 * 2 * steps);
    for r in &rows {
        assert_eq!(r.len(), 10);
        assert_eq!(r[4], duration);
        assert!(r[3].ends_with('Z'), "{}", r[3]);
        let v: Vec<f64> = r[5..].iter().map(|x| x.parse().unwrap()).collect();
        assert!(v.iter().all(|x| *x >= 0.0), "{r:?}");
        assert!(v[2] <= v[3] && v[3] <= v[4], "P10 ≤ P50 ≤ P90: {r:?}");
    }
    assert_eq!(rows[0][3], "2024-08-01T00:00:00Z");
    rows
}

#[test]
fn the_sample_forecasts_feed_the_capacity_plan() {
    let dir = tempfile::tempdir().unwrap();
    let short = forecast(
        dir.path(),
        "data/sample/intervals_30min.csv",
        "short",
        "2",
        "st.csv",
    );
    let rows = check(&short, "30mins", 2 * 7 * 48);
    let total: f64 = rows.iter().map(|r| r[5].parse::<f64>().unwrap()).sum();
    assert!(total > 1000.0, "{total}");
    let long = forecast(dir.path(), "data/sample/daily.csv", "long", "13", "lt.csv");
    check(&long, "daily", 13 * 7);
    let plan = dir.path().join("plan");
    wfm()
        .args(["plan", "--start", "2024-08-05", "--weeks", "12"])
        .arg("--forecast-long")
        .arg(&long)
        .arg("--forecast-short")
        .arg(&short)
        .arg("--scenario")
        .arg(root().join("data/scenarios/capacity_base.toml"))
        .arg("--output")
        .arg(&plan)
        .assert()
        .success();
    let weekly = std::fs::read_to_string(plan.join("plan_weekly.csv")).unwrap();
    assert_eq!(
        weekly.lines().count(),
        13,
        "header + 12 weeks from Monday 2024-08-05"
    );
}

#[test]
fn a_bad_history_row_is_named_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
         Sales,1001,VOICE,2024-07-01T00:00:00Z,daily,12,300,10\n\
         Sales,1001,VOICE,2024-07-02T00:00:00Z,daily,-5,300,10\n",
    )
    .unwrap();
    let out = dir.path().join("lt.csv");
    wfm()
        .args(["forecast", "--kind", "long", "--weeks", "4", "--history"])
        .arg(root().join("data/sample/daily.csv"))
        .arg("--history")
        .arg(&bad)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:3: IncomingContactVolume",
            bad.display()
        )));
    assert!(!out.exists());
}

#[test]
fn zero_weeks_and_unknown_quantiles_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lt.csv");
    for (weeks, quantiles, says) in [
        ("0", "0.1,0.5,0.9", "weeks 0"),
        ("79", "0.5", "1 to 78 weeks"),
        ("4", "0.25", "quantile 0.25"),
    ] {
        wfm()
            .args(["forecast", "--kind", "long", "--weeks", weeks])
            .args(["--quantiles", quantiles, "--history"])
            .arg(root().join("data/sample/daily.csv"))
            .arg("--output")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    assert!(!out.exists());
}

#[test]
fn a_start_before_six_months_of_history_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    wfm()
        .args(["forecast", "--kind", "short", "--weeks", "2"])
        .args(["--start", "2023-12-01T00:00:00Z", "--history"])
        .arg(root().join("data/sample/intervals_30min.csv"))
        .arg("--output")
        .arg(dir.path().join("st.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not enough data for the short-term forecast",
        ))
        .stderr(predicate::str::contains("5 months of history, 6 needed"));
}

#[test]
fn holidays_and_layered_files_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let holidays = dir.path().join("holidays.csv");
    std::fs::write(
        &holidays,
        "date,name,scope\n2024-08-15,Assumption,1003\n2024-08-26,Bank holiday,*\n",
    )
    .unwrap();
    let out = dir.path().join("lt.csv");
    wfm()
        .args(["forecast", "--kind", "long", "--weeks", "4", "--history"])
        .arg(root().join("data/sample/intervals_30min.csv"))
        .arg("--history")
        .arg(root().join("data/sample/daily.csv"))
        .arg("--holidays")
        .arg(&holidays)
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        1 + 6 * 28
    );
    std::fs::write(&holidays, "date,name,scope\n2024-13-01,Nope,*\n").unwrap();
    wfm()
        .args(["forecast", "--kind", "long", "--weeks", "4", "--history"])
        .arg(root().join("data/sample/daily.csv"))
        .arg("--holidays")
        .arg(&holidays)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":2: date:"));
}

#[test]
fn bad_time_zones_and_kinds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (["--time-zone", "9999=UTC"], "no such queue"),
        (
            ["--time-zone", "1001=Mars/Olympus"],
            "not an IANA time zone",
        ),
        (
            ["--start", "2024-08-01T10:17:00Z"],
            "not on a daily boundary",
        ),
    ] {
        wfm()
            .args(["forecast", "--kind", "long", "--weeks", "2"])
            .args(args)
            .arg("--history")
            .arg(root().join("data/sample/daily.csv"))
            .arg("--output")
            .arg(dir.path().join("lt.csv"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    wfm()
        .args(["forecast", "--kind", "medium", "--weeks", "2", "--history"])
        .arg(root().join("data/sample/daily.csv"))
        .arg("--output")
        .arg(dir.path().join("lt.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use short"));
}

/// The long-term forecast of `queue` VOICE on `date` from the sample daily history (with
/// `extra` arguments), start 2024-08-01, 10 weeks.
fn long_term_on(dir: &Path, extra: &[&str], queue: &str, dates: &[&str]) -> Vec<f64> {
    let out = dir.join("lt.csv");
    wfm()
        .args(["forecast", "--kind", "long", "--weeks", "10"])
        .args(["--start", "2024-08-01T00:00:00Z"])
        .args(extra)
        .arg("--history")
        .arg(root().join("data/sample/daily.csv"))
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    dates
        .iter()
        .map(|d| {
            let stamp = format!("{d}T00:00:00Z");
            let row = text
                .lines()
                .map(|l| l.split(',').collect::<Vec<_>>())
                .find(|r| r[1] == queue && r[2] == "VOICE" && r[3] == stamp)
                .unwrap_or_else(|| panic!("no row {queue} VOICE {stamp}"));
            row[5].parse().unwrap()
        })
        .collect()
}

#[test]
fn built_in_public_holidays_are_forecast_low() {
    let dir = tempfile::tempdir().unwrap();
    // Labor Day 2024-09-02 (US, queue 1001; low in the sample on 2023-09-04) against the
    // Monday before; Tag der Deutschen Einheit 2024-10-03 (DE, queue 1003) against the
    // Thursday before.
    let us = ["2024-09-02", "2024-08-26"];
    let de = ["2024-10-03", "2024-09-26"];
    let plain = long_term_on(dir.path(), &[], "1001", &us);
    assert!(plain[0] > 0.8 * plain[1], "no calendar, no dip: {plain:?}");
    let flags = ["--public-holidays", "US", "--public-holidays", "1003=de"];
    let with = long_term_on(dir.path(), &flags, "1001", &us);
    assert!(with[0] < 0.5 * with[1], "Labor Day forecast low: {with:?}");
    let with = long_term_on(dir.path(), &flags, "1003", &de);
    assert!(
        with[0] < 0.5 * with[1],
        "German Unity Day forecast low: {with:?}"
    );
    for (arg, says) in [
        ("Atlantis", "no built-in public holidays"),
        ("9999=US", "no such queue"),
    ] {
        wfm()
            .args(["forecast", "--kind", "long", "--weeks", "2"])
            .args(["--public-holidays", arg])
            .arg("--history")
            .arg(root().join("data/sample/daily.csv"))
            .arg("--output")
            .arg(dir.path().join("lt.csv"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}
