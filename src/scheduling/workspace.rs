//! Scheduling on a workspace: the scheduling configuration, schedules generated
//! from the published short-term forecast, their draft → published lifecycle and the
//! agents' view of them.
//!
//! **Configuration.** The building blocks (shift activities, shift profiles, staffing
//! groups, staff rules) and the request are the scheduler's scenario file
//! (`data/scenarios/schedule_example.toml`, format documented in
//! `wfm_scheduler::scenario`). [`ScheduleScenario::import`] validates one (errors name the item and
//! field; nothing is stored on an error), checks it against the workspace (its interval is
//! the workspace's; every staffing group's forecast group is one of the workspace's, once
//! the workspace has forecast groups) and stores it as a
//! [`DocumentKind::ScheduleScenario`] document (scope `*`, named by the scenario's name;
//! kept apart from the capacity-plan scenarios of `DocumentKind::Scenario`). Each import
//! is a new version and the newest one is the configuration; an older version is deleted
//! on import unless a schedule records it. [`ScheduleScenario::to_toml`] writes it back as TOML
//! that imports to the same configuration.
//!
//! **Schedules** (see [`Schedules::create`], [`Schedules::publish`],
//! [`Schedules::agent_view`]) are `DocumentKind::Schedule` documents scoped by the
//! forecast group.
//!
//! [`ScheduleScenario::import`]: crate::workspace::ScheduleScenario::import
//! [`ScheduleScenario::to_toml`]: crate::workspace::ScheduleScenario::to_toml
//! [`Schedules::create`]: crate::workspace::Schedules::create
//! [`Schedules::publish`]: crate::workspace::Schedules::publish
//! [`Schedules::agent_view`]: crate::workspace::Schedules::agent_view

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use wfm_scheduler::model::ScheduleRequest;
use wfm_scheduler::{Scenario, ScenarioConfig};

use crate::Workspace;
use crate::error::{Item, Result, WfmError};
use crate::files::Inputs;
use crate::store::{DocumentId, DocumentInfo, DocumentKind};

pub(crate) use super::workspace_agent::agent_view;
pub use super::workspace_agent::{AgentActivity, AgentPeriod, AgentShift, AgentView};
pub use super::workspace_schedule::{
    CreateSchedule, ScheduleListing, SchedulePublished, ScheduleSummary, StoredSchedule,
};
// the lifecycle verbs: called through `Workspace::schedules`
pub(crate) use super::workspace_schedule::{
    create_schedule, delete_schedule, export_schedule, list_schedules, load_schedule,
    publish_schedule, schedule_summary,
};

/// The document kind of the scheduling configuration.
pub const SCENARIO_DOCUMENT: DocumentKind = DocumentKind::ScheduleScenario;
/// The scope of the scheduling configuration (it spans every forecast group).
pub const SCENARIO_SCOPE: &str = "*";

/// The scheduling configuration as stored: the scenario's content (JSON of the validated
/// [`ScenarioConfig`]) and the file it was imported from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredScheduleScenario {
    /// The file (or name) it was imported from.
    pub file: String,
    /// The configuration.
    pub config: ScenarioConfig,
}

impl StoredScheduleScenario {
    /// The validated scenario; `id` names it in errors.
    ///
    /// # Errors
    /// [`WfmError::Scheduler`] if it no longer validates (only after a rule changed).
    pub fn scenario(&self, id: DocumentId) -> Result<Scenario> {
        Ok(Scenario::new(
            self.config.clone(),
            &format!(
                "the scheduling configuration (document {id}, from {})",
                self.file
            ),
        )?)
    }
}

/// What [`ScheduleScenario::import`](crate::workspace::ScheduleScenario::import) did.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioImport {
    /// The stored configuration.
    pub info: DocumentInfo,
    /// Older versions deleted.
    pub deleted: Vec<DocumentId>,
    /// Older versions kept because a schedule records them.
    pub kept: Vec<DocumentId>,
}

