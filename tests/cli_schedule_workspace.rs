//! Scheduling on a workspace end to end (`wfm schedule scenario|create|list|show|publish|
//! delete|export|agent`): the example configuration imported, 27 weeks of 30-minute
//! history of forecast group Support, its short-term forecast computed and published, a
//! week generated, reviewed, published (immutable), exported and checked by the
//! validator, and an agent's week on their own clock.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use predicates::prelude::*;

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

fn stderr_of_failure(c: &mut Command) -> String {
    String::from_utf8(c.assert().failure().get_output().stderr.clone()).expect("UTF-8")
}

/// 30-minute history of queue 2001 (Support, VOICE) from Monday 2025-08-25 to Sunday
/// 2026-03-01: 8 contacts per half hour 13:00–20:00 UTC Monday to Saturday, AHT 300 s, so
/// the short-term forecast starts on Monday 2026-03-02, the example's request.
fn history(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let first = NaiveDate::from_ymd_opt(2025, 8, 25).unwrap();
    let days = (NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() - first).num_days();
    for d in 0..days {
        for slot in 0..48 {
            let t = first.and_hms_opt(0, 0, 0).unwrap().and_utc()
                + Duration::days(d)
                + Duration::minutes(30 * slot);
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
    std::fs::write(&path, text).unwrap();
    path
}

/// A 30-minute workspace with group Support = queue 2001 and its history.
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("w.wfm");
    wfm(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    wfm(&ws)
        .args(["history", "import"])
        .arg(history(dir))
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "create", "Support", "--queues", "2001"])
        .assert()
        .success();
    ws
}

fn publish_short_forecast(ws: &Path) {
    let out = stdout(wfm(ws).args([
        "forecast", "compute", "--group", "Support", "--kind", "short", "--weeks", "1",
    ]));
    assert!(out.contains("2026-03-02"), "{out}");
    wfm(ws)
        .args([
            "forecast", "publish", "--group", "Support", "--kind", "short",
        ])
        .assert()
        .success();
}

/// `wfm schedule create`; returns the new schedule's id.
fn create(ws: &Path) -> String {
    let out = stdout(wfm(ws).args(["schedule", "create", "--time-limit", "20"]));
    assert!(out.contains("validator: 0 violation(s)"), "{out}");
    let id = out
        .split_whitespace()
        .nth(3)
        .expect("created draft schedule ID")
        .to_owned();
    assert!(id.parse::<i64>().is_ok(), "{out}");
    id
}

