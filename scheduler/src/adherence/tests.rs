//! The reference's worked examples, the stream's promises and property tests.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::model::{ActivityKind, ShiftActivity};
use crate::schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn at(h: u32, m: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
}

fn ms(h: u32, m: u32) -> i64 {
    at(h, m).timestamp_millis()
}

fn placed(name: &str, a: (u32, u32), b: (u32, u32)) -> PlacedActivity {
    PlacedActivity {
        activity: name.into(),
        start: at(a.0, a.1),
        end: at(b.0, b.1),
    }
}

fn one_agent(shift: Shift) -> Schedule {
    Schedule {
        agents: vec![AgentSchedule {
            agent: "ana".into(),
            shifts: vec![shift],
        }],
    }
}

fn rules() -> AdherenceRules {
    AdherenceRules::new(&[
        ShiftActivity::new("Break", ActivityKind::Break, 15, true),
        ShiftActivity::new("Meeting", ActivityKind::NonProductive, 60, true),
        ShiftActivity::new("Lunch", ActivityKind::Meal, 30, false),
    ])
}

fn run(schedule: &Schedule, events: Vec<AgentEvent>) -> DayAdherence {
    let map = HashMap::from([("ana".to_string(), events)]);
    schedule_adherence(&rules(), schedule, &map, (day(), day())).remove(0)
}

/// SPEC §8, first example: productive 8:00–11:00, works from 7:30, Break 10:30–11:00.
#[test]
fn reference_example_one_is_150_of_180() {
    let s = one_agent(Shift {
        date: day(),
        start: at(8, 0),
        end: at(11, 0),
        activities: vec![],
    });
    let d = run(
        &s,
        vec![
            AgentEvent::plain("ana", ms(7, 30), "Available", false),
            AgentEvent::plain("ana", ms(10, 30), "Break", false),
            AgentEvent::plain("ana", ms(11, 0), "Offline", false),
        ],
    );
    assert_eq!(d.totals.adherent_ms, 150 * 60_000);
    assert_eq!(d.totals.scheduled_ms, 180 * 60_000);
    assert_eq!(d.totals.percent(), Some(83.33));
    assert_eq!(d.exceptions.len(), 1);
    let e = &d.exceptions[0];
    assert_eq!((e.start, e.end), (ms(10, 30), ms(11, 0)));
    assert_eq!(
        (e.scheduled_activity.as_str(), e.actual_state.as_str()),
        ("Work", "Break")
    );
}

/// SPEC §8, second example: work 9:00–10:30, break 10:30–11:00, meeting 11:00–12:00;
/// works until 10:45, then Break until 12:00.
#[test]
fn reference_example_two_is_165_of_180() {
    let s = one_agent(Shift {
        date: day(),
        start: at(9, 0),
        end: at(12, 0),
        activities: vec![
            placed("Break", (10, 30), (11, 0)),
            placed("Meeting", (11, 0), (12, 0)),
        ],
    });
    let d = run(
        &s,
        vec![
            AgentEvent::plain("ana", ms(9, 0), "Available", false),
            AgentEvent::plain("ana", ms(10, 45), "Break", false),
            AgentEvent::plain("ana", ms(12, 0), "Offline", false),
        ],
    );
    assert_eq!(d.totals.adherent_ms, 165 * 60_000);
    assert_eq!(d.totals.percent(), Some(91.67));
    assert_eq!(d.totals.adherent_hms(), "02:45:00");
    assert_eq!(d.totals.non_adherent_hms(), "00:15:00");
    assert_eq!(d.totals.scheduled_hms(), "03:00:00");
}

/// "Lunch" marked productive needs Available; a meal-type lunch needs a custom state.
#[test]
fn the_activity_type_counts_not_its_name() {
    let shift = |lunch_kind| {
        let r = AdherenceRules::new(&[ShiftActivity::new("Lunch", lunch_kind, 30, false)]);
        let s = one_agent(Shift {
            date: day(),
            start: at(8, 0),
            end: at(9, 0),
            activities: vec![placed("Lunch", (8, 30), (9, 0))],
        });
        let events = HashMap::from([(
            "ana".to_string(),
            vec![
                AgentEvent::plain("ana", ms(8, 0), "Available", false),
                AgentEvent::plain("ana", ms(8, 30), "Lunch", false),
                AgentEvent::plain("ana", ms(9, 0), "Offline", false),
            ],
        )]);
        schedule_adherence(&r, &s, &events, (day(), day()))[0]
            .totals
            .percent()
    };
    assert_eq!(shift(ActivityKind::Productive), Some(50.0));
    assert_eq!(shift(ActivityKind::Meal), Some(100.0));
}

