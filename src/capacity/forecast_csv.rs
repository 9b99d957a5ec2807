//! The forecast CSV (`QueueName,QueueId,ChannelType,TimeStamp,
//! IntervalDuration,IncomingContactVolume,AverageHandleTime`, optionally followed by
//! quantile columns `P10`, `P50`, … which are ignored here), read with every problem named
//! as `FILE:LINE: COLUMN: reason`.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDateTime;
use wfm_core::capacity::ForecastPoint;
use wfm_core::history::HISTORY_HEADER;
use wfm_core::{Channel, IntervalLength};

use crate::csv_line::record_line;
use crate::error::{InputError, Result, WfmError};

/// The first seven columns of a forecast CSV, exactly: the history CSV header without
/// `ContactsHandled` (so a forecast file reads like history).
pub const FORECAST_HEADER: [&str; 7] = {
    let h = HISTORY_HEADER;
    [h[0], h[1], h[2], h[3], h[4], h[5], h[6]]
};

/// Which rows a forecast file must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForecastKind {
    /// Long-term: `daily` rows starting at midnight UTC.
    Daily,
    /// Short-term: rows of one interval length (`15mins` or `30mins`), the same in every
    /// row; the length found is returned.
    Intervals,
}

/// A forecast file's points and, for short-term files, its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastFile {
    /// Every row, in file order.
    pub points: Vec<ForecastPoint>,
    /// The interval length of a short-term file.
    pub interval: Option<IntervalLength>,
}

/// Reads a forecast CSV at `path`.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem; [`WfmError::Io`] if it cannot be read.
pub fn read_forecast_csv(path: &Path, kind: ForecastKind) -> Result<ForecastFile> {
    let file = File::open(path).map_err(|e| WfmError::io(path, e))?;
    read_forecast_from(file, &path.display().to_string(), kind)
}

