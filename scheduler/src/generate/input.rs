//! The generator's own input: one week on the interval grid for one or more *pools* of
//! interchangeable agents sharing one requirement.
//!
//! Everything is in *intervals* of the grid (15 or 30 minutes) and in UTC-interval
//! indexes from the week's first midnight: UTC day `d` covers week intervals
//! `d × per_day .. (d + 1) × per_day`. A pool's schedule day `d` (its agents' local date)
//! may start its shifts elsewhere ([`ShiftTemplate::day_windows`]); shifts may run past
//! the week's last interval (coverage there is not counted). The caller maps the
//! configuration model (shift profiles, activities, staffing-group and staff rules, time
//! zones) onto these types; see the module docs of [`super`].

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
/// start (the activity's placement window; the engine picks the point).
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

/// A shift length of the template with its breaks (an activity group by length).
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

/// One schedule day's shift starts, in week intervals (inclusive range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartWindow {
    /// First start, week interval.
    pub first: u32,
    /// Last start, week interval (inclusive).
    pub last: u32,
}

/// The daily shift template: allowed starts (intervals of the day, or per day in week
/// intervals) and lengths.
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
///     day_windows: None,
/// };
/// assert_eq!(t.starts(), vec![12, 14, 16]);
/// ```
///
/// Per-day windows (a profile on the agents' local clock: the UTC window moves with DST)
/// replace the daily starts:
/// ```
/// use wfm_scheduler::generate::{Grid, ShiftLength, ShiftTemplate, StartWindow};
/// let grid = Grid::new(30)?;
/// let mut t = ShiftTemplate::daily(12, 16, 2, vec![ShiftLength { length: 16, breaks: vec![] }]);
/// let mut days = [None; 7];
/// days[0] = Some(StartWindow { first: 14, last: 16 }); // Monday 07:00–08:00 UTC
/// days[1] = Some(StartWindow { first: 48 + 12, last: 48 + 14 }); // Tuesday 06:00–07:00
/// t.day_windows = Some(days);
/// assert_eq!(t.day_starts(&grid, 1), vec![60, 62]);
/// assert!(t.day_starts(&grid, 2).is_empty()); // no starts on Wednesday
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
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
    /// Per schedule day, its starts in week intervals (`None` for a day: no shift that
    /// day), stepping by `start_step` from `first`; replaces `earliest_start` /
    /// `latest_start` when set.
    pub day_windows: Option<[Option<StartWindow>; DAYS]>,
}

impl ShiftTemplate {
    /// The same starts every day, `earliest_start..=latest_start` every `start_step`.
    pub fn daily(
        earliest_start: u32,
        latest_start: u32,
        start_step: u32,
        lengths: Vec<ShiftLength>,
    ) -> Self {
        Self {
            earliest_start,
            latest_start,
            start_step,
            lengths,
            day_windows: None,
        }
    }

    /// The allowed starts, intervals of the day (without per-day windows).
    pub fn starts(&self) -> Vec<u32> {
        (self.earliest_start..=self.latest_start)
            .step_by(self.start_step.max(1) as usize)
            .collect()
    }

    /// The start window of schedule day `day` in week intervals, if shifts start that day.
    pub fn day_window(&self, grid: &Grid, day: usize) -> Option<StartWindow> {
        match &self.day_windows {
            Some(w) => w[day],
            None => {
                let base = day as u32 * grid.per_day();
                Some(StartWindow {
                    first: base + self.earliest_start,
                    last: base + self.latest_start,
                })
            }
        }
    }

    /// The starts of schedule day `day`, in week intervals.
    pub fn day_starts(&self, grid: &Grid, day: usize) -> Vec<u32> {
        self.day_window(grid, day).map_or_else(Vec::new, |w| {
            (w.first..=w.last)
                .step_by(self.start_step.max(1) as usize)
                .collect()
        })
    }

    /// The longest length, intervals (0 without lengths).
    pub fn longest(&self) -> u32 {
        self.lengths.iter().map(|l| l.length).max().unwrap_or(0)
    }

