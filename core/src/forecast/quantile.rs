//! Prediction intervals: a negative-binomial predictive distribution around the point
//! forecast (variance `μ + φμ²`), with the dispersion `φ` calibrated on backtest
//! residuals so the wanted share of actuals falls between P10 and P90.

/// Standard normal quantile at 0.9.
const Z90: f64 = 1.281_551_565_545;

/// P10, P50 and P90 of a negative binomial with mean `mu` and dispersion `phi`.
pub(crate) fn nb_quantiles(mu: f64, phi: f64) -> (f64, f64, f64) {
    if mu.is_nan() || mu <= 0.0 || !mu.is_finite() {
        return (0.0, 0.0, 0.0);
    }
    let phi = phi.max(0.0);
    if mu < 30.0 {
        return exact(mu, phi);
    }
    let var = mu + phi * mu * mu;
    let sd = var.sqrt();
    let k3 = mu + 3.0 * phi * mu * mu + 2.0 * phi * phi * mu * mu * mu;
    let g = k3 / (var * sd);
    let q = |z: f64| (mu + sd * (z + (z * z - 1.0) * g / 6.0)).max(0.0).round();
    let (lo, med, hi) = (q(-Z90), q(0.0), q(Z90));
    (lo.min(med), med, hi.max(med))
}

/// Quantiles by walking the probability mass function (small means).
fn exact(mu: f64, phi: f64) -> (f64, f64, f64) {
    let mut p = if phi < 1e-9 {
        (-mu).exp()
    } else {
        let r = 1.0 / phi;
        (r / (r + mu)).powf(r)
    };
    let mut cdf = p;
    let mut out = [f64::NAN; 3];
    let targets = [0.1, 0.5, 0.9];
    let mut x = 0.0f64;
    let mut ti = 0;
    while ti < 3 {
        while ti < 3 && cdf >= targets[ti] - 1e-12 {
            out[ti] = x;
            ti += 1;
        }
        if ti == 3 || x > 10_000.0 {
            break;
        }
        let ratio = if phi < 1e-9 {
            mu / (x + 1.0)
        } else {
            let r = 1.0 / phi;
            (x + r) / (x + 1.0) * mu / (r + mu)
        };
        p *= ratio;
        x += 1.0;
        cdf += p;
    }
    for v in &mut out {
        if v.is_nan() {
            *v = x;
        }
    }
    (out[0], out[1], out[2])
}

/// Share of `(forecast, actual)` pairs with the actual inside `[P10, P90]`.
pub(crate) fn coverage(pairs: &[(f64, f64)], phi: f64) -> f64 {
    if pairs.is_empty() {
        return 1.0;
    }
    let inside = pairs
        .iter()
        .filter(|&&(f, a)| {
            let (lo, _, hi) = nb_quantiles(f, phi);
            a >= lo && a <= hi
        })
        .count();
    inside as f64 / pairs.len() as f64
}

/// The smallest dispersion whose P10–P90 band covers `target` of the pairs (pairs with a
/// forecast of 0 are left out; at most 2,000 pairs are used, evenly spread).
pub(crate) fn calibrate(pairs: &[(f64, f64)], target: f64) -> f64 {
    let open: Vec<(f64, f64)> = pairs.iter().copied().filter(|p| p.0 > 0.0).collect();
    let stride = open.len().div_ceil(2000).max(1);
    let sample: Vec<(f64, f64)> = open.into_iter().step_by(stride).collect();
    if sample.is_empty() || coverage(&sample, 0.0) >= target {
        return 0.0;
    }
    let (mut lo, mut hi) = (-9.0f64, 2.0f64); // ln φ
    if coverage(&sample, hi.exp()) < target {
        return hi.exp();
    }
    for _ in 0..14 {
        let mid = 0.5 * (lo + hi);
        if coverage(&sample, mid.exp()) >= target {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_and_sane() {
        for mu in [0.0, 0.3, 2.0, 10.0, 29.9, 30.0, 200.0, 5000.0] {
            for phi in [0.0, 0.01, 0.1, 1.0] {
                let (a, b, c) = nb_quantiles(mu, phi);
                assert!(a <= b && b <= c, "{mu} {phi}: {a} {b} {c}");
            }
        }
        // Poisson(10): P10 = 6, median 10, P90 = 14.
        assert_eq!(nb_quantiles(10.0, 0.0), (6.0, 10.0, 14.0));
        let pairs: Vec<(f64, f64)> = (0..200)
            .map(|i| (100.0, 60.0 + f64::from(i % 80)))
            .collect();
        let phi = calibrate(&pairs, 0.8);
        assert!(coverage(&pairs, phi) >= 0.8);
    }
}
