//! Regression tests of issue 18 ("One shape per concept: the seams between the crates").
//!
//! Item 2: the review of a schedule is computed with the run's own goal and occupancy cap
//! (it used the generator's default cap, so a run capped at 50 % occupancy was reviewed
//! against a requirement of 100 %).

use std::path::Path;

use chrono::NaiveDate;
use wfm::scheduler::generate::{GenerateOptions, Grid, IntervalForecast, requirement};
use wfm::scheduler::{Demand, Scenario, Schedule};

fn example() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    Scenario::from_toml(&text, "schedule_example.toml").unwrap()
}

#[test]
fn the_review_used_the_default_occupancy_cap_not_the_runs() {
    let scenario = example();
    let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    // a day of 20 contacts per quarter hour, AHT 300 s
    let day = vec![
        IntervalForecast {
            volume: 20.0,
            aht_seconds: 300.0,
        };
        96
    ];
    let demand = Demand::from_quarters(monday, day);
    let options = GenerateOptions {
        max_occupancy: 0.5,
        ..GenerateOptions::default()
    };
    let review = demand
        .review(&scenario, &Schedule { agents: vec![] }, &options)
        .unwrap();
    let grid = Grid::new(scenario.config().interval.minutes()).unwrap();
    let goal = scenario.request().goal.into();
    let cap = |c| wfm::core::erlang::MaxOccupancy::new(c).unwrap();
    let capped = requirement(&grid, &demand.on_grid(grid), goal, cap(0.5)).unwrap();
    let uncapped = requirement(&grid, &demand.on_grid(grid), goal, cap(1.0)).unwrap();
    // the check can fail: the cap changes the requirement of this load
    assert!(capped.iter().zip(&uncapped).any(|(a, b)| a > b));
    let required: Vec<u32> = review.intervals.iter().map(|i| i.required).collect();
    assert_eq!(required, capped);
}
