//! The per-row validator of the history CSV: the header check, each field's rules, the
//! queue interner with its one-name-per-id rule, and the end-of-file checks.

use chrono::DateTime;

use super::{HISTORY_HEADER, HISTORY_HEADER_LINE, HistoryCsvOptions, HistorySummary};
use crate::history::dupes::DuplicateIndex;
use crate::history::fields::{self, quote};
use crate::history::issue::{InputIssue, IssueSink};
use crate::history::lines::Line;
use crate::history::record::{Granularity, HistoryRecord, QueueId, QueueIx, QueueTable};
use crate::{Channel, IntervalLength};

const NAME: usize = 0;
const ID: usize = 1;
const CHANNEL: usize = 2;
const TIMESTAMP: usize = 3;
const DURATION: usize = 4;
const VOLUME: usize = 5;
const AHT: usize = 6;
const HANDLED: usize = 7;

/// The per-row validator and its state.
pub(super) struct RowChecker {
    pub(super) issues: IssueSink,
    interval: IntervalLength,
    pub(super) queues: QueueTable,
    queue_first_line: Vec<u64>,
    last_queue: Option<QueueIx>,
    /// For each queue, the queue of the row that followed it last time: files sorted
    /// by time then queue cycle through the queues in a fixed order.
    next_after: Vec<Option<QueueIx>>,
    dupes: DuplicateIndex,
    pub(super) summary: HistorySummary,
    first: i64,
    last: i64,
    pub(super) check_rows: bool,
}

impl RowChecker {
    pub(super) fn new(file: &str, options: &HistoryCsvOptions) -> Self {
        Self {
            issues: IssueSink::new(file, options.max_issues),
            interval: options.interval,
            queues: QueueTable::new(),
            queue_first_line: Vec::new(),
            last_queue: None,
            next_after: Vec::new(),
            dupes: DuplicateIndex::default(),
            summary: HistorySummary {
                file: file.to_owned(),
                rows: 0,
                interval_rows: 0,
                daily_rows: 0,
                queues: 0,
                volume: 0,
                handled: 0,
                first_start: None,
                last_start: None,
                bytes: 0,
                implausible: Vec::new(),
                implausible_rows: 0,
            },
            first: i64::MAX,
            last: i64::MIN,
            check_rows: false,
        }
    }

