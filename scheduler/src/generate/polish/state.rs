//! The polish's state: the week's coverage of the requirement and of every minimum
//! staff set, its measures ([`Score`]) and their change under a move, and a shift of
//! the template with its breaks placed where they cost the measures least.

use super::super::input::{Agent, MinimumStaff, WeekProblem};
use super::super::output::{PlacedBreak, Shift, WeekSchedule};

/// A change of the week's measures (or the measures), in the order they count:
/// agent-intervals short of the minimum staff sets (a rule), short intervals,
/// agent-intervals short of the requirement, paid intervals, and the *spread* of the
/// shortage, `−Σ_t short[t]²` (lower: the same shortage in fewer, deeper intervals).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    pub(super) minimum: i64,
    pub(super) short: i64,
    pub(super) shortage: i64,
    pub(super) paid: i64,
    pub(super) spread: i64,
}

impl Score {
    /// Whether a change with this delta is taken (see the module docs): no minimum set
    /// and no interval more short, and less short of a minimum set, or else nothing
    /// more short of the requirement and fewer short intervals, fewer short
    /// agent-intervals or fewer paid intervals, or — with `spread`, at the same paid
    /// intervals — the shortage moved into intervals already shorter (a step towards
    /// fewer short intervals that no single move reaches).
    pub(super) fn improves(&self, spread: bool) -> bool {
        if self.minimum > 0 || self.short > 0 {
            return false;
        }
        self.minimum < 0
            || (self.shortage <= 0
                && (self.short < 0
                    || self.shortage < 0
                    || self.paid < 0
                    || (spread && self.paid == 0 && self.spread < 0)))
    }
}

impl Score {
    /// Whether a change with this delta keeps the week's objective (its shifts' cost and
    /// the shortage at the tour model's penalties, [`super::super::Price`]) from rising
    /// when it keeps the shift count or adds one shift: less short of a minimum set or
    /// of the requirement (each agent-interval priced above any one shift), or no more
    /// paid intervals.
    pub(super) fn keeps_objective(&self) -> bool {
        self.minimum < 0 || self.shortage < 0 || self.paid <= 0
    }
}

impl std::ops::Add for Score {
    type Output = Score;

    fn add(self, b: Score) -> Score {
        Score {
            minimum: self.minimum + b.minimum,
            short: self.short + b.short,
            shortage: self.shortage + b.shortage,
            paid: self.paid + b.paid,
            spread: self.spread + b.spread,
        }
    }
}

/// The week being polished: coverage of the requirement and of every minimum set.
pub(super) struct State<'a> {
    pub(super) problem: &'a WeekProblem,
    pub(super) week: u32,
    pub(super) required: Vec<u32>,
    pub(super) cover: Vec<u32>,
    /// Minimum sets (pools, minimum per interval) as the tour model's, and their cover.
    pub(super) sets: Vec<(Vec<usize>, Vec<u32>)>,
    pub(super) set_cover: Vec<Vec<u32>>,
    /// Per agent of the week, the named agent's rules (`None`: anonymous, not moved).
    pub(super) agents: Vec<Option<&'a Agent>>,
    /// Per agent of the week, the first agent of its pool with the same rules.
    pub(super) class: Vec<usize>,
    /// Whether a move that only concentrates the shortage is taken (the polish's
    /// second phase, see its module docs).
    pub(super) concentrate: bool,
}

/// Per agent of the week, the first agent of the same pool whose rules are the same
/// (all but the id).
fn classes(week: &WeekSchedule, agents: &[Option<&Agent>]) -> Vec<usize> {
    let rules = |i: usize| {
        agents[i].map(|a| Agent {
            id: String::new(),
            ..a.clone()
        })
    };
    let mut firsts: Vec<(usize, Option<Agent>)> = Vec::new();
    (0..agents.len())
        .map(|i| {
            let r = rules(i);
            match firsts
                .iter()
                .find(|(f, fr)| week.agents[*f].pool == week.agents[i].pool && *fr == r)
            {
                Some(&(f, _)) => f,
                None => {
                    firsts.push((i, r));
                    i
                }
            }
        })
        .collect()
}

