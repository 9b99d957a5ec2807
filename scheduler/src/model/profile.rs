//! Shift profiles: the weekly template a shift is cut from.

use std::collections::{HashMap, HashSet};

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use crate::error::{Result, SchedulerError};
use crate::model::activity::ShiftActivity;
use crate::model::checks;
use crate::model::time::{DayWindow, TimeOfDay};

/// Distinct activities one shift profile may use ("10 activities each").
pub const MAX_ACTIVITIES_PER_PROFILE: usize = 10;

/// The longest shift, in minutes (24 h).
pub const MAX_SHIFT_MINUTES: u32 = 1440;

/// A weekday's status in a shift profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// The agent must be scheduled that day.
    Work,
    /// Scheduled only if the forecast needs it.
    Flexible,
    /// Never scheduled.
    Off,
}

/// The status of each weekday, `days = { mon = "work", …, sun = "off" }` in the file.
///
/// ```
/// use chrono::Weekday;
/// use wfm_scheduler::model::{DayStatus, WeekPlan};
/// let week = WeekPlan::weekdays(DayStatus::Work, DayStatus::Off);
/// assert_eq!(week.status(Weekday::Fri), DayStatus::Work);
/// assert_eq!(week.status(Weekday::Sun), DayStatus::Off);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct WeekPlan {
    pub mon: DayStatus,
    pub tue: DayStatus,
    pub wed: DayStatus,
    pub thu: DayStatus,
    pub fri: DayStatus,
    pub sat: DayStatus,
    pub sun: DayStatus,
}

impl WeekPlan {
    /// Monday to Friday `weekday`, Saturday and Sunday `weekend`.
    pub fn weekdays(weekday: DayStatus, weekend: DayStatus) -> Self {
        let w = weekday;
        Self {
            mon: w,
            tue: w,
            wed: w,
            thu: w,
            fri: w,
            sat: weekend,
            sun: weekend,
        }
    }

    /// The status of `day`.
    pub fn status(&self, day: Weekday) -> DayStatus {
        match day {
            Weekday::Mon => self.mon,
            Weekday::Tue => self.tue,
            Weekday::Wed => self.wed,
            Weekday::Thu => self.thu,
            Weekday::Fri => self.fri,
            Weekday::Sat => self.sat,
            Weekday::Sun => self.sun,
        }
    }
}

/// Which clock a profile's earliest start and latest end are read on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileClock {
    /// UTC, as the reference enters profile hours (the default): Boston 9:00–17:00
    /// EDT is entered as 13:00–21:00.
    #[default]
    Utc,
    /// The agent's own time zone from the staff rules **(beyond)**: 09:00–17:00 stays
    /// 09:00–17:00 local across DST changes.
    Local,
}

/// What a placement window is relative to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Offsets count from the shift start (≥ 0).
    #[default]
    Start,
    /// Offsets count from the shift end (≤ 0: −60 is one hour before the end).
    End,
}

/// One activity of an activity group and the window its start must fall in.
///
/// The activity starts at `anchor + offset` for an offset in
/// `earliest_minutes..=latest_minutes`; the engine picks the best point.
///
/// ```
/// use wfm_scheduler::model::{ActivityPlacement, Anchor};
/// // lunch starting 3 h to 4 h 30 after the shift start
/// let lunch = ActivityPlacement::after_start("Lunch", 180, 270);
/// assert_eq!(lunch.anchor, Anchor::Start);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityPlacement {
    /// The activity's name.
    pub activity: String,
    /// Duration in minutes; the activity's default duration when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// What the offsets are relative to.
    #[serde(default)]
    pub anchor: Anchor,
    /// Earliest start offset from the anchor, in minutes.
    pub earliest_minutes: i32,
    /// Latest start offset from the anchor, in minutes.
    pub latest_minutes: i32,
}

impl ActivityPlacement {
    /// A placement whose start is `earliest..=latest` minutes after the shift start.
    pub fn after_start(activity: &str, earliest_minutes: i32, latest_minutes: i32) -> Self {
        Self {
            activity: activity.to_owned(),
            duration_minutes: None,
            anchor: Anchor::Start,
            earliest_minutes,
            latest_minutes,
        }
    }

