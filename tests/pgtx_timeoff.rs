//! Time off and overtime on PostgreSQL (issue 24 item 5, issue 22 item 7): the workflow of
//! `Workspace::time_off` on a PostgreSQL workspace (`Workspace::open("postgres://…")`):
//! the allowance example, the ledger, cancel/edit and the
//! waitlist, overtime first come first served — and the races: 200 requests from 8
//! processes for one allowance slot, 200 acceptances of one overtime offer. Skipped,
//! saying so, without a test cluster (`scripts/postgres.sh`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use wfm::core::clock::FixedClock;
use wfm::scheduler::timeoff::{EntryKind, OfferedTo, RequestStatus, ResponseStatus, SlotKind};
use wfm::store::Actor;
use wfm::store::postgres::split::retries;
use wfm::store::postgres::testing::fresh_database;
use wfm::timeoff::{Answer, NewOffer, NewRequest, RequestEdit, RequestFilter};
use wfm::{WfmError, Workspace};

const ALLOWANCE_HEAD: &str =
    "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
}

fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

/// The PostgreSQL workspace `url`, on the test clock, as "sam".
fn open(url: &str) -> (Workspace, Arc<FixedClock>) {
    let mut ws = Workspace::open(Path::new(url)).unwrap();
    let clock = Arc::new(FixedClock::new(now()));
    ws.set_clock(clock.clone());
    ws.set_actor(Actor::new("sam"));
    (ws, clock)
}

/// A PostgreSQL workspace (a fresh database) with the time-off example configuration and
/// 100 h of each balance; `None` without a test cluster.
fn setup() -> Option<(Workspace, Arc<FixedClock>, String)> {
    let url = fresh_database()?;
    let mut ws =
        Workspace::create(Path::new(&url), wfm::core::IntervalLength::Thirty, None).unwrap();
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
    let (mut ws, clock) = open(&url);
    let mut b = String::from("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n");
    for a in ["agent1", "ana", "ben", "carla", "dora", "agent2", "agent3"] {
        b.push_str(&format!("{a},VACAY_SK,100\n{a},SICK_SK,100\n"));
    }
    ws.time_off().import_balances("b.csv", &b).unwrap();
    Some((ws, clock, url))
}

fn allowance(ws: &mut Workspace, rows: &str) {
    ws.time_off()
        .import_allowances("a.csv", &format!("{ALLOWANCE_HEAD}{rows}"))
        .unwrap();
}

