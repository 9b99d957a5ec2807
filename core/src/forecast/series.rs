//! The input of every model: one queue × channel's history on a regular grid, with the
//! queue's time zone, validated once.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::CoreError;
use crate::history::{Granularity, HistoryRecord};

/// One queue × channel's history: volume, handled contacts and AHT on a regular grid of
/// `granularity` steps from `start`, in the queue's time zone `tz`.
///
/// * Interval series (15 or 30 minutes): `start` is the UTC start of the first interval
///   (Unix seconds); intraday shapes are learned in `tz`'s local time.
/// * Daily series: each value is one day, and `start` is that day's date at 00:00:00Z
///   (the history convention; for local business days the date is the local one). `tz`
///   is not used.
///
/// Values are validated: the three vectors have one value per step, volume and handled are
/// finite and non-negative, AHT finite and non-negative (0 when nothing was handled).
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::forecast::ContactSeries;
/// use wfm_core::history::Granularity;
/// let s = ContactSeries::new(
///     Granularity::Interval(IntervalLength::Thirty),
///     1_719_792_000, // 2024-07-01T00:00:00Z
///     chrono_tz::Europe::Berlin,
///     vec![3.0, 5.0],
///     vec![3.0, 4.0],
///     vec![200.0, 250.0],
/// )?;
/// assert_eq!(s.len(), 2);
/// assert_eq!(s.step_seconds(), 1800);
/// assert!(ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![-1.0]).is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactSeries {
    granularity: Granularity,
    start: i64,
    tz: Tz,
    volume: Vec<f64>,
    handled: Vec<f64>,
    aht: Vec<f64>,
}

fn invalid(reason: impl Into<String>) -> CoreError {
    CoreError::InvalidSeries {
        reason: reason.into(),
    }
}

fn check_values(name: &str, values: &[f64]) -> Result<(), CoreError> {
    match values.iter().position(|v| !v.is_finite() || *v < 0.0) {
        Some(i) => Err(invalid(format!(
            "{name}[{i}] = {} is not a finite non-negative number",
            values[i]
        ))),
        None => Ok(()),
    }
}

impl ContactSeries {
    /// Validates and builds a series.
    ///
    /// # Errors
    /// [`CoreError::InvalidSeries`] when the lengths differ, a value is negative or not
    /// finite, or `start` is not on the granularity's boundary.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let e = ContactSeries::new(Granularity::Daily, 0, chrono_tz::UTC, vec![1.0], vec![], vec![]);
    /// assert!(e.is_err());
    /// ```
    pub fn new(
        granularity: Granularity,
        start: i64,
        tz: Tz,
        volume: Vec<f64>,
        handled: Vec<f64>,
        aht: Vec<f64>,
    ) -> Result<Self, CoreError> {
        if handled.len() != volume.len() || aht.len() != volume.len() {
            return Err(invalid(format!(
                "{} volumes, {} handled and {} AHT values: one of each per step is needed",
                volume.len(),
                handled.len(),
                aht.len()
            )));
        }
        if !granularity.is_boundary(start) {
            return Err(invalid(format!(
                "start {start} is not on a {granularity} boundary"
            )));
        }
        check_values("volume", &volume)?;
        check_values("handled", &handled)?;
        check_values("aht", &aht)?;
        Ok(Self {
            granularity,
            start,
            tz,
            volume,
            handled,
            aht,
        })
    }