    /// Checks the template against the grid.
    pub(crate) fn check(&self, grid: &Grid) -> Result<()> {
        let bad = |m: String| Err(SchedulerError::InvalidModel(m));
        if self.start_step == 0 {
            return bad("the start granularity is 0 intervals".into());
        }
        if let Some(days) = &self.day_windows {
            let longest = self.longest();
            for d in 0..DAYS {
                let Some(w) = days[d] else { continue };
                if w.first > w.last {
                    return bad(format!(
                        "the starts of day {d} run from {} to {}",
                        w.first, w.last
                    ));
                }
                // An agent's shift of day d must end before their next day's first start.
                if let Some(next) = days.get(d + 1).copied().flatten()
                    && w.last + longest > next.first
                {
                    return bad(format!(
                        "a {longest}-interval shift starting at {} on day {d} overlaps the \
                         next day's first start {}",
                        w.last, next.first
                    ));
                }
            }
        } else if self.earliest_start > self.latest_start || self.latest_start >= grid.per_day() {
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
            if self.day_windows.is_none()
                && self.latest_start + l.length > grid.per_day() + self.earliest_start
            {
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
    /// Least work days in the week (a shortfall is a reported conflict).
    pub min_work_days: Option<u8>,
    /// Most work days in the week.
    pub max_work_days: Option<u8>,
    /// Most consecutive work days.
    pub max_consecutive_days: Option<u8>,
    /// Consecutive work days the agent has already worked right before day 0 (carried
    /// over from the previous week).
    pub worked_days_before: u8,
    /// Fewest consecutive work days in a run that starts and ends inside the agent's
    /// horizon (a run touching its first or last day is exempt, as the validator's;
    /// carried across weeks with [`Agent::worked_days_before`]; a run the agent cannot
    /// lengthen is a reported conflict).
    #[serde(default)]
    pub min_consecutive_days: Option<u8>,
    /// Most consecutive days off (counted over [`Agent::counted`] days; a run the agent
    /// cannot break is a reported conflict).
    pub max_consecutive_off: Option<u8>,
    /// Fewest consecutive days off in a run inside the agent's horizon (as
    /// [`Agent::min_consecutive_days`], carried with [`Agent::off_days_before`]).
    #[serde(default)]
    pub min_consecutive_off: Option<u8>,
    /// Consecutive days off right before day 0 (carried over from the previous week).
    pub off_days_before: u8,
    /// The days of the agent's horizon (in the request and employed): a day outside it
    /// ends a run of days off, a day inside it without a shift is a day off.
    pub counted: [bool; DAYS],
    /// Availability per day (7 entries).
    pub availability: [Availability; DAYS],
    /// Days the agent must work where available (the profile's Work days; a missed one
    /// is a reported conflict).
    pub must_work: [bool; DAYS],
    /// Days off joined with OR: bit `d` set for day `d`; at least one of them is off
    /// (0: no such rule).
    pub days_off_any: u8,
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
            min_work_days: None,
            max_work_days: None,
            max_consecutive_days: None,
            worked_days_before: 0,
            min_consecutive_days: None,
            max_consecutive_off: None,
            min_consecutive_off: None,
            off_days_before: 0,
            counted: [true; DAYS],
            availability: [Availability::Any; DAYS],
            must_work: [false; DAYS],
            days_off_any: 0,
            allowed_lengths: None,
        }
    }

    /// Whether the agent may work some shift on day `d`.
    pub fn available(&self, d: usize) -> bool {
        self.availability[d] != Availability::Off
    }
}

/// A pool: interchangeable agents with one shift template and one set of group rules
/// (a staffing group, or the part of it with one profile and one time zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    /// Name, reported with the pool's results (e.g. the staffing group).
    pub name: String,
    /// Allowed shifts with their breaks.
    pub template: ShiftTemplate,
    /// Minimum productive agents of this pool over time ranges (with one pool, merged into
    /// the requirement).
    pub minimum_staff: Vec<MinimumStaff>,
    /// At most this many of the pool's shifts on any day (the agents available).
    pub max_shifts_per_day: Option<u32>,
    /// Every anonymous agent's work days (the tour model), or `None` for independent days.
    pub work_days: Option<WorkDays>,
    /// Named agents to assign the pool's shifts to; empty: anonymous agents.
    pub agents: Vec<Agent>,
}

impl Pool {
    /// A pool with the template and no further rules.
    pub fn new(name: impl Into<String>, template: ShiftTemplate) -> Self {
        Self {
            name: name.into(),
            template,
            minimum_staff: Vec::new(),
            max_shifts_per_day: None,
            work_days: None,
            agents: Vec::new(),
        }
    }

    /// The most shifts of the pool on day `d`: the cap and, with named agents, the agents
    /// available that day.
    pub(crate) fn day_cap(&self, d: usize) -> Option<u32> {
        let named = (!self.agents.is_empty())
            .then(|| self.agents.iter().filter(|a| a.available(d)).count() as u32);
        match (self.max_shifts_per_day, named) {
            (Some(c), Some(n)) => Some(c.min(n)),
            (c, n) => c.or(n),
        }
    }
}