/// Leaving 5 min early after starting 5 min early is 5 min non-adherent; unscheduled
/// time counts neither way; contacts during a meeting are not adherent.
#[test]
fn unscheduled_time_is_neither_and_contacts_in_training_are_not_adherent() {
    let s = one_agent(Shift {
        date: day(),
        start: at(8, 0),
        end: at(10, 0),
        activities: vec![placed("Meeting", (9, 0), (9, 30))],
    });
    let d = run(
        &s,
        vec![
            AgentEvent::plain("ana", ms(7, 55), "Available", false),
            AgentEvent::plain("ana", ms(9, 0), "Meeting", false),
            AgentEvent::plain("ana", ms(9, 10), "Meeting", true),
            AgentEvent::plain("ana", ms(9, 15), "Meeting", false),
            AgentEvent::plain("ana", ms(9, 30), "Available", false),
            AgentEvent::plain("ana", ms(9, 55), "Offline", false),
        ],
    );
    assert_eq!(d.totals.scheduled_ms, 120 * 60_000);
    assert_eq!(d.totals.non_adherent_ms, 10 * 60_000);
    assert_eq!(d.exceptions.len(), 2);
    assert!(d.exceptions[0].on_contact);
}

/// An activity with adherence off is not computed.
#[test]
fn adherence_off_activities_are_not_computed() {
    let mut coaching = ShiftActivity::new("Coaching", ActivityKind::NonProductive, 30, true);
    coaching.adherence = false;
    let r = AdherenceRules::new(&[coaching]);
    let shift = Shift {
        date: day(),
        start: at(8, 0),
        end: at(9, 0),
        activities: vec![placed("Coaching", (8, 30), (9, 0))],
    };
    let spans = r.scheduled_spans(&shift);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].end - spans[0].start, 30 * 60_000);
}

/// A missing logout: the last state runs to the end of the scheduled day, then Offline,
/// and does not run into the next day's shift.
#[test]
fn a_missing_logout_ends_with_the_scheduled_day() {
    let next = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let t2 = |h| Utc.with_ymd_and_hms(2026, 3, 3, h, 0, 0).unwrap();
    let s = Schedule {
        agents: vec![AgentSchedule {
            agent: "ana".into(),
            shifts: vec![
                Shift {
                    date: day(),
                    start: at(8, 0),
                    end: at(16, 0),
                    activities: vec![],
                },
                Shift {
                    date: next,
                    start: t2(8),
                    end: t2(16),
                    activities: vec![],
                },
            ],
        }],
    };
    let events = HashMap::from([(
        "ana".to_string(),
        vec![AgentEvent::plain("ana", ms(8, 0), "Available", false)],
    )]);
    let days = schedule_adherence(&rules(), &s, &events, (day(), next));
    assert_eq!(days[0].totals.percent(), Some(100.0));
    assert_eq!(days[1].totals.percent(), Some(0.0));
    assert_eq!(days[1].exceptions[0].actual_state, NO_STATE);
}

#[test]
fn reference_events_read_with_their_fields() {
    let line = r#"{"EventType":"STATE_CHANGE","EventId":"477b2cf0-c8e3-4b5f-a6b2-6fd1d4e3a0c2","EventTimestamp":"2026-03-02T08:00:00.000Z","CurrentAgentSnapshot":{"AgentStatus":{"Name":"Training","StartTimestamp":"2026-03-02T08:00:00.000Z"},"Configuration":{"Username":"ana"},"Contacts":[{"State":"CONNECTED"},{"State":"ENDED"}]},"PreviousAgentSnapshot":null,"NextAgentStatus":null}"#;
    let e: Vec<_> = EventReader::new(line.as_bytes(), "s.json")
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        (e[0].agent.as_str(), e[0].state.as_str()),
        ("ana", "Training")
    );
    assert!(e[0].on_contact);
    assert_eq!(e[0].at, ms(8, 0));
    let logout = line.replace("STATE_CHANGE", "LOGOUT");
    let e = EventReader::new(logout.as_bytes(), "s")
        .next()
        .unwrap()
        .unwrap();
    assert_eq!((e.state.as_str(), e.on_contact), ("Offline", false));
}