    /// The placed duration: the override or the activity's default.
    pub fn duration(&self, activity: &ShiftActivity) -> u32 {
        self.duration_minutes.unwrap_or(activity.duration_minutes)
    }
}

/// An inclusive range of minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesRange {
    /// Lowest value.
    pub min: u32,
    /// Highest value.
    pub max: u32,
}

impl MinutesRange {
    /// Whether `m` is in the range.
    pub fn contains(self, m: u32) -> bool {
        (self.min..=self.max).contains(&m)
    }
}

/// The activities a shift gets, chosen by the shift's length: the default group
/// (no `shift_minutes`) applies to every length no extra group claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityGroup {
    /// Name, unique within the profile.
    pub name: String,
    /// Shift lengths the group applies to; absent for the default group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_minutes: Option<MinutesRange>,
    /// The activities, each with its window (an empty list: no breaks).
    #[serde(default)]
    pub activities: Vec<ActivityPlacement>,
}

/// A range of counts where either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRange {
    /// At least this many (none: no minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// At most this many (none: no maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// A shift profile, one `[[profiles]]` table of the scenario file.
///
/// ```
/// use wfm_scheduler::model::{DayStatus, ShiftProfile, WeekPlan};
/// let p = ShiftProfile::new("Day", WeekPlan::weekdays(DayStatus::Flexible, DayStatus::Off),
///     "08:00".parse().unwrap(), "18:00".parse().unwrap(), 360, 480);
/// assert_eq!(p.window().minutes(), 600);
/// assert!(p.activity_group(420).is_none()); // no activity groups yet
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftProfile {
    /// Unique name, referenced by staffing groups and staff rules.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Work / Flexible / Off per weekday.
    pub days: WeekPlan,
    /// Which clock `earliest_start` and `latest_end` are on (UTC unless `"local"`).
    #[serde(default)]
    pub clock: ProfileClock,
    /// No shift starts before this time.
    pub earliest_start: TimeOfDay,
    /// No shift ends after this time (at or before `earliest_start`: the next day).
    pub latest_end: TimeOfDay,
    /// Shortest shift, minutes.
    pub min_shift_minutes: u32,
    /// Longest shift, minutes.
    pub max_shift_minutes: u32,
    /// Minimum time between the end of a break or meal and the start of the next, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_break_interval_minutes: Option<u32>,
    /// Maximum time between the end of a break or meal and the start of the next, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_break_interval_minutes: Option<u32>,
    /// Shift starts and lengths every this many minutes when a schedule is generated (a
    /// multiple of 15); absent: the scenario's interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_step_minutes: Option<u32>,
    /// Work days per week (weeks are 7-day blocks from the request's start date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_days_per_week: Option<CountRange>,
    /// Days off joined with OR: each week at least one of these weekdays is off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days_off: Vec<Weekday>,
    /// Activity groups by shift length.
    #[serde(default)]
    pub activity_groups: Vec<ActivityGroup>,
}

impl ShiftProfile {
    /// A profile without break rules or activity groups.
    pub fn new(
        name: &str,
        days: WeekPlan,
        earliest_start: TimeOfDay,
        latest_end: TimeOfDay,
        min_shift_minutes: u32,
        max_shift_minutes: u32,
    ) -> Self {
        Self {
            name: name.to_owned(),
            description: String::new(),
            days,
            clock: ProfileClock::Utc,
            earliest_start,
            latest_end,
            min_shift_minutes,
            max_shift_minutes,
            min_break_interval_minutes: None,
            max_break_interval_minutes: None,
            start_step_minutes: None,
            work_days_per_week: None,
            days_off: Vec::new(),
            activity_groups: Vec::new(),
        }
    }

    /// The daily window shifts must lie in.
    pub fn window(&self) -> DayWindow {
        DayWindow::new(self.earliest_start.minutes(), self.latest_end.minutes())
    }

