//! A plan's files: `plan_weekly.csv` and `plan_monthly.csv` (one row per period, one
//! column per output row of the plan) and `plan.xlsx` with the sheets Metrics, Capacity
//! Plan, Scenario and Generation Details. Each file is written through the facade's one
//! file writer ([`crate::files`]), so a failure leaves no half file.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use wfm_core::capacity::{HiringPlan, Plan, PlanPeriod, Scenario};
use wfm_erlang::Goal;

use super::frame::{hiring_table, monthly_table, periods_table, weekly_table};
use crate::error::{Result, WfmError};

/// The columns of the plan CSVs and of the Metrics sheet, in order. `*_pct` columns are
/// percentages (10 = 10 %); `expected_occupancy` is a share (0.85).
pub const PLAN_COLUMNS: [&str; 18] = [
    "period_start",
    "period_end",
    "days",
    "volume",
    "aht_seconds",
    "required_fte",
    "required_fte_original",
    "expected_occupancy",
    "peak_agents",
    "required_fte_with_shrinkage",
    "available_fte",
    "gap",
    "gap_pct",
    "required_ot_pct",
    "required_vto_pct",
    "ot_capped",
    "vto_capped",
    "unmet_fte",
];

/// The columns `plan_weekly.csv` adds after [`PLAN_COLUMNS`] when the scenario has a
/// `[hiring]` policy: people starting that week, FTE after hires (available plus what
/// the hires work), the gap hires and overtime leave, and whether hires can reach the
/// week at all (false before the lead time).
pub const HIRING_COLUMNS: [&str; 4] = ["hires", "fte_after_hires", "remaining_gap", "closable"];

/// Writes one view of the plan (weekly or monthly rows) as CSV (`-` for standard
/// output).
///
/// # Errors
/// [`WfmError::Io`] if the file cannot be written.
pub fn write_plan_csv(path: &Path, periods: &[PlanPeriod]) -> Result<()> {
    crate::files::write_bytes(path, &periods_table(periods).csv()?)
}

/// The weekly rows as CSV ([`weekly_table`]), with the [`HIRING_COLUMNS`] when the plan
/// has a hiring plan.
pub(crate) fn weekly_csv(w: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    w.write_all(&weekly_table(plan).csv().map_err(std::io::Error::other)?)
}

/// The monthly rows as CSV ([`monthly_table`]).
pub(crate) fn monthly_csv(w: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    w.write_all(&monthly_table(plan).csv().map_err(std::io::Error::other)?)
}

/// What the Capacity Plan and Generation Details sheets say about a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInfo {
    /// The plan's name.
    pub name: String,
    /// The forecast group.
    pub group: String,
    /// `(name, value)` lines for Generation Details: inputs, when it was computed, ….
    pub details: Vec<(String, String)>,
}

/// A workbook error as the crate's error.
pub(crate) fn xlsx(e: XlsxError) -> WfmError {
    WfmError::Encode {
        what: "workbook",
        detail: e.to_string(),
    }
}

/// A block of the Metrics sheet from `start_row`: its bold `title`, then the periods'
/// table ([`PLAN_COLUMNS`]); returns the row after it.
fn metrics_sheet(
    sheet: &mut Worksheet,
    title: &str,
    periods: &[PlanPeriod],
    start_row: u32,
    bold: &Format,
) -> std::result::Result<u32, XlsxError> {
    sheet.write_string_with_format(start_row, 0, title, bold)?;
    periods_table(periods).sheet(sheet, start_row + 1, bold)
}

/// The Hiring sheet: one row per week ([`hiring_table`]), then the totals.
fn hiring_sheet(
    sheet: &mut Worksheet,
    hiring: &HiringPlan,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let r = hiring_table(hiring).sheet(sheet, 0, bold)? + 1;
    sheet.write_string_with_format(r, 0, "total hires", bold)?;
    sheet.write_number(r, 3, hiring.total_hires as f64)?;
    sheet.write_string_with_format(r + 1, 0, "cost", bold)?;
    sheet.write_number(r + 1, 3, hiring.cost)?;
    sheet.write_string_with_format(r + 2, 0, "proven within one hire's cost", bold)?;
    sheet.write_boolean(r + 2, 3, hiring.proven)?;
    Ok(())
}

/// A `name | value` sheet: a bold header, then one row per pair, values that read as
/// numbers written as numbers.
pub(crate) fn pairs_sheet(
    sheet: &mut Worksheet,
    rows: &[(String, String)],
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, "name", bold)?;
    sheet.write_string_with_format(0, 1, "value", bold)?;
    for (i, (k, v)) in rows.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, k)?;
        match v.parse::<f64>() {
            Ok(n) => sheet.write_number(i as u32 + 1, 1, n)?,
            Err(_) => sheet.write_string(i as u32 + 1, 1, v)?,
        };
    }
    Ok(())
}

