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

/// Mean total of each weekday over its last `weeks` ordinary days in `days` (complete,
/// consecutive days): a day `special` says is a holiday or other special day is skipped,
/// and the same weekday a week earlier taken instead, so last week's holiday is not
/// carried into next week (the model puts the special days' own factors back). Looks
/// back at most 8 weeks further than asked; `None` with less than one week. `weeks = 1`
/// is the seasonal naive forecast.
pub(crate) fn weekday_means(
    days: &[DayObs],
    weeks: usize,
    special: impl Fn(i32) -> bool,
) -> Option<[f64; 7]> {
    if days.len() < 7 || weeks == 0 {
        return None;
    }
    let (mut sum, mut count) = ([0.0; 7], [0usize; 7]);
    let (mut fallback, mut seen) = ([0.0; 7], [false; 7]);
    for d in days.iter().rev().take(7 * (weeks + 8)) {
        let w = weekday_of(d.day) as usize;
        if !seen[w] {
            (fallback[w], seen[w]) = (d.total, true);
        }
        if count[w] < weeks && !special(d.day) {
            sum[w] += d.total;
            count[w] += 1;
        }
    }
    let mut out = [0.0; 7];
    for w in 0..7 {
        out[w] = if count[w] > 0 {
            sum[w] / count[w] as f64
        } else {
            fallback[w]
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
        let w = weekday_means(&d, 1, |_| false).unwrap();
        assert_eq!(w[3], 14.0);
        assert_eq!(w[2], 20.0);
    }

    #[test]
    fn weekday_means_average_the_weeks() {
        let d = days(|d| if d < 14 { 10.0 } else { 30.0 }, 28);
        assert_eq!(weekday_means(&d, 4, |_| false).unwrap(), [20.0; 7]);
        assert_eq!(weekday_means(&d, 2, |_| false).unwrap(), [30.0; 7]);
        assert!(weekday_means(&d[..6], 4, |_| false).is_none());
    }

    /// Regression (`special_days_are_learned_from_history`): last week's holiday was
    /// carried into next week by the seasonal naive forecast.
    #[test]
    fn seasonal_naive_skips_last_weeks_special_day() {
        let d = days(
            |i| {
                if i == 13 {
                    1.0
                } else {
                    10.0 + f64::from(i / 7)
                }
            },
            14,
        );
        let plain = weekday_means(&d, 1, |_| false).unwrap();
        let w = weekday_of(d[13].day) as usize;
        assert_eq!(plain[w], 1.0);
        let skipping = weekday_means(&d, 1, |day| day == d[13].day).unwrap();
        assert_eq!(skipping[w], 10.0);
    }
}
