//! `wfm adherence` end to end on a workspace with a published schedule: sample events in
//! both formats imported (all or nothing, duplicates changing nothing), the 30-day
//! recalculation with a fixed "today", reports per day and week, exceptions, service
//! impact, the live watch; and a killed import leaving nothing behind.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::NaiveDate;
use predicates::prelude::*;

const DAY: &str = "2026-03-02";
const TODAY: &str = "2026-03-08";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml")
}

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// 30-minute history of queue 2001 (Support, VOICE) up to Sunday 2026-03-01, busy
/// 13:00–20:00 UTC Monday to Saturday (as tests/cli_schedule_workspace.rs).
fn history(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let first = NaiveDate::from_ymd_opt(2025, 8, 25).unwrap();
    let days = (NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() - first).num_days();
    for d in 0..days {
        for slot in 0..48 {
            let t = first.and_hms_opt(0, 0, 0).unwrap().and_utc()
                + chrono::Duration::days(d)
                + chrono::Duration::minutes(30 * slot);
            let busy = d % 7 < 6 && (26..40).contains(&slot);
            let (v, aht) = if busy { (8, "300.0") } else { (0, "0.0") };
            writeln!(
                text,
                "Support,2001,VOICE,{},30mins,{v},{aht},{v}",
                t.format("%Y-%m-%dT%H:%M:%SZ")
            )
            .unwrap();
        }
    }
    let path = dir.join("history.csv");
    fs::write(&path, text).unwrap();
    path
}

fn empty_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("w.wfm");
    wfm(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    ws
}

/// A workspace whose example week (2026-03-02 to 08) is published.
fn published(dir: &Path) -> PathBuf {
    let ws = empty_workspace(dir);
    wfm(&ws)
        .args(["history", "import"])
        .arg(history(dir))
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "create", "Support", "--queues", "2001"])
        .assert()
        .success();
    stdout(wfm(&ws).args([
        "forecast", "compute", "--group", "Support", "--kind", "short", "--weeks", "1",
    ]));
    wfm(&ws)
        .args([
            "forecast", "publish", "--group", "Support", "--kind", "short",
        ])
        .assert()
        .success();
    wfm(&ws)
        .args(["schedule", "scenario", "import"])
        .arg(example())
        .assert()
        .success();
    let out = stdout(wfm(&ws).args(["schedule", "create", "--time-limit", "20"]));
    let id = out
        .split_whitespace()
        .nth(3)
        .expect("the draft's id")
        .to_owned();
    wfm(&ws)
        .args(["schedule", "publish", &id])
        .assert()
        .success();
    ws
}

fn report(ws: &Path, by: &str) -> String {
    stdout(wfm(ws).args([
        "adherence",
        "report",
        "--from",
        DAY,
        "--to",
        TODAY,
        "--by",
        by,
        "--output",
        "-",
    ]))
}

#[test]
fn events_are_imported_reported_priced_and_watched() {
    let dir = tempfile::tempdir().unwrap();
    let ws = published(dir.path());
    let json = dir.path().join("events.json");
    let csv = dir.path().join("events.csv");
    for (format, file) in [("reference", &json), ("csv", &csv)] {
        wfm(&ws)
            .args([
                "adherence",
                "sample",
                "--day",
                DAY,
                "--format",
                format,
                "--heartbeat-seconds",
                "120",
                "--output",
            ])
            .arg(file)
            .assert()
            .success();
    }
    let out = stdout(
        wfm(&ws)
            .args(["adherence", "import", "--today", TODAY])
            .arg(&json),
    );
    assert!(
        out.contains("0 duplicate(s)")
            && out.contains("adherence recomputed for 2026-02-07 to 2026-03-08"),
        "{out}"
    );
    let days = report(&ws, "day");
    let mut lines = days.lines();
    assert_eq!(
        lines.next().unwrap(),
        "agent,from,to,AGENT_SCHEDULE_ADHERENCE,AGENT_ADHERENT_TIME,AGENT_NON_ADHERENT_TIME,AGENT_SCHEDULED_TIME,adherent_seconds,non_adherent_seconds,scheduled_seconds"
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let first_day: Vec<_> = rows.iter().filter(|r| r[1] == DAY).collect();
    assert!(first_day.len() >= 5, "{days}");
    let mut below = 0;
    for r in &rows {
        let n = |i: usize| r[i].parse::<i64>().unwrap();
        assert_eq!(n(7) + n(8), n(9), "{r:?}");
        let p: f64 = r[3].parse().unwrap_or(0.0);
        assert!((0.0..=100.0).contains(&p), "{r:?}");
        below += usize::from(r[1] == DAY && p < 100.0);
    }
    assert!(below > 0, "the sample day has deviations: {days}");
    // the other days were scheduled but nobody logged in: 0 %
    assert!(rows.iter().any(|r| r[1] != DAY && r[3] == "0.00"), "{days}");
    // the same events in the plain form: nothing new, nothing changes
    let weeks = report(&ws, "week");
    let again = stdout(
        wfm(&ws)
            .args(["adherence", "import", "--today", TODAY])
            .arg(&csv),
    );
    assert!(again.contains(": 0 event(s) stored"), "{again}");
    assert_eq!(report(&ws, "week"), weeks);
    assert_eq!(report(&ws, "day"), days);
    // exceptions and impact
    let exceptions =
        stdout(wfm(&ws).args(["adherence", "exceptions", "--from", DAY, "--output", "-"]));
    assert!(
        exceptions.starts_with("agent,day,from,to,minutes,scheduled_activity"),
        "{exceptions}"
    );
    assert!(exceptions.lines().count() > 1, "{exceptions}");
    let impact = stdout(wfm(&ws).args(["adherence", "impact", "--day", DAY, "--output", "-"]));
    assert!(
        impact.lines().next().unwrap().ends_with("sl_points_lost"),
        "{impact}"
    );
    assert!(
        impact.contains("(all)") && impact.contains("Day team"),
        "{impact}"
    );
    let summary = stdout(wfm(&ws).args(["adherence", "impact", "--day", DAY]));
    assert!(summary.contains("SL points lost"), "{summary}");
    refuses_a_bad_file(&ws, dir.path());
    watches(&ws, dir.path());
}

/// A bad file: located problems, exit 2, nothing stored.
fn refuses_a_bad_file(ws: &Path, dir: &Path) {
    // a bad file: located problems, exit 2, nothing stored
    let imports = stdout(wfm(ws).args(["adherence", "list"]));
    let bad = dir.join("bad.csv");
    fs::write(
        &bad,
        "agent,timestamp,state\nana,2026-03-02T08:00:00Z,Available\nben,8 o'clock,Available\n",
    )
    .unwrap();
    wfm(ws)
        .args(["adherence", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.csv:3: timestamp: expected a UTC instant",
        ));
    assert_eq!(stdout(wfm(ws).args(["adherence", "list"])), imports);
}

/// The live watch: a status line per event, alerts, the unknown agent reported.
fn watches(ws: &Path, dir: &Path) {
    // the live watch: a status line per event, the unknown agent reported
    let jsonl = dir.join("events.jsonl");
    wfm(ws)
        .args([
            "adherence",
            "sample",
            "--day",
            DAY,
            "--format",
            "jsonl",
            "--output",
        ])
        .arg(&jsonl)
        .assert()
        .success();
    let stream = with_an_absence(
        "{\"agent\": \"zed\", \"timestamp\": \"2026-03-02T09:00:00Z\", \"state\": \"Available\"}",
        &fs::read_to_string(&jsonl).unwrap(),
    );
    let watched = wfm(ws)
        .args([
            "adherence",
            "watch",
            "--day",
            DAY,
            "--alert-after-minutes",
            "5",
            "--grace",
            "Work=2",
        ])
        .write_stdin(stream)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "agent \"zed\" is in no published schedule",
        ));
    let out = String::from_utf8(watched.get_output().stdout.clone()).unwrap();
    let statuses: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(statuses.iter().any(|s| s["adherent"] == true));
    assert!(
        statuses.iter().any(|s| s.get("alert").is_some()),
        "an agent out longer than 5 min"
    );
}

