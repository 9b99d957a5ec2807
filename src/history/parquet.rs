//! History exports as Apache Parquet, written by polars: the eight history CSV columns with
//! `TimeStamp` as a millisecond datetime (UTC, stored without a zone name), the counts
//! as unsigned 64-bit integers and `AverageHandleTime` as a double.

use std::io::Write;

use polars::prelude::{
    Column, DataFrame, DataType, NamedFrom, ParquetWriter, PolarsResult, Series, TimeUnit,
};
use wfm_core::history::{HISTORY_HEADER, History};

/// The effective history as a DataFrame with the history CSV columns, in record order
/// (`wfm::history::history_frame`; `TimeStamp` milliseconds, naive UTC: the Parquet export's
/// type; `wfm::arrow` makes it µs UTC for Python).
pub fn frame(history: &History) -> PolarsResult<DataFrame> {
    let records = &history.records;
    let text = |f: &dyn Fn(usize) -> String| -> Vec<String> { (0..records.len()).map(f).collect() };
    let name = text(&|i| history.queues.name(records[i].queue).to_owned());
    let id = text(&|i| history.queues.id(records[i].queue).as_str().to_owned());
    let channel = text(&|i| records[i].channel.as_str().to_owned());
    let duration = text(&|i| records[i].granularity.as_str().to_owned());
    let millis: Vec<i64> = records.iter().map(|r| r.start * 1000).collect();
    let stamp = Series::new(HISTORY_HEADER[3].into(), millis)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?;
    let volume: Vec<u64> = records.iter().map(|r| r.volume).collect();
    let aht: Vec<f64> = records.iter().map(|r| r.aht_seconds).collect();
    let handled: Vec<u64> = records.iter().map(|r| r.handled).collect();
    DataFrame::new_infer_height(vec![
        Column::new(HISTORY_HEADER[0].into(), name),
        Column::new(HISTORY_HEADER[1].into(), id),
        Column::new(HISTORY_HEADER[2].into(), channel),
        stamp.into(),
        Column::new(HISTORY_HEADER[4].into(), duration),
        Column::new(HISTORY_HEADER[5].into(), volume),
        Column::new(HISTORY_HEADER[6].into(), aht),
        Column::new(HISTORY_HEADER[7].into(), handled),
    ])
}

/// Writes the effective history to `out` as Parquet.
pub(crate) fn write(history: &History, out: &mut impl Write) -> std::io::Result<()> {
    let to_io = |e: polars::prelude::PolarsError| std::io::Error::other(e.to_string());
    let mut df = frame(history).map_err(to_io)?;
    ParquetWriter::new(out).finish(&mut df).map_err(to_io)?;
    Ok(())
}

/// The effective history as Parquet bytes (the columns of `frame`), for callers that
/// hand a table across a process boundary (the Python package takes [`frame`] as Arrow).
///
/// ```
/// use wfm::core::history::{History, QueueTable};
/// let empty = History { queues: QueueTable::new(), records: Vec::new() };
/// let bytes = wfm::history::history_parquet(&empty)?;
/// assert_eq!(&bytes[..4], b"PAR1");
/// # Ok::<(), wfm::WfmError>(())
/// ```
///
/// # Errors
/// [`WfmError::Encode`](crate::WfmError::Encode) if polars cannot write the table.
pub fn history_parquet(history: &History) -> crate::error::Result<Vec<u8>> {
    let mut out = Vec::new();
    write(history, &mut out).map_err(|e| crate::WfmError::Encode {
        what: "Parquet",
        detail: e.to_string(),
    })?;
    Ok(out)
}