    /// The activity group for a shift of `length` minutes: the extra group whose range
    /// holds it, else the default group, else none (no activities required).
    pub fn activity_group(&self, length: u32) -> Option<&ActivityGroup> {
        self.activity_groups
            .iter()
            .find(|g| g.shift_minutes.is_some_and(|r| r.contains(length)))
            .or_else(|| {
                self.activity_groups
                    .iter()
                    .find(|g| g.shift_minutes.is_none())
            })
    }

    /// Checks the profile against the profile rules and limits (activities must already be known).
    pub(crate) fn check(
        &self,
        file: &str,
        activities: &HashMap<&str, &ShiftActivity>,
    ) -> Result<()> {
        let item = format!("shift profile '{}'", self.name);
        let item = item.as_str();
        for (field, t) in [
            ("earliest_start", self.earliest_start),
            ("latest_end", self.latest_end),
        ] {
            if !t.on_grid() {
                return Err(checks::invalid(
                    file,
                    item,
                    field,
                    t,
                    "must be on a quarter hour",
                ));
            }
        }
        checks::duration(
            file,
            item,
            "min_shift_minutes",
            self.min_shift_minutes,
            MAX_SHIFT_MINUTES,
        )?;
        checks::duration(
            file,
            item,
            "max_shift_minutes",
            self.max_shift_minutes,
            MAX_SHIFT_MINUTES,
        )?;
        checks::min_max(
            file,
            item,
            ("min_shift_minutes", f64::from(self.min_shift_minutes)),
            ("max_shift_minutes", f64::from(self.max_shift_minutes)),
        )?;
        if self.window().minutes() < self.min_shift_minutes {
            return Err(SchedulerError::Conflict {
                file: file.to_owned(),
                item: item.to_owned(),
                reason: format!(
                    "the window {}–{} ({} min) is shorter than min_shift_minutes {}",
                    self.earliest_start,
                    self.latest_end,
                    self.window().minutes(),
                    self.min_shift_minutes
                ),
            });
        }
        if let Some(m) = self.min_break_interval_minutes {
            checks::on_grid(file, item, "min_break_interval_minutes", i64::from(m))?;
        }
        if let Some(m) = self.start_step_minutes {
            checks::duration(file, item, "start_step_minutes", m, MAX_SHIFT_MINUTES)?;
        }
        if let Some(m) = self.max_break_interval_minutes {
            checks::duration(
                file,
                item,
                "max_break_interval_minutes",
                m,
                MAX_SHIFT_MINUTES,
            )?;
        }
        if let (Some(lo), Some(hi)) = (
            self.min_break_interval_minutes,
            self.max_break_interval_minutes,
        ) {
            checks::min_max(
                file,
                item,
                ("min_break_interval_minutes", f64::from(lo)),
                ("max_break_interval_minutes", f64::from(hi)),
            )?;
        }
        if let Some(r) = self.work_days_per_week {
            check_count_range(file, item, "work_days_per_week", r, 7)?;
        }
        let mut seen = HashSet::new();
        for d in &self.days_off {
            if !seen.insert(*d) {
                return Err(checks::invalid(
                    file,
                    item,
                    "days_off",
                    d,
                    "is listed twice",
                ));
            }
        }
        self.check_groups(file, item, activities)
    }

