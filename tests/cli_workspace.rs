//! End-to-end tests of `wfm workspace`, `wfm queues`, `wfm groups` and the workspace's
//! transactions (a killed import, a read during a write): the real binary on temp dirs.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n";

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
        .success()
        .stdout(predicate::str::contains(format!(
            "interval {interval} minutes"
        )));
    ws
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// `rows` valid 15-minute VOICE records over queues q0..q3, in series order.
fn big_history(path: &Path, rows: usize) {
    let mut s = String::with_capacity(rows * 64);
    s.push_str(HEADER);
    let per_queue = rows / 4;
    let start = 1_577_836_800i64; // 2020-01-01
    for q in 0..4 {
        for i in 0..per_queue {
            let t = chrono::DateTime::from_timestamp(start + i as i64 * 900, 0).unwrap();
            writeln!(
                s,
                "Q{q},q{q},VOICE,{},15mins,{},301.5,{}",
                t.format("%Y-%m-%dT%H:%M:%SZ"),
                i % 50,
                i % 40
            )
            .unwrap();
        }
    }
    fs::write(path, s).unwrap();
}

#[test]
fn create_then_info_and_no_second_create() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "30");
    wfm(&ws)
        .args(["workspace", "info"])
        .assert()
        .success()
        .stdout(predicate::str::contains("interval    30 minutes"))
        .stdout(predicate::str::contains("time zone   UTC"));
    // the interval is set once: creating again is refused, the file is untouched
    wfm(&ws)
        .args(["workspace", "create", "--interval", "15"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists already"));
    wfm(&ws)
        .args(["workspace", "info"])
        .assert()
        .stdout(predicate::str::contains("interval    30 minutes"));
}

#[test]
fn time_zone_and_interval_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.wfm");
    wfm(&ws)
        .args(["workspace", "create", "--interval", "20"])
        .assert()
        .code(2);
    wfm(&ws)
        .args([
            "workspace",
            "create",
            "--interval",
            "15",
            "--time-zone",
            "Mars/Olympus",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown time zone"));
    assert!(!ws.exists());
    wfm(&ws)
        .args([
            "workspace",
            "create",
            "--interval",
            "15",
            "--time-zone",
            "Europe/Berlin",
        ])
        .assert()
        .success();
    wfm(&ws)
        .args(["workspace", "info"])
        .assert()
        .stdout(predicate::str::contains("Europe/Berlin"));
}

#[test]
fn workspace_is_required_and_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("wfm")
        .unwrap()
        .env_remove("WFM_WORKSPACE")
        .args(["history", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--workspace PATH or set WFM_WORKSPACE",
        ));
    let ws = dir.path().join("none.wfm");
    wfm(&ws)
        .args(["queues", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no workspace at"));
    assert!(!ws.exists());
    // a file that is not a workspace
    let junk = dir.path().join("junk.wfm");
    fs::write(&junk, "hello").unwrap();
    wfm(&junk).args(["groups", "list"]).assert().code(2);
}

#[test]
fn workspace_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("env.wfm");
    Command::cargo_bin("wfm")
        .unwrap()
        .env("WFM_WORKSPACE", &ws)
        .args(["workspace", "create", "--interval", "15"])
        .assert()
        .success();
    assert!(ws.is_file());
}

#[test]
fn interval_mismatch_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "15");
    let csv = dir.path().join("h.csv");
    fs::write(&csv, format!("{HEADER}Sales,q1,VOICE,2024-07-01T08:00:00Z,15mins,1,1,1\nSales,q1,VOICE,2024-07-01T08:30:00Z,30mins,1,1,1\n")).unwrap();
    wfm(&ws)
        .args(["history", "import"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:3: IntervalDuration:",
            csv.display()
        )));
    assert!(stdout(wfm(&ws).args(["history", "list"])).contains("no history loaded"));
}

