//! Staffing batches: a table of intervals in, a table of requirements out.
//!
//! The table is the user's (a CSV file for the CLI, a DataFrame in Python); this module
//! validates every cell, names each problem by line and column, and solves the valid
//! table in parallel with [`wfm_erlang`]. Nothing is solved unless everything is valid.

mod batch;
mod csv_io;
mod frame;
mod lines;
mod results;
mod row_check;

pub use batch::{BatchRow, StaffingBatch, StaffingColumn, StaffingResult};
pub use csv_io::{ResultsCsvWriter, read_csv, read_csv_from, write_csv};
pub use frame::{DATAFRAME_SOURCE, results_to_dataframe};
