//! Staffing batches as polars DataFrames: the in-memory twin of [`read_csv`] and
//! [`write_csv`], for the Python package and for Rust callers that already hold a table.
//!
//! A DataFrame is read exactly as its CSV would be: the same column names, the same cell
//! rules, and the same `FILE:LINE: COLUMN: reason` errors, with row `i` (0-based) reported
//! as line `i + 2` (line 1 being the header) and the file named `<dataframe>` (or any
//! source the caller gives).
//!
//! [`read_csv`]: super::read_csv
//! [`write_csv`]: super::write_csv

use polars::prelude::{Column, DataFrame, DataType};
use rayon::prelude::*;

use super::batch::{BatchRow, ReadProblems, StaffingBatch, StaffingColumn, StaffingResult};
use crate::error::{InputError, Result};

/// The file name errors give for a table passed in memory.
pub const DATAFRAME_SOURCE: &str = "<dataframe>";

impl StaffingBatch {
    /// A staffing batch from a polars DataFrame whose columns are named as the batch CSV's
    /// (see [`StaffingColumn`]), in any order. Other columns (a queue, an interval's
    /// start) are not read: they are the caller's, to keep beside the results.
    ///
    /// Numeric columns may have any integer or float type, or hold text that is parsed
    /// cell by cell as the CSV reader does; nulls are empty cells. The `id` column may
    /// have any type that polars can write as text. Row `i` is reported as line `i + 2`
    /// of `source` (use [`DATAFRAME_SOURCE`]), the line it would have in the CSV.
    ///
    /// # Errors
    /// [`crate::WfmError::InvalidInput`] listing every problem (all of them, none only
    /// counted), header problems (line 1) first: columns of a type that holds no numbers,
    /// missing columns or goal
    /// columns; then, row by row, every cell that is not a number and — when the header is
    /// usable — every value out of range, as [`requests`](Self::requests) reports them.
    /// A table without unreadable cells is range-checked by [`solve`](Self::solve).
    ///
    /// # Examples
    /// ```
    /// use polars::prelude::*;
    /// use wfm::staffing::{DATAFRAME_SOURCE, StaffingBatch};
    ///
    /// let df = df!(
    ///     "volume" => [100i64, 250],
    ///     "aht_seconds" => [180.0, 240.0],
    ///     "interval_seconds" => [1800.0, 1800.0],
    ///     "service_level_target" => [0.8, 0.8],
    ///     "service_level_seconds" => [20.0, 20.0],
    /// )?;
    /// let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE)?;
    /// assert_eq!(batch.rows().len(), 2);
    /// assert_eq!(batch.rows()[1].line, 3); // as in the CSV: the header is line 1
    ///
    /// // Every problem is named by line and column.
    /// let bad = df!("volume" => ["100", "lots"], "aht_seconds" => [180.0, 180.0])?;
    /// let err = StaffingBatch::from_dataframe(&bad, DATAFRAME_SOURCE).unwrap_err();
    /// assert!(err.to_string().contains("<dataframe>:3: volume: not a number: \"lots\""));
    /// assert!(err.to_string().contains("<dataframe>:1: interval_seconds: missing column"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dataframe(df: &DataFrame, source: &str) -> Result<Self> {
        let height = df.height();
        let error = |line: u64, column: &str, reason: String| InputError {
            file: source.to_owned(),
            line,
            column: column.to_owned(),
            reason,
        };
        let mut header_errors = Vec::new();
        let mut cell_errors = Vec::new();
        let mut columns = Vec::new();
        let mut unreadable_column = false;
        // Each column read whole first, then the rows made from them in parallel: one
        // pass over the rows, not one per column.
        let mut ids: Option<Vec<Option<String>>> = None;
        let mut numbers: Vec<(StaffingColumn, Vec<Option<f64>>)> = Vec::new();
        for column in df.columns() {
            let name = column.name().as_str();
            // Any other column (a queue, the interval's start) is the caller's: not read.
            let Some(kind) = StaffingColumn::from_name(name.trim()) else {
                continue;
            };
            let read = if kind == StaffingColumn::Id {
                read_text(column).map(|cells| ids = Some(cells))
            } else {
                read_numbers(column, &mut |i, reason| {
                    cell_errors.push(error(line_of(i), name, reason));
                })
                .map(|cells| numbers.push((kind, cells)))
            };
            if let Err(reason) = read {
                header_errors.push(error(1, name, reason));
                unreadable_column = true;
            }
            // Present even when unreadable, so it is not also reported as missing.
            columns.push(kind);
        }
        let ids = ids.unwrap_or_else(|| vec![None; height]);
        let rows: Vec<BatchRow> = ids
            .into_par_iter()
            .enumerate()
            .map(|(i, id)| {
                let mut row = BatchRow {
                    line: line_of(i),
                    id,
                    ..Default::default()
                };
                for (kind, cells) in &numbers {
                    row.set(*kind, cells[i]);
                }
                row
            })
            .collect();
        let read = ReadProblems {
            header: header_errors,
            cells: cell_errors,
            unreadable_column,
        };
        let position = |column: &str| {
            df.columns()
                .iter()
                .position(|c| c.name().as_str() == column)
                .unwrap_or(usize::MAX)
        };
        // Every problem keeps its message: a caller in memory can show them all (Python's
        // `InvalidInputError.to_frame()`), and each costs no more than its row.
        StaffingBatch::from_read_table(source, columns, rows, read, position, usize::MAX)
    }
}

