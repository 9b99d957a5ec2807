//! End-to-end tests of `wfm history`: every error class reported as FILE:LINE: COLUMN
//! with nothing applied, the SPEC §2.1 layering example through import/remove/export,
//! round trips through CSV and Parquet, raw contact records and the sufficiency check.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled";

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

fn created(dir: &Path, interval: &str) -> PathBuf {
    let ws = dir.join("w.wfm");
    wfm(&ws)
        .args(["workspace", "create", "--interval", interval])
        .assert()
        .success();
    ws
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, body).unwrap();
    p
}

/// Daily VOICE rows of queue q1 for July `from`..=`to` (day 32 = August 1).
fn july(from: u32, to: u32, volume: u32) -> String {
    let mut s = format!("{HEADER}\n");
    for d in from..=to {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()
            + chrono::Days::new(u64::from(d - 1));
        writeln!(
            s,
            "Sales,q1,VOICE,{}T00:00:00Z,daily,{volume},300,{volume}",
            date.format("%Y-%m-%d")
        )
        .unwrap();
    }
    s
}

/// The exported CSV's volume per `M/D`, as runs `(volume, first, last)`.
fn runs(csv: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let date = chrono::NaiveDate::parse_from_str(&f[3][..10], "%Y-%m-%d").unwrap();
        let d = date.format("%-m/%-d").to_string();
        match out.last_mut() {
            Some(run) if run.0 == f[5] => run.2 = d,
            _ => out.push((f[5].to_owned(), d.clone(), d)),
        }
    }
    out
}

fn run(v: &str, a: &str, b: &str) -> (String, String, String) {
    (v.into(), a.into(), b.into())
}

fn export(ws: &Path, dir: &Path) -> String {
    let out = dir.join("out.csv");
    wfm(ws)
        .args(["history", "export", "--output"])
        .arg(&out)
        .assert()
        .success();
    fs::read_to_string(out).unwrap()
}

