//! A series mapped to local time once, with its local-day table, so candidates and
//! backtest origins reuse it: fitting on a prefix is `end` points, not a copy.

use super::calendar::{LocalPoint, local_points, slots_per_day};
use super::level::DayObs;
use super::series::ContactSeries;

/// A series and its local points.
pub(crate) struct Prepared<'a> {
    /// The series.
    pub series: &'a ContactSeries,
    /// Local day, weekday and slot of every point.
    pub points: Vec<LocalPoint>,
    /// Local slots per day.
    pub spd: usize,
}

/// Per local day of a prefix: totals and whether the day is wholly inside it.
pub(crate) struct DayTable {
    /// Day number of index 0.
    pub day0: i32,
    /// Volume per day.
    pub volume: Vec<f64>,
    /// Whether the day is complete (not the first or last day of the prefix).
    pub complete: Vec<bool>,
}

impl DayTable {
    /// The index of `day` in the table.
    pub fn index(&self, day: i32) -> Option<usize> {
        let k = usize::try_from(day - self.day0).ok()?;
        (k < self.volume.len()).then_some(k)
    }

    /// The complete days, in order, as level-model observations (the longest run of
    /// consecutive complete days ending last).
    pub fn complete_days(&self) -> Vec<DayObs> {
        let mut out = Vec::new();
        for (k, (&v, &c)) in self.volume.iter().zip(&self.complete).enumerate() {
            if c {
                out.push(DayObs {
                    day: self.day0 + k as i32,
                    total: v,
                });
            } else if !out.is_empty() && k + 1 < self.volume.len() {
                out.clear();
            }
        }
        out
    }

    /// Last complete day number.
    pub fn last_complete(&self) -> Option<i32> {
        self.complete
            .iter()
            .rposition(|&c| c)
            .map(|k| self.day0 + k as i32)
    }
}

impl<'a> Prepared<'a> {
    /// Maps `series` to local time.
    pub fn new(series: &'a ContactSeries) -> Self {
        let step = series.step_seconds();
        Self {
            points: local_points(series.start(), step, series.len(), series.tz()),
            spd: slots_per_day(step),
            series,
        }
    }

    /// The local-day table of the first `end` points.
    pub fn days(&self, end: usize) -> DayTable {
        let pts = &self.points[..end];
        let Some(day0) = pts.iter().map(|p| p.day).min() else {
            return DayTable {
                day0: 0,
                volume: Vec::new(),
                complete: Vec::new(),
            };
        };
        let last = pts.iter().map(|p| p.day).max().unwrap_or(day0);
        let nd = (last - day0 + 1) as usize;
        let mut volume = vec![0.0; nd];
        let mut seen = vec![false; nd];
        for (p, &v) in pts.iter().zip(self.series.volume()) {
            let k = (p.day - day0) as usize;
            volume[k] += v;
            seen[k] = true;
        }
        let daily = self.spd == 1;
        let complete = (0..nd)
            .map(|k| seen[k] && (daily || (k > 0 && k + 1 < nd)))
            .collect();
        DayTable {
            day0,
            volume,
            complete,
        }
    }
}
