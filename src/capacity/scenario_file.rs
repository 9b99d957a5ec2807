//! Scenario files: documented TOML (see `data/scenarios/capacity_base.toml`), read into a
//! validated [`Scenario`]; a wrong field is named with its line and column.

use std::path::Path;

use wfm_core::CoreError;
use wfm_core::capacity::{Scenario, ScenarioSpec};

use crate::error::{InputError, Result, WfmError};

/// The 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

/// The line of the first `key =` (or `[goal.KEY]`) in `text`, for a field `a.b`.
fn line_of_field(text: &str, field: &str) -> u64 {
    let key = field.rsplit('.').next().unwrap_or(field);
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(&format!("{key} "))
                || l.starts_with(&format!("{key}="))
                || l.contains(&format!(".{key}]"))
        })
        .map_or(1, |i| i as u64 + 1)
}

/// Parses scenario TOML `text` from the file `name`.
///
/// # Errors
/// [`WfmError::InvalidInput`] naming the line and the field (TOML syntax, an unknown or
/// missing key, or a value the scenario rules refuse).
///
/// ```
/// let toml = "name = \"Base\"\ndaily_attrition = 0.002\nfte_hours_per_week = 40\n\
///             max_occupancy = 0.85\n[goal.VOICE]\nservice_level = 0.8\nservice_level_seconds = 20\n";
/// let s = wfm::capacity::parse_scenario(toml, "s.toml")?;
/// assert_eq!(s.name, "Base");
/// let e = wfm::capacity::parse_scenario(&toml.replace("0.85", "1.5"), "s.toml").unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!((errors[0].line, errors[0].column.as_str()), (4, "max_occupancy"));
/// # Ok::<(), wfm::WfmError>(())
/// ```
pub fn parse_scenario(text: &str, name: &str) -> Result<Scenario> {
    let spec: ScenarioSpec = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        WfmError::invalid_input(vec![InputError {
            file: name.to_owned(),
            line,
            column: format!("column {column}"),
            reason: e.message().to_owned(),
        }])
    })?;
    spec.validate().map_err(|e| match e {
        CoreError::InvalidScenario { field, reason } => WfmError::invalid_input(vec![InputError {
            file: name.to_owned(),
            line: line_of_field(text, &field),
            column: field,
            reason,
        }]),
        other => other.into(),
    })
}

/// Reads and validates the scenario file at `path`.
///
/// # Errors
/// As [`parse_scenario`]; [`WfmError::Io`] if it cannot be read.
pub fn read_scenario(path: &Path) -> Result<Scenario> {
    let text = std::fs::read_to_string(path).map_err(|e| WfmError::io(path, e))?;
    parse_scenario(&text, &path.display().to_string())
}
