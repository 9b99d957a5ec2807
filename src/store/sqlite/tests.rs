//! Tests of the SQLite store: history chunks, the document lifecycle, the "only one …"
//! constraints under concurrent connections, schema versions and upgrades.

use super::*;
use crate::error::Refused;
use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueIx, QueueTable};

/// A workspace with the forecast group Sales (no queues).
fn store(dir: &Path) -> SqliteStore {
    let settings = WorkspaceSettings::new(IntervalLength::Thirty, chrono_tz::UTC);
    let mut s = SqliteStore::create(&dir.join("w.wfm"), &settings).unwrap();
    s.create_group("Sales", &[]).unwrap();
    s
}

fn records(n: i64) -> (QueueTable, Vec<HistoryRecord>) {
    let mut queues = QueueTable::new();
    let q = queues.intern(QueueId::new("q1").unwrap(), "Sales");
    let rs = (0..n)
        .map(|i| HistoryRecord {
            queue: q,
            channel: if i % 2 == 0 {
                Channel::Voice
            } else {
                Channel::Chat
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

#[test]
fn schema_is_versioned_and_newer_versions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    assert_eq!(s.schema_version().unwrap(), schema::current());
    s.conn.pragma_update(None, "user_version", 99).unwrap();
    drop(s);
    let err = SqliteStore::open(&dir.path().join("w.wfm")).unwrap_err();
    assert!(err.to_string().contains("schema version 99"), "{err}");
}

fn forecast(name: &str, payload: &[u8]) -> NewDocument {
    NewDocument::new(DocumentKind::Forecast, "Sales", name, payload.to_vec())
}

#[test]
fn racing_computes_left_one_draft_per_group_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store(dir.path());
    let mut b = SqliteStore::open(&dir.path().join("w.wfm")).unwrap();
    let (first, replaced) = a.put_draft(&forecast("short", b"a")).unwrap();
    assert!(!replaced);
    // another connection (another process) stores its draft: it replaces, in place
    let (second, replaced) = b.put_draft(&forecast("short", b"b")).unwrap();
    assert!(replaced);
    assert_eq!(first.id, second.id);
    // a plain second insert is refused by the constraint, naming the document
    let err = b.put_document(&forecast("short", b"c")).unwrap_err();
    assert!(
        matches!(&err, WfmError::Conflict { item }
            if item.kind == ItemKind::Document(DocumentKind::Forecast)
                && item.scope.as_deref() == Some("Sales") && item.name == "short"),
        "{err}"
    );
    let drafts = a.documents(DocumentKind::Forecast, Some("Sales")).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(a.document(first.id).unwrap().1, b"b");
}

#[test]
fn a_draft_published_meanwhile_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let (draft, _) = s.put_draft(&forecast("long", b"1")).unwrap();
    s.publish_document(draft.id).unwrap();
    let (new, replaced) = s.put_draft(&forecast("long", b"2")).unwrap();
    assert!(!replaced);
    assert_ne!(new.id, draft.id);
    assert_eq!(s.document(draft.id).unwrap().1, b"1");
}

#[test]
fn plan_names_are_unique_across_groups_and_scenarios_per_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
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
        Err(WfmError::Conflict { item })
            if item.kind == ItemKind::Document(DocumentKind::Scenario)
    ));
}

