//! The generator's own input: one staffing group over one week on the interval grid.
//!
//! Everything is in *intervals* of the grid (15 or 30 minutes) and in UTC-interval
//! indexes: day `d` covers week intervals `d × per_day .. (d + 1) × per_day`. The caller
//! maps the configuration model (shift profiles, activities, staffing-group and staff
//! rules, time zones) onto these types; see the module docs of [`super`].

use serde::{Deserialize, Serialize};

use crate::error::{Result, SchedulerError};

/// Days in the generated week.
pub const DAYS: usize = 7;

/// The interval grid of the workspace.
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::Grid;
/// let grid = Grid::new(15)?;
/// assert_eq!(grid.per_day(), 96);
/// assert_eq!(grid.week(), 672);
/// assert_eq!(grid.intervals(8 * 60), 32);
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    minutes: u32,
}

impl Grid {
    /// A grid of `minutes`-long intervals; 15 or 30.
    ///
    /// # Errors
    /// [`SchedulerError::InvalidModel`] for any other length.
    pub fn new(minutes: u32) -> Result<Self> {
        if minutes != 15 && minutes != 30 {
            return Err(SchedulerError::InvalidModel(format!(
                "the interval grid is {minutes} minutes; schedules use 15 or 30"
            )));
        }
        Ok(Self { minutes })
    }

    /// Minutes per interval.
    pub fn minutes(&self) -> u32 {
        self.minutes
    }

    /// Intervals per day.
    pub fn per_day(&self) -> u32 {
        24 * 60 / self.minutes
    }

    /// Intervals per week (the generation horizon).
    pub fn week(&self) -> u32 {
        self.per_day() * DAYS as u32
    }

    /// Whole intervals in `minutes` (rounded down).
    pub fn intervals(&self, minutes: u32) -> u32 {
        minutes / self.minutes
    }
}

/// Whether a break is a short break or a meal (reported with each placed break).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// A short (typically paid) break.
    Break,
    /// A meal (typically unpaid).
    Meal,
}

/// One break of a shift: its length and the window for its start, relative to the shift
/// start (the SPEC's activity placement window; the engine picks the point).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakRule {
    /// Break or meal.
    pub kind: BreakKind,
    /// Length in intervals (≥ 1).
    pub length: u32,
    /// Earliest start, intervals after the shift start.
    pub earliest_offset: u32,
    /// Latest start, intervals after the shift start.
    pub latest_offset: u32,
    /// Whether the break counts as paid time.
    pub paid: bool,
}

/// A shift length of the template with its breaks (an SPEC activity group by length).
///
/// The break windows of one length must be disjoint and in order: each break ends, at
/// its latest, no later than the next one can start. Then any choice of start in every
/// window is a valid break plan of one agent, which is what makes the per-shift-type
/// break variables exact (see [`super`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftLength {
    /// Shift length in intervals, breaks included.
    pub length: u32,
    /// Breaks of a shift of this length, in window order.
    pub breaks: Vec<BreakRule>,
}

impl ShiftLength {
    /// Paid intervals of a shift of this length: the length minus unpaid breaks.
    pub fn paid(&self) -> u32 {
        self.length
            - self
                .breaks
                .iter()
                .filter(|b| !b.paid)
                .map(|b| b.length)
                .sum::<u32>()
    }
}

/// The daily shift template: allowed starts (intervals of the day) and lengths.
///
/// # Examples
/// ```
/// use wfm_scheduler::generate::{ShiftLength, ShiftTemplate};
/// // Starts 06:00, 07:00, 08:00 on a 30-minute grid, 8-hour shifts without breaks.
/// let t = ShiftTemplate {
///     earliest_start: 12,
///     latest_start: 16,
///     start_step: 2,
///     lengths: vec![ShiftLength { length: 16, breaks: vec![] }],
/// };
/// assert_eq!(t.starts(), vec![12, 14, 16]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftTemplate {
    /// Earliest start, interval of the day.
    pub earliest_start: u32,
    /// Latest start, interval of the day (inclusive).
    pub latest_start: u32,
    /// Start granularity in intervals (≥ 1).
    pub start_step: u32,
    /// Allowed lengths, each with its breaks.
    pub lengths: Vec<ShiftLength>,
}