#[test]
fn bad_lines_are_named_by_file_line_and_field_and_reading_goes_on() {
    let text = "agent,timestamp,state\n\nana,2026-03-02T08:00:00Z,\nben,soon,Available\nana,2026-03-02T08:00:00Z,Lunch\nx\n";
    let r: Vec<_> = EventReader::new(text.as_bytes(), "s.csv").collect();
    let errors: Vec<String> = r
        .iter()
        .filter_map(|x| x.as_ref().err())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "s.csv:3: state: empty: a value is required",
            "s.csv:4: timestamp: expected a UTC instant such as 2026-03-02T08:00:00.000Z, found \"soon\"",
            "s.csv:6: expected 3 fields as in the header, found 1",
        ]
    );
    assert_eq!(r.iter().filter(|x| x.is_ok()).count(), 1);
    let e = EventReader::new("a,b\n".as_bytes(), "h.csv")
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(e.column, "agent");
    let e = EventReader::new(
        r#"{"EventType":"NAP","EventId":"1","EventTimestamp":"x"}"#.as_bytes(),
        "j",
    )
    .next()
    .unwrap()
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "j:1: EventType: expected STATE_CHANGE, HEART_BEAT, LOGIN or LOGOUT, found \"NAP\""
    );
}

fn sample_schedule(agents: usize) -> Schedule {
    Schedule {
        agents: (0..agents)
            .map(|i| AgentSchedule {
                agent: format!("a{i}"),
                shifts: vec![Shift {
                    date: day(),
                    start: at(8, 0),
                    end: at(16, 30),
                    activities: vec![
                        placed("Break", (10, 0), (10, 15)),
                        placed("Lunch", (12, 0), (12, 30)),
                        placed("Meeting", (15, 0), (16, 0)),
                    ],
                }],
            })
            .collect(),
    }
}

fn day_result(
    schedule: &Schedule,
    events: &[AgentEvent],
    watermark: i64,
) -> (Vec<DayAdherence>, SequenceReport) {
    let mut seq = Sequencer::new(watermark);
    let mut by_agent: HashMap<String, Vec<AgentEvent>> = HashMap::new();
    let mut put = |e: AgentEvent| by_agent.entry(e.agent.to_string()).or_default().push(e);
    for e in events {
        seq.push(e.clone(), &mut put);
    }
    seq.finish(&mut put);
    let r = schedule_adherence(&rules(), schedule, &by_agent, (day(), day()));
    (r, seq.report().clone())
}

#[test]
fn the_sample_day_reads_back_the_same_in_every_format() {
    let s = sample_schedule(5);
    let events = sample_events(
        &s,
        &rules(),
        day(),
        &SampleOptions {
            heartbeat_seconds: 120,
            ..SampleOptions::default()
        },
    );
    let (want, _) = day_result(&s, &events, 0);
    assert!(
        want.iter().any(|d| d.totals.percent() < Some(100.0)),
        "deviations are sampled"
    );
    for f in [
        EventFormat::Reference,
        EventFormat::Csv,
        EventFormat::JsonLines,
    ] {
        let mut text = Vec::new();
        write_events(&events, f, &mut text).unwrap();
        let back: Vec<AgentEvent> = EventReader::new(&text[..], "x")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(back.len(), events.len());
        assert_eq!(day_result(&s, &back, 0).0, want, "{f:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Adherent + non-adherent = scheduled, within 0–100 %; duplicates change nothing;
    /// the same events shuffled within the watermark give the same result.
    #[test]
    fn totals_add_up_and_order_and_duplicates_do_not_matter(
        seed in 0u64..1000,
        jitter in proptest::collection::vec(0i64..600_000, 400),
        dups in proptest::collection::vec(0usize..400, 0..30),
    ) {
        let s = sample_schedule(3);
        let events = sample_events(&s, &rules(), day(), &SampleOptions { seed, heartbeat_seconds: 300, ..SampleOptions::default() });
        let watermark = 10 * 60_000;
        let (want, _) = day_result(&s, &events, 0);
        for d in &want {
            prop_assert_eq!(d.totals.adherent_ms + d.totals.non_adherent_ms, d.totals.scheduled_ms);
            prop_assert_eq!(d.totals.adherent_seconds() + d.totals.non_adherent_seconds(), d.totals.scheduled_seconds());
            let p = d.totals.percent().unwrap();
            prop_assert!((0.0..=100.0).contains(&p));
        }
        // each event delayed by less than the watermark: arrival order by instant + delay
        let mut delayed: Vec<(i64, AgentEvent)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.at + jitter[i % jitter.len()], e.clone()))
            .collect();
        delayed.sort_by_key(|d| d.0);
        let mut shuffled: Vec<AgentEvent> = delayed.into_iter().map(|d| d.1).collect();
        let n = shuffled.len();
        for i in dups {
            let e = shuffled[i % n].clone();
            shuffled.insert((i % n) + 1, e);
        }
        let (got, report) = day_result(&s, &shuffled, watermark);
        prop_assert_eq!(report.late, 0);
        prop_assert_eq!(got, want);
    }

    /// Junk never panics the reader: every line is an event or a located problem.
    #[test]
    fn junk_input_is_reported_not_panicked_on(lines in proptest::collection::vec(".{0,80}", 0..8), json in any::<bool>()) {
        let mut text = if json { String::new() } else { "agent,timestamp,state,on_contact\n".to_string() };
        for l in &lines {
            text.push_str(l);
            text.push('\n');
        }
        for r in EventReader::new(text.as_bytes(), "junk") {
            if let Err(e) = r {
                prop_assert!(e.line >= 1);
                prop_assert!(!e.reason.is_empty());
            }
        }
    }

    /// Structured junk in the reference form: fields dropped or mangled.
    #[test]
    fn mangled_reference_events_are_located(drop in 0usize..6, garbage in "[a-zA-Z0-9:{}\\[\\]\",. -]{0,12}") {
        let keys = ["EventType", "EventId", "EventTimestamp", "Username", "Name", "Contacts"];
        let line = r#"{"EventType":"STATE_CHANGE","EventId":"e1","EventTimestamp":"2026-03-02T08:00:00.000Z","CurrentAgentSnapshot":{"AgentStatus":{"Name":"Lunch"},"Configuration":{"Username":"ana"},"Contacts":[]}}"#;
        let mangled = line.replacen(keys[drop], &garbage, 1);
        let got: Vec<_> = EventReader::new(mangled.as_bytes(), "m").collect();
        prop_assert_eq!(got.len(), 1);
    }
}

