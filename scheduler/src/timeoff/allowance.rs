//! Group allowances: how many hours of time off a forecast group may take per one-hour
//! slot, for a set of time-off activities (the allowance CSV).
//!
//! A slot with 0 hours blocks every request touching it; a slot with no value means no
//! group check. An upload is read and validated whole ([`read_allowances`]), then
//! overwrites only the keys it holds; what approved requests used stays counted, so the
//! remaining hours are the last uploaded minus the used ([`AllowanceSlot::remaining_seconds`]).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};
use wfm_core::CoreError;
use wfm_core::history::InputIssue;

use super::csv::{self, Issues};

/// The allowance CSV's header, in order.
pub const ALLOWANCE_HEADER: [&str; 5] = [
    "FORECAST_GROUP",
    "TIME_OFF_ACTIVITIES",
    "START_TIME",
    "END_TIME",
    "GROUP_ALLOWANCE_IN_HOURS",
];

/// The remaining-hours column of a download.
pub const REMAINING_COLUMN: &str = "GROUP_ALLOWANCE_IN_HOURS";
/// The last-uploaded column of a download.
pub const LAST_UPLOADED_COLUMN: &str = "LAST_UPLOADED_GROUP_ALLOWANCE_IN_HOURS";

/// How far ahead time off can be planned: 13 months from `now`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let now = Utc.with_ymd_and_hms(2026, 1, 31, 9, 0, 0).unwrap();
/// assert_eq!(wfm_scheduler::timeoff::latest_start(now), Utc.with_ymd_and_hms(2027, 2, 28, 9, 0, 0).unwrap());
/// ```
pub fn latest_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_add_months(Months::new(13))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// One allowance slot's identity: forecast group, time-off activities (sorted, joined by
/// `||`) and the slot's start (it lasts one hour).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::AllowanceKey;
/// let k = AllowanceKey::new("Support", "VACAY || EMERGENCY", Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap());
/// assert_eq!(k.activities, "EMERGENCY||VACAY");
/// assert!(k.covers("VACAY") && !k.covers("SICK"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AllowanceKey {
    /// The forecast group.
    pub group: String,
    /// The time-off activities the hours are shared by, sorted, joined by `||`.
    pub activities: String,
    /// The slot's start, UTC (on a quarter hour).
    pub start: DateTime<Utc>,
}

impl AllowanceKey {
    /// A key; `activities` is normalised (split on `||`, trimmed, sorted, deduplicated).
    pub fn new(group: &str, activities: &str, start: DateTime<Utc>) -> Self {
        Self {
            group: group.to_owned(),
            activities: normalise(activities),
            start,
        }
    }

    /// The slot's end: one hour after its start.
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::hours(1)
    }

    /// Whether the allowance is shared by `activity`.
    pub fn covers(&self, activity: &str) -> bool {
        self.activities.split("||").any(|a| a == activity)
    }
}

fn normalise(activities: &str) -> String {
    let trimmed = activities.trim();
    if !trimmed.contains("||") {
        return trimmed.to_owned();
    }
    let mut v: Vec<&str> = trimmed
        .split("||")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    if !v.windows(2).all(|w| w[0] < w[1]) {
        v.sort_unstable();
        v.dedup();
    }
    v.join("||")
}

/// One slot's state: the hours last uploaded and the hours approved requests use.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::{AllowanceKey, AllowanceSlot};
/// let key = AllowanceKey::new("Support", "VACAY", Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap());
/// let slot = AllowanceSlot { key, uploaded_seconds: 15_840, used_seconds: 7_200 };
/// assert_eq!(slot.remaining_hours(), 2.4); // 4.4 h uploaded, 2 h used
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceSlot {
    /// The slot.
    pub key: AllowanceKey,
    /// Hours last uploaded, in seconds (0 blocks the slot).
    pub uploaded_seconds: i64,
    /// Hours approved requests use, in seconds.
    pub used_seconds: i64,
}

impl AllowanceSlot {
    /// What is left, in seconds (negative only after a supervisor overrode the rules).
    pub fn remaining_seconds(&self) -> i64 {
        self.uploaded_seconds - self.used_seconds
    }

    /// What is left, in hours rounded to 1/1000.
    pub fn remaining_hours(&self) -> f64 {
        hours(self.remaining_seconds())
    }

