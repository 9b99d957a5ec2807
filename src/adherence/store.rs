//! What a workspace backend stores for adherence: the imported agent state events and
//! the computed adherence per agent and day (with its exceptions). A second backend
//! implements [`AdherenceStore`] beside the rest of
//! [`WorkspaceStore`](crate::store::WorkspaceStore).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::adherence::{AgentEvent, DayAdherence};

use crate::error::Result;

/// Receives the events of one import, inside the store's open transaction.
pub trait EventSink {
    /// Stores `events`; returns how many were new (an event already stored, by its key, is
    /// not stored twice).
    ///
    /// # Errors
    /// A storage failure; the import is then rolled back.
    fn add(&mut self, events: &[AgentEvent]) -> Result<u64>;
}

/// A stored event import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventImportInfo {
    /// Its id.
    pub id: i64,
    /// The file it came from.
    pub file: String,
    /// When it was imported.
    pub loaded_at: DateTime<Utc>,
    /// Who imported it.
    pub actor: String,
    /// Events it stored (new ones only).
    pub events: u64,
}

/// The adherence part of a workspace backend. Every mutating call is one transaction.
pub trait AdherenceStore {
    /// Stores one import in one transaction: `fill` streams events into the sink; if it
    /// returns `Err`, nothing is stored.
    ///
    /// # Errors
    /// `fill`'s error, or a storage failure.
    fn import_events(
        &mut self,
        file: &str,
        loaded_at: DateTime<Utc>,
        actor: &str,
        fill: &mut dyn FnMut(&mut dyn EventSink) -> Result<()>,
    ) -> Result<EventImportInfo>;
    /// The event imports, oldest first.
    ///
    /// # Errors
    /// A storage failure.
    fn event_imports(&self) -> Result<Vec<EventImportInfo>>;
    /// The stored events with `from <= at < to` (epoch ms), in time order (ties in import
    /// order).
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn events_between(&self, from: i64, to: i64) -> Result<Vec<AgentEvent>>;
    /// Replaces the computed adherence of the days `from..=to` with `days`, in one
    /// transaction.
    ///
    /// # Errors
    /// A storage failure.
    fn replace_adherence(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        days: &[DayAdherence],
        computed_at: DateTime<Utc>,
    ) -> Result<()>;
    /// The computed adherence of the days `from..=to`, by agent and day, with exceptions.
    ///
    /// # Errors
    /// A storage failure or a damaged row.
    fn adherence_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayAdherence>>;
}
