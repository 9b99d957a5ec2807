//! The plan lifecycle on a workspace, stored as documents: scenarios
//! (`DocumentKind::Scenario`, scope `*` or a group, named by the scenario's name), the FTE
//! and shrinkage of each group (`DocumentKind::Fte`, named `fte`; the newest load wins)
//! and plans (`DocumentKind::Plan`, scope the group, named by the plan's name — unique in
//! the workspace). A plan is computed from the group's latest *published* long- and
//! short-term forecasts; its document `uses` those forecasts, the scenario and the FTE
//! load. Overrides and re-runs replace a draft plan; a published plan is immutable.
//!
//! Re-run rule: a re-run is allowed when the start, the weeks or
//! the scenario change, or when a newer long- or short-term forecast was published since
//! the plan was computed (it always takes the latest published ones); otherwise it is
//! refused with the reason. A re-run recomputes from scratch: overrides are dropped.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use wfm_core::capacity::{FteDay, Plan, Scenario, read_fte_csv};
use wfm_core::forecast::GroupForecast;

use super::{PlanInfo, PlanInputs, apply_overrides, build_plan, parse_scenario};
use crate::error::{Item, ItemKind, Refused, Result, WfmError};
use crate::forecasting::{ForecastKind, effective_forecast};
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, Workspace};
use crate::workspace::{Overrides, Version};

/// The scope of a scenario every group may use.
pub const ANY_GROUP: &str = "*";
/// The name of a group's FTE document.
pub const FTE_DOCUMENT: &str = "fte";

/// A stored scenario: the TOML as written (shown and edited as is) and the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredScenario {
    /// The TOML text.
    pub toml: String,
}

impl StoredScenario {
    /// The validated scenario.
    ///
    /// # Errors
    /// `InvalidInput` naming the line (a stored scenario was valid when stored, so only
    /// after a rule changed).
    pub fn scenario(&self, name: &str) -> Result<Scenario> {
        parse_scenario(&self.toml, name)
    }
}

/// A stored plan: what it was asked for and what came out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    /// Free text.
    pub description: String,
    /// The first day.
    pub start: NaiveDate,
    /// Weeks planned.
    pub weeks: u32,
    /// The scenario document used.
    pub scenario_id: DocumentId,
    /// The scenario as it was used.
    pub scenario: Scenario,
    /// The long-term forecast document used.
    pub long_id: DocumentId,
    /// The short-term forecast document used.
    pub short_id: DocumentId,
    /// The FTE document used, if the group has one.
    pub fte_id: Option<DocumentId>,
    /// The overrides applied, `(period start, required FTE without shrinkage)`.
    pub overrides: Vec<(NaiveDate, f64)>,
    /// The computed plan (overrides applied; originals kept in the periods).
    pub plan: Plan,
    /// When it was computed, UTC `YYYY-MM-DDTHH:MM:SSZ`.
    pub computed_at: String,
    /// When it was last changed (override), UTC.
    pub changed_at: String,
}

/// What `plan create` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    /// The plan's name (unique in the workspace).
    pub name: String,
    /// Free text.
    pub description: String,
    /// The forecast group.
    pub group: String,
    /// The scenario's name (of the group, else of `*`).
    pub scenario: String,
    /// The first day.
    pub start: NaiveDate,
    /// Weeks (1 to 80).
    pub weeks: u32,
}

fn now() -> String {
    crate::tables::utc_text(Utc::now())
}

fn check_group(ws: &Workspace, group: &str) -> Result<()> {
    if group == ANY_GROUP || ws.groups()?.iter().any(|g| g.name == group) {
        Ok(())
    } else {
        Err(WfmError::NotFound {
            item: Item::new(ItemKind::ForecastGroup, group),
        })
    }
}

/// Stores a scenario from TOML text (`file` names it in errors) for `group` (`*`: every
/// group); its name is the TOML's `name`. Refused if one of that name and scope exists
/// (use [`edit_scenario`]).
///
/// # Errors
/// `InvalidInput` naming line and field; `NotFound` for an unknown group, `Conflict` for a taken name.
pub(crate) fn create_scenario(
    ws: &mut Workspace,
    toml: &str,
    file: &str,
    group: &str,
) -> Result<DocumentInfo> {
    let scenario = parse_scenario(toml, file)?;
    check_group(ws, group)?;
    if ws
        .latest_unchecked(DocumentKind::Scenario, group, &scenario.name, None)?
        .is_some()
    {
        return Err(WfmError::Conflict {
            item: Item::document(DocumentKind::Scenario, &scenario.name).of(group),
        });
    }
    ws.put_json_unchecked(
        DocumentKind::Scenario,
        group,
        &scenario.name,
        &scenario.description,
        &[],
        &StoredScenario {
            toml: toml.to_owned(),
        },
    )
}