/// The sample's events with `extra` and one certain deviation, in time order: the first
/// agent to log in goes Offline an hour later for 40 minutes. The sample's own deviations
/// depend on the generated schedule (a solver under a time limit may return another one
/// on a loaded machine), so the alert the watch must raise does not rest on them.
fn with_an_absence(extra: &str, sample: &str) -> String {
    use chrono::{DateTime, SecondsFormat, Utc};
    let mut lines: Vec<serde_json::Value> = std::iter::once(extra)
        .chain(sample.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at = |v: &serde_json::Value| {
        DateTime::parse_from_rfc3339(v["timestamp"].as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc)
    };
    let first = lines[1..].iter().min_by_key(|v| at(v)).unwrap().clone();
    for (minutes, state) in [(60, "Offline"), (100, "Available")] {
        let when = at(&first) + chrono::Duration::minutes(minutes);
        lines.push(serde_json::json!({
            "agent": first["agent"],
            "timestamp": when.to_rfc3339_opts(SecondsFormat::Secs, true),
            "state": state,
        }));
    }
    lines.sort_by_key(|v| at(v));
    lines.iter().map(|v| format!("{v}\n")).collect()
}

/// A killed import leaves no event behind; the workspace still takes imports.
#[test]
fn a_killed_event_import_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = empty_workspace(dir.path());
    let small = dir.path().join("small.csv");
    fs::write(
        &small,
        "agent,timestamp,state\nana,2026-03-02T08:00:00Z,Available\n",
    )
    .unwrap();
    wfm(&ws)
        .args(["adherence", "import"])
        .arg(&small)
        .assert()
        .success();
    let before = stdout(wfm(&ws).args(["adherence", "list"]));
    let big = dir.path().join("big.csv");
    let mut text = String::from("agent,timestamp,state,on_contact\n");
    for i in 0..1_500_000u64 {
        let (s, ms) = (i / 1000, i % 1000);
        writeln!(
            text,
            "a{},2026-03-02T{:02}:{:02}:{:02}.{ms:03}Z,{},{}",
            i % 997,
            s / 3600 % 24,
            s / 60 % 60,
            s % 60,
            if i % 3 == 0 { "Break" } else { "Available" },
            i % 2 == 0
        )
        .unwrap();
    }
    fs::write(&big, text).unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("wfm"))
        .arg("--workspace")
        .arg(&ws)
        .args(["adherence", "import"])
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", ws.display()));
    let t = Instant::now();
    let mut writing = false;
    while t.elapsed() < Duration::from_secs(60) {
        if fs::metadata(&wal).is_ok_and(|m| m.len() > 1_000_000) {
            writing = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(writing, "the import wrote before it was killed");
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());
    assert_eq!(stdout(wfm(&ws).args(["adherence", "list"])), before);
    wfm(&ws)
        .args(["adherence", "import"])
        .arg(&small)
        .assert()
        .success();
}
