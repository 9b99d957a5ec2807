//! Data sufficiency: whether the history of all queues of all forecast
//! groups is enough to forecast, rule by rule, with the numbers.
//!
//! Definitions (all in UTC, relative to an exclusive instant `as_of` — pass the start of
//! today for "now"; records starting at or after `as_of` are ignored):
//!
//! * **Data** is the records of the horizon's granularity (`15mins`/`30mins` at the
//!   workspace interval for short-term, `daily` for long-term) of queues in any group. A
//!   *data day* is a UTC day holding at least one such record (zero volume counts: the
//!   row is there).
//! * **Month**: calendar months counted back from `as_of` at the same day and time,
//!   clamped to the month's end (chrono's `checked_sub_months`: 2024-03-31 minus one month
//!   is 2024-02-29). "Month *k*" is `[as_of − k months, as_of − (k − 1) months)`.
//! * **Continuous**: the run of data days ending at the latest data day `L` in which no
//!   more than `max_gap_days` (default 7: a week's closure or a holiday shutdown) days in
//!   a row are missing. It starts at `S`. The history's length is the largest `m` with
//!   `E − m months ≥ S`, where `E = as_of` when `L` is within the recency window (a lag of
//!   up to 4 weeks does not shorten the history; the recency rule judges it) and
//!   `E = L + 1 day` otherwise (stale data counts only its own span).
//!
//! Rules: **history length** ≥ 6 months (a warning under the recommended 12);
//! **monthly volume** ≥ 2,000 contacts in each of months 1–6, summed over all queues of
//! all groups (per-group totals reported too); **recency**: a data point in the last 4
//! weeks (`[as_of − 28 days, as_of)`).

use std::fmt;

use chrono::{DateTime, Months, TimeDelta, Utc};
use serde::Serialize;

use super::record::{Granularity, HistoryRecord, QueueId, QueueTable};
use crate::{CoreError, IntervalLength};

/// What to print when data is missing.
pub const REMEDIES: &str =
    "load more history, load synthetic history, or upload your own forecast as an override";

/// Which forecast the data must feed.
///
/// ```
/// use wfm_core::IntervalLength;
/// use wfm_core::history::{Granularity, Horizon};
/// assert_eq!(Horizon::LongTerm.granularity(), Granularity::Daily);
/// assert_eq!(Horizon::ShortTerm(IntervalLength::Thirty).to_string(), "short-term");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Horizon {
    /// Interval data at the workspace interval.
    ShortTerm(IntervalLength),
    /// Daily data.
    LongTerm,
}

impl Horizon {
    /// The granularity of the data this horizon uses.
    ///
    /// ```
    /// use wfm_core::IntervalLength;
    /// use wfm_core::history::{Granularity, Horizon};
    /// let g = Horizon::ShortTerm(IntervalLength::Fifteen).granularity();
    /// assert_eq!(g, Granularity::Interval(IntervalLength::Fifteen));
    /// ```
    pub fn granularity(self) -> Granularity {
        match self {
            Self::ShortTerm(i) => Granularity::Interval(i),
            Self::LongTerm => Granularity::Daily,
        }
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::ShortTerm(_) => "short-term",
            Self::LongTerm => "long-term",
        })
    }
}

/// A forecast group and its queues.
///
/// ```
/// use wfm_core::history::{ForecastGroupQueues, QueueId};
/// let g = ForecastGroupQueues { name: "Sales".into(), queues: vec![QueueId::new("q1")?] };
/// assert_eq!(g.queues.len(), 1);
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastGroupQueues {
    /// The group's name.
    pub name: String,
    /// Its queues (a queue listed in two groups counts for the first).
    pub queues: Vec<QueueId>,
}

/// The thresholds; [`SufficiencyOptions::new`] gives the defaults (6 months, 2,000
/// contacts a month, 4 weeks).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_core::history::{Horizon, SufficiencyOptions};
/// let o = SufficiencyOptions::new(Utc.with_ymd_and_hms(2024, 8, 15, 0, 0, 0).unwrap(), Horizon::LongTerm);
/// assert_eq!((o.min_months, o.recommended_months, o.min_contacts_per_month, o.recency_days, o.max_gap_days), (6, 12, 2_000, 28, 7));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SufficiencyOptions {
    /// The exclusive end of the history considered ("now").
    pub as_of: DateTime<Utc>,
    /// Short- or long-term.
    pub horizon: Horizon,
    /// Months of continuous history needed (6).
    pub min_months: u32,
    /// Months recommended for seasonality (12); fewer gives a warning.
    pub recommended_months: u32,
    /// Contacts needed in each of the last `min_months` months (2,000).
    pub min_contacts_per_month: u64,
    /// The recency window in days (28).
    pub recency_days: u32,
    /// The most days in a row without data that still count as continuous (7).
    pub max_gap_days: u32,
}

