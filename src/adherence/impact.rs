//! The service impact of a day's non-adherence on a workspace: the published schedules
//! of the day, the stored events and the demand each schedule was generated for.

use chrono::NaiveDate;
use wfm_scheduler::Demand;
use wfm_scheduler::adherence::{
    DAY_MS, ImpactInterval, counted_layers, day_start, events_by_agent, service_impact,
};

use super::published::published_schedules;
use crate::Workspace;
use crate::error::Result;

/// Per published schedule of `day`, per team (staffing group) and interval: the service
/// level and ASA of the scheduled staff against the staff actually available, on the
/// schedule's own forecast demand. An agent in two schedules counts, at each time, in
/// the team of the schedule that counts then (the one published last where two
/// overlap; see [`counted_layers`]), not in both.
///
/// # Errors
/// A storage failure; a stored schedule whose configuration no longer validates.
pub fn day_impact(ws: &Workspace, day: NaiveDate) -> Result<Vec<ImpactInterval>> {
    ws.require_held(&[crate::access::Permission::Metrics])?;
    let events = ws
        .store()
        .events_between(day_start(day) - DAY_MS, day_start(day) + 2 * DAY_MS)?;
    let by_agent = events_by_agent(events);
    let published = published_schedules(ws, day, day)?;
    let schedules: Vec<_> = published.iter().map(|p| &p.stored.schedule).collect();
    let layers = counted_layers(&schedules, &by_agent);
    let mut out = Vec::new();
    for (p, layer) in published.iter().zip(&layers) {
        let scenario = p.stored.scenario()?;
        let demand = Demand::from_quarters(p.stored.start, p.stored.demand.clone());
        out.extend(service_impact(
            &scenario,
            &layer.schedule,
            &demand,
            day,
            &layer.states,
            &p.teams(),
        )?);
    }
    ws.adherence_teams_visible(out, |r| &r.team)
}
