//! [`Actor`]: who a change is recorded as (the work log, change records, ledgers).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The person or service a workspace operation is done by.
///
/// ```
/// let a = wfm::store::Actor::new("supervisor.ana");
/// assert_eq!(a.name(), "supervisor.ana");
/// assert_eq!(a.to_string(), "supervisor.ana");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor(String);

impl Actor {
    /// An actor of this name (blank names become `unknown`).
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        let name = name.trim();
        Self(if name.is_empty() {
            "unknown".into()
        } else {
            name.to_owned()
        })
    }

    /// The actor from the environment: `WFM_ACTOR`, else the login (`USER`, `USERNAME`),
    /// else `unknown`.
    pub fn from_env() -> Self {
        ["WFM_ACTOR", "USER", "USERNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
            .map_or_else(|| Self::new("unknown"), Self::new)
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
