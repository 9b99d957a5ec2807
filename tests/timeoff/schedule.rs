//! Issue 22 item 5: approved time off, accepted overtime and VTO go into the published
//! schedule through the editing engine, in the decision's transaction — a new version,
//! an edit-log line, change records in the outbox, breaks kept to their rules, the
//! validator's findings reported — and come out again when cancelled or taken back.

use super::*;
use wfm::scheduler::validate;
use wfm::scheduler::{PlacedActivity, Shift};
use wfm::store::{ChangeCause, DocumentId};

/// The example workspace with its week published; the outbox cursor after publishing.
fn published(dir: &Path) -> (Workspace, DocumentId, i64) {
    let (mut ws, _) = setup(dir);
    let id = wfm::timeoff::example::publish_week(&mut ws).unwrap();
    let cursor = ws.schedules().changes_since(0, 1000).unwrap().next;
    (ws, id, cursor)
}

fn shift_of(ws: &mut Workspace, id: DocumentId, agent: &str, d: u32) -> Shift {
    let (_, s) = ws.schedules().get(id).unwrap();
    let a = s.schedule.agents.iter().find(|a| a.agent == agent).unwrap();
    a.shifts.iter().find(|s| s.date == day(d)).unwrap().clone()
}

fn acts(s: &Shift) -> Vec<(String, u32, u32)> {
    use chrono::Timelike;
    let hm = |t: DateTime<Utc>| t.hour() * 100 + t.minute();
    s.activities
        .iter()
        .map(|p| (p.activity.clone(), hm(p.start), hm(p.end)))
        .collect()
}

fn act(name: &str, from: u32, to: u32) -> (String, u32, u32) {
    (name.into(), from, to)
}

/// The validator's findings on `agent` in the stored schedule.
fn findings(ws: &mut Workspace, id: DocumentId, agent: &str) -> Vec<String> {
    let (_, s) = ws.schedules().get(id).unwrap();
    validate(&s.scenario().unwrap(), &s.schedule)
        .into_iter()
        .filter(|v| v.agent.as_deref() == Some(agent))
        .map(|v| v.to_string())
        .collect()
}

#[test]
fn an_approved_request_goes_into_the_published_schedule_and_a_cancel_takes_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id, cursor) = published(dir.path());
    let before = shift_of(&mut ws, id, "agent1", 15);
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
    // the deduction is the published shift minus its break: 5 h 30
    assert_eq!(done.request.deducted.balance_seconds, 5 * 3600 + 1800);
    assert_eq!(done.schedule.len(), 1, "{:?}", done.schedule);
    let u = &done.schedule[0];
    assert_eq!((u.schedule, u.version), (id, 1));
    assert_eq!(u.changed, ["agent1"]);
    assert!(u.violations.is_empty(), "{:?}", u.violations);
    // a full day leaves no room to move the break: it stays, the time off goes around it
    let now = shift_of(&mut ws, id, "agent1", 15);
    assert_eq!(
        acts(&now),
        [
            act("VACAY_SK", 800, 1100),
            act("Break", 1100, 1130),
            act("VACAY_SK", 1130, 1400)
        ]
    );
    assert!(findings(&mut ws, id, "agent1").is_empty());
    // the edit log and the outbox
    assert_eq!(ws.schedules().version(id).unwrap(), 1);
    let log = ws.schedules().edit_log(id).unwrap();
    assert!(
        log[0].description.contains("request 1"),
        "{}",
        log[0].description
    );
    assert!(
        log[0].changes.contains("add_activity"),
        "{}",
        log[0].changes
    );
    let page = ws.schedules().changes_since(cursor, 100).unwrap();
    assert_eq!(page.records.len(), 1);
    let r = &page.records[0];
    assert_eq!(
        (r.agent.as_str(), r.cause, r.revision),
        ("agent1", ChangeCause::Edit, 1)
    );
    assert_eq!(
        (r.dates.clone(), r.before.clone()),
        (vec![day(15)], vec![before.clone()])
    );

    // cancelled: the time off comes out, the shift is as it was, the balance re-credited
    let undone = ws
        .time_off()
        .cancel(done.request.id, "plans changed")
        .unwrap();
    assert_eq!(undone.schedule[0].version, 2);
    assert_eq!(shift_of(&mut ws, id, "agent1", 15), before);
    let page = ws.schedules().changes_since(page.next, 100).unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].after, vec![before]);
    let b = ws.time_off().balances(None).unwrap();
    let vacay = b
        .iter()
        .find(|s| s.agent == "agent1" && s.activity == "VACAY_SK")
        .unwrap();
    assert_eq!(vacay.balance.net_seconds, 100 * 3600);
}

