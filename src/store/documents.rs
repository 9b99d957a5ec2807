//! Versioned documents of a workspace: computed and published forecasts, overrides,
//! capacity scenarios and plans, schedules.
//!
//! A document is an opaque payload (the module that owns its kind chooses the encoding,
//! JSON through [`crate::Workspace::put_json`] by default) with a kind, a scope (the
//! forecast group or staffing group it belongs to), a name, a one-line summary for
//! listings, and the documents it was made from (`uses`). It is a draft until published;
//! a published document is immutable, and a document used by a published one cannot be
//! deleted (a forecast used by a published plan or schedule stays).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The id of a stored document (in creation order; never reused).
///
/// ```
/// let id = wfm::store::DocumentId(7);
/// assert_eq!(id.to_string(), "7");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocumentId(pub i64);

impl std::fmt::Display for DocumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What a document holds.
///
/// ```
/// use wfm::store::DocumentKind;
/// assert_eq!(DocumentKind::Forecast.as_str(), "forecast");
/// assert_eq!("plan-override".parse::<DocumentKind>(), Ok(DocumentKind::PlanOverride));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DocumentKind {
    /// A forecast of a forecast group (short- or long-term: the document's name).
    Forecast,
    /// A planner's override of a forecast group's forecast.
    ForecastOverride,
    /// A capacity-plan scenario.
    Scenario,
    /// A capacity plan.
    Plan,
    /// A planner's override of a plan's required FTE.
    PlanOverride,
    /// The available FTE and shrinkage of a forecast group (the FTE/shrinkage CSV; the newest load
    /// replaces the older).
    Fte,
    /// A schedule of a staffing group.
    Schedule,
    /// The scheduling configuration (building blocks and request, the scheduler's
    /// scenario file), apart from the capacity-plan scenarios.
    ScheduleScenario,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 8] = [
        Self::Forecast,
        Self::ForecastOverride,
        Self::Scenario,
        Self::Plan,
        Self::PlanOverride,
        Self::Fte,
        Self::Schedule,
        Self::ScheduleScenario,
    ];

    /// The stored name.
    ///
    /// ```
    /// assert_eq!(wfm::store::DocumentKind::Schedule.as_str(), "schedule");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Forecast => "forecast",
            Self::ForecastOverride => "forecast-override",
            Self::Scenario => "scenario",
            Self::Plan => "plan",
            Self::PlanOverride => "plan-override",
            Self::Fte => "fte",
            Self::Schedule => "schedule",
            Self::ScheduleScenario => "schedule-scenario",
        }
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown document kind {s:?}"))
    }
}

/// Where a document is in its lifecycle.
///
/// ```
/// assert_eq!(wfm::store::DocumentStatus::Published.as_str(), "published");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DocumentStatus {
    /// Computed or edited, not yet published; may be replaced or deleted.
    Draft,
    /// Published: immutable; what plans, schedules and agents see.
    Published,
}

impl DocumentStatus {
    /// The stored name: `draft` or `published`.
    ///
    /// ```
    /// assert_eq!(wfm::store::DocumentStatus::Draft.as_str(), "draft");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }
}

/// A stored document, without its payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    /// The id.
    pub id: DocumentId,
    /// What it holds.
    pub kind: DocumentKind,
    /// The forecast or staffing group it belongs to.
    pub scope: String,
    /// Its name within the kind and scope (`short`, `long`, a scenario's name, …).
    pub name: String,
    /// Draft or published.
    pub status: DocumentStatus,
    /// When it was stored (or last replaced).
    pub created_at: DateTime<Utc>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// A one-line description for listings (dates, model, totals).
    pub summary: String,
    /// The documents it was made from.
    pub uses: Vec<DocumentId>,
    /// Payload size in bytes.
    pub bytes: u64,
}

/// A document to store.
///
/// ```
/// use wfm::store::{DocumentKind, NewDocument};
/// let d = NewDocument::new(DocumentKind::Scenario, "Sales", "base", b"{}".to_vec());
/// assert!(d.uses.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// What it holds.
    pub kind: DocumentKind,
    /// The group it belongs to.
    pub scope: String,
    /// Its name within kind and scope.
    pub name: String,
    /// A one-line description for listings.
    pub summary: String,
    /// The documents it was made from (each must exist).
    pub uses: Vec<DocumentId>,
    /// The encoded content.
    pub payload: Vec<u8>,
}

impl NewDocument {
    /// A document with no summary and no uses.
    ///
    /// ```
    /// use wfm::store::{DocumentKind, NewDocument};
    /// let d = NewDocument::new(DocumentKind::Forecast, "Sales", "short", vec![1, 2]);
    /// assert_eq!(d.payload.len(), 2);
    /// ```
    pub fn new(kind: DocumentKind, scope: &str, name: &str, payload: Vec<u8>) -> Self {
        Self {
            kind,
            scope: scope.to_owned(),
            name: name.to_owned(),
            summary: String::new(),
            uses: Vec::new(),
            payload,
        }
    }
}
