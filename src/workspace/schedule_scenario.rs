//! [`ScheduleScenario`]: the scheduling configuration of a workspace (building blocks and
//! request, one scenario file; the newest import is the configuration), over
//! `crate::scheduling::workspace`.

use crate::access::{Permission as P, Target};
use std::path::{Path, PathBuf};

use crate::Workspace;
use crate::error::Result;
use crate::scheduling::workspace::{
    self as scheduling, BuildingBlocks, ScenarioImport, StoredScheduleScenario,
};
use crate::store::DocumentInfo;

/// The scheduling configuration of a workspace: see [`Workspace::schedule_scenario`].
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// let file = concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/schedule_example.toml");
/// let done = ws.schedule_scenario().import_file(file.as_ref())?;
/// assert_eq!(ws.schedule_scenario().blocks()?.name, done.info.name);
/// let toml = ws.schedule_scenario().to_toml()?;
/// assert!(ws.schedule_scenario().import("again.toml", &toml).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ScheduleScenario<'a> {
    ws: &'a mut Workspace,
}

impl<'a> ScheduleScenario<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// The configuration: the newest imported version.
    ///
    /// # Errors
    /// `NotFound` if none was imported.
    pub fn get(&self) -> Result<(DocumentInfo, StoredScheduleScenario)> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        scheduling::current_scenario(self.ws)
    }

    /// Imports scenario TOML (`file` names it in errors) as the configuration; checked
    /// whole against the workspace, nothing stored on an error. Older versions no
    /// schedule records are deleted.
    ///
    /// # Errors
    /// `Scheduler` naming the item and field (or line and column); `Precondition` for an
    /// interval or forecast group the workspace does not have.
    pub fn import(&mut self, file: &str, toml: &str) -> Result<ScenarioImport> {
        self.ws.require_change(
            P::SchedulingEdit,
            &Target::Workspace,
            "schedule_config.import",
        )?;
        scheduling::import_scenario(self.ws, toml, file)
    }

    /// [`ScheduleScenario::import`] of a file.
    ///
    /// # Errors
    /// `Io` if it cannot be read; as [`ScheduleScenario::import`].
    pub fn import_file(&mut self, path: &Path) -> Result<ScenarioImport> {
        self.ws.require_change(
            P::SchedulingEdit,
            &Target::Workspace,
            "schedule_config.import",
        )?;
        scheduling::import_scenario_file(self.ws, path)
    }

    /// The building blocks: counts and names per kind, and the request.
    ///
    /// # Errors
    /// As [`ScheduleScenario::get`].
    pub fn blocks(&self) -> Result<BuildingBlocks> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        scheduling::building_blocks(self.ws)
    }

    /// The configuration as scenario TOML (imports back to the same configuration).
    ///
    /// # Errors
    /// As [`ScheduleScenario::get`].
    pub fn to_toml(&self) -> Result<String> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        scheduling::export_scenario(self.ws)
    }

    /// Writes [`ScheduleScenario::to_toml`] to `path` (`-`: standard output).
    ///
    /// # Errors
    /// `OutputIsInput` when `path` is the workspace; `Io` if it cannot be written.
    pub fn export(&self, path: &Path) -> Result<PathBuf> {
        self.ws.require(P::SchedulingView, &Target::Workspace)?;
        scheduling::export_scenario_file(self.ws, path)
    }
}
