//! The validated staffing batch and its parallel solve.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use wfm_erlang::{Staffing, StaffingRequest};

use super::row_check::{error, validate};
use crate::error::{InputError, Result, WfmError};

/// A column of a staffing batch. Names are the CSV header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaffingColumn {
    /// Optional free text carried to the output (an interval label).
    Id,
    /// Contacts offered in the interval (> 0).
    Volume,
    /// Average handle time in seconds (> 0).
    AhtSeconds,
    /// Interval length in seconds (> 0).
    IntervalSeconds,
    /// Service-level goal: share answered in time, in (0, 1).
    ServiceLevelTarget,
    /// Service-level goal: the answer-time threshold in seconds.
    ServiceLevelSeconds,
    /// ASA goal: the average speed of answer in seconds.
    AsaTargetSeconds,
    /// Maximum occupancy in (0, 1], default 1.
    MaxOccupancy,
    /// Shrinkage in [0, 1), default 0.
    Shrinkage,
    /// Mean patience in seconds: switches the row to Erlang A.
    PatienceSeconds,
    /// Contacts an agent works at once, default 1.
    Concurrency,
}

impl StaffingColumn {
    /// Every column, in the canonical order.
    pub const ALL: [Self; 11] = [
        Self::Id,
        Self::Volume,
        Self::AhtSeconds,
        Self::IntervalSeconds,
        Self::ServiceLevelTarget,
        Self::ServiceLevelSeconds,
        Self::AsaTargetSeconds,
        Self::MaxOccupancy,
        Self::Shrinkage,
        Self::PatienceSeconds,
        Self::Concurrency,
    ];

    /// The header name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Volume => "volume",
            Self::AhtSeconds => "aht_seconds",
            Self::IntervalSeconds => "interval_seconds",
            Self::ServiceLevelTarget => "service_level_target",
            Self::ServiceLevelSeconds => "service_level_seconds",
            Self::AsaTargetSeconds => "asa_target_seconds",
            Self::MaxOccupancy => "max_occupancy",
            Self::Shrinkage => "shrinkage",
            Self::PatienceSeconds => "patience_seconds",
            Self::Concurrency => "concurrency",
        }
    }

    /// The column with this header name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One row: its line in the source and its cells (`None` = empty or absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchRow {
    /// The 1-based line of the row in its source (the header is line 1).
    pub line: u64,
    /// The `id` cell, if any.
    pub id: Option<String>,
    /// The numeric cells, indexed by [`StaffingColumn`] (the `Id` slot is unused).
    pub values: [Option<f64>; 11],
}

impl BatchRow {
    /// The cell of `column`.
    pub fn get(&self, column: StaffingColumn) -> Option<f64> {
        self.values[column.index()]
    }

    /// Sets the cell of `column`.
    pub fn set(&mut self, column: StaffingColumn, value: Option<f64>) {
        self.values[column.index()] = value;
    }
}

/// A validated staffing batch: which columns it has, its rows, and each row's request.
///
/// A batch that exists is valid: [`new`](Self::new) checks the header and every cell,
/// so [`solve`](Self::solve) only solves (and fails only on a goal no staffing reaches).
///
/// # Examples
/// ```
/// use wfm::staffing::{BatchRow, StaffingBatch, StaffingColumn as C};
/// let columns = vec![C::Volume, C::AhtSeconds, C::IntervalSeconds, C::AsaTargetSeconds];
/// let mut row = BatchRow { line: 2, ..Default::default() };
/// for (c, v) in columns.iter().zip([100.0, 180.0, 1800.0, 15.0]) {
///     row.set(*c, Some(v));
/// }
/// let batch = StaffingBatch::new("<example>", columns, vec![row])?;
/// let results = batch.solve()?;
/// assert!(results[0].staffing.metrics.asa_seconds <= 15.0);
/// # Ok::<(), wfm::WfmError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingBatch {
    source: String,
    columns: Vec<StaffingColumn>,
    rows: Vec<BatchRow>,
    /// One per row, in order.
    requests: Vec<StaffingRequest>,
}

/// One solved row.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingResult {
    /// The row's line in its source.
    pub line: u64,
    /// Whether the row used Erlang A (it has a patience).
    pub erlang_a: bool,
    /// The answer.
    pub staffing: Staffing,
}

/// What a reader found wrong with a table before its batch is made (see
/// [`StaffingBatch::from_read_table`]).
#[derive(Debug)]
pub(super) struct ReadProblems {
    /// Problems with the header (line 1): unknown columns, unreadable columns.
    pub header: Vec<InputError>,
    /// Cells and records that could not be read.
    pub cells: Vec<InputError>,
    /// Whether a whole column could not be read (its cells would all be "missing").
    pub unreadable_column: bool,
}