/// The scenario document named `name` for `group`: the group's own, else the `*` one.
///
/// # Errors
/// `NotFound` if there is none.
pub(crate) fn find_scenario(ws: &Workspace, group: &str, name: &str) -> Result<DocumentInfo> {
    for scope in [group, ANY_GROUP] {
        if let Some(d) = ws.latest_unchecked(DocumentKind::Scenario, scope, name, None)? {
            return Ok(d);
        }
    }
    Err(WfmError::NotFound {
        item: Item::document(DocumentKind::Scenario, name).of(group),
    })
}

/// Replaces the TOML of the scenario `name` of `group`; the TOML's name must stay `name`.
///
/// # Errors
/// As [`create_scenario`]; `NotFound` if it does not exist, `InvalidArgument` if the name changed.
pub(crate) fn edit_scenario(
    ws: &mut Workspace,
    name: &str,
    group: &str,
    toml: &str,
    file: &str,
) -> Result<DocumentInfo> {
    let scenario = parse_scenario(toml, file)?;
    let Some(doc) = ws.latest_unchecked(DocumentKind::Scenario, group, name, None)? else {
        return Err(WfmError::NotFound {
            item: Item::document(DocumentKind::Scenario, name).of(group),
        });
    };
    if scenario.name != name {
        return Err(WfmError::InvalidArgument {
            argument: "scenario name",
            value: scenario.name,
            expected: format!(
                "{file} names this scenario, not {name:?}: a scenario keeps its name"
            ),
        });
    }
    ws.replace_json_unchecked(
        doc.id,
        &scenario.description,
        &[],
        &StoredScenario {
            toml: toml.to_owned(),
        },
    )
}

/// Imports the FTE/shrinkage CSV: every FORECAST_GROUP must be a group of the workspace; each
/// group's rows become a new FTE document (the newest load is the one plans use). The file
/// is checked fully first: on any error nothing is stored.
///
/// # Errors
/// `InvalidInput` naming file, line, column and reason (an unknown group is named);
/// [`WfmError::Io`] if the file cannot be read.
pub(crate) fn import_fte(
    ws: &mut Workspace,
    input: &crate::files::Input,
) -> Result<Vec<DocumentInfo>> {
    let groups: Vec<String> = ws.groups()?.into_iter().map(|g| g.name).collect();
    let names: Vec<&str> = groups.iter().map(String::as_str).collect();
    let table = read_fte_csv(&input.name(), input.open()?, Some(&names))?;
    let sorted: BTreeMap<&String, &Vec<FteDay>> = table.groups.iter().collect();
    let mut stored = Vec::new();
    for (group, days) in sorted {
        let summary = match (days.first(), days.last()) {
            (Some(a), Some(b)) => format!("{} day(s), {} to {}", days.len(), a.date, b.date),
            _ => "no days".to_owned(),
        };
        stored.push(ws.put_json_unchecked(
            DocumentKind::Fte,
            group,
            FTE_DOCUMENT,
            &summary,
            &[],
            days,
        )?);
    }
    Ok(stored)
}

/// The latest published forecast `name` (`"long"` or `"short"`) of `group` with its
/// document, the group's forecast overrides applied. The one place the plan and the
/// schedule read forecasts.
///
/// # Errors
/// `NotFound` (of a published forecast) if none is published.
pub(crate) fn published_forecast(
    ws: &Workspace,
    group: &str,
    name: &str,
) -> Result<(DocumentInfo, GroupForecast)> {
    let kind = if name == "long" {
        ForecastKind::Long
    } else {
        ForecastKind::Short
    };
    let Some((info, forecast)) =
        effective_forecast(ws, group, kind, Version::Published, Overrides::Applied)?
    else {
        return Err(WfmError::NotFound {
            item: Item::document(DocumentKind::Forecast, name)
                .of(group)
                .with_status(DocumentStatus::Published),
        });
    };
    Ok((info, forecast))
}

/// A plan document by name (plan names are unique in a workspace).
///
/// # Errors
/// `NotFound` if there is none.
pub(crate) fn find_plan(ws: &Workspace, name: &str) -> Result<DocumentInfo> {
    ws.documents_unchecked(DocumentKind::Plan, None)?
        .into_iter()
        .rev()
        .find(|d| d.name == name)
        .ok_or_else(|| WfmError::NotFound {
            item: Item::document(DocumentKind::Plan, name),
        })
}

/// A plan with its document.
///
/// # Errors
/// As [`find_plan`]; `Store` if it does not decode.
pub(crate) fn load_plan(ws: &Workspace, name: &str) -> Result<(DocumentInfo, StoredPlan)> {
    let doc = find_plan(ws, name)?;
    ws.get_json_unchecked(doc.id)
}

