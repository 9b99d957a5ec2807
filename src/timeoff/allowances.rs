//! Group allowances on a workspace: an upload validated whole then applied in one
//! transaction (only the keys it holds change), and the download with the last uploaded
//! and the remaining hours.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::SecondsFormat;
use wfm_scheduler::timeoff::{
    self, ALLOWANCE_HEADER, AllowanceCheck, AllowanceSlot, LAST_UPLOADED_COLUMN, REMAINING_COLUMN,
};

use super::context::Context;
use crate::Workspace;
use crate::error::Result;

/// What an allowance upload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceImport {
    /// Slots set (a value, 0 included).
    pub set: usize,
    /// Slots cleared (an empty value: no group check any more).
    pub cleared: usize,
    /// Waitlisted requests the upload made room for, approved (their numbers).
    pub promoted: Vec<i64>,
}

/// Reads, validates and applies an allowance CSV (see [`super::TimeOff::import_allowances`]).
pub(crate) fn import(ws: &mut Workspace, file: &str, text: &str) -> Result<AllowanceImport> {
    let groups: HashSet<String> = ws.groups()?.into_iter().map(|g| g.name).collect();
    let activities = Context::load(ws).ok().map(|c| c.time_off_activities());
    let check = AllowanceCheck {
        now: ws.now(),
        groups: Some(&groups),
        activities: activities.as_ref(),
    };
    let rows = super::halves::read_in_halves(
        text,
        |t| timeoff::read_allowances(t, file, &check),
        |r| &mut r.line,
        super::halves::allowances_apart,
    )?;
    // the groups touched: files come in runs of one group
    let mut touched: Vec<String> = Vec::new();
    for r in &rows {
        if touched.last() != Some(&r.key.group) {
            touched.push(r.key.group.clone());
        }
    }
    touched.sort_unstable();
    touched.dedup();
    ws.store_mut()
        .time_off_write(&mut |tx| tx.put_allowances(&rows))?;
    let promoted = super::requests::promote_groups(ws, &touched)?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(AllowanceImport {
        set: rows.iter().filter(|r| r.seconds.is_some()).count(),
        cleared: rows.iter().filter(|r| r.seconds.is_none()).count(),
        promoted,
    })
}

/// The allowance slots of `groups` (every group when empty), in key order.
pub(crate) fn slots(ws: &Workspace, groups: &[String]) -> Result<Vec<AllowanceSlot>> {
    let mut out = Vec::new();
    ws.store().time_off_read(&mut |tx| {
        out = tx.allowance_slots(None, None, None)?;
        Ok(())
    })?;
    out.retain(|s| groups.is_empty() || groups.contains(&s.key.group));
    Ok(out)
}

/// The download CSV: the upload's columns with the last uploaded and the remaining hours.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wfm::scheduler::timeoff::{AllowanceKey, AllowanceSlot};
/// let key = AllowanceKey::new("Support", "VACAY", Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap());
/// let csv = wfm::timeoff::allowance_csv(&[AllowanceSlot { key, uploaded_seconds: 15_840, used_seconds: 7_200 }]);
/// assert_eq!(csv.lines().nth(1), Some("Support,VACAY,2026-12-20T09:00:00Z,2026-12-20T10:00:00Z,4.4,2.4"));
/// ```
pub fn allowance_csv(slots: &[AllowanceSlot]) -> String {
    let mut out = format!(
        "{},{},{},{},{LAST_UPLOADED_COLUMN},{REMAINING_COLUMN}\n",
        ALLOWANCE_HEADER[0], ALLOWANCE_HEADER[1], ALLOWANCE_HEADER[2], ALLOWANCE_HEADER[3]
    );
    for s in slots {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            quote(&s.key.group),
            quote(&s.key.activities),
            s.key.start.to_rfc3339_opts(SecondsFormat::Secs, true),
            s.key.end().to_rfc3339_opts(SecondsFormat::Secs, true),
            s.uploaded_hours(),
            s.remaining_hours()
        );
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub(crate) fn quote(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}
