//! Issue 18, item 4 (structured errors): the library says what happened as a variant,
//! the command line adds the `wfm …` command that helps and picks the exit code from the
//! variant; no message is matched on its text.

use std::path::Path;

use assert_cmd::Command;
use wfm::core::IntervalLength;
use wfm::store::{DocumentKind, DocumentStatus};
use wfm::{ItemKind, Refused, WfmError, Workspace};

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn library_messages_name_no_cli_command_the_cli_prints_it_as_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    let e = Workspace::open(&path).unwrap_err();
    assert!(
        matches!(&e, WfmError::NotFound { item } if item.kind == ItemKind::Workspace),
        "{e}"
    );
    assert!(!e.to_string().contains('`'), "{e}");
    let out = wfm(&path)
        .args(["plan", "list"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines = stderr_lines(&out);
    assert_eq!(
        lines,
        [
            format!("error: no workspace at {}", path.display()),
            "hint: create one with `wfm workspace create --interval 15|30`".to_owned(),
        ]
    );
}

#[test]
fn a_missing_plan_is_not_found_exit_2_with_the_plan_list_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    let out = wfm(&path)
        .args(["plan", "publish", "--name", "Nope"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        stderr_lines(&out),
        [
            "error: no plan \"Nope\" in the workspace",
            "hint: see `wfm plan list`"
        ]
    );
}

#[test]
fn a_group_with_a_forecast_is_in_use_by_that_forecast() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    let mut ws = Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    ws.create_group("Sales", &["1001".parse().unwrap()])
        .unwrap();
    let f = ws
        .put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &0)
        .unwrap();
    ws.publish_document(f.id).unwrap();
    let e = ws.delete_group("Sales").unwrap_err();
    assert!(
        matches!(&e, WfmError::InUse { item, used_by }
            if item.kind == ItemKind::ForecastGroup
                && used_by.id == Some(f.id)
                && used_by.status == Some(DocumentStatus::Published)),
        "{e}"
    );
    let e = ws.publish_document(f.id).unwrap_err();
    assert!(
        matches!(&e, WfmError::AlreadyPublished { item, refused: Refused::Publish }
            if item.id == Some(f.id)),
        "{e}"
    );
    drop(ws);
    let out = wfm(&path)
        .args(["groups", "delete", "Sales"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("error: forecast group \"Sales\" is used by the published forecast"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "hint: delete the forecast first (`wfm forecast delete --group \"Sales\" --kind long --published`)"
    );
}

#[test]
fn an_argument_out_of_range_is_out_of_range_exit_2_without_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    let mut ws = Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    ws.create_group("Sales", &["1001".parse().unwrap()])
        .unwrap();
    drop(ws);
    let out = wfm(&path)
        .args([
            "forecast", "compute", "--group", "Sales", "--kind", "short", "--weeks", "19",
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        stderr_lines(&out),
        ["error: weeks 19: a short-term forecast covers 1 to 18 weeks"]
    );
}
