//! [`Plans`]: the capacity plans of a workspace (named uniquely; a draft may be overridden
//! and re-run, a published plan is immutable), over `crate::capacity::lifecycle`.

use crate::access::{Permission as P, Target};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::Workspace;
use crate::capacity::lifecycle::{self, PlanRequest, Rerun, StoredPlan};
use crate::capacity::{PLAN_FILES, PlanInfo, PlanOutcome, write_plan_dir};
use crate::error::Result;
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus};

/// A plan, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    /// The document.
    pub id: DocumentId,
    /// The plan's name (unique in the workspace).
    pub name: String,
    /// The forecast group.
    pub group: String,
    /// Draft or published.
    pub status: DocumentStatus,
    /// When it was created (or last changed).
    pub created_at: DateTime<Utc>,
    /// When it was published.
    pub published_at: Option<DateTime<Utc>>,
    /// Weeks, totals and gap at a glance.
    pub summary: String,
}

impl From<DocumentInfo> for PlanRow {
    fn from(d: DocumentInfo) -> Self {
        Self {
            id: d.id,
            name: d.name,
            group: d.scope,
            status: d.status,
            created_at: d.created_at,
            published_at: d.published_at,
            summary: d.summary,
        }
    }
}

/// A stored plan with its document.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDocument {
    /// The document.
    pub info: DocumentInfo,
    /// What it was asked for and what came out.
    pub stored: StoredPlan,
}

impl PlanDocument {
    /// The workbook's Capacity Plan and Generation Details lines (inputs, when computed).
    pub fn details(&self) -> PlanInfo {
        lifecycle::plan_info(&self.info, &self.stored)
    }

    /// The plan as an outcome the plan writers take.
    pub fn outcome(&self) -> PlanOutcome {
        PlanOutcome {
            plan: self.stored.plan.clone(),
            scenario: self.stored.scenario.clone(),
            info: self.details(),
        }
    }
}

/// The capacity plans of a workspace: see [`Workspace::plans`].
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// assert!(ws.plans().list()?.is_empty());
/// let e = ws.plans().get("Q3").unwrap_err();
/// assert!(matches!(e, wfm::WfmError::NotFound { item } if item.name == "Q3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Plans<'a> {
    ws: &'a mut Workspace,
}

impl<'a> Plans<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every plan, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    pub fn list(&self) -> Result<Vec<PlanRow>> {
        self.ws.require(P::CapacityView, &Target::Workspace)?;
        Ok(self
            .ws
            .documents_unchecked(DocumentKind::Plan, None)?
            .into_iter()
            .map(PlanRow::from)
            .collect())
    }

    /// The plan `name`.
    ///
    /// # Errors
    /// `NotFound` if there is none; `Damaged` if it does not decode.
    pub fn get(&self, name: &str) -> Result<PlanDocument> {
        self.ws.require(P::CapacityView, &Target::Workspace)?;
        let (info, stored) = lifecycle::load_plan(self.ws, name)?;
        Ok(PlanDocument { info, stored })
    }

    /// Creates a draft plan from the group's latest published long- and short-term
    /// forecasts, the scenario and the group's latest FTE load.
    ///
    /// # Errors
    /// `Conflict` for a taken name, `NotFound` for an unknown scenario or a forecast not
    /// published, `OutOfRange` for weeks.
    pub fn create(&mut self, request: &PlanRequest) -> Result<DocumentInfo> {
        self.ws
            .require_change(P::CapacityEdit, &Target::Workspace, "plan.create")?;
        lifecycle::create_plan(self.ws, request)
    }

    /// Overrides the required FTE without shrinkage of periods (`(period start, value)`);
    /// the dependent rows recompute.
    ///
    /// # Errors
    /// `AlreadyPublished` for a published plan; `Core` for a date that starts no period.
    pub fn override_plan(
        &mut self,
        name: &str,
        values: &[(NaiveDate, f64)],
    ) -> Result<DocumentInfo> {
        self.ws
            .require_change(P::CapacityEdit, &Target::Workspace, "plan.override")?;
        lifecycle::override_plan(self.ws, name, values)
    }

    /// Re-runs a draft plan with `change` (or to pick up newer published forecasts);
    /// overrides are dropped.
    ///
    /// # Errors
    /// `AlreadyPublished` for a published plan, `Precondition` when nothing changed.
    pub fn rerun(&mut self, name: &str, change: &Rerun) -> Result<DocumentInfo> {
        self.ws
            .require_change(P::CapacityEdit, &Target::Workspace, "plan.rerun")?;
        lifecycle::rerun_plan(self.ws, name, change)
    }

    /// Publishes a plan: final, immutable.
    ///
    /// # Errors
    /// `NotFound` if there is none, `AlreadyPublished` if it is published already.
    pub fn publish(&mut self, name: &str) -> Result<DocumentInfo> {
        self.ws
            .require_change(P::CapacityPublish, &Target::Workspace, "plan.publish")?;
        lifecycle::publish_plan(self.ws, name)
    }

    /// Writes `plan_weekly.csv`, `plan_monthly.csv` and `plan.xlsx` of the plan into
    /// `dir` (together or not at all); returns the files.
    ///
    /// # Errors
    /// `OutputIsInput` when a file would be the workspace (checked first); as
    /// [`Plans::get`]; `Io` if a file cannot be written.
    pub fn export(&self, name: &str, dir: &Path) -> Result<[PathBuf; 3]> {
        self.ws.require(P::CapacityView, &Target::Workspace)?;
        crate::files::Inputs::new()
            .workspace(self.ws.path())
            .check_dir(dir, &PLAN_FILES)?;
        write_plan_dir(dir, &self.get(name)?.outcome())
    }
}
