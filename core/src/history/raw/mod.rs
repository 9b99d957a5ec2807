//! Raw contact records (beyond the reference): one row per contact, as CSV or
//! JSON lines, aggregated into interval (or daily) history by arrival interval.
//!
//! Fields (the CSV header names and the JSON keys are the same, [`RAW_CSV_COLUMNS`]):
//!
//! | field | value |
//! |---|---|
//! | `contact_id` | required, unique in the file |
//! | `channel` | `VOICE`, `CHAT` or `TASK` (tasks are counted as excluded: history is VOICE and CHAT) |
//! | `queue_id`, `queue_name` | the history CSV's rules; may be empty for excluded initiation methods |
//! | `initiation_method` | an [`InitiationMethod`] name, e.g. `INBOUND` |
//! | `initiation_timestamp` | RFC 3339 instant (any offset; fractions of a second dropped) |
//! | `enqueue_timestamp` | optional (column may be absent, value empty or `null`); when given it is the arrival |
//! | `agent_interaction_seconds`, `hold_seconds`, `acw_seconds` | non-negative decimal seconds; empty or `null` = 0 |
//! | `answered` | `true` or `false` (JSON: a boolean) |
//!
//! Aggregation: a contact *arrives* at its enqueue timestamp, else its initiation
//! timestamp, and counts in the interval containing that instant (16:50 counts in
//! 16:45–17:00 for 15-minute intervals, 16:30–17:00 for 30-minute ones). Per queue ×
//! channel × interval: volume = INBOUND + TRANSFER + CALLBACK contacts; handled = those
//! answered; AHT = mean of interaction + hold + ACW over the handled ones (0 when none).
//! Other methods (OUTBOUND, …) and TASK contacts are excluded (counted in the summary).
//!
//! CSV: header row, columns by name in any order, other columns ignored (listed in the
//! summary); RFC 4180 quotes allowed (no line breaks inside quotes); blank lines are
//! errors. JSON lines: one object per line, other keys ignored; blank lines are errors.
//! Every problem is an [`InputIssue`](super::InputIssue) (JSON lines count from line 1,
//! CSV records from line 2), and a file with any issue yields no history.
//!
//! Memory: the aggregated intervals plus 12 bytes per contact for the duplicate-id check
//! (a 64-bit hash of the id; two different ids colliding — odds about n²/2⁶⁵, 3 in a
//! million for 10 million contacts — would be reported as a duplicate).

mod aggregate;
mod csv_format;
mod json_lines;

use std::borrow::Cow;
use std::io::BufRead;

use chrono::{DateTime, Utc};
use serde::Serialize;

use aggregate::Aggregator;
pub use aggregate::rollup_daily;

use super::fields::{self, quote};
use super::issue::{DEFAULT_MAX_ISSUES, IssueSink};
use super::lines::{Line, LineReader, MAX_LINE_BYTES};
use super::record::{Granularity, History, QueueId};
use crate::{Channel, CoreError, IntervalLength};

/// The field names, in the order a CSV export should use.
pub const RAW_CSV_COLUMNS: [&str; 11] = [
    "contact_id",
    "channel",
    "queue_id",
    "queue_name",
    "initiation_method",
    "initiation_timestamp",
    "enqueue_timestamp",
    "agent_interaction_seconds",
    "hold_seconds",
    "acw_seconds",
    "answered",
];

const CONTACT_ID: usize = 0;
const CHANNEL: usize = 1;
const QUEUE_ID: usize = 2;
const QUEUE_NAME: usize = 3;
const METHOD: usize = 4;
const INITIATION: usize = 5;
const ENQUEUE: usize = 6;
const INTERACTION: usize = 7;
const HOLD: usize = 8;
const ACW: usize = 9;
const ANSWERED: usize = 10;

/// Whether a field may be absent (column missing, value empty or `null`).
fn optional(field: usize) -> bool {
    matches!(field, ENQUEUE | INTERACTION | HOLD | ACW)
}

