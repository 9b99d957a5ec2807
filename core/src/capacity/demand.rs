//! What a plan is computed from: the long-term forecast as daily demand per channel, and
//! the short-term forecast's intraday pattern that spreads each day over its intervals.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::forecast::{ForecastPoint, GroupForecast};
use crate::{Channel, CoreError, IntervalLength};

/// Every point of `forecast` with its channel and UTC start (a start out of chrono's
/// range is left out).
fn channel_points(
    forecast: &GroupForecast,
) -> impl Iterator<Item = (Channel, DateTime<Utc>, &ForecastPoint)> + '_ {
    forecast.series.iter().flat_map(|s| {
        s.points
            .iter()
            .filter_map(move |p| Some((s.channel, DateTime::from_timestamp(p.start, 0)?, p)))
    })
}

/// The group's daily demand per channel: volume summed over its queues, AHT
/// volume-weighted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyDemand {
    /// `(channel, day)` → `(volume, handle seconds)`.
    days: BTreeMap<(Channel, NaiveDate), (f64, f64)>,
}

impl DailyDemand {
    /// Sums a long-term forecast's points (any number of queues) by channel and day.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::capacity::DailyDemand;
    /// use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
    /// use wfm_core::history::Granularity;
    /// let day = 1_736_121_600; // 2025-01-06
    /// let p = |volume, aht_seconds| ForecastPoint { start: day, volume, p10: volume, p50: volume, p90: volume, aht_seconds };
    /// let queue = |id: &str, p| GroupSeries { queue_id: id.into(), queue_name: id.into(), channel: Channel::Voice, model: String::new(), points: vec![p] };
    /// let f = GroupForecast::new(Granularity::Daily, day, 1, vec![queue("q1", p(100.0, 200.0)), queue("q2", p(300.0, 400.0))]);
    /// let d = DailyDemand::from_forecast(&f);
    /// let (v, aht) = d.get(Channel::Voice, chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()).unwrap();
    /// assert_eq!((v, aht), (400.0, 350.0));
    /// ```
    pub fn from_forecast(forecast: &GroupForecast) -> Self {
        let mut days: BTreeMap<(Channel, NaiveDate), (f64, f64)> = BTreeMap::new();
        for (channel, start, p) in channel_points(forecast) {
            let e = days
                .entry((channel, start.date_naive()))
                .or_insert((0.0, 0.0));
            e.0 += p.volume;
            e.1 += p.volume * p.aht_seconds;
        }
        Self { days }
    }

    /// Volume and volume-weighted AHT of `channel` on `day`.
    pub fn get(&self, channel: Channel, day: NaiveDate) -> Option<(f64, f64)> {
        self.days.get(&(channel, day)).map(|&(v, w)| {
            let aht = if v > 0.0 { w / v } else { 0.0 };
            (v, aht)
        })
    }

    /// The channels with demand.
    pub fn channels(&self) -> Vec<Channel> {
        let mut c: Vec<Channel> = self.days.keys().map(|(c, _)| *c).collect();
        c.dedup();
        c
    }

    /// The first and last day with demand.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.days.keys().map(|(_, d)| *d).min()?;
        let last = self.days.keys().map(|(_, d)| *d).max()?;
        Some((first, last))
    }
}

/// The intraday pattern of one channel: per weekday (Monday = 0) and interval of the UTC
/// day, the share of the day's volume and the interval's AHT relative to the day's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ChannelShape {
    /// `[weekday][slot]` → share of the day's volume (each weekday sums to 1).
    share: Vec<Vec<f64>>,
    /// `[weekday][slot]` → interval AHT / the day's volume-weighted AHT (1 where no
    /// volume).
    aht_factor: Vec<Vec<f64>>,
}

/// How a day's volume spreads over its intervals, learned from the short-term forecast
/// ("its intraday pattern sets the peak requirement").
///
/// For each channel and weekday: the share of the day's volume each interval gets is the
/// interval's total short-term volume over that weekday's total, summed over every such
/// weekday of the short-term forecast; the AHT factor is the interval's volume-weighted AHT
/// over the weekday's. A weekday the short-term forecast does not cover uses the pattern
/// of all its days; a channel it does not cover has no pattern (an error if the long-term
/// forecast gives that channel volume).
///
/// ```
/// use wfm_core::{Channel, IntervalLength, capacity::IntradayShape};
/// use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
/// use wfm_core::history::Granularity;
/// let monday = 1_736_121_600; // 2025-01-06
/// // all of Monday's volume in the 09:00 interval
/// let points: Vec<ForecastPoint> = (0..48).map(|i| {
///     let volume = if i == 18 { 50.0 } else { 0.0 };
///     ForecastPoint { start: monday + 1800 * i, volume, p10: volume, p50: volume, p90: volume, aht_seconds: 300.0 }
/// }).collect();
/// let series = GroupSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: String::new(), points };
/// let f = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), monday, 48, vec![series]);
/// let shape = IntradayShape::from_forecast(&f)?;
/// let day = shape.spread(Channel::Voice, chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 1000.0, 240.0)?;
/// assert_eq!(day[18], (1000.0, 240.0));
/// assert_eq!(day[17].0, 0.0);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntradayShape {
    interval: IntervalLength,
    channels: BTreeMap<Channel, ChannelShape>,
}

