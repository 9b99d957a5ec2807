//! A workspace in PostgreSQL: what `create`/`open` make of a database (empty, wfm's,
//! foreign, missing), the upgrade from every earlier schema version, and a password that
//! never shows. Needs the test cluster (`scripts/postgres.sh`); skipped without one.

use std::path::Path;

use wfm::core::IntervalLength;
use wfm::store::WorkspaceSettings;
use wfm::store::postgres::testing::{create_at_version, describe_schema, fresh_database};
use wfm::{WfmError, Workspace};

fn settings() -> WorkspaceSettings {
    WorkspaceSettings::new(IntervalLength::Thirty, chrono_tz::UTC)
}

fn sql(url: &str, statements: &str) {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap()
        .batch_execute(statements)
        .unwrap();
}

#[test]
fn an_empty_database_becomes_a_workspace_and_a_foreign_one_is_left_alone() {
    let Some(url) = fresh_database() else { return };
    let path = Path::new(&url);
    let err = Workspace::open(path).unwrap_err();
    assert!(matches!(err, WfmError::NotAWorkspace { .. }), "{err}");
    Workspace::create(path, IntervalLength::Fifteen, None).unwrap();
    let err = Workspace::create(path, IntervalLength::Fifteen, None).unwrap_err();
    assert!(matches!(err, WfmError::Conflict { .. }), "{err}");

    let Some(foreign) = fresh_database() else {
        return;
    };
    sql(&foreign, "CREATE TABLE invoices (id BIGINT PRIMARY KEY)");
    for err in [
        Workspace::create(Path::new(&foreign), IntervalLength::Fifteen, None).unwrap_err(),
        Workspace::open(Path::new(&foreign)).unwrap_err(),
        Workspace::upgrade(Path::new(&foreign)).unwrap_err(),
    ] {
        assert!(matches!(err, WfmError::NotAWorkspace { .. }), "{err}");
    }
    let mut client = postgres::Client::connect(&foreign, postgres::NoTls).unwrap();
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing was written to the foreign database");

    let missing = format!("{}_missing", url);
    let err = Workspace::open(Path::new(&missing)).unwrap_err();
    assert!(matches!(err, WfmError::NotFound { .. }), "{err}");
}

#[test]
fn every_earlier_version_upgrades_to_the_fresh_schema() {
    let Some(fresh) = fresh_database() else {
        return;
    };
    Workspace::create(Path::new(&fresh), IntervalLength::Thirty, None).unwrap();
    let (current, known) = Workspace::schema_versions(Path::new(&fresh)).unwrap();
    assert_eq!(current, known);
    assert!(current >= 8, "schema version {current}");
    let expected = describe_schema(&fresh).unwrap();
    assert!(expected.iter().any(|l| l.contains("document_one_draft")));
    for k in 1..current {
        let Some(url) = fresh_database() else { return };
        let path = Path::new(&url);
        create_at_version(&url, &settings(), k).unwrap();
        assert_eq!(Workspace::schema_versions(path).unwrap(), (k, current));
        let err = Workspace::open(path).unwrap_err();
        assert!(
            matches!(err, WfmError::SchemaVersion { found, .. } if found == k),
            "version {k}: {err}"
        );
        assert_eq!(
            Workspace::upgrade(path).unwrap(),
            Some((k, current)),
            "version {k}"
        );
        assert_eq!(
            describe_schema(&url).unwrap(),
            expected,
            "upgraded from version {k}"
        );
        let ws = Workspace::open(path).unwrap();
        assert_eq!(ws.settings().unwrap().interval, IntervalLength::Thirty);
        assert_eq!(Workspace::upgrade(path).unwrap(), None);
    }
}

