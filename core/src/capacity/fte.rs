//! The available-FTE and shrinkage CSV:
//! `FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE`, one row
//! per forecast group and day, validated with the discipline of the history import: every
//! problem as `FILE:LINE: COLUMN: reason`, and nothing kept from a file with any.

use std::collections::HashMap;
use std::io::Read;

use chrono::{DateTime, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::CoreError;
use crate::history::fields::{check_text, parse_seconds, parse_utc, quote};
use crate::history::issue::{DEFAULT_MAX_ISSUES, IssueSink};

/// The header of the FTE/shrinkage CSV, exactly.
pub const FTE_HEADER: [&str; 5] = [
    "FORECAST_GROUP",
    "Date",
    "AVAILABLE_FTE",
    "IN_OFFICE_SHRINKAGE",
    "OUT_OFFICE_SHRINKAGE",
];

/// One group's supply on one day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FteDay {
    /// The day (UTC).
    pub date: NaiveDate,
    /// Agents available that day, in FTE.
    pub available_fte: f64,
    /// In-office shrinkage (training, meetings) as a share in [0, 1).
    pub in_office_shrinkage: f64,
    /// Out-of-office shrinkage (absence, leave) as a share in [0, 1).
    pub out_office_shrinkage: f64,
}

impl FteDay {
    /// In-office plus out-of-office shrinkage, added as the percentages the file gives
    /// (10 % + 5 % is 0.15, not the 0.15000000000000002 of 0.1 + 0.05).
    pub fn shrinkage(&self) -> f64 {
        (self.in_office_shrinkage * 100.0 + self.out_office_shrinkage * 100.0) / 100.0
    }
}

/// A validated FTE/shrinkage file: each group's days, in date order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FteTable {
    /// Group name → its days, sorted by date.
    pub groups: HashMap<String, Vec<FteDay>>,
}

impl FteTable {
    /// The days of `group` (empty if the file has none).
    pub fn days(&self, group: &str) -> &[FteDay] {
        self.groups.get(group).map_or(&[], Vec::as_slice)
    }
}

/// A percentage cell as a share: a decimal in [0, 100).
fn percent(field: &[u8]) -> Result<f64, String> {
    let v = parse_seconds(field).map_err(|r| r.replace("seconds", "percent"))?;
    if v >= 100.0 {
        return Err(format!("{} must be below 100 (percent)", quote(field)));
    }
    Ok(v / 100.0)
}

/// Reads an FTE/shrinkage CSV named `file` from `input`. `groups` are the forecast groups
/// that exist: a row naming any other is an error naming it (`None`: no workspace to check
/// against, any valid name is taken).
///
/// Rules: the header exactly; five fields a row; FORECAST_GROUP an existing group's exact
/// name; Date ISO 8601 UTC at midnight ending in `Z`; AVAILABLE_FTE a non-negative
/// decimal; shrinkages non-negative percentages below 100 that sum below 100; one row per
/// group and day; no blank lines (one line break after the last row ends it, as every
/// CSV writer writes it).
///
/// # Errors
/// [`CoreError::InvalidInput`] with every problem found (capped, all counted);
/// [`CoreError::Io`] if `input` cannot be read.
///
/// ```
/// use wfm_core::capacity::read_fte_csv;
/// let csv = "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
///            Forecast For Demo,2024-01-01T00:00:00Z,0,10,5\n\
///            Forecast For Demo,2024-01-03T00:00:00Z,100,10,5";
/// let t = read_fte_csv("fte.csv", csv.as_bytes(), Some(&["Forecast For Demo"]))?;
/// let days = t.days("Forecast For Demo");
/// assert_eq!((days[1].available_fte, days[1].shrinkage()), (100.0, 0.15));
/// let e = read_fte_csv("fte.csv", csv.replace("Demo,2024-01-03", "Dem0,2024-01-03").as_bytes(),
///                      Some(&["Forecast For Demo"])).unwrap_err();
/// assert_eq!(e.issues()[0].to_string(),
///            "fte.csv:3: FORECAST_GROUP: no forecast group named \"Forecast For Dem0\"");
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub fn read_fte_csv(
    file: &str,
    mut input: impl Read,
    groups: Option<&[&str]>,
) -> Result<FteTable, CoreError> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| CoreError::Io {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let mut sink = IssueSink::new(file, DEFAULT_MAX_ISSUES);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if bytes.is_empty() {
        sink.push(
            1,
            "",
            "the file is empty: it needs the header and one row per group and day".into(),
        );
        return Err(sink.into_error());
    }
    // the one final line break every CSV writer emits ends the last row; a second one
    // leaves an empty last line, reported as a blank line like any other
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let line_of = |l: &[u8]| l.strip_suffix(b"\r").unwrap_or(l).to_vec();
    let header = line_of(lines[0]);
    if let Err(reason) = check_header(&header) {
        sink.push(1, "", reason);
        return Err(sink.into_error());
    }
    let mut seen: HashMap<(String, NaiveDate), u64> = HashMap::new();
    let mut table = FteTable::default();
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let number = i as u64 + 1;
        let line = line_of(raw);
        if line.is_empty() {
            sink.push(number, "", "blank line".into());
            continue;
        }
        let cells: Vec<&[u8]> = line.split(|&b| b == b',').collect();
        if cells.len() != FTE_HEADER.len() {
            sink.push(
                number,
                "",
                format!("{} fields, expected {}", cells.len(), FTE_HEADER.len()),
            );
            continue;
        }
        let Some((group, day)) = fte_day(&cells, number, groups, &mut sink) else {
            continue;
        };
        if let Some(first) = seen.insert((group.clone(), day.date), number) {
            sink.push(
                number,
                FTE_HEADER[1],
                format!(
                    "a second row for {group:?} on {} (the first is line {first})",
                    day.date
                ),
            );
            continue;
        }
        table.groups.entry(group).or_default().push(day);
    }
    if !sink.is_empty() {
        return Err(sink.into_error());
    }
    for days in table.groups.values_mut() {
        days.sort_by_key(|d| d.date);
    }
    Ok(table)
}

