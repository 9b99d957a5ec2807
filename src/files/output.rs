//! One output file: where its content goes ([`Destination`], decided when it is opened)
//! and how it gets there once complete ([`OutputFile::commit`]).

use std::fs::{File, Metadata};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use super::cleanup::{Live, with_live};
use super::temp::TempFile;
use crate::error::{Result, WfmError};

/// The `--output` that means standard output.
pub const STDOUT: &str = "-";

/// Whether `path` is `-`, standard output.
#[must_use]
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == STDOUT
}

/// Most symbolic links followed to find an output's file (as Linux's `ELOOP` limit).
const MAX_LINKS: usize = 40;

/// Where a complete output goes.
#[derive(Debug)]
enum Destination {
    /// Standard output.
    Stdout,
    /// A new file, or an existing regular file with one link: the temporary file is
    /// renamed over it, taking the mode, owner and group of what was there.
    Replace {
        target: PathBuf,
        existing: Option<Metadata>,
    },
    /// A regular file with several hard links: the content is copied into it.
    CopyInto { target: PathBuf },
    /// A device or FIFO: opened and written through.
    WriteThrough { target: PathBuf },
}

/// An output file being written: the content goes to a temporary file and reaches the
/// destination on [`commit`](Self::commit) only (see the [module](super) for what each
/// kind of destination gets). Dropped before that, nothing is left.
///
/// # Examples
/// ```
/// use std::io::Write;
/// use wfm::files::OutputFile;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.csv");
/// let mut out = OutputFile::create(&path)?;
/// out.write_all(b"a,b\n")?;
/// assert!(!path.exists()); // nothing at the path until the content is complete
/// out.commit()?;
/// assert_eq!(std::fs::read_to_string(&path)?, "a,b\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct OutputFile {
    path: PathBuf,
    destination: Destination,
    temp: TempFile,
}

impl OutputFile {
    /// Opens the output `path` (`-` for standard output): looks at what is there and
    /// creates the temporary file.
    ///
    /// # Errors
    /// [`WfmError::Io`] if `path` is a folder or a socket, a symbolic link loops, or the
    /// temporary file cannot be created (a missing or read-only folder).
    pub fn create(path: &Path) -> Result<Self> {
        let io = |e: std::io::Error| WfmError::io(path, e);
        let destination = destination(path).map_err(io)?;
        let temp = match &destination {
            Destination::Replace { target, .. } => {
                let name = target.file_name().unwrap_or(target.as_os_str());
                TempFile::new_in(parent(target), name)
            }
            Destination::Stdout => TempFile::new_in(&std::env::temp_dir(), "stdout".as_ref()),
            Destination::CopyInto { target } | Destination::WriteThrough { target } => {
                let name = target.file_name().unwrap_or(target.as_os_str());
                TempFile::new_in(&std::env::temp_dir(), name)
            }
        }
        .map_err(io)?;
        Ok(Self {
            path: path.to_owned(),
            destination,
            temp,
        })
    }

    /// The output as given.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file the content is written to.
    pub fn as_file_mut(&mut self) -> &mut File {
        self.temp.file()
    }

    /// Writes the content with `write` through a buffer.
    ///
    /// # Errors
    /// [`WfmError::Io`] if writing fails.
    pub fn write_buffered(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.path.clone();
        let io = |e: std::io::Error| WfmError::io(&path, e);
        let mut w = std::io::BufWriter::with_capacity(1 << 16, self.temp.file());
        write(&mut w).map_err(io)?;
        w.flush().map_err(io)
    }

    /// Puts the complete content at the destination.
    ///
    /// # Errors
    /// [`WfmError::Io`] if it cannot be put there; the temporary file is removed, and a
    /// replaced file or folder keeps its old content.
    pub fn commit(mut self) -> Result<()> {
        self.prepare()?;
        if self.renames() {
            with_live(|live| self.rename_locked(live))
        } else {
            self.write_through()
        }
    }

    /// Whether the content reaches its destination by a rename.
    fn renames(&self) -> bool {
        matches!(self.destination, Destination::Replace { .. })
    }

    /// Flushes the content to the disk and, for a file it replaces, gives it that file's
    /// owner and mode.
    fn prepare(&mut self) -> Result<()> {
        let io = |e: std::io::Error| WfmError::io(&self.path, e);
        let file = self.temp.file();
        file.flush().map_err(io)?;
        if let Destination::Replace { existing, .. } = &self.destination {
            file.sync_all().map_err(io)?;
            if let Some(meta) = existing {
                keep_owner_and_mode(file, meta).map_err(io)?;
            }
        }
        Ok(())
    }

