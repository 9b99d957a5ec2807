//! Team workspaces for Python (`ws.access`, `ws.audit()`, `Workspace(path, actor=…)`):
//! free functions taking the `_Workspace`, each calling `wfm::Workspace::access` without
//! the GIL. The audit log crosses as the facade's CSV (`wfm::access::audit_csv`), which
//! `wfm/access.py` reads as a DataFrame.

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use wfm::access::{AuditQuery, Permission, Role, Scope, User};
use wfm::store::Actor;

use crate::workspace::{PyWorkspace, argument};

/// A user as Python receives it: name, roles, scope text.
type UserRow = (String, Vec<String>, String);

fn user_row(u: &User) -> UserRow {
    (
        u.name.clone(),
        u.roles.iter().cloned().collect(),
        u.scope.to_string(),
    )
}

fn scope(groups: Option<Vec<String>>, agent: Option<String>) -> Result<Scope, crate::Failure> {
    Ok(match (groups, agent) {
        (Some(_), Some(_)) => {
            return Err(argument(
                "agent",
                "give groups or agent, not both".to_owned(),
            ));
        }
        (Some(g), None) => Scope::groups(g)?,
        (None, Some(a)) => Scope::Agent(a.trim().to_owned()),
        (None, None) => Scope::All,
    })
}

fn instant(column: &str, text: Option<String>) -> Result<Option<DateTime<Utc>>, crate::Failure> {
    text.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map(|d| d.with_timezone(&Utc))
            .or_else(|_| {
                chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                    .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
            })
            .map_err(|_| {
                argument(
                    column,
                    format!("{t:?}: expected an RFC 3339 instant or a day"),
                )
            })
    })
    .transpose()
}

/// Runs what follows as `name`.
#[pyfunction]
pub fn access_set_actor(py: Python<'_>, ws: PyRef<'_, PyWorkspace>, name: String) -> PyResult<()> {
    ws.with(py, |ws| {
        ws.set_actor(Actor::new(name));
        Ok(())
    })
}

/// Who the workspace acts as.
#[pyfunction]
pub fn access_actor(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<String> {
    ws.with(py, |ws| Ok(ws.actor().name().to_owned()))
}

/// Every user: (name, roles, scope).
#[pyfunction]
pub fn access_users(py: Python<'_>, ws: PyRef<'_, PyWorkspace>) -> PyResult<Vec<UserRow>> {
    ws.with(py, |ws| {
        Ok(ws.access().users()?.iter().map(user_row).collect())
    })
}

/// Adds (or replaces) a user.
#[pyfunction]
#[pyo3(signature = (ws, name, roles, groups=None, agent=None))]
pub fn access_add_user(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    roles: Vec<String>,
    groups: Option<Vec<String>>,
    agent: Option<String>,
) -> PyResult<UserRow> {
    ws.with(py, |ws| {
        let user = User::new(&name, &roles, scope(groups, agent)?)?;
        ws.access().add_user(&user)?;
        Ok(user_row(&user))
    })
}

/// Removes a user.
#[pyfunction]
pub fn access_remove_user(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
) -> PyResult<()> {
    ws.with(py, |ws| Ok(ws.access().remove_user(&name)?))
}

/// Gives (`grant`) or takes (`not grant`) a role.
#[pyfunction]
pub fn access_grant(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    role: String,
    grant: bool,
) -> PyResult<UserRow> {
    ws.with(py, |ws| {
        let mut access = ws.access();
        let user = if grant {
            access.grant(&name, &role)?
        } else {
            access.revoke(&name, &role)?
        };
        Ok(user_row(&user))
    })
}

/// Sets a user's scope (neither groups nor agent: the whole workspace).
#[pyfunction]
#[pyo3(signature = (ws, name, groups=None, agent=None))]
pub fn access_set_scope(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    groups: Option<Vec<String>>,
    agent: Option<String>,
) -> PyResult<UserRow> {
    ws.with(py, |ws| {
        let user = ws.access().set_scope(&name, scope(groups, agent)?)?;
        Ok(user_row(&user))
    })
}

/// Every role: (name, built-in, permissions).
#[pyfunction]
pub fn access_roles(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
) -> PyResult<Vec<(String, bool, Vec<String>)>> {
    ws.with(py, |ws| {
        Ok(ws
            .access()
            .roles()?
            .into_iter()
            .map(|r| {
                let perms = r
                    .permissions
                    .iter()
                    .map(|p| p.as_str().to_owned())
                    .collect();
                (r.name, r.builtin, perms)
            })
            .collect())
    })
}

/// Defines (or redefines) a custom role.
#[pyfunction]
pub fn access_define_role(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    name: String,
    permissions: Vec<String>,
) -> PyResult<()> {
    ws.with(py, |ws| {
        let perms = permissions
            .iter()
            .map(|p| p.parse::<Permission>())
            .collect::<wfm::Result<Vec<_>>>()?;
        Ok(ws.access().define_role(&Role::custom(&name, perms)?)?)
    })
}

/// The audit log as CSV text, filtered.
#[pyfunction]
#[pyo3(signature = (ws, actor=None, operation=None, target=None, since=None, until=None))]
pub fn access_audit(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    actor: Option<String>,
    operation: Option<String>,
    target: Option<String>,
    since: Option<String>,
    until: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let query = AuditQuery {
            actor,
            operation,
            target,
            since: instant("since", since)?,
            until: instant("until", until)?,
        };
        Ok(wfm::access::audit_csv(&ws.access().audit(&query)?)?)
    })
}