/// The line row `index` of a table would have in its CSV: the header is line 1.
fn line_of(index: usize) -> u64 {
    index as u64 + 2
}

/// Reads the `id` column as text (any type polars can cast to a string).
fn read_text(column: &Column) -> std::result::Result<Vec<Option<String>>, String> {
    let text = column
        .cast(&DataType::String)
        .map_err(|_| format!("has type {}, which cannot be read as text", column.dtype()))?;
    let text = text.str().map_err(|e| e.to_string())?;
    Ok(text.iter().map(|cell| cell.map(str::to_owned)).collect())
}

/// Reads a numeric column: numbers of any width as they are, text parsed per cell (each
/// failure reported through `cell_error` with the row index, the cell then empty), nulls
/// as empty cells.
fn read_numbers(
    column: &Column,
    cell_error: &mut dyn FnMut(usize, String),
) -> std::result::Result<Vec<Option<f64>>, String> {
    let dtype = column.dtype();
    if dtype.is_string() {
        let text = column.str().map_err(|e| e.to_string())?;
        let cells = text.iter().enumerate().map(|(i, cell)| {
            let cell = cell.map(str::trim).filter(|c| !c.is_empty())?;
            match cell.parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    cell_error(i, format!("not a number: {cell:?}"));
                    None
                }
            }
        });
        return Ok(cells.collect());
    }
    if !(dtype.is_primitive_numeric() || dtype.is_null()) {
        return Err(format!(
            "has type {dtype}; expected numbers (or text holding numbers)"
        ));
    }
    let numbers = column
        .cast(&DataType::Float64)
        .map_err(|_| format!("has type {dtype}, which cannot be read as numbers"))?;
    let numbers = numbers.f64().map_err(|e| e.to_string())?;
    if numbers.null_count() == 0 {
        // the common case: whole chunks of numbers, copied without a null check per cell
        let mut cells = Vec::with_capacity(numbers.len());
        for chunk in numbers.downcast_iter() {
            cells.extend(chunk.values().iter().map(|&v| Some(v)));
        }
        return Ok(cells);
    }
    Ok(numbers.iter().collect())
}

