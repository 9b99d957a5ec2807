//! Stored editing: versions, stale edits refused naming what changed, undo exact to the
//! byte, edits of a published schedule, bad input applying nothing.

use std::path::Path;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use wfm_core::clock::FixedClock;
use wfm_core::{Channel, IntervalLength};
use wfm_scheduler::generate::{Gap, HorizonReport, IntervalForecast};
use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};

use super::*;
use crate::scheduling::workspace::import_scenario;
use crate::store::{Actor, ChangeCause, ChangeKind, DocumentKind};

/// A workspace holding the example scenario and a validator-clean schedule of it (day
/// agents Mon–Fri 12:00–20:00 UTC with break, lunch, break; lena Wed–Fri 6 h; the
/// evening team), with a steady demand 12:00–22:00.
pub(crate) fn workspace(dir: &Path) -> (Workspace, DocumentId) {
    let mut ws = Workspace::create(&dir.join("w.wfm"), IntervalLength::Thirty, None).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
    )
    .unwrap();
    let config = import_scenario(&mut ws, &text, "example.toml").unwrap();
    let scenario = Scenario::from_toml(&text, "example").unwrap();
    let at = |d, h, m| Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap();
    let shift = |d: u32, h, minutes: i64, acts: &[(&str, i64, i64)]| {
        let start = at(d, h, 0);
        Shift {
            date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            start,
            end: start + Duration::minutes(minutes),
            activities: acts
                .iter()
                .map(|&(a, off, len)| PlacedActivity {
                    activity: a.into(),
                    start: start + Duration::minutes(off),
                    end: start + Duration::minutes(off + len),
                })
                .collect(),
        }
    };
    let agents = scenario
        .agents()
        .into_iter()
        .map(|a| AgentSchedule {
            agent: a.to_owned(),
            shifts: match a {
                "lena" => (4..=6)
                    .map(|d| shift(d, 12, 360, &[("Break", 120, 15), ("Lunch", 210, 30)]))
                    .collect(),
                "max" | "nora" | "omar" | "pia" => (2..=6)
                    .map(|d| shift(d, 21, 300, &[("Break", 120, 15)]))
                    .collect(),
                _ => (2..=6)
                    .map(|d| {
                        shift(
                            d,
                            12,
                            480,
                            &[("Break", 120, 15), ("Lunch", 240, 30), ("Break", 360, 15)],
                        )
                    })
                    .collect(),
            },
        })
        .collect();
    let schedule = Schedule { agents };
    let report = HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0);
    let demand = (0..7 * 96)
        .map(|i| IntervalForecast {
            volume: if (48..88).contains(&(i % 96)) {
                25.0
            } else {
                0.0
            },
            aht_seconds: 300.0,
        })
        .collect();
    let stored = StoredSchedule {
        forecast_group: "Support".into(),
        staffing_groups: vec!["Day team".into(), "Evening team".into()],
        start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
        channel: Channel::Voice,
        scenario_id: config.info.id,
        scenario: scenario.config().clone(),
        forecast_id: config.info.id,
        schedule,
        report,
        demand,
        created_at: String::new(),
        annotations: Default::default(),
    };
    let doc = ws
        .put_json(
            DocumentKind::Schedule,
            "Support",
            "week 10",
            "",
            &[],
            &stored,
        )
        .unwrap();
    ws.set_actor(Actor::new("sam"));
    ws.set_clock(std::sync::Arc::new(FixedClock::new(at(1, 9, 0))));
    (ws, doc.id)
}

fn batch(text: &str) -> EditBatch {
    EditBatch::parse(text, "changes.jsonl").unwrap()
}

const MOVE: &str =
    r#"{"op":"move_shift","agent":"ana","date":"2026-03-02","start":"2026-03-02T13:00:00Z"}"#;
const LONGER: &str =
    r#"{"op":"resize_shift","agent":"ben","date":"2026-03-02","end":"2026-03-02T21:00:00Z"}"#;

