//! The columnar encoding of one history chunk: records of one source × queue × channel ×
//! granularity, stored as one BLOB so that a 10-million-row import writes a few hundred
//! database rows instead of ten million.
//!
//! Layout, for `n` records (the count and the first start are kept beside the BLOB):
//! `n` start deltas as zig-zag varints (the first relative to the first start, so 0),
//! then `n` volumes as varints, `n` handled counts as varints, and `n` AHTs as
//! little-endian `f64`. Starts in file order are usually one interval apart, so a start
//! costs one byte; a typical record takes 11–14 bytes instead of 40.
//!
//! The codec is backend-independent: any store can keep chunks this way.

use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueIx};

/// The most records in one chunk.
pub const CHUNK_RECORDS: usize = 65_536;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Encodes `records` (one series, in any order) into `out`; returns the first start.
///
/// ```ignore
/// let first = encode(&records, &mut blob);
/// ```
pub(crate) fn encode(records: &[HistoryRecord], out: &mut Vec<u8>) -> i64 {
    let first = records.first().map_or(0, |r| r.start);
    out.reserve(records.len() * 13);
    let mut prev = first;
    for r in records {
        put_varint(out, zigzag(r.start.wrapping_sub(prev)));
        prev = r.start;
    }
    for r in records {
        put_varint(out, r.volume);
    }
    for r in records {
        put_varint(out, r.handled);
    }
    for r in records {
        out.extend_from_slice(&r.aht_seconds.to_le_bytes());
    }
    first
}

/// What every record of a chunk shares.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Series {
    pub(crate) queue: QueueIx,
    pub(crate) channel: Channel,
    pub(crate) granularity: Granularity,
}

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self
                .data
                .get(self.pos)
                .ok_or("chunk ends inside a number")?;
            self.pos += 1;
            if shift >= 64 {
                return Err("a number in the chunk is too long".into());
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }
}

/// Checks a decoded record like input: what the history parser never lets in cannot be
/// in a healthy workspace (a negative or non-finite handle time, a start off the
/// granularity's boundary).
pub(crate) fn check_record(r: &HistoryRecord) -> Result<(), String> {
    if !(r.aht_seconds.is_finite() && r.aht_seconds >= 0.0) {
        return Err(format!(
            "a record starting at {} has the handle time {}, which no history file can hold",
            r.start, r.aht_seconds
        ));
    }
    if !r.granularity.is_boundary(r.start) {
        return Err(format!(
            "a record starts at {}, not on a {} boundary",
            r.start,
            r.granularity.as_str()
        ));
    }
    Ok(())
}

/// Decodes a chunk of `n` records starting at `first` and appends them to `out`; every
/// record is checked with [`check_record`].
///
/// # Errors
/// A message if the BLOB is truncated or malformed, or a record is impossible (a damaged
/// workspace).
pub(crate) fn decode(
    data: &[u8],
    n: usize,
    first: i64,
    series: Series,
    out: &mut Vec<HistoryRecord>,
) -> Result<(), String> {
    let base = out.len();
    let mut c = Cursor { data, pos: 0 };
    let mut prev = first;
    out.reserve(n);
    for _ in 0..n {
        prev = prev.wrapping_add(unzigzag(c.varint()?));
        out.push(HistoryRecord {
            queue: series.queue,
            channel: series.channel,
            granularity: series.granularity,
            start: prev,
            volume: 0,
            aht_seconds: 0.0,
            handled: 0,
        });
    }
    for r in &mut out[base..] {
        r.volume = c.varint()?;
    }
    for r in &mut out[base..] {
        r.handled = c.varint()?;
    }
    let rest = &data[c.pos..];
    if rest.len() != n * 8 {
        return Err(format!(
            "chunk holds {} bytes of handle times, {} expected",
            rest.len(),
            n * 8
        ));
    }
    for (r, b) in out[base..].iter_mut().zip(rest.chunks_exact(8)) {
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        r.aht_seconds = f64::from_le_bytes(a);
    }
    out[base..].iter().try_for_each(check_record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wfm_core::IntervalLength;

    fn rec(start: i64, volume: u64, aht: f64, handled: u64) -> HistoryRecord {
        HistoryRecord {
            queue: QueueIx(3),
            channel: Channel::Chat,
            granularity: Granularity::Interval(IntervalLength::Thirty),
            start,
            volume,
            aht_seconds: aht,
            handled,
        }
    }

    #[test]
    fn a_negative_or_non_finite_handle_time_does_not_decode() {
        let series = Series {
            queue: QueueIx(3),
            channel: Channel::Chat,
            granularity: Granularity::Interval(IntervalLength::Thirty),
        };
        for aht in [-3.5, f64::NAN, f64::INFINITY] {
            let mut blob = Vec::new();
            let first = encode(&[rec(0, 5, 1.0, 5), rec(1_800, 5, aht, 5)], &mut blob);
            let err = decode(&blob, 2, first, series, &mut Vec::new()).unwrap_err();
            assert!(err.contains("handle time"), "{err}");
        }
        let mut blob = Vec::new();
        let first = encode(&[rec(900, 5, 1.0, 5)], &mut blob);
        let err = decode(&blob, 1, first, series, &mut Vec::new()).unwrap_err();
        assert!(err.contains("boundary"), "{err}");
    }

    #[test]
    fn round_trips_unordered_starts_and_extremes() {
        let records = vec![
            rec(1_800, 0, 0.0, 0),
            rec(0, u64::MAX, 419.95, 7),
            rec(3_600, 1, f64::MAX, u64::MAX),
            rec(-86_400, 300, 1e-9, 2),
        ];
        let mut blob = Vec::new();
        let first = encode(&records, &mut blob);
        let mut out = vec![rec(9, 9, 9.0, 9)];
        let series = Series {
            queue: QueueIx(3),
            channel: Channel::Chat,
            granularity: Granularity::Interval(IntervalLength::Thirty),
        };
        decode(&blob, records.len(), first, series, &mut out).unwrap();
        assert_eq!(out[1..], records[..]);
    }

    #[test]
    fn consecutive_intervals_cost_few_bytes() {
        let records: Vec<_> = (0..1000).map(|i| rec(i * 1800, 12, 300.5, 11)).collect();
        let mut blob = Vec::new();
        encode(&records, &mut blob);
        assert_eq!(blob.len(), 1000 * (2 + 1 + 1 + 8) - 1);
    }

    #[test]
    fn truncated_chunks_are_errors_not_panics() {
        let records = vec![rec(0, 5, 1.0, 5), rec(1800, 500, 2.0, 400)];
        let mut blob = Vec::new();
        let first = encode(&records, &mut blob);
        let series = Series {
            queue: QueueIx(0),
            channel: Channel::Voice,
            granularity: Granularity::Daily,
        };
        for cut in 0..blob.len() {
            let mut out = Vec::new();
            assert!(decode(&blob[..cut], 2, first, series, &mut out).is_err());
        }
    }
}
