//! The small CSV reader the allowance and balance files share: whole text in, lines split
//! without allocation (quoted fields supported), every problem a located
//! [`InputIssue`]. Hand-written because the files reach a million rows and every
//! problem must name its line.

use chrono::{DateTime, NaiveDate, Utc};
use wfm_core::CoreError;
use wfm_core::history::InputIssue;

/// Issues kept per file (the rest are counted).
pub(crate) const MAX_ISSUES: usize = 100;

/// Collects a file's issues, keeping the first [`MAX_ISSUES`].
#[derive(Debug, Default)]
pub(crate) struct Issues {
    kept: Vec<InputIssue>,
    total: u64,
}

impl Issues {
    pub(crate) fn push(&mut self, issue: InputIssue) {
        self.total += 1;
        if self.kept.len() < MAX_ISSUES {
            self.kept.push(issue);
        }
    }

    /// `Ok(value)` when no issue was found, else the issues kept in line order.
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T, CoreError> {
        if self.total == 0 {
            Ok(value)
        } else {
            self.kept.sort_by_key(|i| i.line);
            Err(CoreError::InvalidInput {
                issues: self.kept,
                total: self.total,
            })
        }
    }
}

/// Each non-blank line with its 1-based number, the header first.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty())
}

/// Splits one line into `out` (cleared first); quoted fields lose their quotes (`""` is
/// one quote). Returns `false` for an unterminated quote.
pub(crate) fn split<'a>(line: &'a str, out: &mut Vec<std::borrow::Cow<'a, str>>) -> bool {
    out.clear();
    if !line.contains('"') {
        out.extend(
            line.split(',')
                .map(|f| std::borrow::Cow::Borrowed(f.trim())),
        );
        return true;
    }
    let mut chars = line.char_indices().peekable();
    let mut field = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    while let Some((_, c)) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek().is_some_and(|(_, n)| *n == '"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => in_quotes = false,
            (true, c) => field.push(c),
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                in_quotes = true;
            }
            (false, ',') => {
                let f = std::mem::take(&mut field);
                out.push(std::borrow::Cow::Owned(if quoted {
                    f
                } else {
                    f.trim().to_owned()
                }));
                quoted = false;
            }
            (false, c) => field.push(c),
        }
    }
    out.push(std::borrow::Cow::Owned(if quoted {
        field
    } else {
        field.trim().to_owned()
    }));
    !in_quotes
}

/// Checks the header is exactly `expected` (case-insensitive); the issue names the first
/// column that differs.
pub(crate) fn check_header(
    file: &str,
    text: &str,
    expected: &[&str],
    issues: &mut Issues,
) -> Option<u64> {
    let Some((line, header)) = lines(text).next() else {
        issues.push(InputIssue::new(
            file,
            1,
            "",
            format!(
                "the file is empty: expected the header {}",
                expected.join(",")
            ),
        ));
        return None;
    };
    let mut fields = Vec::new();
    split(header, &mut fields);
    let fields: Vec<&str> = fields
        .iter()
        .map(|f| f.trim_start_matches('\u{feff}'))
        .collect();
    if fields.len() != expected.len()
        || fields
            .iter()
            .zip(expected)
            .any(|(a, b)| !a.eq_ignore_ascii_case(b))
    {
        issues.push(InputIssue::new(
            file,
            line,
            "",
            format!(
                "the header must be exactly {} (found {})",
                expected.join(","),
                fields.join(",")
            ),
        ));
        return None;
    }
    Some(line)
}

fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SS` (or a space for `T`, an optional `Z`, seconds optional), UTC.
///
/// ```
/// # use wfm_scheduler::timeoff::parse_utc;
/// assert_eq!(parse_utc("2023-08-15T05:00:00").unwrap().to_rfc3339(), "2023-08-15T05:00:00+00:00");
/// assert!(parse_utc("2023-02-30T05:00:00").is_none());
/// ```
pub fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    let t = UtcReader::default().read(s)?;
    DateTime::from_timestamp(t.epoch, 0)
}

/// A date and time read by [`UtcReader`]: epoch seconds, and the minute and second as
/// written (a slot must start on a quarter hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadTime {
    pub(crate) epoch: i64,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

/// Reads [`parse_utc`]'s format, remembering the last date (files come in runs of one
/// day, so the calendar — chrono's — is asked once per day, not twice per row).
#[derive(Debug, Default)]
pub(crate) struct UtcReader {
    /// The last date's text and its midnight in epoch seconds.
    last: Option<([u8; 10], i64)>,
}

