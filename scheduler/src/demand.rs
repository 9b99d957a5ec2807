//! The demand a schedule is generated for and reviewed against: one channel's forecast
//! resampled onto the generator's quarter-hour grid from a day's 00:00 UTC, and the
//! requirement the queueing math derives from it.
//!
//! - [`Demand::from_forecast`]: a group forecast's series of one channel (every queue)
//!   summed per 15-minute UTC interval, AHT weighted by volume; a 30-minute step is split
//!   evenly over its two quarter hours; zero where the forecast has no step.
//! - [`Demand::on_grid`]: the quarter hours joined to a coarser grid (volumes summed, AHT
//!   weighted by volume).
//! - [`Demand::review`]: the review of a schedule against this demand with the run's own
//!   goal and occupancy cap (the one source of coverage).
//!
//! ```
//! use chrono::NaiveDate;
//! use wfm_core::{Channel, IntervalLength};
//! use wfm_core::forecast::{ForecastPoint, GroupForecast, GroupSeries};
//! use wfm_core::history::Granularity;
//! use wfm_scheduler::Demand;
//! let nine = 1_772_442_000; // 2026-03-02T09:00:00Z
//! let p = |volume, aht_seconds| ForecastPoint { start: nine, volume, p10: volume, p50: volume, p90: volume, aht_seconds };
//! let s = |id: &str, channel, p| GroupSeries { queue_id: id.into(), queue_name: id.into(), channel, model: String::new(), points: vec![p] };
//! let f = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), nine, 1,
//!     vec![s("q1", Channel::Voice, p(10.0, 300.0)), s("q2", Channel::Voice, p(10.0, 100.0)), s("q1", Channel::Chat, p(50.0, 600.0))]);
//! let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
//! let d = Demand::from_forecast(&f, Channel::Voice, monday, 7);
//! let q = d.quarters();
//! assert_eq!(q.len(), 672);
//! assert_eq!((q[36].volume, q[37].volume, q[38].volume), (10.0, 10.0, 0.0));
//! assert_eq!(q[36].aht_seconds, 200.0);
//! ```

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use wfm_core::Channel;
use wfm_core::forecast::GroupForecast;

use crate::error::{Result, SchedulerError};
use crate::generate::{GenerateOptions, Grid, IntervalForecast};
use crate::review::{Review, ReviewOptions, review};
use crate::scenario::Scenario;
use crate::schedule::Schedule;

/// Quarter-hour demand of one channel from a day's 00:00 UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    first: NaiveDate,
    quarters: Vec<IntervalForecast>,
}

impl Demand {
    /// `channel`'s demand over `days` days from `first` 00:00 UTC: every queue's series
    /// of the channel summed per 15-minute UTC interval, AHT weighted by volume; a
    /// 30-minute step split evenly over its two quarter hours; zero where the forecast
    /// has no step.
    pub fn from_forecast(
        forecast: &GroupForecast,
        channel: Channel,
        first: NaiveDate,
        days: usize,
    ) -> Self {
        let quarters = days * 96;
        let step = forecast.interval().map_or(15, |i| i64::from(i.minutes()));
        let parts = (step / 15).max(1);
        let from = first.and_time(NaiveTime::MIN).and_utc().timestamp();
        let mut volume = vec![0.0; quarters];
        let mut work = vec![0.0; quarters];
        for p in forecast.points_of(channel) {
            for k in 0..parts {
                let q = (p.start + 900 * k - from).div_euclid(900);
                if (0..quarters as i64).contains(&q) {
                    let v = p.volume / parts as f64;
                    volume[q as usize] += v;
                    work[q as usize] += v * p.aht_seconds;
                }
            }
        }
        let quarters = volume
            .iter()
            .zip(&work)
            .map(|(&v, &w)| IntervalForecast {
                volume: v,
                aht_seconds: if v > 0.0 { w / v } else { 0.0 },
            })
            .collect();
        Self { first, quarters }
    }

    /// Demand given as quarter hours from `first` 00:00 UTC (e.g. as a stored schedule
    /// kept it).
    ///
    /// ```
    /// let d = wfm_scheduler::Demand::from_quarters(chrono::NaiveDate::MIN, vec![]);
    /// assert!(d.quarters().is_empty());
    /// ```
    pub fn from_quarters(first: NaiveDate, quarters: Vec<IntervalForecast>) -> Self {
        Self { first, quarters }
    }

    /// The first day (the demand starts at its 00:00 UTC).
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The start of the first quarter hour.
    pub fn start(&self) -> DateTime<Utc> {
        self.first.and_time(NaiveTime::MIN).and_utc()
    }

