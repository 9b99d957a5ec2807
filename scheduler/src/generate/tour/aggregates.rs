//! The aggregate rows of a pool with named agents: totals every schedule of those agents
//! honouring their rules satisfies (shifts per day, work days, intervals, days off, long
//! shifts, lengths some agents are limited to), so the tour model stays a relaxation of
//! the named problem (see the module docs of `tour`).

use good_lp::{Expression, Variable, variable};

use super::ShiftType;
use crate::generate::input::{Agent, DAYS, Pool};
use crate::generate::mip::{Columns, VarIndex};

/// The aggregate rows of a pool with named agents (see the module docs).
#[derive(Debug, Default)]
pub(super) struct Aggregates {
    must_work: [u32; DAYS],
    min_days: u32,
    max_days: Option<u32>,
    min_intervals: u32,
    max_intervals: Option<u32>,
    /// Per days-off mask (at least one of its days off), the most shifts on its days.
    days_off: Vec<(u8, u32)>,
    /// Per template length `L`, the most shifts of length ≥ `L` (each agent at most
    /// `min(days, ⌊max intervals / L⌋)` of them).
    long: Vec<(u32, u32)>,
    /// Per day and length that not every available agent may work: the agents available
    /// that day who may (the most shifts of that length and day).
    day_length: Vec<(usize, u32, u32)>,
    /// Per set `S` of lengths some agents are limited to (not every length): the least
    /// shifts and intervals of lengths in `S`, the minimums of the agents limited to a
    /// subset of `S` (they can only meet them with such shifts).
    classes: Vec<(Vec<u32>, u32, u32)>,
}

/// An agent limited to some of the pool's lengths: those lengths, the least days and
/// the least intervals of their week.
type Limited = (Vec<u32>, u32, u32);

/// Whether `agent` may work a shift of `length` intervals.
fn allows(agent: &Agent, length: &u32) -> bool {
    agent
        .allowed_lengths
        .as_ref()
        .is_none_or(|x| x.contains(length))
}

/// The aggregates of `pool` (`minutes` per interval).
pub(super) fn aggregates(pool: &Pool, minutes: u32) -> Aggregates {
    let mut g = Aggregates::default();
    let all: Vec<u32> = pool.template.lengths.iter().map(|l| l.length).collect();
    let limited = agent_totals(pool, minutes, &all, &mut g);
    g.days_off = days_off_caps(pool);
    g.long = long_caps(pool, minutes, &all);
    g.day_length = day_length_caps(pool, &all);
    g.classes = length_classes(&limited);
    g
}

/// Sums the agents' Work days, least and most work days and intervals into `g`; returns
/// the agents limited to some of the lengths `all` who have a minimum.
fn agent_totals(pool: &Pool, minutes: u32, all: &[u32], g: &mut Aggregates) -> Vec<Limited> {
    let mut max_days = Some(0u32);
    let mut max_intervals = Some(0u32);
    let longest = pool.template.longest();
    // per agent: the lengths allowed, the least days and intervals of the week
    let mut limited: Vec<Limited> = Vec::new();
    for a in &pool.agents {
        let available = (0..DAYS).filter(|&d| a.available(d)).count() as u32;
        for d in 0..DAYS {
            if a.must_work[d] && a.available(d) {
                g.must_work[d] += 1;
            }
        }
        let most_days = a
            .max_work_days
            .map_or(available, |m| u32::from(m).min(available));
        // Days the weekly minimum needs at the agent's longest allowed length.
        let widest = pool
            .template
            .lengths
            .iter()
            .map(|l| l.length)
            .filter(|l| allows(a, l))
            .max()
            .unwrap_or(0);
        let for_minimum = match (a.min_week_minutes, widest) {
            (Some(m), w) if w > 0 => m.div_ceil(minutes).div_ceil(w),
            _ => 0,
        };
        let min_days = a.min_work_days.map_or(0, u32::from).max(for_minimum);
        g.min_days += min_days.min(most_days);
        max_days = max_days.map(|s| s + most_days);
        let most = a
            .max_week_minutes
            .map(|m| m / minutes)
            .unwrap_or(most_days * longest)
            .min(most_days * longest);
        let least = a
            .min_week_minutes
            .map_or(0, |m| m.div_ceil(minutes).min(most));
        g.min_intervals += least;
        let allowed: Vec<u32> = all.iter().copied().filter(|l| allows(a, l)).collect();
        if allowed.len() < all.len() && (least > 0 || min_days > 0) {
            limited.push((allowed, min_days.min(most_days), least));
        }
        max_intervals = max_intervals.map(|s| s + most);
    }
    g.max_days = max_days;
    g.max_intervals = max_intervals;
    limited
}

/// Per days-off mask of the pool's agents (ascending), the most shifts on its days: each
/// agent's available listed days, less one for an agent with that rule.
fn days_off_caps(pool: &Pool) -> Vec<(u8, u32)> {
    let mut masks: Vec<u8> = pool.agents.iter().map(|a| a.days_off_any).collect();
    masks.sort_unstable();
    masks.dedup();
    let mut caps = Vec::new();
    for mask in masks.into_iter().filter(|&m| m != 0) {
        let most: u32 = pool
            .agents
            .iter()
            .map(|a| {
                let listed = (0..DAYS)
                    .filter(|&d| mask & (1 << d) != 0 && a.available(d))
                    .count() as u32;
                // An agent with this rule works at most all but one of the listed days.
                let own = a.days_off_any == mask && mask.count_ones() == listed;
                listed - u32::from(own && listed > 0)
            })
            .sum();
        caps.push((mask, most));
    }
    caps
}

