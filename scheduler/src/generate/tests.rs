//! Scenario tests of the generator: hand-computed optima, coverage conservation,
//! determinism, the unreachable goal, named-agent rules, and a property test.

use proptest::prelude::*;

use super::*;
use crate::SchedulerError;

/// 30-minute grid: 48 intervals a day.
fn grid() -> Grid {
    Grid::new(30).unwrap()
}

fn at(day: usize, hour: u32) -> usize {
    day * 48 + (hour * 2) as usize
}

/// `agents` required from `from` to `to` o'clock on `days`.
fn flat(days: &[usize], from: u32, to: u32, agents: u32) -> Vec<u32> {
    let mut r = vec![0; 7 * 48];
    for &d in days {
        r[at(d, from)..at(d, to)].fill(agents);
    }
    r
}

fn template(first: u32, last: u32, lengths: Vec<ShiftLength>) -> ShiftTemplate {
    ShiftTemplate::daily(first * 2, last * 2, 2, lengths)
}

fn brk(kind: BreakKind, length: u32, earliest: u32, latest: u32, paid: bool) -> BreakRule {
    BreakRule {
        kind,
        length,
        earliest_offset: earliest,
        latest_offset: latest,
        paid,
    }
}

fn exact() -> Limits {
    Limits::new(60.0, 0.0).expect("valid limits")
}

/// Every break lies inside its rule's window, and coverage is recomputed consistently.
fn check_shape(problem: &WeekProblem, week: &WeekSchedule) {
    for shift in week.agents.iter().flat_map(|a| &a.shifts) {
        let rule = problem.pools[0]
            .template
            .lengths
            .iter()
            .find(|l| l.length == shift.end - shift.start)
            .expect("a template length");
        assert_eq!(shift.breaks.len(), rule.breaks.len());
        for (b, r) in shift.breaks.iter().zip(&rule.breaks) {
            let offset = b.start - shift.start;
            assert!(
                (r.earliest_offset..=r.latest_offset).contains(&offset),
                "break at offset {offset} outside {}..={}",
                r.earliest_offset,
                r.latest_offset
            );
            assert_eq!((b.length, b.kind, b.paid), (r.length, r.kind, r.paid));
        }
        let start_of_day = shift.start - u32::from(shift.day) * 48;
        assert!(problem.pools[0].template.starts().contains(&start_of_day));
    }
    let productive = week.productive(problem.grid.week());
    for c in &week.coverage {
        assert_eq!(c.scheduled, productive[c.interval as usize]);
    }
}

#[test]
fn flat_requirement_with_one_break_needs_one_extra_agent() {
    // 3 agents 08:00–16:00 on Monday; only 8-hour shifts at 08:00 with one 30-minute
    // break at offsets 2..=5 hours. N agents give 15·N productive agent-intervals of the
    // 48 needed → N ≥ 4; with 4, the breaks at 4 different intervals leave 3 on duty.
    let lengths = vec![ShiftLength {
        length: 16,
        breaks: vec![brk(BreakKind::Meal, 1, 4, 11, false)],
    }];
    let problem = WeekProblem::new(grid(), flat(&[0], 8, 16, 3), template(8, 8, lengths));
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 4);
    assert_eq!(week.tours.status, SolveStatus::Optimal);
    assert!(week.short_intervals.is_empty());
    assert_eq!(week.paid_minutes, 4 * 450);
    let mut starts: Vec<u32> = week
        .agents
        .iter()
        .flat_map(|a| &a.shifts)
        .map(|s| s.breaks[0].start)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    assert_eq!(starts.len(), 4, "breaks at four different intervals");
    // The fewest-shifts bound is proven: 4 shifts (+ ε·paid), gap 0.
    assert!(week.tours.lower_bound > 3.999 && week.tours.gap < 1e-9);
    check_shape(&problem, &week);
}

