//! Regression tests of issue 17 ("Nothing lost"): races and damaged or foreign workspace
//! files (items 6–10).
//!
//! The races start every `wfm` process before waiting on any, then check the store's
//! invariant ("only one …") afterwards; the damaged and foreign files are made with
//! rusqlite directly and must come back byte-identical where wfm may not write.

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Output, Stdio};
use std::sync::OnceLock;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin;
use rusqlite::Connection;
use wfm::Workspace;
use wfm::store::{DocumentInfo, DocumentKind, DocumentStatus};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample")
        .join(name)
}

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

fn ok(ws: &Path, args: &[&str]) -> String {
    let out = wfm(ws).args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

/// Starts `wfm --workspace ws args…` without waiting.
fn spawn(ws: &Path, args: &[&str]) -> Child {
    Process::new(cargo_bin("wfm"))
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wfm starts")
}

/// Starts every run, then waits for all of them.
fn race(ws: &Path, runs: &[&[&str]]) -> Vec<Output> {
    let children: Vec<Child> = runs.iter().map(|args| spawn(ws, args)).collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wfm ends"))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FTE: &str = "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
                   Sales,2024-08-05T00:00:00Z,60,10,5";

/// A workspace built once: the sample history (daily and 30-minute), group Sales =
/// queue 1001, both forecasts of 4 weeks computed and published, the base scenario and
/// an FTE load. Tests work on copies ([`fixture`]).
fn master() -> &'static Path {
    static MASTER: OnceLock<PathBuf> = OnceLock::new();
    MASTER.get_or_init(|| {
        // under the target directory (rebuilt on every run), not a temp dir left behind
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regression-store-master");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ws = dir.join("w.wfm");
        ok(&ws, &["workspace", "create", "--interval", "30"]);
        for f in ["daily.csv", "intervals_30min.csv"] {
            ok(&ws, &["history", "import", sample(f).to_str().unwrap()]);
        }
        ok(&ws, &["groups", "create", "Sales", "--queues", "1001"]);
        ok(
            &ws,
            &[
                "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "4",
            ],
        );
        for kind in ["short", "long"] {
            ok(
                &ws,
                &["forecast", "publish", "--group", "Sales", "--kind", kind],
            );
        }
        let scenario =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/capacity_base.toml");
        ok(
            &ws,
            &["plan", "scenario", "create", scenario.to_str().unwrap()],
        );
        let fte = dir.join("fte.csv");
        std::fs::write(&fte, FTE).unwrap();
        ok(&ws, &["plan", "fte", "import", fte.to_str().unwrap()]);
        ws
    })
}

/// A copy of the [`master`] workspace in `dir`.
fn fixture(dir: &Path) -> PathBuf {
    let ws = dir.join("w.wfm");
    std::fs::copy(master(), &ws).unwrap();
    ws
}

fn documents(ws: &Path, kind: DocumentKind) -> Vec<DocumentInfo> {
    Workspace::open_read_only(ws)
        .unwrap()
        .documents(kind, None)
        .unwrap()
}

fn forecasts(ws: &Path, name: &str, status: DocumentStatus) -> Vec<DocumentInfo> {
    documents(ws, DocumentKind::Forecast)
        .into_iter()
        .filter(|d| d.name == name && d.status == status)
        .collect()
}

const COMPUTE_BOTH: &[&str] = &[
    "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "4",
];

// ---- item 6: races --------------------------------------------------------------------

#[test]
fn three_parallel_computes_of_both_kinds_left_three_drafts_of_each() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    for out in race(&ws, &[COMPUTE_BOTH, COMPUTE_BOTH, COMPUTE_BOTH]) {
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    for kind in ["short", "long"] {
        assert_eq!(
            forecasts(&ws, kind, DocumentStatus::Draft).len(),
            1,
            "{kind}"
        );
        assert_eq!(
            forecasts(&ws, kind, DocumentStatus::Published).len(),
            1,
            "{kind}"
        );
    }
    // delete and list agree: the one draft goes, none is left to list
    ok(
        &ws,
        &["forecast", "delete", "--group", "Sales", "--kind", "short"],
    );
    assert!(forecasts(&ws, "short", DocumentStatus::Draft).is_empty());
    let listed = ok(&ws, &["forecast", "list"]);
    assert_eq!(listed.matches("draft").count(), 1, "{listed}");
}

#[test]
fn two_overlapping_refreshes_left_two_drafts_of_each() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let refresh: &[&str] = &["forecast", "refresh", "--now", "2031-01-06T02:15:00Z"];
    for out in race(&ws, &[refresh, refresh]) {
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("recomputed"),
            "{}",
            text(&out.stdout)
        );
    }
    for kind in ["short", "long"] {
        assert_eq!(
            forecasts(&ws, kind, DocumentStatus::Draft).len(),
            1,
            "{kind}"
        );
    }
}

