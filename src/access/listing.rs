//! What the workspace's listings show an actor: the queues, forecast groups, history
//! sources and adherence event imports of `wfm queues|groups|history|adherence list` and
//! their Python twins. The unchecked
//! [`Workspace::queues`] and friends stay the building blocks that checked operations
//! use; these are the ones a user reads, so a refused or scoped actor learns nothing of
//! other groups (no names, no counts).

use super::{Permission as P, Target};
use crate::Workspace;
use crate::adherence::store::EventImportInfo;
use crate::error::Result;
use crate::store::{ForecastGroup, QueueInfo, SourceInfo};

/// The permissions that let an actor read the workspace's planning data.
const PLANNING_VIEW: [P; 3] = [P::ForecastingView, P::CapacityView, P::SchedulingView];

impl Workspace {
    /// The forecast groups the actor may see: all of them with a planning view of the
    /// whole workspace, else those in the actor's scope.
    ///
    /// ```
    /// use wfm::access::{Scope, User};
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// ws.create_group("Sales", &["1001".parse()?])?;
    /// assert_eq!(ws.visible_groups()?.len(), 1);
    /// ws.set_actor(wfm::store::Actor::new("root"));
    /// ws.access().add_user(&User::new("ag", ["agent"], Scope::Agent("ag".into()))?)?;
    /// ws.set_actor(wfm::store::Actor::new("ag"));
    /// assert!(ws.visible_groups().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden) without a planning view
    /// permission; a storage failure.
    pub fn visible_groups(&self) -> Result<Vec<ForecastGroup>> {
        self.require_held(&PLANNING_VIEW)?;
        let groups = self.groups()?;
        if self.require_any(&PLANNING_VIEW, &Target::Workspace).is_ok() {
            return Ok(groups);
        }
        Ok(groups
            .into_iter()
            .filter(|g| {
                self.require_any(&PLANNING_VIEW, &Target::group(&g.name))
                    .is_ok()
            })
            .collect())
    }

    /// The queues the actor may see: all of them with a planning view of the whole
    /// workspace, else those of the forecast groups in the actor's scope.
    ///
    /// # Errors
    /// As [`Workspace::visible_groups`].
    pub fn visible_queues(&self) -> Result<Vec<QueueInfo>> {
        self.require_held(&PLANNING_VIEW)?;
        let queues = self.queues()?;
        if self.require_any(&PLANNING_VIEW, &Target::Workspace).is_ok() {
            return Ok(queues);
        }
        let groups: Vec<String> = self.visible_groups()?.into_iter().map(|g| g.name).collect();
        Ok(queues
            .into_iter()
            .filter(|q| q.group.as_ref().is_some_and(|g| groups.contains(g)))
            .collect())
    }

    /// The loaded history sources (workspace-wide): only for an actor with forecasting
    /// view of the whole workspace.
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); a storage failure.
    pub fn visible_sources(&self) -> Result<Vec<SourceInfo>> {
        self.require(P::ForecastingView, &Target::Workspace)?;
        self.sources()
    }

    /// The adherence event imports (workspace-wide: each file, when, by whom, how many
    /// events), oldest first: only for an actor with metrics and a schedule or team
    /// calendar view of the whole workspace (SPEC §10's historical adherence).
    ///
    /// ```
    /// use wfm::access::{Scope, User};
    /// # let dir = tempfile::tempdir()?;
    /// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// assert!(ws.visible_event_imports()?.is_empty());
    /// ws.set_actor(wfm::store::Actor::new("root"));
    /// ws.access().add_user(&User::new("sam", ["supervisor"], Scope::groups(["Day team"])?)?)?;
    /// ws.set_actor(wfm::store::Actor::new("sam"));
    /// assert!(ws.visible_event_imports().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden); a storage failure.
    pub fn visible_event_imports(&self) -> Result<Vec<EventImportInfo>> {
        self.require(P::Metrics, &Target::Workspace)?;
        self.require_any(
            &[P::SchedulingView, P::TeamCalendarView],
            &Target::Workspace,
        )?;
        self.store().event_imports()
    }
}
