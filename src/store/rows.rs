//! Values as every backend stores them: times as RFC 3339 text, and a history source's
//! row turned into its [`SourceInfo`] (checked, the same on every backend).

use chrono::{DateTime, Utc};

use super::{SourceInfo, SourceKind};
use crate::error::{Result, WfmError};
use wfm_core::history::SourceId;

/// The sources table, as named in errors about damaged values.
const SOURCES: &str = "history_source";

/// Now, as stored (RFC 3339, whole seconds, UTC).
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A stored time read back.
///
/// # Errors
/// [`WfmError::Damaged`] for text that is no RFC 3339 time.
pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| WfmError::Damaged {
            table: "(a time)",
            detail: format!("bad time {s:?}: {e}"),
        })
}

/// The columns of a `history_source` row, as read.
pub(crate) struct SourceRow {
    pub id: i64,
    pub file: String,
    pub kind: String,
    pub loaded_at: String,
    pub rows: i64,
    pub first_start: Option<i64>,
    pub last_start: Option<i64>,
    pub volume: i64,
}

impl SourceRow {
    /// The source, its counts checked.
    ///
    /// # Errors
    /// [`WfmError::Damaged`] for a negative count or a bad time.
    pub(crate) fn info(self) -> Result<SourceInfo> {
        let Self {
            id,
            file,
            kind,
            loaded_at,
            rows,
            first_start,
            last_start,
            volume,
        } = self;
        let count = |value: i64, what: &str| {
            u64::try_from(value).map_err(|_| WfmError::Damaged {
                table: SOURCES,
                detail: format!("source {id} ({file}) has {what} {value}"),
            })
        };
        let (id, rows, volume) = (
            count(id, "the id")?,
            count(rows, "a row count of")?,
            count(volume, "a volume of")?,
        );
        Ok(SourceInfo {
            id: SourceId(id),
            file,
            kind: if kind == "raw" {
                SourceKind::Raw
            } else {
                SourceKind::History
            },
            loaded_at: parse_time(&loaded_at)?,
            rows,
            first_start: first_start.and_then(|t| DateTime::from_timestamp(t, 0)),
            last_start: last_start.and_then(|t| DateTime::from_timestamp(t, 0)),
            volume,
        })
    }
}
