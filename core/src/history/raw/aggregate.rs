//! Aggregation of validated contacts into history records by arrival interval, the
//! duplicate contact-id check, and the roll-up of interval records into days.

use std::collections::HashMap;
use std::collections::hash_map::{DefaultHasher, Entry};
use std::hash::{Hash, Hasher};

use chrono::DateTime;

use super::{Contact, RawSummary};
use crate::Channel;
use crate::history::fields::quote;
use crate::history::issue::IssueSink;
use crate::history::record::{Granularity, History, HistoryRecord, QueueId, QueueTable, RecordKey};

#[derive(Debug, Default, Clone, Copy)]
struct Acc {
    volume: u64,
    handled: u64,
    handle_seconds: f64,
}

impl Acc {
    fn record(self, key: RecordKey) -> HistoryRecord {
        HistoryRecord {
            queue: key.queue,
            channel: key.channel,
            granularity: key.granularity,
            start: key.start,
            volume: self.volume,
            aht_seconds: if self.handled == 0 {
                0.0
            } else {
                self.handle_seconds / self.handled as f64
            },
            handled: self.handled,
        }
    }
}

/// Contacts in, history records out.
pub(super) struct Aggregator {
    granularity: Granularity,
    queues: QueueTable,
    queue_first_line: Vec<u64>,
    buckets: HashMap<RecordKey, Acc>,
    /// 64-bit hash of each contact id → its line.
    ids: HashMap<u64, u32>,
    duplicates: Vec<(u64, u64, String)>,
    summary: RawSummary,
    first: i64,
    last: i64,
}

impl Aggregator {
    pub(super) fn new(granularity: Granularity) -> Self {
        Self {
            granularity,
            queues: QueueTable::new(),
            queue_first_line: Vec::new(),
            buckets: HashMap::new(),
            ids: HashMap::new(),
            duplicates: Vec::new(),
            summary: RawSummary {
                file: String::new(),
                contacts: 0,
                incoming: 0,
                handled: 0,
                excluded_by_method: 0,
                excluded_by_channel: 0,
                records: 0,
                first_arrival: None,
                last_arrival: None,
                ignored_columns: Vec::new(),
            },
            first: i64::MAX,
            last: i64::MIN,
        }
    }

    /// Contacts accepted so far.
    pub(super) fn contacts(&self) -> u64 {
        self.summary.contacts
    }

    /// Adds one valid contact (its fields checked; the queue name's consistency and the
    /// id's uniqueness are checked here).
    pub(super) fn add(&mut self, line: u64, c: &Contact<'_>, issues: &mut IssueSink) {
        let mut h = DefaultHasher::new();
        c.contact_id.hash(&mut h);
        match self.ids.entry(h.finish()) {
            Entry::Occupied(first) => {
                self.duplicates
                    .push((line, u64::from(*first.get()), c.contact_id.to_owned()));
                return;
            }
            Entry::Vacant(v) => {
                v.insert(u32::try_from(line).unwrap_or(u32::MAX));
            }
        }
        let queue = match c.queue {
            None => None,
            Some((id, name)) => match self.queues.get(id) {
                Some(q) if self.queues.name(q) != name => {
                    let reason = format!(
                        "{} differs from {:?}, the name of queue_id {id:?} on line {}: one \
                         queue has one name",
                        quote(name.as_bytes()),
                        self.queues.name(q),
                        self.queue_first_line[q.index()]
                    );
                    issues.push(line, "queue_name", reason);
                    return;
                }
                Some(q) => Some(q),
                None => {
                    self.queue_first_line.push(line);
                    Some(self.queues.intern(QueueId::new_unchecked(id), name))
                }
            },
        };
        self.summary.contacts += 1;
        self.first = self.first.min(c.arrival);
        self.last = self.last.max(c.arrival);
        if !c.method.is_incoming() {
            self.summary.excluded_by_method += 1;
            return;
        }
        if !matches!(c.channel, Channel::Voice | Channel::Chat) {
            self.summary.excluded_by_channel += 1;
            return;
        }
        let Some(queue) = queue else { return };
        let key = RecordKey {
            queue,
            channel: c.channel,
            granularity: self.granularity,
            start: self.granularity.floor(c.arrival),
        };
        let acc = self.buckets.entry(key).or_default();
        acc.volume += 1;
        self.summary.incoming += 1;
        if c.answered {
            acc.handled += 1;
            acc.handle_seconds += c.handle_seconds;
            self.summary.handled += 1;
        }
    }

    /// Reports every duplicate contact id, naming the first line.
    pub(super) fn finish_duplicates(&mut self, issues: &mut IssueSink) {
        for (line, first, id) in self.duplicates.drain(..) {
            let reason = format!("contact {} is also on line {first}", quote(id.as_bytes()));
            issues.push(line, "contact_id", reason);
        }
    }

    /// The history, sorted by key, and the summary.
    pub(super) fn finish(self) -> (History, RawSummary) {
        let mut records: Vec<HistoryRecord> = self
            .buckets
            .into_iter()
            .map(|(k, acc)| acc.record(k))
            .collect();
        records.sort_unstable_by_key(HistoryRecord::key);
        let mut summary = self.summary;
        summary.records = records.len() as u64;
        if summary.contacts > 0 {
            summary.first_arrival = DateTime::from_timestamp(self.first, 0);
            summary.last_arrival = DateTime::from_timestamp(self.last, 0);
        }
        (
            History {
                queues: self.queues,
                records,
            },
            summary,
        )
    }
}

/// Rolls interval records up into daily ones (UTC days): volumes and handled contacts
/// summed, AHT weighted by handled contacts. Daily records in the input are ignored.
/// The result is sorted by key.
///
/// ```
/// use wfm_core::{Channel, IntervalLength};
/// use wfm_core::history::{rollup_daily, Granularity, HistoryRecord, QueueIx};
/// let at = |start: i64, handled: u64, aht: f64| HistoryRecord { queue: QueueIx(0), channel: Channel::Voice,
///     granularity: Granularity::Interval(IntervalLength::Fifteen), start, volume: handled + 1, aht_seconds: aht, handled };
/// let days = rollup_daily(&[at(0, 1, 100.0), at(900, 3, 200.0), at(86_400, 2, 50.0)]);
/// assert_eq!(days.len(), 2);
/// assert_eq!((days[0].granularity, days[0].volume, days[0].handled, days[0].aht_seconds), (Granularity::Daily, 6, 4, 175.0));
/// ```
pub fn rollup_daily(records: &[HistoryRecord]) -> Vec<HistoryRecord> {
    let mut days: HashMap<RecordKey, Acc> = HashMap::new();
    for r in records.iter().filter(|r| r.granularity.is_interval()) {
        let key = RecordKey {
            queue: r.queue,
            channel: r.channel,
            granularity: Granularity::Daily,
            start: Granularity::Daily.floor(r.start),
        };
        let acc = days.entry(key).or_default();
        acc.volume = acc.volume.saturating_add(r.volume);
        acc.handled = acc.handled.saturating_add(r.handled);
        acc.handle_seconds += r.handle_seconds();
    }
    let mut out: Vec<HistoryRecord> = days.into_iter().map(|(k, acc)| acc.record(k)).collect();
    out.sort_unstable_by_key(HistoryRecord::key);
    out
}
