//! Reading the inputs of a forecast: the history files (validated by
//! `wfm_core::history`, layered newest file last), the holidays CSV and the per-queue
//! time zones.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::Path;

use chrono::NaiveDate;
use chrono_tz::Tz;
use wfm_core::IntervalLength;
use wfm_core::forecast::{Country, SpecialDay};
use wfm_core::history::{
    HistoryCsvOptions, HistoryLayers, HistoryRecord, QueueTable, SourceId, read_history_csv,
};

use crate::csv_line::record_line;
use crate::error::{InputError, Result, WfmError};
use crate::files::Input;

/// The interval length of a history file's interval rows (the first `15mins`/`30mins`
/// value of its `IntervalDuration` column), or `None` for a file of `daily` rows only.
fn sniff_interval(input: &Input) -> Result<Option<IntervalLength>> {
    let mut lines = input.open()?.lines();
    let Some(header) = lines.next().transpose().map_err(|e| input.io_error(e))? else {
        return Ok(None);
    };
    let Some(col) = header
        .trim_start_matches('\u{feff}')
        .split(',')
        .position(|c| c.trim() == "IntervalDuration")
    else {
        return Ok(None); // the parser names the missing column
    };
    for line in lines {
        let line = line.map_err(|e| input.io_error(e))?;
        match line.split(',').nth(col).map(str::trim) {
            Some("15mins") => return Ok(Some(IntervalLength::Fifteen)),
            Some("30mins") => return Ok(Some(IntervalLength::Thirty)),
            _ => {}
        }
    }
    Ok(None)
}

/// Special days per scope: a queue id, or `*` for every queue.
pub type Holidays = BTreeMap<String, Vec<SpecialDay>>;

/// Every history file read and validated (all files' problems reported together), the
/// records layered so that a later file wins record by record, with one queue table.
pub(crate) struct LoadedRecords {
    /// The effective records, sorted by key (queue, channel, granularity, start).
    pub records: Vec<HistoryRecord>,
    /// Every queue of every file.
    pub queues: QueueTable,
    /// The interval length of the interval rows (`None`: daily rows only).
    pub interval: Option<IntervalLength>,
    /// The files' implausible rows, `FILE:LINE: COLUMN: reason` (the first ones of each
    /// file, then a count): kept, left out of the fits, shown as warnings.
    pub warnings: Vec<String>,
}

pub(crate) fn load_history(paths: &[Input]) -> Result<LoadedRecords> {
    if paths.is_empty() {
        return Err(WfmError::Precondition {
            what: "no history file: give at least one".into(),
        });
    }
    let mut interval: Option<(IntervalLength, String)> = None;
    let mut errors: Vec<InputError> = Vec::new();
    let mut not_shown = 0u64;
    let mut warnings: Vec<String> = Vec::new();
    let mut queues = QueueTable::new();
    let mut layers = HistoryLayers::new();
    for (i, path) in paths.iter().enumerate() {
        let name = path.name();
        let found = sniff_interval(path)?;
        if let (Some(f), Some((seen, other))) = (found, &interval)
            && f != *seen
        {
            return Err(WfmError::Precondition {
                what: format!(
                    "{name} has {} rows but {other} has {} rows: give history of one interval length",
                    f.as_str(),
                    seen.as_str()
                ),
            });
        }
        if let (Some(f), None) = (found, &interval) {
            interval = Some((f, name.clone()));
        }
        let options = HistoryCsvOptions::new(found.unwrap_or(IntervalLength::Thirty));
        match read_history_csv(&name, path.open()?, &options) {
            Ok(import) => {
                let s = &import.summary;
                warnings.extend(s.implausible.iter().map(ToString::to_string));
                let more = s.implausible_rows - s.implausible.len() as u64;
                if more > 0 {
                    warnings.push(format!("{name}: … and {more} more implausible row(s)"));
                }
                let map = queues.absorb(&import.history.queues);
                let records: Vec<HistoryRecord> = import
                    .history
                    .records
                    .into_iter()
                    .filter_map(|mut r| {
                        r.queue = *map.get(r.queue.index())?;
                        Some(r)
                    })
                    .collect();
                layers.push(SourceId(i as u64 + 1), records)?;
            }
            Err(e) => match WfmError::from(e) {
                WfmError::InvalidInput {
                    errors: found,
                    not_shown: more,
                } => {
                    errors.extend(found);
                    not_shown += more;
                }
                other => return Err(other),
            },
        }
    }
    if !errors.is_empty() {
        return Err(WfmError::InvalidInput { errors, not_shown });
    }
    Ok(LoadedRecords {
        records: layers.effective_records(),
        queues,
        interval: interval.map(|(i, _)| i),
        warnings,
    })
}

