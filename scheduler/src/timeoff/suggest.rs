//! Suggested overtime and VTO slots from a published schedule's review: per interval,
//! how many agents short of the requirement (overtime slots needed) and how many above
//! it (VTO slots that can be given without missing the goal).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::review::IntervalReview;

/// The suggestion for one interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedSlots {
    /// Interval start, UTC.
    pub start: DateTime<Utc>,
    /// Interval end, UTC.
    pub end: DateTime<Utc>,
    /// Productive agents the goal requires (Erlang).
    pub required: u32,
    /// Productive agents scheduled.
    pub scheduled: f64,
    /// Overtime slots needed: whole agents short.
    pub overtime: u32,
    /// VTO slots that can be given: whole agents above the requirement.
    pub vto: u32,
}

/// One suggestion per reviewed interval of `minutes` minutes.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// use wfm_scheduler::timeoff::suggest_slots;
/// use wfm_scheduler::review::IntervalReview;
/// let at = Utc.with_ymd_and_hms(2026, 12, 15, 9, 0, 0).unwrap();
/// let iv = |required, scheduled| IntervalReview { start: at, volume: 0.0, aht_seconds: 0.0, load: 0.0,
///     required, scheduled, short: 0.0, service_level: 1.0, asa_seconds: None, occupancy: 0.0 };
/// let s = suggest_slots(&[iv(5, 2.5), iv(3, 6.0)], 30);
/// assert_eq!((s[0].overtime, s[0].vto), (3, 0));
/// assert_eq!((s[1].overtime, s[1].vto), (0, 3));
/// ```
pub fn suggest_slots(intervals: &[IntervalReview], minutes: u32) -> Vec<SuggestedSlots> {
    intervals
        .iter()
        .map(|iv| {
            let gap = f64::from(iv.required) - iv.scheduled;
            SuggestedSlots {
                start: iv.start,
                end: iv.start + Duration::minutes(i64::from(minutes)),
                required: iv.required,
                scheduled: iv.scheduled,
                overtime: if gap > 1e-9 { gap.ceil() as u32 } else { 0 },
                vto: if gap < -1e-9 {
                    (-gap + 1e-9).floor() as u32
                } else {
                    0
                },
            }
        })
        .collect()
}
