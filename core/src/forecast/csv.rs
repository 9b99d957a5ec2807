//! The reader of the forecast CSV (SPEC §3): `QueueName,QueueId,ChannelType,TimeStamp,
//! IntervalDuration,IncomingContactVolume,AverageHandleTime`, optionally followed by
//! quantile columns `P10`, `P50`, `P90` (others such as `P25` are allowed and ignored),
//! read into a [`GroupForecast`]. Every problem is an [`InputIssue`] with its line,
//! column and reason; nothing is returned when there is one.
//!
//! The rows are grouped into one series per queue × channel (in order of first
//! appearance, each in file order); the model of a series read from a file is empty; a
//! quantile column the file does not have is the volume. Two rows for the same queue,
//! channel and time are refused (the later line names the earlier), as in the history CSV.

use std::collections::BTreeMap;
use std::io::BufRead;

use chrono::NaiveDateTime;

use super::{ForecastKind, ForecastPoint, GroupForecast, GroupSeries};
use crate::history::{Granularity, HISTORY_HEADER, InputIssue};
use crate::text::csv_record_line as record_line;
use crate::{Channel, CoreError, IntervalLength};

/// The first seven columns of a forecast CSV, exactly: the history CSV header without
/// `ContactsHandled` (so a forecast file reads like history).
///
/// ```
/// assert_eq!(wfm_core::forecast::FORECAST_HEADER[6], "AverageHandleTime");
/// ```
pub const FORECAST_HEADER: [&str; 7] = {
    let h = HISTORY_HEADER;
    [h[0], h[1], h[2], h[3], h[4], h[5], h[6]]
};

/// What is wrong with a forecast CSV's header `names` (`None`: nothing): the seven
/// [`FORECAST_HEADER`] columns exactly, then optional quantile columns `P10`, `P50`, …
///
/// ```
/// use wfm_core::forecast::{FORECAST_HEADER, forecast_header_problem};
/// let mut names = FORECAST_HEADER.to_vec();
/// names.push("P90");
/// assert_eq!(forecast_header_problem(&names), None);
/// names.push("Notes");
/// assert!(forecast_header_problem(&names).unwrap().starts_with("the header must be"));
/// ```
pub fn forecast_header_problem(names: &[&str]) -> Option<String> {
    let extra_ok = names
        .iter()
        .skip(FORECAST_HEADER.len())
        .all(|n| n.len() > 1 && n.starts_with('P') && n[1..].chars().all(|c| c.is_ascii_digit()));
    let ok = names.len() >= FORECAST_HEADER.len()
        && names.iter().zip(FORECAST_HEADER).all(|(n, e)| *n == e)
        && extra_ok;
    (!ok).then(|| {
        format!(
            "the header must be {} (then optional quantile columns P10, P50, …), got {}",
            FORECAST_HEADER.join(","),
            names.join(",")
        )
    })
}

/// Reads a forecast CSV of `kind` (long-term: `daily` rows at midnight UTC; short-term:
/// rows of one interval length, `15mins` or `30mins`, on its boundaries); `name` stands
/// for the file in the issues.
///
/// ```
/// use wfm_core::forecast::{ForecastKind, read_forecast_csv};
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
///            Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200.5,310\n\
///            Sales,q1,FAX,2025-01-07T00:00:00Z,daily,-3,310\n";
/// let e = read_forecast_csv(csv.as_bytes(), "lt.csv", ForecastKind::Long).unwrap_err();
/// assert_eq!(e.issues()[0].to_string(), "lt.csv:3: ChannelType: \"FAX\" is not VOICE, CHAT or TASK");
/// assert_eq!(e.issues()[1].column, "IncomingContactVolume");
/// let ok = read_forecast_csv(&csv.as_bytes()[..csv.find("Sales,q1,FAX").unwrap()], "lt.csv", ForecastKind::Long)?;
/// assert_eq!((ok.series.len(), ok.series[0].points[0].volume), (1, 1200.5));
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
///
/// # Errors
/// [`CoreError::InvalidInput`] with every problem; [`CoreError::Io`] if the input
/// cannot be read.
pub fn read_forecast_csv(
    mut input: impl BufRead,
    name: &str,
    kind: ForecastKind,
) -> Result<GroupForecast, CoreError> {
    // Read whole (the points are kept anyway), so that each record's line can be found.
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| CoreError::Io {
        file: name.to_owned(),
        message: e.to_string(),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&bytes[..]);
    let mut records = reader.records();
    let first = records.next();
    let columns = header(first, name).map_err(|i| invalid(vec![i]))?;
    let mut rows = Rows::new(name, kind, columns);
    for record in records {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| record_line(&bytes, p));
                rows.read(&r, line);
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| record_line(&bytes, p));
                rows.issue(line, "", format!("not readable as CSV text: {e}"));
            }
        }
    }
    rows.finish()
}

