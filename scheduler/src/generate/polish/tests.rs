mod swap;

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::generate::input::{Agent, Availability, BreakKind, BreakRule, Grid, Pool, ShiftLength};
use crate::generate::input::{ShiftTemplate, WeekProblem};
use crate::generate::output::PlacedBreak;
use crate::generate::{Limits, generate};

/// 30-minute grid, starts 06:00–10:00, 4 hours without a break or 8 hours with a
/// half-hour break 3–5 hours in.
fn template() -> ShiftTemplate {
    let brk = BreakRule {
        kind: BreakKind::Break,
        length: 1,
        earliest_offset: 6,
        latest_offset: 10,
        paid: true,
    };
    ShiftTemplate::daily(
        12,
        20,
        1,
        vec![
            ShiftLength {
                length: 8,
                breaks: vec![],
            },
            ShiftLength {
                length: 16,
                breaks: vec![brk],
            },
        ],
    )
}

fn problem(required: Vec<u32>, agents: Vec<Agent>) -> WeekProblem {
    let mut pool = Pool::new("team", template());
    pool.agents = agents;
    WeekProblem::joint(Grid::new(30).expect("a grid"), required, vec![pool])
}

fn generated(p: &WeekProblem) -> WeekSchedule {
    generate(p, &Limits::new(5.0, 0.0).expect("limits")).expect("a week")
}

fn later() -> Instant {
    Instant::now() + Duration::from_secs(20)
}

/// Monday's intervals `from..to` need one agent.
fn monday(from: usize, to: usize) -> Vec<u32> {
    let mut r = vec![0; 336];
    for v in &mut r[from..to] {
        *v = 1;
    }
    r
}

#[test]
fn a_moved_shift_covers_the_intervals_an_assignment_left_short() {
    let p = problem(monday(16, 24), vec![Agent::new("ann")]);
    let mut week = generated(&p);
    assert!(week.short_intervals.is_empty());
    // the shift two hours early, as a misfit assignment leaves it: 10:00–12:00 short
    let s = &mut week.agents[0].shifts[0];
    (s.start, s.end) = (12, 20);
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (4, 0));
    assert_eq!(log.moves[0].kind, MoveKind::Move);
    assert!(log.complete);
    assert!(week.short_intervals.is_empty());
    assert_eq!(week.productive(336)[16..24], [1; 8]);
}

#[test]
fn a_break_on_a_needed_interval_is_placed_again() {
    // 06:00–14:00 needed but 11:00–11:30: the break belongs there
    let mut required = monday(12, 28);
    required[22] = 0;
    let p = problem(required, vec![Agent::new("ann")]);
    let mut week = generated(&p);
    assert!(week.short_intervals.is_empty());
    week.agents[0].shifts[0].breaks[0].start = 18;
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (1, 0));
    assert_eq!(log.moves[0].kind, MoveKind::Breaks);
    assert_eq!(week.agents[0].shifts[0].breaks[0].start, 22);
}

#[test]
fn a_shift_is_added_for_an_agent_free_that_day_but_not_past_their_maximum() {
    let mut ann = Agent::new("ann");
    ann.max_work_days = Some(1);
    let p = problem(monday(16, 24), vec![ann, Agent::new("ben")]);
    let mut week = generated(&p);
    // nobody works: ann (at her maximum on Tuesday) must not take it, ben does
    for a in &mut week.agents {
        a.shifts.clear();
    }
    let tuesday = State::new(&p, &week).shift_at(0, 1, 60, 0, None);
    week.agents[0].shifts.push(tuesday);
    let log = polish(&p, &mut week, later());
    assert_eq!(log.short_after, 0);
    assert!(
        log.moves
            .iter()
            .any(|m| m.kind == MoveKind::Add && m.agent == "ben")
    );
    assert!(week.agents[0].shifts.iter().all(|s| s.day != 0));
}

/// A shift of the template on `day` from start `12 + start` with length index `li`,
/// its break at the window's earliest.
fn raw_shift(p: &WeekProblem, day: usize, start: u32, li: usize) -> Shift {
    let l = &p.pools[0].template.lengths[li];
    let s = day as u32 * 48 + 12 + start;
    Shift {
        pool: 0,
        day: day as u8,
        start: s,
        end: s + l.length,
        paid: l.paid(),
        breaks: l
            .breaks
            .iter()
            .map(|b| PlacedBreak {
                start: s + b.earliest_offset,
                length: b.length,
                kind: b.kind,
                paid: b.paid,
            })
            .collect(),
    }
}

type AgentSpec = (
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u32>,
    u8,
    Vec<(usize, u32, usize)>,
);

fn agent_of(i: usize, spec: &AgentSpec) -> Agent {
    let (max_days, min_off, min_work, max_hours, off, _) = spec;
    let mut a = Agent::new(format!("a{i}"));
    a.max_work_days = *max_days;
    a.min_consecutive_off = *min_off;
    a.min_consecutive_days = *min_work;
    a.max_week_minutes = max_hours.map(|h| h * 60);
    a.min_week_minutes = max_hours.map(|h| h * 30);
    for d in 0..DAYS {
        if off & (1 << d) != 0 {
            a.availability[d] = Availability::Off;
        }
    }
    a
}

