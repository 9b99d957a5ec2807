//! [`Input`]: a CSV the facade reads, from a file or already in memory (a DataFrame the
//! Python package converted, see [`crate::arrow`]), so that no temporary file is written.

use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};

use crate::error::{Result, WfmError};

/// A CSV input: a file, or text in memory with the name its errors give.
///
/// ```
/// use wfm::files::Input;
/// use std::io::Read;
/// let table = Input::text("<dataframe>", b"a,b\n1,2\n".to_vec());
/// let mut text = String::new();
/// table.open()?.read_to_string(&mut text)?;
/// assert_eq!((table.name(), text.as_str()), ("<dataframe>".to_owned(), "a,b\n1,2\n"));
/// assert_eq!(Input::from("h.csv").name(), "h.csv");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, read when needed.
    Path(PathBuf),
    /// CSV text in memory; `name` stands for the file in error messages.
    Text {
        /// What errors call it (`<dataframe>`, `<history frame 2>`).
        name: String,
        /// The CSV bytes.
        bytes: Vec<u8>,
    },
}

impl Input {
    /// CSV text in memory named `name`.
    pub fn text(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Self::Text {
            name: name.into(),
            bytes,
        }
    }

    /// The name errors give: the path, or the text's name.
    pub fn name(&self) -> String {
        match self {
            Self::Path(p) => p.display().to_string(),
            Self::Text { name, .. } => name.clone(),
        }
    }

    /// The file's path (`None` for text in memory).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::Path(p) => Some(p),
            Self::Text { .. } => None,
        }
    }

    /// The content, buffered.
    ///
    /// # Errors
    /// [`WfmError::Io`] if the file cannot be opened.
    pub fn open(&self) -> Result<Box<dyn BufRead + '_>> {
        Ok(match self {
            Self::Path(p) => Box::new(BufReader::with_capacity(
                1 << 20,
                std::fs::File::open(p).map_err(|e| WfmError::io(p, e))?,
            )),
            Self::Text { bytes, .. } => Box::new(Cursor::new(&bytes[..])),
        })
    }

    /// The [`WfmError::Io`] of a read that failed (text in memory is named by its name).
    pub(crate) fn io_error(&self, e: std::io::Error) -> WfmError {
        WfmError::io(PathBuf::from(self.name()), e)
    }
}

impl From<PathBuf> for Input {
    fn from(path: PathBuf) -> Self {
        Self::Path(path)
    }
}

impl From<&Path> for Input {
    fn from(path: &Path) -> Self {
        Self::Path(path.to_owned())
    }
}

impl From<&str> for Input {
    fn from(path: &str) -> Self {
        Self::Path(PathBuf::from(path))
    }
}

impl From<&PathBuf> for Input {
    fn from(path: &PathBuf) -> Self {
        Self::Path(path.clone())
    }
}
