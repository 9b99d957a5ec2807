//! Measures the layering merge: three overlapping sources (the SPEC's base / X / Y
//! shape) of 15-minute records for 20 queues × 2 channels, then the effective baseline.
//!
//! ```text
//! cargo run --release -p wfm-core --example layering_throughput -- [RECORDS_PER_SOURCE]
//! ```

use std::time::Instant;

use wfm_core::history::{Granularity, HistoryLayers, HistoryRecord, QueueIx, SourceId};
use wfm_core::{Channel, IntervalLength};

/// `n` records: 40 series, consecutive intervals from `offset` on (in intervals).
fn source(n: usize, offset: i64, volume: u64) -> Vec<HistoryRecord> {
    let per_series = n / 40;
    (0..n)
        .map(|i| HistoryRecord {
            queue: QueueIx((i / per_series / 2) as u32),
            channel: if (i / per_series).is_multiple_of(2) {
                Channel::Voice
            } else {
                Channel::Chat
            },
            granularity: Granularity::Interval(IntervalLength::Fifteen),
            start: 1_704_067_200 + (offset + (i % per_series) as i64) * 900,
            volume,
            aht_seconds: 300.0,
            handled: volume,
        })
        .collect()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(3_000_000, |a| a.parse().expect("a count"));
    let per_series = (n / 40) as i64;
    let sources = [
        source(n, 0, 1),
        source(n, per_series / 3, 2),
        source(n, per_series / 2, 3),
    ];
    let start = Instant::now();
    let mut layers = HistoryLayers::new();
    for (i, s) in sources.into_iter().enumerate() {
        layers
            .push(SourceId(i as u64 + 1), s)
            .expect("no duplicates");
    }
    let pushed = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let (mut count, mut volume) = (0u64, 0u64);
    for e in layers.effective() {
        count += 1;
        volume += e.record.volume;
    }
    let merged = start.elapsed().as_secs_f64();
    println!(
        "3 sources × {n} records: push (sort + check) {pushed:.3} s, effective merge {merged:.3} s \
         = {:.1} M input records/s; {count} effective records, volume {volume}",
        (3 * n) as f64 / merged / 1e6
    );
}
