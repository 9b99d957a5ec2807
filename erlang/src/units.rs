//! Validated inputs: the offered workload and the bounded ratios of a staffing request.
//!
//! Each type checks its range once, in its constructor, so the math never sees a NaN, a
//! negative volume or an occupancy of 0.

use serde::{Deserialize, Serialize};

use crate::error::{ErlangError, Result, finite, non_negative, positive};

/// The work offered to a queue in one interval: contacts, their average handle time
/// and the interval length.
///
/// # Examples
/// ```
/// use wfm_erlang::Workload;
/// let w = Workload::new(100.0, 180.0, 1800.0)?;
/// assert_eq!(w.traffic(), 10.0); // 100 contacts × 180 s / 1,800 s = 10 Erlangs
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    volume: f64,
    aht_seconds: f64,
    interval_seconds: f64,
}

impl Workload {
    /// A workload of `volume` contacts (≥ 0, fractional volumes from a forecast are
    /// fine) with an average handle time of `aht_seconds` (> 0) arriving over
    /// `interval_seconds` (> 0).
    ///
    /// # Errors
    /// [`ErlangError::NotFinite`] or [`ErlangError::OutOfRange`] naming the parameter.
    #[inline]
    pub fn new(volume: f64, aht_seconds: f64, interval_seconds: f64) -> Result<Self> {
        Ok(Self {
            volume: non_negative("volume", volume)?,
            aht_seconds: positive("aht_seconds", aht_seconds)?,
            interval_seconds: positive("interval_seconds", interval_seconds)?,
        })
    }

    /// Contacts offered in the interval.
    #[inline]
    pub fn volume(&self) -> f64 {
        self.volume
    }

    /// Average handle time in seconds.
    #[inline]
    pub fn aht_seconds(&self) -> f64 {
        self.aht_seconds
    }

    /// Interval length in seconds.
    #[inline]
    pub fn interval_seconds(&self) -> f64 {
        self.interval_seconds
    }

    /// Offered traffic in Erlangs: `volume × aht / interval`.
    #[inline]
    pub fn traffic(&self) -> f64 {
        self.volume * self.aht_seconds / self.interval_seconds
    }

    /// Arrival rate in contacts per second.
    #[inline]
    pub fn arrival_rate(&self) -> f64 {
        self.volume / self.interval_seconds
    }
}

/// The service goal an interval is staffed to.
///
/// # Examples
/// ```
/// use wfm_erlang::Goal;
/// let sl = Goal::service_level(0.8, 20.0)?; // 80 % answered within 20 s
/// let asa = Goal::asa(15.0)?;               // average speed of answer ≤ 15 s
/// assert!(Goal::service_level(1.0, 20.0).is_err()); // no finite staffing reaches 100 %
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Goal {
    /// At least `target` (a share in (0, 1)) of contacts answered within `seconds`.
    ServiceLevel {
        /// Share of contacts, strictly between 0 and 1.
        target: f64,
        /// Answer-time threshold in seconds (≥ 0).
        seconds: f64,
    },
    /// Average speed of answer at most `seconds` (> 0).
    Asa {
        /// Target average speed of answer in seconds.
        seconds: f64,
    },
}

impl Goal {
    /// A service-level goal: `target` answered within `seconds`.
    ///
    /// # Errors
    /// [`ErlangError::UnreachableGoal`] for a target of exactly 1 (no finite number of
    /// agents answers every contact in time); [`ErlangError::OutOfRange`] for a target of
    /// 0 or less or above 1, or a negative time.
    #[inline]
    pub fn service_level(target: f64, seconds: f64) -> Result<Self> {
        finite("service_level_target", target)?;
        non_negative("service_level_seconds", seconds)?;
        if target == 1.0 {
            return Err(ErlangError::UnreachableGoal {
                reason: format!(
                    "a service level target of {target} means every contact answered in time, \
                     which no finite number of agents guarantees; use a target below 1"
                ),
            });
        }
        if target <= 0.0 || target > 1.0 {
            return Err(ErlangError::OutOfRange {
                parameter: "service_level_target",
                value: target,
                expected: "between 0 and 1, exclusive",
            });
        }
        Ok(Self::ServiceLevel { target, seconds })
    }

    /// An average-speed-of-answer goal of at most `seconds`.
    ///
    /// # Errors
    /// [`ErlangError::UnreachableGoal`] for 0 (some contacts always wait);
    /// [`ErlangError::OutOfRange`] for a negative value.
    #[inline]
    pub fn asa(seconds: f64) -> Result<Self> {
        non_negative("asa_target_seconds", seconds)?;
        if seconds == 0.0 {
            return Err(ErlangError::UnreachableGoal {
                reason: "an average speed of answer of 0 seconds needs infinitely many agents; \
                         use a target above 0"
                    .into(),
            });
        }
        Ok(Self::Asa { seconds })
    }
}

