//! The short-term model: volume and AHT per 15- or 30-minute interval, up to 18 weeks
//! ahead, chosen per series among a few candidates by an internal backtest (4 origins of
//! 28 days before the end of the history, pooled WAPE with the origins weighted to recency
//! (half weight 56 days back); the winner's residuals calibrate the P10–P90 band).
//!
//! Candidates for volume:
//! * `seasonal-naive`: the same local weekday × slot last week;
//! * `slot-mean-4w`: mean of the same local weekday × slot over the last 4 weeks;
//! * `slot-mean-8w-robust`: recency-weighted robust mean over 8 weeks;
//! * `daily-profile*`: the daily total × a weekday-specific intraday share profile in
//!   local time (robust, over up to 26 weeks). The daily total is the level model: robust
//!   weekday factors, then a robust log level over 8 weeks with a damped trend
//!   (`daily-profile`), over 4 weeks flat (`-flat`), their geometric mean (`-mix`), 26
//!   weeks with a level shift (`-shift`), the whole history with a yearly term when ≥ 13
//!   months exist (`-yearly`), and the 4-week level with day-of-month effects forced
//!   (`-dom`; elsewhere they are kept only when significant).
//!
//! AHT = handled-weighted local-slot profile × weekday factor × the recent level (the
//! window, 1 to 4 weeks, chosen by the same backtest, weighted by handled contacts).

use serde::{Deserialize, Serialize};

use super::aht::AhtModel;
use super::calendar::{LocalPoint, local_points};
use super::level::{DailyLevel, LevelSpec};
use super::output::{CandidateScore, Forecast, ForecastPoint};
use super::prepare::Prepared;
use super::profile::{Window, plain_slot_means, share_profile, slot_means};
use super::quantile::{calibrate, nb_quantiles};
use super::select::{Weighting, origins, select};
use super::series::ContactSeries;
use super::special::{SpecialDay, Specials};
use super::{Forecaster, Predict};
use crate::CoreError;
use crate::history::Granularity;

/// Options of the [`ShortTermModel`].
///
/// ```
/// use wfm_core::forecast::ShortTermOptions;
/// let o = ShortTermOptions::default();
/// assert_eq!((o.max_horizon_days, o.backtest_days, o.backtest_origins), (126, 28, 4));
/// assert_eq!(o.interval_coverage, 0.8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ShortTermOptions {
    /// Longest horizon, days (126 = 18 weeks).
    pub max_horizon_days: u32,
    /// Days forecast at each selection origin.
    pub backtest_days: u32,
    /// Selection origins (0 = always the default candidate; intervals then use a fixed
    /// dispersion).
    pub backtest_origins: u32,
    /// Share of actuals the P10–P90 band should hold in the backtest (0.8).
    pub interval_coverage: f64,
}

impl Default for ShortTermOptions {
    fn default() -> Self {
        Self {
            max_horizon_days: 126,
            backtest_days: 28,
            backtest_origins: 4,
            interval_coverage: 0.8,
        }
    }
}

/// The short-term forecaster (interval series only).
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::forecast::{ContactSeries, Forecaster, Predict, ShortTermModel};
/// use wfm_core::history::Granularity;
/// // Eight weeks of an hourly-shaped queue open 08:00–16:00 UTC, every day alike.
/// let day: Vec<f64> = (0..48).map(|s| if (16..32).contains(&s) { 10.0 } else { 0.0 }).collect();
/// let volume: Vec<f64> = (0..56).flat_map(|_| day.clone()).collect();
/// let s = ContactSeries::volume_only(
///     Granularity::Interval(IntervalLength::Thirty), 1_719_792_000, chrono_tz::UTC, volume)?;
/// let f = ShortTermModel::default().fit(&s)?.predict(48)?;
/// assert_eq!(f.points.len(), 48);
/// assert!((f.points[20].volume - 10.0).abs() < 1e-6);
/// assert_eq!(f.points[2].volume, 0.0);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShortTermModel {
    /// The options.
    pub options: ShortTermOptions,
    /// Known special days (holidays, …) of the history and the horizon.
    pub special_days: Vec<SpecialDay>,
}

