//! The polish's state: the week's coverage of the requirement and of every minimum
//! staff set, its measures ([`Score`]) and their change under a move, and a shift of
//! the template with its breaks placed where the coverage has the most to spare.

use super::super::input::{Agent, MinimumStaff, WeekProblem};
use super::super::output::{PlacedBreak, Shift, WeekSchedule};

/// A change of the week's measures (or the measures), in the order they count:
/// agent-intervals short of the minimum staff sets (a rule), short intervals,
/// agent-intervals short of the requirement, paid intervals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    pub(super) minimum: i64,
    pub(super) short: i64,
    pub(super) shortage: i64,
    pub(super) paid: i64,
}

impl Score {
    /// Whether a change with this delta is taken (see the module docs): no minimum set
    /// and no interval more short, and less short of a minimum set, or else nothing
    /// more short of the requirement and fewer short intervals, fewer short
    /// agent-intervals or fewer paid intervals.
    pub(super) fn improves(&self) -> bool {
        if self.minimum > 0 || self.short > 0 {
            return false;
        }
        self.minimum < 0
            || (self.shortage <= 0 && (self.short < 0 || self.shortage < 0 || self.paid < 0))
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
            if change == 0 {
                continue;
            }
            let (c, r) = (
                i64::from(self.cover[t as usize]),
                i64::from(self.required[t as usize]),
            );
            let (a0, b0) = below(c, r);
            let (a1, b1) = below(c + change, r);
            d.short += a1 - a0;
            d.shortage += b1 - b0;
            for (i, (pools, min)) in self.sets.iter().enumerate() {
                if pools.contains(&pool) {
                    let (c, m) = (
                        i64::from(self.set_cover[i][t as usize]),
                        i64::from(min[t as usize]),
                    );
                    d.minimum += below(c + change, m).1 - below(c, m).1;
                }
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
    /// break where the coverage without `old` has the most to spare (the first such
    /// offset; beyond the week counts as spare).
    pub(super) fn shift_at(
        &self,
        pool: usize,
        day: usize,
        start: u32,
        li: usize,
        old: Option<&Shift>,
    ) -> Shift {
        let length = &self.problem.pools[pool].template.lengths[li];
        let spare = |t: u32| -> i64 {
            if t >= self.week {
                return 1_000;
            }
            let mut c = i64::from(self.cover[t as usize]) + 1;
            c -= i64::from(old.is_some_and(|s| s.productive_at(t)));
            c - i64::from(self.required[t as usize])
        };
        let mut breaks: Vec<PlacedBreak> = length
            .breaks
            .iter()
            .map(|b| {
                let mut best = (i64::MIN, b.earliest_offset);
                for o in b.earliest_offset..=b.latest_offset {
                    let s: i64 = (0..b.length).map(|i| spare(start + o + i)).sum();
                    if s > best.0 {
                        best = (s, o);
                    }
                }
                PlacedBreak {
                    start: start + best.1,
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
}
