//! `core_threads`: how many threads the core's parallel parts (forecast series, plan
//! days, schedule pools: rayon's process-wide pool) use in this process.
//!
//! A Spark or Dask worker runs one task per core already; the core inside it runs on
//! one thread so that the machine is not oversubscribed (`wfm.distributed`).

use pyo3::prelude::*;

/// The number of threads of the core's pool; with `threads`, first sets it to that
/// number when the pool has not started yet (the first parallel call starts it, and
/// its size is then fixed for the process). The answer is the size in force, so a
/// caller sees whether its request took effect.
///
/// >>> from wfm import _wfm
/// >>> _wfm.core_threads() >= 1
/// True
#[pyfunction]
#[pyo3(signature = (threads=None))]
pub fn core_threads(threads: Option<usize>) -> usize {
    if let Some(n) = threads.filter(|&n| n > 0) {
        // Err only when the pool has started already: its size is then what is reported.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    rayon::current_num_threads()
}
