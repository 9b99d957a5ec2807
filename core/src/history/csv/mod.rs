//! The streaming reader and validator of the interval/daily history CSV.
//!
//! The header must be exactly [`HISTORY_HEADER_LINE`]. Each row is checked against every
//! rule, and every problem is reported as an [`InputIssue`] (file, line, column, reason):
//!
//! * `QueueName`, `QueueId`: not empty; only letters, digits, spaces and `- _ . ( )`;
//!   a `QueueId` has no leading or trailing space; one `QueueId` keeps one `QueueName`
//!   within a file.
//! * `ChannelType`: `VOICE` or `CHAT`, upper case.
//! * `TimeStamp`: ISO 8601 UTC ending in `Z`, from 1970 on, on the boundary of its
//!   duration (a multiple of 15 or 30 minutes; 00:00:00Z for `daily`).
//! * `IntervalDuration`: `15mins` or `30mins` equal to the workspace interval, or `daily`.
//! * `IncomingContactVolume`, `ContactsHandled`: non-negative whole numbers.
//! * `AverageHandleTime`: non-negative decimal seconds (no sign, no exponent).
//! * a volume above the absolute cap of [`implausible_volume`](super::implausible_volume)
//!   is *not* an error: the row is imported and named in [`HistorySummary::implausible`]
//!   (a warning with file and line); forecasts leave it out of their fits.
//! * exactly 8 fields per row; no blank lines (a single final line break is fine);
//!   UTF-8 text (a UTF-8 byte-order mark is dropped; `\r\n` line ends are accepted);
//!   lines of at most 64 KiB; at least one row; no two rows with the same queue,
//!   channel, duration and timestamp (reported at the later line, naming the earlier).
//!
//! If the header does not have 8 fields the rows are not checked (their meaning is
//! unknown); with 8 misnamed fields they are checked in the standard order.
//!
//! [`HistoryCsvReader`] streams: it yields validated records in chunks so an importer can
//! write while parsing; it stops yielding as soon as one issue is found and reads on only
//! to report every issue. Records yielded are provisional until
//! [`HistoryCsvReader::finish`] returns `Ok` (duplicates among out-of-order rows are only
//! known at the end): write them inside a transaction and roll back on `Err`.
//! Memory: the current chunk, the queue table and 8 bytes per accepted row for the
//! duplicate check — not the file.

use std::io::BufRead;

use chrono::{DateTime, Utc};
use serde::Serialize;

mod rows;

use rows::RowChecker;

use super::issue::{DEFAULT_MAX_ISSUES, InputIssue};
use super::lines::{Line, LineReader, MAX_LINE_BYTES};
use super::record::{History, HistoryRecord, QueueTable};
use crate::{CoreError, IntervalLength};

/// The header's column names, in order.
pub const HISTORY_HEADER: [&str; 8] = [
    "QueueName",
    "QueueId",
    "ChannelType",
    "TimeStamp",
    "IntervalDuration",
    "IncomingContactVolume",
    "AverageHandleTime",
    "ContactsHandled",
];

/// The header line, exactly.
pub const HISTORY_HEADER_LINE: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled";

/// How to read a history CSV.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::HistoryCsvOptions;
/// let o = HistoryCsvOptions::new(IntervalLength::Fifteen);
/// assert_eq!(o.max_issues, 10_000);
/// assert_eq!(o.chunk_rows, 65_536);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryCsvOptions {
    /// The workspace interval: `15mins`/`30mins` rows must equal it.
    pub interval: IntervalLength,
    /// How many issues to keep (all are counted).
    pub max_issues: usize,
    /// Records per chunk yielded by [`HistoryCsvReader::next_chunk`] (at least 1).
    pub chunk_rows: usize,
}

impl HistoryCsvOptions {
    /// Defaults for a workspace with this interval: keep 10,000 issues, chunks of 65,536
    /// records.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// let o = wfm_core::history::HistoryCsvOptions::new(IntervalLength::Thirty);
    /// assert_eq!(o.interval, IntervalLength::Thirty);
    /// ```
    pub fn new(interval: IntervalLength) -> Self {
        Self {
            interval,
            max_issues: DEFAULT_MAX_ISSUES,
            chunk_rows: 65_536,
        }
    }
}

