//! The scheduling building blocks as data: shift activities, shift profiles, staffing
//! groups, staff rules and the scheduling request. Each type checks itself when a
//! [`Scenario`](crate::Scenario) is built; cross-references are checked by the scenario.

mod activity;
pub(crate) mod checks;
mod group;
mod hours;
mod profile;
mod request;
mod staff;
mod time;

pub use activity::{ActivityKind, ShiftActivity};
pub use group::{
    MAX_AGENTS_PER_GROUP, MAX_GROUPS_PER_FORECAST_GROUP, MAX_SUPERVISORS_PER_GROUP, MinimumStaff,
    StaffingGroup,
};
pub use hours::{HoursRules, hours_to_minutes};
pub(crate) use profile::check_count_range;
pub use profile::{
    ActivityGroup, ActivityPlacement, Anchor, CountRange, DayStatus, MAX_ACTIVITIES_PER_PROFILE,
    MAX_SHIFT_MINUTES, MinutesRange, ProfileClock, ShiftProfile, WeekPlan,
};
pub use request::{Goal, MAX_AGENTS_PER_RUN, MAX_WEEKS, ScheduleRequest};
pub use staff::StaffRule;
pub use time::{DayWindow, GRID_MINUTES, TimeOfDay};
