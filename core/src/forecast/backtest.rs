//! Rolling-origin backtests of any [`Forecaster`]: fit on the history before each origin,
//! forecast what followed, and report WAPE, MASE, bias, handled-weighted AHT WAPE and
//! P10–P90 coverage per origin and pooled.

use serde::{Deserialize, Serialize};

use super::metrics::{bias, coverage, mase, wape, weighted_wape};
use super::series::ContactSeries;
use super::{Forecaster, Predict};
use crate::CoreError;

/// Where and how far to backtest.
///
/// ```
/// use wfm_core::forecast::BacktestOptions;
/// let o = BacktestOptions { origins: 1, horizon: 28 * 96 };
/// assert_eq!(o.origins, 1); // single origin: the last 28 days
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BacktestOptions {
    /// Number of origins, spaced `horizon` apart and ending at the series end (1 = single
    /// origin).
    pub origins: usize,
    /// Steps forecast from each origin.
    pub horizon: usize,
}

/// Accuracy of one stretch of forecast (`None` where a measure is undefined).
///
/// ```
/// use wfm_core::forecast::Accuracy;
/// let a = Accuracy { wape: Some(0.2), mase: None, bias: Some(0.0), aht_wape: None, coverage: Some(0.8) };
/// assert_eq!(a.wape, Some(0.2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Volume WAPE.
    pub wape: Option<f64>,
    /// Volume MASE against the weekly seasonal naive forecast of the training data.
    pub mase: Option<f64>,
    /// Volume bias, `Σ(f − a) / Σa`.
    pub bias: Option<f64>,
    /// AHT WAPE weighted by handled contacts.
    pub aht_wape: Option<f64>,
    /// Share of steps with the actual volume in `[P10, P90]`, over steps with a forecast
    /// or an actual above 0.
    pub coverage: Option<f64>,
}

/// One origin's result.
///
/// ```
/// use wfm_core::forecast::{Accuracy, BacktestOrigin};
/// let a = Accuracy { wape: None, mase: None, bias: None, aht_wape: None, coverage: None };
/// let o = BacktestOrigin { origin: 0, steps: 0, model: String::new(), accuracy: a };
/// assert_eq!(o.steps, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestOrigin {
    /// Start of the first forecast step, Unix seconds.
    pub origin: i64,
    /// Steps forecast.
    pub steps: usize,
    /// The model chosen at this origin.
    pub model: String,
    /// Its accuracy.
    pub accuracy: Accuracy,
}

/// Every origin, and the pooled accuracy of all of them.
///
/// ```
/// use wfm_core::forecast::{Accuracy, BacktestReport};
/// let a = Accuracy { wape: None, mase: None, bias: None, aht_wape: None, coverage: None };
/// let r = BacktestReport { origins: vec![], pooled: a };
/// assert!(r.origins.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestReport {
    /// Per origin, latest first.
    pub origins: Vec<BacktestOrigin>,
    /// Pooled over all origins (MASE: mean of the origins').
    pub pooled: Accuracy,
}

/// Steps per week of a series (the MASE season).
fn season(series: &ContactSeries) -> usize {
    (7 * 86_400 / series.step_seconds()).max(1) as usize
}

#[derive(Default)]
struct Acc {
    f: Vec<f64>,
    a: Vec<f64>,
    fa: Vec<f64>,
    aa: Vec<f64>,
    h: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    ca: Vec<f64>,
}

impl Acc {
    fn accuracy(&self, mase: Option<f64>) -> Accuracy {
        Accuracy {
            wape: wape(&self.f, &self.a),
            mase,
            bias: bias(&self.f, &self.a),
            aht_wape: weighted_wape(&self.fa, &self.aa, &self.h),
            coverage: coverage(&self.lo, &self.hi, &self.ca),
        }
    }
}

/// Backtests `model` on `series`.
///
/// # Errors
/// [`CoreError::InvalidHorizon`] for a zero horizon or no origin that leaves history
/// before it; any error of the model's fit or predict.
///
/// ```
/// use wfm_core::forecast::{backtest, BacktestOptions, ContactSeries, LongTermModel};
/// use wfm_core::history::Granularity;
/// let v: Vec<f64> = (0..200).map(|d| if d % 7 < 5 { 100.0 } else { 20.0 }).collect();
/// let s = ContactSeries::volume_only(Granularity::Daily, 4 * 86_400, chrono_tz::UTC, v)?;
/// let r = backtest(&LongTermModel::default(), &s, &BacktestOptions { origins: 2, horizon: 28 })?;
/// assert_eq!(r.origins.len(), 2);
/// assert!(r.pooled.wape.unwrap() < 1e-6);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub fn backtest<M: Forecaster>(
    model: &M,
    series: &ContactSeries,
    options: &BacktestOptions,
) -> Result<BacktestReport, CoreError> {
    let n = series.len();
    let h = options.horizon;
    let starts: Vec<usize> = (1..=options.origins)
        .filter_map(|j| n.checked_sub(j * h))
        .filter(|&o| o > 0)
        .collect();
    if h == 0 || starts.is_empty() {
        return Err(CoreError::InvalidHorizon {
            requested: h as u64,
            max: n.saturating_sub(1) as u64,
        });
    }
    let mut pooled = Acc::default();
    let mut out = Vec::new();
    let mut mases = Vec::new();
    for o in starts {
        let train = series.head(o);
        let fitted = model.fit(&train)?;
        let f = fitted.predict(h)?;
        let mut acc = Acc::default();
        for (i, p) in f.points.iter().enumerate() {
            let (a, hd, aht) = (
                series.volume()[o + i],
                series.handled()[o + i],
                series.aht()[o + i],
            );
            for x in [&mut acc, &mut pooled] {
                x.f.push(p.volume);
                x.a.push(a);
                if hd > 0.0 {
                    x.fa.push(p.aht_seconds);
                    x.aa.push(aht);
                    x.h.push(hd);
                }
                if p.volume > 0.0 || a > 0.0 {
                    x.lo.push(p.p10);
                    x.hi.push(p.p90);
                    x.ca.push(a);
                }
            }
        }
        let m = mase(&acc.f, &acc.a, train.volume(), season(series));
        mases.extend(m);
        out.push(BacktestOrigin {
            origin: series.time_of(o),
            steps: h,
            model: f.model,
            accuracy: acc.accuracy(m),
        });
    }
    let mean_mase = (!mases.is_empty()).then(|| mases.iter().sum::<f64>() / mases.len() as f64);
    Ok(BacktestReport {
        origins: out,
        pooled: pooled.accuracy(mean_mase),
    })
}
