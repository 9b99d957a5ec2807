//! The store test suite against both backends: every test runs once on a SQLite file and
//! once on a fresh PostgreSQL database of the test cluster (`scripts/postgres.sh`;
//! skipped, saying so, without one unless `WFM_REQUIRE_POSTGRES=1`). The tests go through
//! the `Workspace` and the `WorkspaceStore` trait only, so the two backends must behave
//! alike: settings, queues, groups, history, documents and every "only one" rule,
//! publications, schedule edits and undo, the check, and the location's dispatch.

#[path = "common/backend.rs"]
mod backend;

use backend::{Backend, on_both_backends};
use chrono::{TimeZone, Utc};
use wfm::core::IntervalLength;
use wfm::core::history::{Granularity, HistoryRecord, QueueId, QueueIx, QueueTable};
use wfm::store::{
    DocumentId, DocumentInfo, DocumentKind, DocumentStatus, GroupEdit, NewDocument,
    NewScheduleChange, SourceKind, WorkspaceStore,
};
use wfm::{ItemKind, Refused, WfmError, Workspace};

impl Backend {
    /// A new workspace (30-minute interval, UTC).
    fn create(&self) -> Workspace {
        Workspace::create(self.path(), IntervalLength::Thirty, None).unwrap()
    }
}

on_both_backends!(
    settings_are_kept_and_a_second_create_is_refused,
    queues_and_groups_follow_their_rules,
    records_round_trip_and_a_source_is_removed_whole,
    a_failed_fill_stores_nothing,
    a_csv_import_names_queues_and_loads_per_queue,
    documents_follow_the_draft_published_lifecycle,
    a_second_connection_replaces_the_one_draft_in_place,
    a_draft_published_meanwhile_is_not_replaced,
    plan_names_are_unique_and_scenario_names_per_group,
    a_publication_on_a_changed_state_is_refused,
    superseding_keeps_what_is_used,
    a_read_only_workspace_cannot_write,
    a_forecast_of_a_deleted_group_is_not_stored,
    schedule_edits_are_versioned_logged_and_undone,
    a_failing_undo_changes_nothing,
    edits_and_undos_append_their_change_records,
    the_check_finds_a_damaged_chunk,
);

fn q(id: &str) -> QueueId {
    id.parse().unwrap()
}

fn settings_are_kept_and_a_second_create_is_refused(b: Backend) {
    let ws = Workspace::create(
        b.path(),
        IntervalLength::Fifteen,
        Some(chrono_tz::Europe::Berlin),
    )
    .unwrap();
    let s = ws.settings().unwrap();
    assert_eq!(s.interval, IntervalLength::Fifteen);
    assert_eq!(s.time_zone, chrono_tz::Europe::Berlin);
    drop(ws);
    let again = Workspace::open(b.path()).unwrap().settings().unwrap();
    assert_eq!(again, s);
    let err = Workspace::create(b.path(), IntervalLength::Thirty, None).unwrap_err();
    assert!(matches!(err, WfmError::Conflict { .. }), "{err}");
    let (found, known) = Workspace::schema_versions(b.path()).unwrap();
    assert_eq!(found, known);
    assert_eq!(Workspace::upgrade(b.path()).unwrap(), None);
}