/// How a contact started (Amazon Connect's names). Only [`InitiationMethod::Inbound`],
/// [`InitiationMethod::Transfer`] and [`InitiationMethod::Callback`] count as incoming.
///
/// ```
/// use wfm_core::history::InitiationMethod;
/// let m: InitiationMethod = "CALLBACK".parse()?;
/// assert!(m.is_incoming());
/// assert!(!InitiationMethod::Outbound.is_incoming());
/// assert!("inbound".parse::<InitiationMethod>().is_err()); // upper case
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum InitiationMethod {
    /// A customer contacted the center.
    Inbound,
    /// An agent called out.
    Outbound,
    /// Transferred by an agent.
    Transfer,
    /// Transferred from one queue to another.
    QueueTransfer,
    /// A callback the customer asked for.
    Callback,
    /// Started through the API.
    Api,
    /// A disconnect flow.
    Disconnect,
    /// A supervisor monitoring.
    Monitor,
    /// A second outbound party.
    ExternalOutbound,
    /// An agent's reply (e.g. email).
    AgentReply,
    /// Started by a flow.
    Flow,
    /// A web/in-app call.
    WebrtcApi,
    /// An outbound campaign.
    Campaign,
}

impl InitiationMethod {
    /// Every method, with its file name.
    pub const ALL: [(Self, &'static str); 13] = [
        (Self::Inbound, "INBOUND"),
        (Self::Outbound, "OUTBOUND"),
        (Self::Transfer, "TRANSFER"),
        (Self::QueueTransfer, "QUEUE_TRANSFER"),
        (Self::Callback, "CALLBACK"),
        (Self::Api, "API"),
        (Self::Disconnect, "DISCONNECT"),
        (Self::Monitor, "MONITOR"),
        (Self::ExternalOutbound, "EXTERNAL_OUTBOUND"),
        (Self::AgentReply, "AGENT_REPLY"),
        (Self::Flow, "FLOW"),
        (Self::WebrtcApi, "WEBRTC_API"),
        (Self::Campaign, "CAMPAIGN"),
    ];

    /// Whether the contact counts in the incoming volume: INBOUND, TRANSFER, CALLBACK.
    ///
    /// ```
    /// use wfm_core::history::InitiationMethod;
    /// assert!(InitiationMethod::Transfer.is_incoming());
    /// assert!(!InitiationMethod::QueueTransfer.is_incoming());
    /// ```
    pub fn is_incoming(self) -> bool {
        matches!(self, Self::Inbound | Self::Transfer | Self::Callback)
    }

    /// The name used in files.
    ///
    /// ```
    /// use wfm_core::history::InitiationMethod;
    /// assert_eq!(InitiationMethod::QueueTransfer.as_str(), "QUEUE_TRANSFER");
    /// ```
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(m, _)| *m == self)
            .map_or("", |(_, n)| n)
    }

    /// Every name, comma-separated (for messages).
    ///
    /// ```
    /// use wfm_core::history::InitiationMethod;
    /// assert!(InitiationMethod::names().starts_with("INBOUND, OUTBOUND, TRANSFER"));
    /// ```
    pub fn names() -> String {
        Self::ALL.map(|(_, n)| n).join(", ")
    }
}

impl std::str::FromStr for InitiationMethod {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        Self::ALL
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(m, _)| *m)
            .ok_or_else(|| CoreError::UnknownInitiationMethod(s.to_owned()))
    }
}

/// The two raw-record formats.
///
/// ```
/// use wfm_core::history::RawFormat;
/// assert_ne!(RawFormat::Csv, RawFormat::JsonLines);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RawFormat {
    /// CSV with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// How to read and aggregate raw records.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{Granularity, RawFormat, RawOptions};
/// let o = RawOptions::new(RawFormat::Csv, IntervalLength::Fifteen);
/// assert_eq!(o.granularity, Granularity::Interval(IntervalLength::Fifteen));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawOptions {
    /// CSV or JSON lines.
    pub format: RawFormat,
    /// What to aggregate to: the workspace interval, or days.
    pub granularity: Granularity,
    /// How many issues to keep (all are counted).
    pub max_issues: usize,
}

impl RawOptions {
    /// Aggregation to the workspace interval; 10,000 issues kept.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{RawFormat, RawOptions};
    /// assert_eq!(RawOptions::new(RawFormat::JsonLines, IntervalLength::Thirty).max_issues, 10_000);
    /// ```
    pub fn new(format: RawFormat, interval: IntervalLength) -> Self {
        Self {
            format,
            granularity: Granularity::Interval(interval),
            max_issues: DEFAULT_MAX_ISSUES,
        }
    }
}

