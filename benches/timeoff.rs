//! Criterion benches of time off: the allowance and balance CSV imports (1,000,000 rows
//! each: the throughput is rows per second) — parsing and validating only, and the whole
//! import into a fresh SQLite workspace (parse, validate, one store transaction) — and
//! one auto-approval decision with 10,000 agents and 13 months of hourly allowances — the
//! deduction from the agent's profile, then in one store transaction the touched slots,
//! the balance, the rules, the deduction written to the allowance and the ledger, and
//! the request stored.
//!
//! `cargo bench --profile dev --bench timeoff` (wfm-scheduler is at opt-level 3 in the
//! dev profile, the facade and dependencies at 1). Filter with a name, e.g.
//! `cargo bench --profile dev --bench timeoff -- import`. The whole balance import has
//! 793 agents × 250 activities (198,250 rows: a configuration's time-off agents are its
//! scheduling request's forecast group's, at most 800). With `WFM_TEST_POSTGRES` set
//! (`scripts/postgres.sh start`) the whole imports run on PostgreSQL too.
//!
//! Measured 2026-12-07 on the shared 2-core machine, wall-clock (criterion) and per
//! CPU-second: parse and validate (one thread's CPU), allowance CSV 3.40 M rows/s
//! (3.17 M/CPU-s), the same file out of time order 1.80 M/s (1.89 M/CPU-s), balance CSV
//! 3.72 M/s (3.53 M/CPU-s), load 1.5–6. The whole import into SQLite (the process's CPU,
//! both reading threads), at load 2.9–3.8: allowances 1.70 M rows/s (1.43 M/CPU-s),
//! balances 1.64 M rows/s (1.54 M/CPU-s); before the block store (load 5.7): 0.57 and
//! 0.21 M rows/s. The decision: 192 µs (load 5).

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wfm::Workspace;
use wfm::scheduler::model::StaffingGroup;
use wfm::scheduler::timeoff::{
    self as rules, AllowanceCheck, AllowanceKey, AllowanceSlot, Deducted, EntryKind, LedgerEntry,
    RequestStatus, Requester, RuleInput, TimeOffRequest,
};
use wfm::scheduler::{Scenario, Shift};

const ROWS: usize = 1_000_000;
const AGENTS: usize = 10_000;

/// Groups of the allowance file: 112 × 9,000 hourly slots (12.3 months) ≥ 1 M rows.
const SLOTS_PER_GROUP: usize = 9_000;

