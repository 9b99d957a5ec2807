//! Time off, overtime and VTO on a workspace (issue 22): allowances (the 4.4 → 2.4
//! example, 0 blocks), the balance ledger, requests and their rules with numbers, the
//! waitlist, cancel and edit re-crediting exactly, 13 months ahead and requests in the
//! past on a fixed clock, bad input refused with nothing changed, overtime/VTO offers
//! first come first served — and the races: 8 processes, 200 requests, one slot; and
//! (`schedule`) all of it into the published schedule.

#[path = "timeoff/schedule.rs"]
mod schedule;

#[path = "common/backend.rs"]
mod backend;
#[path = "common/timeoff_cases.rs"]
mod timeoff_cases;

use timeoff_cases::prelude::*;
use timeoff_cases::*;

// the cases that hold on every backend (PostgreSQL: tests/pgtx_timeoff.rs)
time_off_cases!(Some(backend::Backend::sqlite());
    the_download_shows_4_4_uploaded_and_2_4_remaining_after_2_hours_used,
    the_ledger_explains_every_balance_and_replays_as_of_any_date,
    cancel_and_edit_give_back_exactly_what_was_deducted_and_the_waitlist_goes_first_come_first_served,
    overtime_slots_go_first_come_first_served_and_supervisors_override,
    two_hundred_requests_from_8_processes_never_overdraw_one_slot_and_the_ledger_sums_to_the_balances,
);

#[test]
fn a_zero_slot_denies_and_an_upload_changes_only_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    // Dec 20 09:00–21:00 up to 12 h of emergency + regular leave; Dec 22 value 0
    let mut rows = String::new();
    for h in 9..21 {
        rows.push_str(&format!(
            "Support,SICK_SK||VACAY_SK,2026-12-20T{h:02}:00:00,2026-12-20T{:02}:00:00,12\n",
            h + 1
        ));
    }
    rows.push_str("Support,VACAY_SK,2026-12-22T09:00:00,2026-12-22T10:00:00,0\n");
    allowance(&mut ws, &rows);
    let r = request(&mut ws, "agent1", t(22, 9, 0), t(22, 10, 0));
    assert_eq!(r.status, RequestStatus::Denied);
    assert!(
        matches!(&r.failures[..], [RuleFailure::AllowanceBlocked { slot }] if slot.start == t(22, 9, 0))
    );
    // a second upload holding only Dec 22 leaves Dec 20 as it was
    allowance(
        &mut ws,
        "Support,VACAY_SK,2026-12-22T09:00:00,2026-12-22T10:00:00,1\n",
    );
    let slots = ws.time_off().allowances(&[]).unwrap();
    assert_eq!(slots.len(), 13);
    assert_eq!(
        slots
            .iter()
            .filter(|s| s.uploaded_seconds == 12 * 3600)
            .count(),
        12
    );
    assert_eq!(
        request(&mut ws, "agent1", t(22, 9, 0), t(22, 10, 0)).status,
        RequestStatus::Approved
    );
    // an empty value: no group check any more
    allowance(
        &mut ws,
        "Support,VACAY_SK,2026-12-22T09:00:00,2026-12-22T10:00:00,\n",
    );
    assert_eq!(
        request(&mut ws, "ana", t(22, 9, 0), t(22, 10, 0)).status,
        RequestStatus::Approved
    );
}

#[test]
fn a_bad_allowance_file_lists_every_problem_and_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let text = format!(
        "{ALLOWANCE_HEAD}Support,VACAY_SK,2026-12-15T09:00:00,2026-12-15T10:00:00,3\n\
         Support,VACAY_SK,2023-08-15T05:01:00,2023-08-15T06:01:00,3\n\
         Sales,VACAY_SK,2026-12-15T10:00:00,2026-12-15T11:00:00,3\n\
         Support,VACAY_SK,2028-01-15T10:00:00,2028-01-15T11:00:00,3\n"
    );
    let Err(WfmError::InvalidInput { errors, .. }) =
        ws.time_off().import_allowances("a.csv", &text)
    else {
        panic!("refused")
    };
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines[0],
        "a.csv:3: START_TIME: Column START_TIME value [2023-08-15T05:01:00] is not a multiple of \
         15 minutes from top of the hour, such as HH:00, HH:15, HH:30 and HH:45"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("a.csv:4: FORECAST_GROUP: no forecast group \"Sales\""))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("a.csv:5: START_TIME:") && l.contains("13 months"))
    );
    assert!(ws.time_off().allowances(&[]).unwrap().is_empty());
}

