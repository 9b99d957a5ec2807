//! `wfm users`, `wfm roles` and `wfm audit` end to end: the actor from `--actor` or
//! `$WFM_ACTOR`, a refusal (exit 2, the permission and target named), the audit log as
//! CSV and JSON.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn wfm(ws: &Path, actor: &str) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws).env("WFM_ACTOR", actor);
    c
}

fn ok(ws: &Path, actor: &str, args: &[&str]) -> String {
    let out = wfm(ws, actor).args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn setup(ws: PathBuf) -> PathBuf {
    ok(&ws, "root", &["workspace", "create", "--interval", "30"]);
    ok(
        &ws,
        "root",
        &["groups", "create", "Support", "--queues", "1001"],
    );
    ok(&ws, "root", &["users", "add", "ann", "--role", "analyst"]);
    ok(
        &ws,
        "root",
        &[
            "users",
            "add",
            "sam",
            "--role",
            "supervisor",
            "--groups",
            "Day team",
        ],
    );
    ws
}

#[test]
fn users_roles_and_a_refusal_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    users_roles_and_a_refusal(dir.path().join("w.wfm"));
}

/// The same on a PostgreSQL workspace (the test cluster; skipped without one).
#[test]
fn users_roles_and_a_refusal_on_a_postgres_workspace() {
    if let Some(url) = wfm::store::postgres::testing::fresh_database() {
        users_roles_and_a_refusal(PathBuf::from(url));
    }
}

fn users_roles_and_a_refusal(ws: PathBuf) {
    let ws = setup(ws);
    let users = ok(&ws, "root", &["users", "list"]);
    for name in ["root", "ann", "sam", "groups: Day team"] {
        assert!(users.contains(name), "{users}");
    }
    // the analyst may look but not change
    ok(&ws, "ann", &["groups", "list"]);
    let out = wfm(&ws, "ann")
        .args(["groups", "create", "Sales", "--queues", "1002"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("permission denied: ann lacks forecasting.edit on forecast group Sales"),
        "{err}"
    );
    // --actor wins over $WFM_ACTOR
    ok(
        &ws,
        "ann",
        &[
            "--actor", "root", "groups", "create", "Sales", "--queues", "1002",
        ],
    );
    ok(
        &ws,
        "root",
        &[
            "roles",
            "define",
            "forecaster",
            "forecasting.view",
            "forecasting.edit",
        ],
    );
    assert!(ok(&ws, "root", &["roles", "show", "forecaster"]).contains("forecasting.edit"));
    ok(&ws, "root", &["users", "grant", "ann", "forecaster"]);
    ok(
        &ws,
        "ann",
        &["groups", "create", "Billing", "--queues", "1003"],
    );
    ok(&ws, "root", &["users", "revoke", "ann", "forecaster"]);
    ok(
        &ws,
        "root",
        &["users", "scope", "sam", "--groups", "Day team,Night team"],
    );
    ok(&ws, "root", &["users", "remove", "sam"]);
    // the audit log: who did what, as CSV and JSON; only admins read it
    let csv = ok(&ws, "root", &["audit", "--by", "ann", "--format", "csv"]);
    assert!(
        csv.starts_with("seq,at,actor,operation,target,detail\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",ann,group.create,forecast group Billing,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 2, "{csv}"); // the refused change is not in it
    let json = ok(
        &ws,
        "root",
        &["audit", "--operation", "users.", "--format", "json"],
    );
    let entries: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(entries.as_array().unwrap().len() >= 6, "{json}");
    wfm(&ws, "ann").args(["audit"]).assert().code(2);
}