/// 1 M allowance rows of `activities`, each group's slots in time order (`ordered`) or
/// each group's hours of a day written from the last to the first (no slot repeats
/// either way; an unordered file takes the reader's slower check for repeats).
fn allowance_text(activities: &str, ordered: bool) -> String {
    let mut s = String::from(
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n",
    );
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    for i in 0..ROWS {
        let mut h = i % SLOTS_PER_GROUP;
        if !ordered {
            h = h / 24 * 24 + 23 - h % 24;
        }
        let t = start + Duration::hours(h as i64);
        let _ = writeln!(
            s,
            "G{},{activities},{},{},4.5",
            i / SLOTS_PER_GROUP,
            t.format("%Y-%m-%dT%H:%M:%S"),
            (t + Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S")
        );
    }
    s
}

/// Agents of the whole balance import: what one configuration holds (the time-off
/// agents are those of the scheduling request's forecast group, at most 800; the
/// example has 7), each with [`BALANCE_ACTIVITIES`] time-off activities.
const BALANCE_AGENTS: usize = 793;
/// Time-off activities of the whole balance import (at most 300 activities in all).
const BALANCE_ACTIVITIES: usize = 250;

/// `agents` × `activities` balance rows: agents b0, b1, …, activities A0, A1, ….
fn balance_text(agents: usize, activities: usize) -> String {
    let mut s = String::from("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n");
    for i in 0..agents * activities {
        let _ = writeln!(s, "b{},A{},{}.5", i / activities, i % activities, i % 200);
    }
    s
}

/// The process's time on a CPU, every thread's (`CLOCK_PROCESS_CPUTIME_ID`; zero where
/// the clock is missing): on a shared machine, rows per CPU-second is the figure that
/// other processes' load moves least, and it counts the second thread of a large
/// upload's reading too.
#[allow(unsafe_code, reason = "libc clock_gettime (see SAFETY)")]
fn cpu_time() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec for the call's duration.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Runs `f` as criterion's `iter` does (wall time measured), also summing the process's
/// CPU time; `report` prints rows per CPU-second after the bench.
#[derive(Default)]
struct CpuMeter {
    cpu: std::time::Duration,
    runs: u64,
}

impl CpuMeter {
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> (T, std::time::Duration) {
        let (wall, cpu) = (std::time::Instant::now(), cpu_time());
        let out = f();
        let elapsed = wall.elapsed();
        self.cpu += cpu_time().saturating_sub(cpu);
        self.runs += 1;
        (out, elapsed)
    }

    fn report(&self, name: &str, rows: usize) {
        if self.runs == 0 {
            return;
        }
        let per_run = self.cpu.as_secs_f64() / self.runs.max(1) as f64;
        eprintln!(
            "{name}: {:.3} CPU-s per run over {} runs = {:.2} M rows per CPU-second",
            per_run,
            self.runs,
            rows as f64 / per_run.max(f64::MIN_POSITIVE) / 1e6
        );
    }
}

fn allowance_groups() -> Vec<String> {
    (0..ROWS.div_ceil(SLOTS_PER_GROUP))
        .map(|i| format!("G{i}"))
        .collect()
}

fn imports(c: &mut Criterion) {
    let mut g = c.benchmark_group("timeoff_import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    let groups: HashSet<String> = allowance_groups().into_iter().collect();
    let activities: HashSet<String> = ["SICK".to_owned(), "VACAY".to_owned()].into();
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap();
    for (name, ordered) in [
        ("allowance_csv_1m_rows", true),
        ("allowance_csv_1m_rows_unordered", false),
    ] {
        let text = allowance_text("VACAY||SICK", ordered);
        let check = AllowanceCheck {
            now,
            groups: Some(&groups),
            activities: Some(&activities),
        };
        let mut meter = CpuMeter::default();
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut wall = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let (rows, took) = meter.time(|| {
                        rules::read_allowances(black_box(&text), "a.csv", &check).expect("valid")
                    });
                    wall += took;
                    drop(black_box(rows));
                }
                wall
            })
        });
        meter.report(name, ROWS);
    }
    let text = balance_text(ROWS / 10, 10);
    let mut meter = CpuMeter::default();
    g.bench_function("balance_csv_1m_rows", |b| {
        b.iter_custom(|iters| {
            let mut wall = std::time::Duration::ZERO;
            for _ in 0..iters {
                let (rows, took) = meter.time(|| {
                    rules::read_balances(black_box(&text), "b.csv", None, None).expect("valid")
                });
                wall += took;
                drop(black_box(rows));
            }
            wall
        })
    });
    meter.report("balance_csv_1m_rows", ROWS);
    g.finish();
}

/// The time-off example configuration as TOML, with time-off activities A0, A1, … (as
/// many as the balance file has) and `agents` more agents b0, b1, … in staffing groups
/// of 80 of the forecast group Support (the time-off agents are the scheduling
/// request's forecast group's).
fn example_toml(agents: usize) -> String {
    let mut toml = include_str!("../data/scenarios/timeoff_example.toml").to_owned();
    for a in 0..BALANCE_ACTIVITIES {
        let _ = write!(
            toml,
            "\n[[activities]]\nname = \"A{a}\"\nkind = \"time_off\"\nduration_minutes = 360\n\
             paid = true\nadherence = false\nagent_may_request = true\ndeduct_from_balance = true\n"
        );
    }
    for g in 0..agents.div_ceil(80) {
        let names: Vec<String> = (g * 80..((g + 1) * 80).min(agents))
            .map(|a| format!("\"b{a}\""))
            .collect();
        let _ = write!(
            toml,
            "\n[[staffing_groups]]\nname = \"bench {g}\"\nforecast_group = \"Support\"\n\
             profile = \"Day\"\nagents = [{}]\ntime_off_requests = true\n",
            names.join(", ")
        );
    }
    toml
}

/// A fresh workspace with the groups Support and G0..G111, the example configuration
/// with `agents` more agents (see [`example_toml`]), and now fixed at 2026-11-30: an
/// SQLite file, or a new PostgreSQL database (see [`Backend`]).
fn fresh_workspace(agents: usize, backend: Backend) -> (Workspace, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let at = match backend {
        Backend::Sqlite => dir.path().join("w.wfm"),
        Backend::Postgres => wfm::store::postgres::testing::fresh_database()
            .expect("WFM_TEST_POSTGRES")
            .into(),
    };
    let mut ws =
        Workspace::create(&at, wfm::core::IntervalLength::Thirty, None).expect("workspace");
    ws.create_group("Support", &["1001".parse().expect("queue")])
        .expect("group");
    for (i, g) in allowance_groups().iter().enumerate() {
        ws.create_group(g, &[(2000 + i).to_string().parse().expect("queue")])
            .expect("group");
    }
    ws.schedule_scenario()
        .import("bench.toml", &example_toml(agents))
        .expect("configuration");
    ws.set_clock(std::sync::Arc::new(wfm::core::clock::FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap(),
    )));
    (ws, dir)
}

