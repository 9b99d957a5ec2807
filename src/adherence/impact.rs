//! The service impact of a day's non-adherence on a workspace: the published schedules
//! of the day, the stored events and the demand each schedule was generated for.

use std::collections::HashMap;

use chrono::NaiveDate;
use wfm_scheduler::Demand;
use wfm_scheduler::adherence::{
    AgentEvent, DAY_MS, ImpactInterval, agent_states, day_start, service_impact,
};

use super::published::published_schedules;
use crate::Workspace;
use crate::error::Result;

/// Per published schedule of `day`, per team (staffing group) and interval: the service
/// level and ASA of the scheduled staff against the staff actually available, on the
/// schedule's own forecast demand.
///
/// # Errors
/// A storage failure; a stored schedule whose configuration no longer validates.
pub fn day_impact(ws: &Workspace, day: NaiveDate) -> Result<Vec<ImpactInterval>> {
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let events = ws
        .store()
        .events_between(day_start(day) - DAY_MS, day_start(day) + 2 * DAY_MS)?;
    let mut by_agent: HashMap<String, Vec<AgentEvent>> = HashMap::new();
    for e in events {
        by_agent.entry(e.agent.clone()).or_default().push(e);
    }
    let mut out = Vec::new();
    for p in published_schedules(ws, day, day)? {
        let scenario = p.stored.scenario()?;
        let states = p
            .stored
            .schedule
            .agents
            .iter()
            .map(|a| {
                let mut bounds: Vec<(i64, i64)> = a
                    .shifts
                    .iter()
                    .map(|s| (s.start.timestamp_millis(), s.end.timestamp_millis()))
                    .collect();
                bounds.sort_unstable();
                let events = by_agent.get(&a.agent).map_or(&[][..], Vec::as_slice);
                (a.agent.clone(), agent_states(events, &bounds))
            })
            .collect();
        let demand = Demand::from_quarters(p.stored.start, p.stored.demand.clone());
        out.extend(service_impact(
            &scenario,
            &p.stored.schedule,
            &demand,
            day,
            &states,
            &p.teams(),
        )?);
    }
    Ok(out)
}
