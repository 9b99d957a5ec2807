//! The results table of a solved batch, written directly: a DataFrame built a column at a
//! time from the rows, and a CSV record written a field at a time.
//!
//! The facade's generic tables ([`crate::tables`]) make a boxed closure call and a
//! [`Cell`](crate::tables::Cell) per field (and a `String` per `id`): on a million rows
//! that was most of the time of `staff_table` after the solve, and made `wfm staff
//! --input` 1.15× slower. A staffing result has fixed columns, so both forms are written
//! out here, and `tests/regression/tables.rs` checks that they agree with each other.

use std::io::Write;

use polars::prelude::{
    Column, DataFrame, Float64Chunked, IntoSeries, NewChunkedArray, StringChunked,
};
use rayon::prelude::*;
use wfm_erlang::Staffing;

use super::batch::{BatchRow, StaffingBatch, StaffingColumn, StaffingResult};
use crate::error::{Result, WfmError};

/// The result columns, after the input columns: the last, `abandon_probability`, only
/// when the batch has a `patience_seconds` column.
const RESULT_COLUMNS: [&str; 8] = [
    "agents",
    "agents_fractional",
    "agents_with_shrinkage",
    "service_level",
    "asa_seconds",
    "occupancy",
    "waiting_probability",
    "abandon_probability",
];

/// The result columns of a batch with (`true`) or without a patience column.
fn result_columns(has_patience: bool) -> &'static [&'static str] {
    if has_patience {
        &RESULT_COLUMNS
    } else {
        &RESULT_COLUMNS[..7]
    }
}

/// The header of the results of a batch with `columns`: those, then the results.
pub(super) fn header(columns: &[StaffingColumn]) -> Vec<&'static str> {
    let has_patience = columns.contains(&StaffingColumn::PatienceSeconds);
    columns
        .iter()
        .map(|c| c.name())
        .chain(result_columns(has_patience).iter().copied())
        .collect()
}

/// A count as the table's `Int64`.
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The number result columns, in [`RESULT_COLUMNS`] order after the two counts.
fn numbers(s: &Staffing) -> [f64; 6] {
    let m = &s.metrics;
    [
        s.agents_fractional,
        m.service_level,
        m.asa_seconds,
        m.occupancy,
        m.waiting_probability,
        m.abandon_probability,
    ]
}

/// How a column of the results DataFrame is made.
enum Source {
    /// An input column, from the rows.
    Input(StaffingColumn),
    /// A count of the result.
    Count(fn(&Staffing) -> u64),
    /// A number of the result.
    Number(fn(&Staffing) -> f64),
}

/// The solved batch as a DataFrame: the input columns (`id` as text, the others as
/// `Float64`, empty cells as nulls), then the results (counts as `Int64`). The columns
/// are made in parallel, each in one pass over the rows or the results.
pub(super) fn frame(batch: &StaffingBatch, results: &[StaffingResult]) -> Result<DataFrame> {
    let names = result_columns(batch.has_patience());
    let results_of: [Source; 8] = [
        Source::Count(|s| s.agents),
        Source::Number(|s| s.agents_fractional),
        Source::Count(|s| s.agents_with_shrinkage),
        Source::Number(|s| s.metrics.service_level),
        Source::Number(|s| s.metrics.asa_seconds),
        Source::Number(|s| s.metrics.occupancy),
        Source::Number(|s| s.metrics.waiting_probability),
        Source::Number(|s| s.metrics.abandon_probability),
    ];
    let plan: Vec<(&str, Source)> = batch
        .columns()
        .iter()
        .map(|&kind| (kind.name(), Source::Input(kind)))
        .chain(names.iter().copied().zip(results_of))
        .collect();
    let rows = batch.rows();
    let columns: Vec<Column> = plan
        .par_iter()
        .map(|(name, source)| {
            let name = (*name).into();
            match source {
                Source::Input(StaffingColumn::Id) => {
                    StringChunked::from_iter_options(name, rows.iter().map(|r| r.id.as_deref()))
                        .into_series()
                        .into()
                }
                Source::Input(kind) => {
                    Float64Chunked::from_iter_options(name, rows.iter().map(|r| r.get(*kind)))
                        .into_series()
                        .into()
                }
                Source::Count(f) => Column::new(
                    name,
                    results
                        .iter()
                        .map(|r| count(f(&r.staffing)))
                        .collect::<Vec<i64>>(),
                ),
                Source::Number(f) => Column::new(
                    name,
                    results.iter().map(|r| f(&r.staffing)).collect::<Vec<f64>>(),
                ),
            }
        })
        .collect();
    DataFrame::new_infer_height(columns).map_err(|e| WfmError::Encode {
        what: "building the staffing results table",
        detail: e.to_string(),
    })
}

/// Writes one row of the results CSV: the input cells of `row` (numbers as Rust writes
/// them shortest, empty cells empty), then `result`; `buffer` is reused between fields.
///
/// # Errors
/// The CSV writer's error.
pub(super) fn write_row<W: Write>(
    out: &mut csv::Writer<W>,
    columns: &[StaffingColumn],
    row: &BatchRow,
    result: &StaffingResult,
    buffer: &mut String,
) -> csv::Result<()> {
    use std::fmt::Write as _;
    let has_patience = columns.contains(&StaffingColumn::PatienceSeconds);
    for &kind in columns {
        buffer.clear();
        if kind == StaffingColumn::Id {
            buffer.push_str(row.id.as_deref().unwrap_or(""));
        } else if let Some(v) = row.get(kind) {
            // writing to a String cannot fail
            let _ = write!(buffer, "{v}");
        }
        out.write_field(buffer.as_bytes())?;
    }
    let s = &result.staffing;
    let numbers = numbers(s);
    let shown = if has_patience { 6 } else { 5 };
    let mut field = |out: &mut csv::Writer<W>, value: &dyn std::fmt::Display| {
        buffer.clear();
        let _ = write!(buffer, "{value}");
        out.write_field(buffer.as_bytes())
    };
    field(out, &count(s.agents))?;
    field(out, &numbers[0])?;
    field(out, &count(s.agents_with_shrinkage))?;
    for value in &numbers[1..shown] {
        field(out, value)?;
    }
    out.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staffing::read_csv_from;

    #[test]
    fn the_csv_row_has_the_header_s_fields_with_and_without_patience() {
        for (extra, width) in [("", 5 + 7), (",patience_seconds", 6 + 8)] {
            let csv = format!(
                "id,volume,aht_seconds,interval_seconds,asa_target_seconds{extra}\n\
                 \"a, b\",100,180,1800,15{}\n",
                if extra.is_empty() { "" } else { ",120" }
            );
            let batch = read_csv_from(csv.as_bytes(), "t.csv").unwrap();
            let results = batch.solve().unwrap();
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record(header(batch.columns())).unwrap();
            write_row(
                &mut out,
                batch.columns(),
                &batch.rows()[0],
                &results[0],
                &mut String::new(),
            )
            .unwrap();
            let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            assert_eq!(reader.headers().unwrap().len(), width, "{text}");
            assert_eq!(record.len(), width, "{text}");
            assert_eq!(&record[0], "a, b");
            assert_eq!(&record[1], "100");
            assert_eq!(
                record[5 + extra.len().min(1)].parse::<u64>().unwrap(),
                results[0].staffing.agents
            );
            let frame = frame(&batch, &results).unwrap();
            assert_eq!(frame.width(), width);
        }
    }
}