#[test]
fn the_monitor_agrees_with_the_historical_day_at_its_end() {
    let s = sample_schedule(4);
    let events = sample_events(&s, &rules(), day(), &SampleOptions::default());
    let (want, _) = day_result(&s, &events, 0);
    let mut m = Monitor::new(rules(), &s, day(), 5);
    for e in &events {
        m.apply(e);
    }
    for d in &want {
        let live = m.status(&d.agent, ms(23, 59)).unwrap();
        assert_eq!(live.adherence_today, d.totals.percent(), "{}", d.agent);
    }
}

/// Two teams, one agent absent for an hour: only that agent's team loses service level,
/// the all-teams row loses the same, and an interval without contacts loses nothing.
#[test]
fn service_impact_charges_the_absent_agents_team() {
    use crate::Scenario;
    use crate::demand::Demand;
    use crate::generate::IntervalForecast;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/scenarios/schedule_example.toml"
    ))
    .unwrap();
    let sc = Scenario::from_toml(&text, "example").unwrap();
    let shift = |a: &str| AgentSchedule {
        agent: a.into(),
        shifts: vec![Shift {
            date: day(),
            start: at(8, 0),
            end: at(12, 0),
            activities: vec![],
        }],
    };
    let schedule = Schedule {
        agents: vec![shift("ana"), shift("ben"), shift("max")],
    };
    // 8:00–12:00 busy (2 Erlangs a quarter hour), nothing else
    let quarters = (0..96)
        .map(|q| IntervalForecast {
            volume: if (32..48).contains(&q) { 10.0 } else { 0.0 },
            aht_seconds: if (32..48).contains(&q) { 180.0 } else { 0.0 },
        })
        .collect();
    let demand = Demand::from_quarters(day(), quarters);
    let span = |a: i64, b: i64, s: &str| StateSpan {
        start: a,
        end: b,
        state: s.into(),
        kind: StateKind::of(s),
        on_contact: false,
    };
    let states = HashMap::from([
        (
            "ana".to_string(),
            vec![span(ms(8, 0), ms(12, 0), "Available")],
        ),
        (
            "ben".to_string(),
            vec![span(ms(9, 0), ms(12, 0), "Available")],
        ), // an hour late
        (
            "max".to_string(),
            vec![span(ms(8, 0), ms(12, 0), "Available")],
        ),
    ]);
    let teams = vec![
        (
            "Day team".to_string(),
            vec!["ana".to_string(), "ben".to_string()],
        ),
        ("Evening team".to_string(), vec!["max".to_string()]),
    ];
    let rows = service_impact(&sc, &schedule, &demand, day(), &states, &teams).unwrap();
    let at_8 = |team: &str| {
        rows.iter()
            .find(|r| r.team == team && r.start == at(8, 0))
            .unwrap()
    };
    assert_eq!(at_8("Day team").scheduled_agents, 3.0);
    assert_eq!(at_8("Day team").available_agents, 2.0);
    assert!(at_8("Day team").service_level_points_lost > 1.0);
    assert_eq!(at_8("Evening team").service_level_points_lost, 0.0);
    assert_eq!(
        at_8(ALL_TEAMS).service_level_points_lost,
        at_8("Day team").service_level_points_lost
    );
    let at_10 = rows
        .iter()
        .find(|r| r.team == ALL_TEAMS && r.start == at(10, 0))
        .unwrap();
    assert_eq!(at_10.service_level_points_lost, 0.0);
    let at_14 = rows
        .iter()
        .find(|r| r.team == ALL_TEAMS && r.start == at(14, 0))
        .unwrap();
    assert_eq!((at_14.volume, at_14.service_level_points_lost), (0.0, 0.0));
}

