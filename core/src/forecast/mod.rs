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
//! * Long-term, in two steps. First the *recent checks*: every candidate forecasts the
//!   28 days after the origins 4 and 8 weeks before the end; a candidate more than 1.2 ×
//!   worse there than the best baseline is not trusted — the recent weeks contradict its
//!   level or trend (the case of a 10-month history whose trend the last weeks no longer
//!   follow). Then the trusted candidates forecast 90 days from 2 origins (weighted to
//!   recency, half weight 90 days back) and the mean of the best three is tried as one
//!   more candidate: it wins when it scores lower. A history too short for a 90-day
//!   origin (under about 7 months) is chosen by the recent checks alone.
//! * No yearly shape without a full year: the yearly term needs 400 days of history;
//!   below it the whole-history candidate is a plain damped trend (`long-trend`), no
//!   single model is trusted (no backtest has seen the season ahead) and the forecast is
//!   the mean of the three best trusted candidates and the 8-week weekday mean.
//! * The winner's backtest residuals calibrate the P10–P90 band (negative binomial);
//!   without a full year it is widened by a level uncertainty of about ±12 % (the yearly
//!   swing the backtests could not see).
//!
//! Failure modes, known and measured (`benches/peers/forecast/matrix.py`):
//!
//! * A yearly swing the history has not seen (under 13 months: the spring decline of a
//!   queue whose history starts in July) is forecast by nothing: every candidate carries
//!   the recent level forward, and so do the baselines. The 90-day WAPE is then that of
//!   the swing, and the P10–P90 band, calibrated on backtests that did not see it either,
//!   covers less than 80 %.
//! * Holidays not given (no `SpecialDay`s, no public-holiday country) are ordinary days
//!   to every candidate; the fixed-date ones (Christmas) are found after a year.
//! * A level shift inside the last 4 weeks is followed only by the candidates with a
//!   shift term or a short window; the recent checks cannot judge one younger than
//!   their 28-day windows.
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
