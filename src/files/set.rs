//! A folder of output files that appear together or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::output::{OutputFile, follow_links, parent};
use super::temp::TempDir;
use crate::error::{Result, WfmError};

/// Where the files of an [`OutputDir`] are written until it is committed.
#[derive(Debug)]
enum Staging {
    /// The folder did not exist: the files go into a temporary folder beside it, renamed
    /// to it on commit.
    NewDir { temp: TempDir, target: PathBuf },
    /// The folder exists: each file is an [`OutputFile`] in it, put in place on commit.
    Existing {
        dir: PathBuf,
        files: Vec<OutputFile>,
    },
}

/// The files of one command's output folder (created with its parents if missing). Every
/// file is written complete first; [`commit`](Self::commit) then puts them all in place:
/// a new folder in one rename, an existing folder's files one rename after the other.
/// Dropped before that (an error in any file), nothing new is left.
///
/// # Examples
/// ```
/// use wfm::files::OutputDir;
/// let dir = tempfile::tempdir()?;
/// let out = dir.path().join("plan");
/// let mut files = OutputDir::create(&out)?;
/// files.write("a.csv", b"a\n")?;
/// files.write("b.csv", b"b\n")?;
/// assert!(!out.exists()); // nothing until every file is written
/// let written = files.commit()?;
/// assert_eq!(written, [out.join("a.csv"), out.join("b.csv")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct OutputDir {
    path: PathBuf,
    staging: Staging,
    names: Vec<PathBuf>,
}

impl OutputDir {
    /// Starts the output folder `dir`.
    ///
    /// # Errors
    /// [`WfmError::Io`] if `dir` exists and is not a folder, or its parent cannot be
    /// created, or the temporary folder cannot be created in it.
    pub fn create(dir: &Path) -> Result<Self> {
        let io = |e: std::io::Error| WfmError::io(dir, e);
        let target = follow_links(dir).map_err(io)?;
        let staging = match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => Staging::Existing {
                dir: dir.to_owned(),
                files: Vec::new(),
            },
            Ok(_) => {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "exists and is not a folder",
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = parent(&target);
                std::fs::create_dir_all(parent).map_err(io)?;
                let name = target.file_name().unwrap_or(target.as_os_str());
                Staging::NewDir {
                    temp: TempDir::new_in(parent, name).map_err(io)?,
                    target,
                }
            }
            Err(e) => return Err(io(e)),
        };
        Ok(Self {
            path: dir.to_owned(),
            staging,
            names: Vec::new(),
        })
    }

    /// Writes the file `name` of the folder with `write` (buffered); returns the path it
    /// will have.
    ///
    /// # Errors
    /// [`WfmError::Io`] if it cannot be written.
    pub fn write_with(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<PathBuf> {
        let path = self.path.join(name);
        match &mut self.staging {
            Staging::NewDir { temp, .. } => {
                let io = |e: std::io::Error| WfmError::io(&path, e);
                let mut options = std::fs::File::options();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o644);
                }
                let file = options.open(temp.path().join(name)).map_err(io)?;
                let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
                write(&mut w).map_err(io)?;
                let file = w.into_inner().map_err(|e| io(e.into_error()))?;
                file.sync_all().map_err(io)?;
            }
            Staging::Existing { dir, files } => {
                let mut out = OutputFile::create(&dir.join(name))?;
                out.write_buffered(write)?;
                files.push(out);
            }
        }
        self.names.push(path.clone());
        Ok(path)
    }

    /// Writes the file `name` of the folder; returns the path it will have.
    ///
    /// # Errors
    /// [`WfmError::Io`] if it cannot be written.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        self.write_with(name, |w| w.write_all(bytes))
    }

    /// Puts every file in place; returns their paths in the order written.
    ///
    /// # Errors
    /// [`WfmError::Io`] if a file cannot be put in place. A new folder then does not
    /// appear; in an existing folder, the files put in place before the failing one stay
    /// (each whole), the others keep their old content. The renames of an existing
    /// folder's files happen under one hold of the temporary-file registry's lock, so a
    /// SIGINT or SIGTERM sees all of them done or none.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        match self.staging {
            Staging::NewDir { temp, target } => {
                temp.persist(&target)
                    .map_err(|e| WfmError::io(&self.path, e))?;
            }
            Staging::Existing { files, .. } => super::output::commit_all(files)?,
        }
        Ok(self.names)
    }
}
