//! [`Role`]: a named set of permissions; the built-in roles of SPEC §10 and custom ones.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Permission;
use crate::error::{Result, WfmError};

/// A named set of permissions.
///
/// ```
/// use wfm::access::{Permission, Role};
/// let analyst = Role::builtin("analyst").unwrap();
/// assert!(analyst.permissions.contains(&Permission::ForecastingView));
/// assert!(!analyst.permissions.contains(&Permission::ForecastingEdit));
/// assert!(Role::builtin("admin").unwrap().permissions.len() == Permission::ALL.len());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The unique name (lower case).
    pub name: String,
    /// What it allows.
    pub permissions: BTreeSet<Permission>,
    /// Whether wfm defines it (built-in roles cannot be redefined).
    pub builtin: bool,
}

/// The built-in roles' names.
pub const BUILTIN_ROLES: [&str; 5] = ["admin", "planner", "supervisor", "analyst", "agent"];

impl Role {
    /// A custom role; its name is checked (1–64 of `a-z 0-9 _ - .`, not a built-in's).
    ///
    /// ```
    /// use wfm::access::{Permission, Role};
    /// let r = Role::custom("Forecaster", [Permission::ForecastingView, Permission::ForecastingEdit])?;
    /// assert_eq!(r.name, "forecaster");
    /// assert!(Role::custom("admin", []).is_err());
    /// # Ok::<(), wfm::WfmError>(())
    /// ```
    ///
    /// # Errors
    /// `InvalidArgument` for a bad or built-in name.
    pub fn custom(name: &str, permissions: impl IntoIterator<Item = Permission>) -> Result<Self> {
        let name = check_name("role", name)?;
        if BUILTIN_ROLES.contains(&name.as_str()) {
            return Err(WfmError::InvalidArgument {
                argument: "role",
                value: name,
                expected: "a name that is not a built-in role's".into(),
            });
        }
        Ok(Self {
            name,
            permissions: permissions.into_iter().collect(),
            builtin: false,
        })
    }

    /// A built-in role by name: `admin` (everything), `planner` (forecasting, capacity
    /// and scheduling with publishing, the team calendar, time-off and balance views,
    /// metrics), `supervisor` (team calendar view and edit, time-off approve, edit and
    /// view, balance edit and view, metrics), `analyst` (every view: forecasting,
    /// capacity, scheduling, team calendar, time off, balances, metrics) and `agent`
    /// (own calendar view and edit, own time-off requests and balances).
    pub fn builtin(name: &str) -> Option<Self> {
        use Permission as P;
        let permissions: Vec<P> = match name {
            "admin" => P::ALL.to_vec(),
            "planner" => vec![
                P::ForecastingView,
                P::ForecastingEdit,
                P::ForecastingPublish,
                P::CapacityView,
                P::CapacityEdit,
                P::CapacityPublish,
                P::SchedulingView,
                P::SchedulingEdit,
                P::SchedulingPublish,
                P::TeamCalendarView,
                P::TeamCalendarEdit,
                P::TimeOffView,
                P::TimeOffBalanceView,
                P::Metrics,
            ],
            "supervisor" => vec![
                P::TeamCalendarView,
                P::TeamCalendarEdit,
                P::TimeOffApprove,
                P::TimeOffEdit,
                P::TimeOffView,
                P::TimeOffBalanceEdit,
                P::TimeOffBalanceView,
                P::Metrics,
            ],
            "analyst" => vec![
                P::ForecastingView,
                P::CapacityView,
                P::SchedulingView,
                P::TeamCalendarView,
                P::TimeOffView,
                P::TimeOffBalanceView,
                P::Metrics,
            ],
            "agent" => vec![
                P::AgentCalendarView,
                P::AgentCalendarEdit,
                P::TimeOffEdit,
                P::TimeOffView,
                P::TimeOffBalanceView,
            ],
            _ => return None,
        };
        Some(Self {
            name: name.to_owned(),
            permissions: permissions.into_iter().collect(),
            builtin: true,
        })
    }

    /// Every built-in role.
    pub fn builtins() -> Vec<Self> {
        BUILTIN_ROLES
            .iter()
            .filter_map(|n| Self::builtin(n))
            .collect()
    }
}

/// A user or role name: trimmed, lower case, 1–64 of `a-z 0-9 _ - . @`.
pub(crate) fn check_name(what: &'static str, name: &str) -> Result<String> {
    let n = name.trim().to_lowercase();
    let ok = !n.is_empty()
        && n.len() <= 64
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'));
    if ok {
        Ok(n)
    } else {
        Err(WfmError::InvalidArgument {
            argument: what,
            value: name.to_owned(),
            expected: "1 to 64 of a-z, 0-9, '_', '-', '.', '@'".into(),
        })
    }
}
