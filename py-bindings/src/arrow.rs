//! Frames across the Python boundary as Arrow C streams, the PyCapsule protocol
//! (`__arrow_c_stream__`, capsule `"arrow_array_stream"`) polars, pandas and pyarrow
//! speak: no file, no Parquet bytes, the columns not copied.
//!
//! Out: every table is an [`PyArrowTable`] (its instants `Datetime(µs, "UTC")`, see
//! `wfm::arrow`), which `pl.DataFrame(table)` reads. In: [`given`] takes a path or any
//! object with `__arrow_c_stream__`; a frame becomes CSV text in memory
//! (`wfm::arrow::csv_text`: zoned instants converted to UTC, naive ones read as UTC) that
//! the facade reads as it reads the file, its errors naming `<dataframe>`.

use std::ffi::CStr;
use std::path::PathBuf;

use polars::prelude::{DataFrame, PolarsResult};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};
use wfm::arrow::ArrowArrayStream;
use wfm::files::Input;

use crate::Failure;
use crate::workspace::argument;

/// The capsule name of an Arrow C stream (the PyCapsule protocol).
const STREAM: &CStr = c"arrow_array_stream";

/// A table the extension returns: read it with ``pl.DataFrame(table)`` (or any reader
/// of the Arrow PyCapsule protocol: ``pyarrow.table(table)``).
///
/// >>> import polars as pl, wfm
/// >>> from wfm import _wfm
/// >>> t = _wfm.arrow_roundtrip(pl.DataFrame({"a": [1, 2]}))
/// >>> len(t), pl.DataFrame(t)["a"].to_list()
/// (2, [1, 2])
#[pyclass(module = "wfm._wfm", name = "ArrowTable", frozen)]
pub struct PyArrowTable {
    frame: DataFrame,
}

#[pymethods]
impl PyArrowTable {
    /// The table as an Arrow C stream (a capsule ``"arrow_array_stream"``); the schema
    /// is the table's own (``requested_schema`` is not applied).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema; // a consumer casts to its own schema
        let stream = wfm::arrow::export_stream(self.frame.clone())
            .map_err(|e| Failure::Other(format!("cannot export the table: {e}")).into_pyerr(py))?;
        PyCapsule::new_with_value(py, stream, STREAM)
    }

    /// Rows.
    fn __len__(&self) -> usize {
        self.frame.height()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={:?})",
            self.frame.height(),
            self.frame
                .get_column_names()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
        )
    }
}

/// A table as Python receives it (`what` names it in an error): its instants
/// microseconds, UTC.
pub(crate) fn table(what: &str, frame: PolarsResult<DataFrame>) -> Result<PyArrowTable, Failure> {
    let frame = frame
        .and_then(wfm::arrow::utc_microseconds)
        .map_err(|e| Failure::Other(format!("cannot build the {what} table: {e}")))?;
    Ok(PyArrowTable { frame })
}

/// [`table`] of a facade table (`wfm::tables::Table::frame`).
pub(crate) fn facade_table(
    what: &str,
    frame: wfm::Result<DataFrame>,
) -> Result<PyArrowTable, Failure> {
    table(what, Ok(frame?))
}

/// The frame a Python object with `__arrow_c_stream__` carries; a problem is one with
/// `argument`.
pub(crate) fn frame_of(
    value: &Bound<'_, PyAny>,
    argument_name: &str,
) -> Result<DataFrame, Failure> {
    read_frame(value, argument_name, "a DataFrame")
}

/// [`frame_of`], a problem saying the argument must be `expected`.
fn read_frame(
    value: &Bound<'_, PyAny>,
    argument_name: &str,
    expected: &str,
) -> Result<DataFrame, Failure> {
    let not_a_frame = |why: String| {
        let got = crate::show(value);
        argument(
            argument_name,
            format!("must be {expected} (polars, pandas, pyarrow), got {got}: {why}"),
        )
    };
    let capsule = value
        .call_method1("__arrow_c_stream__", (value.py().None(),))
        .map_err(|e| not_a_frame(e.to_string()))?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| not_a_frame("__arrow_c_stream__ gave no capsule".to_owned()))?;
    let pointer = capsule
        .pointer_checked(Some(STREAM))
        .map_err(|e| not_a_frame(e.to_string()))?;
    // SAFETY: a capsule named "arrow_array_stream" holds an ArrowArrayStream (the
    // PyCapsule protocol); the stream is moved out and a released one left behind, the
    // protocol's hand-over, so the capsule's destructor does not release it again.
    #[allow(unsafe_code)]
    let stream = unsafe {
        std::ptr::replace(
            pointer.as_ptr().cast::<ArrowArrayStream>(),
            ArrowArrayStream::empty(),
        )
    };
    // a type polars cannot take is an error, and a panic in polars one too (guarded)
    crate::guarded(|| {
        // SAFETY: the producer vouches for its stream (the protocol)
        #[allow(unsafe_code)]
        let frame = unsafe { wfm::arrow::import_stream(stream) };
        frame.map_err(|e| not_a_frame(e.to_string()))
    })
}

/// A path or a frame, as given; [`Given::input`] makes the facade's [`Input`] of it
/// (without the GIL: a frame is written as CSV text).
pub(crate) enum Given {
    Path(PathBuf),
    Frame(DataFrame, String),
}

impl Given {
    /// The CSV input: the file, or the frame's CSV text named `<dataframe>`.
    pub(crate) fn input(self) -> Result<Input, Failure> {
        match self {
            Self::Path(p) => Ok(Input::Path(p)),
            Self::Frame(df, name) => {
                let text = wfm::arrow::csv_text(df).map_err(|e| {
                    Failure::Other(format!("cannot read the DataFrame {name}: {e}"))
                })?;
                Ok(Input::text(name, text))
            }
        }
    }
}

/// A path (``str`` or ``os.PathLike``) or a frame given as `argument_name`; a frame is
/// named `name` in errors.
pub(crate) fn given(
    value: &Bound<'_, PyAny>,
    argument_name: &str,
    name: &str,
) -> Result<Given, Failure> {
    if let Ok(path) = value.extract::<PathBuf>() {
        return Ok(Given::Path(path));
    }
    let frame = read_frame(value, argument_name, "a path or a DataFrame")?;
    Ok(Given::Frame(frame, name.to_owned()))
}

/// The table it is given, through both crossings (a test of the crossing: Python to
/// Rust and back). Use ``pl.DataFrame(_wfm.arrow_roundtrip(df))``.
///
/// >>> import polars as pl
/// >>> from wfm import _wfm
/// >>> pl.DataFrame(_wfm.arrow_roundtrip(pl.DataFrame({"q": ["a"]}))).to_dicts()
/// [{'q': 'a'}]
#[pyfunction]
pub fn arrow_roundtrip(py: Python<'_>, frame: &Bound<'_, PyAny>) -> PyResult<PyArrowTable> {
    frame_of(frame, "frame")
        .and_then(|df| table("frame", Ok(df)))
        .map_err(|f| f.into_pyerr(py))
}
