//! The time-off, outbox and adherence functions of the PostgreSQL backend against a real
//! server (`testing::fresh_database`; skipped, saying so, without one): the round trips
//! of the SQLite tests, a rollback leaving nothing, and threads racing for one slot and
//! appending to the outbox while a reader follows the cursor.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use postgres::{Client, NoTls};
use wfm_scheduler::adherence::{
    AdherenceException, AdherenceTotals, AgentEvent, DayAdherence, ScheduledKind,
};
use wfm_scheduler::timeoff::{
    AllowanceKey, Balance, Deducted, Deduction, EntryKind, LedgerEntry, OfferedTo, RequestStatus,
    Requester, ResponseStatus, SlotKind, SlotOffer, SlotResponse, TimeOffRequest,
};

use super::testing::fresh_database;
use super::{adherence, outbox, timeoff, txlock};
use crate::error::{Result, WfmError};
use crate::store::{ChangeCause, DocumentId, NewChange};
use crate::timeoff::{RequestFilter, TimeOffTx};

/// A connection to a new database holding the tables of migrations 6–8; `None` (the
/// test then returns) without a test cluster.
fn database() -> Option<(String, Client)> {
    let url = fresh_database()?;
    let mut client = Client::connect(&url, NoTls).unwrap();
    txlock::ensure_tables(&mut client).unwrap();
    Some((url, client))
}