/// One kind of building block: how many and their names, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockCount {
    /// `activities`, `profiles`, `staffing groups`, `staff rules` or `agents`.
    pub kind: &'static str,
    /// The names (staff rules: their agents).
    pub names: Vec<String>,
}

/// The stored configuration at a glance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuildingBlocks {
    /// The document.
    pub info: DocumentInfo,
    /// The file it was imported from.
    pub file: String,
    /// Scenario name and description.
    pub name: String,
    /// Free text.
    pub description: String,
    /// The interval in minutes.
    pub interval_minutes: u32,
    /// Forecast groups staffing groups may link to.
    pub forecast_groups: Vec<String>,
    /// What to schedule.
    pub request: ScheduleRequest,
    /// Per kind, the count and names.
    pub blocks: Vec<BlockCount>,
}

/// Checks a scenario against the workspace: its interval must be the workspace's, and
/// once the workspace has forecast groups, the request's and every staffing group's
/// forecast group must be one of them. `file` names the scenario in the errors.
///
/// # Errors
/// `Precondition` naming the item and field.
pub(crate) fn check_against_workspace(
    ws: &Workspace,
    scenario: &Scenario,
    file: &str,
) -> Result<()> {
    let config = scenario.config();
    let interval = ws.settings()?.interval;
    if config.interval != interval {
        return Err(WfmError::Precondition {
            what: format!(
                "{file}: field interval: the scenario's intervals are {} minutes but the \
                 workspace's are {} minutes: set interval = \"{}mins\"",
                config.interval.minutes(),
                interval.minutes(),
                interval.minutes()
            ),
        });
    }
    let groups: Vec<String> = ws.groups()?.into_iter().map(|g| g.name).collect();
    if groups.is_empty() {
        return Ok(());
    }
    let known = |g: &str| groups.iter().any(|n| n == g);
    let missing = |item: &str, group: &str| WfmError::Precondition {
        what: format!(
            "{file}: {item}, field forecast_group: {group:?} is not a forecast group of the \
             workspace (it has {}): create it or correct the scenario",
            groups
                .iter()
                .map(|g| format!("{g:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if !known(&config.request.forecast_group) {
        return Err(missing("request", &config.request.forecast_group));
    }
    for g in &config.staffing_groups {
        if !known(&g.forecast_group) {
            return Err(missing(
                &format!("staffing group '{}'", g.name),
                &g.forecast_group,
            ));
        }
    }
    Ok(())
}

/// Imports a scheduling configuration from scenario TOML (`file` names it in errors):
/// validated, checked against the workspace ([`check_against_workspace`]), stored as the
/// newest version; older versions no schedule records are deleted. On any error nothing
/// is stored.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/schedule_example.toml"))?;
/// let imported = ws.schedule_scenario().import("schedule_example.toml", &text)?;
/// assert_eq!(imported.info.name, "Small support center, one week");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WfmError::Scheduler`] naming the item and field (or line and column); `NotFound`
/// from [`check_against_workspace`].
pub(crate) fn import_scenario(
    ws: &mut Workspace,
    toml: &str,
    file: &str,
) -> Result<ScenarioImport> {
    let scenario = Scenario::from_toml(toml, file)?;
    check_against_workspace(ws, &scenario, file)?;
    let config = scenario.config();
    // one transaction: imports at once leave one configuration (besides those schedules
    // were made with)
    let done = ws.put_superseding_json_unchecked(
        SCENARIO_DOCUMENT,
        SCENARIO_SCOPE,
        &config.name,
        &summary(config),
        &StoredScheduleScenario {
            file: file.to_owned(),
            config: config.clone(),
        },
    )?;
    Ok(ScenarioImport {
        info: done.info,
        deleted: done.deleted,
        kept: done.kept.into_iter().map(|(id, _)| id).collect(),
    })
}

/// [`import_scenario`] of a file.
///
/// # Errors
/// [`WfmError::Io`] if it cannot be read; as [`import_scenario`].
pub(crate) fn import_scenario_file(ws: &mut Workspace, path: &Path) -> Result<ScenarioImport> {
    let text = std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))?;
    import_scenario(ws, &text, &path.display().to_string())
}

fn summary(c: &ScenarioConfig) -> String {
    format!(
        "{} to {} for {:?}; {} activities, {} profiles, {} staffing groups, {} staff rules",
        c.request.start,
        c.request.end,
        c.request.forecast_group,
        c.activities.len(),
        c.profiles.len(),
        c.staffing_groups.len(),
        c.staff_rules.len()
    )
}

/// The scheduling configuration: the newest imported version.
///
/// # Errors
/// `NotFound` if none was imported ("import one with `wfm schedule scenario import
/// FILE`").
pub(crate) fn current_scenario(ws: &Workspace) -> Result<(DocumentInfo, StoredScheduleScenario)> {
    let Some(doc) = ws.documents_unchecked(SCENARIO_DOCUMENT, None)?.pop() else {
        return Err(WfmError::NotFound {
            item: Item::document(DocumentKind::ScheduleScenario, ""),
        });
    };
    ws.get_json_unchecked(doc.id)
}

/// The scheduling configuration as scenario TOML (a header comment, then the content);
/// [`import_scenario`] reads it back to the same configuration.
///
/// # Errors
/// As [`current_scenario`]; [`WfmError::Scheduler`] if it cannot be written.
pub(crate) fn export_scenario(ws: &Workspace) -> Result<String> {
    let (info, stored) = current_scenario(ws)?;
    let scenario = stored.scenario(info.id)?;
    Ok(format!(
        "# Scheduling configuration exported from {} (document {}, imported from {}).\n\
         # Scenario format version {}, documented in scheduler/src/scenario/mod.rs.\n\n{}",
        ws.path().display(),
        info.id,
        stored.file,
        scenario.config().version,
        scenario.to_toml()?
    ))
}

/// [`export_scenario`] into a file (`-` for standard output; written whole through
/// [`crate::files`]).
///
/// # Errors
/// [`WfmError::OutputIsInput`] when `path` is the workspace (checked first); as
/// [`export_scenario`]; [`WfmError::Io`] if the file cannot be written.
pub(crate) fn export_scenario_file(ws: &Workspace, path: &Path) -> Result<PathBuf> {
    Inputs::new().workspace(ws.path()).check(path)?;
    crate::files::write_bytes(path, export_scenario(ws)?.as_bytes())?;
    Ok(path.to_owned())
}

/// The stored configuration's building blocks: counts and names per kind.
///
/// # Errors
/// As [`current_scenario`].
pub(crate) fn building_blocks(ws: &Workspace) -> Result<BuildingBlocks> {
    let (info, stored) = current_scenario(ws)?;
    let scenario = stored.scenario(info.id)?;
    let c = scenario.config();
    let names = |it: &mut dyn Iterator<Item = &String>| it.cloned().collect::<Vec<_>>();
    let agents: Vec<String> = c
        .staffing_groups
        .iter()
        .flat_map(|g| g.agents.iter().cloned())
        .collect();
    let blocks = vec![
        BlockCount {
            kind: "activities",
            names: names(&mut c.activities.iter().map(|a| &a.name)),
        },
        BlockCount {
            kind: "profiles",
            names: names(&mut c.profiles.iter().map(|p| &p.name)),
        },
        BlockCount {
            kind: "staffing groups",
            names: names(&mut c.staffing_groups.iter().map(|g| &g.name)),
        },
        BlockCount {
            kind: "staff rules",
            names: names(&mut c.staff_rules.iter().map(|r| &r.agent)),
        },
        BlockCount {
            kind: "agents",
            names: agents,
        },
    ];
    Ok(BuildingBlocks {
        file: stored.file.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        interval_minutes: c.interval.minutes(),
        forecast_groups: c.forecast_groups.clone(),
        request: c.request.clone(),
        blocks,
        info,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wfm_core::IntervalLength;

    fn example() -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
        )
        .unwrap()
    }

    fn workspace(dir: &Path, interval: IntervalLength) -> Workspace {
        Workspace::create(&dir.join("w.wfm"), interval, None).unwrap()
    }

    #[test]
    fn import_export_import_gives_the_same_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path(), IntervalLength::Thirty);
        let first = import_scenario(&mut ws, &example(), "example.toml").unwrap();
        assert_eq!(first.deleted, []);
        let exported = export_scenario(&ws).unwrap();
        assert!(exported.starts_with("# Scheduling configuration exported"));
        let (_, a) = current_scenario(&ws).unwrap();
        let second = import_scenario(&mut ws, &exported, "exported.toml").unwrap();
        // the first version is used by no schedule: it goes
        assert_eq!(second.deleted, [first.info.id]);
        let (info, b) = current_scenario(&ws).unwrap();
        assert_eq!(info.id, second.info.id);
        assert_eq!(a.config, b.config);
        assert_eq!(b.file, "exported.toml");
        // and the same as the file itself
        let direct = Scenario::from_toml(&example(), "example").unwrap();
        assert_eq!(&b.config, direct.config());
        assert_eq!(ws.documents(SCENARIO_DOCUMENT, None).unwrap().len(), 1);
        // capacity-plan scenarios do not see it
        assert!(
            ws.documents(DocumentKind::Scenario, None)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_bad_scenario_names_item_and_field_and_stores_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path(), IntervalLength::Thirty);
        let bad = example().replace("profile = \"Evening\"", "profile = \"Night\"");
        let e = import_scenario(&mut ws, &bad, "bad.toml").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("bad.toml"), "{text}");
        assert!(
            text.contains("Evening team") && text.contains("profile"),
            "{text}"
        );
        assert!(ws.documents(SCENARIO_DOCUMENT, None).unwrap().is_empty());
        let e = current_scenario(&ws).unwrap_err();
        assert!(
            matches!(&e, WfmError::NotFound { item }
                if item.kind == crate::ItemKind::Document(DocumentKind::ScheduleScenario)),
            "{e}"
        );
        // a syntax error names line and column
        let e = import_scenario(&mut ws, "version = 1\nname = 3\n", "s.toml").unwrap_err();
        assert!(e.to_string().contains('2'), "{e}");
        assert!(ws.documents(SCENARIO_DOCUMENT, None).unwrap().is_empty());
    }

    #[test]
    fn the_interval_and_the_forecast_groups_must_be_the_workspaces() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path(), IntervalLength::Fifteen);
        let e = import_scenario(&mut ws, &example(), "example.toml").unwrap_err();
        assert!(matches!(e, WfmError::Precondition { .. }), "{e}");
        assert!(
            e.to_string().contains("field interval") && e.to_string().contains("15mins"),
            "{e}"
        );
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path(), IntervalLength::Thirty);
        ws.create_group("Sales", &["1001".parse().unwrap()])
            .unwrap();
        let e = import_scenario(&mut ws, &example(), "example.toml").unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("\"Support\" is not a forecast group") && text.contains("\"Sales\""),
            "{text}"
        );
        assert!(ws.documents(SCENARIO_DOCUMENT, None).unwrap().is_empty());
        ws.create_group("Support", &["1002".parse().unwrap()])
            .unwrap();
        import_scenario(&mut ws, &example(), "example.toml").unwrap();
    }

    #[test]
    fn building_blocks_count_and_name_each_kind() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(dir.path(), IntervalLength::Thirty);
        import_scenario(&mut ws, &example(), "example.toml").unwrap();
        let b = building_blocks(&ws).unwrap();
        let count = |k: &str| b.blocks.iter().find(|c| c.kind == k).unwrap().names.clone();
        assert_eq!(
            count("activities"),
            ["Break", "Lunch", "Team meeting", "Vacation"]
        );
        assert_eq!(count("profiles"), ["Day", "Evening"]);
        assert_eq!(count("staffing groups"), ["Day team", "Evening team"]);
        assert_eq!(count("staff rules").len(), 6);
        assert_eq!(count("agents").len(), 16);
        assert_eq!(b.interval_minutes, 30);
        assert_eq!(b.request.forecast_group, "Support");
    }
}
