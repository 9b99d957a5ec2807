//! Stage 4, the polish: a local search on the named agents' week after the assignment
//! that lowers the short intervals, then the cost, and breaks no rule.
//!
//! # Moves
//! For every interval where fewer agents are productive than required (or below a
//! minimum staff set), in time order, the first move that helps, tried in this order:
//! 1. *re-place breaks*: a shift on a break at that interval gets its breaks placed
//!    again, each at the offset of its window that costs the measures below least —
//!    where no interval turns short (the most to spare first), else where the
//!    shortage is already deepest (any choice per window is a valid break plan, see
//!    [`super`]);
//! 2. *move a shift*: an agent's shift of that day gets another start and length of
//!    its pool's template that covers the interval, breaks placed the same way;
//! 3. *add a shift*: an agent without a shift that day gets one (a shift the tour
//!    model staffed but no agent took, or any other of the template).
//! 4. *move a shift to another day*: an agent without a shift that day, whose day
//!    rules (work days, runs) forbid one more, moves one of their shifts there — the
//!    days of the week swapped between their work and their rest.
//! 5. *swap days between agents* (`polish/swap.rs`): an agent who could cover the
//!    interval but has no room hands one of their shifts to another agent of the pool
//!    (who takes it on top, or trades it for their own shift of the other day) and
//!    takes a new shift over the interval; both agents' rules are kept.
//!
//! Agents are tried in the week's order and, per agent, the best of its candidates is
//! taken. Two prunings keep a pass short on hundreds of agents: an agent with the same
//! rules and the same shifts as one that found nothing for the interval is skipped,
//! and a day the agent's day rules (work days, runs, days off) forbid is not searched
//! for a shift to add. When no short interval can be helped, the cost moves: *drop a shift*
//! where no interval gets short — or, where the agent's rules (weekly minimum hours,
//! work days) keep them from dropping it, *swap days* for it: another agent of the
//! pool with the room hands them a shift of a day they are then free, and their own
//! goes (`polish/swap.rs`) — or *shorten it*. Then the short intervals again. Last,
//! once nothing else moves (in the second phase), the dearest search: a shift whose
//! drop leaves a few intervals short and whose agent may do without it is *dropped
//! once another agent's move covers them* (breaks placed again, a shift moved on its
//! day or to a free day; `polish/relieve.rs`). Until no move improves or the deadline
//! passes.
//!
//! # What a move must keep
//! A move is taken only when the agent-intervals short of the minimum staff sets (a
//! rule the validator checks) and the number of short intervals both stay or fall, and
//! either the minimum sets' shortfall falls, or the agent-intervals short of the
//! requirement stay or fall and the short intervals, those agent-intervals or the paid
//! intervals fall, or — in the second phase — the paid intervals stay and the
//! *spread* of the shortage `−Σ_t short[t]²` falls: the same agent-intervals short in
//! intervals already shorter. That last step is what lets a short interval be emptied
//! agent by agent into its deeper neighbours when no single move covers it (an
//! interval 4 agents short at the foot of a peak 30 short: four breaks moved into the
//! peak, each alone neither a short interval nor an agent-interval less). It waits for
//! the second phase, once no other move improves: taken early, it piles the shortage
//! into the peak, where no agent is free to cover it, while agents who could have
//! covered the shallower interval later find it covered — on the 800-agent example
//! that ended with more agent-intervals short. The measures `(minimum
//! shortfall, short intervals, short agent-intervals, paid intervals, spread)` fall
//! lexicographically with every move, so the polish ends; it never adds a short
//! interval, and adds short agent-intervals of the requirement only to meet a minimum
//! staff. Each agent's rules are measured before and after
//! (`polish/rules.rs`: every rule the assignment models, the minimum consecutive runs
//! with `assign/consecutive.rs`'s rows): no amount may grow, so a rule kept stays kept.
//!
//! # Determinism
//! Intervals, agents, days, lengths and starts are tried in a fixed order, ties keep
//! the first; only the deadline (wall clock) can stop a run early (then
//! [`PolishLog::complete`] is false).

mod relieve;
pub(crate) mod rules;
mod state;
mod swap;

#[cfg(test)]
mod tests;

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::assign::fits;
use super::input::{DAYS, WeekProblem};
use super::output::{Shift, WeekSchedule};
use state::{Score, State, below};

