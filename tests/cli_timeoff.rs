//! `wfm timeoff` and `wfm overtime` on a workspace: the binary end to end (exit codes,
//! the located allowance errors, a request approved and one denied with its reason, an
//! overtime slot accepted first come first served).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{Datelike, Duration, Utc, Weekday};

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws).env("WFM_ACTOR", "sam");
    c
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = wfm(ws).args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// A Tuesday two to three weeks from today (a work day of the example's profiles, well
/// inside 13 months).
fn tuesday() -> chrono::NaiveDate {
    let mut d = Utc::now().date_naive() + Duration::days(14);
    while d.weekday() != Weekday::Tue {
        d += Duration::days(1);
    }
    d
}

fn setup(dir: &Path) -> PathBuf {
    let ws = dir.join("w.wfm");
    ok(&ws, &["workspace", "create", "--interval", "30"]);
    ok(&ws, &["groups", "create", "Support", "--queues", "1001"]);
    let scenario =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/timeoff_example.toml");
    ok(
        &ws,
        &["schedule", "scenario", "import", scenario.to_str().unwrap()],
    );
    let b = dir.join("b.csv");
    std::fs::write(
        &b,
        "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nana,VACAY_SK,10\n",
    )
    .unwrap();
    assert!(
        ok(&ws, &["timeoff", "balances", "import", b.to_str().unwrap()])
            .contains("2 balance(s) uploaded")
    );
    ws
}

#[test]
fn an_off_grid_start_time_is_refused_with_the_references_words_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let ws = setup(dir.path());
    let a = dir.path().join("a.csv");
    std::fs::write(
        &a,
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n\
         Support,VACAY_SK,2023-08-15T05:01:00,2023-08-15T06:01:00,3\n",
    )
    .unwrap();
    let out = wfm(&ws)
        .args(["timeoff", "allowances", "import", a.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains(":2: START_TIME: Column START_TIME value [2023-08-15T05:01:00] is not a multiple of 15 minutes from top of the hour, such as HH:00, HH:15, HH:30 and HH:45"),
        "{err}"
    );
}

#[test]
fn a_request_is_approved_another_denied_with_its_reason_and_an_overtime_slot_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = setup(dir.path());
    let day = tuesday();
    let a = dir.path().join("a.csv");
    std::fs::write(
        &a,
        format!(
            "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n\
             Support,VACAY_SK,{day}T09:00:00,{day}T10:00:00,0\n"
        ),
    )
    .unwrap();
    assert!(
        ok(
            &ws,
            &["timeoff", "allowances", "import", a.to_str().unwrap()]
        )
        .contains("1 slot(s) set")
    );
    let next = (day + Duration::days(1)).to_string();
    let approved = ok(
        &ws,
        &["timeoff", "request", "agent1", "VACAY_SK", "--date", &next],
    );
    assert!(approved.contains("approved (5.5 h)"), "{approved}");
    let (s, e) = (format!("{day}T09:00"), format!("{day}T10:00"));
    let denied = ok(
        &ws,
        &[
            "timeoff", "request", "ana", "VACAY_SK", "--start", &s, "--end", &e,
        ],
    );
    assert!(
        denied.contains(": denied (1 h)") && denied.contains("is 0: the slot is blocked"),
        "{denied}"
    );
    let list = ok(&ws, &["timeoff", "list", "--status", "denied"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    let snapshot = ok(&ws, &["timeoff", "balances", "snapshot"]);
    assert!(snapshot.contains("agent1,VACAY_SK,30,24.5"), "{snapshot}");
    // a non-requestable type by an agent: a named error, exit 2
    let out = wfm(&ws)
        .args([
            "timeoff",
            "request",
            "agent1",
            "TRAINING_LEAVE",
            "--date",
            &next,
        ])
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("may be requested by a supervisor only")
    );
    let (s, e) = (format!("{day}T14:00"), format!("{day}T16:00"));
    let opened = ok(
        &ws,
        &[
            "overtime",
            "open",
            "--kind",
            "overtime",
            "--start",
            &s,
            "--end",
            &e,
            "--activity",
            "Phones",
            "--slots",
            "1",
            "--group",
            "Day team",
            "--reason",
            "peak",
        ],
    );
    assert!(
        opened.starts_with("offer 1: 1 overtime slot(s)"),
        "{opened}"
    );
    assert!(ok(&ws, &["overtime", "accept", "1", "ana"]).contains("ana accepted"));
    assert!(ok(&ws, &["overtime", "accept", "1", "ben"]).contains("ben full"));
    let list = ok(&ws, &["overtime", "list"]);
    assert!(list.lines().nth(1).unwrap().contains(",1,1,"), "{list}");
}
