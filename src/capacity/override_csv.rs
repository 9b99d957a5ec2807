//! The plan override CSV (one row holding the "required FTE without shrinkage"
//! values per period): a header row of period start dates (`YYYY-MM-DD`, weekly or
//! monthly starts of the plan) and one row of values; an empty cell leaves its period
//! as computed.

use std::path::Path;

use chrono::NaiveDate;

use crate::error::{InputError, Result, WfmError};

/// Reads an override file: `(period start, required FTE)` pairs.
///
/// # Errors
/// [`WfmError::InvalidInput`] naming each bad cell (a header that is not a date, a value
/// that is not a non-negative number, a second row, a row of another length).
///
/// ```
/// let o = wfm::capacity::parse_override("2025-01-06,2025-01-13,2025-01-20\n120,,95.5", "o.csv")?;
/// assert_eq!(o.len(), 2);
/// assert_eq!(o[1].1, 95.5);
/// let e = wfm::capacity::parse_override("2025-01-06,Jan 13\n1,-2", "o.csv").unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!(errors.len(), 2);
/// assert_eq!((errors[0].line, errors[0].column.as_str()), (1, "Jan 13"));
/// # Ok::<(), wfm::WfmError>(())
/// ```
pub fn parse_override(text: &str, name: &str) -> Result<Vec<(NaiveDate, f64)>> {
    let error = |line: u64, column: &str, reason: String| InputError {
        file: name.to_owned(),
        line,
        column: column.to_owned(),
        reason,
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut errors = Vec::new();
    if lines.len() != 2 {
        errors.push(error(
            1,
            "",
            format!(
                "{} line(s): an override has a header of period start dates and one row of \
                 required FTE values",
                lines.len()
            ),
        ));
        return Err(WfmError::invalid_input(errors));
    }
    let dates: Vec<&str> = lines[0].split(',').map(str::trim).collect();
    let values: Vec<&str> = lines[1].split(',').map(str::trim).collect();
    if dates.len() != values.len() {
        errors.push(error(
            2,
            "",
            format!("{} values for {} periods", values.len(), dates.len()),
        ));
    }
    let mut out = Vec::new();
    for (date, value) in dates
        .iter()
        .zip(values.iter().chain(std::iter::repeat(&"")))
    {
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d");
        if day.is_err() {
            errors.push(error(
                1,
                date,
                "is not a period start date YYYY-MM-DD".into(),
            ));
        }
        if value.is_empty() {
            continue;
        }
        match value.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => {
                if let Ok(d) = day {
                    out.push((d, v));
                }
            }
            _ => errors.push(error(
                2,
                date,
                format!("{value:?} is not a non-negative number of FTE"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(WfmError::invalid_input(errors))
    }
}

/// Reads the override file at `path`.
///
/// # Errors
/// As [`parse_override`]; [`WfmError::Io`] if it cannot be read.
pub fn read_override(path: &Path) -> Result<Vec<(NaiveDate, f64)>> {
    let text = std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))?;
    parse_override(&text, &path.display().to_string())
}