#[test]
fn three_parallel_plan_creates_of_one_name_made_three_plans() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let create: &[&str] = &[
        "plan",
        "create",
        "--name",
        "DUP",
        "--group",
        "Sales",
        "--scenario",
        "Base 2025",
        "--start",
        "2024-08-05",
        "--weeks",
        "3",
    ];
    let outs = race(&ws, &[create, create, create]);
    let won = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(
        won,
        1,
        "{:?}",
        outs.iter().map(|o| text(&o.stderr)).collect::<Vec<_>>()
    );
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
        assert!(text(&o.stderr).contains("\"DUP\""), "{}", text(&o.stderr));
        assert!(text(&o.stderr).contains("exists"), "{}", text(&o.stderr));
    }
    let plans = documents(&ws, DocumentKind::Plan);
    assert_eq!(plans.iter().filter(|d| d.name == "DUP").count(), 1);
}

#[test]
fn a_compute_racing_a_publish_threw_its_work_away() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let compute: &[&str] = &[
        "forecast", "compute", "--group", "Sales", "--kind", "short", "--weeks", "4",
    ];
    ok(&ws, compute);
    let publish: &[&str] = &["forecast", "publish", "--group", "Sales", "--kind", "short"];
    let outs = race(&ws, &[compute, publish]);
    // the compute never fails for the publish ("is published and cannot change")
    assert!(outs[0].status.success(), "{}", text(&outs[0].stderr));
    let drafts = forecasts(&ws, "short", DocumentStatus::Draft);
    let published = forecasts(&ws, "short", DocumentStatus::Published);
    assert!(drafts.len() <= 1);
    if outs[1].status.success() {
        // published: the computation is either what was published or the new draft
        assert!(!published.is_empty());
        if text(&outs[0].stderr).contains("was published by another run") {
            assert_eq!(drafts.len(), 1);
            assert!(drafts[0].id > published.last().unwrap().id);
        }
    } else {
        assert!(text(&outs[1].stderr).contains("published already"));
    }
}

#[test]
fn three_parallel_schedule_scenario_imports_left_several_configurations() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.wfm");
    ok(&ws, &["workspace", "create", "--interval", "30"]);
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml");
    let import: &[&str] = &["schedule", "scenario", "import", example.to_str().unwrap()];
    ok(&ws, import);
    for out in race(&ws, &[import, import, import]) {
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(documents(&ws, DocumentKind::ScheduleScenario).len(), 1);
}

#[test]
fn a_second_draft_of_a_forecast_is_refused_by_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let mut w = Workspace::open(&ws).unwrap();
    w.put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &1)
        .unwrap();
    let err = w
        .put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &2)
        .unwrap_err();
    assert!(
        matches!(&err, wfm::WfmError::Conflict { item }
            if item.kind == wfm::ItemKind::Document(DocumentKind::Forecast) && item.name == "long"),
        "{err}"
    );
}

// ---- item 7: every argument before anything is written ---------------------------------

#[test]
fn compute_both_with_19_weeks_replaced_the_long_term_draft() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let before = documents(&ws, DocumentKind::Forecast);
    let out = wfm(&ws)
        .args([
            "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "19",
        ])
        .assert()
        .code(2);
    let err = text(&out.get_output().stderr);
    assert!(err.contains("weeks 19"), "{err}");
    assert_eq!(documents(&ws, DocumentKind::Forecast), before);
}

// ---- item 8: values read back are checked like input -----------------------------------

/// A workspace with the sample's daily history only.
fn history_workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("h.wfm");
    ok(&ws, &["workspace", "create", "--interval", "30"]);
    ok(
        &ws,
        &["history", "import", sample("daily.csv").to_str().unwrap()],
    );
    ws
}

#[test]
fn a_negative_aht_in_a_history_chunk_was_exported_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    {
        let conn = Connection::open(&ws).unwrap();
        let (rowid, mut data): (i64, Vec<u8>) = conn
            .query_row(
                "SELECT rowid, data FROM history_chunk ORDER BY rowid LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let end = data.len();
        data[end - 8..].copy_from_slice(&(-42.5f64).to_le_bytes());
        conn.execute(
            "UPDATE history_chunk SET data = ?2 WHERE rowid = ?1",
            (rowid, data),
        )
        .unwrap();
    }
    let csv = dir.path().join("out.csv");
    let out = wfm(&ws)
        .args(["history", "export", "-o", csv.to_str().unwrap()])
        .assert()
        .failure();
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains("history_chunk") && err.contains("-42.5"),
        "{err}"
    );
    assert!(err.contains("wfm workspace check"), "{err}");
    assert!(!csv.exists());
    let out = wfm(&ws).args(["workspace", "check"]).assert().failure();
    let err = text(&out.get_output().stderr);
    assert!(err.contains("table history_chunk"), "{err}");
    assert!(err.contains("restore a backup"), "{err}");
}

