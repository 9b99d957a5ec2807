//! [`ForecastOverrides`]: each forecast group's override file (the forecast download's
//! columns; the newest upload replaces the previous one wholly).

use crate::access::{Permission as P, Target};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::forecasting::{self, StoredOverride};
use crate::store::{DocumentId, DocumentInfo, DocumentKind};

/// A group's override file, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverrideFile {
    /// The document.
    pub id: DocumentId,
    /// The forecast group.
    pub group: String,
    /// The file it was uploaded from.
    pub file: String,
    /// Its rows.
    pub rows: usize,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
}

/// The forecast override files of a workspace: see [`Workspace::overrides`].
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// ws.create_group("Sales", &["q1".parse()?])?;
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
///            Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200,310\n";
/// let (_, stored) = ws.overrides().import("Sales", "o.csv", csv)?;
/// assert_eq!(stored.rows.len(), 1);
/// assert_eq!(ws.overrides().list()?[0].file, "o.csv");
/// ws.overrides().delete("Sales")?;
/// assert!(ws.overrides().get("Sales")?.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ForecastOverrides<'a> {
    ws: &'a mut Workspace,
}

impl<'a> ForecastOverrides<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every group's override file, oldest first.
    ///
    /// # Errors
    /// A storage failure or a document that does not decode.
    pub fn list(&self) -> Result<Vec<OverrideFile>> {
        self.ws.require(P::ForecastingView, &Target::Workspace)?;
        self.ws
            .documents_unchecked(DocumentKind::ForecastOverride, None)?
            .into_iter()
            .map(|d| {
                let (info, o): (DocumentInfo, StoredOverride) = self.ws.get_json_unchecked(d.id)?;
                Ok(OverrideFile {
                    id: info.id,
                    group: info.scope,
                    file: o.file,
                    rows: o.rows.len(),
                    created_at: info.created_at,
                })
            })
            .collect()
    }

    /// The group's override file, if one is uploaded.
    ///
    /// # Errors
    /// A storage failure.
    pub fn get(&self, group: &str) -> Result<Option<(DocumentInfo, StoredOverride)>> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::forecast_override(self.ws, group)
    }

    /// Stores `text` (from the file `name`) as the group's override file, replacing any
    /// previous one; nothing is stored when it has an error.
    ///
    /// # Errors
    /// `InvalidInput` with every problem by line and column; `NotFound` for an unknown
    /// group.
    pub fn import(
        &mut self,
        group: &str,
        name: &str,
        text: &str,
    ) -> Result<(DocumentInfo, StoredOverride)> {
        self.ws.require_change(
            P::ForecastingEdit,
            &Target::group(group),
            "forecast_override.import",
        )?;
        forecasting::upload_forecast_override(self.ws, group, name, text)
    }

    /// [`ForecastOverrides::import`] of a file.
    ///
    /// # Errors
    /// `Io` if it cannot be read; as [`ForecastOverrides::import`].
    pub fn import_file(
        &mut self,
        group: &str,
        path: &Path,
    ) -> Result<(DocumentInfo, StoredOverride)> {
        self.ws.require(P::ForecastingEdit, &Target::group(group))?;
        let text = std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))?;
        self.import(group, &path.display().to_string(), &text)
    }

    /// Removes the group's override file.
    ///
    /// # Errors
    /// `NotFound` if it has none.
    pub fn delete(&mut self, group: &str) -> Result<DocumentInfo> {
        self.ws.require_change(
            P::ForecastingEdit,
            &Target::group(group),
            "forecast_override.delete",
        )?;
        forecasting::remove_forecast_override(self.ws, group)
    }

    /// The template of the group's next override file: the last uploaded file, else the
    /// header only.
    ///
    /// # Errors
    /// A storage failure.
    pub fn template(&self, group: &str) -> Result<String> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::override_template(self.ws, group)
    }

    /// Writes [`ForecastOverrides::template`] to `path` (`-`: standard output).
    ///
    /// # Errors
    /// `OutputIsInput` when `path` is the workspace; `Io` if it cannot be written.
    pub fn export(&self, group: &str, path: &Path) -> Result<()> {
        self.ws.require(P::ForecastingView, &Target::group(group))?;
        forecasting::write_override_template(self.ws, group, path)
    }
}
