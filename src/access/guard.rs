//! The check every workspace operation makes: [`Workspace::require`] (may the actor do
//! this to that?) and [`Workspace::require_change`] (the same, and the change's audit
//! entry staged for its transaction), plus [`Workspace::visible`], the scope filter of
//! reads.

use std::collections::BTreeSet;

use super::{Membership, NewAuditEntry, Permission, Role, Scope, Target, User};
use crate::Workspace;
use crate::error::{Result, WfmError};

/// What the workspace's actor may do: their permissions and scope.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
/// let g = ws.grants()?;
/// assert!(!g.configured && g.scope == wfm::access::Scope::All); // nobody configured: admin
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grants {
    /// The actor's name.
    pub actor: String,
    /// Whether the workspace has users (else every actor is admin).
    pub configured: bool,
    /// Whether the actor is one of them.
    pub known: bool,
    /// The union of their roles' permissions.
    pub permissions: BTreeSet<Permission>,
    /// What the permissions apply to.
    pub scope: Scope,
}

impl Grants {
    /// Grants from the stored users and custom roles (none: everyone is admin).
    pub(crate) fn resolve(actor: &str, users: &[User], custom: &[Role]) -> Self {
        let everything = || Permission::ALL.into_iter().collect();
        if users.is_empty() {
            return Self {
                actor: actor.to_owned(),
                configured: false,
                known: true,
                permissions: everything(),
                scope: Scope::All,
            };
        }
        let me = actor.trim().to_lowercase();
        let Some(user) = users.iter().find(|u| u.name == me) else {
            return Self {
                actor: actor.to_owned(),
                configured: true,
                known: false,
                permissions: BTreeSet::new(),
                scope: Scope::Agent(String::new()),
            };
        };
        let mut permissions = BTreeSet::new();
        for name in &user.roles {
            let role =
                Role::builtin(name).or_else(|| custom.iter().find(|r| &r.name == name).cloned());
            if let Some(role) = role {
                permissions.extend(role.permissions);
            }
        }
        Self {
            actor: actor.to_owned(),
            configured: true,
            known: true,
            permissions,
            scope: user.scope.clone(),
        }
    }
}

/// The refusal's target text when the target is out of scope: nothing of it revealed.
pub const HIDDEN_TARGET: &str = "a target not found or not permitted";

impl Workspace {
    /// The actor's grants, read from the workspace.
    ///
    /// # Errors
    /// A storage failure.
    pub fn grants(&self) -> Result<Grants> {
        let store = self.store();
        let users = store.users()?;
        let custom = if users.is_empty() {
            Vec::new()
        } else {
            store.roles()?
        };
        Ok(Grants::resolve(self.actor().name(), &users, &custom))
    }

    /// The staffing groups of the scheduling configuration (none without one).
    ///
    /// # Errors
    /// A storage failure or a configuration that does not decode.
    pub fn membership(&self) -> Result<Membership> {
        let mut m = Membership::default();
        match crate::scheduling::workspace::current_scenario(self) {
            Ok((_, stored)) => {
                for g in &stored.config.staffing_groups {
                    m.add_group(&g.name, &g.forecast_group, g.agents.iter().cloned());
                }
                Ok(m)
            }
            Err(WfmError::NotFound { .. }) => Ok(m),
            Err(e) => Err(e),
        }
    }

    fn in_scope(&self, grants: &Grants, target: &Target) -> Result<bool> {
        Ok(match (&grants.scope, target) {
            (Scope::All, _) => true,
            (Scope::Agent(me), Target::Agent(a)) => me == a,
            (Scope::Agent(_), _) | (Scope::Groups(_), Target::Workspace) => false,
            (scope, target) => self.membership()?.in_scope(scope, target),
        })
    }

    /// Refuses unless the actor holds one of `any` on `target` (in their scope). The
    /// refusal is [`WfmError::Forbidden`] naming the permission and the target — or, for
    /// a target outside the actor's scope, nothing of it.
    ///
    /// ```
    /// use wfm::access::{Permission, Scope, Target, User};
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.set_actor(wfm::store::Actor::new("root"));
    /// ws.access().add_user(&User::new("ana", ["analyst"], Scope::All)?)?;
    /// ws.set_actor(wfm::store::Actor::new("ana"));
    /// assert!(ws.require_any(&[Permission::ForecastingView], &Target::Workspace).is_ok());
    /// let e = ws.require_any(&[Permission::ForecastingEdit], &Target::group("Sales")).unwrap_err();
    /// assert_eq!(e.to_string(), "permission denied: ana lacks forecasting.edit on forecast group Sales");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`]; a storage failure.
    pub fn require_any(&self, any: &[Permission], target: &Target) -> Result<()> {
        let grants = self.grants()?;
        if !grants.configured {
            return Ok(());
        }
        let holds = any.iter().any(|p| grants.permissions.contains(p));
        let visible = grants.known && self.in_scope(&grants, target)?;
        if holds && visible {
            return Ok(());
        }
        Err(WfmError::Forbidden {
            actor: grants.actor,
            permission: any
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            target: if visible {
                target.to_string()
            } else {
                HIDDEN_TARGET.to_owned()
            },
        })
    }

