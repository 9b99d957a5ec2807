//! The time "now", injectable: operations that depend on today (time-off windows "up to
//! 13 months ahead", adherence recalculated over the last 30 days, a waitlist's order)
//! read it from a [`Clock`], so tests fix it and production reads the system's.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use wfm_core::clock::{Clock, FixedClock};
//! let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap());
//! assert_eq!(clock.now(), Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap());
//! clock.advance(chrono::Duration::minutes(90));
//! assert_eq!(clock.now(), Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap());
//! ```

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until it is set or advanced: for tests and replays.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Mutex::new(at))
    }

    /// Shows `at` from now on.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
