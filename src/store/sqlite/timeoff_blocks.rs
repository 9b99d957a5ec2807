//! The block shapes of SQLite's time-off tables (migration 11): an import of a million
//! rows writes tens of thousands of rows, not a million.
//!
//! - **Allowance days** (`timeoff_allowance_day`): one row per forecast group × UTC day ×
//!   time-off activities, holding that day's slots `(second of the day, uploaded seconds
//!   or none, used seconds)`.
//! - **Agent balances** (`timeoff_agent_balance`): one row per agent, its balances
//!   `(activity, last uploaded seconds, net seconds)` sorted by activity.
//! - **Upload lines** (`timeoff_ledger_lines`): an upload's ledger entries of one agent
//!   (a run of consecutive file rows of that agent) are one `timeoff_ledger` row whose
//!   lines `(activity, seconds)`, in file order, sit beside it under its `seq`; reading
//!   expands them, so the ledger is the same entry by entry as one row per line.
//!
//! A block is written as a BLOB, the list in MessagePack (a documented format any language
//! reads; tuples as arrays, small numbers in one byte). The migration builds the blocks of
//! the old rows in SQL, as JSON text of the same lists (`json_group_array`); a TEXT value
//! is read as JSON, a BLOB as MessagePack.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wfm_scheduler::timeoff::{AllowanceRow, Balance, BalanceRow};

use crate::error::{Result, WfmError};

/// Seconds of a UTC day.
const DAY: i64 = 86_400;

/// The UTC day (days since 1970-01-01) and the second of that day of an instant
/// (epoch seconds).
pub(super) fn day_and_second(secs: i64) -> (i64, i64) {
    (secs.div_euclid(DAY), secs.rem_euclid(DAY))
}

/// The start instant of a slot of `day` at `second`.
pub(super) fn slot_start(day: i64, second: i64) -> i64 {
    day * DAY + second
}

/// One slot of an allowance day: its second of the day, the uploaded seconds (`None`:
/// cleared, no group check) and what approved requests use.
pub(super) type DaySlot = (i64, Option<i64>, i64);

/// The slots of one allowance day, sorted by their second of the day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct AllowanceDay(pub(super) Vec<DaySlot>);

impl AllowanceDay {
    /// Decodes a stored day (`what` names it in the error).
    pub(super) fn decode(value: ValueRef<'_>, what: impl FnOnce() -> String) -> Result<Self> {
        let mut slots: Vec<DaySlot> = decode(value)
            .map_err(|e| damaged("timeoff_allowance_day", format!("{}: {e}", what())))?;
        slots.sort_unstable_by_key(|s| s.0);
        Ok(Self(slots))
    }

    /// The stored block.
    pub(super) fn encode(&self) -> Result<Vec<u8>> {
        encode(&self.0)
    }

    fn position(&self, second: i64) -> std::result::Result<usize, usize> {
        self.0.binary_search_by_key(&second, |s| s.0)
    }

    /// Sets a slot's uploaded seconds, keeping what it uses (a new slot uses nothing).
    pub(super) fn put(&mut self, second: i64, uploaded: Option<i64>) {
        match self.position(second) {
            Ok(i) => self.0[i].1 = uploaded,
            Err(i) => self.0.insert(i, (second, uploaded, 0)),
        }
    }

    /// Adds to what an existing slot uses; `false` (nothing changed) if there is no slot.
    pub(super) fn use_seconds(&mut self, second: i64, seconds: i64) -> bool {
        match self.position(second) {
            Ok(i) => {
                self.0[i].2 += seconds;
                true
            }
            Err(_) => false,
        }
    }
}

/// The key of an allowance day: forecast group, UTC day, activities.
pub(super) type DayKey = (String, i64, String);

/// What an upload sets of one slot: its second of the day and its uploaded seconds.
pub(super) type SlotUpload = (i64, Option<i64>);

/// An allowance upload grouped by day, days in the order they first appear; within a
/// day each slot once, the later row winning (as row by row).
pub(super) fn allowance_days(rows: &[AllowanceRow]) -> Vec<(DayKey, Vec<SlotUpload>)> {
    let mut days: Vec<(DayKey, Vec<SlotUpload>)> = Vec::new();
    let mut index: HashMap<DayKey, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    for r in rows {
        let (day, second) = day_and_second(r.key.start.timestamp());
        let same = current.is_some_and(|i| {
            let ((g, d, a), _) = &days[i];
            *d == day && *g == r.key.group && *a == r.key.activities
        });
        if !same {
            let key = (r.key.group.clone(), day, r.key.activities.clone());
            let i = *index.entry(key.clone()).or_insert_with(|| {
                days.push((key, Vec::new()));
                days.len() - 1
            });
            current = Some(i);
        }
        if let Some(i) = current {
            days[i].1.push((second, r.seconds));
        }
    }
    for (_, slots) in &mut days {
        // stable: of a slot given twice the later row comes last and wins
        slots.sort_by_key(|s| s.0);
        slots.reverse();
        slots.dedup_by_key(|s| s.0);
        slots.reverse();
    }
    days
}