    /// [`Workspace::require_any`] of one permission.
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require(&self, permission: Permission, target: &Target) -> Result<()> {
        self.require_any(&[permission], target)
    }

    /// [`Workspace::require`], then the change's audit entry (`operation` on `target`,
    /// the actor, the workspace clock) staged: the store appends it in the change's own
    /// transaction.
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_change(
        &self,
        permission: Permission,
        target: &Target,
        operation: &str,
    ) -> Result<()> {
        self.require(permission, target)?;
        self.stage(operation, &target.to_string());
        Ok(())
    }

    /// [`Workspace::require_any`] and the audit entry staged, as
    /// [`Workspace::require_change`].
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_any_change(
        &self,
        any: &[Permission],
        target: &Target,
        operation: &str,
    ) -> Result<()> {
        self.require_any(any, target)?;
        self.stage(operation, &target.to_string());
        Ok(())
    }

    /// Stages the audit entry of the change about to be made (`target` as written).
    pub(crate) fn stage(&self, operation: &str, target: &str) {
        self.stage_detail(operation, target, None);
    }

    pub(crate) fn stage_detail(&self, operation: &str, target: &str, detail: Option<String>) {
        let mut entry = NewAuditEntry::new(self.now(), self.actor().name(), operation, target);
        entry.detail = detail;
        self.store().stage_audit(Some(entry));
    }

    /// Keeps the items whose agent is in the actor's scope for `permission` (all of
    /// them when nobody is configured); refuses when the actor lacks `permission`.
    ///
    /// # Errors
    /// [`WfmError::Forbidden`] without the permission; a storage failure.
    pub fn visible<T>(
        &self,
        permission: Permission,
        items: Vec<T>,
        agent: impl Fn(&T) -> &str,
    ) -> Result<Vec<T>> {
        self.visible_any(&[permission], items, agent)
    }

    /// [`Workspace::visible`] for an actor holding any of `any`.
    ///
    /// # Errors
    /// As [`Workspace::visible`].
    pub fn visible_any<T>(
        &self,
        any: &[Permission],
        items: Vec<T>,
        agent: impl Fn(&T) -> &str,
    ) -> Result<Vec<T>> {
        self.require_held(any)?;
        let grants = self.grants()?;
        if !grants.configured || grants.scope == Scope::All {
            return Ok(items);
        }
        let m = self.membership()?;
        Ok(items
            .into_iter()
            .filter(|i| m.in_scope(&grants.scope, &Target::agent(agent(i))))
            .collect())
    }

    /// Keeps the items whose target (a forecast group, the workspace, …) is in the
    /// actor's scope (all of them when nobody is configured); refuses when the actor
    /// lacks `permission`.
    ///
    /// # Errors
    /// [`WfmError::Forbidden`] without the permission; a storage failure.
    pub(crate) fn visible_targets<T>(
        &self,
        permission: Permission,
        items: Vec<T>,
        target: impl Fn(&T) -> Target,
    ) -> Result<Vec<T>> {
        self.require_held(&[permission])?;
        let grants = self.grants()?;
        if !grants.configured || grants.scope == Scope::All {
            return Ok(items);
        }
        let m = self.membership()?;
        Ok(items
            .into_iter()
            .filter(|i| m.in_scope(&grants.scope, &target(i)))
            .collect())
    }

    /// Refuses unless the actor holds one of `any` (whatever the target).
    ///
    /// # Errors
    /// [`WfmError::Forbidden`] naming the permission; a storage failure.
    pub fn require_held(&self, any: &[Permission]) -> Result<()> {
        let grants = self.grants()?;
        if !grants.configured
            || (grants.known && any.iter().any(|p| grants.permissions.contains(p)))
        {
            return Ok(());
        }
        Err(WfmError::Forbidden {
            actor: grants.actor,
            permission: any
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            target: Target::Workspace.to_string(),
        })
    }
}
