//! Special days (holidays, half days, promotions) as model inputs: known dates with a
//! label. Each label's factor (its days' volume against the surrounding normal days) and
//! the rebound of the day after a low day are learned from the history; the days are
//! kept out of the level fit.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::weekday_of;
use super::level::DayObs;
use super::robust::median;

/// A known special day: its local date and a label ("holiday", "half day", "Black
/// Friday", …). Days sharing a label share one learned factor.
///
/// ```
/// use chrono::NaiveDate;
/// use wfm_core::forecast::SpecialDay;
/// let d = SpecialDay::new(NaiveDate::from_ymd_opt(2025, 12, 25).unwrap(), "holiday");
/// assert_eq!(d.label, "holiday");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SpecialDay {
    /// The local calendar date.
    pub date: NaiveDate,
    /// What kind of day it is.
    pub label: String,
}

impl SpecialDay {
    /// A special day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_core::forecast::SpecialDay;
    /// let d = SpecialDay::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), "holiday");
    /// assert_eq!(d.date.to_string(), "2025-01-01");
    /// ```
    pub fn new(date: NaiveDate, label: &str) -> Self {
        Self {
            date,
            label: label.to_owned(),
        }
    }
}

/// Days since 1970-01-01 of a date.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - 719_163
}

/// Special days by day number, labels interned.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Specials {
    days: HashMap<i32, usize>,
    labels: usize,
}

impl Specials {
    /// Interns `list`.
    pub(crate) fn new(list: &[SpecialDay]) -> Self {
        let mut names: HashMap<&str, usize> = HashMap::new();
        let mut days = HashMap::new();
        for d in list {
            let n = names.len();
            let id = *names.entry(d.label.as_str()).or_insert(n);
            days.insert(day_number(d.date), id);
        }
        Self {
            labels: names.len(),
            days,
        }
    }

    /// Whether `day` is special or follows one (both are kept out of level fits).
    pub(crate) fn touches(&self, day: i32) -> bool {
        self.days.contains_key(&day) || self.days.contains_key(&(day - 1))
    }

    /// Learns each label's factor and the rebound from `days`.
    pub(crate) fn learn(&self, days: &[DayObs], weekday: &[f64; 7]) -> SpecialFactors {
        let mut out = SpecialFactors {
            days: self.days.clone(),
            factor: vec![1.0; self.labels],
            rebound: 1.0,
        };
        if self.days.is_empty() {
            return out;
        }
        let w = |d: i32| weekday[weekday_of(d) as usize];
        let ratio = |k: usize| -> Option<f64> {
            let x = days[k];
            if w(x.day) < 0.05 {
                return None;
            }
            let lo = k.saturating_sub(10);
            let hi = (k + 11).min(days.len());
            let normal: Vec<f64> = days[lo..hi]
                .iter()
                .filter(|o| w(o.day) >= 0.05 && o.total > 0.0 && !self.touches(o.day))
                .map(|o| o.total / w(o.day))
                .collect();
            let m = median(&normal)?;
            (m > 0.0).then(|| x.total / (m * w(x.day)))
        };
        let mut per: Vec<Vec<f64>> = vec![Vec::new(); self.labels];
        for (k, x) in days.iter().enumerate() {
            if let Some(&id) = self.days.get(&x.day) {
                per[id].extend(ratio(k));
            }
        }
        for (f, r) in out.factor.iter_mut().zip(&per) {
            if let Some(m) = median(r) {
                *f = m;
            }
        }
        let after: Vec<f64> = days
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                !self.days.contains_key(&x.day)
                    && self
                        .days
                        .get(&(x.day - 1))
                        .is_some_and(|&id| out.factor[id] < 0.5)
            })
            .filter_map(|(k, _)| ratio(k))
            .collect();
        if after.len() >= 2 {
            out.rebound = median(&after).unwrap_or(1.0);
        }
        out
    }
}

/// Learned special-day factors.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SpecialFactors {
    days: HashMap<i32, usize>,
    factor: Vec<f64>,
    rebound: f64,
}

impl SpecialFactors {
    /// The factor of `day`: its label's, the rebound after a low day, else 1.
    pub(crate) fn factor(&self, day: i32) -> f64 {
        if let Some(&id) = self.days.get(&day) {
            return self.factor[id];
        }
        match self.days.get(&(day - 1)) {
            Some(&id) if self.factor[id] < 0.5 => self.rebound,
            _ => 1.0,
        }
    }
}

/// Fixed-date days (same month and day) that were low — under half the volume of the
/// surrounding normal days — in every one of at least two years of `days`, as special days
/// labelled `recurring` for every year up to the one of day `until` (Christmas, New
/// Year, national days; Easter-bound and weekday-bound holidays need a calendar input).
pub(crate) fn recurring_low_days(
    days: &[DayObs],
    weekday: &[f64; 7],
    until: i32,
) -> Vec<SpecialDay> {
    let w = |d: i32| weekday[weekday_of(d) as usize];
    let n = days.len();
    if n < 400 {
        return Vec::new();
    }
    let mut seen: HashMap<(u32, u32), (u32, bool)> = HashMap::new();
    for k in 10..n - 10 {
        let x = days[k];
        if w(x.day) < 0.05 {
            continue;
        }
        let normal: Vec<f64> = days[k - 10..=k + 10]
            .iter()
            .filter(|o| w(o.day) >= 0.05 && o.total > 0.0)
            .map(|o| o.total / w(o.day))
            .collect();
        let Some(m) = median(&normal).filter(|&m| m > 0.0) else {
            continue;
        };
        let low = x.total / (m * w(x.day)) < 0.5;
        let Some(date) = date_of(x.day) else { continue };
        let e = seen.entry((date.month(), date.day())).or_insert((0, true));
        e.0 += 1;
        e.1 &= low;
    }
    let (Some(first), Some(last)) = (date_of(days[0].day), date_of(until)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (&(month, day), &(count, all_low)) in &seen {
        if count < 2 || !all_low {
            continue;
        }
        for year in first.year()..=last.year() {
            if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                out.push(SpecialDay::new(d, "recurring"));
            }
        }
    }
    out.sort_by_key(|d| d.date);
    out
}

/// The date of a day number.
fn date_of(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day + 719_163)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn christmas_is_found_and_labels_learned() {
        let start = day_number(NaiveDate::from_ymd_opt(2022, 1, 3).unwrap());
        let xmas = |d: i32| date_of(d).is_some_and(|x| x.month() == 12 && x.day() == 25);
        let days: Vec<DayObs> = (0..800)
            .map(|i| DayObs {
                day: start + i,
                total: if xmas(start + i) { 20.0 } else { 400.0 },
            })
            .collect();
        let w = [1.0; 7];
        let found = recurring_low_days(&days, &w, start + 1200);
        let dates: Vec<String> = found.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2022-12-25", "2023-12-25", "2024-12-25", "2025-12-25"]
        );
        let f = Specials::new(&found).learn(&days, &w);
        assert!((f.factor(day_number(found[3].date)) - 0.05).abs() < 1e-9);
        assert_eq!(f.factor(start + 5), 1.0);
    }
}
