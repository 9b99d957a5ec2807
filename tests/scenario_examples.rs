//! The example scheduling scenarios of `data/scenarios/` (written by
//! `make_schedule_scenarios.py`): each parses and validates, has the issue's size (agents,
//! staffing groups, weeks), and its forecast CSV covers every interval of its request.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveTime};
use wfm::capacity::read_forecast_csv;
use wfm::core::Channel;
use wfm::core::forecast::ForecastKind;
use wfm::erlang::{self, StaffingRequest, Workload};
use wfm::scheduler::Scenario;
use wfm::scheduler::model::{Goal, ProfileClock};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios")
}

/// File, agents, staffing groups, weeks, forecast file (none: the hand-written example).
const EXAMPLES: [(&str, usize, usize, i64, Option<&str>); 5] = [
    ("schedule_example.toml", 16, 2, 1, None),
    ("schedule_small.toml", 20, 1, 1, Some("forecast_small.csv")),
    (
        "schedule_medium.toml",
        250,
        4,
        2,
        Some("forecast_medium.csv"),
    ),
    (
        "schedule_large.toml",
        800,
        10,
        4,
        Some("forecast_large.csv"),
    ),
    (
        "schedule_large_18w.toml",
        800,
        10,
        18,
        Some("forecast_large.csv"),
    ),
];

fn read(file: &str) -> Scenario {
    let path = dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    Scenario::from_toml(&text, file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn every_scenario_file_is_listed() {
    let found: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("schedule_") && n.ends_with(".toml"))
        .collect();
    let listed: BTreeSet<String> = EXAMPLES
        .iter()
        .map(|e| e.0)
        .chain(DEMAND.iter().map(|e| e.0))
        .map(str::to_owned)
        .collect();
    assert_eq!(found, listed);
}

#[test]
fn sizes_match_the_issue() {
    for (file, agents, groups, weeks, _) in EXAMPLES {
        let s = read(file);
        assert_eq!(s.agents().len(), agents, "{file}: agents");
        assert_eq!(s.run_groups().count(), groups, "{file}: staffing groups");
        assert!(
            s.run_groups().all(|g| g.agents.len() <= 80),
            "{file}: a group above 80 agents"
        );
        let r = s.request();
        assert_eq!((r.end - r.start).num_days() + 1, weeks * 7, "{file}: weeks");
        assert_eq!(r.start.format("%a").to_string(), "Mon", "{file}: start");
        for a in s.agents() {
            assert!(s.profile_of(a).is_some(), "{file}: {a} has no profile");
        }
    }
}

#[test]
fn large_examples_mix_profiles_and_clocks() {
    for file in ["schedule_large.toml", "schedule_large_18w.toml"] {
        let s = read(file);
        let profiles: BTreeSet<&str> = s
            .agents()
            .into_iter()
            .filter_map(|a| s.profile_of(a).map(|p| p.name.as_str()))
            .collect();
        assert_eq!(profiles.len(), 6, "{file}: {profiles:?}");
        let local: Vec<&str> = s
            .agents()
            .into_iter()
            .filter(|a| {
                s.profile_of(a)
                    .is_some_and(|p| p.clock == ProfileClock::Local)
            })
            .collect();
        assert_eq!(local.len(), 80, "{file}: agents on the local clock");
        assert!(
            local
                .iter()
                .all(|a| s.time_zone(a) == chrono_tz::Europe::Berlin)
        );
        let part_time = s
            .agents()
            .into_iter()
            .filter(|a| s.hours_of(a).weekly_max_hours == Some(25.0))
            .count();
        assert!(part_time >= 160, "{file}: {part_time} part-timers");
        let joiners = s
            .agents()
            .into_iter()
            .filter(|a| s.employment_of(a).0.is_some())
            .count();
        assert!(joiners > 0, "{file}: nobody starts mid-horizon");
    }
}

#[test]
fn each_forecast_covers_its_request() {
    for (file, _, _, _, forecast) in EXAMPLES {
        let Some(forecast) = forecast else { continue };
        let s = read(file);
        let f = read_forecast_csv(&dir().join(forecast), ForecastKind::Short)
            .unwrap_or_else(|e| panic!("{forecast}: {e}"));
        assert_eq!(f.interval().map(|i| i.minutes()), Some(30), "{forecast}");
        let r = s.request();
        let from = r.start.and_time(NaiveTime::MIN).and_utc().timestamp();
        let to = (r.end + Duration::days(1))
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        let starts: BTreeSet<_> = f
            .points_of(Channel::Voice)
            .filter(|p| p.start >= from && p.start < to)
            .map(|p| p.start)
            .collect();
        let days = (r.end - r.start).num_days() + 1;
        assert_eq!(starts.len() as i64, days * 48, "{file}: {forecast} gaps");
        let volume: f64 = f
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| p.start >= from && p.start < to)
            .map(|p| p.volume)
            .sum();
        assert!(volume > 0.0, "{file}: no contacts in {forecast}");
    }
}

