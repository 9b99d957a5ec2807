//! The history vocabulary: validated queue ids, granularities, the queue interner and the
//! compact history record (40 bytes: the queue is an index into a [`QueueTable`]).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::fields;
use crate::{Channel, CoreError, IntervalLength};

/// The longest queue id accepted, in characters (the history format sets no other limit).
pub const QUEUE_ID_MAX_CHARS: usize = 256;

/// A queue's id: the segment after `/queue/` in its resource name.
///
/// Validated once: not empty, at most [`QUEUE_ID_MAX_CHARS`] characters, only letters,
/// digits, spaces and `- _ . ( )`, and no leading or trailing space (two ids that differ
/// only by padding would silently be two queues).
///
/// ```
/// use wfm_core::history::QueueId;
/// let q: QueueId = "4a1b-77c0_sales (EU)".parse()?;
/// assert_eq!(q.as_str(), "4a1b-77c0_sales (EU)");
/// assert!(QueueId::new("sales/eu").is_err());
/// assert!(QueueId::new(" sales").is_err());
/// assert!(QueueId::new("").is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QueueId(Box<str>);

impl QueueId {
    /// Validates `id`.
    ///
    /// # Errors
    /// [`CoreError::InvalidQueueId`] naming the rule broken.
    ///
    /// ```
    /// use wfm_core::history::QueueId;
    /// assert_eq!(QueueId::new("q1")?.to_string(), "q1");
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn new(id: &str) -> Result<Self, CoreError> {
        Self::check(id).map_err(|reason| CoreError::InvalidQueueId {
            value: id.to_owned(),
            reason,
        })?;
        Ok(Self(id.into()))
    }

    /// The rule, as a reason for a planner.
    pub(crate) fn check(id: &str) -> Result<(), String> {
        fields::check_text(id.as_bytes())?;
        if id.starts_with(' ') || id.ends_with(' ') {
            return Err(format!("{id:?} has a leading or trailing space"));
        }
        if id.chars().count() > QUEUE_ID_MAX_CHARS {
            return Err(format!("longer than {QUEUE_ID_MAX_CHARS} characters"));
        }
        Ok(())
    }

    /// An id already checked by [`QueueId::check`].
    pub(crate) fn new_unchecked(id: &str) -> Self {
        Self(id.into())
    }

    /// The id as text.
    ///
    /// ```
    /// use wfm_core::history::QueueId;
    /// assert_eq!(QueueId::new("q1")?.as_str(), "q1");
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for QueueId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for QueueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for QueueId {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        Self::new(s)
    }
}

impl TryFrom<String> for QueueId {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self, CoreError> {
        Self::new(&s)
    }
}

impl From<QueueId> for String {
    fn from(q: QueueId) -> Self {
        q.0.into()
    }
}

/// What one history record covers: one interval of the workspace's length (short-term
/// data) or one UTC day (long-term data). The two are separate data sets.
///
/// Ordered interval-before-daily, 15 before 30 minutes.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::Granularity;
/// let g: Granularity = "30mins".parse()?;
/// assert_eq!(g, Granularity::Interval(IntervalLength::Thirty));
/// assert_eq!(g.seconds(), 1800);
/// assert_eq!(Granularity::Daily.to_string(), "daily");
/// assert!("hourly".parse::<Granularity>().is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Granularity {
    /// One interval of 15 or 30 minutes.
    Interval(IntervalLength),
    /// One UTC day, 00:00:00Z to 24:00:00Z.
    Daily,
}

impl Granularity {
    /// Seconds covered by one record: 900, 1800 or 86,400.
    ///
    /// ```
    /// use wfm_core::history::Granularity;
    /// assert_eq!(Granularity::Daily.seconds(), 86_400);
    /// ```
    pub fn seconds(self) -> i64 {
        match self {
            Self::Interval(i) => i64::from(i.seconds()),
            Self::Daily => 86_400,
        }
    }

