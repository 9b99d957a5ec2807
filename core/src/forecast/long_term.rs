//! The long-term model: daily volume and AHT up to 18 months ahead. With a long history
//! (about 600 days) it is chosen per series among level models (flat weekday level,
//! damped trend with level shift, a whole-history trend with a yearly Fourier term) and
//! the planner's baselines (seasonal naive, 4- and 8-week weekday means): candidates the
//! last 4 and 8 weeks contradict are dropped, the rest scored on 2 origins of 90 days
//! weighted to recency, and the mean of the best three wins when it scores lower. With a
//! shorter history it is the robust mean: the recent level with last year's shape and
//! the robust recent level (from 420 days), else the robust recent level and the recent
//! damped trend (see the [module docs](super) of `forecast`). Fixed-date days that were
//! low in every past year (Christmas, national days) are found in the history and
//! forecast with their learned factor; holidays that move (Easter, "last Monday of May")
//! need [`SpecialDay`] inputs.

use serde::{Deserialize, Serialize};

use super::aht::AhtModel;
use super::baseline::weekday_means;
use super::calendar::local_points;
use super::level::{DailyLevel, DayObs, LevelSpec, weekday_factors};
use super::output::{CandidateScore, Forecast, ForecastPoint};
use super::prepare::Prepared;
use super::quantile::{calibrate, nb_quantiles};
use super::recent::{YEAR_AGO_MIN_DAYS, YearAgo, recent_level};
use super::select::{Selection, Weighting, origins, select};
use super::series::ContactSeries;
use super::short_term::select_aht;
use super::special::{SpecialDay, Specials, recurring_low_days};
use super::{Forecaster, Predict};
use crate::CoreError;
use crate::history::Granularity;

/// Options of the [`LongTermModel`].
///
/// ```
/// use wfm_core::forecast::LongTermOptions;
/// let o = LongTermOptions::default();
/// assert_eq!((o.max_horizon_days, o.backtest_days, o.backtest_origins), (549, 90, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LongTermOptions {
    /// Longest horizon, days (549 ≈ 18 months).
    pub max_horizon_days: u32,
    /// Days forecast at each selection origin.
    pub backtest_days: u32,
    /// Selection origins.
    pub backtest_origins: u32,
    /// Share of actuals the P10–P90 band should hold in the backtest (0.8).
    pub interval_coverage: f64,
}

impl Default for LongTermOptions {
    fn default() -> Self {
        Self {
            max_horizon_days: 549,
            backtest_days: 90,
            backtest_origins: 2,
            interval_coverage: 0.8,
        }
    }
}

/// The long-term forecaster (daily series only).
///
/// ```
/// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel, Predict};
/// use wfm_core::history::Granularity;
/// // 20 weeks: 100 a day on weekdays, closed at weekends (1970-01-05 is a Monday).
/// let v: Vec<f64> = (0..140).map(|d| if d % 7 < 5 { 100.0 } else { 0.0 }).collect();
/// let s = ContactSeries::volume_only(Granularity::Daily, 4 * 86_400, chrono_tz::UTC, v)?;
/// let f = LongTermModel::default().fit(&s)?.predict(7)?;
/// assert!((f.points[0].volume - 100.0).abs() < 1e-6);
/// assert_eq!(f.points[5].volume, 0.0);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LongTermModel {
    /// The options.
    pub options: LongTermOptions,
    /// Known special days (holidays, …) of the history and the horizon.
    pub special_days: Vec<SpecialDay>,
}

impl LongTermModel {
    /// The model with these special days.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wfm_core::forecast::{LongTermModel, SpecialDay};
    /// let day = SpecialDay::new(NaiveDate::from_ymd_opt(2025, 12, 25).unwrap(), "holiday");
    /// assert_eq!(LongTermModel::default().with_special_days(vec![day]).special_days.len(), 1);
    /// ```
    pub fn with_special_days(mut self, days: Vec<SpecialDay>) -> Self {
        self.special_days = days;
        self
    }
}

