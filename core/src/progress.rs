//! Watching and stopping a long computation: a [`Progress`] handle hears of every step
//! (a stage's name, steps done, steps in the stage) and carries a stop flag that the
//! computation checks at its *safe points* — places where it can end and still give a
//! meaningful answer (between two forecast series, two plan days, two schedule weeks).
//!
//! The handle is cheap to clone (one shared allocation) and `Send + Sync`: parallel
//! workers report through the same handle. [`Progress::none`] (the default) reports to
//! no one and never stops, so a computation that takes a handle costs nothing when
//! nobody watches.
//!
//! Who may stop a run: the watcher's callback (by returning [`ControlFlow::Break`]) or
//! anyone holding a clone ([`Progress::stop`], e.g. a signal watcher). What a stopped
//! run returns is the computation's own business and is documented where it takes the
//! handle: a schedule returns the weeks done, marked stopped; a forecast or a plan,
//! which have no meaningful part, return [`CoreError::Stopped`].
//!
//! # Examples
//! ```
//! use std::ops::ControlFlow;
//! use std::sync::{Arc, Mutex};
//! use wfm_core::progress::Progress;
//! let seen = Arc::new(Mutex::new(Vec::new()));
//! let log = Arc::clone(&seen);
//! let progress = Progress::new(move |step| {
//!     log.lock().unwrap().push(step.done);
//!     // stop after the second step
//!     if step.done >= 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
//! });
//! let mut done = 0;
//! for i in 1..=5 {
//!     if progress.check("counting").is_err() { break; }
//!     done = i;
//!     progress.step("counting", i, 5);
//! }
//! assert_eq!(done, 2);
//! assert!(progress.is_stopped());
//! assert_eq!(*seen.lock().unwrap(), [1, 2]);
//! ```

use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::CoreError;

/// One step of a long computation, as a watcher hears of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    /// What is being done, in the planner's words ("fitting series", "scheduling weeks").
    pub stage: &'a str,
    /// Steps of the stage done so far (1 after the first).
    pub done: u64,
    /// Steps in the stage.
    pub total: u64,
}

/// What a watcher is called with; [`ControlFlow::Break`] asks the run to stop at its next
/// safe point.
type Callback = dyn Fn(&Step<'_>) -> ControlFlow<()> + Send + Sync;

struct Shared {
    callback: Option<Box<Callback>>,
    stopped: AtomicBool,
}

/// A handle on a long computation's progress and its stop flag (see the module docs).
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<Shared>>);

impl Progress {
    /// Nobody watches: steps go nowhere and the run never stops (the default).
    ///
    /// ```
    /// let p = wfm_core::progress::Progress::none();
    /// p.step("anything", 1, 1);
    /// assert!(!p.is_stopped() && p.check("anything").is_ok());
    /// ```
    pub fn none() -> Self {
        Self(None)
    }

    /// A handle whose steps go to `callback`; it returns [`ControlFlow::Break`] to ask
    /// for a stop (the flag stays set).
    ///
    /// ```
    /// use std::ops::ControlFlow;
    /// let p = wfm_core::progress::Progress::new(|_| ControlFlow::Break(()));
    /// assert!(!p.is_stopped());
    /// p.step("fitting series", 1, 10);
    /// assert!(p.is_stopped());
    /// ```
    pub fn new(callback: impl Fn(&Step<'_>) -> ControlFlow<()> + Send + Sync + 'static) -> Self {
        Self(Some(Arc::new(Shared {
            callback: Some(Box::new(callback)),
            stopped: AtomicBool::new(false),
        })))
    }

    /// A handle nobody hears from that can still be stopped ([`Progress::stop`]): what a
    /// signal watcher needs.
    ///
    /// ```
    /// let p = wfm_core::progress::Progress::stoppable();
    /// let clone = p.clone();
    /// clone.stop();
    /// assert!(p.is_stopped());
    /// ```
    pub fn stoppable() -> Self {
        Self(Some(Arc::new(Shared {
            callback: None,
            stopped: AtomicBool::new(false),
        })))
    }

    /// Reports that `done` of `total` steps of `stage` are done.
    pub fn step(&self, stage: &str, done: u64, total: u64) {
        let Some(shared) = &self.0 else { return };
        if let Some(callback) = &shared.callback
            && callback(&Step { stage, done, total }).is_break()
        {
            shared.stopped.store(true, Ordering::SeqCst);
        }
    }

    /// Asks the run to stop at its next safe point (a no-op on [`Progress::none`]).
    pub fn stop(&self) {
        if let Some(shared) = &self.0 {
            shared.stopped.store(true, Ordering::SeqCst);
        }
    }

    /// Whether a stop was asked for.
    pub fn is_stopped(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|s| s.stopped.load(Ordering::SeqCst))
    }

    /// A safe point of `stage`: [`CoreError::Stopped`] naming it when a stop was asked for.
    ///
    /// # Errors
    /// [`CoreError::Stopped`] after [`Progress::stop`] or a callback's break.
    pub fn check(&self, stage: &str) -> Result<(), CoreError> {
        if self.is_stopped() {
            Err(CoreError::Stopped {
                stage: stage.to_owned(),
            })
        } else {
            Ok(())
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Progress")
            .field(
                "watched",
                &self.0.as_ref().is_some_and(|s| s.callback.is_some()),
            )
            .field("stopped", &self.is_stopped())
            .finish()
    }
}

/// Two handles are equal when they are the same handle (or both [`Progress::none`]).
impl PartialEq for Progress {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;
    use std::sync::Mutex;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn parallel_workers_report_every_step_through_one_handle() {
        let count = Arc::new(AtomicU64::new(0));
        let c = Arc::clone(&count);
        let p = Progress::new(move |_| {
            c.fetch_add(1, Ordering::SeqCst);
            ControlFlow::Continue(())
        });
        (0..100u64)
            .into_par_iter()
            .for_each(|i| p.step("x", i, 100));
        assert_eq!(count.load(Ordering::SeqCst), 100);
        assert!(!p.is_stopped());
    }

    #[test]
    fn a_break_is_remembered_and_check_names_the_stage() {
        let totals = Arc::new(Mutex::new(Vec::new()));
        let t = Arc::clone(&totals);
        let p = Progress::new(move |s| {
            t.lock()
                .unwrap()
                .push((s.stage.to_owned(), s.done, s.total));
            if s.done == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        for i in 1..=4 {
            p.step("fitting series", i, 4);
        }
        assert!(p.is_stopped());
        let e = p.check("fitting series").unwrap_err();
        assert_eq!(e.to_string(), "stopped by the user while fitting series");
        assert_eq!(totals.lock().unwrap().len(), 4);
        // a clone shares the flag
        assert!(p.clone().is_stopped());
        assert_eq!(p.clone(), p);
        assert_ne!(p, Progress::none());
    }

    #[test]
    fn none_never_stops() {
        let p = Progress::none();
        p.stop();
        assert!(!p.is_stopped());
        assert_eq!(
            format!("{p:?}"),
            "Progress { watched: false, stopped: false }"
        );
    }
}