    /// The name used in files: `15mins`, `30mins` or `daily`.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::Granularity;
    /// assert_eq!(Granularity::Interval(IntervalLength::Fifteen).as_str(), "15mins");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Interval(i) => i.as_str(),
            Self::Daily => "daily",
        }
    }

    /// Whether this is short-term (interval) data.
    ///
    /// ```
    /// use wfm_core::history::Granularity;
    /// assert!(!Granularity::Daily.is_interval());
    /// ```
    pub fn is_interval(self) -> bool {
        matches!(self, Self::Interval(_))
    }

    /// Whether `start` (Unix seconds, UTC) is on this granularity's boundary: a
    /// multiple of the interval, or 00:00:00Z for days.
    ///
    /// ```
    /// use wfm_core::history::Granularity;
    /// assert!(Granularity::Daily.is_boundary(86_400));
    /// assert!(!Granularity::Daily.is_boundary(3_600));
    /// ```
    pub fn is_boundary(self, start: i64) -> bool {
        start.rem_euclid(self.seconds()) == 0
    }

    /// The start of the record containing `instant` (Unix seconds, UTC).
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::Granularity;
    /// let g = Granularity::Interval(IntervalLength::Fifteen);
    /// assert_eq!(g.floor(16 * 3600 + 50 * 60), 16 * 3600 + 45 * 60); // 16:50 → 16:45
    /// ```
    pub fn floor(self, instant: i64) -> i64 {
        instant - instant.rem_euclid(self.seconds())
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Granularity {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        match s {
            "daily" => Ok(Self::Daily),
            other => other
                .parse::<IntervalLength>()
                .map(Self::Interval)
                .map_err(|_| CoreError::UnknownGranularity(other.to_owned())),
        }
    }
}

impl TryFrom<String> for Granularity {
    type Error = CoreError;
    fn try_from(s: String) -> Result<Self, CoreError> {
        s.parse()
    }
}

impl From<Granularity> for String {
    fn from(g: Granularity) -> Self {
        g.as_str().to_owned()
    }
}

/// A queue's position in a [`QueueTable`]: records carry this 4-byte index instead of the
/// id and name.
///
/// ```
/// use wfm_core::history::{QueueId, QueueTable};
/// let mut t = QueueTable::new();
/// let q = t.intern(QueueId::new("q1")?, "Sales");
/// assert_eq!(q.index(), 0);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QueueIx(pub u32);

impl QueueIx {
    /// The position as a `usize`.
    ///
    /// ```
    /// assert_eq!(wfm_core::history::QueueIx(3).index(), 3);
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The queue interner: each distinct queue id once, with the name it was first given.
///
/// ```
/// use wfm_core::history::{QueueId, QueueTable};
/// let mut t = QueueTable::new();
/// let a = t.intern(QueueId::new("q1")?, "Sales");
/// let b = t.intern(QueueId::new("q1")?, "Sales again");
/// assert_eq!(a, b);
/// assert_eq!(t.name(a), "Sales"); // the first name stays
/// assert_eq!(t.get("q1"), Some(a));
/// assert_eq!(t.len(), 1);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueTable {
    ids: Vec<QueueId>,
    names: Vec<Box<str>>,
    index: HashMap<QueueId, QueueIx>,
}

impl QueueTable {
    /// An empty table.
    ///
    /// ```
    /// assert!(wfm_core::history::QueueTable::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of queues.
    ///
    /// ```
    /// assert_eq!(wfm_core::history::QueueTable::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the table is empty.
    ///
    /// ```
    /// assert!(wfm_core::history::QueueTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of `id`, inserting it with `name` if new (an existing queue keeps its
    /// first name).
    ///
    /// ```
    /// use wfm_core::history::{QueueId, QueueTable};
    /// let mut t = QueueTable::new();
    /// assert_eq!(t.intern(QueueId::new("b")?, "B").0, 0);
    /// assert_eq!(t.intern(QueueId::new("a")?, "A").0, 1);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn intern(&mut self, id: QueueId, name: &str) -> QueueIx {
        if let Some(&q) = self.index.get(id.as_str()) {
            return q;
        }
        let q = QueueIx(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.ids.push(id.clone());
        self.names.push(name.into());
        self.index.insert(id, q);
        q
    }