/// A goal as a planner reads it: "80 % answered within 20 s".
pub(crate) fn goal_text(goal: Goal) -> String {
    match goal {
        Goal::ServiceLevel { target, seconds } => {
            format!("{} % answered within {seconds} s", target * 100.0)
        }
        Goal::Asa { seconds } => format!("average speed of answer ≤ {seconds} s"),
    }
}

/// Writes the plan workbook: Metrics (the weekly rows, then the monthly rows), Capacity
/// Plan, Scenario, Hiring (when the scenario has a hiring policy) and Generation Details.
/// Sheets in detail: Capacity
/// Plan (name, group, start, end), Scenario (its inputs) and Generation Details.
///
/// # Errors
/// [`WfmError::Io`] or [`WfmError::Encode`] if the workbook cannot be written.
pub fn write_plan_xlsx(
    path: &Path,
    plan: &Plan,
    scenario: &Scenario,
    info: &PlanInfo,
) -> Result<()> {
    crate::files::write_bytes(path, &plan_xlsx(plan, scenario, info)?)
}

/// The workbook of [`write_plan_xlsx`] as bytes.
pub(crate) fn plan_xlsx(plan: &Plan, scenario: &Scenario, info: &PlanInfo) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("Metrics").map_err(xlsx)?;
    let next = metrics_sheet(sheet, "Weekly", &plan.weekly, 0, &bold).map_err(xlsx)?;
    metrics_sheet(sheet, "Monthly", &plan.monthly, next + 1, &bold).map_err(xlsx)?;
    let (start, end) = (
        plan.days
            .first()
            .map(|d| d.date.to_string())
            .unwrap_or_default(),
        plan.days
            .last()
            .map(|d| d.date.to_string())
            .unwrap_or_default(),
    );
    let plan_rows = vec![
        ("name".to_owned(), info.name.clone()),
        ("forecast group".to_owned(), info.group.clone()),
        ("start".to_owned(), start),
        ("end".to_owned(), end),
    ];
    let sheet = book
        .add_worksheet()
        .set_name("Capacity Plan")
        .map_err(xlsx)?;
    pairs_sheet(sheet, &plan_rows, &bold).map_err(xlsx)?;
    let opt = |v: Option<f64>| v.map_or_else(|| "none".to_owned(), |x| x.to_string());
    let mut scenario_rows = vec![
        ("name".to_owned(), scenario.name.clone()),
        ("description".to_owned(), scenario.description.clone()),
        (
            "max_occupancy".to_owned(),
            scenario.max_occupancy.get().to_string(),
        ),
        (
            "daily_attrition".to_owned(),
            scenario.daily_attrition.to_string(),
        ),
        (
            "fte_hours_per_week".to_owned(),
            scenario.fte_hours_per_week.to_string(),
        ),
        (
            "outsourced_share".to_owned(),
            scenario.outsourced_share.to_string(),
        ),
        ("max_overtime".to_owned(), opt(scenario.max_overtime)),
        ("max_vto".to_owned(), opt(scenario.max_vto)),
    ];
    for (channel, g) in &scenario.goals {
        scenario_rows.push((format!("goal {channel}"), goal_text(g.goal)));
        scenario_rows.push((
            format!("concurrency {channel}"),
            g.concurrency.get().to_string(),
        ));
    }
    if let Some(h) = &scenario.hiring {
        scenario_rows.push(("hiring lead_weeks".to_owned(), h.lead_weeks.to_string()));
        let ramp: Vec<String> = h.ramp.iter().map(f64::to_string).collect();
        scenario_rows.push(("hiring ramp".to_owned(), ramp.join(", ")));
        scenario_rows.push((
            "hiring cost_per_hire".to_owned(),
            h.cost_per_hire.to_string(),
        ));
        scenario_rows.push((
            "hiring gap_cost_per_fte_week".to_owned(),
            opt(h.gap_cost_per_fte_week),
        ));
    }
    let sheet = book.add_worksheet().set_name("Scenario").map_err(xlsx)?;
    pairs_sheet(sheet, &scenario_rows, &bold).map_err(xlsx)?;
    if let Some(hiring) = &plan.hiring {
        let sheet = book.add_worksheet().set_name("Hiring").map_err(xlsx)?;
        hiring_sheet(sheet, hiring, &bold).map_err(xlsx)?;
    }
    let sheet = book
        .add_worksheet()
        .set_name("Generation Details")
        .map_err(xlsx)?;
    pairs_sheet(sheet, &info.details, &bold).map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}