/// A week for the property tests: the requirement is the highest block over each
/// interval (`(day, first half hour, half hours, level)`), the agents are `specs`
/// (see [`agent_of`]), and each agent works the raw shifts of its spec (`(day, start,
/// length index)`, the first of a day kept) instead of the generated ones.
fn week_of(
    blocks: &[(usize, usize, usize, u32)],
    specs: &[AgentSpec],
) -> (WeekProblem, WeekSchedule) {
    let mut required = vec![0u32; 336];
    for &(d, from, len, level) in blocks {
        let first = d * 48 + from;
        for r in required.iter_mut().take((first + len).min(336)).skip(first) {
            *r = (*r).max(level);
        }
    }
    let agents: Vec<Agent> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| agent_of(i, s))
        .collect();
    let p = problem(required, agents);
    let mut week = generated(&p);
    for (a, spec) in week.agents.iter_mut().zip(specs) {
        a.shifts.clear();
        for &(d, start, li) in &spec.5 {
            if a.shifts.iter().all(|s| usize::from(s.day) != d) {
                a.shifts.push(raw_shift(&p, d, start, li));
            }
        }
        a.shifts.sort_by_key(|s| s.start);
    }
    (p, week)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// From any week of template shifts (rules kept or not), the polish never adds a
    /// short interval or agent-interval, never moves an agent further from a rule, and
    /// its coverage is the shifts'; twice on the same week gives the same week.
    #[test]
    fn polish_never_adds_a_short_interval_or_breaks_a_rule(
        blocks in prop::collection::vec((0..7usize, 12..40usize, 1..16usize, 1..3u32), 1..6),
        specs in prop::collection::vec((
            prop::option::of(2..6u8),
            prop::option::of(2..4u8),
            prop::option::of(2..4u8),
            prop::option::of(8..40u32),
            0..128u8,
            prop::collection::vec((0..7usize, 0..9u32, 0..2usize), 0..6),
        ), 1..4),
    ) {
        let (p, mut week) = week_of(&blocks, &specs);
        let before: Vec<rules::Amounts> = week
            .agents
            .iter()
            .zip(&p.pools[0].agents)
            .map(|(a, agent)| rules::amounts(&p, agent, &a.shifts))
            .collect();
        let mut again = week.clone();
        let log = polish(&p, &mut week, later());
        prop_assert!(log.complete);
        prop_assert!(log.short_after <= log.short_before);
        prop_assert!(log.minimum_short_after <= log.minimum_short_before);
        // one pool, no minimum set: no agent-interval more short either
        prop_assert!(log.short_agent_intervals_after <= log.short_agent_intervals_before);
        for ((a, agent), b) in week.agents.iter().zip(&p.pools[0].agents).zip(&before) {
            let after = rules::amounts(&p, agent, &a.shifts);
            prop_assert!(rules::no_worse(&after, b), "{}: {:?} → {:?}", agent.id, b, after);
        }
        let productive = week.productive(336);
        for c in &week.coverage {
            prop_assert_eq!(c.scheduled, productive[c.interval as usize]);
        }
        prop_assert_eq!(week.short_intervals.len() as u32, log.short_after);
        polish(&p, &mut again, later());
        prop_assert_eq!(&again.agents, &week.agents);
    }
}

#[test]
fn a_shift_moves_to_the_day_that_needs_it_when_the_agent_may_work_no_more_days() {
    let mut ann = Agent::new("ann");
    ann.max_work_days = Some(1);
    let p = problem(monday(16, 24), vec![ann]);
    let mut week = generated(&p);
    // her one shift on Tuesday, where nobody is needed: Monday short, no day to add
    let tuesday = State::new(&p, &week).shift_at(0, 1, 64, 0, None);
    week.agents[0].shifts = vec![tuesday];
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (8, 0));
    assert_eq!(log.moves[0].kind, MoveKind::MoveDay);
    assert_eq!(week.agents[0].shifts.len(), 1);
    assert_eq!(week.agents[0].shifts[0].day, 0);
}

/// Regression (issue 20, item 1): the objective reported after the polish is measured
/// on the polished week, at the tour model's prices, not the assignment's.
#[test]
fn the_objective_after_the_polish_is_the_polished_weeks() {
    let p = problem(monday(16, 24), vec![Agent::new("ann")]);
    let mut week = generated(&p);
    let assigned = week.objective;
    // the assembled objective is the prices' on the assigned shifts, nothing short
    week.remeasure(0, 0);
    assert!((week.objective - assigned).abs() < 1e-9);
    let s = &mut week.agents[0].shifts[0];
    (s.start, s.end) = (12, 20);
    week.remeasure(4, 0);
    let misplaced = week.objective;
    assert!(misplaced > assigned + week.price.short_penalty * 3.0);
    let log = polish(&p, &mut week, later());
    week.remeasure(log.short_agent_intervals_after, log.minimum_short_after);
    assert!((week.objective - assigned).abs() < 1e-9);
}

