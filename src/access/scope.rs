//! [`Scope`] (what part of the workspace a user acts on), [`User`] and [`Target`] (what an
//! operation acts on), and the membership that decides whether a target is in a scope.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Result, WfmError};

/// At most this many staffing groups per supervisor (SPEC §9).
pub const MAX_GROUPS_PER_SUPERVISOR: usize = 45;

/// The part of the workspace a user's permissions apply to.
///
/// ```
/// use wfm::access::Scope;
/// let s = Scope::groups(["Day team", "Early team"])?;
/// assert_eq!(s.to_string(), "groups: Day team, Early team");
/// assert!(Scope::groups((0..46).map(|i| format!("g{i}"))).is_err());
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Scope {
    /// The whole workspace.
    All,
    /// These staffing groups (a supervisor's: at most 45).
    Groups(BTreeSet<String>),
    /// One agent, by agent id: themselves.
    Agent(String),
}

impl Scope {
    /// Staffing groups, checked: 1 to [`MAX_GROUPS_PER_SUPERVISOR`] non-blank names.
    ///
    /// # Errors
    /// `OutOfRange` for none or more than 45; `InvalidArgument` for a blank name.
    pub fn groups<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Result<Self> {
        let mut set = BTreeSet::new();
        for n in names {
            let n: String = n.into();
            let n = n.trim().to_owned();
            if n.is_empty() {
                return Err(WfmError::InvalidArgument {
                    argument: "staffing group",
                    value: n,
                    expected: "a staffing group's name".into(),
                });
            }
            set.insert(n);
        }
        if set.is_empty() || set.len() > MAX_GROUPS_PER_SUPERVISOR {
            return Err(WfmError::OutOfRange {
                what: "staffing groups in a scope",
                value: set.len().to_string(),
                allowed: format!("1 to {MAX_GROUPS_PER_SUPERVISOR} (SPEC §9)"),
            });
        }
        Ok(Self::Groups(set))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("all"),
            Self::Groups(g) => {
                write!(
                    f,
                    "groups: {}",
                    g.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            }
            Self::Agent(a) => write!(f, "agent: {a}"),
        }
    }
}

/// A user of a workspace: a name (the actor name, lower case), roles and a scope.
///
/// ```
/// use wfm::access::{Scope, User};
/// let u = User::new("Sam", ["supervisor"], Scope::groups(["Day team"])?)?;
/// assert_eq!(u.name, "sam");
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The actor name it acts as (lower case).
    pub name: String,
    /// Its roles' names.
    pub roles: BTreeSet<String>,
    /// What its permissions apply to.
    pub scope: Scope,
}

impl User {
    /// A user, its name and role names checked.
    ///
    /// # Errors
    /// `InvalidArgument` for a bad name.
    pub fn new<S: AsRef<str>>(
        name: &str,
        roles: impl IntoIterator<Item = S>,
        scope: Scope,
    ) -> Result<Self> {
        let roles = roles
            .into_iter()
            .map(|r| super::role::check_name("role", r.as_ref()))
            .collect::<Result<_>>()?;
        Ok(Self {
            name: super::role::check_name("user", name)?,
            roles,
            scope,
        })
    }
}

/// What an operation acts on.
///
/// ```
/// use wfm::access::Target;
/// assert_eq!(Target::agent("ana").to_string(), "agent ana");
/// assert_eq!(Target::Workspace.to_string(), "the workspace");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The workspace as a whole (queues, history, users).
    Workspace,
    /// A forecast group and what is planned for it (forecasts, plans, schedules).
    ForecastGroup(String),
    /// A staffing group.
    StaffingGroup(String),
    /// An agent (their calendar, requests, balances).
    Agent(String),
}

impl Target {
    /// A forecast group target.
    pub fn group(name: &str) -> Self {
        Self::ForecastGroup(name.to_owned())
    }

    /// An agent target.
    pub fn agent(id: &str) -> Self {
        Self::Agent(id.to_owned())
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Workspace => f.write_str("the workspace"),
            Self::ForecastGroup(g) => write!(f, "forecast group {g}"),
            Self::StaffingGroup(g) => write!(f, "staffing group {g}"),
            Self::Agent(a) => write!(f, "agent {a}"),
        }
    }
}

/// The staffing groups of the scheduling configuration: each one's forecast group and
/// agents. Decides whether a target is in a scope.
///
/// ```
/// use wfm::access::{Membership, Scope, Target};
/// let mut m = Membership::default();
/// m.add_group("Day team", "Support", ["ana", "ben"]);
/// m.add_group("Night team", "Sales", ["nia"]);
/// let day = Scope::groups(["Day team"])?;
/// assert!(m.in_scope(&day, &Target::agent("ana")));
/// assert!(!m.in_scope(&day, &Target::agent("nia")));
/// assert!(m.in_scope(&day, &Target::group("Support")));
/// assert!(!m.in_scope(&day, &Target::Workspace));
/// assert!(m.in_scope(&Scope::Agent("nia".into()), &Target::agent("nia")));
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Membership {
    /// Staffing group → (forecast group, agents).
    groups: BTreeMap<String, (String, BTreeSet<String>)>,
}

impl Membership {
    /// Adds a staffing group.
    pub fn add_group<S: Into<String>>(
        &mut self,
        name: &str,
        forecast_group: &str,
        agents: impl IntoIterator<Item = S>,
    ) {
        let entry = self
            .groups
            .entry(name.to_owned())
            .or_insert_with(|| (forecast_group.to_owned(), BTreeSet::new()));
        entry.1.extend(agents.into_iter().map(Into::into));
    }

    /// The staffing groups an agent belongs to.
    pub fn groups_of(&self, agent: &str) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .filter(move |(_, (_, agents))| agents.contains(agent))
            .map(|(g, _)| g.as_str())
    }

    /// Whether `target` is in `scope`.
    pub fn in_scope(&self, scope: &Scope, target: &Target) -> bool {
        match scope {
            Scope::All => true,
            Scope::Agent(me) => matches!(target, Target::Agent(a) if a == me),
            Scope::Groups(mine) => match target {
                Target::Workspace => false,
                Target::StaffingGroup(g) => mine.contains(g),
                Target::ForecastGroup(f) => mine
                    .iter()
                    .any(|g| self.groups.get(g).is_some_and(|(fg, _)| fg == f)),
                Target::Agent(a) => self.groups_of(a).any(|g| mine.contains(g)),
            },
        }
    }
}
