//! [`Scenarios`]: the capacity-plan scenarios of a workspace (TOML as written, for one
//! forecast group or `*` for every group), over `crate::capacity::lifecycle`.

use crate::access::{Permission as P, Target};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Workspace;
use crate::capacity::lifecycle::{self, StoredScenario};
use crate::error::{Item, Result, WfmError};
use crate::store::{DocumentId, DocumentInfo, DocumentKind};

/// A scenario, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioRow {
    /// The document.
    pub id: DocumentId,
    /// The scenario's name (its TOML's `name`).
    pub name: String,
    /// The forecast group it is for (`*`: every group).
    pub group: String,
    /// Its description.
    pub description: String,
    /// When it was stored (or last edited).
    pub created_at: DateTime<Utc>,
}

impl From<DocumentInfo> for ScenarioRow {
    fn from(d: DocumentInfo) -> Self {
        Self {
            id: d.id,
            name: d.name,
            group: d.scope,
            description: d.summary,
            created_at: d.created_at,
        }
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))
}

/// The capacity-plan scenarios of a workspace: see [`Workspace::scenarios`].
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios/capacity_base.toml"))?;
/// let doc = ws.scenarios().create("*", "base.toml", &toml)?;
/// assert_eq!(ws.scenarios().list()?[0].name, doc.name);
/// let (_, stored) = ws.scenarios().get("Sales", &doc.name)?;
/// assert_eq!(stored.toml, toml);
/// ws.scenarios().delete("*", &doc.name)?;
/// assert!(ws.scenarios().list()?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Scenarios<'a> {
    ws: &'a mut Workspace,
}

impl<'a> Scenarios<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every scenario, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    pub fn list(&self) -> Result<Vec<ScenarioRow>> {
        self.ws.require(P::CapacityView, &Target::Workspace)?;
        Ok(self
            .ws
            .documents_unchecked(DocumentKind::Scenario, None)?
            .into_iter()
            .map(ScenarioRow::from)
            .collect())
    }

    /// The scenario `name` a plan of `group` uses: the group's own, else the one for
    /// every group.
    ///
    /// # Errors
    /// `NotFound` if there is none; `Damaged` if it does not decode.
    pub fn get(&self, group: &str, name: &str) -> Result<(DocumentInfo, StoredScenario)> {
        self.ws.require(P::CapacityView, &Target::group(group))?;
        let doc = lifecycle::find_scenario(self.ws, group, name)?;
        self.ws.get_json_unchecked(doc.id)
    }

    /// Stores a scenario from TOML text (`file` names it in errors) for `group` (`*`:
    /// every group); its name is the TOML's `name`.
    ///
    /// # Errors
    /// `InvalidInput` naming line and field; `NotFound` for an unknown group or a taken
    /// name.
    pub fn create(&mut self, group: &str, file: &str, toml: &str) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::CapacityEdit,
            &Target::group(group),
            "capacity_scenario.create",
        )?;
        lifecycle::create_scenario(self.ws, toml, file, group)
    }

    /// [`Scenarios::create`] from a TOML file.
    ///
    /// # Errors
    /// `Io` if it cannot be read; as [`Scenarios::create`].
    pub fn create_file(&mut self, group: &str, path: &Path) -> Result<DocumentInfo> {
        self.ws.require(P::CapacityEdit, &Target::group(group))?;
        let toml = read(path)?;
        self.create(group, &path.display().to_string(), &toml)
    }

    /// Replaces the TOML of the scenario `name` of `group` (the name must stay).
    ///
    /// # Errors
    /// As [`Scenarios::create`]; `NotFound` if it does not exist, `InvalidArgument` if the name changed.
    pub fn edit(
        &mut self,
        group: &str,
        name: &str,
        file: &str,
        toml: &str,
    ) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::CapacityEdit,
            &Target::group(group),
            "capacity_scenario.edit",
        )?;
        lifecycle::edit_scenario(self.ws, name, group, toml, file)
    }

    /// [`Scenarios::edit`] from a TOML file.
    ///
    /// # Errors
    /// `Io` if it cannot be read; as [`Scenarios::edit`].
    pub fn edit_file(&mut self, group: &str, name: &str, path: &Path) -> Result<DocumentInfo> {
        self.ws.require(P::CapacityEdit, &Target::group(group))?;
        let toml = read(path)?;
        self.edit(group, name, &path.display().to_string(), &toml)
    }

    /// Deletes the scenario `name` of `group` (exactly that scope).
    ///
    /// # Errors
    /// `NotFound` if there is none, `InUse` if a published plan uses it.
    pub fn delete(&mut self, group: &str, name: &str) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::CapacityEdit,
            &Target::group(group),
            "capacity_scenario.delete",
        )?;
        let doc = self
            .ws
            .latest_unchecked(DocumentKind::Scenario, group, name, None)?
            .ok_or_else(|| WfmError::NotFound {
                item: Item::document(DocumentKind::Scenario, name).of(group),
            })?;
        self.ws.delete_document_unchecked(doc.id)
    }
}