    /// A series of volumes only (handled = volume, AHT = 0): for volume models.
    ///
    /// # Errors
    /// As [`ContactSeries::new`].
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 86_400, chrono_tz::UTC, vec![4.0, 2.0])?;
    /// assert_eq!(s.handled(), &[4.0, 2.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn volume_only(
        granularity: Granularity,
        start: i64,
        tz: Tz,
        volume: Vec<f64>,
    ) -> Result<Self, CoreError> {
        let n = volume.len();
        Self::new(granularity, start, tz, volume.clone(), volume, vec![0.0; n])
    }

    /// The series of one queue × channel × granularity from history records (any order).
    /// The grid runs from the earliest to the latest record; a step without a record had
    /// no contacts (volume, handled and AHT 0).
    ///
    /// # Errors
    /// [`CoreError::InvalidSeries`] when `records` is empty, mixes queues, channels or
    /// granularities, holds two records for one start, or a start off the grid.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::{Granularity, HistoryRecord, QueueIx};
    /// let r = |start, volume| HistoryRecord { queue: QueueIx(0), channel: Channel::Voice,
    ///     granularity: Granularity::Daily, start, volume, aht_seconds: 300.0, handled: volume };
    /// let s = ContactSeries::from_records(&[r(2 * 86_400, 7), r(0, 5)], chrono_tz::UTC)?;
    /// assert_eq!(s.volume(), &[5.0, 0.0, 7.0]);
    /// assert_eq!(s.aht(), &[300.0, 0.0, 300.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn from_records(records: &[HistoryRecord], tz: Tz) -> Result<Self, CoreError> {
        let first = records
            .first()
            .ok_or_else(|| invalid("no history records"))?;
        let g = first.granularity;
        let step = g.seconds();
        let (mut lo, mut hi) = (first.start, first.start);
        for r in records {
            if r.queue != first.queue || r.channel != first.channel || r.granularity != g {
                return Err(invalid(
                    "records of several queues, channels or granularities: pass one series",
                ));
            }
            if !g.is_boundary(r.start) {
                return Err(invalid(format!(
                    "start {} is not on a {g} boundary",
                    r.start
                )));
            }
            lo = lo.min(r.start);
            hi = hi.max(r.start);
        }
        let n = usize::try_from((hi - lo) / step + 1).map_err(|_| invalid("range too long"))?;
        let mut volume = vec![0.0; n];
        let mut handled = vec![0.0; n];
        let mut aht = vec![0.0; n];
        let mut seen = vec![false; n];
        for r in records {
            let i = ((r.start - lo) / step) as usize;
            if std::mem::replace(&mut seen[i], true) {
                return Err(invalid(format!("two records start at {}", r.start)));
            }
            volume[i] = r.volume as f64;
            handled[i] = r.handled as f64;
            aht[i] = if r.handled > 0 { r.aht_seconds } else { 0.0 };
        }
        Self::new(g, lo, tz, volume, handled, aht)
    }

    /// Interval or daily.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.granularity(), Granularity::Daily);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// Start of the first step, Unix seconds.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.start(), 86_400);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn start(&self) -> i64 {
        self.start
    }

    /// Seconds per step (900, 1800 or 86,400).
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.step_seconds(), 86_400);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn step_seconds(&self) -> i64 {
        self.granularity.seconds()
    }

    /// The queue's time zone.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.tz(), chrono_tz::Europe::Paris);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// Number of steps.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.len(), 2);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.volume.len()
    }

    /// Whether the series has no step.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert!(!s.is_empty());
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.volume.is_empty()
    }

    /// Incoming contacts per step.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.volume(), &[4.0, 6.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn volume(&self) -> &[f64] {
        &self.volume
    }

    /// Handled contacts per step.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.handled(), &[4.0, 5.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn handled(&self) -> &[f64] {
        &self.handled
    }

    /// AHT of the handled contacts per step, seconds.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::new(Granularity::Daily, 86_400, chrono_tz::Europe::Paris,
    ///     vec![4.0, 6.0], vec![4.0, 5.0], vec![300.0, 320.0])?;
    /// assert_eq!(s.aht(), &[300.0, 320.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn aht(&self) -> &[f64] {
        &self.aht
    }

    /// Start of step `i`, Unix seconds.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![1.0])?;
    /// assert_eq!(s.time_of(2), 172_800);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn time_of(&self, i: usize) -> i64 {
        self.start + i as i64 * self.step_seconds()
    }

    /// The first `n` steps (all if `n` is larger) as a new series.
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![1.0, 2.0, 3.0])?;
    /// assert_eq!(s.head(2).volume(), &[1.0, 2.0]);
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn head(&self, n: usize) -> Self {
        self.slice(0, n.min(self.len()))
    }

    /// Steps `from..to` as a new series (clamped to the series).
    ///
    /// ```
    /// use wfm_core::forecast::ContactSeries;
    /// use wfm_core::history::Granularity;
    /// let s = ContactSeries::volume_only(Granularity::Daily, 0, chrono_tz::UTC, vec![1.0, 2.0, 3.0])?;
    /// let t = s.slice(1, 3);
    /// assert_eq!((t.start(), t.volume()), (86_400, &[2.0, 3.0][..]));
    /// # Ok::<(), wfm_core::CoreError>(())
    /// ```
    pub fn slice(&self, from: usize, to: usize) -> Self {
        let to = to.min(self.len());
        let from = from.min(to);
        Self {
            granularity: self.granularity,
            start: self.time_of(from),
            tz: self.tz,
            volume: self.volume[from..to].to_vec(),
            handled: self.handled[from..to].to_vec(),
            aht: self.aht[from..to].to_vec(),
        }
    }
}
