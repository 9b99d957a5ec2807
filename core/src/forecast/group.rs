//! A group forecast: every queue × channel series of one forecast group, short- or
//! long-term, as one serde document. The CLI writes it as the forecast CSV, the workspace
//! stores it as JSON, Python reads it as a frame, capacity planning and the scheduler take
//! it directly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ForecastPoint;
use crate::history::Granularity;
use crate::{Channel, CoreError, IntervalLength};

/// The most weeks of a short-term forecast (18).
pub const SHORT_MAX_WEEKS: u32 = 18;
/// The most weeks of a long-term forecast (78 ≈ 18 months).
pub const LONG_MAX_WEEKS: u32 = 78;

/// Short-term (15/30-minute intervals) or long-term (days).
///
/// ```
/// use wfm_core::forecast::ForecastKind;
/// assert_eq!("short".parse::<ForecastKind>()?, ForecastKind::Short);
/// assert!("medium".parse::<ForecastKind>().is_err());
/// assert_eq!(ForecastKind::Long.to_string(), "long");
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForecastKind {
    /// The history's 15/30-minute rows, up to 18 weeks.
    Short,
    /// `daily` rows (or daily totals of the intervals), up to 78 weeks.
    Long,
}

impl ForecastKind {
    /// The most weeks of this kind.
    ///
    /// ```
    /// assert_eq!(wfm_core::forecast::ForecastKind::Long.max_weeks(), 78);
    /// ```
    pub fn max_weeks(self) -> u32 {
        match self {
            Self::Short => SHORT_MAX_WEEKS,
            Self::Long => LONG_MAX_WEEKS,
        }
    }

    /// The kind of forecast made at `granularity`: intervals are short-term, days
    /// long-term.
    ///
    /// ```
    /// use wfm_core::forecast::ForecastKind;
    /// use wfm_core::history::Granularity;
    /// assert_eq!(ForecastKind::of(Granularity::Daily), ForecastKind::Long);
    /// ```
    pub fn of(granularity: Granularity) -> Self {
        match granularity {
            Granularity::Interval(_) => Self::Short,
            Granularity::Daily => Self::Long,
        }
    }

    /// `short` or `long`.
    ///
    /// ```
    /// assert_eq!(wfm_core::forecast::ForecastKind::Short.as_str(), "short");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Short => "short",
            Self::Long => "long",
        }
    }
}

impl fmt::Display for ForecastKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ForecastKind {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        match s {
            "short" => Ok(Self::Short),
            "long" => Ok(Self::Long),
            other => Err(CoreError::UnknownForecastKind(other.to_owned())),
        }
    }
}

/// One queue × channel of a group forecast: the steps and the model that made them.
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::forecast::{ForecastPoint, GroupSeries};
/// let p = ForecastPoint { start: 0, volume: 2.0, p10: 1.0, p50: 2.0, p90: 3.0, aht_seconds: 60.0 };
/// let s = GroupSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
/// assert_eq!(s.total_volume(), 2.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSeries {
    /// The queue's id.
    pub queue_id: String,
    /// The queue's name.
    pub queue_name: String,
    /// The channel.
    pub channel: Channel,
    /// The model chosen for the series (empty for a forecast read from a file).
    pub model: String,
    /// The steps, in time order.
    pub points: Vec<ForecastPoint>,
}

impl GroupSeries {
    /// Sum of the expected volume.
    pub fn total_volume(&self) -> f64 {
        self.points.iter().map(|p| p.volume).sum()
    }
}

/// How a workspace forecast was computed, so a refresh can repeat it and knows when.
///
/// ```
/// let m = wfm_core::forecast::ForecastMeta::default();
/// assert_eq!((m.start, m.weeks), (None, 0));
/// ```
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

/// A group forecast: every queue × channel series on one grid (intervals or days), with
/// what the computation warned about and what it was computed from. The JSON of this
/// type is the workspace's forecast document (its field names are the stored ones).
///
/// ```
/// use wfm_core::Channel;
/// use wfm_core::forecast::{ForecastKind, ForecastPoint, GroupForecast, GroupSeries};
/// use wfm_core::history::Granularity;
/// let p = ForecastPoint { start: 86_400, volume: 10.0, p10: 7.0, p50: 10.0, p90: 13.0, aht_seconds: 300.0 };
/// let s = GroupSeries { queue_id: "q1".into(), queue_name: "Sales".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
/// let f = GroupForecast::new(Granularity::Daily, 86_400, 1, vec![s]);
/// assert_eq!((f.kind(), f.total_volume(), f.end()), (ForecastKind::Long, 10.0, 2 * 86_400));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupForecast {
    /// Intervals or days.
    pub granularity: Granularity,
    /// The first step, Unix seconds UTC.
    pub start: i64,
    /// Steps per series.
    pub steps: usize,
    /// One per queue × channel.
    pub series: Vec<GroupSeries>,
    /// What the computation warned about.
    pub warnings: Vec<String>,
    /// A fingerprint of what it was computed from (history sources, group queues,
    /// settings), so a refresh can tell when the inputs changed; empty when unknown.
    pub inputs: String,
    /// How and when it was computed; empty in documents stored before the lifecycle
    /// existed.
    #[serde(default)]
    pub meta: ForecastMeta,
}

