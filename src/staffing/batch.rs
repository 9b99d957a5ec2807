//! The validated staffing batch and its parallel solve.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use wfm_erlang::{
    Concurrency, ErlangError, Goal, MaxOccupancy, Patience, QueueMetrics, Shrinkage, Staffing,
    StaffingRequest, Workload,
};

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

/// A staffing batch: which columns it has and its rows.
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
}

/// What a failed row holds in the first pass of [`StaffingBatch::solve`]; never returned.
const PLACEHOLDER: Staffing = Staffing {
    agents: 0,
    agents_fractional: 0.0,
    agents_with_shrinkage: 0,
    agents_with_shrinkage_fractional: 0.0,
    goal_agents: 0,
    occupancy_capped: false,
    metrics: QueueMetrics {
        agents: 0,
        servers: 0,
        traffic: 0.0,
        waiting_probability: 0.0,
        service_level: 0.0,
        asa_seconds: 0.0,
        occupancy: 0.0,
        queue_length: 0.0,
        abandon_probability: 0.0,
    },
};

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

impl StaffingBatch {
    /// A batch from `source` (a file name, or `<dataframe>`) with `columns` present.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] at line 1 when a required column is missing, a column
    /// appears twice, or the goal columns are incomplete.
    pub fn new(
        source: impl Into<String>,
        columns: Vec<StaffingColumn>,
        rows: Vec<BatchRow>,
    ) -> Result<Self> {
        let source = source.into();
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
        if errors.is_empty() {
            Ok(Self {
                source,
                columns,
                rows,
            })
        } else {
            Err(WfmError::InvalidInput { errors })
        }
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

    /// Validates every row into a staffing request.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] listing every invalid cell of every row.
    pub fn requests(&self) -> Result<Vec<StaffingRequest>> {
        // The common case, every row valid, collects straight into the answer; only a
        // batch with errors pays for a second pass that gathers every one of them.
        let valid: Option<Vec<StaffingRequest>> = self
            .rows
            .par_iter()
            .map(|row| self.request(row).ok())
            .collect();
        if let Some(requests) = valid {
            return Ok(requests);
        }
        let errors: Vec<InputError> = self
            .rows
            .par_iter()
            .filter_map(|row| self.request(row).err())
            .flatten_iter()
            .collect();
        Err(WfmError::InvalidInput { errors })
    }

    /// Validates and solves every row, in parallel on all cores.
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] listing every invalid cell (nothing is solved), or a
    /// row whose goal no staffing reaches.
    pub fn solve(&self) -> Result<Vec<StaffingResult>> {
        // One parallel pass validates and solves each row straight into the answer (one
        // allocation, indexed writes: a second `Vec` of results would cost more in page
        // faults than the search itself). A row that fails leaves a placeholder and
        // raises the flag; only then a second pass gathers every error.
        let failed = AtomicBool::new(false);
        let results: Vec<StaffingResult> = self
            .rows
            .par_iter()
            .map(|row| {
                let staffing = self
                    .request(row)
                    .ok()
                    .and_then(|request| request.solve().ok())
                    .unwrap_or_else(|| {
                        failed.store(true, Ordering::Relaxed);
                        PLACEHOLDER
                    });
                StaffingResult {
                    line: row.line,
                    erlang_a: row.get(StaffingColumn::PatienceSeconds).is_some(),
                    staffing,
                }
            })
            .collect();
        if !failed.load(Ordering::Relaxed) {
            return Ok(results);
        }
        drop(results);
        // Nothing is solved when any cell is invalid: those errors alone are reported.
        let requests = self.requests()?;
        let errors: Vec<InputError> = requests
            .par_iter()
            .zip(self.rows.par_iter())
            .filter_map(|(request, row)| {
                request
                    .solve()
                    .err()
                    .map(|e| self.error(row, "", e.to_string()))
            })
            .collect();
        Err(WfmError::InvalidInput { errors })
    }

    fn error(&self, row: &BatchRow, column: &str, reason: String) -> InputError {
        InputError {
            file: self.source.clone(),
            line: row.line,
            column: column.into(),
            reason,
        }
    }

