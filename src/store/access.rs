//! [`AccessStore`]: what a backend keeps for access control — users, custom roles and the
//! append-only audit log (`crate::access`). The SQLite implementation is
//! `sqlite/access.rs`.

use crate::access::{AuditEntry, AuditQuery, NewAuditEntry, Role, User};
use crate::error::{Result, WfmError};

/// Users, custom roles and the audit log of a workspace.
///
/// The audit entry of a change is *staged* ([`AccessStore::stage_audit`]) before the
/// change; the backend appends it in the change's own write transaction (so a change and
/// its entry are stored together or not at all) and clears it. An entry still staged
/// after the change is taken back by the caller ([`AccessStore::take_staged_audit`]) and
/// appended on its own.
///
/// The default methods keep nothing: a backend without them behaves as a workspace
/// nobody configured (every actor admin) and keeps no audit log. A backend that offers
/// team workspaces must implement every method.
pub trait AccessStore {
    /// Every user, by name.
    ///
    /// # Errors
    /// A storage failure.
    fn users(&self) -> Result<Vec<User>> {
        Ok(Vec::new())
    }
    /// Stores a user (replacing the one of that name), in one transaction.
    ///
    /// # Errors
    /// A storage failure.
    fn put_user(&mut self, user: &User) -> Result<()> {
        let _ = user;
        Err(unsupported())
    }
    /// Removes a user; returns whether there was one.
    ///
    /// # Errors
    /// A storage failure.
    fn remove_user(&mut self, name: &str) -> Result<bool> {
        let _ = name;
        Err(unsupported())
    }
    /// The custom roles, by name.
    ///
    /// # Errors
    /// A storage failure.
    fn roles(&self) -> Result<Vec<Role>> {
        Ok(Vec::new())
    }
    /// Stores a custom role (replacing the one of that name).
    ///
    /// # Errors
    /// A storage failure.
    fn put_role(&mut self, role: &Role) -> Result<()> {
        let _ = role;
        Err(unsupported())
    }
    /// Stages the audit entry of the change about to be made (`None`: clears it).
    fn stage_audit(&self, entry: Option<NewAuditEntry>) {
        let _ = entry;
    }
    /// Takes back the staged entry, if no write transaction stored it.
    fn take_staged_audit(&self) -> Option<NewAuditEntry> {
        None
    }
    /// Appends an entry on its own; returns its sequence number.
    ///
    /// # Errors
    /// A storage failure.
    fn append_audit(&mut self, entry: &NewAuditEntry) -> Result<i64> {
        let _ = entry;
        Ok(0)
    }
    /// The entries matching `query`, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let _ = query;
        Ok(Vec::new())
    }
}

fn unsupported() -> WfmError {
    WfmError::Precondition {
        what: "this workspace's backend does not keep users and roles".into(),
    }
}
