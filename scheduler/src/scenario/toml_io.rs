//! Reading and writing the scenario file as TOML.

use crate::error::{Result, SchedulerError};
use crate::scenario::{SCENARIO_VERSION, Scenario, ScenarioConfig};

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn syntax(text: &str, file: &str, e: &toml::de::Error) -> SchedulerError {
    let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
    SchedulerError::ScenarioSyntax {
        file: file.to_owned(),
        line,
        column,
        reason: e.message().to_owned(),
    }
}

impl Scenario {
    /// Parses and validates a scenario file's text; `file` names it in errors.
    ///
    /// # Errors
    /// [`SchedulerError::ScenarioSyntax`] with line and column for TOML and type errors,
    /// [`SchedulerError::UnsupportedVersion`], else the validation errors of [`Scenario::new`].
    ///
    /// ```
    /// use wfm_scheduler::{Scenario, SchedulerError};
    /// let err = Scenario::from_toml("version = 2\n", "s.toml").unwrap_err();
    /// assert!(matches!(err, SchedulerError::UnsupportedVersion { found: 2, .. }));
    /// let err = Scenario::from_toml("version = 1\nname = 3\n", "s.toml").unwrap_err();
    /// assert!(matches!(err, SchedulerError::ScenarioSyntax { line: 2, .. }));
    /// ```
    pub fn from_toml(text: &str, file: &str) -> Result<Self> {
        let table: toml::Table = toml::from_str(text).map_err(|e| syntax(text, file, &e))?;
        match table.get("version") {
            Some(toml::Value::Integer(v)) if *v == i64::from(SCENARIO_VERSION) => {}
            Some(toml::Value::Integer(v)) => {
                return Err(SchedulerError::UnsupportedVersion {
                    file: file.to_owned(),
                    found: u32::try_from(*v).unwrap_or(u32::MAX),
                    supported: SCENARIO_VERSION,
                });
            }
            _ => {
                return Err(SchedulerError::ScenarioSyntax {
                    file: file.to_owned(),
                    line: 1,
                    column: 1,
                    reason: format!(
                        "missing integer key 'version' (use version = {SCENARIO_VERSION})"
                    ),
                });
            }
        }
        let config: ScenarioConfig = toml::from_str(text).map_err(|e| syntax(text, file, &e))?;
        Scenario::new(config, file)
    }

    /// Writes the scenario as TOML; [`Scenario::from_toml`] reads it back unchanged.
    ///
    /// # Errors
    /// [`SchedulerError::Export`] if serialization fails.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self.config()).map_err(|e| SchedulerError::Export(e.to_string()))
    }
}
