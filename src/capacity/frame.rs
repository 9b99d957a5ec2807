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
    let c = |i: usize| PLAN_COLUMNS[i].into();
    DataFrame::new_infer_height(vec![
        Column::new(c(0), text(&|p| p.start.to_string())),
        Column::new(c(1), text(&|p| p.end.to_string())),
        Column::new(c(2), periods.iter().map(|p| p.days).collect::<Vec<u32>>()),
        Column::new(c(3), num(&|p| p.volume)),
        Column::new(c(4), num(&|p| p.aht_seconds)),
        Column::new(c(5), num(&|p| p.required_fte)),
        Column::new(c(6), num(&|p| p.expected_occupancy)),
        Column::new(
            c(7),
            periods.iter().map(|p| p.peak_agents).collect::<Vec<u64>>(),
        ),
        Column::new(c(8), opt(&|p| p.required_fte_with_shrinkage)),
        Column::new(c(9), opt(&|p| p.available_fte)),
        Column::new(c(10), opt(&|p| p.gap)),
        Column::new(c(11), pct(&|p| p.gap_pct)),
        Column::new(c(12), pct(&|p| p.required_ot_pct)),
        Column::new(c(13), pct(&|p| p.required_vto_pct)),
        Column::new(c(14), flag(&|p| p.ot_capped)),
        Column::new(c(15), flag(&|p| p.vto_capped)),
        Column::new(c(16), opt(&|p| p.unmet_fte)),
    ])
}
