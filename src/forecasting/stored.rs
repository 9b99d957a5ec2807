//! The payload of a forecast document in the workspace (`DocumentKind::Forecast`, named
//! `short` or `long`): every series' points with the model that made them, as JSON.

use chrono::DateTime;
use serde::{Deserialize, Serialize};
use wfm_core::Channel;
use wfm_core::capacity::ForecastPoint as PlanPoint;
use wfm_core::forecast::ForecastPoint;
use wfm_core::history::Granularity;

use super::{ForecastOutput, SeriesForecast};
use crate::store::DocumentKind;

/// The document kind forecasts are stored as.
pub const FORECAST_DOCUMENT: DocumentKind = DocumentKind::Forecast;

/// One queue × channel of a stored forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSeries {
    /// The queue's id.
    pub queue_id: String,
    /// The queue's name.
    pub queue_name: String,
    /// The channel.
    pub channel: Channel,
    /// The model chosen for the series.
    pub model: String,
    /// The steps, in time order.
    pub points: Vec<ForecastPoint>,
}

/// A forecast as stored in the workspace.
///
/// ```
/// use wfm::forecasting::{StoredForecast, StoredSeries};
/// use wfm::core::Channel;
/// use wfm::core::forecast::ForecastPoint;
/// use wfm::core::history::Granularity;
/// let p = ForecastPoint { start: 86_400, volume: 10.0, p10: 7.0, p50: 10.0, p90: 13.0, aht_seconds: 300.0 };
/// let s = StoredSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
/// let f = StoredForecast { granularity: Granularity::Daily, start: 86_400, steps: 1, series: vec![s], warnings: vec![], inputs: String::new(), meta: Default::default() };
/// let plan = f.plan_points();
/// assert_eq!((plan[0].volume, plan[0].start.to_rfc3339()), (10.0, "1970-01-02T00:00:00+00:00".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredForecast {
    /// Intervals or days.
    pub granularity: Granularity,
    /// The first step, Unix seconds UTC.
    pub start: i64,
    /// Steps per series.
    pub steps: usize,
    /// One per queue × channel.
    pub series: Vec<StoredSeries>,
    /// What the computation warned about.
    pub warnings: Vec<String>,
    /// A fingerprint of what it was computed from (history sources, group queues,
    /// settings), so a refresh can tell when the inputs changed.
    pub inputs: String,
    /// How and when it was computed (for `wfm forecast refresh`); empty in documents
    /// stored before the lifecycle existed.
    #[serde(default)]
    pub meta: ForecastMeta,
}

/// How a workspace forecast was computed, so a refresh can repeat it and knows when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastMeta {
    /// The start asked for (Unix seconds UTC); `None`: the step after the newest history.
    pub start: Option<i64>,
    /// The weeks asked for (0: unknown).
    pub weeks: u32,
    /// The holidays CSV it was computed with.
    pub holidays: Option<String>,
    /// When this version was computed, Unix seconds UTC.
    pub computed_at: i64,
    /// When the group's first forecast of this kind was computed (a long-term forecast
    /// is recomputed weekly on that weekday).
    pub first_created: i64,
}

impl StoredForecast {
    /// A forecast of `series` with no warnings, inputs or metadata.
    pub fn new(
        granularity: Granularity,
        start: i64,
        steps: usize,
        series: Vec<StoredSeries>,
    ) -> Self {
        Self {
            granularity,
            start,
            steps,
            series,
            warnings: Vec::new(),
            inputs: String::new(),
            meta: ForecastMeta::default(),
        }
    }