impl IntradayShape {
    /// Learns the pattern from a short-term forecast (at its interval).
    ///
    /// # Errors
    /// [`CoreError::InvalidSeries`] if the forecast is daily or a point does not start on
    /// an interval boundary.
    pub fn from_forecast(forecast: &GroupForecast) -> Result<Self, CoreError> {
        let Some(interval) = forecast.interval() else {
            return Err(CoreError::InvalidSeries {
                reason: "the short-term forecast is daily: the intraday pattern needs intervals"
                    .into(),
            });
        };
        let slots = interval.per_day() as usize;
        let step = i64::from(interval.seconds());
        // [channel] → [weekday][slot] → (volume, handle seconds); [weekday] day count
        let mut sums: BTreeMap<Channel, Vec<Vec<(f64, f64)>>> = BTreeMap::new();
        for (channel, start, p) in channel_points(forecast) {
            let secs = start.timestamp();
            if secs.rem_euclid(step) != 0 {
                return Err(CoreError::InvalidSeries {
                    reason: format!(
                        "short-term forecast point at {} is not on a {}-minute boundary",
                        start.format(crate::history::UTC_FORMAT),
                        interval.minutes()
                    ),
                });
            }
            let weekday = start.weekday().num_days_from_monday() as usize;
            let slot = (secs.rem_euclid(86_400) / step) as usize;
            let s = sums
                .entry(channel)
                .or_insert_with(|| vec![vec![(0.0, 0.0); slots]; 7]);
            s[weekday][slot].0 += p.volume;
            s[weekday][slot].1 += p.volume * p.aht_seconds;
        }
        let mut channels = BTreeMap::new();
        for (channel, by_day) in sums {
            let all: Vec<(f64, f64)> = (0..slots)
                .map(|i| {
                    by_day
                        .iter()
                        .fold((0.0, 0.0), |a, d| (a.0 + d[i].0, a.1 + d[i].1))
                })
                .collect();
            let pattern = |slots_of: &[(f64, f64)]| -> Option<(Vec<f64>, Vec<f64>)> {
                let volume: f64 = slots_of.iter().map(|s| s.0).sum();
                if volume <= 0.0 {
                    return None;
                }
                let day_aht = slots_of.iter().map(|s| s.1).sum::<f64>() / volume;
                let share = slots_of.iter().map(|s| s.0 / volume).collect();
                let factor = slots_of
                    .iter()
                    .map(|s| {
                        if s.0 > 0.0 && day_aht > 0.0 {
                            s.1 / s.0 / day_aht
                        } else {
                            1.0
                        }
                    })
                    .collect();
                Some((share, factor))
            };
            let Some(fallback) = pattern(&all) else {
                continue;
            };
            let mut shape = ChannelShape {
                share: Vec::with_capacity(7),
                aht_factor: Vec::with_capacity(7),
            };
            for day in &by_day {
                let (share, factor) = pattern(day).unwrap_or_else(|| fallback.clone());
                shape.share.push(share);
                shape.aht_factor.push(factor);
            }
            channels.insert(channel, shape);
        }
        Ok(Self { interval, channels })
    }

    /// The interval length of the pattern.
    pub fn interval(&self) -> IntervalLength {
        self.interval
    }

    /// `day`'s `volume` and `aht_seconds` spread over its intervals: `(volume, aht)` per
    /// interval of the UTC day.
    ///
    /// # Errors
    /// [`CoreError::InvalidSeries`] if the pattern has no `channel` (and `volume` > 0).
    pub fn spread(
        &self,
        channel: Channel,
        day: NaiveDate,
        volume: f64,
        aht_seconds: f64,
    ) -> Result<Vec<(f64, f64)>, CoreError> {
        let slots = self.interval.per_day() as usize;
        let Some(shape) = self.channels.get(&channel) else {
            if volume <= 0.0 {
                return Ok(vec![(0.0, aht_seconds); slots]);
            }
            return Err(CoreError::InvalidSeries {
                reason: format!(
                    "the short-term forecast has no {channel} volume, so the long-term {channel} \
                     volume of {day} cannot be spread over the day: publish a short-term \
                     forecast with {channel}"
                ),
            });
        };
        let w = day.weekday().num_days_from_monday() as usize;
        Ok(shape.share[w]
            .iter()
            .zip(&shape.aht_factor[w])
            .map(|(s, f)| (volume * s, aht_seconds * f))
            .collect())
    }
}
