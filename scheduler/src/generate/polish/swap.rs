//! The polish's last move for a short interval: *swap days* between two agents of one
//! pool.
//!
//! An agent who could cover the interval (their window, lengths and availability allow
//! a shift over it) may have no room for it: their work days, runs or weekly hours are
//! full, and moving one of their own shifts there (`MoveDay`) would lose that shift's
//! coverage. Another agent of the pool may have the room but not the window. The swap
//! uses both: the first agent *hands one of their shifts to the partner* (the same
//! shift, breaks and all: its coverage stays) and takes a new shift over the interval
//! on that day or a day they have free —
//! - *give*: the partner had no shift on the handed shift's day and takes it on top;
//! - *exchange*: the partner had no room for one more, so they give up their own shift
//!   of the new shift's day: the two agents trade days, and the coverage changes by
//!   the new shift less the partner's old one.
//!
//! Both agents' rules are measured before and after (`polish/rules.rs`): no amount of
//! either may grow. The week's measures must improve as for every move
//! (`Score::improves`: a swap never adds a short interval and ends like the others),
//! and a swap must also keep the objective from rising (`Score::keeps_objective`:
//! fewer agent-intervals short, or no more paid intervals — a give adds a shift, paid
//! for by at least one agent-interval covered, each priced above any one shift).
//!
//! The same hand-over lowers the cost where an agent's rules keep them from dropping a
//! shift nobody needs ([`drop_by_swap`], a cost move): a partner with hours to spare
//! hands them a shift of a day they are free, and their surplus shift goes — one
//! shift fewer, the same coverage elsewhere, both agents' rules kept.
//!
//! Search, in a fixed order: agents in the week's order (an agent with the rules and
//! shifts of one that found nothing is skipped); per agent, for each shift they could
//! hand over, their best new shift over the interval (`best_for_agent`, mode `Give`),
//! best first; for it, the first partner in the week's order who can take it as a
//! give, else the partner whose exchange improves the measures most.

use std::time::Instant;

use super::state::{Score, State};
use super::{Mode, MoveKind, PolishMove, best_for_agent, first_agent, rules_allow, take, with};
use crate::generate::assign::fits;
use crate::generate::output::{Shift, WeekSchedule};

/// A swap found: agent `a` hands shift `j` to agent `b` and takes `new`; `b` gives up
/// their shift `back` (of `new`'s day) for an exchange.
struct Swap {
    a: usize,
    j: usize,
    new: Shift,
    b: usize,
    back: Option<usize>,
}

/// The first swap (see the module docs) that helps interval `t`, taken.
pub(super) fn swap_at(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    t: u32,
    deadline: Instant,
) -> Option<PolishMove> {
    let s = first_agent(st, week, deadline, |i| swap_for(st, week, i, t))?;
    Some(apply(st, week, s))
}

/// Agent `i`'s swap over `t`: their new shift for each shift they could hand over,
/// best first, with the first that finds a partner.
fn swap_for(st: &State<'_>, week: &WeekSchedule, i: usize, t: u32) -> Option<Swap> {
    let pool = week.agents[i].pool;
    let mut options: Vec<(Score, usize, Shift)> = (0..week.agents[i].shifts.len())
        .filter_map(|j| {
            let (_, new) = best_for_agent(st, week, i, t, Mode::Give(j))?;
            let score = st.delta(pool, None, Some(&new));
            score.keeps_objective().then_some((score, j, new))
        })
        .collect();
    // stable: equal options keep the order of the shifts
    options.sort_by_key(|o| o.0);
    options
        .into_iter()
        .find_map(|(_, j, new)| partner(st, week, (i, j), new, t))
}

