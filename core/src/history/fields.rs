//! Byte-level field parsers shared by the history and raw-record readers: the text
//! character rule, whole counts, decimal seconds and UTC timestamps.
//!
//! Each returns the reason for a planner on failure (the caller adds file, line and
//! column). The hot paths never allocate: counts and decimals are parsed from bytes,
//! timestamps of the exact form `YYYY-MM-DDTHH:MM:SSZ` by hand; anything else falls back
//! to chrono only to accept other valid ISO 8601 UTC forms or to explain the problem.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike};

/// The longest value quoted in full in a reason; longer values are cut with `…`.
const QUOTE_MAX: usize = 40;

/// The value as it appears in reasons: `"…"`, cut after [`QUOTE_MAX`] characters,
/// invalid UTF-8 shown with replacement characters.
pub(crate) fn quote(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.chars().count() > QUOTE_MAX {
        let cut: String = text.chars().take(QUOTE_MAX).collect();
        format!("{cut:?}…")
    } else {
        format!("{text:?}")
    }
}

/// Whether `c` may appear in a text field: letters, digits, space and
/// `- _ . ( )`. Letters and digits are Unicode ones (`é`, `ß` are letters).
pub(crate) fn is_text_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')')
}

/// 256-entry table of the ASCII bytes allowed in text fields.
const ASCII_TEXT: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric()
            || c == b' '
            || c == b'-'
            || c == b'_'
            || c == b'.'
            || c == b'('
            || c == b')';
        b += 1;
    }
    t
};

/// Checks the text character rule on a (UTF-8) field; empty fields are "missing".
pub(crate) fn check_text(field: &[u8]) -> Result<(), String> {
    if field.is_empty() {
        return Err("missing value".into());
    }
    if field.iter().all(|&b| b < 128 && ASCII_TEXT[b as usize]) {
        return Ok(());
    }
    let Ok(text) = std::str::from_utf8(field) else {
        return Err(format!(
            "{} is not valid UTF-8 text: save the file as UTF-8",
            quote(field)
        ));
    };
    match text.chars().find(|&c| !is_text_char(c)) {
        None => Ok(()),
        Some(c) => {
            let hint = if c == '"' {
                " (fields cannot be quoted)"
            } else {
                ""
            };
            Err(format!(
                "{} contains {c:?}{hint}: only letters, digits, spaces and - _ . ( ) are allowed",
                quote(field)
            ))
        }
    }
}

/// A non-negative whole number (`IncomingContactVolume`, `ContactsHandled`).
pub(crate) fn parse_count(field: &[u8]) -> Result<u64, String> {
    if field.is_empty() {
        return Err("missing value".into());
    }
    let mut n: u64 = 0;
    for &b in field {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return Err(count_reason(field));
        }
        n = match n.checked_mul(10).and_then(|n| n.checked_add(u64::from(d))) {
            Some(n) => n,
            None => return Err(format!("{} is too large", quote(field))),
        };
    }
    Ok(n)
}

fn count_reason(field: &[u8]) -> String {
    let q = quote(field);
    let raw = String::from_utf8_lossy(field);
    let text = raw.trim();
    let number = |t: &str| t.parse::<f64>().is_ok_and(f64::is_finite) && !t.contains(['e', 'E']);
    if text.starts_with('-') && number(&text[1..]) {
        format!("{q} is negative: a non-negative whole number is needed")
    } else if text != raw && number(text) {
        format!("{q} has spaces around the number")
    } else if text.contains('.') && number(text) && !text.starts_with('+') {
        format!("{q} has decimals: a whole number is needed (no decimals)")
    } else {
        format!("{q} is not a whole number")
    }
}

fn field_str(field: &[u8]) -> &str {
    std::str::from_utf8(field).unwrap_or("")
}

