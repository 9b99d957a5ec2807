//! The example parses, round-trips, and each configuration error is reported.

use crate::error::SchedulerError;
use crate::model::{ActivityPlacement, Anchor, DayStatus};
use crate::scenario::{Scenario, ScenarioConfig};

const EXAMPLE: &str = include_str!("../../../data/scenarios/schedule_example.toml");
const FILE: &str = "schedule_example.toml";

fn config() -> ScenarioConfig {
    Scenario::from_toml(EXAMPLE, FILE).unwrap().config().clone()
}

fn err(f: impl FnOnce(&mut ScenarioConfig)) -> SchedulerError {
    let mut c = config();
    f(&mut c);
    Scenario::new(c, FILE).unwrap_err()
}

#[test]
fn example_parses() {
    let s = Scenario::from_toml(EXAMPLE, FILE).unwrap();
    assert_eq!(s.agents().len(), 16);
    assert_eq!(s.config().profiles.len(), 2);
    assert_eq!(s.config().activities.len(), 4);
    assert_eq!(s.request().days().count(), 7);
    assert_eq!(s.profile_of("ana").unwrap().name, "Day");
    assert_eq!(s.profile_of("max").unwrap().name, "Evening");
    assert_eq!(s.time_zone("max"), chrono_tz::America::New_York);
    assert_eq!(s.time_zone("ana"), chrono_tz::Tz::UTC);
    let lena = s.hours_of("lena");
    assert_eq!(
        (
            lena.daily_min_hours,
            lena.daily_max_hours,
            lena.weekly_max_hours
        ),
        (Some(6.0), Some(6.5), Some(20.0))
    );
    assert_eq!(s.profile("Day").unwrap().days.sun, DayStatus::Off);
    let day = s.profile("Day").unwrap();
    assert_eq!(day.activity_group(480).unwrap().name, "full day");
    assert_eq!(day.activity_group(390).unwrap().name, "short day");
    assert!(day.activity_group(300).is_none());
    assert_eq!(
        s.profile("Evening")
            .unwrap()
            .activity_group(240)
            .unwrap()
            .name,
        "default"
    );
}

#[test]
fn export_then_import_round_trips() {
    let s = Scenario::from_toml(EXAMPLE, FILE).unwrap();
    let text = s.to_toml().unwrap();
    let again = Scenario::from_toml(&text, "export.toml").unwrap();
    assert_eq!(again.config(), s.config());
    assert_eq!(again.to_toml().unwrap(), text);
}

#[test]
fn syntax_error_has_line_and_column() {
    let text = EXAMPLE.replace(
        "duration_minutes = 15\npaid = true",
        "duration_minutes = \"15\"\npaid = true",
    );
    let line = text.lines().position(|l| l.contains("\"15\"")).unwrap() + 1;
    match Scenario::from_toml(&text, FILE).unwrap_err() {
        SchedulerError::ScenarioSyntax {
            file,
            line: l,
            column,
            ..
        } => {
            assert_eq!((file.as_str(), l, column), (FILE, line, 20));
        }
        e => panic!("{e}"),
    }
}

#[test]
fn unknown_key_is_a_syntax_error() {
    let text = EXAMPLE.replace("same_start_time = true", "same_start = true");
    let e = Scenario::from_toml(&text, FILE).unwrap_err();
    assert!(matches!(e, SchedulerError::ScenarioSyntax { .. }), "{e}");
    assert!(e.to_string().contains("same_start"), "{e}");
}

#[test]
fn unsupported_version() {
    let text = EXAMPLE.replace("version = 1", "version = 7");
    let e = Scenario::from_toml(&text, FILE).unwrap_err();
    assert_eq!(
        e,
        SchedulerError::UnsupportedVersion {
            file: FILE.into(),
            found: 7,
            supported: 1
        }
    );
    let e = Scenario::from_toml(&EXAMPLE.replace("version = 1", ""), FILE).unwrap_err();
    assert!(matches!(e, SchedulerError::ScenarioSyntax { .. }), "{e}");
}