fn invalid(issues: Vec<InputIssue>) -> CoreError {
    let total = issues.len() as u64;
    CoreError::InvalidInput { issues, total }
}

/// The header checked; returns the columns and where the P10, P50, P90 columns are.
fn header(
    first: Option<csv::Result<csv::StringRecord>>,
    name: &str,
) -> Result<Columns, InputIssue> {
    let header = match first {
        None => {
            return Err(InputIssue::new(
                name,
                1,
                "",
                "empty file: expected the forecast header",
            ));
        }
        Some(Err(e)) => {
            return Err(InputIssue::new(
                name,
                1,
                "",
                format!("unreadable header: {e}"),
            ));
        }
        Some(Ok(h)) => h,
    };
    let names: Vec<&str> = header.iter().collect();
    if let Some(reason) = forecast_header_problem(&names) {
        return Err(InputIssue::new(name, 1, "", reason));
    }
    let at = |q: &str| names.iter().position(|n| *n == q);
    Ok(Columns {
        count: names.len(),
        quantiles: [at("P10"), at("P50"), at("P90")],
    })
}

/// What the header says about the rows.
struct Columns {
    /// Fields per row.
    count: usize,
    /// The columns of P10, P50, P90, where present.
    quantiles: [Option<usize>; 3],
}

/// The rows read so far: the series, the interval found and every issue.
struct Rows<'a> {
    name: &'a str,
    kind: ForecastKind,
    columns: Columns,
    series: Vec<GroupSeries>,
    index: BTreeMap<(String, Channel), usize>,
    /// The line of each (series, start) read, to name duplicates.
    seen: BTreeMap<(usize, i64), u64>,
    interval: Option<(IntervalLength, u64)>,
    issues: Vec<InputIssue>,
}

impl<'a> Rows<'a> {
    fn new(name: &'a str, kind: ForecastKind, columns: Columns) -> Self {
        Self {
            name,
            kind,
            columns,
            series: Vec::new(),
            index: BTreeMap::new(),
            seen: BTreeMap::new(),
            interval: None,
            issues: Vec::new(),
        }
    }

    fn issue(&mut self, line: u64, column: &str, reason: String) {
        self.issues
            .push(InputIssue::new(self.name, line, column, reason));
    }