/// Powers of ten exactly representable as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Non-negative decimal seconds (`AverageHandleTime`): digits with at most one `.`, no
/// sign, no exponent.
pub(crate) fn parse_seconds(field: &[u8]) -> Result<f64, String> {
    if field.is_empty() {
        return Err("missing value".into());
    }
    // Fast path (Clinger): up to 15 significant digits as an exact integer, divided by an
    // exact power of ten — one correctly rounded division.
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut frac: Option<usize> = None;
    for &b in field {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
                if let Some(f) = frac.as_mut() {
                    *f += 1;
                }
            }
            b'.' if frac.is_none() => frac = Some(0),
            _ => return Err(seconds_reason(field)),
        }
    }
    if digits == 0 {
        return Err(seconds_reason(field));
    }
    let frac = frac.unwrap_or(0);
    if digits <= 15 {
        return Ok(mantissa as f64 / POW10[frac]);
    }
    // Long values: the standard library's correctly rounded parser.
    let text = field_str(field);
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{} is too large", quote(field))),
    }
}

fn seconds_reason(field: &[u8]) -> String {
    let q = quote(field);
    let text = String::from_utf8_lossy(field);
    let text = text.trim();
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && text.starts_with('-') && v != 0.0 => {
            format!("{q} is negative: non-negative decimal seconds are needed")
        }
        Ok(v) if v.is_finite() && text.contains(['e', 'E']) => {
            format!("{q} uses an exponent: write plain decimal seconds like 245.5")
        }
        Ok(v) if v.is_finite() => format!("{q} is not plain decimal seconds like 245.5"),
        _ => format!("{q} is not a number: decimal seconds like 245.5 are needed"),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

#[inline]
fn two(b: &[u8], i: usize) -> Option<u32> {
    let h = b[i].wrapping_sub(b'0');
    let l = b[i + 1].wrapping_sub(b'0');
    (h <= 9 && l <= 9).then(|| u32::from(h) * 10 + u32::from(l))
}

/// The fixed form `YYYY-MM-DDTHH:MM:SSZ` as Unix seconds, or `None` for anything else.
#[inline]
pub(crate) fn parse_utc_fast(b: &[u8]) -> Option<i64> {
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let year = i64::from(two(b, 0)? * 100 + two(b, 2)?);
    let (month, day) = (two(b, 5)?, two(b, 8)?);
    let (hour, minute, second) = (two(b, 11)?, two(b, 14)?, two(b, 17)?);
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + i64::from(hour * 3600 + minute * 60 + second))
}

/// The earliest instant history may hold: 1970-01-01T00:00:00Z (Unix seconds).
pub const EARLIEST_SECONDS: i64 = 0;
/// The latest instant history may hold: 9999-12-31T23:59:59Z (Unix seconds), the last
/// one a four-digit `YYYY-MM-DDTHH:MM:SSZ` can write.
pub const LATEST_SECONDS: i64 = 253_402_300_799;

/// The one date rule of the history CSV and the raw contact records: an instant from
/// [`EARLIEST_SECONDS`] to [`LATEST_SECONDS`] (1970 to 9999, UTC), so that whatever is
/// imported exports as `YYYY-MM-DDTHH:MM:SSZ` and imports back.
pub(crate) fn accepted_instant(secs: i64, field: &[u8]) -> Result<i64, String> {
    if secs < EARLIEST_SECONDS {
        Err(format!("{} is before 1970-01-01", quote(field)))
    } else if secs > LATEST_SECONDS {
        Err(format!("{} is after 9999-12-31 (UTC)", quote(field)))
    } else {
        Ok(secs)
    }
}

/// An ISO 8601 UTC timestamp ending in `Z`, as Unix seconds (from 1970 to 9999:
/// [`accepted_instant`]).
pub(crate) fn parse_utc(field: &[u8]) -> Result<i64, String> {
    let secs = match parse_utc_fast(field) {
        Some(s) => s,
        None => parse_utc_slow(field)?,
    };
    accepted_instant(secs, field)
}

