//! The workspace's generic document and history methods, checked like the typed
//! operations: the permission follows the document's kind (forecasts and their
//! overrides: forecasting; scenarios, plans, plan overrides and FTE loads: capacity;
//! schedules and the scheduling configuration: scheduling), the target its scope (a
//! forecast group's documents are that group's, `*` the whole workspace's). Reads show
//! only what the actor may see; writes are audited. The crate's typed operations, which
//! check (and audit) first themselves, use the unchecked twins in `store::workspace`.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Permission as P, Target};
use crate::Workspace;
use crate::error::Result;
use crate::store::{
    DocumentId, DocumentInfo, DocumentKind, DocumentStatus, LoadedHistory, Replacement,
    StoreProblem,
};
use wfm_core::history::QueueId;

/// What is done to a document: which of its area's permissions it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    View,
    Edit,
    Publish,
}

/// The permission `action` on a document of `kind` needs.
fn permission(kind: DocumentKind, action: Action) -> P {
    use DocumentKind as K;
    let [view, edit, publish] = match kind {
        K::Forecast | K::ForecastOverride => [
            P::ForecastingView,
            P::ForecastingEdit,
            P::ForecastingPublish,
        ],
        K::Scenario | K::Plan | K::PlanOverride | K::Fte => {
            [P::CapacityView, P::CapacityEdit, P::CapacityPublish]
        }
        K::Schedule | K::ScheduleScenario => {
            [P::SchedulingView, P::SchedulingEdit, P::SchedulingPublish]
        }
    };
    match action {
        Action::View => view,
        Action::Edit => edit,
        Action::Publish => publish,
    }
}

/// The target of a document of `scope` (`*`: the whole workspace).
fn scope_target(scope: &str) -> Target {
    if scope == "*" {
        Target::Workspace
    } else {
        Target::group(scope)
    }
}

/// The audit detail of a change to a document.
fn detail(kind: DocumentKind, name: &str, id: Option<DocumentId>) -> String {
    match id {
        Some(id) => format!("{} '{name}' (document {id})", kind.as_str()),
        None => format!("{} '{name}'", kind.as_str()),
    }
}

impl Workspace {
    /// Refuses unless the actor may do `action` to a document of `kind` and `scope`;
    /// stages the audit entry of `operation` when given.
    fn require_on_scope(
        &self,
        kind: DocumentKind,
        scope: &str,
        action: Action,
        change: Option<(&str, String)>,
    ) -> Result<()> {
        let target = scope_target(scope);
        self.require(permission(kind, action), &target)?;
        if let Some((operation, detail)) = change {
            self.stage_detail(operation, &target.to_string(), Some(detail));
        }
        Ok(())
    }

    /// The stored document `id`, once the actor may do `action` to it; the audit entry
    /// of `operation` staged when given. An unknown document is refused as out of scope
    /// unless the actor may do `action` to some kind on the whole workspace (then it is
    /// the store's `NotFound`), so its existence is not revealed.
    fn require_on_document(
        &self,
        id: DocumentId,
        action: Action,
        operation: Option<&str>,
    ) -> Result<(DocumentInfo, Vec<u8>)> {
        match self.store().document(id) {
            Ok((info, bytes)) => {
                let change = operation.map(|o| (o, detail(info.kind, &info.name, Some(id))));
                self.require_on_scope(info.kind, &info.scope, action, change)?;
                Ok((info, bytes))
            }
            Err(e) => {
                let any = DocumentKind::ALL.map(|k| permission(k, action));
                self.require_any(&any, &Target::Workspace)?;
                Err(e)
            }
        }
    }

    /// Stores `value` as a new draft document, encoded as JSON. Needs the edit
    /// permission of the document's kind on its scope (audited as `document.put`).
    ///
    /// ```
    /// use wfm::store::{DocumentKind, DocumentStatus};
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// let doc = ws.put_json(DocumentKind::Scenario, "Sales", "base", "occupancy 0.85", &[], &vec![0.85])?;
    /// assert_eq!(doc.status, DocumentStatus::Draft);
    /// let (info, value): (_, Vec<f64>) = ws.get_json(doc.id)?;
    /// assert_eq!((info.name.as_str(), value), ("base", vec![0.85]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); `NotFound` if a used
    /// document does not exist.
    pub fn put_json<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<DocumentInfo> {
        let change = ("document.put", detail(kind, name, None));
        self.require_on_scope(kind, scope, Action::Edit, Some(change))?;
        self.put_json_unchecked(kind, scope, name, summary, uses, value)
    }