/// What a valid raw file held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawSummary {
    /// The file's display name.
    pub file: String,
    /// Contacts (data lines).
    pub contacts: u64,
    /// Incoming contacts counted in the volume.
    pub incoming: u64,
    /// Incoming contacts answered (handled).
    pub handled: u64,
    /// Contacts excluded by their initiation method (OUTBOUND, …).
    pub excluded_by_method: u64,
    /// Incoming contacts excluded by their channel (TASK).
    pub excluded_by_channel: u64,
    /// History records produced.
    pub records: u64,
    /// The earliest arrival.
    pub first_arrival: Option<DateTime<Utc>>,
    /// The latest arrival.
    pub last_arrival: Option<DateTime<Utc>>,
    /// CSV columns that were ignored.
    pub ignored_columns: Vec<String>,
}

/// The aggregated history and its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct RawImport {
    /// Queues and records, sorted by [`RecordKey`](super::RecordKey).
    pub history: History,
    /// Counts.
    pub summary: RawSummary,
}

/// One contact, validated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Contact<'a> {
    pub(crate) contact_id: &'a str,
    pub(crate) channel: Channel,
    pub(crate) queue: Option<(&'a str, &'a str)>,
    pub(crate) method: InitiationMethod,
    pub(crate) arrival: i64,
    pub(crate) handle_seconds: f64,
    pub(crate) answered: bool,
}

/// Reads raw contact records and aggregates them.
///
/// # Errors
/// [`CoreError::InvalidInput`] with every issue (first `max_issues` kept, all counted);
/// [`CoreError::Io`] if reading fails.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{read_raw_contacts, RawFormat, RawOptions};
/// let csv = "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds,answered\n\
///            c1,VOICE,q1,Sales,INBOUND,2024-07-01T16:50:00Z,200,20,30,true\n\
///            c2,VOICE,q1,Sales,TRANSFER,2024-07-01T16:59:59Z,100,0,0,true\n\
///            c3,VOICE,q1,Sales,CALLBACK,2024-07-01T16:46:00Z,,,,false\n\
///            c4,VOICE,q1,Sales,OUTBOUND,2024-07-01T16:47:00Z,500,0,0,true\n";
/// let out = read_raw_contacts("raw.csv", csv.as_bytes(), &RawOptions::new(RawFormat::Csv, IntervalLength::Fifteen))?;
/// let r = out.history.records[0];
/// assert_eq!(r.start_utc().format("%H:%M").to_string(), "16:45");
/// assert_eq!((r.volume, r.handled, r.aht_seconds), (3, 2, 175.0)); // (250 + 100) / 2
/// assert_eq!(out.summary.excluded_by_method, 1);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub fn read_raw_contacts<R: BufRead>(
    file: &str,
    input: R,
    options: &RawOptions,
) -> Result<RawImport, CoreError> {
    let mut issues = IssueSink::new(file, options.max_issues);
    let mut agg = Aggregator::new(options.granularity);
    let mut lines = LineReader::new(input);
    let mut ignored_columns = Vec::new();
    let io = |e: std::io::Error| CoreError::io(file, &e);
    match options.format {
        RawFormat::Csv => {
            let header = lines.next_line().map_err(io)?;
            let Some(layout) = csv_format::Layout::from_header(header, &mut issues) else {
                return Err(issues.into_error());
            };
            ignored_columns = layout.ignored().to_vec();
            while let Some((line, content)) = lines.next_line().map_err(io)? {
                let Some(text) = text_line(line, content, &mut issues) else {
                    continue;
                };
                if let Some(values) = layout.split(line, text, &mut issues) {
                    check_and_add(line, &values, &mut agg, &mut issues);
                }
            }
            if agg.contacts() == 0 && issues.is_empty() {
                issues.push(1, "", "the file has a header but no rows".into());
            }
        }
        RawFormat::JsonLines => {
            while let Some((line, content)) = lines.next_line().map_err(io)? {
                let Some(text) = text_line(line, content, &mut issues) else {
                    continue;
                };
                if let Some(values) = json_lines::values(line, text, &mut issues) {
                    check_and_add(line, &values, &mut agg, &mut issues);
                }
            }
            if lines.line() == 0 {
                issues.push(
                    1,
                    "",
                    "empty file: expected one JSON object per line".into(),
                );
            }
        }
    }
    agg.finish_duplicates(&mut issues);
    issues.into_result()?;
    let (history, mut summary) = agg.finish();
    summary.file = file.to_owned();
    summary.ignored_columns = ignored_columns;
    Ok(RawImport { history, summary })
}

