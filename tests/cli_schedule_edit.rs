//! `wfm schedule edit|undo|changes|meeting` on the real binary, and two processes editing
//! one schedule: one wins, the other is refused naming the change it missed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use predicates::prelude::*;
use wfm::Workspace;
use wfm::core::{Channel, IntervalLength};
use wfm::scheduler::generate::{Gap, HorizonReport, IntervalForecast};
use wfm::scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};
use wfm::scheduling::workspace::StoredSchedule;
use wfm::store::DocumentKind;

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

/// A workspace with the example configuration and a schedule of it: the day agents
/// Mon–Fri 12:00–20:00 UTC with break, lunch, break; demand 12:00–22:00. Returns the
/// workspace and the schedule's id.
fn setup(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join("w.wfm");
    let mut ws = Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
    )
    .unwrap();
    let config = ws
        .schedule_scenario()
        .import("example.toml", &text)
        .unwrap();
    let scenario = Scenario::from_toml(&text, "example").unwrap();
    let day_team = [
        "ana", "ben", "carla", "dev", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai",
    ];
    let agents = day_team
        .iter()
        .map(|a| AgentSchedule {
            agent: (*a).to_owned(),
            shifts: (2..=6)
                .map(|d| {
                    let start = Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0).unwrap();
                    let act = |name: &str, off: i64, len: i64| PlacedActivity {
                        activity: name.into(),
                        start: start + Duration::minutes(off),
                        end: start + Duration::minutes(off + len),
                    };
                    Shift {
                        date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
                        start,
                        end: start + Duration::minutes(480),
                        activities: vec![
                            act("Break", 120, 15),
                            act("Lunch", 240, 30),
                            act("Break", 360, 15),
                        ],
                    }
                })
                .collect(),
        })
        .collect();
    let schedule = Schedule { agents };
    let stored = StoredSchedule {
        forecast_group: "Support".into(),
        staffing_groups: vec!["Day team".into()],
        start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
        channel: Channel::Voice,
        scenario_id: config.info.id,
        scenario: scenario.config().clone(),
        forecast_id: config.info.id,
        report: HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0),
        schedule,
        demand: (0..7 * 96)
            .map(|i| IntervalForecast {
                volume: if (48..88).contains(&(i % 96)) {
                    25.0
                } else {
                    0.0
                },
                aht_seconds: 300.0,
            })
            .collect(),
        created_at: String::new(),
        annotations: Default::default(),
    };
    let doc = ws
        .put_json(
            DocumentKind::Schedule,
            "Support",
            "week 10",
            "",
            &[],
            &stored,
        )
        .unwrap();
    (path, doc.id.0)
}

fn changes(dir: &Path, name: &str, lines: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, lines).unwrap();
    p
}

fn move_line(agent: &str) -> String {
    format!(
        r#"{{"op":"move_shift","agent":"{agent}","date":"2026-03-03","start":"2026-03-03T13:00:00Z"}}"#
    )
}

fn spawn(ws: &Path, actor: &str, args: &[&str]) -> Child {
    Process::new(cargo_bin("wfm"))
        .env("WFM_ACTOR", actor)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wfm starts")
}

#[test]
fn two_processes_editing_one_schedule_one_wins_and_the_other_is_told_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, id) = setup(dir.path());
    let id = id.to_string();
    let a = changes(dir.path(), "a.jsonl", &move_line("ana"));
    let b = changes(dir.path(), "b.jsonl", &move_line("ben"));
    let args = |f: &Path| {
        vec![
            "schedule".to_owned(),
            "edit".to_owned(),
            id.clone(),
            "--changes".to_owned(),
            f.display().to_string(),
            "--version".to_owned(),
            "0".to_owned(),
        ]
    };
    let (aa, ba) = (args(&a), args(&b));
    let runs = [
        spawn(
            &ws,
            "alice",
            &aa.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
        spawn(
            &ws,
            "bob",
            &ba.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
    ];
    let outs: Vec<_> = runs
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let won: Vec<_> = outs.iter().filter(|o| o.status.success()).collect();
    let lost: Vec<_> = outs.iter().filter(|o| !o.status.success()).collect();
    assert_eq!((won.len(), lost.len()), (1, 1), "{outs:?}");
    assert_eq!(lost[0].status.code(), Some(2));
    let err = String::from_utf8_lossy(&lost[0].stderr);
    assert!(err.contains("is at version 1, not version 0"), "{err}");
    assert!(
        err.contains("version 1 (edit by alice") || err.contains("version 1 (edit by bob"),
        "{err}"
    );
    assert!(err.contains("nothing was applied"), "{err}");
    wfm(&ws)
        .args(["schedule", "edit-log", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("is at version 1"));
}

#[test]
fn edit_undo_changes_and_meeting_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, id) = setup(dir.path());
    let id = id.to_string();
    // a bad line: nothing applied, the line and field named
    let bad = changes(
        dir.path(),
        "bad.jsonl",
        &format!(
            "{}\n{{\"op\":\"delete_shift\",\"agent\":\"zoe\",\"date\":\"2026-03-02\"}}\n",
            move_line("ana")
        ),
    );
    wfm(&ws)
        .args(["schedule", "edit", &id, "--version", "0", "--changes"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.jsonl:2: agent: unknown agent 'zoe'",
        ));
    // a longer shift breaks ben's weekly maximum: skipped, with the rule; overridden
    let longer = changes(
        dir.path(),
        "longer.jsonl",
        r#"{"op":"resize_shift","agent":"ben","date":"2026-03-02","end":"2026-03-02T21:00:00Z"}"#,
    );
    wfm(&ws)
        .args(["schedule", "edit", &id, "--version", "0", "--changes"])
        .arg(&longer)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "skipped ben (lines 1): WeeklyMaxHours",
        ))
        .stdout(predicate::str::contains("nothing changed; still version 0"));
    wfm(&ws)
        .args([
            "schedule",
            "edit",
            &id,
            "--version",
            "0",
            "--override-rules",
            "--changes",
        ])
        .arg(&longer)
        .assert()
        .success()
        .stdout(predicate::str::contains("rules overridden for ben"))
        .stdout(predicate::str::contains("version 1 (edit by"));
    wfm(&ws)
        .args(["schedule", "undo", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("version 2 (undo by"))
        .stdout(predicate::str::contains("undid version 1"));
    // a meeting for three of the day team, the best slot placed
    wfm(&ws)
        .args([
            "schedule",
            "meeting",
            &id,
            "--activity",
            "Team meeting",
            "--duration",
            "60",
            "--group",
            "Day team",
            "--count",
            "3",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-06",
            "--slots",
            "3",
            "--place",
            "1",
            "--version",
            "2",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("contacts late"))
        .stdout(predicate::str::contains("version 3 (edit by"));
    wfm(&ws)
        .args(["schedule", "edit-log", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("is at version 3"));
}
