//! A plan's tables, defined once ([`crate::tables`]) and written from that definition to
//! `plan_weekly.csv` and `plan_monthly.csv`, to the workbook's Metrics and Hiring sheets
//! and to the DataFrames Python receives: the columns are [`PLAN_COLUMNS`](super::PLAN_COLUMNS), then on the
//! weekly rows of a plan with a hiring plan the [`HIRING_COLUMNS`](super::HIRING_COLUMNS).
//!
//! Dates are `YYYY-MM-DD` text; numbers are written whole (`Float64` in a frame, null
//! and an empty cell where unknown without FTE data); `*_pct` columns are percentages
//! (10 = 10 %), `expected_occupancy` a share (0.85); `days`, `peak_agents` and `hires`
//! whole numbers; the flags yes/no (empty without FTE data).

use polars::prelude::DataFrame;
use wfm_core::capacity::{HiringPlan, HiringWeek, Plan, PlanPeriod};

use crate::error::Result;
use crate::tables::{Decimals, Definition, Table};

/// A row of a plan table: a period and, on the weekly rows of a plan with a hiring plan,
/// its week of that plan.
type PeriodRow<'p> = (&'p PlanPeriod, Option<&'p HiringWeek>);

const ALL: Decimals = Decimals::Shortest;

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The plan table's definition; with `hiring`, the [`HIRING_COLUMNS`](super::HIRING_COLUMNS) too.
fn definition<'p>(hiring: bool) -> Definition<'static, PeriodRow<'p>> {
    let pct = |v: Option<f64>| v.map(|x| x * 100.0);
    // the flags are known with FTE data only
    let flag = |p: &PlanPeriod, v: bool| p.available_fte.map(|_| v);
    let d = Definition::new()
        .text("period_start", |r: &PeriodRow<'p>| r.0.start.to_string())
        .text("period_end", |r| r.0.end.to_string())
        .int("days", |r| i64::from(r.0.days))
        .number("volume", ALL, |r| r.0.volume)
        .number("aht_seconds", ALL, |r| r.0.aht_seconds)
        .number("required_fte", ALL, |r| r.0.required_fte)
        .number("required_fte_original", ALL, |r| r.0.required_fte_original)
        .number("expected_occupancy", ALL, |r| r.0.expected_occupancy)
        .int("peak_agents", |r| count(r.0.peak_agents))
        .number("required_fte_with_shrinkage", ALL, |r| {
            r.0.required_fte_with_shrinkage
        })
        .number("available_fte", ALL, |r| r.0.available_fte)
        .number("gap", ALL, |r| r.0.gap)
        .number("gap_pct", ALL, move |r| pct(r.0.gap_pct))
        .number("required_ot_pct", ALL, move |r| pct(r.0.required_ot_pct))
        .number("required_vto_pct", ALL, move |r| pct(r.0.required_vto_pct))
        .bool("ot_capped", move |r| flag(r.0, r.0.ot_capped))
        .bool("vto_capped", move |r| flag(r.0, r.0.vto_capped))
        .number("unmet_fte", ALL, |r| r.0.unmet_fte);
    if !hiring {
        return d;
    }
    d.int("hires", |r| r.1.map(|w| count(w.hires)))
        .number("fte_after_hires", ALL, |r| r.1.map(|w| w.fte_after_hires))
        .number("remaining_gap", ALL, |r| r.1.map(|w| w.remaining_gap))
        .bool("closable", |r| r.1.map(|w| w.closable))
}

/// The periods as a table with the [`PLAN_COLUMNS`](super::PLAN_COLUMNS).
///
/// ```
/// let table = wfm::capacity::periods_table(&[]);
/// assert!(table.names().eq(wfm::capacity::PLAN_COLUMNS));
/// ```
#[must_use]
pub fn periods_table(periods: &[PlanPeriod]) -> Table {
    let rows: Vec<PeriodRow> = periods.iter().map(|p| (p, None)).collect();
    definition(false).table(&rows)
}

/// The weekly rows of `plan` (`plan_weekly.csv`): the [`PLAN_COLUMNS`](super::PLAN_COLUMNS), then the
/// [`HIRING_COLUMNS`](super::HIRING_COLUMNS) when the plan has a hiring plan.
#[must_use]
pub fn weekly_table(plan: &Plan) -> Table {
    let Some(hiring) = &plan.hiring else {
        return periods_table(&plan.weekly);
    };
    let rows: Vec<PeriodRow> = plan
        .weekly
        .iter()
        .enumerate()
        .map(|(i, p)| (p, hiring.weeks.get(i)))
        .collect();
    definition(true).table(&rows)
}

/// The monthly rows of `plan` (`plan_monthly.csv`).
#[must_use]
pub fn monthly_table(plan: &Plan) -> Table {
    periods_table(&plan.monthly)
}

/// A hiring plan as a table (the Hiring sheet): `period_start`, `required_fte`,
/// `available_fte`, `hires`, `fte_after_hires`, `remaining_gap`, `closable`.
#[must_use]
pub fn hiring_table(hiring: &HiringPlan) -> Table {
    Definition::new()
        .text("period_start", |w: &HiringWeek| w.start.to_string())
        .number("required_fte", ALL, |w| w.required_fte)
        .number("available_fte", ALL, |w| w.available_fte)
        .int("hires", |w| count(w.hires))
        .number("fte_after_hires", ALL, |w| w.fte_after_hires)
        .number("remaining_gap", ALL, |w| w.remaining_gap)
        .bool("closable", |w| w.closable)
        .table(&hiring.weeks)
}

/// The periods as a DataFrame with the [`PLAN_COLUMNS`](super::PLAN_COLUMNS) ([`periods_table`]).
///
/// # Errors
/// [`WfmError::Encode`](crate::WfmError::Encode) if the frame cannot be built.
pub fn periods_frame(periods: &[PlanPeriod]) -> Result<DataFrame> {
    periods_table(periods).frame()
}

/// The weekly rows as a DataFrame: `plan_weekly.csv` ([`weekly_table`]).
///
/// # Errors
/// [`WfmError::Encode`](crate::WfmError::Encode) if the frame cannot be built.
pub fn weekly_frame(plan: &Plan) -> Result<DataFrame> {
    weekly_table(plan).frame()
}

/// A hiring plan as a DataFrame ([`hiring_table`]).
///
/// # Errors
/// [`WfmError::Encode`](crate::WfmError::Encode) if the frame cannot be built.
pub fn hiring_frame(hiring: &HiringPlan) -> Result<DataFrame> {
    hiring_table(hiring).frame()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::{HIRING_COLUMNS, PLAN_COLUMNS};

    #[test]
    fn the_definition_has_the_documented_columns() {
        let names = |d: Definition<'static, PeriodRow>| d.csv_header();
        assert_eq!(names(definition(false)), PLAN_COLUMNS);
        let with = names(definition(true));
        assert_eq!(with[..18], PLAN_COLUMNS);
        assert_eq!(with[18..], HIRING_COLUMNS);
    }
}