/// Computes a plan of `group` from its published forecasts, the scenario document and its
/// latest FTE load.
fn compute(
    ws: &Workspace,
    group: &str,
    scenario_doc: &DocumentInfo,
    start: NaiveDate,
    weeks: u32,
) -> Result<StoredPlan> {
    if !(1..=80).contains(&weeks) {
        return Err(WfmError::OutOfRange {
            what: "weeks",
            value: weeks.to_string(),
            allowed: "a plan covers 1 to 80 weeks (18 months)".into(),
        });
    }
    let (long_doc, long) = published_forecast(ws, group, "long")?;
    let (short_doc, short) = published_forecast(ws, group, "short")?;
    if short.interval().is_none() {
        return Err(WfmError::Precondition {
            what: format!(
                "the published short-term forecast of {group} (document {}) is daily: the \
                 intraday pattern needs intervals",
                short_doc.id
            ),
        });
    }
    let (_, stored): (_, StoredScenario) = ws.get_json_unchecked(scenario_doc.id)?;
    let scenario = stored.scenario(&format!("scenario {:?}", scenario_doc.name))?;
    let fte_doc = ws.latest_unchecked(DocumentKind::Fte, group, FTE_DOCUMENT, None)?;
    let supply: Vec<FteDay> = match &fte_doc {
        Some(d) => ws.get_json_unchecked(d.id)?.1,
        None => Vec::new(),
    };
    let plan = build_plan(
        &scenario,
        &PlanInputs {
            long: &long,
            short: &short,
            supply: &supply,
            start,
            weeks,
            watcher: &wfm_core::progress::Progress::none(),
        },
        &[],
    )?;
    let at = now();
    Ok(StoredPlan {
        description: String::new(),
        start,
        weeks,
        scenario_id: scenario_doc.id,
        scenario,
        long_id: long_doc.id,
        short_id: short_doc.id,
        fte_id: fte_doc.map(|d| d.id),
        overrides: Vec::new(),
        plan,
        computed_at: at.clone(),
        changed_at: at,
    })
}

fn uses(p: &StoredPlan) -> Vec<DocumentId> {
    let mut u = vec![p.long_id, p.short_id, p.scenario_id];
    u.extend(p.fte_id);
    u
}

fn summary(p: &StoredPlan) -> String {
    let end = p.plan.days.last().map_or(p.start, |d| d.date);
    let mut s = format!(
        "{} to {end}, scenario {:?}, {} week(s)",
        p.start, p.scenario.name, p.weeks
    );
    if !p.overrides.is_empty() {
        s += &format!(", {} override(s)", p.overrides.len());
    }
    s
}

/// Creates a plan (a draft document).
///
/// # Errors
/// `NotFound` for an unknown group or scenario or a missing published forecast,
/// `Conflict` for a taken name; `Core` from the computation.
pub(crate) fn create_plan(ws: &mut Workspace, request: &PlanRequest) -> Result<DocumentInfo> {
    if request.name.trim().is_empty() {
        return Err(WfmError::InvalidArgument {
            argument: "plan name",
            value: request.name.clone(),
            expected: "a plan needs a name".into(),
        });
    }
    check_group(ws, &request.group)?;
    if find_plan(ws, &request.name).is_ok() {
        return Err(WfmError::Conflict {
            item: Item::document(DocumentKind::Plan, &request.name),
        });
    }
    let scenario_doc = find_scenario(ws, &request.group, &request.scenario)?;
    let mut stored = compute(
        ws,
        &request.group,
        &scenario_doc,
        request.start,
        request.weeks,
    )?;
    stored.description = request.description.clone();
    ws.put_json_unchecked(
        DocumentKind::Plan,
        &request.group,
        &request.name,
        &summary(&stored),
        &uses(&stored),
        &stored,
    )
}

fn refuse_published(doc: &DocumentInfo) -> Result<()> {
    if doc.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(doc),
            refused: Refused::Change,
        });
    }
    Ok(())
}

/// Overrides the required FTE without shrinkage of periods (weekly starts if every date
/// starts a week, else monthly); the dependent rows recompute and the computed values stay
/// in `required_fte_original`. Overrides add to earlier ones (a period overridden twice
/// keeps the last value).
///
/// # Errors
/// `AlreadyPublished` for a published plan; `Core` for a date that starts no period.
pub(crate) fn override_plan(
    ws: &mut Workspace,
    name: &str,
    values: &[(NaiveDate, f64)],
) -> Result<DocumentInfo> {
    let (doc, mut stored) = load_plan(ws, name)?;
    refuse_published(&doc)?;
    apply_overrides(&stored.scenario, &mut stored.plan, values)?;
    for &(d, v) in values {
        stored.overrides.retain(|(e, _)| *e != d);
        stored.overrides.push((d, v));
    }
    stored.changed_at = now();
    ws.replace_json_unchecked(doc.id, &summary(&stored), &uses(&stored), &stored)
}

