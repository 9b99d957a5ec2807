//! Criterion benches of time off: the allowance and balance CSV imports (parse and
//! validate, 1,000,000 rows each: the throughput is rows per second), and one
//! auto-approval decision with 10,000 agents and 13 months of hourly allowances — the
//! deduction from the agent's profile, then in one store transaction the touched slots,
//! the balance, the rules, the deduction written to the allowance and the ledger, and
//! the request stored.
//!
//! `cargo bench --bench timeoff`. Measured 2026-12-07 on the shared 2-core machine (load
//! 2.5–6) with `cargo bench --profile dev --bench timeoff --config
//! 'profile.dev.package.wfm-scheduler.opt-level=3'` (dependencies at the dev profile's
//! opt-level 1): allowance CSV 0.98 M rows/s, balance CSV 1.03 M rows/s, a decision with
//! the store 274 µs, the rules alone 1.07 µs. Plain `--profile dev`: 0.53 M / 0.42 M
//! rows/s, 428 µs (load 8–10).

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

fn allowance_text() -> String {
    let mut s = String::from(
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n",
    );
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    for i in 0..ROWS {
        // 110 groups × 13 months of hourly slots ≈ 1 M rows
        let t = start + Duration::hours((i % 9_000) as i64);
        let _ = writeln!(
            s,
            "G{},VACAY||SICK,{},{},4.5",
            i / 9_000,
            t.format("%Y-%m-%dT%H:%M:%S"),
            (t + Duration::hours(1)).format("%Y-%m-%dT%H:%M:%S")
        );
    }
    s
}

fn balance_text() -> String {
    let mut s = String::from("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n");
    for i in 0..ROWS {
        let _ = writeln!(s, "agent{},A{},{}.5", i / 10, i % 10, i % 200);
    }
    s
}

fn imports(c: &mut Criterion) {
    let mut g = c.benchmark_group("timeoff_import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    let text = allowance_text();
    let groups: HashSet<String> = (0..=ROWS / 9_000).map(|i| format!("G{i}")).collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap();
    g.bench_function("allowance_csv_1m_rows", |b| {
        b.iter(|| {
            let check = AllowanceCheck {
                now,
                groups: Some(&groups),
                activities: None,
            };
            rules::read_allowances(black_box(&text), "a.csv", &check).expect("valid")
        })
    });
    let text = balance_text();
    g.bench_function("balance_csv_1m_rows", |b| {
        b.iter(|| rules::read_balances(black_box(&text), "b.csv", None, None).expect("valid"))
    });
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
    ws.store_mut()
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
            ws.store_mut()
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

criterion_group!(benches, imports, decision, rules_only);
criterion_main!(benches);