/// `(agent, start, end)` of every row of an exported shifts.csv.
fn shifts(dir: &Path) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    std::fs::read_to_string(dir.join("shifts.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_owned(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn configuration_imports_shows_exports_and_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let out = stdout(
        wfm(&ws)
            .args(["schedule", "scenario", "import"])
            .arg(example()),
    );
    assert!(out.contains("Small support center, one week"), "{out}");
    let shown = stdout(wfm(&ws).args(["schedule", "scenario", "show"]));
    for expected in [
        "Break, Lunch, Team meeting, Vacation",
        "Day team, Evening team",
        "forecast group \"Support\", 2026-03-02 to 2026-03-08",
    ] {
        assert!(shown.contains(expected), "{expected}: {shown}");
    }
    let agents = shown.lines().find(|l| l.contains("agents")).unwrap();
    assert!(agents.contains("16"), "{agents}");
    let exported = dir.path().join("exported.toml");
    wfm(&ws)
        .args(["schedule", "scenario", "export", "--output"])
        .arg(&exported)
        .assert()
        .success();
    let again = stdout(
        wfm(&ws)
            .args(["schedule", "scenario", "import"])
            .arg(&exported),
    );
    assert!(
        again.contains("deleted the previous configuration"),
        "{again}"
    );
    let once_more = dir.path().join("again.toml");
    wfm(&ws)
        .args(["schedule", "scenario", "export", "--output"])
        .arg(&once_more)
        .assert()
        .success();
    let body = |p: &Path| {
        let text = std::fs::read_to_string(p).unwrap();
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&exported), body(&once_more));
    // the exported file is a scenario file for the batch commands too
    assert!(body(&exported).contains("[[staffing_groups]]"));
    // a bad file: item and field named, exit 2, the configuration unchanged
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(example()).unwrap().replace(
        "forecast_group = \"Support\"\nprofile = \"Evening\"",
        "forecast_group = \"Sales\"\nprofile = \"Evening\"",
    );
    std::fs::write(&bad, text).unwrap();
    wfm(&ws)
        .args(["schedule", "scenario", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Evening team"))
        .stderr(predicate::str::contains("forecast_group"));
    let after = dir.path().join("after.toml");
    wfm(&ws)
        .args(["schedule", "scenario", "export", "--output"])
        .arg(&after)
        .assert()
        .success();
    assert_eq!(body(&after), body(&exported));
}

#[test]
fn a_schedule_from_the_published_forecast_is_reviewed_published_exported_and_seen_by_agents() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    wfm(&ws)
        .args(["schedule", "scenario", "import"])
        .arg(example())
        .assert()
        .success();
    // no published short-term forecast yet
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "create"]));
    assert!(e.contains("no published short-term forecast"), "{e}");
    publish_short_forecast(&ws);
    let id = create(&ws);
    let list = stdout(wfm(&ws).args(["schedule", "list"]));
    let line = list
        .lines()
        .find(|l| l.contains(&format!(" {id} ")))
        .unwrap();
    for expected in ["Support", "Day team", "2026-03-02", "2026-03-08", "draft"] {
        assert!(line.contains(expected), "{expected}: {list}");
    }
    let show = stdout(wfm(&ws).args(["schedule", "show", &id]));
    assert!(show.contains("of 16 scheduled"), "{show}");
    let violations = show.lines().find(|l| l.contains("violations")).unwrap();
    assert!(violations.contains('0'), "{show}");
    // agents see published schedules only
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "agent", &id, "kai"]));
    assert!(e.contains("draft"), "{e}");
    // publish; then it is immutable and stays
    stdout(wfm(&ws).args(["schedule", "publish", &id]));
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "publish", &id]));
    assert!(e.contains("published already"), "{e}");
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "delete", &id]));
    assert!(
        e.contains("published") && e.contains("cannot be deleted"),
        "{e}"
    );
    let e = stderr_of_failure(wfm(&ws).args([
        "forecast",
        "delete",
        "--group",
        "Support",
        "--kind",
        "short",
        "--published",
    ]));
    assert!(e.contains("used by the published schedule"), "{e}");
    assert!(stdout(wfm(&ws).args(["schedule", "list"])).contains("published"));
    // export: the batch tables, valid against the configuration used and the example
    let out = dir.path().join("out");
    let written = stdout(
        wfm(&ws)
            .args(["schedule", "export", &id, "--output"])
            .arg(&out),
    );
    for f in [
        "schedule.json",
        "shifts.csv",
        "activities.csv",
        "coverage.csv",
        "report.json",
        "scenario.toml",
    ] {
        assert!(out.join(f).exists(), "{f}: {written}");
    }
    for scenario in [out.join("scenario.toml"), example()] {
        Command::cargo_bin("wfm")
            .unwrap()
            .args(["schedule", "validate", "--scenario"])
            .arg(scenario)
            .arg("--schedule")
            .arg(out.join("schedule.json"))
            .assert()
            .success()
            .stdout(predicate::str::contains("every rule holds"));
    }
    let rows = shifts(&out);
    assert!(!rows.is_empty());
    // kai (America/New_York) sees their shifts on the local clock, ana (no staff rule) in
    // the workspace's zone (UTC)
    let kai: Vec<_> = rows.iter().filter(|r| r.0 == "kai").collect();
    let view = stdout(wfm(&ws).args(["schedule", "agent", &id, "kai", "--week", "2026-03-02"]));
    assert!(view.contains("America/New_York"), "{view}");
    for (_, start, end) in &kai {
        let local = |t: &DateTime<Utc>| {
            t.with_timezone(&chrono_tz::America::New_York)
                .format("%H:%M %Z")
                .to_string()
        };
        assert!(view.contains(&local(start)), "{}: {view}", local(start));
        assert!(view.contains(&local(end)), "{}: {view}", local(end));
    }
    assert_eq!(view.matches(" EST").count(), 2 * kai.len(), "{view}");
    if let Some((_, start, _)) = rows.iter().find(|r| r.0 == "ana") {
        let day = start.date_naive().to_string();
        let view = stdout(wfm(&ws).args(["schedule", "agent", &id, "ana", "--date", &day]));
        assert!(view.contains("(UTC)"), "{view}");
        assert!(
            view.contains(&start.format("%H:%M UTC").to_string()),
            "{view}"
        );
        assert_eq!(view.matches(" UTC").count(), 2, "{view}");
    }
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "agent", &id, "zoe"]));
    assert!(e.contains("not in schedule"), "{e}");
    // a new schedule of the same week replaces the published one on publishing
    let second = create(&ws);
    let out = stdout(wfm(&ws).args(["schedule", "publish", &second]));
    assert!(
        out.contains(&format!("replaces the published schedule {id}")),
        "{out}"
    );
    let list = stdout(wfm(&ws).args(["schedule", "list"]));
    assert!(
        !list.lines().any(|l| l.contains(&format!(" {id} "))),
        "{list}"
    );
    // a draft can be deleted
    let third = create(&ws);
    stdout(wfm(&ws).args(["schedule", "delete", &third]));
    let e = stderr_of_failure(wfm(&ws).args(["schedule", "show", &third]));
    assert!(e.contains("no schedule"), "{e}");
}