/// Per template length `L`, the most shifts of length ≥ `L` the agents may work.
fn long_caps(pool: &Pool, minutes: u32, all: &[u32]) -> Vec<(u32, u32)> {
    let mut caps = Vec::new();
    for l in pool.template.lengths.iter().map(|l| l.length) {
        // per agent: shifts of length ≥ l they may work (their allowed lengths only)
        let most: u32 = pool
            .agents
            .iter()
            .map(|a| {
                let Some(shortest) = all
                    .iter()
                    .copied()
                    .filter(|&x| x >= l)
                    .filter(|x| allows(a, x))
                    .min()
                else {
                    return 0;
                };
                let available = (0..DAYS).filter(|&d| a.available(d)).count() as u32;
                let days = a
                    .max_work_days
                    .map_or(available, |m| u32::from(m).min(available));
                a.max_week_minutes
                    .map_or(days, |m| days.min(m / minutes / shortest.max(1)))
            })
            .sum();
        caps.push((l, most));
    }
    caps
}

/// Per day and length not every agent available that day may work: how many may.
fn day_length_caps(pool: &Pool, all: &[u32]) -> Vec<(usize, u32, u32)> {
    let mut caps = Vec::new();
    for d in 0..DAYS {
        let available: Vec<&Agent> = pool.agents.iter().filter(|a| a.available(d)).collect();
        for &l in all {
            let may = available.iter().filter(|a| allows(a, &l)).count() as u32;
            if (may as usize) < available.len() {
                caps.push((d, l, may));
            }
        }
    }
    caps
}

/// Per set of lengths some agents are limited to (ascending), the least days and
/// intervals of the agents limited to a subset of it.
fn length_classes(limited: &[Limited]) -> Vec<(Vec<u32>, u32, u32)> {
    let mut sets: Vec<Vec<u32>> = limited.iter().map(|l| l.0.clone()).collect();
    sets.sort();
    sets.dedup();
    let mut classes = Vec::new();
    for set in sets {
        let within = limited
            .iter()
            .filter(|l| l.0.iter().all(|x| set.contains(x)));
        let days = within.clone().map(|l| l.1).sum();
        let intervals = within.map(|l| l.2).sum();
        classes.push((set, days, intervals));
    }
    classes
}

/// The aggregate rows of the tour model, with their slacks.
#[derive(Default)]
pub(super) struct AggregateRows {
    /// The lower rows' slacks (penalised in the objective), in creation order.
    pub(super) slack: Vec<Variable>,
    /// `expression + slack ≥ value`.
    pub(super) lower: Vec<(Expression, f64, Variable)>,
    /// `expression ≤ value`.
    pub(super) upper: Vec<(Expression, f64)>,
}

/// The rows of each pool's aggregates (pools without named agents have none) over the
/// shift variables `x`; the lower rows' slacks are added to `cols`.
pub(super) fn aggregate_rows(
    types: &[ShiftType],
    x: &[(Variable, VarIndex)],
    aggs: &[Option<Aggregates>],
    cols: &mut Columns,
) -> AggregateRows {
    let mut rows = AggregateRows::default();
    for (p, g) in aggs.iter().enumerate() {
        let Some(g) = g else { continue };
        let of_pool = || types.iter().zip(x).filter(move |(s, _)| s.pool == p);
        let mut lower = |e: Expression, v: u32, vars: &mut Columns| {
            if v > 0 {
                let (s, _) = vars.add(variable().min(0));
                rows.slack.push(s);
                rows.lower.push((e, f64::from(v), s));
            }
        };
        for d in 0..DAYS {
            let e: Expression = of_pool()
                .filter(|(s, _)| s.day == d)
                .map(|(_, v)| v.0)
                .sum();
            lower(e, g.must_work[d], cols);
        }
        let count: Expression = of_pool().map(|(_, v)| v.0).sum();
        let mut length = Expression::default();
        for (s, v) in of_pool() {
            length.add_mul(f64::from(s.length), v.0);
        }
        lower(count.clone(), g.min_days, cols);
        lower(length.clone(), g.min_intervals, cols);
        for (set, days, intervals) in &g.classes {
            let mut n = Expression::default();
            let mut len = Expression::default();
            for (s, v) in of_pool().filter(|(s, _)| set.contains(&s.length)) {
                n.add_mul(1.0, v.0);
                len.add_mul(f64::from(s.length), v.0);
            }
            lower(n, *days, cols);
            lower(len, *intervals, cols);
        }
        upper_rows(g, &of_pool, count, length, &mut rows.upper);
    }
    rows
}

/// The upper aggregate rows of one pool, in the model's order: work days, long shifts,
/// lengths per day, days off, intervals.
fn upper_rows<'a, I>(
    g: &Aggregates,
    of_pool: &impl Fn() -> I,
    count: Expression,
    length: Expression,
    upper: &mut Vec<(Expression, f64)>,
) where
    I: Iterator<Item = (&'a ShiftType, &'a (Variable, VarIndex))>,
{
    if let Some(m) = g.max_days {
        upper.push((count, f64::from(m)));
    }
    for &(l, most) in &g.long {
        let e: Expression = of_pool()
            .filter(|(s, _)| s.length >= l)
            .map(|(_, v)| v.0)
            .sum();
        upper.push((e, f64::from(most)));
    }
    for &(d, l, most) in &g.day_length {
        let e: Expression = of_pool()
            .filter(|(s, _)| s.day == d && s.length == l)
            .map(|(_, v)| v.0)
            .sum();
        upper.push((e, f64::from(most)));
    }
    for &(mask, most) in &g.days_off {
        let e: Expression = of_pool()
            .filter(|(s, _)| mask & (1 << s.day) != 0)
            .map(|(_, v)| v.0)
            .sum();
        upper.push((e, f64::from(most)));
    }
    if let Some(m) = g.max_intervals {
        upper.push((length, f64::from(m)));
    }
}
