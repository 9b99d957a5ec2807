//! TEMPORARY stand-in for the joint week generator (replaced on merge).

use chrono::NaiveDate;

use super::{GenerateOptions, GenerationReport, IntervalForecast, schedule_week};
use crate::error::Result;
use crate::scenario::Scenario;
use crate::schedule::Schedule;

/// What the previous week leaves to this one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekCarry {
    /// Per agent: consecutive work days ending on the day before `week_start`.
    pub worked_days_before: std::collections::BTreeMap<String, u8>,
    /// Productive agents already on shift per 15-minute interval from `week_start`.
    pub covered: Vec<u32>,
}

/// Stand-in: the first run group only.
pub fn schedule_week_all(
    scenario: &Scenario,
    week_start: NaiveDate,
    demand: &[IntervalForecast],
    _carry: &WeekCarry,
    options: &GenerateOptions,
) -> Result<(Schedule, GenerationReport)> {
    let g = scenario
        .run_groups()
        .next()
        .map(|g| g.name.clone())
        .unwrap_or_default();
    schedule_week(scenario, &g, week_start, demand, options)
}
