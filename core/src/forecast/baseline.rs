//! The baselines a planner computes by hand, as candidates of both models: the seasonal
//! naive forecast (each weekday as it was last week) and the mean of each weekday over
//! the last few weeks (4 or 8). For intervals the same rules per local weekday × slot are
//! the slot means of [`profile`](super::profile) (`SlotMean(1)`, `SlotMean(4)`).
//!
//! They keep no trend, no yearly shape and no holiday knowledge, so they are never badly
//! wrong on a level that has just moved, and the selection falls back on them when the
//! richer models' recent backtests are worse.

use super::calendar::weekday_of;
use super::level::DayObs;

/// Mean total of each weekday over the last `weeks` weeks of `days` (complete,
/// consecutive days); `None` with less than one week. `weeks = 1` is the seasonal naive
/// forecast.
pub(crate) fn weekday_means(days: &[DayObs], weeks: usize) -> Option<[f64; 7]> {
    if days.len() < 7 || weeks == 0 {
        return None;
    }
    let recent = &days[days.len().saturating_sub(7 * weeks)..];
    let (mut sum, mut count) = ([0.0; 7], [0usize; 7]);
    for d in recent {
        let w = weekday_of(d.day) as usize;
        sum[w] += d.total;
        count[w] += 1;
    }
    let mut out = [0.0; 7];
    for w in 0..7 {
        out[w] = if count[w] > 0 {
            sum[w] / count[w] as f64
        } else {
            0.0
        };
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(f: impl Fn(i32) -> f64, n: i32) -> Vec<DayObs> {
        (0..n)
            .map(|d| DayObs {
                day: d,
                total: f(d),
            })
            .collect()
    }

    #[test]
    fn seasonal_naive_is_last_week() {
        // Day 0 (1970-01-01) is a Thursday (weekday 3).
        let d = days(f64::from, 21);
        let w = weekday_means(&d, 1).unwrap();
        assert_eq!(w[3], 14.0);
        assert_eq!(w[2], 20.0);
    }

    #[test]
    fn weekday_means_average_the_weeks() {
        let d = days(|d| if d < 14 { 10.0 } else { 30.0 }, 28);
        assert_eq!(weekday_means(&d, 4).unwrap(), [20.0; 7]);
        assert_eq!(weekday_means(&d, 2).unwrap(), [30.0; 7]);
        assert!(weekday_means(&d[..6], 4).is_none());
    }
}
