//! Agent balances as an append-only ledger: an upload sets a balance, a deduction takes
//! from it, a re-credit gives back exactly what a deduction took, a manual adjustment
//! adds or takes; every entry says who, when and why. Replaying the entries up to any
//! instant gives the balances then ([`replay`]); the "snapshot" shows the last uploaded
//! and the net balance.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use wfm_core::CoreError;
use wfm_core::history::InputIssue;

use super::csv::{self, Issues};

/// The balance CSV's header, in order.
pub const BALANCE_HEADER: [&str; 3] = ["AGENT", "TIME_OFF_ACTIVITY", "BALANCE_IN_HOURS"];

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A balance upload: the balance becomes `seconds`.
    Upload,
    /// An approved request took `-seconds`.
    Deduction,
    /// A cancelled or edited request gave back `seconds`.
    Recredit,
    /// A manual adjustment of `seconds` (either sign).
    Adjustment,
}

impl EntryKind {
    /// The stored name.
    ///
    /// ```
    /// assert_eq!(wfm_scheduler::timeoff::EntryKind::Recredit.as_str(), "recredit");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upload => "upload",
            Self::Deduction => "deduction",
            Self::Recredit => "recredit",
            Self::Adjustment => "adjustment",
        }
    }

    /// The kind of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Upload,
            Self::Deduction,
            Self::Recredit,
            Self::Adjustment,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One ledger line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    /// The agent.
    pub agent: String,
    /// The time-off activity.
    pub activity: String,
    /// Upload, deduction, re-credit or adjustment.
    pub kind: EntryKind,
    /// For an upload the new balance, else the change (a deduction is negative), seconds.
    pub seconds: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// Why (the file of an upload, the request of a deduction, the supervisor's words).
    pub reason: String,
    /// The request it belongs to, if any.
    pub request: Option<i64>,
}

/// A balance: the last uploaded value and the net after every later entry, seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    /// The last uploaded balance (0 if never uploaded).
    pub last_uploaded_seconds: i64,
    /// The balance now.
    pub net_seconds: i64,
}

impl Balance {
    /// This balance after `entry`.
    ///
    /// ```
    /// use wfm_scheduler::timeoff::{Balance, EntryKind};
    /// let b = Balance::default().after(EntryKind::Upload, 30 * 3600).after(EntryKind::Deduction, -19_800);
    /// assert_eq!((b.last_uploaded_seconds, b.net_seconds), (108_000, 88_200)); // 30 h → 24 h 30
    /// ```
    pub fn after(self, kind: EntryKind, seconds: i64) -> Self {
        match kind {
            EntryKind::Upload => Self {
                last_uploaded_seconds: seconds,
                net_seconds: seconds,
            },
            _ => Self {
                net_seconds: self.net_seconds + seconds,
                ..self
            },
        }
    }
}

/// The balances per agent and activity after the entries up to `as_of` (all when `None`),
/// in ledger order.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::{EntryKind, LedgerEntry, replay};
/// let e = |kind, seconds, day| LedgerEntry { agent: "ana".into(), activity: "VACAY".into(), kind, seconds,
///     at: Utc.with_ymd_and_hms(2026, 3, day, 0, 0, 0).unwrap(), actor: "sup".into(), reason: String::new(), request: None };
/// let ledger = [e(EntryKind::Upload, 36_000, 1), e(EntryKind::Deduction, -3600, 5)];
/// let on_3rd = replay(&ledger, Some(Utc.with_ymd_and_hms(2026, 3, 3, 0, 0, 0).unwrap()));
/// assert_eq!(on_3rd[&("ana".to_string(), "VACAY".to_string())].net_seconds, 36_000);
/// assert_eq!(replay(&ledger, None)[&("ana".to_string(), "VACAY".to_string())].net_seconds, 32_400);
/// ```
pub fn replay(
    entries: &[LedgerEntry],
    as_of: Option<DateTime<Utc>>,
) -> BTreeMap<(String, String), Balance> {
    let mut out: BTreeMap<(String, String), Balance> = BTreeMap::new();
    for e in entries.iter().filter(|e| as_of.is_none_or(|t| e.at <= t)) {
        let b = out
            .entry((e.agent.clone(), e.activity.clone()))
            .or_default();
        *b = b.after(e.kind, e.seconds);
    }
    out
}

/// One row of a balance upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    /// The line it came from.
    pub line: u64,
    /// The agent.
    pub agent: String,
    /// The time-off activity.
    pub activity: String,
    /// The balance, seconds.
    pub seconds: i64,
}

