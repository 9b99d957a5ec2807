//! The format reference's examples (`docs/formats/examples/`) parsed by the real parsers,
//! one test per example, so that the guide never shows a file wfm refuses. Where the
//! guide quotes an error text, a test also feeds a broken copy of the example and checks
//! that exact text.

use std::path::{Path, PathBuf};

use wfm::core::IntervalLength;
use wfm::core::history::{
    HistoryCsvOptions, RawFormat, RawOptions, read_history_csv, read_raw_contacts,
};
use wfm::{InputError, WfmError};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/formats/examples")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(example(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The text of the format reference page `name` (`docs/formats/NAME`).
fn page(name: &str) -> String {
    let path = example("").parent().unwrap().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The `FILE:LINE: COLUMN: reason` lines of an invalid-input error.
fn input_errors(e: WfmError) -> Vec<String> {
    match e {
        WfmError::InvalidInput { errors, .. } => errors.iter().map(InputError::to_string).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn history_interval_example_is_valid() {
    let csv = text("history_interval.csv");
    let options = HistoryCsvOptions::new(IntervalLength::Thirty);
    let import = read_history_csv("h.csv", csv.as_bytes(), &options).unwrap();
    assert_eq!(import.history.records.len(), 3);
    // the error the guide quotes for a timestamp off the grid
    let bad = csv.replace("2024-07-01T13:30:00Z", "2024-07-01T13:40:00Z");
    let e = read_history_csv("h.csv", bad.as_bytes(), &options).unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "h.csv:3: TimeStamp: \"2024-07-01T13:40:00Z\" is not on a 30-minute boundary: \
         intervals start at :00 or :30 with 0 seconds"
    );
}

#[test]
fn history_daily_example_is_valid() {
    let csv = text("history_daily.csv");
    let options = HistoryCsvOptions::new(IntervalLength::Fifteen);
    let import = read_history_csv("d.csv", csv.as_bytes(), &options).unwrap();
    assert_eq!(import.history.records.len(), 2);
    let bad = csv.replace(",1295,", ",12.5,");
    let e = read_history_csv("d.csv", bad.as_bytes(), &options).unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "d.csv:3: IncomingContactVolume: \"12.5\" has decimals: a whole number is needed (no decimals)"
    );
}

#[test]
fn raw_contacts_csv_example_is_valid() {
    let csv = text("raw_contacts.csv");
    let options = RawOptions::new(RawFormat::Csv, IntervalLength::Fifteen);
    let out = read_raw_contacts("raw.csv", csv.as_bytes(), &options).unwrap();
    // c1, c2 and c3 arrive in 16:45–17:00; c4 (OUTBOUND) is excluded
    let r = out.history.records[0];
    assert_eq!(out.history.records.len(), 1);
    assert_eq!((r.volume, r.handled), (3, 2));
    assert_eq!(r.aht_seconds, 235.0); // ((240 + 0 + 30) + (180 + 20 + 0)) / 2
    assert_eq!(out.summary.excluded_by_method, 1);
}

#[test]
fn raw_contacts_json_lines_example_is_valid() {
    let jsonl = text("raw_contacts.jsonl");
    let options = RawOptions::new(RawFormat::JsonLines, IntervalLength::Fifteen);
    let out = read_raw_contacts("raw.jsonl", jsonl.as_bytes(), &options).unwrap();
    assert_eq!(out.history.records.len(), 2); // one VOICE and one CHAT interval
}

#[test]
fn short_term_forecast_example_is_valid() {
    use wfm::capacity::read_forecast_csv;
    use wfm::core::forecast::ForecastKind;
    let file = read_forecast_csv(&example("forecast_short.csv"), ForecastKind::Short).unwrap();
    assert_eq!(file.rows(), 2);
    assert_eq!(file.interval(), Some(IntervalLength::Thirty));
}

#[test]
fn long_term_forecast_example_is_valid() {
    use wfm::capacity::read_forecast_csv;
    use wfm::core::forecast::{self, ForecastKind};
    let file = read_forecast_csv(&example("forecast_long.csv"), ForecastKind::Long).unwrap();
    assert_eq!(file.rows(), 2);
    let bad = text("forecast_long.csv").replace(",VOICE,2024-08-06", ",FAX,2024-08-06");
    let e = forecast::read_forecast_csv(bad.as_bytes(), "lt.csv", ForecastKind::Long).unwrap_err();
    assert_eq!(
        input_errors(e.into())[0],
        "lt.csv:3: ChannelType: \"FAX\" is not VOICE, CHAT or TASK"
    );
}

#[test]
fn forecast_override_example_is_valid() {
    use wfm::forecasting::parse_overrides;
    let csv = text("forecast_override.csv");
    let queues = ["1001".to_owned()];
    let rows = parse_overrides(&csv, "o.csv", &queues, IntervalLength::Thirty).unwrap();
    assert_eq!(rows.len(), 2);
    let bad = csv.replace(",48,", ",48.5,");
    let e = parse_overrides(&bad, "o.csv", &queues, IntervalLength::Thirty).unwrap_err();
    assert_eq!(
        input_errors(e)[0],
        "o.csv:2: IncomingContactVolume: \"48.5\" is not a non-negative whole number of contacts"
    );
}

#[test]
fn fte_shrinkage_example_is_valid() {
    use wfm::core::capacity::read_fte_csv;
    let csv = text("fte_shrinkage.csv");
    let table = read_fte_csv("fte.csv", csv.as_bytes(), Some(&["Sales"])).unwrap();
    assert_eq!(table.days("Sales").len(), 2);
    let e = read_fte_csv("fte.csv", csv.as_bytes(), Some(&["Service"])).unwrap_err();
    assert_eq!(
        e.issues()[0].to_string(),
        "fte.csv:2: FORECAST_GROUP: no forecast group named \"Sales\""
    );
}

#[test]
fn plan_override_example_is_valid() {
    let csv = text("plan_override.csv");
    let overrides = wfm::capacity::parse_override(&csv, "o.csv").unwrap();
    let days: Vec<String> = overrides.iter().map(|(d, _)| d.to_string()).collect();
    assert_eq!(days, ["2025-01-06", "2025-01-20"]);
    assert_eq!(overrides[1].1, 95.5);
    // the errors the guide quotes
    let quoted = page("plan-override-csv.md");
    let bad = csv.replace("95.5", "-1");
    assert_ne!(bad, csv);
    let e = input_errors(wfm::capacity::parse_override(&bad, "o.csv").unwrap_err());
    assert_eq!(
        e,
        ["o.csv:2: 2025-01-20: \"-1\" is not a non-negative number of FTE"]
    );
    assert!(quoted.contains("`\"-1\" is not a non-negative number of FTE`"));
    let bad = csv.replace(",,", ",");
    let e = input_errors(wfm::capacity::parse_override(&bad, "o.csv").unwrap_err());
    assert_eq!(e, ["o.csv:2: 2 values for 3 periods"]);
    assert!(quoted.contains("`2 values for 3 periods`"));
    let e =
        input_errors(wfm::capacity::parse_override(&format!("{csv}1,2,3\n"), "o.csv").unwrap_err());
    assert_eq!(
        e,
        [
            "o.csv:1: 3 line(s): an override has a header of period start dates and one row of \
          required FTE values"
        ]
    );
    assert!(quoted.contains(
        "`3 line(s): an override has a header of period start dates and one row of required FTE values`"
    ));
}

#[test]
fn holidays_example_is_valid() {
    use wfm::forecasting::read_holidays_from;
    let csv = text("holidays.csv");
    let holidays = read_holidays_from(csv.as_bytes(), "holidays.csv").unwrap();
    assert_eq!(holidays["*"].len(), 1);
    assert_eq!(holidays["1001"].len(), 1);
    let bad = csv.replace(",1001", ",");
    let e = read_holidays_from(bad.as_bytes(), "holidays.csv").unwrap_err();
    assert_eq!(
        input_errors(e)[0],
        "holidays.csv:3: scope: empty: give a queue id or * for every queue"
    );
}

#[test]
fn capacity_scenario_example_is_valid() {
    use wfm::capacity::parse_scenario;
    let toml = text("capacity_scenario.toml");
    let scenario = parse_scenario(&toml, "capacity_scenario.toml").unwrap();
    assert_eq!(scenario.name, "Base 2025");
    let bad = toml.replace("fte_hours_per_week = 40", "fte_hours_per_week = 200");
    let e = parse_scenario(&bad, "s.toml").unwrap_err();
    assert_eq!(
        input_errors(e)[0],
        "s.toml:3: fte_hours_per_week: must be more than 0 and at most 168, got 200"
    );
}

/// The broken copies of the capacity example whose texts the page's "Error texts" quote.
#[test]
fn capacity_scenario_error_texts_are_the_ones_the_guide_quotes() {
    use wfm::capacity::parse_scenario;
    let toml = text("capacity_scenario.toml");
    let page = page("capacity-scenario.md");
    let cases = [
        (
            toml.replace("daily_attrition = 0.002", "daily_attrition = 1"),
            "s.toml:2: daily_attrition: must be in [0, 1), got 1",
            "`daily_attrition`: `must be in [0, 1), got 1`",
        ),
        (
            toml.replace("[goal.VOICE]", "[goal.FAX]"),
            "s.toml:5: goal.FAX: the channel must be VOICE, CHAT or TASK",
            "`goal.FAX`: `the channel must be VOICE, CHAT or TASK`",
        ),
        (
            toml.replace(
                "service_level_seconds = 30",
                "service_level_seconds = 30\nasa_seconds = 20",
            ),
            "s.toml:5: goal.VOICE: give service_level with service_level_seconds, or asa_seconds",
            "`goal.VOICE`: `give service_level with service_level_seconds, or asa_seconds`",
        ),
        (
            toml.replace("service_level = 0.80", "service_level = 1.5"),
            "s.toml:5: goal.VOICE: service_level_target must be between 0 and 1, exclusive, got 1.5",
            "`goal.VOICE`: `service_level_target must be between 0 and 1, exclusive, got 1.5`",
        ),
    ];
    for (bad, expected, quoted) in cases {
        assert_ne!(
            bad, toml,
            "the example no longer has what {expected:?} breaks"
        );
        let e = parse_scenario(&bad, "s.toml").unwrap_err();
        assert_eq!(input_errors(e)[0], expected);
        assert!(page.contains(quoted), "the page does not quote {quoted}");
    }
}

#[test]
fn scheduling_scenario_example_is_valid() {
    let toml = text("scheduling_scenario.toml");
    let scenario = wfm::scheduler::Scenario::from_toml(&toml, "scenario.toml").unwrap();
    assert_eq!(scenario.agents().len(), 2);
}

/// The broken copies of the scheduling example whose texts the page's "Error texts" quote
/// (with `FILE` for the file name).
#[test]
fn scheduling_scenario_error_texts_are_the_ones_the_guide_quotes() {
    let toml = text("scheduling_scenario.toml");
    let page = page("scheduling-scenario.md");
    let second_break = "[[activities]]\nname = \"Break\"\nkind = \"break\"\n\
                        duration_minutes = 15\npaid = true\n\n[[profiles]]";
    let cases = [
        (
            toml.replace("version = 1", "version = 2"),
            "FILE: scenario version 2 is not supported (this release reads version 1)",
        ),
        (
            toml.replace("[[profiles]]", second_break),
            "FILE: activity 'Break' is defined twice",
        ),
        (
            toml.replace("profile = \"Day\"", "profile = \"Night\""),
            "FILE: staffing group 'Day team', field 'profile': unknown shift profile 'Night'",
        ),
        (
            toml.replace(
                "activity = \"Break\", earliest_minutes",
                "activity = \"Lunch\", earliest_minutes",
            ),
            "FILE: shift profile 'Day', activity group 'default', field 'activity': unknown activity 'Lunch'",
        ),
        (
            toml.replace("duration_minutes = 15", "duration_minutes = 20"),
            "FILE: activity 'Break', field 'duration_minutes': 20 must be a multiple of 15 minutes",
        ),
        (
            toml.replace("target = 0.8", "target = 1.5"),
            "FILE: request, field 'goal.target': 1.5 service_level_target must be between 0 and 1, exclusive, got 1.5",
        ),
    ];
    for (bad, quoted) in cases {
        assert_ne!(
            bad, toml,
            "the example no longer has what {quoted:?} breaks"
        );
        let e = wfm::scheduler::Scenario::from_toml(&bad, "FILE").unwrap_err();
        assert_eq!(e.to_string(), quoted);
        assert!(
            page.contains(&format!("`{quoted}`")),
            "the page does not quote {quoted}"
        );
    }
}

#[test]
fn schedule_json_example_is_valid() {
    let json = text("schedule.json");
    let schedule: wfm::scheduler::Schedule = serde_json::from_str(&json).unwrap();
    assert_eq!(schedule.agents.len(), 1);
    // the example's shift keeps the example scenario's rules that one shift can keep
    let scenario =
        wfm::scheduler::Scenario::from_toml(&text("scheduling_scenario.toml"), "s.toml").unwrap();
    let violations = wfm::scheduler::validate(&scenario, &schedule);
    assert!(
        violations
            .iter()
            .all(|v| v.rule == wfm::scheduler::Rule::WorkDayMissing),
        "{violations:?}"
    );
}

/// The parse error form the schedule JSON page quotes.
#[test]
fn schedule_json_parse_error_is_the_one_the_guide_quotes() {
    let scenario =
        wfm::scheduler::Scenario::from_toml(&text("scheduling_scenario.toml"), "s.toml").unwrap();
    let e = wfm::scheduling::validate_schedule_json(&scenario, "{\n\"agents\": 3}", "s.json")
        .unwrap_err();
    let quoted = input_errors(e)[0].clone();
    assert!(quoted.starts_with("s.json:2: column "), "{quoted}");
    assert!(
        page("schedule-json.md").contains(&format!("``{quoted}``")),
        "the page does not quote {quoted}"
    );
}

#[test]
fn report_json_example_is_valid() {
    let json = text("report.json");
    let report: wfm::scheduler::generate::HorizonReport = serde_json::from_str(&json).unwrap();
    assert_eq!(report.shifts, 10);
}

#[test]
fn staffing_batch_example_is_valid() {
    let batch = wfm::staffing::read_csv(&example("staffing.csv")).unwrap();
    assert_eq!(batch.rows().len(), 2);
    let bad =
        text("staffing.csv").replace("09:30,180,250,1800,,,30", "09:30,180,250,1800,0.8,20,30");
    let e = wfm::staffing::read_csv_from(bad.as_bytes(), "s.csv").unwrap_err();
    assert_eq!(
        input_errors(e)[0],
        "s.csv:3: asa_target_seconds: give either a service-level goal or an ASA goal, not both"
    );
}

#[test]
fn schedule_changes_example_is_valid() {
    let batch =
        wfm::scheduling::edit::parse_changes(&text("schedule_changes.jsonl"), "c.jsonl").unwrap();
    assert_eq!(batch.edits.len(), 5);
    assert_eq!(batch.edits[2].edit.op(), "add_activity");
    let bad = text("schedule_changes.jsonl").replace("\"agent\": \"ben\"", "\"agent\": 7");
    let e = wfm::scheduling::edit::parse_changes(&bad, "c.jsonl").unwrap_err();
    assert!(input_errors(e)[0].starts_with("c.jsonl:2: "));
}

/// The change record the format page shows is what wfm writes, field by field.
#[test]
fn change_records_example_is_what_wfm_writes() {
    use chrono::{NaiveDate, TimeZone, Utc};
    use wfm::scheduler::{PlacedActivity, Shift};
    use wfm::store::{ChangeCause, ChangeRecord, DocumentId};
    let at = |h, m| Utc.with_ymd_and_hms(2026, 3, 3, h, m, 0).unwrap();
    let shift = |h| Shift {
        date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        start: at(h, 0),
        end: at(h + 8, 0),
        activities: vec![PlacedActivity {
            activity: "Break".into(),
            start: at(h + 2, 0),
            end: at(h + 2, 15),
        }],
    };
    let record = ChangeRecord {
        seq: 17,
        key: "12/0/publish/kai".into(),
        schedule: DocumentId(12),
        revision: 0,
        cause: ChangeCause::Publish,
        agent: "kai".into(),
        dates: vec![NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()],
        before: vec![shift(13)],
        after: vec![shift(14)],
        actor: "planner.ana".into(),
        at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    };
    assert_eq!(
        serde_json::to_string(&record).unwrap(),
        text("change_records.jsonl").trim_end()
    );
}

#[test]
fn agent_event_examples_are_valid_and_the_same_day() {
    use wfm::scheduler::adherence::{AgentEvent, EventReader, state_spans};
    let read = |name: &str| -> Vec<AgentEvent> {
        EventReader::new(text(name).as_bytes(), name)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let (csv, json) = (read("agent_events.csv"), read("agent_events.jsonl"));
    assert_eq!((csv.len(), json.len()), (5, 6));
    let spans = |e: &[AgentEvent]| {
        state_spans(e, i64::MAX)
            .into_iter()
            .map(|s| (s.start, s.state, s.on_contact))
            .collect::<Vec<_>>()
    };
    assert_eq!(spans(&csv), spans(&json));
    let page = page("agent-events.md");
    let bad = text("agent_events.csv").replace("2026-03-02T08:12:40Z", "8 o'clock");
    let e = EventReader::new(bad.as_bytes(), "events.csv")
        .find_map(Result::err)
        .unwrap();
    assert!(page.contains(&e.to_string()), "{e}");
}

/// Every file in `docs/formats/examples/` is one the tests above parse, and the format
/// reference shows its content verbatim (so the page and the tested file cannot drift).
#[test]
fn every_example_is_tested_and_shown_in_the_guide() {
    const TESTED: [&str; 19] = [
        "agent_events.csv",
        "agent_events.jsonl",
        "capacity_scenario.toml",
        "change_records.jsonl",
        "forecast_long.csv",
        "forecast_override.csv",
        "forecast_short.csv",
        "fte_shrinkage.csv",
        "history_daily.csv",
        "history_interval.csv",
        "holidays.csv",
        "plan_override.csv",
        "raw_contacts.csv",
        "raw_contacts.jsonl",
        "report.json",
        "schedule.json",
        "schedule_changes.jsonl",
        "scheduling_scenario.toml",
        "staffing.csv",
    ];
    let dir = example("");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found, TESTED,
        "an example without a test, or a test without its file"
    );
    let pages: String = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for name in TESTED {
        let content = text(name);
        assert!(
            pages.contains(content.trim_end()),
            "{name} is not shown verbatim in docs/formats/*.md"
        );
    }
}

fn wfm() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.env_remove("WFM_WORKSPACE");
    c
}

