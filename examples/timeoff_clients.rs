//! Benchmark (not a timed test): N concurrent clients making time-off requests for S
//! seconds against one workspace, on SQLite or on PostgreSQL (issue 24's evidence).
//!
//! Every client is a thread with its own workspace connection, making agent requests of
//! one hour in a random one of 30 allowance slots (Dec 14–18 2026, 08:00–14:00, 20 h
//! each) through `Workspace::time_off().request` — the whole workflow: the
//! configuration read, then in one store transaction the touched slots, the balance,
//! the rules, the deduction and the request stored. Afterwards it checks that nothing
//! was lost (every request a client saw succeed is stored, and no other) or over-granted
//! (no slot uses more than it holds, each slot's use is exactly what its approved
//! requests deducted, the ledger replays to the balances), and prints one line of JSON:
//! throughput, latency percentiles, outcomes, and the retries PostgreSQL needed.
//!
//! The workspace is an SQLite file or a PostgreSQL database (`Workspace::open("postgres://…")`),
//! everything in it on that backend; with `split`, the time-off tables are on PostgreSQL
//! and the rest in an SQLite file (`SplitStore`, the configuration read as on SQLite).
//!
//! ```text
//! cargo run --example timeoff_clients -- sqlite 100 60
//! cargo run --example timeoff_clients -- postgres 100 60 postgres://wfm@127.0.0.1:5432/empty_db
//! ```
//! (`benches/timeoff_clients/run.sh` runs both and prints them side by side.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use wfm::core::clock::FixedClock;
use wfm::scheduler::timeoff::{RequestStatus, replay};
use wfm::store::Actor;
use wfm::store::postgres::split::{SplitStore, retries};
use wfm::store::sqlite::SqliteStore;
use wfm::timeoff::{NewRequest, RequestFilter};
use wfm::{Result, Workspace};

const AGENTS: [&str; 7] = ["agent1", "ana", "ben", "carla", "dora", "agent2", "agent3"];
const DAYS: [u32; 5] = [14, 15, 16, 17, 18];
const HOURS: std::ops::Range<u32> = 8..14;
const SLOT_HOURS: u32 = 20;

/// Where the workspace lives.
#[derive(Clone)]
enum Backend {
    Sqlite,
    /// A PostgreSQL workspace (an empty database).
    Postgres(String),
    /// An SQLite file with the time-off tables on PostgreSQL.
    Split(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres(_) => "postgres",
            Self::Split(_) => "split",
        }
    }

    /// The workspace location: the file, or the database.
    fn location(&self, path: &Path) -> PathBuf {
        match self {
            Self::Postgres(url) => PathBuf::from(url),
            _ => path.to_owned(),
        }
    }
}

fn open(path: &Path, backend: &Backend) -> Result<Workspace> {
    let mut ws = match backend {
        Backend::Split(url) => {
            let store = SplitStore::new(Box::new(SqliteStore::open(path)?), url)?;
            Workspace::with_store(path, Box::new(store))
        }
        _ => Workspace::open(&backend.location(path))?,
    };
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    ws.set_clock(Arc::new(FixedClock::new(now)));
    ws.set_actor(Actor::new("bench"));
    Ok(ws)
}

/// The time-off example configuration, 10,000 h of balance per agent, the 30 slots.
fn setup(path: &Path, backend: &Backend) -> Result<(), Box<dyn std::error::Error>> {
    let location = backend.location(path);
    let mut ws = Workspace::create(&location, wfm::core::IntervalLength::Thirty, None)?;
    ws.create_group("Support", &["1001".parse()?])?;
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/timeoff_example.toml"),
    )?;
    ws.schedule_scenario()
        .import("timeoff_example.toml", &toml)?;
    drop(ws);
    let mut ws = open(path, backend)?;
    let mut balances = String::from("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n");
    for a in AGENTS {
        balances.push_str(&format!("{a},VACAY_SK,10000\n"));
    }
    ws.time_off().import_balances("balances.csv", &balances)?;
    let mut allowances = String::from(
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n",
    );
    for d in DAYS {
        for h in HOURS {
            allowances.push_str(&format!(
                "Support,VACAY_SK,2026-12-{d:02}T{h:02}:00:00,2026-12-{d:02}T{:02}:00:00,{SLOT_HOURS}\n",
                h + 1
            ));
        }
    }
    ws.time_off()
        .import_allowances("allowances.csv", &allowances)?;
    Ok(())
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    ids: Vec<i64>,
    errors: Vec<String>,
}

