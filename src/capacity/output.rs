//! A plan's files: `plan_weekly.csv` and `plan_monthly.csv` (one row per period, one
//! column per output row of the plan) and `plan.xlsx` with the sheets Metrics, Capacity
//! Plan, Scenario and Generation Details. Each file is written through the facade's one
//! file writer ([`crate::files`]), so a failure leaves no half file.

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use wfm_core::capacity::{HiringPlan, Plan, PlanPeriod, Scenario};
use wfm_erlang::Goal;

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

/// A cell of a plan row: a number, text, or empty (not known without FTE data).
enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

fn row(p: &PlanPeriod) -> [Cell; 18] {
    let opt = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let pct = |v: Option<f64>| v.map_or(Cell::Empty, |x| Cell::Number(x * 100.0));
    let known = p.available_fte.is_some();
    [
        Cell::Text(p.start.to_string()),
        Cell::Text(p.end.to_string()),
        Cell::Number(f64::from(p.days)),
        Cell::Number(p.volume),
        Cell::Number(p.aht_seconds),
        Cell::Number(p.required_fte),
        opt(p.required_fte_original),
        Cell::Number(p.expected_occupancy),
        Cell::Number(p.peak_agents as f64),
        opt(p.required_fte_with_shrinkage),
        opt(p.available_fte),
        opt(p.gap),
        pct(p.gap_pct),
        pct(p.required_ot_pct),
        pct(p.required_vto_pct),
        if known {
            Cell::Bool(p.ot_capped)
        } else {
            Cell::Empty
        },
        if known {
            Cell::Bool(p.vto_capped)
        } else {
            Cell::Empty
        },
        opt(p.unmet_fte),
    ]
}

/// Writes one view of the plan (weekly or monthly rows) as CSV (`-` for standard
/// output).
///
/// # Errors
/// [`WfmError::Io`] if the file cannot be written.
pub fn write_plan_csv(path: &Path, periods: &[PlanPeriod]) -> Result<()> {
    crate::files::write_with(path, |w| periods_csv(w, periods, None))
}

/// The weekly rows as CSV, with the [`HIRING_COLUMNS`] when the plan has a hiring plan.
pub(crate) fn weekly_csv(w: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    periods_csv(w, &plan.weekly, plan.hiring.as_ref())
}

/// The monthly rows as CSV.
pub(crate) fn monthly_csv(w: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    periods_csv(w, &plan.monthly, None)
}

fn periods_csv(
    w: &mut dyn Write,
    periods: &[PlanPeriod],
    hiring: Option<&HiringPlan>,
) -> std::io::Result<()> {
    write!(w, "{}", PLAN_COLUMNS.join(","))?;
    if hiring.is_some() {
        write!(w, ",{}", HIRING_COLUMNS.join(","))?;
    }
    writeln!(w)?;
    for (i, p) in periods.iter().enumerate() {
        let cells: Vec<String> = row(p)
            .into_iter()
            .map(|c| match c {
                Cell::Text(t) => t,
                Cell::Number(n) => format!("{n}"),
                Cell::Bool(b) => b.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        write!(w, "{}", cells.join(","))?;
        if let Some(week) = hiring.and_then(|h| h.weeks.get(i)) {
            write!(
                w,
                ",{},{},{},{}",
                week.hires, week.fte_after_hires, week.remaining_gap, week.closable
            )?;
        }
        writeln!(w)?;
    }
    Ok(())
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

fn metrics_sheet(
    sheet: &mut Worksheet,
    title: &str,
    periods: &[PlanPeriod],
    start_row: u32,
    bold: &Format,
) -> std::result::Result<u32, XlsxError> {
    sheet.write_string_with_format(start_row, 0, title, bold)?;
    for (c, name) in PLAN_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(start_row + 1, c as u16, *name, bold)?;
    }
    for (r, p) in periods.iter().enumerate() {
        let r = start_row + 2 + r as u32;
        for (c, cell) in row(p).into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, t)?,
                Cell::Number(n) => sheet.write_number(r, c, n)?,
                Cell::Bool(b) => sheet.write_boolean(r, c, b)?,
                Cell::Empty => sheet,
            };
        }
    }
    Ok(start_row + 2 + periods.len() as u32)
}

/// The Hiring sheet: one row per week (start, required, available, hires, FTE after
/// hires, remaining gap, closable), then the totals.
fn hiring_sheet(
    sheet: &mut Worksheet,
    hiring: &HiringPlan,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let header = [
        "period_start",
        "required_fte",
        "available_fte",
        "hires",
        "fte_after_hires",
        "remaining_gap",
        "closable",
    ];
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, bold)?;
    }
    for (r, w) in hiring.weeks.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, w.start.to_string())?;
        sheet.write_number(r, 1, w.required_fte)?;
        sheet.write_number(r, 2, w.available_fte)?;
        sheet.write_number(r, 3, w.hires as f64)?;
        sheet.write_number(r, 4, w.fte_after_hires)?;
        sheet.write_number(r, 5, w.remaining_gap)?;
        sheet.write_boolean(r, 6, w.closable)?;
    }
    let r = hiring.weeks.len() as u32 + 2;
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
/// [`WfmError::Io`] or [`WfmError::Store`] if the workbook cannot be written.
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
