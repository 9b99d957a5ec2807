//! Time off and overtime on PostgreSQL (issue 24 item 5, issue 22 item 7): the workflow of
//! `Workspace::time_off` on a PostgreSQL workspace (`Workspace::open("postgres://…")`).
//! The cases that hold on every backend are defined once (`tests/common/timeoff_cases.rs`,
//! run on SQLite by `tests/timeoff.rs`): the allowance example, the ledger, cancel/edit and
//! the waitlist, overtime first come first served, and the races: 200 requests from 8
//! processes for one allowance slot, 200 acceptances of one overtime offer. Here they run
//! on PostgreSQL, beside what only PostgreSQL has. Skipped, saying so, without a test
//! cluster (`scripts/postgres.sh`).

#[path = "common/backend.rs"]
mod backend;
#[path = "common/timeoff_cases.rs"]
mod timeoff_cases;

use backend::Backend;
use timeoff_cases::{day, day_off, time_off_cases};
use wfm::Workspace;
use wfm::scheduler::timeoff::RequestStatus;

time_off_cases!(Backend::postgres();
    the_download_shows_4_4_uploaded_and_2_4_remaining_after_2_hours_used,
    the_ledger_explains_every_balance_and_replays_as_of_any_date,
    cancel_and_edit_give_back_exactly_what_was_deducted_and_the_waitlist_goes_first_come_first_served,
    overtime_slots_go_first_come_first_served_and_supervisors_override,
    two_hundred_requests_from_8_processes_never_overdraw_one_slot_and_the_ledger_sums_to_the_balances,
    two_hundred_acceptances_from_8_processes_fill_exactly_the_offered_slots,
);

/// Regression (issue 24, pgtx): `TimeOffTx::edit_schedule` on PostgreSQL — an approved
/// request goes into the published schedule in the decision's transaction (a new version,
/// an edit-log line, one outbox record), and a cancel takes it out again, as on SQLite.
#[test]
fn an_approved_request_goes_into_a_schedule_published_on_postgresql_and_a_cancel_takes_it_out() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let (mut ws, _) = backend.setup();
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
    let done = day_off(&mut ws, "agent1", 15);
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