    /// The quarter hours, in time order.
    pub fn quarters(&self) -> &[IntervalForecast] {
        &self.quarters
    }

    /// The quarter hours joined onto `grid`'s intervals: volumes summed, AHT weighted by
    /// volume.
    ///
    /// ```
    /// use wfm_scheduler::Demand;
    /// use wfm_scheduler::generate::{Grid, IntervalForecast};
    /// let q = |volume, aht_seconds| IntervalForecast { volume, aht_seconds };
    /// let d = Demand::from_quarters(chrono::NaiveDate::MIN, vec![q(1.0, 100.0), q(3.0, 300.0)]);
    /// assert_eq!(d.on_grid(Grid::new(30)?), [q(4.0, 250.0)]);
    /// # Ok::<(), wfm_scheduler::SchedulerError>(())
    /// ```
    pub fn on_grid(&self, grid: Grid) -> Vec<IntervalForecast> {
        let per = (grid.minutes() / 15).max(1) as usize;
        self.quarters
            .chunks(per)
            .map(|c| {
                let volume: f64 = c.iter().map(|q| q.volume).sum();
                let work: f64 = c.iter().map(|q| q.volume * q.aht_seconds).sum();
                IntervalForecast {
                    volume,
                    aht_seconds: if volume > 0.0 { work / volume } else { 0.0 },
                }
            })
            .collect()
    }

    /// Reviews `schedule` against this demand on the scenario's interval, with the
    /// request's goal and the run's occupancy cap (`options.max_occupancy`): the same
    /// requirement the generator planned for.
    ///
    /// # Errors
    /// [`SchedulerError::InvalidModel`] for an occupancy cap outside (0, 1] or an interval
    /// whose volume or handle time the queueing model rejects.
    pub fn review(
        &self,
        scenario: &Scenario,
        schedule: &Schedule,
        options: &GenerateOptions,
    ) -> Result<Review> {
        let grid = Grid::new(scenario.config().interval.minutes())?;
        let max_occupancy = wfm_erlang::MaxOccupancy::new(options.max_occupancy)
            .map_err(|e| SchedulerError::InvalidModel(format!("max occupancy: {e}")))?;
        let options = ReviewOptions {
            grid,
            max_occupancy,
        };
        review(
            scenario,
            schedule,
            &self.on_grid(grid),
            self.start(),
            &options,
        )
    }
}

/// A quarter hour's index from `from`, for tests.
#[cfg(test)]
fn quarter(from: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t - from).num_minutes().div_euclid(15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use wfm_core::IntervalLength;
    use wfm_core::forecast::{ForecastPoint, GroupSeries};
    use wfm_core::history::Granularity;

    #[test]
    fn quarter_hours_join_into_intervals_with_volume_weighted_aht() {
        let q = |volume, aht_seconds| IntervalForecast {
            volume,
            aht_seconds,
        };
        let day = NaiveDate::MIN;
        let d = Demand::from_quarters(
            day,
            vec![q(4.0, 300.0), q(2.0, 600.0), q(0.0, 0.0), q(0.0, 0.0)],
        );
        assert_eq!(
            d.on_grid(Grid::new(30).unwrap()),
            vec![q(6.0, 400.0), q(0.0, 0.0)]
        );
        let one = Demand::from_quarters(day, vec![q(1.0, 60.0)]);
        assert_eq!(one.on_grid(Grid::new(15).unwrap()), vec![q(1.0, 60.0)]);
    }

    #[test]
    fn steps_before_and_after_the_days_are_left_out() {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let from = monday.and_time(NaiveTime::MIN).and_utc();
        let at = |t: DateTime<Utc>| ForecastPoint {
            start: t.timestamp(),
            volume: 4.0,
            p10: 4.0,
            p50: 4.0,
            p90: 4.0,
            aht_seconds: 60.0,
        };
        let points = vec![
            at(from - Duration::minutes(15)),
            at(from),
            at(from + Duration::days(1) - Duration::minutes(15)),
            at(from + Duration::days(1)),
        ];
        let s = GroupSeries {
            queue_id: "q".into(),
            queue_name: "q".into(),
            channel: Channel::Voice,
            model: String::new(),
            points,
        };
        let f = GroupForecast::new(
            Granularity::Interval(IntervalLength::Fifteen),
            0,
            4,
            vec![s],
        );
        let d = Demand::from_forecast(&f, Channel::Voice, monday, 1);
        let total: f64 = d.quarters().iter().map(|q| q.volume).sum();
        assert_eq!((d.quarters().len(), total), (96, 8.0));
        let last = quarter(from, from + Duration::days(1) - Duration::minutes(15));
        assert_eq!(d.quarters()[last as usize].volume, 4.0);
    }
}