fn queues_and_groups_follow_their_rules(b: Backend) {
    let mut ws = b.create();
    assert_eq!(
        ws.create_group("Sales", &[q("1001"), q("1002")])
            .unwrap()
            .len(),
        2
    );
    let err = ws.create_group("Sales", &[]).unwrap_err();
    assert!(matches!(err, WfmError::Conflict { .. }), "{err}");
    let err = ws.create_group("Care", &[q("1001")]).unwrap_err();
    assert!(
        matches!(&err, WfmError::InUse { used_by, .. } if used_by.name == "Sales"),
        "{err}"
    );
    // the refused group left nothing behind
    assert_eq!(ws.groups().unwrap().len(), 1);
    assert!(matches!(
        ws.create_group(" bad", &[]),
        Err(WfmError::InvalidArgument { .. })
    ));
    ws.create_group("Care", &[q("2001")]).unwrap();
    let edit = GroupEdit {
        add: vec![q("1003")],
        remove: vec![q("1002")],
        rename: Some("Sales EU".into()),
    };
    assert_eq!(ws.edit_group("Sales", &edit).unwrap(), [q("1003")]);
    let groups = ws.groups().unwrap();
    let names: Vec<(&str, Vec<&str>)> = groups
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.queues.iter().map(QueueId::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("Care", vec!["2001"]), ("Sales EU", vec!["1001", "1003"])]
    );
    let err = ws
        .edit_group(
            "Sales EU",
            &GroupEdit {
                rename: Some("Care".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, WfmError::Conflict { .. }), "{err}");
    let err = ws
        .edit_group(
            "Sales EU",
            &GroupEdit {
                remove: vec![q("9")],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, WfmError::NotFound { .. }), "{err}");
    assert!(matches!(
        ws.edit_group("Nope", &GroupEdit::default()),
        Err(WfmError::NotFound { .. })
    ));
    ws.set_queue_active(&q("1002"), false).unwrap();
    ws.set_queue_time_zone(&q("1001"), Some(chrono_tz::Europe::Berlin))
        .unwrap();
    assert!(matches!(
        ws.set_queue_active(&q("9"), false),
        Err(WfmError::NotFound { .. })
    ));
    assert!(matches!(
        ws.set_queue_time_zone(&q("9"), None),
        Err(WfmError::NotFound { .. })
    ));
    let queues = ws.queues().unwrap();
    let row = |id: &str| queues.iter().find(|x| x.id.as_str() == id).unwrap();
    assert_eq!(queues.len(), 4);
    assert!(!row("1002").active && row("1002").group.is_none());
    assert_eq!(row("1001").time_zone, Some(chrono_tz::Europe::Berlin));
    assert_eq!(row("1001").group.as_deref(), Some("Sales EU"));
    assert_eq!(row("1001").name, "1001");
    ws.delete_group("Care").unwrap();
    assert!(matches!(
        ws.delete_group("Care"),
        Err(WfmError::NotFound { .. })
    ));
    assert!(row("2001").group.is_some());
    assert!(
        ws.queues()
            .unwrap()
            .iter()
            .all(|x| x.id.as_str() != "2001" || x.group.is_none())
    );
}

fn records(n: i64) -> (QueueTable, Vec<HistoryRecord>) {
    let mut queues = QueueTable::new();
    let q = queues.intern(q("q1"), "Sales");
    let rs = (0..n)
        .map(|i| HistoryRecord {
            queue: q,
            channel: if i % 2 == 0 {
                wfm::core::Channel::Voice
            } else {
                wfm::core::Channel::Chat
            },
            granularity: Granularity::Interval(IntervalLength::Thirty),
            start: (i / 2) * 1800,
            volume: i as u64,
            aht_seconds: 100.5,
            handled: 1,
        })
        .collect();
    (queues, rs)
}