    /// Renames the prepared temporary file over its destination (the caller holds the
    /// registry's lock); on failure it is removed.
    fn rename_locked(self, live: &mut Live) -> Result<()> {
        let Self {
            path,
            destination,
            temp,
        } = self;
        match destination {
            Destination::Replace { target, .. } => temp
                .persist_locked(&target, live)
                .map_err(|e| WfmError::io(path, e)),
            _ => {
                temp.discard_locked(live);
                Ok(())
            }
        }
    }

    /// Removes the temporary file (the caller holds the registry's lock).
    fn discard_locked(self, live: &mut Live) {
        self.temp.discard_locked(live);
    }

    /// Copies the content to standard output, a device, a FIFO or a hard-linked file.
    fn write_through(mut self) -> Result<()> {
        let io = |e: std::io::Error| WfmError::io(&self.path, e);
        match &self.destination {
            Destination::Replace { .. } => Ok(()),
            Destination::Stdout => {
                let mut out = std::io::stdout().lock();
                copy_to(self.temp.file(), &mut out).map_err(io)
            }
            Destination::CopyInto { target } => {
                let mut out = File::options()
                    .write(true)
                    .truncate(true)
                    .open(target)
                    .map_err(io)?;
                copy_to(self.temp.file(), &mut out).map_err(io)?;
                out.sync_all().map_err(io)
            }
            Destination::WriteThrough { target } => {
                let mut out = File::options().write(true).open(target).map_err(io)?;
                copy_to(self.temp.file(), &mut out).map_err(io)
            }
        }
    }
}

/// Commits `files` together: every one is prepared first, then those that replace a file
/// are renamed under one hold of the registry's lock (a SIGINT or SIGTERM sees all of
/// them renamed or none), then the others are written through.
///
/// # Errors
/// [`WfmError::Io`] of the first file that fails: before the renames, nothing has
/// changed; a rename failing leaves the files renamed before it (each whole).
pub(super) fn commit_all(files: Vec<OutputFile>) -> Result<()> {
    let (mut renames, mut others) = (Vec::new(), Vec::new());
    for mut f in files {
        f.prepare()?;
        if f.renames() {
            renames.push(f);
        } else {
            others.push(f);
        }
    }
    with_live(|live| {
        let mut done = Ok(());
        for f in renames {
            if done.is_ok() {
                done = f.rename_locked(live);
            } else {
                // dropped here, its registration would wait for the lock held now
                f.discard_locked(live);
            }
        }
        done
    })?;
    others.into_iter().try_for_each(OutputFile::write_through)
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.file().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.file().flush()
    }
}

/// The folder of `path` (`.` for a bare name).
pub(super) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` with every symbolic link on its last component followed (a link to a link,
/// relative links read from the link's folder); a dangling link gives its missing
/// target, where the output is then created.
pub(super) fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = if target.is_absolute() {
                    target
                } else {
                    parent(&path).join(target)
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

fn destination(path: &Path) -> std::io::Result<Destination> {
    if is_stdout(path) {
        return Ok(Destination::Stdout);
    }
    let target = follow_links(path)?;
    let meta = match std::fs::metadata(&target) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Destination::Replace {
                target,
                existing: None,
            });
        }
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a folder; give a file name",
        ));
    }
    if kind.is_file() {
        return Ok(if links(&meta) > 1 {
            Destination::CopyInto { target }
        } else {
            Destination::Replace {
                target,
                existing: Some(meta),
            }
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_socket() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a socket; wfm writes files, devices, FIFOs or `-` (standard output)",
            ));
        }
    }
    Ok(Destination::WriteThrough { target })
}

fn links(meta: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Gives the temporary `file` the mode of the file it replaces, and its owner and group
/// where the process may (a group it belongs to; any owner as root); otherwise the file
/// is the writer's, as any file it creates.
#[allow(unsafe_code, reason = "libc fchown (see SAFETY)")]
fn keep_owner_and_mode(file: &File, meta: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::MetadataExt;
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is the open descriptor of `file`; fchown has no other
        // preconditions, and a refusal (EPERM) leaves the file as it was.
        unsafe {
            if libc::fchown(fd, meta.uid(), meta.gid()) != 0 {
                libc::fchown(fd, libc::uid_t::MAX, meta.gid());
            }
        }
    }
    // the mode last: a change of owner clears the set-user-ID bit
    file.set_permissions(meta.permissions())
}

/// Copies the whole temporary `file` into `out`.
fn copy_to(file: &mut File, out: &mut impl Write) -> std::io::Result<()> {
    file.rewind()?;
    std::io::copy(file, out)?;
    out.flush()
}