#[test]
fn a_damaged_history_page_was_exported_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    let (root, page_size): (i64, i64) = {
        let conn = Connection::open(&ws).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'history_chunk'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    // the b-tree page header of the table's root: an invalid page type
    let mut bytes = std::fs::read(&ws).unwrap();
    let at = usize::try_from((root - 1) * page_size).unwrap();
    bytes[at..at + 8].copy_from_slice(&[0x77; 8]);
    std::fs::write(&ws, &bytes).unwrap();
    let csv = dir.path().join("out.csv");
    let out = wfm(&ws)
        .args(["history", "export", "-o", csv.to_str().unwrap()])
        .assert()
        .failure();
    let err = text(&out.get_output().stderr);
    assert!(err.contains("damaged"), "{err}");
    assert!(!csv.exists());
    let out = wfm(&ws).args(["workspace", "check"]).assert().failure();
    let err = text(&out.get_output().stderr);
    assert!(err.contains("history_chunk"), "{err}");
}

#[test]
fn a_healthy_workspace_passes_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let out = ok(&ws, &["workspace", "check"]);
    assert!(out.contains("no problems found"), "{out}");
}

// ---- item 9: foreign and older files ---------------------------------------------------

/// The bytes and modification time of `path`.
fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        std::fs::read(path).unwrap(),
        std::fs::metadata(path).unwrap().modified().unwrap(),
    )
}

#[test]
fn an_unrelated_sqlite_file_was_modified() {
    let dir = tempfile::tempdir().unwrap();
    for (name, setup) in [
        ("negative.db", "PRAGMA user_version = -3;"),
        ("small.db", "PRAGMA user_version = 2;"),
        ("zero.db", ""),
        (
            "other_app.db",
            "PRAGMA application_id = 42; PRAGMA user_version = 1;",
        ),
    ] {
        let path = dir.path().join(name);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('Ada'); {setup}"
        ))
        .unwrap();
        drop(conn);
        let before = snapshot(&path);
        for args in [
            &["history", "import", sample("daily.csv").to_str().unwrap()][..],
            &["groups", "create", "Sales", "--queues", "1001"],
            &["history", "list"],
            &["workspace", "upgrade"],
            &["workspace", "info"],
        ] {
            let out = wfm(&path).args(args).assert().code(2);
            let err = text(&out.get_output().stderr);
            assert!(
                err.contains("is not a wfm workspace"),
                "{name} {args:?}: {err}"
            );
        }
        assert!(snapshot(&path) == before, "{name} changed");
    }
}

/// Turns a current workspace into a faithful schema-2 one: migrations 3 and later undone.
fn make_version_2(ws: &Path) {
    let conn = Connection::open(ws).unwrap();
    conn.execute_batch(
        "DROP INDEX document_one_draft; DROP INDEX document_plan_name;
         DROP INDEX document_scenario_name; ALTER TABLE queue DROP COLUMN time_zone;
         DROP TABLE schedule_change;
         DROP TABLE adherence_exception; DROP TABLE adherence_day;
         DROP TABLE agent_event; DROP TABLE adherence_import;
         PRAGMA application_id = 0; PRAGMA user_version = 2;",
    )
    .unwrap();
}

#[test]
fn a_read_only_command_upgraded_an_older_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    make_version_2(&ws);
    let before = snapshot(&ws);
    for args in [
        &["history", "list"][..],
        &["workspace", "info"],
        &["forecast", "list"],
        &["queues", "list"],
    ] {
        let out = wfm(&ws).args(args).assert().code(2);
        let err = text(&out.get_output().stderr);
        assert!(err.contains("`wfm workspace upgrade`"), "{args:?}: {err}");
        assert!(snapshot(&ws) == before, "{args:?} changed the file");
    }
    // a writing command upgrades, after saying so
    let out = wfm(&ws)
        .args(["groups", "create", "Sales", "--queues", "1001"])
        .assert()
        .success();
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains("upgrading workspace") && err.contains("from schema version 2"),
        "{err}"
    );
    let conn = Connection::open(&ws).unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app.to_be_bytes(), *b"WFM1");
    drop(conn);
    ok(&ws, &["history", "list"]);
}