/// What a polish move did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// The breaks of a shift placed again.
    Breaks,
    /// A shift moved to another start or length on its day.
    Move,
    /// A shift added on a day the agent had none.
    Add,
    /// A shift moved to a day the agent had none (their days change).
    MoveDay,
    /// A shift dropped (no interval turned short).
    Drop,
    /// A shift shortened (no interval turned short).
    Shorten,
    /// Days swapped between two agents of a pool: the agent handed one of their shifts
    /// to the partner (who, for an exchange, gave up their shift of the other day) and
    /// took a new one over a short interval ([`PolishMove::partner`]; see `swap.rs`).
    SwapDays,
}

/// One move taken, with the week's state after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolishMove {
    /// What the move did.
    pub kind: MoveKind,
    /// The agent.
    pub agent: String,
    /// The schedule day of the shift (0–6).
    pub day: u8,
    /// Short intervals after the move.
    pub short_intervals: u32,
    /// Agent-intervals short of the requirement after the move.
    pub short_agent_intervals: u64,
    /// The other agent of a [`MoveKind::SwapDays`]: who took the shift handed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
}

/// What a polish did: the week before and after, and every move.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolishLog {
    /// Intervals short of the requirement before.
    pub short_before: u32,
    /// ... and after.
    pub short_after: u32,
    /// Agent-intervals short of the requirement before.
    pub short_agent_intervals_before: u64,
    /// ... and after.
    pub short_agent_intervals_after: u64,
    /// Agent-intervals short of minimum staff sets before (several pools).
    pub minimum_short_before: u64,
    /// ... and after.
    pub minimum_short_after: u64,
    /// Paid minutes of the agents' shifts before.
    pub paid_minutes_before: u64,
    /// ... and after.
    pub paid_minutes_after: u64,
    /// The moves in the order taken.
    pub moves: Vec<PolishMove>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Whether it ended because no move improved (false: the deadline).
    pub complete: bool,
}

/// Polishes the named agents' shifts of `week` (a week [`super::generate`] returned for
/// `problem`) until no move improves or `deadline` passes; coverage, short intervals,
/// shift count, paid minutes and minimum-staff shortfalls of `week` are recounted.
///
/// # Examples
/// ```
/// use std::time::{Duration, Instant};
/// use wfm_scheduler::generate::{generate, polish, Agent, Grid, Limits, Pool, ShiftLength,
///     ShiftTemplate, WeekProblem};
/// // One agent, 4-hour shifts starting 08:00–10:00; 2 needed 08:00–12:00 on Monday.
/// let grid = Grid::new(30)?;
/// let mut required = vec![0; grid.week() as usize];
/// for t in 16..24 { required[t] = 1; }
/// let mut pool = Pool::new("team", ShiftTemplate::daily(16, 20, 1,
///     vec![ShiftLength { length: 8, breaks: vec![] }]));
/// pool.agents = vec![Agent::new("ann")];
/// let problem = WeekProblem::joint(grid, required, vec![pool]);
/// let mut week = generate(&problem, &Limits::default())?;
/// let log = polish(&problem, &mut week, Instant::now() + Duration::from_secs(5));
/// assert!(log.complete);
/// assert!(log.short_after <= log.short_before);
/// assert_eq!(week.short_intervals.len() as u32, log.short_after);
/// # Ok::<(), wfm_scheduler::SchedulerError>(())
/// ```
pub fn polish(problem: &WeekProblem, week: &mut WeekSchedule, deadline: Instant) -> PolishLog {
    let started = Instant::now();
    let mut st = State::new(problem, week);
    let before = st.totals(week);
    let mut moves = Vec::new();
    let complete = loop {
        let mut moved = false;
        for t in 0..st.week {
            if Instant::now() >= deadline {
                break;
            }
            if st.is_short(t)
                && let Some(m) = cover_interval(&mut st, week, t, deadline)
            {
                moves.push(m);
                moved = true;
            }
        }
        if Instant::now() >= deadline {
            break false;
        }
        if !moved {
            moved = cost_moves(&mut st, week, &mut moves, deadline);
        }
        if !moved && !st.concentrate {
            // the second phase: also the moves that only concentrate the shortage
            st.concentrate = true;
            moved = true;
        }
        if !moved {
            // the dearest search last, once nothing else moves (see `relieve.rs`)
            moved = relieve::pass(&mut st, week, &mut moves, deadline);
        }
        if !moved {
            break Instant::now() < deadline;
        }
    };
    let after = st.totals(week);
    recount(&st, week);
    let paid_minutes = |s: &Score| s.paid as u64 * u64::from(problem.grid.minutes());
    PolishLog {
        short_before: before.short as u32,
        short_after: after.short as u32,
        short_agent_intervals_before: before.shortage as u64,
        short_agent_intervals_after: after.shortage as u64,
        minimum_short_before: before.minimum as u64,
        minimum_short_after: after.minimum as u64,
        paid_minutes_before: paid_minutes(&before),
        paid_minutes_after: paid_minutes(&after),
        moves,
        seconds: started.elapsed().as_secs_f64(),
        complete,
    }
}

