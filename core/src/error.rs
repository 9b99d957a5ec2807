//! The one error type of `wfm-core`.

use thiserror::Error;

use crate::history::{InputIssue, SufficiencyReport};

/// Everything the planning domain can refuse, in a planner's words.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A long run stopped at a safe point because its watcher asked
    /// ([`crate::progress::Progress`]).
    #[error("stopped by the user while {stage}")]
    Stopped {
        /// The stage that was running.
        stage: String,
    },
    /// A channel name that is not `VOICE`, `CHAT` or `TASK`.
    #[error("unknown channel {0:?}: expected VOICE or CHAT (upper case) or TASK")]
    UnknownChannel(String),
    /// An interval length other than 15 or 30 minutes.
    #[error("interval {0:?} is not supported: use 15mins or 30mins")]
    UnsupportedInterval(String),
    /// An initiation method of a raw contact record that is not one of
    /// [`InitiationMethod::ALL`](crate::history::InitiationMethod::ALL).
    #[error("{0:?} is not an initiation method: expected one of {names}",
        names = crate::history::InitiationMethod::names())]
    UnknownInitiationMethod(String),
    /// A country code without a built-in public-holiday calendar.
    #[error(
        "no built-in public holidays for country {0:?}: use one of AU, CA, DE, ES, FR, GB, NL, US"
    )]
    UnknownCountry(String),
    /// A forecast kind other than `short` or `long`.
    #[error("kind {0:?}: use short (intervals, up to 18 weeks) or long (days, up to 78 weeks)")]
    UnknownForecastKind(String),
    /// A history granularity other than `15mins`, `30mins` or `daily`.
    #[error("interval duration {0:?} is not supported: use 15mins, 30mins or daily")]
    UnknownGranularity(String),
    /// A queue id that is empty, padded with spaces, or holds a character outside
    /// letters, digits, spaces and `- _ . ( )`.
    #[error("queue id {value:?} is invalid: {reason}")]
    InvalidQueueId {
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: String,
    },
    /// An input file has errors; the first ones are listed (each `FILE:LINE: COLUMN:
    /// reason`), all are counted, and nothing of the file may be applied.
    #[error("{total} error(s) in the input, nothing was applied:\n{}{}", list(.issues),
        more(.issues.len(), *.total))]
    InvalidInput {
        /// The first issues found (capped), in line order.
        issues: Vec<InputIssue>,
        /// How many issues there are in all.
        total: u64,
    },
    /// Reading an input failed (the operating system's message).
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The input's display name.
        file: String,
        /// The operating system's error, as text.
        message: String,
    },
    /// A history source id that is not loaded.
    #[error("history source {0} is not loaded")]
    UnknownSource(u64),
    /// A history source id that is loaded already.
    #[error("history source {0} is loaded already")]
    DuplicateSource(u64),
    /// A history source holding two records for one queue, channel, granularity and
    /// start.
    #[error(
        "history source {source_id} holds two records for queue #{queue}, {channel}, \
         {granularity} starting {start}"
    )]
    DuplicateRecord {
        /// The source.
        source_id: u64,
        /// The queue's index in the queue table.
        queue: u32,
        /// The channel.
        channel: String,
        /// `15mins`, `30mins` or `daily`.
        granularity: String,
        /// The start, ISO 8601 UTC.
        start: String,
    },
    /// The history fails the data-sufficiency rules; the report names each
    /// failed rule with its numbers and the remedies.
    #[error("{0}")]
    InsufficientData(Box<SufficiencyReport>),
    /// A capacity-planning scenario with a wrong field.
    #[error("scenario: {field}: {reason}")]
    InvalidScenario {
        /// The field, as named in the scenario file (`daily_attrition`, `goal.VOICE`, …).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A capacity plan that cannot be computed as asked.
    #[error("capacity plan: {reason}")]
    InvalidPlan {
        /// Why, in a planner's words.
        reason: String,
    },
    /// A series handed to a forecasting model or a plan is unusable (lengths differ, a
    /// value is negative or not finite, the step is not the model's, a channel missing).
    #[error("invalid series: {reason}")]
    InvalidSeries {
        /// What is wrong, in a planner's words.
        reason: String,
    },
    /// A forecasting model got less history than it needs.
    #[error("not enough history to forecast: {days} day(s) given, at least {required} needed")]
    ShortHistory {
        /// Complete days of history given.
        days: u64,
        /// Complete days the model needs.
        required: u64,
    },
    /// A forecast horizon that is zero or longer than the model allows.
    #[error("horizon of {requested} step(s) is not allowed: use 1 to {max}")]
    InvalidHorizon {
        /// Steps asked for.
        requested: u64,
        /// The longest horizon allowed, in steps.
        max: u64,
    },
}

fn list(issues: &[InputIssue]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn more(shown: usize, total: u64) -> String {
    let shown = shown as u64;
    if total > shown {
        format!("\n… and {} more", total - shown)
    } else {
        String::new()
    }
}

impl CoreError {
    /// An [`CoreError::Io`] for the input called `file`.
    ///
    /// ```
    /// use wfm_core::CoreError;
    /// let e = CoreError::io("h.csv", &std::io::Error::other("disk gone"));
    /// assert_eq!(e.to_string(), "h.csv: cannot read: disk gone");
    /// ```
    pub fn io(file: &str, error: &std::io::Error) -> Self {
        Self::Io {
            file: file.to_owned(),
            message: error.to_string(),
        }
    }

    /// The input issues of an [`CoreError::InvalidInput`], else an empty slice.
    ///
    /// ```
    /// use wfm_core::CoreError;
    /// use wfm_core::history::InputIssue;
    /// let e = CoreError::InvalidInput { issues: vec![InputIssue::new("f", 2, "", "blank line")], total: 1 };
    /// assert_eq!(e.issues()[0].line, 2);
    /// assert!(CoreError::UnknownSource(3).issues().is_empty());
    /// ```
    pub fn issues(&self) -> &[InputIssue] {
        match self {
            Self::InvalidInput { issues, .. } => issues,
            _ => &[],
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
