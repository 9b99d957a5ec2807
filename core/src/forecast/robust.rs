//! Small robust statistics on `Vec<f64>`: weighted medians, Huber weights and a weighted
//! least-squares solve, so outages and incident spikes cannot poison a fit.

/// Weighted median of `(value, weight)` pairs (weights ≤ 0 ignored); `None` when empty.
pub(crate) fn weighted_median(pairs: &mut [(f64, f64)]) -> Option<f64> {
    let total: f64 = pairs.iter().filter(|p| p.1 > 0.0).map(|p| p.1).sum();
    if total <= 0.0 {
        return None;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    for &(v, w) in pairs.iter() {
        if w <= 0.0 {
            continue;
        }
        acc += w;
        if acc >= total / 2.0 {
            return Some(v);
        }
    }
    pairs.last().map(|p| p.0)
}

/// Median of values (unweighted); `None` when empty.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    let mut pairs: Vec<(f64, f64)> = values.iter().map(|&v| (v, 1.0)).collect();
    weighted_median(&mut pairs)
}

/// Huber weight of a standardised residual `z` with threshold `k`.
pub(crate) fn huber(z: f64, k: f64) -> f64 {
    let a = z.abs();
    if a <= k { 1.0 } else { k / a }
}

/// Redescending weight: 1 up to `2k`, linearly to 0 at `4k`.
pub(crate) fn taper(z: f64, k: f64) -> f64 {
    let a = z.abs();
    if a <= 2.0 * k {
        1.0
    } else {
        ((4.0 * k - a) / (2.0 * k)).max(0.0)
    }
}

/// Solves the weighted least-squares problem `min Σ w (y − x·β)²` for rows `x` of length
/// `p` by normal equations with a small ridge; `None` when singular.
// Dense matrix algebra reads best with explicit indexes.
#[allow(clippy::needless_range_loop)]
pub(crate) fn weighted_lstsq(rows: &[Vec<f64>], y: &[f64], w: &[f64]) -> Option<Vec<f64>> {
    let p = rows.first()?.len();
    let mut a = vec![vec![0.0; p + 1]; p];
    for ((x, &yi), &wi) in rows.iter().zip(y).zip(w) {
        if wi <= 0.0 {
            continue;
        }
        for i in 0..p {
            let wx = wi * x[i];
            for j in i..p {
                a[i][j] += wx * x[j];
            }
            a[i][p] += wx * yi;
        }
    }
    for i in 0..p {
        for j in 0..i {
            a[i][j] = a[j][i];
        }
        a[i][i] += 1e-9 * (1.0 + a[i][i]);
    }
    // Gaussian elimination with partial pivoting.
    for c in 0..p {
        let piv = (c..p).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[piv][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, piv);
        for r in 0..p {
            if r != c {
                let f = a[r][c] / a[c][c];
                if f != 0.0 {
                    for k in c..=p {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
    }
    Some((0..p).map(|i| a[i][p] / a[i][i]).collect())
}

/// Iteratively reweighted (Huber) least squares: `base` weights times robust weights,
/// residual scale from the weighted MAD. Returns coefficients and final total weights.
pub(crate) fn robust_lstsq(
    rows: &[Vec<f64>],
    y: &[f64],
    base: &[f64],
    k: f64,
    iterations: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut w = base.to_vec();
    let mut beta = weighted_lstsq(rows, y, &w)?;
    for it in 0..iterations {
        // Huber first (convex, converges from least squares), then a redescending taper
        // so gross outliers (outage days) get no weight at all.
        let redescend = it >= iterations / 2;
        let res: Vec<f64> = rows
            .iter()
            .zip(y)
            .map(|(x, &yi)| yi - dot(x, &beta))
            .collect();
        // Centre and scale around the residuals' median (the MAD): a least-squares start
        // pulled by outliers is offset for all good points, and must not hide them.
        let mut pairs: Vec<(f64, f64)> = res.iter().zip(base).map(|(&r, &b)| (r, b)).collect();
        let centre = weighted_median(&mut pairs)?;
        let mut pairs: Vec<(f64, f64)> = res
            .iter()
            .zip(base)
            .map(|(r, &b)| ((r - centre).abs(), b))
            .collect();
        let scale = (weighted_median(&mut pairs)? * 1.4826).max(1e-6);
        w = res
            .iter()
            .zip(base)
            .map(|(r, &b)| {
                let z = (r - centre) / scale;
                if redescend {
                    b * taper(z, k)
                } else {
                    b * huber(z, k)
                }
            })
            .collect();
        beta = weighted_lstsq(rows, y, &w)?;
    }
    Some((beta, w))
}

/// Dot product.
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_regression() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
        let rows: Vec<Vec<f64>> = (0..20).map(|i| vec![1.0, f64::from(i)]).collect();
        let mut y: Vec<f64> = (0..20).map(|i| 2.0 + 0.5 * f64::from(i)).collect();
        y[7] = 100.0; // an outlier
        let (b, w) = robust_lstsq(&rows, &y, &[1.0; 20], 1.5, 8).unwrap();
        assert!(
            (b[0] - 2.0).abs() < 0.05 && (b[1] - 0.5).abs() < 0.01,
            "{b:?}"
        );
        assert!(w[7] < 0.01);
        assert_eq!(huber(0.5, 1.0), 1.0);
    }
}
