//! DataFrames through Arrow's C stream interface (the PyCapsule protocol Python's polars,
//! pandas and pyarrow speak), with polars' own arrow: [`export_stream`] hands a frame
//! out, [`import_stream`] takes one in, no file and no copy of the columns.
//!
//! One timestamp form crosses: [`utc_microseconds`] makes every datetime column
//! `Datetime(µs, "UTC")`, converting instants exactly (a zoned column's values are UTC
//! instants already; a naive column is read as UTC). [`csv_text`] writes an imported
//! frame as the CSV the facade's readers read (instants `YYYY-MM-DDTHH:MM:SSZ`).

use polars::prelude::{
    ArrowField, Column, CompatLevel, CsvWriter, DataFrame, DataType, IntoColumn, PolarsResult,
    SerWriter, TimeUnit, TimeZone, polars_bail, polars_err,
};
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::ArrowDataType;
pub use polars_arrow::ffi::ArrowArrayStream;
use polars_arrow::ffi::{ArrowArrayStreamReader, export_iterator};

/// The form of instants in the CSV text of [`csv_text`] (SPEC §2).
const UTC_TEXT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// `df` with every datetime column as `Datetime(µs, "UTC")`: zoned instants kept exactly
/// (Arrow stores them as UTC), naive ones read as UTC, any unit brought to microseconds.
///
/// ```
/// use polars::prelude::*;
/// let ms = Int64Chunked::new("t".into(), &[1_700_000_000_123])
///     .into_datetime(TimeUnit::Milliseconds, None);
/// let df = DataFrame::new(1, vec![ms.into_column()])?;
/// let utc = wfm::arrow::utc_microseconds(df)?;
/// assert_eq!(utc.column("t")?.dtype(), &DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC)));
/// assert_eq!(utc.column("t")?.datetime()?.physical().get(0), Some(1_700_000_000_123_000));
/// # Ok::<(), PolarsError>(())
/// ```
///
/// # Errors
/// A column polars cannot convert.
pub fn utc_microseconds(df: DataFrame) -> PolarsResult<DataFrame> {
    retime(df, Some(TimeZone::UTC))
}

/// Every datetime column as microseconds since the epoch, UTC, marked with `zone`.
fn retime(mut df: DataFrame, zone: Option<TimeZone>) -> PolarsResult<DataFrame> {
    let names: Vec<_> = df
        .columns()
        .iter()
        .filter(|c| matches!(c.dtype(), DataType::Datetime(..)))
        .map(|c| c.name().clone())
        .collect();
    for name in names {
        let column = df.column(&name)?;
        let ca = column.datetime()?;
        let physical = ca.physical().clone();
        // the physical values are instants since the epoch, UTC (a zone is metadata)
        let us = match ca.time_unit() {
            TimeUnit::Microseconds => physical,
            TimeUnit::Milliseconds => &physical * 1000,
            TimeUnit::Nanoseconds => &physical / 1000,
        };
        let converted = us
            .into_datetime(TimeUnit::Microseconds, zone.clone())
            .into_column()
            .with_name(name.clone());
        df.replace(&name, converted)?;
    }
    Ok(df)
}

/// `df` as CSV text with a header, instants as `YYYY-MM-DDTHH:MM:SSZ` in UTC (zoned
/// ones converted, naive ones read as UTC), dates as their midnight UTC
/// (`YYYY-MM-DDT00:00:00Z`, the form of SPEC's day columns): what the facade's CSV
/// readers read for a frame given instead of a file.
///
/// ```
/// use polars::prelude::*;
/// // 08:00 in Bogota (UTC−5) is 13:00 UTC
/// let t = Int64Chunked::new("TimeStamp".into(), &[1_719_838_800_000_000])
///     .into_datetime(TimeUnit::Microseconds, Some(unsafe { TimeZone::from_static("America/Bogota") }));
/// let df = DataFrame::new(1, vec![t.into_column(), Column::new("v".into(), [1.5])])?;
/// let text = String::from_utf8(wfm::arrow::csv_text(df)?).unwrap();
/// assert_eq!(text, "TimeStamp,v\n2024-07-01T13:00:00Z,1.5\n");
/// # Ok::<(), PolarsError>(())
/// ```
///
/// # Errors
/// A column that cannot be written as CSV (a list, a struct).
pub fn csv_text(df: DataFrame) -> PolarsResult<Vec<u8>> {
    let mut df = retime(df, None)?;
    let mut out = Vec::new();
    CsvWriter::new(&mut out)
        .include_header(true)
        .with_datetime_format(Some(UTC_TEXT.into()))
        .with_date_format(Some("%Y-%m-%dT00:00:00Z".into()))
        .finish(&mut df)?;
    Ok(out)
}