fn records_round_trip_and_a_source_is_removed_whole(b: Backend) {
    let mut ws = b.create();
    let (queues, rs) = records(150_001);
    let out = ws
        .backend_mut()
        .unwrap()
        .import_source("f.csv", SourceKind::History, &mut |sink| {
            for part in rs.chunks(7_777) {
                sink.add(part, &queues)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(out.source.rows, 150_001);
    assert_eq!(out.new_queues, [(q("q1"), "Sales".to_owned())]);
    assert_eq!(out.source.volume, (0..150_001u64).sum::<u64>());
    let loaded = ws.load_history(None).unwrap();
    let mut expected = rs.clone();
    expected.sort_unstable_by_key(HistoryRecord::key);
    assert_eq!(loaded.layers.effective_records(), expected);
    assert_eq!(loaded.queues.id(QueueIx(0)).as_str(), "q1");
    assert_eq!(ws.queues().unwrap()[0].channels, ["CHAT", "VOICE"]);
    assert!(ws.check().unwrap().is_empty());
    let info = ws.remove_source(out.source.id).unwrap();
    assert_eq!(info.rows, 150_001);
    assert!(ws.sources().unwrap().is_empty());
    assert!(
        ws.load_history(None)
            .unwrap()
            .layers
            .effective_records()
            .is_empty()
    );
    assert_eq!(b.count("history_chunk"), 0);
    assert!(matches!(
        ws.remove_source(out.source.id),
        Err(WfmError::NotFound { .. })
    ));
}

fn a_failed_fill_stores_nothing(b: Backend) {
    let mut ws = b.create();
    let (queues, rs) = records(200_000);
    let err = ws
        .backend_mut()
        .unwrap()
        .import_source("f.csv", SourceKind::History, &mut |sink| {
            sink.add(&rs, &queues)?;
            Err(WfmError::Precondition {
                what: "late error".into(),
            })
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "late error");
    assert!(ws.sources().unwrap().is_empty());
    assert!(ws.queues().unwrap().is_empty());
    assert_eq!(b.count("history_chunk"), 0);
}

const CSV: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
    Sales,1001,VOICE,2024-07-01T08:00:00Z,30mins,12,240,11\n\
    Sales,1001,VOICE,2024-07-01T08:30:00Z,30mins,10,200,10\n\
    Care,2001,CHAT,2024-07-01T08:00:00Z,30mins,5,300,5\n";

fn a_csv_import_names_queues_and_loads_per_queue(b: Backend) {
    let mut ws = b.create();
    // a queue registered by a group has no name until history names it
    ws.create_group("Sales", &[q("1001")]).unwrap();
    let out = ws
        .import_history_text("day.csv", CSV.as_bytes(), None)
        .unwrap();
    assert_eq!(out.source.rows, 3);
    assert_eq!(out.source.volume, 27);
    assert_eq!(out.new_queues, [(q("2001"), "Care".to_owned())]);
    let names: Vec<String> = ws.queues().unwrap().into_iter().map(|x| x.name).collect();
    assert_eq!(names, ["Sales", "Care"]);
    let only = ws.load_history(Some(&[q("1001")])).unwrap();
    assert_eq!(only.layers.effective_records().len(), 2);
    let second = ws
        .import_history_text("again.csv", CSV.as_bytes(), None)
        .unwrap();
    assert!(second.new_queues.is_empty());
    let sources = ws.sources().unwrap();
    assert_eq!(sources.len(), 2);
    assert!(sources[0].id < sources[1].id);
    assert_eq!(
        sources[0].first_start,
        Some(Utc.with_ymd_and_hms(2024, 7, 1, 8, 0, 0).unwrap())
    );
}

fn forecast(name: &str, payload: &[u8]) -> NewDocument {
    NewDocument::new(DocumentKind::Forecast, "Sales", name, payload.to_vec())
}

/// A workspace with the forecast group Sales.
fn sales(b: &Backend) -> Workspace {
    let mut ws = b.create();
    ws.create_group("Sales", &[]).unwrap();
    ws
}

fn documents_follow_the_draft_published_lifecycle(b: Backend) {
    let mut ws = sales(&b);
    let s = ws.backend_mut().unwrap();
    let f = s.put_document(&forecast("long", b"f1")).unwrap();
    assert_eq!((f.status, f.bytes), (DocumentStatus::Draft, 2));
    let mut plan = NewDocument::new(DocumentKind::Plan, "Sales", "base", b"p".to_vec());
    plan.uses = vec![f.id];
    let p = s.put_document(&plan).unwrap();
    assert_eq!(p.uses, [f.id]);
    let f = s.replace_document(f.id, "v2", b"f2!", &[]).unwrap();
    assert_eq!((f.summary.as_str(), f.bytes), ("v2", 3));
    let published = s.publish_document(p.id).unwrap();
    assert_eq!(published.status, DocumentStatus::Published);
    assert!(published.published_at.is_some());
    let err = s.replace_document(p.id, "", b"x", &[]).unwrap_err();
    assert!(
        matches!(&err, WfmError::AlreadyPublished { item, refused: Refused::Change }
            if item.id == Some(p.id)),
        "{err}"
    );
    let err = s.publish_document(p.id).unwrap_err();
    assert!(
        matches!(&err, WfmError::AlreadyPublished { item, refused: Refused::Publish }
            if item.id == Some(p.id)),
        "{err}"
    );
    // the forecast is used by the published plan: it stays
    let err = s.delete_document(f.id).unwrap_err();
    assert!(
        matches!(&err, WfmError::InUse { item, used_by }
            if item.id == Some(f.id) && used_by.id == Some(p.id)),
        "{err}"
    );
    assert!(
        err.to_string().contains("used by the published plan"),
        "{err}"
    );
    assert_eq!(s.document(f.id).unwrap().1, b"f2!");
    // a draft user does not protect what it uses
    let f2 = s.put_document(&forecast("short", b"")).unwrap();
    let mut draft = NewDocument::new(DocumentKind::Plan, "Sales", "alt", vec![]);
    draft.uses = vec![f2.id];
    let d = s.put_document(&draft).unwrap();
    s.delete_document(f2.id).unwrap();
    assert!(s.document(d.id).unwrap().0.uses.is_empty());
    let plans = s.documents(DocumentKind::Plan, Some("Sales")).unwrap();
    assert_eq!(plans.iter().map(|d| d.id).collect::<Vec<_>>(), [p.id, d.id]);
    assert!(
        s.documents(DocumentKind::Plan, Some("Care"))
            .unwrap()
            .is_empty()
    );
    let mut bad = NewDocument::new(DocumentKind::Plan, "Sales", "x", vec![]);
    bad.uses = vec![DocumentId(999)];
    assert!(matches!(
        s.put_document(&bad),
        Err(WfmError::NotFound { .. })
    ));
    let mut own = NewDocument::new(DocumentKind::Plan, "Sales", "y", vec![]);
    own.uses = vec![DocumentId(-1)];
    assert!(s.put_document(&own).is_err());
    assert_eq!(s.documents(DocumentKind::Plan, None).unwrap().len(), 2);
    assert!(matches!(
        s.document(DocumentId(999)),
        Err(WfmError::NotFound { .. })
    ));
    assert!(matches!(
        s.delete_document(DocumentId(999)),
        Err(WfmError::NotFound { .. })
    ));
}

fn a_second_connection_replaces_the_one_draft_in_place(b: Backend) {
    let mut a = sales(&b);
    let mut other = b.open();
    let (first, replaced) = a
        .backend_mut()
        .unwrap()
        .put_draft(&forecast("short", b"a"))
        .unwrap();
    assert!(!replaced);
    let (second, replaced) = other
        .backend_mut()
        .unwrap()
        .put_draft(&forecast("short", b"b"))
        .unwrap();
    assert!(replaced);
    assert_eq!(first.id, second.id);
    let err = other
        .backend_mut()
        .unwrap()
        .put_document(&forecast("short", b"c"))
        .unwrap_err();
    assert!(
        matches!(&err, WfmError::Conflict { item }
            if item.kind == ItemKind::Document(DocumentKind::Forecast)
                && item.scope.as_deref() == Some("Sales") && item.name == "short"),
        "{err}"
    );
    let drafts = a.documents(DocumentKind::Forecast, Some("Sales")).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(a.backend().unwrap().document(first.id).unwrap().1, b"b");
}

fn a_draft_published_meanwhile_is_not_replaced(b: Backend) {
    let mut ws = sales(&b);
    let s = ws.backend_mut().unwrap();
    let (draft, _) = s.put_draft(&forecast("long", b"1")).unwrap();
    s.publish_document(draft.id).unwrap();
    let (new, replaced) = s.put_draft(&forecast("long", b"2")).unwrap();
    assert!(!replaced);
    assert_ne!(new.id, draft.id);
    assert_eq!(s.document(draft.id).unwrap().1, b"1");
}

fn plan_names_are_unique_and_scenario_names_per_group(b: Backend) {
    let mut ws = sales(&b);
    let s = ws.backend_mut().unwrap();
    let plan = |scope: &str| NewDocument::new(DocumentKind::Plan, scope, "DUP", vec![]);
    s.put_document(&plan("Sales")).unwrap();
    assert!(matches!(
        s.put_document(&plan("Care")),
        Err(WfmError::Conflict { item }) if item.kind == ItemKind::Document(DocumentKind::Plan)
    ));
    let scenario = |scope: &str| NewDocument::new(DocumentKind::Scenario, scope, "B", vec![]);
    s.put_document(&scenario("Sales")).unwrap();
    s.put_document(&scenario("Care")).unwrap();
    assert!(matches!(
        s.put_document(&scenario("Care")),
        Err(WfmError::Conflict { item }) if item.kind == ItemKind::Document(DocumentKind::Scenario)
    ));
    // the refused inserts left nothing
    assert_eq!(s.documents(DocumentKind::Plan, None).unwrap().len(), 1);
    assert_eq!(s.documents(DocumentKind::Scenario, None).unwrap().len(), 2);
}

fn a_publication_on_a_changed_state_is_refused(b: Backend) {
    let mut ws = b.create();
    let s = ws.backend_mut().unwrap();
    let schedule = |name: &str| NewDocument::new(DocumentKind::Schedule, "Support", name, vec![]);
    let old = s.put_document(&schedule("week 1")).unwrap();
    s.publish_document(old.id).unwrap();
    let (a, c) = (
        s.put_document(&schedule("week 1 a")).unwrap(),
        s.put_document(&schedule("week 1 b")).unwrap(),
    );
    let done = s.publish_replacing(a.id, &[old.id], &[old.id]).unwrap();
    assert_eq!(done.deleted, [old.id]);
    assert_eq!(done.info.status, DocumentStatus::Published);
    let err = s.publish_replacing(c.id, &[old.id], &[old.id]).unwrap_err();
    assert!(
        matches!(&err, WfmError::Changed { kind: DocumentKind::Schedule, scope } if scope == "Support"),
        "{err}"
    );
    let published: Vec<DocumentId> = s
        .documents(DocumentKind::Schedule, None)
        .unwrap()
        .into_iter()
        .filter(|d| d.status == DocumentStatus::Published)
        .map(|d| d.id)
        .collect();
    assert_eq!(published, [a.id]);
    // a replaced document that a published one uses is kept, with the reason
    let mut user = NewDocument::new(DocumentKind::Plan, "Support", "p", vec![]);
    user.uses = vec![a.id];
    let user = s.put_document(&user).unwrap();
    s.publish_document(user.id).unwrap();
    let done = s.publish_replacing(c.id, &[a.id], &[a.id]).unwrap();
    assert!(done.deleted.is_empty());
    assert_eq!(done.kept.len(), 1);
    assert_eq!(done.kept[0].0, a.id);
}

fn superseding_keeps_what_is_used(b: Backend) {
    let mut ws = b.create();
    let s = ws.backend_mut().unwrap();
    let fte = |n: &str| NewDocument::new(DocumentKind::Fte, "Sales", n, n.as_bytes().to_vec());
    let first = s.put_document(&fte("1")).unwrap();
    let second = s.put_superseding(&fte("2")).unwrap();
    assert_eq!(second.deleted, [first.id]);
    let mut user = NewDocument::new(DocumentKind::Plan, "Sales", "p", vec![]);
    user.uses = vec![second.info.id];
    s.put_document(&user).unwrap();
    let third = s.put_superseding(&fte("3")).unwrap();
    assert!(third.deleted.is_empty());
    assert_eq!(third.kept.len(), 1);
    assert_eq!(third.kept[0].0, second.info.id);
    assert_eq!(
        s.documents(DocumentKind::Fte, Some("Sales")).unwrap().len(),
        2
    );
}

fn a_read_only_workspace_cannot_write(b: Backend) {
    drop(sales(&b));
    let mut ws = Workspace::open_read_only(b.path()).unwrap();
    // raw write access is refused: its audit entry cannot be written
    assert!(ws.backend_mut().is_err());
    let mut raw = ws.location().open(true).unwrap();
    assert!(raw.put_document(&forecast("short", b"x")).is_err());
    assert!(ws.create_group("Care", &[]).is_err());
    assert!(
        ws.documents(DocumentKind::Forecast, None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(ws.groups().unwrap().len(), 1);
}

fn a_forecast_of_a_deleted_group_is_not_stored(b: Backend) {
    let mut ws = sales(&b);
    ws.delete_group("Sales").unwrap();
    let err = ws
        .backend_mut()
        .unwrap()
        .put_draft(&forecast("short", b"x"))
        .unwrap_err();
    assert!(
        matches!(&err, WfmError::NotFound { item }
            if item.kind == ItemKind::ForecastGroup && item.name == "Sales"),
        "{err}"
    );
    // and a group with a forecast is not deleted, in the same transaction
    ws.create_group("Care", &[]).unwrap();
    ws.backend_mut()
        .unwrap()
        .put_document(&NewDocument::new(
            DocumentKind::Forecast,
            "Care",
            "long",
            vec![],
        ))
        .unwrap();
    let err = ws.delete_group("Care").unwrap_err();
    assert!(
        matches!(&err, WfmError::InUse { item, used_by }
            if item.kind == ItemKind::ForecastGroup && item.name == "Care"
                && used_by.kind == ItemKind::Document(DocumentKind::Forecast)
                && used_by.name == "long"),
        "{err}"
    );
}

fn change(expected: u64, payload: &[u8]) -> NewScheduleChange {
    NewScheduleChange {
        expected_version: expected,
        actor: "sam".into(),
        at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
        description: format!("to {}", String::from_utf8_lossy(payload)),
        changes: "{}".into(),
        summary: format!("s{expected}"),
        payload: payload.to_vec(),
        records: Vec::new(),
    }
}

/// A new schedule draft "w1" of Support holding "v0".
fn schedule(s: &mut dyn WorkspaceStore) -> DocumentInfo {
    s.put_document(&NewDocument::new(
        DocumentKind::Schedule,
        "Support",
        "w1",
        b"v0".to_vec(),
    ))
    .unwrap()
}

fn schedule_edits_are_versioned_logged_and_undone(b: Backend) {
    let mut ws = b.create();
    let s = ws.backend_mut().unwrap();
    let doc = schedule(s);
    assert_eq!(s.schedule_version(doc.id).unwrap(), 0);
    s.edit_schedule(doc.id, &change(0, b"v1")).unwrap();
    let second = s.edit_schedule(doc.id, &change(1, b"v2")).unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(second.actor, "sam");
    let err = s.edit_schedule(doc.id, &change(1, b"lost")).unwrap_err();
    assert!(
        matches!(&err, WfmError::StaleVersion { expected: 1, current: 2, since, .. } if since.len() == 1),
        "{err}"
    );
    assert!(matches!(
        s.edit_schedule(doc.id, &change(5, b"x")),
        Err(WfmError::StaleVersion {
            expected: 5,
            current: 2,
            ..
        })
    ));
    assert_eq!(s.document(doc.id).unwrap().1, b"v2");
    let undo = s
        .undo_schedule_edit(doc.id, Some(2), "ana", Utc::now(), &|v, now, back| {
            assert_eq!((v, now, back), (3, &b"v2"[..], &b"v1"[..]));
            Ok(Vec::new())
        })
        .unwrap();
    assert_eq!((undo.version, undo.undoes), (3, Some(2)));
    assert_eq!(s.document(doc.id).unwrap().1, b"v1");
    s.undo_schedule_edit(doc.id, None, "ana", Utc::now(), &|_, _, _| Ok(Vec::new()))
        .unwrap();
    assert_eq!(s.document(doc.id).unwrap().1, b"v0");
    let err = s
        .undo_schedule_edit(doc.id, None, "ana", Utc::now(), &|_, _, _| Ok(Vec::new()))
        .unwrap_err();
    assert!(matches!(err, WfmError::Precondition { .. }), "{err}");
    let log = s.schedule_changes(doc.id).unwrap();
    let seen: Vec<(u64, &str, bool)> = log
        .iter()
        .map(|c| (c.version, c.kind.as_str(), c.undone))
        .collect();
    assert_eq!(
        seen,
        [
            (1, "edit", true),
            (2, "edit", true),
            (3, "undo", false),
            (4, "undo", false)
        ]
    );
    let other = s
        .put_document(&NewDocument::new(
            DocumentKind::Plan,
            "Support",
            "p",
            vec![],
        ))
        .unwrap();
    assert!(matches!(
        s.schedule_version(other.id),
        Err(WfmError::NotFound { .. })
    ));
    assert!(matches!(
        s.edit_schedule(DocumentId(999), &change(0, b"x")),
        Err(WfmError::NotFound { .. })
    ));
}

fn a_failing_undo_changes_nothing(b: Backend) {
    let mut ws = b.create();
    let s = ws.backend_mut().unwrap();
    let doc = schedule(s);
    s.edit_schedule(doc.id, &change(0, b"v1")).unwrap();
    let err = s
        .undo_schedule_edit(doc.id, None, "ana", Utc::now(), &|_, _, _| {
            Err(WfmError::Precondition {
                what: "no records".into(),
            })
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "no records");
    assert_eq!(s.schedule_version(doc.id).unwrap(), 1);
    assert_eq!(s.document(doc.id).unwrap().1, b"v1");
    assert!(!s.schedule_changes(doc.id).unwrap()[0].undone);
}

fn the_check_finds_a_damaged_chunk(b: Backend) {
    let mut ws = b.create();
    ws.import_history_text("day.csv", CSV.as_bytes(), None)
        .unwrap();
    assert!(ws.check().unwrap().is_empty());
    b.sql("UPDATE history_chunk SET n = 0 WHERE queue_id = '2001'");
    let problems = ws.check().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].table, "history_chunk");
    assert!(problems[0].detail.contains("queue 2001"), "{problems:?}");
    assert!(matches!(
        ws.load_history(None),
        Err(WfmError::Damaged { .. })
    ));
    b.sql("UPDATE history_source SET volume = -1");
    assert!(
        ws.check()
            .unwrap()
            .iter()
            .any(|p| p.table == "history_source")
    );
}

fn record(schedule: DocumentId, revision: i64, agent: &str) -> wfm::store::NewChange {
    wfm::store::NewChange {
        schedule,
        revision,
        cause: wfm::store::ChangeCause::Edit,
        change: wfm::scheduler::changes::AgentChange {
            agent: agent.into(),
            dates: vec![chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()],
            before: vec![],
            after: vec![],
        },
        actor: wfm::store::Actor::new("sam"),
        at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    }
}

fn edits_and_undos_append_their_change_records(b: Backend) {
    let mut ws = b.create();
    let s = ws.backend_mut().unwrap();
    let doc = schedule(s);
    let mut edit = change(0, b"v1");
    edit.records = vec![record(doc.id, 1, "ana"), record(doc.id, 1, "ben")];
    s.edit_schedule(doc.id, &edit).unwrap();
    assert_eq!(b.count("schedule_change"), 2);
    // a refused edit appends nothing
    assert!(s.edit_schedule(doc.id, &edit).is_err());
    assert_eq!(b.count("schedule_change"), 2);
    let id = doc.id;
    s.undo_schedule_edit(doc.id, Some(1), "ana", Utc::now(), &move |v, _, _| {
        Ok(vec![record(id, v as i64, "ana")])
    })
    .unwrap();
    assert_eq!(b.count("schedule_change"), 3);
    assert_eq!(s.schedule_version(doc.id).unwrap(), 2);
}
