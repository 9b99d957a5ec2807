//! One test per edit kind on the example scenario: each result passes the validator, or
//! the skipped agent is reported with the rule and its numbers; the SPEC §6 examples.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::generate::IntervalForecast;
use crate::schedule::{AgentSchedule, PlacedActivity, Shift};
use crate::validate::{Rule, validate};

const EXAMPLE: &str = include_str!("../../../data/scenarios/schedule_example.toml");

pub(super) fn example() -> Scenario {
    Scenario::from_toml(EXAMPLE, "schedule_example.toml").unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).unwrap()
}

fn shift(date: NaiveDate, start: DateTime<Utc>, minutes: i64, acts: &[(&str, i64, i64)]) -> Shift {
    let at = |m: i64| start + Duration::minutes(m);
    Shift {
        date,
        start,
        end: at(minutes),
        activities: acts
            .iter()
            .map(|&(a, off, len)| PlacedActivity {
                activity: a.into(),
                start: at(off),
                end: at(off + len),
            })
            .collect(),
    }
}

/// The validator-clean schedule of `validate/tests.rs`: day agents Mon–Fri 8 h at 12:00
/// UTC (break 14:00, lunch 16:00, break 18:00); lena Wed–Fri 6 h; the evening team.
pub(super) fn valid() -> Schedule {
    let sc = example();
    let mut agents = Vec::new();
    for a in sc.agents() {
        let shifts = match a {
            "lena" => (4..=6)
                .map(|d| {
                    shift(
                        day(d),
                        utc(d, 12, 0),
                        360,
                        &[("Break", 120, 15), ("Lunch", 210, 30)],
                    )
                })
                .collect(),
            "max" | "nora" | "omar" | "pia" => (2..=6)
                .map(|d| shift(day(d), utc(d, 21, 0), 300, &[("Break", 120, 15)]))
                .collect(),
            _ => (2..=6)
                .map(|d| {
                    shift(
                        day(d),
                        utc(d, 12, 0),
                        480,
                        &[("Break", 120, 15), ("Lunch", 240, 30), ("Break", 360, 15)],
                    )
                })
                .collect(),
        };
        agents.push(AgentSchedule {
            agent: a.to_owned(),
            shifts,
        });
    }
    Schedule { agents }
}

fn run(lines: &str, options: EditOptions) -> Result<EditOutcome> {
    run_on(&valid(), &Annotations::default(), lines, options)
}

fn run_on(s: &Schedule, n: &Annotations, lines: &str, options: EditOptions) -> Result<EditOutcome> {
    let sc = example();
    let batch = EditBatch::parse(lines, "changes.jsonl")?;
    apply_edits(&EditContext::new(&sc), s, n, &batch, &options)
}

fn shift_of<'a>(s: &'a Schedule, agent: &str, date: NaiveDate) -> Option<&'a Shift> {
    s.agents
        .iter()
        .find(|a| a.agent == agent)?
        .shifts
        .iter()
        .find(|x| x.date == date)
}

fn clean(out: &EditOutcome) {
    let v = validate(&example(), &out.schedule);
    let agents: Vec<_> = v.iter().filter(|v| v.agent.is_some()).collect();
    assert!(agents.is_empty(), "{agents:?}");
}