impl ShortTermModel {
    /// The model with these special days (local dates of the queue).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_core::forecast::{ShortTermModel, SpecialDay};
    /// let day = SpecialDay::new(NaiveDate::from_ymd_opt(2025, 6, 9).unwrap(), "holiday");
    /// let m = ShortTermModel::default().with_special_days(vec![day]);
    /// assert_eq!(m.special_days.len(), 1);
    /// ```
    pub fn with_special_days(mut self, days: Vec<SpecialDay>) -> Self {
        self.special_days = days;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum VolumeSpec {
    SlotMean(usize),
    RobustSlotMean(Window),
    DailyProfile(LevelSpec, Window),
    /// The geometric mean of two daily models' totals × the profile.
    DailyProfileMix(LevelSpec, LevelSpec, Window),
}

const PROFILE: Window = Window {
    weeks: 26,
    half_life: 26.0,
};

fn level(window_days: usize, trend: bool, phi: f64, shift: bool) -> LevelSpec {
    LevelSpec {
        window_days,
        trend,
        phi,
        yearly: false,
        shift,
        weekday_weeks: 26,
        dom_threshold: 4.0,
    }
}

fn candidates() -> Vec<(&'static str, VolumeSpec)> {
    vec![
        (
            "daily-profile",
            VolumeSpec::DailyProfile(level(56, true, 0.98, false), PROFILE),
        ),
        (
            "daily-profile-flat",
            VolumeSpec::DailyProfile(level(28, false, 1.0, false), PROFILE),
        ),
        (
            "daily-profile-dom",
            VolumeSpec::DailyProfile(
                LevelSpec {
                    dom_threshold: 0.0,
                    ..level(28, false, 1.0, false)
                },
                PROFILE,
            ),
        ),
        (
            "daily-profile-shift",
            VolumeSpec::DailyProfile(level(182, true, 0.98, true), PROFILE),
        ),
        (
            "daily-profile-yearly",
            VolumeSpec::DailyProfile(
                LevelSpec {
                    yearly: true,
                    phi: 0.995,
                    ..level(10_000, true, 0.995, true)
                },
                PROFILE,
            ),
        ),
        (
            "daily-profile-mix",
            VolumeSpec::DailyProfileMix(
                level(56, true, 0.98, false),
                level(28, false, 1.0, false),
                PROFILE,
            ),
        ),
        ("seasonal-naive", VolumeSpec::SlotMean(1)),
        ("slot-mean-4w", VolumeSpec::SlotMean(4)),
        (
            "slot-mean-8w-robust",
            VolumeSpec::RobustSlotMean(Window {
                weeks: 8,
                half_life: 4.0,
            }),
        ),
    ]
}

const AHT_LEVEL_DAYS: [i32; 3] = [7, 14, 28];
const AHT_PROFILE_DAYS: i32 = 182;

/// A fitted volume candidate: a weekday × slot table, times a daily total when present.
#[derive(Debug, Clone, PartialEq)]
struct VolumeFit {
    table: Vec<f64>,
    day: Option<DailyLevel>,
    /// A second daily model, averaged (geometrically) with the first.
    mix: Option<DailyLevel>,
    spd: usize,
}

impl VolumeFit {
    /// Fits on the first `end` points; `profile` is the share profile of that prefix
    /// when already computed (every daily-profile candidate shares it).
    fn fit(
        prep: &Prepared<'_>,
        end: usize,
        spec: &VolumeSpec,
        special: &Specials,
        profile: Option<&[f64]>,
    ) -> Option<Self> {
        let days = prep.days(end);
        let shares = |w: &Window| match profile {
            Some(p) if *w == PROFILE => p.to_vec(),
            _ => share_profile(prep, end, &days, *w),
        };
        let spd = prep.spd;
        let (table, day, mix) = match spec {
            VolumeSpec::SlotMean(w) => (plain_slot_means(prep, end, &days, *w), None, None),
            VolumeSpec::RobustSlotMean(w) => (slot_means(prep, end, &days, *w), None, None),
            VolumeSpec::DailyProfile(l, w) => {
                let obs = days.complete_days();
                let lvl = DailyLevel::fit(&obs, l, special)?;
                (shares(w), Some(lvl), None)
            }
            VolumeSpec::DailyProfileMix(a, b, w) => {
                let obs = days.complete_days();
                let la = DailyLevel::fit(&obs, a, special)?;
                let lb = DailyLevel::fit(&obs, b, special)?;
                (shares(w), Some(la), Some(lb))
            }
        };
        Some(Self {
            table,
            day,
            mix,
            spd,
        })
    }

    fn predict(&self, p: &LocalPoint) -> f64 {
        let t = self.table[p.weekday as usize * self.spd + p.slot as usize % self.spd];
        let v = match &self.day {
            Some(d) if t > 0.0 => match &self.mix {
                Some(m) => (d.predict(p.day) * m.predict(p.day)).sqrt() * t,
                None => d.predict(p.day) * t,
            },
            Some(_) => 0.0,
            None => t,
        };
        if v.is_finite() { v.max(0.0) } else { 0.0 }
    }
}

/// A fitted short-term model: predicts from the end of its history.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::forecast::{ContactSeries, Forecaster, Predict, ShortTermModel};
/// use wfm_core::history::Granularity;
/// let v: Vec<f64> = (0..96 * 42).map(|i| if i % 96 >= 36 && i % 96 < 68 { 5.0 } else { 0.0 }).collect();
/// let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Fifteen), 0, chrono_tz::UTC, v)?;
/// let fitted = ShortTermModel::default().fit(&s)?;
/// assert!(!fitted.model().is_empty());
/// assert_eq!(fitted.next_start(), 42 * 86_400);
/// assert!(fitted.predict(0).is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedShortTerm {
    granularity: Granularity,
    tz: chrono_tz::Tz,
    next_start: i64,
    max_horizon: usize,
    volume: VolumeFit,
    aht: AhtModel,
    dispersion: f64,
    model: String,
    scores: Vec<CandidateScore>,
}

impl FittedShortTerm {
    /// Name of the chosen volume candidate.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::forecast::{ContactSeries, Forecaster, ShortTermModel};
    /// use wfm_core::history::Granularity;
    /// let v: Vec<f64> = (0..96 * 42).map(|i| if (36..68).contains(&(i % 96)) { 5.0 } else { 0.0 }).collect();
    /// let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Fifteen), 0, chrono_tz::UTC, v)?;
    /// let fitted = ShortTermModel::default().fit(&s)?;
    /// assert!(fitted.scores().iter().any(|c| c.name == fitted.model()));
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn model(&self) -> &str {
        &self.model
    }