#[test]
fn an_edit_is_stored_as_the_next_version_and_a_stale_one_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    assert_eq!(schedule_version(&ws, id).unwrap(), 0);
    let done = edit_schedule(&mut ws, id, &batch(MOVE), 0, &EditOptions::default()).unwrap();
    assert_eq!(
        (done.version, done.changed.as_slice()),
        (1, &["ana".to_owned()][..])
    );
    assert!(
        done.violations.iter().all(|v| !v.contains("ana")),
        "{:?}",
        done.violations
    );
    let (_, s) = load_schedule(&ws, id).unwrap();
    assert_eq!(
        s.schedule.agents[0].shifts[0].start.to_rfc3339(),
        "2026-03-02T13:00:00+00:00"
    );
    // made on version 0 again: refused, naming the change since
    let e = edit_schedule(&mut ws, id, &batch(LONGER), 0, &EditOptions::default()).unwrap_err();
    assert!(
        matches!(&e, WfmError::StaleVersion { expected: 0, current: 1, since, .. } if since.len() == 1),
        "{e}"
    );
    assert!(
        e.to_string().contains(
            "version 1 (edit by sam at 2026-03-01T09:00:00Z: 1 edit(s); 1 agent(s) changed)"
        ),
        "{e}"
    );
    assert_eq!(schedule_version(&ws, id).unwrap(), 1);
    // ben's longer Monday breaks his weekly maximum: skipped, nothing stored
    let done = edit_schedule(&mut ws, id, &batch(LONGER), 1, &EditOptions::default()).unwrap();
    assert_eq!(
        (done.change.is_none(), done.skipped.as_slice()),
        (true, &["ben".to_owned()][..])
    );
    assert!(
        done.log[0].to_string().contains("WeeklyMaxHours"),
        "{}",
        done.log[0]
    );
}

#[test]
fn undo_restores_the_document_byte_for_byte_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    let bytes = |ws: &Workspace| ws.store().document(id).unwrap().1;
    let v0 = bytes(&ws);
    edit_schedule(&mut ws, id, &batch(MOVE), 0, &EditOptions::default()).unwrap();
    let v1 = bytes(&ws);
    let comment = r#"{"op":"comment","agent":"ben","date":"2026-03-03","text":"training 14:00"}"#;
    edit_schedule(&mut ws, id, &batch(comment), 1, &EditOptions::default()).unwrap();
    assert_ne!(bytes(&ws), v1);
    let u = undo_schedule_edit(&mut ws, id, Some(2)).unwrap();
    assert_eq!(
        (u.kind, u.undoes, u.version),
        (ChangeKind::Undo, Some(2), 3)
    );
    assert_eq!(bytes(&ws), v1);
    undo_schedule_edit(&mut ws, id, None).unwrap();
    assert_eq!(bytes(&ws), v0);
    let e = undo_schedule_edit(&mut ws, id, None).unwrap_err();
    assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
    let log = schedule_changes(&ws, id).unwrap();
    assert_eq!(log.len(), 4);
    assert!(log[0].undone && log[1].undone);
    assert!(log[0].changes.contains("move_shift"));
}

#[test]
fn a_published_schedule_is_edited_in_place_and_bad_input_applies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    ws.publish_document(id).unwrap();
    edit_schedule(&mut ws, id, &batch(MOVE), 0, &EditOptions::default()).unwrap();
    let before = ws.store().document(id).unwrap().1;
    let bad =
        format!("{MOVE}\n{{\"op\":\"delete_shift\",\"agent\":\"zoe\",\"date\":\"2026-03-02\"}}");
    let e = edit_schedule(&mut ws, id, &batch(&bad), 1, &EditOptions::default()).unwrap_err();
    let WfmError::InvalidInput { errors, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "agent"));
    assert_eq!(ws.store().document(id).unwrap().1, before);
    assert_eq!(schedule_version(&ws, id).unwrap(), 1);
}

/// Issue 21 item 6 across the merge: an edit of a published schedule writes one change
/// record per agent whose shifts changed, in its transaction; a draft's edit writes none.
#[test]
fn an_edit_of_a_published_schedule_writes_change_records_and_a_drafts_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    edit_schedule(&mut ws, id, &batch(MOVE), 0, &EditOptions::default()).unwrap();
    assert!(
        ws.schedules()
            .changes_since(0, 100)
            .unwrap()
            .records
            .is_empty()
    );
    ws.publish_document(id).unwrap();
    let comment = r#"{"op":"comment","agent":"ben","date":"2026-03-03","text":"training"}"#;
    edit_schedule(&mut ws, id, &batch(comment), 1, &EditOptions::default()).unwrap();
    // a comment changes no shift: no agent is told
    assert!(
        ws.schedules()
            .changes_since(0, 100)
            .unwrap()
            .records
            .is_empty()
    );
    let back = MOVE.replace("13:00", "12:00");
    assert_ne!(back, MOVE, "the edit must move the shift again");
    let done = edit_schedule(&mut ws, id, &batch(&back), 2, &EditOptions::default()).unwrap();
    assert_eq!(done.changed, ["ana".to_owned()]);
    let page = ws.schedules().changes_since(0, 100).unwrap();
    assert_eq!(page.records.len(), 1, "{:?}", page.records);
    let r = &page.records[0];
    assert_eq!(
        (r.agent.as_str(), r.cause, r.revision, r.actor.as_str()),
        ("ana", ChangeCause::Edit, 3, "sam")
    );
    assert_ne!(r.before, r.after);
}

