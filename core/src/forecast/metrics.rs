//! Accuracy measures: WAPE, handled-weighted WAPE, MASE, bias and interval coverage.
//! Each returns `None` when its denominator is zero.

/// Weighted absolute percentage error, `Σ|f − a| / Σa`.
///
/// ```
/// use wfm_core::forecast::wape;
/// assert_eq!(wape(&[10.0, 0.0], &[8.0, 2.0]), Some(0.4));
/// assert_eq!(wape(&[1.0], &[0.0]), None);
/// ```
pub fn wape(forecast: &[f64], actual: &[f64]) -> Option<f64> {
    let (e, s) = forecast
        .iter()
        .zip(actual)
        .fold((0.0, 0.0), |(e, s), (f, a)| (e + (f - a).abs(), s + a));
    (s > 0.0).then(|| e / s)
}

/// WAPE weighted per step, `Σw|f − a| / Σw·a` (AHT weighted by handled contacts).
///
/// ```
/// use wfm_core::forecast::weighted_wape;
/// assert_eq!(weighted_wape(&[300.0, 100.0], &[200.0, 100.0], &[1.0, 0.0]), Some(0.5));
/// ```
pub fn weighted_wape(forecast: &[f64], actual: &[f64], weights: &[f64]) -> Option<f64> {
    let (mut e, mut s) = (0.0, 0.0);
    for ((f, a), w) in forecast.iter().zip(actual).zip(weights) {
        e += w * (f - a).abs();
        s += w * a;
    }
    (s > 0.0).then(|| e / s)
}

/// Bias, `Σ(f − a) / Σa` (positive = over-forecast).
///
/// ```
/// use wfm_core::forecast::bias;
/// assert_eq!(bias(&[11.0, 11.0], &[10.0, 10.0]), Some(0.1));
/// ```
pub fn bias(forecast: &[f64], actual: &[f64]) -> Option<f64> {
    let (e, s) = forecast
        .iter()
        .zip(actual)
        .fold((0.0, 0.0), |(e, s), (f, a)| (e + f - a, s + a));
    (s > 0.0).then(|| e / s)
}

/// Mean absolute scaled error: the forecast's mean absolute error over the in-sample mean
/// absolute error of the seasonal naive forecast with period `season` on `training`.
///
/// ```
/// use wfm_core::forecast::mase;
/// let training = [1.0, 3.0, 1.0, 3.0, 2.0, 2.0]; // naive errors with season 2: 0, 0, 1, 1
/// assert_eq!(mase(&[2.0, 2.0], &[1.0, 3.0], &training, 2), Some(2.0));
/// assert_eq!(mase(&[2.0], &[1.0], &[1.0], 7), None);
/// ```
pub fn mase(forecast: &[f64], actual: &[f64], training: &[f64], season: usize) -> Option<f64> {
    if season == 0 || training.len() <= season || forecast.is_empty() {
        return None;
    }
    let scale = training
        .windows(season + 1)
        .map(|w| (w[season] - w[0]).abs())
        .sum::<f64>()
        / (training.len() - season) as f64;
    let n = forecast.len().min(actual.len());
    if scale <= 0.0 || n == 0 {
        return None;
    }
    let mae = forecast
        .iter()
        .zip(actual)
        .map(|(f, a)| (f - a).abs())
        .sum::<f64>()
        / n as f64;
    Some(mae / scale)
}

/// Share of actuals inside `[low, high]`.
///
/// ```
/// use wfm_core::forecast::coverage;
/// assert_eq!(coverage(&[0.0, 0.0], &[2.0, 2.0], &[1.0, 3.0]), Some(0.5));
/// ```
pub fn coverage(low: &[f64], high: &[f64], actual: &[f64]) -> Option<f64> {
    let n = actual.len().min(low.len()).min(high.len());
    let inside = (0..n)
        .filter(|&i| actual[i] >= low[i] && actual[i] <= high[i])
        .count();
    (n > 0).then(|| inside as f64 / n as f64)
}
