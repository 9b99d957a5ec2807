//! Does the forecast cover the schedule's dates? A schedule request whose days the
//! forecast does not reach would be generated against zero demand and look perfect
//! ("0 short"), so both the batch (`wfm schedule generate`, Python `generate_schedule`)
//! and the workspace (`wfm schedule create`) refuse it before anything is solved.
//!
//! # The rule
//! The forecast's span for the scheduled channel runs from its first interval's start to
//! its last interval's end (UTC). Every day of the request (or of the one week asked
//! for), 00:00 to 24:00 UTC, must lie inside that span; otherwise the request is refused
//! with [`WfmError::ForecastDoesNotCover`], naming the request's days, the forecast's span
//! and the days outside it. A request partly covered is refused too (we do not guess the
//! missing days' demand). Inside the span, an interval without a row is no demand (zero
//! rows are how a forecast says "no contacts"), as the module docs of
//! [`super`] say.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use wfm_core::Channel;
use wfm_core::forecast::GroupForecast;

use crate::error::{Result, WfmError};

/// Checks that `forecast`'s `channel` series cover every day from `start` to `end`
/// (inclusive, UTC); `name` names the forecast in the error.
///
/// ```
/// use chrono::NaiveDate;
/// use wfm::core::{Channel, IntervalLength};
/// use wfm::core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
/// use wfm::core::history::Granularity;
/// use wfm::scheduling::check_forecast_covers;
/// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
/// let jan1 = 1_704_067_200;
/// let points: Vec<ForecastPoint> = (0..96)
///     .map(|i| ForecastPoint { start: jan1 + 1800 * i, volume: 1.0, p10: 1.0, p50: 1.0, p90: 1.0, aht_seconds: 300.0 })
///     .collect();
/// let s = GroupSeries { queue_id: "q1".into(), queue_name: "S".into(), channel: Channel::Voice, model: String::new(), points };
/// let f = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), jan1, 96, vec![s]);
/// assert!(check_forecast_covers("f.csv", &f, Channel::Voice, (day(1), day(2))).is_ok());
/// let e = check_forecast_covers("f.csv", &f, Channel::Voice, (day(2), day(3))).unwrap_err();
/// assert!(e.to_string().contains("2024-01-03"), "{e}");
/// ```
///
/// # Errors
/// [`WfmError::ForecastDoesNotCover`] when some day is outside the forecast's span (or
/// the forecast has no `channel` row).
pub fn check_forecast_covers(
    name: &str,
    forecast: &GroupForecast,
    channel: Channel,
    (start, end): (NaiveDate, NaiveDate),
) -> Result<()> {
    let step = Duration::seconds(forecast.granularity.seconds());
    let span: Option<(DateTime<Utc>, DateTime<Utc>)> = forecast
        .points_of(channel)
        .filter_map(|p| DateTime::from_timestamp(p.start, 0))
        .map(|t| (t, t + step))
        .reduce(|(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    let inside = |d: NaiveDate| {
        span.is_some_and(|(lo, hi)| lo <= midnight(d) && midnight(d + Duration::days(1)) <= hi)
    };
    let uncovered: Vec<NaiveDate> = start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| !inside(*d))
        .collect();
    if uncovered.is_empty() {
        return Ok(());
    }
    Err(WfmError::ForecastDoesNotCover {
        forecast: name.to_owned(),
        channel,
        start,
        end,
        span,
        uncovered,
    })
}

/// The text of [`WfmError::ForecastDoesNotCover`]: the forecast's span, the request's
/// days and the first days outside the span.
pub(crate) fn describe(
    forecast: &str,
    channel: Channel,
    (start, end): (NaiveDate, NaiveDate),
    span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    uncovered: &[NaiveDate],
) -> String {
    const SHOWN: usize = 5;
    let covers = match span {
        Some((lo, hi)) => format!(
            "covers {} to {} UTC",
            lo.format("%Y-%m-%d %H:%M"),
            hi.format("%Y-%m-%d %H:%M")
        ),
        None => format!("has no {channel} contacts"),
    };
    let mut days: Vec<String> = uncovered
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if uncovered.len() > SHOWN {
        days.push(format!("… and {} more", uncovered.len() - SHOWN));
    }
    format!(
        "the forecast {forecast} {covers} for {channel}, not every day from {start} to {end} \
         the schedule is for: {} day(s) without a forecast ({}); use a short-term forecast \
         that covers the request's dates (a schedule against no demand would look perfect)",
        uncovered.len(),
        days.join(", ")
    )
}
