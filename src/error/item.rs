//! What a structured error of the workspace is about: an [`Item`] (a queue, a forecast
//! group, a stored document, …) named the way a planner names it.

use std::fmt;

use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus};

/// The kind of thing an error names.
///
/// ```
/// use wfm::ItemKind;
/// use wfm::store::DocumentKind;
/// assert_eq!(ItemKind::ForecastGroup.noun(), "forecast group");
/// assert_eq!(ItemKind::Document(DocumentKind::ScheduleScenario).noun(), "scheduling configuration");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemKind {
    /// A workspace file (its name is the path).
    Workspace,
    /// A queue (its name is the queue id).
    Queue,
    /// A forecast group.
    ForecastGroup,
    /// A staffing group of the scheduling configuration.
    StaffingGroup,
    /// An agent of a schedule.
    Agent,
    /// A loaded history source (its name is the source id).
    HistorySource,
    /// A stored document of any kind (its name is the document id).
    AnyDocument,
    /// A stored document of this kind.
    Document(DocumentKind),
    /// A user of a team workspace.
    User,
    /// A role of a team workspace.
    Role,
}

impl ItemKind {
    /// The noun a message uses.
    ///
    /// ```
    /// use wfm::ItemKind;
    /// use wfm::store::DocumentKind;
    /// assert_eq!(ItemKind::Document(DocumentKind::Plan).noun(), "plan");
    /// ```
    pub fn noun(self) -> &'static str {
        match self {
            Self::Workspace => "workspace",
            Self::Queue => "queue",
            Self::ForecastGroup => "forecast group",
            Self::StaffingGroup => "staffing group",
            Self::Agent => "agent",
            Self::HistorySource => "history source",
            Self::AnyDocument => "document",
            Self::User => "user",
            Self::Role => "role",
            Self::Document(k) => match k {
                DocumentKind::ForecastOverride => "forecast override",
                DocumentKind::PlanOverride => "plan override",
                DocumentKind::Fte => "FTE load",
                DocumentKind::ScheduleScenario => "scheduling configuration",
                other => other.as_str(),
            },
        }
    }

    /// Whether its name is an id (shown as is) rather than a name (shown quoted).
    fn named_by_id(self) -> bool {
        matches!(
            self,
            Self::Workspace | Self::Queue | Self::HistorySource | Self::AnyDocument
        )
    }
}

/// One thing an error names: its kind, its name, and for a document its group (scope),
/// id and status when known.
///
/// ```
/// use wfm::{Item, ItemKind};
/// use wfm::store::DocumentKind;
/// assert_eq!(Item::new(ItemKind::ForecastGroup, "Sales").to_string(), "forecast group \"Sales\"");
/// assert_eq!(Item::new(ItemKind::Queue, "1002").to_string(), "queue 1002");
/// let short = Item::new(ItemKind::Document(DocumentKind::Forecast), "short").of("Sales");
/// assert_eq!(short.to_string(), "short-term forecast of \"Sales\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Its name (an id for queues, history sources and documents named by id; `short` or
    /// `long` for a forecast; empty for the one configuration of a workspace).
    pub name: String,
    /// The group it belongs to (a document's scope).
    pub scope: Option<String>,
    /// A stored document's id.
    pub id: Option<DocumentId>,
    /// A stored document's status, when it matters to the message.
    pub status: Option<DocumentStatus>,
}

impl Item {
    /// The item `name` of `kind`.
    pub fn new(kind: ItemKind, name: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            scope: None,
            id: None,
            status: None,
        }
    }

    /// A document of `kind` named `name`.
    ///
    /// ```
    /// use wfm::Item;
    /// use wfm::store::DocumentKind;
    /// assert_eq!(Item::document(DocumentKind::Plan, "Q3").to_string(), "plan \"Q3\"");
    /// ```
    pub fn document(kind: DocumentKind, name: impl Into<String>) -> Self {
        Self::new(ItemKind::Document(kind), name)
    }

    /// A stored document, by its id.
    ///
    /// ```
    /// use wfm::Item;
    /// assert_eq!(Item::document_id(wfm::store::DocumentId(7)).to_string(), "document 7");
    /// ```
    pub fn document_id(id: DocumentId) -> Self {
        Self::new(ItemKind::AnyDocument, id.to_string())
    }

    /// A stored document as the workspace lists it (kind, id, name, scope).
    pub fn stored(info: &DocumentInfo) -> Self {
        Self {
            kind: ItemKind::Document(info.kind),
            name: info.name.clone(),
            scope: Some(info.scope.clone()),
            id: Some(info.id),
            status: None,
        }
    }

    /// The same item in the group `scope`.
    #[must_use]
    pub fn of(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// The same item with its status shown.
    #[must_use]
    pub fn with_status(mut self, status: DocumentStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The same item with its document id.
    #[must_use]
    pub fn with_id(mut self, id: DocumentId) -> Self {
        self.id = Some(id);
        self
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(DocumentStatus::Draft) => f.write_str("draft (unpublished) ")?,
            Some(DocumentStatus::Published) => f.write_str("published ")?,
            None => {}
        }
        let noun = self.kind.noun();
        match (self.kind, self.id) {
            (_, Some(id)) => write!(f, "{noun} {id} {:?}", self.name)?,
            (ItemKind::Workspace, None) => write!(f, "workspace at {}", self.name)?,
            (ItemKind::Document(DocumentKind::Forecast), None) if !self.name.is_empty() => {
                write!(f, "{}-term forecast", self.name)?;
            }
            (kind, None) if kind.named_by_id() => write!(f, "{noun} {}", self.name)?,
            (_, None) if self.name.is_empty() => f.write_str(noun)?,
            (_, None) => write!(f, "{noun} {:?}", self.name)?,
        }
        if let Some(scope) = &self.scope {
            write!(f, " of {scope:?}")?;
        }
        Ok(())
    }
}

/// What a rule about published documents refused.
///
/// ```
/// assert_eq!(wfm::Refused::Delete.as_str(), "delete");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refused {
    /// Publishing it (again).
    Publish,
    /// Changing, replacing or re-running it.
    Change,
    /// Deleting it.
    Delete,
}

impl Refused {
    /// The verb.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Change => "change",
            Self::Delete => "delete",
        }
    }
}