/// The holidays CSV at `path`: [`read_holidays_from`] on the file.
pub(crate) fn read_holidays(path: &Path) -> Result<Holidays> {
    let file = File::open(path).map_err(|e| WfmError::io(path, e))?;
    read_holidays_from(file, &path.display().to_string())
}

/// The holidays CSV: a `date,name,scope` header, then one row per holiday — `date`
/// `YYYY-MM-DD`, `name` free text, `scope` a queue id or `*` for every queue. Returns the
/// special days per scope (`*` included as its own key); `name` stands for the file in
/// errors.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem, each `FILE:LINE: COLUMN: reason`.
///
/// ```
/// let csv = "date,name,scope\n2024-12-25,Christmas Day,*\n2024-13-01,Nope,q1\n";
/// let e = wfm::forecasting::read_holidays_from(csv.as_bytes(), "h.csv").unwrap_err();
/// let wfm::WfmError::InvalidInput { errors, .. } = e else { panic!() };
/// assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "date"));
/// let days = wfm::forecasting::read_holidays_from(&csv.as_bytes()[..43], "h.csv")?;
/// assert_eq!(days["*"].len(), 1);
/// # Ok::<(), wfm::WfmError>(())
/// ```
pub fn read_holidays_from(mut input: impl Read, name: &str) -> Result<Holidays> {
    // A holidays file is small: read whole, so that each record's line can be found.
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| WfmError::io(name, e))?;
    let name = name.to_owned();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(&bytes[..]);
    let mut errors = Vec::new();
    let error = |line: u64, column: &str, reason: String| InputError {
        file: name.clone(),
        line,
        column: column.to_owned(),
        reason,
    };
    let mut out: BTreeMap<String, Vec<SpecialDay>> = BTreeMap::new();
    // Records are not lines: the reader skips blank lines and a quoted cell may hold line
    // breaks.
    let mut line = 0;
    for (i, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                line = e.position().map_or(line + 1, |p| record_line(&bytes, p));
                errors.push(error(line, "", format!("not readable as CSV: {e}")));
                continue;
            }
        };
        line = row.position().map_or(line + 1, |p| record_line(&bytes, p));
        let cells: Vec<&str> = row.iter().collect();
        if i == 0 {
            if cells != ["date", "name", "scope"] {
                errors.push(error(
                    line,
                    "",
                    format!(
                        "the header must be date,name,scope (found {})",
                        cells.join(",")
                    ),
                ));
                break;
            }
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != 3 {
            errors.push(error(
                line,
                "",
                format!("{} fields, 3 needed (date,name,scope)", cells.len()),
            ));
            continue;
        }
        let date = match NaiveDate::parse_from_str(cells[0], "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(error(
                    line,
                    "date",
                    format!("{:?} is not a date YYYY-MM-DD", cells[0]),
                ));
                None
            }
        };
        if cells[2].is_empty() {
            errors.push(error(
                line,
                "scope",
                "empty: give a queue id or * for every queue".into(),
            ));
            continue;
        }
        if let Some(d) = date {
            let label = if cells[1].is_empty() {
                "holiday"
            } else {
                cells[1]
            };
            out.entry(cells[2].to_owned())
                .or_default()
                .push(SpecialDay::new(d, label));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(WfmError::invalid_input(errors))
    }
}

/// Parses `QUEUEID=ZONE` (an IANA time zone name, e.g. `1001=America/New_York`).
///
/// # Errors
/// [`WfmError::InvalidArgument`] naming what is wrong.
///
/// ```
/// let (q, tz) = wfm::forecasting::parse_time_zone("1001=Europe/Berlin")?;
/// assert_eq!((q.as_str(), tz), ("1001", chrono_tz::Europe::Berlin));
/// assert!(wfm::forecasting::parse_time_zone("1001=Mars/Olympus").is_err());
/// # Ok::<(), wfm::WfmError>(())
/// ```
pub fn parse_time_zone(text: &str) -> Result<(String, Tz)> {
    let Some((queue, zone)) = text.split_once('=') else {
        return Err(WfmError::InvalidArgument {
            argument: "time zone",
            value: text.to_owned(),
            expected: "write QUEUEID=ZONE, e.g. 1001=America/New_York".into(),
        });
    };
    let (queue, zone) = (queue.trim(), zone.trim());
    if queue.is_empty() {
        return Err(WfmError::InvalidArgument {
            argument: "time zone",
            value: text.to_owned(),
            expected: "the queue id before = is empty".into(),
        });
    }
    let tz: Tz = zone.parse().map_err(|_| WfmError::InvalidArgument {
        argument: "time zone",
        value: text.to_owned(),
        expected: format!("{zone:?} is not an IANA time zone name (e.g. Europe/Berlin)"),
    })?;
    Ok((queue.to_owned(), tz))
}

