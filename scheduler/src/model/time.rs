//! Times of day and the 15-minute grid every shift time lives on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The granularity of shift and activity times, in minutes **(ours)**: shift starts and
/// ends, activity starts and ends, durations and window offsets are multiples of it, so
/// that they line up with the 15- and 30-minute interval grids.
pub const GRID_MINUTES: u32 = 15;

/// A time of day from `00:00` to `24:00` inclusive (`24:00` is the end of a day), written
/// `"HH:MM"` in scenario files.
///
/// ```
/// use wfm_scheduler::TimeOfDay;
/// let t: TimeOfDay = "13:30".parse().unwrap();
/// assert_eq!(t.minutes(), 13 * 60 + 30);
/// assert_eq!(t.to_string(), "13:30");
/// assert_eq!("24:00".parse::<TimeOfDay>().unwrap().minutes(), 1440);
/// assert!("24:15".parse::<TimeOfDay>().is_err());
/// assert!("9h".parse::<TimeOfDay>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// Midnight at the start of the day.
    pub const MIDNIGHT: Self = Self(0);

    /// The time `minutes` after midnight, `None` above 1440 (24:00).
    pub fn from_minutes(minutes: u32) -> Option<Self> {
        (minutes <= 1440).then_some(Self(minutes as u16))
    }

    /// Minutes after midnight, 0–1440.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    /// Whether the time is on the [`GRID_MINUTES`] grid.
    pub fn on_grid(self) -> bool {
        self.minutes().is_multiple_of(GRID_MINUTES)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl FromStr for TimeOfDay {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a time of day HH:MM between 00:00 and 24:00");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = m.parse().map_err(|_| bad())?;
        if m >= 60 {
            return Err(bad());
        }
        Self::from_minutes(h * 60 + m).ok_or_else(bad)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A daily time window `[start, end)` in minutes after the day's midnight; an `end` at or
/// before `start` means the window runs past midnight into the next day.
///
/// ```
/// use wfm_scheduler::model::DayWindow;
/// assert_eq!(DayWindow::new(8 * 60, 18 * 60).span(), (480, 1080));
/// assert_eq!(DayWindow::new(22 * 60, 6 * 60).span(), (1320, 1800)); // overnight
/// assert_eq!(DayWindow::new(0, 1440).span(), (0, 1440));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayWindow {
    start: u32,
    end: u32,
}

impl DayWindow {
    /// The window from `start` to `end` minutes after midnight (see the type's rules).
    pub fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// `(start, end)` in minutes after the day's midnight, with `end > start` (an overnight
    /// window's end is above 1440).
    pub fn span(self) -> (u32, u32) {
        if self.end > self.start {
            (self.start, self.end)
        } else {
            (self.start, self.end + 1440)
        }
    }

    /// The window's length in minutes.
    pub fn minutes(self) -> u32 {
        let (s, e) = self.span();
        e - s
    }
}