impl SufficiencyOptions {
    /// The default thresholds for `horizon` as of `as_of`.
    ///
    /// ```
    /// use chrono::Utc;
    /// use wfm_core::history::{Horizon, SufficiencyOptions};
    /// let o = SufficiencyOptions::new(Utc::now(), Horizon::LongTerm);
    /// assert_eq!(o.min_months, 6);
    /// ```
    pub fn new(as_of: DateTime<Utc>, horizon: Horizon) -> Self {
        Self {
            as_of,
            horizon,
            min_months: 6,
            recommended_months: 12,
            min_contacts_per_month: 2_000,
            recency_days: 28,
            max_gap_days: 7,
        }
    }
}

/// One of the data-sufficiency rules.
///
/// ```
/// use wfm_core::history::SufficiencyRule;
/// assert_eq!(SufficiencyRule::MonthlyVolume.to_string(), "monthly volume");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SufficiencyRule {
    /// Enough continuous months of history.
    HistoryLength,
    /// Enough contacts in each recent month.
    MonthlyVolume,
    /// A recent data point.
    Recency,
}

impl fmt::Display for SufficiencyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HistoryLength => "history length",
            Self::MonthlyVolume => "monthly volume",
            Self::Recency => "recency",
        })
    }
}

/// The history-length rule's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryLengthCheck {
    /// Whole months of continuous history.
    pub months: u32,
    /// Months needed.
    pub needed: u32,
    /// Months recommended.
    pub recommended: u32,
    /// The first day of the continuous run (`None`: no data).
    pub continuous_from: Option<DateTime<Utc>>,
    /// Whether `months ≥ needed`.
    pub passed: bool,
}

/// One group's contacts in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupVolume {
    /// The group's name.
    pub group: String,
    /// Its contacts.
    pub contacts: u64,
}

/// Contacts in one month window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthVolume {
    /// Start (inclusive).
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// Contacts over all queues of all groups.
    pub contacts: u64,
    /// Per group, in the order given.
    pub per_group: Vec<GroupVolume>,
}

/// The monthly-volume rule's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolumeCheck {
    /// Months 1, 2, … (most recent first).
    pub months: Vec<MonthVolume>,
    /// Contacts needed in each.
    pub needed_per_month: u64,
    /// Whether every month has enough.
    pub passed: bool,
}

/// The recency rule's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecencyCheck {
    /// The latest record's start (`None`: no data).
    pub last_data_point: Option<DateTime<Utc>>,
    /// The window's start; a data point at or after it passes.
    pub window_from: DateTime<Utc>,
    /// The window in days.
    pub days: u32,
    /// Whether there is a data point in the window.
    pub passed: bool,
}

/// Every rule's outcome and numbers, the warnings and the remedies. `Display` names
/// each failed rule with its numbers ("5 months of history, 6 needed").
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_core::history::{check_sufficiency, Horizon, QueueTable, SufficiencyOptions};
/// let as_of = Utc.with_ymd_and_hms(2024, 8, 15, 0, 0, 0).unwrap();
/// let report = check_sufficiency([], &QueueTable::new(), &[], &SufficiencyOptions::new(as_of, Horizon::LongTerm));
/// assert!(!report.passed());
/// assert!(report.to_string().contains("0 months of history, 6 needed"));
/// assert!(report.into_result().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SufficiencyReport {
    /// Short- or long-term.
    pub horizon: Horizon,
    /// The instant checked against.
    pub as_of: DateTime<Utc>,
    /// History length.
    pub history: HistoryLengthCheck,
    /// Monthly volume.
    pub volume: VolumeCheck,
    /// Recency.
    pub recency: RecencyCheck,
    /// Warnings (e.g. fewer than 12 months: no seasonality).
    pub warnings: Vec<String>,
}

