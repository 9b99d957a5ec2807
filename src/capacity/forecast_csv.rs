//! The forecast CSV (SPEC §3) from a path: the file opened and read by the one reader,
//! [`wfm_core::forecast::read_forecast_csv`], every problem named as
//! `FILE:LINE: COLUMN: reason`.

use std::path::Path;

use wfm_core::forecast::{ForecastKind, GroupForecast};

use crate::error::{Result, WfmError};
use crate::files::Input;

/// Reads the forecast CSV at `path` of `kind` (long-term: `daily` rows at midnight UTC;
/// short-term: rows of one interval length) into a group forecast.
///
/// ```
/// use wfm::core::forecast::ForecastKind;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("lt.csv");
/// std::fs::write(&path, "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
///                        Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200.5,310\n\
///                        Sales,q1,FAX,2025-01-07T00:00:00Z,daily,-3,310\n")?;
/// let e = wfm::capacity::read_forecast_csv(&path, ForecastKind::Long).unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert!(errors[0].to_string().ends_with("lt.csv:3: ChannelType: \"FAX\" is not VOICE, CHAT or TASK"));
/// assert_eq!(errors[1].column, "IncomingContactVolume");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem; [`WfmError::Io`] if it cannot be read.
pub fn read_forecast_csv(path: &Path, kind: ForecastKind) -> Result<GroupForecast> {
    read_forecast_input(&Input::from(path), kind)
}

/// [`read_forecast_csv`] of an [`Input`]: a file or CSV text in memory (a DataFrame).
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem, named by the input's name;
/// [`WfmError::Io`] if it cannot be read.
pub fn read_forecast_input(input: &Input, kind: ForecastKind) -> Result<GroupForecast> {
    let name = input.name();
    wfm_core::forecast::read_forecast_csv(input.open()?, &name, kind).map_err(|e| match e {
        wfm_core::CoreError::Io { message, .. } => input.io_error(std::io::Error::other(message)),
        other => WfmError::from(other),
    })
}