    /// Checks the values read back like input: every volume, quantile and handle time
    /// finite and not negative (a computation never stores another).
    ///
    /// ```
    /// use wfm::core::{Channel, forecast::ForecastPoint, history::Granularity};
    /// use wfm::forecasting::{StoredForecast, StoredSeries};
    /// let p = ForecastPoint { start: 0, volume: -1.0, p10: 0.0, p50: 0.0, p90: 0.0, aht_seconds: 300.0 };
    /// let s = StoredSeries { queue_id: "q1".into(), queue_name: "S".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
    /// let f = StoredForecast::new(Granularity::Daily, 0, 1, vec![s]);
    /// assert!(f.check().unwrap_err().contains("volume -1"));
    /// ```
    ///
    /// # Errors
    /// The first impossible value, with its series and step.
    pub fn check(&self) -> Result<(), String> {
        for s in &self.series {
            for p in &s.points {
                for (what, v) in [
                    ("volume", p.volume),
                    ("P10", p.p10),
                    ("P50", p.p50),
                    ("P90", p.p90),
                    ("handle time", p.aht_seconds),
                ] {
                    if !(v.is_finite() && v >= 0.0) {
                        return Err(format!(
                            "queue {} {} at {}: {what} {v}",
                            s.queue_id,
                            s.channel.as_str(),
                            p.start
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The end of the last step (Unix seconds), saturating: a stored document with an
    /// impossible step count cannot make a listing panic.
    ///
    /// ```
    /// use wfm::core::history::Granularity;
    /// let f = wfm::forecasting::StoredForecast::new(Granularity::Daily, 0, 2, vec![]);
    /// assert_eq!(f.end(), 2 * 86_400);
    /// let f = wfm::forecasting::StoredForecast::new(Granularity::Daily, 0, usize::MAX, vec![]);
    /// assert_eq!(f.end(), i64::MAX);
    /// ```
    pub fn end(&self) -> i64 {
        let steps = i64::try_from(self.steps).unwrap_or(i64::MAX);
        self.start
            .saturating_add(steps.saturating_mul(self.granularity.seconds()))
    }

    /// The forecast as a computation's output (P10/P50/P90, no backtest), e.g. for
    /// [`forecast_frame`](super::forecast_frame).
    pub fn to_output(&self) -> ForecastOutput {
        ForecastOutput {
            granularity: self.granularity,
            start: self.start,
            steps: self.steps,
            quantiles: super::QUANTILES.to_vec(),
            series: self
                .series
                .iter()
                .map(|s| SeriesForecast {
                    queue_id: s.queue_id.clone(),
                    queue_name: s.queue_name.clone(),
                    channel: s.channel,
                    forecast: wfm_core::forecast::Forecast {
                        granularity: self.granularity,
                        model: s.model.clone(),
                        points: s.points.clone(),
                    },
                })
                .collect(),
            backtest: Vec::new(),
            warnings: self.warnings.clone(),
        }
    }

    /// Total forecast volume over every series and step.
    pub fn total_volume(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| &s.points)
            .map(|p| p.volume)
            .sum()
    }

    /// A computed forecast, for storing; `inputs` as in [`StoredForecast::inputs`].
    pub fn from_output(output: &ForecastOutput, inputs: &str) -> Self {
        Self {
            granularity: output.granularity,
            start: output.start,
            steps: output.steps,
            series: output.series.iter().map(StoredSeries::from).collect(),
            warnings: output.warnings.clone(),
            inputs: inputs.to_owned(),
            meta: ForecastMeta::default(),
        }
    }

    /// Every point as the capacity plan reads it (channel, UTC start, volume, AHT).
    pub fn plan_points(&self) -> Vec<PlanPoint> {
        self.series
            .iter()
            .flat_map(|s| {
                s.points.iter().filter_map(|p| {
                    Some(PlanPoint {
                        channel: s.channel,
                        start: DateTime::from_timestamp(p.start, 0)?,
                        volume: p.volume,
                        aht_seconds: p.aht_seconds,
                    })
                })
            })
            .collect()
    }
}

impl From<&SeriesForecast> for StoredSeries {
    fn from(s: &SeriesForecast) -> Self {
        Self {
            queue_id: s.queue_id.clone(),
            queue_name: s.queue_name.clone(),
            channel: s.channel,
            model: s.forecast.model.clone(),
            points: s.forecast.points.clone(),
        }
    }
}