    pub(super) fn header(&mut self, first: Option<(u64, Line<'_>)>) {
        let text = match first {
            None => {
                let reason = format!("empty file: expected the header {HISTORY_HEADER_LINE}");
                return self.issues.push(1, "", reason);
            }
            Some((_, Line::TooLong(_))) => {
                let reason = format!("the first line is not the header {HISTORY_HEADER_LINE}");
                return self.issues.push(1, "", reason);
            }
            Some((_, Line::Text(t))) => t,
        };
        if text.starts_with(b"\xFF\xFE") || text.starts_with(b"\xFE\xFF") {
            return self
                .issues
                .push(1, "", "the file is UTF-16: save it as UTF-8".into());
        }
        let Ok(text) = std::str::from_utf8(text) else {
            return self
                .issues
                .push(1, "", "the file is not UTF-8 text: save it as UTF-8".into());
        };
        if text.trim().is_empty() {
            let reason = format!("blank first line: expected the header {HISTORY_HEADER_LINE}");
            return self.issues.push(1, "", reason);
        }
        let found: Vec<&str> = text.split(',').collect();
        for (i, expected) in HISTORY_HEADER.iter().enumerate() {
            match found.get(i) {
                Some(f) if f == expected => {}
                Some(f) => {
                    let hint = if f.eq_ignore_ascii_case(expected) {
                        " (names are case-sensitive)"
                    } else {
                        ""
                    };
                    let reason = format!(
                        "column {} is {:?}, expected {expected:?}{hint}: the header must be \
                         exactly {HISTORY_HEADER_LINE}",
                        i + 1,
                        f
                    );
                    self.issues.push(1, f, reason);
                }
                None => self.issues.push(
                    1,
                    "",
                    format!("missing column {expected}: the header must be exactly {HISTORY_HEADER_LINE}"),
                ),
            }
        }
        for (i, extra) in found.iter().enumerate().skip(HISTORY_HEADER.len()) {
            let reason = format!(
                "extra column {} {extra:?}: the header must be exactly {HISTORY_HEADER_LINE}",
                i + 1
            );
            self.issues.push(1, extra, reason);
        }
        self.check_rows = found.len() == HISTORY_HEADER.len();
    }

    #[inline]
    pub(super) fn row(&mut self, line: u64, text: &[u8], out: &mut Vec<HistoryRecord>) {
        if text.iter().all(|b| matches!(b, b',' | b' ' | b'\t')) {
            return self
                .issues
                .push(line, "", "blank line: blank rows are not allowed".into());
        }
        if !text.is_ascii()
            && let Err(e) = std::str::from_utf8(text)
        {
            let at = e.valid_up_to();
            let commas = text[..at].iter().filter(|&&b| b == b',').count();
            let column = HISTORY_HEADER.get(commas).copied().unwrap_or("");
            let reason = format!(
                "not valid UTF-8 (byte 0x{:02X} at position {}): save the file as UTF-8",
                text[at],
                at + 1
            );
            return self.issues.push(line, column, reason);
        }
        let (f, n) = split_fields(text);
        if n != 8 {
            let reason = if n < 8 {
                format!(
                    "has {n} fields, expected 8: missing {}",
                    HISTORY_HEADER[n..].join(", ")
                )
            } else {
                format!("has {n} fields, expected 8: an extra column, or a comma inside a value")
            };
            return self.issues.push(line, "", reason);
        }
        let before = self.issues.total();
        let queue = self.queue(line, f[NAME], f[ID]);
        let channel = self.channel(line, f[CHANNEL]);
        let start = match fields::parse_utc(f[TIMESTAMP]) {
            Ok(s) => Some(s),
            Err(reason) => {
                self.issues.push(line, HISTORY_HEADER[TIMESTAMP], reason);
                None
            }
        };
        let granularity = self.granularity(line, f[DURATION]);
        if let (Some(start), Some(g)) = (start, granularity)
            && !g.is_boundary(start)
        {
            let reason = off_boundary(f[TIMESTAMP], g);
            self.issues.push(line, HISTORY_HEADER[TIMESTAMP], reason);
        }
        let volume = self.count(line, VOLUME, f[VOLUME]);
        let aht = match fields::parse_seconds(f[AHT]) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.issues.push(line, HISTORY_HEADER[AHT], reason);
                None
            }
        };
        let handled = self.count(line, HANDLED, f[HANDLED]);
        if self.issues.total() != before {
            return;
        }
        let (
            Some(queue),
            Some(channel),
            Some(start),
            Some(granularity),
            Some(volume),
            Some(aht),
            Some(handled),
        ) = (queue, channel, start, granularity, volume, aht, handled)
        else {
            return;
        };
        self.dupes.add(queue, channel, granularity, start, line);
        self.tally(line, granularity, start, volume, handled);
        if !self.issues.is_empty() {
            return; // the file is invalid: keep checking, stop collecting
        }
        out.push(HistoryRecord {
            queue,
            channel,
            granularity,
            start,
            volume,
            aht_seconds: aht,
            handled,
        });
    }

    /// Counts a valid row (`line`) in the summary and the covered span.
    #[inline]
    fn tally(
        &mut self,
        line: u64,
        granularity: Granularity,
        start: i64,
        volume: u64,
        handled: u64,
    ) {
        let s = &mut self.summary;
        s.rows += 1;
        if granularity.is_interval() {
            s.interval_rows += 1;
        } else {
            s.daily_rows += 1;
        }
        s.volume = s.volume.saturating_add(volume);
        s.handled = s.handled.saturating_add(handled);
        if let Some(reason) = super::super::implausible_volume(volume, granularity) {
            s.implausible_rows += 1;
            if s.implausible.len() < super::MAX_WARNINGS {
                s.implausible.push(InputIssue::new(
                    s.file.clone(),
                    line,
                    HISTORY_HEADER[VOLUME],
                    reason,
                ));
            }
        }
        self.first = self.first.min(start);
        self.last = self.last.max(start);
    }

    /// The queue of a row, interned; the last queue is cached (rows usually come grouped
    /// by queue), so the common case is two byte comparisons.
    #[inline]
    fn queue(&mut self, line: u64, name: &[u8], id: &[u8]) -> Option<QueueIx> {
        let prev = self.last_queue;
        let predicted = prev.and_then(|p| self.next_after[p.index()]);
        for q in [prev, predicted].into_iter().flatten() {
            if self.queues.id(q).as_str().as_bytes() == id && self.queues.name(q).as_bytes() == name
            {
                self.follow(q);
                return Some(q);
            }
        }
        // Both fields are UTF-8: the line was checked.
        let id_text = std::str::from_utf8(id).unwrap_or("");
        let name_text = std::str::from_utf8(name).unwrap_or("");
        let known = self.queues.get(id_text);
        if let Some(q) = known
            && self.queues.name(q) == name_text
        {
            // a known queue: id and name were checked when it was first seen
            self.follow(q);
            return Some(q);
        }
        let name_ok = match fields::check_text(name) {
            Ok(()) => true,
            Err(reason) => {
                self.issues.push(line, HISTORY_HEADER[NAME], reason);
                false
            }
        };
        if let Some(q) = known {
            if name_ok {
                let reason = format!(
                    "{} differs from {:?}, the name of QueueId {id_text:?} on line {}: one \
                     queue has one name",
                    quote(name),
                    self.queues.name(q),
                    self.queue_first_line[q.index()]
                );
                self.issues.push(line, HISTORY_HEADER[NAME], reason);
            }
            return None;
        }
        if let Err(reason) = QueueId::check(id_text) {
            self.issues.push(line, HISTORY_HEADER[ID], reason);
            return None;
        }
        if !name_ok {
            return None;
        }
        self.queue_first_line.push(line);
        let q = self
            .queues
            .intern(QueueId::new_unchecked(id_text), name_text);
        self.next_after.push(None);
        self.follow(q);
        Some(q)
    }

    /// Notes that `q` is the current row's queue.
    #[inline]
    fn follow(&mut self, q: QueueIx) {
        if let Some(p) = self.last_queue
            && p != q
        {
            self.next_after[p.index()] = Some(q);
        }
        self.last_queue = Some(q);
    }

    #[inline]
    fn channel(&mut self, line: u64, field: &[u8]) -> Option<Channel> {
        match field {
            b"VOICE" => return Some(Channel::Voice),
            b"CHAT" => return Some(Channel::Chat),
            _ => {}
        }
        let reason = if field.is_empty() {
            "missing value".to_owned()
        } else if field.eq_ignore_ascii_case(b"VOICE") || field.eq_ignore_ascii_case(b"CHAT") {
            format!("{} must be upper case: VOICE or CHAT", quote(field))
        } else {
            format!("{} is not a channel: expected VOICE or CHAT", quote(field))
        };
        self.issues.push(line, HISTORY_HEADER[CHANNEL], reason);
        None
    }

    #[inline]
    fn granularity(&mut self, line: u64, field: &[u8]) -> Option<Granularity> {
        let g = match field {
            b"15mins" => Granularity::Interval(IntervalLength::Fifteen),
            b"30mins" => Granularity::Interval(IntervalLength::Thirty),
            b"daily" => Granularity::Daily,
            _ => {
                let reason = if field.is_empty() {
                    "missing value".to_owned()
                } else {
                    format!(
                        "{} is not a duration: expected 15mins, 30mins or daily",
                        quote(field)
                    )
                };
                self.issues.push(line, HISTORY_HEADER[DURATION], reason);
                return None;
            }
        };
        if let Granularity::Interval(i) = g
            && i != self.interval
        {
            let reason = format!(
                "{} rows cannot be loaded into a workspace with {}-minute intervals: use {} \
                 (or daily)",
                i,
                self.interval.minutes(),
                self.interval
            );
            self.issues.push(line, HISTORY_HEADER[DURATION], reason);
            return None;
        }
        Some(g)
    }

    #[inline]
    fn count(&mut self, line: u64, column: usize, field: &[u8]) -> Option<u64> {
        match fields::parse_count(field) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.issues.push(line, HISTORY_HEADER[column], reason);
                None
            }
        }
    }

    /// End of input: the header-only check and the duplicates.
    pub(super) fn end(&mut self, bytes: u64) {
        self.summary.bytes = bytes;
        if self.check_rows && self.summary.rows == 0 && self.issues.is_empty() {
            self.issues
                .push(1, "", "the file has a header but no rows".into());
        }
        for d in self.dupes.finish() {
            let reason = format!(
                "duplicate row: line {} has the same QueueId, ChannelType, IntervalDuration and \
                 TimeStamp",
                d.first_line
            );
            self.issues.push(d.line, "", reason);
        }
        if self.summary.rows > 0 {
            self.summary.first_start = DateTime::from_timestamp(self.first, 0);
            self.summary.last_start = DateTime::from_timestamp(self.last, 0);
        }
    }
}

/// The first 8 comma-separated fields of a line and the number of fields; one pass, no
/// allocation.
#[inline]
fn split_fields(text: &[u8]) -> ([&[u8]; 8], usize) {
    let mut f: [&[u8]; 8] = [&[]; 8];
    let mut n = 0usize;
    let mut start = 0usize;
    for (i, &b) in text.iter().enumerate() {
        if b == b',' {
            if n < 8 {
                f[n] = &text[start..i];
            }
            n += 1;
            start = i + 1;
        }
    }
    if n < 8 {
        f[n] = &text[start..];
    }
    (f, n + 1)
}

/// Why `field`, a valid instant, cannot start a row of granularity `g`.
#[cold]
fn off_boundary(field: &[u8], g: Granularity) -> String {
    match g {
        Granularity::Daily => format!(
            "{} is not the start of a day: daily rows start at 00:00:00Z",
            quote(field)
        ),
        Granularity::Interval(i) => format!(
            "{} is not on a {}-minute boundary: intervals start at {} with 0 seconds",
            quote(field),
            i.minutes(),
            match i {
                IntervalLength::Fifteen => ":00, :15, :30 or :45",
                IntervalLength::Thirty => ":00 or :30",
            }
        ),
    }
}
