//! What a fitted model predicts: plain data with pub fields, serde-ready.

use serde::{Deserialize, Serialize};

use crate::history::Granularity;

/// One forecast step: expected volume with its P10/P50/P90 band, and the AHT.
///
/// ```
/// use wfm_core::forecast::ForecastPoint;
/// let p = ForecastPoint { start: 0, volume: 10.0, p10: 6.0, p50: 10.0, p90: 14.0, aht_seconds: 300.0 };
/// assert!(p.p10 <= p.p50 && p.p50 <= p.p90);
/// assert_eq!(p.workload_seconds(), 3000.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ForecastPoint {
    /// Start of the step, Unix seconds (UTC; a date at 00:00:00Z for days).
    pub start: i64,
    /// Expected incoming volume (the mean; aggregates add up).
    pub volume: f64,
    /// 10 % quantile of the volume.
    pub p10: f64,
    /// Median of the volume.
    pub p50: f64,
    /// 90 % quantile of the volume.
    pub p90: f64,
    /// Expected AHT, seconds.
    pub aht_seconds: f64,
}

impl ForecastPoint {
    /// Expected workload, `volume × aht_seconds`.
    ///
    /// ```
    /// use wfm_core::forecast::ForecastPoint;
    /// let p = ForecastPoint { start: 0, volume: 2.0, p10: 0.0, p50: 2.0, p90: 4.0, aht_seconds: 60.0 };
    /// assert_eq!(p.workload_seconds(), 120.0);
    /// ```
    pub fn workload_seconds(&self) -> f64 {
        self.volume * self.aht_seconds
    }
}

/// A forecast: consecutive steps after the history, and the model that made them.
///
/// ```
/// use wfm_core::forecast::{Forecast, ForecastPoint};
/// use wfm_core::history::Granularity;
/// let p = ForecastPoint { start: 0, volume: 2.0, p10: 0.0, p50: 2.0, p90: 4.0, aht_seconds: 60.0 };
/// let f = Forecast { granularity: Granularity::Daily, model: "weekday-level".into(), points: vec![p, p] };
/// assert_eq!(f.volumes(), [2.0, 2.0]);
/// assert_eq!(f.total_volume(), 4.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The step of the points.
    pub granularity: Granularity,
    /// Name of the candidate model that was chosen.
    pub model: String,
    /// The steps, in time order.
    pub points: Vec<ForecastPoint>,
}

impl Forecast {
    /// Expected volume per step.
    ///
    /// ```
    /// use wfm_core::forecast::Forecast;
    /// use wfm_core::history::Granularity;
    /// let f = Forecast { granularity: Granularity::Daily, model: String::new(), points: vec![] };
    /// assert!(f.volumes().is_empty());
    /// ```
    pub fn volumes(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.volume).collect()
    }

    /// Expected AHT per step.
    ///
    /// ```
    /// use wfm_core::forecast::Forecast;
    /// use wfm_core::history::Granularity;
    /// let f = Forecast { granularity: Granularity::Daily, model: String::new(), points: vec![] };
    /// assert!(f.aht().is_empty());
    /// ```
    pub fn aht(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.aht_seconds).collect()
    }

    /// Sum of the expected volume.
    ///
    /// ```
    /// use wfm_core::forecast::Forecast;
    /// use wfm_core::history::Granularity;
    /// let f = Forecast { granularity: Granularity::Daily, model: String::new(), points: vec![] };
    /// assert_eq!(f.total_volume(), 0.0);
    /// ```
    pub fn total_volume(&self) -> f64 {
        self.points.iter().map(|p| p.volume).sum()
    }
}

/// How one candidate model scored in the selection backtest.
///
/// ```
/// use wfm_core::forecast::CandidateScore;
/// let s = CandidateScore { name: "slot-mean-4w".into(), wape: 0.23 };
/// assert!(s.wape < 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateScore {
    /// Candidate name.
    pub name: String,
    /// Pooled volume WAPE over the selection origins (`f64::INFINITY` if it could not fit).
    pub wape: f64,
}
