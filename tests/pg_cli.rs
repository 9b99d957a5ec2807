//! The command line on a PostgreSQL workspace: `--workspace postgres://…` works
//! unchanged (create, history import, groups, forecasts, check, info), three racing
//! computes leave one draft of each kind, and no output shows the password. Needs the
//! test cluster (`scripts/postgres.sh`); skipped without one.

use std::path::Path;
use std::process::{Command as Process, Output, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use wfm::Workspace;
use wfm::store::{DocumentKind, DocumentStatus};

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample")
        .join(name)
        .display()
        .to_string()
}

fn ok(ws: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("wfm")
        .unwrap()
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn race(ws: &str, runs: &[&[&str]]) -> Vec<Output> {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            Process::new(cargo_bin("wfm"))
                .arg("--workspace")
                .arg(ws)
                .args(*args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

const COMPUTE_BOTH: &[&str] = &[
    "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "4",
];

#[test]
fn the_cli_works_on_a_postgres_workspace() {
    let Some(url) = wfm::store::postgres::testing::fresh_database() else {
        return;
    };
    // trust authentication: the password is accepted, and must never be shown
    let ws = url.replacen("://wfm@", "://wfm:Sup3rS3cret@", 1);
    let mut shown = vec![ok(&ws, &["workspace", "create", "--interval", "30"])];
    for f in ["daily.csv", "intervals_30min.csv"] {
        shown.push(ok(&ws, &["history", "import", &sample(f)]));
    }
    shown.push(ok(&ws, &["groups", "create", "Sales", "--queues", "1001"]));
    for out in race(&ws, &[COMPUTE_BOTH, COMPUTE_BOTH, COMPUTE_BOTH]) {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        shown.push(stderr);
    }
    let docs = Workspace::open_read_only(Path::new(&url))
        .unwrap()
        .documents(DocumentKind::Forecast, None)
        .unwrap();
    for kind in ["short", "long"] {
        let drafts = docs
            .iter()
            .filter(|d| d.name == kind && d.status == DocumentStatus::Draft)
            .count();
        assert_eq!(drafts, 1, "{kind}");
    }
    shown.push(ok(
        &ws,
        &["forecast", "publish", "--group", "Sales", "--kind", "short"],
    ));
    let check = ok(&ws, &["workspace", "check"]);
    assert!(check.contains("no problems found"), "{check}");
    shown.push(check);
    shown.push(ok(&ws, &["workspace", "info"]));
    let failed = Command::cargo_bin("wfm")
        .unwrap()
        .arg("--workspace")
        .arg(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .failure();
    shown.push(String::from_utf8_lossy(&failed.get_output().stderr).into_owned());
    for s in &shown {
        assert!(!s.contains("Sup3rS3cret"), "{s}");
    }
    assert!(shown.iter().any(|s| s.contains("wfm:***@")), "{shown:?}");
}