impl GroupForecast {
    /// A forecast of `series` with no warnings, inputs or metadata.
    pub fn new(
        granularity: Granularity,
        start: i64,
        steps: usize,
        series: Vec<GroupSeries>,
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

    /// Short-term (intervals) or long-term (days).
    pub fn kind(&self) -> ForecastKind {
        ForecastKind::of(self.granularity)
    }

    /// The interval length of a short-term forecast (`None` for days).
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::forecast::GroupForecast;
    /// use wfm_core::history::Granularity;
    /// let f = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), 0, 0, vec![]);
    /// assert_eq!(f.interval(), Some(IntervalLength::Thirty));
    /// ```
    pub fn interval(&self) -> Option<IntervalLength> {
        match self.granularity {
            Granularity::Interval(i) => Some(i),
            Granularity::Daily => None,
        }
    }

    /// Rows of the forecast table (series × steps).
    pub fn rows(&self) -> usize {
        self.series.iter().map(|s| s.points.len()).sum()
    }

    /// Checks the values read back like input: every volume, quantile and handle time
    /// finite and not negative (a computation never stores another).
    ///
    /// ```
    /// use wfm_core::{Channel, forecast::{ForecastPoint, GroupForecast, GroupSeries}, history::Granularity};
    /// let p = ForecastPoint { start: 0, volume: -1.0, p10: 0.0, p50: 0.0, p90: 0.0, aht_seconds: 300.0 };
    /// let s = GroupSeries { queue_id: "q1".into(), queue_name: "S".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
    /// let f = GroupForecast::new(Granularity::Daily, 0, 1, vec![s]);
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
    /// use wfm_core::forecast::GroupForecast;
    /// use wfm_core::history::Granularity;
    /// assert_eq!(GroupForecast::new(Granularity::Daily, 0, 2, vec![]).end(), 2 * 86_400);
    /// assert_eq!(GroupForecast::new(Granularity::Daily, 0, usize::MAX, vec![]).end(), i64::MAX);
    /// ```
    pub fn end(&self) -> i64 {
        let steps = i64::try_from(self.steps).unwrap_or(i64::MAX);
        self.start
            .saturating_add(steps.saturating_mul(self.granularity.seconds()))
    }

    /// Total forecast volume over every series and step.
    pub fn total_volume(&self) -> f64 {
        self.series.iter().map(GroupSeries::total_volume).sum()
    }

    /// Every point of `channel`'s series (every queue), in series order.
    ///
    /// ```
    /// use wfm_core::Channel;
    /// use wfm_core::forecast::GroupForecast;
    /// use wfm_core::history::Granularity;
    /// let f = GroupForecast::new(Granularity::Daily, 0, 0, vec![]);
    /// assert_eq!(f.points_of(Channel::Voice).count(), 0);
    /// ```
    pub fn points_of(&self, channel: Channel) -> impl Iterator<Item = &ForecastPoint> + '_ {
        self.series
            .iter()
            .filter(move |s| s.channel == channel)
            .flat_map(|s| &s.points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A forecast document as the workspace stored it before the type moved to core
    /// (and before `meta` existed) still loads.
    #[test]
    fn an_old_stored_forecast_document_still_loads() {
        let old = r#"{"granularity":"daily","start":86400,"steps":1,
            "series":[{"queue_id":"q1","queue_name":"Sales","channel":"VOICE","model":"m",
              "points":[{"start":86400,"volume":10.0,"p10":7.0,"p50":10.0,"p90":13.0,"aht_seconds":300.0}]}],
            "warnings":["w"],"inputs":"x"}"#;
        let f: GroupForecast = serde_json::from_str(old).unwrap();
        assert_eq!(
            (f.kind(), f.rows(), f.total_volume()),
            (ForecastKind::Long, 1, 10.0)
        );
        assert_eq!(f.meta, ForecastMeta::default());
        let again: GroupForecast =
            serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(again, f);
    }
}
