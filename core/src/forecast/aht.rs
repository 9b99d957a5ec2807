//! The AHT model: a handled-weighted profile by local slot, a weekday factor, and the
//! recent level (AHT drifts slowly; the profile is stable).

use super::prepare::{DayTable, Prepared};

/// Handled contacts a slot needs before its own ratio outweighs its neighbours'.
const SHRINK: f64 = 30.0;

/// A fitted AHT model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AhtModel {
    slot: Vec<f64>,
    weekday: [f64; 7],
    level: f64,
}

impl AhtModel {
    /// Fits on the first `end` points: profile over the last `profile_days` days, level
    /// over the last `level_days` days.
    pub(crate) fn fit(
        prep: &Prepared<'_>,
        end: usize,
        days: &DayTable,
        profile_days: i32,
        level_days: i32,
    ) -> Self {
        let spd = prep.spd;
        let s = prep.series;
        let last = days
            .last_complete()
            .unwrap_or_else(|| prep.points[..end].last().map_or(0, |p| p.day));
        let (mut hs, mut h) = (vec![0.0; spd], vec![0.0; spd]);
        let (mut all_hs, mut all_h) = (0.0, 0.0);
        for (i, p) in prep.points[..end].iter().enumerate() {
            let age = last - p.day;
            if !(0..profile_days).contains(&age) || s.handled()[i] <= 0.0 {
                continue;
            }
            let k = p.slot as usize % spd;
            hs[k] += s.aht()[i] * s.handled()[i];
            h[k] += s.handled()[i];
            all_hs += s.aht()[i] * s.handled()[i];
            all_h += s.handled()[i];
        }
        let mean = if all_h > 0.0 { all_hs / all_h } else { 0.0 };
        let raw: Vec<Option<f64>> = (0..spd)
            .map(|k| (h[k] > 0.0 && mean > 0.0).then(|| hs[k] / h[k] / mean))
            .collect();
        let slot: Vec<f64> = (0..spd)
            .map(|k| {
                let nb: Vec<f64> = [k.wrapping_sub(1), k + 1]
                    .iter()
                    .filter_map(|&j| raw.get(j).copied().flatten())
                    .collect();
                let prior = if nb.is_empty() {
                    1.0
                } else {
                    nb.iter().sum::<f64>() / nb.len() as f64
                };
                match raw[k] {
                    Some(r) => (r * h[k] + prior * SHRINK) / (h[k] + SHRINK),
                    None => prior,
                }
            })
            .collect();
        // Weekday factors and the recent level, against the slot profile.
        let (mut wn, mut wd) = ([0.0; 7], [0.0; 7]);
        let (mut ln, mut ld) = (0.0, 0.0);
        for (i, p) in prep.points[..end].iter().enumerate() {
            let hd = s.handled()[i];
            let age = last - p.day;
            if hd <= 0.0 || !(0..profile_days).contains(&age) {
                continue;
            }
            let e = slot[p.slot as usize % spd] * hd;
            wn[p.weekday as usize] += s.aht()[i] * hd;
            wd[p.weekday as usize] += e;
        }
        let mut weekday = [1.0; 7];
        let mut tot = (0.0, 0.0);
        for k in 0..7 {
            if wd[k] > 0.0 {
                weekday[k] = wn[k] / wd[k];
                tot.0 += wn[k];
                tot.1 += wd[k];
            }
        }
        let norm = if tot.1 > 0.0 { tot.0 / tot.1 } else { 1.0 };
        weekday.iter_mut().for_each(|v| *v /= norm.max(1e-9));
        for (i, p) in prep.points[..end].iter().enumerate() {
            let hd = s.handled()[i];
            let age = last - p.day;
            if hd <= 0.0 || !(0..level_days).contains(&age) {
                continue;
            }
            ln += s.aht()[i] * hd;
            ld += slot[p.slot as usize % spd] * weekday[p.weekday as usize] * hd;
        }
        let level = if ld > 0.0 { ln / ld } else { mean };
        Self {
            slot,
            weekday,
            level,
        }
    }

    /// AHT at a local weekday and slot.
    pub(crate) fn predict(&self, weekday: u8, slot: u16) -> f64 {
        let v = self.level
            * self.slot[slot as usize % self.slot.len()]
            * self.weekday[weekday as usize % 7];
        if v.is_finite() { v.max(0.0) } else { 0.0 }
    }
}
