//! The polish's cost move for a needed shift whose agent may do without it: *drop it
//! once another agent's shift moves over it*.
//!
//! Where the agents' weekly minimums bind (demand needs about half the roster's
//! hours), nearly every agent works exactly their minimum, and the shifts of the agents
//! who may drop one — joiners without a minimum that week, agents above theirs — are
//! the only ones the week can lose. Such a shift is often still needed (it covers the
//! morning peak), while an agent held at their minimum works a shift nobody needs (a
//! quiet afternoon): neither the drop nor the swap of `swap.rs` applies, the first
//! because the peak turns short, the second because the shift nobody needs is the one
//! that has to move, not be handed over. This move does both at once: the needed
//! shift is taken out, and the first short interval it leaves is covered again by
//! another agent's move of one of their own shifts (breaks placed again, a shift
//! moved on its day or to a day they have free — never a shift added). The pair is
//! taken when together they improve the measures (`Score::improves`: no interval
//! more short, one shift fewer) and keep the objective from rising, each agent's
//! rules kept (`polish/rules.rs`).
//!
//! The large example's week of 2024-08-19 (mid-week joiners): the assignment adds 17
//! shifts for the weekly minimums and the drops and swaps trim 7; joiners' shifts on
//! the peaks stayed while agents at their minimum kept shifts of surplus hours
//! (issue 20, "the existing examples unchanged or better").
//!
//! The search is the polish's dearest (every agent's moves for every such shift), so
//! it runs last, once no other move improves ([`pass`]), and only for a shift whose
//! drop leaves at most [`MAX_SHORT`] intervals short (a move covers a span of a few
//! hours). In a fixed order: shifts in the week's order; for each, the first short
//! interval it leaves, and agents in the week's order (an agent with the rules and
//! shifts of one that found nothing skipped), the modes as the short-interval moves
//! try them; an agent is searched only with a shift whose drop alone leaves nothing
//! short (on the interval's day for a move on the day, another day for a move to a
//! free day) — the test that keeps the search cheap where demand binds.

use std::time::Instant;

use super::state::State;
use super::{Mode, MoveKind, PolishMove, best_for_agent, breaks_at, rules_allow, take, with};
use crate::generate::output::{Shift, WeekSchedule};

/// The most intervals a shift's drop may leave short for this move to be searched.
const MAX_SHORT: i64 = 4;

/// Another agent's move that covers what dropping a shift leaves short: the agent,
/// the shift it replaces (a shift is never added here), the new shift and the move's
/// kind.
struct Cover {
    i: usize,
    j: usize,
    new: Shift,
    kind: MoveKind,
}

/// One pass of [`drop_by_move`] over all agents' shifts, the moves taken logged;
/// whether one was taken.
pub(super) fn pass(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    moves: &mut Vec<PolishMove>,
    deadline: Instant,
) -> bool {
    let mut moved = false;
    for b in 0..week.agents.len() {
        if st.agents[b].is_none() {
            continue;
        }
        let mut k = 0;
        while k < week.agents[b].shifts.len() {
            if Instant::now() >= deadline {
                return moved;
            }
            if let Some(pair) = drop_by_move(st, week, (b, k), deadline) {
                moves.extend(pair);
                moved = true;
                continue;
            }
            k += 1;
        }
    }
    moved
}

/// Drops agent `b`'s shift `k` if another agent's move covers what it leaves short
/// (see the module docs): the two moves taken, or `None` (nothing changed).
pub(super) fn drop_by_move(
    st: &mut State<'_>,
    week: &mut WeekSchedule,
    (b, k): (usize, usize),
    deadline: Instant,
) -> Option<[PolishMove; 2]> {
    let s = week.agents[b].shifts[k].clone();
    let dropped = st.delta(s.pool, Some(&s), None);
    if dropped.minimum > 0
        || dropped.short <= 0
        || dropped.short > MAX_SHORT
        || !rules_allow(st, week, b, &with(week, b, Some(k), None))
    {
        return None;
    }
    // the drop, tentatively: the moves are searched on the week without the shift
    st.apply(s.pool, Some(&s), None);
    let accept = |st: &State<'_>, c: &Cover| {
        let old = &week.agents[c.i].shifts[c.j];
        let moved = match c.kind {
            // a shift of another day: its loss and the new shift's gain are apart
            MoveKind::MoveDay => {
                st.delta(old.pool, Some(old), None) + st.delta(old.pool, None, Some(&c.new))
            }
            _ => st.delta(old.pool, Some(old), Some(&c.new)),
        };
        let total = dropped + moved;
        total.improves(st.concentrate) && total.keeps_objective()
    };
    let found = (s.start..s.end.min(st.week))
        .find(|&t| s.productive_at(t) && st.is_short(t))
        .and_then(|t| cover_for(st, week, b, t, deadline, accept));
    st.apply(s.pool, None, Some(&s));
    let c = found?;
    let moved = take(st, week, (c.i, Some(c.j)), Some(c.new), c.kind);
    let drop = take(st, week, (b, Some(k)), None, MoveKind::Drop);
    Some([moved, drop])
}

/// The first move of another agent than `b` (breaks, a shift moved on its day or to a
/// free day) that helps interval `t` of the week without `b`'s shift and that
/// `accept` takes.
fn cover_for(
    st: &State<'_>,
    week: &WeekSchedule,
    b: usize,
    t: u32,
    deadline: Instant,
    accept: impl Fn(&State<'_>, &Cover) -> bool,
) -> Option<Cover> {
    if let Some((i, j, new)) = breaks_at(st, week, t) {
        let c = Cover {
            i,
            j,
            new,
            kind: MoveKind::Breaks,
        };
        if i != b && accept(st, &c) {
            return Some(c);
        }
    }
    for mode in [Mode::Move, Mode::MoveDay] {
        let mut failed: Vec<usize> = Vec::new();
        for i in 0..week.agents.len() {
            if Instant::now() >= deadline {
                return None;
            }
            let same = |&f: &usize| {
                st.class[f] == st.class[i] && week.agents[f].shifts == week.agents[i].shifts
            };
            if i == b || st.agents[i].is_none() || failed.iter().any(same) {
                continue;
            }
            // the moved shift must be one nobody needs: the pair gains a shift only
            // where the coverage it leaves is spare (a cheap test before the search)
            let day = t / st.problem.grid.per_day();
            let spare = |s: &&Shift| {
                let d = st.delta(s.pool, Some(s), None);
                d.short <= 0
                    && d.minimum <= 0
                    && (mode == Mode::MoveDay) != (u32::from(s.day) == day)
            };
            if !week.agents[i].shifts.iter().any(|s| spare(&s)) {
                continue;
            }
            failed.push(i);
            if let Some((Some(j), new)) = best_for_agent(st, week, i, t, mode) {
                let c = Cover {
                    i,
                    j,
                    new,
                    kind: mode.kind(),
                };
                if accept(st, &c) {
                    return Some(c);
                }
            }
        }
    }
    None
}