#[test]
fn duplicate_name() {
    let e = err(|c| {
        let dup = c.activities[0].clone();
        c.activities.push(dup);
    });
    assert_eq!(
        e,
        SchedulerError::DuplicateName {
            file: FILE.into(),
            kind: "activity".into(),
            name: "Break".into()
        }
    );
}

#[test]
fn unknown_profile_reference() {
    let e = err(|c| c.staffing_groups[1].profile = "Night".into());
    assert_eq!(
        e.to_string(),
        "schedule_example.toml: staffing group 'Evening team', field 'profile': unknown shift profile 'Night'"
    );
}

#[test]
fn unknown_activity_reference() {
    let e = err(|c| c.profiles[1].activity_groups[0].activities[0].activity = "Coffee".into());
    assert!(
        matches!(&e, SchedulerError::UnknownReference { kind, name, .. } if *kind == "activity" && name == "Coffee"),
        "{e}"
    );
}

#[test]
fn unknown_forecast_group_and_agent() {
    let e = err(|c| c.request.forecast_group = "Sales".into());
    assert!(
        matches!(&e, SchedulerError::UnknownReference { field, .. } if field == "forecast_group"),
        "{e}"
    );
    let e = err(|c| c.staff_rules[0].agent = "zoe".into());
    assert!(
        matches!(&e, SchedulerError::UnknownReference { field, name, .. } if field == "agent" && name == "zoe"),
        "{e}"
    );
}

#[test]
fn min_hours_above_max_hours() {
    let e = err(|c| c.staff_rules[0].hours.daily_min_hours = Some(7.0));
    assert_eq!(
        e.to_string(),
        "schedule_example.toml: staff rule 'lena': daily_min_hours 7 is above daily_max_hours 6.5"
    );
    let e = err(|c| c.staffing_groups[0].hours.weekly_min_hours = Some(45.0));
    assert!(
        matches!(&e, SchedulerError::MinAboveMax { min_field, .. } if min_field == "weekly_min_hours"),
        "{e}"
    );
}