/// [`read_forecast_csv`] from any reader; `name` stands for the file in errors.
///
/// # Errors
/// As [`read_forecast_csv`].
///
/// ```
/// use wfm::capacity::{read_forecast_from, ForecastKind};
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
///            Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200.5,310\n\
///            Sales,q1,FAX,2025-01-07T00:00:00Z,daily,-3,310\n";
/// let e = read_forecast_from(csv.as_bytes(), "lt.csv", ForecastKind::Daily).unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!(errors[0].to_string(), "lt.csv:3: ChannelType: \"FAX\" is not VOICE, CHAT or TASK");
/// assert_eq!(errors[1].column, "IncomingContactVolume");
/// ```
pub fn read_forecast_from(
    mut input: impl Read,
    name: &str,
    kind: ForecastKind,
) -> Result<ForecastFile> {
    // Read whole (the points are kept anyway), so that each record's line can be found.
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| WfmError::io(name, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[..]);
    let mut errors = Vec::new();
    let error = |line: u64, column: &str, reason: String| InputError {
        file: name.to_owned(),
        line,
        column: column.to_owned(),
        reason,
    };
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(WfmError::invalid_input(vec![error(
                1,
                "",
                "empty file: expected the forecast header".into(),
            )]));
        }
        Some(Err(e)) => {
            return Err(WfmError::invalid_input(vec![error(
                1,
                "",
                format!("unreadable header: {e}"),
            )]));
        }
        Some(Ok(h)) => h,
    };
    let names: Vec<&str> = header.iter().collect();
    let extra_ok = names
        .iter()
        .skip(FORECAST_HEADER.len())
        .all(|n| n.len() > 1 && n.starts_with('P') && n[1..].chars().all(|c| c.is_ascii_digit()));
    if names.len() < FORECAST_HEADER.len()
        || names.iter().zip(FORECAST_HEADER).any(|(n, e)| *n != e)
        || !extra_ok
    {
        return Err(WfmError::invalid_input(vec![error(
            1,
            "",
            format!(
                "the header must be {} (then optional quantile columns P10, P50, …), got {}",
                FORECAST_HEADER.join(","),
                names.join(",")
            ),
        )]));
    }
    let mut points = Vec::new();
    let mut interval: Option<(IntervalLength, u64)> = None;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| record_line(&bytes, p));
                errors.push(error(line, "", format!("not readable as CSV text: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| record_line(&bytes, p));
        if record.len() != names.len() {
            errors.push(error(
                line,
                "",
                format!(
                    "has {} fields, the header has {}",
                    record.len(),
                    names.len()
                ),
            ));
            continue;
        }
        let before = errors.len();
        let channel = record[2].parse::<Channel>().map_err(|_| {
            error(
                line,
                "ChannelType",
                format!("{:?} is not VOICE, CHAT or TASK", &record[2]),
            )
        });
        let start = NaiveDateTime::parse_from_str(&record[3], "%Y-%m-%dT%H:%M:%SZ")
            .map(|t| t.and_utc())
            .map_err(|_| {
                error(
                    line,
                    "TimeStamp",
                    format!(
                        "{:?} is not an ISO 8601 UTC time like 2025-01-06T00:00:00Z",
                        &record[3]
                    ),
                )
            });
        let number = |col: usize| -> std::result::Result<f64, InputError> {
            match record[col].parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                _ => Err(error(
                    line,
                    FORECAST_HEADER[col],
                    format!("{:?} is not a non-negative number", &record[col]),
                )),
            }
        };
        let (volume, aht) = (number(5), number(6));
        let duration = &record[4];
        match kind {
            ForecastKind::Daily if duration != "daily" => errors.push(error(
                line,
                "IntervalDuration",
                format!("{duration:?}: a long-term forecast has daily rows only"),
            )),
            ForecastKind::Intervals => match duration.parse::<IntervalLength>() {
                Err(_) => errors.push(error(
                    line,
                    "IntervalDuration",
                    format!("{duration:?}: a short-term forecast has 15mins or 30mins rows"),
                )),
                Ok(i) => match interval {
                    None => interval = Some((i, line)),
                    Some((first, at)) if first != i => errors.push(error(
                        line,
                        "IntervalDuration",
                        format!(
                            "{duration:?}, but line {at} is {first}: one interval length a file"
                        ),
                    )),
                    Some(_) => {}
                },
            },
            ForecastKind::Daily => {}
        }
        for r in [
            channel.as_ref().err(),
            start.as_ref().err(),
            volume.as_ref().err(),
            aht.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        {
            errors.push(r.clone());
        }
        if errors.len() > before {
            continue;
        }
        if let (Ok(channel), Ok(start), Ok(volume), Ok(aht_seconds)) = (channel, start, volume, aht)
        {
            let step = match (kind, interval) {
                (ForecastKind::Daily, _) => 86_400,
                (_, Some((i, _))) => i64::from(i.seconds()),
                _ => 1,
            };
            if start.timestamp().rem_euclid(step) != 0 {
                let what = if step == 86_400 {
                    "midnight UTC"
                } else {
                    "an interval boundary"
                };
                errors.push(error(
                    line,
                    "TimeStamp",
                    format!("{:?} is not {what}", &record[3]),
                ));
                continue;
            }
            points.push(ForecastPoint {
                channel,
                start,
                volume,
                aht_seconds,
            });
        }
    }
    if !errors.is_empty() {
        return Err(WfmError::invalid_input(errors));
    }
    Ok(ForecastFile {
        points,
        interval: interval.map(|(i, _)| i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found beside a fuzzing find (issue 17): after a blank line, a row's error named the blank
    /// line above it (the csv crate's position is where the previous record ended).
    #[test]
    fn forecast_errors_name_the_row_after_blank_lines() {
        let header = FORECAST_HEADER.join(",");
        let text = format!(
            "{header}\n\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1,310\n\n\n\
             Sales,q1,FAX,2025-01-07T00:00:00Z,daily,1,310\n"
        );
        let Err(WfmError::InvalidInput { errors, .. }) =
            read_forecast_from(text.as_bytes(), "lt.csv", ForecastKind::Daily)
        else {
            panic!("a bad channel accepted")
        };
        assert_eq!(
            (errors[0].line, errors[0].column.as_str()),
            (6, "ChannelType")
        );
    }
}
