//! The adherence tables, each defined once for CSV, the terminal and DataFrames.
//!
//! The adherence table's columns carry the reference's identifiers:
//! `AGENT_SCHEDULE_ADHERENCE` (0.00–100.00), `AGENT_ADHERENT_TIME`,
//! `AGENT_NON_ADHERENT_TIME` and `AGENT_SCHEDULED_TIME` (`hh:mm:ss`), plus the same
//! times in seconds for computing.

use wfm_scheduler::adherence::{ImpactInterval, LiveStatus, PeriodAdherence, instant};

use super::report::ExceptionRow;
use super::timeline::TimelineRow;
use crate::tables::{Decimals, Definition};

/// Adherence per agent and period.
///
/// ```
/// let names: Vec<_> = wfm::adherence::tables::adherence().names().collect();
/// assert_eq!(names[3], "AGENT_SCHEDULE_ADHERENCE");
/// ```
pub fn adherence() -> Definition<'static, PeriodAdherence> {
    Definition::new()
        .text("agent", |r: &PeriodAdherence| r.agent.clone())
        .date("from", |r| r.from)
        .date("to", |r| r.to)
        .number("AGENT_SCHEDULE_ADHERENCE", Decimals::Fixed(2), |r| {
            r.totals.percent()
        })
        .text("AGENT_ADHERENT_TIME", |r| r.totals.adherent_hms())
        .text("AGENT_NON_ADHERENT_TIME", |r| r.totals.non_adherent_hms())
        .text("AGENT_SCHEDULED_TIME", |r| r.totals.scheduled_hms())
        .int("adherent_seconds", |r| r.totals.adherent_seconds())
        .int("non_adherent_seconds", |r| r.totals.non_adherent_seconds())
        .int("scheduled_seconds", |r| r.totals.scheduled_seconds())
}

/// The exceptions: from–to, what was scheduled, what the agent was in.
///
/// ```
/// assert_eq!(wfm::adherence::tables::exceptions().names().count(), 9);
/// ```
pub fn exceptions() -> Definition<'static, ExceptionRow> {
    Definition::new()
        .text("agent", |r: &ExceptionRow| r.agent.clone())
        .date("day", |r| r.day)
        .instant("from", |r| r.start)
        .instant("to", |r| r.end)
        .int("minutes", |r| (r.end - r.start).num_seconds() / 60)
        .text("scheduled_activity", |r| r.scheduled_activity.clone())
        .text("scheduled", |r| r.scheduled.as_str().to_owned())
        .text("actual_state", |r| r.actual_state.clone())
        .bool("on_contact", |r| r.on_contact)
}

/// The service impact per team and interval.
///
/// ```
/// assert_eq!(wfm::adherence::tables::impact().names().last(), Some("sl_points_lost"));
/// ```
pub fn impact() -> Definition<'static, ImpactInterval> {
    Definition::new()
        .text("team", |r: &ImpactInterval| r.team.clone())
        .instant("start", |r| r.start)
        .number("volume", Decimals::Fixed(2), |r| r.volume)
        .number("aht_seconds", Decimals::Fixed(1), |r| r.aht_seconds)
        .number("scheduled_agents", Decimals::Fixed(2), |r| {
            r.scheduled_agents
        })
        .number("available_agents", Decimals::Fixed(2), |r| {
            r.available_agents
        })
        .number("scheduled_service_level", Decimals::Fixed(4), |r| {
            r.scheduled_service_level
        })
        .number("actual_service_level", Decimals::Fixed(4), |r| {
            r.actual_service_level
        })
        .number("scheduled_asa_seconds", Decimals::Fixed(1), |r| {
            r.scheduled_asa_seconds
        })
        .number("actual_asa_seconds", Decimals::Fixed(1), |r| {
            r.actual_asa_seconds
        })
        .number("sl_points_lost", Decimals::Fixed(2), |r| {
            r.service_level_points_lost
        })
}

/// The live status per agent.
///
/// ```
/// assert_eq!(wfm::adherence::tables::live().names().next(), Some("agent"));
/// ```
pub fn live() -> Definition<'static, LiveStatus> {
    Definition::new()
        .text("agent", |r: &LiveStatus| r.agent.clone())
        .bool("adherent", |r| r.adherent)
        .bool("in_grace", |r| r.in_grace)
        .text("scheduled", |r| r.scheduled.map(|k| k.as_str().to_owned()))
        .text("scheduled_activity", |r| r.scheduled_activity.clone())
        .text("state", |r| r.state.clone())
        .bool("on_contact", |r| r.on_contact)
        .instant("state_since", |r| instant(r.state_since))
        .int("time_in_state_seconds", |r| r.time_in_state_ms / 1000)
        .number("adherence_today", Decimals::Fixed(2), |r| r.adherence_today)
        .int("out_of_adherence_seconds", |r| r.out_of_adherence_ms / 1000)
}

/// A day's timeline: scheduled and actual bars per agent.
///
/// ```
/// assert_eq!(wfm::adherence::tables::timeline().names().count(), 6);
/// ```
pub fn timeline() -> Definition<'static, TimelineRow> {
    Definition::new()
        .text("agent", |r: &TimelineRow| r.agent.clone())
        .text("lane", |r| r.lane.to_owned())
        .instant("start", |r| r.start)
        .instant("end", |r| r.end)
        .text("label", |r| r.label.clone())
        .text("kind", |r| r.kind.clone())
}