/// Replaces agent `i`'s shift `j` by `new` (or adds it, or drops the shift), keeping the
/// shifts in time order, and logs the move.
fn take(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    (i, j): (usize, Option<usize>),
    new: Option<Shift>,
    kind: MoveKind,
) -> PolishMove {
    let a = &mut week.agents[i];
    let old = j.map(|j| a.shifts.remove(j));
    st.apply(a.pool, old.as_ref(), new.as_ref());
    let day = new.as_ref().or(old.as_ref()).map_or(0, |s| s.day);
    if let Some(s) = new {
        a.shifts.push(s);
        a.shifts.sort_by_key(|s| s.start);
    }
    let mut m = PolishMove {
        kind,
        agent: a.agent.clone(),
        day,
        short_intervals: 0,
        short_agent_intervals: 0,
        partner: None,
    };
    for (&c, &r) in st.cover.iter().zip(&st.required) {
        let (a, b) = below(i64::from(c), i64::from(r));
        m.short_intervals += a as u32;
        m.short_agent_intervals += b as u64;
    }
    m
}

/// Whether agent `i`'s rules allow `shifts` instead of their current ones.
fn rules_allow(st: &State<'_>, week: &WeekSchedule, i: usize, shifts: &[Shift]) -> bool {
    st.agents[i].is_some_and(|agent| {
        let before = rules::amounts(st.problem, agent, &week.agents[i].shifts);
        rules::no_worse(&rules::amounts(st.problem, agent, shifts), &before)
    })
}

/// Whether agent `i`'s rules over days allow a shift on `day`, their shift `removed`
/// taken away (a probe of the first start and length: those rules do not depend on
/// them).
fn days_allow(
    st: &State<'_>,
    week: &WeekSchedule,
    i: usize,
    day: usize,
    removed: Option<usize>,
) -> bool {
    let Some(agent) = st.agents[i] else {
        return false;
    };
    let pool = week.agents[i].pool;
    let Some(&start) = st.problem.pools[pool]
        .template
        .day_starts(&st.problem.grid, day)
        .first()
    else {
        return false;
    };
    let probe = st.shift_at(pool, day, start, 0, None);
    let before = rules::amounts(st.problem, agent, &week.agents[i].shifts);
    let after = rules::amounts(st.problem, agent, &with(week, i, removed, Some(&probe)));
    rules::days_no_worse(&after, &before)
}

/// Agent `i`'s shifts with shift `j` replaced by `new` (or `new` added, or `j` dropped).
fn with(week: &WeekSchedule, i: usize, j: Option<usize>, new: Option<&Shift>) -> Vec<Shift> {
    let mut shifts: Vec<Shift> = week.agents[i]
        .shifts
        .iter()
        .enumerate()
        .filter(|&(k, _)| Some(k) != j)
        .map(|(_, s)| s.clone())
        .collect();
    shifts.extend(new.cloned());
    shifts
}

/// The first move (see the module docs) that helps interval `t`.
fn cover_interval(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    t: u32,
    deadline: Instant,
) -> Option<PolishMove> {
    // 1. breaks
    if let Some((i, j, new)) = breaks_at(st, week, t) {
        return Some(take(st, week, (i, Some(j)), Some(new), MoveKind::Breaks));
    }
    // 2. move a shift of the day, 3. add one; an agent with the rules and shifts of one
    // that found nothing finds nothing either
    for mode in [Mode::Move, Mode::Add, Mode::MoveDay] {
        let found = first_agent(st, week, deadline, |i| {
            best_for_agent(st, week, i, t, mode).map(|(j, new)| (i, j, new))
        });
        if let Some((i, j, new)) = found {
            return Some(take(st, week, (i, j), Some(new), mode.kind()));
        }
    }
    // 5. swap days with another agent of the pool
    swap::swap_at(st, week, t, deadline)
}