impl UtcReader {
    /// The time `s` names, `None` when it is not one (the same texts as [`parse_utc`]).
    pub(crate) fn read(&mut self, s: &str) -> Option<ReadTime> {
        let s = s.strip_suffix('Z').unwrap_or(s).as_bytes();
        if !(s.len() == 19 || s.len() == 16) || s[4] != b'-' || s[7] != b'-' || s[13] != b':' {
            return None;
        }
        if s[10] != b'T' && s[10] != b' ' {
            return None;
        }
        let second = if s.len() == 19 {
            if s[16] != b':' {
                return None;
            }
            digits(&s[17..19])?
        } else {
            0
        };
        let (hour, minute) = (digits(&s[11..13])?, digits(&s[14..16])?);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let midnight = self.midnight(&s[0..10])?;
        Some(ReadTime {
            epoch: midnight + i64::from(hour * 3600 + minute * 60 + second),
            minute,
            second,
        })
    }

    /// `YYYY-MM-DD`'s midnight in epoch seconds.
    fn midnight(&mut self, date: &[u8]) -> Option<i64> {
        if let Some((text, midnight)) = &self.last
            && text.as_slice() == date
        {
            return Some(*midnight);
        }
        let d = NaiveDate::from_ymd_opt(
            i32::try_from(digits(&date[0..4])?).ok()?,
            digits(&date[5..7])?,
            digits(&date[8..10])?,
        )?;
        let midnight = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
        self.last = Some((date.try_into().ok()?, midnight));
        Some(midnight)
    }
}

/// Hours as whole seconds: a non-negative decimal (`4.4` → 15,840 s), at most 100,000.
pub(crate) fn parse_hours(s: &str) -> Result<i64, &'static str> {
    let h: f64 = s.parse().map_err(|_| "not a number of hours")?;
    if !h.is_finite() || h < 0.0 {
        return Err("must be 0 or more hours");
    }
    if h > 100_000.0 {
        return Err("must be at most 100000 hours");
    }
    Ok((h * 3600.0).round() as i64)
}

/// A signed number of hours as whole seconds (for adjustments).
pub(crate) fn parse_signed_hours(s: &str) -> Result<i64, &'static str> {
    match s.strip_prefix('-') {
        Some(rest) => parse_hours(rest).map(|v| -v),
        None => parse_hours(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        let mut out = Vec::new();
        assert!(split(r#"Sales,"A,B","say ""hi""",3"#, &mut out));
        assert_eq!(out, ["Sales", "A,B", "say \"hi\"", "3"]);
        assert!(!split(r#"Sales,"open"#, &mut out));
    }

    #[test]
    fn the_date_reader_agrees_with_chrono_across_days_and_cached_dates() {
        let mut reader = UtcReader::default();
        let texts = [
            "2024-02-29T23:45:00",
            "2024-02-29T00:00",
            "2023-02-29T00:00:00",
            "2024-03-01 09:15:00Z",
            "2024-03-01T24:00:00",
            "2024-03-01T09:60:00",
            "2024-03-01T09:15:60",
            "2024-03-01T09:15:07",
            "2024-13-01T09:15:00",
            "0000-01-01T00:00:00",
            "9999-12-31T23:59:59",
            "2024-03-01X09:15:00",
            "2024-3-01T09:15:00",
        ];
        // the reader before the cache: chrono asked on every row
        let chrono_says = |t: &str| -> Option<i64> {
            let s = t.strip_suffix('Z').unwrap_or(t);
            let b = s.as_bytes();
            if !(b.len() == 19 || b.len() == 16) || b[4] != b'-' || b[7] != b'-' {
                return None;
            }
            if b[13] != b':' || (b[10] != b'T' && b[10] != b' ') {
                return None;
            }
            if b.len() == 19 && b[16] != b':' {
                return None;
            }
            let n = |r: std::ops::Range<usize>| digits(&b[r]);
            let sec = if b.len() == 19 { n(17..19)? } else { 0 };
            NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)?
                .and_hms_opt(n(11..13)?, n(14..16)?, sec)
                .map(|d| d.and_utc().timestamp())
        };
        for t in texts {
            let expected = chrono_says(t);
            // twice: the second read of a date comes from the cache
            for _ in 0..2 {
                assert_eq!(reader.read(t).map(|r| r.epoch), expected, "{t}");
            }
        }
        assert_eq!(
            reader.read("2024-02-29T23:45:00").map(|r| r.epoch),
            Some(1_709_250_300)
        );
        let r = reader.read("2024-03-01T09:15:07").unwrap();
        assert_eq!((r.minute, r.second), (15, 7));
    }

    #[test]
    fn hours_are_whole_seconds_and_never_negative() {
        assert_eq!(parse_hours("4.4"), Ok(15_840));
        assert!(parse_hours("-1").is_err());
        assert!(parse_hours("x").is_err());
        assert_eq!(parse_signed_hours("-1.5"), Ok(-5400));
    }
}