/// The help of every command, as the man pages render it: no page may send a user to
/// our internal specification ("SPEC §3"), which users do not have.
#[test]
fn man_pages_cover_every_command_and_never_cite_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    wfm().args(["man", "--output"]).arg(&out).assert().success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for page in [
        "wfm.1",
        "wfm-staff.1",
        "wfm-history-import.1",
        "wfm-forecast.1",
        "wfm-forecast-compute.1",
        "wfm-plan-scenario-create.1",
        "wfm-schedule-generate.1",
        "wfm-completions.1",
        "wfm-man.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} missing: {names:?}");
    }
    assert!(!names.iter().any(|n| n.ends_with("-help.1")), "{names:?}");
    let compute = std::fs::read_to_string(out.join("wfm-forecast-compute.1")).unwrap();
    assert!(compute.contains("group"), "{compute}");
    for name in &names {
        let page = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(
            !page.contains("SPEC") && !page.contains('§'),
            "{name} cites the internal specification"
        );
    }
}

#[test]
fn completions_are_generated_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "_wfm()"),
        ("zsh", "#compdef wfm"),
        ("fish", "complete -c wfm"),
    ] {
        let out = wfm().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        // subcommands two levels down are completed too
        assert!(
            script.contains("compute") && script.contains("publish"),
            "{shell}"
        );
    }
    wfm().args(["completions", "tcsh"]).assert().code(2);
}