/// The minimum staff rows not merged into the requirement, as the tour model builds
/// them: each pool's own with several pools, then the group minimums, by pools.
fn minimum_sets(problem: &WeekProblem) -> Vec<(Vec<usize>, Vec<u32>)> {
    let week = problem.grid.week() as usize;
    let mut sets: Vec<(Vec<usize>, Vec<u32>)> = Vec::new();
    let mut raise = |pools: Vec<usize>, r: &MinimumStaff| {
        let i = sets
            .iter()
            .position(|(p, _)| *p == pools)
            .unwrap_or_else(|| {
                sets.push((pools, vec![0; week]));
                sets.len() - 1
            });
        for v in sets[i]
            .1
            .iter_mut()
            .take(r.to as usize)
            .skip(r.from as usize)
        {
            *v = (*v).max(r.agents);
        }
    };
    if problem.pools.len() > 1 {
        for (p, pool) in problem.pools.iter().enumerate() {
            for r in &pool.minimum_staff {
                raise(vec![p], r);
            }
        }
    }
    for g in &problem.group_minimum {
        let mut pools = g.pools.clone();
        pools.sort_unstable();
        pools.dedup();
        raise(pools, &g.minimum);
    }
    sets
}

pub(super) fn below(c: i64, r: i64) -> (i64, i64) {
    (i64::from(c < r), (r - c).max(0))
}

impl<'a> State<'a> {
    pub(super) fn new(problem: &'a WeekProblem, week: &WeekSchedule) -> Self {
        let n = problem.grid.week();
        let sets = minimum_sets(problem);
        let agents: Vec<Option<&Agent>> = week
            .agents
            .iter()
            .map(|a| {
                problem
                    .pools
                    .get(a.pool)
                    .and_then(|p| p.agents.iter().find(|x| x.id == a.agent))
            })
            .collect();
        let mut st = Self {
            problem,
            week: n,
            class: classes(week, &agents),
            agents,
            required: week.coverage.iter().map(|c| c.required).collect(),
            cover: vec![0; n as usize],
            set_cover: vec![vec![0; n as usize]; sets.len()],
            sets,
            concentrate: false,
        };
        st.required.resize(n as usize, 0);
        for a in &week.agents {
            for s in &a.shifts {
                st.apply(a.pool, None, Some(s));
            }
        }
        st
    }

    /// The measures of the whole week.
    pub(super) fn totals(&self, week: &WeekSchedule) -> Score {
        let mut s = Score::default();
        for (t, (&c, &r)) in self.cover.iter().zip(&self.required).enumerate() {
            let (a, b) = below(i64::from(c), i64::from(r));
            s.short += a;
            s.shortage += b;
            s.spread -= b * b;
            for (i, (_, min)) in self.sets.iter().enumerate() {
                s.minimum += below(i64::from(self.set_cover[i][t]), i64::from(min[t])).1;
            }
        }
        s.paid = week
            .agents
            .iter()
            .flat_map(|a| &a.shifts)
            .map(|x| i64::from(x.paid))
            .sum();
        s
    }

    /// The intervals `old` and `new` together span, inside the week.
    fn span(&self, old: Option<&Shift>, new: Option<&Shift>) -> std::ops::Range<u32> {
        let lo = old.iter().chain(&new).map(|s| s.start).min().unwrap_or(0);
        let hi = old.iter().chain(&new).map(|s| s.end).max().unwrap_or(0);
        lo.min(self.week)..hi.min(self.week)
    }

    /// The change of the measures when pool `pool`'s shift `old` becomes `new`.
    pub(super) fn delta(&self, pool: usize, old: Option<&Shift>, new: Option<&Shift>) -> Score {
        let on = |s: Option<&Shift>, t| i64::from(s.is_some_and(|s| s.productive_at(t)));
        let mut d = Score {
            paid: i64::from(new.map_or(0, |s| s.paid)) - i64::from(old.map_or(0, |s| s.paid)),
            ..Score::default()
        };
        for t in self.span(old, new) {
            let change = on(new, t) - on(old, t);
            if change != 0 {
                d = d + self.change_at(pool, t as usize, 0, change);
            }
        }
        d
    }

