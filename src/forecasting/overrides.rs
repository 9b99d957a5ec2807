//! Forecast overrides: one CSV per forecast group, the columns of the forecast
//! download (`QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,
//! IncomingContactVolume,AverageHandleTime`; trailing quantile columns `P10`, … of a
//! downloaded file are allowed and ignored), short-term (`15mins`/`30mins`) and
//! long-term (`daily`) rows in one file. Every problem is reported as
//! `FILE:LINE: COLUMN: reason` and nothing is applied when there is one.
//!
//! An override row replaces the volume and AHT of the matching queue × channel × step of
//! the forecast of its kind; the P10/P90 band is scaled by the same factor.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use wfm_core::history::Granularity;
use wfm_core::{Channel, IntervalLength};

use super::GroupForecast;
use crate::capacity::FORECAST_HEADER;
use crate::error::{InputError, Result, WfmError};

/// The name the override document of a group is stored under.
pub const OVERRIDE_NAME: &str = "override";

/// One override row: the values of one queue × channel × step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideRow {
    /// The queue's name as written.
    pub queue_name: String,
    /// The queue's id.
    pub queue_id: String,
    /// VOICE or CHAT.
    pub channel: Channel,
    /// The step's start, Unix seconds UTC.
    pub start: i64,
    /// `daily` (long-term) or the workspace interval (short-term).
    pub granularity: Granularity,
    /// Incoming contacts.
    pub volume: u64,
    /// Average handle time, seconds.
    pub aht_seconds: f64,
}

/// An uploaded override file as stored: its name, its text (the template of the next
/// upload) and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredOverride {
    /// The file name it was uploaded from.
    pub file: String,
    /// The file's text, as uploaded.
    pub text: String,
    /// The validated rows, in file order.
    pub rows: Vec<OverrideRow>,
}

fn is_text_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')')
}

/// Parses an override CSV. `queues` are the group's queue ids (a row of another queue
/// is an error), `interval` the workspace's.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem, each `FILE:LINE: COLUMN: reason`.
///
/// ```
/// use wfm::forecasting::parse_overrides;
/// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n\
///            Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200,310\n\
///            Sales,q1,VOICE,2025-01-06T09:00:00Z,30mins,12.5,310\n";
/// let e = parse_overrides(csv, "o.csv", &["q1".into()], wfm::core::IntervalLength::Thirty).unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!(errors[0].to_string(), "o.csv:3: IncomingContactVolume: \"12.5\" is not a non-negative whole number of contacts");
/// ```
pub fn parse_overrides(
    text: &str,
    name: &str,
    queues: &[String],
    interval: IntervalLength,
) -> Result<Vec<OverrideRow>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    if let Some(reason) = wfm_core::forecast::forecast_header_problem(&header) {
        return Err(WfmError::invalid_input(vec![InputError {
            file: name.to_owned(),
            line: 1,
            column: String::new(),
            reason,
        }]));
    }
    let mut check = RowCheck {
        name,
        allowed: queues.iter().map(String::as_str).collect(),
        interval,
        fields: header.len(),
        errors: Vec::new(),
    };
    let mut seen: BTreeMap<(String, Channel, bool, i64), u64> = BTreeMap::new();
    let mut rows = Vec::new();
    let body: Vec<&str> = lines.collect();
    // a single final newline is not a blank row
    let body = match body.split_last() {
        Some((&"", rest)) => rest,
        _ => &body[..],
    };
    for (i, raw) in body.iter().enumerate() {
        let line = i as u64 + 2;
        let Some(row) = check.row(line, raw) else {
            continue;
        };
        let key = (
            row.queue_id.clone(),
            row.channel,
            row.granularity == Granularity::Daily,
            row.start,
        );
        if let Some(first) = seen.insert(key, line) {
            let cells: Vec<&str> = raw.split(',').collect();
            let reason = format!(
                "{} {} {} {} is overridden on line {first} already",
                cells[1], cells[2], cells[4], cells[3]
            );
            check.error(line, "TimeStamp", reason);
            continue;
        }
        rows.push(row);
    }
    if check.errors.is_empty() {
        Ok(rows)
    } else {
        Err(WfmError::invalid_input(check.errors))
    }
}

/// The rules of one override row, and the problems found so far.
struct RowCheck<'a> {
    name: &'a str,
    allowed: BTreeSet<&'a str>,
    interval: IntervalLength,
    fields: usize,
    errors: Vec<InputError>,
}