/// Who takes agent `i`'s shift `j` while `i` takes a new shift over `t` (`new` for a
/// give): the first agent of the pool who can add it (a give), else the one whose
/// exchange — giving up their shift of the new shift's day, not productive at `t`,
/// the new shift chosen again with it out of the coverage — improves the measures
/// most.
fn partner(
    st: &State<'_>,
    week: &WeekSchedule,
    (i, j): (usize, usize),
    new: Shift,
    t: u32,
) -> Option<Swap> {
    let given = &week.agents[i].shifts[j];
    let pool = week.agents[i].pool;
    let day = usize::from(given.day);
    let mut exchange: Option<(Score, usize, usize, Shift)> = None;
    for (b, other) in week.agents.iter().enumerate() {
        let Some(agent) = st.agents[b] else {
            continue;
        };
        if b == i
            || other.pool != pool
            || other.shifts.iter().any(|s| s.day == given.day)
            || !fits(agent, st.problem, day, given.start, given.end - given.start)
        {
            continue;
        }
        if rules_allow(st, week, b, &with(week, b, None, Some(given))) {
            return Some(Swap {
                a: i,
                j,
                new,
                b,
                back: None,
            });
        }
        let Some(k) = other
            .shifts
            .iter()
            .position(|s| s.day == new.day && !s.productive_at(t))
        else {
            continue;
        };
        if !rules_allow(st, week, b, &with(week, b, Some(k), Some(given))) {
            continue;
        }
        let Some((_, traded)) = best_for_agent(st, week, i, t, Mode::Trade(j, (b, k))) else {
            continue;
        };
        let score = st.delta(pool, Some(&other.shifts[k]), Some(&traded));
        if traded.day == new.day
            && score.keeps_objective()
            && exchange.as_ref().is_none_or(|x| score < x.0)
        {
            exchange = Some((score, b, k, traded));
        }
    }
    exchange.map(|(_, b, k, traded)| Swap {
        a: i,
        j,
        new: traded,
        b,
        back: Some(k),
    })
}

/// Takes the swap: the partner's shift of the new shift's day (if an exchange) becomes
/// the handed shift, then the agent's handed shift becomes the new one — the coverage
/// changes by the new shift less the partner's old one.
fn apply(st: &mut State<'_>, week: &mut WeekSchedule, s: Swap) -> PolishMove {
    let given = week.agents[s.a].shifts[s.j].clone();
    take(st, week, (s.b, s.back), Some(given), MoveKind::SwapDays);
    let mut m = take(st, week, (s.a, Some(s.j)), Some(s.new), MoveKind::SwapDays);
    m.partner = Some(week.agents[s.b].agent.clone());
    m
}

/// For agent `i`'s shift `j`, whose drop would improve the measures but break their
/// rules (a weekly minimum, work days): the first agent of the pool, with their shift,
/// who can hand that shift to `i` so that `i` drops `j` within their rules and the
/// partner keeps theirs without it — `i` free on its day (once `j` is gone) and
/// allowed its start and length.
pub(super) fn drop_by_swap(
    st: &State<'_>,
    week: &WeekSchedule,
    (i, j): (usize, usize),
) -> Option<(usize, usize)> {
    let agent = st.agents[i]?;
    let own = &week.agents[i].shifts;
    let pool = week.agents[i].pool;
    let d = st.delta(pool, Some(&own[j]), None);
    if !d.improves(st.concentrate) || !d.keeps_objective() {
        return None;
    }
    for (b, other) in week.agents.iter().enumerate() {
        if b == i || other.pool != pool || st.agents[b].is_none() {
            continue;
        }
        for (k, s) in other.shifts.iter().enumerate() {
            let day = usize::from(s.day);
            let busy = own
                .iter()
                .enumerate()
                .any(|(x, o)| x != j && o.day == s.day);
            if busy || !fits(agent, st.problem, day, s.start, s.end - s.start) {
                continue;
            }
            if rules_allow(st, week, i, &with(week, i, Some(j), Some(s)))
                && rules_allow(st, week, b, &with(week, b, Some(k), None))
            {
                return Some((b, k));
            }
        }
    }
    None
}

/// Takes [`drop_by_swap`]'s move: the partner's shift `k` goes to agent `i` in place
/// of their shift `j` — the coverage loses `j` only.
pub(super) fn take_drop(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    (i, j): (usize, usize),
    (b, k): (usize, usize),
) -> PolishMove {
    let handed = week.agents[b].shifts[k].clone();
    take(st, week, (b, Some(k)), None, MoveKind::SwapDays);
    let mut m = take(st, week, (i, Some(j)), Some(handed), MoveKind::SwapDays);
    m.partner = Some(week.agents[b].agent.clone());
    m
}
