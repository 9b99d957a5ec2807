//! Local time of grid points: which local day, weekday and intraday slot each UTC step
//! falls in, so shapes are learned and replayed in the queue's own clock (one hour off in
//! UTC across a DST change, exactly as the contacts are).

use chrono::{DateTime, Offset, TimeZone, Timelike};
use chrono_tz::Tz;

/// Seconds per day.
pub(crate) const DAY: i64 = 86_400;

/// Where one grid step falls in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalPoint {
    /// Local calendar day, days since 1970-01-01.
    pub day: i32,
    /// Local weekday, Monday = 0.
    pub weekday: u8,
    /// Local intraday slot: local minutes since midnight / step minutes (0 for days).
    pub slot: u16,
}

/// Monday = 0 weekday of a day number (days since 1970-01-01, a Thursday).
pub(crate) fn weekday_of(day: i32) -> u8 {
    (day + 3).rem_euclid(7) as u8
}

/// Local points of `n` steps of `step` seconds from `start` (Unix seconds) in `tz`. Daily
/// steps are dates already: their day is `start / 86400 + i`.
pub(crate) fn local_points(start: i64, step: i64, n: usize, tz: Tz) -> Vec<LocalPoint> {
    if step >= DAY {
        let d0 = start.div_euclid(DAY);
        return (0..n)
            .map(|i| {
                let day = (d0 + i as i64 * (step / DAY)) as i32;
                LocalPoint {
                    day,
                    weekday: weekday_of(day),
                    slot: 0,
                }
            })
            .collect();
    }
    let step_min = (step / 60).max(1);
    let mut out = Vec::with_capacity(n);
    // The UTC offset only changes at transitions; recompute it once per UTC hour start.
    let mut cached_hour = i64::MIN;
    let mut offset = 0i64;
    for i in 0..n {
        let t = start + i as i64 * step;
        let hour = t.div_euclid(3600);
        if hour != cached_hour {
            cached_hour = hour;
            offset = DateTime::from_timestamp(hour * 3600, 0)
                .map(|u| {
                    i64::from(
                        tz.offset_from_utc_datetime(&u.naive_utc())
                            .fix()
                            .local_minus_utc(),
                    )
                })
                .unwrap_or(0);
        }
        let local = t + offset;
        let day = local.div_euclid(DAY);
        let minute = local.rem_euclid(DAY) / 60;
        out.push(LocalPoint {
            day: day as i32,
            weekday: weekday_of(day as i32),
            slot: (minute / step_min) as u16,
        });
    }
    out
}

/// Local slots per day for a step of `step` seconds (1 for days).
pub(crate) fn slots_per_day(step: i64) -> usize {
    if step >= DAY {
        1
    } else {
        (DAY / step) as usize
    }
}

/// The UTC hour (0–23) of `t`, for tests and examples.
#[allow(dead_code)]
pub(crate) fn utc_hour(t: i64) -> u32 {
    DateTime::from_timestamp(t, 0).map_or(0, |d| d.hour())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_dst() {
        assert_eq!(weekday_of(0), 3); // 1970-01-01 was a Thursday
        // 2024-03-31 01:00Z is 03:00 CEST in Berlin (DST began at 01:00Z).
        let t = 1_711_846_800;
        let p = local_points(t - 900, 900, 2, chrono_tz::Europe::Berlin);
        assert_eq!(p[0].slot, 7); // 01:45 CET
        assert_eq!(p[1].slot, 12); // 03:00 CEST
        assert_eq!(p[0].day, p[1].day);
        assert_eq!(slots_per_day(900), 96);
        assert_eq!(utc_hour(t), 1);
    }
}