    /// Every volume candidate's selection score.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::forecast::{ContactSeries, Forecaster, ShortTermModel};
    /// use wfm_core::history::Granularity;
    /// let v: Vec<f64> = (0..96 * 42).map(|i| if (36..68).contains(&(i % 96)) { 5.0 } else { 0.0 }).collect();
    /// let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Fifteen), 0, chrono_tz::UTC, v)?;
    /// let fitted = ShortTermModel::default().fit(&s)?;
    /// assert!(fitted.scores().len() >= 3);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn scores(&self) -> &[CandidateScore] {
        &self.scores
    }

    /// Start of the first forecast step (the end of the history), Unix seconds.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::forecast::{ContactSeries, Forecaster, ShortTermModel};
    /// use wfm_core::history::Granularity;
    /// let v: Vec<f64> = (0..96 * 42).map(|i| if (36..68).contains(&(i % 96)) { 5.0 } else { 0.0 }).collect();
    /// let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Fifteen), 0, chrono_tz::UTC, v)?;
    /// let fitted = ShortTermModel::default().fit(&s)?;
    /// assert_eq!(fitted.next_start(), s.time_of(s.len()));
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn next_start(&self) -> i64 {
        self.next_start
    }

    /// The calibrated negative-binomial dispersion φ of the intervals (variance
    /// `μ + φμ²`).
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::forecast::{ContactSeries, Forecaster, ShortTermModel};
    /// use wfm_core::history::Granularity;
    /// let v: Vec<f64> = (0..96 * 42).map(|i| if (36..68).contains(&(i % 96)) { 5.0 } else { 0.0 }).collect();
    /// let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Fifteen), 0, chrono_tz::UTC, v)?;
    /// let fitted = ShortTermModel::default().fit(&s)?;
    /// assert!(fitted.dispersion() >= 0.0);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn dispersion(&self) -> f64 {
        self.dispersion
    }
}

impl Predict for FittedShortTerm {
    fn predict(&self, horizon: usize) -> Result<Forecast, CoreError> {
        if horizon == 0 || horizon > self.max_horizon {
            return Err(CoreError::InvalidHorizon {
                requested: horizon as u64,
                max: self.max_horizon as u64,
            });
        }
        let step = self.granularity.seconds();
        let pts = local_points(self.next_start, step, horizon, self.tz);
        let points = pts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let volume = self.volume.predict(p);
                let (p10, p50, p90) = nb_quantiles(volume, self.dispersion);
                ForecastPoint {
                    start: self.next_start + i as i64 * step,
                    volume,
                    p10,
                    p50,
                    p90,
                    aht_seconds: self.aht.predict(p.weekday, p.slot),
                }
            })
            .collect();
        Ok(Forecast {
            granularity: self.granularity,
            model: self.model.clone(),
            points,
        })
    }
}

