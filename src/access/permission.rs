//! [`Permission`]: the permissions of SPEC §10, one variant each.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::WfmError;

/// One permission of SPEC §10 (plus `access.admin`: users, roles and the audit log).
///
/// Written `area.action`, e.g. `scheduling.publish`, `time_off.approve`.
///
/// ```
/// use wfm::access::Permission;
/// let p: Permission = "time_off.approve".parse()?;
/// assert_eq!(p, Permission::TimeOffApprove);
/// assert_eq!(p.to_string(), "time_off.approve");
/// assert_eq!(Permission::ALL.len(), 20);
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Permission {
    /// See forecast groups, history, forecasts and their overrides.
    ForecastingView,
    /// Set up forecasting: queues and groups, history imports, forecasts, overrides.
    ForecastingEdit,
    /// Publish a forecast.
    ForecastingPublish,
    /// See scenarios, FTE loads and capacity plans.
    CapacityView,
    /// Scenarios, plans, FTE imports.
    CapacityEdit,
    /// Publish a capacity plan.
    CapacityPublish,
    /// See the scheduling configuration and schedules, drafts included.
    SchedulingView,
    /// Configure scheduling, generate and edit schedules.
    SchedulingEdit,
    /// Publish a schedule.
    SchedulingPublish,
    /// See the published schedules of one's staffing groups.
    TeamCalendarView,
    /// Edit the published schedules of one's staffing groups.
    TeamCalendarEdit,
    /// See one's own schedule.
    AgentCalendarView,
    /// Act on one's own calendar: accept or decline overtime and VTO.
    AgentCalendarEdit,
    /// Approve, deny and force time off, overtime and VTO decisions.
    TimeOffApprove,
    /// Make, edit and cancel time-off requests; set allowances; open slots.
    TimeOffEdit,
    /// See time-off requests, allowances and offers.
    TimeOffView,
    /// Import and adjust time-off balances.
    TimeOffBalanceEdit,
    /// See time-off balances and the ledger.
    TimeOffBalanceView,
    /// Metrics access (adherence needs it with a schedule or team calendar view).
    Metrics,
    /// Manage users and roles, read the audit log.
    AccessAdmin,
}

impl Permission {
    /// Every permission, in a fixed order.
    pub const ALL: [Self; 20] = [
        Self::ForecastingView,
        Self::ForecastingEdit,
        Self::ForecastingPublish,
        Self::CapacityView,
        Self::CapacityEdit,
        Self::CapacityPublish,
        Self::SchedulingView,
        Self::SchedulingEdit,
        Self::SchedulingPublish,
        Self::TeamCalendarView,
        Self::TeamCalendarEdit,
        Self::AgentCalendarView,
        Self::AgentCalendarEdit,
        Self::TimeOffApprove,
        Self::TimeOffEdit,
        Self::TimeOffView,
        Self::TimeOffBalanceEdit,
        Self::TimeOffBalanceView,
        Self::Metrics,
        Self::AccessAdmin,
    ];

    /// The written name, `area.action`.
    ///
    /// ```
    /// assert_eq!(wfm::access::Permission::TeamCalendarEdit.as_str(), "team_calendar.edit");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ForecastingView => "forecasting.view",
            Self::ForecastingEdit => "forecasting.edit",
            Self::ForecastingPublish => "forecasting.publish",
            Self::CapacityView => "capacity.view",
            Self::CapacityEdit => "capacity.edit",
            Self::CapacityPublish => "capacity.publish",
            Self::SchedulingView => "scheduling.view",
            Self::SchedulingEdit => "scheduling.edit",
            Self::SchedulingPublish => "scheduling.publish",
            Self::TeamCalendarView => "team_calendar.view",
            Self::TeamCalendarEdit => "team_calendar.edit",
            Self::AgentCalendarView => "agent_calendar.view",
            Self::AgentCalendarEdit => "agent_calendar.edit",
            Self::TimeOffApprove => "time_off.approve",
            Self::TimeOffEdit => "time_off.edit",
            Self::TimeOffView => "time_off.view",
            Self::TimeOffBalanceEdit => "time_off_balance.edit",
            Self::TimeOffBalanceView => "time_off_balance.view",
            Self::Metrics => "metrics.view",
            Self::AccessAdmin => "access.admin",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Permission {
    type Err = WfmError;

    fn from_str(s: &str) -> Result<Self, WfmError> {
        let wanted = s.trim();
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| WfmError::InvalidArgument {
                argument: "permission",
                value: wanted.to_owned(),
                expected: format!("one of {}", Self::ALL.map(Self::as_str).join(", ")),
            })
    }
}

impl From<Permission> for String {
    fn from(p: Permission) -> Self {
        p.as_str().to_owned()
    }
}

impl TryFrom<String> for Permission {
    type Error = WfmError;

    fn try_from(s: String) -> Result<Self, WfmError> {
        s.parse()
    }
}