/// What a re-run changes: `None` keeps the plan's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rerun {
    /// A new first day.
    pub start: Option<NaiveDate>,
    /// New weeks.
    pub weeks: Option<u32>,
    /// Another scenario (by name).
    pub scenario: Option<String>,
}

/// Re-runs a draft plan (see the module doc for when that is allowed).
///
/// # Errors
/// `AlreadyPublished` for a published plan, `Precondition` when nothing changed; as [`create_plan`].
pub(crate) fn rerun_plan(ws: &mut Workspace, name: &str, change: &Rerun) -> Result<DocumentInfo> {
    let (doc, old) = load_plan(ws, name)?;
    refuse_published(&doc)?;
    let group = doc.scope.clone();
    let start = change.start.unwrap_or(old.start);
    let weeks = change.weeks.unwrap_or(old.weeks);
    let scenario_doc = match &change.scenario {
        Some(s) => find_scenario(ws, &group, s)?,
        None => ws
            .documents_unchecked(DocumentKind::Scenario, None)?
            .into_iter()
            .find(|d| d.id == old.scenario_id)
            .ok_or_else(|| WfmError::Precondition {
                what: format!(
                    "the scenario the plan {name:?} used (document {}) was deleted: \
                         re-run with another scenario",
                    old.scenario_id
                ),
            })?,
    };
    let newer = |term: &str, used: DocumentId| -> Result<bool> {
        Ok(ws
            .latest_unchecked(
                DocumentKind::Forecast,
                &group,
                term,
                Some(DocumentStatus::Published),
            )?
            .is_some_and(|d| d.id != used))
    };
    let (_, scenario_now): (_, StoredScenario) = ws.get_json_unchecked(scenario_doc.id)?;
    let scenario_changed = scenario_doc.id != old.scenario_id
        || scenario_now.scenario(&scenario_doc.name).ok().as_ref() != Some(&old.scenario);
    let changed = start != old.start
        || weeks != old.weeks
        || scenario_changed
        || newer("long", old.long_id)?
        || newer("short", old.short_id)?;
    if !changed {
        return Err(WfmError::Precondition {
            what: format!(
                "nothing changed for the plan {name:?}: a re-run needs a new start, weeks or \
                 scenario (or a scenario edit), or a newer published forecast of {group}"
            ),
        });
    }
    let mut stored = compute(ws, &group, &scenario_doc, start, weeks)?;
    stored.description = old.description;
    ws.replace_json_unchecked(doc.id, &summary(&stored), &uses(&stored), &stored)
}

/// Publishes a plan: final, immutable.
///
/// # Errors
/// `AlreadyPublished` if it is published already.
pub(crate) fn publish_plan(ws: &mut Workspace, name: &str) -> Result<DocumentInfo> {
    let doc = find_plan(ws, name)?;
    if doc.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&doc),
            refused: Refused::Publish,
        });
    }
    ws.publish_document_unchecked(doc.id)
}

/// The workbook's Capacity Plan and Generation Details of a stored plan.
pub(crate) fn plan_info(doc: &DocumentInfo, stored: &StoredPlan) -> PlanInfo {
    let fmt = crate::tables::utc_text;
    let mut details = vec![
        ("computed at".to_owned(), stored.computed_at.clone()),
        ("last changed".to_owned(), stored.changed_at.clone()),
        ("status".to_owned(), doc.status.as_str().to_owned()),
        ("created".to_owned(), fmt(doc.created_at)),
        (
            "long-term forecast".to_owned(),
            format!("document {}", stored.long_id),
        ),
        (
            "short-term forecast".to_owned(),
            format!("document {}", stored.short_id),
        ),
        (
            "scenario".to_owned(),
            format!("{} (document {})", stored.scenario.name, stored.scenario_id),
        ),
        (
            "FTE and shrinkage".to_owned(),
            stored
                .fte_id
                .map_or_else(|| "none".to_owned(), |id| format!("document {id}")),
        ),
        ("overrides".to_owned(), stored.overrides.len().to_string()),
        (
            "wfm version".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        ),
    ];
    if let Some(p) = doc.published_at {
        details.insert(3, ("published".to_owned(), fmt(p)));
    }
    PlanInfo {
        name: doc.name.clone(),
        group: doc.scope.clone(),
        details,
    }
}
