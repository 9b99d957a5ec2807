//! Layering of history sources: several files may be loaded, split any way;
//! imported records beat native ones, and where files overlap the most recently loaded
//! wins. Removing a file restores, record by record, the next most recent source under
//! it.
//!
//! A record is identified by its [`RecordKey`] (queue, channel, granularity, start). Each
//! source is sorted once when it is added; the effective baseline is a k-way merge of
//! the sorted sources (`O(n log k)` for `n` records in `k` sources, no hash map per
//! record), taking for each key the record of the highest-priority source: the native
//! records lowest, then the files in load order.
//!
//! All sources must index one [`QueueTable`](super::QueueTable) (see
//! [`History::records_in`](super::History::records_in)).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde::{Deserialize, Serialize};

use super::fields::format_utc;
use super::record::{HistoryRecord, RecordKey};
use crate::CoreError;

/// A loaded source (the store's id of an upload).
///
/// ```
/// use wfm_core::history::SourceId;
/// assert!(SourceId(1) < SourceId(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceId(pub u64);

#[derive(Debug, Clone, PartialEq)]
struct Layer {
    id: Option<SourceId>,
    records: Vec<HistoryRecord>,
}

/// The history sources of a workspace in load order, and the effective baseline.
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::history::{Granularity, HistoryLayers, HistoryRecord, QueueIx, SourceId};
/// let day = |d: i64, volume: u64| HistoryRecord { queue: QueueIx(0), channel: Channel::Voice,
///     granularity: Granularity::Daily, start: d * 86_400, volume, aht_seconds: 300.0, handled: volume };
/// let mut layers = HistoryLayers::new();
/// layers.push(SourceId(1), vec![day(0, 10), day(1, 10)])?;
/// layers.push(SourceId(2), vec![day(1, 20)])?;
/// let eff: Vec<(u64, u64)> = layers.effective().map(|e| (e.source.unwrap().0, e.record.volume)).collect();
/// assert_eq!(eff, [(1, 10), (2, 20)]);
/// layers.remove(SourceId(2))?;
/// assert_eq!(layers.effective_records()[1].volume, 10); // restored
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryLayers {
    native: Vec<HistoryRecord>,
    files: Vec<Layer>,
}

/// One record of the effective baseline and the source it comes from (`None`: native).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EffectiveRecord<'a> {
    /// The winning source; `None` for a native record.
    pub source: Option<SourceId>,
    /// The record.
    pub record: &'a HistoryRecord,
}

fn sorted_checked(
    source_id: u64,
    mut records: Vec<HistoryRecord>,
) -> Result<Vec<HistoryRecord>, CoreError> {
    records.sort_unstable_by_key(HistoryRecord::key);
    if let Some(w) = records.windows(2).find(|w| w[0].key() == w[1].key()) {
        let k = w[0].key();
        return Err(CoreError::DuplicateRecord {
            source_id,
            queue: k.queue.0,
            channel: k.channel.to_string(),
            granularity: k.granularity.to_string(),
            start: format_utc(k.start),
        });
    }
    Ok(records)
}

impl HistoryLayers {
    /// No sources.
    ///
    /// ```
    /// assert!(wfm_core::history::HistoryLayers::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the native records (derived from the center's own contacts), which every
    /// loaded file beats.
    ///
    /// # Errors
    /// [`CoreError::DuplicateRecord`] (source 0) if two records share a key.
    ///
    /// ```
    /// use wfm_core::history::HistoryLayers;
    /// let mut l = HistoryLayers::new();
    /// l.set_native(Vec::new())?;
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn set_native(&mut self, records: Vec<HistoryRecord>) -> Result<(), CoreError> {
        self.native = sorted_checked(0, records)?;
        Ok(())
    }

    /// Adds a file loaded after all present ones (so it wins every overlap).
    ///
    /// # Errors
    /// [`CoreError::DuplicateSource`] if `id` is loaded; [`CoreError::DuplicateRecord`]
    /// if two of `records` share a key.
    ///
    /// ```
    /// use wfm_core::history::{HistoryLayers, SourceId};
    /// let mut l = HistoryLayers::new();
    /// l.push(SourceId(7), Vec::new())?;
    /// assert!(l.push(SourceId(7), Vec::new()).is_err());
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn push(&mut self, id: SourceId, records: Vec<HistoryRecord>) -> Result<(), CoreError> {
        if self.files.iter().any(|l| l.id == Some(id)) {
            return Err(CoreError::DuplicateSource(id.0));
        }
        let records = sorted_checked(id.0, records)?;
        self.files.push(Layer {
            id: Some(id),
            records,
        });
        Ok(())
    }