/// Reads and validates a whole balance CSV (`AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS`);
/// agents and activities are checked against the known ones when given.
///
/// ```
/// let text = "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nana,VACAY_SK,30\n";
/// let rows = wfm_scheduler::timeoff::read_balances(text, "b.csv", None, None)?;
/// assert_eq!(rows[0].seconds, 30 * 3600);
/// let e = wfm_scheduler::timeoff::read_balances("AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nana,VACAY_SK,-1\n", "b.csv", None, None).unwrap_err();
/// assert_eq!(e.issues()[0].to_string(), "b.csv:2: BALANCE_IN_HOURS: \"-1\": must be 0 or more hours");
/// # Ok::<(), wfm_scheduler::core::CoreError>(())
/// ```
///
/// # Errors
/// [`CoreError::InvalidInput`] with every problem found.
pub fn read_balances(
    text: &str,
    file: &str,
    agents: Option<&HashSet<String>>,
    activities: Option<&HashSet<String>>,
) -> Result<Vec<BalanceRow>, CoreError> {
    let mut issues = Issues::default();
    let Some(header_line) = csv::check_header(file, text, &BALANCE_HEADER, &mut issues) else {
        return issues.finish(Vec::new());
    };
    let mut rows = Vec::with_capacity(text.len() / 24);
    let mut fields = Vec::with_capacity(3);
    let mut known_agent = String::new();
    let mut known_activities: Vec<String> = Vec::new();
    for (line, text) in csv::lines(text).filter(|(l, _)| *l > header_line) {
        let mut issue = |column: &str, reason: String| {
            issues.push(InputIssue::new(file, line, column, reason));
        };
        if !csv::split(text, &mut fields) {
            issue("", "a quoted field is not closed".into());
            continue;
        }
        if fields.len() != 3 {
            issue("", format!("expected 3 fields, found {}", fields.len()));
            continue;
        }
        let (agent, activity) = (fields[0].as_ref(), fields[1].as_ref());
        if agent.is_empty() {
            issue("AGENT", "missing value".into());
        } else if agent != known_agent && agents.is_some_and(|a| !a.contains(agent)) {
            issue("AGENT", format!("no agent {agent:?} in any staffing group"));
        } else if agent != known_agent {
            // known: the agent's next rows skip the lookup
            known_agent.clear();
            known_agent.push_str(agent);
        }
        if activity.is_empty() {
            issue("TIME_OFF_ACTIVITY", "missing value".into());
        } else if known_activities.iter().any(|a| a == activity) {
            // found before: a few names, compared without hashing
        } else if activities.is_some_and(|a| !a.contains(activity)) {
            issue(
                "TIME_OFF_ACTIVITY",
                format!("no time-off activity {activity:?}"),
            );
        } else if known_activities.len() < 16 {
            known_activities.push(activity.to_owned());
        }
        let seconds = match csv::parse_hours(&fields[2]) {
            Ok(s) => s,
            Err(why) => {
                issue("BALANCE_IN_HOURS", format!("{:?}: {why}", fields[2]));
                continue;
            }
        };
        rows.push(BalanceRow {
            line,
            agent: agent.to_owned(),
            activity: activity.to_owned(),
            seconds,
        });
    }
    repeated_pairs(file, &rows, &mut issues);
    issues.finish(rows)
}

/// Every row naming the agent and activity of an earlier row, as an issue (naming the
/// latest such row).
fn repeated_pairs(file: &str, rows: &[BalanceRow], issues: &mut Issues) {
    if let Some(found) = repeats_in_runs(rows) {
        for (r, first) in found {
            push_repeat(file, r, first, issues);
        }
        return;
    }
    let mut seen: HashMap<(&str, &str), u64> = HashMap::with_capacity(rows.len());
    for r in rows {
        if let Some(first) = seen.insert((&r.agent, &r.activity), r.line) {
            push_repeat(file, r, first, issues);
        }
    }
}

/// Runs longer than this are checked by sorting their activities, shorter ones by
/// comparing each row with the rows before it.
const SHORT_RUN: usize = 64;

/// The repeats when files come in runs of one agent, as they do: when no agent has two
/// runs, a repeat can only be inside a run (compared directly, or sorted by activity
/// when long) and only the agents are hashed, once per run. `None`: not such a file.
fn repeats_in_runs(rows: &[BalanceRow]) -> Option<Vec<(&BalanceRow, u64)>> {
    let mut agents: HashSet<&str> = HashSet::new();
    let mut found = Vec::new();
    for run in rows.chunk_by(|a, b| a.agent == b.agent) {
        if !agents.insert(run[0].agent.as_str()) {
            return None;
        }
        if run.len() > SHORT_RUN {
            repeats_in_long_run(run, &mut found);
            continue;
        }
        for (i, r) in run.iter().enumerate() {
            if let Some(e) = run[..i].iter().rev().find(|e| e.activity == r.activity) {
                found.push((r, e.line));
            }
        }
    }
    Some(found)
}