impl SufficiencyReport {
    /// Whether every rule passes.
    ///
    /// ```
    /// # use chrono::Utc;
    /// # use wfm_core::history::{check_sufficiency, Horizon, QueueTable, SufficiencyOptions};
    /// let r = check_sufficiency([], &QueueTable::new(), &[], &SufficiencyOptions::new(Utc::now(), Horizon::LongTerm));
    /// assert!(!r.passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.failed_rules().is_empty()
    }

    /// The rules that fail.
    ///
    /// ```
    /// # use chrono::Utc;
    /// # use wfm_core::history::{check_sufficiency, Horizon, QueueTable, SufficiencyOptions, SufficiencyRule};
    /// let r = check_sufficiency([], &QueueTable::new(), &[], &SufficiencyOptions::new(Utc::now(), Horizon::LongTerm));
    /// assert_eq!(r.failed_rules(), [SufficiencyRule::HistoryLength, SufficiencyRule::MonthlyVolume, SufficiencyRule::Recency]);
    /// ```
    pub fn failed_rules(&self) -> Vec<SufficiencyRule> {
        let mut out = Vec::new();
        if !self.history.passed {
            out.push(SufficiencyRule::HistoryLength);
        }
        if !self.volume.passed {
            out.push(SufficiencyRule::MonthlyVolume);
        }
        if !self.recency.passed {
            out.push(SufficiencyRule::Recency);
        }
        out
    }

    /// One sentence per failed rule, with its numbers.
    ///
    /// ```
    /// # use chrono::Utc;
    /// # use wfm_core::history::{check_sufficiency, Horizon, QueueTable, SufficiencyOptions};
    /// let r = check_sufficiency([], &QueueTable::new(), &[], &SufficiencyOptions::new(Utc::now(), Horizon::LongTerm));
    /// assert_eq!(r.failures()[0], "history length: 0 months of history, 6 needed");
    /// ```
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        let h = &self.history;
        if !h.passed {
            out.push(format!(
                "history length: {} of history, {} needed",
                months(h.months),
                h.needed
            ));
        }
        let v = &self.volume;
        for m in v.months.iter().filter(|m| m.contacts < v.needed_per_month) {
            let groups: Vec<String> = m
                .per_group
                .iter()
                .map(|g| format!("{} {}", g.group, thousands(g.contacts)))
                .collect();
            let groups = if groups.is_empty() {
                String::new()
            } else {
                format!(" ({})", groups.join(", "))
            };
            out.push(format!(
                "monthly volume: {} contacts from {} to {}{groups}, {} needed",
                thousands(m.contacts),
                m.from.format("%Y-%m-%d"),
                (m.to - TimeDelta::seconds(1)).format("%Y-%m-%d"),
                thousands(v.needed_per_month)
            ));
        }
        let r = &self.recency;
        if !r.passed {
            let last = match r.last_data_point {
                Some(t) => format!("the last data point is {}", t.format(super::UTC_FORMAT)),
                None => "no data point at all".to_owned(),
            };
            out.push(format!(
                "recency: {last}, one since {} (the last {} days) needed",
                r.window_from.format("%Y-%m-%d"),
                r.days
            ));
        }
        out
    }

    /// `Ok(self)` when every rule passes, else [`CoreError::InsufficientData`].
    ///
    /// # Errors
    /// [`CoreError::InsufficientData`] holding this report.
    ///
    /// ```
    /// # use chrono::Utc;
    /// # use wfm_core::history::{check_sufficiency, Horizon, QueueTable, SufficiencyOptions};
    /// let r = check_sufficiency([], &QueueTable::new(), &[], &SufficiencyOptions::new(Utc::now(), Horizon::LongTerm));
    /// let e = r.into_result().unwrap_err();
    /// assert!(e.to_string().starts_with("not enough data for the long-term forecast"));
    /// ```
    pub fn into_result(self) -> Result<Self, CoreError> {
        if self.passed() {
            Ok(self)
        } else {
            Err(CoreError::InsufficientData(Box::new(self)))
        }
    }
}

impl fmt::Display for SufficiencyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let as_of = self.as_of.format(super::UTC_FORMAT);
        if self.passed() {
            write!(
                f,
                "enough data for the {} forecast as of {as_of}: {} of history",
                self.horizon,
                months(self.history.months)
            )?;
        } else {
            write!(
                f,
                "not enough data for the {} forecast as of {as_of}: {}. Remedies: {REMEDIES}",
                self.horizon,
                self.failures().join("; ")
            )?;
        }
        for w in &self.warnings {
            write!(f, "\nwarning: {w}")?;
        }
        Ok(())
    }
}

fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const DAY: i64 = 86_400;

fn utc(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

fn months_back(t: DateTime<Utc>, k: u32) -> DateTime<Utc> {
    t.checked_sub_months(Months::new(k))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Checks the data-sufficiency rules on `records` (e.g. the effective baseline of
/// [`HistoryLayers`](super::HistoryLayers)), whose queue indexes point into `queues`, for
/// the queues of `groups`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wfm_core::Channel;
/// use wfm_core::history::*;
/// let mut queues = QueueTable::new();
/// let q = queues.intern(QueueId::new("q1")?, "Sales");
/// let as_of = Utc.with_ymd_and_hms(2024, 8, 1, 0, 0, 0).unwrap();
/// // 150 days of 100 contacts each, up to yesterday: about 5 months
/// let records: Vec<HistoryRecord> = (1..=150).map(|d| HistoryRecord { queue: q, channel: Channel::Voice,
///     granularity: Granularity::Daily, start: as_of.timestamp() - d * 86_400, volume: 100,
///     aht_seconds: 300.0, handled: 100 }).collect();
/// let groups = [ForecastGroupQueues { name: "Sales".into(), queues: vec![QueueId::new("q1")?] }];
/// let report = check_sufficiency(&records, &queues, &groups, &SufficiencyOptions::new(as_of, Horizon::LongTerm));
/// assert_eq!(report.failed_rules(), [SufficiencyRule::HistoryLength, SufficiencyRule::MonthlyVolume]);
/// assert!(report.to_string().contains("history length: 4 months of history, 6 needed"));
/// # Ok::<(), wfm_core::CoreError>(())
/// ```
pub fn check_sufficiency<'a>(
    records: impl IntoIterator<Item = &'a HistoryRecord>,
    queues: &QueueTable,
    groups: &[ForecastGroupQueues],
    options: &SufficiencyOptions,
) -> SufficiencyReport {
    let as_of = options.as_of;
    let end = as_of.timestamp();
    let granularity = options.horizon.granularity();
    // queue index → group index
    let mut group_of: Vec<Option<usize>> = vec![None; queues.len()];
    for (g, group) in groups.iter().enumerate() {
        for id in &group.queues {
            if let Some(q) = queues.get(id.as_str()) {
                group_of[q.index()].get_or_insert(g);
            }
        }
    }
    let n_months = options.min_months as usize;
    let bounds: Vec<i64> = (0..=options.min_months)
        .map(|k| months_back(as_of, k).timestamp())
        .collect();
    let mut month_group = vec![vec![0u64; groups.len()]; n_months];
    let mut days: Vec<i64> = Vec::new();
    let mut compact_at = 1024;
    let mut last: Option<i64> = None;
    for r in records {
        if r.granularity != granularity || r.start >= end {
            continue;
        }
        let Some(g) = group_of.get(r.queue.index()).copied().flatten() else {
            continue;
        };
        let day = r.start.div_euclid(DAY);
        if days.last() != Some(&day) {
            days.push(day);
            if days.len() > compact_at {
                // records interleaved across queues repeat days: keep the list small
                days.sort_unstable();
                days.dedup();
                compact_at = 2 * days.len() + 1024;
            }
        }
        last = Some(last.map_or(r.start, |l| l.max(r.start)));
        // month k (1-based) holds [bounds[k], bounds[k-1])
        if r.start >= bounds[n_months] {
            let k = bounds[1..]
                .iter()
                .position(|&b| r.start >= b)
                .unwrap_or(n_months - 1);
            month_group[k][g] = month_group[k][g].saturating_add(r.volume);
        }
    }
    days.sort_unstable();
    days.dedup();

    let window_from = as_of - TimeDelta::days(i64::from(options.recency_days));
    let recency = RecencyCheck {
        last_data_point: last.map(utc),
        window_from,
        days: options.recency_days,
        passed: last.is_some_and(|l| l >= window_from.timestamp()),
    };

    let history = history_length(&days, recency.passed, options);
    let volume = volume_check(month_group, &bounds, groups, options);

    let mut warnings = Vec::new();
    if history.passed && history.months < options.recommended_months {
        warnings.push(format!(
            "{} of history: {} are recommended to capture seasonality",
            months(history.months),
            options.recommended_months
        ));
    }
    SufficiencyReport {
        horizon: options.horizon,
        as_of,
        history,
        volume,
        recency,
        warnings,
    }
}

/// The history-length rule: the months of the last continuous run of `days` (gaps of
/// at most `max_gap_days`), up to `as_of` when the data is recent, else to its last day.
fn history_length(days: &[i64], recent: bool, options: &SufficiencyOptions) -> HistoryLengthCheck {
    let run_start = days.last().map(|&last_day| {
        let mut start = last_day;
        for w in days.windows(2).rev() {
            if w[1] - w[0] - 1 > i64::from(options.max_gap_days) {
                break;
            }
            start = w[0];
        }
        (start, last_day)
    });
    let months = run_start.map_or(0, |(start, last_day)| {
        let e = if recent {
            options.as_of
        } else {
            utc((last_day + 1) * DAY)
        };
        let s = start * DAY;
        let mut m = 0;
        while months_back(e, m + 1).timestamp() >= s {
            m += 1;
        }
        m
    });
    HistoryLengthCheck {
        months,
        needed: options.min_months,
        recommended: options.recommended_months,
        continuous_from: run_start.map(|(s, _)| utc(s * DAY)),
        passed: months >= options.min_months,
    }
}

/// The monthly-volume rule over the contacts of each month (`month_group[k]`: month
/// k + 1 back, between `bounds[k + 1]` and `bounds[k]`) per group.
fn volume_check(
    month_group: Vec<Vec<u64>>,
    bounds: &[i64],
    groups: &[ForecastGroupQueues],
    options: &SufficiencyOptions,
) -> VolumeCheck {
    let months_v: Vec<MonthVolume> = month_group
        .into_iter()
        .enumerate()
        .map(|(k, per)| MonthVolume {
            from: utc(bounds[k + 1]),
            to: utc(bounds[k]),
            contacts: per.iter().fold(0u64, |a, &b| a.saturating_add(b)),
            per_group: groups
                .iter()
                .zip(per)
                .map(|(g, contacts)| GroupVolume {
                    group: g.name.clone(),
                    contacts,
                })
                .collect(),
        })
        .collect();
    VolumeCheck {
        passed: months_v
            .iter()
            .all(|m| m.contacts >= options.min_contacts_per_month),
        months: months_v,
        needed_per_month: options.min_contacts_per_month,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Channel;
    use crate::history::QueueIx;
    use chrono::TimeZone;

    fn as_of() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 8, 15, 0, 0, 0).unwrap()
    }

    struct Setup {
        queues: QueueTable,
        groups: Vec<ForecastGroupQueues>,
    }

    fn setup() -> Setup {
        let mut queues = QueueTable::new();
        for id in ["a", "b", "c"] {
            queues.intern(QueueId::new(id).unwrap(), id);
        }
        let groups = vec![
            ForecastGroupQueues {
                name: "G1".into(),
                queues: vec![QueueId::new("a").unwrap()],
            },
            ForecastGroupQueues {
                name: "G2".into(),
                queues: vec![QueueId::new("b").unwrap(), QueueId::new("zz").unwrap()],
            },
        ];
        Setup { queues, groups }
    }

    /// Daily records for `queue` on each day `first..=last` days before `as_of`.
    fn daily(queue: u32, first: i64, last: i64, volume: u64) -> Vec<HistoryRecord> {
        (last..=first)
            .map(|d| HistoryRecord {
                queue: QueueIx(queue),
                channel: Channel::Voice,
                granularity: Granularity::Daily,
                start: as_of().timestamp() - d * DAY,
                volume,
                aht_seconds: 300.0,
                handled: volume,
            })
            .collect()
    }

    fn check(records: &[HistoryRecord], horizon: Horizon) -> SufficiencyReport {
        let s = setup();
        check_sufficiency(
            records,
            &s.queues,
            &s.groups,
            &SufficiencyOptions::new(as_of(), horizon),
        )
    }

    #[test]
    fn five_months_fails_with_the_numbers() {
        // 2024-03-01 .. 2024-08-14: 5 months back from 08-15 is 03-15, 6 is 02-15
        let r = check(&daily(0, 167, 1, 100), Horizon::LongTerm);
        assert_eq!(r.history.months, 5);
        assert_eq!(
            r.history.continuous_from,
            Some(Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap())
        );
        // month 6 (02-15 .. 03-14) holds only 14 days
        assert_eq!(
            r.failed_rules(),
            [
                SufficiencyRule::HistoryLength,
                SufficiencyRule::MonthlyVolume
            ]
        );
        assert!(
            r.to_string()
                .contains("history length: 5 months of history, 6 needed"),
            "{r}"
        );
        assert!(r.to_string().contains(REMEDIES));
    }

    #[test]
    fn nine_months_passes_with_a_seasonality_warning() {
        let r = check(&daily(0, 280, 1, 100), Horizon::LongTerm);
        assert!(r.passed(), "{r}");
        assert_eq!(r.history.months, 9);
        assert_eq!(
            r.warnings,
            ["9 months of history: 12 are recommended to capture seasonality"]
        );
        assert!(r.into_result().is_ok());
        let r = check(&daily(0, 400, 1, 100), Horizon::LongTerm);
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn a_gap_over_a_week_breaks_continuity() {
        let mut records = daily(0, 400, 101, 100); // old run
        records.extend(daily(0, 92, 1, 100)); // 8 missing days (93..=100), then 3 months
        let r = check(&records, Horizon::LongTerm);
        assert_eq!(r.history.months, 3);
        let mut records = daily(0, 400, 100, 100);
        records.extend(daily(0, 92, 1, 100)); // 7 missing days: still continuous
        assert_eq!(check(&records, Horizon::LongTerm).history.months, 13);
    }

    #[test]
    fn monthly_volume_sums_all_groups_and_reports_each() {
        // 10/day in a (G1) + 55/day in b (G2) ≈ 1,950 per 30-day month; c is in no group
        let mut records = daily(0, 400, 1, 10);
        records.extend(daily(1, 400, 1, 55));
        records.extend(daily(2, 400, 1, 1_000));
        let r = check(&records, Horizon::LongTerm);
        assert_eq!(r.volume.months.len(), 6);
        let m1 = &r.volume.months[0]; // 07-15 .. 08-14: 31 days
        assert_eq!(m1.from, Utc.with_ymd_and_hms(2024, 7, 15, 0, 0, 0).unwrap());
        assert_eq!(m1.contacts, 31 * 65);
        assert_eq!(
            m1.per_group[0],
            GroupVolume {
                group: "G1".into(),
                contacts: 310
            }
        );
        let m6 = &r.volume.months[5]; // 02-15 .. 03-14: 29 days (leap year)
        assert_eq!(m6.contacts, 29 * 65);
        assert_eq!(r.failed_rules(), [SufficiencyRule::MonthlyVolume]);
        let text = r.to_string();
        assert!(
            text.contains("monthly volume: 1,885 contacts from 2024-02-15 to 2024-03-14 (G1 290, G2 1,595), 2,000 needed"),
            "{text}"
        );
        assert!(!text.contains("2,015 contacts")); // 31-day months pass
    }

    #[test]
    fn recency_needs_a_point_in_the_last_four_weeks() {
        let r = check(&daily(0, 400, 29, 100), Horizon::LongTerm);
        assert_eq!(
            r.failed_rules(),
            [SufficiencyRule::MonthlyVolume, SufficiencyRule::Recency]
        );
        assert!(r.to_string().contains(
            "recency: the last data point is 2024-07-17T00:00:00Z, one since 2024-07-18 (the last 28 days) needed"
        ));
        // stale data counts only its own span: 07-17 back to ~2023-07-11 is 12 months
        assert_eq!(r.history.months, 12);
        let r = check(&daily(0, 400, 28, 100), Horizon::LongTerm);
        assert!(r.recency.passed, "{r}");
    }

    #[test]
    fn horizons_use_their_own_data() {
        let records = daily(0, 400, 1, 100);
        let r = check(&records, Horizon::ShortTerm(IntervalLength::Fifteen));
        assert_eq!(r.history.months, 0);
        assert_eq!(r.failed_rules().len(), 3);
        let interval: Vec<HistoryRecord> = records
            .iter()
            .map(|r| HistoryRecord {
                granularity: Granularity::Interval(IntervalLength::Fifteen),
                start: r.start + 900,
                ..*r
            })
            .collect();
        assert!(check(&interval, Horizon::ShortTerm(IntervalLength::Fifteen)).passed());
        assert!(!check(&interval, Horizon::ShortTerm(IntervalLength::Thirty)).passed());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