    /// The uploaded hours.
    pub fn uploaded_hours(&self) -> f64 {
        hours(self.uploaded_seconds)
    }
}

/// Seconds as hours rounded to 1/1000 (what files and tables show).
///
/// ```
/// assert_eq!(wfm_scheduler::timeoff::hours(4500), 1.25);
/// ```
pub fn hours(seconds: i64) -> f64 {
    (seconds as f64 / 3.6).round() / 1000.0
}

/// One row of an allowance upload: the key and its hours (`None`: the slot gets no group
/// check any more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceRow {
    /// The line it came from.
    pub line: u64,
    /// The slot.
    pub key: AllowanceKey,
    /// The hours in seconds; `None` for an empty value.
    pub seconds: Option<i64>,
}

/// What an allowance upload is checked against.
#[derive(Debug, Clone, Copy)]
pub struct AllowanceCheck<'a> {
    /// Now: slots may start at most 13 months ahead.
    pub now: DateTime<Utc>,
    /// The forecast groups that exist (unchecked when `None`).
    pub groups: Option<&'a HashSet<String>>,
    /// The time-off activities that exist (unchecked when `None`).
    pub activities: Option<&'a HashSet<String>>,
}

/// Reads and validates a whole allowance CSV; every problem is an issue
/// `FILE:LINE: COLUMN: reason`, and any problem means no row is returned.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::{AllowanceCheck, read_allowances};
/// let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
/// let check = AllowanceCheck { now, groups: None, activities: None };
/// let text = "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n\
///             Support,EMERGENCY||VACAY,2026-12-20T09:00:00,2026-12-20T10:00:00,12\n";
/// let rows = read_allowances(text, "a.csv", &check)?;
/// assert_eq!(rows[0].seconds, Some(12 * 3600));
/// let bad = text.replace("T09:00:00,", "T09:01:00,");
/// let e = read_allowances(&bad, "a.csv", &check).unwrap_err();
/// assert_eq!(e.issues()[0].to_string(), "a.csv:2: START_TIME: Column START_TIME value \
///     [2026-12-20T09:01:00] is not a multiple of 15 minutes from top of the hour, such as \
///     HH:00, HH:15, HH:30 and HH:45");
/// # Ok::<(), wfm_scheduler::core::CoreError>(())
/// ```
///
/// # Errors
/// [`CoreError::InvalidInput`] with every problem found (the first 100 kept).
pub fn read_allowances(
    text: &str,
    file: &str,
    check: &AllowanceCheck<'_>,
) -> Result<Vec<AllowanceRow>, CoreError> {
    let mut issues = Issues::default();
    let Some(header_line) = csv::check_header(file, text, &ALLOWANCE_HEADER, &mut issues) else {
        return issues.finish(Vec::new());
    };
    let latest = latest_start(check.now).timestamp();
    let mut rows = Vec::with_capacity(text.len() / 64);
    let mut fields = Vec::with_capacity(5);
    // the last group found and the last activities text read, valid: rows come in runs
    let (mut known_group, mut last_raw, mut last_activities) =
        (String::new(), String::new(), String::new());
    let mut times = csv::UtcReader::default();
    let mut last_hours: (String, i64) = (String::new(), 0);
    for (line, text) in csv::lines(text).filter(|(l, _)| *l > header_line) {
        let mut issue = |column: &str, reason: String| {
            issues.push(InputIssue::new(file, line, column, reason));
        };
        if !csv::split(text, &mut fields) {
            issue("", "a quoted field is not closed".into());
            continue;
        }
        if fields.len() != 5 {
            issue("", format!("expected 5 fields, found {}", fields.len()));
            continue;
        }
        let group = fields[0].as_ref();
        if group.is_empty() {
            issue("FORECAST_GROUP", "missing value".into());
        } else if group != known_group && check.groups.is_some_and(|g| !g.contains(group)) {
            issue(
                "FORECAST_GROUP",
                format!("no forecast group {group:?} in the workspace"),
            );
        } else if group != known_group {
            // known: the next rows of the same group skip the lookup
            known_group.clear();
            known_group.push_str(group);
        }
        let raw = fields[1].as_ref();
        let activities = if raw == last_raw && !last_activities.is_empty() {
            last_activities.clone()
        } else {
            let a = normalise(raw);
            let mut ok = !a.is_empty();
            if a.is_empty() {
                issue("TIME_OFF_ACTIVITIES", "missing value".into());
            } else if let Some(known) = check.activities {
                for x in a.split("||").filter(|x| !known.contains(*x)) {
                    ok = false;
                    issue("TIME_OFF_ACTIVITIES", format!("no time-off activity {x:?}"));
                }
            }
            last_raw.clear();
            last_activities.clear();
            if ok {
                // valid: the next rows with the same text reuse it
                last_raw.push_str(raw);
                last_activities.push_str(&a);
            }
            a
        };
        let start = slot_time(&mut times, &fields[2], "START_TIME", &mut issue);
        let end = slot_time(&mut times, &fields[3], "END_TIME", &mut issue);
        if let (Some(s), Some(e)) = (start, end) {
            if e - s != 3600 {
                issue(
                    "END_TIME",
                    format!(
                        "Column END_TIME value [{}] must be one hour after START_TIME [{}]",
                        fields[3], fields[2]
                    ),
                );
            }
            if s > latest {
                issue(
                    "START_TIME",
                    format!(
                        "Column START_TIME value [{}] is more than 13 months ahead (latest {})",
                        fields[2],
                        latest_start(check.now).format("%Y-%m-%dT%H:%M:%S")
                    ),
                );
            }
        }
        let seconds = allowance_hours(&fields[4], &mut last_hours, &mut issue);
        let Some(start) = start.and_then(|s| DateTime::from_timestamp(s, 0)) else {
            continue;
        };
        let key = AllowanceKey {
            group: group.to_owned(),
            activities,
            start,
        };
        rows.push(AllowanceRow { line, key, seconds });
    }
    repeated_slots(file, &rows, &mut issues);
    issues.finish(rows)
}

