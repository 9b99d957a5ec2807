//! [`FteLoads`]: the FTE and shrinkage loads of the forecast groups (the newest load of a
//! group is the one plans use).

use crate::access::{Permission as P, Target};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Workspace;
use crate::capacity::lifecycle;
use crate::error::Result;
use crate::store::{DocumentId, DocumentInfo, DocumentKind};

/// One group's FTE load, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FteLoad {
    /// The document.
    pub id: DocumentId,
    /// The forecast group.
    pub group: String,
    /// Its days, first and last day.
    pub summary: String,
    /// When it was loaded.
    pub created_at: DateTime<Utc>,
}

impl From<DocumentInfo> for FteLoad {
    fn from(d: DocumentInfo) -> Self {
        Self {
            id: d.id,
            group: d.scope,
            summary: d.summary,
            created_at: d.created_at,
        }
    }
}

/// The FTE and shrinkage loads of a workspace: see [`Workspace::fte_loads`].
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// let mut ws = wfm::Workspace::create(&dir.path().join("w.wfm"), wfm::core::IntervalLength::Thirty, None)?;
/// assert!(ws.fte_loads().list()?.is_empty());
/// assert!(ws.fte_loads().import(&dir.path().join("missing.csv")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct FteLoads<'a> {
    ws: &'a mut Workspace,
}

impl<'a> FteLoads<'a> {
    pub(super) fn new(ws: &'a mut Workspace) -> Self {
        Self { ws }
    }

    /// Every load of every group, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    pub fn list(&self) -> Result<Vec<FteLoad>> {
        self.ws.require(P::CapacityView, &Target::Workspace)?;
        Ok(self
            .ws
            .documents_unchecked(DocumentKind::Fte, None)?
            .into_iter()
            .map(FteLoad::from)
            .collect())
    }

    /// Imports an FTE and shrinkage CSV (every group named must exist; checked whole,
    /// nothing stored on an error); one load per group.
    ///
    /// # Errors
    /// `InvalidInput` naming file, line, column and reason; `Io` if it cannot be read.
    pub fn import(&mut self, path: &Path) -> Result<Vec<FteLoad>> {
        self.ws
            .require_change(P::CapacityEdit, &Target::Workspace, "fte.import")?;
        self.import_input(&path.into())
    }

    /// [`import`](Self::import) of a file or of CSV text in memory (a DataFrame).
    ///
    /// # Errors
    /// `InvalidInput` naming the input, line, column and reason; `Io` if it cannot be read.
    pub fn import_input(&mut self, input: &crate::files::Input) -> Result<Vec<FteLoad>> {
        self.ws
            .require_change(P::CapacityEdit, &Target::Workspace, "fte.import")?;
        Ok(lifecycle::import_fte(self.ws, input)?
            .into_iter()
            .map(FteLoad::from)
            .collect())
    }
}
