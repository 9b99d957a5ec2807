//! Forecasting: contact volume and AHT per interval (short-term, up to 18
//! weeks) and per day (long-term, up to 18 months), with P10/P50/P90 volume intervals and
//! rolling-origin backtests. Pure computations on plain data: no I/O, no SQL.
//!
//! The shape follows augurs: a model's `fit(&self, &ContactSeries)` returns a fitted
//! model, whose `predict(horizon)` returns a [`Forecast`] of plain points; predicting
//! before fitting is unrepresentable.
//!
//! * [`ContactSeries`]: one queue × channel's history on a regular grid with its time zone
//!   (from [`HistoryRecord`](crate::history::HistoryRecord)s by
//!   [`ContactSeries::from_records`]).
//! * [`ShortTermModel`]: daily total × weekday-specific intraday profile in local time, or
//!   slot means, chosen per series by backtest; AHT by local slot × recent level.
//! * [`LongTermModel`]: robust weekday level × damped trend × (≥ 13 months) yearly term.
//! * [`public_holidays`]: the built-in public holidays of a [`Country`], as special days.
//! * [`GroupForecast`]: every queue × channel series of a forecast group, short- or
//!   long-term ([`ForecastKind`]), as one serde document; [`read_forecast_csv`] reads
//!   the forecast CSV into one.
//! * [`backtest`] and the measures [`wape`], [`mase`], [`bias`], [`coverage`].
//!
//! * [`likely_dst_zone`]: the zone whose DST changes a series given in UTC follows (a
//!   forgotten time zone; the facade warns with it).
//!
//! Contact-center reality handled: closed slots and days forecast exactly 0, intraday
//! curves fixed in local time (they move one hour in UTC across DST), outliers (outages,
//! incident spikes, holidays) down-weighted, level shifts followed.
//!
//! # How a model is chosen (issue 26)
//!
//! Every series chooses its own model by backtests on its own history, and the planner's
//! baselines are always among the candidates, so a forecast is not much worse than what
//! a planner computes by hand unless the history misleads them all:
//!
//! * Baselines: the seasonal naive forecast (each weekday, or weekday × local slot, as
//!   last week), the 4-week mean of the same weekday (× slot), and long-term the 8-week
//!   weekday mean. They keep no trend and no yearly shape.
//! * Short-term: the candidates forecast 28 days from 4 origins 28 days apart; the
//!   pooled WAPE weighs each origin by recency (an origin 56 days back counts half).
//! * Long-term with a long history (a year and 8 weeks, plus the 2 backtest origins of
//!   90 days: about 600 days), in two steps. First the *recent checks*: every candidate
//!   forecasts the 28 days after the origins 4 and 8 weeks before the end; a candidate
//!   more than 1.2 × worse there than the best baseline is not trusted — the recent weeks
//!   contradict its level or trend. Then the trusted candidates forecast 90 days from 2
//!   origins (weighted to recency, half weight 90 days back) and the mean of the best
//!   three is tried as one more candidate: it wins when it scores lower. The winner's
//!   backtest residuals calibrate the P10–P90 band (negative binomial).
//! * Long-term with a shorter history, the *robust mean*. There no backtest has seen the
//!   season ahead (or the year-ago candidate cannot be backtested at all), so selecting
//!   one model by backtest picks noise: the 90 days ahead are decided by a yearly swing
//!   and by drift the backtests did not see. The forecast is a fixed mean of robust
//!   candidates, each a careful planner's rule made robust to the days that mislead the
//!   plain baselines (holidays, outages, incident days; see `recent.rs`):
//!   * with a year and 8 weeks (420 days): the *year-ago* candidate — the same days 52
//!     weeks earlier as robust weekly levels, scaled by the last 8 weeks' level over the
//!     same 8 weeks a year before (the recent level with the shape of the year seen) —
//!     and the robust *recent level* (the median of the last 28 days' weekday-adjusted
//!     totals, times each weekday's factor);
//!   * with less: the recent level and the *recent trend* (a robust log-linear trend of
//!     the last 8 weeks, damped 0.95 a day, so it adds at most about 19 days' slope),
//!     joined by the whole-history damped trend when its recency-weighted backtest beats
//!     the recent level's (a drift the whole history keeps following).
//!
//!   The band is calibrated on the robust mean's own backtests at the full 90-day
//!   horizon (origins 90 and 180 days back with at least 8 weeks before them), leaving
//!   out days under half the forecast (holidays not given, outages: the band is for
//!   ordinary days); a history too short for one (under about 5 months) is calibrated on
//!   the recent checks' 28 days and widened for the 62 days they did not see (a drift
//!   of about ±14 %).
//! * No yearly Fourier term without a full year: it needs 400 days of history; below it
//!   the whole-history candidate is a plain damped trend (`long-trend`).
//!
//! Failure modes, known and measured (`benches/peers/forecast/matrix.py`):
//!
//! * A yearly swing the history has not seen (under 14 months: the spring decline of a
//!   queue whose history starts in July) is forecast by nothing: the robust mean carries
//!   the recent level forward with at most a damped recent trend, and so do the
//!   baselines. Its 90-day WAPE is then mostly that of the swing; the robust level only
//!   removes the noise and the holiday and outage days from the level.
//! * A trend that turns inside the horizon (a history that rose to a winter peak) is
//!   extrapolated a little by the recent trend: the damping bounds the damage, and the
//!   recent level in the mean halves it.
//! * A level shift inside the horizon is foreseen by nothing; one inside the last 4
//!   weeks is half-followed by the recent level (a median of 28 days) and followed by
//!   the recent trend only as a slope.
//! * The year-ago candidate repeats last year's one-off events (a level shift, a
//!   promotion) inside the 90 days a year back, and moves holidays by their weekday
//!   drift (52 weeks are 364 days); its weekly levels are medians, so a single holiday
//!   or outage day is not repeated, and the recent level in the mean halves the rest.
//! * Holidays not given (no `SpecialDay`s, no public-holiday country) are ordinary days
//!   to every candidate; the fixed-date ones (Christmas) are found after a year.
//! * A series given in UTC whose curve moves with DST is forecast an hour off for half
//!   the year: [`likely_dst_zone`] finds the zone so the caller can warn.
//!
//! ```
//! use wfm_core::IntervalLength;
//! use wfm_core::forecast::{ContactSeries, Forecaster, Predict, ShortTermModel};
//! use wfm_core::history::Granularity;
//! // Six weeks of a queue open 09:00–17:00 UTC with 12 contacts per 30 minutes.
//! let day: Vec<f64> = (0..48).map(|s| if (18..34).contains(&s) { 12.0 } else { 0.0 }).collect();
//! let v: Vec<f64> = (0..42).flat_map(|_| day.clone()).collect();
//! let s = ContactSeries::volume_only(Granularity::Interval(IntervalLength::Thirty), 0, chrono_tz::UTC, v)?;
//! let f = ShortTermModel::default().fit(&s)?.predict(48)?;
//! assert!((f.total_volume() - 16.0 * 12.0).abs() < 1e-3);
//! assert!(f.points.iter().all(|p| p.p10 <= p.p50 && p.p50 <= p.p90));
//! # Ok::<(), wfm_core::CoreError>(())
//! ```

