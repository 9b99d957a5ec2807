//! The worked examples of the deduction rule (VACAY_SK, SICK_SK; 6-hour shifts with a
//! 30-minute break that is not deducted).

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::timeoff::testing::example;

fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap()
}

fn no_schedule(_: NaiveDate) -> Option<Vec<Shift>> {
    None
}

#[test]
fn agent_1_full_day_deducts_5_h_30_so_30_h_become_24_h_30() {
    let sc = example();
    let d = deduct_for_agent(&sc, "agent1", t(15, 0, 0), t(16, 0, 0), &no_schedule);
    assert_eq!(d.seconds, 5 * 3600 + 1800);
    let balance = 30 * 3600 - d.seconds;
    assert_eq!(balance, 24 * 3600 + 1800);
}

#[test]
fn agent_2_outside_the_shift_deducts_nothing() {
    let sc = example();
    let d = deduct_for_agent(&sc, "agent2", t(15, 9, 15), t(15, 10, 15), &no_schedule);
    assert_eq!(d.seconds, 0);
    assert_eq!(12 * 3600 - d.seconds, 12 * 3600);
}

#[test]
fn agent_3_from_the_shift_start_deducts_1_h_15_so_15_h_become_13_h_45() {
    let sc = example();
    let d = deduct_for_agent(&sc, "agent3", t(15, 2, 0), t(15, 4, 0), &no_schedule);
    assert_eq!(d.seconds, 3600 + 900);
    assert_eq!(15 * 3600 - d.seconds, 13 * 3600 + 45 * 60);
}

#[test]
fn a_day_the_profile_has_off_deducts_nothing() {
    let sc = example();
    // 2026-12-19 is a Saturday
    let d = deduct_for_agent(&sc, "agent1", t(19, 0, 0), t(20, 0, 0), &no_schedule);
    assert_eq!(d.seconds, 0);
}

#[test]
fn a_published_shift_wins_over_the_profile_and_its_breaks_are_not_deducted() {
    let sc = example();
    let shift = Shift {
        date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        start: t(15, 10, 0),
        end: t(15, 18, 0),
        activities: vec![PlacedActivity {
            activity: "Break".into(),
            start: t(15, 12, 0),
            end: t(15, 12, 30),
        }],
    };
    let published = |d: NaiveDate| {
        Some(if d == shift.date {
            vec![shift.clone()]
        } else {
            vec![]
        })
    };
    let d = deduct_for_agent(&sc, "agent1", t(15, 0, 0), t(16, 0, 0), &published);
    assert_eq!(d.seconds, 7 * 3600 + 1800);
    assert_eq!(
        d.pieces,
        vec![(t(15, 10, 0), t(15, 12, 0)), (t(15, 12, 30), t(15, 18, 0))]
    );
}

#[test]
fn the_agents_max_daily_hours_shorten_the_profile_shift() {
    let mut config = example().config().clone();
    config.staffing_groups[0].hours.daily_max_hours = Some(4.0);
    let sc = Scenario::new(config, "t").unwrap();
    let d = deduct_for_agent(&sc, "agent1", t(15, 0, 0), t(16, 0, 0), &no_schedule);
    // a 4-hour shift: its activity group is still the default one, the break at +3 h
    assert_eq!(d.seconds, 3 * 3600 + 1800);
}