#[test]
fn a_peak_forces_an_overlapping_shift() {
    // 1 agent 08:00–16:00 and 2 from 11:00 to 13:00; hourly starts 08:00–12:00, 4-hour
    // shifts: 08–12 + 12–16 cover the base, a third shift (09, 10 or 11) the peak.
    let mut r = flat(&[2], 8, 16, 1);
    r[at(2, 11)..at(2, 13)].fill(2);
    let lengths = vec![ShiftLength {
        length: 8,
        breaks: vec![],
    }];
    let problem = WeekProblem::new(grid(), r, template(8, 12, lengths));
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 3);
    assert!(week.short_intervals.is_empty());
    let peak = at(2, 11) as u32..at(2, 13) as u32;
    for t in peak {
        assert!(week.coverage[t as usize].scheduled >= 2);
    }
    check_shape(&problem, &week);
}

#[test]
fn ties_go_to_fewer_paid_hours_and_paid_hours_objective_differs() {
    // 1 agent 08:00–12:00: one 4-hour or one 6-hour shift; the tie-break takes 4 hours.
    let lengths = vec![
        ShiftLength {
            length: 12,
            breaks: vec![],
        },
        ShiftLength {
            length: 8,
            breaks: vec![],
        },
    ];
    let mut problem = WeekProblem::new(grid(), flat(&[4], 8, 12, 1), template(8, 8, lengths));
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!((week.shift_count, week.paid_minutes), (1, 240));
    // 1 agent 08:00–14:00 with only 4-hour shifts starting 08:00, 09:00 or 10:00.
    // Two shifts needed, 8 paid hours; as a cost, 2 × (10 + 4 × 1) = 28.
    problem.required = flat(&[4], 8, 14, 1);
    problem.pools[0].template = template(
        8,
        10,
        vec![ShiftLength {
            length: 8,
            breaks: vec![],
        }],
    );
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!((week.shift_count, week.paid_minutes), (2, 480));
    problem.objective = Objective::Cost {
        per_shift: 10.0,
        per_paid_hour: 1.0,
    };
    let week = generate(&problem, &exact()).unwrap();
    assert!((week.tours.objective - 28.0).abs() < 1e-6);
}

#[test]
fn five_of_seven_days_needs_three_agents_for_two_a_day() {
    // 2 agents 08–16 every day, 8-hour shifts, 5 work days with consecutive days off:
    // 14 shifts a week need ⌈14 / 5⌉ = 3 agents = 15 shifts.
    let lengths = vec![ShiftLength {
        length: 16,
        breaks: vec![],
    }];
    let mut problem = WeekProblem::new(
        grid(),
        flat(&[0, 1, 2, 3, 4, 5, 6], 8, 16, 2),
        template(8, 8, lengths),
    );
    problem.pools[0].work_days = Some(WorkDays {
        days: 5,
        consecutive_days_off: true,
    });
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 15);
    assert_eq!(week.agents.len(), 3);
    for a in &week.agents {
        assert_eq!(a.shifts.len(), 5, "{}", a.agent);
        let mut mask = 0u8;
        for s in &a.shifts {
            mask |= 1 << s.day;
        }
        assert!(tour::patterns(problem.pools[0].work_days.unwrap()).contains(&mask));
    }
    assert!(week.short_intervals.is_empty());
    check_shape(&problem, &week);
}

fn with_breaks() -> WeekProblem {
    let lengths = vec![
        ShiftLength {
            length: 16,
            breaks: vec![
                brk(BreakKind::Break, 1, 3, 5, true),
                brk(BreakKind::Meal, 1, 7, 10, false),
                brk(BreakKind::Break, 1, 11, 13, true),
            ],
        },
        ShiftLength {
            length: 12,
            breaks: vec![brk(BreakKind::Break, 1, 4, 7, true)],
        },
    ];
    let mut r = flat(&[0, 1, 2, 3, 4], 8, 20, 3);
    for d in 0..5 {
        r[at(d, 11)..at(d, 14)].fill(5);
    }
    WeekProblem::new(grid(), r, template(8, 12, lengths))
}