#[test]
fn the_upgrade_resolves_duplicates_that_races_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.wfm");
    let mut s = store(dir.path());
    // a version-3 workspace: no constraints, not marked
    s.conn
        .execute_batch(
            "DROP INDEX document_one_draft; DROP INDEX document_plan_name;
             DROP INDEX document_scenario_name;
             DROP TABLE schedule_change;
             DROP TABLE adherence_exception; DROP TABLE adherence_day;
             DROP TABLE agent_event; DROP TABLE adherence_import;
             PRAGMA application_id = 0; PRAGMA user_version = 3;",
        )
        .unwrap();
    let old = s.put_document(&forecast("short", b"old")).unwrap();
    let new = s.put_document(&forecast("short", b"new")).unwrap();
    // an older duplicate draft that a document uses is kept, renamed
    let used = s.put_document(&forecast("long", b"used")).unwrap();
    let mut user = NewDocument::new(DocumentKind::Plan, "Sales", "user", vec![]);
    user.uses = vec![used.id];
    s.put_document(&user).unwrap();
    let long = s.put_document(&forecast("long", b"newest")).unwrap();
    let plan = NewDocument::new(DocumentKind::Plan, "Sales", "DUP", vec![]);
    let (p1, p2) = (
        s.put_document(&plan).unwrap(),
        s.put_document(&plan).unwrap(),
    );
    drop(s);
    assert!(matches!(
        SqliteStore::open(&path),
        Err(WfmError::SchemaVersion { found: 3, .. })
    ));
    assert_eq!(
        SqliteStore::upgrade(&path).unwrap(),
        Some((3, schema::current()))
    );
    let s = SqliteStore::open(&path).unwrap();
    let drafts = s.documents(DocumentKind::Forecast, None).unwrap();
    let names: Vec<(DocumentId, &str)> = drafts.iter().map(|d| (d.id, d.name.as_str())).collect();
    let renamed = format!("long ({})", used.id);
    assert_eq!(
        names,
        [
            (new.id, "short"),
            (used.id, renamed.as_str()),
            (long.id, "long")
        ]
    );
    assert!(s.document(old.id).is_err());
    let plans = s.documents(DocumentKind::Plan, None).unwrap();
    let names: Vec<(DocumentId, &str)> = plans
        .iter()
        .filter(|d| d.name != "user")
        .map(|d| (d.id, d.name.as_str()))
        .collect();
    let renamed = format!("DUP ({})", p1.id);
    assert_eq!(names, [(p1.id, renamed.as_str()), (p2.id, "DUP")]);
    let app: i32 = s
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, schema::APPLICATION_ID);
}

#[test]
fn two_racing_schedule_publications_could_both_stand() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let schedule = |name: &str| NewDocument::new(DocumentKind::Schedule, "Support", name, vec![]);
    let old = s.put_document(&schedule("week 1")).unwrap();
    s.publish_document(old.id).unwrap();
    let (a, b) = (
        s.put_document(&schedule("week 1 a")).unwrap(),
        s.put_document(&schedule("week 1 b")).unwrap(),
    );
    // both runs decided on the same state: `old` published, to be replaced
    let done = s.publish_replacing(a.id, &[old.id], &[old.id]).unwrap();
    assert_eq!(done.deleted, [old.id]);
    let err = s.publish_replacing(b.id, &[old.id], &[old.id]).unwrap_err();
    assert!(
        matches!(&err, WfmError::Changed { kind: DocumentKind::Schedule, scope } if scope == "Support"),
        "{err}"
    );
    let published: Vec<DocumentId> = s
        .documents(DocumentKind::Schedule, None)
        .unwrap()
        .into_iter()
        .filter(|d| d.status == crate::store::DocumentStatus::Published)
        .map(|d| d.id)
        .collect();
    assert_eq!(published, [a.id]);
}

