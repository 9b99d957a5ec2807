//! [`Schedules`]: the schedules of a workspace (drafts generated from the configuration
//! and a published short-term forecast; a published schedule is what agents see), over
//! `crate::scheduling::workspace`.

use crate::access::{Permission as P, Target};
use std::path::{Path, PathBuf};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::calendar::{self, CalendarFormat, CalendarOf};
use crate::scheduling::edit::{self, ScheduleEdited};
use crate::scheduling::regenerate::GroupRun;
use crate::scheduling::search::{self, AgentRow, AgentSearch, ScheduleSearch};
use crate::scheduling::workspace::{
    self as scheduling, AgentPeriod, AgentView, CreateSchedule, ScheduleListing, SchedulePublished,
    ScheduleSummary, StoredSchedule,
};
use crate::store::{ChangePage, DocumentId, DocumentInfo, ScheduleChange};
use wfm_scheduler::edit::meeting::{MeetingRequest, MeetingSlot};
use wfm_scheduler::edit::{EditBatch, EditOptions};

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
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        scheduling::list_schedules(self.ws)
    }

    /// A schedule with its document.
    ///
    /// # Errors
    /// `NotFound` for an unknown schedule; `Damaged` if it does not decode.
    pub fn get(&self, id: DocumentId) -> Result<(DocumentInfo, StoredSchedule)> {
        self.ws
            .require(P::SchedulingView, &self.ws.document_target(id))?;
        scheduling::load_schedule(self.ws, id)
    }

    /// A schedule at a glance: agents, shifts, paid hours, the solver's report and what
    /// the validator finds now.
    ///
    /// # Errors
    /// As [`Schedules::get`].
    pub fn summary(&self, id: DocumentId) -> Result<ScheduleSummary> {
        self.ws
            .require(P::SchedulingView, &self.ws.document_target(id))?;
        scheduling::schedule_summary(self.ws, id)
    }

    /// Generates a draft schedule from the configuration and the forecast group's
    /// published short-term forecast.
    ///
    /// # Errors
    /// `NotFound` without a configuration or published forecast; `ForecastDoesNotCover`;
    /// `Scheduler` for a solver failure.
    pub fn create(&mut self, request: &CreateSchedule) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::SchedulingEdit,
            &request
                .forecast_group
                .as_deref()
                .map_or(Target::Workspace, Target::group),
            "schedule.create",
        )?;
        scheduling::create_schedule(self.ws, request)
    }

    /// Publishes a draft schedule; it replaces the published schedule of the same
    /// forecast group, dates and staffing groups.
    ///
    /// # Errors
    /// `NotFound` for an unknown or published schedule.
    pub fn publish(&mut self, id: DocumentId) -> Result<SchedulePublished> {
        self.ws.require_change(
            P::SchedulingPublish,
            &self.ws.document_target(id),
            "schedule.publish",
        )?;
        scheduling::publish_schedule(self.ws, id)
    }

    /// Deletes a draft schedule.
    ///
    /// # Errors
    /// `NotFound` for an unknown or published schedule.
    pub fn delete(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::SchedulingEdit,
            &self.ws.document_target(id),
            "schedule.delete",
        )?;
        scheduling::delete_schedule(self.ws, id)
    }

    /// Writes the schedule's tables and the configuration it used into `dir` (together
    /// or not at all); returns the files.
    ///
    /// # Errors
    /// `OutputIsInput` when a file would be the workspace; as [`Schedules::get`]; `Io`.
    pub fn export(&self, id: DocumentId, dir: &Path) -> Result<Vec<PathBuf>> {
        self.ws
            .require(P::SchedulingView, &self.ws.document_target(id))?;
        scheduling::export_schedule(self.ws, id, dir)
    }

    /// An agent's shifts of a published schedule on their own clock, for `period`.
    ///
    /// # Errors
    /// `NotFound` for an unknown schedule, a draft or an agent not in it.
    pub fn agent_view(
        &self,
        id: DocumentId,
        agent: &str,
        period: AgentPeriod,
    ) -> Result<AgentView> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView, P::AgentCalendarView],
            &Target::agent(agent),
        )?;
        scheduling::agent_view(self.ws, id, agent, period)
    }

    /// Applies a batch of edits to a draft or published schedule made on its `version`
    /// (see [`Schedules::version`]): all-or-nothing, agents whose edits would break a
    /// rule skipped (unless `options.override_rules`), the review recomputed; stored as
    /// the next version.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// use wfm::scheduler::edit::{EditBatch, EditOptions};
    /// let batch = EditBatch::parse(r#"{"op": "delete_shift", "agent": "ana", "date": "2026-03-02"}"#, "c.jsonl")?;
    /// // no schedule 1 in this workspace
    /// assert!(ws.schedules().edit(wfm::store::DocumentId(1), &batch, 0, &EditOptions::default()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// `NotFound`; `StaleVersion` naming what changed since `version`; `InvalidInput` by
    /// line and field of the changes (nothing applied).
    pub fn edit(
        &mut self,
        id: DocumentId,
        batch: &EditBatch,
        version: u64,
        options: &EditOptions,
    ) -> Result<ScheduleEdited> {
        self.ws.require_schedule_change(id, "schedule.edit")?;
        edit::edit_schedule(self.ws, id, batch, version, options)
    }

    /// Undoes the last edit not undone yet, exactly (only if the schedule is still at
    /// `version`, when given).
    ///
    /// # Errors
    /// `NotFound`; `Precondition` with nothing to undo; `StaleVersion`.
    pub fn undo(&mut self, id: DocumentId, version: Option<u64>) -> Result<ScheduleChange> {
        self.ws.require_schedule_change(id, "schedule.undo")?;
        edit::undo_schedule_edit(self.ws, id, version)
    }

    /// The schedule's version: the number of edits and undos made to it.
    ///
    /// # Errors
    /// `NotFound`.
    pub fn version(&self, id: DocumentId) -> Result<u64> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView],
            &self.ws.document_target(id),
        )?;
        edit::schedule_version(self.ws, id)
    }

    /// The schedule's edit log, oldest first.
    ///
    /// # Errors
    /// `NotFound`.
    pub fn edit_log(&self, id: DocumentId) -> Result<Vec<ScheduleChange>> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView],
            &self.ws.document_target(id),
        )?;
        edit::schedule_changes(self.ws, id)
    }

    /// The slots for a meeting that cost the least service level, best first.
    ///
    /// # Errors
    /// `NotFound`; `Scheduler` for an unknown activity or staffing group.
    pub fn meeting_slots(
        &self,
        id: DocumentId,
        request: &MeetingRequest,
    ) -> Result<Vec<MeetingSlot>> {
        self.ws
            .require(P::SchedulingView, &self.ws.document_target(id))?;
        edit::meeting_slots(self.ws, id, request)
    }

    /// Up to `limit` change records after the cursor `after` (0: from the first), in
    /// order, with the cursor for the next read: what a backend service reads to notify
    /// agents and supervisors (publishing writes one record per agent whose published
    /// shifts change).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// let ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// # let mut ws = ws;
    /// let page = ws.schedules().changes_since(0, 100)?;
    /// assert!(page.records.is_empty() && page.next == 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// `InvalidArgument` for a negative cursor or a limit of 0 or above
    /// [`MAX_CHANGES_PER_READ`](crate::scheduling::changes::MAX_CHANGES_PER_READ).
    pub fn changes_since(&self, after: i64, limit: usize) -> Result<ChangePage> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        crate::scheduling::changes::changes_since(self.ws, after, limit)
    }

    /// An agent's shifts over the whole published schedule, on their own clock.
    ///
    /// # Errors
    /// As [`Schedules::agent_view`].
    pub fn agent_schedule(&self, id: DocumentId, agent: &str) -> Result<AgentView> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView, P::AgentCalendarView],
            &Target::agent(agent),
        )?;
        calendar::agent_schedule(self.ws, id, agent)
    }

    /// What a supervisor sees of a published schedule: the agents of the staffing groups
    /// they are listed for, each on their own clock, for `period` (`None`: all of it).
    ///
    /// # Errors
    /// `NotFound` for an unknown schedule; `Precondition` for a draft or a supervisor of
    /// none of its staffing groups.
    pub fn supervisor_view(
        &self,
        id: DocumentId,
        supervisor: &str,
        period: Option<AgentPeriod>,
    ) -> Result<Vec<AgentView>> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView],
            &self.ws.document_target(id),
        )?;
        calendar::supervisor_view(self.ws, id, supervisor, period)
    }

    /// The published schedule of an agent, or of a supervisor's agents, as an
    /// iCalendar file (`.ics`, each agent's time zone) or JSON.
    ///
    /// # Errors
    /// As [`Schedules::agent_schedule`] and [`Schedules::supervisor_view`].
    pub fn calendar(
        &self,
        id: DocumentId,
        of: &CalendarOf,
        format: CalendarFormat,
    ) -> Result<String> {
        self.ws.require_calendar(id, of)?;
        calendar::calendar(self.ws, id, of, format)
    }

    /// The schedules whose name holds a fragment (any case), sorted by first or last
    /// day, creation or last update.
    ///
    /// ```
    /// use wfm::scheduling::search::ScheduleSearch;
    /// # let dir = tempfile::tempdir()?;
    /// # let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Fifteen, None)?;
    /// let q = ScheduleSearch { name: Some("mar".into()), ..ScheduleSearch::default() };
    /// assert!(ws.schedules().search(&q)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Schedules::list`].
    pub fn search(&self, q: &ScheduleSearch) -> Result<Vec<ScheduleListing>> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        search::search_schedules(self.ws, q)
    }

    /// A schedule's agents matching a name or login fragment, staffing group and
    /// supervisor, sorted by earliest shift start.
    ///
    /// # Errors
    /// `NotFound` for an unknown schedule; `Precondition` for a staffing group it does
    /// not hold.
    pub fn agents(&self, id: DocumentId, q: &AgentSearch) -> Result<Vec<AgentRow>> {
        self.ws.require_any(
            &[P::SchedulingView, P::TeamCalendarView],
            &self.ws.document_target(id),
        )?;
        search::search_agents(self.ws, id, q).and_then(|rows| {
            self.ws
                .visible_any(&[P::SchedulingView, P::TeamCalendarView], rows, |r| {
                    &r.agent
                })
        })
    }

    /// Generates a draft for each of up to six forecast groups at once, in parallel,
    /// each with its own report; a group's failure does not lose the others' drafts.
    ///
    /// # Errors
    /// `InvalidArgument` for no group, more than six, or one named twice.
    pub fn regenerate(&self, groups: &[String], request: &CreateSchedule) -> Result<Vec<GroupRun>> {
        self.ws
            .require_change(P::SchedulingEdit, &Target::Workspace, "schedule.regenerate")?;
        crate::scheduling::regenerate::regenerate(self.ws, groups, request)
    }

    /// The local days an agent sees by default: the week from the schedule's first day.
    ///
    /// # Errors
    /// As [`Schedules::get`].
    pub fn first_week(&self, id: DocumentId) -> Result<AgentPeriod> {
        Ok(AgentPeriod::Week(
            scheduling::load_schedule(self.ws, id)?.1.start,
        ))
    }
}
