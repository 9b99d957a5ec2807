//! Processes racing on one PostgreSQL workspace: several importing history at once
//! (every import complete, none partial), several editing one schedule with expected
//! versions (no lost update: each success has its own version, the log has them all,
//! the losers get `StaleVersion`), several publishing over one published schedule (one
//! publication stands, the rest get `Changed`). The workers are this test binary run
//! again on the hidden `race_worker` test. Figures (operations, conflicts, retries) are
//! printed. Needs the test cluster (`scripts/postgres.sh`); skipped without one.

use std::path::Path;
use std::process::{Command, Stdio};

use chrono::Utc;
use wfm::core::IntervalLength;
use wfm::store::WorkspaceStore;
use wfm::store::postgres::testing::fresh_database;
use wfm::store::postgres::{PgLocation, PostgresStore};
use wfm::store::{DocumentId, DocumentKind, DocumentStatus, NewDocument, NewScheduleChange};
use wfm::{WfmError, Workspace};

const WORKERS: usize = 6;
const QUEUES: usize = 6;

/// Runs `WORKERS` worker processes of `kind` on `url`; their stdout lines.
fn race(url: &str, kind: &str, seen: Option<DocumentId>) -> Vec<String> {
    let children: Vec<_> = (0..WORKERS)
        .map(|i| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "race_worker",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("WFM_PG_RACE_URL", url)
                .env("WFM_PG_RACE_KIND", kind)
                .env("WFM_PG_RACE_WORKER", i.to_string())
                .env("WFM_PG_RACE_SEEN", seen.map_or(0, |d| d.0).to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut lines = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "a worker failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // a worker's first line follows the harness's `test race_worker ... `
        lines.extend(
            stdout
                .lines()
                .filter_map(|l| l.find("RACE ").map(|i| l[i..].to_owned())),
        );
    }
    lines
}

/// The sum of the `RACE <key> <n>` figures.
fn total(lines: &[String], key: &str) -> u64 {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(&format!("RACE {key} ")))
        .map(|n| n.trim().parse::<u64>().unwrap())
        .sum()
}

/// A history CSV of every queue, in an order that depends on `worker` (so racing imports
/// register the same new queues in different orders), `days` days of 30-minute rows.
fn history_csv(worker: usize, days: i64) -> String {
    let mut csv = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let start = chrono::DateTime::parse_from_rfc3339("2024-07-01T00:00:00Z").unwrap();
    for slot in 0..days * 48 {
        let at = (start + chrono::Duration::minutes(30 * slot))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for k in 0..QUEUES {
            let q = (k + worker) % QUEUES;
            csv.push_str(&format!(
                "Queue {q},{},VOICE,{at},30mins,{},180,1\n",
                5000 + q,
                1 + q
            ));
        }
    }
    csv
}

const IMPORTS_PER_WORKER: usize = 3;
const DAYS: i64 = 7;

#[test]
fn racing_imports_are_each_stored_whole() {
    let Some(url) = fresh_database() else { return };
    Workspace::create(Path::new(&url), IntervalLength::Thirty, None).unwrap();
    let lines = race(&url, "import", None);
    let ws = Workspace::open(Path::new(&url)).unwrap();
    let sources = ws.sources().unwrap();
    let per_file = (DAYS * 48) as u64 * QUEUES as u64;
    assert_eq!(sources.len(), WORKERS * IMPORTS_PER_WORKER);
    assert!(sources.iter().all(|s| s.rows == per_file), "{sources:?}");
    let queues = ws.queues().unwrap();
    assert_eq!(queues.len(), QUEUES);
    assert!(queues.iter().all(|q| q.name.starts_with("Queue ")));
    assert!(ws.check().unwrap().is_empty());
    let records = ws.load_history(None).unwrap();
    assert_eq!(records.layers.effective_records().len() as u64, per_file);
    println!(
        "imports: {} operations by {WORKERS} processes, {} failed, {} rows stored",
        total(&lines, "ok"),
        total(&lines, "failed"),
        per_file * sources.len() as u64
    );
    assert_eq!(total(&lines, "failed"), 0);
}

fn schedule(ws: &mut dyn WorkspaceStore, name: &str) -> DocumentId {
    ws.put_document(&NewDocument::new(
        DocumentKind::Schedule,
        "Support",
        name,
        b"v0".to_vec(),
    ))
    .unwrap()
    .id
}

const EDITS_PER_WORKER: usize = 8;