#[test]
fn a_read_only_store_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    drop(store(dir.path()));
    let mut s = SqliteStore::open_read_only(&dir.path().join("w.wfm")).unwrap();
    assert!(s.put_document(&forecast("short", b"x")).is_err());
    assert!(
        s.documents(DocumentKind::Forecast, None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_forecast_of_a_group_deleted_meanwhile_is_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    s.delete_group("Sales").unwrap();
    let err = s.put_draft(&forecast("short", b"x")).unwrap_err();
    assert!(
        matches!(&err, WfmError::NotFound { item }
            if item.kind == ItemKind::ForecastGroup && item.name == "Sales"),
        "{err}"
    );
    // and a group with a forecast is not deleted, in the same transaction
    s.create_group("Care", &[]).unwrap();
    s.put_document(&NewDocument::new(
        DocumentKind::Forecast,
        "Care",
        "long",
        vec![],
    ))
    .unwrap();
    let err = s.delete_group("Care").unwrap_err();
    assert!(
        matches!(&err, WfmError::InUse { item, used_by }
            if item.kind == ItemKind::ForecastGroup && item.name == "Care"
                && used_by.kind == ItemKind::Document(DocumentKind::Forecast)
                && used_by.name == "long"),
        "{err}"
    );
}

#[test]
fn a_failed_fill_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let (queues, rs) = records(200_000);
    let err = s
        .import_source("f.csv", SourceKind::History, &mut |sink| {
            sink.add(&rs, &queues)?;
            Err(WfmError::Precondition {
                what: "late error".into(),
            })
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "late error");
    assert!(s.sources().unwrap().is_empty());
    assert!(s.queues().unwrap().is_empty());
}

#[test]
fn records_round_trip_through_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let (queues, rs) = records(150_001);
    let out = s
        .import_source("f.csv", SourceKind::History, &mut |sink| {
            for part in rs.chunks(7_777) {
                sink.add(part, &queues)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(out.source.rows, 150_001);
    assert_eq!(out.new_queues.len(), 1);
    let loaded = s.load_history(None).unwrap();
    let mut expected = rs.clone();
    expected.sort_unstable_by_key(HistoryRecord::key);
    assert_eq!(loaded.layers.effective_records(), expected);
    assert_eq!(loaded.queues.id(QueueIx(0)).as_str(), "q1");
    let info = s.remove_source(out.source.id).unwrap();
    assert_eq!(info.rows, 150_001);
    assert!(
        s.load_history(None)
            .unwrap()
            .layers
            .effective_records()
            .is_empty()
    );
}

#[test]
fn documents_follow_the_draft_published_lifecycle() {
    use crate::store::{DocumentKind, DocumentStatus, NewDocument};
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let f = s
        .put_document(&NewDocument::new(
            DocumentKind::Forecast,
            "Sales",
            "long",
            b"f1".to_vec(),
        ))
        .unwrap();
    assert_eq!((f.status, f.bytes), (DocumentStatus::Draft, 2));
    let mut plan = NewDocument::new(DocumentKind::Plan, "Sales", "base", b"p".to_vec());
    plan.uses = vec![f.id];
    let p = s.put_document(&plan).unwrap();
    assert_eq!(p.uses, [f.id]);
    // a draft may be replaced; publishing freezes it
    let f = s.replace_document(f.id, "v2", b"f2!", &[]).unwrap();
    assert_eq!((f.summary.as_str(), f.bytes), ("v2", 3));
    s.publish_document(p.id).unwrap();
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
    let mut draft = NewDocument::new(DocumentKind::Plan, "Sales", "alt", vec![]);
    let f2 = s
        .put_document(&NewDocument::new(
            DocumentKind::Forecast,
            "Sales",
            "short",
            vec![],
        ))
        .unwrap();
    draft.uses = vec![f2.id];
    let d = s.put_document(&draft).unwrap();
    s.delete_document(f2.id).unwrap();
    assert!(s.document(d.id).unwrap().0.uses.is_empty());
    // listing by kind and scope, oldest first
    let plans = s.documents(DocumentKind::Plan, Some("Sales")).unwrap();
    assert_eq!(plans.iter().map(|d| d.id).collect::<Vec<_>>(), [p.id, d.id]);
    assert!(
        s.documents(DocumentKind::Plan, Some("Care"))
            .unwrap()
            .is_empty()
    );
    // unknown uses and unknown ids are refused
    let mut bad = NewDocument::new(DocumentKind::Plan, "Sales", "x", vec![]);
    bad.uses = vec![crate::store::DocumentId(999)];
    assert!(s.put_document(&bad).is_err());
    assert_eq!(s.documents(DocumentKind::Plan, None).unwrap().len(), 2);
    assert!(s.document(crate::store::DocumentId(999)).is_err());
}
