//! The process-wide registry of live temporary files and folders, and the SIGINT/SIGTERM
//! handler that removes them before the process exits.
//!
//! Every temporary output is added here when it is created and taken out when it is
//! renamed into place or removed (both under the registry's lock, so the handler never
//! removes a file that has just become an output, and never leaves one that has not).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The paths of the temporary files and folders of this process that still exist.
#[derive(Debug, Default)]
pub(crate) struct Live {
    paths: Vec<PathBuf>,
}

impl Live {
    /// Lists `path`.
    pub(crate) fn add(&mut self, path: &Path) {
        self.paths.push(path.to_owned());
    }

    /// Whether `path` is listed.
    #[cfg(test)]
    pub(crate) fn contains(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| p == path)
    }

    /// Takes `path` off the list.
    pub(crate) fn remove(&mut self, path: &Path) {
        if let Some(i) = self.paths.iter().rposition(|p| p == path) {
            self.paths.swap_remove(i);
        }
    }

    /// Removes every listed file and folder from the disk.
    fn remove_all(&mut self) {
        for path in self.paths.drain(..) {
            let removed = match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path),
                Ok(_) => std::fs::remove_file(&path),
                Err(e) => Err(e),
            };
            drop(removed);
        }
    }
}

static LIVE: Mutex<Live> = Mutex::new(Live { paths: Vec::new() });

fn live() -> MutexGuard<'static, Live> {
    // a panic while the list was held leaves a list that is still a list
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f` on the registry, holding its lock (the signal handler waits meanwhile).
pub(crate) fn with_live<T>(f: impl FnOnce(&mut Live) -> T) -> T {
    f(&mut live())
}

/// Makes SIGINT and SIGTERM remove this process's temporary output files and folders,
/// then exit with status 130 (SIGINT) or 143 (SIGTERM); the outputs themselves stay as
/// they were (an output is only ever replaced by a complete file).
///
/// Call it once, first thing in `main`, before any thread is started: it blocks both
/// signals in the calling thread (and so in every thread started after it) and starts a
/// thread that waits for them. A library embedding wfm (the Python module) does not call
/// it and keeps its own signal handling.
///
/// # Errors
/// The operating system's error if the signals cannot be blocked or the thread cannot
/// be started (the signals then keep their default action).
#[allow(unsafe_code, reason = "libc signal masks (see SAFETY)")]
pub fn remove_temp_files_on_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        // SAFETY: `set` is a local, initialised by `sigemptyset` before use; the calls
        // have no other preconditions.
        let set = unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigaddset(&mut set, libc::SIGTERM);
            let rc = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            if rc != 0 {
                return Err(std::io::Error::from_raw_os_error(rc));
            }
            set
        };
        let watcher = std::thread::Builder::new()
            .name("wfm-signals".into())
            .spawn(move || watch(&set));
        if let Err(e) = watcher {
            // SAFETY: as above; the signals get their default action back.
            unsafe {
                libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Waits for a signal of `set`, removes the temporary files and ends the process with
/// 128 + the signal's number.
#[allow(unsafe_code, reason = "libc sigwait, _exit (see SAFETY)")]
#[cfg(unix)]
fn watch(set: &libc::sigset_t) {
    let mut signal = 0;
    // SAFETY: `set` is an initialised signal set and `signal` a valid out-pointer.
    while unsafe { libc::sigwait(set, &mut signal) } != 0 {}
    // the lock is held until the process ends: no temporary file is created or renamed
    // into place after this point
    let mut live = live();
    live.remove_all();
    // SAFETY: `_exit` ends the process without running destructors or exit handlers,
    // which other threads may be using.
    unsafe { libc::_exit(128 + signal) }
}
