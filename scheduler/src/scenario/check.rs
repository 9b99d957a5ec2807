//! Cross-checks of a scenario: names, references, limits, time zones, the request.

use std::collections::HashMap;

use chrono_tz::Tz;

use crate::error::{Result, SchedulerError};
use crate::model::{
    Goal, MAX_AGENTS_PER_RUN, MAX_GROUPS_PER_FORECAST_GROUP, MAX_WEEKS, check_count_range, checks,
};
use crate::scenario::{SCENARIO_VERSION, ScenarioConfig};

/// Shift activities per workspace.
const MAX_ACTIVITIES: usize = 300;
/// Shift profiles per workspace.
const MAX_PROFILES: usize = 1300;
/// Staffing groups per workspace.
const MAX_STAFFING_GROUPS: usize = 1300;

fn unknown(
    file: &str,
    item: String,
    field: &str,
    kind: &'static str,
    name: &str,
) -> SchedulerError {
    SchedulerError::UnknownReference {
        file: file.to_owned(),
        item,
        field: field.to_owned(),
        kind,
        name: name.to_owned(),
    }
}

/// Checks everything; returns the parsed time zone of each staff rule's agent.
pub(super) fn check(c: &ScenarioConfig, file: &str) -> Result<HashMap<String, Tz>> {
    if c.version != SCENARIO_VERSION {
        return Err(SchedulerError::UnsupportedVersion {
            file: file.to_owned(),
            found: c.version,
            supported: SCENARIO_VERSION,
        });
    }
    if c.name.trim().is_empty() {
        return Err(checks::invalid(
            file,
            "scenario",
            "name",
            "''",
            "must not be empty",
        ));
    }
    checks::limit(
        file,
        "scenario",
        "activities",
        c.activities.len(),
        MAX_ACTIVITIES,
    )?;
    checks::limit(file, "scenario", "profiles", c.profiles.len(), MAX_PROFILES)?;
    checks::limit(
        file,
        "scenario",
        "staffing_groups",
        c.staffing_groups.len(),
        MAX_STAFFING_GROUPS,
    )?;
    checks::unique_names(
        file,
        "forecast group",
        c.forecast_groups.iter().map(String::as_str),
    )?;
    checks::unique_names(
        file,
        "activity",
        c.activities.iter().map(|a| a.name.as_str()),
    )?;
    checks::unique_names(
        file,
        "shift profile",
        c.profiles.iter().map(|p| p.name.as_str()),
    )?;
    checks::unique_names(
        file,
        "staffing group",
        c.staffing_groups.iter().map(|g| g.name.as_str()),
    )?;
    checks::unique_names(
        file,
        "staff rule",
        c.staff_rules.iter().map(|r| r.agent.as_str()),
    )?;

    let activities: HashMap<&str, _> = c.activities.iter().map(|a| (a.name.as_str(), a)).collect();
    for a in &c.activities {
        a.check(file)?;
    }
    for p in &c.profiles {
        p.check(file, &activities)?;
    }
    check_groups(c, file)?;
    let zones = check_staff_rules(c, file)?;
    check_request(c, file)?;
    Ok(zones)
}

fn check_groups(c: &ScenarioConfig, file: &str) -> Result<()> {
    let mut member: HashMap<(&str, &str), &str> = HashMap::new();
    let mut per_fg: HashMap<&str, usize> = HashMap::new();
    for g in &c.staffing_groups {
        let item = format!("staffing group '{}'", g.name);
        if !c.forecast_groups.contains(&g.forecast_group) {
            return Err(unknown(
                file,
                item,
                "forecast_group",
                "forecast group",
                &g.forecast_group,
            ));
        }
        if !c.profiles.iter().any(|p| p.name == g.profile) {
            return Err(unknown(file, item, "profile", "shift profile", &g.profile));
        }
        g.check(file)?;
        let n = per_fg.entry(&g.forecast_group).or_default();
        *n += 1;
        checks::limit(
            file,
            &format!("forecast group '{}'", g.forecast_group),
            "staffing groups",
            *n,
            MAX_GROUPS_PER_FORECAST_GROUP,
        )?;
        for a in &g.agents {
            if let Some(first) = member.insert((&g.forecast_group, a), &g.name) {
                return Err(SchedulerError::AgentInTwoGroups {
                    file: file.to_owned(),
                    agent: a.clone(),
                    forecast_group: g.forecast_group.clone(),
                    first_group: first.to_owned(),
                    second_group: g.name.clone(),
                });
            }
        }
    }
    Ok(())
}

