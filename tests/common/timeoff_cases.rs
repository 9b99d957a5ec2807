//! Time-off cases that hold on every backend, defined once: the helpers of the time-off
//! tests (the example configuration, 100 h of each balance, a fixed clock), the cases
//! as functions of a [`Backend`], and [`time_off_cases!`], which makes them tests of a
//! test binary (`tests/timeoff.rs` on SQLite, `tests/pgtx_timeoff.rs` on PostgreSQL).
//!
//! Included with `#[path = "common/timeoff_cases.rs"] mod timeoff_cases;` at the root of
//! the test binary (the macro names `timeoff_cases::…`), beside `common/backend.rs` as
//! `mod backend`.

#![allow(dead_code)] // each binary uses a part

use std::time::Instant;

use self::prelude::*;
use crate::backend::Backend;

/// The names the time-off tests use (`use timeoff_cases::prelude::*`): what
/// `tests/timeoff.rs` imported itself before its cases moved here, so tests added there
/// find them still.
pub mod prelude {
    #![allow(unused_imports)]
    pub use std::path::{Path, PathBuf};
    pub use std::process::{Command, Stdio};
    pub use std::sync::Arc;

    pub use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
    pub use wfm::core::clock::FixedClock;
    pub use wfm::scheduler::timeoff::{
        EntryKind, OfferedTo, RequestStatus, ResponseStatus, RuleFailure, SlotKind, TimeOffError,
    };
    pub use wfm::store::Actor;
    pub use wfm::timeoff::{Answer, NewOffer, NewRequest, RequestEdit, RequestFilter};
    pub use wfm::{WfmError, Workspace};
}

pub const ALLOWANCE_HEAD: &str =
    "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n";

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
}

pub fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap()
}

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

/// The workspace at `at` (a file or a `postgres://…` location), on the test clock, as
/// "sam".
pub fn open(at: &Path) -> (Workspace, Arc<FixedClock>) {
    let mut ws = Workspace::open(at).unwrap();
    let clock = Arc::new(FixedClock::new(now()));
    ws.set_clock(clock.clone());
    ws.set_actor(Actor::new("sam"));
    (ws, clock)
}

/// Creates the workspace `at` with the time-off example configuration and 100 h of each
/// balance.
pub fn configure(at: &Path) -> (Workspace, Arc<FixedClock>) {
    let mut ws = Workspace::create(at, wfm::core::IntervalLength::Thirty, None).unwrap();
    ws.create_group("Support", &["1001".parse().unwrap()])
        .unwrap();
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/timeoff_example.toml"),
    )
    .unwrap();
    ws.schedule_scenario()
        .import("timeoff_example.toml", &toml)
        .unwrap();
    drop(ws);
    let (mut ws, clock) = open(at);
    let mut b = String::from("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n");
    for a in ["agent1", "ana", "ben", "carla", "dora", "agent2", "agent3"] {
        b.push_str(&format!("{a},VACAY_SK,100\n{a},SICK_SK,100\n"));
    }
    ws.time_off().import_balances("b.csv", &b).unwrap();
    (ws, clock)
}

/// An SQLite workspace in `dir` with the time-off example configuration and 100 h of
/// each balance.
pub fn setup(dir: &Path) -> (Workspace, Arc<FixedClock>) {
    configure(&dir.join("w.wfm"))
}

impl Backend {
    /// The configured workspace ([`configure`]).
    pub fn setup(&self) -> (Workspace, Arc<FixedClock>) {
        configure(self.path())
    }
}

pub fn allowance(ws: &mut Workspace, rows: &str) {
    ws.time_off()
        .import_allowances("a.csv", &format!("{ALLOWANCE_HEAD}{rows}"))
        .unwrap();
}