#[test]
fn thirteen_months_ahead_and_the_past_follow_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, clock) = setup(dir.path());
    let late = now() + Duration::days(13 * 31);
    let e = ws
        .time_off()
        .request(&NewRequest::range(
            "agent1",
            "VACAY_SK",
            late,
            late + Duration::hours(1),
        ))
        .unwrap_err();
    assert!(
        matches!(e, WfmError::TimeOff(TimeOffError::TooFarAhead { .. })),
        "{e}"
    );
    clock.set(t(20, 0, 0));
    let past = NewRequest::range("agent1", "SICK_SK", t(15, 8, 0), t(15, 14, 0));
    let e = ws.time_off().request(&past).unwrap_err();
    assert!(
        matches!(e, WfmError::TimeOff(TimeOffError::InPast { .. })),
        "{e}"
    );
    // a supervisor records the sick day afterwards
    let r = ws
        .time_off()
        .request(&past.by_supervisor(false))
        .unwrap()
        .request;
    assert_eq!(r.status, RequestStatus::Approved);
    assert_eq!(r.deducted.balance_seconds, 5 * 3600 + 1800);
}

#[test]
fn bad_requests_are_named_errors_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let r = |agent: &str, activity: &str, from, to| NewRequest::range(agent, activity, from, to);
    let cases = [
        r("nobody", "VACAY_SK", t(15, 9, 0), t(15, 10, 0)),
        r("agent1", "SKIING", t(15, 9, 0), t(15, 10, 0)),
        r("agent1", "TRAINING_LEAVE", t(15, 9, 0), t(15, 10, 0)),
        r("agent1", "Break", t(15, 9, 0), t(15, 10, 0)),
        r("agent1", "VACAY_SK", t(15, 10, 0), t(15, 9, 0)),
    ];
    let errors: Vec<String> = cases
        .iter()
        .map(|c| ws.time_off().request(c).unwrap_err().to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "unknown agent \"nobody\": not in any staffing group",
            "unknown activity \"SKIING\"",
            "time-off activity \"TRAINING_LEAVE\" may be requested by a supervisor only",
            "activity \"Break\" is not a time-off activity",
            "end 2026-12-15 09:00:00 UTC is not after start 2026-12-15 10:00:00 UTC",
        ]
    );
    assert!(
        ws.time_off()
            .requests(&RequestFilter::default())
            .unwrap()
            .is_empty()
    );
    // a supervisor may request any type
    let sup = r("agent1", "TRAINING_LEAVE", t(15, 9, 0), t(15, 10, 0)).by_supervisor(false);
    assert_eq!(
        ws.time_off().request(&sup).unwrap().request.status,
        RequestStatus::Approved
    );
}