/// A minimum staff over several pools together (a staffing group split into pools by
/// profile or time zone): their productive agents summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMinimum {
    /// The pools (indexes into [`WeekProblem::pools`]).
    pub pools: Vec<usize>,
    /// The range and the agents.
    pub minimum: MinimumStaff,
}

/// The week to schedule: one shared requirement, one or more pools covering it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekProblem {
    /// The interval grid.
    pub grid: Grid,
    /// Required productive agents per week interval (`grid.week()` entries), e.g. from
    /// [`super::requirement`], covered by the pools together.
    pub required: Vec<u32>,
    /// The pools (at least one).
    pub pools: Vec<Pool>,
    /// Minimum staff over several pools together.
    pub group_minimum: Vec<GroupMinimum>,
    /// What to minimise.
    pub objective: Objective,
}

impl WeekProblem {
    /// A week with the requirement and one pool with the template, fewest shifts, no
    /// further rules.
    pub fn new(grid: Grid, required: Vec<u32>, template: ShiftTemplate) -> Self {
        Self::joint(grid, required, vec![Pool::new("pool", template)])
    }

    /// A week with the requirement covered by `pools` together, fewest shifts.
    pub fn joint(grid: Grid, required: Vec<u32>, pools: Vec<Pool>) -> Self {
        Self {
            grid,
            required,
            pools,
            group_minimum: Vec::new(),
            objective: Objective::FewestShifts,
        }
    }

    /// The shared requirement; with a single pool, its minimum staff merged in
    /// (interval-wise maximum). With several pools each pool's minimum is its own row.
    pub fn effective_requirement(&self) -> Vec<u32> {
        let mut r = self.required.clone();
        if let [pool] = self.pools.as_slice() {
            for m in &pool.minimum_staff {
                for v in r.iter_mut().take(m.to as usize).skip(m.from as usize) {
                    *v = (*v).max(m.agents);
                }
            }
        }
        r
    }

    /// Checks sizes and rules.
    pub(crate) fn check(&self) -> Result<()> {
        let bad = |m: String| Err(SchedulerError::InvalidModel(m));
        let week = self.grid.week();
        if self.pools.is_empty() {
            return bad("the week has no pool of agents".into());
        }
        if self.required.len() != week as usize {
            return bad(format!(
                "the requirement has {} intervals, a week of the grid has {week}",
                self.required.len()
            ));
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
            return bad(format!(
                "costs per shift {per_shift} and per paid hour {per_paid_hour} must be \
                 non-negative, finite and not both 0"
            ));
        }
        for g in &self.group_minimum {
            let m = g.minimum;
            if m.from >= m.to || m.to > week || g.pools.iter().any(|&p| p >= self.pools.len()) {
                return bad(format!(
                    "minimum staff range {}..{} of pools {:?} is not inside the week's {week} \
                     intervals and {} pools",
                    m.from,
                    m.to,
                    g.pools,
                    self.pools.len()
                ));
            }
        }
        let mut ids: Vec<&str> = Vec::new();
        for pool in &self.pools {
            pool.template.check(&self.grid).map_err(|e| match e {
                SchedulerError::InvalidModel(m) if self.pools.len() > 1 => {
                    SchedulerError::InvalidModel(format!("pool {}: {m}", pool.name))
                }
                e => e,
            })?;
            for m in &pool.minimum_staff {
                if m.from >= m.to || m.to > week {
                    return bad(format!(
                        "minimum staff range {}..{} is not inside the week's {week} intervals",
                        m.from, m.to
                    ));
                }
            }
            if let Some(w) = pool.work_days
                && !(1..=DAYS as u8).contains(&w.days)
            {
                return bad(format!(
                    "agents work {} days a week; 1 to 7 allowed",
                    w.days
                ));
            }
            for a in &pool.agents {
                for (d, day) in a.availability.iter().enumerate() {
                    if let Availability::Window { from, to } = *day
                        && (from >= to || to > 2 * self.grid.per_day())
                    {
                        return bad(format!(
                            "agent {}: availability on day {d} is {from}..{to}, not a window \
                             of intervals inside two days",
                            a.id
                        ));
                    }
                }
                ids.push(a.id.as_str());
            }
        }
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return bad(format!("agent {} is listed twice", w[0]));
        }
        Ok(())
    }
}