/// The line's text, or `None` after reporting a blank, overlong or non-UTF-8 line.
fn text_line<'a>(line: u64, content: Line<'a>, issues: &mut IssueSink) -> Option<&'a str> {
    let bytes = match content {
        Line::TooLong(n) => {
            let reason = format!("line of {n} bytes is longer than the {MAX_LINE_BYTES} allowed");
            issues.push(line, "", reason);
            return None;
        }
        Line::Text(t) => t,
    };
    if bytes.iter().all(|b| matches!(b, b',' | b' ' | b'\t')) {
        issues.push(line, "", "blank line: blank rows are not allowed".into());
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let at = e.valid_up_to();
            let reason = format!(
                "not valid UTF-8 (byte 0x{:02X} at position {}): save the file as UTF-8",
                bytes[at],
                at + 1
            );
            issues.push(line, "", reason);
            None
        }
    }
}

/// Validates one contact's fields (text values by field index, `None` = absent) and
/// adds it to the aggregate.
fn check_and_add(
    line: u64,
    values: &[Option<Cow<'_, str>>; 11],
    agg: &mut Aggregator,
    issues: &mut IssueSink,
) {
    // Issues of this line, reported in field order.
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut push = |field: usize, reason: String| found.push((field, reason));
    let text = |i: usize| values[i].as_deref().unwrap_or("");
    for (i, v) in values.iter().enumerate() {
        if !optional(i)
            && i != QUEUE_ID
            && i != QUEUE_NAME
            && v.as_deref().is_none_or(str::is_empty)
        {
            push(i, "missing value".into());
        }
    }
    let channel = match text(CHANNEL) {
        "" => None,
        c => match c.parse::<Channel>() {
            Ok(c) => Some(c),
            Err(_) => {
                push(
                    CHANNEL,
                    format!(
                        "{} is not a channel: expected VOICE, CHAT or TASK",
                        quote(c.as_bytes())
                    ),
                );
                None
            }
        },
    };
    let method = match text(METHOD) {
        "" => None,
        m => match m.parse::<InitiationMethod>() {
            Ok(m) => Some(m),
            Err(e) => {
                push(METHOD, e.to_string());
                None
            }
        },
    };
    let (qid, qname) = (text(QUEUE_ID), text(QUEUE_NAME));
    let queue_needed = method.is_none_or(InitiationMethod::is_incoming);
    let queue = if qid.is_empty() && qname.is_empty() && !queue_needed {
        None
    } else {
        if let Err(reason) = QueueId::check(qid) {
            push(QUEUE_ID, reason);
        }
        if let Err(reason) = fields::check_text(qname.as_bytes()) {
            push(QUEUE_NAME, reason);
        }
        Some((qid, qname))
    };
    let mut instant = |field: usize| match text(field) {
        "" => None,
        t => match fields::parse_instant(t.as_bytes()) {
            Ok(s) => Some(s),
            Err(reason) => {
                push(field, reason);
                None
            }
        },
    };
    let initiation = instant(INITIATION);
    let enqueue = instant(ENQUEUE);
    let mut handle_seconds = 0.0;
    for field in [INTERACTION, HOLD, ACW] {
        match text(field) {
            "" => {}
            t => match fields::parse_seconds(t.as_bytes()) {
                Ok(s) => handle_seconds += s,
                Err(reason) => push(field, reason),
            },
        }
    }
    let answered = match text(ANSWERED) {
        "" => None,
        a if a.eq_ignore_ascii_case("true") => Some(true),
        a if a.eq_ignore_ascii_case("false") => Some(false),
        a => {
            push(
                ANSWERED,
                format!("{} is not true or false", quote(a.as_bytes())),
            );
            None
        }
    };
    if !found.is_empty() {
        found.sort_by_key(|(field, _)| *field);
        for (field, reason) in found {
            issues.push(line, RAW_CSV_COLUMNS[field], reason);
        }
        return;
    }
    let (Some(channel), Some(method), Some(initiation), Some(answered)) =
        (channel, method, initiation, answered)
    else {
        return;
    };
    let contact = Contact {
        contact_id: text(CONTACT_ID),
        channel,
        queue,
        method,
        arrival: enqueue.unwrap_or(initiation),
        handle_seconds,
        answered,
    };
    agg.add(line, &contact, issues);
}
