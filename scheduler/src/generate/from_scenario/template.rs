//! A pool's [`ShiftTemplate`] parts: the profile window of each date as week intervals
//! (on the profile's clock, moving with DST), the shift lengths with their break rules,
//! and the per-day start windows.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::breaks::breaks_of;
use super::{GRID, WeekFrame};
use crate::error::Result;
use crate::generate::{Agent, DAYS, ShiftLength, StartWindow};
use crate::model::{ProfileClock, ShiftProfile};

/// The UTC instant of a local time: the earlier of two on a repeated hour when `early`,
/// else the later; a time skipped by a DST change moves to the first valid time after.
fn local_instant(tz: Tz, mut t: NaiveDateTime, early: bool) -> DateTime<Utc> {
    for _ in 0..(24 * 4) {
        match tz.from_local_datetime(&t) {
            chrono::LocalResult::Single(x) => return x.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(a, b) => {
                return if early { a } else { b }.with_timezone(&Utc);
            }
            chrono::LocalResult::None => t += Duration::minutes(i64::from(GRID)),
        }
    }
    Utc.from_utc_datetime(&t)
}

/// The profile window of `date` as week intervals `[lo, hi)` (may be negative or past the
/// week), on the profile's clock.
pub(super) fn window_of(
    profile: &ShiftProfile,
    tz: Tz,
    date: NaiveDate,
    midnight: DateTime<Utc>,
) -> (i64, i64) {
    let (lo, hi) = profile.window().span();
    let day = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = |m: u32| day + Duration::minutes(i64::from(m));
    let (a, b) = match profile.clock {
        ProfileClock::Utc => (
            Utc.from_utc_datetime(&at(lo)),
            Utc.from_utc_datetime(&at(hi)),
        ),
        ProfileClock::Local => (
            local_instant(tz, at(lo), true),
            local_instant(tz, at(hi), false),
        ),
    };
    let g = i64::from(GRID);
    let lo = (a - midnight).num_minutes();
    let hi = (b - midnight).num_minutes();
    (
        lo.div_euclid(g) + i64::from(lo.rem_euclid(g) != 0),
        hi.div_euclid(g),
    )
}

/// The pool's shift lengths from `lo` to `hi` intervals (and at most `widest`, the widest
/// day window), every length step, each with its break rules; the breaks' activity names
/// go to `names`, a length whose windows cannot keep the break spacing to `dropped`
/// (minutes).
///
/// # Errors
/// As [`breaks_of`].
pub(super) fn shift_lengths(
    frame: &WeekFrame<'_>,
    profile: &ShiftProfile,
    (lo, hi, widest): (u32, u32, u32),
    names: &mut Vec<Vec<String>>,
    dropped: &mut Vec<u32>,
) -> Result<Vec<ShiftLength>> {
    let mut lengths = Vec::new();
    let mut len = lo.max(1);
    while len <= hi && len <= widest {
        match breaks_of(frame.scenario, profile, len)? {
            Some((rules, n)) => {
                lengths.push(ShiftLength {
                    length: len,
                    breaks: rules,
                });
                names.push(n);
            }
            None => dropped.push(len * GRID),
        }
        len += frame.step_of(profile).1;
    }
    Ok(lengths)
}

/// Per schedule day, the starts: from the window's start (not before the week) to
/// `window end − longest` and before the next day's window minus `longest`, a single
/// start with `same_start_time`; none on a day no agent is available or the window is
/// too short.
pub(super) fn start_windows(
    windows: &[(i64, i64)],
    agents: &[Agent],
    longest: u32,
    same_start_time: bool,
) -> [Option<StartWindow>; DAYS] {
    let mut days = [None; DAYS];
    for d in 0..DAYS {
        if !agents.iter().any(|a| a.available(d)) {
            continue;
        }
        let (lo, hi) = windows[d];
        let lo = lo.max(0);
        let mut last = hi - i64::from(longest);
        if let Some(&(next, _)) = windows.get(d + 1) {
            last = last.min(next - i64::from(longest));
        }
        if same_start_time {
            last = last.min(lo);
        }
        if last >= lo {
            days[d] = Some(StartWindow {
                first: lo as u32,
                last: last as u32,
            });
        }
    }
    days
}
