//! One agent's resolved rules, as the validator sees them.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{CountRange, HoursRules, ProfileClock, ShiftProfile, StaffingGroup};
use crate::scenario::Scenario;
use crate::schedule::Shift;

/// An agent with everything the rules need.
pub(crate) struct AgentView<'a> {
    pub(crate) group: &'a StaffingGroup,
    pub(crate) profile: &'a ShiftProfile,
    pub(crate) tz: Tz,
    pub(crate) hours: HoursRules,
    pub(crate) employment: (Option<NaiveDate>, Option<NaiveDate>),
    pub(crate) work_runs: CountRange,
    pub(crate) off_runs: CountRange,
    /// The agent's shifts, sorted by start.
    pub(crate) shifts: Vec<&'a Shift>,
}

impl<'a> AgentView<'a> {
    pub(crate) fn new(
        scenario: &'a Scenario,
        name: &'a str,
        mut shifts: Vec<&'a Shift>,
    ) -> Option<Self> {
        let group = scenario.group_of(name)?;
        let profile = scenario.profile_of(name)?;
        shifts.sort_by_key(|s| (s.start, s.end));
        let (work_runs, off_runs) = scenario.consecutive_of(name);
        Some(Self {
            group,
            profile,
            tz: scenario.time_zone(name),
            hours: scenario.hours_of(name),
            employment: scenario.employment_of(name),
            work_runs,
            off_runs,
            shifts,
        })
    }

    /// Whether the agent is employed on `date`.
    pub(crate) fn employed(&self, date: NaiveDate) -> bool {
        self.employment.0.is_none_or(|s| date >= s) && self.employment.1.is_none_or(|e| date <= e)
    }

    /// The instants `[earliest start, latest end]` of the profile window on `date`.
    pub(crate) fn window(&self, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let (lo, hi) = self.profile.window().span();
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        let at = |m: u32| midnight + Duration::minutes(i64::from(m));
        match self.profile.clock {
            ProfileClock::Utc => (
                Utc.from_utc_datetime(&at(lo)),
                Utc.from_utc_datetime(&at(hi)),
            ),
            ProfileClock::Local => (local(self.tz, at(lo), true), local(self.tz, at(hi), false)),
        }
    }
}

/// The UTC instant of a local time: the earlier of two on a repeated hour when `early`,
/// else the later; a time skipped by a DST change moves to the first valid time after.
fn local(tz: Tz, mut t: chrono::NaiveDateTime, early: bool) -> DateTime<Utc> {
    loop {
        match tz.from_local_datetime(&t) {
            chrono::LocalResult::Single(x) => return x.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(a, b) => {
                return if early { a } else { b }.with_timezone(&Utc);
            }
            chrono::LocalResult::None => t += Duration::minutes(15),
        }
    }
}
