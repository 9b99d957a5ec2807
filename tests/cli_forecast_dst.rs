//! `wfm forecast` without `--time-zone` (issue 26): a queue whose intraday pattern moves by
//! an hour at the DST changes of its zone is named with the likely zone; a queue given its
//! zone, or one that keeps UTC hours, is not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/intervals_30min.csv")
}

/// `wfm forecast --kind short` of `history` with `extra` arguments; its standard error.
fn stderr_of(history: &Path, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("wfm")
        .unwrap()
        .args(["forecast", "--kind", "short", "--weeks", "1"])
        .args(extra)
        .arg("--history")
        .arg(history)
        .arg("--output")
        .arg(dir.path().join("st.csv"))
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_us_and_a_european_queue_without_zone_are_named_with_their_likely_zone() {
    // the sample: 1001 and 1002 keep New York hours, 1003 Berlin hours
    let err = stderr_of(&sample(), &[]);
    for q in ["1001 (Sales) VOICE", "1002 (Support) CHAT"] {
        let line = err
            .lines()
            .find(|l| l.contains(q))
            .unwrap_or_else(|| panic!("{q}: {err}"));
        assert!(line.contains("DST changes of America/"), "{line}");
    }
    let line = err
        .lines()
        .find(|l| l.contains("1003 (Billing) VOICE"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("DST changes of Europe/Berlin"), "{line}");
    assert!(line.contains("--time-zone 1003=Europe/Berlin"), "{line}");
}

#[test]
fn queues_given_their_zones_are_not_warned_about() {
    let err = stderr_of(
        &sample(),
        &[
            "--time-zone",
            "1001=America/New_York",
            "--time-zone",
            "1002=America/New_York",
            "--time-zone",
            "1003=Europe/Berlin",
        ],
    );
    assert!(!err.contains("DST changes"), "{err}");
}

#[test]
fn a_queue_keeping_utc_hours_is_not_warned_about() {
    // 30 weeks of 30-minute history from 2024-01-01, open 08:00–18:00 UTC every day
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utc.csv");
    let mut csv = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let start = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
    for i in 0..(30 * 7 * 48) {
        let t = start + chrono::Duration::minutes(30 * i);
        let slot = i % 48;
        let v = if (16..36).contains(&slot) {
            10 + slot % 7 + i % 3
        } else {
            0
        };
        let aht = if v > 0 { "300.0" } else { "0.0" };
        let ts = t.format("%Y-%m-%dT%H:%M:%SZ");
        writeln!(csv, "Ops,2001,VOICE,{ts},30mins,{v},{aht},{v}").unwrap();
    }
    std::fs::write(&path, csv).unwrap();
    let err = stderr_of(&path, &[]);
    assert!(!err.contains("DST changes"), "{err}");
}