/// Regression (issue 20, item 2: the 800-agent example's lost 14:45 UTC on Mondays):
/// a break that leaves an interval short is moved to one already short (deeper), not
/// to the first interval that just meets the requirement — "the most to spare" chose
/// that one, which turned a covered interval short for nothing, so the move was
/// refused and the interval stayed short.
#[test]
fn a_break_moves_into_an_interval_already_short_not_one_that_just_meets_the_need() {
    // 06:00–14:00 needs 2, 11:00–11:30 needs 3; ann and ben both work 06:00–14:00
    let mut required = vec![0; 336];
    for r in &mut required[12..28] {
        *r = 2;
    }
    required[22] = 3;
    let p = problem(required, vec![Agent::new("ann"), Agent::new("ben")]);
    let mut week = generated(&p);
    for (i, at) in [(0, 20), (1, 22)] {
        let mut s = raw_shift(&p, 0, 0, 1);
        s.breaks[0].start = at;
        week.agents[i].shifts = vec![s];
    }
    // 10:00 (ann's break) and 11:00 (ben's) short
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (2, 1));
    assert_eq!(log.moves[0].kind, MoveKind::Breaks);
    assert_eq!(week.short_intervals, vec![22]);
    assert_eq!(week.productive(336)[20], 2);
}

/// Regression (issue 20, item 2): an interval two agents short at the foot of a deeper
/// one is emptied break by break into it. Each move alone leaves as many intervals and
/// agent-intervals short, so only the second phase's spread takes them.
#[test]
fn a_shallow_short_interval_is_emptied_into_a_deeper_one_in_the_second_phase() {
    // 06:00–14:00 needs 4, 10:00–10:30 needs 6; ann and ben break at 09:00, cat and
    // dan at 10:00: 09:00 is 2 short, 10:00 is 4 short
    let mut required = vec![0; 336];
    for r in &mut required[12..28] {
        *r = 4;
    }
    required[20] = 6;
    let names = ["ann", "ben", "cat", "dan"];
    let p = problem(required, names.iter().map(|n| Agent::new(*n)).collect());
    let mut week = generated(&p);
    for (i, at) in [(0, 18), (1, 18), (2, 20), (3, 20)] {
        let mut s = raw_shift(&p, 0, 0, 1);
        s.breaks[0].start = at;
        week.agents[i].shifts = vec![s];
    }
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (2, 1));
    // the same agent-intervals short, all at 10:00
    assert_eq!(
        log.short_agent_intervals_after,
        log.short_agent_intervals_before
    );
    assert_eq!(week.short_intervals, vec![20]);
    assert_eq!(log.moves.len(), 2);
    assert!(log.moves.iter().all(|m| m.kind == MoveKind::Breaks));
}

/// Regression (issue 20, "the existing examples unchanged or better": the large
/// example's week of 2024-08-19 ended 4 shifts above its bound): a joiner's needed
/// shift stayed while an agent held at their weekly minimum worked a shift nobody
/// needed. Neither could go alone — the joiner's drop leaves the morning short, the
/// other agent's breaks their minimum — and the joiner's shift does not fit the other
/// agent, so no swap hands it over. Moving the surplus shift over the morning lets the
/// joiner's go: one shift fewer, nothing short, both agents' rules kept.
#[test]
fn a_needed_shift_goes_when_a_surplus_shift_held_by_a_minimum_moves_over_it() {
    // Monday 10:00–12:00 needs one agent; ann must work 4 hours (4-hour shifts only),
    // ben has no minimum (8-hour shifts only: his is not shortened, nor handed to ann)
    let mut ann = Agent::new("ann");
    ann.min_week_minutes = Some(240);
    ann.allowed_lengths = Some(vec![8]);
    let mut ben = Agent::new("ben");
    ben.allowed_lengths = Some(vec![16]);
    let p = problem(monday(20, 24), vec![ann, ben]);
    let mut week = generated(&p);
    // ann on Tuesday (nobody needed), ben 8 hours from Monday 10:00
    week.agents[0].shifts = vec![raw_shift(&p, 1, 8, 0)];
    week.agents[1].shifts = vec![raw_shift(&p, 0, 8, 1)];
    let log = polish(&p, &mut week, later());
    assert!(log.complete);
    assert_eq!((log.short_before, log.short_after), (0, 0));
    let kinds: Vec<MoveKind> = log.moves.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MoveKind::MoveDay, MoveKind::Drop]);
    assert_eq!(week.shift_count, 1);
    assert!(week.agents[1].shifts.is_empty());
    let s = &week.agents[0].shifts[0];
    assert_eq!((s.day, s.end - s.start), (0, 8));
    assert_eq!(week.productive(336)[20..24], [1; 4]);
    // ann's minimum kept
    assert_eq!(log.paid_minutes_after, 240);
}