fn t(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

fn key(group: &str, h: u32) -> AllowanceKey {
    AllowanceKey {
        group: group.into(),
        activities: "VACAY_SK||SICK_SK".into(),
        start: t(15, h),
    }
}

fn write(client: &mut Client, mut f: impl FnMut(&dyn TimeOffTx) -> Result<()>) -> Result<()> {
    timeoff::time_off_write(client, &mut f)
}

fn read<T>(client: &mut Client, mut f: impl FnMut(&dyn TimeOffTx) -> Result<T>) -> T {
    let mut out = None;
    timeoff::time_off_read(client, &mut |tx| {
        out = Some(f(tx)?);
        Ok(())
    })
    .unwrap();
    out.unwrap()
}

fn entry(agent: &str, kind: EntryKind, seconds: i64, day: u32) -> LedgerEntry {
    LedgerEntry {
        agent: agent.into(),
        activity: "VACAY_SK".into(),
        kind,
        seconds,
        at: t(day, 9),
        actor: "sam".into(),
        reason: "why".into(),
        request: (kind == EntryKind::Deduction).then_some(7),
    }
}

fn request(agent: &str, group: &str, day: u32) -> TimeOffRequest {
    TimeOffRequest {
        id: 0,
        agent: agent.into(),
        staffing_group: "Day team".into(),
        forecast_group: group.into(),
        activity: "VACAY_SK".into(),
        start: t(day, 9),
        end: t(day, 11),
        full_day: false,
        reason: "trip".into(),
        requested_by: Requester::Agent,
        actor: agent.into(),
        override_rules: false,
        waitlist: true,
        status: RequestStatus::Pending,
        failures: Vec::new(),
        deduction: Deduction::from_pieces(vec![(t(day, 9), t(day, 11))]),
        deducted: Deducted::default(),
        created_at: t(1, 8),
        updated_at: t(1, 8),
        note: String::new(),
    }
}

#[test]
fn allowances_round_trip_in_key_order_and_a_cleared_slot_keeps_its_use() {
    let Some((_, mut c)) = database() else { return };
    write(&mut c, |tx| {
        tx.put_allowance(&key("Support", 10), Some(7200))?;
        tx.put_allowance(&key("Support", 9), Some(3600))?;
        tx.put_allowance(&key("Sales", 9), Some(0))?;
        tx.put_allowance(&key("Support", 9), Some(4 * 3600))?; // replaces
        tx.use_allowance(&key("Support", 9), 1800)
    })
    .unwrap();
    let all = read(&mut c, |tx| tx.allowance_slots(None, None, None));
    let keys: Vec<(&str, i64, i64)> = all
        .iter()
        .map(|s| (s.key.group.as_str(), s.uploaded_seconds, s.used_seconds))
        .collect();
    assert_eq!(
        keys,
        [
            ("Sales", 0, 0),
            ("Support", 14_400, 1800),
            ("Support", 7200, 0)
        ]
    );
    // a slot starting in (from − 1 h, to): 9:00 is touched by 9:30–10:00, 10:00 is not
    let some = read(&mut c, |tx| {
        tx.allowance_slots(
            Some("Support"),
            Some(t(15, 9) + chrono::Duration::minutes(30)),
            Some(t(15, 10)),
        )
    });
    assert_eq!(some.len(), 1);
    assert_eq!(some[0].key, key("Support", 9));
    write(&mut c, |tx| tx.put_allowance(&key("Support", 9), None)).unwrap();
    let left = read(&mut c, |tx| tx.allowance_slots(Some("Support"), None, None));
    assert_eq!(left.len(), 1, "a cleared slot has no group check");
    write(&mut c, |tx| {
        tx.put_allowance(&key("Support", 9), Some(3600))
    })
    .unwrap();
    let back = read(&mut c, |tx| tx.allowance_slots(Some("Support"), None, None));
    assert_eq!(back[0].used_seconds, 1800, "what requests use is kept");
}

#[test]
fn the_ledger_explains_every_balance() {
    let Some((_, mut c)) = database() else { return };
    let entries = [
        entry("ben", EntryKind::Upload, 36_000, 1),
        entry("ana", EntryKind::Upload, 7200, 1),
        entry("ben", EntryKind::Deduction, -3600, 5),
        entry("ben", EntryKind::Recredit, 1800, 6),
        entry("ben", EntryKind::Adjustment, -600, 7),
    ];
    let mut after = Vec::new();
    write(&mut c, |tx| {
        after.clear();
        for e in &entries {
            after.push(tx.append_ledger(e)?);
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(
        after[4],
        Balance {
            last_uploaded_seconds: 36_000,
            net_seconds: 36_000 - 3600 + 1800 - 600
        }
    );
    let balances = read(&mut c, |tx| tx.balances());
    let names: Vec<&str> = balances.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(names, ["ana", "ben"]);
    assert_eq!(balances[1].2, after[4]);
    assert_eq!(read(&mut c, |tx| tx.balance("ben", "VACAY_SK")), after[4]);
    assert_eq!(
        read(&mut c, |tx| tx.balance("nobody", "VACAY_SK")),
        Balance::default()
    );
    let ledger = read(&mut c, |tx| tx.ledger(None, None));
    assert_eq!(ledger, entries);
    let bens = read(&mut c, |tx| tx.ledger(Some("ben"), Some(t(5, 9))));
    assert_eq!(bens, [entries[0].clone(), entries[2].clone()]);
    let replayed = wfm_scheduler::timeoff::replay(&ledger, None);
    assert_eq!(
        replayed[&("ben".to_owned(), "VACAY_SK".to_owned())],
        after[4]
    );
}

#[test]
fn requests_round_trip_and_are_searched_by_agent_status_dates_and_group() {
    let Some((_, mut c)) = database() else { return };
    let mut ids = Vec::new();
    write(&mut c, |tx| {
        ids.clear();
        ids.push(tx.insert_request(&request("Ana.Lopez", "Support", 15))?);
        ids.push(tx.insert_request(&request("ben", "Support", 16))?);
        ids.push(tx.insert_request(&request("carla", "Sales", 17))?);
        let mut denied = tx.request(ids[1])?.expect("stored");
        denied.status = RequestStatus::Denied;
        denied.note = "no room".into();
        tx.update_request(&denied)
    })
    .unwrap();
    assert_eq!(ids, [1, 2, 3]);
    let ben = read(&mut c, |tx| tx.request(2)).unwrap();
    assert_eq!(
        (ben.id, ben.status, ben.note.as_str()),
        (2, RequestStatus::Denied, "no room")
    );
    let mut expected = request("ben", "Support", 16);
    expected.id = 2;
    expected.status = RequestStatus::Denied;
    expected.note = "no room".into();
    assert_eq!(ben, expected);
    assert!(read(&mut c, |tx| tx.request(9)).is_none());
    let find = |c: &mut Client, f: RequestFilter| -> Vec<i64> {
        read(c, |tx| tx.requests(&f)).iter().map(|r| r.id).collect()
    };
    assert_eq!(find(&mut c, RequestFilter::default()), [1, 2, 3]);
    let by_agent = RequestFilter {
        agent: Some("LOPEZ".into()),
        ..Default::default()
    };
    assert_eq!(find(&mut c, by_agent), [1]);
    let pending = RequestFilter {
        status: Some(RequestStatus::Pending),
        ..Default::default()
    };
    assert_eq!(find(&mut c, pending), [1, 3]);
    let dates = RequestFilter {
        from: Some(t(15, 11)),
        to: Some(t(17, 9)),
        ..Default::default()
    };
    assert_eq!(
        find(&mut c, dates),
        [2],
        "ends after `from`, starts before `to`"
    );
    let group = RequestFilter {
        forecast_group: Some("Sales".into()),
        ..Default::default()
    };
    assert_eq!(find(&mut c, group), [3]);
}

#[test]
fn offers_and_responses_round_trip_and_an_answer_replaces_the_earlier_one() {
    let Some((_, mut c)) = database() else { return };
    let offer = SlotOffer {
        id: 0,
        kind: SlotKind::Overtime,
        start: t(15, 14),
        end: t(15, 16),
        activity: "Phones".into(),
        reason: "hot afternoon".into(),
        slots: 2,
        offered_to: OfferedTo::Group("Day team".into()),
        agents: vec!["ana".into(), "ben".into()],
        actor: "sam".into(),
        created_at: t(1, 8),
    };
    let answer = |agent: &str, status, h| SlotResponse {
        offer: 1,
        agent: agent.into(),
        status,
        at: t(2, h),
        actor: agent.into(),
    };
    let mut id = 0;
    write(&mut c, |tx| {
        id = tx.insert_offer(&offer)?;
        tx.put_response(&answer("ben", ResponseStatus::Accepted, 8))?;
        tx.put_response(&answer("ana", ResponseStatus::Accepted, 9))?;
        tx.put_response(&answer("ben", ResponseStatus::Declined, 10))
    })
    .unwrap();
    assert_eq!(id, 1);
    let stored = read(&mut c, |tx| tx.offer(1)).unwrap();
    assert_eq!(
        stored,
        SlotOffer {
            id: 1,
            ..offer.clone()
        }
    );
    assert_eq!(read(&mut c, |tx| tx.offers()), [stored]);
    assert!(read(&mut c, |tx| tx.offer(2)).is_none());
    let responses = read(&mut c, |tx| tx.responses(1));
    assert_eq!(
        responses,
        [
            answer("ben", ResponseStatus::Declined, 10),
            answer("ana", ResponseStatus::Accepted, 9)
        ]
    );
}

#[test]
fn a_failed_transaction_leaves_nothing_and_a_read_cannot_write() {
    let Some((_, mut c)) = database() else { return };
    let e = write(&mut c, |tx| {
        tx.put_allowance(&key("Support", 9), Some(3600))?;
        tx.append_ledger(&entry("ana", EntryKind::Upload, 3600, 1))?;
        Err(WfmError::Store("refused".into()))
    })
    .unwrap_err();
    assert!(matches!(e, WfmError::Store(ref m) if m == "refused"), "{e}");
    assert!(read(&mut c, |tx| tx.allowance_slots(None, None, None)).is_empty());
    assert!(read(&mut c, |tx| tx.ledger(None, None)).is_empty());
    let e = timeoff::time_off_read(&mut c, &mut |tx| {
        tx.put_allowance(&key("Support", 9), Some(3600))
    })
    .unwrap_err();
    assert!(matches!(e, WfmError::Store(_)), "{e}");
    assert!(read(&mut c, |tx| tx.allowance_slots(None, None, None)).is_empty());
}

#[test]
fn a_damaged_request_is_named() {
    let Some((_, mut c)) = database() else { return };
    write(&mut c, |tx| {
        tx.insert_request(&request("ana", "Support", 15)).map(drop)
    })
    .unwrap();
    c.batch_execute("UPDATE timeoff_request SET payload = '{'")
        .unwrap();
    let e = timeoff::time_off_read(&mut c, &mut |tx| tx.request(1).map(drop)).unwrap_err();
    assert!(
        matches!(&e, WfmError::Damaged { table: "timeoff_request", detail } if detail.contains("row 1")),
        "{e}"
    );
}

/// Threads, each with its own connection, take one hour of a 5-hour slot while there is
/// room, reading and writing in one time-off transaction: exactly 5 succeed.
#[test]
fn racing_connections_never_overdraw_a_slot() {
    let Some((url, mut c)) = database() else {
        return;
    };
    write(&mut c, |tx| {
        tx.put_allowance(&key("Support", 9), Some(5 * 3600))
    })
    .unwrap();
    const THREADS: usize = 8;
    let start = Arc::new(Barrier::new(THREADS));
    let granted: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let (url, start) = (url.clone(), start.clone());
                s.spawn(move || {
                    let mut c = Client::connect(&url, NoTls).unwrap();
                    start.wait();
                    let mut granted = 0;
                    for _ in 0..5 {
                        let mut took = false;
                        write(&mut c, |tx| {
                            let slot = tx.allowance_slots(Some("Support"), None, None)?;
                            took = slot[0].remaining_seconds() >= 3600;
                            std::thread::yield_now();
                            if took {
                                tx.use_allowance(&key("Support", 9), 3600)?;
                            }
                            Ok(())
                        })
                        .unwrap();
                        granted += usize::from(took);
                    }
                    granted
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(granted, 5);
    let slot = read(&mut c, |tx| tx.allowance_slots(None, None, None));
    assert_eq!(slot[0].used_seconds, 5 * 3600);
}

// ---- the outbox --------------------------------------------------------------------

use crate::store::outbox::sample_change as change;

fn append(c: &mut Client, changes: &[NewChange]) -> Vec<i64> {
    let mut tx = c.transaction().unwrap();
    let seqs = outbox::append_changes(&mut tx, changes).unwrap();
    tx.commit().unwrap();
    seqs
}

#[test]
fn appending_a_record_again_stores_nothing_and_the_cursor_pages_in_order() {
    let Some((_, mut c)) = database() else { return };
    let first = [change("ana", 1), change("ben", 1)];
    assert_eq!(append(&mut c, &first), [1, 2]);
    // a retried transaction: the same keys, nothing new
    assert!(append(&mut c, &first).is_empty());
    assert_eq!(append(&mut c, &[change("ana", 2)]), [3]);
    let all = outbox::changes_since(&mut c, 0, 10).unwrap();
    let keys: Vec<&str> = all.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["3/1/edit/ana", "3/1/edit/ben", "3/2/edit/ana"]);
    assert_eq!(all[0].actor, "sam");
    assert_eq!(all[0].dates, first[0].change.dates);
    assert_eq!(all[0].at, first[0].at);
    assert_eq!(
        (all[0].schedule, all[0].revision, all[0].cause),
        (DocumentId(3), 1, ChangeCause::Edit)
    );
    let page = outbox::changes_since(&mut c, 1, 1).unwrap();
    assert_eq!(page.iter().map(|r| r.seq).collect::<Vec<_>>(), [2]);
    assert!(outbox::changes_since(&mut c, 3, 10).unwrap().is_empty());
}

#[test]
fn a_damaged_record_is_named() {
    let Some((_, mut c)) = database() else { return };
    append(&mut c, &[change("ana", 1)]);
    c.batch_execute("UPDATE schedule_change SET before = 'x'")
        .unwrap();
    let e = outbox::changes_since(&mut c, 0, 10).unwrap_err();
    assert!(
        matches!(&e, WfmError::Damaged { table: "schedule_change", detail } if detail.contains("record 1: before")),
        "{e}"
    );
}

/// Writers append and then dawdle before committing while a reader follows the cursor:
/// the reader still sees every record exactly once (the outbox lock makes the committed
/// records a prefix of the sequence numbers). Without the lock a writer drawing a lower
/// number and committing later is skipped by the reader.
#[test]
fn a_reader_following_the_cursor_misses_no_record_of_racing_writers() {
    let Some((url, _)) = database() else { return };
    const WRITERS: usize = 4;
    const EACH: i64 = 15;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let seen = std::thread::scope(|s| {
        for w in 0..WRITERS {
            let (url, done) = (url.clone(), &done);
            s.spawn(move || {
                let mut c = Client::connect(&url, NoTls).unwrap();
                for i in 0..EACH {
                    let mut tx = c.transaction().unwrap();
                    outbox::append_changes(&mut tx, &[change(&format!("w{w}"), i)]).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(
                        ((w as u64 * 7 + i as u64) % 5) * 2,
                    ));
                    tx.commit().unwrap();
                }
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        let mut c = Client::connect(&url, NoTls).unwrap();
        let (mut cursor, mut seen) = (0, Vec::new());
        loop {
            let finished = done.load(std::sync::atomic::Ordering::SeqCst) == WRITERS;
            let page = outbox::changes_since(&mut c, cursor, 7).unwrap();
            if let Some(last) = page.last() {
                cursor = last.seq;
            }
            let empty = page.is_empty();
            seen.extend(page.into_iter().map(|r| r.key));
            if finished && empty {
                break seen;
            }
        }
    });
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no record twice");
    assert_eq!(seen.len(), WRITERS * EACH as usize, "no record missed");
}

// ---- adherence ---------------------------------------------------------------------

struct Events(Vec<AgentEvent>);

fn import(
    c: &mut Client,
    file: &str,
    events: &Events,
    fail: bool,
) -> Result<crate::adherence::store::EventImportInfo> {
    adherence::import_events(c, file, t(2, 8), "sam", &mut |sink| {
        sink.add(&events.0[..1])?;
        sink.add(&events.0[1..])?;
        if fail {
            return Err(WfmError::Store("the file broke off".into()));
        }
        Ok(())
    })
}

#[test]
fn events_are_stored_once_in_time_order_and_a_failed_import_stores_nothing() {
    let Some((_, mut c)) = database() else { return };
    let ms = |h: i64| 1_765_000_000_000 + h * 3_600_000;
    let mut login = AgentEvent::plain("ana", ms(2), "Available", true);
    login.event_type = wfm_scheduler::adherence::EventType::Login;
    login.line = 4;
    let line = |mut e: AgentEvent, line| {
        e.line = line;
        e
    };
    let events = Events(vec![
        line(AgentEvent::plain("ben", ms(3), "Break", false), 1),
        login,
        line(AgentEvent::plain("ana", ms(3), "Lunch", false), 3),
        line(AgentEvent::plain("ben", ms(3), "Break", false), 5), // the same event twice
    ]);
    let info = import(&mut c, "a.csv", &events, false).unwrap();
    assert_eq!((info.id, info.events, info.actor.as_str()), (1, 3, "sam"));
    let again = import(&mut c, "b.csv", &events, false).unwrap();
    assert_eq!((again.id, again.events), (2, 0));
    assert!(import(&mut c, "c.csv", &events, true).is_err());
    let imports = adherence::event_imports(&mut c).unwrap();
    assert_eq!(imports, [info, again]);
    let stored = adherence::events_between(&mut c, ms(0), ms(4)).unwrap();
    assert_eq!(
        stored,
        [
            events.0[1].clone(),
            events.0[0].clone(),
            events.0[2].clone()
        ]
    );
    assert_eq!(
        adherence::events_between(&mut c, ms(3), ms(3) + 1)
            .unwrap()
            .len(),
        2
    );
    c.batch_execute("UPDATE agent_event SET key = '\\x00' WHERE agent = 'ana' AND state = 'Lunch'")
        .unwrap();
    let e = adherence::events_between(&mut c, ms(0), ms(4)).unwrap_err();
    assert!(
        matches!(
            &e,
            WfmError::Damaged {
                table: "agent_event",
                ..
            }
        ),
        "{e}"
    );
}

fn day(agent: &str, d: u32, exceptions: usize) -> DayAdherence {
    DayAdherence {
        agent: agent.into(),
        day: NaiveDate::from_ymd_opt(2026, 12, d).unwrap(),
        totals: AdherenceTotals {
            scheduled_ms: 3_600_000,
            adherent_ms: 3_000_000,
            non_adherent_ms: 600_000,
        },
        exceptions: (0..exceptions)
            .map(|i| AdherenceException {
                start: i as i64 * 1000,
                end: i as i64 * 1000 + 500,
                scheduled_activity: "WORK".into(),
                scheduled: if i % 2 == 0 {
                    ScheduledKind::Productive
                } else {
                    ScheduledKind::NonProductive
                },
                actual_state: "Break".into(),
                on_contact: i == 1,
            })
            .collect(),
    }
}

#[test]
fn computed_adherence_is_replaced_by_days_and_read_back_with_its_exceptions() {
    let Some((_, mut c)) = database() else { return };
    let d = |n| NaiveDate::from_ymd_opt(2026, 12, n).unwrap();
    let first = [
        day("ben", 14, 1),
        day("ana", 14, 2),
        day("ana", 15, 0),
        day("ana", 16, 3),
    ];
    adherence::replace_adherence(&mut c, d(14), d(16), &first, t(17, 0)).unwrap();
    let read = adherence::adherence_days(&mut c, d(14), d(16)).unwrap();
    assert_eq!(
        read,
        [
            first[1].clone(),
            first[2].clone(),
            first[3].clone(),
            first[0].clone()
        ]
    );
    // recomputing the 15th–16th leaves the 14th
    adherence::replace_adherence(&mut c, d(15), d(16), &[day("ana", 15, 1)], t(18, 0)).unwrap();
    let read = adherence::adherence_days(&mut c, d(14), d(16)).unwrap();
    assert_eq!(
        read,
        [first[1].clone(), day("ana", 15, 1), first[0].clone()]
    );
    assert_eq!(
        adherence::adherence_days(&mut c, d(15), d(15)).unwrap(),
        [day("ana", 15, 1)]
    );
    c.batch_execute("UPDATE adherence_exception SET scheduled = 'x' WHERE day = '2026-12-15'")
        .unwrap();
    let e = adherence::adherence_days(&mut c, d(15), d(15)).unwrap_err();
    assert!(
        matches!(
            &e,
            WfmError::Damaged {
                table: "adherence_exception",
                ..
            }
        ),
        "{e}"
    );
}