/// Parses a `--public-holidays` value: `COUNTRY` (every queue, scope `*`) or
/// `QUEUEID=COUNTRY`, the country an ISO code with a built-in calendar
/// ([`wfm_core::forecast::Country`]).
///
/// # Errors
/// [`WfmError::InvalidArgument`] naming what is wrong.
///
/// ```
/// use wfm_core::forecast::Country;
/// let (q, c) = wfm::forecasting::parse_public_holidays("1003=DE")?;
/// assert_eq!((q.as_str(), c), ("1003", Country::De));
/// assert_eq!(wfm::forecasting::parse_public_holidays("us")?, ("*".to_owned(), Country::Us));
/// assert!(wfm::forecasting::parse_public_holidays("1001=Atlantis").is_err());
/// # Ok::<(), wfm::WfmError>(())
/// ```
pub fn parse_public_holidays(text: &str) -> Result<(String, Country)> {
    let (queue, code) = text.split_once('=').unwrap_or(("*", text));
    let queue = queue.trim();
    if queue.is_empty() {
        return Err(WfmError::InvalidArgument {
            argument: "public holidays",
            value: text.to_owned(),
            expected: "the queue id before = is empty".into(),
        });
    }
    let country = code
        .parse::<Country>()
        .map_err(|e| WfmError::InvalidArgument {
            argument: "public holidays",
            value: text.to_owned(),
            expected: e.to_string(),
        })?;
    Ok((queue.to_owned(), country))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n";

    #[test]
    fn a_later_file_wins_record_by_record_and_queues_are_merged() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(
            &a,
            format!(
                "{HEADER}S,q1,VOICE,2024-07-01T00:00:00Z,daily,10,300,10\n\
                 S,q1,VOICE,2024-07-02T00:00:00Z,daily,10,300,10\n"
            ),
        )
        .unwrap();
        std::fs::write(
            &b,
            format!(
                "{HEADER}T,q2,CHAT,2024-07-01T08:00:00Z,15mins,1,300,1\n\
                 S,q1,VOICE,2024-07-02T00:00:00Z,daily,20,300,20\n"
            ),
        )
        .unwrap();
        let h = load_history(&[a.into(), b.into()]).unwrap();
        assert_eq!(h.interval, Some(IntervalLength::Fifteen));
        assert_eq!(h.queues.len(), 2);
        let q1: Vec<u64> = h
            .records
            .iter()
            .filter(|r| h.queues.id(r.queue).as_str() == "q1")
            .map(|r| r.volume)
            .collect();
        assert_eq!(q1, [10, 20]);
    }

    #[test]
    fn holidays_are_read_per_scope_and_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.csv");
        std::fs::write(
            &p,
            "date,name,scope\n2024-12-25,Christmas,*\n2024-10-03,Unity Day,1003\n",
        )
        .unwrap();
        let h = read_holidays(&p).unwrap();
        assert_eq!(h["*"][0].label, "Christmas");
        assert_eq!(h["1003"].len(), 1);
        std::fs::write(&p, "date,name,scope\n2024-02-30,Nope,*\n,x,\n").unwrap();
        let Err(WfmError::InvalidInput { errors, .. }) = read_holidays(&p) else {
            panic!("invalid holidays accepted")
        };
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, "date");
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    /// Found by fuzzing (issue 17): errors named the record's index, not its line, so
    /// after a blank line or a quoted line break every error pointed at the wrong line.
    #[test]
    fn holiday_errors_name_their_line_after_blank_lines_and_quoted_breaks() {
        let csv = "date,name,scope\n\n2024-12-25,\"Christmas\nDay\",*\n\n2024-13-01,Nope,*\n";
        let Err(WfmError::InvalidInput { errors, .. }) =
            read_holidays_from(csv.as_bytes(), "h.csv")
        else {
            panic!("invalid holidays accepted")
        };
        assert_eq!((errors[0].line, errors[0].column.as_str()), (6, "date"));
        let Err(WfmError::InvalidInput { errors, .. }) =
            read_holidays_from("\n\ndate,name\n".as_bytes(), "h.csv")
        else {
            panic!("a bad header accepted")
        };
        assert_eq!(errors[0].line, 3);
    }
}