/// What a valid file held.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{read_history_csv, HistoryCsvOptions};
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
///            Sales,q1,VOICE,2024-07-01T00:00:00Z,daily,120,300.5,118\n";
/// let s = read_history_csv("h.csv", csv.as_bytes(), &HistoryCsvOptions::new(IntervalLength::Fifteen))?.summary;
/// assert_eq!((s.rows, s.daily_rows, s.volume, s.handled, s.queues), (1, 1, 120, 118, 1));
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistorySummary {
    /// The file's display name.
    pub file: String,
    /// Data rows (records).
    pub rows: u64,
    /// Rows of the workspace interval (short-term data).
    pub interval_rows: u64,
    /// `daily` rows (long-term data).
    pub daily_rows: u64,
    /// Distinct queues.
    pub queues: usize,
    /// Sum of `IncomingContactVolume`.
    pub volume: u64,
    /// Sum of `ContactsHandled`.
    pub handled: u64,
    /// The earliest `TimeStamp`.
    pub first_start: Option<DateTime<Utc>>,
    /// The latest `TimeStamp`.
    pub last_start: Option<DateTime<Utc>>,
    /// Bytes read.
    pub bytes: u64,
    /// Rows whose volume is implausible (above the absolute cap of
    /// [`implausible_volume`](crate::history::implausible_volume)): imported, to be
    /// shown as warnings; the first [`MAX_WARNINGS`] with file, line and reason.
    pub implausible: Vec<InputIssue>,
    /// How many rows are implausible in all.
    pub implausible_rows: u64,
}

/// The implausible rows a [`HistorySummary`] names (it counts them all).
pub const MAX_WARNINGS: usize = 100;

/// A chunk of validated records and the queue table their indexes point into (it grows
/// as the file is read: queues with an index ≥ what the importer saw last are new).
#[derive(Debug, Clone, Copy)]
pub struct HistoryChunk<'a> {
    /// The records, in file order.
    pub records: &'a [HistoryRecord],
    /// Every queue seen so far.
    pub queues: &'a QueueTable,
}

/// A whole valid file in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryImport {
    /// Queues and records, in file order.
    pub history: History,
    /// Counts and totals.
    pub summary: HistorySummary,
}

/// Reads a whole history CSV into memory (see [`HistoryCsvReader`] to stream instead).
///
/// # Errors
/// [`CoreError::InvalidInput`] with every issue (the first `max_issues` kept, all
/// counted); [`CoreError::Io`] if reading fails.
///
/// ```
/// use wfm_core::{CoreError, IntervalLength};
/// use wfm_core::history::{read_history_csv, HistoryCsvOptions};
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
///            Sales,q1,VOICE,2024-07-01T08:10:00Z,15mins,-3,300,118\n";
/// let err = read_history_csv("h.csv", csv.as_bytes(), &HistoryCsvOptions::new(IntervalLength::Fifteen)).unwrap_err();
/// let lines: Vec<String> = err.issues().iter().map(ToString::to_string).collect();
/// assert_eq!(lines, [
///     "h.csv:2: TimeStamp: \"2024-07-01T08:10:00Z\" is not on a 15-minute boundary: intervals start at :00, :15, :30 or :45 with 0 seconds",
///     "h.csv:2: IncomingContactVolume: \"-3\" is negative: a non-negative whole number is needed",
/// ]);
/// ```
pub fn read_history_csv<R: BufRead>(
    file: &str,
    input: R,
    options: &HistoryCsvOptions,
) -> Result<HistoryImport, CoreError> {
    let mut reader = HistoryCsvReader::new(file, input, options.clone());
    let mut records = Vec::new();
    while let Some(chunk) = reader.next_chunk()? {
        records.extend_from_slice(chunk.records);
    }
    let queues = reader.queues().clone();
    let summary = reader.finish()?;
    Ok(HistoryImport {
        history: History { queues, records },
        summary,
    })
}

/// The streaming history CSV reader.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
///            Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,12,240,11\n\
///            Sales,q1,CHAT,2024-07-01T08:15:00Z,15mins,3,600.5,3\n";
/// let mut options = HistoryCsvOptions::new(IntervalLength::Fifteen);
/// options.chunk_rows = 1;
/// let mut reader = HistoryCsvReader::new("h.csv", csv.as_bytes(), options);
/// let mut written = 0;
/// let mut queues_seen = 0;
/// while let Some(chunk) = reader.next_chunk()? {
///     for (q, id, name) in chunk.queues.iter().skip(queues_seen) {
///         // an importer would insert the new queue here
///         assert_eq!((q.0, id.as_str(), name), (0, "q1", "Sales"));
///     }
///     queues_seen = chunk.queues.len();
///     written += chunk.records.len(); // an importer would write inside a transaction
/// }
/// let summary = reader.finish()?; // Err → roll back
/// assert_eq!((written, summary.rows, summary.volume), (2, 2, 15));
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub struct HistoryCsvReader<R> {
    lines: LineReader<R>,
    rows: RowChecker,
    chunk: Vec<HistoryRecord>,
    chunk_rows: usize,
    started: bool,
    done: bool,
}