/// An instant in RFC 3339 (any offset, fractions of a second allowed and dropped), as
/// Unix seconds — for raw contact records, where timestamps are instants, not starts —
/// from 1970 to 9999 UTC ([`accepted_instant`], the rule of the history CSV).
pub(crate) fn parse_instant(field: &[u8]) -> Result<i64, String> {
    if let Some(s) = parse_utc_fast(field) {
        return accepted_instant(s, field);
    }
    let text = std::str::from_utf8(field).unwrap_or("");
    match DateTime::parse_from_rfc3339(text) {
        Ok(dt) => accepted_instant(dt.timestamp(), field),
        Err(_) if field.is_empty() => Err("missing value".into()),
        Err(_) => match parse_utc_slow(field) {
            Err(reason) => Err(reason),
            Ok(_) => Err(format!("{} is not an RFC 3339 timestamp", quote(field))),
        },
    }
}

const EXAMPLE: &str = "2024-07-01T08:15:00Z";

fn parse_utc_slow(field: &[u8]) -> Result<i64, String> {
    if field.is_empty() {
        return Err("missing value".into());
    }
    let q = quote(field);
    let Ok(text) = std::str::from_utf8(field) else {
        return Err(format!("{q} is not valid UTF-8 text"));
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        if !text.ends_with('Z') {
            return Err(format!(
                "{q} has offset {}: timestamps must be UTC and end in Z, like {EXAMPLE}",
                dt.offset()
            ));
        }
        if dt.nanosecond() != 0 {
            return Err(format!(
                "{q} has fractions of a second: a timestamp starts an interval or day, \
                 like {EXAMPLE}"
            ));
        }
        return Ok(dt.timestamp());
    }
    let no_zone = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ];
    if no_zone
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(text, f).is_ok())
    {
        return Err(format!(
            "{q} has no time zone: UTC timestamps end in Z, like {EXAMPLE}"
        ));
    }
    if NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
        return Err(format!(
            "{q} is a date without a time: write it like 2024-07-01T00:00:00Z"
        ));
    }
    let shape = field.len() == 20
        && field.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        });
    if shape {
        return Err(format!(
            "{q} is not a valid date and time (no such day, hour or minute)"
        ));
    }
    Err(format!(
        "{q} is not an ISO 8601 UTC timestamp like {EXAMPLE}"
    ))
}

