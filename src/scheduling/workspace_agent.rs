//! An agent's view of a published schedule ("agents see their own schedule (day
//! or week) … in their time zones"): the agent's shifts and activities on local clock
//! times, in the staff rule's time zone (else the workspace's).

use chrono::{DateTime, Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;
use wfm_scheduler::Scenario;

use super::workspace_schedule::{StoredSchedule, load_schedule};
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::store::{DocumentId, DocumentStatus};

/// Which local days to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPeriod {
    /// One local day.
    Day(NaiveDate),
    /// Seven local days from this one.
    Week(NaiveDate),
}

impl AgentPeriod {
    /// The first and last local day (inclusive).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm::scheduling::workspace::AgentPeriod;
    /// let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// assert_eq!(AgentPeriod::Week(d).days().1, NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
    /// assert_eq!(AgentPeriod::Day(d).days(), (d, d));
    /// ```
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        match self {
            Self::Day(d) => (d, d),
            Self::Week(d) => (d, d + Duration::days(6)),
        }
    }
}

/// An activity of a shift, local times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentActivity {
    /// The activity's name.
    pub activity: String,
    /// Start, in the agent's zone.
    pub start: DateTime<Tz>,
    /// End, in the agent's zone.
    pub end: DateTime<Tz>,
}

/// One shift, local times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentShift {
    /// The schedule day it belongs to.
    pub date: NaiveDate,
    /// Start, in the agent's zone.
    pub start: DateTime<Tz>,
    /// End, in the agent's zone.
    pub end: DateTime<Tz>,
    /// Paid hours.
    pub paid_hours: f64,
    /// Breaks, meals and other activities.
    pub activities: Vec<AgentActivity>,
}