    /// The index of the queue with this id.
    ///
    /// ```
    /// use wfm_core::history::QueueTable;
    /// assert_eq!(QueueTable::new().get("q1"), None);
    /// ```
    pub fn get(&self, id: &str) -> Option<QueueIx> {
        self.index.get(id).copied()
    }

    /// The id of queue `q`.
    ///
    /// # Panics
    /// If `q` is not an index of this table.
    ///
    /// ```
    /// use wfm_core::history::{QueueId, QueueTable};
    /// let mut t = QueueTable::new();
    /// let q = t.intern(QueueId::new("q1")?, "Sales");
    /// assert_eq!(t.id(q).as_str(), "q1");
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn id(&self, q: QueueIx) -> &QueueId {
        &self.ids[q.index()]
    }

    /// The name of queue `q`.
    ///
    /// # Panics
    /// If `q` is not an index of this table.
    ///
    /// ```
    /// use wfm_core::history::{QueueId, QueueTable};
    /// let mut t = QueueTable::new();
    /// let q = t.intern(QueueId::new("q1")?, "Sales");
    /// assert_eq!(t.name(q), "Sales");
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn name(&self, q: QueueIx) -> &str {
        &self.names[q.index()]
    }

    /// Every queue in index order: `(index, id, name)`. Use `.skip(n)` to see only the
    /// queues added since an importer last looked.
    ///
    /// ```
    /// use wfm_core::history::{QueueId, QueueTable};
    /// let mut t = QueueTable::new();
    /// t.intern(QueueId::new("q1")?, "Sales");
    /// let all: Vec<_> = t.iter().map(|(_, id, name)| (id.as_str(), name)).collect();
    /// assert_eq!(all, [("q1", "Sales")]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (QueueIx, &QueueId, &str)> {
        self.ids
            .iter()
            .zip(&self.names)
            .enumerate()
            .map(|(i, (id, name))| (QueueIx(u32::try_from(i).unwrap_or(u32::MAX)), id, &**name))
    }

    /// Adds every queue of `other` and returns, for each of `other`'s indexes, the index
    /// in `self` — to bring records of several files into one queue space.
    ///
    /// ```
    /// use wfm_core::history::{QueueId, QueueIx, QueueTable};
    /// let mut all = QueueTable::new();
    /// all.intern(QueueId::new("a")?, "A");
    /// let mut file = QueueTable::new();
    /// file.intern(QueueId::new("b")?, "B");
    /// file.intern(QueueId::new("a")?, "A");
    /// assert_eq!(all.absorb(&file), [QueueIx(1), QueueIx(0)]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn absorb(&mut self, other: &QueueTable) -> Vec<QueueIx> {
        other
            .iter()
            .map(|(_, id, name)| self.intern(id.clone(), name))
            .collect()
    }
}

/// One history row: a queue × channel × interval (or day) with its volume, handled
/// contacts and AHT. `start` is the UTC start as Unix seconds.
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::history::{Granularity, HistoryRecord, QueueIx};
/// let r = HistoryRecord {
///     queue: QueueIx(0),
///     channel: Channel::Voice,
///     granularity: Granularity::Daily,
///     start: 1_719_792_000, // 2024-07-01T00:00:00Z
///     volume: 120,
///     aht_seconds: 300.0,
///     handled: 110,
/// };
/// assert_eq!(r.start_utc().to_rfc3339(), "2024-07-01T00:00:00+00:00");
/// assert_eq!(r.handle_seconds(), 33_000.0);
/// assert_eq!(std::mem::size_of::<HistoryRecord>(), 40);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistoryRecord {
    /// The queue, as an index into the accompanying [`QueueTable`].
    pub queue: QueueIx,
    /// The channel.
    pub channel: Channel,
    /// Interval (short-term) or day (long-term).
    pub granularity: Granularity,
    /// Start of the interval or day, Unix seconds UTC, on the granularity's boundary.
    pub start: i64,
    /// Incoming contacts (inbound + transfer + callback) that arrived in the period.
    pub volume: u64,
    /// Average handle time of the handled contacts, seconds.
    pub aht_seconds: f64,
    /// Handled contacts.
    pub handled: u64,
}