/// The repeats of one long run, in row order: its rows sorted by activity (stably, so a
/// repeat follows the latest earlier row of its activity).
fn repeats_in_long_run<'r>(run: &'r [BalanceRow], found: &mut Vec<(&'r BalanceRow, u64)>) {
    let mut order: Vec<&BalanceRow> = run.iter().collect();
    order.sort_by(|a, b| a.activity.cmp(&b.activity));
    let from = found.len();
    for pair in order.windows(2) {
        if pair[0].activity == pair[1].activity {
            found.push((pair[1], pair[0].line));
        }
    }
    found[from..].sort_unstable_by_key(|(r, _)| r.line);
}

fn push_repeat(file: &str, r: &BalanceRow, first: u64, issues: &mut Issues) {
    issues.push(InputIssue::new(
        file,
        r.line,
        "",
        format!("the same agent and activity as line {first}"),
    ));
}

/// A signed hours value (a manual adjustment) as seconds.
///
/// ```
/// assert_eq!(wfm_scheduler::timeoff::adjustment_seconds("-1.5"), Some(-5400));
/// ```
pub fn adjustment_seconds(hours: &str) -> Option<i64> {
    csv::parse_signed_hours(hours.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_agents_and_activities_are_named_with_their_line() {
        let agents: HashSet<String> = ["ana".to_string()].into();
        let acts: HashSet<String> = ["VACAY".to_string()].into();
        let text =
            "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\nana,VACAY,1\nbob,SICK,2\nana,VACAY,3\n";
        let e = read_balances(text, "b.csv", Some(&agents), Some(&acts)).unwrap_err();
        let got: Vec<String> = e.issues().iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "b.csv:3: AGENT: no agent \"bob\" in any staffing group",
                "b.csv:3: TIME_OFF_ACTIVITY: no time-off activity \"SICK\"",
                "b.csv:4: the same agent and activity as line 2",
            ]
        );
    }

    #[test]
    fn a_repeat_is_found_inside_a_run_and_across_runs_of_one_agent() {
        let head = "AGENT,TIME_OFF_ACTIVITY,BALANCE_IN_HOURS\n";
        let issues = |body: &str| -> Vec<String> {
            match read_balances(&format!("{head}{body}"), "b.csv", None, None) {
                Ok(_) => Vec::new(),
                Err(e) => e.issues().iter().map(ToString::to_string).collect(),
            }
        };
        assert!(issues("ana,A,1\nana,B,1\nbob,A,1\n").is_empty());
        assert_eq!(
            issues("ana,A,1\nana,B,1\nana,A,2\nana,A,3\n"),
            [
                "b.csv:4: the same agent and activity as line 2",
                "b.csv:5: the same agent and activity as line 4",
            ]
        );
        // ana again after bob: the hashed check, the same words
        assert_eq!(
            issues("ana,A,1\nbob,A,1\nana,B,1\nana,A,2\n"),
            ["b.csv:5: the same agent and activity as line 2"]
        );
        let long: String = (0..100).map(|i| format!("ana,A{i},1\n")).collect();
        assert_eq!(
            issues(&format!("{long}ana,A7,1\n")),
            ["b.csv:102: the same agent and activity as line 9"]
        );
        // a long run with a repeat twice and another: in row order, each naming the
        // latest earlier row (as the hashed check)
        let again = format!("{long}ana,A7,1\nana,A3,1\nana,A7,1\nbob,A7,1\n");
        let expected = [
            "b.csv:102: the same agent and activity as line 9",
            "b.csv:103: the same agent and activity as line 5",
            "b.csv:104: the same agent and activity as line 102",
        ];
        assert_eq!(issues(&again), expected);
        // the same file with ana's rows in two runs takes the hashed check: the same words
        let split = again.replacen("ana,A50,1\n", "ana,A50,1\ncarl,A1,1\n", 1);
        assert_eq!(
            issues(&split),
            [
                "b.csv:103: the same agent and activity as line 9",
                "b.csv:104: the same agent and activity as line 5",
                "b.csv:105: the same agent and activity as line 103",
            ]
        );
    }
}
