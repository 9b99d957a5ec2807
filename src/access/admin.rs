//! [`Access`]: users, roles and the audit log of a workspace (`ws.access()`), all behind
//! the `access.admin` permission.

use super::{AuditEntry, AuditQuery, Permission, Role, Scope, Target, User};
use crate::Workspace;
use crate::error::{Item, ItemKind, Result, WfmError};

impl Workspace {
    /// Users, roles and the audit log of this workspace.
    pub fn access(&mut self) -> Access<'_> {
        Access { ws: self }
    }
}

/// The access handle of a [`Workspace`]: see [`Workspace::access`].
///
/// ```
/// use wfm::access::{Scope, User};
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
/// ws.set_actor(wfm::store::Actor::new("root"));
/// ws.access().add_user(&User::new("sam", ["supervisor"], Scope::groups(["Day team"])?)?)?;
/// // the first user added by someone else makes that someone an admin
/// let names: Vec<_> = ws.access().users()?.into_iter().map(|u| u.name).collect();
/// assert_eq!(names, ["root", "sam"]);
/// assert_eq!(ws.access().audit(&Default::default())?.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Access<'a> {
    ws: &'a mut Workspace,
}

impl Access<'_> {
    fn admin(&self, operation: &str, target: &str) -> Result<()> {
        self.ws
            .require(Permission::AccessAdmin, &Target::Workspace)?;
        self.ws.stage(operation, target);
        Ok(())
    }

    fn finish<T>(&mut self, out: Result<T>) -> Result<T> {
        let staged = self.ws.store().take_staged_audit();
        match (out, staged) {
            (Ok(v), Some(entry)) => {
                self.ws.store_mut().append_audit(&entry)?;
                Ok(v)
            }
            (out, _) => out,
        }
    }

    /// Every user, by name.
    ///
    /// # Errors
    /// [`WfmError::Forbidden`] without `access.admin`; a storage failure.
    pub fn users(&self) -> Result<Vec<User>> {
        self.ws
            .require(Permission::AccessAdmin, &Target::Workspace)?;
        self.ws.store().users()
    }

    /// One user.
    ///
    /// # Errors
    /// `NotFound` for an unknown user; as [`Access::users`].
    pub fn user(&self, name: &str) -> Result<User> {
        let wanted = name.trim().to_lowercase();
        self.users()?
            .into_iter()
            .find(|u| u.name == wanted)
            .ok_or_else(|| WfmError::NotFound {
                item: Item::new(ItemKind::User, name),
            })
    }

    /// Adds (or replaces) a user. Its roles must exist. The first user of a workspace
    /// added by an actor who is not that user makes the actor an admin first, so whoever
    /// configures a workspace keeps it.
    ///
    /// # Errors
    /// `NotFound` for an unknown role; as [`Access::users`].
    pub fn add_user(&mut self, user: &User) -> Result<()> {
        self.check_roles(user)?;
        let me = self.ws.actor().name().trim().to_lowercase();
        if self.ws.store().users()?.is_empty() && me != user.name {
            let admin = User::new(&me, ["admin"], Scope::All)?;
            self.admin("users.add", &format!("user {me} (admin, the first user)"))?;
            let out = self.ws.store_mut().put_user(&admin);
            self.finish(out)?;
        }
        self.admin("users.add", &describe(user))?;
        let out = self.ws.store_mut().put_user(user);
        self.finish(out)
    }

    fn check_roles(&self, user: &User) -> Result<()> {
        let custom = self.ws.store().roles()?;
        for r in &user.roles {
            if Role::builtin(r).is_none() && !custom.iter().any(|c| &c.name == r) {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::Role, r.as_str()),
                });
            }
        }
        Ok(())
    }

    /// Removes a user.
    ///
    /// # Errors
    /// `NotFound` for an unknown user; as [`Access::users`].
    pub fn remove_user(&mut self, name: &str) -> Result<()> {
        let user = self.user(name)?;
        self.admin("users.remove", &format!("user {}", user.name))?;
        let out = self.ws.store_mut().remove_user(&user.name);
        self.finish(out).map(|_| ())
    }

    /// Gives a user a role.
    ///
    /// # Errors
    /// `NotFound` for an unknown user or role; as [`Access::users`].
    pub fn grant(&mut self, name: &str, role: &str) -> Result<User> {
        let mut user = self.user(name)?;
        user.roles.insert(super::role::check_name("role", role)?);
        self.check_roles(&user)?;
        self.admin("users.grant", &format!("user {} role {role}", user.name))?;
        let out = self.ws.store_mut().put_user(&user);
        self.finish(out).map(|()| user)
    }

    /// Takes a role from a user.
    ///
    /// # Errors
    /// `NotFound` for an unknown user; as [`Access::users`].
    pub fn revoke(&mut self, name: &str, role: &str) -> Result<User> {
        let mut user = self.user(name)?;
        user.roles.remove(&role.trim().to_lowercase());
        self.admin("users.revoke", &format!("user {} role {role}", user.name))?;
        let out = self.ws.store_mut().put_user(&user);
        self.finish(out).map(|()| user)
    }

    /// Sets a user's scope.
    ///
    /// # Errors
    /// `NotFound` for an unknown user; as [`Access::users`].
    pub fn set_scope(&mut self, name: &str, scope: Scope) -> Result<User> {
        let mut user = self.user(name)?;
        user.scope = scope;
        self.admin("users.scope", &describe(&user))?;
        let out = self.ws.store_mut().put_user(&user);
        self.finish(out).map(|()| user)
    }

    /// The built-in roles, then the custom ones.
    ///
    /// # Errors
    /// As [`Access::users`].
    pub fn roles(&self) -> Result<Vec<Role>> {
        self.ws
            .require(Permission::AccessAdmin, &Target::Workspace)?;
        let mut all = Role::builtins();
        all.extend(self.ws.store().roles()?);
        Ok(all)
    }

    /// One role.
    ///
    /// # Errors
    /// `NotFound` for an unknown role; as [`Access::users`].
    pub fn role(&self, name: &str) -> Result<Role> {
        let wanted = name.trim().to_lowercase();
        self.roles()?
            .into_iter()
            .find(|r| r.name == wanted)
            .ok_or_else(|| WfmError::NotFound {
                item: Item::new(ItemKind::Role, name),
            })
    }

    /// Defines (or redefines) a custom role.
    ///
    /// # Errors
    /// As [`Access::users`].
    pub fn define_role(&mut self, role: &Role) -> Result<()> {
        let perms: Vec<_> = role.permissions.iter().map(|p| p.as_str()).collect();
        self.admin(
            "roles.define",
            &format!("role {}: {}", role.name, perms.join(" ")),
        )?;
        let out = self.ws.store_mut().put_role(role);
        self.finish(out)
    }

    /// The audit entries matching `query`, oldest first.
    ///
    /// # Errors
    /// As [`Access::users`].
    pub fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        self.ws
            .require(Permission::AccessAdmin, &Target::Workspace)?;
        self.ws.store().audit(query)
    }
}

fn describe(user: &User) -> String {
    let roles: Vec<&str> = user.roles.iter().map(String::as_str).collect();
    format!("user {} ({}; {})", user.name, roles.join(", "), user.scope)
}
