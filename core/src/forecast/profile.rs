//! Intraday tables by local weekday × slot: the volume share profile (each slot's share
//! of its day) and robust slot means, averaged over recent weeks with recency weights and
//! a taper that gives outage and spike slots no say.

use super::prepare::{DayTable, Prepared};
use super::robust::weighted_median;

/// Relative over-dispersion of a slot around its share (NB + interval noise).
const ALPHA: f64 = 0.17;

/// Weight of a standardised deviation: 1 up to 2, linearly to 0 at 4.
fn taper(z: f64) -> f64 {
    let a = z.abs();
    if a <= 2.0 {
        1.0
    } else {
        ((4.0 - a) / 2.0).max(0.0)
    }
}

/// Robust ratio Σ w·v / Σ w·d over `(v, d, w)` entries: the weighted median of v/d sets
/// the centre, entries far from it (in count-noise units) are tapered away.
fn robust_ratio(entries: &mut [(f64, f64, f64)]) -> f64 {
    if entries.iter().all(|e| e.0 <= 0.0) {
        return 0.0;
    }
    let mut pairs: Vec<(f64, f64)> = entries
        .iter()
        .filter(|e| e.1 > 0.0)
        .map(|e| (e.0 / e.1, e.2 * e.1))
        .collect();
    let Some(m) = weighted_median(&mut pairs) else {
        return 0.0;
    };
    let (mut num, mut den) = (0.0, 0.0);
    for &(v, d, w) in entries.iter() {
        let e = m * d;
        let sd = (e + (ALPHA * e).powi(2)).sqrt() + 1.0;
        let t = w * taper((v - e) / sd);
        num += t * v;
        den += t * d;
    }
    if den > 0.0 { num / den } else { m }
}

/// How the recent weeks are weighted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Window {
    /// Weeks of history used.
    pub weeks: usize,
    /// Half-life of the recency weight, weeks (`f64::INFINITY` = equal weights).
    pub half_life: f64,
}

impl Window {
    fn weight(&self, age_days: i32) -> Option<f64> {
        if age_days < 0 || age_days as usize >= self.weeks * 7 {
            return None;
        }
        Some(0.5f64.powf(f64::from(age_days) / (7.0 * self.half_life)))
    }
}

/// Collects `(v, d, w)` per weekday × slot over complete days of the window.
fn buckets(
    prep: &Prepared<'_>,
    end: usize,
    days: &DayTable,
    window: Window,
    share: bool,
) -> Vec<Vec<(f64, f64, f64)>> {
    buckets_with(prep, end, days, &days.volume, window, share)
}

/// As [`buckets`], with the day totals `totals` (indexed as `days`).
fn buckets_with(
    prep: &Prepared<'_>,
    end: usize,
    days: &DayTable,
    totals: &[f64],
    window: Window,
    share: bool,
) -> Vec<Vec<(f64, f64, f64)>> {
    let spd = prep.spd;
    let mut b = vec![Vec::new(); 7 * spd];
    let Some(last) = days.last_complete() else {
        return b;
    };
    let vol = prep.series.volume();
    for (p, &v) in prep.points[..end].iter().zip(vol) {
        let Some(k) = days.index(p.day) else { continue };
        if !days.complete[k] {
            continue;
        }
        let Some(w) = window.weight(last - p.day) else {
            continue;
        };
        let d = if share { totals[k] } else { 1.0 };
        if share && d <= 0.0 {
            continue;
        }
        b[p.weekday as usize * spd + p.slot as usize % spd].push((v, d, w));
    }
    b
}

/// Share of its day's volume per weekday × slot (each weekday sums to 1, or to 0 for a
/// weekday never open); exactly 0 where the window never saw a contact.
pub(crate) fn share_profile(
    prep: &Prepared<'_>,
    end: usize,
    days: &DayTable,
    window: Window,
) -> Vec<f64> {
    let spd = prep.spd;
    let mut b = buckets(prep, end, days, window, true);
    let first: Vec<f64> = b.iter_mut().map(|e| robust_ratio(e)).collect();
    // Robust day totals: a day with an outage (or a spike) in some slots is measured by
    // its other slots, so its shares are not skewed; then the profile again.
    let (mut num, mut den) = (vec![0.0; days.volume.len()], vec![0.0; days.volume.len()]);
    for (p, &v) in prep.points[..end].iter().zip(prep.series.volume()) {
        let Some(k) = days.index(p.day) else { continue };
        let share = first[p.weekday as usize * spd + p.slot as usize % spd];
        let e = share * days.volume[k];
        let sd = (e + (ALPHA * e).powi(2)).sqrt() + 1.0;
        let t = taper((v - e) / sd);
        num[k] += t * v;
        den[k] += t * share;
    }
    let totals: Vec<f64> = (0..days.volume.len())
        .map(|k| {
            if den[k] > 0.2 {
                num[k] / den[k]
            } else {
                days.volume[k]
            }
        })
        .collect();
    let mut b = buckets_with(prep, end, days, &totals, window, true);
    let mut p: Vec<f64> = b.iter_mut().map(|e| robust_ratio(e)).collect();
    for w in 0..7 {
        let row = &mut p[w * spd..(w + 1) * spd];
        let s: f64 = row.iter().sum();
        if s > 0.0 {
            row.iter_mut().for_each(|v| *v /= s);
        }
    }
    p
}

/// Robust mean volume per weekday × slot.
pub(crate) fn slot_means(
    prep: &Prepared<'_>,
    end: usize,
    days: &DayTable,
    window: Window,
) -> Vec<f64> {
    let mut b = buckets(prep, end, days, window, false);
    b.iter_mut().map(|e| robust_ratio(e)).collect()
}

/// Plain mean volume per weekday × slot (the classic "same slot, last N weeks").
pub(crate) fn plain_slot_means(
    prep: &Prepared<'_>,
    end: usize,
    days: &DayTable,
    weeks: usize,
) -> Vec<f64> {
    let window = Window {
        weeks,
        half_life: f64::INFINITY,
    };
    buckets(prep, end, days, window, false)
        .iter()
        .map(|e| {
            if e.is_empty() {
                0.0
            } else {
                e.iter().map(|x| x.0).sum::<f64>() / e.len() as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_ignores_an_outage() {
        let mut e: Vec<(f64, f64, f64)> = (0..8).map(|_| (100.0, 1000.0, 1.0)).collect();
        e.push((0.0, 900.0, 1.0));
        assert!((robust_ratio(&mut e) - 0.1).abs() < 1e-12);
        let mut z = vec![(0.0, 10.0, 1.0); 3];
        assert_eq!(robust_ratio(&mut z), 0.0);
    }
}