fn request(
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

#[test]
fn the_download_shows_4_4_uploaded_and_2_4_remaining_after_2_hours_used() {
    let Some((mut ws, _, _)) = setup() else {
        return;
    };
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
    assert_eq!(
        wfm::timeoff::allowance_csv(&slots),
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,LAST_UPLOADED_GROUP_ALLOWANCE_IN_HOURS,GROUP_ALLOWANCE_IN_HOURS\n\
         Support,SICK_SK||VACAY_SK,2026-12-15T09:00:00Z,2026-12-15T10:00:00Z,4.4,2.4\n"
    );
}

#[test]
fn the_ledger_explains_every_balance_and_replays_as_of_any_date() {
    let Some((mut ws, clock, _)) = setup() else {
        return;
    };
    clock.advance(Duration::days(1));
    let r = ws
        .time_off()
        .request(&NewRequest::full_days(
            "agent1",
            "VACAY_SK",
            day(15),
            day(15),
        ))
        .unwrap()
        .request;
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

#[test]
fn cancel_and_edit_give_back_exactly_what_was_deducted_and_the_waitlist_goes_first_come_first_served()
 {
    let Some((mut ws, clock, _)) = setup() else {
        return;
    };
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
        waiting.push(r.id);
    }
    let done = ws.time_off().cancel(first.id, "plans changed").unwrap();
    assert_eq!(done.request.status, RequestStatus::Cancelled);
    let promoted: Vec<&str> = done.promoted.iter().map(|r| r.agent.as_str()).collect();
    assert_eq!(promoted, ["carla"]);
    let net = |ws: &mut Workspace, a: &str| {
        ws.time_off()
            .balances(None)
            .unwrap()
            .into_iter()
            .find(|b| b.agent == a && b.activity == "VACAY_SK")
            .unwrap()
            .balance
            .net_seconds
    };
    assert_eq!(net(&mut ws, "ana"), 360_000);
    assert_eq!(ws.time_off().allowances(&[]).unwrap()[0].used_seconds, 3600);
    let edit = RequestEdit {
        start: Some(t(16, 9, 0)),
        end: Some(t(16, 10, 0)),
        ..Default::default()
    };
    let done = ws.time_off().edit(waiting[0], &edit).unwrap();
    assert_eq!(done.request.status, RequestStatus::Approved);
    assert_eq!(done.promoted[0].agent, "ben");
    assert_eq!(net(&mut ws, "carla"), 360_000 - 3600);
    let found = ws
        .time_off()
        .requests(&RequestFilter {
            agent: Some("BE".into()),
            status: Some(RequestStatus::Approved),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

fn offer(ws: &mut Workspace, slots: u32, to: OfferedTo) -> i64 {
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

#[test]
fn overtime_slots_go_first_come_first_served_and_supervisors_override() {
    let Some((mut ws, _, _)) = setup() else {
        return;
    };
    let id = offer(&mut ws, 2, OfferedTo::Group("Day team".into()));
    let mut answer = |agent: &str, a| ws.time_off().answer(id, agent, a).unwrap().response.status;
    assert_eq!(answer("ana", Answer::Accept), ResponseStatus::Accepted);
    assert_eq!(answer("ben", Answer::Accept), ResponseStatus::Accepted);
    assert_eq!(answer("carla", Answer::Accept), ResponseStatus::Full);
    assert_eq!(answer("ana", Answer::Decline), ResponseStatus::Declined);
    assert_eq!(answer("carla", Answer::Accept), ResponseStatus::Accepted);
    assert_eq!(
        answer("ben", Answer::ForceDeny),
        ResponseStatus::ForceDenied
    );
    assert_eq!(answer("ben", Answer::Accept), ResponseStatus::ForceDenied);
    assert_eq!(answer("agent1", Answer::Override), ResponseStatus::Accepted);
    let e = ws
        .time_off()
        .answer(id, "dora", Answer::Accept)
        .unwrap_err();
    assert!(matches!(e, WfmError::TimeOff(_)), "{e}");
    assert_eq!(ws.time_off().offers().unwrap()[0].accepted(), 2);
}

// ---- the races --------------------------------------------------------------------

const WORKERS: usize = 8;
const PER_WORKER: usize = 25;
const DAY_TEAM: [&str; 4] = ["agent1", "ana", "ben", "carla"];
const EVERYONE: [&str; 7] = ["agent1", "ana", "ben", "carla", "dora", "agent2", "agent3"];

/// Runs this test binary's [`race_worker`] in `WORKERS` processes at once; returns the
/// retries they reported.
fn race(url: &str, kind: &str) -> u64 {
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
                .env("WFM_RACE_PG", url)
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
        "{kind} race on PostgreSQL: {} operations from {WORKERS} processes in {:.2} s, {retried} retries",
        WORKERS * PER_WORKER,
        started.elapsed().as_secs_f64()
    );
    retried
}

/// One worker of a race (started by [`race`]): 25 requests for the one slot, or 25
/// acceptances of the one offer.
#[test]
#[ignore = "a worker process of the race tests, started by them"]
fn race_worker() {
    let url = std::env::var("WFM_RACE_PG").expect("started by a race test");
    let worker: usize = std::env::var("WFM_RACE_WORKER").unwrap().parse().unwrap();
    let (mut ws, _) = open(&url);
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
    println!("\nrace retries: {} (of this worker)", retries());
}

#[test]
fn two_hundred_requests_from_8_processes_never_overdraw_one_slot_and_the_ledger_sums_to_the_balances()
 {
    let Some((mut ws, _, url)) = setup() else {
        return;
    };
    allowance(
        &mut ws,
        "Support,VACAY_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,5\n",
    );
    drop(ws);
    race(&url, "request");
    let (mut ws, _) = open(&url);
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

#[test]
fn two_hundred_acceptances_from_8_processes_fill_exactly_the_offered_slots() {
    let Some((mut ws, _, url)) = setup() else {
        return;
    };
    let id = offer(
        &mut ws,
        3,
        OfferedTo::Agents(EVERYONE.iter().map(|a| (*a).to_owned()).collect()),
    );
    assert_eq!(id, 1);
    drop(ws);
    race(&url, "offer");
    let (mut ws, _) = open(&url);
    let o = &ws.time_off().offers().unwrap()[0];
    let full = o
        .responses
        .iter()
        .filter(|r| r.status == ResponseStatus::Full)
        .count();
    assert_eq!((o.accepted(), full), (3, EVERYONE.len() - 3));
}

/// Regression (issue 24, pgtx): `TimeOffTx::edit_schedule` on PostgreSQL — an approved
/// request goes into the published schedule in the decision's transaction (a new version,
/// an edit-log line, one outbox record), and a cancel takes it out again, as on SQLite.
#[test]
fn an_approved_request_goes_into_a_schedule_published_on_postgresql_and_a_cancel_takes_it_out() {
    let Some((mut ws, _clock, _url)) = setup() else {
        return;
    };
    let id = wfm::timeoff::example::publish_week(&mut ws).unwrap();
    let cursor = ws.schedules().changes_since(0, 1000).unwrap().next;
    let shift = |ws: &mut Workspace| {
        let (_, s) = ws.schedules().get(id).unwrap();
        let a = s
            .schedule
            .agents
            .iter()
            .find(|a| a.agent == "agent1")
            .unwrap();
        a.shifts.iter().find(|s| s.date == day(15)).unwrap().clone()
    };
    let before = shift(&mut ws);
    let done = ws
        .time_off()
        .request(&NewRequest::full_days(
            "agent1",
            "VACAY_SK",
            day(15),
            day(15),
        ))
        .unwrap();
    assert_eq!(done.request.status, RequestStatus::Approved);
    assert_eq!(done.schedule.len(), 1, "{:?}", done.schedule);
    assert_eq!(
        (done.schedule[0].schedule, done.schedule[0].version),
        (id, 1)
    );
    let placed = shift(&mut ws);
    assert!(
        placed.activities.iter().any(|p| p.activity == "VACAY_SK"),
        "{:?}",
        placed.activities
    );
    assert_eq!(ws.schedules().version(id).unwrap(), 1);
    assert_eq!(ws.schedules().edit_log(id).unwrap().len(), 1);
    let page = ws.schedules().changes_since(cursor, 100).unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].agent, "agent1");

    ws.time_off()
        .cancel(done.request.id, "plans changed")
        .unwrap();
    assert_eq!(shift(&mut ws), before);
    assert_eq!(ws.schedules().version(id).unwrap(), 2);
}
