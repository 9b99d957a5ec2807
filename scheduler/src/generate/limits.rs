//! The solver's limits as validated newtypes: a [`TimeLimit`] (finite seconds above 0) and
//! a relative [`Gap`] (finite, `0 ≤ gap < 1`), held together by [`Limits`].
//!
//! Every caller (the CLI's `--time-limit` / `--gap`, the workspace, Python) builds them
//! with [`TimeLimit::new`] and [`Gap::new`], so a `-1`, `NaN`, `inf` or `0` time limit,
//! and a gap of `1` (which lets HiGHS stop on its first solution and call it optimal),
//! a negative gap or `NaN`, are refused once, with the option and the value named
//! ([`SchedulerError::InvalidOption`]).

use serde::{Deserialize, Serialize};

use crate::error::{Result, SchedulerError};

/// A wall-clock time limit in seconds: finite and above 0.
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::TimeLimit;
/// assert_eq!(TimeLimit::new(30.0)?.seconds(), 30.0);
/// assert!(TimeLimit::new(0.0).is_err());
/// assert!(TimeLimit::new(-1.0).is_err());
/// assert!(TimeLimit::new(f64::NAN).is_err());
/// assert!(TimeLimit::new(f64::INFINITY).is_err());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct TimeLimit(f64);

impl TimeLimit {
    /// A time limit of `seconds`.
    ///
    /// # Errors
    /// [`SchedulerError::InvalidOption`] (option `time_limit`) unless `seconds` is finite
    /// and above 0.
    pub fn new(seconds: f64) -> Result<Self> {
        if seconds.is_finite() && seconds > 0.0 {
            Ok(Self(seconds))
        } else {
            Err(SchedulerError::InvalidOption {
                option: "time_limit",
                value: seconds,
                expected: "a finite number of seconds above 0",
            })
        }
    }

    /// One minute, the generator's default per run ([`super::GenerateOptions`]).
    pub const SIXTY_SECONDS: Self = Self(60.0);

    /// Ten minutes, the shift cover's default ([`crate::SolveOptions`]).
    pub const TEN_MINUTES: Self = Self(600.0);

    /// The limit in seconds.
    pub fn seconds(self) -> f64 {
        self.0
    }

    /// What is left of this limit after `elapsed` seconds, shared evenly by `parts`
    /// calls, and at least one second (so a late call still gets a chance to find a
    /// solution).
    ///
    /// ```
    /// use wfm_scheduler::generate::TimeLimit;
    /// let limit = TimeLimit::new(100.0)?;
    /// assert_eq!(limit.share(20.0, 4).seconds(), 20.0);
    /// assert_eq!(limit.share(200.0, 4).seconds(), 1.0);
    /// # Ok::<(), wfm_scheduler::SchedulerError>(())
    /// ```
    pub fn share(self, elapsed: f64, parts: usize) -> Self {
        let each = (self.0 - elapsed) / parts.max(1) as f64;
        // finite: both operands are; NaN only from a NaN `elapsed`, caught by `max`'s rule
        Self(if each.is_finite() { each.max(1.0) } else { 1.0 })
    }
}

impl TryFrom<f64> for TimeLimit {
    type Error = SchedulerError;
    fn try_from(seconds: f64) -> Result<Self> {
        Self::new(seconds)
    }
}

impl From<TimeLimit> for f64 {
    fn from(t: TimeLimit) -> Self {
        t.0
    }
}

/// The relative optimality gap `(objective − bound) / objective` at which the solver may
/// stop: finite, `0 ≤ gap < 1`.
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::Gap;
/// assert_eq!(Gap::new(0.01)?.value(), 0.01);
/// assert!(Gap::new(0.0).is_ok());
/// assert!(Gap::new(1.0).is_err());
/// assert!(Gap::new(-0.1).is_err());
/// assert!(Gap::new(f64::NAN).is_err());
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Gap(f64);

