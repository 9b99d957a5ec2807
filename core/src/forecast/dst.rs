//! A forgotten time zone, found in the data: an interval series given in UTC whose
//! intraday pattern moves by one hour in UTC exactly at the DST changes of a zone was
//! recorded by a queue that keeps local hours there. Forecast in UTC, its curve is an hour
//! off for half the year; [`likely_dst_zone`] names the zone so a warning can ask for it.
//!
//! The test, per DST change of each candidate zone inside the history: the volume-weighted
//! circular mean time of day (the pattern's centre, in UTC hours) of the 7 days before
//! the change's day and of the 7 days after it (a whole week each, so the weekday mix is
//! the same). A zone is likely when every one of its changes in the history (at least
//! one) moved the centre by the hour the zone's offset moved (opposite sign, within
//! 0.3 hours). Zones that change on the same dates (New York and Chicago,
//! London and Berlin) cannot be told apart this way: of those, the one that puts the
//! opening (where the day's first 5 % of volume is reached, counted from the quietest
//! hour) nearest 08:00 local time is named.

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;

use super::series::ContactSeries;
use crate::history::Granularity;

/// Zones checked, grouped by their DST rules (the US, the EU, Australia, New Zealand).
const CANDIDATES: [Tz; 10] = [
    Tz::America__New_York,
    Tz::America__Chicago,
    Tz::America__Denver,
    Tz::America__Los_Angeles,
    Tz::Europe__London,
    Tz::Europe__Berlin,
    Tz::Europe__Helsinki,
    Tz::Australia__Sydney,
    Tz::Pacific__Auckland,
    Tz::America__Santiago,
];

/// How far (hours) a measured move may be from the expected ±1 hour.
const TOLERANCE_HOURS: f64 = 0.3;

const DAY: i64 = 86_400;

/// UTC offset of `tz` at `t` (Unix seconds), in hours.
fn offset_hours(tz: Tz, t: i64) -> f64 {
    match tz.timestamp_opt(t, 0).single() {
        Some(d) => f64::from(d.offset().fix().local_minus_utc()) / 3600.0,
        None => 0.0,
    }
}

/// Volume-weighted circular mean time of day (UTC hours) of the steps `from..to`, or
/// `None` without volume or without a clear centre.
fn centre(series: &ContactSeries, from: usize, to: usize) -> Option<f64> {
    let (mut x, mut y, mut total) = (0.0, 0.0, 0.0);
    for i in from..to.min(series.len()) {
        let v = series.volume()[i];
        if v <= 0.0 || !v.is_finite() {
            continue;
        }
        let tod = series.time_of(i).rem_euclid(DAY) as f64 + series.step_seconds() as f64 / 2.0;
        let a = tod / DAY as f64 * std::f64::consts::TAU;
        x += v * a.cos();
        y += v * a.sin();
        total += v;
    }
    // A flat 24-hour pattern has no centre to follow.
    if total <= 0.0 || (x * x + y * y).sqrt() < 0.05 * total {
        return None;
    }
    Some(y.atan2(x).rem_euclid(std::f64::consts::TAU) / std::f64::consts::TAU * 24.0)
}

/// The UTC hour by which 5 % of the volume of steps `from..to` has come, counted from the
/// quietest hour of the day: the opening of a queue that closes at night.
fn opening(series: &ContactSeries, from: usize, to: usize) -> f64 {
    let mut hours = [0.0; 24];
    for i in from..to.min(series.len()) {
        let v = series.volume()[i];
        if v > 0.0 && v.is_finite() {
            hours[(series.time_of(i).rem_euclid(DAY) / 3600) as usize] += v;
        }
    }
    let total: f64 = hours.iter().sum();
    let quiet = (0..24)
        .min_by(|&a, &b| hours[a].total_cmp(&hours[b]))
        .unwrap_or(0);
    let mut sum = 0.0;
    for k in 1..=24 {
        let h = (quiet + k) % 24;
        sum += hours[h];
        if sum >= 0.05 * total {
            return h as f64;
        }
    }
    quiet as f64
}

/// `a − b` in hours, wrapped into [−12, 12).
fn wrapped(a: f64, b: f64) -> f64 {
    (a - b + 12.0).rem_euclid(24.0) - 12.0
}

/// The UTC days (Unix seconds of their midnight) on which `tz`'s offset changes, within
/// `[from, to)`, with the change in hours.
fn changes(tz: Tz, from: i64, to: i64) -> Vec<(i64, f64)> {
    let mut out = Vec::new();
    let mut day = from.div_euclid(DAY) * DAY;
    let mut before = offset_hours(tz, day);
    while day < to {
        let after = offset_hours(tz, day + DAY);
        if (after - before).abs() > 1e-9 {
            out.push((day, after - before));
        }
        before = after;
        day += DAY;
    }
    out
}