/// The monitor's grace: an agent not yet switched into a break is adherent for the
/// break's grace minutes, then not; an alert comes once past the threshold.
#[test]
fn grace_minutes_and_alerts() {
    let s = one_agent(Shift {
        date: day(),
        start: at(8, 0),
        end: at(12, 0),
        activities: vec![placed("Break", (10, 0), (10, 15))],
    });
    let mut m = Monitor::new(rules().with_grace("Break", 3), &s, day(), 10);
    m.apply(&AgentEvent::plain("ana", ms(8, 0), "Available", false));
    let s1 = m.status("ana", ms(10, 2)).unwrap();
    assert_eq!((s1.adherent, s1.in_grace), (Some(true), true));
    let s2 = m.status("ana", ms(10, 4)).unwrap();
    assert_eq!(
        (s2.adherent, s2.in_grace, s2.out_of_adherence_ms),
        (Some(false), false, 4 * 60_000)
    );
    assert!(m.alerts(ms(10, 9)).is_empty());
    m.apply(&AgentEvent::plain("ana", ms(10, 20), "Offline", false));
    assert_eq!(m.alerts(ms(10, 31)).len(), 1);
    let s3 = m.status("ana", ms(13, 0)).unwrap();
    assert_eq!((s3.adherent, s3.scheduled), (None, None));
}

/// One agent in two schedules on one day: one row, both shifts by time, the later
/// schedule counting where they overlap (and the overlap a conflict).
#[test]
fn two_schedules_make_one_day_and_the_later_wins_where_they_overlap() {
    let sales = one_agent(Shift {
        date: day(),
        start: at(8, 0),
        end: at(12, 0),
        activities: vec![placed("Break", (11, 0), (11, 15))],
    });
    let support = one_agent(Shift {
        date: day(),
        start: at(11, 0),
        end: at(15, 0),
        activities: vec![],
    });
    // Available from 8:00 with no logout: the state runs to the end of both shifts
    let events = HashMap::from([(
        "ana".to_string(),
        vec![AgentEvent::plain("ana", ms(8, 0), "Available", false)],
    )]);
    let r = rules();
    let run = |layers: &[Layer<'_>]| combined_adherence(layers, &events, (day(), day()));
    let support_last = run(&[(&r, &sales), (&r, &support)]);
    assert_eq!(support_last.days.len(), 1);
    let t = support_last.days[0].totals;
    assert_eq!(
        (t.scheduled_ms, t.adherent_ms),
        (7 * 3_600_000, 7 * 3_600_000)
    );
    let c = &support_last.conflicts[..];
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].start, c[0].end, c[0].overridden, c[0].kept),
        (ms(11, 0), ms(12, 0), 0, 1)
    );
    // published the other way round, the Sales break counts: 15 minutes Available in it
    let sales_last = run(&[(&r, &support), (&r, &sales)]);
    let t = sales_last.days[0].totals;
    assert_eq!(
        (t.scheduled_ms, t.non_adherent_ms),
        (7 * 3_600_000, 15 * 60_000)
    );
    assert_eq!(sales_last.days[0].exceptions[0].scheduled_activity, "Break");
    assert_eq!(
        (
            sales_last.conflicts[0].overridden,
            sales_last.conflicts[0].kept
        ),
        (0, 1)
    );
    // one schedule alone is what schedule_adherence gives
    let alone = run(&[(&r, &sales)]);
    assert_eq!(
        alone.days,
        schedule_adherence(&r, &sales, &events, (day(), day()))
    );
    assert!(alone.conflicts.is_empty());
    // the monitor's plan is the same union
    let plans = day_plans(&[(&r, &sales), (&r, &support)], day());
    let scheduled: i64 = plans[0].1.iter().map(|s| s.end - s.start).sum();
    assert_eq!(scheduled, 7 * 3_600_000);
}