#[test]
fn part_of_a_day_off_leaves_the_break_and_an_edit_moves_the_time_off() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id, _) = published(dir.path());
    let done = request(&mut ws, "ana", t(16, 8, 0), t(16, 10, 0));
    assert_eq!(done.status, RequestStatus::Approved);
    assert_eq!(
        acts(&shift_of(&mut ws, id, "ana", 16)),
        [act("VACAY_SK", 800, 1000), act("Break", 1100, 1130)]
    );
    let moved = ws
        .time_off()
        .edit(
            done.id,
            &RequestEdit {
                start: Some(t(16, 12, 0)),
                end: Some(t(16, 14, 0)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(moved.request.status, RequestStatus::Approved);
    assert_eq!(moved.schedule[0].version, 2, "one edit for out and in");
    assert_eq!(
        acts(&shift_of(&mut ws, id, "ana", 16)),
        [act("Break", 1100, 1130), act("VACAY_SK", 1200, 1400)]
    );
}

#[test]
fn no_published_schedule_on_the_day_means_nothing_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id, _) = published(dir.path());
    let done = ws
        .time_off()
        .request(&NewRequest::full_days(
            "agent1",
            "VACAY_SK",
            day(22),
            day(22),
        ))
        .unwrap();
    assert_eq!(done.request.status, RequestStatus::Approved);
    // the profile's 6-hour shift minus the break, as without any schedule
    assert_eq!(done.request.deducted.balance_seconds, 5 * 3600 + 1800);
    assert!(done.schedule.is_empty());
    assert_eq!(ws.schedules().version(id).unwrap(), 0);
}

#[test]
fn accepted_overtime_extends_the_shift_reports_the_rule_it_breaks_and_a_force_deny_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id, cursor) = published(dir.path());
    let before = shift_of(&mut ws, id, "ana", 15);
    let offer = offer(&mut ws, 1, OfferedTo::Group("Day team".into()));
    let done = ws.time_off().answer(offer, "ana", Answer::Accept).unwrap();
    assert_eq!(done.response.status, ResponseStatus::Accepted);
    let u = &done.schedule[0];
    assert_eq!(u.changed, ["ana"]);
    // the supervisor opened it: applied, and the 6-hour maximum it breaks is named
    assert!(
        u.violations
            .iter()
            .any(|v| v.contains("exceeds the profile's max 6 h")),
        "{:?}",
        u.violations
    );
    // the review is updated: nobody answered 14:00–16:00 before
    let (sl_before, sl_after) = u.service_level.unwrap();
    assert!(sl_after > sl_before, "{sl_before} → {sl_after}");
    let now = shift_of(&mut ws, id, "ana", 15);
    assert_eq!((now.start, now.end), (t(15, 8, 0), t(15, 16, 0)));
    assert!(now.activities.contains(&PlacedActivity {
        activity: "Phones".into(),
        start: t(15, 14, 0),
        end: t(15, 16, 0)
    }));
    assert!(!findings(&mut ws, id, "ana").is_empty());
    let page = ws.schedules().changes_since(cursor, 100).unwrap();
    assert_eq!(page.records.len(), 1);
    // a refused acceptance edits nothing
    let late = ws.time_off().answer(offer, "ben", Answer::Accept).unwrap();
    assert_eq!(late.response.status, ResponseStatus::Full);
    assert!(late.schedule.is_empty());
    // force-denied: the shift is as it was
    let back = ws
        .time_off()
        .answer(offer, "ana", Answer::ForceDeny)
        .unwrap();
    assert_eq!(back.schedule[0].version, 2);
    assert_eq!(shift_of(&mut ws, id, "ana", 15), before);
}

#[test]
fn accepted_vto_removes_the_end_of_the_shift() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id, _) = published(dir.path());
    let vto = ws
        .time_off()
        .open_slots(&NewOffer {
            kind: SlotKind::Vto,
            start: t(17, 12, 0),
            end: t(17, 14, 0),
            activity: "Phones".into(),
            reason: "quiet afternoon".into(),
            slots: 1,
            offered_to: OfferedTo::Agents(vec!["ben".into()]),
        })
        .unwrap();
    let done = ws.time_off().answer(vto.id, "ben", Answer::Accept).unwrap();
    assert_eq!(done.schedule[0].changed, ["ben"]);
    let s = shift_of(&mut ws, id, "ben", 17);
    assert_eq!((s.start, s.end), (t(17, 8, 0), t(17, 12, 0)));
    assert_eq!(acts(&s), [act("Break", 1100, 1130)]);
}