/// Whether `header` is exactly [`FTE_HEADER`]; the reason if not.
fn check_header(header: &[u8]) -> Result<(), String> {
    let names: Vec<&[u8]> = header.split(|&b| b == b',').collect();
    let expected = FTE_HEADER.join(",");
    if names.len() != FTE_HEADER.len()
        || names
            .iter()
            .zip(FTE_HEADER)
            .any(|(n, e)| *n != e.as_bytes())
    {
        return Err(format!(
            "the header must be exactly {expected}, got {}",
            quote(header)
        ));
    }
    Ok(())
}

/// The group and day of one row (`cells`: as many as [`FTE_HEADER`], on line
/// `number`), or `None` with every problem of the row pushed to `sink`.
fn fte_day(
    cells: &[&[u8]],
    number: u64,
    groups: Option<&[&str]>,
    sink: &mut IssueSink,
) -> Option<(String, FteDay)> {
    let before = sink.total();
    let group = row_group(cells[0], number, groups, sink);
    let date = row_date(cells[1], number, sink);
    let mut number_cell =
        |col: usize, parse: fn(&[u8]) -> Result<f64, String>| match parse(cells[col]) {
            Ok(v) => Some(v),
            Err(reason) => {
                sink.push(number, FTE_HEADER[col], reason);
                None
            }
        };
    let available = number_cell(2, |f| {
        parse_seconds(f).map_err(|r| r.replace("seconds", "FTE"))
    });
    let in_office = number_cell(3, percent);
    let out_office = number_cell(4, percent);
    if let (Some(a), Some(b)) = (in_office, out_office)
        && a + b >= 1.0
    {
        sink.push(
            number,
            FTE_HEADER[4],
            format!(
                "in-office plus out-of-office shrinkage is {}%, it must be below 100%",
                (a + b) * 100.0
            ),
        );
    }
    if sink.total() > before {
        return None;
    }
    let (Some(group), Some(date), Some(available), Some(i), Some(o)) =
        (group, date, available, in_office, out_office)
    else {
        return None;
    };
    let day = FteDay {
        date,
        available_fte: available,
        in_office_shrinkage: i,
        out_office_shrinkage: o,
    };
    Some((group, day))
}

/// The `FORECAST_GROUP` cell: a valid text naming one of `groups` (any, without them).
fn row_group(
    cell: &[u8],
    number: u64,
    groups: Option<&[&str]>,
    sink: &mut IssueSink,
) -> Option<String> {
    if let Err(reason) = check_text(cell) {
        sink.push(number, FTE_HEADER[0], reason);
        return None;
    }
    let name = String::from_utf8_lossy(cell).into_owned();
    if groups.is_none_or(|g| g.contains(&name.as_str())) {
        Some(name)
    } else {
        sink.push(
            number,
            FTE_HEADER[0],
            format!("no forecast group named {name:?}"),
        );
        None
    }
}