/// One agent's balances, sorted by activity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct AgentBalances(pub(super) Vec<(String, i64, i64)>);

impl AgentBalances {
    /// Decodes an agent's stored balances.
    pub(super) fn decode(agent: &str, value: ValueRef<'_>) -> Result<Self> {
        let mut b: Vec<(String, i64, i64)> = decode(value).map_err(|e| {
            damaged(
                "timeoff_agent_balance",
                format!("the balances of {agent:?} do not decode: {e}"),
            )
        })?;
        b.sort_unstable_by(|x, y| x.0.cmp(&y.0));
        Ok(Self(b))
    }

    /// The stored block.
    pub(super) fn encode(&self) -> Result<Vec<u8>> {
        encode(&self.0)
    }

    /// The balance of one activity (zero if none).
    pub(super) fn get(&self, activity: &str) -> Balance {
        self.0
            .binary_search_by(|b| b.0.as_str().cmp(activity))
            .map_or_else(
                |_| Balance::default(),
                |i| Balance {
                    last_uploaded_seconds: self.0[i].1,
                    net_seconds: self.0[i].2,
                },
            )
    }

    /// Sets the balance of one activity.
    pub(super) fn set(&mut self, activity: &str, b: Balance) {
        match self.0.binary_search_by(|x| x.0.as_str().cmp(activity)) {
            Ok(i) => (self.0[i].1, self.0[i].2) = (b.last_uploaded_seconds, b.net_seconds),
            Err(i) => self.0.insert(
                i,
                (activity.to_owned(), b.last_uploaded_seconds, b.net_seconds),
            ),
        }
    }

    /// Sets the balances an upload's rows of this agent give (last uploaded and net
    /// both the row's; of an activity given twice the later row wins): one sort and one
    /// merge, not a search per row.
    pub(super) fn upload<'r>(&mut self, rows: impl Iterator<Item = &'r BalanceRow>) {
        let mut new: Vec<(usize, &BalanceRow)> = rows.enumerate().collect();
        new.sort_unstable_by(|a, b| a.1.activity.cmp(&b.1.activity).then(a.0.cmp(&b.0)));
        // of an activity given twice the later row (the last of its equals) wins
        new.dedup_by(|later, earlier| {
            let same = later.1.activity == earlier.1.activity;
            if same {
                *earlier = *later;
            }
            same
        });
        let old = std::mem::take(&mut self.0);
        let mut out = Vec::with_capacity(old.len() + new.len());
        let mut old = old.into_iter().peekable();
        for (_, r) in new {
            while let Some(o) = old.next_if(|o| o.0 < r.activity) {
                out.push(o);
            }
            old.next_if(|o| o.0 == r.activity);
            out.push((r.activity.clone(), r.seconds, r.seconds));
        }
        out.extend(old);
        self.0 = out;
    }

    /// Every balance of the agent, by activity.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, Balance)> {
        self.0.iter().map(|(a, u, n)| {
            (
                a.as_str(),
                Balance {
                    last_uploaded_seconds: *u,
                    net_seconds: *n,
                },
            )
        })
    }
}

/// A balance upload's runs: maximal stretches of consecutive rows of one agent, in file
/// order (each is one ledger row with its lines).
pub(super) fn agent_runs(rows: &[BalanceRow]) -> impl Iterator<Item = &[BalanceRow]> {
    rows.chunk_by(|a, b| a.agent == b.agent)
}

/// The lines of one upload run as stored.
pub(super) fn encode_lines(run: &[BalanceRow]) -> Result<Vec<u8>> {
    let lines: Vec<(&str, i64)> = run
        .iter()
        .map(|r| (r.activity.as_str(), r.seconds))
        .collect();
    encode(&lines)
}