impl RowCheck<'_> {
    fn error(&mut self, line: u64, column: &str, reason: String) {
        self.errors.push(InputError {
            file: self.name.to_owned(),
            line,
            column: column.to_owned(),
            reason,
        });
    }

    /// The row at `line`, or `None` with its problems recorded.
    fn row(&mut self, line: u64, raw: &str) -> Option<OverrideRow> {
        let cells: Vec<&str> = raw.split(',').collect();
        if raw.trim().is_empty() {
            self.error(line, "", "blank row: remove it".into());
            return None;
        }
        if cells.len() != self.fields {
            let reason = format!("has {} fields, the header has {}", cells.len(), self.fields);
            self.error(line, "", reason);
            return None;
        }
        let before = self.errors.len();
        self.queue(line, &cells);
        let channel = match cells[2] {
            "VOICE" => Some(Channel::Voice),
            "CHAT" => Some(Channel::Chat),
            other => {
                self.error(
                    line,
                    "ChannelType",
                    format!("{other:?} is not VOICE or CHAT"),
                );
                None
            }
        };
        let granularity = self.granularity(line, cells[4]);
        let start = self.start(line, cells[3], granularity);
        let (volume, aht) = self.values(line, cells[5], cells[6]);
        if self.errors.len() > before {
            return None;
        }
        Some(OverrideRow {
            queue_name: cells[0].to_owned(),
            queue_id: cells[1].to_owned(),
            channel: channel?,
            start: start?,
            granularity: granularity?,
            volume: volume?,
            aht_seconds: aht?,
        })
    }

    /// `QueueName` and `QueueId`: not empty, plain text, a queue of the group.
    fn queue(&mut self, line: u64, cells: &[&str]) {
        for col in [0, 1] {
            let v = cells[col];
            if v.is_empty() {
                self.error(line, FORECAST_HEADER[col], "empty".into());
            } else if let Some(c) = v.chars().find(|c| !is_text_char(*c)) {
                let reason = format!("{v:?} has {c:?}: only letters, digits, spaces and - _ . ( )");
                self.error(line, FORECAST_HEADER[col], reason);
            }
        }
        if !cells[1].is_empty() && !self.allowed.contains(cells[1]) {
            let reason = format!("queue {:?} is not in the forecast group", cells[1]);
            self.error(line, "QueueId", reason);
        }
    }

    /// `IntervalDuration`: `daily` or the workspace interval.
    fn granularity(&mut self, line: u64, d: &str) -> Option<Granularity> {
        let interval = self.interval;
        let reason = match d {
            "daily" => return Some(Granularity::Daily),
            d => match d.parse::<IntervalLength>() {
                Ok(i) if i == interval => return Some(Granularity::Interval(i)),
                Ok(i) => format!(
                    "{:?}: the workspace interval is {}",
                    i.as_str(),
                    interval.as_str()
                ),
                Err(_) => format!("{d:?} is not 15mins, 30mins or daily"),
            },
        };
        self.error(line, "IntervalDuration", reason);
        None
    }

    /// `TimeStamp`: ISO 8601 UTC, the start of a step of the row's granularity.
    fn start(&mut self, line: u64, text: &str, granularity: Option<Granularity>) -> Option<i64> {
        let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ") else {
            let reason = format!("{text:?} is not an ISO 8601 UTC time like 2025-01-06T00:00:00Z");
            self.error(line, "TimeStamp", reason);
            return None;
        };
        let t = t.and_utc().timestamp();
        if let Some(g) = granularity
            && !g.is_boundary(t)
        {
            let reason = format!("{text}: not the start of a {} step", g.as_str());
            self.error(line, "TimeStamp", reason);
        }
        Some(t)
    }

    /// `IncomingContactVolume` (whole contacts) and `AverageHandleTime` (seconds).
    fn values(&mut self, line: u64, volume: &str, aht: &str) -> (Option<u64>, Option<f64>) {
        let v = volume
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| volume.parse::<u64>().ok())
            .flatten();
        if v.is_none() {
            let reason = format!("{volume:?} is not a non-negative whole number of contacts");
            self.error(line, "IncomingContactVolume", reason);
        }
        let a = match aht.parse::<f64>() {
            Ok(a) if a.is_finite() && a >= 0.0 && !aht.contains(['e', 'E']) => Some(a),
            _ => {
                let reason = format!("{aht:?} is not a non-negative number of seconds");
                self.error(line, "AverageHandleTime", reason);
                None
            }
        };
        (v, a)
    }
}