/// Every row naming the slot of an earlier row, as an issue. Keyed by the (group,
/// activities) pair's number and the start, the pair looked up only when it differs from
/// the row before (files come in runs).
fn repeated_slots(file: &str, rows: &[AllowanceRow], issues: &mut Issues) {
    if ascending_per_pair(rows) {
        return;
    }
    let mut pairs: HashMap<(&str, &str), u32> = HashMap::new();
    let mut last: Option<((&str, &str), u32)> = None;
    let mut seen: HashMap<(u32, i64), u64> = HashMap::with_capacity(rows.len());
    for r in rows {
        let pair = (r.key.group.as_str(), r.key.activities.as_str());
        let id = match last {
            Some((p, id)) if p == pair => id,
            _ => {
                let next = u32::try_from(pairs.len()).unwrap_or(u32::MAX);
                let id = *pairs.entry(pair).or_insert(next);
                last = Some((pair, id));
                id
            }
        };
        if let Some(first) = seen.insert((id, r.key.start.timestamp()), r.line) {
            issues.push(InputIssue::new(
                file,
                r.line,
                "",
                format!("the same slot as line {first}"),
            ));
        }
    }
}

/// The hours of a slot in seconds, `None` for an empty value or an issue; `last` is the
/// last valid text read and its value (files repeat their values).
fn allowance_hours(
    value: &str,
    last: &mut (String, i64),
    issue: &mut impl FnMut(&str, String),
) -> Option<i64> {
    if value.is_empty() {
        return None;
    }
    if value == last.0 {
        return Some(last.1);
    }
    match csv::parse_hours(value) {
        Ok(s) => {
            last.0.clear();
            last.0.push_str(value);
            last.1 = s;
            Some(s)
        }
        Err(why) => {
            issue("GROUP_ALLOWANCE_IN_HOURS", format!("{value:?}: {why}"));
            None
        }
    }
}

/// Whether each (group, activities) pair's starts only grow from row to row (files are
/// written in time order): then no slot repeats, and no set of every slot is needed.
fn ascending_per_pair(rows: &[AllowanceRow]) -> bool {
    let mut latest: HashMap<(&str, &str), i64> = HashMap::new();
    let mut current: Option<((&str, &str), i64)> = None;
    for r in rows {
        let pair = (r.key.group.as_str(), r.key.activities.as_str());
        let t = r.key.start.timestamp();
        match &mut current {
            Some((p, last)) if *p == pair => {
                if t <= *last {
                    return false;
                }
                *last = t;
            }
            _ => {
                if let Some((p, last)) = current {
                    latest.insert(p, last);
                }
                if latest.get(&pair).is_some_and(|&l| t <= l) {
                    return false;
                }
                current = Some((pair, t));
            }
        }
    }
    true
}

