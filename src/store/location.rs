//! Where a workspace lives: a SQLite file (the embedded default) or a PostgreSQL
//! database, told apart by the location's text (`postgres://…` or `postgresql://…`).

use std::path::{Path, PathBuf};

use super::WorkspaceSettings;
use super::WorkspaceStore;
use super::postgres::{PgLocation, PostgresStore, is_postgres};
use super::sqlite::SqliteStore;
use crate::error::Result;

/// A workspace location: a file path, or a PostgreSQL connection string whose password
/// is never shown (`Debug` and [`Location::shown`] redact it).
///
/// ```
/// use std::path::Path;
/// use wfm::store::Location;
/// let file = Location::parse(Path::new("plan.wfm"))?;
/// assert!(matches!(file, Location::File(_)));
/// let db = Location::parse(Path::new("postgres://ana:s3cret@db.example/wfm"))?;
/// assert_eq!(db.shown(), Path::new("postgres://ana:***@db.example/wfm"));
/// assert!(!format!("{db:?}").contains("s3cret"));
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone)]
pub enum Location {
    /// A SQLite workspace file.
    File(PathBuf),
    /// A PostgreSQL database.
    Postgres(Box<PgLocation>),
}

impl Location {
    /// The location a path names.
    ///
    /// # Errors
    /// `InvalidArgument` for a `postgres://` location that does not parse; `Io` if the
    /// password file cannot be read.
    pub fn parse(path: &Path) -> Result<Self> {
        match path.to_str() {
            Some(s) if is_postgres(s) => Ok(Self::Postgres(Box::new(PgLocation::parse(s)?))),
            _ => Ok(Self::File(path.to_owned())),
        }
    }

    /// What may be shown: the path, or the connection string with its password redacted.
    pub fn shown(&self) -> PathBuf {
        match self {
            Self::File(p) => p.clone(),
            Self::Postgres(at) => PathBuf::from(at.shown()),
        }
    }

    /// Creates a workspace there.
    ///
    /// # Errors
    /// As [`SqliteStore::create`] or [`PostgresStore::create`].
    pub fn create(&self, settings: &WorkspaceSettings) -> Result<Box<dyn WorkspaceStore>> {
        Ok(match self {
            Self::File(p) => Box::new(SqliteStore::create(p, settings)?),
            Self::Postgres(at) => Box::new(PostgresStore::create(at, settings)?),
        })
    }

    /// Opens the workspace there, for writing too unless `read_only`.
    ///
    /// # Errors
    /// As [`SqliteStore::open`] or [`PostgresStore::open`].
    pub fn open(&self, read_only: bool) -> Result<Box<dyn WorkspaceStore>> {
        Ok(match (self, read_only) {
            (Self::File(p), false) => Box::new(SqliteStore::open(p)?),
            (Self::File(p), true) => Box::new(SqliteStore::open_read_only(p)?),
            (Self::Postgres(at), false) => Box::new(PostgresStore::open(at)?),
            (Self::Postgres(at), true) => Box::new(PostgresStore::open_read_only(at)?),
        })
    }

    /// The schema version there and the one this wfm writes.
    ///
    /// # Errors
    /// As [`SqliteStore::schema_versions`] or [`PostgresStore::schema_versions`].
    pub fn schema_versions(&self) -> Result<(i64, i64)> {
        match self {
            Self::File(p) => SqliteStore::schema_versions(p),
            Self::Postgres(at) => PostgresStore::schema_versions(at),
        }
    }

    /// Upgrades the workspace there to this wfm's schema.
    ///
    /// # Errors
    /// As [`SqliteStore::upgrade`] or [`PostgresStore::upgrade`].
    pub fn upgrade(&self) -> Result<Option<(i64, i64)>> {
        match self {
            Self::File(p) => SqliteStore::upgrade(p),
            Self::Postgres(at) => PostgresStore::upgrade(at),
        }
    }
}
