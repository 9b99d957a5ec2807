//! Putting a real stream in order: duplicates dropped by [`EventKey`], events held for a
//! watermark and released in time order, events later than the watermark reported.
//!
//! An event is held until an event `watermark` newer has arrived; then every held event
//! up to that point is released, oldest first (ties in arrival order). An event older
//! than one already released is *late*: it is not applied (the state it would change is
//! already used) and is counted and reported with its line.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::event::{AgentEvent, EventKey};

/// How many late events a report lists (all are counted).
pub const LATE_LISTED: usize = 20;

/// An event that arrived after the watermark had passed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LateEvent {
    /// Its input line.
    pub line: u64,
    /// The agent.
    pub agent: String,
    /// Its instant, epoch milliseconds.
    pub at: i64,
    /// How far behind the events already released it was, milliseconds.
    pub behind_ms: i64,
}

/// What the sequencer did with the stream.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SequenceReport {
    /// Events received (duplicates and late ones included).
    pub received: u64,
    /// Events released in order.
    pub released: u64,
    /// Duplicates dropped.
    pub duplicates: u64,
    /// Events later than the watermark, not applied.
    pub late: u64,
    /// The first [`LATE_LISTED`] late events.
    pub late_events: Vec<LateEvent>,
}

/// Keys are 128 random-looking bits (UUIDs, or SipHash of the content): folded and
/// multiplied (Fibonacci hashing) instead of hashed again.
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(29) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u128(&mut self, v: u128) {
        self.write_u64((v >> 64) as u64 ^ v as u64);
    }
}

type Seen = HashMap<EventKey, i64, BuildHasherDefault<KeyHasher>>;

/// Keys remembered before the first pruning of those older than the retention.
const PRUNE_FROM: usize = 1 << 16;

/// Orders a stream of events within a watermark; see the module docs.
///
/// ```
/// use wfm_scheduler::adherence::{AgentEvent, Sequencer};
/// let mut s = Sequencer::new(60_000); // one minute
/// let mut out = Vec::new();
/// for at in [0, 30_000, 10_000, 10_000, 200_000, 5_000] {
///     s.push(AgentEvent::plain("ana", at, "Available", at == 30_000), &mut |e| out.push(e.at));
/// }
/// s.finish(&mut |e| out.push(e.at));
/// assert_eq!(out, [0, 10_000, 30_000, 200_000]); // 10 s placed, its duplicate dropped
/// assert_eq!((s.report().duplicates, s.report().late), (1, 1)); // 5 s came too late
/// ```
#[derive(Debug)]
pub struct Sequencer {
    watermark: i64,
    retention: i64,
    seen: Seen,
    prune_at: usize,
    /// Held events in release order (instant, then arrival): a real stream is nearly in
    /// order, so an event is mostly appended, or inserted near the back.
    held: VecDeque<AgentEvent>,
    newest: i64,
    frontier: i64,
    report: SequenceReport,
}

impl Sequencer {
    /// A sequencer holding events for `watermark_ms` milliseconds (0: in arrival order,
    /// anything older than an event already seen is late).
    pub fn new(watermark_ms: i64) -> Self {
        let watermark = watermark_ms.max(0);
        Self {
            watermark,
            // events keep coming up to 1 h after a logout: ids are remembered as long
            retention: watermark + 2 * 3_600_000,
            // room for the keys kept until the first pruning: no rehashing before it
            seen: Seen::with_capacity_and_hasher(PRUNE_FROM, BuildHasherDefault::default()),
            prune_at: PRUNE_FROM,
            held: VecDeque::new(),
            newest: i64::MIN,
            frontier: i64::MIN,
            report: SequenceReport::default(),
        }
    }

    /// The watermark, milliseconds.
    pub fn watermark_ms(&self) -> i64 {
        self.watermark
    }

    /// Receives one event; releases to `out` every held event the watermark has passed.
    pub fn push(&mut self, event: AgentEvent, out: &mut impl FnMut(AgentEvent)) {
        if self.hold(event) {
            let until = self.newest.saturating_sub(self.watermark);
            self.release(until, out);
        }
    }

    /// Holds `event` unless it is late or a duplicate (then `false`).
    fn hold(&mut self, event: AgentEvent) -> bool {
        self.report.received += 1;
        if event.at < self.frontier {
            self.report.late += 1;
            if self.report.late_events.len() < LATE_LISTED {
                self.report.late_events.push(LateEvent {
                    line: event.line,
                    agent: event.agent.to_string(),
                    at: event.at,
                    behind_ms: self.frontier - event.at,
                });
            }
            return false;
        }
        if self.seen.insert(event.key, event.at).is_some() {
            self.report.duplicates += 1;
            return false;
        }
        self.newest = self.newest.max(event.at);
        // after every held event of the same instant or earlier: ties in arrival order
        if self.held.back().is_none_or(|h| h.at <= event.at) {
            self.held.push_back(event);
        } else {
            let i = self.held.partition_point(|h| h.at <= event.at);
            self.held.insert(i, event);
        }
        if self.seen.len() >= self.prune_at {
            let keep_from = self.newest.saturating_sub(self.retention);
            self.seen.retain(|_, at| *at >= keep_from);
            self.prune_at = (self.seen.len() * 2).max(PRUNE_FROM);
        }
        true
    }

    /// Releases every held event up to `until` (e.g. the clock's now less the watermark,
    /// when the stream is quiet).
    pub fn release(&mut self, until: i64, out: &mut impl FnMut(AgentEvent)) {
        while self.held.front().is_some_and(|h| h.at <= until) {
            if let Some(e) = self.held.pop_front() {
                self.frontier = self.frontier.max(e.at);
                self.report.released += 1;
                out(e);
            }
        }
    }

    /// Releases every held event (the end of the stream).
    pub fn finish(&mut self, out: &mut impl FnMut(AgentEvent)) {
        self.release(i64::MAX, out);
    }

    /// What happened so far.
    pub fn report(&self) -> &SequenceReport {
        &self.report
    }
}