#[test]
fn the_upgrade_to_version_4_resolves_duplicates_that_races_left_behind() {
    use wfm::store::{DocumentKind, NewDocument};
    let Some(url) = fresh_database() else { return };
    create_at_version(&url, &settings(), 3).unwrap();
    // documents as a version-3 workspace could hold them: no constraints yet
    sql(
        &url,
        "INSERT INTO forecast_group(name, created_at) VALUES ('Sales', '2026-01-01T00:00:00Z');
         INSERT INTO document(kind, scope, name, status, created_at, summary, payload) VALUES
           ('forecast', 'Sales', 'short', 'draft', '2026-01-01T00:00:00Z', '', ''),
           ('forecast', 'Sales', 'short', 'draft', '2026-01-01T00:00:00Z', '', ''),
           ('plan', 'Sales', 'DUP', 'draft', '2026-01-01T00:00:00Z', '', ''),
           ('plan', 'Care', 'DUP', 'draft', '2026-01-01T00:00:00Z', '', '');",
    );
    Workspace::upgrade(Path::new(&url)).unwrap();
    let mut ws = Workspace::open(Path::new(&url)).unwrap();
    let forecasts = ws.documents(DocumentKind::Forecast, None).unwrap();
    assert_eq!(forecasts.len(), 1);
    assert_eq!(forecasts[0].id.0, 2, "the newest draft stays");
    let plans: Vec<String> = ws
        .documents(DocumentKind::Plan, None)
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(plans, ["DUP (3)", "DUP"]);
    let err = ws
        .backend_mut()
        .unwrap()
        .put_document(&NewDocument::new(
            DocumentKind::Forecast,
            "Sales",
            "short",
            vec![],
        ))
        .unwrap_err();
    assert!(matches!(err, WfmError::Conflict { .. }), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let Some(url) = fresh_database() else { return };
    Workspace::create(Path::new(&url), IntervalLength::Thirty, None).unwrap();
    sql(&url, "UPDATE wfm_schema SET version = 99");
    for err in [
        Workspace::open(Path::new(&url)).unwrap_err(),
        Workspace::upgrade(Path::new(&url)).unwrap_err(),
    ] {
        assert!(
            matches!(err, WfmError::SchemaVersion { found: 99, .. }),
            "{err}"
        );
    }
}

/// `postgres://wfm:PASSWORD@…` of a test database (trust authentication accepts any).
fn with_password(url: &str, password: &str) -> String {
    url.replacen("://wfm@", &format!("://wfm:{password}@"), 1)
}

#[test]
fn a_password_never_shows_in_paths_debug_or_errors() {
    const SECRET: &str = "Sup3rS3cret";
    // a server that is not there: the connection error
    let gone = format!("postgres://ana:{SECRET}@127.0.0.1:1/wfm");
    let err = Workspace::open(Path::new(&gone)).unwrap_err();
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("ana:***@127.0.0.1:1/wfm"), "{shown}");
    }
    let bad = format!("postgres://ana:{SECRET}@127.0.0.1:notaport/wfm");
    let err = Workspace::open(Path::new(&bad)).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(SECRET), "{err:?}");

    let Some(url) = fresh_database() else { return };
    let secret_url = with_password(&url, SECRET);
    assert_ne!(secret_url, url);
    let path = Path::new(&secret_url);
    let mut ws = Workspace::create(path, IntervalLength::Thirty, None).unwrap();
    let mut shown = vec![
        ws.path().display().to_string(),
        format!("{ws:?}"),
        format!("{:?}", ws.location()),
    ];
    let errors = [
        Workspace::create(path, IntervalLength::Thirty, None).unwrap_err(),
        ws.delete_group("nope").unwrap_err(),
    ];
    shown.extend(errors.iter().map(|e| format!("{e} {e:?}")));
    sql(&url, "UPDATE wfm_schema SET version = 99");
    let e = Workspace::open(path).unwrap_err();
    shown.push(format!("{e} {e:?}"));
    for s in &shown {
        assert!(!s.contains(SECRET), "{s}");
    }
    assert!(shown[0].contains(":***@"), "{}", shown[0]);
}
