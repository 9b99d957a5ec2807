//! The long-term model's robust recent-level candidates (issue 26): what a careful
//! planner does by hand, made robust to the days that mislead the plain baselines.
//!
//! * [`recent_level`]: the median of the last `days` days' weekday-adjusted totals
//!   (total ÷ the weekday's factor), times each weekday's factor. Unlike the weekday
//!   means it is not pulled by a holiday, an outage or an incident day inside its window,
//!   and it pools all weekdays into one level, so it is less noisy than a one-week or
//!   four-week mean of each weekday.
//! * [`YearAgo`]: the same days a year (52 weeks) earlier, as robust 7-day levels, scaled
//!   by the ratio of the last 8 weeks' level to the level of the same 8 weeks a year
//!   before — the recent level with the shape of the year the history has seen. Needs
//!   [`YEAR_AGO_MIN_DAYS`] of history.
//!
//! Both keep the special days (holidays) they are given: the days are left out of the
//! levels and forecast with their learned factors.

use super::calendar::weekday_of;
use super::level::DayObs;
use super::robust::median;
use super::special::{SpecialFactors, Specials};

/// Days in 52 weeks: a day and its source a "year" earlier share their weekday.
const YEAR: i32 = 364;

/// Days the ratio of the recent level to the year-ago level is measured over.
const RATIO_DAYS: usize = 56;

/// History [`YearAgo`] needs: a year and the ratio's 8 weeks.
pub(crate) const YEAR_AGO_MIN_DAYS: usize = YEAR as usize + RATIO_DAYS;

/// Days on either side of a source day its robust level takes in (a centred week).
const HALF_WEEK: i32 = 3;

/// Weekday-adjusted totals (total ÷ the weekday's factor) of the ordinary days of `days`:
/// open weekdays, not special, above 0.
fn adjusted<'a>(
    days: &'a [DayObs],
    weekday: &'a [f64; 7],
    special: &'a Specials,
) -> impl Iterator<Item = (i32, f64)> + 'a {
    days.iter().filter_map(move |d| {
        let w = weekday[weekday_of(d.day) as usize];
        (w >= 0.05 && d.total > 0.0 && !special.touches(d.day)).then(|| (d.day, d.total / w))
    })
}

/// The median weekday-adjusted total of the last `days` days of `obs` (`None` with
/// fewer than 7 ordinary days among them).
pub(crate) fn recent_level(
    obs: &[DayObs],
    days: usize,
    weekday: &[f64; 7],
    special: &Specials,
) -> Option<f64> {
    let tail = &obs[obs.len().saturating_sub(days)..];
    let v: Vec<f64> = adjusted(tail, weekday, special).map(|x| x.1).collect();
    (v.len() >= 7).then(|| median(&v)).flatten()
}

/// The recent level with last year's shape (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct YearAgo {
    weekday: [f64; 7],
    /// Day number of `levels[0]`: the first of the history's last 364 days.
    first: i32,
    /// Robust 7-day level of each of the history's last 364 days, the sources of the
    /// next 364.
    levels: Vec<f64>,
    end_day: i32,
    ratio: f64,
    special: SpecialFactors,
}

impl YearAgo {
    /// Fits on complete, consecutive days; `None` with less than [`YEAR_AGO_MIN_DAYS`],
    /// or when a level cannot be measured (a closed queue).
    pub(crate) fn fit(
        obs: &[DayObs],
        weekday: [f64; 7],
        special: &Specials,
        factors: SpecialFactors,
    ) -> Option<Self> {
        let n = obs.len();
        if n < YEAR_AGO_MIN_DAYS {
            return None;
        }
        let end_day = obs[n - 1].day;
        let first = end_day - YEAR + 1;
        // The adjusted totals of the last year and the 8 weeks before it, by day number.
        let from = n - YEAR_AGO_MIN_DAYS;
        let adj: Vec<Option<f64>> = {
            let mut v = vec![None; n - from];
            for (day, x) in adjusted(&obs[from..], &weekday, special) {
                v[(day - obs[from].day) as usize] = Some(x);
            }
            v
        };
        let day0 = obs[from].day;
        let at = |day: i32| -> Option<f64> {
            let k = usize::try_from(day - day0).ok()?;
            adj.get(k).copied().flatten()
        };
        let window = |a: i32, b: i32| -> Option<f64> {
            let v: Vec<f64> = (a..=b).filter_map(at).collect();
            median(&v)
        };
        let recent = window(end_day - RATIO_DAYS as i32 + 1, end_day)?;
        let before = window(end_day - YEAR - RATIO_DAYS as i32 + 1, end_day - YEAR)?;
        if recent <= 0.0 || before <= 0.0 {
            return None;
        }
        // The source of each day of the next year: its day a year earlier, as a centred
        // week's level (the level before it where a whole week is special or closed).
        let mut levels = Vec::with_capacity(YEAR as usize);
        let mut last = before;
        for s in first..=end_day {
            let l = window(s - HALF_WEEK, s + HALF_WEEK).unwrap_or(last);
            levels.push(l);
            last = l;
        }
        Some(Self {
            weekday,
            first,
            levels,
            end_day,
            ratio: recent / before,
            special: factors,
        })
    }

    /// The expected total of local day `day` (after the history).
    pub(crate) fn predict(&self, day: i32) -> f64 {
        let w = self.weekday[weekday_of(day) as usize];
        if w <= 0.0 {
            return 0.0;
        }
        // The source a whole number of years back inside the stored year.
        let back = (day - self.first).div_euclid(YEAR);
        let k = (day - back * YEAR - self.first) as usize;
        let Some(level) = self.levels.get(k) else {
            return 0.0;
        };
        let v = level * self.ratio * w * self.special.factor(day);
        if v.is_finite() && day > self.end_day {
            v
        } else {
            0.0
        }
    }
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
    fn recent_level_ignores_a_holiday_and_an_outage() {
        let mut d = days(|_| 100.0, 28);
        d[20].total = 5.0;
        d[25].total = 400.0;
        let l = recent_level(&d, 28, &[1.0; 7], &Specials::default()).unwrap();
        assert_eq!(l, 100.0);
        assert!(recent_level(&d[..5], 28, &[1.0; 7], &Specials::default()).is_none());
    }

    #[test]
    fn year_ago_repeats_last_years_shape_at_the_recent_level() {
        // A yearly bump of +50 % in days 100..130 of each year, and a level 20 % higher
        // in the second year.
        let f = |d: i32| {
            let bump = if (100..130).contains(&d.rem_euclid(YEAR)) {
                1.5
            } else {
                1.0
            };
            let level = if d >= YEAR { 120.0 } else { 100.0 };
            level * bump
        };
        let obs = days(f, YEAR + 80);
        let y = YearAgo::fit(
            &obs,
            [1.0; 7],
            &Specials::default(),
            SpecialFactors::default(),
        )
        .unwrap();
        let end = obs.last().unwrap().day;
        assert!((y.predict(end + 1) - 120.0).abs() < 1e-9);
        assert!((y.predict(YEAR + 115) - 180.0).abs() < 1e-9);
        // Two years ahead takes the same source.
        assert!((y.predict(2 * YEAR + 115) - 180.0).abs() < 1e-9);
        assert!(
            YearAgo::fit(
                &obs[..300],
                [1.0; 7],
                &Specials::default(),
                SpecialFactors::default()
            )
            .is_none()
        );
    }
}
