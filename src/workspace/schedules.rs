//! [`Schedules`]: the schedules of a workspace (drafts generated from the configuration
//! and a published short-term forecast; a published schedule is what agents see), over
//! `crate::scheduling::workspace`.

use std::path::{Path, PathBuf};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::{
    self as scheduling, AgentPeriod, AgentView, CreateSchedule, ScheduleListing, SchedulePublished,
    ScheduleSummary, StoredSchedule,
};
use crate::store::{DocumentId, DocumentInfo};

/// The schedules of a workspace: see [`Workspace::schedules`].
///
/// ```
/// use wfm::store::DocumentId;
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
/// assert!(ws.schedules().list()?.is_empty());
/// assert!(ws.schedules().get(DocumentId(1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Schedules<'a> {
    ws: &'a mut Workspace,
}

impl<'a> Schedules<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every schedule, oldest first.
    ///
    /// # Errors
    /// A storage failure or a document that does not decode.
    pub fn list(&self) -> Result<Vec<ScheduleListing>> {
        scheduling::list_schedules(self.ws)
    }

    /// A schedule with its document.
    ///
    /// # Errors
    /// `Rejected` for an unknown schedule; `Damaged` if it does not decode.
    pub fn get(&self, id: DocumentId) -> Result<(DocumentInfo, StoredSchedule)> {
        scheduling::load_schedule(self.ws, id)
    }

    /// A schedule at a glance: agents, shifts, paid hours, the solver's report and what
    /// the validator finds now.
    ///
    /// # Errors
    /// As [`Schedules::get`].
    pub fn summary(&self, id: DocumentId) -> Result<ScheduleSummary> {
        scheduling::schedule_summary(self.ws, id)
    }

    /// Generates a draft schedule from the configuration and the forecast group's
    /// published short-term forecast.
    ///
    /// # Errors
    /// `Rejected` without a configuration or published forecast; `ForecastDoesNotCover`;
    /// `Scheduler` for a solver failure.
    pub fn create(&mut self, request: &CreateSchedule) -> Result<DocumentInfo> {
        scheduling::create_schedule(self.ws, request)
    }

    /// Publishes a draft schedule; it replaces the published schedule of the same
    /// forecast group, dates and staffing groups.
    ///
    /// # Errors
    /// `Rejected` for an unknown or published schedule.
    pub fn publish(&mut self, id: DocumentId) -> Result<SchedulePublished> {
        scheduling::publish_schedule(self.ws, id)
    }

    /// Deletes a draft schedule.
    ///
    /// # Errors
    /// `Rejected` for an unknown or published schedule.
    pub fn delete(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        scheduling::delete_schedule(self.ws, id)
    }

    /// Writes the schedule's tables and the configuration it used into `dir` (together
    /// or not at all); returns the files.
    ///
    /// # Errors
    /// `OutputIsInput` when a file would be the workspace; as [`Schedules::get`]; `Io`.
    pub fn export(&self, id: DocumentId, dir: &Path) -> Result<Vec<PathBuf>> {
        scheduling::export_schedule(self.ws, id, dir)
    }

    /// An agent's shifts of a published schedule on their own clock, for `period`.
    ///
    /// # Errors
    /// `Rejected` for an unknown schedule, a draft or an agent not in it.
    pub fn agent_view(
        &self,
        id: DocumentId,
        agent: &str,
        period: AgentPeriod,
    ) -> Result<AgentView> {
        scheduling::agent_view(self.ws, id, agent, period)
    }

    /// The local days an agent sees by default: the week from the schedule's first day.
    ///
    /// # Errors
    /// As [`Schedules::get`].
    pub fn first_week(&self, id: DocumentId) -> Result<AgentPeriod> {
        Ok(AgentPeriod::Week(self.get(id)?.1.start))
    }
}
