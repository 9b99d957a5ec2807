//! Duplicate detection within one file: two rows for the same queue, channel,
//! granularity and start.
//!
//! Memory is 8 bytes per accepted row (the slot and line as `u32`), kept per series
//! (queue × channel × granularity). A series whose rows arrive in strictly increasing
//! time order — the usual export order — cannot hold a duplicate and is never sorted;
//! only series that arrive out of order are sorted once, at the end.

use super::record::{Granularity, QueueIx};
use crate::Channel;

#[derive(Debug, Default)]
struct Series {
    /// `(slot, line)`: slot = start / granularity seconds.
    entries: Vec<(u32, u32)>,
    /// Whether the slots so far are strictly increasing.
    out_of_order: bool,
}

/// A duplicate: the later line and the earlier line it repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub(crate) line: u64,
    pub(crate) first_line: u64,
}

/// The per-file duplicate index.
#[derive(Debug, Default)]
pub(crate) struct DuplicateIndex {
    series: Vec<Series>,
}

fn series_index(queue: QueueIx, channel: Channel, granularity: Granularity) -> usize {
    let c = match channel {
        Channel::Voice => 0,
        Channel::Chat => 1,
        Channel::Task => 2,
    };
    let g = usize::from(!granularity.is_interval());
    (queue.index() * 3 + c) * 2 + g
}

impl DuplicateIndex {
    /// Registers an accepted row (`start` ≥ 0, on the granularity's boundary).
    pub(crate) fn add(
        &mut self,
        queue: QueueIx,
        channel: Channel,
        granularity: Granularity,
        start: i64,
        line: u64,
    ) {
        let i = series_index(queue, channel, granularity);
        if i >= self.series.len() {
            self.series.resize_with(i + 1, Series::default);
        }
        let slot = u32::try_from(start.div_euclid(granularity.seconds())).unwrap_or(u32::MAX);
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let s = &mut self.series[i];
        if s.entries.last().is_some_and(|&(last, _)| slot <= last) {
            s.out_of_order = true;
        }
        s.entries.push((slot, line));
    }

    /// Every duplicate, each naming the first line with the same key.
    pub(crate) fn finish(&mut self) -> Vec<Duplicate> {
        let mut found = Vec::new();
        for s in &mut self.series {
            if !s.out_of_order {
                continue;
            }
            s.entries.sort_unstable();
            let mut first = None::<(u32, u32)>;
            for &(slot, line) in &s.entries {
                match first {
                    Some((f_slot, f_line)) if f_slot == slot => found.push(Duplicate {
                        line: u64::from(line),
                        first_line: u64::from(f_line),
                    }),
                    _ => first = Some((slot, line)),
                }
            }
        }
        found.sort_unstable_by_key(|d| d.line);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_out_of_order_duplicates_with_both_lines() {
        let mut d = DuplicateIndex::default();
        let q = QueueIx(0);
        let g = Granularity::Daily;
        d.add(q, Channel::Voice, g, 86_400, 2);
        d.add(q, Channel::Chat, g, 86_400, 3); // other channel: not a duplicate
        d.add(q, Channel::Voice, g, 0, 4);
        d.add(q, Channel::Voice, g, 86_400, 5);
        d.add(QueueIx(1), Channel::Voice, g, 86_400, 6);
        d.add(q, Channel::Voice, g, 86_400, 7);
        assert_eq!(
            d.finish(),
            [
                Duplicate {
                    line: 5,
                    first_line: 2
                },
                Duplicate {
                    line: 7,
                    first_line: 2
                }
            ]
        );
    }

    #[test]
    fn increasing_series_have_none() {
        let mut d = DuplicateIndex::default();
        for (i, t) in [0, 86_400, 172_800].into_iter().enumerate() {
            d.add(
                QueueIx(0),
                Channel::Voice,
                Granularity::Daily,
                t,
                i as u64 + 2,
            );
        }
        assert!(d.finish().is_empty());
    }
}