/// The timestamp form of every wfm file: `YYYY-MM-DDTHH:MM:SSZ` (ISO 8601, UTC), for
/// chrono's `format`; [`format_utc`] writes Unix seconds in it.
///
/// ```
/// let t = chrono::DateTime::from_timestamp(1_704_067_200, 0).unwrap();
/// assert_eq!(t.format(wfm_core::history::UTC_FORMAT).to_string(), "2024-01-01T00:00:00Z");
/// ```
pub const UTC_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` ([`UTC_FORMAT`]), the timestamp form of every
/// wfm file.
///
/// ```
/// assert_eq!(wfm_core::history::format_utc(1_704_067_200), "2024-01-01T00:00:00Z");
/// ```
pub fn format_utc(secs: i64) -> String {
    match DateTime::from_timestamp(secs, 0) {
        Some(dt) => dt.format(UTC_FORMAT).to_string(),
        None => format!("{secs}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_timestamps_match_chrono() {
        for s in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:45:00Z",
            "2000-03-01T12:30:59Z",
            "9999-12-31T23:59:59Z",
        ] {
            let chrono = DateTime::parse_from_rfc3339(s).unwrap().timestamp();
            assert_eq!(parse_utc_fast(s.as_bytes()), Some(chrono), "{s}");
        }
        assert_eq!(parse_utc_fast(b"2023-02-29T00:00:00Z"), None);
        assert_eq!(parse_utc_fast(b"2024-07-01T24:00:00Z"), None);
    }

    #[test]
    fn slow_timestamps_accept_other_utc_forms_and_explain_the_rest() {
        assert_eq!(parse_utc(b"2024-07-01T08:15:00.000Z"), Ok(1_719_821_700));
        let reason = |s: &str| parse_utc(s.as_bytes()).unwrap_err();
        assert!(reason("2024-07-01T08:15:00").contains("no time zone"));
        assert!(reason("2024-07-01T08:15:00+02:00").contains("has offset +02:00"));
        assert!(reason("2024-07-01").contains("date without a time"));
        assert!(reason("2024-02-30T00:00:00Z").contains("not a valid date"));
        assert!(reason("yesterday").contains("not an ISO 8601"));
        assert!(reason("1969-12-31T23:45:00Z").contains("before 1970"));
        assert!(reason("2024-07-01T08:15:00.5Z").contains("fractions"));
        assert_eq!(reason(""), "missing value");
    }

    #[test]
    fn raw_record_dated_1900_is_refused_by_the_rule_of_the_history_csv() {
        // one rule for both readers: what the raw reader accepts, the history CSV
        // reader reads back after export
        for t in ["1900-01-01T00:00:00Z", "1970-01-01T01:00:00+02:00"] {
            assert!(
                parse_instant(t.as_bytes())
                    .unwrap_err()
                    .contains("before 1970"),
                "{t}"
            );
            assert!(parse_utc(t.as_bytes()).is_err(), "{t}");
        }
        let late = "9999-12-31T23:00:00-05:00";
        assert!(
            parse_instant(late.as_bytes())
                .unwrap_err()
                .contains("after 9999")
        );
        assert_eq!(parse_instant(b"1970-01-01T00:00:00Z"), Ok(EARLIEST_SECONDS));
        assert_eq!(parse_utc(b"9999-12-31T23:59:59Z"), Ok(LATEST_SECONDS));
        assert_eq!(
            format_utc(LATEST_SECONDS).as_bytes(),
            b"9999-12-31T23:59:59Z",
            "the latest instant writes as a four-digit year"
        );
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(b"0"), Ok(0));
        assert_eq!(parse_count(b"18446744073709551615"), Ok(u64::MAX));
        assert!(
            parse_count(b"18446744073709551616")
                .unwrap_err()
                .contains("too large")
        );
        assert!(parse_count(b"-3").unwrap_err().contains("negative"));
        assert!(parse_count(b"1.5").unwrap_err().contains("decimals"));
        assert!(parse_count(b"10.0").unwrap_err().contains("decimals"));
        assert!(parse_count(b" 10").unwrap_err().contains("spaces"));
        assert!(
            parse_count(b"ten")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            parse_count(b"1e3")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert_eq!(parse_count(b""), Err("missing value".into()));
    }

    #[test]
    fn seconds() {
        assert_eq!(parse_seconds(b"245.5"), Ok(245.5));
        assert_eq!(parse_seconds(b"0.1"), Ok(0.1));
        assert_eq!(parse_seconds(b".5"), Ok(0.5));
        assert_eq!(parse_seconds(b"7"), Ok(7.0));
        assert_eq!(
            parse_seconds(b"123456789.123456789"),
            Ok("123456789.123456789".parse().unwrap())
        );
        assert!(parse_seconds(b"-1").unwrap_err().contains("negative"));
        assert!(parse_seconds(b"1e3").unwrap_err().contains("exponent"));
        assert!(parse_seconds(b"abc").unwrap_err().contains("not a number"));
        assert!(parse_seconds(b"NaN").unwrap_err().contains("not a number"));
        assert!(parse_seconds(b".").unwrap_err().contains("not a number"));
        assert!(
            parse_seconds(b"1.2.3")
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn fast_decimal_path_is_correctly_rounded() {
        for s in [
            "0.3",
            "123.456",
            "99999.99999",
            "1.000000000000001",
            "0.000000000000007",
        ] {
            assert_eq!(
                parse_seconds(s.as_bytes()),
                Ok(s.parse::<f64>().unwrap()),
                "{s}"
            );
        }
    }

    #[test]
    fn text_rule() {
        assert_eq!(check_text(b"Sales (EU) - Tier_1.x"), Ok(()));
        assert_eq!(check_text("Ventes Québec".as_bytes()), Ok(()));
        assert!(check_text(b"Sales/EU").unwrap_err().contains("'/'"));
        assert!(check_text(b"\"Sales\"").unwrap_err().contains("quoted"));
        assert!(check_text(b"a\tb").unwrap_err().contains("'\\t'"));
        assert!(check_text(b"\xff").unwrap_err().contains("UTF-8"));
        assert_eq!(check_text(b""), Err("missing value".into()));
    }
}