/// `df` as an Arrow C stream of struct arrays (one per chunk), its instants
/// [`utc_microseconds`]; the consumer (Python's `pl.DataFrame(...)`) releases it.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("a" => [1i64, 2], "b" => ["x", "y"])?;
/// let stream = wfm::arrow::export_stream(df.clone())?;
/// // SAFETY: a stream export_stream made
/// let back = unsafe { wfm::arrow::import_stream(stream) }?;
/// assert!(back.equals(&df));
/// # Ok::<(), PolarsError>(())
/// ```
///
/// # Errors
/// A datetime column that cannot be converted.
pub fn export_stream(df: DataFrame) -> PolarsResult<ArrowArrayStream> {
    let mut df = utc_microseconds(df)?;
    df.rechunk_mut();
    let level = CompatLevel::newest();
    let fields: Vec<ArrowField> = df
        .columns()
        .iter()
        .map(|c| c.field().to_arrow(level))
        .collect();
    let dtype = ArrowDataType::Struct(fields);
    let mut arrays: Vec<PolarsResult<Box<dyn Array>>> = df
        .iter_chunks(level, false)
        .map(|batch| {
            let height = batch.height();
            StructArray::try_new(dtype.clone(), height, batch.into_arrays(), None)
                .map(|a| Box::new(a) as Box<dyn Array>)
        })
        .collect();
    if arrays.is_empty() || df.width() == 0 {
        // a frame without columns or rows still has its schema and height
        arrays = vec![
            StructArray::try_new(
                dtype.clone(),
                df.height(),
                empty_columns(&dtype, df.height())?,
                None,
            )
            .map(|a| Box::new(a) as Box<dyn Array>),
        ];
    }
    let field = ArrowField::new("".into(), dtype, false);
    Ok(export_iterator(Box::new(arrays.into_iter()), field))
}

/// Columns of no rows for `dtype`'s fields (a frame without rows or columns).
fn empty_columns(dtype: &ArrowDataType, height: usize) -> PolarsResult<Vec<Box<dyn Array>>> {
    let ArrowDataType::Struct(fields) = dtype else {
        polars_bail!(ComputeError: "a frame crosses as a struct array");
    };
    if height > 0 && !fields.is_empty() {
        polars_bail!(ComputeError: "a frame of {height} rows without chunks");
    }
    Ok(fields
        .iter()
        .map(|f| polars_arrow::array::new_empty_array(f.dtype().clone()))
        .collect())
}

/// The frame an Arrow C stream of struct arrays (a table: polars, pandas, pyarrow)
/// carries, its chunks stacked.
///
/// # Safety
/// `stream` must be a valid Arrow C stream (the producer's word: the PyCapsule
/// protocol's `__arrow_c_stream__`); it is released here.
///
/// # Errors
/// A stream that fails, is not of struct arrays (a table), or holds a type polars does
/// not read.
#[allow(unsafe_code)] // the C stream interface: the producer vouches for the stream
pub unsafe fn import_stream(stream: ArrowArrayStream) -> PolarsResult<DataFrame> {
    // SAFETY: the caller guarantees a valid C stream (this function's contract)
    let mut reader = unsafe { ArrowArrayStreamReader::try_new(Box::new(stream)) }?;
    let ArrowDataType::Struct(fields) = reader.field().dtype().clone() else {
        polars_bail!(ComputeError: "not a table: the Arrow stream is of {:?}", reader.field().dtype());
    };
    if let Some(f) = fields.iter().find(|f| !readable(f.dtype())) {
        polars_bail!(
            ComputeError: "column {:?}: the Arrow type {:?} is not read here (cast it to numbers, text or datetimes)",
            f.name.as_str(), f.dtype()
        );
    }
    let mut out: Option<DataFrame> = None;
    // SAFETY: the arrays of a valid C stream follow the C data interface
    while let Some(array) = unsafe { reader.next() } {
        let array = array?;
        let chunk = array
            .as_any()
            .downcast_ref::<StructArray>()
            .cloned()
            .ok_or_else(|| polars_err!(ComputeError: "not a table: a chunk is no struct array"))?;
        let df = DataFrame::try_from(chunk)?;
        match &mut out {
            Some(all) => {
                all.vstack_mut_owned(df)?;
            }
            None => out = Some(df),
        }
    }
    match out {
        Some(mut df) => {
            df.rechunk_mut();
            Ok(df)
        }
        None => {
            let columns: Vec<Column> = fields
                .iter()
                .map(|f| Column::new_empty(f.name.clone(), &DataType::from_arrow_field(f)))
                .collect();
            DataFrame::new(0, columns)
        }
    }
}

/// Whether the polars built here reads columns of the Arrow type (it would panic on
/// the types of features left out: decimals, 128-bit integers, structs, intervals).
fn readable(dtype: &ArrowDataType) -> bool {
    use ArrowDataType as A;
    match dtype {
        A::Decimal(..)
        | A::Decimal32(..)
        | A::Decimal64(..)
        | A::Decimal256(..)
        | A::Int128
        | A::UInt128
        | A::Interval(_)
        | A::Extension(_)
        | A::Union(_)
        | A::Map(..)
        | A::Struct(_) => false,
        A::List(f) | A::LargeList(f) | A::FixedSizeList(f, _) => readable(f.dtype()),
        A::Dictionary(_, values, _) => readable(values),
        _ => true,
    }
}

#[cfg(test)]
#[allow(unsafe_code)] // importing the streams the tests export
mod tests;