macro_rules! ratio {
    ($(#[$doc:meta])* $name:ident, $param:literal, $expected:literal, $ok:expr, $default:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
        #[serde(try_from = "f64", into = "f64")]
        pub struct $name(f64);

        impl $name {
            /// Validates the ratio.
            ///
            /// # Errors
            #[doc = concat!("[`ErlangError::OutOfRange`] unless the value is ", $expected, ".")]
            #[inline]
            pub fn new(value: f64) -> Result<Self> {
                let v = finite($param, value)?;
                let ok: fn(f64) -> bool = $ok;
                if ok(v) {
                    Ok(Self(v))
                } else {
                    Err(ErlangError::OutOfRange { parameter: $param, value, expected: $expected })
                }
            }

            /// The ratio as a plain number.
            #[inline]
            pub fn get(self) -> f64 {
                self.0
            }
        }

        impl Default for $name {
            #[inline]
            fn default() -> Self {
                Self($default)
            }
        }

        impl TryFrom<f64> for $name {
            type Error = ErlangError;
            fn try_from(value: f64) -> Result<Self> {
                Self::new(value)
            }
        }

        impl From<$name> for f64 {
            fn from(value: $name) -> f64 {
                value.0
            }
        }
    };
}

ratio!(
    /// The highest share of logged-in time agents may spend handling contacts, in (0, 1];
    /// 1 (no cap) by default.
    ///
    /// ```
    /// use wfm_erlang::MaxOccupancy;
    /// assert!(MaxOccupancy::new(0.85).is_ok());
    /// assert!(MaxOccupancy::new(0.0).is_err());
    /// assert!(MaxOccupancy::new(1.2).is_err());
    /// ```
    MaxOccupancy,
    "max_occupancy",
    "greater than 0 and at most 1",
    |v| v > 0.0 && v <= 1.0,
    1.0
);

ratio!(
    /// The share of paid time not available for contacts, in [0, 1); 0 by default.
    ///
    /// ```
    /// use wfm_erlang::Shrinkage;
    /// assert!(Shrinkage::new(0.3).is_ok());
    /// assert!(Shrinkage::new(1.0).is_err());
    /// ```
    Shrinkage,
    "shrinkage",
    "at least 0 and below 1",
    |v| (0.0..1.0).contains(&v),
    0.0
);

/// How many contacts one agent works at once (chat), 1 or more; 1 by default.
///
/// ```
/// use wfm_erlang::Concurrency;
/// assert_eq!(Concurrency::new(3)?.get(), 3);
/// assert!(Concurrency::new(0).is_err());
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Concurrency(u32);

impl Concurrency {
    /// Validates the concurrency.
    ///
    /// # Errors
    /// [`ErlangError::OutOfRange`] for 0.
    #[inline]
    pub fn new(value: u32) -> Result<Self> {
        if value >= 1 {
            Ok(Self(value))
        } else {
            Err(ErlangError::OutOfRange {
                parameter: "concurrency",
                value: f64::from(value),
                expected: "a whole number of at least 1",
            })
        }
    }

    /// The concurrency as a plain number.
    #[inline]
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for Concurrency {
    #[inline]
    fn default() -> Self {
        Self(1)
    }
}

impl TryFrom<u32> for Concurrency {
    type Error = ErlangError;
    fn try_from(value: u32) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Concurrency> for u32 {
    fn from(value: Concurrency) -> u32 {
        value.0
    }
}

/// Mean patience in seconds before a waiting contact abandons (Erlang A), > 0.
///
/// ```
/// use wfm_erlang::Patience;
/// assert!(Patience::new(120.0).is_ok());
/// assert!(Patience::new(0.0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Patience(f64);

impl Patience {
    /// Validates the patience.
    ///
    /// # Errors
    /// [`ErlangError::OutOfRange`] unless positive and finite.
    #[inline]
    pub fn new(seconds: f64) -> Result<Self> {
        Ok(Self(positive("patience_seconds", seconds)?))
    }

    /// Mean patience in seconds.
    #[inline]
    pub fn seconds(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Patience {
    type Error = ErlangError;
    fn try_from(value: f64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Patience> for f64 {
    fn from(value: Patience) -> f64 {
        value.0
    }
}