#[test]
fn a_group_needing_approval_or_a_short_balance_waits_for_a_supervisor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let r = request(&mut ws, "dora", t(15, 9, 0), t(15, 10, 0));
    assert_eq!(r.status, RequestStatus::Pending);
    assert_eq!(
        r.failures[0].to_string(),
        "staffing group Approval team needs a supervisor's approval"
    );
    assert_eq!(
        ws.time_off()
            .approve(r.id, false, "ok")
            .unwrap()
            .request
            .status,
        RequestStatus::Approved
    );
    ws.time_off()
        .adjust_balance("ben", "VACAY_SK", -99 * 3600, "used up")
        .unwrap();
    let r = ws
        .time_off()
        .request(&NewRequest::full_days("ben", "VACAY_SK", day(15), day(15)))
        .unwrap()
        .request;
    assert_eq!(r.status, RequestStatus::Pending);
    assert_eq!(
        r.failures[0].to_string(),
        "balance of VACAY_SK lacks 4.5 h: needs 5.5 h, 1 h left"
    );
    let e = ws.time_off().approve(r.id, false, "").unwrap_err();
    assert!(
        matches!(
            e,
            WfmError::TimeOff(TimeOffError::RulesBroken { failures: 1, .. })
        ),
        "{e}"
    );
    let done = ws.time_off().approve(r.id, true, "exception").unwrap();
    assert_eq!(done.request.status, RequestStatus::Approved);
    let found = ws
        .time_off()
        .requests(&RequestFilter {
            agent: Some("BE".into()),
            status: Some(RequestStatus::Approved),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    let e = ws.time_off().deny(r.id, "").unwrap_err();
    assert!(
        matches!(e, WfmError::TimeOff(TimeOffError::WrongStatus { .. })),
        "{e}"
    );
}

#[test]
fn two_hundred_acceptances_from_8_processes_fill_exactly_the_offered_slots() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let id = offer(
        &mut ws,
        3,
        OfferedTo::Agents(EVERYONE.iter().map(|a| (*a).to_owned()).collect()),
    );
    assert_eq!(id, 1);
    let path = ws.path().to_owned();
    drop(ws);
    race(&path, "offer");
    let (mut ws, _) = open(&path);
    let o = &ws.time_off().offers().unwrap()[0];
    let full = o
        .responses
        .iter()
        .filter(|r| r.status == ResponseStatus::Full)
        .count();
    assert_eq!((o.accepted(), full), (3, EVERYONE.len() - 3));
}

// ---- uploads in batches --------------------------------------------------------------

mod uploads {
    use super::*;
    use wfm::scheduler::timeoff::{
        AllowanceKey, AllowanceRow, AllowanceSlot, Balance, BalanceRow, LedgerEntry,
    };
    use wfm::timeoff::{TimeOffTx, Upload};

    type Stored = (
        Vec<AllowanceSlot>,
        Vec<LedgerEntry>,
        Vec<(String, String, Balance)>,
    );

    fn key(group: usize, hour: i64) -> AllowanceKey {
        AllowanceKey::new(
            &format!("G{group}"),
            "SICK_SK||VACAY_SK",
            t(1, 0, 0) + Duration::hours(hour),
        )
    }

    /// An upload of 301 slots and 301 balances (more than one SQLite batch of 128, less
    /// than one PostgreSQL batch): a slot and a balance given twice (the later wins), a
    /// slot cleared, a slot and a balance that existed with hours used.
    fn upload() -> (Vec<AllowanceRow>, Vec<BalanceRow>) {
        let mut slots: Vec<AllowanceRow> = (0..300)
            .map(|i| AllowanceRow {
                line: i as u64 + 2,
                key: key(i % 3, i as i64),
                seconds: Some(3600 * (i as i64 % 7)),
            })
            .collect();
        slots[1].seconds = None;
        slots.push(AllowanceRow {
            line: 302,
            key: key(2, 5),
            seconds: Some(99),
        });
        let mut balances: Vec<BalanceRow> = (0..300)
            .map(|i| BalanceRow {
                line: i as u64 + 2,
                agent: format!("a{}", i / 3),
                activity: format!("A{}", i % 3),
                seconds: 60 * i as i64,
            })
            .collect();
        balances.push(BalanceRow {
            line: 302,
            agent: "a4".into(),
            activity: "A1".into(),
            seconds: 77,
        });
        (slots, balances)
    }

    /// What existed before the upload: slot 0 with 30 minutes used, slot 1 set, and
    /// a0's A0 uploaded then deducted.
    fn before(tx: &dyn TimeOffTx) -> wfm::Result<()> {
        tx.put_allowance(&key(0, 0), Some(3600))?;
        tx.use_allowance(&key(0, 0), 1800)?;
        tx.put_allowance(&key(1, 1), Some(3600))?;
        let mut e = Upload {
            at: now(),
            actor: "sam",
            reason: "before",
        }
        .entry(&upload().1[0]);
        e.seconds = 36_000;
        tx.append_ledger(&e)?;
        e.kind = EntryKind::Deduction;
        e.seconds = -600;
        tx.append_ledger(&e)?;
        Ok(())
    }