    /// Stores `value` (JSON) as *the* draft of its kind, scope and name: replaces the
    /// existing draft in place or stores a new one, in one transaction (see
    /// [`WorkspaceStore::put_draft`](crate::store::WorkspaceStore::put_draft)). Returns
    /// it and whether it replaced a draft. Checked and audited as [`Workspace::put_json`].
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("Sales", &["1001".parse()?])?;
    /// let (a, replaced) = ws.put_draft_json(DocumentKind::Forecast, "Sales", "short", "", &[], &1)?;
    /// assert!(!replaced);
    /// let (b, replaced) = ws.put_draft_json(DocumentKind::Forecast, "Sales", "short", "", &[], &2)?;
    /// assert!(replaced && a.id == b.id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Workspace::put_json`].
    pub fn put_draft_json<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<(DocumentInfo, bool)> {
        let change = ("document.put_draft", detail(kind, name, None));
        self.require_on_scope(kind, scope, Action::Edit, Some(change))?;
        self.put_draft_json_unchecked(kind, scope, name, summary, uses, value)
    }

    /// Replaces a draft document's content with `value` (JSON). Needs the edit
    /// permission of its kind on its scope (audited as `document.replace`).
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// let doc = ws.put_json(DocumentKind::Scenario, "*", "base", "", &[], &1)?;
    /// ws.replace_json(doc.id, "now 2", &[], &2)?;
    /// assert_eq!(ws.get_json::<i32>(doc.id)?.1, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); `NotFound` if it is
    /// unknown, `AlreadyPublished` if published.
    pub fn replace_json<T: Serialize + ?Sized>(
        &mut self,
        id: DocumentId,
        summary: &str,
        uses: &[DocumentId],
        value: &T,
    ) -> Result<DocumentInfo> {
        self.require_on_document(id, Action::Edit, Some("document.replace"))?;
        self.replace_json_unchecked(id, summary, uses, value)
    }