/// A long-term candidate: a level model, a planner's baseline (the mean of each
/// weekday over the last `n` weeks; 1 = the seasonal naive forecast), the robust recent
/// level of the last `n` days, or the recent level with last year's shape.
#[derive(Debug, Clone, Copy)]
enum Candidate {
    Level(LevelSpec),
    WeekdayMean(usize),
    RecentLevel(usize),
    YearAgo,
}

/// A fitted long-term candidate.
#[derive(Debug, Clone, PartialEq)]
enum DayModel {
    Level(DailyLevel),
    YearAgo(YearAgo),
}

impl DayModel {
    fn predict(&self, day: i32) -> f64 {
        match self {
            Self::Level(l) => l.predict(day),
            Self::YearAgo(y) => y.predict(day),
        }
    }
}

impl Candidate {
    fn fit(&self, obs: &[DayObs], special: &Specials) -> Option<DayModel> {
        let per_weekday = |totals: [f64; 7], weekday: &[f64; 7]| {
            let factors = special.learn(obs, weekday);
            Some(DayModel::Level(DailyLevel::per_weekday(
                obs.last()?.day,
                totals,
                factors,
            )))
        };
        match self {
            Self::Level(spec) => DailyLevel::fit(obs, spec, special).map(DayModel::Level),
            Self::WeekdayMean(weeks) => {
                let means = weekday_means(obs, *weeks, |d| special.touches(d))?;
                let (weekday, _) = weekday_factors(obs, 52);
                per_weekday(means, &weekday)
            }
            Self::RecentLevel(days) => {
                let (weekday, _) = weekday_factors(obs, 52);
                let level = recent_level(obs, *days, &weekday, special)?;
                per_weekday(weekday.map(|w| w * level), &weekday)
            }
            Self::YearAgo => {
                let (weekday, _) = weekday_factors(obs, 52);
                let factors = special.learn(obs, &weekday);
                YearAgo::fit(obs, weekday, special, factors).map(DayModel::YearAgo)
            }
        }
    }
}

/// The candidates for a history of `days` days: the whole-history trend gets its yearly
/// term only with a full year (400 days; [`DailyLevel`] drops it below), so with less it
/// is named `long-trend`. The robust ones (recent level, recent trend, year-ago) only
/// when `robust`: the history is too short for the selection (they are not among the
/// selection's candidates, which keeps long histories' forecasts as they were).
fn candidates(days: usize, robust: bool) -> Vec<(&'static str, Candidate)> {
    let base = LevelSpec {
        window_days: 56,
        trend: false,
        phi: 1.0,
        yearly: false,
        shift: false,
        weekday_weeks: 52,
        dom_threshold: 4.0,
    };
    let mut out = vec![
        (
            if days >= FULL_YEAR_DAYS {
                "yearly-trend"
            } else {
                "long-trend"
            },
            Candidate::Level(LevelSpec {
                yearly: true,
                trend: true,
                shift: true,
                phi: 0.995,
                window_days: 10_000,
                ..base
            }),
        ),
        (
            "damped-trend",
            Candidate::Level(LevelSpec {
                trend: true,
                shift: true,
                phi: 0.99,
                window_days: 182,
                ..base
            }),
        ),
        ("seasonal-naive", Candidate::WeekdayMean(1)),
        ("weekday-mean-4w", Candidate::WeekdayMean(4)),
        ("weekday-mean-8w", Candidate::WeekdayMean(8)),
    ];
    if robust {
        out.extend([
            ("recent-level", Candidate::RecentLevel(RECENT_LEVEL_DAYS)),
            (
                "recent-trend",
                Candidate::Level(LevelSpec {
                    trend: true,
                    phi: RECENT_TREND_PHI,
                    ..base
                }),
            ),
            ("year-ago", Candidate::YearAgo),
        ]);
    }
    // Last: the fallback of `fit_chosen`.
    out.push(("weekday-level", Candidate::Level(base)));
    out
}

/// Days the robust recent level is the median of.
const RECENT_LEVEL_DAYS: usize = 28;