impl Gap {
    /// The gap the agents' assignment is solved to whatever the caller asks (their rules
    /// are hard).
    pub const TIGHT: Self = Self(1e-6);

    /// 1 %, the generator's default ([`super::GenerateOptions`]).
    pub const ONE_PERCENT: Self = Self(0.01);

    /// 0: solve to proven optimality.
    pub const ZERO: Self = Self(0.0);

    /// A relative gap.
    ///
    /// # Errors
    /// [`SchedulerError::InvalidOption`] (option `gap`) unless `gap` is finite and
    /// `0 ≤ gap < 1`.
    pub fn new(gap: f64) -> Result<Self> {
        if gap.is_finite() && (0.0..1.0).contains(&gap) {
            Ok(Self(gap))
        } else {
            Err(SchedulerError::InvalidOption {
                option: "gap",
                value: gap,
                expected: "a finite share with 0 ≤ gap < 1 (0.01 = 1 %)",
            })
        }
    }

    /// The gap as a share (0.01 = 1 %).
    pub fn value(self) -> f64 {
        self.0
    }

    /// The smaller of two gaps.
    pub fn min(self, other: Self) -> Self {
        if other.0 < self.0 { other } else { self }
    }
}

impl TryFrom<f64> for Gap {
    type Error = SchedulerError;
    fn try_from(gap: f64) -> Result<Self> {
        Self::new(gap)
    }
}

impl From<Gap> for f64 {
    fn from(g: Gap) -> Self {
        g.0
    }
}

/// The caller's limits for one solve.
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::{Gap, Limits, TimeLimit};
/// let limits = Limits { time_limit_seconds: TimeLimit::new(30.0)?, relative_gap: Gap::new(0.01)? };
/// assert_eq!(Limits::default().relative_gap.value(), 1e-4);
/// # let _ = limits;
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock limit in seconds for each solver call.
    pub time_limit_seconds: TimeLimit,
    /// Stop once `(objective − bound) / objective` is at most this (HiGHS `mip_rel_gap`).
    pub relative_gap: Gap,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            time_limit_seconds: TimeLimit::TEN_MINUTES,
            relative_gap: Gap(1e-4),
        }
    }
}

impl Limits {
    /// Limits of `seconds` and `gap`, each validated.
    ///
    /// # Errors
    /// As [`TimeLimit::new`] and [`Gap::new`].
    pub fn new(seconds: f64, gap: f64) -> Result<Self> {
        Ok(Self {
            time_limit_seconds: TimeLimit::new(seconds)?,
            relative_gap: Gap::new(gap)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limit_of_minus_one_nan_inf_or_zero_is_refused() {
        for bad in [-1.0, 0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(
                matches!(
                    TimeLimit::new(bad),
                    Err(SchedulerError::InvalidOption {
                        option: "time_limit",
                        ..
                    })
                ),
                "{bad}"
            );
        }
        assert!(TimeLimit::new(0.5).is_ok());
    }

    #[test]
    fn gap_of_one_minus_one_or_nan_is_refused() {
        for bad in [1.0, 1.5, -1.0, -0.0001, f64::NAN, f64::INFINITY] {
            assert!(
                matches!(
                    Gap::new(bad),
                    Err(SchedulerError::InvalidOption { option: "gap", .. })
                ),
                "{bad}"
            );
        }
        assert!(Gap::new(0.0).is_ok());
        assert!(Gap::new(0.999).is_ok());
    }

    #[test]
    fn limits_read_from_json_are_validated() {
        let bad = r#"{"time_limit_seconds": -1.0, "relative_gap": 0.01}"#;
        assert!(serde_json::from_str::<Limits>(bad).is_err());
        let good = r#"{"time_limit_seconds": 5.0, "relative_gap": 0.01}"#;
        let l: Limits = serde_json::from_str(good).unwrap();
        assert_eq!(l.time_limit_seconds.seconds(), 5.0);
    }
}
