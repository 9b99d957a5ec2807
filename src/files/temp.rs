//! Temporary files and folders of outputs: created exclusively with unpredictable,
//! recognisable names (`.NAME.wfm-tmp-XXXXXXXXXX`), listed in the cleanup registry for as
//! long as they exist, removed when dropped.

use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::cleanup::{Live, with_live};

/// What every temporary name contains; the pattern is `.NAME.wfm-tmp-XXXXXXXXXX`.
pub const TEMP_MARK: &str = ".wfm-tmp-";

/// Random characters in a temporary name (62 possible each).
const RANDOM: usize = 10;

/// The longest part of the destination's name kept in the temporary name (so the name
/// stays within the 255 bytes of common file systems).
const NAME_BYTES: usize = 120;

/// `.NAME.wfm-tmp-`, `NAME` cut to [`NAME_BYTES`].
fn prefix(name: &OsStr) -> String {
    let name = name.to_string_lossy();
    let mut end = name.len().min(NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{TEMP_MARK}", &name[..end])
}

/// A path's place in the cleanup registry: taken off the list when dropped.
#[derive(Debug)]
struct Registration {
    path: PathBuf,
}

impl Registration {
    /// Takes the path off `live` (the caller holds the lock) without a second lookup.
    fn release(mut self, live: &mut Live) {
        live.remove(&std::mem::take(&mut self.path));
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            with_live(|live| live.remove(&self.path));
        }
    }
}

/// A temporary file, removed when dropped unless [`persist`](Self::persist)ed.
#[derive(Debug)]
pub(crate) struct TempFile {
    // dropped first: the file is removed, then taken off the registry
    file: tempfile::NamedTempFile,
    registration: Registration,
}

impl TempFile {
    /// A new temporary file in `dir` named after `name` (`O_EXCL`, mode 0644 before the
    /// umask).
    pub(crate) fn new_in(dir: &Path, name: &OsStr) -> std::io::Result<Self> {
        let prefix = prefix(name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(RANDOM);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        with_live(|live| {
            let file = builder.tempfile_in(dir)?;
            live.add(file.path());
            Ok(Self {
                registration: Registration {
                    path: file.path().to_owned(),
                },
                file,
            })
        })
    }

    /// Its path.
    #[cfg(test)]
    pub(crate) fn path(&self) -> &Path {
        self.file.path()
    }

    /// The open file.
    pub(crate) fn file(&mut self) -> &mut File {
        self.file.as_file_mut()
    }

    /// Renames it to `target` (replacing what is there); on failure it is removed.
    #[cfg(test)]
    pub(crate) fn persist(self, target: &Path) -> std::io::Result<()> {
        with_live(|live| self.persist_locked(target, live))
    }

    /// [`persist`](Self::persist) while the caller holds the registry's lock (`live`).
    pub(crate) fn persist_locked(self, target: &Path, live: &mut Live) -> std::io::Result<()> {
        let Self { file, registration } = self;
        let done = file.persist(target).map(drop).map_err(|e| {
            drop(e.file);
            e.error
        });
        registration.release(live);
        done
    }

    /// Removes it while the caller holds the registry's lock (`live`).
    pub(crate) fn discard_locked(self, live: &mut Live) {
        let Self { file, registration } = self;
        drop(file);
        registration.release(live);
    }
}

/// A temporary folder, removed with its content when dropped unless
/// [`persist`](Self::persist)ed.
#[derive(Debug)]
pub(crate) struct TempDir {
    // dropped first: the folder is removed, then taken off the registry
    dir: tempfile::TempDir,
    registration: Registration,
}

impl TempDir {
    /// A new temporary folder in `parent` named after `name`, with the mode `mkdir`
    /// gives (0777 minus the umask).
    pub(crate) fn new_in(parent: &Path, name: &OsStr) -> std::io::Result<Self> {
        let prefix = prefix(name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).rand_bytes(RANDOM);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o777));
        }
        with_live(|live| {
            let dir = builder.tempdir_in(parent)?;
            live.add(dir.path());
            Ok(Self {
                registration: Registration {
                    path: dir.path().to_owned(),
                },
                dir,
            })
        })
    }

    /// Its path.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Renames it to `target` (which must not exist, or be an empty folder); on failure
    /// it is removed.
    pub(crate) fn persist(self, target: &Path) -> std::io::Result<()> {
        let Self { dir, registration } = self;
        with_live(|live| {
            let done = std::fs::rename(dir.path(), target);
            if done.is_ok() {
                // renamed: nothing is left at the old path to remove
                let _renamed = dir.keep();
            } else {
                drop(dir);
            }
            registration.release(live);
            done
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(path: &Path) -> bool {
        with_live(|live| live.contains(path))
    }

    #[test]
    fn temp_names_are_unpredictable_and_recognisable() {
        let dir = tempfile::tempdir().unwrap();
        let a = TempFile::new_in(dir.path(), "out.csv".as_ref()).unwrap();
        let b = TempFile::new_in(dir.path(), "out.csv".as_ref()).unwrap();
        assert_ne!(a.path(), b.path());
        for t in [&a, &b] {
            let name = t.path().file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(".out.csv.wfm-tmp-"), "{name}");
            assert_eq!(name.len(), ".out.csv.wfm-tmp-".len() + RANDOM);
        }
    }

    #[test]
    fn a_temp_file_is_listed_while_it_lives_and_removed_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let t = TempFile::new_in(dir.path(), "x".as_ref()).unwrap();
        let path = t.path().to_owned();
        assert!(listed(&path) && path.exists());
        drop(t);
        assert!(!listed(&path) && !path.exists());
        let t = TempFile::new_in(dir.path(), "x".as_ref()).unwrap();
        let path = t.path().to_owned();
        t.persist(&dir.path().join("x")).unwrap();
        assert!(!listed(&path) && !path.exists());
        assert!(dir.path().join("x").exists());
    }

    #[test]
    fn a_temp_dir_is_listed_while_it_lives_and_removed_with_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let t = TempDir::new_in(dir.path(), "plan".as_ref()).unwrap();
        let path = t.path().to_owned();
        std::fs::write(path.join("a.csv"), "a").unwrap();
        assert!(listed(&path));
        drop(t);
        assert!(!listed(&path) && !path.exists());
    }

    #[test]
    fn a_long_name_is_cut_to_fit() {
        let dir = tempfile::tempdir().unwrap();
        let long = "é".repeat(100); // 200 bytes
        let t = TempFile::new_in(dir.path(), long.as_ref()).unwrap();
        let name = t.path().file_name().unwrap().len();
        assert!(name <= 1 + NAME_BYTES + TEMP_MARK.len() + RANDOM, "{name}");
    }
}