fn check_staff_rules(c: &ScenarioConfig, file: &str) -> Result<HashMap<String, Tz>> {
    let max_days = u32::try_from(MAX_WEEKS * 7).unwrap_or(u32::MAX);
    let mut zones = HashMap::new();
    for r in &c.staff_rules {
        let item = format!("staff rule '{}'", r.agent);
        if !c
            .staffing_groups
            .iter()
            .any(|g| g.agents.contains(&r.agent))
        {
            return Err(unknown(
                file,
                item,
                "agent",
                "agent (in no staffing group)",
                &r.agent,
            ));
        }
        let tz: Tz = r
            .time_zone
            .parse()
            .map_err(|_| SchedulerError::UnknownTimeZone {
                file: file.to_owned(),
                agent: r.agent.clone(),
                zone: r.time_zone.clone(),
            })?;
        zones.insert(r.agent.clone(), tz);
        if let (Some(s), Some(e)) = (r.employment_start, r.employment_end)
            && e < s
        {
            return Err(SchedulerError::Conflict {
                file: file.to_owned(),
                item,
                reason: format!("employment_end {e} is before employment_start {s}"),
            });
        }
        r.hours.check(file, &item)?;
        for (field, max_field, range) in [
            (
                "consecutive_work_days",
                "consecutive_work_days.max",
                r.consecutive_work_days,
            ),
            (
                "consecutive_days_off",
                "consecutive_days_off.max",
                r.consecutive_days_off,
            ),
        ] {
            if let Some(range) = range {
                if range.max == Some(0) {
                    return Err(checks::invalid(
                        file,
                        &item,
                        max_field,
                        0,
                        "must be at least 1",
                    ));
                }
                check_count_range(file, &item, field, range, max_days)?;
            }
        }
        if let Some(p) = &r.profile
            && !c.profiles.iter().any(|q| &q.name == p)
        {
            return Err(unknown(file, item, "profile", "shift profile", p));
        }
    }
    Ok(zones)
}

fn check_request(c: &ScenarioConfig, file: &str) -> Result<()> {
    let r = &c.request;
    let item = "request";
    if !c.forecast_groups.contains(&r.forecast_group) {
        return Err(unknown(
            file,
            item.into(),
            "forecast_group",
            "forecast group",
            &r.forecast_group,
        ));
    }
    let days = (r.end - r.start).num_days() + 1;
    if days < 1 {
        return Err(SchedulerError::Conflict {
            file: file.to_owned(),
            item: item.into(),
            reason: format!("end {} is before start {}", r.end, r.start),
        });
    }
    if days > MAX_WEEKS * 7 {
        return Err(checks::invalid(
            file,
            item,
            "end",
            r.end,
            &format!("makes {days} days; a schedule covers at most {MAX_WEEKS} weeks"),
        ));
    }
    // the goal's rule is wfm-erlang's, as for `wfm staff` and the capacity scenario
    if let Err(e) = r.goal.to_erlang() {
        let (field, value) = match r.goal {
            Goal::ServiceLevel { target, .. } => ("goal.target", target.to_string()),
            Goal::Asa { seconds } => ("goal.seconds", seconds.to_string()),
        };
        return Err(checks::invalid(file, item, field, value, &e.to_string()));
    }
    match r.goal {
        Goal::ServiceLevel {
            within_seconds: 0, ..
        } => {
            return Err(checks::invalid(
                file,
                item,
                "goal.within_seconds",
                0,
                "must be positive",
            ));
        }
        Goal::Asa { seconds: 0 } => {
            return Err(checks::invalid(
                file,
                item,
                "goal.seconds",
                0,
                "must be positive",
            ));
        }
        _ => {}
    }
    let agents: usize = c
        .staffing_groups
        .iter()
        .filter(|g| g.forecast_group == r.forecast_group)
        .map(|g| g.agents.len())
        .sum();
    checks::limit(
        file,
        &format!("forecast group '{}'", r.forecast_group),
        "agents",
        agents,
        MAX_AGENTS_PER_RUN,
    )
}