mod aht;
mod backtest;
mod baseline;
mod calendar;
mod csv;
mod dst;
mod group;
mod holidays;
mod level;
mod long_term;
mod metrics;
mod output;
mod prepare;
mod profile;
mod quantile;
mod recent;
mod robust;
mod select;
mod series;
mod short_term;
mod special;

pub use backtest::{Accuracy, BacktestOptions, BacktestOrigin, BacktestReport, backtest};
pub use csv::{FORECAST_HEADER, forecast_header_problem, read_forecast_csv};
pub use dst::likely_dst_zone;
pub use group::{
    ForecastKind, ForecastMeta, GroupForecast, GroupSeries, LONG_MAX_WEEKS, SHORT_MAX_WEEKS,
};
pub use holidays::{Country, public_holidays};
pub use long_term::{FittedLongTerm, LONG_TERM_MIN_DAYS, LongTermModel, LongTermOptions};
pub use metrics::{bias, coverage, mase, wape, weighted_wape};
pub use output::{CandidateScore, Forecast, ForecastPoint};
pub use series::ContactSeries;
pub use short_term::{FittedShortTerm, SHORT_TERM_MIN_DAYS, ShortTermModel, ShortTermOptions};
pub use special::SpecialDay;

use crate::CoreError;

/// A model that can be fitted to a series.
///
/// ```
/// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel};
/// use wfm_core::history::Granularity;
/// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![1.0; 10])?;
/// assert!(LongTermModel::default().fit(&s).is_err()); // too short
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub trait Forecaster {
    /// The fitted model.
    type Fitted: Predict;

    /// Fits the model to `series`.
    ///
    /// # Errors
    /// [`CoreError::InvalidSeries`] for a series of the wrong granularity,
    /// [`CoreError::ShortHistory`] for too little history.
    fn fit(&self, series: &ContactSeries) -> Result<Self::Fitted, CoreError>;
}

/// A fitted model: forecasts the steps after its history.
///
/// ```
/// use wfm_core::forecast::{ContactSeries, Forecaster, LongTermModel, Predict};
/// use wfm_core::history::Granularity;
/// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![8.0; 60])?;
/// let f = LongTermModel::default().fit(&s)?.predict(3)?;
/// assert_eq!(f.points.len(), 3);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub trait Predict {
    /// Forecasts `horizon` steps.
    ///
    /// # Errors
    /// [`CoreError::InvalidHorizon`] for 0 or more steps than the model allows.
    fn predict(&self, horizon: usize) -> Result<Forecast, CoreError>;
}