    fn check_groups(
        &self,
        file: &str,
        item: &str,
        activities: &HashMap<&str, &ShiftActivity>,
    ) -> Result<()> {
        checks::unique_names(
            file,
            &format!("activity group of {item}"),
            self.activity_groups.iter().map(|g| g.name.as_str()),
        )?;
        let defaults = self
            .activity_groups
            .iter()
            .filter(|g| g.shift_minutes.is_none())
            .count();
        if defaults > 1 {
            return Err(SchedulerError::Conflict {
                file: file.to_owned(),
                item: item.to_owned(),
                reason: format!(
                    "{defaults} activity groups without shift_minutes; only one default group is allowed"
                ),
            });
        }
        let mut distinct = HashSet::new();
        let ranged: Vec<_> = self
            .activity_groups
            .iter()
            .filter_map(|g| g.shift_minutes.map(|r| (g, r)))
            .collect();
        for (i, (g, r)) in ranged.iter().enumerate() {
            let gitem = format!("{item}, activity group '{}'", g.name);
            checks::min_max(
                file,
                &gitem,
                ("shift_minutes.min", f64::from(r.min)),
                ("shift_minutes.max", f64::from(r.max)),
            )?;
            if let Some((other, _)) = ranged[..i]
                .iter()
                .find(|(_, o)| o.min <= r.max && r.min <= o.max)
            {
                return Err(SchedulerError::Conflict {
                    file: file.to_owned(),
                    item: item.to_owned(),
                    reason: format!(
                        "activity groups '{}' and '{}' claim overlapping shift lengths",
                        other.name, g.name
                    ),
                });
            }
        }
        for g in &self.activity_groups {
            let longest = g.shift_minutes.map_or(self.max_shift_minutes, |r| {
                r.max.min(self.max_shift_minutes)
            });
            for p in &g.activities {
                distinct.insert(p.activity.as_str());
                let pitem = format!("{item}, activity group '{}'", g.name);
                let Some(act) = activities.get(p.activity.as_str()) else {
                    return Err(SchedulerError::UnknownReference {
                        file: file.to_owned(),
                        item: pitem,
                        field: "activity".into(),
                        kind: "activity",
                        name: p.activity.clone(),
                    });
                };
                self.check_placement(file, &pitem, g, p, act, longest)?;
            }
        }
        checks::limit(
            file,
            item,
            "activities",
            distinct.len(),
            MAX_ACTIVITIES_PER_PROFILE,
        )
    }

    fn check_placement(
        &self,
        file: &str,
        item: &str,
        g: &ActivityGroup,
        p: &ActivityPlacement,
        act: &ShiftActivity,
        longest: u32,
    ) -> Result<()> {
        let d = p.duration(act);
        if let Some(d) = p.duration_minutes {
            checks::duration(file, item, "duration_minutes", d, MAX_SHIFT_MINUTES)?;
        }
        checks::on_grid(
            file,
            item,
            "earliest_minutes",
            i64::from(p.earliest_minutes),
        )?;
        checks::on_grid(file, item, "latest_minutes", i64::from(p.latest_minutes))?;
        checks::min_max(
            file,
            &format!("{item}, activity '{}'", p.activity),
            ("earliest_minutes", f64::from(p.earliest_minutes)),
            ("latest_minutes", f64::from(p.latest_minutes)),
        )?;
        let (lo, hi) = (i64::from(p.earliest_minutes), i64::from(p.latest_minutes));
        let d = i64::from(d);
        let reach = match p.anchor {
            Anchor::Start if lo < 0 => {
                return Err(checks::invalid(
                    file,
                    item,
                    "earliest_minutes",
                    lo,
                    "must be ≥ 0 for anchor \"start\"",
                ));
            }
            Anchor::End if hi + d > 0 => {
                return Err(checks::invalid(
                    file,
                    item,
                    "latest_minutes",
                    hi,
                    &format!(
                        "must be ≤ −{d} for anchor \"end\" (the activity must end inside the shift)"
                    ),
                ));
            }
            Anchor::Start => hi + d,
            Anchor::End => -lo,
        };
        if reach > i64::from(longest) {
            return Err(SchedulerError::ActivityWindowTooLong {
                file: file.to_owned(),
                profile: self.name.clone(),
                group: g.name.clone(),
                activity: p.activity.clone(),
                window_end_minutes: reach,
                max_shift_minutes: longest,
            });
        }
        Ok(())
    }
}

/// Checks an open-ended count range: `min <= max <= limit`.
pub(crate) fn check_count_range(
    file: &str,
    item: &str,
    field: &'static str,
    r: CountRange,
    limit: u32,
) -> Result<()> {
    for v in [r.min, r.max].into_iter().flatten() {
        if v > limit {
            return Err(checks::invalid(
                file,
                item,
                field,
                v,
                &format!("must be at most {limit}"),
            ));
        }
    }
    if let (Some(lo), Some(hi)) = (r.min, r.max) {
        checks::min_max(
            file,
            item,
            (&format!("{field}.min"), f64::from(lo)),
            (&format!("{field}.max"), f64::from(hi)),
        )?;
    }
    Ok(())
}