#[test]
fn spec_layering_example_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "30");
    let base = write(dir.path(), "base.csv", &july(1, 32, 1));
    let x = write(dir.path(), "x.csv", &july(10, 32, 2));
    let y = write(dir.path(), "y.csv", &july(15, 32, 3));
    wfm(&ws)
        .args(["history", "import"])
        .args([&base, &x, &y])
        .assert()
        .success()
        .stdout(predicate::str::contains("registered new queue q1 (Sales)"))
        .stdout(predicate::str::contains("loaded as source 3"))
        .stdout(predicate::str::contains("warning: forecasts"));
    let list = stdout(wfm(&ws).args(["history", "list"]));
    assert!(
        list.contains("2024-07-15T00:00:00Z") && list.contains("2024-08-01T00:00:00Z"),
        "{list}"
    );
    let csv = export(&ws, dir.path());
    assert!(csv.starts_with(&format!("{HEADER}\n")));
    assert_eq!(
        runs(&csv),
        [
            run("1", "7/1", "7/9"),
            run("2", "7/10", "7/14"),
            run("3", "7/15", "8/1")
        ]
    );
    // delete Y → base 7/1–7/9, X 7/10–8/1
    wfm(&ws)
        .args(["history", "remove", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning"));
    assert_eq!(
        runs(&export(&ws, dir.path())),
        [run("1", "7/1", "7/9"), run("2", "7/10", "8/1")]
    );
    // delete X instead → base 7/1–7/14, Y 7/15–8/1 (Y loaded again, now the newest)
    wfm(&ws)
        .args(["history", "import"])
        .arg(&y)
        .assert()
        .success()
        .stdout(predicate::str::contains("source 4"));
    wfm(&ws).args(["history", "remove", "2"]).assert().success();
    assert_eq!(
        runs(&export(&ws, dir.path())),
        [run("1", "7/1", "7/14"), run("3", "7/15", "8/1")]
    );
    wfm(&ws)
        .args(["history", "remove", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no history source 2"));
}

#[test]
fn every_error_class_is_reported_and_nothing_applied() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "15");
    let good = write(
        dir.path(),
        "good.csv",
        &format!("{HEADER}\nSales,q1,VOICE,2024-07-01T08:00:00Z,15mins,5,100,5\n"),
    );
    wfm(&ws)
        .args(["history", "import"])
        .arg(&good)
        .assert()
        .success();
    let before = stdout(wfm(&ws).args(["history", "list"]));
    let bad = format!(
        "{HEADER}\n\
         Sales,q2,VOICE,2024-07-01T08:00:00Z,15mins,5,100,5\n\
         Sales,q/2,VOICE,2024-07-01T08:15:00Z,15mins,5,100,5\n\
         Sales,q2,voice,2024-07-01T08:30:00Z,15mins,5,100,5\n\
         Sales,q2,VOICE,2024-07-01 08:45:00,15mins,5,100,5\n\
         Sales,q2,VOICE,2024-07-01T09:10:00Z,15mins,5,100,5\n\
         Sales,q2,VOICE,2024-07-01T09:30:00Z,hourly,5,100,5\n\
         Sales,q2,VOICE,2024-07-01T09:45:00Z,15mins,-5,100,5\n\
         Sales,q2,VOICE,2024-07-01T10:00:00Z,15mins,5,1e3,5\n\
         Sales,q2,VOICE,2024-07-01T10:15:00Z,15mins,5,100,5.5\n\
         Sales,q2,VOICE,2024-07-01T10:30:00Z,15mins,5,100,5,extra\n\
         \n\
         Sales,q2,VOICE,2024-07-01T08:00:00Z,15mins,5,100,5\n"
    );
    let f = write(dir.path(), "bad.csv", &bad);
    let name = f.display().to_string();
    let out = wfm(&ws)
        .args(["history", "import"])
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    for expected in [
        format!("{name}:3: QueueId:"),
        format!("{name}:4: ChannelType:"),
        format!("{name}:5: TimeStamp:"),
        format!("{name}:6: TimeStamp:"),
        format!("{name}:7: IntervalDuration:"),
        format!("{name}:8: IncomingContactVolume:"),
        format!("{name}:9: AverageHandleTime:"),
        format!("{name}:10: ContactsHandled:"),
        format!("{name}:11: "),
        format!("{name}:12: "),
        format!("{name}:13: "),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    assert!(err.contains("nothing of it was loaded"), "{err}");
    // the header is checked too
    let f2 = write(dir.path(), "header.csv", "QueueName,QueueId\nSales,q3\n");
    wfm(&ws)
        .args(["history", "import"])
        .arg(&f2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:1:", f2.display())));
    // a good and a bad file: the good one is loaded, the bad one reported
    let good2 = write(
        dir.path(),
        "good2.csv",
        &format!("{HEADER}\nSales,q1,CHAT,2024-07-01T08:00:00Z,15mins,5,100,5\n"),
    );
    wfm(&ws)
        .args(["history", "import"])
        .arg(&f)
        .arg(&good2)
        .assert()
        .code(2);
    let after = stdout(wfm(&ws).args(["history", "list"]));
    assert!(
        before.contains("good.csv") && after.contains("good.csv"),
        "{after}"
    );
    assert!(
        after.contains("good2.csv") && !after.contains("bad.csv") && !after.contains("header.csv"),
        "{after}"
    );
    let queues = stdout(wfm(&ws).args(["queues", "list"]));
    assert!(!queues.contains("q2") && !queues.contains("q3"), "{queues}");
    wfm(&ws)
        .args(["history", "import"])
        .arg(dir.path().join("missing.csv"))
        .assert()
        .failure();
}

#[test]
fn csv_export_round_trips_through_import_and_parquet_reads_back() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "30");
    let sample = format!("{}/data/sample", env!("CARGO_MANIFEST_DIR"));
    wfm(&ws)
        .args([
            "history",
            "import",
            &format!("{sample}/intervals_30min.csv"),
            &format!("{sample}/daily.csv"),
        ])
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "create", "G", "--queues", "1001,1002"])
        .assert()
        .success();
    let first = export(&ws, dir.path());
    assert_eq!(first.lines().count(), 1 + 114_336 + 2_376);
    // re-import the export into a fresh workspace: the same baseline
    let dir2 = tempfile::tempdir().unwrap();
    let ws2 = created(dir2.path(), "30");
    let copy = write(dir2.path(), "copy.csv", &first);
    wfm(&ws2)
        .args(["history", "import"])
        .arg(&copy)
        .assert()
        .success();
    assert_eq!(export(&ws2, dir2.path()), first);
    // a group's export, then one queue's
    let g = dir.path().join("g.csv");
    wfm(&ws)
        .args(["history", "export", "--group", "G", "--output"])
        .arg(&g)
        .assert()
        .success();
    let g = fs::read_to_string(g).unwrap();
    assert!(g.lines().skip(1).all(|l| !l.contains(",1003,")));
    assert!(g.contains(",1002,"));
    let q = dir.path().join("q.csv");
    wfm(&ws)
        .args(["history", "export", "--queue", "1003", "--output"])
        .arg(&q)
        .assert()
        .success();
    assert!(
        fs::read_to_string(q)
            .unwrap()
            .lines()
            .skip(1)
            .all(|l| l.contains(",1003,"))
    );
    wfm(&ws)
        .args(["history", "export", "--group", "nope", "--output"])
        .arg(dir.path().join("n.csv"))
        .assert()
        .code(2);
    wfm(&ws)
        .args(["history", "export", "--output"])
        .arg(dir.path().join("n.txt"))
        .assert()
        .code(2);
    // Parquet
    let pq = dir.path().join("h.parquet");
    wfm(&ws)
        .args(["history", "export", "--output"])
        .arg(&pq)
        .assert()
        .success();
    let df = ParquetReader::new(fs::File::open(&pq).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), 114_336 + 2_376);
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(names.join(","), HEADER);
    let volume: u64 = df
        .column("IncomingContactVolume")
        .unwrap()
        .as_materialized_series()
        .u64()
        .unwrap()
        .sum()
        .unwrap();
    let csv_volume: u64 = first
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(volume, csv_volume);
    assert!(matches!(
        df.column("TimeStamp").unwrap().dtype(),
        DataType::Datetime(_, _)
    ));
}