pub fn request(
    ws: &mut Workspace,
    agent: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> wfm::scheduler::timeoff::TimeOffRequest {
    ws.time_off()
        .request(&NewRequest::range(agent, "VACAY_SK", from, to))
        .unwrap()
        .request
}

/// A full day of VACAY_SK for `agent` on December `d`.
pub fn day_off(ws: &mut Workspace, agent: &str, d: u32) -> wfm::timeoff::RequestOutcome {
    ws.time_off()
        .request(&NewRequest::full_days(agent, "VACAY_SK", day(d), day(d)))
        .unwrap()
}

/// How many approved requests an agent whose name holds `part` (in any case) has.
pub fn approved_of(ws: &mut Workspace, part: &str) -> usize {
    ws.time_off()
        .requests(&RequestFilter {
            agent: Some(part.into()),
            status: Some(RequestStatus::Approved),
            ..Default::default()
        })
        .unwrap()
        .len()
}

pub fn offer(ws: &mut Workspace, slots: u32, to: OfferedTo) -> i64 {
    ws.time_off()
        .open_slots(&NewOffer {
            kind: SlotKind::Overtime,
            start: t(15, 14, 0),
            end: t(15, 16, 0),
            activity: "Phones".into(),
            reason: "hot afternoon".into(),
            slots,
            offered_to: to,
        })
        .unwrap()
        .id
}

/// Makes the named cases tests of this binary on `$backend` (an `Option<Backend>`, made
/// anew for each test), each under its case's name, and the hidden `race_worker` that
/// the race cases start.
macro_rules! time_off_cases {
    ($backend:expr; $($case:ident),+ $(,)?) => {
        $(
            #[test]
            fn $case() {
                if let Some(backend) = $backend {
                    timeoff_cases::$case(&backend);
                }
            }
        )+

        /// One worker of a race (started by the race cases): 25 requests for the one
        /// slot, or 25 acceptances of the one offer.
        #[test]
        #[ignore = "a worker process of the race tests, started by them"]
        fn race_worker() {
            timeoff_cases::race_worker();
        }
    };
}
pub(crate) use time_off_cases;

pub fn the_download_shows_4_4_uploaded_and_2_4_remaining_after_2_hours_used(b: &Backend) {
    let (mut ws, _) = b.setup();
    allowance(
        &mut ws,
        "Support,VACAY_SK||SICK_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,4.4\n",
    );
    for a in ["agent1", "ana"] {
        assert_eq!(
            request(&mut ws, a, t(15, 9, 0), t(15, 10, 0)).status,
            RequestStatus::Approved
        );
    }
    let slots = ws.time_off().allowances(&["Support".into()]).unwrap();
    let csv = wfm::timeoff::allowance_csv(&slots);
    assert_eq!(
        csv,
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,LAST_UPLOADED_GROUP_ALLOWANCE_IN_HOURS,GROUP_ALLOWANCE_IN_HOURS\n\
         Support,SICK_SK||VACAY_SK,2026-12-15T09:00:00Z,2026-12-15T10:00:00Z,4.4,2.4\n"
    );
}

pub fn the_ledger_explains_every_balance_and_replays_as_of_any_date(b: &Backend) {
    let (mut ws, clock) = b.setup();
    clock.advance(Duration::days(1));
    let r = day_off(&mut ws, "agent1", 15).request;
    assert_eq!(r.deducted.balance_seconds, 5 * 3600 + 1800);
    clock.advance(Duration::days(1));
    ws.time_off()
        .adjust_balance("agent1", "VACAY_SK", -3600, "correction")
        .unwrap();
    let ledger = ws.time_off().ledger(Some("agent1"), None).unwrap();
    let kinds: Vec<_> = ledger
        .iter()
        .filter(|e| e.activity == "VACAY_SK")
        .map(|e| (e.kind, e.seconds))
        .collect();
    assert_eq!(
        kinds,
        [
            (EntryKind::Upload, 360_000),
            (EntryKind::Deduction, -19_800),
            (EntryKind::Adjustment, -3600)
        ]
    );
    assert!(ledger.iter().all(|e| e.actor == "sam"));
    let mut net = |as_of| {
        ws.time_off()
            .balances(as_of)
            .unwrap()
            .into_iter()
            .find(|b| b.agent == "agent1" && b.activity == "VACAY_SK")
            .unwrap()
            .balance
    };
    assert_eq!(net(Some(now())).net_seconds, 360_000);
    assert_eq!(net(Some(now() + Duration::days(1))).net_seconds, 340_200);
    let b = net(None);
    assert_eq!((b.last_uploaded_seconds, b.net_seconds), (360_000, 336_600));
}

pub fn cancel_and_edit_give_back_exactly_what_was_deducted_and_the_waitlist_goes_first_come_first_served(
    b: &Backend,
) {
    let (mut ws, clock) = b.setup();
    allowance(
        &mut ws,
        "Support,VACAY_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,1\n",
    );
    let first = request(&mut ws, "ana", t(15, 9, 0), t(15, 10, 0));
    assert_eq!(first.status, RequestStatus::Approved);
    let mut waiting = Vec::new();
    for a in ["carla", "ben"] {
        clock.advance(Duration::minutes(5));
        let mut new = NewRequest::range(a, "VACAY_SK", t(15, 9, 0), t(15, 10, 0));
        new.waitlist = true;
        let r = ws.time_off().request(&new).unwrap().request;
        assert_eq!(r.status, RequestStatus::Waitlisted);
        assert!(
            r.failures[0]
                .to_string()
                .contains("lacks 1 h: needs 1 h, 0 h left"),
            "{}",
            r.failures[0]
        );
        waiting.push(r.id);
    }
    let done = ws.time_off().cancel(first.id, "plans changed").unwrap();
    assert_eq!(done.request.status, RequestStatus::Cancelled);
    assert_eq!(
        done.promoted
            .iter()
            .map(|r| r.agent.as_str())
            .collect::<Vec<_>>(),
        ["carla"]
    );
    assert_eq!(
        done.schedule_changes.len(),
        2,
        "ana's time off out, carla's in"
    );
    let status = |ws: &mut Workspace, id| {
        ws.time_off()
            .requests(&RequestFilter::default())
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
            .status
    };
    assert_eq!(status(&mut ws, waiting[1]), RequestStatus::Waitlisted);
    // ana's balance is whole again; the allowance is carla's hour only
    let bal = |ws: &mut Workspace, a: &str| {
        ws.time_off()
            .balances(None)
            .unwrap()
            .into_iter()
            .find(|b| b.agent == a && b.activity == "VACAY_SK")
            .unwrap()
            .balance
            .net_seconds
    };
    assert_eq!(bal(&mut ws, "ana"), 360_000);
    assert_eq!(ws.time_off().allowances(&[]).unwrap()[0].used_seconds, 3600);
    // editing carla's request away from the slot re-credits it and lets ben in
    let edit = RequestEdit {
        start: Some(t(16, 9, 0)),
        end: Some(t(16, 10, 0)),
        ..Default::default()
    };
    let done = ws.time_off().edit(waiting[0], &edit).unwrap();
    assert_eq!(done.request.status, RequestStatus::Approved);
    assert_eq!(done.promoted[0].agent, "ben");
    assert_eq!(bal(&mut ws, "carla"), 360_000 - 3600);
    // the filter finds ben's approved request by part of the name, in any case
    assert_eq!(approved_of(&mut ws, "BE"), 1);
}

pub fn overtime_slots_go_first_come_first_served_and_supervisors_override(b: &Backend) {
    let (mut ws, _) = b.setup();
    let id = offer(&mut ws, 2, OfferedTo::Group("Day team".into()));
    let mut answer = |agent: &str, a| ws.time_off().answer(id, agent, a);
    let ana = answer("ana", Answer::Accept).unwrap();
    assert_eq!(ana.response.status, ResponseStatus::Accepted);
    let ben = answer("ben", Answer::Accept).unwrap();
    assert_eq!(ben.response.status, ResponseStatus::Accepted);
    assert_eq!(ben.schedule_changes[0].start, t(15, 14, 0));
    // first come first served, then a supervisor's force-deny and override
    for (agent, a, status) in [
        ("carla", Answer::Accept, ResponseStatus::Full),
        ("ana", Answer::Decline, ResponseStatus::Declined),
        ("carla", Answer::Accept, ResponseStatus::Accepted),
        ("ben", Answer::ForceDeny, ResponseStatus::ForceDenied),
        ("ben", Answer::Accept, ResponseStatus::ForceDenied),
        ("agent1", Answer::Override, ResponseStatus::Accepted),
    ] {
        let got = answer(agent, a).unwrap().response.status;
        assert_eq!(got, status, "{agent} {a:?}");
    }
    let e = answer("dora", Answer::Accept).unwrap_err();
    assert!(
        matches!(e, WfmError::TimeOff(TimeOffError::NotOffered { .. })),
        "{e}"
    );
    let offers = ws.time_off().offers().unwrap();
    assert_eq!(offers[0].accepted(), 2);
}

// ---- the races --------------------------------------------------------------------

pub const WORKERS: usize = 8;
pub const PER_WORKER: usize = 25;
pub const DAY_TEAM: [&str; 4] = ["agent1", "ana", "ben", "carla"];
pub const EVERYONE: [&str; 7] = ["agent1", "ana", "ben", "carla", "dora", "agent2", "agent3"];

/// Runs this test binary's `race_worker` in `WORKERS` processes at once on the
/// workspace `at`; returns the PostgreSQL retries they reported (0 on SQLite).
pub fn race(at: &Path, kind: &str) -> u64 {
    let started = Instant::now();
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
                .env("WFM_RACE_WS", at)
                .env("WFM_RACE_KIND", kind)
                .env("WFM_RACE_WORKER", i.to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut retried = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        retried += stdout
            .lines()
            .find_map(|l| l.split("race retries: ").nth(1))
            .and_then(|n| n.split_whitespace().next()?.parse::<u64>().ok())
            .expect("the worker reports its retries");
    }
    eprintln!(
        "{kind} race: {} operations from {WORKERS} processes in {:.2} s, {retried} retries",
        WORKERS * PER_WORKER,
        started.elapsed().as_secs_f64()
    );
    retried
}

/// The body of the hidden `race_worker` test: 25 requests for the one slot, or 25
/// acceptances of the one offer, on the workspace `WFM_RACE_WS`.
pub fn race_worker() {
    let at = PathBuf::from(std::env::var("WFM_RACE_WS").expect("started by a race test"));
    let worker: usize = std::env::var("WFM_RACE_WORKER").unwrap().parse().unwrap();
    let (mut ws, _) = open(&at);
    for i in 0..PER_WORKER {
        if std::env::var("WFM_RACE_KIND").unwrap() == "request" {
            let agent = DAY_TEAM[(worker + i) % DAY_TEAM.len()];
            let mut new = NewRequest::range(agent, "VACAY_SK", t(15, 9, 0), t(15, 10, 0));
            new.waitlist = i % 2 == 0;
            ws.time_off().request(&new).unwrap();
        } else {
            let agent = EVERYONE[(worker * PER_WORKER + i) % EVERYONE.len()];
            ws.time_off().answer(1, agent, Answer::Accept).unwrap();
        }
    }
    println!(
        "\nrace retries: {} (of this worker)",
        wfm::store::postgres::split::retries()
    );
}

pub fn two_hundred_requests_from_8_processes_never_overdraw_one_slot_and_the_ledger_sums_to_the_balances(
    b: &Backend,
) {
    let (mut ws, _) = b.setup();
    allowance(
        &mut ws,
        "Support,VACAY_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,5\n",
    );
    drop(ws);
    race(b.path(), "request");
    let (mut ws, _) = open(b.path());
    let all = ws.time_off().requests(&RequestFilter::default()).unwrap();
    assert_eq!(all.len(), WORKERS * PER_WORKER, "no request lost");
    let count = |s| all.iter().filter(|r| r.status == s).count();
    assert_eq!(count(RequestStatus::Approved), 5);
    assert_eq!(
        count(RequestStatus::Denied) + count(RequestStatus::Waitlisted),
        195
    );
    let slot = &ws.time_off().allowances(&[]).unwrap()[0];
    assert_eq!((slot.used_seconds, slot.remaining_seconds()), (5 * 3600, 0));
    let ledger = ws.time_off().ledger(None, None).unwrap();
    let replayed = wfm::scheduler::timeoff::replay(&ledger, None);
    let stored = ws.time_off().balances(None).unwrap();
    assert_eq!(stored.len(), replayed.len());
    for b in &stored {
        assert_eq!(replayed[&(b.agent.clone(), b.activity.clone())], b.balance);
    }
    let deducted: i64 = ledger
        .iter()
        .filter(|e| e.kind == EntryKind::Deduction)
        .map(|e| -e.seconds)
        .sum();
    assert_eq!(deducted, 5 * 3600);
}

pub fn two_hundred_acceptances_from_8_processes_fill_exactly_the_offered_slots(b: &Backend) {
    let (mut ws, _) = b.setup();
    let id = offer(
        &mut ws,
        3,
        OfferedTo::Agents(EVERYONE.iter().map(|a| (*a).to_owned()).collect()),
    );
    assert_eq!(id, 1);
    drop(ws);
    race(b.path(), "offer");
    let (mut ws, _) = open(b.path());
    let o = &ws.time_off().offers().unwrap()[0];
    let full = o
        .responses
        .iter()
        .filter(|r| r.status == ResponseStatus::Full)
        .count();
    assert_eq!((o.accepted(), full), (3, EVERYONE.len() - 3));
}