/// Decodes the stored lines of ledger entry `seq`.
pub(super) fn decode_lines(seq: i64, value: ValueRef<'_>) -> Result<Vec<(String, i64)>> {
    decode(value).map_err(|e| {
        damaged(
            "timeoff_ledger_lines",
            format!("entry {seq}: the lines do not decode: {e}"),
        )
    })
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>> {
    rmp_serde::to_vec(value).map_err(|e| WfmError::Encode {
        what: "a time-off block",
        detail: e.to_string(),
    })
}

/// A stored block: MessagePack (a BLOB), or JSON (TEXT, as the migration wrote the old
/// rows).
fn decode<T: DeserializeOwned>(value: ValueRef<'_>) -> std::result::Result<T, String> {
    match value {
        ValueRef::Blob(b) => {
            let mut rest = b;
            let v = rmp_serde::from_read(&mut rest).map_err(|e| e.to_string())?;
            if !rest.is_empty() {
                return Err(format!("{} bytes after the block", rest.len()));
            }
            Ok(v)
        }
        ValueRef::Text(t) => serde_json::from_slice(t).map_err(|e| e.to_string()),
        other => Err(format!("a {:?} value, not a block", other.data_type())),
    }
}

fn damaged(table: &'static str, detail: String) -> WfmError {
    WfmError::Damaged { table, detail }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use wfm_scheduler::timeoff::AllowanceKey;

    use super::*;

    #[test]
    fn days_and_seconds_floor_before_1970_too() {
        assert_eq!(day_and_second(DAY + 3_600), (1, 3_600));
        assert_eq!(day_and_second(-1), (-1, DAY - 1));
        assert_eq!(slot_start(-1, DAY - 1), -1);
    }

    fn row(group: &str, h: u32, m: u32, seconds: Option<i64>) -> AllowanceRow {
        let start = Utc.with_ymd_and_hms(2026, 12, 20, h, m, 0).unwrap();
        AllowanceRow {
            line: 0,
            key: AllowanceKey::new(group, "VACAY", start),
            seconds,
        }
    }

    #[test]
    fn an_upload_groups_by_day_and_a_repeated_slot_keeps_its_later_row() {
        let rows = [
            row("Support", 10, 0, Some(1)),
            row("Support", 9, 0, Some(2)),
            row("Sales", 9, 0, Some(3)),
            row("Support", 10, 0, None),
            row("Support", 9, 15, Some(4)),
        ];
        let days = allowance_days(&rows);
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].0.0, "Support");
        assert_eq!(
            days[0].1,
            [
                (9 * 3600, Some(2)),
                (9 * 3600 + 900, Some(4)),
                (10 * 3600, None)
            ]
        );
        assert_eq!(days[1].1, [(9 * 3600, Some(3))]);
    }

    #[test]
    fn a_day_keeps_what_is_used_when_uploaded_again_or_cleared() {
        let mut d = AllowanceDay::default();
        d.put(3600, Some(10));
        assert!(d.use_seconds(3600, 4));
        assert!(!d.use_seconds(7200, 4), "no slot there");
        d.put(3600, None);
        d.put(0, Some(5));
        assert_eq!(d.0, [(0, Some(5), 0), (3600, None, 4)]);
        let blob = d.encode().unwrap();
        let again = AllowanceDay::decode(ValueRef::Blob(&blob), String::new).unwrap();
        assert_eq!(again, d);
        // as the migration writes it
        let json = AllowanceDay::decode(ValueRef::Text(b"[[3600,null,4],[0,5,0]]"), String::new);
        assert_eq!(json.unwrap(), d);
        for bad in [
            ValueRef::Text(b"[[1,2]]"),
            ValueRef::Blob(&blob[..blob.len() - 1]),
            ValueRef::Integer(3),
        ] {
            let err = AllowanceDay::decode(bad, || "day 3".into()).unwrap_err();
            assert!(matches!(err, WfmError::Damaged { .. }), "{err}");
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(AllowanceDay::decode(ValueRef::Blob(&longer), String::new).is_err());
    }

    #[test]
    fn agent_balances_are_sorted_and_found_by_activity() {
        let json = ValueRef::Text(br#"[["VACAY",5,4],["SICK",2,1]]"#);
        let mut b = AgentBalances::decode("ana", json).unwrap();
        assert_eq!(b.get("SICK").net_seconds, 1);
        assert_eq!(b.get("OTHER"), Balance::default());
        b.set(
            "MORE",
            Balance {
                last_uploaded_seconds: 7,
                net_seconds: 6,
            },
        );
        let names: Vec<&str> = b.iter().map(|(a, _)| a).collect();
        assert_eq!(names, ["MORE", "SICK", "VACAY"]);
        let row = |activity: &str, seconds| BalanceRow {
            line: 0,
            agent: "ana".into(),
            activity: activity.into(),
            seconds,
        };
        let rows = [row("ZZZ", 1), row("SICK", 9), row("AAA", 2), row("ZZZ", 3)];
        b.upload(rows.iter());
        let blob = b.encode().unwrap();
        assert_eq!(
            AgentBalances::decode("ana", ValueRef::Blob(&blob)).unwrap(),
            b
        );
        assert_eq!(
            b.0,
            [
                ("AAA".to_owned(), 2, 2),
                ("MORE".to_owned(), 7, 6),
                ("SICK".to_owned(), 9, 9),
                ("VACAY".to_owned(), 5, 4),
                ("ZZZ".to_owned(), 3, 3)
            ]
        );
    }

    #[test]
    fn runs_are_consecutive_rows_of_one_agent() {
        let r = |agent: &str, activity: &str| BalanceRow {
            line: 0,
            agent: agent.into(),
            activity: activity.into(),
            seconds: 1,
        };
        let rows = [r("a", "X"), r("a", "Y"), r("b", "X"), r("a", "Z")];
        let runs: Vec<usize> = agent_runs(&rows).map(<[BalanceRow]>::len).collect();
        assert_eq!(runs, [2, 1, 1]);
        let blob = encode_lines(&rows[..2]).unwrap();
        assert_eq!(
            blob,
            [0x92, 0x92, 0xa1, b'X', 1, 0x92, 0xa1, b'Y', 1],
            "MessagePack: an array of two [fixstr, fixint] arrays"
        );
        assert_eq!(
            decode_lines(1, ValueRef::Blob(&blob)).unwrap(),
            [("X".to_owned(), 1), ("Y".to_owned(), 1)]
        );
    }
}
