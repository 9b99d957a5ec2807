//! Adherence with its tables on PostgreSQL gives what it gives on SQLite: a workspace
//! with a published week (made with the CLI, as tests/cli_adherence.rs), the same sample
//! events imported twice (the second time nothing new) into a copy on each backend, the
//! same 30-day recalculation; the imports, the stored events, the reports per day and
//! week and the exceptions are equal. Skipped, saying so, without a test cluster.

use std::fmt::Write as _;
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use chrono::{NaiveDate, TimeZone, Utc};
use wfm::Workspace;
use wfm::adherence::{ImportOptions, adherence_exceptions, adherence_report, import_events};
use wfm::core::clock::FixedClock;
use wfm::scheduler::adherence::Period;
use wfm::store::Actor;
use wfm::store::postgres::split::SplitStore;
use wfm::store::postgres::testing::fresh_database;
use wfm::store::sqlite::SqliteStore;

const DAY: &str = "2026-03-02";

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

/// 30-minute history of queue 2001 up to Sunday 2026-03-01, busy 13:00–20:00 UTC Monday
/// to Saturday.
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
            let stamp = t.format("%Y-%m-%dT%H:%M:%SZ");
            writeln!(text, "Support,2001,VOICE,{stamp},30mins,{v},{aht},{v}").unwrap();
        }
    }
    let path = dir.join("history.csv");
    fs::write(&path, text).unwrap();
    path
}

/// A workspace whose example week (2026-03-02 to 08) is published, and sample events.
fn published(dir: &Path) -> (PathBuf, PathBuf) {
    let ws = dir.join("w.wfm");
    let run = |args: &[&str]| {
        let out = wfm(&ws).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    run(&["workspace", "create", "--interval", "30"]);
    run(&["history", "import", history(dir).to_str().unwrap()]);
    run(&["groups", "create", "Support", "--queues", "2001"]);
    run(&[
        "forecast", "compute", "--group", "Support", "--kind", "short", "--weeks", "1",
    ]);
    run(&[
        "forecast", "publish", "--group", "Support", "--kind", "short",
    ]);
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml");
    run(&["schedule", "scenario", "import", example.to_str().unwrap()]);
    let out = run(&["schedule", "create", "--time-limit", "20"]);
    let id = out
        .split_whitespace()
        .nth(3)
        .expect("the draft's id")
        .to_owned();
    run(&["schedule", "publish", &id]);
    let events = dir.join("events.json");
    run(&[
        "adherence",
        "sample",
        "--day",
        DAY,
        "--format",
        "reference",
        "--heartbeat-seconds",
        "120",
        "--output",
        events.to_str().unwrap(),
    ]);
    (ws, events)
}

/// Everything adherence stores and reports, after importing `events` twice.
fn imported(mut ws: Workspace, events: &Path) -> String {
    let today = Utc.with_ymd_and_hms(2026, 3, 8, 12, 0, 0).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(today)));
    ws.set_actor(Actor::new("sam"));
    let mut out = String::new();
    for _ in 0..2 {
        let file = BufReader::new(fs::File::open(events).unwrap());
        let done = import_events(&mut ws, file, "events.json", &ImportOptions::default()).unwrap();
        let r = done.recalculation.as_ref().map(|r| format!("{r:?}"));
        writeln!(out, "{:?} {} {r:?}", done.info, done.already_stored).unwrap();
    }
    let (from, to) = (
        NaiveDate::from_ymd_opt(2026, 2, 7).unwrap(),
        today.date_naive(),
    );
    writeln!(out, "{:?}", ws.backend().unwrap().event_imports().unwrap()).unwrap();
    let all = ws
        .backend()
        .unwrap()
        .events_between(i64::MIN, i64::MAX)
        .unwrap();
    assert!(!all.is_empty(), "the sample events are stored");
    writeln!(out, "{} events: {all:?}", all.len()).unwrap();
    for period in [Period::Day, Period::Week] {
        writeln!(
            out,
            "{:?}",
            adherence_report(&ws, from, to, period).unwrap()
        )
        .unwrap();
    }
    let exceptions = adherence_exceptions(&ws, from, to).unwrap();
    assert!(!exceptions.is_empty(), "the sample day has deviations");
    writeln!(out, "{exceptions:?}").unwrap();
    out
}

#[test]
fn adherence_on_postgresql_stores_and_reports_what_sqlite_does() {
    let Some(url) = fresh_database() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (ws, events) = published(dir.path());
    let copy = dir.path().join("pg.wfm");
    fs::copy(&ws, &copy).unwrap();
    let on_sqlite = imported(Workspace::open(&ws).unwrap(), &events);
    let store = SplitStore::new(Box::new(SqliteStore::open(&copy).unwrap()), &url).unwrap();
    let on_postgres = imported(Workspace::with_store(&copy, Box::new(store)), &events);
    assert_eq!(on_postgres, on_sqlite);
}
