//! Publishing and what it tells, end to end (`wfm schedule changes|calendar|team|search|
//! agents|regenerate`): the example configuration on a workspace whose Support group has
//! a published short-term forecast; a week generated and published writes one change
//! record per agent, read as JSON lines with a cursor; an agent's calendar as .ics and
//! JSON; schedules and agents found; several forecast groups regenerated at once.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use wfm::core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
use wfm::core::history::Granularity;
use wfm::core::{Channel, IntervalLength};
use wfm::store::DocumentKind;

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws).env("WFM_ACTOR", "planner.ana");
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// A 30-minute workspace with group Support (queue 2001), a published short-term
/// forecast from Monday 2026-03-02 for a week (8 contacts per half hour 13:00–20:00 UTC
/// Monday to Saturday, AHT 300 s) and the example configuration.
fn workspace(dir: &Path) -> PathBuf {
    let path = dir.join("w.wfm");
    let mut ws = wfm::Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    ws.create_group("Support", &["2001".parse().unwrap()])
        .unwrap();
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
    drop(ws);
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml");
    wfm(&path)
        .args(["schedule", "scenario", "import"])
        .arg(example)
        .assert()
        .success();
    path
}

fn create(ws: &Path, name: &str) -> String {
    let out = stdout(wfm(ws).args(["schedule", "create", "--time-limit", "20", "--name", name]));
    out.split_whitespace()
        .nth(3)
        .expect("created draft schedule ID")
        .to_owned()
}

#[test]
fn a_publication_is_told_agent_by_agent_and_read_with_a_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let id = create(&ws, "March, week 1");
    let out = stdout(wfm(&ws).args(["schedule", "changes", "--format", "jsonl"]));
    assert!(out.is_empty(), "a draft tells nobody: {out}");
    stdout(wfm(&ws).args(["schedule", "publish", &id]));
    let run = wfm(&ws)
        .args(["schedule", "changes", "--since", "0", "--format", "jsonl"])
        .assert()
        .success();
    let out = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    let records: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // a first publication: every agent of both teams
    assert_eq!(records.len(), 16, "{out}");
    assert!(err.contains("next cursor 16"), "{err}");
    let r = &records[0];
    assert_eq!(r["seq"], 1);
    assert_eq!(r["cause"], "publish");
    assert_eq!(r["actor"], "planner.ana");
    assert_eq!(r["schedule"].to_string(), id);
    assert!(r["after"].as_array().is_some() && r["before"].as_array().unwrap().is_empty());
    let seqs: Vec<i64> = records.iter().map(|r| r["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=16).collect::<Vec<_>>());
    // after the cursor: nothing new
    let out = stdout(wfm(&ws).args(["schedule", "changes", "--since", "16", "--format", "jsonl"]));
    assert!(out.is_empty(), "{out}");
    let out = stdout(wfm(&ws).args(["schedule", "changes", "--since", "14"]));
    assert!(out.contains("2 record(s); next cursor 16"), "{out}");
    // a bad limit
    wfm(&ws)
        .args(["schedule", "changes", "--limit", "0"])
        .assert()
        .code(2);

    // the calendar of kai (America/New_York) as .ics and JSON
    let ics = dir.path().join("kai.ics");
    stdout(
        wfm(&ws)
            .args(["schedule", "calendar", &id, "--agent", "kai", "-o"])
            .arg(&ics),
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("TZID:America/New_York\r\n"), "{text}");
    assert!(text.contains("DTSTART;TZID=America/New_York:"), "{text}");
    let json = stdout(wfm(&ws).args([
        "schedule", "calendar", &id, "--agent", "kai", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["time_zone"], "America/New_York");
    // a supervisor's team
    let out = stdout(wfm(&ws).args(["schedule", "team", &id, "--supervisor", "sam"]));
    assert!(
        out.contains("kai") && out.contains("America/New_York"),
        "{out}"
    );
    let err = wfm(&ws)
        .args(["schedule", "team", &id, "--supervisor", "zoe"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&err.get_output().stderr).into_owned();
    assert!(err.contains("supervises none"), "{err}");

    // search
    let out = stdout(wfm(&ws).args(["schedule", "search", "--name", "MAR", "--sort", "updated"]));
    assert!(
        out.contains("March, week 1") && out.contains("1 schedule(s)"),
        "{out}"
    );
    let out = stdout(wfm(&ws).args(["schedule", "search", "--name", "april"]));
    assert!(out.contains("0 schedule(s)"), "{out}");
    let out = stdout(wfm(&ws).args([
        "schedule",
        "agents",
        &id,
        "--name",
        "NO",
        "--group",
        "Evening team",
    ]));
    assert!(out.contains("nora") && out.contains("1 agent(s)"), "{out}");
}

#[test]
fn several_forecast_groups_regenerate_at_once_and_one_failing_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let run = wfm(&ws)
        .args([
            "schedule",
            "regenerate",
            "--forecast-groups",
            "Support,Sales",
            "--time-limit",
            "20",
        ])
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(out.contains("Support: created draft schedule"), "{out}");
    assert!(out.contains("Sales: failed"), "{out}");
    assert!(err.contains("1 of 2 forecast group(s) failed"), "{err}");
    let list = stdout(wfm(&ws).args(["schedule", "list"]));
    assert!(list.contains("draft"), "{list}");
    // at most six
    let run = wfm(&ws)
        .args([
            "schedule",
            "regenerate",
            "--forecast-groups",
            "A,B,C,D,E,F,G",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(err.contains("1 to 6 forecast groups"), "{err}");
}