/// The `Date` cell: midnight UTC of a day.
fn row_date(cell: &[u8], number: u64, sink: &mut IssueSink) -> Option<NaiveDate> {
    match parse_utc(cell) {
        Err(reason) => {
            sink.push(number, FTE_HEADER[1], reason);
            None
        }
        Ok(secs) if secs % 86_400 != 0 => {
            sink.push(
                number,
                FTE_HEADER[1],
                format!(
                    "{} is not midnight UTC (a day starts at 00:00:00Z)",
                    quote(cell)
                ),
            );
            None
        }
        Ok(secs) => DateTime::from_timestamp(secs, 0).map(|d| d.date_naive()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE";

    fn issues(body: &str) -> Vec<String> {
        read_fte_csv("f.csv", body.as_bytes(), Some(&["Sales", "Service"]))
            .unwrap_err()
            .issues()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_rule_is_reported_with_line_and_column() {
        let body = format!(
            "{HEADER}\nSales,2024-01-01T00:00:00Z,10,5,5\nSales,2024-01-02,10,5,5\n\
             Sales,2024-01-03T00:00:00Z,-1,5,5\nSales,2024-01-04T00:00:00Z,10,60,50\n\
             Sales/EU,2024-01-05T00:00:00Z,10,5,5\nSales,2024-01-01T00:00:00Z,11,5,5\n\
             Sales,2024-01-06T06:00:00Z,10,5,5,7\n\nSales,2024-01-07T06:00:00Z,10,x,5"
        );
        let got = issues(&body);
        let lines: Vec<&str> = got.iter().map(|s| s.split(": ").next().unwrap()).collect();
        assert_eq!(
            lines,
            [
                "f.csv:3", "f.csv:4", "f.csv:5", "f.csv:6", "f.csv:7", "f.csv:8", "f.csv:9",
                "f.csv:10", "f.csv:10"
            ],
            "{got:#?}"
        );
        assert!(got[0].contains("Date"));
        assert!(got[1].contains("AVAILABLE_FTE"));
        assert!(got[2].contains("below 100%"));
        assert!(got[3].contains("FORECAST_GROUP"));
        assert!(got[4].contains("the first is line 2"));
        assert!(got[5].contains("6 fields"));
        assert!(got[6].contains("blank line"));
    }

    #[test]
    fn an_fte_csv_written_by_pandas_polars_or_our_template_was_refused_for_its_final_line_break() {
        for end in ["\n", "\r\n"] {
            let text = format!("{HEADER}{end}Sales,2024-01-01T00:00:00Z,10,5,5{end}");
            let table = read_fte_csv("f.csv", text.as_bytes(), None).unwrap();
            assert_eq!(table.days("Sales").len(), 1, "{end:?}");
        }
        // two line breaks leave a blank last row, named by its line
        let got = issues(&format!("{HEADER}\nSales,2024-01-01T00:00:00Z,10,5,5\n\n"));
        assert_eq!(got, ["f.csv:3: blank line"]);
    }

    #[test]
    fn header_and_empty_file() {
        assert!(issues("")[0].contains("empty"));
        assert!(issues("FORECAST_GROUP,Date,AVAILABLE_FTE")[0].contains("header must be exactly"));
        let ok = read_fte_csv("f.csv", HEADER.as_bytes(), Some(&["Sales"])).unwrap();
        assert!(ok.groups.is_empty());
    }

    #[test]
    fn rows_are_kept_per_group_in_date_order() {
        let body = format!(
            "{HEADER}\r\nService,2024-01-02T00:00:00Z,7.5,0,0\r\nSales,2024-01-02T00:00:00Z,3,1.5,2\r\nService,2024-01-01T00:00:00Z,7,0,0"
        );
        let t = read_fte_csv("f.csv", body.as_bytes(), Some(&["Sales", "Service"])).unwrap();
        let service = t.days("Service");
        assert_eq!(service[0].date.to_string(), "2024-01-01");
        assert_eq!(service[1].available_fte, 7.5);
        assert!((t.days("Sales")[0].shrinkage() - 0.035).abs() < 1e-15);
        assert!(t.days("Billing").is_empty());
    }
}
