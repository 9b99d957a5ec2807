//! Long calls watched from Python: progress to a Python callback, and Ctrl-C.
//!
//! A long call runs its work on a scoped thread while the calling (main) thread, without
//! the GIL, checks Python's signals every [`POLL`] (`PyErr_CheckSignals` only acts on the
//! main thread, and the work's steps may come from rayon's workers). A `KeyboardInterrupt`
//! — Ctrl-C in a terminal, the interrupt button of Jupyter (SIGINT to the kernel) — or
//! any exception the Python callback raises asks the run to stop at its next safe point
//! (the [`Progress`] handle's flag). What the caller then gets is decided by
//! [`Watcher::finish`]: a schedule keeps the weeks done (marked stopped in its report);
//! anything else raises the exception.

use std::ops::ControlFlow;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;
use wfm::core::progress::Progress;

use crate::{Failure, guarded};

/// How often the waiting thread checks Python's signals.
const POLL: Duration = Duration::from_millis(50);

/// The first exception raised while a call runs (later ones are dropped).
type Raised = Arc<Mutex<Option<PyErr>>>;

fn keep_first(slot: &Raised, e: PyErr) {
    if let Ok(mut slot) = slot.lock()
        && slot.is_none()
    {
        *slot = Some(e);
    }
}

/// A [`Progress`] handle for one Python call, with the exception that stopped it.
pub(crate) struct Watcher {
    progress: Progress,
    raised: Raised,
}

impl Watcher {
    /// Steps go to `callback(stage, done, total)` when given; it stops the run by raising.
    pub(crate) fn new(callback: Option<Py<PyAny>>) -> Self {
        let raised: Raised = Arc::new(Mutex::new(None));
        let progress = match callback {
            None => Progress::stoppable(),
            Some(callback) => {
                let slot = Arc::clone(&raised);
                Progress::new(move |step| {
                    Python::attach(|py| {
                        match callback.call1(py, (step.stage, step.done, step.total)) {
                            Ok(_) => ControlFlow::Continue(()),
                            Err(e) => {
                                keep_first(&slot, e);
                                ControlFlow::Break(())
                            }
                        }
                    })
                })
            }
        };
        Self { progress, raised }
    }

    /// Runs `work` without the GIL on a scoped thread, checking signals meanwhile (see
    /// the module docs); a panic in `work` is a [`Failure`].
    pub(crate) fn run<T: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&Progress) -> Result<T, Failure> + Send,
    ) -> Result<T, Failure> {
        let progress = &self.progress;
        py.detach(|| {
            std::thread::scope(|scope| {
                let (tx, rx) = mpsc::channel();
                scope.spawn(move || {
                    // the receiver outlives the scope: a send cannot fail
                    let _ = tx.send(guarded(|| work(progress)));
                });
                loop {
                    match rx.recv_timeout(POLL) {
                        Ok(out) => return out,
                        Err(RecvTimeoutError::Timeout) => {
                            if let Err(e) = Python::attach(|py| py.check_signals()) {
                                keep_first(&self.raised, e);
                                progress.stop();
                            }
                        }
                        Err(RecvTimeoutError::Disconnected) => {
                            return Err(Failure::Other(
                                "internal error in wfm (please report it): the worker ended \
                                 without an answer"
                                    .into(),
                            ));
                        }
                    }
                }
            })
        })
    }

    /// The call's answer to Python: with `keeps_partial`, a run stopped by a
    /// `KeyboardInterrupt` returns what it did (it marks itself stopped); otherwise an
    /// exception raised meanwhile (the interrupt, or the callback's own) is raised.
    pub(crate) fn finish<T>(
        &self,
        py: Python<'_>,
        out: Result<T, Failure>,
        keeps_partial: bool,
    ) -> PyResult<T> {
        let raised = self.raised.lock().ok().and_then(|mut slot| slot.take());
        match (raised, out) {
            (Some(e), Ok(v)) if keeps_partial && e.is_instance_of::<PyKeyboardInterrupt>(py) => {
                Ok(v)
            }
            (Some(e), _) => Err(e),
            (None, out) => out.map_err(|f| f.into_pyerr(py)),
        }
    }
}
