//! The one way the facade writes a file. Every command and library function that writes
//! an output goes through [`OutputFile`] (one file) or [`OutputDir`] (a folder of files),
//! after checking the outputs against its inputs with [`Inputs`]. What they guarantee:
//!
//! - **Not an input.** [`Inputs::check`] refuses an output that is the open workspace
//!   (or its `-wal`, `-shm` or `-journal` companion) or a file the command reads, by file
//!   identity (device and inode after following symbolic links), so another name, a
//!   symbolic link or a hard link to the input is caught; the check runs before any work.
//! - **Whole or nothing.** The content goes to a temporary file first and reaches the
//!   destination only once it is complete ([`OutputFile::commit`]); an error or a drop
//!   before that leaves the destination as it was and removes the temporary file.
//! - **What is at the path is kept.** `-` is standard output. A missing path becomes a
//!   new regular file (mode `0644` before the umask). An existing regular file with one
//!   link is replaced atomically (the complete temporary file is renamed over it, so two
//!   runs to one output leave one run's whole file) and keeps its mode, and its owner
//!   and group where the process may set them. A symbolic link is followed: its final
//!   target is replaced and the link stays a link. A regular file with several hard links
//!   keeps its inode: the complete content is copied into it (not atomic: a crash during
//!   that copy can leave it partly written). A device or FIFO is opened and written
//!   through, never replaced. A folder, or a socket, at the path is an error.
//! - **Temporary files** are created exclusively (`O_EXCL`) with unpredictable names
//!   beside the destination, `.NAME.wfm-tmp-XXXXXXXXXX` (in the system's temporary folder
//!   for standard output, devices, FIFOs and hard-linked files), so a planted file or
//!   link is never followed. They are listed in a process-wide registry
//!   ([`remove_temp_files_on_signal`]): on SIGINT or SIGTERM the CLI removes them and
//!   exits with 130 or 143. After SIGKILL they stay and can be recognised by that pattern.
//! - **Folders appear together.** [`OutputDir`] writes every file first; a new folder is
//!   built as a temporary folder beside it and renamed into place in one step, the files
//!   of an existing folder are renamed into place one after the other at the end. A
//!   failure in any file leaves nothing new.

mod cleanup;
mod guard;
mod input;
mod output;
mod set;
mod temp;

pub use cleanup::remove_temp_files_on_signal;
pub use guard::Inputs;
pub use input::Input;
pub use output::{OutputFile, STDOUT, is_stdout};
pub use set::OutputDir;
pub use temp::TEMP_MARK;

use std::io::Write;
use std::path::Path;

use crate::error::Result;

/// Writes `bytes` as the file at `path` through an [`OutputFile`].
///
/// # Errors
/// [`WfmError::Io`](crate::WfmError::Io) if the file cannot be written.
pub(crate) fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

/// Writes the file at `path` with `write` through an [`OutputFile`] (buffered).
///
/// # Errors
/// [`WfmError::Io`](crate::WfmError::Io) if the file cannot be written.
pub(crate) fn write_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = OutputFile::create(path)?;
    out.write_buffered(write)?;
    out.commit()
}