/// Complete days a short-term fit needs at least.
pub const SHORT_TERM_MIN_DAYS: u64 = 28;

/// Days before the end at which a selection origin counts half.
const SELECTION_HALF_LIFE_DAYS: usize = 56;

/// Dispersion used when no backtest is possible.
const DEFAULT_DISPERSION: f64 = 0.05;

impl Forecaster for ShortTermModel {
    type Fitted = FittedShortTerm;

    fn fit(&self, series: &ContactSeries) -> Result<FittedShortTerm, CoreError> {
        let Granularity::Interval(_) = series.granularity() else {
            return Err(CoreError::InvalidSeries {
                reason: "the short-term model needs 15- or 30-minute data, not daily".into(),
            });
        };
        let prep = Prepared::new(series);
        let n = series.len();
        let days = prep.days(n).complete_days().len() as u64;
        if days < SHORT_TERM_MIN_DAYS {
            return Err(CoreError::ShortHistory {
                days,
                required: SHORT_TERM_MIN_DAYS,
            });
        }
        let o = &self.options;
        let spd = prep.spd;
        let bt = o.backtest_days.max(1) as usize * spd;
        let starts = origins(n, bt, o.backtest_origins as usize, 42 * spd);
        let special = Specials::new(&self.special_days);
        let profiles: Vec<(usize, Vec<f64>)> = starts
            .iter()
            .map(|&o| (o, share_profile(&prep, o, &prep.days(o), PROFILE)))
            .collect();
        let cands = candidates();
        let names: Vec<&str> = cands.iter().map(|c| c.0).collect();
        let weighting = Weighting {
            horizon: bt,
            half_life: (SELECTION_HALF_LIFE_DAYS * spd) as f64,
            calibrate_until: usize::MAX,
            combine: 0,
        };
        let sel = select(
            &names,
            series.volume(),
            &starts,
            &weighting,
            |c, from, to| {
                let profile = profiles.iter().find(|p| p.0 == from).map(|p| &p.1[..]);
                let fit = VolumeFit::fit(&prep, from, &cands[c].1, &special, profile)?;
                Some(
                    prep.points[from..to]
                        .iter()
                        .map(|p| fit.predict(p))
                        .collect(),
                )
            },
        );
        let mut best = sel.best;
        let mut volume = VolumeFit::fit(&prep, n, &cands[best].1, &special, None);
        if volume.is_none() {
            best = cands.len() - 2; // the plain slot mean always fits
            volume = VolumeFit::fit(&prep, n, &cands[best].1, &special, None);
        }
        let volume = volume.ok_or(CoreError::ShortHistory {
            days,
            required: SHORT_TERM_MIN_DAYS,
        })?;
        let dispersion = if sel.pairs.is_empty() {
            DEFAULT_DISPERSION
        } else {
            calibrate(&sel.pairs, o.interval_coverage)
        };
        let aht_days = select_aht(&prep, &starts, bt);
        let full_days = prep.days(n);
        let aht = AhtModel::fit(&prep, n, &full_days, AHT_PROFILE_DAYS, aht_days);
        Ok(FittedShortTerm {
            granularity: series.granularity(),
            tz: series.tz(),
            next_start: series.time_of(n),
            max_horizon: o.max_horizon_days as usize * spd,
            volume,
            aht,
            dispersion,
            model: cands[best].0.to_owned(),
            scores: sel.scores,
        })
    }
}

/// The AHT level window with the lowest handled-weighted WAPE at the origins.
pub(crate) fn select_aht(prep: &Prepared<'_>, starts: &[usize], horizon: usize) -> i32 {
    let s = prep.series;
    let mut best = (f64::INFINITY, AHT_LEVEL_DAYS[1]);
    for &ld in &AHT_LEVEL_DAYS {
        let (mut e, mut t) = (0.0, 0.0);
        for &o in starts {
            let days = prep.days(o);
            let m = AhtModel::fit(prep, o, &days, AHT_PROFILE_DAYS, ld);
            let to = (o + horizon).min(s.len());
            for i in o..to {
                let h = s.handled()[i];
                if h > 0.0 {
                    let p = &prep.points[i];
                    e += h * (m.predict(p.weekday, p.slot) - s.aht()[i]).abs();
                    t += h * s.aht()[i];
                }
            }
        }
        if t > 0.0 && e / t < best.0 {
            best = (e / t, ld);
        }
    }
    best.1
}
