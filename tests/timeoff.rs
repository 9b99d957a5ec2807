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