/// A slot's time as epoch seconds, on a quarter hour, or its issue.
fn slot_time(
    times: &mut csv::UtcReader,
    value: &str,
    column: &str,
    issue: &mut impl FnMut(&str, String),
) -> Option<i64> {
    let Some(t) = times.read(value) else {
        issue(
            column,
            format!(
                "Column {column} value [{value}] is not a date and time such as 2023-08-15T05:00:00"
            ),
        );
        return None;
    };
    if t.minute % 15 != 0 || t.second != 0 {
        issue(
            column,
            format!(
                "Column {column} value [{value}] is not a multiple of 15 minutes from top of \
                 the hour, such as HH:00, HH:15, HH:30 and HH:45"
            ),
        );
        return None;
    }
    Some(t.epoch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const HEAD: &str =
        "FORECAST_GROUP,TIME_OFF_ACTIVITIES,START_TIME,END_TIME,GROUP_ALLOWANCE_IN_HOURS\n";

    fn check() -> AllowanceCheck<'static> {
        AllowanceCheck {
            now: Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
            groups: None,
            activities: None,
        }
    }

    #[test]
    fn every_problem_is_located_and_nothing_is_returned() {
        let text = format!(
            "{HEAD}Support,VACAY,2026-12-20T09:00:00,2026-12-20T11:00:00,4\n\
             ,VACAY,2026-12-20T09:00:00,2026-12-20T10:00:00,x\n\
             Support,VACAY,2028-12-20T09:00:00,2028-12-20T10:00:00,1\n"
        );
        let e = read_allowances(&text, "a.csv", &check()).unwrap_err();
        let lines: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].starts_with("a.csv:2: END_TIME: "));
        assert_eq!(lines[1], "a.csv:3: FORECAST_GROUP: missing value");
        assert!(lines[2].starts_with("a.csv:3: GROUP_ALLOWANCE_IN_HOURS: "));
        assert!(lines[3].contains("13 months"));
    }

    #[test]
    fn an_empty_value_clears_and_zero_blocks() {
        let text = format!(
            "{HEAD}Support,VACAY,2026-12-20T09:15:00,2026-12-20T10:15:00,\n\
             Support,VACAY,2026-12-22T09:00:00Z,2026-12-22T10:00:00Z,0\n"
        );
        let rows = read_allowances(&text, "a.csv", &check()).unwrap();
        assert_eq!(rows[0].seconds, None);
        assert_eq!(rows[1].seconds, Some(0));
    }

    #[test]
    fn a_changed_header_or_a_repeated_slot_is_refused() {
        let e = read_allowances("GROUP,A,B,C,D\n", "a.csv", &check()).unwrap_err();
        assert!(
            e.issues()[0]
                .reason
                .starts_with("the header must be exactly")
        );
        let text = format!(
            "{HEAD}Support,VACAY,2026-12-20T09:00:00,2026-12-20T10:00:00,1\n\
             Support,VACAY,2026-12-20T09:00:00,2026-12-20T10:00:00,2\n"
        );
        let e = read_allowances(&text, "a.csv", &check()).unwrap_err();
        assert_eq!(
            e.issues()[0].to_string(),
            "a.csv:3: the same slot as line 2"
        );
    }

    #[test]
    fn a_slot_repeated_out_of_time_order_is_found_and_unordered_files_pass() {
        let row = |g: &str, h: u32| {
            format!(
                "{g},VACAY,2026-12-20T{h:02}:00:00,2026-12-20T{:02}:00:00,1\n",
                h + 1
            )
        };
        let ok = format!(
            "{HEAD}{}{}{}{}",
            row("A", 10),
            row("B", 9),
            row("A", 9),
            row("B", 10)
        );
        assert_eq!(read_allowances(&ok, "a.csv", &check()).unwrap().len(), 4);
        let bad = format!("{ok}{}", row("B", 9));
        let e = read_allowances(&bad, "a.csv", &check()).unwrap_err();
        assert_eq!(
            e.issues()[0].to_string(),
            "a.csv:6: the same slot as line 3"
        );
    }
}