fn client(path: &Path, backend: &Backend, seed: u64, start: &Barrier, until: Duration) -> Seen {
    let mut seen = Seen::default();
    let mut ws = match open(path, backend) {
        Ok(ws) => ws,
        Err(e) => {
            seen.errors.push(e.to_string());
            start.wait();
            return seen;
        }
    };
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    start.wait();
    let began = Instant::now();
    while began.elapsed() < until {
        let (d, h) = (
            DAYS[next(DAYS.len())],
            HOURS.start + next(HOURS.len()) as u32,
        );
        let from = Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
        let new = NewRequest::range(
            AGENTS[next(AGENTS.len())],
            "VACAY_SK",
            from,
            from + chrono::Duration::hours(1),
        );
        let t0 = Instant::now();
        match ws.time_off().request(&new) {
            Ok(done) => {
                seen.latencies.push(t0.elapsed());
                seen.ids.push(done.request.id);
            }
            Err(e) => seen.errors.push(e.to_string()),
        }
    }
    seen
}

/// Nothing lost, nothing over-granted: the problems found (none: healthy).
fn verify(
    ws: &mut Workspace,
    ok_ids: &[i64],
) -> Result<(Vec<String>, HashMap<&'static str, usize>)> {
    let mut problems = Vec::new();
    let stored = ws.time_off().requests(&RequestFilter::default())?;
    let mut ids: Vec<i64> = stored.iter().map(|r| r.id).collect();
    let mut seen = ok_ids.to_vec();
    ids.sort_unstable();
    seen.sort_unstable();
    if ids != seen {
        problems.push(format!(
            "{} requests stored, {} seen succeed",
            ids.len(),
            seen.len()
        ));
    }
    let mut used: HashMap<_, i64> = HashMap::new();
    let mut outcomes: HashMap<&'static str, usize> = HashMap::new();
    for r in &stored {
        *outcomes.entry(r.status.as_str()).or_default() += 1;
        if r.status == RequestStatus::Approved {
            for (key, s) in &r.deducted.slots {
                *used.entry(key.clone()).or_default() += s;
            }
        }
    }
    for slot in ws.time_off().allowances(&[])? {
        let by_requests = used.get(&slot.key).copied().unwrap_or(0);
        if slot.used_seconds > slot.uploaded_seconds || slot.used_seconds != by_requests {
            problems.push(format!(
                "slot {}: holds {} s, uses {} s, approved requests deducted {by_requests} s",
                slot.key.start, slot.uploaded_seconds, slot.used_seconds
            ));
        }
    }
    let replayed = replay(&ws.time_off().ledger(None, None)?, None);
    for b in ws.time_off().balances(None)? {
        if replayed.get(&(b.agent.clone(), b.activity.clone())) != Some(&b.balance) {
            problems.push(format!(
                "balance of {} {} differs from its ledger",
                b.agent, b.activity
            ));
        }
    }
    Ok((problems, outcomes))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: timeoff_clients sqlite|postgres|split CLIENTS SECONDS [POSTGRES_URL]";
    let number =
        |i: usize, default: u64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (clients, seconds) = (number(1, 100) as usize, number(2, 60));
    let backend = match args.first().map(String::as_str) {
        Some("sqlite") => Backend::Sqlite,
        Some(kind @ ("postgres" | "split")) => {
            let url = args
                .get(3)
                .cloned()
                .or_else(wfm::store::postgres::testing::fresh_database)
                .expect(usage);
            if kind == "postgres" {
                Backend::Postgres(url)
            } else {
                Backend::Split(url)
            }
        }
        _ => panic!("{usage}"),
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.wfm");
    setup(&path, &backend)?;
    let start = Arc::new(Barrier::new(clients + 1));
    let until = Duration::from_secs(seconds);
    let (began, seen) = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|i| {
                let (path, backend, start) = (&path, &backend, start.clone());
                s.spawn(move || client(path, backend, i as u64 + 1, &start, until))
            })
            .collect();
        start.wait();
        let began = Instant::now();
        let seen: Vec<Seen> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect();
        (began, seen)
    });
    let elapsed = began.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = seen
        .iter()
        .flat_map(|s| s.latencies.iter().copied())
        .collect();
    latencies.sort_unstable();
    let ok_ids: Vec<i64> = seen.iter().flat_map(|s| s.ids.iter().copied()).collect();
    let errors: Vec<&String> = seen.iter().flat_map(|s| &s.errors).collect();
    let (problems, outcomes) = verify(&mut open(&path, &backend)?, &ok_ids)?;
    let report = serde_json::json!({
        "backend": backend.name(),
        "clients": clients,
        "seconds": elapsed,
        "requests": latencies.len(),
        "per_second": latencies.len() as f64 / elapsed,
        "p50_ms": percentile(&latencies, 0.50),
        "p99_ms": percentile(&latencies, 0.99),
        "max_ms": percentile(&latencies, 1.0),
        "outcomes": outcomes,
        "errors": errors.len(),
        "first_error": errors.first(),
        "retries": retries(),
        "lost_or_over_granted": problems,
    });
    println!("{report}");
    if !problems.is_empty() || !errors.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}