/// The first agent's find, asking the agents in order until `deadline`. An agent with
/// the rules and shifts of one that found nothing finds nothing either, so it is not
/// asked.
fn first_agent<T>(
    st: &State<'_>,
    week: &WeekSchedule,
    deadline: Instant,
    mut find: impl FnMut(usize) -> Option<T>,
) -> Option<T> {
    let mut failed: Vec<usize> = Vec::new();
    for i in 0..week.agents.len() {
        if Instant::now() >= deadline {
            return None;
        }
        let same = |&f: &usize| {
            st.class[f] == st.class[i] && week.agents[f].shifts == week.agents[i].shifts
        };
        if st.agents[i].is_none() || failed.iter().any(same) {
            continue;
        }
        failed.push(i);
        if let Some(found) = find(i) {
            return Some(found);
        }
    }
    None
}

/// The first shift on a break at interval `t` whose breaks, placed again, help: agent,
/// shift, the shift with its new breaks.
fn breaks_at(st: &State<'_>, week: &WeekSchedule, t: u32) -> Option<(usize, usize, Shift)> {
    for (i, a) in week.agents.iter().enumerate() {
        if st.agents[i].is_none() {
            continue;
        }
        for (j, s) in a.shifts.iter().enumerate() {
            if !(s.start..s.end).contains(&t) || s.productive_at(t) || s.breaks.is_empty() {
                continue;
            }
            let Some(li) = length_index(st, s) else {
                continue;
            };
            let new = st.shift_at(a.pool, usize::from(s.day), s.start, li, Some(s));
            if st
                .delta(a.pool, Some(s), Some(&new))
                .improves(st.concentrate)
            {
                return Some((i, j, new));
            }
        }
    }
    None
}

/// The template length index of shift `s`.
fn length_index(st: &State<'_>, s: &Shift) -> Option<usize> {
    st.problem.pools[s.pool]
        .template
        .lengths
        .iter()
        .position(|l| l.length == s.end - s.start)
}

/// Which shifts of an agent a move may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The shift of the interval's day.
    Move,
    /// None: a shift is added on a day without one.
    Add,
    /// A shift of another day moves to a day without one.
    MoveDay,
    /// The agent's shift of this index is handed to another agent (its coverage
    /// stays) and the agent takes a new one on its day or a day without one.
    Give(usize),
    /// As `Give`, the agent taking the shift giving up their shift (agent, index) of
    /// the new shift's day in exchange: the new shift replaces it in the coverage.
    Trade(usize, (usize, usize)),
}

impl Mode {
    fn kind(self) -> MoveKind {
        match self {
            Self::Move => MoveKind::Move,
            Self::Add => MoveKind::Add,
            Self::MoveDay => MoveKind::MoveDay,
            Self::Give(_) | Self::Trade(..) => MoveKind::SwapDays,
        }
    }
}

/// Agent `i`'s best shift on a day covering interval `t` (see [`Mode`]), within their
/// rules: the shift it replaces (if any) and the new one.
fn best_for_agent(
    st: &State<'_>,
    week: &WeekSchedule,
    i: usize,
    t: u32,
    mode: Mode,
) -> Option<(Option<usize>, Shift)> {
    let agent = st.agents[i]?;
    let a = &week.agents[i];
    let template = &st.problem.pools[a.pool].template;
    let grid = st.problem.grid;
    let mut best: Option<(Score, Option<usize>, Shift)> = None;
    for day in 0..DAYS {
        let Some(w) = template.day_window(&grid, day) else {
            continue;
        };
        if t < w.first || t >= w.last + template.longest() || !agent.available(day) {
            continue;
        }
        let on_day = a.shifts.iter().position(|s| usize::from(s.day) == day);
        let replaced: Vec<Option<usize>> = match (mode, on_day) {
            (Mode::Move, Some(j)) => vec![Some(j)],
            (Mode::Add, None) if days_allow(st, week, i, day, None) => vec![None],
            (Mode::MoveDay, None) => (0..a.shifts.len())
                .filter(|&j| days_allow(st, week, i, day, Some(j)))
                .map(Some)
                .collect(),
            (Mode::Give(g) | Mode::Trade(g, _), on_day)
                if g < a.shifts.len()
                    && on_day.is_none_or(|k| k == g)
                    && days_allow(st, week, i, day, Some(g)) =>
            {
                vec![Some(g)]
            }
            _ => Vec::new(),
        };
        for j in replaced {
            let old = j.map(|j| &a.shifts[j]);
            // a shift of another day: its loss and the new shift's gain are apart
            // a shift handed to another agent: its coverage stays
            let (same_day, lost) = match (old, mode) {
                (Some(o), Mode::MoveDay) => (None, st.delta(a.pool, Some(o), None)),
                (_, Mode::Give(_)) => (None, Score::default()),
                (_, Mode::Trade(_, (b, k))) => (Some(&week.agents[b].shifts[k]), Score::default()),
                _ => (old, Score::default()),
            };
            for (li, l) in template.lengths.iter().enumerate() {
                for start in template.day_starts(&grid, day) {
                    if !(start..start + l.length).contains(&t)
                        || !fits(agent, st.problem, day, start, l.length)
                    {
                        continue;
                    }
                    let new = st.shift_at(a.pool, day, start, li, same_day);
                    if !new.productive_at(t) {
                        continue;
                    }
                    let d = lost + st.delta(a.pool, same_day, Some(&new));
                    if d.improves(st.concentrate)
                        && best.as_ref().is_none_or(|b| d < b.0)
                        && rules_allow(st, week, i, &with(week, i, j, Some(&new)))
                    {
                        best = Some((d, j, new));
                    }
                }
            }
        }
    }
    best.map(|(_, j, s)| (j, s))
}