/// Whether `tz` explains the series' moves: `Some(local opening hour)` when the series
/// spans at least one of its changes (with a week either side) and every such change
/// moved the centre as expected.
fn explains(series: &ContactSeries, tz: Tz) -> Option<f64> {
    let step = series.step_seconds();
    let (start, end) = (series.start(), series.time_of(series.len()));
    let mut openings = Vec::new();
    for (day, change) in changes(tz, start + 7 * DAY, end - 8 * DAY) {
        let ix = |t: i64| usize::try_from((t - start) / step).ok();
        let (b0, b1) = (ix(day - 7 * DAY)?, ix(day)?);
        let (a0, a1) = (ix(day + DAY)?, ix(day + 8 * DAY)?);
        let (before, after) = (centre(series, b0, b1)?, centre(series, a0, a1)?);
        // a local pattern moves the other way in UTC: an hour later offset, an hour
        // earlier in UTC
        if (wrapped(after, before) + change).abs() > TOLERANCE_HOURS {
            return None;
        }
        openings.push(opening(series, a0, a1) + offset_hours(tz, day + 4 * DAY));
    }
    (!openings.is_empty()).then(|| openings.iter().sum::<f64>() / openings.len() as f64)
}

/// The zone whose DST changes an interval series given in UTC follows, if any: `None` for
/// daily series, series given in another zone, series that span no DST change, and
/// series whose pattern does not move with one (a queue that keeps UTC hours).
///
/// ```
/// use chrono::{TimeZone, Timelike};
/// use wfm_core::IntervalLength;
/// use wfm_core::forecast::{ContactSeries, likely_dst_zone};
/// use wfm_core::history::Granularity;
/// // 2024-02-05 .. 2024-04-29 in 30-minute steps: a queue open 08:00–18:00 in Chicago.
/// let (start, step) = (1_707_091_200_i64, 1800_i64);
/// let chicago = chrono_tz::America::Chicago;
/// let volume: Vec<f64> = (0..84 * 48)
///     .map(|i| {
///         let local = chicago.timestamp_opt(start + i * step, 0).unwrap();
///         if (8..18).contains(&local.hour()) { 10.0 + f64::from(local.hour()) } else { 0.0 }
///     })
///     .collect();
/// let g = Granularity::Interval(IntervalLength::Thirty);
/// let utc = ContactSeries::volume_only(g, start, chrono_tz::UTC, volume.clone())?;
/// assert_eq!(likely_dst_zone(&utc), Some(chicago));
/// // given its zone, there is nothing to warn about
/// let local = ContactSeries::volume_only(g, start, chicago, volume)?;
/// assert_eq!(likely_dst_zone(&local), None);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub fn likely_dst_zone(series: &ContactSeries) -> Option<Tz> {
    if series.granularity() == Granularity::Daily || series.tz() != chrono_tz::UTC {
        return None;
    }
    CANDIDATES
        .iter()
        .filter_map(|&tz| explains(series, tz).map(|c| (tz, wrapped(c, 8.0).abs())))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(tz, _)| tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IntervalLength;
    use chrono::Timelike;

    /// 20 weeks of 15-minute steps from 2024-01-01 (both spring changes inside) of a
    /// queue open 08:00–18:00 local time in `tz`, with a morning and an afternoon peak.
    fn queue(tz: Tz) -> ContactSeries {
        let (start, step) = (1_704_067_200_i64, 900_i64);
        let v: Vec<f64> = (0..140 * 96)
            .map(|i| {
                let t = tz.timestamp_opt(start + i * step, 0).unwrap();
                let h = f64::from(t.hour()) + f64::from(t.minute()) / 60.0;
                if (8.0..18.0).contains(&h) {
                    let peak = |m: f64| 20.0 * (-(h - m).powi(2) / 2.0).exp();
                    // a little day-to-day noise, deterministic
                    5.0 + peak(10.0) + peak(15.0) + ((i * 7919) % 13) as f64 / 13.0
                } else {
                    0.0
                }
            })
            .collect();
        let g = Granularity::Interval(IntervalLength::Fifteen);
        ContactSeries::volume_only(g, start, chrono_tz::UTC, v).unwrap()
    }

    #[test]
    fn a_us_queue_is_found() {
        let z = likely_dst_zone(&queue(Tz::America__New_York));
        assert_eq!(z, Some(Tz::America__New_York));
        let z = likely_dst_zone(&queue(Tz::America__Los_Angeles));
        assert_eq!(z, Some(Tz::America__Los_Angeles));
    }

    #[test]
    fn a_european_queue_is_found() {
        let z = likely_dst_zone(&queue(Tz::Europe__Berlin));
        assert_eq!(z, Some(Tz::Europe__Berlin));
    }

    #[test]
    fn a_utc_native_queue_is_not_flagged() {
        assert_eq!(likely_dst_zone(&queue(chrono_tz::UTC)), None);
    }

    #[test]
    fn a_series_given_its_zone_or_without_a_change_is_not_flagged() {
        let s = queue(Tz::Europe__Berlin);
        let local = ContactSeries::volume_only(
            s.granularity(),
            s.start(),
            Tz::Europe__Berlin,
            s.volume().to_vec(),
        )
        .unwrap();
        assert_eq!(likely_dst_zone(&local), None);
        // the first 8 weeks (January, February) span no change
        assert_eq!(likely_dst_zone(&s.head(56 * 96)), None);
    }
}
