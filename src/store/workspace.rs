//! [`Workspace`]: a planning workspace opened on a path, over whichever backend stores it.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use wfm_core::IntervalLength;
use wfm_core::history::{QueueId, SourceId};

use super::sqlite::SqliteStore;
use super::{
    ForecastGroup, GroupEdit, LoadedHistory, QueueInfo, SourceInfo, WorkspaceSettings,
    WorkspaceStore,
};
use crate::error::Result;

/// A planning workspace: interval, time zone, queues, forecast groups and history.
///
/// ```
/// use wfm::Workspace;
/// use wfm::core::IntervalLength;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("plan.wfm");
/// let mut ws = Workspace::create(&path, IntervalLength::Thirty, None)?;
/// ws.create_group("Sales", &["1001".parse()?])?;
/// let ws = Workspace::open(&path)?;
/// assert_eq!(ws.settings()?.interval, IntervalLength::Thirty);
/// assert_eq!(ws.groups()?[0].name, "Sales");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Workspace {
    path: PathBuf,
    store: Box<dyn WorkspaceStore>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .finish()
    }
}

impl Workspace {
    /// Creates a workspace file (SQLite) with its immutable interval; the time zone
    /// defaults to UTC.
    ///
    /// # Errors
    /// `Rejected` if the file exists; `Store` if the database cannot be written.
    pub fn create(path: &Path, interval: IntervalLength, time_zone: Option<Tz>) -> Result<Self> {
        let settings = WorkspaceSettings::new(interval, time_zone.unwrap_or(chrono_tz::UTC));
        let store = SqliteStore::create(path, &settings)?;
        Ok(Self::with_store(path, Box::new(store)))
    }

    /// Opens an existing workspace.
    ///
    /// # Errors
    /// `Rejected` if there is no workspace at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self::with_store(path, Box::new(SqliteStore::open(path)?)))
    }

    /// A workspace over any backend.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let path = dir.path().join("w.wfm");
    /// # let settings = wfm::store::WorkspaceSettings::new(wfm::core::IntervalLength::Fifteen, chrono_tz::UTC);
    /// let store = wfm::store::sqlite::SqliteStore::create(&path, &settings)?;
    /// let ws = wfm::Workspace::with_store(&path, Box::new(store));
    /// assert_eq!(ws.path(), path.as_path());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_store(path: &Path, store: Box<dyn WorkspaceStore>) -> Self {
        Self {
            path: path.to_owned(),
            store,
        }
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backend, for operations this type does not wrap.
    pub fn store(&self) -> &dyn WorkspaceStore {
        &*self.store
    }

    /// The backend, mutably.
    pub fn store_mut(&mut self) -> &mut dyn WorkspaceStore {
        &mut *self.store
    }

    /// Interval, time zone, creation time.
    ///
    /// # Errors
    /// A storage failure.
    pub fn settings(&self) -> Result<WorkspaceSettings> {
        self.store.settings()
    }

    /// Every queue.
    ///
    /// # Errors
    /// A storage failure.
    pub fn queues(&self) -> Result<Vec<QueueInfo>> {
        self.store.queues()
    }

    /// Deactivates (or reactivates) a queue.
    ///
    /// # Errors
    /// `Rejected` for an unknown queue.
    pub fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()> {
        self.store.set_queue_active(id, active)
    }

    /// Every forecast group.
    ///
    /// # Errors
    /// A storage failure.
    pub fn groups(&self) -> Result<Vec<ForecastGroup>> {
        self.store.groups()
    }

    /// Creates a forecast group; returns queues registered on the way.
    ///
    /// # Errors
    /// `Rejected` if the name is taken or a queue is in another group (named).
    pub fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        self.store.create_group(name, queues)
    }

    /// Edits a forecast group.
    ///
    /// # Errors
    /// `Rejected` if the group is unknown or a rule is broken.
    pub fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        self.store.edit_group(name, edit)
    }

    /// Deletes a forecast group.
    ///
    /// # Errors
    /// `Rejected` if the group is unknown.
    pub fn delete_group(&mut self, name: &str) -> Result<()> {
        self.store.delete_group(name)
    }

    /// The loaded history sources, in load order.
    ///
    /// # Errors
    /// A storage failure.
    pub fn sources(&self) -> Result<Vec<SourceInfo>> {
        self.store.sources()
    }

    /// Removes a history source (what it covered falls back to older sources).
    ///
    /// # Errors
    /// `Rejected` if no such source is loaded.
    pub fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo> {
        self.store.remove_source(id)
    }

    /// The stored history as layers, only of `queues` when given.
    ///
    /// # Errors
    /// A storage failure.
    pub fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory> {
        self.store.load_history(queues)
    }
}
