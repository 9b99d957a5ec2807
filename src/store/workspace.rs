//! [`Workspace`]: a planning workspace opened on a path, over whichever backend stores it.

use crate::access::{Permission as P, Target};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use wfm_core::clock::{Clock, SystemClock};

use chrono_tz::Tz;
use wfm_core::IntervalLength;
use wfm_core::history::{QueueId, SourceId};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Actor, Location};
use super::{
    DocumentId, DocumentInfo, DocumentKind, DocumentStatus, ForecastGroup, GroupEdit,
    LoadedHistory, NewDocument, QueueInfo, SourceInfo, WorkspaceSettings, WorkspaceStore,
};
use crate::error::{Result, WfmError};

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
    location: Location,
    store: Box<dyn WorkspaceStore>,
    clock: Arc<dyn Clock>,
    actor: Actor,
    /// The configuration and published schedules time off read last.
    time_off: crate::timeoff::ContextCache,
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
    /// defaults to UTC. A `path` starting with `postgres://` or `postgresql://` creates
    /// it in that (existing, empty) PostgreSQL database instead.
    ///
    /// # Errors
    /// `Conflict` if the file (or a workspace in the database) exists; `NotAWorkspace` for
    /// a database with other tables; `Store` if the database cannot be written.
    pub fn create(path: &Path, interval: IntervalLength, time_zone: Option<Tz>) -> Result<Self> {
        let settings = WorkspaceSettings::new(interval, time_zone.unwrap_or(chrono_tz::UTC));
        let location = Location::parse(path)?;
        let store = location.create(&settings)?;
        Ok(Self::at(location, store))
    }

    /// Opens the workspace at `location` (see [`Location`]).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let path = dir.path().join("w.wfm");
    /// let ws = wfm::Workspace::create(&path, wfm::core::IntervalLength::Fifteen, None)?;
    /// let again = wfm::Workspace::open_at(ws.location(), false)?;
    /// assert_eq!(again.path(), path.as_path());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Workspace::open`] (or [`Workspace::open_read_only`] when `read_only`).
    pub fn open_at(location: &Location, read_only: bool) -> Result<Self> {
        Ok(Self::at(location.clone(), location.open(read_only)?))
    }

    /// Where the workspace lives, to open it again (another thread's own connection).
    pub fn location(&self) -> &Location {
        &self.location
    }

    fn at(location: Location, store: Box<dyn WorkspaceStore>) -> Self {
        let mut ws = Self::with_store(&location.shown(), store);
        ws.location = location;
        ws
    }

    /// Opens an existing workspace for reading and writing. An older schema is refused,
    /// not upgraded silently: see [`Workspace::upgrade`].
    ///
    /// # Errors
    /// `NotFound` if there is no file at `path`; [`WfmError::NotAWorkspace`] if the file is
    /// not a wfm workspace (it is left untouched); [`WfmError::SchemaVersion`] if its
    /// schema is older or newer than this wfm's.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_at(&Location::parse(path)?, false)
    }

    /// Opens an existing workspace for reading only: the file does not change, whatever
    /// is called (a write fails).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let path = dir.path().join("w.wfm");
    /// wfm::Workspace::create(&path, wfm::core::IntervalLength::Fifteen, None)?;
    /// let mut ws = wfm::Workspace::open_read_only(&path)?;
    /// assert!(ws.groups()?.is_empty());
    /// assert!(ws.create_group("Sales", &["1001".parse()?]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Workspace::open`].
    pub fn open_read_only(path: &Path) -> Result<Self> {
        Self::open_at(&Location::parse(path)?, true)
    }

    /// The schema version of the workspace at `path` and the one this wfm writes, read
    /// without writing to the file.
    ///
    /// # Errors
    /// As [`Workspace::open`], except for an older or newer version.
    pub fn schema_versions(path: &Path) -> Result<(i64, i64)> {
        Location::parse(path)?.schema_versions()
    }

    /// Upgrades the workspace at `path` to this wfm's schema (one transaction); returns
    /// the versions before and after, `None` if it was current. Older wfm versions cannot
    /// open it afterwards.
    ///
    /// # Errors
    /// As [`Workspace::open`] for a missing, foreign or newer file.
    pub fn upgrade(path: &Path) -> Result<Option<(i64, i64)>> {
        Location::parse(path)?.upgrade()
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
            location: Location::File(path.to_owned()),
            store,
            clock: Arc::new(SystemClock),
            actor: Actor::from_env(),
            time_off: Default::default(),
        }
    }

    /// The configuration and published schedules time off read last (reused while
    /// unchanged: `timeoff::context`).
    pub(crate) fn time_off_cache(&self) -> &crate::timeoff::ContextCache {
        &self.time_off
    }

    /// The instant "now" for operations that depend on today (the system clock unless
    /// [`Workspace::set_clock`] replaced it).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Replaces the clock: tests and replays fix "now".
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// use chrono::{TimeZone, Utc};
    /// let at = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
    /// ws.set_clock(std::sync::Arc::new(wfm::core::clock::FixedClock::new(at)));
    /// assert_eq!(ws.now(), at);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    /// Who the workspace's changes are recorded as (see [`Actor::from_env`]).
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Records the following changes as `actor`'s.
    pub fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
    }

    /// Where the workspace lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backend, for operations this type does not wrap: unchecked, so only for the
    /// crate's own checked operations (outside it: [`Workspace::backend`], admin only).
    pub(crate) fn store(&self) -> &dyn WorkspaceStore {
        &*self.store
    }

    /// The backend, mutably (unchecked, as [`Workspace::store`]; outside the crate:
    /// [`Workspace::backend_mut`]).
    pub(crate) fn store_mut(&mut self) -> &mut dyn WorkspaceStore {
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
    /// `NotFound` for an unknown queue.
    pub fn set_queue_active(&mut self, id: &QueueId, active: bool) -> Result<()> {
        self.require_change(P::ForecastingEdit, &Target::Workspace, "queue.set_active")?;
        self.store.set_queue_active(id, active)
    }

    /// Sets a queue's own time zone, in which its intraday pattern is forecast (`None`:
    /// the workspace's again).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("EU", &["1001".parse()?])?;
    /// ws.set_queue_time_zone(&"1001".parse()?, Some(chrono_tz::Europe::Berlin))?;
    /// assert_eq!(ws.queues()?[0].time_zone, Some(chrono_tz::Europe::Berlin));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// `NotFound` for an unknown queue.
    pub fn set_queue_time_zone(&mut self, id: &QueueId, zone: Option<Tz>) -> Result<()> {
        self.require_change(
            P::ForecastingEdit,
            &Target::Workspace,
            "queue.set_time_zone",
        )?;
        self.store.set_queue_time_zone(id, zone)
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
    /// `Conflict` if the name is taken, `InUse` if a queue is in another group (named).
    pub fn create_group(&mut self, name: &str, queues: &[QueueId]) -> Result<Vec<QueueId>> {
        self.require_change(P::ForecastingEdit, &Target::group(name), "group.create")?;
        self.store.create_group(name, queues)
    }

    /// Edits a forecast group.
    ///
    /// # Errors
    /// `NotFound` if the group is unknown; `Conflict` or `InUse` if a rule is broken.
    pub fn edit_group(&mut self, name: &str, edit: &GroupEdit) -> Result<Vec<QueueId>> {
        self.require_change(P::ForecastingEdit, &Target::group(name), "group.edit")?;
        self.store.edit_group(name, edit)
    }

    /// Deletes a forecast group; refused while a forecast of it exists (delete
    /// the forecast first).
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("Sales", &["1001".parse()?])?;
    /// let f = ws.put_json(DocumentKind::Forecast, "Sales", "long", "", &[], &0)?;
    /// assert!(matches!(ws.delete_group("Sales"), Err(wfm::WfmError::InUse { .. })));
    /// ws.delete_document(f.id)?;
    /// ws.delete_group("Sales")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// `NotFound` if the group is unknown, `InUse` if it has a forecast.
    pub fn delete_group(&mut self, name: &str) -> Result<()> {
        self.require_change(P::ForecastingEdit, &Target::group(name), "group.delete")?;
        // the rule is checked by the store, in the deleting transaction
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
    /// `NotFound` if no such source is loaded.
    pub fn remove_source(&mut self, id: SourceId) -> Result<SourceInfo> {
        self.require_change(P::ForecastingEdit, &Target::Workspace, "history.remove")?;
        self.store.remove_source(id)
    }

    /// The stored history as layers, only of `queues` when given: unchecked, for the
    /// crate's checked operations (outside it: [`Workspace::load_history`]).
    pub(crate) fn load_history_unchecked(
        &self,
        queues: Option<&[QueueId]>,
    ) -> Result<LoadedHistory> {
        self.store.load_history(queues)
    }

    /// Stores `value` as a new draft document, encoded as JSON: unchecked, as
    /// [`Workspace::load_history_unchecked`] (outside: [`Workspace::put_json`]).
    pub(crate) fn put_json_unchecked<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<DocumentInfo> {
        let doc = new_document(kind, scope, name, summary, uses, value)?;
        self.store.put_document(&doc)
    }

    /// Stores `value` (JSON) as *the* draft of its kind, scope and name: unchecked
    /// (outside: [`Workspace::put_draft_json`]).
    pub(crate) fn put_draft_json_unchecked<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<(DocumentInfo, bool)> {
        let doc = new_document(kind, scope, name, summary, uses, value)?;
        self.store.put_draft(&doc)
    }

    /// Replaces a draft document's content with `value` (JSON): unchecked (outside:
    /// [`Workspace::replace_json`]).
    pub(crate) fn replace_json_unchecked<T: Serialize + ?Sized>(
        &mut self,
        id: DocumentId,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<DocumentInfo> {
        self.store
            .replace_document(id, summary, &encode(value)?, uses)
    }

    /// A document decoded from JSON: unchecked (outside: [`Workspace::get_json`]).
    pub(crate) fn get_json_unchecked<T: DeserializeOwned>(
        &self,
        id: DocumentId,
    ) -> Result<(DocumentInfo, T)> {
        let (info, bytes) = self.store.document(id)?;
        Self::decode_json(info, &bytes)
    }

    /// The documents of a kind, only of `scope` when given, oldest first: unchecked
    /// (outside: [`Workspace::documents`]).
    pub(crate) fn documents_unchecked(
        &self,
        kind: DocumentKind,
        scope: Option<&str>,
    ) -> Result<Vec<DocumentInfo>> {
        self.store.documents(kind, scope)
    }

    /// The newest document of a kind, scope and name (the newest published one when
    /// `status` says so): unchecked (outside: [`Workspace::latest`]).
    pub(crate) fn latest_unchecked(
        &self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        status: Option<DocumentStatus>,
    ) -> Result<Option<DocumentInfo>> {
        Ok(self
            .store
            .documents(kind, Some(scope))?
            .into_iter()
            .rev()
            .find(|d| d.name == name && status.is_none_or(|s| d.status == s)))
    }

    /// Publishes a draft document: unchecked (outside: [`Workspace::publish_document`]).
    pub(crate) fn publish_document_unchecked(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.store.publish_document(id)
    }

    /// Stores `value` (JSON) as a new draft that replaces every other document of its
    /// kind and scope no document uses: unchecked (outside:
    /// [`Workspace::put_superseding_json`]).
    pub(crate) fn put_superseding_json_unchecked<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        value: &T,
    ) -> Result<super::Replacement> {
        let doc = new_document(kind, scope, name, summary, &[], value)?;
        self.store.put_superseding(&doc)
    }

    /// A document's JSON payload decoded as `T`.
    pub(crate) fn decode_json<T: DeserializeOwned>(
        info: DocumentInfo,
        bytes: &[u8],
    ) -> Result<(DocumentInfo, T)> {
        let value = serde_json::from_slice(bytes).map_err(|e| WfmError::Damaged {
            table: "document",
            detail: format!(
                "document {} ({}) does not decode: {e}",
                info.id,
                info.kind.as_str()
            ),
        })?;
        Ok((info, value))
    }

    /// Deletes a document: unchecked (outside: [`Workspace::delete_document`]).
    pub(crate) fn delete_document_unchecked(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.store.delete_document(id)
    }
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| WfmError::Encode {
        what: "a document as JSON",
        detail: e.to_string(),
    })
}

/// A document of `kind` with `value` as its JSON payload.
fn new_document<T: Serialize + ?Sized>(
    kind: DocumentKind,
    scope: &str,
    name: &str,
    summary: &str,
    uses: &[DocumentId],
    value: &T,
) -> Result<NewDocument> {
    Ok(NewDocument {
        kind,
        scope: scope.to_owned(),
        name: name.to_owned(),
        summary: summary.to_owned(),
        uses: uses.to_vec(),
        payload: encode(value)?,
    })
}