/// The solved batch as a DataFrame with the columns [`write_csv`](super::write_csv)
/// writes: the input columns (`id` as text, the others as `Float64`, empty cells as
/// nulls), then `agents` (`Int64`), `agents_fractional`, `agents_with_shrinkage`
/// (`Int64`), `service_level`, `asa_seconds`, `occupancy`, `waiting_probability`, and
/// `abandon_probability` when the batch has a `patience_seconds` column (all `Float64`).
///
/// `results` are those of [`StaffingBatch::solve`], one per row; as in `write_csv`, the
/// table has a row per pair of input row and result: one definition gives both (the
/// CSV's text is the frame's values written out).
///
/// # Errors
/// [`WfmError::Encode`](crate::WfmError::Encode) if polars cannot build the frame.
///
/// # Examples
/// ```
/// use polars::prelude::*;
/// use wfm::staffing::{DATAFRAME_SOURCE, StaffingBatch, results_to_dataframe};
///
/// let df = df!(
///     "id" => ["09:00", "09:30"],
///     "volume" => [100.0, 250.0],
///     "aht_seconds" => [180.0, 240.0],
///     "interval_seconds" => [1800.0, 1800.0],
///     "service_level_target" => [0.8, 0.8],
///     "service_level_seconds" => [20.0, 20.0],
///     "max_occupancy" => [0.85, 0.9],
///     "shrinkage" => [0.3, 0.3],
/// )?;
/// let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE)?;
/// let out = results_to_dataframe(&batch, &batch.solve()?)?;
/// let agents = out.column("agents")?.i64()?;
/// assert_eq!((agents.get(0), agents.get(1)), (Some(14), Some(39)));
/// let rostered = out.column("agents_with_shrinkage")?.i64()?;
/// assert_eq!((rostered.get(0), rostered.get(1)), (Some(20), Some(56)));
/// assert_eq!(out.width(), 8 + 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn results_to_dataframe(
    batch: &StaffingBatch,
    results: &[StaffingResult],
) -> Result<DataFrame> {
    debug_assert_eq!(batch.rows().len(), results.len(), "one result per row");
    super::results::frame(batch, results)
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::*;
    use crate::error::WfmError;
    use crate::staffing::read_csv_from;

    fn errors(result: Result<StaffingBatch>) -> Vec<String> {
        match result {
            Err(WfmError::InvalidInput { errors, .. }) => {
                errors.iter().map(ToString::to_string).collect()
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn reads_like_the_csv_reader() {
        let csv = "id,volume,aht_seconds,interval_seconds,asa_target_seconds,concurrency\n\
                   a,100,180,1800,15,\nb,40.5,300,900,20,2\n";
        let from_csv = read_csv_from(csv.as_bytes(), DATAFRAME_SOURCE).unwrap();
        let df = df!(
            "id" => ["a", "b"],
            "volume" => [100.0, 40.5],
            "aht_seconds" => [180i32, 300],
            "interval_seconds" => [1800u32, 900],
            "asa_target_seconds" => [15i64, 20],
            "concurrency" => [None, Some(2u32)],
        )
        .unwrap();
        let from_df = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE).unwrap();
        assert_eq!(from_df, from_csv);
    }

    #[test]
    fn text_cells_are_parsed_and_each_failure_is_named() {
        let df = df!(
            "volume" => [Some(" 100 "), Some("x"), None, Some("")],
            "aht_seconds" => ["180", "180", "1e2", "oops"],
            "interval_seconds" => [1800.0, 1800.0, 1800.0, 1800.0],
            "asa_target_seconds" => [15.0, 15.0, 15.0, 15.0],
        )
        .unwrap();
        // The values are checked too, in the same pass; a cell that is not a number is not
        // also reported as missing.
        assert_eq!(
            errors(StaffingBatch::from_dataframe(&df, "<t>")),
            [
                r#"<t>:3: volume: not a number: "x""#,
                "<t>:4: volume: missing value",
                "<t>:5: volume: missing value",
                r#"<t>:5: aht_seconds: not a number: "oops""#,
            ]
        );
        let ok = df.slice(0, 1);
        let batch = StaffingBatch::from_dataframe(&ok, "<t>").unwrap();
        assert_eq!(batch.rows()[0].get(StaffingColumn::Volume), Some(100.0));
    }

    #[test]
    fn header_problems_come_first_and_all_are_listed() {
        let df = df!(
            "volume" => ["1", "two"],
            "colour" => ["red", "blue"],
            "aht_seconds" => [true, false],
            "service_level_target" => [0.8, 0.8],
        )
        .unwrap();
        let errors = errors(StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE));
        assert!(
            errors[0].starts_with("<dataframe>:1: aht_seconds: has type bool; expected numbers")
        );
        assert!(!errors.iter().any(|e| e.contains("colour")), "{errors:#?}");
        let rest = &errors[1..];
        assert!(
            !rest.iter().any(|e| e.contains("aht_seconds")),
            "{errors:#?}"
        );
        assert!(rest.contains(&"<dataframe>:1: interval_seconds: missing column".to_owned()));
        assert!(
            rest.iter()
                .any(|e| e.starts_with("<dataframe>:1: service_level_seconds: missing"))
        );
        assert_eq!(
            errors.last().unwrap(),
            r#"<dataframe>:3: volume: not a number: "two""#
        );
    }

    #[test]
    fn other_columns_are_not_read_and_every_problem_is_kept() {
        let n = 12_000; // more than the CLI keeps (10,000)
        let df = df!(
            "queue" => vec!["sales"; n],
            "volume" => vec![-1.0; n],
            "aht_seconds" => vec![180.0; n],
            "interval_seconds" => vec![1800.0; n],
            "asa_target_seconds" => vec![15.0; n],
        )
        .unwrap();
        match StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE) {
            Err(WfmError::InvalidInput { errors, not_shown }) => {
                assert_eq!((errors.len(), not_shown), (n, 0));
                assert_eq!(
                    errors[n - 1].to_string(),
                    format!(
                        "<dataframe>:{}: volume: must be 0 or greater, got -1",
                        n + 1
                    )
                );
            }
            other => panic!("{other:?}"),
        }
        let ok = df!(
            "queue" => ["sales", "sales", "service"],
            "volume" => [0.0, 0.0, 0.0],
            "aht_seconds" => [180.0, 180.0, 180.0],
            "interval_seconds" => [1800.0, 1800.0, 1800.0],
            "asa_target_seconds" => [15.0, 15.0, 15.0],
        )
        .unwrap();
        let batch = StaffingBatch::from_dataframe(&ok, DATAFRAME_SOURCE).unwrap();
        assert_eq!(batch.columns().len(), 4, "queue is not a staffing column");
        let results = batch.solve().unwrap();
        assert!(results.iter().all(|r| r.staffing.agents == 0));
    }

    #[test]
    fn values_are_checked_when_the_batch_is_made_with_dataframe_lines() {
        let df = df!(
            "volume" => [f64::NAN, 100.0, 0.0],
            "aht_seconds" => [180.0, -1.0, 180.0],
            "interval_seconds" => [1800.0, 1800.0, 1800.0],
            "service_level_target" => [0.8, 1.0, 0.8],
            "service_level_seconds" => [20.0, 20.0, 20.0],
        )
        .unwrap();
        let errors: Vec<String> = match StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE) {
            Err(WfmError::InvalidInput { errors, .. }) => {
                errors.iter().map(|e| e.to_string()).collect()
            }
            other => panic!("{other:?}"),
        };
        // volume 0 (a closed interval) is valid: it needs no agents
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert_eq!(
            errors[0],
            "<dataframe>:2: volume: must be a finite number, got NaN"
        );
        assert_eq!(
            errors[1],
            "<dataframe>:3: aht_seconds: must be greater than 0, got -1"
        );
        assert!(errors[2].starts_with("<dataframe>:3: service_level_target: goal cannot be met"));
    }

    #[test]
    fn unreadable_cells_and_values_out_of_range_are_reported_together() {
        let df = df!(
            "volume" => ["100", "-5", "lots"],
            "aht_seconds" => [180.0, 180.0, 180.0],
            "interval_seconds" => [1800.0, 0.0, 1800.0],
            "asa_target_seconds" => [15.0, 15.0, 15.0],
            "shrinkage" => [1.0, 0.0, 0.0],
            "notes" => ["", "", ""],
        )
        .unwrap();
        let errors = errors(StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE));
        assert_eq!(
            errors,
            [
                "<dataframe>:2: shrinkage: must be at least 0 and below 1, got 1",
                "<dataframe>:3: volume: must be 0 or greater, got -5",
                "<dataframe>:3: interval_seconds: must be greater than 0, got 0",
                r#"<dataframe>:4: volume: not a number: "lots""#,
            ]
        );
    }

    #[test]
    fn an_id_of_any_type_is_read_as_text() {
        let df = df!(
            "id" => [Some(7i64), None],
            "volume" => [100.0, 100.0],
            "aht_seconds" => [180.0, 180.0],
            "interval_seconds" => [1800.0, 1800.0],
            "asa_target_seconds" => [15.0, 15.0],
        )
        .unwrap();
        let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE).unwrap();
        assert_eq!(batch.rows()[0].id.as_deref(), Some("7"));
        assert_eq!(batch.rows()[1].id, None);
    }

    #[test]
    fn results_have_the_csv_columns_and_types() {
        let df = df!(
            "id" => ["09:00"],
            "volume" => [100.0],
            "aht_seconds" => [180.0],
            "interval_seconds" => [1800.0],
            "service_level_target" => [0.8],
            "service_level_seconds" => [20.0],
            "max_occupancy" => [0.85],
            "shrinkage" => [0.3],
            "patience_seconds" => [None::<f64>],
        )
        .unwrap();
        let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE).unwrap();
        let results = batch.solve().unwrap();
        let out = results_to_dataframe(&batch, &results).unwrap();
        let names: Vec<&str> = out.get_column_names().iter().map(|n| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "volume",
                "aht_seconds",
                "interval_seconds",
                "service_level_target",
                "service_level_seconds",
                "max_occupancy",
                "shrinkage",
                "patience_seconds",
                "agents",
                "agents_fractional",
                "agents_with_shrinkage",
                "service_level",
                "asa_seconds",
                "occupancy",
                "waiting_probability",
                "abandon_probability",
            ]
        );
        assert_eq!(out.column("id").unwrap().dtype(), &DataType::String);
        assert_eq!(out.column("patience_seconds").unwrap().null_count(), 1);
        assert_eq!(
            out.column("agents").unwrap().i64().unwrap().get(0),
            Some(14)
        );
        assert_eq!(
            out.column("agents_with_shrinkage")
                .unwrap()
                .i64()
                .unwrap()
                .get(0),
            Some(20)
        );
        let sl = out
            .column("service_level")
            .unwrap()
            .f64()
            .unwrap()
            .get(0)
            .unwrap();
        assert!(sl >= 0.8);
        // Erlang C for a row without patience: nobody abandons.
        assert_eq!(
            out.column("abandon_probability")
                .unwrap()
                .f64()
                .unwrap()
                .get(0),
            Some(0.0)
        );
    }

    #[test]
    fn an_empty_table_gives_an_empty_result_with_every_column() {
        let df = df!(
            "volume" => Vec::<f64>::new(),
            "aht_seconds" => Vec::<f64>::new(),
            "interval_seconds" => Vec::<f64>::new(),
            "asa_target_seconds" => Vec::<f64>::new(),
        )
        .unwrap();
        let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE).unwrap();
        let out = results_to_dataframe(&batch, &batch.solve().unwrap()).unwrap();
        assert_eq!(out.shape(), (0, 4 + 7));
    }
}