impl StaffingBatch {
    /// A batch from `source` (a file name, or `<dataframe>`) with `columns` present:
    /// validates the header, then every cell of every row into a staffing request.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] at line 1 when a required column is missing, a column
    /// appears twice, or the goal columns are incomplete; else listing every invalid
    /// cell of every row (a missing or out-of-range value, two goals in one row).
    pub fn new(
        source: impl Into<String>,
        columns: Vec<StaffingColumn>,
        rows: Vec<BatchRow>,
    ) -> Result<Self> {
        Self::keeping(source.into(), columns, rows, super::row_check::MAX_KEPT)
    }

    /// [`new`](Self::new), keeping the messages of `max_kept` problems at most (the
    /// others are counted).
    fn keeping(
        source: String,
        columns: Vec<StaffingColumn>,
        rows: Vec<BatchRow>,
        max_kept: usize,
    ) -> Result<Self> {
        let mut errors = Vec::new();
        let header_error = |column: &str, reason: String| InputError {
            file: source.clone(),
            line: 1,
            column: column.to_owned(),
            reason,
        };
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].contains(c) {
                errors.push(header_error(c.name(), "column appears twice".into()));
            }
        }
        use StaffingColumn as C;
        for required in [C::Volume, C::AhtSeconds, C::IntervalSeconds] {
            if !columns.contains(&required) {
                errors.push(header_error(required.name(), "missing column".into()));
            }
        }
        let has_sl = columns.contains(&C::ServiceLevelTarget);
        let has_sl_seconds = columns.contains(&C::ServiceLevelSeconds);
        if has_sl != has_sl_seconds {
            let missing = if has_sl {
                C::ServiceLevelSeconds
            } else {
                C::ServiceLevelTarget
            };
            errors.push(header_error(
                missing.name(),
                "missing column: a service-level goal needs both service_level_target and \
                 service_level_seconds"
                    .into(),
            ));
        }
        if !has_sl && !has_sl_seconds && !columns.contains(&C::AsaTargetSeconds) {
            errors.push(header_error(
                "",
                "missing goal columns: give service_level_target with service_level_seconds, \
                 or asa_target_seconds"
                    .into(),
            ));
        }
        if !errors.is_empty() {
            return Err(WfmError::invalid_input(errors));
        }
        let requests = validate(&source, &rows, max_kept)?;
        Ok(Self {
            source,
            columns,
            rows,
            requests,
        })
    }

    /// Where the batch came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The columns present, in input order.
    pub fn columns(&self) -> &[StaffingColumn] {
        &self.columns
    }

    /// The rows.
    pub fn rows(&self) -> &[BatchRow] {
        &self.rows
    }

    /// Whether any row may use Erlang A (the batch has a `patience_seconds` column).
    pub fn has_patience(&self) -> bool {
        self.columns.contains(&StaffingColumn::PatienceSeconds)
    }

    /// The staffing request of each row, in order.
    pub fn requests(&self) -> &[StaffingRequest] {
        &self.requests
    }

    /// Solves every row, in parallel on all cores.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] listing every row whose goal no staffing reaches.
    pub fn solve(&self) -> Result<Vec<StaffingResult>> {
        let mut results = Vec::new();
        if self.solve_rows(0..self.rows.len(), &mut results) {
            Ok(results)
        } else {
            Err(self.unreachable())
        }
    }

    /// How many rows [`solve_chunks`](Self::solve_chunks) solves at a time when asked
    /// for the default: their results (136 bytes each, about 0.5 MB) stay in the cache,
    /// and a batch of any length needs no more memory for its results than this.
    pub const CHUNK_ROWS: usize = 4096;

    /// Solves the rows `rows_per_chunk` at a time (each chunk in parallel
    /// on all cores, into one buffer reused from chunk to chunk), and hands each chunk's
    /// rows and results to `each`, in order. For a caller that streams the results out,
    /// such as the CLI writing a CSV: memory for one chunk's results, not the batch's.
    ///
    /// # Errors
    /// As [`solve`](Self::solve), reported for the whole batch when any chunk fails:
    /// `each` may have seen earlier chunks by then, and the caller discards them (the
    /// batch is applied whole or not at all). Or the first error `each` returns.
    ///
    /// # Examples
    /// ```
    /// use wfm::staffing::{BatchRow, StaffingBatch, StaffingColumn as C};
    /// let columns = vec![C::Volume, C::AhtSeconds, C::IntervalSeconds, C::AsaTargetSeconds];
    /// let rows = (0..5)
    ///     .map(|i| {
    ///         let mut row = BatchRow { line: i + 2, ..Default::default() };
    ///         for (c, v) in columns.iter().zip([100.0 * (i + 1) as f64, 180.0, 1800.0, 15.0]) {
    ///             row.set(*c, Some(v));
    ///         }
    ///         row
    ///     })
    ///     .collect();
    /// let batch = StaffingBatch::new("<example>", columns, rows)?;
    /// let mut agents = Vec::new();
    /// batch.solve_chunks(2, |rows, results| {
    ///     assert_eq!(rows.len(), results.len());
    ///     agents.extend(results.iter().map(|r| r.staffing.agents));
    ///     Ok(())
    /// })?;
    /// let whole: Vec<u64> = batch.solve()?.iter().map(|r| r.staffing.agents).collect();
    /// assert_eq!(agents, whole);
    /// # Ok::<(), wfm::WfmError>(())
    /// ```
    pub fn solve_chunks(
        &self,
        rows_per_chunk: usize,
        mut each: impl FnMut(&[BatchRow], &[StaffingResult]) -> Result<()> + Send,
    ) -> Result<()> {
        // The whole loop runs on a thread of the pool, so each chunk's parallel pass starts
        // from inside it: from outside, every chunk would hand its work to the pool and
        // sleep until it is done, two thread switches a chunk (a tenth of the solve time
        // of the 20,000-row benchmark on one thread).
        rayon::scope(|_| {
            let step = rows_per_chunk.max(1);
            let mut results = Vec::with_capacity(step.min(self.rows.len()));
            for start in (0..self.rows.len()).step_by(step) {
                let range = start..(start + step).min(self.rows.len());
                results.clear();
                if !self.solve_rows(range.clone(), &mut results) {
                    return Err(self.unreachable());
                }
                each(&self.rows[range], &results)?;
            }
            Ok(())
        })
    }

    /// Solves the rows in `range` in one parallel pass, appending their results to
    /// `out` (indexed writes into its spare capacity, no second `Vec`: its page faults
    /// would cost more than the search itself); `false` when a row's goal is
    /// unreachable (`out` then holds placeholders for those rows).
    fn solve_rows(&self, range: Range<usize>, out: &mut Vec<StaffingResult>) -> bool {
        let failed = AtomicBool::new(false);
        let requests = &self.requests[range.clone()];
        out.par_extend(
            requests
                .par_iter()
                .zip(&self.rows[range])
                .map(|(request, row)| StaffingResult {
                    line: row.line,
                    erlang_a: request.has_patience(),
                    staffing: request.solve().unwrap_or_else(|_| {
                        failed.store(true, Ordering::Relaxed);
                        Staffing::default()
                    }),
                }),
        );
        !failed.load(Ordering::Relaxed)
    }

    /// Makes the batch of a table a reader (CSV, DataFrame) has read, with the problems
    /// the reader found on the way: it fails with every problem, the reader's and the
    /// batch's own, or makes the batch when there is none. Header problems (line 1) come
    /// first, the reader's then the batch's; then every cell problem in file order, by line
    /// and then by `position` of the column (row problems, with no column, where
    /// `position("")` puts them). A value out of range is listed too unless it only
    /// repeats a cell the reader could not read (such a cell is also "missing"), and none
    /// is when a whole column was unreadable. The messages of `max_kept` problems are
    /// kept at most, the others counted.
    pub(super) fn from_read_table(
        source: &str,
        columns: Vec<StaffingColumn>,
        rows: Vec<BatchRow>,
        read: ReadProblems,
        position: impl Fn(&str) -> usize,
        max_kept: usize,
    ) -> Result<Self> {
        let ReadProblems {
            mut header,
            mut cells,
            unreadable_column,
        } = read;
        let made = Self::keeping(source.to_owned(), columns, rows, max_kept);
        if header.is_empty() && cells.is_empty() {
            return made;
        }
        // the batch's problems beyond those it kept (its count may include some that
        // repeat a reader's problem: counted once each way, an estimate of at most that)
        let mut not_shown = 0;
        match made {
            // Only the reader's problems: every cell that reads as a number is valid.
            Ok(_) => {}
            // The header is wrong: no cell is checked.
            Err(WfmError::InvalidInput { errors, .. }) if errors.iter().any(|e| e.line == 1) => {
                header.extend(errors);
            }
            Err(WfmError::InvalidInput {
                errors,
                not_shown: more,
            }) => {
                if !unreadable_column {
                    let unread: std::collections::HashSet<(u64, &str)> =
                        cells.iter().map(|c| (c.line, c.column.as_str())).collect();
                    let unread_lines: std::collections::HashSet<u64> =
                        cells.iter().map(|c| c.line).collect();
                    let repeats = |e: &InputError| {
                        if e.column.is_empty() {
                            unread_lines.contains(&e.line)
                        } else {
                            unread.contains(&(e.line, e.column.as_str()))
                        }
                    };
                    let range: Vec<InputError> =
                        errors.into_iter().filter(|e| !repeats(e)).collect();
                    cells.extend(range);
                    not_shown = more;
                }
            }
            Err(e) => return Err(e),
        }
        cells.sort_by_cached_key(|e| (e.line, position(&e.column)));
        header.append(&mut cells);
        let kept = max_kept.max(1);
        if header.len() > kept {
            not_shown += (header.len() - kept) as u64;
            header.truncate(kept);
        }
        Err(WfmError::InvalidInput {
            errors: header,
            not_shown,
        })
    }

    /// Every row whose goal no staffing reaches, for a batch that failed to solve.
    #[cold]
    fn unreachable(&self) -> WfmError {
        let errors: Vec<InputError> = self
            .requests
            .par_iter()
            .zip(&self.rows)
            .filter_map(|(request, row)| {
                let e = request.solve().err()?;
                Some(error(&self.source, row, "", e.to_string()))
            })
            .collect();
        WfmError::invalid_input(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StaffingColumn as C;

    /// A batch of `volumes` (AHT 180 s, 30 minutes, ASA 15 s), lines from 2.
    fn batch(volumes: &[f64]) -> Result<StaffingBatch> {
        let columns = vec![
            C::Volume,
            C::AhtSeconds,
            C::IntervalSeconds,
            C::AsaTargetSeconds,
        ];
        let rows = volumes
            .iter()
            .zip(2..)
            .map(|(&volume, line)| {
                let mut row = BatchRow {
                    line,
                    ..Default::default()
                };
                for (c, v) in columns.iter().zip([volume, 180.0, 1800.0, 15.0]) {
                    row.set(*c, Some(v));
                }
                row
            })
            .collect();
        StaffingBatch::new("t.csv", columns, rows)
    }

    #[test]
    fn chunks_of_any_size_give_the_whole_answer_in_order() {
        let volumes: Vec<f64> = (1..=23).map(|i| f64::from(i) * 37.0).collect();
        let b = batch(&volumes).unwrap();
        let whole = b.solve().unwrap();
        for size in [0, 1, 2, 5, 22, 23, 100] {
            let mut got = Vec::new();
            b.solve_chunks(size, |rows, results| {
                assert_eq!(rows.len(), results.len());
                assert!(rows.iter().zip(results).all(|(r, s)| r.line == s.line));
                got.extend_from_slice(results);
                Ok(())
            })
            .unwrap();
            assert_eq!(got, whole, "chunks of {size}");
        }
    }

    #[test]
    fn invalid_cells_are_refused_when_the_batch_is_made() {
        let errors = match batch(&[100.0, -1.0, f64::INFINITY]) {
            Err(WfmError::InvalidInput { errors, .. }) => errors,
            other => panic!("{other:?}"),
        };
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "t.csv:3: volume: must be 0 or greater, got -1",
                "t.csv:4: volume: must be a finite number, got inf"
            ]
        );
    }

    #[test]
    fn an_unreachable_row_stops_the_chunks_and_names_every_such_row() {
        // Valid cells, but 10¹² contacts is beyond the largest workload the search takes.
        let b = batch(&[100.0, 200.0, 300.0, 1e12, 500.0, 1e12]).unwrap();
        let mut seen = Vec::new();
        let err = b
            .solve_chunks(2, |rows, _| {
                seen.extend(rows.iter().map(|r| r.line));
                Ok(())
            })
            .unwrap_err();
        assert_eq!(
            seen,
            [2, 3],
            "the chunk with the failing row is not handed out"
        );
        let WfmError::InvalidInput { errors, .. } = err else {
            panic!("{err:?}")
        };
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 7]);
        assert!(
            errors[0].reason.contains("100,000,000 Erlangs"),
            "{errors:?}"
        );
        assert!(
            matches!(b.solve(), Err(WfmError::InvalidInput { errors, .. }) if errors.len() == 2)
        );
    }
}