    fn stored(ws: &Workspace) -> Stored {
        let mut out = Stored::default();
        ws.backend()
            .unwrap()
            .time_off_read(&mut |tx| {
                out = (
                    tx.allowance_slots(None, None, None)?,
                    tx.ledger(None, None)?,
                    tx.balances()?,
                );
                Ok(())
            })
            .unwrap();
        out
    }

    /// The upload stored in batches and row by row, on two fresh workspaces of a backend.
    fn batched_and_row_by_row(mut fresh: impl FnMut() -> Workspace) -> (Stored, Stored) {
        let (slots, balances) = upload();
        let stamp = Upload {
            at: now(),
            actor: "sam",
            reason: "uploaded from b.csv",
        };
        let mut batched = fresh();
        batched
            .backend_mut()
            .unwrap()
            .time_off_write(&mut |tx| {
                before(tx)?;
                tx.put_allowances(&slots)?;
                tx.upload_balances(&balances, &stamp)
            })
            .unwrap();
        let mut by_row = fresh();
        by_row
            .backend_mut()
            .unwrap()
            .time_off_write(&mut |tx| {
                before(tx)?;
                for r in &slots {
                    tx.put_allowance(&r.key, r.seconds)?;
                }
                for r in &balances {
                    tx.append_ledger(&stamp.entry(r))?;
                }
                Ok(())
            })
            .unwrap();
        (stored(&batched), stored(&by_row))
    }

    fn check(batched: &Stored, by_row: &Stored) {
        assert_eq!(batched, by_row);
        let (slots, ledger, balances) = batched;
        // 300 distinct slots, slot 1 cleared (not listed), slot 0 kept its used hours
        assert_eq!(slots.len(), 299);
        let first = slots.iter().find(|s| s.key == key(0, 0)).unwrap();
        assert_eq!((first.uploaded_seconds, first.used_seconds), (0, 1800));
        let twice = slots.iter().find(|s| s.key == key(2, 5)).unwrap();
        assert_eq!(twice.uploaded_seconds, 99);
        // 2 entries before, 301 uploads in file order; an upload sets the balance
        assert_eq!(ledger.len(), 303);
        assert_eq!(ledger[2].reason, "uploaded from b.csv");
        assert_eq!(ledger[302].seconds, 77);
        assert_eq!(balances.len(), 300);
        let of = |a: &str, b: &str| balances.iter().find(|x| x.0 == a && x.1 == b).unwrap().2;
        assert_eq!(of("a0", "A0").net_seconds, 0);
        assert_eq!(of("a4", "A1").net_seconds, 77);
    }

    #[test]
    fn a_batched_upload_stores_what_row_by_row_does_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let mut n = 0;
        let (batched, by_row) = batched_and_row_by_row(|| {
            n += 1;
            Workspace::create(
                &dir.path().join(format!("w{n}.wfm")),
                wfm::core::IntervalLength::Thirty,
                None,
            )
            .unwrap()
        });
        check(&batched, &by_row);
    }

    #[test]
    fn a_batched_upload_stores_what_row_by_row_does_on_postgresql() {
        let Some(first) = wfm::store::postgres::testing::fresh_database() else {
            return;
        };
        let mut urls = vec![first];
        let (batched, by_row) = batched_and_row_by_row(|| {
            let url = urls
                .pop()
                .or_else(wfm::store::postgres::testing::fresh_database)
                .unwrap();
            Workspace::create(Path::new(&url), wfm::core::IntervalLength::Thirty, None).unwrap()
        });
        check(&batched, &by_row);
    }
}

// ---- what a decision reads: the configuration and published schedules, kept while unchanged