#[test]
fn activity_window_longer_than_the_shift() {
    let e = err(|c| {
        c.profiles[1].activity_groups[0]
            .activities
            .push(ActivityPlacement::after_start("Break", 240, 300));
    });
    assert_eq!(
        e,
        SchedulerError::ActivityWindowTooLong {
            file: FILE.into(),
            profile: "Evening".into(),
            group: "default".into(),
            activity: "Break".into(),
            window_end_minutes: 315,
            max_shift_minutes: 300,
        }
    );
    // anchored at the end, the window reaches back before the start of the longest shift
    let e = err(|c| {
        let mut p = ActivityPlacement::after_start("Break", -330, -60);
        p.anchor = Anchor::End;
        c.profiles[1].activity_groups[0].activities.push(p);
    });
    assert!(
        matches!(
            e,
            SchedulerError::ActivityWindowTooLong {
                window_end_minutes: 330,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn agent_in_two_groups_of_one_forecast_group() {
    let e = err(|c| c.staffing_groups[1].agents.push("ana".into()));
    assert_eq!(
        e.to_string(),
        "schedule_example.toml: agent 'ana' is in staffing groups 'Day team' and 'Evening team', both linked to forecast group 'Support'"
    );
    // in groups of two different forecast groups it is fine
    let mut c = config();
    c.forecast_groups.push("Sales".into());
    let mut g = c.staffing_groups[1].clone();
    g.name = "Sales evening".into();
    g.forecast_group = "Sales".into();
    g.agents.push("ana".into());
    c.staffing_groups.push(g);
    assert!(Scenario::new(c, FILE).is_ok());
}

#[test]
fn unknown_time_zone() {
    let e = err(|c| c.staff_rules[2].time_zone = "EST5EDT/Boston".into());
    assert_eq!(
        e,
        SchedulerError::UnknownTimeZone {
            file: FILE.into(),
            agent: "max".into(),
            zone: "EST5EDT/Boston".into()
        }
    );
}

#[test]
fn limits_of_spec_section_9() {
    let e = err(|c| {
        let extra: Vec<String> = (0..70).map(|i| format!("agent{i}")).collect();
        c.staffing_groups[0].agents.extend(extra);
    });
    assert!(
        matches!(
            &e,
            SchedulerError::LimitExceeded {
                count: 82,
                limit: 80,
                ..
            }
        ),
        "{e}"
    );
    let e = err(|c| c.staffing_groups[0].supervisors = (0..41).map(|i| format!("s{i}")).collect());
    assert!(
        matches!(&e, SchedulerError::LimitExceeded { limit: 40, .. }),
        "{e}"
    );
    let e = err(|c| {
        for i in 0..10 {
            let mut a = c.activities[2].clone();
            a.name = format!("Meeting {i}");
            c.activities.push(a);
            c.profiles[0].activity_groups[0]
                .activities
                .push(ActivityPlacement::after_start(
                    &format!("Meeting {i}"),
                    0,
                    0,
                ));
        }
    });
    assert!(
        matches!(
            &e,
            SchedulerError::LimitExceeded {
                count: 12,
                limit: 10,
                ..
            }
        ),
        "{e}"
    );
    let e = err(|c| c.request.end = c.request.start + chrono::Duration::days(18 * 7));
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "end"),
        "{e}"
    );
}

#[test]
fn invalid_values() {
    let e = err(|c| c.activities[0].duration_minutes = 10);
    assert_eq!(
        e.to_string(),
        "schedule_example.toml: activity 'Break', field 'duration_minutes': 10 must be a multiple of 15 minutes"
    );
    let e = err(|c| c.profiles[0].max_shift_minutes = 1500);
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "max_shift_minutes"),
        "{e}"
    );
    let e = err(|c| c.profiles[0].earliest_start = "12:10".parse().unwrap());
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "earliest_start"),
        "{e}"
    );
    let e = err(|c| c.staffing_groups[0].hours.daily_max_hours = Some(25.0));
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "daily_max_hours"),
        "{e}"
    );
    let e = err(|c| {
        c.request.goal = crate::model::Goal::ServiceLevel {
            target: 80.0,
            within_seconds: 20,
        }
    });
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "goal.target"),
        "{e}"
    );
    let e = err(|c| c.staffing_groups[0].minimum_staff[0].agents = 13);
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "minimum_staff.agents"),
        "{e}"
    );
    let e = err(|c| c.profiles[0].activity_groups[0].activities[0].earliest_minutes = -15);
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "earliest_minutes"),
        "{e}"
    );
}

#[test]
fn conflicts() {
    let e = err(|c| c.profiles[0].latest_end = "16:00".parse().unwrap());
    assert!(
        matches!(&e, SchedulerError::Conflict { reason, .. } if reason.contains("shorter than min_shift_minutes")),
        "{e}"
    );
    let e = err(|c| {
        c.profiles[0].activity_groups[1].shift_minutes =
            Some(crate::model::MinutesRange { min: 360, max: 420 })
    });
    assert!(
        matches!(&e, SchedulerError::Conflict { reason, .. } if reason.contains("overlapping")),
        "{e}"
    );
    let e = err(|c| {
        c.staff_rules[0].employment_end = Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
    });
    assert!(
        matches!(&e, SchedulerError::Conflict { reason, .. } if reason.contains("employment_end")),
        "{e}"
    );
    let e = err(|c| c.request.end = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    assert!(matches!(&e, SchedulerError::Conflict { .. }), "{e}");
}

#[test]
fn goal_target_of_one_is_refused_as_wfm_staff_refuses_it() {
    let e = err(|c| {
        c.request.goal = crate::model::Goal::ServiceLevel {
            target: 1.0,
            within_seconds: 20,
        }
    });
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "goal.target"),
        "{e}"
    );
    // the same rule as wfm-erlang's, which `wfm staff` and the capacity scenario use
    assert!(wfm_erlang::Goal::service_level(1.0, 20.0).is_err());
    let e = err(|c| c.request.goal = crate::model::Goal::Asa { seconds: 0 });
    assert!(
        matches!(&e, SchedulerError::InvalidValue { field, .. } if *field == "goal.seconds"),
        "{e}"
    );
}