impl HistoryRecord {
    /// The key layering and duplicate checks use: queue, channel, granularity, start.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::history::{Granularity, HistoryRecord, QueueIx};
    /// let r = HistoryRecord { queue: QueueIx(2), channel: Channel::Chat, granularity: Granularity::Daily,
    ///     start: 0, volume: 1, aht_seconds: 1.0, handled: 1 };
    /// assert_eq!(r.key().queue, QueueIx(2));
    /// ```
    pub fn key(&self) -> RecordKey {
        RecordKey {
            queue: self.queue,
            channel: self.channel,
            granularity: self.granularity,
            start: self.start,
        }
    }

    /// The start as a chrono UTC time.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::history::{Granularity, HistoryRecord, QueueIx};
    /// let r = HistoryRecord { queue: QueueIx(0), channel: Channel::Voice, granularity: Granularity::Daily,
    ///     start: 0, volume: 0, aht_seconds: 0.0, handled: 0 };
    /// assert_eq!(r.start_utc().timestamp(), 0);
    /// ```
    pub fn start_utc(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.start, 0).unwrap_or_default()
    }

    /// Total handle time, `aht_seconds × handled`.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::history::{Granularity, HistoryRecord, QueueIx};
    /// let r = HistoryRecord { queue: QueueIx(0), channel: Channel::Voice, granularity: Granularity::Daily,
    ///     start: 0, volume: 3, aht_seconds: 200.0, handled: 2 };
    /// assert_eq!(r.handle_seconds(), 400.0);
    /// ```
    pub fn handle_seconds(&self) -> f64 {
        self.aht_seconds * self.handled as f64
    }
}

/// What identifies a history record across sources: queue, channel, granularity and
/// start. Orders by queue, then channel, granularity and start, so a sorted run of
/// records is one series after another, each in time order.
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::history::{Granularity, QueueIx, RecordKey};
/// let a = RecordKey { queue: QueueIx(0), channel: Channel::Voice, granularity: Granularity::Daily, start: 86_400 };
/// let b = RecordKey { start: 0, queue: QueueIx(1), ..a };
/// assert!(a < b);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    /// The queue.
    pub queue: QueueIx,
    /// The channel.
    pub channel: Channel,
    /// Interval or day.
    pub granularity: Granularity,
    /// Start, Unix seconds UTC.
    pub start: i64,
}

/// Records with the queue table their indexes point into.
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::history::{Granularity, History, HistoryRecord, QueueId};
/// let mut h = History::default();
/// let q = h.queues.intern(QueueId::new("q1")?, "Sales");
/// h.records.push(HistoryRecord { queue: q, channel: Channel::Voice, granularity: Granularity::Daily,
///     start: 0, volume: 5, aht_seconds: 60.0, handled: 5 });
/// assert_eq!(h.total_volume(), 5);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The queues the records point into.
    pub queues: QueueTable,
    /// The records.
    pub records: Vec<HistoryRecord>,
}

impl History {
    /// Sum of `volume` over all records, saturating at `u64::MAX` (as
    /// [`HistorySummary::volume`](super::HistorySummary::volume) does).
    ///
    /// ```
    /// assert_eq!(wfm_core::history::History::default().total_volume(), 0);
    /// ```
    pub fn total_volume(&self) -> u64 {
        self.records
            .iter()
            .fold(0u64, |sum, r| sum.saturating_add(r.volume))
    }

    /// Sorts the records by [`RecordKey`].
    ///
    /// ```
    /// let mut h = wfm_core::history::History::default();
    /// h.sort();
    /// ```
    pub fn sort(&mut self) {
        self.records.sort_unstable_by_key(HistoryRecord::key);
    }

    /// The records with their queue indexes moved into `queues` (see
    /// [`QueueTable::absorb`]).
    ///
    /// ```
    /// use wfm_core::history::{History, QueueTable};
    /// let mut all = QueueTable::new();
    /// assert!(History::default().records_in(&mut all).is_empty());
    /// ```
    pub fn records_in(&self, queues: &mut QueueTable) -> Vec<HistoryRecord> {
        let map = queues.absorb(&self.queues);
        self.records
            .iter()
            .map(|r| HistoryRecord {
                queue: map[r.queue.index()],
                ..*r
            })
            .collect()
    }
}
