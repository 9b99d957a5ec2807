//! The operators' escape hatch: the raw backend of a workspace, past every permission
//! check and scope filter, for an admin only. Everything a user does goes through the
//! checked operations; this is for maintenance, migrations of data and the store's own
//! tests.

use super::{NewAuditEntry, Permission, Target};
use crate::Workspace;
use crate::error::Result;
use crate::store::WorkspaceStore;

/// The audit operation of taking raw write access.
const BACKEND_WRITE: &str = "workspace.backend_write";

impl Workspace {
    /// The raw backend, for reading what no checked operation shows — for operators
    /// only: it needs `access.admin` on the whole workspace (every actor has it in a
    /// workspace without users). Reads through it are not filtered by any scope.
    ///
    /// ```
    /// use wfm::access::{Scope, User};
    /// use wfm::store::Actor;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.set_actor(Actor::new("root"));
    /// ws.access().add_user(&User::new("ann", ["analyst"], Scope::All)?)?;
    /// assert_eq!(ws.backend()?.users()?.len(), 2); // root (admin, the first user) and ann
    /// ws.set_actor(Actor::new("ann"));
    /// let refused = ws.backend().map(|_| ()).unwrap_err();
    /// assert_eq!(refused.to_string(), "permission denied: ann lacks access.admin on the workspace");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// Outside the crate this is the only way to the raw store: the unchecked accessor
    /// the checked operations use is private.
    ///
    /// ```compile_fail,E0624
    /// # let dir = tempfile::tempdir().unwrap();
    /// let ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None).unwrap();
    /// let _ = ws.store().users();
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden) without `access.admin`; a
    /// storage failure.
    pub fn backend(&self) -> Result<&dyn WorkspaceStore> {
        self.require(Permission::AccessAdmin, &Target::Workspace)?;
        Ok(self.store())
    }

    /// The raw backend, for writing past every check — for operators only, as
    /// [`Workspace::backend`]. Taking it is a change of its own: its audit entry
    /// (`workspace.backend_write` by the actor) is stored first, so a workspace opened
    /// read-only refuses it.
    ///
    /// ```
    /// use wfm::access::AuditQuery;
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.set_actor(wfm::store::Actor::new("root"));
    /// let raw = ws.backend_mut()?;
    /// assert!(raw.users()?.is_empty());
    /// let log = ws.access().audit(&AuditQuery::default())?;
    /// assert_eq!(log[0].entry.operation, "workspace.backend_write");
    /// assert_eq!(log[0].entry.actor, "root");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Workspace::backend`]; a storage failure writing the audit entry.
    pub fn backend_mut(&mut self) -> Result<&mut dyn WorkspaceStore> {
        self.require(Permission::AccessAdmin, &Target::Workspace)?;
        let entry = NewAuditEntry::new(
            self.now(),
            self.actor().name(),
            BACKEND_WRITE,
            &Target::Workspace.to_string(),
        );
        self.store_mut().append_audit(&entry)?;
        Ok(self.store_mut())
    }
}
