//! The one bounded retry of a whole PostgreSQL transaction, and the one count of the
//! retries: a transaction refused with a serialization failure (40001) or a deadlock
//! (40P01), that is with [`WfmError::Contention`], is run again, whole, after a jittered
//! backoff, at most [`MAX_ATTEMPTS`] times in all; then the contention is returned with
//! the number of attempts.
//!
//! Every retried transaction of the process is counted in one place ([`retries`]): the
//! store's SERIALIZABLE writes (`PostgresStore::write`) and the advisory-locked
//! transactions of time off, the outbox and adherence (`txlock.rs`), which run with no
//! store at hand (`SplitStore`, `TimeOffTx`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use postgres::error::SqlState;

use crate::error::{Result, WfmError};

/// How many times a transaction is tried before [`WfmError::Contention`] is returned.
pub const MAX_ATTEMPTS: u32 = 8;

static RETRIES: AtomicU64 = AtomicU64::new(0);

/// How many transactions this process has run again after a serialization failure or a
/// deadlock, on every PostgreSQL store and connection of the process (reported by the
/// concurrency tests and the benchmark).
///
/// ```
/// // a process that has run no PostgreSQL transaction has retried none
/// assert_eq!(wfm::store::postgres::split::retries(), 0);
/// ```
pub fn retries() -> u64 {
    RETRIES.load(Ordering::Relaxed)
}

/// The [`WfmError::Contention`] (one attempt) that a serialization failure (40001) or a
/// deadlock (40P01) is; `None` for any other error.
pub(super) fn contention(e: &postgres::Error) -> Option<WfmError> {
    e.code()
        .filter(|c| {
            **c == SqlState::T_R_SERIALIZATION_FAILURE || **c == SqlState::T_R_DEADLOCK_DETECTED
        })
        .map(|c| WfmError::Contention {
            attempts: 1,
            sqlstate: c.code().to_owned(),
        })
}

/// A pause before attempt `attempt + 1`: 8 ms doubling up to 256 ms, times a jitter in
/// [0.5, 1.5), so racing processes do not meet again.
fn backoff(attempt: u32) -> Duration {
    let base = 4u64 << attempt.min(6);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()))
        ^ (u64::from(std::process::id()) << 20);
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    x ^= x >> 29;
    let jitter = 500 + x % 1000; // per mille
    Duration::from_micros(base * jitter)
}

/// Runs `attempt` (a whole transaction: it begins, works and commits) until it does not
/// fail with [`WfmError::Contention`], at most [`MAX_ATTEMPTS`] times; counts every
/// rerun in [`retries`].
///
/// # Errors
/// `attempt`'s error; [`WfmError::Contention`] with the number of attempts when every
/// one conflicted.
pub(super) fn with_retries<T>(mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
    let mut tries = 1;
    loop {
        match attempt() {
            Err(WfmError::Contention { sqlstate, .. }) => {
                if tries >= MAX_ATTEMPTS {
                    return Err(WfmError::Contention {
                        attempts: tries,
                        sqlstate,
                    });
                }
                RETRIES.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(backoff(tries));
                tries += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contention(sqlstate: &str) -> WfmError {
        WfmError::Contention {
            attempts: 1,
            sqlstate: sqlstate.into(),
        }
    }

    #[test]
    fn contention_is_retried_a_bounded_number_of_times_then_reported() {
        let before = retries();
        let mut calls = 0;
        let err = with_retries(|| -> Result<()> {
            calls += 1;
            Err(contention("40001"))
        })
        .unwrap_err();
        assert_eq!(calls, MAX_ATTEMPTS);
        // other tests of this process may retry meanwhile: at least ours are counted
        assert!(retries() >= before + u64::from(MAX_ATTEMPTS - 1));
        assert!(
            matches!(&err, WfmError::Contention { attempts, sqlstate } if *attempts == MAX_ATTEMPTS && sqlstate == "40001"),
            "{err}"
        );
        assert!(err.to_string().contains("nothing was changed"), "{err}");
    }

    #[test]
    fn a_conflict_that_clears_succeeds_and_other_errors_are_not_retried() {
        let mut calls = 0;
        let out = with_retries(|| {
            calls += 1;
            if calls < 3 {
                Err(contention("40P01"))
            } else {
                Ok(calls)
            }
        });
        assert_eq!(out.unwrap(), 3);
        let mut calls = 0;
        let err = with_retries(|| -> Result<()> {
            calls += 1;
            Err(WfmError::Precondition { what: "no".into() })
        });
        assert!(matches!(err, Err(WfmError::Precondition { .. })));
        assert_eq!(calls, 1);
    }

    #[test]
    fn the_backoff_grows_and_stays_bounded() {
        for attempt in 1..MAX_ATTEMPTS {
            let d = backoff(attempt);
            let base = Duration::from_millis(4 << attempt.min(6));
            assert!(d >= base / 2 && d < base * 3 / 2, "{attempt}: {d:?}");
        }
        assert!(backoff(100) < Duration::from_millis(400));
    }
}
