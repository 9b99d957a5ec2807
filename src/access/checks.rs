//! The checks of particular operations, over [`Workspace::require_any`]: a schedule
//! edit (team calendar edit allows a published one), a calendar, a time-off request and
//! its decisions, overtime slots and answers, historical adherence; and the targets of
//! stored documents and requests.

use super::{Permission, Target};
use crate::Workspace;
use crate::error::Result;
use crate::store::DocumentId;

impl Workspace {
    /// The target a stored document is about: its forecast group (`*`: the workspace);
    /// an unknown document is [`Target::Workspace`]'s hidden twin (out of every scope but
    /// the whole workspace's).
    pub fn document_target(&self, id: DocumentId) -> Target {
        match self.store().document(id) {
            Ok((info, _)) if info.scope != "*" => Target::ForecastGroup(info.scope),
            _ => Target::Workspace,
        }
    }

    /// The target of a schedule edit: with a published schedule, team calendar edit
    /// (in scope) also allows it; a draft needs scheduling edit.
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_schedule_change(&self, id: DocumentId, operation: &str) -> Result<()> {
        let target = self.document_target(id);
        let published = self
            .store()
            .document(id)
            .is_ok_and(|(info, _)| info.status == crate::store::DocumentStatus::Published);
        let any: &[Permission] = if published {
            &[Permission::SchedulingEdit, Permission::TeamCalendarEdit]
        } else {
            &[Permission::SchedulingEdit]
        };
        self.require_any_change(any, &target, operation)
    }

    /// The check of a calendar: an agent's (their own calendar, the team calendar or
    /// scheduling view) or a supervisor's (team calendar or scheduling view).
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_calendar(
        &self,
        id: DocumentId,
        of: &crate::scheduling::calendar::CalendarOf,
    ) -> Result<()> {
        use crate::scheduling::calendar::CalendarOf;
        match of {
            CalendarOf::Agent(a) => self.require_any(
                &[
                    Permission::SchedulingView,
                    Permission::TeamCalendarView,
                    Permission::AgentCalendarView,
                ],
                &Target::agent(a),
            ),
            CalendarOf::Supervisor(_) => self.require_any(
                &[Permission::SchedulingView, Permission::TeamCalendarView],
                &self.document_target(id),
            ),
        }
    }

    /// The agent a time-off request is of, as a target ([`Target::Workspace`] for an
    /// unknown request: out of every scope but the whole workspace's).
    pub fn request_target(&self, id: i64) -> Target {
        let mut target = Target::Workspace;
        let _ = self.store().time_off_read(&mut |tx| {
            if let Some(r) = tx.request(id)? {
                target = Target::Agent(r.agent.clone());
            }
            Ok(())
        });
        target
    }

    /// The check of a time-off operation on request `id` (the request's agent is the
    /// target), its audit entry staged.
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_on_request(
        &self,
        permission: Permission,
        id: i64,
        operation: &str,
    ) -> Result<()> {
        let target = self.request_target(id);
        self.require(permission, &target)?;
        self.stage_detail(
            operation,
            &target.to_string(),
            Some(format!("request {id}")),
        );
        Ok(())
    }

    /// The check of a new time-off request: `time_off.edit` on the agent for their own
    /// request, `time_off.approve` for a supervisor's (any type, rules overridable).
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_new_request(&self, new: &crate::timeoff::NewRequest) -> Result<()> {
        let by_supervisor = matches!(
            new.requested_by,
            wfm_scheduler::timeoff::Requester::Supervisor
        ) || new.override_rules;
        let permission = if by_supervisor {
            Permission::TimeOffApprove
        } else {
            Permission::TimeOffEdit
        };
        self.require_change(permission, &Target::agent(&new.agent), "time_off.request")
    }

    /// The check of opening overtime or VTO slots (`time_off.approve` on the staffing
    /// group or every agent offered to).
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_open_slots(&self, new: &crate::timeoff::NewOffer) -> Result<()> {
        use wfm_scheduler::timeoff::OfferedTo;
        let targets: Vec<Target> = match &new.offered_to {
            OfferedTo::Group(g) => vec![Target::StaffingGroup(g.clone())],
            OfferedTo::Agents(a) => a.iter().map(|a| Target::agent(a)).collect(),
        };
        for t in &targets {
            self.require(Permission::TimeOffApprove, t)?;
        }
        self.stage(
            "overtime.open",
            &targets.first().unwrap_or(&Target::Workspace).to_string(),
        );
        Ok(())
    }

    /// The check of an answer to an offer: the agent's own accept or decline needs
    /// `agent_calendar.edit`, a supervisor's override or force-deny `time_off.approve`.
    ///
    /// # Errors
    /// As [`Workspace::require_any`].
    pub fn require_answer(&self, agent: &str, answer: crate::timeoff::Answer) -> Result<()> {
        use crate::timeoff::Answer;
        let permission = match answer {
            Answer::Accept | Answer::Decline => Permission::AgentCalendarEdit,
            Answer::Override | Answer::ForceDeny => Permission::TimeOffApprove,
        };
        self.require_change(permission, &Target::agent(agent), "overtime.answer")
    }

    /// Historical adherence rows the actor may see: `metrics.view` plus a schedule or
    /// team calendar view (SPEC §10), only of agents in their scope.
    ///
    /// # Errors
    /// [`WfmError::Forbidden`](crate::WfmError::Forbidden) without them; a storage failure.
    pub fn adherence_visible<T>(&self, rows: Vec<T>, agent: impl Fn(&T) -> &str) -> Result<Vec<T>> {
        let grants = self.adherence_grants()?;
        let view = if grants.permissions.contains(&Permission::SchedulingView) {
            Permission::SchedulingView
        } else {
            Permission::TeamCalendarView
        };
        self.visible(view, rows, agent)
    }

    /// Adherence rows per team (staffing group) the actor may see: as
    /// [`Workspace::adherence_visible`], the rows of the staffing groups in their scope;
    /// the rows of every team together only with a scope of the whole workspace.
    ///
    /// # Errors
    /// As [`Workspace::adherence_visible`].
    pub(crate) fn adherence_teams_visible<T>(
        &self,
        rows: Vec<T>,
        team: impl Fn(&T) -> &str,
    ) -> Result<Vec<T>> {
        let grants = self.adherence_grants()?;
        if !grants.configured || grants.scope == super::Scope::All {
            return Ok(rows);
        }
        let m = self.membership()?;
        Ok(rows
            .into_iter()
            .filter(|r| {
                grants.known && m.in_scope(&grants.scope, &Target::StaffingGroup(team(r).into()))
            })
            .collect())
    }

    /// The actor's grants once they hold `metrics.view` and a schedule or team calendar
    /// view.
    fn adherence_grants(&self) -> Result<super::Grants> {
        self.require_held(&[Permission::Metrics])?;
        self.require_held(&[Permission::SchedulingView, Permission::TeamCalendarView])?;
        self.grants()
    }
}