/// The cost moves (drop, drop by a swap, shorten) over all agents' shifts; whether one
/// was taken.
fn cost_moves(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    moves: &mut Vec<PolishMove>,
    deadline: Instant,
) -> bool {
    let mut moved = false;
    for i in 0..week.agents.len() {
        if st.agents[i].is_none() {
            continue;
        }
        let mut j = 0;
        while j < week.agents[i].shifts.len() {
            if Instant::now() >= deadline {
                return moved;
            }
            let s = week.agents[i].shifts[j].clone();
            if st.delta(s.pool, Some(&s), None).improves(st.concentrate)
                && rules_allow(st, week, i, &with(week, i, Some(j), None))
            {
                moves.push(take(st, week, (i, Some(j)), None, MoveKind::Drop));
                moved = true;
                continue;
            }
            if let Some(partner) = swap::drop_by_swap(st, week, (i, j)) {
                moves.push(swap::take_drop(st, week, (i, j), partner));
                moved = true;
                continue;
            }
            if let Some(new) = shorter(st, week, i, &s, j) {
                moves.push(take(st, week, (i, Some(j)), Some(new), MoveKind::Shorten));
                moved = true;
            }
            j += 1;
        }
    }
    moved
}

/// The shortest shift from `s`'s start, shorter than `s`, that loses no coverage and
/// keeps agent `i`'s rules.
fn shorter(st: &State<'_>, week: &WeekSchedule, i: usize, s: &Shift, j: usize) -> Option<Shift> {
    let agent = st.agents[i]?;
    let template = &st.problem.pools[s.pool].template;
    let mut lengths: Vec<(usize, u32)> = template
        .lengths
        .iter()
        .enumerate()
        .map(|(li, l)| (li, l.length))
        .filter(|&(_, l)| l < s.end - s.start)
        .collect();
    lengths.sort_by_key(|&(_, l)| l);
    let day = usize::from(s.day);
    lengths.into_iter().find_map(|(li, l)| {
        if !fits(agent, st.problem, day, s.start, l) {
            return None;
        }
        let new = st.shift_at(s.pool, day, s.start, li, Some(s));
        (st.delta(s.pool, Some(s), Some(&new))
            .improves(st.concentrate)
            && rules_allow(st, week, i, &with(week, i, Some(j), Some(&new))))
        .then_some(new)
    })
}

/// Recounts `week`'s coverage, short intervals, shift count, paid minutes and the
/// minimum sets' short intervals from the polished shifts.
fn recount(st: &State<'_>, week: &mut WeekSchedule) {
    for c in &mut week.coverage {
        if let Some(&v) = st.cover.get(c.interval as usize) {
            c.scheduled = v;
        }
    }
    week.short_intervals = week
        .coverage
        .iter()
        .filter(|c| c.scheduled < c.required)
        .map(|c| c.interval)
        .collect();
    if week.minimum_short.len() == st.sets.len() {
        for (i, (_, short)) in week.minimum_short.iter_mut().enumerate() {
            *short = (0..st.week)
                .filter(|&t| st.set_cover[i][t as usize] < st.sets[i].1[t as usize])
                .collect();
        }
    }
    let shifts = week.agents.iter().flat_map(|a| &a.shifts);
    week.shift_count = shifts.clone().count() as u32;
    week.paid_minutes = shifts
        .map(|s| u64::from(s.paid) * u64::from(st.problem.grid.minutes()))
        .sum();
}