#[test]
fn groups_rules() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "30");
    wfm(&ws)
        .args(["groups", "create", "Sales", "--queues", "q1,q2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("registered new queue q1"));
    // a queue is in at most one group: the error names the queue and its group
    wfm(&ws)
        .args(["groups", "create", "Support", "--queues", "q3,q2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "queue q2 is already in forecast group \"Sales\"",
        ));
    // nothing of the failed command was applied (q3 not registered, no group)
    let queues = stdout(wfm(&ws).args(["queues", "list"]));
    assert!(!queues.contains("q3"), "{queues}");
    wfm(&ws)
        .args(["groups", "create", "Sales", "--queues", "q9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists already"));
    wfm(&ws)
        .args(["groups", "create", "Support", "--queues", "q3"])
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "edit", "Support", "--add", "q1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "queue q1 is already in forecast group \"Sales\"",
        ));
    wfm(&ws)
        .args([
            "groups", "edit", "Sales", "--remove", "q2", "--rename", "Sales EU",
        ])
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "edit", "Support", "--add", "q2"])
        .assert()
        .success();
    let list = stdout(wfm(&ws).args(["groups", "list"]));
    assert!(
        list.contains("Sales EU") && list.contains("q2,q3"),
        "{list}"
    );
    wfm(&ws)
        .args(["groups", "edit", "Sales EU", "--rename", "Support"])
        .assert()
        .code(2);
    wfm(&ws)
        .args(["groups", "delete", "Sales EU"])
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "delete", "Sales EU"])
        .assert()
        .code(2);
    let queues = stdout(wfm(&ws).args(["queues", "list"]));
    let q1 = queues.lines().find(|l| l.contains("q1")).unwrap();
    assert!(q1.contains(" - "), "q1 is unassigned: {q1}");
    // a deactivated queue stays in its group
    wfm(&ws)
        .args(["queues", "deactivate", "q2"])
        .assert()
        .success();
    let queues = stdout(wfm(&ws).args(["queues", "list"]));
    let q2 = queues.lines().find(|l| l.contains("q2")).unwrap();
    assert!(q2.contains("Support") && q2.contains("no"), "{q2}");
    wfm(&ws)
        .args(["queues", "deactivate", "nope"])
        .assert()
        .code(2);
}

fn wait_for_wal(ws: &Path, child: &mut std::process::Child) -> bool {
    let wal = PathBuf::from(format!("{}-wal", ws.display()));
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(60) {
        if fs::metadata(&wal).is_ok_and(|m| m.len() > 100_000) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

fn spawn_import(ws: &Path, file: &Path) -> std::process::Child {
    StdCommand::new(assert_cmd::cargo::cargo_bin("wfm"))
        .arg("--workspace")
        .arg(ws)
        .args(["history", "import"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn small_source(dir: &Path, ws: &Path) {
    let small = dir.join("small.csv");
    fs::write(
        &small,
        format!("{HEADER}Sales,q1,VOICE,2024-07-01T08:00:00Z,15mins,7,100,7\n"),
    )
    .unwrap();
    wfm(ws)
        .args(["history", "import"])
        .arg(&small)
        .assert()
        .success();
}

#[test]
fn a_killed_import_leaves_the_workspace_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "15");
    small_source(dir.path(), &ws);
    let before_list = stdout(wfm(&ws).args(["history", "list"]));
    let before_csv = dir.path().join("before.csv");
    wfm(&ws)
        .args(["history", "export", "--output"])
        .arg(&before_csv)
        .assert()
        .success();
    let big = dir.path().join("big.csv");
    big_history(&big, 2_000_000);
    let mut child = spawn_import(&ws, &big);
    assert!(
        wait_for_wal(&ws, &mut child),
        "the import wrote before it was killed"
    );
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    // the workspace opens, and holds exactly what it held
    assert_eq!(stdout(wfm(&ws).args(["history", "list"])), before_list);
    let after_csv = dir.path().join("after.csv");
    wfm(&ws)
        .args(["history", "export", "--output"])
        .arg(&after_csv)
        .assert()
        .success();
    assert_eq!(
        fs::read(&before_csv).unwrap(),
        fs::read(&after_csv).unwrap()
    );
    let queues = stdout(wfm(&ws).args(["queues", "list"]));
    assert!(!queues.contains("q0"), "{queues}");
    // and it still takes writes
    small_source(dir.path(), &ws);
}

#[test]
fn readers_work_while_an_import_writes() {
    let dir = tempfile::tempdir().unwrap();
    let ws = created(dir.path(), "15");
    small_source(dir.path(), &ws);
    let big = dir.path().join("big.csv");
    big_history(&big, 2_000_000);
    let mut child = spawn_import(&ws, &big);
    assert!(wait_for_wal(&ws, &mut child), "the import is writing");
    let t = Instant::now();
    let list = stdout(wfm(&ws).args(["history", "list"]));
    let during = child.try_wait().unwrap().is_none();
    assert!(
        list.contains("small.csv") && !list.contains("big.csv"),
        "{list}"
    );
    stdout(wfm(&ws).args(["queues", "list"]));
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(child.wait().unwrap().success());
    assert!(stdout(wfm(&ws).args(["history", "list"])).contains("big.csv"));
    // the reads really overlapped the write (else this test proves little)
    assert!(during, "the import ended before the read");
}