    #[inline(always)]
    fn request(&self, row: &BatchRow) -> std::result::Result<StaffingRequest, Vec<InputError>> {
        use StaffingColumn as C;
        let mut check = RowCheck {
            batch: self,
            row,
            errors: Vec::new(),
        };
        let volume = check.required_positive(C::Volume);
        let aht = check.required_positive(C::AhtSeconds);
        let interval = check.required_positive(C::IntervalSeconds);
        let goal = match (
            row.get(C::ServiceLevelTarget),
            row.get(C::ServiceLevelSeconds),
            row.get(C::AsaTargetSeconds),
        ) {
            (Some(p), Some(t), None) => {
                check.erlang(C::ServiceLevelTarget, Goal::service_level(p, t))
            }
            (None, None, Some(t)) => check.erlang(C::AsaTargetSeconds, Goal::asa(t)),
            (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => check.fail(
                C::AsaTargetSeconds.name(),
                "give either a service-level goal or an ASA goal, not both",
            ),
            (Some(_), None, None) => check.fail(C::ServiceLevelSeconds.name(), "missing value"),
            (None, Some(_), None) => check.fail(C::ServiceLevelTarget.name(), "missing value"),
            (None, None, None) => check.fail(
                "",
                "no goal: fill service_level_target and service_level_seconds, or \
                 asa_target_seconds",
            ),
        };
        let max_occupancy = match row.get(C::MaxOccupancy) {
            None => Some(MaxOccupancy::default()),
            Some(v) => check.erlang(C::MaxOccupancy, MaxOccupancy::new(v)),
        };
        let shrinkage = match row.get(C::Shrinkage) {
            None => Some(Shrinkage::default()),
            Some(v) => check.erlang(C::Shrinkage, Shrinkage::new(v)),
        };
        let patience = match row.get(C::PatienceSeconds) {
            None => Some(None),
            Some(v) => check.erlang(C::PatienceSeconds, Patience::new(v)).map(Some),
        };
        let concurrency = match row.get(C::Concurrency) {
            None => Some(Concurrency::default()),
            Some(v) if v.fract() == 0.0 && (1.0..=1000.0).contains(&v) => {
                check.erlang(C::Concurrency, Concurrency::new(v as u32))
            }
            Some(v) => check.fail(
                C::Concurrency.name(),
                format!("must be a whole number from 1 to 1000, got {v}"),
            ),
        };
        let workload = match (volume, aht, interval) {
            (Some(v), Some(a), Some(i)) => check.erlang(C::Volume, Workload::new(v, a, i)),
            _ => None,
        };
        match (
            workload,
            goal,
            max_occupancy,
            shrinkage,
            patience,
            concurrency,
        ) {
            (Some(w), Some(g), Some(m), Some(s), Some(p), Some(c)) if check.errors.is_empty() => {
                let request = StaffingRequest::new(w, g)
                    .max_occupancy(m)
                    .shrinkage(s)
                    .concurrency(c);
                Ok(match p {
                    Some(p) => request.patience(p),
                    None => request,
                })
            }
            _ => Err(check.errors),
        }
    }
}

/// Collects the problems of one row.
struct RowCheck<'a> {
    batch: &'a StaffingBatch,
    row: &'a BatchRow,
    errors: Vec<InputError>,
}

impl RowCheck<'_> {
    #[cold]
    #[inline(never)]
    fn fail<T>(&mut self, column: &str, reason: impl Into<String>) -> Option<T> {
        self.errors
            .push(self.batch.error(self.row, column, reason.into()));
        None
    }

    /// A required numeric cell that must be positive (volume, AHT, interval: a batch
    /// row with no contacts is a mistake; leave closed intervals out).
    #[inline(always)]
    fn required_positive(&mut self, column: StaffingColumn) -> Option<f64> {
        match self.row.get(column) {
            None => self.fail(column.name(), "missing value"),
            Some(v) if !v.is_finite() => {
                self.fail(column.name(), format!("must be a finite number, got {v}"))
            }
            Some(v) if v <= 0.0 => {
                self.fail(column.name(), format!("must be greater than 0, got {v}"))
            }
            Some(v) => Some(v),
        }
    }

    #[inline]
    fn erlang<T>(
        &mut self,
        column: StaffingColumn,
        result: std::result::Result<T, ErlangError>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => self.fail(column.name(), reason_of(&e)),
        }
    }
}

/// The reason without the parameter name (the column already names it).
fn reason_of(e: &ErlangError) -> String {
    match e {
        ErlangError::NotFinite { value, .. } => format!("must be a finite number, got {value}"),
        ErlangError::OutOfRange {
            value, expected, ..
        } => format!("must be {expected}, got {value}"),
        other => other.to_string(),
    }
}