#[test]
fn racing_edits_lose_no_update() {
    let Some(url) = fresh_database() else { return };
    let mut ws = Workspace::create(Path::new(&url), IntervalLength::Thirty, None).unwrap();
    let id = schedule(ws.backend_mut().unwrap(), "week 1");
    let lines = race(&url, "edit", None);
    let mut versions: Vec<u64> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("RACE version "))
        .map(|v| v.parse().unwrap())
        .collect();
    versions.sort_unstable();
    let n = versions.len();
    assert_eq!(n, WORKERS * EDITS_PER_WORKER, "every worker made its edits");
    versions.dedup();
    assert_eq!(
        versions.len(),
        n,
        "two successes had one version: a lost update"
    );
    assert_eq!(versions, (1..=n as u64).collect::<Vec<_>>());
    let log = ws.backend().unwrap().schedule_changes(id).unwrap();
    assert_eq!(log.len(), n);
    assert_eq!(
        ws.backend().unwrap().schedule_version(id).unwrap(),
        n as u64
    );
    // the content is the last edit's
    let last = log.last().unwrap();
    let (_, payload) = ws.backend().unwrap().document(id).unwrap();
    assert_eq!(String::from_utf8_lossy(&payload), last.description);
    println!(
        "edits: {n} committed by {WORKERS} processes, {} refused as stale (and made again), {} retried on serialization failures",
        total(&lines, "stale"),
        total(&lines, "retries")
    );
}

#[test]
fn racing_publications_leave_one() {
    let Some(url) = fresh_database() else { return };
    let mut ws = Workspace::create(Path::new(&url), IntervalLength::Thirty, None).unwrap();
    let old = schedule(ws.backend_mut().unwrap(), "week 1");
    ws.backend_mut().unwrap().publish_document(old).unwrap();
    for i in 0..WORKERS {
        schedule(ws.backend_mut().unwrap(), &format!("draft {i}"));
    }
    let lines = race(&url, "publish", Some(old));
    assert_eq!(total(&lines, "published"), 1);
    assert_eq!(total(&lines, "changed"), WORKERS as u64 - 1);
    let published: Vec<_> = ws
        .documents(DocumentKind::Schedule, None)
        .unwrap()
        .into_iter()
        .filter(|d| d.status == DocumentStatus::Published)
        .collect();
    assert_eq!(published.len(), 1);
    assert!(published[0].name.starts_with("draft "));
    assert!(
        ws.backend().unwrap().document(old).is_err(),
        "the replaced schedule is deleted"
    );
    println!(
        "publications: {WORKERS} racing, 1 published, {} refused as Changed, {} retried on serialization failures",
        total(&lines, "changed"),
        total(&lines, "retries")
    );
}

/// One worker process of the race tests above.
#[test]
#[ignore = "a worker process of the race tests, started by them"]
fn race_worker() {
    let url = std::env::var("WFM_PG_RACE_URL").expect("started by a race test");
    let worker: usize = std::env::var("WFM_PG_RACE_WORKER")
        .unwrap()
        .parse()
        .unwrap();
    match std::env::var("WFM_PG_RACE_KIND").unwrap().as_str() {
        "import" => import_worker(&url, worker),
        "edit" => edit_worker(&url, worker),
        _ => publish_worker(&url, worker),
    }
}

fn import_worker(url: &str, worker: usize) {
    let mut ws = Workspace::open(Path::new(url)).unwrap();
    let csv = history_csv(worker, DAYS);
    for i in 0..IMPORTS_PER_WORKER {
        match ws.import_history_text(&format!("w{worker}-{i}.csv"), csv.as_bytes(), None) {
            Ok(_) => println!("RACE ok 1"),
            Err(e) => {
                println!("RACE failed 1");
                eprintln!("{e}");
            }
        }
    }
}

fn edit_worker(url: &str, worker: usize) {
    let mut store = PostgresStore::open(&PgLocation::parse(url).unwrap()).unwrap();
    let id = store.documents(DocumentKind::Schedule, None).unwrap()[0].id;
    let mut stale = 0;
    for i in 0..EDITS_PER_WORKER {
        loop {
            let seen = store.schedule_version(id).unwrap();
            let text = format!("worker {worker} edit {i} on {seen}");
            let change = NewScheduleChange {
                expected_version: seen,
                actor: format!("worker {worker}"),
                at: Utc::now(),
                description: text.clone(),
                changes: "{}".into(),
                summary: text.clone(),
                payload: text.into_bytes(),
                records: Vec::new(),
            };
            match store.edit_schedule(id, &change) {
                Ok(done) => {
                    assert_eq!(done.version, seen + 1);
                    println!("RACE version {}", done.version);
                    break;
                }
                Err(WfmError::StaleVersion { .. }) => stale += 1,
                Err(e) => panic!("an edit failed otherwise: {e}"),
            }
        }
    }
    println!("RACE stale {stale}");
    println!("RACE retries {}", store.retries());
}

fn publish_worker(url: &str, worker: usize) {
    let mut store = PostgresStore::open(&PgLocation::parse(url).unwrap()).unwrap();
    let all = store.documents(DocumentKind::Schedule, None).unwrap();
    // every worker decided on the same state: the schedule published before the race
    let seen = [DocumentId(
        std::env::var("WFM_PG_RACE_SEEN").unwrap().parse().unwrap(),
    )];
    let mine = all
        .iter()
        .find(|d| d.name == format!("draft {worker}"))
        .unwrap()
        .id;
    match store.publish_replacing(mine, &seen, &seen) {
        Ok(_) => println!("RACE published 1"),
        Err(WfmError::Changed { .. }) => println!("RACE changed 1"),
        Err(e) => panic!("a publication failed otherwise: {e}"),
    }
    println!("RACE retries {}", store.retries());
}