#[test]
fn coverage_of_the_output_equals_the_models() {
    let problem = with_breaks();
    let tours = tour::solve(&problem, &exact()).unwrap();
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.productive(problem.grid.week()), tours.coverage);
    assert!(week.unassigned.is_empty());
    for c in &week.coverage {
        assert!(c.scheduled >= c.required, "interval {}", c.interval);
    }
    check_shape(&problem, &week);
}

#[test]
fn same_input_same_schedule() {
    let problem = with_breaks();
    let a = generate(&problem, &exact()).unwrap();
    let b = generate(&problem, &exact()).unwrap();
    assert_eq!(a.agents, b.agents);
    assert_eq!(a.tours.gap, 0.0);
    // A loose gap target is honoured: the reported gap is within it.
    let loose = Limits::new(60.0, 0.2).expect("valid limits");
    let c = generate(&problem, &loose).unwrap();
    assert!(c.tours.gap <= 0.2 && c.tours.lower_bound <= a.tours.objective + 1e-9);
    assert_eq!(a.coverage, b.coverage);
    assert_eq!(a.tours.objective, b.tours.objective);
}

#[test]
fn an_unreachable_goal_still_returns_a_schedule_with_the_short_intervals() {
    // 3 needed 08–12 on Monday but only 2 agents a day; and 1 needed 03:00–04:00 where no
    // shift can start (starts 08:00 only).
    let mut r = flat(&[0], 8, 12, 3);
    r[at(0, 3)..at(0, 4)].fill(1);
    let lengths = vec![ShiftLength {
        length: 8,
        breaks: vec![],
    }];
    let mut problem = WeekProblem::new(grid(), r, template(8, 8, lengths));
    problem.pools[0].max_shifts_per_day = Some(2);
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 2);
    let mut expected: Vec<u32> = (at(0, 3) as u32..at(0, 4) as u32).collect();
    expected.extend(at(0, 8) as u32..at(0, 12) as u32);
    assert_eq!(week.short_intervals, expected);
    for &t in &week.short_intervals[2..] {
        assert_eq!(week.coverage[t as usize].scheduled, 2);
    }
}

#[test]
fn minimum_staff_is_covered_without_forecast() {
    let lengths = vec![ShiftLength {
        length: 8,
        breaks: vec![],
    }];
    let mut problem = WeekProblem::new(grid(), vec![0; 7 * 48], template(8, 8, lengths));
    problem.pools[0].minimum_staff = vec![MinimumStaff {
        from: at(3, 9) as u32,
        to: at(3, 9) as u32 + 1,
        agents: 1,
    }];
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 1);
    assert_eq!(week.agents[0].shifts[0].day, 3);
}

#[test]
fn named_agents_rules_hold_and_conflicts_are_reported() {
    // 1 agent 08:00–16:00 every day with 8-hour or 4-hour shifts.
    let lengths = vec![
        ShiftLength {
            length: 16,
            breaks: vec![],
        },
        ShiftLength {
            length: 8,
            breaks: vec![],
        },
    ];
    let mut problem = WeekProblem::new(
        grid(),
        flat(&[0, 1, 2, 3, 4, 5, 6], 8, 16, 1),
        template(8, 12, lengths),
    );
    let mut full = Agent::new("full");
    full.max_consecutive_days = Some(3);
    full.worked_days_before = 2;
    full.max_week_minutes = Some(40 * 60);
    let mut part = Agent::new("part");
    part.allowed_lengths = Some(vec![8]);
    part.availability[0] = Availability::Off;
    part.availability[1] = Availability::Window { from: 24, to: 32 };
    let mut flex = Agent::new("flex");
    flex.max_work_days = Some(3);
    // Wants 60 hours but at most 56 hours of shifts exist in the week.
    let mut greedy = Agent::new("greedy");
    greedy.min_week_minutes = Some(60 * 60);
    problem.pools[0].agents = vec![full, part, flex, greedy];
    let week = generate(&problem, &exact()).unwrap();
    check_shape(&problem, &week);
    let by = |id: &str| week.agents.iter().find(|a| a.agent == id).unwrap();
    let full = by("full");
    let days: Vec<u8> = full.shifts.iter().map(|s| s.day).collect();
    // Two days worked before Monday, at most 3 in a row: at most 1 of Monday.
    let worked = |d: u8| days.contains(&d);
    assert!(!(worked(0) && worked(1)));
    for first in 0..4 {
        assert!((first..first + 4).filter(|&d| worked(d)).count() <= 3);
    }
    let minutes: u32 = full.shifts.iter().map(|s| (s.end - s.start) * 30).sum();
    assert!(minutes <= 40 * 60);
    for s in &by("part").shifts {
        assert_eq!(s.end - s.start, 8);
        assert_ne!(s.day, 0);
        if s.day == 1 {
            assert_eq!(s.start, 48 + 24);
        }
    }
    assert!(by("flex").shifts.len() <= 3);
    for a in &week.agents {
        let mut days: Vec<u8> = a.shifts.iter().map(|s| s.day).collect();
        days.dedup();
        assert_eq!(
            days.len(),
            a.shifts.len(),
            "one shift a day for {}",
            a.agent
        );
    }
    assert_eq!(week.conflicts.len(), 1);
    assert_eq!(week.conflicts[0].agent, "greedy");
    assert_eq!(week.conflicts[0].rule, "minimum weekly hours");
    assert!(week.assignment.is_some());
}

