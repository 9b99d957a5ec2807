//! The time grid: interval lengths, and the channels contacts arrive on.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// How contacts reach the center: `VOICE`, `CHAT`, and (beyond the
/// reference) `TASK`.
///
/// ```
/// use wfm_core::Channel;
/// assert_eq!("VOICE".parse::<Channel>()?, Channel::Voice);
/// assert!("voice".parse::<Channel>().is_err()); // upper case, as in the history files
/// assert_eq!(Channel::Chat.to_string(), "CHAT");
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Channel {
    /// Phone calls.
    Voice,
    /// Chats (an agent may work several at once).
    Chat,
    /// Back-office tasks.
    Task,
}

impl Channel {
    /// The name used in files: `VOICE`, `CHAT`, `TASK`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Voice => "VOICE",
            Self::Chat => "CHAT",
            Self::Task => "TASK",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        match s {
            "VOICE" => Ok(Self::Voice),
            "CHAT" => Ok(Self::Chat),
            "TASK" => Ok(Self::Task),
            other => Err(CoreError::UnknownChannel(other.to_owned())),
        }
    }
}

/// A workspace's interval: 15 or 30 minutes, chosen once.
///
/// ```
/// use wfm_core::IntervalLength;
/// let i: IntervalLength = "30mins".parse()?;
/// assert_eq!(i.minutes(), 30);
/// assert_eq!(i.seconds(), 1800);
/// assert_eq!(i.per_day(), 48);
/// assert!("20mins".parse::<IntervalLength>().is_err());
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IntervalLength {
    /// 15 minutes.
    #[serde(rename = "15mins")]
    Fifteen,
    /// 30 minutes.
    #[serde(rename = "30mins")]
    Thirty,
}

impl IntervalLength {
    /// Minutes per interval.
    pub fn minutes(self) -> u32 {
        match self {
            Self::Fifteen => 15,
            Self::Thirty => 30,
        }
    }

    /// Seconds per interval.
    pub fn seconds(self) -> u32 {
        self.minutes() * 60
    }

    /// Intervals per (24-hour) day.
    pub fn per_day(self) -> u32 {
        24 * 60 / self.minutes()
    }

    /// The name used in history files: `15mins` or `30mins`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fifteen => "15mins",
            Self::Thirty => "30mins",
        }
    }

    /// The interval of `minutes` minutes.
    ///
    /// # Errors
    /// [`CoreError::UnsupportedInterval`] for anything but 15 or 30.
    pub fn from_minutes(minutes: u32) -> Result<Self, CoreError> {
        match minutes {
            15 => Ok(Self::Fifteen),
            30 => Ok(Self::Thirty),
            other => Err(CoreError::UnsupportedInterval(format!("{other}mins"))),
        }
    }
}

impl fmt::Display for IntervalLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for IntervalLength {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self, CoreError> {
        match s {
            "15mins" => Ok(Self::Fifteen),
            "30mins" => Ok(Self::Thirty),
            other => Err(CoreError::UnsupportedInterval(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in [Channel::Voice, Channel::Chat, Channel::Task] {
            assert_eq!(c.as_str().parse::<Channel>(), Ok(c));
        }
        for i in [IntervalLength::Fifteen, IntervalLength::Thirty] {
            assert_eq!(i.as_str().parse::<IntervalLength>(), Ok(i));
            assert_eq!(IntervalLength::from_minutes(i.minutes()), Ok(i));
        }
        assert!(IntervalLength::from_minutes(60).is_err());
        assert_eq!(
            "Chat".parse::<Channel>(),
            Err(CoreError::UnknownChannel("Chat".into()))
        );
    }
}