#[test]
fn a_publish_an_edit_elsewhere_and_a_new_configuration_between_decisions_are_seen_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let full_day = |agent: &str, d: u32| NewRequest::full_days(agent, "VACAY_SK", day(d), day(d));
    // nothing published: decided, no schedule edited
    let first = ws.time_off().request(&full_day("agent1", 14)).unwrap();
    assert_eq!(first.request.status, RequestStatus::Approved);
    assert!(first.schedule.is_empty());
    // a publish in between: the next decision edits the new schedule
    let week = wfm::timeoff::example::publish_week(&mut ws).unwrap();
    let second = ws.time_off().request(&full_day("agent1", 15)).unwrap();
    let edited: Vec<_> = second
        .schedule
        .iter()
        .map(|u| (u.schedule, u.version))
        .collect();
    assert_eq!(edited, [(week, 1)]);
    // an edit by another handle (another process): the next decision is made on it
    let (mut other, _) = open(ws.path());
    let third = other.time_off().request(&full_day("ana", 16)).unwrap();
    assert_eq!(third.schedule[0].version, 2);
    let fourth = ws.time_off().request(&full_day("ben", 17)).unwrap();
    assert_eq!(fourth.schedule[0].version, 3);
    // a configuration imported in between: SICK_SK no longer requestable by agents
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/timeoff_example.toml"),
    )
    .unwrap();
    let sick = "name = \"SICK_SK\"\nkind = \"time_off\"\nduration_minutes = 360\npaid = true\nadherence = false\nagent_may_request = true";
    assert!(toml.contains(sick));
    let changed = toml.replace(
        sick,
        &sick.replace("may_request = true", "may_request = false"),
    );
    let sick_day = |agent: &str| NewRequest::full_days(agent, "SICK_SK", day(18), day(18));
    ws.time_off().request(&sick_day("carla")).unwrap();
    other
        .schedule_scenario()
        .import("timeoff_example.toml", &changed)
        .unwrap();
    let e = ws.time_off().request(&sick_day("agent1")).unwrap_err();
    assert!(
        matches!(e, WfmError::TimeOff(TimeOffError::NotRequestable { .. })),
        "{e}"
    );
}

// ---- the block shape of the store (SQLite: allowances per day, balances per agent,
// ---- an upload's lines per agent): what it reads is what one row per line read

/// The balances of `agent`'s `activity` now, or as of `at`.
fn net_of(
    ws: &mut Workspace,
    agent: &str,
    activity: &str,
    at: Option<DateTime<Utc>>,
) -> (i64, i64) {
    ws.time_off()
        .balances(at)
        .unwrap()
        .into_iter()
        .find(|b| b.agent == agent && b.activity == activity)
        .map(|b| (b.balance.last_uploaded_seconds, b.balance.net_seconds))
        .unwrap()
}

#[test]
fn a_balance_upload_overwrites_only_its_keys_and_the_ledger_keeps_both_uploads_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, clock) = setup(dir.path());
    clock.advance(Duration::days(1));
    // agent1's VACAY_SK and ana's SICK_SK again; agent1's SICK_SK and the rest as they were
    ws.time_off()
        .import_balances(
            "b2.csv",
            "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nana,SICK_SK,12\n",
        )
        .unwrap();
    assert_eq!(
        net_of(&mut ws, "agent1", "VACAY_SK", None),
        (108_000, 108_000)
    );
    assert_eq!(
        net_of(&mut ws, "agent1", "SICK_SK", None),
        (360_000, 360_000)
    );
    assert_eq!(net_of(&mut ws, "ana", "SICK_SK", None), (43_200, 43_200));
    assert_eq!(net_of(&mut ws, "ana", "VACAY_SK", None), (360_000, 360_000));
    assert_eq!(ws.time_off().balances(None).unwrap().len(), 14);
    let ledger = ws.time_off().ledger(Some("agent1"), None).unwrap();
    let lines: Vec<_> = ledger
        .iter()
        .map(|e| (e.activity.as_str(), e.seconds, e.reason.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("VACAY_SK", 360_000, "uploaded from b.csv"),
            ("SICK_SK", 360_000, "uploaded from b.csv"),
            ("VACAY_SK", 108_000, "uploaded from b2.csv")
        ]
    );
    // the whole ledger: 14 lines of the first file in its order, then the 2 of the second
    let all = ws.time_off().ledger(None, None).unwrap();
    assert_eq!(all.len(), 16);
    assert_eq!(
        (all[0].agent.as_str(), all[0].activity.as_str()),
        ("agent1", "VACAY_SK")
    );
    assert_eq!(
        (all[13].agent.as_str(), all[13].activity.as_str()),
        ("agent3", "SICK_SK")
    );
    assert_eq!((all[15].agent.as_str(), all[15].seconds), ("ana", 43_200));
}