#[test]
fn workspace_upgrade_upgrades_an_older_workspace_explicitly() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    make_version_2(&ws);
    let out = ok(&ws, &["workspace", "upgrade"]);
    assert!(out.contains("from schema version 2"), "{out}");
    let out = ok(&ws, &["workspace", "upgrade"]);
    assert!(out.contains("already"), "{out}");
    ok(&ws, &["workspace", "check"]);
}

#[test]
fn a_newer_schema_is_refused_read_write() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    Connection::open(&ws)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = snapshot(&ws);
    for args in [
        &["groups", "create", "Sales", "--queues", "1001"][..],
        &["history", "list"],
        &["workspace", "upgrade"],
    ] {
        let out = wfm(&ws).args(args).assert().code(2);
        let err = text(&out.get_output().stderr);
        assert!(
            err.contains("schema version 99") && err.contains("upgrade wfm"),
            "{err}"
        );
    }
    assert!(snapshot(&ws) == before);
}

// ---- item 10: no panic on a stored value -----------------------------------------------

#[test]
fn workspace_info_panicked_on_a_stored_count_of_minus_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    ok(
        &ws,
        &["history", "import", sample("daily.csv").to_str().unwrap()],
    );
    Connection::open(&ws)
        .unwrap()
        .execute("UPDATE history_source SET rows = -1 WHERE id = 1", [])
        .unwrap();
    for args in [&["workspace", "info"][..], &["history", "list"]] {
        let out = wfm(&ws).args(args).assert().code(1);
        let err = text(&out.get_output().stderr);
        assert!(
            err.contains("history_source") && err.contains("-1"),
            "{err}"
        );
    }
    let out = wfm(&ws).args(["workspace", "check"]).assert().code(1);
    let err = text(&out.get_output().stderr);
    assert!(err.contains("table history_source"), "{err}");
}

#[test]
fn a_negative_chunk_count_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let ws = history_workspace(dir.path());
    Connection::open(&ws)
        .unwrap()
        .execute("UPDATE history_chunk SET n = -1", [])
        .unwrap();
    let csv = dir.path().join("out.csv");
    let out = wfm(&ws)
        .args(["history", "export", "-o", csv.to_str().unwrap()])
        .assert()
        .code(1);
    let err = text(&out.get_output().stderr);
    assert!(err.contains("history_chunk") && err.contains("-1"), "{err}");
}

#[test]
fn history_import_with_a_missing_second_file_loaded_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.wfm");
    ok(&ws, &["workspace", "create", "--interval", "30"]);
    let missing = dir.path().join("missing.csv");
    wfm(&ws)
        .args(["history", "import", sample("daily.csv").to_str().unwrap()])
        .arg(&missing)
        .assert()
        .failure();
    let w = Workspace::open_read_only(&ws).unwrap();
    assert!(w.sources().unwrap().is_empty());
}

#[test]
fn forecast_list_panicked_on_an_impossible_stored_step_count() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    let changed = Connection::open(&ws)
        .unwrap()
        .execute(
            "UPDATE document SET payload = CAST(json_set(CAST(payload AS TEXT), '$.steps', \
             4611686018427387904) AS BLOB) WHERE kind = 'forecast'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 2);
    ok(&ws, &["forecast", "list"]);
    ok(
        &ws,
        &[
            "forecast",
            "show",
            "--group",
            "Sales",
            "--kind",
            "long",
            "--published",
        ],
    );
}

#[test]
fn a_negative_stored_forecast_volume_reached_plans_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let ws = fixture(dir.path());
    Connection::open(&ws)
        .unwrap()
        .execute(
            "UPDATE document SET payload = CAST(json_set(CAST(payload AS TEXT), \
             '$.series[0].points[0].volume', -5.0) AS BLOB) \
             WHERE kind = 'forecast' AND name = 'long'",
            [],
        )
        .unwrap();
    let csv = dir.path().join("f.csv");
    let out = wfm(&ws)
        .args([
            "forecast",
            "export",
            "--group",
            "Sales",
            "--kind",
            "long",
            "--published",
        ])
        .args(["-o", csv.to_str().unwrap()])
        .assert()
        .code(1);
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains("table document") && err.contains("volume -5"),
        "{err}"
    );
    assert!(!csv.exists());
    let out = wfm(&ws).args(["workspace", "check"]).assert().code(1);
    let err = text(&out.get_output().stderr);
    assert!(
        err.contains("table document") && err.contains("volume -5"),
        "{err}"
    );
}