impl AgentShift {
    /// The activities as the agent reads them, local clock: `"Break 10:30–10:45, Lunch
    /// 12:00–12:30"`.
    pub fn activities_text(&self) -> String {
        self.activities
            .iter()
            .map(|a| {
                format!(
                    "{} {}–{}",
                    a.activity,
                    a.start.format("%H:%M"),
                    a.end.format("%H:%M")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What an agent sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgentView {
    /// The agent.
    pub agent: String,
    /// Their time zone.
    pub time_zone: Tz,
    /// The schedule shown.
    pub schedule: DocumentId,
    /// The first and last local day shown.
    pub days: (NaiveDate, NaiveDate),
    /// Shifts starting on those local days, in time order.
    pub shifts: Vec<AgentShift>,
}

/// `agent`'s shifts of the published schedule `id` starting on the local days of
/// `period`, in the agent's time zone: the staff rule's, else the workspace's.
///
/// # Errors
/// `NotFound` for an unknown schedule; `Precondition` for a draft (agents see published schedules only) or
/// an agent not in the schedule's staffing groups.
pub(crate) fn agent_view(
    ws: &Workspace,
    id: DocumentId,
    agent: &str,
    period: AgentPeriod,
) -> Result<AgentView> {
    let (info, s) = load_schedule(ws, id)?;
    if info.status != DocumentStatus::Published {
        return Err(WfmError::Precondition {
            what: format!(
                "schedule {id} is a draft: agents see published schedules only; publish it first"
            ),
        });
    }
    let scenario = s.scenario()?;
    let in_groups = scenario
        .group_of(agent)
        .is_some_and(|g| s.staffing_groups.contains(&g.name));
    if !in_groups {
        return Err(WfmError::Precondition {
            what: format!(
                "agent {agent:?} is not in schedule {id}'s staffing groups ({}); its agents: {}",
                s.staffing_groups.join(", "),
                s.schedule
                    .agents
                    .iter()
                    .map(|a| a.agent.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let zone = ws.settings()?.time_zone;
    Ok(view_of(&s, &scenario, zone, (id, agent), period.days()))
}

/// `agent`'s shifts of schedule `id` (`s`, made with `scenario`) starting on the local
/// `days` (inclusive), in the agent's zone: the staff rule's, else `workspace_zone`.
pub(crate) fn view_of(
    s: &StoredSchedule,
    scenario: &Scenario,
    workspace_zone: Tz,
    (id, agent): (DocumentId, &str),
    days: (NaiveDate, NaiveDate),
) -> AgentView {
    let zone = match scenario.staff_rule(agent) {
        Some(_) => scenario.time_zone(agent),
        None => workspace_zone,
    };
    let mut shifts: Vec<AgentShift> = s
        .schedule
        .agents
        .iter()
        .filter(|a| a.agent == agent)
        .flat_map(|a| &a.shifts)
        .filter(|sh| {
            let local = sh.start.with_timezone(&zone).date_naive();
            local >= days.0 && local <= days.1
        })
        .map(|sh| AgentShift {
            date: sh.date,
            start: sh.start.with_timezone(&zone),
            end: sh.end.with_timezone(&zone),
            paid_hours: sh.paid_minutes(scenario) as f64 / 60.0,
            activities: sh
                .activities
                .iter()
                .map(|p| AgentActivity {
                    activity: p.activity.clone(),
                    start: p.start.with_timezone(&zone),
                    end: p.end.with_timezone(&zone),
                })
                .collect(),
        })
        .collect();
    shifts.sort_by_key(|sh| sh.start);
    AgentView {
        agent: agent.to_owned(),
        time_zone: zone,
        schedule: id,
        days,
        shifts,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::{TimeZone, Timelike, Utc};
    use wfm_core::{Channel, IntervalLength};
    use wfm_scheduler::generate::{Gap, HorizonReport};
    use wfm_scheduler::{AgentSchedule, PlacedActivity, Scenario, Schedule, Shift};

    use super::*;
    use crate::scheduling::workspace::{StoredSchedule, import_scenario};
    use crate::store::DocumentKind;

    /// A published schedule of kai (America/New_York) and ana (no staff rule) across the
    /// US DST change of Sunday 2026-03-08, in a workspace on Europe/Berlin.
    fn workspace(dir: &Path) -> (Workspace, DocumentId) {
        let mut ws = Workspace::create(
            &dir.join("w.wfm"),
            IntervalLength::Thirty,
            Some(chrono_tz::Europe::Berlin),
        )
        .unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
        )
        .unwrap();
        let config = import_scenario(&mut ws, &text, "example.toml").unwrap();
        let at = |d, h| Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap();
        let shift = |d, h| Shift {
            date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            start: at(d, h),
            end: at(d, h + 6),
            activities: vec![PlacedActivity {
                activity: "Break".into(),
                start: at(d, h + 2),
                end: at(d, h + 2) + Duration::minutes(15),
            }],
        };
        let schedule = Schedule {
            agents: vec![
                AgentSchedule {
                    agent: "kai".into(),
                    shifts: vec![shift(7, 13), shift(8, 13)],
                },
                AgentSchedule {
                    agent: "ana".into(),
                    shifts: vec![shift(2, 12)],
                },
            ],
        };
        let scenario = Scenario::from_toml(&text, "example").unwrap();
        let report = HorizonReport::from_weeks(&scenario, &schedule, vec![], Gap::ONE_PERCENT, 0.0);
        let stored = StoredSchedule {
            forecast_group: "Support".into(),
            staffing_groups: vec!["Day team".into()],
            start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
            channel: Channel::Voice,
            scenario_id: config.info.id,
            scenario: scenario.config().clone(),
            forecast_id: config.info.id,
            schedule,
            report,
            demand: vec![],
            created_at: String::new(),
            annotations: Default::default(),
        };
        let doc = ws
            .put_json(DocumentKind::Schedule, "Support", "s", "", &[], &stored)
            .unwrap();
        (ws, doc.id)
    }

    #[test]
    fn an_agent_sees_local_times_across_the_dst_change_and_only_once_published() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, id) = workspace(dir.path());
        let week = AgentPeriod::Week(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        let e = agent_view(&ws, id, "kai", week).unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(e.to_string().contains("draft"), "{e}");
        ws.publish_document(id).unwrap();
        let v = agent_view(&ws, id, "kai", week).unwrap();
        assert_eq!(v.time_zone, chrono_tz::America::New_York);
        let local: Vec<(u32, String)> = v
            .shifts
            .iter()
            .map(|s| (s.start.hour(), s.start.format("%Z").to_string()))
            .collect();
        // 13:00 UTC is 08:00 EST on Saturday and 09:00 EDT on Sunday
        assert_eq!(local, [(8, "EST".into()), (9, "EDT".into())]);
        assert_eq!(v.shifts[1].activities[0].start.hour(), 11);
        assert!((v.shifts[0].paid_hours - 6.0).abs() < 1e-9);
        // one local day
        let sunday = AgentPeriod::Day(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
        assert_eq!(agent_view(&ws, id, "kai", sunday).unwrap().shifts.len(), 1);
        // without a staff rule: the workspace's zone
        let v = agent_view(&ws, id, "ana", week).unwrap();
        assert_eq!(v.time_zone, chrono_tz::Europe::Berlin);
        assert_eq!(v.shifts[0].start.hour(), 13);
        // an agent of another staffing group
        let e = agent_view(&ws, id, "max", week).unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(e.to_string().contains("not in schedule"), "{e}");
    }
}