/// Where the whole imports store.
#[derive(Debug, Clone, Copy)]
enum Backend {
    Sqlite,
    /// Only when `WFM_TEST_POSTGRES` names a server (`scripts/postgres.sh start`).
    Postgres,
}

/// The whole imports: parse, validate against the workspace's groups, agents and
/// activities, and store in one transaction, each into a fresh workspace (made outside
/// the timing): SQLite, and PostgreSQL when `WFM_TEST_POSTGRES` is set.
fn whole_imports(c: &mut Criterion) {
    whole_imports_on(c, Backend::Sqlite);
    if std::env::var_os("WFM_TEST_POSTGRES").is_some() {
        whole_imports_on(c, Backend::Postgres);
    }
}

fn whole_imports_on(c: &mut Criterion, backend: Backend) {
    let name = match backend {
        Backend::Sqlite => "timeoff_whole_import_sqlite",
        Backend::Postgres => "timeoff_whole_import_postgres",
    };
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    let text = allowance_text("SICK_SK||VACAY_SK", true);
    let mut meter = CpuMeter::default();
    g.bench_function("allowance_csv_1m_rows", |b| {
        b.iter_custom(|iters| {
            let mut wall = std::time::Duration::ZERO;
            for _ in 0..iters {
                let (mut ws, dir) = fresh_workspace(0, backend);
                let (done, took) = meter.time(|| {
                    ws.time_off()
                        .import_allowances("a.csv", black_box(&text))
                        .expect("imported")
                });
                assert_eq!(done.set, ROWS);
                wall += took;
                drop((ws, dir));
            }
            wall
        })
    });
    meter.report(&format!("{name} allowance_csv_1m_rows"), ROWS);
    let rows = BALANCE_AGENTS * BALANCE_ACTIVITIES;
    let text = balance_text(BALANCE_AGENTS, BALANCE_ACTIVITIES);
    g.throughput(Throughput::Elements(rows as u64));
    let mut meter = CpuMeter::default();
    g.bench_function("balance_csv_198k_rows", |b| {
        b.iter_custom(|iters| {
            let mut wall = std::time::Duration::ZERO;
            for _ in 0..iters {
                let (mut ws, dir) = fresh_workspace(BALANCE_AGENTS, backend);
                let (done, took) = meter.time(|| {
                    ws.time_off()
                        .import_balances("b.csv", black_box(&text))
                        .expect("imported")
                });
                assert_eq!(done, rows);
                wall += took;
                drop((ws, dir));
            }
            wall
        })
    });
    meter.report(&format!("{name} balance_csv_198k_rows"), rows);
    g.finish();
}

/// The time-off example configuration with 125 staffing groups of 80 agents.
fn big_scenario() -> Scenario {
    let text = include_str!("../data/scenarios/timeoff_example.toml");
    let mut config = Scenario::from_toml(text, "example")
        .expect("valid")
        .config()
        .clone();
    // at most 800 agents per forecast group: 13 groups of up to 10 staffing groups
    config.forecast_groups = std::iter::once("Support".to_owned())
        .chain((0..13).map(|g| format!("FG{g}")))
        .collect();
    config.staffing_groups = (0..AGENTS / 80)
        .map(|g| {
            let agents: Vec<String> = (0..80).map(|a| format!("agent{}", g * 80 + a)).collect();
            let names: Vec<&str> = agents.iter().map(String::as_str).collect();
            let fg = format!("FG{}", g / 10);
            let mut group = StaffingGroup::new(&format!("team {g}"), &fg, "Day", &names);
            group.time_off_requests = true;
            group
        })
        .collect();
    Scenario::new(config, "big").expect("valid")
}