impl ShiftTemplate {
    /// The allowed starts, intervals of the day.
    pub fn starts(&self) -> Vec<u32> {
        (self.earliest_start..=self.latest_start)
            .step_by(self.start_step.max(1) as usize)
            .collect()
    }

    /// Checks the template against the grid.
    pub(crate) fn check(&self, grid: &Grid) -> Result<()> {
        let bad = |m: String| Err(SchedulerError::InvalidModel(m));
        if self.start_step == 0 {
            return bad("the start granularity is 0 intervals".into());
        }
        if self.earliest_start > self.latest_start || self.latest_start >= grid.per_day() {
            return bad(format!(
                "shift starts {}..={} are not inside one day of {} intervals",
                self.earliest_start,
                self.latest_start,
                grid.per_day()
            ));
        }
        if self.lengths.is_empty() {
            return bad("the shift template allows no shift length".into());
        }
        let mut seen = Vec::new();
        for l in &self.lengths {
            if l.length == 0 || seen.contains(&l.length) {
                return bad(format!("shift length {} is zero or repeated", l.length));
            }
            seen.push(l.length);
            // No agent may still be on yesterday's shift when today's earliest one starts.
            if self.latest_start + l.length > grid.per_day() + self.earliest_start {
                return bad(format!(
                    "a {}-interval shift starting at {} overlaps the next day's first start {}",
                    l.length, self.latest_start, self.earliest_start
                ));
            }
            let mut free_from = 0;
            for (i, b) in l.breaks.iter().enumerate() {
                if b.length == 0 || b.earliest_offset > b.latest_offset {
                    return bad(format!(
                        "break {} of the {}-interval shift has length {} and window {}..={}",
                        i + 1,
                        l.length,
                        b.length,
                        b.earliest_offset,
                        b.latest_offset
                    ));
                }
                if b.latest_offset + b.length > l.length {
                    return bad(format!(
                        "break {} window ends after the {}-interval shift",
                        i + 1,
                        l.length
                    ));
                }
                if b.earliest_offset < free_from {
                    return bad(format!(
                        "break {} window of the {}-interval shift overlaps the previous break's",
                        i + 1,
                        l.length
                    ));
                }
                free_from = b.latest_offset + b.length;
            }
        }
        Ok(())
    }
}

/// A minimum number of productive agents over a range of week intervals, regardless of
/// the forecast (the staffing group's minimum staff rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumStaff {
    /// First week interval.
    pub from: u32,
    /// One past the last week interval.
    pub to: u32,
    /// Productive agents at least.
    pub agents: u32,
}

/// The tour rule: every (anonymous) agent works exactly `days` days of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkDays {
    /// Work days per agent (1–7).
    pub days: u8,
    /// Whether the days off must be consecutive (cyclically: Sunday + Monday counts).
    pub consecutive_days_off: bool,
}

/// What to minimise.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Fewest agent shifts; ties broken by fewest paid hours (the default).
    FewestShifts,
    /// Fewest paid hours.
    PaidHours,
    /// A cost per shift plus a cost per paid hour.
    Cost {
        /// Cost of one agent shift.
        per_shift: f64,
        /// Cost of one paid hour.
        per_paid_hour: f64,
    },
}

/// One day of an agent's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Any shift of the template.
    Any,
    /// No shift this day.
    Off,
    /// Only shifts starting at or after `from` and ending at or before `to` (intervals of
    /// the day; `to` may pass `per_day` for a shift ending after midnight).
    Window {
        /// Earliest start.
        from: u32,
        /// Latest end.
        to: u32,
    },
}

/// A named agent and the rules the assignment must honour (staff rules over group rules,
/// already merged by the caller).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Agent id, reported with the agent's shifts and conflicts.
    pub id: String,
    /// Least work minutes in the week, breaks included.
    pub min_week_minutes: Option<u32>,
    /// Most work minutes in the week, breaks included.
    pub max_week_minutes: Option<u32>,
    /// Most work days in the week.
    pub max_work_days: Option<u8>,
    /// Most consecutive work days.
    pub max_consecutive_days: Option<u8>,
    /// Consecutive work days the agent has already worked right before day 0 (carried
    /// over from the previous week).
    pub worked_days_before: u8,
    /// Availability per day (7 entries).
    pub availability: [Availability; DAYS],
    /// Allowed shift lengths in intervals (`None`: every length of the template).
    pub allowed_lengths: Option<Vec<u32>>,
}