#[test]
fn named_agents_without_requirement_get_no_shifts() {
    let lengths = vec![ShiftLength {
        length: 16,
        breaks: vec![],
    }];
    let mut problem = WeekProblem::new(grid(), vec![0; 7 * 48], template(8, 8, lengths));
    let mut odd = Agent::new("odd");
    odd.allowed_lengths = Some(vec![5]);
    problem.pools[0].agents = vec![Agent::new("a"), odd];
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 0);
    assert!(week.agents.iter().all(|a| a.shifts.is_empty()));
    assert_eq!(week.conflicts.len(), 1);
    assert_eq!(
        (
            week.conflicts[0].agent.as_str(),
            week.conflicts[0].rule.as_str()
        ),
        ("odd", "allowed shift lengths")
    );
}

#[test]
fn shifts_no_agent_can_take_are_listed() {
    let lengths = vec![ShiftLength {
        length: 16,
        breaks: vec![],
    }];
    let mut problem = WeekProblem::new(grid(), flat(&[0, 1], 8, 16, 1), template(8, 8, lengths));
    let mut only_monday = Agent::new("mon");
    only_monday.availability = [Availability::Off; DAYS];
    only_monday.availability[0] = Availability::Any;
    problem.pools[0].agents = vec![only_monday];
    let week = generate(&problem, &exact()).unwrap();
    // The tour model knows the agents available per day: no shift on Tuesday at all.
    assert_eq!(week.shift_count, 1);
    assert_eq!(week.tour_shifts, 1);
    assert!(week.unassigned.is_empty());
    assert_eq!(
        week.short_intervals,
        (at(1, 8) as u32..at(1, 16) as u32).collect::<Vec<_>>()
    );
}

