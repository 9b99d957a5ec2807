//! Exact integer rounding of ratios of decimal inputs.
//!
//! `ceil(30 / (1 − 0.0))` must be 30 and `ceil(21 / (1 − 0.3))` must be 30, not the 31
//! that `21.0 / 0.7 = 30.000000000000004` gives in floating point. Inputs arrive as `f64`
//! but mean the decimal a person typed; every `f64` is read back as its shortest
//! round-trip decimal (`0.7` is `7/10`, not the binary fraction nearest it), and when the
//! floating-point quotient is within 1e-9 of a whole number the ceiling is taken on the
//! exact rational.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;

use crate::float;

/// The decimal a person meant by `x`: the shortest decimal that round-trips to `x`.
pub(crate) fn decimal(x: f64) -> BigRational {
    // `Display` for f64 prints that shortest decimal, never in exponent form.
    let text = format!("{x}");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut numer: BigInt = format!("{whole}{frac}").parse().unwrap_or_default();
    if negative {
        numer = -numer;
    }
    let denom = BigInt::from(10u32).pow(frac.len() as u32);
    BigRational::new(numer, denom)
}

fn ceil_rational(q: &BigRational) -> u64 {
    let (quot, rem) = q.numer().div_rem(q.denom());
    let quot = if rem > BigInt::from(0) {
        quot + 1
    } else {
        quot
    };
    u64::try_from(quot).unwrap_or(if q.numer() < &BigInt::from(0) {
        0
    } else {
        u64::MAX
    })
}

/// The shortest decimal `p / 10^d` (d ≤ 15) that rounds to the non-negative `x`, as
/// integers, found without formatting: the first `d` whose nearest `p` divides back to
/// `x` exactly. `None` for values that need more digits or are too large.
fn small_decimal(x: f64) -> Option<(u128, u128)> {
    if !(0.0..9.0e15).contains(&x) {
        return None;
    }
    let mut scale = 1.0f64;
    let mut denom = 1u128;
    for _ in 0..=15 {
        let p = (x * scale).round();
        if p >= 9.0e15 {
            return None;
        }
        if p / scale == x {
            return Some((p as u128, denom));
        }
        scale *= 10.0;
        denom *= 10;
    }
    None
}

/// `ceil(n / d)` for `d > 0`, saturating at `u64::MAX`.
fn ceil_div(n: u128, d: u128) -> u64 {
    // Both fit in 64 bits in every staffing case: one hardware division instead of the
    // 128-bit library routine.
    if let (Ok(n), Ok(d)) = (u64::try_from(n), u64::try_from(d)) {
        return n.div_ceil(d);
    }
    u64::try_from(n.div_ceil(d)).unwrap_or(u64::MAX)
}

/// `Π numer / Π denom` of the factors' exact decimals as a `u128` fraction, if no product
/// overflows.
fn small_ratio(numer: &[f64], denom: &[f64]) -> Option<(u128, u128)> {
    let (mut n, mut d) = (1u128, 1u128);
    for &x in numer {
        let (p, q) = small_decimal(x)?;
        n = n.checked_mul(p)?;
        d = d.checked_mul(q)?;
    }
    for &x in denom {
        let (p, q) = small_decimal(x)?;
        n = n.checked_mul(q)?;
        d = d.checked_mul(p)?;
    }
    (d > 0).then_some((n, d))
}

/// `ceil(Π numer / Π denom)` of decimal factors, exactly, for non-negative factors and
/// positive denominators.
pub(crate) fn ceil_ratio(numer: &[f64], denom: &[f64]) -> u64 {
    let approx = numer.iter().product::<f64>() / denom.iter().product::<f64>();
    let nearest = float::round(approx);
    if (approx - nearest).abs() > 1e-9 * nearest.abs().max(1.0) {
        return float::ceil_to_u64(approx.max(0.0));
    }
    if let Some((n, d)) = small_ratio(numer, denom) {
        return ceil_div(n, d);
    }
    let n = numer
        .iter()
        .fold(BigRational::from_integer(1.into()), |p, &x| p * decimal(x));
    let d = denom
        .iter()
        .fold(BigRational::from_integer(1.into()), |p, &x| p * decimal(x));
    ceil_rational(&(n / d))
}

/// `ceil(agents / (1 − shrinkage))`, exactly.
pub(crate) fn with_shrinkage(agents: u64, shrinkage: f64) -> u64 {
    if shrinkage == 0.0 {
        return agents;
    }
    let approx = float::to_f64(agents) / (1.0 - shrinkage);
    let nearest = float::round(approx);
    if (approx - nearest).abs() > 1e-9 * nearest.max(1.0) {
        return float::ceil_to_u64(approx);
    }
    if let Some((p, q)) = small_decimal(shrinkage)
        && let Some(n) = u128::from(agents).checked_mul(q)
    {
        return ceil_div(n, q - p);
    }
    let one = BigRational::from_integer(1.into());
    let q = BigRational::from_integer(agents.into()) / (one - decimal(shrinkage));
    ceil_rational(&q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinkage_is_exact_where_floats_are_not() {
        // The float artefact this module exists for (`black_box`: not a constant to clippy).
        assert!(std::hint::black_box(21.0) / (1.0 - 0.3) > 30.0);
        assert_eq!(with_shrinkage(21, 0.3), 30);
        assert_eq!(with_shrinkage(21, 0.0), 21);
        assert_eq!(with_shrinkage(20, 0.2), 25);
        assert_eq!(with_shrinkage(21, 0.2), 27); // 26.25
    }

    #[test]
    fn ratio_ceiling_on_exact_decimals() {
        // 0.85 × 20 = 17 exactly, in decimal.
        assert_eq!(ceil_ratio(&[17.0], &[0.85]), 20);
        assert_eq!(ceil_ratio(&[1.0, 3.0], &[0.1]), 30);
        assert_eq!(ceil_ratio(&[10.0, 0.3], &[1.0]), 3);
        assert_eq!(ceil_ratio(&[2.5], &[1.0]), 3);
    }

    #[test]
    fn small_decimals_agree_with_the_shortest_representation() {
        for x in [
            0.0, 0.7, 0.85, 0.3, 0.35, 1.0, 1800.0, 387.45, 1e-7, 12345.678,
        ] {
            let Some((p, q)) = small_decimal(x) else {
                panic!("{x} is small")
            };
            let d = decimal(x);
            assert_eq!(BigRational::new(BigInt::from(p), BigInt::from(q)), d, "{x}");
        }
        assert_eq!(small_decimal(1e300), None);
        assert_eq!(small_decimal(0.1 + 0.2), None); // 17 digits: the BigRational path
        assert_eq!(small_decimal(-1.0), None);
    }

    #[test]
    fn decimal_reads_the_typed_value() {
        assert_eq!(decimal(0.7), BigRational::new(7.into(), 10.into()));
        assert_eq!(decimal(1e-7), BigRational::new(1.into(), 10_000_000.into()));
        assert_eq!(decimal(-2.5), BigRational::new((-5).into(), 2.into()));
    }
}
