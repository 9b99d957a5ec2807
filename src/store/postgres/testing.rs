//! Test support: a fresh database on the throw-away cluster that `scripts/postgres.sh`
//! starts (`WFM_TEST_POSTGRES`, an admin connection string).

use std::sync::atomic::{AtomicU32, Ordering};

/// A new empty database on the test cluster, as a connection string; `None` when no
/// cluster is configured (the caller skips, saying so). With `WFM_REQUIRE_POSTGRES=1`
/// (set by `scripts/test.sh`) a missing cluster is an error, so CI cannot skip silently.
///
/// # Panics
/// If the cluster is required but not configured, or cannot create the database (test
/// support only: never called on user input).
pub fn fresh_database() -> Option<String> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let Ok(admin) = std::env::var("WFM_TEST_POSTGRES") else {
        assert!(
            std::env::var("WFM_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "WFM_REQUIRE_POSTGRES=1 but WFM_TEST_POSTGRES is not set (start one with scripts/postgres.sh)"
        );
        eprintln!("skipped: no PostgreSQL test cluster (WFM_TEST_POSTGRES unset)");
        return None;
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "wfm_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to the test cluster {admin}: {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// Creates a workspace with the schema of an earlier `version` (migrations `1..=version`
/// applied) in the empty database `url`: the upgrade tests start there.
///
/// # Errors
/// As [`super::PostgresStore::create`].
pub fn create_at_version(
    url: &str,
    settings: &crate::store::WorkspaceSettings,
    version: i64,
) -> crate::Result<()> {
    let at = super::PgLocation::parse(url)?;
    super::PostgresStore::create_at_version(&at, settings, version).map(drop)
}

/// The schema of the database `url` as text, one line per column, index, constraint and
/// trigger in name order: two databases with equal descriptions have the same schema.
///
/// # Errors
/// A connection or catalog query failure.
pub fn describe_schema(url: &str) -> crate::Result<Vec<String>> {
    let mut client = super::PgLocation::parse(url)?.connect()?;
    let mut out = Vec::new();
    for r in client.query(
        "SELECT table_name::TEXT, column_name::TEXT, data_type::TEXT, is_nullable::TEXT,
                COALESCE(column_default, '')::TEXT, is_identity::TEXT, ordinal_position::BIGINT
         FROM information_schema.columns WHERE table_schema = current_schema()
         ORDER BY 1, 2",
        &[],
    )? {
        let cols: Vec<String> = (0..6)
            .map(|i| r.try_get::<_, String>(i))
            .collect::<Result<_, _>>()?;
        out.push(format!("column {}", cols.join(" | ")));
    }
    for r in client.query(
        "SELECT indexname::TEXT, indexdef::TEXT FROM pg_indexes
         WHERE schemaname = current_schema() ORDER BY 1",
        &[],
    )? {
        out.push(format!(
            "index {}: {}",
            r.try_get::<_, String>(0)?,
            r.try_get::<_, String>(1)?
        ));
    }
    for r in client.query(
        "SELECT c.conrelid::regclass::TEXT, c.conname::TEXT, pg_get_constraintdef(c.oid)
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = current_schema() ORDER BY 1, 2",
        &[],
    )? {
        out.push(format!(
            "constraint {} {}: {}",
            r.try_get::<_, String>(0)?,
            r.try_get::<_, String>(1)?,
            r.try_get::<_, String>(2)?
        ));
    }
    for r in client.query(
        "SELECT c.relname::TEXT, t.tgname::TEXT, pg_get_triggerdef(t.oid)
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY 1, 2",
        &[],
    )? {
        out.push(format!(
            "trigger {} {}: {}",
            r.try_get::<_, String>(0)?,
            r.try_get::<_, String>(1)?,
            r.try_get::<_, String>(2)?
        ));
    }
    Ok(out)
}