    /// Removes a file and returns its records (sorted by key); what it covered falls
    /// back to the next most recent source.
    ///
    /// # Errors
    /// [`CoreError::UnknownSource`] if `id` is not loaded.
    ///
    /// ```
    /// use wfm_core::history::{HistoryLayers, SourceId};
    /// let mut l = HistoryLayers::new();
    /// assert!(l.remove(SourceId(1)).is_err());
    /// ```
    pub fn remove(&mut self, id: SourceId) -> Result<Vec<HistoryRecord>, CoreError> {
        let pos = self
            .files
            .iter()
            .position(|l| l.id == Some(id))
            .ok_or(CoreError::UnknownSource(id.0))?;
        Ok(self.files.remove(pos).records)
    }

    /// The loaded files, oldest first.
    ///
    /// ```
    /// use wfm_core::history::{HistoryLayers, SourceId};
    /// let mut l = HistoryLayers::new();
    /// l.push(SourceId(3), vec![])?;
    /// l.push(SourceId(1), vec![])?;
    /// assert_eq!(l.sources().collect::<Vec<_>>(), [SourceId(3), SourceId(1)]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn sources(&self) -> impl Iterator<Item = SourceId> + '_ {
        self.files.iter().filter_map(|l| l.id)
    }

    /// Number of loaded files.
    ///
    /// ```
    /// assert_eq!(wfm_core::history::HistoryLayers::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is loaded and there are no native records.
    ///
    /// ```
    /// assert!(wfm_core::history::HistoryLayers::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.native.is_empty()
    }

    /// The effective baseline in key order: for each key, the record of the most
    /// recently loaded file holding it, else the native record.
    ///
    /// ```
    /// let l = wfm_core::history::HistoryLayers::new();
    /// assert_eq!(l.effective().count(), 0);
    /// ```
    pub fn effective(&self) -> Effective<'_> {
        let mut layers: Vec<(Option<SourceId>, &[HistoryRecord])> =
            Vec::with_capacity(self.files.len() + 1);
        layers.push((None, &self.native));
        layers.extend(self.files.iter().map(|l| (l.id, &l.records[..])));
        let heap = layers
            .iter()
            .enumerate()
            .filter_map(|(prio, (_, r))| r.first().map(|r| Head { key: r.key(), prio }))
            .collect();
        Effective {
            pos: vec![0; layers.len()],
            layers,
            heap,
        }
    }

    /// [`HistoryLayers::effective`] copied out.
    ///
    /// ```
    /// assert!(wfm_core::history::HistoryLayers::new().effective_records().is_empty());
    /// ```
    pub fn effective_records(&self) -> Vec<HistoryRecord> {
        self.effective().map(|e| *e.record).collect()
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Head {
    key: RecordKey,
    prio: usize,
}

impl Ord for Head {
    /// The max-heap's top is the smallest key, and among equal keys the highest priority.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key).then(self.prio.cmp(&other.prio))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Iterator over the effective baseline (see [`HistoryLayers::effective`]).
#[derive(Debug)]
pub struct Effective<'a> {
    layers: Vec<(Option<SourceId>, &'a [HistoryRecord])>,
    pos: Vec<usize>,
    heap: BinaryHeap<Head>,
}

impl Effective<'_> {
    fn advance(&mut self, prio: usize) {
        self.pos[prio] += 1;
        if let Some(r) = self.layers[prio].1.get(self.pos[prio]) {
            self.heap.push(Head { key: r.key(), prio });
        }
    }
}

impl<'a> Iterator for Effective<'a> {
    type Item = EffectiveRecord<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let top = self.heap.pop()?;
        let (source, records) = self.layers[top.prio];
        let record = &records[self.pos[top.prio]];
        self.advance(top.prio);
        while self.heap.peek().is_some_and(|h| h.key == top.key) {
            if let Some(shadowed) = self.heap.pop() {
                self.advance(shadowed.prio);
            }
        }
        Some(EffectiveRecord { source, record })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Channel;
    use crate::history::{Granularity, QueueIx};
    use chrono::NaiveDate;

    /// Daily records for queue 0, VOICE, July `from` to `to` (August 1 = day 32).
    fn days(from: u32, to: u32, volume: u64) -> Vec<HistoryRecord> {
        (from..=to)
            .map(|d| {
                let date = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()
                    + chrono::Days::new(u64::from(d - 1));
                HistoryRecord {
                    queue: QueueIx(0),
                    channel: Channel::Voice,
                    granularity: Granularity::Daily,
                    start: date.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp(),
                    volume,
                    aht_seconds: 300.0,
                    handled: volume,
                }
            })
            .collect()
    }

    /// The effective baseline as runs `(source, first date, last date)`.
    fn runs(l: &HistoryLayers) -> Vec<(&'static str, String, String)> {
        let name = |s: Option<SourceId>| match s.map(|s| s.0) {
            Some(1) => "base",
            Some(2) => "X",
            Some(3) => "Y",
            _ => "native",
        };
        let mut out: Vec<(&'static str, String, String)> = Vec::new();
        for e in l.effective() {
            let d = e.record.start_utc().format("%-m/%-d").to_string();
            match out.last_mut() {
                Some(run) if run.0 == name(e.source) => run.2 = d,
                _ => out.push((name(e.source), d.clone(), d)),
            }
        }
        out
    }

    fn run(s: &'static str, a: &str, b: &str) -> (&'static str, String, String) {
        (s, a.into(), b.into())
    }

    fn spec_example() -> HistoryLayers {
        let mut l = HistoryLayers::new();
        l.push(SourceId(1), days(1, 32, 1)).unwrap(); // base 7/1–8/1
        l.push(SourceId(2), days(10, 32, 2)).unwrap(); // X 7/10–8/1
        l.push(SourceId(3), days(15, 32, 3)).unwrap(); // Y 7/15–8/1
        l
    }

    #[test]
    fn spec_example_most_recent_wins() {
        let l = spec_example();
        assert_eq!(
            runs(&l),
            [
                run("base", "7/1", "7/9"),
                run("X", "7/10", "7/14"),
                run("Y", "7/15", "8/1")
            ]
        );
        let volumes: Vec<u64> = l.effective().map(|e| e.record.volume).collect();
        assert_eq!(volumes.len(), 32);
        assert_eq!(volumes[8..10], [1, 2]);
    }

    #[test]
    fn spec_example_delete_y() {
        let mut l = spec_example();
        l.remove(SourceId(3)).unwrap();
        assert_eq!(
            runs(&l),
            [run("base", "7/1", "7/9"), run("X", "7/10", "8/1")]
        );
    }

    #[test]
    fn spec_example_delete_x_instead() {
        let mut l = spec_example();
        l.remove(SourceId(2)).unwrap();
        assert_eq!(
            runs(&l),
            [run("base", "7/1", "7/14"), run("Y", "7/15", "8/1")]
        );
    }

    #[test]
    fn files_beat_native_records_whatever_the_order() {
        let mut l = HistoryLayers::new();
        l.push(SourceId(2), days(10, 12, 2)).unwrap();
        l.set_native(days(1, 15, 9)).unwrap();
        assert_eq!(
            runs(&l),
            [
                run("native", "7/1", "7/9"),
                run("X", "7/10", "7/12"),
                run("native", "7/13", "7/15")
            ]
        );
    }

    #[test]
    fn keys_of_other_series_never_shadow() {
        let mut l = HistoryLayers::new();
        l.push(SourceId(1), days(1, 2, 1)).unwrap();
        let chat: Vec<HistoryRecord> = days(1, 2, 5)
            .into_iter()
            .map(|r| HistoryRecord {
                channel: Channel::Chat,
                ..r
            })
            .collect();
        l.push(SourceId(2), chat).unwrap();
        assert_eq!(l.effective().count(), 4);
    }

    proptest::proptest! {
        /// The k-way merge equals the naive rule: per key, the last source holding it.
        #[test]
        fn merge_equals_the_naive_rule(
            sources in proptest::collection::vec(
                proptest::collection::btree_set((0u32..3, proptest::bool::ANY, 0i64..40), 0..30),
                0..6,
            ),
            native in proptest::collection::btree_set((0u32..3, proptest::bool::ANY, 0i64..40), 0..30),
            removed in proptest::option::of(0usize..6),
        ) {
            let rec = |(q, chat, d): (u32, bool, i64), v: u64| HistoryRecord {
                queue: QueueIx(q),
                channel: if chat { Channel::Chat } else { Channel::Voice },
                granularity: Granularity::Daily,
                start: d * 86_400,
                volume: v,
                aht_seconds: 1.0,
                handled: 0,
            };
            let mut l = HistoryLayers::new();
            l.set_native(native.iter().map(|&k| rec(k, 0)).collect()).unwrap();
            let mut naive = std::collections::BTreeMap::new();
            for &k in &native {
                naive.insert(rec(k, 0).key(), 0u64);
            }
            let removed = removed.filter(|&r| r < sources.len());
            for (i, keys) in sources.iter().enumerate() {
                let id = i as u64 + 1;
                l.push(SourceId(id), keys.iter().map(|&k| rec(k, id)).collect()).unwrap();
                if Some(i) != removed {
                    for &k in keys {
                        naive.insert(rec(k, id).key(), id);
                    }
                }
            }
            if let Some(r) = removed {
                l.remove(SourceId(r as u64 + 1)).unwrap();
            }
            let merged: Vec<(RecordKey, u64)> =
                l.effective().map(|e| (e.record.key(), e.record.volume)).collect();
            let expected: Vec<(RecordKey, u64)> = naive.into_iter().collect();
            proptest::prop_assert_eq!(merged, expected);
        }
    }

    #[test]
    fn rejects_duplicates_and_unknown_sources() {
        let mut l = HistoryLayers::new();
        let mut twice = days(1, 1, 1);
        twice.extend(days(1, 1, 2));
        assert!(matches!(
            l.push(SourceId(1), twice),
            Err(CoreError::DuplicateRecord { source_id: 1, .. })
        ));
        assert_eq!(l.remove(SourceId(9)), Err(CoreError::UnknownSource(9)));
    }
}
