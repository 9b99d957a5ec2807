//! Instants as UTC epoch milliseconds: parsed fast from the event formats' text, shown as
//! `hh:mm:ss` durations.

use chrono::{DateTime, NaiveDate, Utc};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(b: &[u8]) -> Option<i64> {
    let mut v = 0i64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

/// Parses a UTC instant into epoch milliseconds: `yyyy-mm-ddThh:mm:ss[.fff…]Z` (the
/// reference's form), a space instead of `T`, no zone (UTC), or any RFC 3339 offset.
///
/// ```
/// use wfm_scheduler::adherence::parse_instant;
/// assert_eq!(parse_instant("1970-01-01T00:00:01.250Z"), Some(1250));
/// assert_eq!(parse_instant("1970-01-01 00:01:00"), Some(60_000));
/// assert_eq!(parse_instant("1970-01-01T01:00:00+01:00"), Some(0));
/// assert_eq!(parse_instant("1970-02-30T00:00:00Z"), None);
/// ```
pub fn parse_instant(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() >= 19 && b[4] == b'-' && b[7] == b'-' && (b[10] == b'T' || b[10] == b' ') {
        let rest = &b[19..];
        let (frac, tail) = match rest.first() {
            Some(b'.') => {
                let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                (&rest[1..=n], &rest[1 + n..])
            }
            _ => (&rest[..0], rest),
        };
        if tail.is_empty() || tail == b"Z" || tail == b"z" {
            let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
            let (h, mi, s) = (
                digits(&b[11..13])?,
                digits(&b[14..16])?,
                digits(&b[17..19])?,
            );
            if b[13] != b':' || b[16] != b':' || h > 23 || mi > 59 || s > 59 {
                return None;
            }
            NaiveDate::from_ymd_opt(y as i32, mo as u32, d as u32)?;
            let mut ms = 0;
            for (i, &c) in frac.iter().take(3).enumerate() {
                ms += i64::from(c - b'0') * [100, 10, 1][i];
            }
            return Some(days_from_civil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms);
        }
    }
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Epoch milliseconds as a `DateTime<Utc>` (the epoch for an instant chrono cannot hold).
///
/// ```
/// use wfm_scheduler::adherence::instant;
/// assert_eq!(instant(0).to_rfc3339(), "1970-01-01T00:00:00+00:00");
/// ```
pub fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The reference's timestamp text, `yyyy-mm-ddThh:mm:ss.sssZ`.
///
/// ```
/// use wfm_scheduler::adherence::instant_text;
/// assert_eq!(instant_text(1250), "1970-01-01T00:00:01.250Z");
/// ```
pub fn instant_text(ms: i64) -> String {
    instant(ms).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The UTC day of an instant.
pub fn day_of(ms: i64) -> NaiveDate {
    instant(ms).date_naive()
}

/// The first millisecond of a UTC day.
pub fn day_start(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp_millis())
}

/// A duration in whole seconds as `hh:mm:ss` (hours grow past 24 for long periods).
///
/// ```
/// use wfm_scheduler::adherence::hms;
/// assert_eq!(hms(9000), "02:30:00");
/// assert_eq!(hms(144_000), "40:00:00");
/// ```
pub fn hms(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_chrono() {
        for text in [
            "2026-03-02T08:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "1999-12-31T00:00:00Z",
            "2026-03-02T08:00:00.5Z",
        ] {
            let chrono = DateTime::parse_from_rfc3339(text)
                .unwrap()
                .timestamp_millis();
            assert_eq!(parse_instant(text), Some(chrono), "{text}");
        }
        assert_eq!(parse_instant("2026-13-02T08:00:00Z"), None);
        assert_eq!(parse_instant("2026-03-02T24:00:00Z"), None);
        assert_eq!(parse_instant("yesterday"), None);
        assert_eq!(parse_instant(""), None);
    }
}
