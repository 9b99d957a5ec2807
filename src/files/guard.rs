//! The outputs of a command checked against its inputs and the open workspace by file
//! identity, before any work is done.

use std::path::{Path, PathBuf};

use crate::error::{Result, WfmError};

/// A file's identity: device and inode (of the file a path finally names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the regular file `path` names (symbolic links followed); `None`
    /// when there is none, or it is not a regular file (a terminal or `/dev/null` may be
    /// both read and written by one command).
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Self {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// The files a command reads: its input files and the open workspace. An output must be
/// none of them.
///
/// # Examples
/// ```
/// use wfm::files::Inputs;
/// let dir = tempfile::tempdir()?;
/// let history = dir.path().join("h.csv");
/// std::fs::write(&history, "x")?;
/// let inputs = Inputs::new().file(&history);
/// assert!(inputs.check(&history).is_err());
/// assert!(inputs.check(&dir.path().join("out.csv")).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    files: Vec<(PathBuf, FileId)>,
}

impl Inputs {
    /// No inputs yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the input file `path` (nothing when it does not exist or is not a regular
    /// file: it cannot be overwritten by mistake then).
    #[must_use]
    pub fn file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        if let Some(id) = FileId::of(path) {
            self.files.push((path.to_owned(), id));
        }
        self
    }

    /// Adds every file of `paths`.
    #[must_use]
    pub fn files<P: AsRef<Path>>(self, paths: impl IntoIterator<Item = P>) -> Self {
        paths.into_iter().fold(self, |inputs, p| inputs.file(p))
    }

    /// Adds the workspace file `path` and its SQLite companions (`-wal`, `-shm`,
    /// `-journal`).
    #[must_use]
    pub fn workspace(self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let companion = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        self.file(path)
            .file(companion("-wal"))
            .file(companion("-shm"))
            .file(companion("-journal"))
    }

    /// Adds the workspace `path` when there is one.
    #[must_use]
    pub fn maybe_workspace(self, path: Option<impl AsRef<Path>>) -> Self {
        match path {
            Some(p) => self.workspace(p),
            None => self,
        }
    }

    /// Checks the single-file output `output` (`-` is standard output, never an input).
    ///
    /// # Errors
    /// [`WfmError::OutputIsInput`] naming the input it is.
    pub fn check(&self, output: &Path) -> Result<()> {
        if super::is_stdout(output) {
            return Ok(());
        }
        let Some(id) = FileId::of(output) else {
            return Ok(());
        };
        match self.files.iter().find(|(_, input)| *input == id) {
            Some((input, _)) => Err(WfmError::OutputIsInput {
                output: output.to_owned(),
                input: input.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Checks the folder output `dir` that will hold the files `names`: none of them is
    /// an input, and `dir` is a folder or does not exist yet.
    ///
    /// # Errors
    /// [`WfmError::OutputIsInput`] naming the input; [`WfmError::Io`] when `dir` exists
    /// and is not a folder.
    pub fn check_dir(&self, dir: &Path, names: &[&str]) -> Result<()> {
        self.check(dir)?;
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => {
                return Err(WfmError::io(
                    dir,
                    std::io::Error::new(
                        std::io::ErrorKind::NotADirectory,
                        "exists and is not a folder",
                    ),
                ));
            }
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
        names.iter().try_for_each(|n| self.check(&dir.join(n)))
    }
}
