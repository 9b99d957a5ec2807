//! Small helpers the building blocks share to report invalid configuration.

use crate::error::{Result, SchedulerError};
use crate::model::time::GRID_MINUTES;

/// `InvalidValue` for `item.field = value`.
pub(crate) fn invalid(
    file: &str,
    item: &str,
    field: &'static str,
    value: impl ToString,
    reason: &str,
) -> SchedulerError {
    SchedulerError::InvalidValue {
        file: file.to_owned(),
        item: item.to_owned(),
        field,
        value: value.to_string(),
        reason: reason.to_owned(),
    }
}

/// Errors unless `min <= max`.
pub(crate) fn min_max(
    file: &str,
    item: &str,
    (min_field, min): (&str, f64),
    (max_field, max): (&str, f64),
) -> Result<()> {
    if min > max {
        return Err(SchedulerError::MinAboveMax {
            file: file.to_owned(),
            item: item.to_owned(),
            min_field: min_field.to_owned(),
            min,
            max_field: max_field.to_owned(),
            max,
        });
    }
    Ok(())
}

/// Errors unless `minutes` is a positive multiple of the grid, at most `max`.
pub(crate) fn duration(
    file: &str,
    item: &str,
    field: &'static str,
    minutes: u32,
    max: u32,
) -> Result<()> {
    if minutes == 0 || minutes > max {
        return Err(invalid(
            file,
            item,
            field,
            minutes,
            &format!("must be between {GRID_MINUTES} and {max} minutes"),
        ));
    }
    on_grid(file, item, field, i64::from(minutes))
}

/// Errors unless `minutes` is a multiple of the grid.
pub(crate) fn on_grid(file: &str, item: &str, field: &'static str, minutes: i64) -> Result<()> {
    if minutes % i64::from(GRID_MINUTES) != 0 {
        return Err(invalid(
            file,
            item,
            field,
            minutes,
            &format!("must be a multiple of {GRID_MINUTES} minutes"),
        ));
    }
    Ok(())
}

/// Errors when `count > limit`.
pub(crate) fn limit(file: &str, item: &str, field: &str, count: usize, limit: usize) -> Result<()> {
    if count > limit {
        return Err(SchedulerError::LimitExceeded {
            file: file.to_owned(),
            item: item.to_owned(),
            field: field.to_owned(),
            count,
            limit,
        });
    }
    Ok(())
}

/// Errors when a name is empty or repeated in `names`.
pub(crate) fn unique_names<'a>(
    file: &str,
    kind: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if name.trim().is_empty() {
            return Err(invalid(file, kind, "name", "''", "must not be empty"));
        }
        if !seen.insert(name) {
            return Err(SchedulerError::DuplicateName {
                file: file.to_owned(),
                kind: kind.to_owned(),
                name: name.to_owned(),
            });
        }
    }
    Ok(())
}