    /// A document decoded from JSON. Needs the view permission of its kind on its
    /// scope (see [`Workspace::put_json`] for an example).
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden) (for a document out of the
    /// actor's scope or unknown to them, naming nothing of it); `NotFound` if it is
    /// unknown; `Damaged` if it does not decode as `T`.
    pub fn get_json<T: DeserializeOwned>(&self, id: DocumentId) -> Result<(DocumentInfo, T)> {
        let (info, bytes) = self.require_on_document(id, Action::View, None)?;
        Self::decode_json(info, &bytes)
    }

    /// The documents of a kind the actor may see (of the forecast groups in their
    /// scope), only of `scope` when given, oldest first. Needs the view permission of
    /// the kind.
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.put_json(DocumentKind::Scenario, "*", "base", "", &[], &1)?;
    /// assert_eq!(ws.documents(DocumentKind::Scenario, None)?.len(), 1);
    /// assert!(ws.documents(DocumentKind::Plan, None)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden) without the view
    /// permission; a storage failure.
    pub fn documents(&self, kind: DocumentKind, scope: Option<&str>) -> Result<Vec<DocumentInfo>> {
        let all = self.documents_unchecked(kind, scope)?;
        self.visible_targets(permission(kind, Action::View), all, |d| {
            scope_target(&d.scope)
        })
    }

    /// The newest document of a kind, scope and name, the newest published one when
    /// `status` says so. Needs the view permission of the kind on `scope`.
    ///
    /// ```
    /// use wfm::store::{DocumentKind, DocumentStatus};
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("Sales", &["1001".parse()?])?;
    /// let a = ws.put_json(DocumentKind::Forecast, "Sales", "short", "", &[], &1)?;
    /// ws.publish_document(a.id)?;
    /// let b = ws.put_json(DocumentKind::Forecast, "Sales", "short", "", &[], &2)?;
    /// let newest = |s| ws.latest(DocumentKind::Forecast, "Sales", "short", s).map(|d| d.map(|d| d.id));
    /// assert_eq!(newest(None)?, Some(b.id));
    /// assert_eq!(newest(Some(DocumentStatus::Published))?, Some(a.id));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); a storage failure.
    pub fn latest(
        &self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        status: Option<DocumentStatus>,
    ) -> Result<Option<DocumentInfo>> {
        self.require_on_scope(kind, scope, Action::View, None)?;
        self.latest_unchecked(kind, scope, name, status)
    }

    /// Publishes a draft document (immutable afterwards). Needs the publish permission
    /// of its kind on its scope (audited as `document.publish`).
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); `NotFound` if it is
    /// unknown, `AlreadyPublished` if published already.
    pub fn publish_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.require_on_document(id, Action::Publish, Some("document.publish"))?;
        self.publish_document_unchecked(id)
    }

    /// Stores `value` (JSON) as a new draft that replaces every other document of its
    /// kind and scope no document uses, in one transaction (see
    /// [`WorkspaceStore::put_superseding`](crate::store::WorkspaceStore::put_superseding)).
    /// Checked as [`Workspace::put_json`] (audited as `document.put_superseding`).
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// let a = ws.put_superseding_json(DocumentKind::ScheduleScenario, "*", "v1", "", &1)?;
    /// let b = ws.put_superseding_json(DocumentKind::ScheduleScenario, "*", "v2", "", &2)?;
    /// assert_eq!(b.deleted, [a.info.id]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Workspace::put_json`].
    pub fn put_superseding_json<T: Serialize + ?Sized>(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        name: &str,
        summary: &str,
        value: &T,
    ) -> Result<Replacement> {
        let change = ("document.put_superseding", detail(kind, name, None));
        self.require_on_scope(kind, scope, Action::Edit, Some(change))?;
        self.put_superseding_json_unchecked(kind, scope, name, summary, value)
    }

    /// Publishes the draft `id` and deletes `replaces` in one transaction, provided the
    /// published documents of its kind and scope are still `seen` (see
    /// [`WorkspaceStore::publish_replacing`](crate::store::WorkspaceStore::publish_replacing)).
    /// Needs the publish permission of its kind on its scope and the edit permission on
    /// each document it deletes (audited as `document.publish`).
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); `NotFound` if it is
    /// unknown, `AlreadyPublished` if published already;
    /// [`WfmError::Changed`](crate::WfmError::Changed) if another run published or
    /// deleted one of its kind and scope meanwhile.
    pub fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<Replacement> {
        for &old in replaces {
            // an unknown one is the store's to refuse, in the publishing transaction
            if let Ok((info, _)) = self.store().document(old) {
                self.require_on_scope(info.kind, &info.scope, Action::Edit, None)?;
            }
        }
        self.require_on_document(id, Action::Publish, Some("document.publish"))?;
        self.store_mut().publish_replacing(id, seen, replaces)
    }

    /// Deletes a document. Needs the edit permission of its kind on its scope (audited
    /// as `document.delete`).
    ///
    /// ```
    /// use wfm::store::DocumentKind;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// let doc = ws.put_json(DocumentKind::Fte, "*", "fte", "", &[], &0)?;
    /// ws.delete_document(doc.id)?;
    /// assert!(ws.get_json::<i32>(doc.id).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); `NotFound` if it is
    /// unknown, `InUse` if a published document uses it.
    pub fn delete_document(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.require_on_document(id, Action::Edit, Some("document.delete"))?;
        self.delete_document_unchecked(id)
    }

    /// The stored history as layers, only of `queues` when given. Needs forecasting
    /// view of the queues' forecast groups (of the whole workspace without `queues`, or
    /// for a queue in no group).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("Sales", &["1001".parse()?])?;
    /// assert!(ws.load_history(Some(&["1001".parse()?]))?.layers.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); a storage failure.
    pub fn load_history(&self, queues: Option<&[QueueId]>) -> Result<LoadedHistory> {
        let Some(wanted) = queues else {
            self.require(P::ForecastingView, &Target::Workspace)?;
            return self.load_history_unchecked(None);
        };
        let known = self.queues()?;
        let mut targets: Vec<Target> = Vec::new();
        for q in wanted {
            let group = known
                .iter()
                .find(|k| &k.id == q)
                .and_then(|k| k.group.as_ref());
            let target = group.map_or(Target::Workspace, |g| Target::group(g));
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        for t in &targets {
            self.require(P::ForecastingView, t)?;
        }
        self.load_history_unchecked(queues)
    }

    /// Checks the workspace file (SQLite's integrity and foreign-key checks) and every
    /// stored value; returns each problem by table (empty: healthy). Reads only; needs
    /// `access.admin` or forecasting view of the whole workspace (as `wfm workspace
    /// check`).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// assert!(ws.check()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); a storage failure that
    /// prevents checking at all.
    pub fn check(&self) -> Result<Vec<StoreProblem>> {
        self.require_any(&[P::AccessAdmin, P::ForecastingView], &Target::Workspace)?;
        self.store().check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_its_areas_permissions() {
        let area =
            |k| [Action::View, Action::Edit, Action::Publish].map(|a| permission(k, a).as_str());
        for k in DocumentKind::ALL {
            let [view, edit, publish] = area(k);
            let prefix = view.split('.').next().unwrap();
            assert!(view.ends_with(".view") && edit.ends_with(".edit"), "{k:?}");
            assert!(publish.ends_with(".publish"), "{k:?}");
            assert!(
                edit.starts_with(prefix) && publish.starts_with(prefix),
                "{k:?}"
            );
        }
        assert_eq!(area(DocumentKind::Fte)[0], "capacity.view");
        assert_eq!(area(DocumentKind::ForecastOverride)[1], "forecasting.edit");
        assert_eq!(
            area(DocumentKind::ScheduleScenario)[2],
            "scheduling.publish"
        );
    }

    #[test]
    fn the_workspace_scope_is_the_whole_workspace() {
        assert_eq!(scope_target("*"), Target::Workspace);
        assert_eq!(scope_target("Sales"), Target::group("Sales"));
    }
}