/// Applies the rows of the forecast's kind (daily rows to a daily forecast, interval
/// rows to an interval one) to `forecast`; returns how many steps changed.
///
/// ```
/// use wfm::forecasting::{OverrideRow, apply_overrides};
/// use wfm::core::{Channel, forecast::{ForecastPoint, GroupForecast, GroupSeries}, history::Granularity};
/// let p = ForecastPoint { start: 0, volume: 100.0, p10: 80.0, p50: 100.0, p90: 120.0, aht_seconds: 300.0 };
/// let s = GroupSeries { queue_id: "q1".into(), queue_name: "S".into(), channel: Channel::Voice, model: "m".into(), points: vec![p] };
/// let mut f = GroupForecast::new(Granularity::Daily, 0, 1, vec![s]);
/// let o = OverrideRow { queue_name: "S".into(), queue_id: "q1".into(), channel: Channel::Voice, start: 0, granularity: Granularity::Daily, volume: 110, aht_seconds: 250.0 };
/// assert_eq!(apply_overrides(&mut f, &[o]), 1);
/// let p = f.series[0].points[0];
/// assert_eq!((p.volume, p.p10, p.p90, p.aht_seconds), (110.0, 88.0, 132.0, 250.0));
/// ```
pub fn apply_overrides(forecast: &mut GroupForecast, rows: &[OverrideRow]) -> usize {
    let daily = forecast.granularity == Granularity::Daily;
    let wanted: BTreeMap<(&str, Channel, i64), &OverrideRow> = rows
        .iter()
        .filter(|r| (r.granularity == Granularity::Daily) == daily)
        .map(|r| ((r.queue_id.as_str(), r.channel, r.start), r))
        .collect();
    let mut changed = 0;
    for s in &mut forecast.series {
        for p in &mut s.points {
            if let Some(r) = wanted.get(&(s.queue_id.as_str(), s.channel, p.start)) {
                let v = r.volume as f64;
                let scale = if p.volume > 0.0 { v / p.volume } else { 1.0 };
                if p.volume > 0.0 {
                    p.p10 *= scale;
                    p.p90 *= scale;
                } else {
                    p.p10 = v;
                    p.p90 = v;
                }
                p.volume = v;
                p.p50 = v;
                p.aht_seconds = r.aht_seconds;
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime";

    fn parse(body: &str) -> Result<Vec<OverrideRow>> {
        parse_overrides(
            &format!("{HEADER}\n{body}"),
            "o.csv",
            &["q1".into(), "q2".into()],
            IntervalLength::Fifteen,
        )
    }

    fn errors(body: &str) -> Vec<String> {
        match parse(body) {
            Err(WfmError::InvalidInput { errors, .. }) => {
                errors.iter().map(ToString::to_string).collect()
            }
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn short_and_long_rows_in_one_file() {
        let rows = parse(
            "Sales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200,310.5\n\
             Sales,q1,VOICE,2025-01-06T09:15:00Z,15mins,40,300\n\
             Chat,q2,CHAT,2025-01-06T09:15:00Z,15mins,0,0\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].granularity, Granularity::Daily);
        assert_eq!((rows[0].volume, rows[0].aht_seconds), (1200, 310.5));
        assert_eq!(rows[1].start, 1_736_154_900);
        assert_eq!(
            rows[1].granularity,
            Granularity::Interval(IntervalLength::Fifteen)
        );
    }

    #[test]
    fn every_error_is_named_by_line_and_column() {
        let e = errors(
            "Sales,q9,VOICE,2025-01-06T00:00:00Z,daily,1,1\n\
             Sales,q1,FAX,2025-01-06T00:00:00Z,daily,1,1\n\
             Sales,q1,VOICE,2025-01-06,daily,1,1\n\
             Sales,q1,VOICE,2025-01-06T09:00:00Z,30mins,1,1\n\
             Sales,q1,VOICE,2025-01-06T09:05:00Z,15mins,1,1\n\
             Sales,q1,VOICE,2025-01-06T09:00:00Z,15mins,-1,1\n\
             Sales,q1,VOICE,2025-01-06T09:00:00Z,15mins,1,abc\n\
             Sales!,q1,VOICE,2025-01-07T00:00:00Z,daily,1,1\n\
             Sales,q1,VOICE,2025-01-08T00:00:00Z,daily,1\n\
             \n\
             Sales,q1,VOICE,2025-01-09T00:00:00Z,daily,1,1\n\
             Sales,q1,VOICE,2025-01-09T00:00:00Z,daily,2,1\n",
        );
        let expected = [
            "o.csv:2: QueueId: queue \"q9\" is not in the forecast group",
            "o.csv:3: ChannelType: \"FAX\" is not VOICE or CHAT",
            "o.csv:4: TimeStamp: \"2025-01-06\" is not an ISO 8601 UTC time like 2025-01-06T00:00:00Z",
            "o.csv:5: IntervalDuration: \"30mins\": the workspace interval is 15mins",
            "o.csv:6: TimeStamp: 2025-01-06T09:05:00Z: not the start of a 15mins step",
            "o.csv:7: IncomingContactVolume: \"-1\" is not a non-negative whole number of contacts",
            "o.csv:8: AverageHandleTime: \"abc\" is not a non-negative number of seconds",
            "o.csv:9: QueueName: \"Sales!\" has '!': only letters, digits, spaces and - _ . ( )",
            "o.csv:10: has 6 fields, the header has 7",
            "o.csv:11: blank row: remove it",
            "o.csv:13: TimeStamp: q1 VOICE daily 2025-01-09T00:00:00Z is overridden on line 12 already",
        ];
        assert_eq!(e, expected);
    }

    #[test]
    fn a_wrong_header_is_one_error() {
        let e = parse_overrides("QueueName,QueueId\n", "o.csv", &[], IntervalLength::Fifteen)
            .unwrap_err();
        let WfmError::InvalidInput { errors, .. } = e else {
            panic!()
        };
        assert_eq!((errors.len(), errors[0].line), (1, 1));
    }

    #[test]
    fn downloaded_quantile_columns_are_ignored() {
        let rows = parse_overrides(
            &format!("{HEADER},P10,P90\nS,q1,CHAT,2025-01-06T00:00:00Z,daily,5,60,1,9\n"),
            "o.csv",
            &["q1".into()],
            IntervalLength::Thirty,
        )
        .unwrap();
        assert_eq!(rows[0].volume, 5);
    }
}