    /// The change of the measures at week interval `t` when `change` productive agents
    /// of pool `pool` join its coverage raised by `offset`.
    fn change_at(&self, pool: usize, t: usize, offset: i64, change: i64) -> Score {
        let (c, r) = (
            i64::from(self.cover[t]) + offset,
            i64::from(self.required[t]),
        );
        let (a0, b0) = below(c, r);
        let (a1, b1) = below(c + change, r);
        let mut d = Score {
            short: a1 - a0,
            shortage: b1 - b0,
            spread: b0 * b0 - b1 * b1,
            ..Score::default()
        };
        for (i, (pools, min)) in self.sets.iter().enumerate() {
            if pools.contains(&pool) {
                let (c, m) = (i64::from(self.set_cover[i][t]) + offset, i64::from(min[t]));
                d.minimum += below(c + change, m).1 - below(c, m).1;
            }
        }
        d
    }

    /// Takes pool `pool`'s shift `old` out of the coverage and `new` in.
    pub(super) fn apply(&mut self, pool: usize, old: Option<&Shift>, new: Option<&Shift>) {
        for t in self.span(old, new) {
            let on = |s: Option<&Shift>| i32::from(s.is_some_and(|s| s.productive_at(t)));
            let change = on(new) - on(old);
            if change == 0 {
                continue;
            }
            let c = &mut self.cover[t as usize];
            *c = c.saturating_add_signed(change);
            for (i, (pools, _)) in self.sets.iter().enumerate() {
                if pools.contains(&pool) {
                    let c = &mut self.set_cover[i][t as usize];
                    *c = c.saturating_add_signed(change);
                }
            }
        }
    }

    /// Whether interval `t` is short of the requirement or of a minimum set.
    pub(super) fn is_short(&self, t: u32) -> bool {
        let t = t as usize;
        self.cover[t] < self.required[t]
            || self
                .sets
                .iter()
                .enumerate()
                .any(|(i, (_, m))| self.set_cover[i][t] < m[t])
    }

    /// A shift of pool `pool` on day `day` from `start` with length index `li`, each
    /// break at the offset of its window where it costs the least
    /// ([`Self::break_cost`]; the first of equals).
    pub(super) fn shift_at(
        &self,
        pool: usize,
        day: usize,
        start: u32,
        li: usize,
        old: Option<&Shift>,
    ) -> Shift {
        let length = &self.problem.pools[pool].template.lengths[li];
        let mut breaks: Vec<PlacedBreak> = length
            .breaks
            .iter()
            .map(|b| {
                let best = (b.earliest_offset..=b.latest_offset)
                    .min_by_key(|&o| {
                        let (mut cost, tight) = self.break_cost(pool, start + o, b.length, old);
                        if !self.concentrate {
                            // the first phase spreads a break's shortage (see the
                            // polish's module docs): the most to spare first
                            cost.spread = 0;
                        }
                        (cost, tight)
                    })
                    .unwrap_or(b.earliest_offset);
                PlacedBreak {
                    start: start + best,
                    length: b.length,
                    kind: b.kind,
                    paid: b.paid,
                }
            })
            .collect();
        breaks.sort_by_key(|b| b.start);
        Shift {
            pool,
            day: day as u8,
            start,
            end: start + length.length,
            paid: length.paid(),
            breaks,
        }
    }

    /// What a break of `length` intervals from `from` costs an agent of pool `pool`
    /// otherwise productive there (`old`, the shift it replaces, taken out): the change
    /// of the measures, then minus what the coverage has to spare there (beyond the
    /// week is free, with room to spare).
    ///
    /// Ordered so, a break goes where it makes no interval short if it can (the most
    /// to spare first), else to an interval already short — in the polish's first
    /// phase the one with the most to spare, in the second where the shortage is
    /// deepest (the spread) — never to an interval that just meets the requirement
    /// while one already short is in its window. "The most to spare" alone chose the interval that just meets it (0
    /// to spare) over one already short (below 0) and turned a covered interval short
    /// for nothing: the 800-agent example's lost 14:45 UTC on Mondays (issue 20).
    pub(super) fn break_cost(
        &self,
        pool: usize,
        from: u32,
        length: u32,
        old: Option<&Shift>,
    ) -> (Score, i64) {
        let mut cost = (Score::default(), 0);
        for t in from..from + length {
            if t >= self.week {
                cost.1 -= 1_000;
                continue;
            }
            let offset = 1 - i64::from(old.is_some_and(|s| s.productive_at(t)));
            cost.0 = cost.0 + self.change_at(pool, t as usize, offset, -1);
            cost.1 -=
                i64::from(self.cover[t as usize]) + offset - i64::from(self.required[t as usize]);
        }
        cost
    }
}