#[test]
fn malformed_problems_are_rejected() {
    let ok = with_breaks();
    let mut p = ok.clone();
    p.required.pop();
    assert!(matches!(
        generate(&p, &exact()),
        Err(SchedulerError::InvalidModel(_))
    ));
    let mut p = ok.clone();
    p.pools[0].template.lengths[0].breaks[1].earliest_offset = 4; // overlaps the first window
    let err = generate(&p, &exact()).unwrap_err();
    assert!(
        err.to_string().contains("overlaps the previous break"),
        "{err}"
    );
    let mut p = ok.clone();
    p.pools[0].agents = vec![Agent::new("a"), Agent::new("a")];
    assert!(
        generate(&p, &exact())
            .unwrap_err()
            .to_string()
            .contains("twice")
    );
    let mut p = ok.clone();
    p.pools[0].template.lengths[0].length = 47; // runs into the next day's 08:00
    assert!(matches!(
        generate(&p, &exact()),
        Err(SchedulerError::InvalidModel(_))
    ));
    let mut p = ok.clone();
    let mut a = Agent::new("late");
    a.availability[2] = Availability::Window { from: 30, to: 20 };
    p.pools[0].agents = vec![a];
    let err = generate(&p, &exact()).unwrap_err();
    assert!(
        err.to_string()
            .contains("agent late: availability on day 2"),
        "{err}"
    );
    assert!(Grid::new(20).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random small weeks: the requirement is always reachable (every interval 08–18
    /// can be covered), so coverage meets it, breaks sit in their windows and the
    /// output's coverage is the model's.
    #[test]
    fn random_weeks_are_covered(
        levels in proptest::collection::vec(0u32..4, 7 * 5),
        meal_from in 3u32..6,
        paid in any::<bool>(),
    ) {
        let mut r = vec![0; 7 * 48];
        for (i, &level) in levels.iter().enumerate() {
            let (d, block) = (i / 5, i % 5);
            let from = at(d, 8 + 2 * block as u32);
            r[from..from + 4].fill(level);
        }
        let lengths = vec![
            ShiftLength { length: 12, breaks: vec![brk(BreakKind::Meal, 1, meal_from, meal_from + 3, paid)] },
            ShiftLength { length: 8, breaks: vec![] },
        ];
        let problem = WeekProblem::new(grid(), r, template(8, 12, lengths));
        let tours = tour::solve(&problem, &exact()).unwrap();
        let week = generate(&problem, &exact()).unwrap();
        prop_assert!(week.short_intervals.is_empty());
        prop_assert_eq!(week.productive(problem.grid.week()), tours.coverage);
        check_shape(&problem, &week);
    }
}

#[test]
fn pools_share_the_requirement_and_shifts_may_end_after_the_week() {
    // 1 agent needed Monday 08–16 and Sunday 20–24. Pool "day" starts 08:00 every day;
    // pool "night" starts only on Sunday 20:00 (per-day window): its 8-hour shift ends
    // Monday 04:00 of the next week, whole, with only its first 4 hours counted.
    let eight = || {
        vec![ShiftLength {
            length: 16,
            breaks: vec![],
        }]
    };
    let mut r = flat(&[0], 8, 16, 1);
    r[at(6, 20)..7 * 48].fill(1);
    let mut night = ShiftTemplate::daily(0, 0, 1, eight());
    let mut days = [None; DAYS];
    days[6] = Some(StartWindow {
        first: at(6, 20) as u32,
        last: at(6, 20) as u32,
    });
    night.day_windows = Some(days);
    let mut day_pool = Pool::new("day", template(8, 8, eight()));
    day_pool.max_shifts_per_day = Some(1);
    let problem = WeekProblem::joint(grid(), r, vec![day_pool, Pool::new("night", night)]);
    let tours = tour::solve(&problem, &exact()).unwrap();
    let week = generate(&problem, &exact()).unwrap();
    assert_eq!(week.shift_count, 2);
    assert!(week.short_intervals.is_empty());
    assert_eq!(
        week.pools.iter().map(|p| p.tour_shifts).collect::<Vec<_>>(),
        vec![1, 1]
    );
    let late = week.agents.iter().find(|a| a.pool == 1).unwrap();
    assert_eq!(late.agent, "night A001");
    assert_eq!(
        (late.shifts[0].start, late.shifts[0].end),
        (at(6, 20) as u32, 7 * 48 + 8)
    );
    assert_eq!(week.productive(problem.grid.week()), tours.coverage);
    // A window running into the next day's first start is rejected.
    let mut bad = problem.clone();
    let mut days = [None; DAYS];
    days[0] = Some(StartWindow {
        first: 40,
        last: 40,
    });
    days[1] = Some(StartWindow {
        first: 50,
        last: 50,
    });
    bad.pools[1].template.day_windows = Some(days);
    assert!(matches!(
        generate(&bad, &exact()),
        Err(SchedulerError::InvalidModel(_))
    ));
}