/// Daily damping of the recent trend (fitted on the last 8 weeks): 0.95 a day is 0.70 a
/// week, so the trend adds at most about 19 days' slope.
const RECENT_TREND_PHI: f64 = 0.95;

/// Days before the end at which a selection origin counts half.
const SELECTION_HALF_LIFE_DAYS: f64 = 90.0;

/// How many of the best candidates the selection tries averaging.
const COMBINE: usize = 3;

/// Days of history from which a yearly shape is fitted and trusted.
const FULL_YEAR_DAYS: usize = 400;

/// Added to the dispersion calibrated on the recent checks' 28 days when the history is
/// too short for a full-horizon backtest (under about 5 months): the variance of the
/// level drift over the 90 days they have not seen, about ±14 % (one standard deviation).
const UNSEEN_HORIZON_DISPERSION: f64 = 0.02;

/// The robust mean, chosen while the history is too short for the selection (see
/// [`selection_trusted`]): with a year and 8 weeks ([`YEAR_AGO_MIN_DAYS`]) the recent
/// level with last year's shape and the robust recent level; with less the robust recent
/// level and the recent damped trend, joined by the whole-history trend (`long-trend`)
/// when its recency-weighted backtest beats the recent level's (a drift the history
/// keeps following).
fn robust_mean(mut sel: Selection, cands: &[(&'static str, Candidate)], days: usize) -> Selection {
    let pos = |name: &str| cands.iter().position(|c| c.0 == name);
    let names: &[&str] = if days >= YEAR_AGO_MIN_DAYS {
        &["year-ago", "recent-level"]
    } else {
        &["recent-level", "recent-trend"]
    };
    let mut chosen: Vec<usize> = names.iter().filter_map(|n| pos(n)).collect();
    if days < YEAR_AGO_MIN_DAYS
        && let (Some(level), Some(trend)) = (pos("recent-level"), pos("long-trend"))
        && sel.scores[trend].wape < sel.scores[level].wape
    {
        chosen.push(trend);
    }
    sel.combined = chosen;
    sel
}

/// Whether the selection among all candidates is trusted for a history of `days` days:
/// when every candidate, the year-ago one too, can be backtested at every full-horizon
/// origin (`origins` × `horizon` days before the end).
fn selection_trusted(days: usize, horizon: usize, origins: usize) -> bool {
    days >= YEAR_AGO_MIN_DAYS + horizon * origins
}

/// The dispersion of the robust mean's band and the mean's backtest WAPE (infinite
/// without a backtest), calibrated on its own backtests at the full horizon (`count`
/// origins of `horizon` days) where the history allows one; else on the recent checks'
/// 28 days, widened by [`UNSEEN_HORIZON_DISPERSION`] for the rest of the horizon they have
/// not seen. Days under [`CALIBRATION_FLOOR`] of the forecast are left out of the band's
/// calibration.
fn robust_dispersion(
    chosen: &[usize],
    actual: &[f64],
    horizon: usize,
    count: usize,
    target: f64,
    run: impl Fn(usize, usize, usize) -> Option<Vec<f64>>,
) -> (f64, f64) {
    let n = actual.len();
    let full = origins(n, horizon, count, MIN_TRAIN_RECENT);
    let (pairs, unseen) = if full.is_empty() {
        let starts = recent_starts(n);
        let pairs = chosen_pairs(chosen, actual, &starts, RECENT_DAYS, run);
        (pairs, UNSEEN_HORIZON_DISPERSION)
    } else {
        (chosen_pairs(chosen, actual, &full, horizon, run), 0.0)
    };
    let (err, sum) = pairs
        .iter()
        .fold((0.0, 0.0), |(e, s), (f, a)| (e + (f - a).abs(), s + a));
    let wape = if sum > 0.0 { err / sum } else { f64::INFINITY };
    let ordinary: Vec<(f64, f64)> = pairs
        .into_iter()
        .filter(|&(f, a)| a >= CALIBRATION_FLOOR * f)
        .collect();
    let dispersion = if ordinary.is_empty() {
        0.01
    } else {
        calibrate(&ordinary, target)
    };
    (dispersion + unseen, wape)
}

/// Days under this share of the forecast (holidays not given, outages) are left out of
/// the band's calibration: the band is for ordinary days.
const CALIBRATION_FLOOR: f64 = 0.5;

/// `(forecast, actual)` pairs of the mean of the `chosen` candidates that fit at each of
/// `starts` (`horizon` days each): the residuals that calibrate the chosen forecast's
/// band.
fn chosen_pairs(
    chosen: &[usize],
    actual: &[f64],
    starts: &[usize],
    horizon: usize,
    run: impl Fn(usize, usize, usize) -> Option<Vec<f64>>,
) -> Vec<(f64, f64)> {
    let mut pairs = Vec::new();
    for &o in starts {
        let to = (o + horizon).min(actual.len());
        let runs: Vec<Vec<f64>> = chosen.iter().filter_map(|&c| run(c, o, to)).collect();
        if runs.is_empty() {
            continue;
        }
        for (i, &a) in actual[o..to].iter().enumerate() {
            let f = runs.iter().map(|r| r[i]).sum::<f64>() / runs.len() as f64;
            pairs.push((f, a));
        }
    }
    pairs
}

/// The chosen candidates fitted on all of `obs` and the model's name: the mean of the
/// combined candidates that fit (else the best single one; else the last, the plain
/// weekday level). A history too sparse for any candidate (fewer than a week of days
/// with contacts in the window) is forecast flat at its last four weeks' mean: 0 for a
/// closed queue, not an error.
fn fit_chosen(
    obs: &[DayObs],
    cands: &[(&'static str, Candidate)],
    sel: &Selection,
    special: &Specials,
) -> (Vec<DayModel>, String) {
    let fitted: Vec<(usize, DayModel)> = sel
        .combined
        .iter()
        .filter_map(|&c| Some((c, cands[c].1.fit(obs, special)?)))
        .collect();
    if fitted.len() == sel.combined.len() && fitted.len() >= 2 {
        let names: Vec<&str> = fitted.iter().map(|(c, _)| cands[*c].0).collect();
        let model = format!("mean:{}", names.join("+"));
        return (fitted.into_iter().map(|f| f.1).collect(), model);
    }
    for c in [sel.best, cands.len() - 1] {
        if let Some(level) = cands[c].1.fit(obs, special) {
            return (vec![level], cands[c].0.to_owned());
        }
    }
    let recent = &obs[obs.len().saturating_sub(28)..];
    let mean = recent.iter().map(|d| d.total).sum::<f64>() / recent.len().max(1) as f64;
    let flat = DailyLevel::flat(obs.last().map_or(0, |d| d.day), mean);
    let name = if mean > 0.0 { "flat-mean" } else { "closed" };
    (vec![DayModel::Level(flat)], name.to_owned())
}

/// Days each recent check forecasts, and how far back the checks start (the last 4 and
/// 8 weeks).
const RECENT_DAYS: usize = 28;
const RECENT_ORIGINS: [usize; 2] = [28, 56];

/// How much worse than the best baseline over the recent weeks a candidate may do and
/// still be trusted.
const VETO: f64 = 1.2;

/// Training days a backtest origin needs at least: recent checks, full-horizon origins.
const MIN_TRAIN_RECENT: usize = 56;
const MIN_TRAIN_FULL: usize = 120;

/// The recent checks' origins in a history of `n` days.
fn recent_starts(n: usize) -> Vec<usize> {
    RECENT_ORIGINS
        .iter()
        .filter_map(|&d| n.checked_sub(d))
        .filter(|&o| o >= MIN_TRAIN_RECENT)
        .collect()
}

fn is_baseline(c: &Candidate) -> bool {
    matches!(c, Candidate::WeekdayMean(_))
}

/// Chooses among `cands` (fitted by `run(candidate, origin, to)`) in two steps. First the
/// recent checks: every candidate forecasts the 28 days after each of the origins 28 and
/// 56 days before the end; one that does more than [`VETO`] times worse there than the
/// best baseline is not trusted (the recent weeks contradict its level or trend). Then
/// the trusted candidates are scored on full-horizon origins (weighted to recency) and the
/// mean of the best three is tried; without a full-horizon origin (a short history) the
/// recent checks choose.
fn choose(
    names: &[&str],
    cands: &[(&'static str, Candidate)],
    actual: &[f64],
    horizon: usize,
    count: usize,
    run: impl Fn(usize, usize, usize) -> Option<Vec<f64>>,
) -> Selection {
    let n = actual.len();
    let recent = recent_starts(n);
    let check = Weighting {
        horizon: RECENT_DAYS,
        half_life: f64::INFINITY,
        calibrate_until: usize::MAX,
        combine: COMBINE,
    };
    let checked = select(names, actual, &recent, &check, &run);
    let full = origins(n, horizon, count, MIN_TRAIN_FULL);
    if full.is_empty() {
        return checked;
    }
    let best_baseline = cands
        .iter()
        .zip(&checked.scores)
        .filter(|(c, _)| is_baseline(&c.1))
        .map(|(_, s)| s.wape)
        .fold(f64::INFINITY, f64::min);
    let trusted: Vec<bool> = checked.scores[..cands.len()]
        .iter()
        .map(|s| !best_baseline.is_finite() || s.wape <= VETO * best_baseline)
        .collect();
    let weighting = Weighting {
        horizon,
        half_life: SELECTION_HALF_LIFE_DAYS,
        calibrate_until: usize::MAX,
        combine: COMBINE,
    };
    select(names, actual, &full, &weighting, |c, from, to| {
        if trusted[c] { run(c, from, to) } else { None }
    })
}

/// A fitted long-term model.
///
/// ```
/// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel, Predict};
/// use wfm_core::history::Granularity;
/// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![50.0; 120])?;
/// let fitted = LongTermModel::default().fit(&s)?;
/// assert_eq!(fitted.next_start(), 120 * 86_400);
/// assert!(fitted.predict(600).is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FittedLongTerm {
    next_start: i64,
    max_horizon: usize,
    /// The chosen level model, or the models whose mean forecast is chosen.
    levels: Vec<DayModel>,
    aht: AhtModel,
    dispersion: f64,
    model: String,
    scores: Vec<CandidateScore>,
}

impl FittedLongTerm {
    /// Name of the chosen candidate.
    ///
    /// ```
    /// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel};
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![50.0; 200])?;
    /// let fitted = LongTermModel::default().fit(&s)?;
    /// assert!(fitted.scores().iter().any(|c| c.name == fitted.model()));
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn model(&self) -> &str {
        &self.model
    }

    /// Every candidate's selection score.
    ///
    /// ```
    /// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel};
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![50.0; 200])?;
    /// let fitted = LongTermModel::default().fit(&s)?;
    /// assert!(fitted.scores().len() >= 3);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn scores(&self) -> &[CandidateScore] {
        &self.scores
    }

    /// Start of the first forecast day, Unix seconds.
    ///
    /// ```
    /// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel};
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![50.0; 200])?;
    /// let fitted = LongTermModel::default().fit(&s)?;
    /// assert_eq!(fitted.next_start(), s.time_of(s.len()));
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn next_start(&self) -> i64 {
        self.next_start
    }

    /// The calibrated negative-binomial dispersion φ of the intervals.
    ///
    /// ```
    /// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel};
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![50.0; 200])?;
    /// let fitted = LongTermModel::default().fit(&s)?;
    /// assert!(fitted.dispersion() >= 0.0);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn dispersion(&self) -> f64 {
        self.dispersion
    }
}