fn decision(c: &mut Criterion) {
    let scenario = big_scenario();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws = Workspace::create(
        &dir.path().join("w.wfm"),
        wfm::core::IntervalLength::Thirty,
        None,
    )
    .expect("workspace");
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    // the raw store once: taking it writes an audit entry
    let backend = ws.backend_mut().expect("the raw store");
    backend
        .time_off_write(&mut |tx| {
            for h in 0..(395 * 24) {
                let key =
                    AllowanceKey::new("Support", "SICK_SK||VACAY_SK", start + Duration::hours(h));
                tx.put_allowance(&key, Some(100_000 * 3600))?;
            }
            for a in 0..AGENTS {
                tx.append_ledger(&LedgerEntry {
                    agent: format!("agent{a}"),
                    activity: "VACAY_SK".into(),
                    kind: EntryKind::Upload,
                    seconds: 1_000_000 * 3600,
                    at: start,
                    actor: "bench".into(),
                    reason: "bench".into(),
                    request: None,
                })?;
            }
            Ok(())
        })
        .expect("filled");
    let mut n = 0usize;
    c.bench_function("timeoff_auto_approval_10k_agents_13_months", |b| {
        b.iter(|| {
            n += 1;
            let agent = format!("agent{}", (n * 7919) % 8000);
            let day = start + Duration::days((n % 390) as i64);
            let (from, to) = (day + Duration::hours(9), day + Duration::hours(11));
            let deduction =
                rules::deduct_for_agent(&scenario, &agent, from, to, &|_| None::<Vec<Shift>>);
            backend
                .time_off_write(&mut |tx| {
                    let slots: Vec<_> = tx
                        .allowance_slots(Some("Support"), Some(from), Some(to))?
                        .into_iter()
                        .filter(|s| s.key.covers("VACAY_SK"))
                        .collect();
                    let touched = rules::touched(&deduction, &slots);
                    let balance = tx.balance(&agent, "VACAY_SK")?.net_seconds;
                    let eval = rules::evaluate(&RuleInput {
                        requested_by: Requester::Agent,
                        override_rules: false,
                        waitlist: false,
                        activity: "VACAY_SK",
                        touched: &touched,
                        balance: Some((deduction.seconds, balance)),
                        supervisor_approval: None,
                    });
                    assert_eq!(eval.status, RequestStatus::Approved);
                    for t in &touched {
                        tx.use_allowance(&t.slot.key, t.needed_seconds)?;
                    }
                    tx.append_ledger(&LedgerEntry {
                        agent: agent.clone(),
                        activity: "VACAY_SK".into(),
                        kind: EntryKind::Deduction,
                        seconds: -deduction.seconds,
                        at: from,
                        actor: "bench".into(),
                        reason: "bench".into(),
                        request: None,
                    })?;
                    tx.insert_request(&TimeOffRequest {
                        id: 0,
                        agent: agent.clone(),
                        staffing_group: "team".into(),
                        forecast_group: "Support".into(),
                        activity: "VACAY_SK".into(),
                        start: from,
                        end: to,
                        full_day: false,
                        reason: String::new(),
                        requested_by: Requester::Agent,
                        actor: "bench".into(),
                        override_rules: false,
                        waitlist: false,
                        status: eval.status,
                        failures: eval.failures.clone(),
                        deduction: deduction.clone(),
                        deducted: Deducted {
                            balance_seconds: deduction.seconds,
                            slots: touched
                                .iter()
                                .map(|t| (t.slot.key.clone(), t.needed_seconds))
                                .collect(),
                        },
                        created_at: from,
                        updated_at: from,
                        note: String::new(),
                    })?;
                    Ok(())
                })
                .expect("decided")
        })
    });
}

/// The rules alone (no store): the deduction from the profile, the touched slots found
/// in 13 months of hourly allowances held in memory, the evaluation.
fn rules_only(c: &mut Criterion) {
    let scenario = big_scenario();
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    let slots: Vec<AllowanceSlot> = (0..395 * 24)
        .map(|h| AllowanceSlot {
            key: AllowanceKey::new("Support", "SICK_SK||VACAY_SK", start + Duration::hours(h)),
            uploaded_seconds: 100 * 3600,
            used_seconds: 0,
        })
        .collect();
    let mut n = 0usize;
    c.bench_function(
        "timeoff_auto_approval_rules_only_10k_agents_13_months",
        |b| {
            b.iter(|| {
                n += 1;
                let agent = format!("agent{}", (n * 7919) % AGENTS);
                let day = start + Duration::days((n % 390) as i64);
                let (from, to) = (day + Duration::hours(9), day + Duration::hours(11));
                let deduction =
                    rules::deduct_for_agent(&scenario, &agent, from, to, &|_| None::<Vec<Shift>>);
                let lo = slots.partition_point(|s| s.key.end() <= from);
                let hi = slots.partition_point(|s| s.key.start < to);
                let touched = rules::touched(&deduction, &slots[lo..hi]);
                black_box(rules::evaluate(&RuleInput {
                    requested_by: Requester::Agent,
                    override_rules: false,
                    waitlist: false,
                    activity: "VACAY_SK",
                    touched: &touched,
                    balance: Some((deduction.seconds, 36_000)),
                    supervisor_approval: None,
                }))
            })
        },
    );
}

criterion_group!(benches, imports, whole_imports, decision, rules_only);
criterion_main!(benches);
