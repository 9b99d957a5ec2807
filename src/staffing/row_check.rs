//! The row check of a staffing batch: every cell of a row into its staffing request, or
//! every problem with it named by line and column.

use rayon::prelude::*;
use wfm_erlang::{
    Concurrency, ErlangError, Goal, MaxOccupancy, Patience, Shrinkage, StaffingRequest, Workload,
};

use super::batch::{BatchRow, StaffingColumn};
use crate::error::{InputError, Result, WfmError};

/// The problems of a batch kept with their messages; the others are counted
/// ([`WfmError::InvalidInput`]'s `not_shown`), as the history parser does.
pub(super) const MAX_KEPT: usize = wfm_core::history::DEFAULT_MAX_ISSUES;

/// Validates every row of a batch from `source` into its staffing request.
///
/// The common case, every row valid, collects straight into the answer and builds no
/// message; only a batch with errors pays for a second pass that counts every problem
/// (in parallel) and a third that builds the messages of the first `max_kept` (the CLI's
/// [`MAX_KEPT`]), in file order (a million bad rows do not make a million messages).
/// `max_kept` problems keep their messages (at most); the others are counted.
pub(super) fn validate(
    source: &str,
    rows: &[BatchRow],
    max_kept: usize,
) -> Result<Vec<StaffingRequest>> {
    let valid: Option<Vec<StaffingRequest>> = rows
        .par_iter()
        .map(|row| checked_request(source, row, &mut AnyProblem(false)))
        .collect();
    if let Some(requests) = valid {
        return Ok(requests);
    }
    let total: u64 = rows
        .par_iter()
        .map(|row| {
            let mut count = CountProblems(0);
            checked_request(source, row, &mut count);
            count.0
        })
        .sum();
    let mut errors: Vec<InputError> = Vec::new();
    for row in rows {
        if errors.len() >= max_kept {
            break;
        }
        let mut problems = Vec::new();
        if checked_request(source, row, &mut problems).is_none() {
            errors.extend(problems);
        }
    }
    errors.truncate(max_kept);
    let not_shown = total.saturating_sub(errors.len() as u64);
    Err(WfmError::InvalidInput { errors, not_shown })
}

pub(super) fn error(source: &str, row: &BatchRow, column: &str, reason: String) -> InputError {
    InputError {
        file: source.to_owned(),
        line: row.line,
        column: column.into(),
        reason,
    }
}

/// Checks every cell of `row`, telling `problems` of each one; the request when there
/// is none.
fn checked_request(
    source: &str,
    row: &BatchRow,
    problems: &mut impl Problems,
) -> Option<StaffingRequest> {
    use StaffingColumn as C;
    let mut check = RowCheck {
        source,
        row,
        problems,
    };
    let volume = check.required_at_least_zero(C::Volume);
    let aht = check.required_positive(C::AhtSeconds);
    let interval = check.required_positive(C::IntervalSeconds);
    let goal = match (
        row.get(C::ServiceLevelTarget),
        row.get(C::ServiceLevelSeconds),
        row.get(C::AsaTargetSeconds),
    ) {
        (Some(p), Some(t), None) => check.erlang(C::ServiceLevelTarget, Goal::service_level(p, t)),
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
        (Some(w), Some(g), Some(m), Some(s), Some(p), Some(c)) if !check.problems.any() => {
            let request = StaffingRequest::new(w, g)
                .max_occupancy(m)
                .shrinkage(s)
                .concurrency(c);
            Some(match p {
                Some(p) => request.patience(p),
                None => request,
            })
        }
        _ => None,
    }
}

/// Where the problems of a row go.
trait Problems {
    /// Tells of one problem (`problem` builds its message, if it is wanted).
    fn record(&mut self, problem: impl FnOnce() -> InputError);
    /// Whether any problem was told.
    fn any(&self) -> bool;
}

/// Every problem, with its message.
impl Problems for Vec<InputError> {
    fn record(&mut self, problem: impl FnOnce() -> InputError) {
        self.push(problem());
    }

    fn any(&self) -> bool {
        !self.is_empty()
    }
}

/// How many problems, without their messages.
struct CountProblems(u64);

impl Problems for CountProblems {
    fn record(&mut self, _: impl FnOnce() -> InputError) {
        self.0 += 1;
    }

    fn any(&self) -> bool {
        self.0 > 0
    }
}

/// Only whether there is a problem.
struct AnyProblem(bool);

impl Problems for AnyProblem {
    fn record(&mut self, _: impl FnOnce() -> InputError) {
        self.0 = true;
    }

    fn any(&self) -> bool {
        self.0
    }
}

/// Checks the cells of one row.
struct RowCheck<'a, P> {
    source: &'a str,
    row: &'a BatchRow,
    problems: &'a mut P,
}

impl<P: Problems> RowCheck<'_, P> {
    #[cold]
    #[inline(never)]
    fn fail<T>(&mut self, column: &str, reason: impl Into<String>) -> Option<T> {
        let (source, row) = (self.source, self.row);
        self.problems
            .record(|| error(source, row, column, reason.into()));
        None
    }

    /// A required numeric cell that must be at least 0: the volume (a closed interval,
    /// volume 0, needs 0 agents, as `wfm staff --volume 0` answers).
    #[inline(always)]
    fn required_at_least_zero(&mut self, column: StaffingColumn) -> Option<f64> {
        match self.row.get(column) {
            None => self.fail(column.name(), "missing value"),
            Some(v) if !v.is_finite() => {
                self.fail(column.name(), format!("must be a finite number, got {v}"))
            }
            Some(v) if v < 0.0 => {
                self.fail(column.name(), format!("must be 0 or greater, got {v}"))
            }
            Some(v) => Some(v),
        }
    }

    /// A required numeric cell that must be positive (AHT, interval).
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
