//! One table, three formats: a [`Table`] of typed columns written as CSV, as Parquet
//! (polars) and as a worksheet (rust_xlsxwriter), so the files of a schedule say the same
//! thing in each.
//!
//! Types per format: instants are `YYYY-MM-DDTHH:MM:SSZ` text in CSV and in the
//! workbook, and millisecond datetimes (UTC, stored without a zone name, as the history
//! export) in Parquet; dates are `YYYY-MM-DD` text, and Parquet dates. Numbers are rounded
//! in CSV only (each column says to how many decimals); Parquet and the workbook keep
//! them whole. A missing number is an empty cell and a Parquet null.

use chrono::{DateTime, NaiveDate, Utc};
use polars::prelude::{
    Column, DataFrame, DataType, NamedFrom, ParquetWriter, PolarsResult, Series, TimeUnit,
};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::error::{Result, WfmError};

/// The values of one column.
pub(crate) enum Values {
    /// Text.
    Text(Vec<String>),
    /// Calendar dates.
    Date(Vec<NaiveDate>),
    /// UTC instants.
    Instant(Vec<DateTime<Utc>>),
    /// Whole numbers.
    Int(Vec<i64>),
    /// Numbers, written to CSV with `decimals` decimals.
    Number(Vec<f64>, usize),
    /// Numbers that may be missing (empty in CSV, null in Parquet).
    MaybeNumber(Vec<Option<f64>>, usize),
    /// Yes/no.
    Bool(Vec<bool>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Self::Text(v) => v.len(),
            Self::Date(v) => v.len(),
            Self::Instant(v) => v.len(),
            Self::Int(v) => v.len(),
            Self::Number(v, _) => v.len(),
            Self::MaybeNumber(v, _) => v.len(),
            Self::Bool(v) => v.len(),
        }
    }

    fn csv(&self, row: usize) -> String {
        match self {
            Self::Text(v) => v[row].clone(),
            Self::Date(v) => v[row].to_string(),
            Self::Instant(v) => utc(v[row]),
            Self::Int(v) => v[row].to_string(),
            Self::Number(v, d) => format!("{:.*}", *d, v[row]),
            Self::MaybeNumber(v, d) => v[row].map_or_else(String::new, |x| format!("{:.*}", *d, x)),
            Self::Bool(v) => v[row].to_string(),
        }
    }
}

/// An instant as the tables write it.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A table: named, typed columns of equal length.
pub(crate) struct Table {
    columns: Vec<(&'static str, Values)>,
}

impl Table {
    /// A table of `columns`, in order.
    pub(crate) fn new(columns: Vec<(&'static str, Values)>) -> Self {
        debug_assert!(
            columns.windows(2).all(|w| w[0].1.len() == w[1].1.len()),
            "columns of one table have one length"
        );
        Self { columns }
    }

    /// Rows.
    pub(crate) fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.1.len())
    }

    /// The table as CSV with a header line.
    pub(crate) fn csv(&self) -> Result<Vec<u8>> {
        let store = |e: csv::Error| WfmError::Encode {
            what: "writing a table",
            detail: e.to_string(),
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(self.columns.iter().map(|c| c.0))
            .map_err(store)?;
        for r in 0..self.rows() {
            w.write_record(self.columns.iter().map(|c| c.1.csv(r)))
                .map_err(store)?;
        }
        w.into_inner().map_err(|e| WfmError::Encode {
            what: "writing a table",
            detail: e.to_string(),
        })
    }

    fn frame(&self) -> PolarsResult<DataFrame> {
        let columns = self
            .columns
            .iter()
            .map(|(name, values)| {
                let name = (*name).into();
                Ok(match values {
                    Values::Text(v) => Column::new(name, v),
                    Values::Int(v) => Column::new(name, v),
                    Values::Number(v, _) => Column::new(name, v),
                    Values::MaybeNumber(v, _) => Column::new(name, v),
                    Values::Bool(v) => Column::new(name, v),
                    Values::Date(v) => {
                        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
                        let days: Vec<i32> =
                            v.iter().map(|d| (*d - epoch).num_days() as i32).collect();
                        Series::new(name, days).cast(&DataType::Date)?.into()
                    }
                    Values::Instant(v) => {
                        let millis: Vec<i64> = v.iter().map(DateTime::timestamp_millis).collect();
                        Series::new(name, millis)
                            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
                            .into()
                    }
                })
            })
            .collect::<PolarsResult<Vec<Column>>>()?;
        DataFrame::new_infer_height(columns)
    }

    /// The table as Parquet bytes.
    pub(crate) fn parquet(&self) -> Result<Vec<u8>> {
        let polars = |e: polars::prelude::PolarsError| WfmError::Encode {
            what: "Parquet",
            detail: e.to_string(),
        };
        let mut df = self.frame().map_err(polars)?;
        let mut out = Vec::new();
        ParquetWriter::new(&mut out)
            .finish(&mut df)
            .map_err(polars)?;
        Ok(out)
    }

    /// Writes the table into `sheet`: a bold header row, then one row per row.
    pub(crate) fn sheet(
        &self,
        sheet: &mut Worksheet,
        bold: &Format,
    ) -> std::result::Result<(), XlsxError> {
        for (c, (name, values)) in self.columns.iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(0, c, *name, bold)?;
            for r in 0..values.len() {
                let row = r as u32 + 1;
                match values {
                    Values::Number(v, _) => sheet.write_number(row, c, v[r])?,
                    Values::MaybeNumber(v, _) => match v[r] {
                        Some(x) => sheet.write_number(row, c, x)?,
                        None => sheet,
                    },
                    Values::Int(v) => sheet.write_number(row, c, v[r] as f64)?,
                    Values::Bool(v) => sheet.write_boolean(row, c, v[r])?,
                    other => sheet.write_string(row, c, other.csv(r))?,
                };
            }
        }
        Ok(())
    }
}