#[test]
fn an_undo_of_a_published_schedules_edit_writes_change_records_and_a_drafts_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    let records = |ws: &mut Workspace| ws.schedules().changes_since(0, 100).unwrap().records;
    // a draft: neither the edit nor its undo tells anyone
    edit_schedule(&mut ws, id, &batch(MOVE), 0, &EditOptions::default()).unwrap();
    undo_schedule_edit(&mut ws, id, Some(1)).unwrap();
    assert!(records(&mut ws).is_empty());
    ws.publish_document(id).unwrap();
    let published = records(&mut ws).len();
    edit_schedule(&mut ws, id, &batch(MOVE), 2, &EditOptions::default()).unwrap();
    let after_edit = records(&mut ws);
    assert_eq!(after_edit.len(), published + 1, "{after_edit:?}");
    let undo = undo_schedule_edit(&mut ws, id, Some(3)).unwrap();
    assert_eq!(undo.version, 4);
    let all = records(&mut ws);
    assert_eq!(all.len(), published + 2, "{all:?}");
    let (edit, back) = (&all[published], &all[published + 1]);
    assert_eq!(
        (
            back.agent.as_str(),
            back.cause,
            back.revision,
            back.actor.as_str()
        ),
        ("ana", ChangeCause::Edit, 4, "sam")
    );
    // the undo's record reverses the edit's
    assert_eq!((&back.before, &back.after), (&edit.after, &edit.before));
    // a stale undo writes nothing
    assert!(undo_schedule_edit(&mut ws, id, Some(3)).is_err());
    assert_eq!(records(&mut ws).len(), published + 2);
}

#[test]
fn meeting_slots_come_from_the_stored_schedule_and_demand() {
    use wfm_scheduler::edit::meeting::Attendees;
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace(dir.path());
    let request = MeetingRequest {
        activity: "Team meeting".into(),
        duration_minutes: 60,
        attendees: Attendees::Named(vec!["ana".into(), "ben".into()]),
        first_day: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        last_day: NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
        max_slots: 3,
    };
    let slots = meeting_slots(&ws, id, &request).unwrap();
    assert_eq!(slots.len(), 3);
    let place = EditBatch::new("meeting", vec![slots[0].edit("Team meeting", None)]);
    let done = edit_schedule(&mut ws, id, &place, 0, &EditOptions::default()).unwrap();
    assert_eq!(done.changed.len(), 2, "{:?}", done.log);
    let (_, s) = load_schedule(&ws, id).unwrap();
    assert_eq!(s.annotations.shared[0].agents, ["ana", "ben"]);
}

mod undo_property {
    use proptest::prelude::*;

    use super::*;

    const LINES: [&str; 6] = [
        MOVE,
        LONGER,
        r#"{"op":"comment","agent":"carla","date":"2026-03-04","text":"late start"}"#,
        r#"{"op":"delete_shift","agent":"dev","date":"2026-03-06"}"#,
        r#"{"op":"add_activity","agents":["eli","gus"],"date":"2026-03-05","activity":"Team meeting","start":"2026-03-05T12:30:00Z","shared":true}"#,
        r#"{"op":"set_activity","agent":"hana","date":"2026-03-03","activity":"Lunch","start":"2026-03-03T16:15:00Z"}"#,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Random edit sequences through the store, then undone one by one: each undo
        /// restores the document of the version before byte for byte.
        #[test]
        fn undo_restores_every_earlier_document_byte_for_byte(
            picks in prop::collection::vec((0usize..6, any::<bool>()), 1..6),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (mut ws, id) = workspace(dir.path());
            let bytes = |ws: &Workspace| ws.store().document(id).unwrap().1;
            let mut seen = vec![bytes(&ws)];
            for (k, override_rules) in picks {
                let version = schedule_version(&ws, id).unwrap();
                let options = EditOptions { override_rules, ..EditOptions::default() };
                match edit_schedule(&mut ws, id, &batch(LINES[k]), version, &options) {
                    Ok(done) if done.change.is_some() => seen.push(bytes(&ws)),
                    Ok(_) => {}
                    // deleting a shift deleted already: nothing applied
                    Err(WfmError::InvalidInput { .. }) => prop_assert_eq!(&bytes(&ws), seen.last().unwrap()),
                    Err(e) => prop_assert!(false, "{e}"),
                }
            }
            seen.pop();
            while let Some(previous) = seen.pop() {
                undo_schedule_edit(&mut ws, id, None).unwrap();
                prop_assert_eq!(bytes(&ws), previous);
            }
            prop_assert!(undo_schedule_edit(&mut ws, id, None).is_err());
        }
    }
}
