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
