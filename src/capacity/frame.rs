//! A plan's periods as a polars DataFrame with the columns of the plan CSVs
//! ([`PLAN_COLUMNS`](super::PLAN_COLUMNS)), for Python and Parquet.

use polars::prelude::{Column, DataFrame, PolarsResult};
use wfm_core::capacity::PlanPeriod;

use super::output::PLAN_COLUMNS;

/// The periods as a DataFrame: dates as `YYYY-MM-DD` text, numbers as `Float64` (null
/// where unknown without FTE data), `*_pct` in percent, flags as booleans.
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn periods_frame(periods: &[PlanPeriod]) -> PolarsResult<DataFrame> {
    let text =
        |f: &dyn Fn(&PlanPeriod) -> String| -> Vec<String> { periods.iter().map(f).collect() };
    let num = |f: &dyn Fn(&PlanPeriod) -> f64| -> Vec<f64> { periods.iter().map(f).collect() };
    let opt = |f: &dyn Fn(&PlanPeriod) -> Option<f64>| -> Vec<Option<f64>> {
        periods.iter().map(f).collect()
    };
    let pct = |f: &dyn Fn(&PlanPeriod) -> Option<f64>| -> Vec<Option<f64>> {
        periods.iter().map(|p| f(p).map(|x| x * 100.0)).collect()
    };
    let flag = |f: &dyn Fn(&PlanPeriod) -> bool| -> Vec<Option<bool>> {
        periods
            .iter()
            .map(|p| p.available_fte.map(|_| f(p)))
            .collect()
    };
    let df = DataFrame::new_infer_height(vec![
        Column::new("period_start".into(), text(&|p| p.start.to_string())),
        Column::new("period_end".into(), text(&|p| p.end.to_string())),
        Column::new(
            "days".into(),
            periods.iter().map(|p| p.days).collect::<Vec<u32>>(),
        ),
        Column::new("volume".into(), num(&|p| p.volume)),
        Column::new("aht_seconds".into(), num(&|p| p.aht_seconds)),
        Column::new("required_fte".into(), num(&|p| p.required_fte)),
        Column::new(
            "required_fte_original".into(),
            opt(&|p| p.required_fte_original),
        ),
        Column::new("expected_occupancy".into(), num(&|p| p.expected_occupancy)),
        Column::new(
            "peak_agents".into(),
            periods.iter().map(|p| p.peak_agents).collect::<Vec<u64>>(),
        ),
        Column::new(
            "required_fte_with_shrinkage".into(),
            opt(&|p| p.required_fte_with_shrinkage),
        ),
        Column::new("available_fte".into(), opt(&|p| p.available_fte)),
        Column::new("gap".into(), opt(&|p| p.gap)),
        Column::new("gap_pct".into(), pct(&|p| p.gap_pct)),
        Column::new("required_ot_pct".into(), pct(&|p| p.required_ot_pct)),
        Column::new("required_vto_pct".into(), pct(&|p| p.required_vto_pct)),
        Column::new("ot_capped".into(), flag(&|p| p.ot_capped)),
        Column::new("vto_capped".into(), flag(&|p| p.vto_capped)),
        Column::new("unmet_fte".into(), opt(&|p| p.unmet_fte)),
    ])?;
    // the CSV's columns, in its order: one list of names for every view of a plan
    debug_assert!(
        df.get_column_names()
            .iter()
            .map(|n| n.as_str())
            .eq(PLAN_COLUMNS)
    );
    Ok(df)
}

/// A hiring plan as a DataFrame: `period_start`, `required_fte`, `available_fte`,
/// `hires`, `fte_after_hires`, `remaining_gap`, `closable` (the Hiring sheet's columns).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn hiring_frame(hiring: &wfm_core::capacity::HiringPlan) -> PolarsResult<DataFrame> {
    let w = &hiring.weeks;
    DataFrame::new_infer_height(vec![
        Column::new(
            "period_start".into(),
            w.iter().map(|x| x.start.to_string()).collect::<Vec<_>>(),
        ),
        Column::new(
            "required_fte".into(),
            w.iter().map(|x| x.required_fte).collect::<Vec<_>>(),
        ),
        Column::new(
            "available_fte".into(),
            w.iter().map(|x| x.available_fte).collect::<Vec<_>>(),
        ),
        Column::new(
            "hires".into(),
            w.iter().map(|x| x.hires).collect::<Vec<_>>(),
        ),
        Column::new(
            "fte_after_hires".into(),
            w.iter().map(|x| x.fte_after_hires).collect::<Vec<_>>(),
        ),
        Column::new(
            "remaining_gap".into(),
            w.iter().map(|x| x.remaining_gap).collect::<Vec<_>>(),
        ),
        Column::new(
            "closable".into(),
            w.iter().map(|x| x.closable).collect::<Vec<_>>(),
        ),
    ])
}
