//! The schedule change outbox: one record per agent whose published schedule changed
//! (a publication, an edit of a published schedule), in one order, read by a backend
//! service with a cursor ("changes since N") to notify agents and supervisors.
//!
//! A record is appended inside the transaction that makes the change, so a change is
//! never stored without its records nor a record without its change. Each record has a
//! stable key (schedule, revision, cause, agent): appending the same record again (a
//! retried transaction, a repeated call) stores nothing, so the outbox has no
//! duplicates. Sequence numbers only grow and are never reused; with one writer at a
//! time (SQLite's `BEGIN IMMEDIATE`) a record of a higher number was also committed
//! later, so a reader that remembers the last number it handled misses nothing.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use wfm_scheduler::Shift;
use wfm_scheduler::changes::AgentChange;

use super::{Actor, DocumentId};

/// Why a change record was written.
///
/// ```
/// assert_eq!(wfm::store::ChangeCause::Publish.as_str(), "publish");
/// assert_eq!("edit".parse::<wfm::store::ChangeCause>(), Ok(wfm::store::ChangeCause::Edit));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeCause {
    /// The schedule was published (against the published schedule it replaces, or every
    /// agent for a first publication).
    Publish,
    /// A published schedule was edited.
    Edit,
}

impl ChangeCause {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Edit => "edit",
        }
    }
}

impl std::str::FromStr for ChangeCause {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "publish" => Ok(Self::Publish),
            "edit" => Ok(Self::Edit),
            _ => Err(format!("unknown change cause {s:?}")),
        }
    }
}

/// A change record to append: what changed for one agent, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChange {
    /// The (published) schedule the change belongs to.
    pub schedule: DocumentId,
    /// The schedule's version the change made (a publication: the version published, 0
    /// for a schedule never edited).
    pub revision: i64,
    /// Publication or edit.
    pub cause: ChangeCause,
    /// The agent, the days touched, their shifts before and after.
    pub change: AgentChange,
    /// Who made the change.
    pub actor: Actor,
    /// When.
    pub at: DateTime<Utc>,
}

impl NewChange {
    /// The stable key: one record per schedule, revision, cause and agent.
    ///
    /// ```
    /// use chrono::Utc;
    /// use wfm::scheduler::changes::AgentChange;
    /// use wfm::store::{Actor, ChangeCause, DocumentId, NewChange};
    /// let c = NewChange { schedule: DocumentId(7), revision: 0, cause: ChangeCause::Publish,
    ///     change: AgentChange { agent: "ana".into(), dates: vec![], before: vec![], after: vec![] },
    ///     actor: Actor::new("sam"), at: Utc::now() };
    /// assert_eq!(c.key(), "7/0/publish/ana");
    /// ```
    pub fn key(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.schedule,
            self.revision,
            self.cause.as_str(),
            self.change.agent
        )
    }
}

/// A stored change record (the JSON of `wfm schedule changes --format jsonl`, one per
/// line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeRecord {
    /// The sequence number: the cursor ("changes since N" returns those above N).
    pub seq: i64,
    /// The stable key (see [`NewChange::key`]).
    pub key: String,
    /// The schedule.
    pub schedule: DocumentId,
    /// The schedule's version the change made.
    pub revision: i64,
    /// Publication or edit.
    pub cause: ChangeCause,
    /// The agent.
    pub agent: String,
    /// The schedule days touched.
    pub dates: Vec<NaiveDate>,
    /// The agent's shifts on those days before (UTC).
    pub before: Vec<Shift>,
    /// The agent's shifts on those days after (UTC).
    pub after: Vec<Shift>,
    /// Who made the change.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// A page of change records read with a cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangePage {
    /// The records after the cursor, in sequence order.
    pub records: Vec<ChangeRecord>,
    /// The cursor for the next read: the last record's number, or the cursor given when
    /// there was none.
    pub next: i64,
}

/// A change record of agent `agent` in schedule 3 at `revision`, for the outbox tests of
/// both backends.
#[cfg(test)]
pub(crate) fn sample_change(agent: &str, revision: i64) -> NewChange {
    use chrono::TimeZone;
    NewChange {
        schedule: DocumentId(3),
        revision,
        cause: ChangeCause::Edit,
        change: AgentChange {
            agent: agent.into(),
            dates: vec![NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()],
            before: vec![],
            after: vec![],
        },
        actor: Actor::new("sam"),
        at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    }
}
