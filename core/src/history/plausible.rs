//! Implausible volumes: a value no contact center can have (a typo, an export bug —
//! `1000000000000` contacts in half an hour) is flagged where it is read and kept out
//! of the forecasts, so one bad row cannot inflate a forecast a billion times.
//!
//! # The rule
//! A step's volume is *implausible* when either
//! - it is above the **absolute cap**: [`MAX_CONTACTS_PER_SECOND`] contacts a second
//!   over the step (900,000 in 15 minutes, 1,800,000 in 30 minutes, 86,400,000 a day) —
//!   more than the busiest contact centers receive, on one queue; this needs no other
//!   row, so the history readers flag it row by row, with file and line
//!   ([`implausible_volume`]); or
//! - it is more than [`RELATIVE_FACTOR`] times the **90th percentile of the series'
//!   non-zero volumes** (at least 1): robust, because up to a tenth of the series may be
//!   outliers before the percentile moves, and far enough above any real peak (a
//!   campaign or an outage backlog is tens of times the usual volume, not a thousand).
//!   This needs the whole series; the forecasts apply it ([`implausible_steps`]).
//!
//! An implausible value is imported (the file is valid; its owner may know better) with a
//! warning, and a forecast treats it as an anomaly: the fit sees, in its place, the median
//! of the series' plausible values at the same step of the week (0 without one), and says
//! so in its warnings.

use super::Granularity;

/// The absolute cap, contacts a second on one queue and channel.
pub const MAX_CONTACTS_PER_SECOND: u64 = 1_000;

/// How many times the series' 90th percentile of non-zero volumes a value may be.
pub const RELATIVE_FACTOR: f64 = 1_000.0;

/// The absolute cap of one step of `granularity`.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{Granularity, volume_cap};
/// assert_eq!(volume_cap(Granularity::Interval(IntervalLength::Thirty)), 1_800_000);
/// assert_eq!(volume_cap(Granularity::Daily), 86_400_000);
/// ```
pub fn volume_cap(granularity: Granularity) -> u64 {
    MAX_CONTACTS_PER_SECOND.saturating_mul(u64::try_from(granularity.seconds()).unwrap_or(0))
}

/// Why `volume` is implausible for one step of `granularity` (above the absolute cap),
/// or `None`.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{Granularity, implausible_volume};
/// let g = Granularity::Interval(IntervalLength::Thirty);
/// assert!(implausible_volume(1_000_000_000_000, g).is_some());
/// assert!(implausible_volume(5_000, g).is_none());
/// ```
pub fn implausible_volume(volume: u64, granularity: Granularity) -> Option<String> {
    let cap = volume_cap(granularity);
    (volume > cap).then(|| {
        format!(
            "{volume} contacts is implausible for one {granularity} step (more than \
             {MAX_CONTACTS_PER_SECOND} a second, {cap} in all): imported, but left out of \
             forecasts; check the file"
        )
    })
}

/// The steps of a series of `volumes` (one step `step_seconds` long) that are
/// implausible by either rule of the module docs.
///
/// ```
/// use wfm_core::history::implausible_steps;
/// let mut v = vec![50.0; 100];
/// v[7] = 1e12;
/// v[8] = 900.0; // a real peak: 18 times the usual
/// assert_eq!(implausible_steps(&v, 1800), vec![7]);
/// ```
pub fn implausible_steps(volumes: &[f64], step_seconds: i64) -> Vec<usize> {
    let cap = (MAX_CONTACTS_PER_SECOND as f64) * step_seconds.max(1) as f64;
    let mut nonzero: Vec<f64> = volumes
        .iter()
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let relative = if nonzero.is_empty() {
        f64::INFINITY
    } else {
        nonzero.sort_by(f64::total_cmp);
        let k = ((nonzero.len() - 1) as f64 * 0.9).round() as usize;
        RELATIVE_FACTOR * nonzero[k.min(nonzero.len() - 1)].max(1.0)
    };
    let limit = cap.min(relative);
    volumes
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_finite() || **v > limit)
        .map(|(i, _)| i)
        .collect()
}

/// `volumes` with the implausible `steps` replaced: by the median of the plausible values
/// at the same step of the week (`week` steps apart), else 0.
///
/// ```
/// use wfm_core::history::{implausible_steps, replace_implausible};
/// let mut v: Vec<f64> = (0..21).map(|i| 10.0 + (i % 7) as f64).collect();
/// v[9] = 1e12;
/// let bad = implausible_steps(&v, 86_400);
/// let clean = replace_implausible(&v, &bad, 7);
/// assert_eq!(clean[9], 12.0); // the same weekday of the other weeks
/// ```
pub fn replace_implausible(volumes: &[f64], steps: &[usize], week: usize) -> Vec<f64> {
    let mut out = volumes.to_vec();
    let week = week.max(1);
    for &i in steps {
        let mut same: Vec<f64> = (i % week..volumes.len())
            .step_by(week)
            .filter(|j| *j != i && steps.binary_search(j).is_err())
            .map(|j| volumes[j])
            .collect();
        same.sort_by(f64::total_cmp);
        out[i] = match same.len() {
            0 => 0.0,
            n if n % 2 == 1 => same[n / 2],
            n => (same[n / 2 - 1] + same[n / 2]) / 2.0,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IntervalLength;

    #[test]
    fn one_outlier_of_1e12_is_flagged_and_replaced() {
        let mut v: Vec<f64> = (0..48 * 28)
            .map(|i| {
                if (16..40).contains(&(i % 48)) {
                    40.0
                } else {
                    0.0
                }
            })
            .collect();
        v[48 * 10 + 20] = 1e12;
        let bad = implausible_steps(&v, 1800);
        assert_eq!(bad, vec![48 * 10 + 20]);
        let clean = replace_implausible(&v, &bad, 48 * 7);
        assert_eq!(clean[48 * 10 + 20], 40.0);
        assert_eq!(clean.iter().filter(|x| **x > 40.0).count(), 0);
    }

    #[test]
    fn real_peaks_and_sparse_queues_are_not_flagged() {
        // a campaign day at 50 times the usual, and a queue of a contact or two
        let mut v = vec![20.0; 200];
        v[50] = 1_000.0;
        assert!(implausible_steps(&v, 86_400).is_empty());
        let sparse: Vec<f64> = (0..500).map(|i| (i % 3) as f64).collect();
        assert!(implausible_steps(&sparse, 900).is_empty());
        assert!(implausible_steps(&[], 900).is_empty());
    }

    #[test]
    fn absolute_cap_holds_without_other_rows() {
        let g = Granularity::Interval(IntervalLength::Fifteen);
        assert!(implausible_volume(900_000, g).is_none());
        assert!(implausible_volume(900_001, g).is_some());
        // a series of only huge values: the cap, not the percentile, flags them
        assert_eq!(implausible_steps(&[1e12, 1e12], 900), vec![0, 1]);
    }
}