#[test]
fn raw_contact_records_csv_and_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "15");
    let raw = write(
        dir.path(),
        "raw.csv",
        "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds,answered\n\
         c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:50:00Z,200,20,30,true\n\
         c2,VOICE,q1,Sales,TRANSFER,2024-07-01T16:59:59Z,100,0,0,true\n\
         c3,VOICE,q1,Sales,OUTBOUND,2024-07-01T16:47:00Z,500,0,0,true\n",
    );
    wfm(&ws)
        .args(["history", "import", "--raw", "csv"])
        .arg(&raw)
        .assert()
        .success()
        .stdout(predicate::str::contains("(1 rows"));
    let jsonl = write(
        dir.path(),
        "raw.jsonl",
        "{\"contact_id\":\"c9\",\"channel\":\"CHAT\",\"queue_id\":\"q1\",\"queue_name\":\"Sales\",\"initiation_method\":\"INBOUND\",\"initiation_timestamp\":\"2024-07-01T17:01:00Z\",\"agent_interaction_seconds\":60,\"hold_seconds\":0,\"acw_seconds\":0,\"answered\":true}\n",
    );
    wfm(&ws)
        .args(["history", "import"])
        .arg(&jsonl)
        .assert()
        .success();
    let csv = export(&ws, dir.path());
    assert!(
        csv.contains("Sales,q1,VOICE,2024-07-01T16:45:00Z,15mins,2,175,2"),
        "{csv}"
    );
    assert!(
        csv.contains("Sales,q1,CHAT,2024-07-01T17:00:00Z,15mins,1,60,1"),
        "{csv}"
    );
    let bad = write(dir.path(), "bad.jsonl", "{\"contact_id\":\"c1\"}\n");
    wfm(&ws)
        .args(["history", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:1:", bad.display())));
    assert!(stdout(wfm(&ws).args(["history", "list"])).contains("raw.jsonl"));
}

#[test]
fn sufficiency_check_names_rules_groups_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "30");
    let sample = format!("{}/data/sample", env!("CARGO_MANIFEST_DIR"));
    wfm(&ws)
        .args(["history", "check"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no forecast group"));
    wfm(&ws)
        .args(["groups", "create", "FG_Sales", "--queues", "1001"])
        .assert()
        .success();
    wfm(&ws)
        .args([
            "history",
            "import",
            &format!("{sample}/intervals_30min.csv"),
            &format!("{sample}/daily.csv"),
        ])
        .assert()
        .success();
    wfm(&ws)
        .args(["history", "check", "--as-of", "2024-08-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "enough data for the short-term forecast as of 2024-08-01T00:00:00Z: 13 months",
        ))
        .stdout(predicate::str::contains(
            "enough data for the long-term forecast",
        ));
    wfm(&ws)
        .args([
            "history",
            "check",
            "--group",
            "FG_Sales",
            "--as-of",
            "2024-12-01",
        ])
        .assert()
        .failure()
        .stdout(predicate::str::contains("recency"))
        .stdout(predicate::str::contains("FG_Sales"));
    wfm(&ws)
        .args(["history", "check", "--as-of", "2023-12-01"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "history length: 5 months of history, 6 needed",
        ));
}

#[test]
fn demo_builds_a_workspace_from_the_sample() {
    Command::cargo_bin("wfm")
        .unwrap()
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("FG_Service"))
        .stdout(predicate::str::contains("intervals_30min.csv"))
        .stdout(predicate::str::contains("114336"))
        .stdout(predicate::str::contains(
            "enough data for the long-term forecast",
        ))
        .stdout(predicate::str::contains("interval staffing for one day"));
}
