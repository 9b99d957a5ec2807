//! The swap-days move (`polish/swap.rs`): a give, an exchange, and a property test that
//! it never breaks a rule of either agent nor raises the objective.

use super::*;
use crate::generate::polish::swap::swap_at;

/// Monday 08:00–12:00 and Tuesday 08:00–12:00 need one agent each.
fn two_mornings() -> Vec<u32> {
    let mut r = monday(16, 24);
    for v in &mut r[64..72] {
        *v = 1;
    }
    r
}

/// Regression (issue 20, item 5): ann (one work day) covers Tuesday and may take
/// Monday's morning, ben (off on Mondays) is free on Tuesday. No move of one agent
/// helps — ann's day is full, moving her Tuesday there loses Tuesday — so Monday stayed
/// short; the swap hands her Tuesday to ben and gives her Monday.
#[test]
fn an_agent_with_no_room_hands_a_day_to_another_and_covers_the_short_interval() {
    let mut ann = Agent::new("ann");
    ann.max_work_days = Some(1);
    let mut ben = Agent::new("ben");
    ben.availability[0] = Availability::Off;
    let p = problem(two_mornings(), vec![ann, ben]);
    let mut week = generated(&p);
    week.agents[0].shifts = vec![raw_shift(&p, 1, 4, 0)];
    week.agents[1].shifts.clear();
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (8, 0));
    let swap = &log.moves[0];
    assert_eq!(swap.kind, MoveKind::SwapDays);
    assert_eq!(
        (swap.agent.as_str(), swap.partner.as_deref()),
        ("ann", Some("ben"))
    );
    let days = |i: usize| -> Vec<u8> { week.agents[i].shifts.iter().map(|s| s.day).collect() };
    assert_eq!((days(0), days(1)), (vec![0], vec![1]));
}

/// Both have one work day: ann covers Tuesday, ben works Monday from 10:00 (his
/// earliest). A give would put ben over his days; the exchange trades them: ben takes
/// ann's Tuesday and gives up his Monday, ann takes Monday 08:00–12:00.
#[test]
fn two_agents_exchange_their_days_when_neither_has_room_for_one_more() {
    let mut ann = Agent::new("ann");
    ann.max_work_days = Some(1);
    let mut ben = Agent::new("ben");
    ben.max_work_days = Some(1);
    ben.availability[0] = Availability::Window { from: 20, to: 48 };
    let p = problem(two_mornings(), vec![ann, ben]);
    let mut week = generated(&p);
    week.agents[0].shifts = vec![raw_shift(&p, 1, 4, 0)];
    week.agents[1].shifts = vec![raw_shift(&p, 0, 8, 0)];
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (4, 0));
    assert_eq!(log.moves[0].kind, MoveKind::SwapDays);
    assert_eq!(log.moves[0].partner.as_deref(), Some("ben"));
    let ann_shift = &week.agents[0].shifts[..];
    assert_eq!(ann_shift.len(), 1);
    assert_eq!(
        (ann_shift[0].day, ann_shift[0].start, ann_shift[0].end),
        (0, 16, 24)
    );
    let ben_shift = &week.agents[1].shifts[..];
    assert_eq!(ben_shift.len(), 1);
    assert_eq!((ben_shift[0].day, ben_shift[0].start), (1, 64));
    // the paid intervals stay: a trade, not an extra shift
    assert_eq!(log.paid_minutes_before, log.paid_minutes_after);
}

/// Regression (issue 20, item 3: medium's extra shift): ann's Wednesday is needed by
/// nobody but her weekly minimum keeps her from dropping it; ben, with no minimum,
/// covers Tuesday. Ben hands her his Tuesday and her Wednesday goes: one shift fewer,
/// the same coverage, both within their rules.
#[test]
fn a_surplus_shift_held_by_a_weekly_minimum_goes_when_another_agent_hands_over_a_day() {
    let mut ann = Agent::new("ann");
    ann.min_week_minutes = Some(480);
    let p = problem(two_mornings(), vec![ann, Agent::new("ben")]);
    let mut week = generated(&p);
    week.agents[0].shifts = vec![raw_shift(&p, 0, 4, 0), raw_shift(&p, 2, 4, 0)];
    week.agents[1].shifts = vec![raw_shift(&p, 1, 4, 0)];
    let log = polish(&p, &mut week, later());
    assert_eq!((log.short_before, log.short_after), (0, 0));
    assert_eq!(log.paid_minutes_before - log.paid_minutes_after, 4 * 60);
    let m = &log.moves[0];
    assert_eq!((m.kind, m.agent.as_str()), (MoveKind::SwapDays, "ann"));
    assert_eq!(m.partner.as_deref(), Some("ben"));
    let days = |i: usize| -> Vec<u8> { week.agents[i].shifts.iter().map(|s| s.day).collect() };
    assert_eq!((days(0), days(1)), (vec![0, 1], vec![]));
    let ann = &p.pools[0].agents[0];
    assert_eq!(rules::amounts(&p, ann, &week.agents[0].shifts), [0; 11]);
}

/// The week's objective at the tour model's prices, measured from its shifts.
fn objective(p: &WeekProblem, week: &WeekSchedule) -> f64 {
    let totals = State::new(p, week).totals(week);
    week.price.objective(
        week.agents
            .iter()
            .flat_map(|a| a.shifts.iter().map(|s| s.paid)),
        totals.shortage as u64,
        totals.minimum as u64,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// From any week of template shifts, every swap the polish would take keeps every
    /// rule of both agents no worse (of every agent, measured after each swap), never
    /// raises the objective and never adds a short interval.
    #[test]
    fn a_swap_never_breaks_a_rule_nor_raises_the_objective(
        blocks in prop::collection::vec((0..7usize, 12..40usize, 1..16usize, 1..3u32), 1..6),
        specs in prop::collection::vec((
            prop::option::of(1..4u8),
            prop::option::of(2..4u8),
            prop::option::of(2..4u8),
            prop::option::of(8..40u32),
            0..128u8,
            prop::collection::vec((0..7usize, 0..9u32, 0..2usize), 0..6),
        ), 2..5),
    ) {
        let (p, mut week) = week_of(&blocks, &specs);
        let mut st = State::new(&p, &week);
        let mut swaps = 0;
        for _ in 0..8 {
            let Some(t) = (0..336).find(|&t| {
                st.is_short(t) && swap_at(&mut State::new(&p, &week), &mut week.clone(), t, later()).is_some()
            }) else {
                break;
            };
            let before: Vec<rules::Amounts> = week
                .agents
                .iter()
                .zip(&p.pools[0].agents)
                .map(|(a, agent)| rules::amounts(&p, agent, &a.shifts))
                .collect();
            let (objective_before, short_before) = (objective(&p, &week), st.totals(&week).short);
            let m = swap_at(&mut st, &mut week, t, later());
            prop_assert!(m.is_some_and(|m| m.kind == MoveKind::SwapDays && m.partner.is_some()));
            swaps += 1;
            for ((a, agent), b) in week.agents.iter().zip(&p.pools[0].agents).zip(&before) {
                let after = rules::amounts(&p, agent, &a.shifts);
                prop_assert!(rules::no_worse(&after, b), "{}: {:?} → {:?}", agent.id, b, after);
            }
            prop_assert!(objective(&p, &week) <= objective_before + 1e-9);
            prop_assert!(st.totals(&week).short <= short_before);
            // the state follows the shifts
            prop_assert_eq!(&st.cover, &week.productive(336));
        }
        prop_assert!(swaps <= 8);
    }
}
