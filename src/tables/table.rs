//! A [`Table`]: the rows of a [`Definition`](super::Definition), column by column, and
//! its CSV, DataFrame and Parquet forms.

use chrono::{DateTime, NaiveDate};
use polars::prelude::{
    Column, DataFrame, DataType, NamedFrom, ParquetWriter, PolarsError, PolarsResult, Series,
    TimeUnit,
};

use super::definition::decimals;
use super::{Cell, Decimals, Kind};
use crate::error::{Result, WfmError};

/// A table: named, typed columns of equal length, built by
/// [`Definition::table`](super::Definition::table).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    columns: Vec<(&'static str, Kind, Vec<Cell>)>,
}

impl Table {
    pub(super) fn from_columns(columns: Vec<(&'static str, Kind, Vec<Cell>)>) -> Self {
        debug_assert!(
            columns.windows(2).all(|w| w[0].2.len() == w[1].2.len()),
            "columns of one table have one length"
        );
        Self { columns }
    }

    /// Rows.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.2.len())
    }

    /// The column names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|c| c.0)
    }

    pub(super) fn columns(&self) -> &[(&'static str, Kind, Vec<Cell>)] {
        &self.columns
    }

    /// The table as CSV with a header line.
    ///
    /// # Errors
    /// [`WfmError::Encode`] if the CSV cannot be encoded.
    pub fn csv(&self) -> Result<Vec<u8>> {
        let store = |e: csv::Error| WfmError::Encode {
            what: "writing a table",
            detail: e.to_string(),
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(self.names()).map_err(store)?;
        for r in 0..self.rows() {
            w.write_record(
                self.columns
                    .iter()
                    .map(|(_, kind, cells)| cells[r].text(decimals(*kind))),
            )
            .map_err(store)?;
        }
        w.into_inner().map_err(|e| WfmError::Encode {
            what: "writing a table",
            detail: e.to_string(),
        })
    }

    /// The table as a polars DataFrame (see the [module](super) for the types).
    ///
    /// # Errors
    /// [`WfmError::Encode`] if polars cannot build it.
    pub fn frame(&self) -> Result<DataFrame> {
        let columns = self
            .columns
            .iter()
            .map(|(name, kind, cells)| column(name, *kind, cells))
            .collect::<PolarsResult<Vec<Column>>>()
            .and_then(DataFrame::new_infer_height);
        columns.map_err(polars_error)
    }

    /// The table as Parquet bytes.
    ///
    /// # Errors
    /// [`WfmError::Encode`] if polars cannot encode it.
    pub fn parquet(&self) -> Result<Vec<u8>> {
        let mut df = self.frame()?;
        let mut out = Vec::new();
        ParquetWriter::new(&mut out)
            .finish(&mut df)
            .map_err(polars_error)?;
        Ok(out)
    }
}

fn polars_error(e: PolarsError) -> WfmError {
    WfmError::Encode {
        what: "building a table",
        detail: e.to_string(),
    }
}

/// One column of the DataFrame: `cells` as the `kind` says.
fn column(name: &str, kind: Kind, cells: &[Cell]) -> PolarsResult<Column> {
    let name = name.into();
    Ok(match kind {
        Kind::Text => Column::new(name, cells.iter().map(text).collect::<Vec<_>>()),
        Kind::Int => Column::new(name, cells.iter().map(int).collect::<Vec<_>>()),
        Kind::Number(_) => Column::new(name, cells.iter().map(number).collect::<Vec<_>>()),
        Kind::Bool => Column::new(name, cells.iter().map(boolean).collect::<Vec<_>>()),
        Kind::Date => {
            let epoch = NaiveDate::default(); // 1970-01-01
            let days: Vec<Option<i32>> = cells
                .iter()
                .map(|c| match c {
                    Cell::Date(d) => i32::try_from((*d - epoch).num_days()).ok(),
                    _ => None,
                })
                .collect();
            Series::new(name, days).cast(&DataType::Date)?.into()
        }
        Kind::Instant => {
            let millis: Vec<Option<i64>> = cells
                .iter()
                .map(|c| match c {
                    Cell::Instant(t) => Some(DateTime::timestamp_millis(t)),
                    _ => None,
                })
                .collect();
            Series::new(name, millis)
                .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
                .into()
        }
    })
}

fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Empty => None,
        other => Some(other.text(Decimals::Shortest)),
    }
}

fn int(c: &Cell) -> Option<i64> {
    match c {
        Cell::Int(n) => Some(*n),
        _ => None,
    }
}

fn number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(x) => Some(*x),
        Cell::Int(n) => Some(*n as f64),
        _ => None,
    }
}

fn boolean(c: &Cell) -> Option<bool> {
    match c {
        Cell::Bool(b) => Some(*b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use polars::prelude::AnyValue;

    use crate::tables::Definition;

    struct Row {
        day: chrono::NaiveDate,
        at: Option<chrono::DateTime<Utc>>,
        n: i64,
        ok: Option<bool>,
    }

    #[test]
    fn every_kind_has_its_csv_text_and_its_frame_type() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
        let rows = [
            Row {
                day,
                at: Some(at),
                n: -3,
                ok: Some(true),
            },
            Row {
                day,
                at: None,
                n: 4,
                ok: None,
            },
        ];
        let table = Definition::new()
            .date("day", |r: &Row| r.day)
            .instant("at", |r| r.at)
            .int("n", |r| r.n)
            .bool("ok", |r| r.ok)
            .table(&rows);
        assert_eq!(
            String::from_utf8(table.csv().unwrap()).unwrap(),
            "day,at,n,ok\n2026-03-02,2026-03-02T09:30:00Z,-3,true\n2026-03-02,,4,\n"
        );
        let frame = table.frame().unwrap();
        let dtypes: Vec<String> = frame.dtypes().iter().map(ToString::to_string).collect();
        assert_eq!(dtypes, ["date", "datetime[ms]", "i64", "bool"]);
        assert_eq!(frame.column("at").unwrap().get(1).unwrap(), AnyValue::Null);
        assert_eq!(
            frame.column("day").unwrap().get(0).unwrap(),
            AnyValue::Date(20514)
        );
        // Parquet round-trips the frame
        let bytes = table.parquet().unwrap();
        use polars::prelude::SerReader as _;
        let back = polars::prelude::ParquetReader::new(std::io::Cursor::new(bytes))
            .finish()
            .unwrap();
        assert!(back.equals_missing(&frame));
    }

    #[test]
    fn an_empty_table_keeps_its_columns_and_types() {
        let table = Definition::new()
            .text("name", |r: &Row| r.day.to_string())
            .int("n", |r| r.n)
            .table(&[]);
        assert_eq!(table.rows(), 0);
        assert_eq!(String::from_utf8(table.csv().unwrap()).unwrap(), "name,n\n");
        let frame = table.frame().unwrap();
        assert_eq!(frame.width(), 2);
        assert_eq!(
            frame.column("n").unwrap().dtype(),
            &polars::prelude::DataType::Int64
        );
    }
}