#[test]
fn the_ledger_until_a_time_between_two_uploads_holds_the_first_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, clock) = setup(dir.path());
    clock.advance(Duration::days(2));
    ws.time_off()
        .import_balances(
            "b2.csv",
            "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\nagent1,SICK_SK,20\n",
        )
        .unwrap();
    let middle = now() + Duration::days(1);
    let until = ws.time_off().ledger(Some("agent1"), Some(middle)).unwrap();
    assert_eq!(until.len(), 2);
    assert!(until.iter().all(|e| e.at == now() && e.seconds == 360_000));
    assert!(
        ws.time_off()
            .ledger(None, Some(now() - Duration::seconds(1)))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        net_of(&mut ws, "agent1", "SICK_SK", Some(middle)),
        (360_000, 360_000)
    );
    assert_eq!(net_of(&mut ws, "agent1", "SICK_SK", None), (72_000, 72_000));
}

#[test]
fn a_deduction_after_two_uploads_comes_off_the_second_and_the_ledger_sums_to_the_balances() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, clock) = setup(dir.path());
    clock.advance(Duration::days(1));
    ws.time_off()
        .import_balances(
            "b2.csv",
            "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nagent1,VACAY_SK,30\n",
        )
        .unwrap();
    // SPEC §7: a full day of 6 h with a 30 min non-deductible break, 30 h → 24 h 30
    let r = day_off(&mut ws, "agent1", 15).request;
    assert_eq!(r.status, RequestStatus::Approved);
    assert_eq!(
        net_of(&mut ws, "agent1", "VACAY_SK", None),
        (108_000, 88_200)
    );
    let csv = wfm::timeoff::snapshot_csv(&ws.time_off().balances(None).unwrap());
    assert!(csv.contains("\nagent1,VACAY_SK,30,24.5\n"), "{csv}");
    ws.time_off().cancel(r.id, "plans changed").unwrap();
    assert_eq!(
        net_of(&mut ws, "agent1", "VACAY_SK", None),
        (108_000, 108_000)
    );
    let ledger = ws.time_off().ledger(None, None).unwrap();
    let replayed = wfm::scheduler::timeoff::replay(&ledger, None);
    let balances = ws.time_off().balances(None).unwrap();
    assert_eq!(replayed.len(), balances.len());
    for b in &balances {
        assert_eq!(replayed[&(b.agent.clone(), b.activity.clone())], b.balance);
    }
}

#[test]
fn a_cleared_allowance_slot_is_not_listed_but_keeps_what_it_used_for_the_next_upload() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let slot =
        |hours: &str| format!("Support,VACAY_SK,2026-12-16T09:00:00,2026-12-16T10:00:00,{hours}\n");
    allowance(
        &mut ws,
        &format!(
            "{}{}",
            slot("2"),
            "Support,VACAY_SK,2026-12-16T10:00:00,2026-12-16T11:00:00,3\n"
        ),
    );
    assert_eq!(
        request(&mut ws, "agent1", t(16, 9, 0), t(16, 10, 0)).status,
        RequestStatus::Approved
    );
    allowance(&mut ws, &slot(""));
    let slots = ws.time_off().allowances(&[]).unwrap();
    assert_eq!(slots.len(), 1, "the cleared slot is not listed: {slots:?}");
    assert_eq!(slots[0].key.start, t(16, 10, 0));
    // no group check: approved whatever the slot held
    assert_eq!(
        request(&mut ws, "ana", t(16, 9, 0), t(16, 10, 0)).status,
        RequestStatus::Approved
    );
    // uploaded again: the hour agent1's request used is still taken (ana's took none)
    allowance(&mut ws, &slot("2"));
    let slots = ws.time_off().allowances(&[]).unwrap();
    assert_eq!(slots.len(), 2);
    assert_eq!(
        (slots[0].uploaded_seconds, slots[0].used_seconds),
        (7200, 3600)
    );
    assert_eq!(
        (slots[1].uploaded_seconds, slots[1].used_seconds),
        (10_800, 0)
    );
}