impl Predict for FittedLongTerm {
    fn predict(&self, horizon: usize) -> Result<Forecast, CoreError> {
        if horizon == 0 || horizon > self.max_horizon {
            return Err(CoreError::InvalidHorizon {
                requested: horizon as u64,
                max: self.max_horizon as u64,
            });
        }
        let pts = local_points(self.next_start, 86_400, horizon, chrono_tz::UTC);
        let points = pts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let volume = self.levels.iter().map(|l| l.predict(p.day)).sum::<f64>()
                    / self.levels.len().max(1) as f64;
                let (p10, p50, p90) = nb_quantiles(volume, self.dispersion);
                ForecastPoint {
                    start: self.next_start + i as i64 * 86_400,
                    volume,
                    p10,
                    p50,
                    p90,
                    aht_seconds: self.aht.predict(p.weekday, 0),
                }
            })
            .collect();
        Ok(Forecast {
            granularity: Granularity::Daily,
            model: self.model.clone(),
            points,
        })
    }
}

/// Days a long-term fit needs at least.
pub const LONG_TERM_MIN_DAYS: u64 = 28;

impl Forecaster for LongTermModel {
    type Fitted = FittedLongTerm;

    fn fit(&self, series: &ContactSeries) -> Result<FittedLongTerm, CoreError> {
        if series.granularity() != Granularity::Daily {
            return Err(CoreError::InvalidSeries {
                reason: "the long-term model needs daily data".into(),
            });
        }
        let n = series.len();
        if (n as u64) < LONG_TERM_MIN_DAYS {
            return Err(CoreError::ShortHistory {
                days: n as u64,
                required: LONG_TERM_MIN_DAYS,
            });
        }
        let prep = Prepared::new(series);
        let o = &self.options;
        let bt = o.backtest_days.max(1) as usize;
        let count = o.backtest_origins as usize;
        // Fixed-date low days of every past year (Christmas, …) join the given days.
        let all = prep.days(n).complete_days();
        let (weekday, _) = weekday_factors(&all, 52);
        let until = all.last().map_or(0, |d| d.day) + o.max_horizon_days as i32;
        let mut days = recurring_low_days(&all, &weekday, until);
        days.retain(|d| !self.special_days.iter().any(|u| u.date == d.date));
        days.extend(self.special_days.iter().cloned());
        let special = Specials::new(&days);
        let robust = !selection_trusted(all.len(), bt, count);
        let cands = candidates(all.len(), robust);
        let names: Vec<&str> = cands.iter().map(|c| c.0).collect();
        let run = |c: usize, from: usize, to: usize| {
            let obs = prep.days(from).complete_days();
            let m = cands[c].1.fit(&obs, &special)?;
            Some(
                prep.points[from..to]
                    .iter()
                    .map(|p| m.predict(p.day))
                    .collect(),
            )
        };
        let sel = choose(&names, &cands, series.volume(), bt, count, run);
        let sel = if robust {
            robust_mean(sel, &cands, all.len())
        } else {
            sel
        };
        let obs = prep.days(n).complete_days();
        let (levels, model) = fit_chosen(&obs, &cands, &sel, &special);
        let mut scores = sel.scores.clone();
        let dispersion = if robust {
            let (dispersion, wape) = robust_dispersion(
                &sel.combined,
                series.volume(),
                bt,
                count,
                o.interval_coverage,
                run,
            );
            // The robust mean's own backtest, under the model's name.
            if !scores.iter().any(|c| c.name == model) {
                scores.push(CandidateScore {
                    name: model.clone(),
                    wape,
                });
            }
            dispersion
        } else if sel.pairs.is_empty() {
            0.01
        } else {
            calibrate(&sel.pairs, o.interval_coverage)
        };
        let aht_starts = origins(n, bt, count, MIN_TRAIN_FULL);
        let aht_days = select_aht(&prep, &aht_starts, bt);
        let aht = AhtModel::fit(&prep, n, &prep.days(n), 365, aht_days);
        Ok(FittedLongTerm {
            next_start: series.time_of(n),
            max_horizon: o.max_horizon_days as usize,
            levels,
            aht,
            dispersion,
            model,
            scores,
        })
    }
}
