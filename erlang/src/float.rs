//! Conversions between `u64` counts and `f64` that the baseline x86-64 target would
//! otherwise turn into library calls or long instruction sequences on the hot paths.
//!
//! Each returns exactly what the plain Rust expression it names returns, for every input
//! it is used with: they are faster spellings, not approximations.

/// `k as f64`: through `i64` (one `cvtsi2sd`, rounding to nearest like the unsigned
/// conversion) for every `k` up to `i64::MAX`, the unsigned conversion above.
#[inline(always)]
pub(crate) fn to_f64(k: u64) -> f64 {
    if k <= i64::MAX as u64 {
        k as i64 as f64
    } else {
        k as f64
    }
}

/// `x.floor() as u64` for `x ≥ 0` below 2⁶³: truncation is the floor of a non-negative
/// number. Other inputs take the plain expression.
#[inline(always)]
pub(crate) fn floor_to_u64(x: f64) -> u64 {
    if (0.0..9.2e18).contains(&x) {
        x as i64 as u64
    } else {
        x.floor() as u64
    }
}

/// `x.ceil() as u64` for `x ≥ 0` below 2⁶³: the truncation, plus one when it lies below
/// `x` (the comparison is exact: the truncation is an integer below 2⁶³ and converts
/// back to the float it was cut from, or to a float below `x`). Other inputs take the
/// plain expression.
#[inline(always)]
pub(crate) fn ceil_to_u64(x: f64) -> u64 {
    if (0.0..9.2e18).contains(&x) {
        let t = x as i64;
        // Branch-free: whether the fraction is 0 is no better predicted than a coin.
        t as u64 + u64::from((t as f64) < x)
    } else {
        x.ceil() as u64
    }
}

/// `x.round()` (half away from zero) for `0 < x < 2⁵²`, where `x − trunc(x)` is exact;
/// the plain expression elsewhere.
#[inline(always)]
pub(crate) fn round(x: f64) -> f64 {
    if x > 0.0 && x < 4.5e15 {
        let t = x as i64 as f64;
        t + f64::from(u8::from(x - t >= 0.5))
    } else {
        x.round()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [f64; 16] = [
        0.0,
        0.3,
        0.5,
        0.49999999999999994,
        1.0,
        1.5,
        2.5,
        2.9999999999999996,
        163.00000000000003,
        4503599627370495.5,
        4503599627370497.0,
        9.0e15,
        1e18,
        9.3e18,
        1e300,
        -0.0,
    ];

    #[test]
    fn each_agrees_with_the_plain_expression() {
        for x in SAMPLES {
            assert_eq!(floor_to_u64(x), x.floor() as u64, "floor {x}");
            assert_eq!(ceil_to_u64(x), x.ceil() as u64, "ceil {x}");
            assert_eq!(round(x).to_bits(), x.round().to_bits(), "round {x}");
            assert_eq!(floor_to_u64(-x), (-x).floor() as u64, "floor {}", -x);
            assert_eq!(ceil_to_u64(-x), (-x).ceil() as u64, "ceil {}", -x);
            assert_eq!(round(-x).to_bits(), (-x).round().to_bits(), "round {}", -x);
        }
        for k in [0, 1, 1 << 53, (1 << 53) + 1, i64::MAX as u64, u64::MAX] {
            assert_eq!(to_f64(k).to_bits(), (k as f64).to_bits(), "{k}");
        }
        assert!(round(f64::NAN).is_nan());
        assert_eq!(ceil_to_u64(f64::NAN), 0);
    }
}