impl<R: BufRead> HistoryCsvReader<R> {
    /// A reader of `input`, called `file` in issues.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let reader = HistoryCsvReader::new("h.csv", &b""[..], HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// assert!(reader.finish().is_err()); // an empty file
    /// ```
    pub fn new(file: &str, input: R, options: HistoryCsvOptions) -> Self {
        Self {
            lines: LineReader::new(input),
            rows: RowChecker::new(file, &options),
            chunk: Vec::new(),
            chunk_rows: options.chunk_rows.max(1),
            started: false,
            done: false,
        }
    }

    /// The next chunk of validated records, or `None` at the end of the input. Once an
    /// issue is found no more records are yielded: the call reads to the end, collecting
    /// issues, and returns `None`.
    ///
    /// # Errors
    /// [`CoreError::Io`] if reading fails.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
    ///            Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,12,240,11\n\
    ///            Sales,q1,VOICE,2024-07-01T08:30:00Z,15mins,1.5,240,11\n";
    /// let mut reader = HistoryCsvReader::new("h.csv", csv.as_bytes(), HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// assert!(reader.next_chunk()?.is_none()); // invalid: nothing to write
    /// assert_eq!(reader.issue_count(), 1);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn next_chunk(&mut self) -> Result<Option<HistoryChunk<'_>>, CoreError> {
        self.chunk.clear();
        if !self.done {
            self.fill()?;
        }
        if self.chunk.is_empty() {
            Ok(None)
        } else {
            Ok(Some(HistoryChunk {
                records: &self.chunk,
                queues: &self.rows.queues,
            }))
        }
    }

    fn fill(&mut self) -> Result<(), CoreError> {
        let io = |e: std::io::Error, rows: &RowChecker| CoreError::io(rows.issues.file(), &e);
        if !self.started {
            self.started = true;
            let first = self.lines.next_line().map_err(|e| io(e, &self.rows))?;
            self.rows.header(first);
        }
        while self.chunk.len() < self.chunk_rows {
            if !self.rows.check_rows {
                self.done = true;
                break;
            }
            let next = self.lines.next_line().map_err(|e| io(e, &self.rows))?;
            let Some((line, content)) = next else {
                self.done = true;
                break;
            };
            match content {
                Line::Text(text) => self.rows.row(line, text, &mut self.chunk),
                Line::TooLong(bytes) => self.rows.issues.push(
                    line,
                    "",
                    format!("line of {bytes} bytes is longer than the {MAX_LINE_BYTES} allowed"),
                ),
            }
            if !self.rows.issues.is_empty() && !self.chunk.is_empty() {
                self.chunk.clear();
            }
        }
        if self.done {
            self.rows.end(self.lines.bytes_read());
            self.chunk.clear_if(!self.rows.issues.is_empty());
        }
        Ok(())
    }

    /// Every queue seen so far.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let r = HistoryCsvReader::new("h.csv", &b""[..], HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// assert!(r.queues().is_empty());
    /// ```
    pub fn queues(&self) -> &QueueTable {
        &self.rows.queues
    }

    /// Issues found so far (all counted, kept or not).
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let r = HistoryCsvReader::new("h.csv", &b""[..], HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// assert_eq!(r.issue_count(), 0); // nothing read yet
    /// ```
    pub fn issue_count(&self) -> u64 {
        self.rows.issues.total()
    }

    /// Bytes read so far (for progress bars).
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let r = HistoryCsvReader::new("h.csv", &b""[..], HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// assert_eq!(r.bytes_read(), 0);
    /// ```
    pub fn bytes_read(&self) -> u64 {
        self.lines.bytes_read()
    }

    /// Reads what is left and returns the summary, or every issue.
    ///
    /// # Errors
    /// [`CoreError::InvalidInput`] listing the issues (first `max_issues`, all counted);
    /// [`CoreError::Io`] if reading fails.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{HistoryCsvOptions, HistoryCsvReader};
    /// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n";
    /// let r = HistoryCsvReader::new("h.csv", csv.as_bytes(), HistoryCsvOptions::new(IntervalLength::Fifteen));
    /// let err = r.finish().unwrap_err();
    /// assert_eq!(err.issues()[0].to_string(), "h.csv:1: the file has a header but no rows");
    /// ```
    pub fn finish(mut self) -> Result<HistorySummary, CoreError> {
        while !self.done {
            self.chunk.clear();
            self.fill()?;
        }
        let RowChecker {
            issues,
            summary,
            queues,
            ..
        } = self.rows;
        issues.into_result()?;
        Ok(HistorySummary {
            queues: queues.len(),
            ..summary
        })
    }
}

trait ClearIf {
    fn clear_if(&mut self, condition: bool);
}

impl<T> ClearIf for Vec<T> {
    fn clear_if(&mut self, condition: bool) {
        if condition {
            self.clear();
        }
    }
}
