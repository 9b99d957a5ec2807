//! The two store backends for tests that run on both: a workspace location on each (a
//! new SQLite file, or a fresh database of the PostgreSQL test cluster started by
//! `scripts/postgres.sh`), raw SQL on it for tests that damage or inspect tables, and
//! [`on_both_backends!`], which makes a test of each function for each backend.
//!
//! Included with `#[path = "common/backend.rs"] mod backend;` at the root of the test
//! binary; a binary adds its own `impl Backend { fn create(&self) … }` when it needs one.

#![allow(dead_code, unused_macros, unused_imports)] // each binary uses a part (the macro: not tests/timeoff.rs)

use std::path::{Path, PathBuf};

use wfm::Workspace;

/// One backend's workspace location, and raw SQL on it.
pub struct Backend {
    location: PathBuf,
    url: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl Backend {
    /// A new SQLite workspace location (in a temporary directory).
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self {
            location: dir.path().join("w.wfm"),
            url: None,
            _dir: Some(dir),
        }
    }

    /// A new PostgreSQL database; `None` (the test skips, saying so) without a test
    /// cluster, unless `WFM_REQUIRE_POSTGRES=1`.
    pub fn postgres() -> Option<Self> {
        let url = wfm::store::postgres::testing::fresh_database()?;
        Some(Self {
            location: PathBuf::from(&url),
            url: Some(url),
            _dir: None,
        })
    }

    /// The workspace location (a file path or a `postgres://…` URL).
    pub fn path(&self) -> &Path {
        &self.location
    }

    /// Whether this is the PostgreSQL backend.
    pub fn is_postgres(&self) -> bool {
        self.url.is_some()
    }

    pub fn open(&self) -> Workspace {
        Workspace::open(self.path()).unwrap()
    }

    /// Runs statements directly on the database; the database's error as text.
    pub fn try_sql(&self, sql: &str) -> Result<(), String> {
        match &self.url {
            Some(url) => postgres::Client::connect(url, postgres::NoTls)
                .unwrap()
                .batch_execute(sql)
                .map_err(|e| format!("{e} {:?}", e.as_db_error().map(|d| d.message()))),
            None => rusqlite::Connection::open(self.path())
                .unwrap()
                .execute_batch(sql)
                .map_err(|e| e.to_string()),
        }
    }

    /// Runs statements directly on the database.
    pub fn sql(&self, sql: &str) {
        if let Err(e) = self.try_sql(sql) {
            panic!("{sql}: {e}");
        }
    }

    /// The rows of `table`.
    pub fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        match &self.url {
            Some(url) => postgres::Client::connect(url, postgres::NoTls)
                .unwrap()
                .query_one(&sql, &[])
                .unwrap()
                .get(0),
            None => rusqlite::Connection::open(self.path())
                .unwrap()
                .query_row(&sql, [], |r| r.get(0))
                .unwrap(),
        }
    }
}

/// Instantiates each test function `NAME(Backend)` for both backends: `NAME::sqlite` and
/// `NAME::postgres`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(super::Backend::sqlite());
            }
            #[test]
            fn postgres() {
                if let Some(b) = super::Backend::postgres() {
                    super::$name(b);
                }
            }
        }
    )*};
}
pub(crate) use on_both_backends;
