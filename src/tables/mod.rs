//! One definition per report table, written to every format from it.
//!
//! A [`Definition`] is an ordered list of typed columns: each has its name, its
//! [`Kind`] (text, date, UTC instant, whole number, number with its CSV precision,
//! yes/no) and the function that gives a row's value. [`Definition::table`] turns rows
//! into a [`Table`], which is written as CSV ([`Table::csv`]), as Parquet
//! ([`Table::parquet`]), as a worksheet ([`Table::sheet`]) and as a polars DataFrame
//! ([`Table::frame`], what Python receives) — so every view of a report has the same
//! columns with the same values. Large tables can be streamed to CSV a row at a time
//! ([`Definition::csv_header`], [`Definition::write_csv_row`]) with the same text.
//!
//! Types per format:
//!
//! | kind | CSV and worksheet text | DataFrame and Parquet |
//! | --- | --- | --- |
//! | text | as is | `String` |
//! | date | `YYYY-MM-DD` | `Date` |
//! | instant | `YYYY-MM-DDTHH:MM:SSZ` ([`utc_text`]) | `Datetime(ms)` in UTC, stored without a zone name |
//! | whole number | decimal | `Int64` (a number in the worksheet) |
//! | number | rounded to the column's [`Decimals`] in CSV only | `Float64` (whole in the worksheet) |
//! | yes/no | `true` / `false` | `Boolean` |
//!
//! A missing value is an empty cell, a null in the DataFrame and Parquet, and nothing
//! in the worksheet.
//!
//! # Examples
//! ```
//! use wfm::tables::{Decimals, Definition};
//! struct Row { name: &'static str, share: f64, late: Option<f64> }
//! let definition = Definition::new()
//!     .text("name", |r: &Row| r.name.to_owned())
//!     .number("share", Decimals::Fixed(2), |r| r.share)
//!     .number("late", Decimals::Shortest, |r| r.late);
//! let rows = [Row { name: "a", share: 0.256, late: None }, Row { name: "b", share: 1.0, late: Some(0.5) }];
//! let table = definition.table(&rows);
//! assert_eq!(String::from_utf8(table.csv()?)?, "name,share,late\na,0.26,\nb,1.00,0.5\n");
//! let frame = table.frame()?;
//! assert_eq!(frame.shape(), (2, 3));
//! assert_eq!(frame.column("share")?.f64()?.get(0), Some(0.256)); // whole, not rounded
//! assert_eq!(frame.column("late")?.null_count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod definition;
mod sheet;
mod table;

pub use definition::{Cell, Decimals, Definition, Kind};
pub use table::Table;

use chrono::{DateTime, Utc};
// the one timestamp form of every wfm file (core's)
use wfm_core::history::UTC_FORMAT;

/// An instant as every table, file and listing of the facade writes it:
/// `YYYY-MM-DDTHH:MM:SSZ`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap();
/// assert_eq!(wfm::tables::utc_text(t), "2026-03-02T15:00:00Z");
/// ```
#[must_use]
pub fn utc_text(t: DateTime<Utc>) -> String {
    t.format(UTC_FORMAT).to_string()
}
