//! Service impact of non-adherence: per interval, the service level and ASA the
//! scheduled staff would have given against those the staff actually available gave,
//! by Erlang C on the same forecast (as the schedule review computes them).
//!
//! *Scheduled* agents of an interval are the schedule's productive agent-minutes over the
//! interval length (the review's coverage); *available* agents the agent-minutes in the
//! Available state (handling a contact or not). Per team, the team's actual availability
//! replaces its scheduled coverage while the other teams keep theirs, so a team's row
//! shows the service-level points its own non-adherence cost; the row of all teams
//! (`team` = [`ALL_TEAMS`]) replaces everyone's.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use wfm_erlang::{ErlangC, Workload};

use super::state::StateKind;
use super::time::day_start;
use super::timeline::StateSpan;
use crate::demand::Demand;
use crate::error::{Result, SchedulerError};
use crate::generate::{Grid, IntervalForecast};
use crate::review::Projected;
use crate::scenario::Scenario;
use crate::schedule::{AgentSchedule, Schedule};

/// The team name of the row over every agent.
pub const ALL_TEAMS: &str = "(all)";

/// One team and interval of the service impact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpactInterval {
    /// The staffing group ([`ALL_TEAMS`] for all).
    pub team: String,
    /// Interval start.
    pub start: DateTime<Utc>,
    /// Forecast contacts.
    pub volume: f64,
    /// Forecast AHT, seconds.
    pub aht_seconds: f64,
    /// Scheduled productive agents (all teams).
    pub scheduled_agents: f64,
    /// Agents with this team's actual availability in place of its schedule.
    pub available_agents: f64,
    /// Service level with the scheduled agents, 0–1.
    pub scheduled_service_level: f64,
    /// Service level with the available agents, 0–1.
    pub actual_service_level: f64,
    /// ASA with the scheduled agents, seconds (`None`: unbounded).
    pub scheduled_asa_seconds: Option<f64>,
    /// ASA with the available agents, seconds (`None`: unbounded).
    pub actual_asa_seconds: Option<f64>,
    /// Service-level points lost: (scheduled − actual service level) × 100.
    pub service_level_points_lost: f64,
}

/// Available agents per interval: each agent's Available time in `[from + i·len, …)`
/// over the interval length.
///
/// ```
/// use wfm_scheduler::adherence::{StateKind, StateSpan, available_agents};
/// let s = |a, b, state: &str| StateSpan { start: a, end: b, state: state.into(), kind: StateKind::of(state), on_contact: false };
/// let spans = vec![s(0, 45, "Available"), s(45, 60, "Break")];
/// assert_eq!(available_agents(&[spans.as_slice()], 0, 30, 2), vec![1.0, 0.5]);
/// ```
pub fn available_agents(
    agents: &[&[StateSpan]],
    from: i64,
    len_ms: i64,
    intervals: usize,
) -> Vec<f64> {
    let mut out = vec![0.0; intervals];
    let end = from + len_ms * intervals as i64;
    for spans in agents {
        for s in spans.iter().filter(|s| s.kind == StateKind::Available) {
            let (mut a, b) = (s.start.max(from), s.end.min(end));
            while a < b {
                let i = (a - from) / len_ms;
                let stop = (from + (i + 1) * len_ms).min(b);
                out[i as usize] += (stop - a) as f64 / len_ms as f64;
                a = stop;
            }
        }
    }
    out
}

fn projected(
    volume: f64,
    aht: f64,
    seconds: f64,
    agents: f64,
    answer: f64,
    i: usize,
) -> Result<Projected> {
    if volume <= 0.0 {
        return Ok(Projected::idle());
    }
    let w = Workload::new(volume, aht, seconds)
        .map_err(|e| SchedulerError::InvalidModel(format!("forecast interval {i}: {e}")))?;
    Ok(Projected::of(&ErlangC::new(w), agents, answer))
}

/// The service impact of `day` per team and interval on the scenario's interval; see the
/// module docs. `states` holds each agent's actual state spans; `teams` maps a
/// staffing group to its agents.
///
/// # Errors
/// [`SchedulerError::InvalidModel`] for a forecast interval the queueing model rejects.
pub fn service_impact(
    scenario: &Scenario,
    schedule: &Schedule,
    demand: &Demand,
    day: NaiveDate,
    states: &HashMap<String, Vec<StateSpan>>,
    teams: &[(String, Vec<String>)],
) -> Result<Vec<ImpactInterval>> {
    let grid = Grid::new(scenario.config().interval.minutes())?;
    let minutes = i64::from(grid.minutes());
    let per_day = (1440 / minutes) as usize;
    let offset = (day - demand.first_day()).num_days();
    let quarters = demand.on_grid(grid);
    let from = day_start(day);
    let from_utc = super::time::instant(from);
    let scheduled = schedule.coverage(scenario, from_utc, per_day);
    let answer = match wfm_erlang::Goal::from(scenario.request().goal) {
        wfm_erlang::Goal::ServiceLevel { seconds, .. } | wfm_erlang::Goal::Asa { seconds } => {
            seconds
        }
    };
    let no_spans: Vec<StateSpan> = Vec::new();
    let mut all_teams: Vec<(String, Vec<String>)> = teams.to_vec();
    all_teams.push((
        ALL_TEAMS.to_owned(),
        schedule.agents.iter().map(|a| a.agent.clone()).collect(),
    ));
    let mut out = Vec::new();
    for (team, agents) in &all_teams {
        let spans: Vec<&[StateSpan]> = agents
            .iter()
            .map(|a| states.get(a).unwrap_or(&no_spans).as_slice())
            .collect();
        let available = available_agents(&spans, from, minutes * 60_000, per_day);
        let own = Schedule {
            agents: schedule
                .agents
                .iter()
                .filter(|a| agents.contains(&a.agent))
                .cloned()
                .collect::<Vec<AgentSchedule>>(),
        };
        let own_cov = own.coverage(scenario, from_utc, per_day);
        for i in 0..per_day {
            let q = usize::try_from(offset * per_day as i64 + i as i64)
                .ok()
                .and_then(|k| quarters.get(k))
                .copied()
                .unwrap_or(IntervalForecast {
                    volume: 0.0,
                    aht_seconds: 0.0,
                });
            let actual = (scheduled[i] - own_cov[i] + available[i]).max(0.0);
            let secs = (minutes * 60) as f64;
            let a = projected(q.volume, q.aht_seconds, secs, scheduled[i], answer, i)?;
            let b = projected(q.volume, q.aht_seconds, secs, actual, answer, i)?;
            out.push(ImpactInterval {
                team: team.clone(),
                start: from_utc + Duration::minutes(minutes * i as i64),
                volume: q.volume,
                aht_seconds: q.aht_seconds,
                scheduled_agents: scheduled[i],
                available_agents: actual,
                scheduled_service_level: a.service_level,
                actual_service_level: b.service_level,
                scheduled_asa_seconds: a.asa_seconds,
                actual_asa_seconds: b.asa_seconds,
                service_level_points_lost: (a.service_level - b.service_level) * 100.0,
            });
        }
    }
    Ok(out)
}