/// Before: a sample day of two schedules was one stream per schedule, each drawn from
/// the same seed, so an agent in both had two log-ins and two days of states at once, and
/// the two streams' events shared their `EventId`s (the second read as duplicates). Now
/// it is one stream: the agent's shifts by time, one stretch of work where they meet.
#[test]
fn a_sample_day_of_two_schedules_is_one_stream() {
    let morning = one_agent(Shift {
        date: day(),
        start: at(8, 0),
        end: at(12, 0),
        activities: vec![placed("Break", (10, 0), (10, 15))],
    });
    let mut afternoon = sample_schedule(3);
    afternoon.agents[0].agent = "ana".into();
    for s in &mut afternoon.agents[0].shifts {
        s.start = at(12, 0);
        s.activities.retain(|a| a.start >= at(12, 0));
    }
    let options = SampleOptions {
        late_login_share: 0.0,
        early_leave_share: 0.0,
        ..SampleOptions::default()
    };
    let r = rules();
    let events = sample_day(&[(&r, &morning), (&r, &afternoon)], day(), &options);
    let ana: Vec<&AgentEvent> = events.iter().filter(|e| e.agent == "ana").collect();
    let count = |t: EventType| ana.iter().filter(|e| e.event_type == t).count();
    assert_eq!((count(EventType::Login), count(EventType::Logout)), (1, 1));
    assert!(ana.first().unwrap().at <= ms(8, 0));
    assert!(ana.last().unwrap().at >= ms(16, 30));
    // both schedules' non-productive time is in her day: the morning break, the meeting
    assert!(ana.iter().any(|e| e.at == ms(10, 0) && e.state == "Break"));
    assert!(
        ana.iter()
            .any(|e| e.at == ms(15, 0) && e.state == "Meeting")
    );
    // the other agents of the afternoon are there, and nothing is a duplicate
    assert!(events.iter().any(|e| e.agent == "a1"));
    let (_, report) = day_result(&afternoon, &events, 0);
    assert_eq!((report.duplicates, report.late), (0, 0));
}

/// Before: the missing-logout rule ended a state at its shift's end even when the agent's
/// next shift, in another published schedule, started at that exact time (shifts that
/// meet were not one scheduled day), so an agent Available all day without a logout was
/// Offline for the whole second shift. Now the state runs on to the end of the day.
#[test]
fn a_missing_logout_runs_on_into_a_shift_of_another_schedule_that_starts_as_one_ends() {
    let shift = |a, b| Shift {
        date: day(),
        start: at(a, 0),
        end: at(b, 0),
        activities: vec![],
    };
    let (sales, support) = (one_agent(shift(8, 12)), one_agent(shift(12, 16)));
    let events = HashMap::from([(
        "ana".to_string(),
        vec![AgentEvent::plain("ana", ms(8, 0), "Available", false)],
    )]);
    let r = rules();
    let combined = combined_adherence(&[(&r, &sales), (&r, &support)], &events, (day(), day()));
    let t = combined.days[0].totals;
    assert_eq!(
        (t.scheduled_ms, t.adherent_ms),
        (8 * 3_600_000, 8 * 3_600_000)
    );
    assert!(combined.days[0].exceptions.is_empty());
    // the same when the caller gives the shifts as they are, not joined
    let bounds = [
        (ms(8, 0), ms(12, 0)),
        (ms(12, 0), ms(16, 0)),
        (ms(16, 0), ms(17, 0)),
    ];
    let states = agent_states(&events["ana"], &bounds);
    assert_eq!((states[0].start, states[0].end), (ms(8, 0), ms(17, 0)));
    // the service impact's states (per counted schedule) run on too
    let layers = counted_layers(&[&sales, &support], &events);
    let afternoon = &layers[1].states["ana"];
    assert_eq!(afternoon.last().map(|s| s.end), Some(ms(16, 0)));
    // a gap between shifts still ends the state
    let later = one_agent(shift(13, 16));
    let gap = combined_adherence(&[(&r, &sales), (&r, &later)], &events, (day(), day()));
    assert_eq!(gap.days[0].totals.adherent_ms, 4 * 3_600_000);
}