    /// A non-negative number in column `col`.
    fn number(&self, record: &csv::StringRecord, col: usize, line: u64) -> Result<f64, InputIssue> {
        match record[col].parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(InputIssue::new(
                self.name,
                line,
                FORECAST_HEADER.get(col).copied().unwrap_or(""),
                format!("{:?} is not a non-negative number", &record[col]),
            )),
        }
    }

    /// Checks the row's `IntervalDuration` against the kind (and the file's first
    /// interval length).
    fn check_duration(&mut self, duration: &str, line: u64) {
        let issue = match self.kind {
            ForecastKind::Long if duration != "daily" => Some(format!(
                "{duration:?}: a long-term forecast has daily rows only"
            )),
            ForecastKind::Long => None,
            ForecastKind::Short => match duration.parse::<IntervalLength>() {
                Err(_) => Some(format!(
                    "{duration:?}: a short-term forecast has 15mins or 30mins rows"
                )),
                Ok(i) => match self.interval {
                    None => {
                        self.interval = Some((i, line));
                        None
                    }
                    Some((first, at)) if first != i => Some(format!(
                        "{duration:?}, but line {at} is {first}: one interval length a file"
                    )),
                    Some(_) => None,
                },
            },
        };
        if let Some(reason) = issue {
            self.issue(line, "IntervalDuration", reason);
        }
    }

    /// Reads one record at `line`.
    fn read(&mut self, record: &csv::StringRecord, line: u64) {
        if record.len() != self.columns.count {
            let reason = format!(
                "has {} fields, the header has {}",
                record.len(),
                self.columns.count
            );
            self.issue(line, "", reason);
            return;
        }
        let channel = record[2].parse::<Channel>().map_err(|_| {
            InputIssue::new(
                self.name,
                line,
                "ChannelType",
                format!("{:?} is not VOICE, CHAT or TASK", &record[2]),
            )
        });
        let start = NaiveDateTime::parse_from_str(&record[3], "%Y-%m-%dT%H:%M:%SZ")
            .map(|t| t.and_utc().timestamp())
            .map_err(|_| {
                InputIssue::new(
                    self.name,
                    line,
                    "TimeStamp",
                    format!(
                        "{:?} is not an ISO 8601 UTC time like 2025-01-06T00:00:00Z",
                        &record[3]
                    ),
                )
            });
        let (volume, aht) = (self.number(record, 5, line), self.number(record, 6, line));
        let before = self.issues.len();
        self.check_duration(&record[4], line);
        let (channel, start, volume, aht_seconds) = match (channel, start, volume, aht) {
            (Ok(c), Ok(s), Ok(v), Ok(a)) => (c, s, v, a),
            (c, s, v, a) => {
                // the fields' issues in column order, after a duration issue
                let fields = [c.err(), s.err(), v.err(), a.err()];
                self.issues.extend(fields.into_iter().flatten());
                return;
            }
        };
        if self.issues.len() > before {
            return;
        }
        let step = match (self.kind, self.interval) {
            (ForecastKind::Long, _) => 86_400,
            (_, Some((i, _))) => i64::from(i.seconds()),
            _ => 1,
        };
        if start.rem_euclid(step) != 0 {
            let what = if step == 86_400 {
                "midnight UTC"
            } else {
                "an interval boundary"
            };
            self.issue(line, "TimeStamp", format!("{:?} is not {what}", &record[3]));
            return;
        }
        let quantile = |k: usize| {
            self.columns.quantiles[k]
                .and_then(|c| record[c].parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
                .unwrap_or(volume)
        };
        let point = ForecastPoint {
            start,
            volume,
            p10: quantile(0),
            p50: quantile(1),
            p90: quantile(2),
            aht_seconds,
        };
        self.push(record, channel, point, line);
    }

    fn push(
        &mut self,
        record: &csv::StringRecord,
        channel: Channel,
        point: ForecastPoint,
        line: u64,
    ) {
        let key = (record[1].to_owned(), channel);
        let next = self.series.len();
        let i = *self.index.entry(key).or_insert(next);
        if let Some(first) = self.seen.insert((i, point.start), line) {
            self.seen.insert((i, point.start), first);
            let reason = format!(
                "duplicate row: line {first} has the same QueueId, ChannelType and TimeStamp"
            );
            self.issue(line, "", reason);
            return;
        }
        if i == next {
            self.series.push(GroupSeries {
                queue_id: record[1].to_owned(),
                queue_name: record[0].to_owned(),
                channel,
                model: String::new(),
                points: Vec::new(),
            });
        }
        self.series[i].points.push(point);
    }

    fn finish(self) -> Result<GroupForecast, CoreError> {
        if !self.issues.is_empty() {
            return Err(invalid(self.issues));
        }
        let granularity = match (self.kind, self.interval) {
            (ForecastKind::Long, _) => Granularity::Daily,
            (ForecastKind::Short, Some((i, _))) => Granularity::Interval(i),
            (ForecastKind::Short, None) => Granularity::Interval(IntervalLength::Fifteen),
        };
        let points = || self.series.iter().flat_map(|s| &s.points);
        let start = points().map(|p| p.start).min().unwrap_or(0);
        let end = points()
            .map(|p| p.start)
            .max()
            .map_or(start, |t| t + granularity.seconds());
        let steps = usize::try_from((end - start) / granularity.seconds()).unwrap_or(0);
        Ok(GroupForecast::new(granularity, start, steps, self.series))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issues(text: &str, kind: ForecastKind) -> Vec<InputIssue> {
        read_forecast_csv(text.as_bytes(), "f.csv", kind)
            .unwrap_err()
            .issues()
            .to_vec()
    }

    /// Found beside a fuzzing find (issue 17): after a blank line, a row's error named the
    /// blank line above it (the csv crate's position is where the previous record ended).
    #[test]
    fn forecast_errors_name_the_row_after_blank_lines() {
        let header = FORECAST_HEADER.join(",");
        let text = format!(
            "{header}\n\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1,310\n\n\n\
             Sales,q1,FAX,2025-01-07T00:00:00Z,daily,1,310\n"
        );
        let found = issues(&text, ForecastKind::Long);
        assert_eq!(
            (found[0].line, found[0].column.as_str()),
            (6, "ChannelType")
        );
    }

    /// Issue 26: the forecast reader took a repeated row as a second point of the same
    /// step, where the history reader refuses duplicates.
    #[test]
    fn forecast_duplicate_rows_are_refused_with_both_lines() {
        let header = FORECAST_HEADER.join(",");
        let text = format!(
            "{header}\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1,310\n\
             Sales,q1,CHAT,2025-01-06T00:00:00Z,daily,1,310\n\
             Sales,q1,VOICE,2025-01-07T00:00:00Z,daily,1,310\n\
             Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,2,310\n"
        );
        let found: Vec<String> = issues(&text, ForecastKind::Long)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            ["f.csv:5: duplicate row: line 2 has the same QueueId, ChannelType and TimeStamp"]
        );
    }

    #[test]
    fn rows_group_into_series_and_quantiles_are_read() {
        let text = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,P10,P90\n\
                    A,q1,VOICE,2025-01-06T09:00:00Z,30mins,10,300,6,14\n\
                    B,q2,VOICE,2025-01-06T09:00:00Z,30mins,5,200,3,7\n\
                    A,q1,VOICE,2025-01-06T09:30:00Z,30mins,12,300,8,16\n";
        let f = read_forecast_csv(text.as_bytes(), "f.csv", ForecastKind::Short).unwrap();
        assert_eq!(f.interval(), Some(IntervalLength::Thirty));
        assert_eq!(
            (f.series.len(), f.series[0].points.len(), f.steps),
            (2, 2, 2)
        );
        let p = f.series[0].points[1];
        assert_eq!((p.p10, p.p50, p.p90), (8.0, 12.0, 16.0));
    }

    #[test]
    fn a_second_interval_length_and_an_off_boundary_time_are_named() {
        let text = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
                    A,q1,VOICE,2025-01-06T09:00:00Z,30mins,10,300\n\
                    A,q1,VOICE,2025-01-06T09:15:00Z,15mins,10,300\n\
                    A,q1,VOICE,2025-01-06T09:15:00Z,30mins,10,300\n";
        let found: Vec<String> = issues(text, ForecastKind::Short)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "f.csv:3: IntervalDuration: \"15mins\", but line 2 is 30mins: one interval length a file",
                "f.csv:4: TimeStamp: \"2025-01-06T09:15:00Z\" is not an interval boundary"
            ]
        );
    }
}
