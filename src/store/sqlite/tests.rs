//! Tests of what only the SQLite store has: schema versions (`user_version`) and the
//! upgrade that resolves duplicates races left behind. What holds on every backend
//! (history chunks, the document lifecycle, the "only one …" constraints under
//! concurrent connections) is tested on both in `tests/store_backends.rs`.

use super::*;

/// A workspace with the forecast group Sales (no queues).
fn store(dir: &Path) -> SqliteStore {
    let settings = WorkspaceSettings::new(IntervalLength::Thirty, chrono_tz::UTC);
    let mut s = SqliteStore::create(&dir.join("w.wfm"), &settings).unwrap();
    s.create_group("Sales", &[]).unwrap();
    s
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