impl Agent {
    /// An agent with no individual rules, available every day.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            min_week_minutes: None,
            max_week_minutes: None,
            max_work_days: None,
            max_consecutive_days: None,
            worked_days_before: 0,
            availability: [Availability::Any; DAYS],
            allowed_lengths: None,
        }
    }
}

/// One staffing group's week to schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekProblem {
    /// The interval grid.
    pub grid: Grid,
    /// Required productive agents per week interval (`grid.week()` entries), e.g. from
    /// [`super::requirement`].
    pub required: Vec<u32>,
    /// Allowed shifts with their breaks.
    pub template: ShiftTemplate,
    /// Minimum staff over time ranges (merged into the requirement).
    pub minimum_staff: Vec<MinimumStaff>,
    /// At most this many shifts start on any day (the agents available).
    pub max_shifts_per_day: Option<u32>,
    /// Every anonymous agent's work days (the tour model), or `None` for independent days.
    pub work_days: Option<WorkDays>,
    /// What to minimise.
    pub objective: Objective,
    /// Named agents to assign the shifts to; empty: anonymous agents `A001`, `A002`, …
    pub agents: Vec<Agent>,
}

impl WeekProblem {
    /// A week with the requirement and template, fewest shifts, no further rules.
    pub fn new(grid: Grid, required: Vec<u32>, template: ShiftTemplate) -> Self {
        Self {
            grid,
            required,
            template,
            minimum_staff: Vec::new(),
            max_shifts_per_day: None,
            work_days: None,
            objective: Objective::FewestShifts,
            agents: Vec::new(),
        }
    }

    /// The requirement with the minimum-staff rules merged in (interval-wise maximum).
    pub fn effective_requirement(&self) -> Vec<u32> {
        let mut r = self.required.clone();
        for m in &self.minimum_staff {
            for v in r.iter_mut().take(m.to as usize).skip(m.from as usize) {
                *v = (*v).max(m.agents);
            }
        }
        r
    }

    /// Checks sizes and rules.
    pub(crate) fn check(&self) -> Result<()> {
        self.template.check(&self.grid)?;
        let week = self.grid.week();
        if self.required.len() != week as usize {
            return Err(SchedulerError::InvalidModel(format!(
                "the requirement has {} intervals, a week of the grid has {week}",
                self.required.len()
            )));
        }
        for m in &self.minimum_staff {
            if m.from >= m.to || m.to > week {
                return Err(SchedulerError::InvalidModel(format!(
                    "minimum staff range {}..{} is not inside the week's {week} intervals",
                    m.from, m.to
                )));
            }
        }
        if let Some(w) = self.work_days
            && !(1..=DAYS as u8).contains(&w.days)
        {
            return Err(SchedulerError::InvalidModel(format!(
                "agents work {} days a week; 1 to 7 allowed",
                w.days
            )));
        }
        if let Objective::Cost {
            per_shift,
            per_paid_hour,
        } = self.objective
            && !(per_shift >= 0.0
                && per_paid_hour >= 0.0
                && per_shift.is_finite()
                && per_paid_hour.is_finite()
                && per_shift + per_paid_hour > 0.0)
        {
            return Err(SchedulerError::InvalidModel(format!(
                "costs per shift {per_shift} and per paid hour {per_paid_hour} must be \
                 non-negative, finite and not both 0"
            )));
        }
        for a in &self.agents {
            for (d, day) in a.availability.iter().enumerate() {
                if let Availability::Window { from, to } = *day
                    && (from >= to || to > 2 * self.grid.per_day())
                {
                    return Err(SchedulerError::InvalidModel(format!(
                        "agent {}: availability on day {d} is {from}..{to}, not a window of \
                         intervals inside two days",
                        a.id
                    )));
                }
            }
        }
        let mut ids: Vec<&str> = self.agents.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(SchedulerError::InvalidModel(format!(
                "agent {} is listed twice",
                w[0]
            )));
        }
        Ok(())
    }
}