fn skipped_for(out: &EditOutcome, agent: &str) -> Vec<Violation> {
    out.log
        .iter()
        .find_map(|e| match e {
            LogEntry::Skipped {
                agent: a,
                violations,
                ..
            } if a == agent => Some(violations.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

use crate::validate::Violation;

#[test]
fn the_fixture_is_valid() {
    let v = validate(&example(), &valid());
    assert!(v.iter().all(|v| v.agent.is_none()), "{v:?}");
}

#[test]
fn move_shift_moves_its_activities_along() {
    let out = run(
        r#"{"op":"move_shift","agent":"ana","date":"2026-03-02","start":"2026-03-02T13:00:00Z"}"#,
        EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    let s = shift_of(&out.schedule, "ana", day(2)).unwrap();
    assert_eq!((s.start, s.end), (utc(2, 13, 0), utc(2, 21, 0)));
    assert_eq!(s.activities[0].start, utc(2, 15, 0));
    assert_eq!(out.changed, ["ana"]);
}

#[test]
fn a_longer_shift_over_the_weekly_maximum_is_skipped_with_the_rule_and_its_numbers() {
    let line =
        r#"{"op":"resize_shift","agent":"ana","date":"2026-03-02","end":"2026-03-02T21:00:00Z"}"#;
    let out = run(line, EditOptions::default()).unwrap();
    assert_eq!(out.skipped, ["ana"]);
    assert_eq!(out.schedule, valid());
    let v = skipped_for(&out, "ana");
    let weekly = v.iter().find(|v| v.rule == Rule::WeeklyMaxHours).unwrap();
    assert_eq!((weekly.value, weekly.limit), (41.0, 40.0));
    // override rules: applied, and the override recorded
    let out = run(
        line,
        EditOptions {
            override_rules: true,
            ..EditOptions::default()
        },
    )
    .unwrap();
    assert!(out.skipped.is_empty());
    assert_eq!(
        shift_of(&out.schedule, "ana", day(2)).unwrap().end,
        utc(2, 21, 0)
    );
    assert!(out.log.iter().any(
        |e| matches!(e, LogEntry::Overridden { agent, violations, .. }
        if agent == "ana" && violations.iter().any(|v| v.rule == Rule::WeeklyMaxHours))
    ));
}

#[test]
fn spec_example_agents_who_would_break_a_rule_are_skipped_the_others_edited() {
    // a Saturday shift for ana (already 40 h and 5 days) and lena (12 h, 2 days, once
    // her Friday is off; her maximum is 20 h)
    let lines = r#"{"op":"delete_shift","agent":"lena","date":"2026-03-06"}
{"op":"add_shift","agent":"ana","date":"2026-03-07","start":"2026-03-07T12:00:00Z","duration_minutes":360}
{"op":"add_shift","agent":"lena","date":"2026-03-07","start":"2026-03-07T12:00:00Z","duration_minutes":360}
{"op":"add_activity","agents":["ana","lena"],"date":"2026-03-07","activity":"Break","start":"2026-03-07T14:00:00Z"}
{"op":"add_activity","agents":["ana","lena"],"date":"2026-03-07","activity":"Lunch","start":"2026-03-07T15:30:00Z"}
"#;
    let out = run(lines, EditOptions::default()).unwrap();
    clean(&out);
    assert_eq!(out.skipped, ["ana"], "{:?}", out.log);
    assert!(shift_of(&out.schedule, "ana", day(7)).is_none());
    assert_eq!(
        shift_of(&out.schedule, "lena", day(7))
            .unwrap()
            .activities
            .len(),
        2
    );
    let rules: Vec<Rule> = skipped_for(&out, "ana").iter().map(|v| v.rule).collect();
    assert!(
        rules.contains(&Rule::WeeklyMaxHours) && rules.contains(&Rule::WorkDaysPerWeek),
        "{rules:?}"
    );
    let text = out
        .log
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("skipped ana (lines 2, 4, 5)"), "{text}");
    assert!(text.contains("46 h"), "{text}");
}

#[test]
fn delete_shift_and_comment() {
    let out = run(
        r#"{"op":"delete_shift","agent":"ana","date":"2026-03-06"}
{"op":"comment","agent":"ana","date":"2026-03-05","text":"dentist at 9"}"#,
        EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    assert!(shift_of(&out.schedule, "ana", day(6)).is_none());
    assert_eq!(out.annotations.comment("ana", day(5)), Some("dentist at 9"));
    let out = run_on(
        &out.schedule,
        &out.annotations,
        r#"{"op":"comment","agent":"ana","date":"2026-03-05","text":""}"#,
        EditOptions::default(),
    )
    .unwrap();
    assert!(out.annotations.is_empty());
}

#[test]
fn copy_shift_gives_other_agents_the_same_shift() {
    let out = run(
        r#"{"op":"move_shift","agent":"ana","date":"2026-03-02","start":"2026-03-02T13:00:00Z"}
{"op":"copy_shift","agent":"ana","date":"2026-03-02","to":["ben","carla"]}
{"op":"copy_shift","agent":"ana","date":"2026-03-02","to":["max"]}"#,
        EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    assert_eq!(
        shift_of(&out.schedule, "ben", day(2)),
        shift_of(&out.schedule, "ana", day(2))
    );
    // the evening agent's profile window does not allow it
    assert_eq!(out.skipped, ["max"]);
    assert!(
        skipped_for(&out, "max")
            .iter()
            .any(|v| v.rule == Rule::ShiftWindow)
    );
}

#[test]
fn an_activity_over_a_lunch_shortens_it_which_the_rules_refuse_unless_overridden() {
    let line = r#"{"op":"add_activity","agents":["ana"],"date":"2026-03-02","activity":"Team meeting","start":"2026-03-02T15:30:00Z","duration_minutes":45}"#;
    let out = run(line, EditOptions::default()).unwrap();
    assert_eq!(out.skipped, ["ana"]);
    let v = skipped_for(&out, "ana");
    let d = v.iter().find(|v| v.rule == Rule::ActivityDuration).unwrap();
    assert_eq!((d.value, d.limit), (15.0, 30.0));
    let out = run(
        line,
        EditOptions {
            override_rules: true,
            ..EditOptions::default()
        },
    )
    .unwrap();
    let s = shift_of(&out.schedule, "ana", day(2)).unwrap();
    let lunch = s.activities.iter().find(|a| a.activity == "Lunch").unwrap();
    assert_eq!((lunch.start, lunch.end), (utc(2, 16, 15), utc(2, 16, 30)));
    assert!(out.log.iter().any(|e| matches!(
        e,
        LogEntry::Shortened {
            from_minutes: 30,
            to_minutes: 15,
            ..
        }
    )));
}

#[test]
fn add_remove_replace_and_set_an_individual_activity() {
    let out = run(
        r#"{"op":"add_activity","agents":["ana","ben"],"date":"2026-03-02","activity":"Team meeting","start":"2026-03-02T12:30:00Z"}
{"op":"set_activity","agent":"ana","date":"2026-03-02","activity":"Break","at":"2026-03-02T14:00:00Z","start":"2026-03-02T14:15:00Z"}
{"op":"remove_activity","agent":"ben","date":"2026-03-02","activity":"Team meeting"}
{"op":"replace_activity","agent":"ana","date":"2026-03-02","activity":"Team meeting","with":"Vacation"}"#,
        EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    let ana = shift_of(&out.schedule, "ana", day(2)).unwrap();
    assert_eq!(ana.activities[0].activity, "Vacation");
    assert_eq!(ana.activities[0].minutes(), 60);
    assert_eq!(ana.activities[1].start, utc(2, 14, 15));
    assert_eq!(
        shift_of(&out.schedule, "ben", day(2)),
        shift_of(&valid(), "ben", day(2))
    );
    // removing a required break is refused by the rules
    let out = run(
        r#"{"op":"remove_activity","agent":"ana","date":"2026-03-02","activity":"Lunch"}"#,
        EditOptions::default(),
    )
    .unwrap();
    assert!(
        skipped_for(&out, "ana")
            .iter()
            .any(|v| v.rule == Rule::ActivityMissing)
    );
}

#[test]
fn a_shared_meeting_is_edited_once_for_every_attendee() {
    let out = run(
        r#"{"op":"add_activity","agents":["ana","ben","carla"],"date":"2026-03-03","activity":"Team meeting","start":"2026-03-03T12:30:00Z","shared":true,"instance":"standup"}
{"op":"set_shared","instance":"standup","start":"2026-03-03T12:45:00Z"}
{"op":"add_attendees","instance":"standup","agents":["dev"]}
{"op":"remove_attendees","instance":"standup","agents":["ben"]}
{"op":"set_activity","agent":"carla","date":"2026-03-03","activity":"Team meeting","duration_minutes":30}"#,
        EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    let m = &out.annotations.shared[0];
    assert_eq!(
        (m.id.as_str(), m.start, m.end),
        ("standup", utc(3, 12, 45), utc(3, 13, 15))
    );
    assert_eq!(m.agents, ["ana", "carla", "dev"]);
    for a in ["ana", "carla", "dev"] {
        let s = shift_of(&out.schedule, a, day(3)).unwrap();
        assert!(s.activities.iter().any(|p| m.is(p, a)), "{a}");
    }
    let ben = shift_of(&out.schedule, "ben", day(3)).unwrap();
    assert!(ben.activities.iter().all(|p| p.activity != "Team meeting"));
    // individual instances: one per agent, edited separately
    let out = run(
        r#"{"op":"add_activity","agents":["ana","ben"],"date":"2026-03-03","activity":"Team meeting","start":"2026-03-03T12:30:00Z"}
{"op":"set_activity","agent":"ana","date":"2026-03-03","activity":"Team meeting","start":"2026-03-03T13:00:00Z"}"#,
        EditOptions::default(),
    )
    .unwrap();
    assert!(out.annotations.shared.is_empty());
    let at = |a| {
        shift_of(&out.schedule, a, day(3))
            .unwrap()
            .activities
            .iter()
            .find(|p| p.activity == "Team meeting")
            .unwrap()
            .start
    };
    assert_eq!((at("ana"), at("ben")), (utc(3, 13, 0), utc(3, 12, 30)));
}

#[test]
fn bad_input_names_the_line_and_field_and_applies_nothing() {
    let cases = [
        (
            r#"{"op":"move_shift","agent":"zoe","date":"2026-03-02","start":"2026-03-02T13:00:00Z"}"#,
            "agent",
            "unknown agent 'zoe'",
        ),
        (
            r#"{"op":"move_shift","agent":"ana","date":"2026-03-08","start":"2026-03-08T13:00:00Z"}"#,
            "date",
            "ana has no shift on 2026-03-08",
        ),
        (
            r#"{"op":"remove_activity","agent":"ana","date":"2026-03-02","activity":"Nap"}"#,
            "activity",
            "has no 'Nap'",
        ),
        (
            r#"{"op":"remove_activity","agent":"ana","date":"2026-03-02","activity":"Break"}"#,
            "at",
            "has 2 'Break'",
        ),
        (
            r#"{"op":"add_activity","agents":["ana"],"date":"2026-03-02","activity":"Nap","start":"2026-03-02T13:00:00Z"}"#,
            "activity",
            "unknown activity 'Nap'",
        ),
        (
            r#"{"op":"move_shift","agent":"ana","date":"2026-03-02","start":"2026-04-02T13:00:00Z"}"#,
            "start",
            "outside the schedule",
        ),
        (
            r#"{"op":"add_shift","agent":"ana","date":"2026-03-09","start":"2026-03-09T13:00:00Z","duration_minutes":60}"#,
            "date",
            "outside the schedule's dates",
        ),
        (
            r#"{"op":"resize_shift","agent":"ana","date":"2026-03-02","duration_minutes":-60}"#,
            "duration_minutes",
            "-60 is not a positive length",
        ),
        (
            r#"{"op":"resize_shift","agent":"ana","date":"2026-03-02","end":"2026-03-02T11:00:00Z"}"#,
            "end",
            "is not after the start",
        ),
        (
            r#"{"op":"set_shared","instance":"nope","start":"2026-03-02T13:00:00Z"}"#,
            "instance",
            "no shared activity 'nope'",
        ),
    ];
    let good =
        r#"{"op":"move_shift","agent":"ben","date":"2026-03-02","start":"2026-03-02T13:00:00Z"}"#;
    for (bad, field, reason) in cases {
        let e = run(&format!("{good}\n\n{bad}\n{good}"), EditOptions::default()).unwrap_err();
        let SchedulerError::InvalidEdits { issues } = &e else {
            panic!("{e}")
        };
        assert_eq!(
            (issues[0].line, issues[0].column.as_str()),
            (3, field),
            "{e}"
        );
        assert!(issues[0].reason.contains(reason), "{e}");
    }
    for (bad, field) in [
        ("{\"op\": \"move_shift\"", ""),
        (r#"{"op":"fly","agent":"ana"}"#, "op"),
        (
            r#"{"op":"move_shift","agent":"ana","date":"2026-03-02"}"#,
            "start",
        ),
        (
            r#"{"op":"move_shift","agent":"ana","date":"2026-03-02","start":"noon"}"#,
            "",
        ),
        (
            r#"{"op":"delete_shift","agent":"ana","date":"2026-03-02","colour":"red"}"#,
            "colour",
        ),
    ] {
        let e = run(&format!("{good}\n{bad}"), EditOptions::default()).unwrap_err();
        let SchedulerError::InvalidEdits { issues } = &e else {
            panic!("{e}")
        };
        assert_eq!(
            (issues[0].line, issues[0].column.as_str()),
            (2, field),
            "{e}"
        );
    }
    assert!(run("\n# nothing\n", EditOptions::default()).is_err());
}

/// Demand Monday to Sunday: 40 contacts per quarter hour 12:00–22:00 UTC, AHT 300 s,
/// none where `quiet` (quarter-hour indexes of the day) says.
fn demand(quiet: &[usize]) -> Demand {
    demand_of(40.0, quiet)
}

fn demand_of(volume: f64, quiet: &[usize]) -> Demand {
    let q = (0..7 * 96)
        .map(|i| {
            let busy = (48..88).contains(&(i % 96)) && !quiet.contains(&(i % 96));
            IntervalForecast {
                volume: if busy { volume } else { 0.0 },
                aht_seconds: 300.0,
            }
        })
        .collect();
    Demand::from_quarters(day(2), q)
}

#[test]
fn reoptimise_moves_the_overlapped_lunch_inside_its_window_instead_of_shortening_it() {
    let sc = example();
    let d = demand(&[]);
    let ctx = EditContext::new(&sc).with_demand(&d, crate::generate::GenerateOptions::default());
    let batch = EditBatch::parse(
        r#"{"op":"add_activity","agents":["ana"],"date":"2026-03-02","activity":"Team meeting","start":"2026-03-02T15:30:00Z","duration_minutes":45}"#,
        "c",
    )
    .unwrap();
    let options = EditOptions {
        reoptimise: true,
        ..EditOptions::default()
    };
    let out = apply_edits(&ctx, &valid(), &Annotations::default(), &batch, &options).unwrap();
    clean(&out);
    assert!(out.skipped.is_empty(), "{:?}", out.log);
    let s = shift_of(&out.schedule, "ana", day(2)).unwrap();
    let lunch = s.activities.iter().find(|a| a.activity == "Lunch").unwrap();
    assert_eq!(lunch.minutes(), 30);
    assert!(lunch.start >= utc(2, 16, 15), "{lunch:?}");
    let statuses: Vec<WorkStatus> = out
        .log
        .iter()
        .filter_map(|e| match e {
            LogEntry::Work { status, .. } => Some(*status),
            _ => None,
        })
        .collect();
    assert_eq!(statuses, [WorkStatus::InProgress, WorkStatus::Completed]);
    assert!(out.review.is_some());
}

#[test]
fn spec_example_overlapping_windows_invert_the_order_and_warn() {
    // break 11:00–13:00 and lunch 10:00–15:00 for a shift from 08:00: where the demand
    // allows, the break goes to 12:30 and the lunch to 11:30, and the inversion is warned
    let mut c = example().config().clone();
    let p = c.profiles.iter_mut().find(|p| p.name == "Day").unwrap();
    p.earliest_start = "08:00".parse().unwrap();
    p.min_break_interval_minutes = None;
    p.max_break_interval_minutes = None;
    let g = &mut p.activity_groups[0];
    g.activities = vec![
        crate::model::ActivityPlacement::after_start("Break", 180, 300),
        crate::model::ActivityPlacement::after_start("Lunch", 120, 420),
    ];
    let sc = Scenario::new(c, "variant").unwrap();
    // quiet at 11:30–12:00 and 12:30–13:00 (30-minute intervals)
    let d = demand(&[46, 47, 50, 51]);
    let d = Demand::from_quarters(
        day(2),
        d.quarters()
            .iter()
            .enumerate()
            .map(|(i, q)| IntervalForecast {
                volume: if (32..48).contains(&(i % 96)) && ![46, 47].contains(&(i % 96)) {
                    40.0
                } else {
                    q.volume
                },
                ..*q
            })
            .collect(),
    );
    let ctx = EditContext::new(&sc).with_demand(&d, crate::generate::GenerateOptions::default());
    let mut s = Schedule::default();
    s.agents.push(AgentSchedule {
        agent: "ana".into(),
        shifts: vec![shift(
            day(2),
            utc(2, 8, 0),
            480,
            &[("Lunch", 225, 30), ("Break", 255, 15)],
        )],
    });
    let r = reoptimise::reoptimise_breaks(&ctx, &s, &[("ana".into(), day(2))]).unwrap();
    let acts = &r.schedule.agents[0].shifts[0].activities;
    let at = |name: &str| acts.iter().find(|a| a.activity == name).unwrap().start;
    assert_eq!((at("Break"), at("Lunch")), (utc(2, 12, 30), utc(2, 11, 30)));
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.minutes_moved > 0);
}

#[test]
fn meeting_slots_are_ranked_by_service_level_lost_and_the_best_one_placed() {
    let sc = example();
    // quiet 12:00–13:00 on Tuesday only
    let d = demand_of(25.0, &[]);
    let q: Vec<IntervalForecast> = d
        .quarters()
        .iter()
        .enumerate()
        .map(|(i, q)| IntervalForecast {
            volume: if (96 + 48..96 + 52).contains(&i) {
                0.0
            } else {
                q.volume
            },
            ..*q
        })
        .collect();
    let d = Demand::from_quarters(day(2), q);
    let ctx = EditContext::new(&sc).with_demand(&d, crate::generate::GenerateOptions::default());
    let request = meeting::MeetingRequest {
        activity: "Team meeting".into(),
        duration_minutes: 60,
        attendees: meeting::Attendees::FromGroup {
            group: "Day team".into(),
            count: 3,
        },
        first_day: day(2),
        last_day: day(6),
        max_slots: 5,
    };
    let slots = meeting::propose_meeting(&ctx, &valid(), &request).unwrap();
    assert_eq!(slots.len(), 5);
    assert!(
        slots
            .windows(2)
            .all(|w| w[0].contacts_late <= w[1].contacts_late)
    );
    let best = &slots[0];
    assert_eq!((best.start, best.contacts_late), (utc(3, 12, 0), 0.0));
    assert!(slots[1].contacts_late > 0.0 || slots[1].date == day(3));
    let batch = EditBatch::new("proposal", vec![best.edit("Team meeting", None)]);
    let out = apply_edits(
        &ctx,
        &valid(),
        &Annotations::default(),
        &batch,
        &EditOptions::default(),
    )
    .unwrap();
    clean(&out);
    assert!(out.skipped.is_empty());
    assert_eq!(out.annotations.shared[0].agents.len(), 3);
}