/// The sizing `make_schedule_scenarios.py` documents: the first week's busiest interval
/// needs 80 % of the roster at the scenario's goal (Erlang C).
#[test]
fn busiest_interval_needs_most_of_the_roster() {
    for (file, agents, _, _, forecast) in EXAMPLES {
        let Some(forecast) = forecast else { continue };
        let s = read(file);
        let Goal::ServiceLevel {
            target,
            within_seconds,
        } = s.request().goal
        else {
            panic!("{file}: expected a service-level goal");
        };
        let goal = erlang::Goal::service_level(target, f64::from(within_seconds)).unwrap();
        let f = read_forecast_csv(&dir().join(forecast), ForecastKind::Short).unwrap();
        let from = s
            .request()
            .start
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp();
        let peak = f
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| p.start >= from && p.start < from + 7 * 86_400 && p.volume > 0.0)
            .map(|p| {
                let load = Workload::new(p.volume, p.aht_seconds, 1800.0).unwrap();
                StaffingRequest::new(load, goal).solve().unwrap().agents
            })
            .max()
            .unwrap();
        assert_eq!(
            peak,
            (agents as f64 * 0.8).round() as u64,
            "{file}: {forecast}"
        );
    }
}

/// The demand-driven examples (`make_demand_driven.py`, issue 20 item 6): file, agents,
/// staffing groups, weeks, forecast file (15-minute rows).
const DEMAND: [(&str, usize, usize, i64, &str); 2] = [
    (
        "schedule_demand_300x2w.toml",
        300,
        4,
        2,
        "forecast_demand_2w.csv",
    ),
    (
        "schedule_demand_800x4w.toml",
        800,
        10,
        4,
        "forecast_demand_4w.csv",
    ),
];

#[test]
fn demand_driven_examples_are_mostly_part_time_on_local_clocks_across_dst() {
    for (file, agents, groups, weeks, forecast) in DEMAND {
        let s = read(file);
        assert_eq!(s.agents().len(), agents, "{file}: agents");
        assert_eq!(s.run_groups().count(), groups, "{file}: staffing groups");
        let r = s.request();
        assert_eq!((r.end - r.start).num_days() + 1, weeks * 7, "{file}: weeks");
        // across the US DST change of 2024-11-03, every agent on a US local clock
        let dst = chrono::NaiveDate::from_ymd_opt(2024, 11, 3).unwrap();
        assert!(r.start < dst && dst < r.end, "{file}");
        for a in s.agents() {
            let p = s.profile_of(a).expect("a profile");
            assert_eq!(p.clock, ProfileClock::Local, "{file}: {a}");
            assert!(s.time_zone(a).name().starts_with("America/"), "{file}: {a}");
        }
        let part_time = s
            .agents()
            .into_iter()
            .filter(|a| s.hours_of(a).weekly_max_hours == Some(30.0))
            .count();
        assert!(2 * part_time > agents, "{file}: {part_time} part-timers");
        let (joiners, leavers) = s.agents().into_iter().fold((0, 0), |(j, l), a| {
            let (hired, leaves) = s.employment_of(a);
            (
                j + usize::from(hired.is_some()),
                l + usize::from(leaves.is_some()),
            )
        });
        assert!(
            joiners > 0 && leavers > 0,
            "{file}: {joiners} joiners, {leavers} leavers"
        );
        let f = read_forecast_csv(&dir().join(forecast), ForecastKind::Short)
            .unwrap_or_else(|e| panic!("{forecast}: {e}"));
        assert_eq!(f.interval().map(|i| i.minutes()), Some(15), "{forecast}");
        let from = r.start.and_time(NaiveTime::MIN).and_utc().timestamp();
        let starts: BTreeSet<_> = f
            .points_of(Channel::Voice)
            .filter(|p| p.start >= from)
            .map(|p| p.start)
            .collect();
        assert_eq!(
            starts.len() as i64,
            weeks * 7 * 96,
            "{file}: {forecast} gaps"
        );
    }
}
