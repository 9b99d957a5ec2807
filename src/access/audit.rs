//! The audit log: every successful change with who, when, what and on what. Append-only:
//! the API has no update or delete, and the SQLite table refuses both (a trigger).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::error::{Result, WfmError};

/// An entry to append: the workspace's actor and clock, the operation and its target.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let e = wfm::access::NewAuditEntry::new(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(), "sam", "time_off.approve", "request 7");
/// assert_eq!(e.detail, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAuditEntry {
    /// When (the workspace clock).
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// What, e.g. `forecast.publish`, `users.grant`.
    pub operation: String,
    /// On what, e.g. `forecast group Support`, `agent ana`.
    pub target: String,
    /// More, where the operation has it.
    pub detail: Option<String>,
}

impl NewAuditEntry {
    /// An entry without detail.
    pub fn new(at: DateTime<Utc>, actor: &str, operation: &str, target: &str) -> Self {
        Self {
            at,
            actor: actor.to_owned(),
            operation: operation.to_owned(),
            target: target.to_owned(),
            detail: None,
        }
    }
}

/// A stored audit entry: its sequence number and what was appended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// The sequence number (increasing, never reused).
    pub seq: i64,
    /// What was appended.
    #[serde(flatten)]
    pub entry: NewAuditEntry,
}

/// Which entries [`crate::access::Access::audit`] returns (every given field must match).
///
/// ```
/// let q = wfm::access::AuditQuery { actor: Some("sam".into()), ..Default::default() };
/// assert!(q.operation.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// The actor, exactly.
    pub actor: Option<String>,
    /// The operation, or its prefix ending in `.` (`time_off.` matches every time-off one).
    pub operation: Option<String>,
    /// A fragment of the target (any case).
    pub target: Option<String>,
    /// At or after.
    pub since: Option<DateTime<Utc>>,
    /// Before.
    pub until: Option<DateTime<Utc>>,
}

/// The entries as CSV: `seq,at,actor,operation,target,detail`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm::access::{AuditEntry, NewAuditEntry, audit_csv};
/// let e = AuditEntry { seq: 1, entry: NewAuditEntry::new(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(), "sam", "users.add", "user ana") };
/// assert_eq!(audit_csv(&[e])?, "seq,at,actor,operation,target,detail\n1,2026-03-02T08:00:00Z,sam,users.add,user ana,\n");
/// # Ok::<(), wfm::WfmError>(())
/// ```
///
/// # Errors
/// `Encode` if the CSV cannot be written.
pub fn audit_csv(entries: &[AuditEntry]) -> Result<String> {
    let encode = |e: &dyn std::fmt::Display| WfmError::Encode {
        what: "the audit log as CSV",
        detail: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["seq", "at", "actor", "operation", "target", "detail"])
        .map_err(|e| encode(&e))?;
    for e in entries {
        let n = &e.entry;
        w.write_record([
            e.seq.to_string().as_str(),
            &n.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            &n.actor,
            &n.operation,
            &n.target,
            n.detail.as_deref().unwrap_or(""),
        ])
        .map_err(|e| encode(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| encode(&e))?;
    String::from_utf8(bytes).map_err(|e| encode(&e))
}

/// The entries as a JSON array of objects (`seq`, `at`, `actor`, `operation`, `target`,
/// `detail`).
///
/// ```
/// assert_eq!(wfm::access::audit_json(&[])?, "[]");
/// # Ok::<(), wfm::WfmError>(())
/// ```
///
/// # Errors
/// `Encode` if the JSON cannot be written.
pub fn audit_json(entries: &[AuditEntry]) -> Result<String> {
    serde_json::to_string_pretty(entries).map_err(|e| WfmError::Encode {
        what: "the audit log as JSON",
        detail: e.to_string(),
    })
}
