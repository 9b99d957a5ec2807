//! Team workspaces (SPEC §10): [`Permission`]s, [`Role`]s (built-in and custom),
//! [`User`]s with a [`Scope`] (a supervisor's staffing groups, an agent themselves), the
//! check every workspace operation makes ([`Workspace::require`](crate::Workspace::require))
//! and the append-only audit log.
//!
//! A workspace without users behaves as before: every actor is admin. Once users exist,
//! an actor who is not one of them is refused everything. A refusal is
//! [`WfmError::Forbidden`](crate::WfmError::Forbidden), naming the permission and the
//! target — or, for a target outside the actor's scope, nothing of it.

mod admin;
mod audit;
mod backend;
mod checks;
mod documents;
mod guard;
mod listing;
mod permission;
mod role;
mod scope;
mod time_off;

pub use admin::Access;
pub use audit::{AuditEntry, AuditQuery, NewAuditEntry, audit_csv, audit_json};
pub use guard::{Grants, HIDDEN_TARGET};
pub use permission::Permission;
pub use role::{BUILTIN_ROLES, Role};
pub use scope::{MAX_GROUPS_PER_SUPERVISOR, Membership, Scope, Target, User};
