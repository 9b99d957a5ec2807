//! The fuzz targets: one per parser of a user's file, each fed from memory through the
//! entry point the CLI and the workspace use after reading the file (text parsers get
//! the bytes through `str::from_utf8`, as `read_to_string` would), followed by the
//! first step that consumes the parsed values where that step is cheap (the forecast's
//! demand per quarter hour, the intraday shape, a schedule's validation against a
//! scenario).
//!
//! Each target has a seed corpus (the project's `data/` files and minimal valid
//! examples) and a dictionary of its own words for the mutator.

use std::sync::OnceLock;

use wfm::WfmError;
use wfm::capacity::{ForecastKind, parse_override, parse_scenario, read_forecast_from};
use wfm::core::capacity::{DailyDemand, IntradayShape, read_fte_csv};
use wfm::core::history::{
    Granularity, HistoryCsvOptions, RawFormat, RawOptions, read_history_csv, read_raw_contacts,
};
use wfm::core::{Channel, CoreError, IntervalLength};
use wfm::forecasting::{parse_overrides, read_holidays_from};
use wfm::scheduler::{Scenario, SchedulerError};
use wfm::scheduling::{points_demand, validate_schedule_json};
use wfm::staffing::read_csv_from;

/// The display name every target gives its input.
pub const FILE: &str = "fuzz";

/// What a parser made of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read without error.
    Accepted,
    /// Refused with an error of this kind (variant, column and reason with the values
    /// left out); `defect` says what is wrong with the error itself (no line, a line past
    /// the end of the input, no reason), if anything.
    Rejected {
        /// The error's kind.
        kind: String,
        /// What is wrong with the error report, if anything.
        defect: Option<String>,
    },
}

/// A parser under fuzzing.
pub struct Target {
    /// The name given to `--parser`.
    pub name: &'static str,
    /// What is parsed, and through which entry point.
    pub about: &'static str,
    /// The seed corpus.
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Words of the format for the mutator.
    pub dictionary: &'static [&'static str],
    /// Feeds one input to the parser.
    pub run: fn(&[u8]) -> Outcome,
}

/// Every target, in the order the bench script runs them.
pub fn all() -> Vec<Target> {
    vec![
        Target {
            name: "history-csv",
            about: "§2.1 history CSV: wfm_core::history::read_history_csv",
            seeds: history_seeds,
            dictionary: HISTORY_WORDS,
            run: history_csv,
        },
        Target {
            name: "raw-csv",
            about: "raw contact records, CSV: wfm_core::history::read_raw_contacts",
            seeds: raw_csv_seeds,
            dictionary: RAW_WORDS,
            run: |b| raw(b, RawFormat::Csv),
        },
        Target {
            name: "raw-jsonl",
            about: "raw contact records, JSON lines: wfm_core::history::read_raw_contacts",
            seeds: raw_json_seeds,
            dictionary: RAW_WORDS,
            run: |b| raw(b, RawFormat::JsonLines),
        },
        Target {
            name: "forecast-daily",
            about: "long-term forecast CSV: wfm::capacity::read_forecast_from (Daily), DailyDemand",
            seeds: forecast_daily_seeds,
            dictionary: HISTORY_WORDS,
            run: forecast_daily,
        },
        Target {
            name: "forecast-intervals",
            about: "short-term forecast CSV (plan, schedule generate): read_forecast_from \
                    (Intervals), IntradayShape, points_demand",
            seeds: forecast_interval_seeds,
            dictionary: HISTORY_WORDS,
            run: forecast_intervals,
        },
        Target {
            name: "forecast-override",
            about: "forecast override CSV: wfm::forecasting::parse_overrides",
            seeds: forecast_override_seeds,
            dictionary: HISTORY_WORDS,
            run: forecast_override,
        },
        Target {
            name: "fte-csv",
            about: "FTE/shrinkage CSV: wfm_core::capacity::read_fte_csv",
            seeds: fte_seeds,
            dictionary: FTE_WORDS,
            run: fte,
        },
        Target {
            name: "plan-override",
            about: "capacity plan override CSV: wfm::capacity::parse_override",
            seeds: plan_override_seeds,
            dictionary: &[],
            run: plan_override,
        },
        Target {
            name: "capacity-scenario",
            about: "capacity scenario TOML: wfm::capacity::parse_scenario (ScenarioSpec::validate)",
            seeds: capacity_scenario_seeds,
            dictionary: CAPACITY_WORDS,
            run: capacity_scenario,
        },
        Target {
            name: "schedule-scenario",
            about: "scheduling scenario TOML: wfm_scheduler::Scenario::from_toml",
            seeds: schedule_scenario_seeds,
            dictionary: SCHEDULE_WORDS,
            run: schedule_scenario,
        },
        Target {
            name: "schedule-json",
            about: "schedule JSON (wfm schedule validate): wfm::scheduling::validate_schedule_json \
                    against data/scenarios/schedule_example.toml",
            seeds: schedule_json_seeds,
            dictionary: SCHEDULE_WORDS,
            run: schedule_json,
        },
        Target {
            name: "holidays",
            about: "holidays CSV: wfm::forecasting::read_holidays_from",
            seeds: holiday_seeds,
            dictionary: &["date", "name", "scope", "*", "q1", "2024-12-25"],
            run: holidays,
        },
        Target {
            name: "staffing-csv",
            about: "staffing batch CSV (wfm staff): wfm::staffing::read_csv_from",
            seeds: staffing_seeds,
            dictionary: STAFFING_WORDS,
            run: staffing,
        },
    ]
}

// ---- seeds -------------------------------------------------------------------------

/// The first `lines` lines of a file under `data/` (read at run time: some are large),
/// or nothing if it is missing.
fn data_head(path: &str, lines: usize) -> Vec<Vec<u8>> {
    let full = format!("{}/data/{path}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(full) {
        Ok(bytes) => {
            let mut out: Vec<u8> = bytes
                .split_inclusive(|&b| b == b'\n')
                .take(lines)
                .flatten()
                .copied()
                .collect();
            if out.is_empty() {
                out = bytes;
            }
            vec![out]
        }
        Err(_) => Vec::new(),
    }
}

fn texts(items: &[&str]) -> Vec<Vec<u8>> {
    items.iter().map(|s| s.as_bytes().to_vec()).collect()
}

const HISTORY_HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled";
const FORECAST_HEADER: &str = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime";

const HISTORY_WORDS: &[&str] = &[
    "QueueName",
    "QueueId",
    "ChannelType",
    "TimeStamp",
    "IntervalDuration",
    "IncomingContactVolume",
    "AverageHandleTime",
    "ContactsHandled",
    "VOICE",
    "CHAT",
    "TASK",
    "voice",
    "daily",
    "15mins",
    "30mins",
    "60mins",
    "P10",
    "P50",
    "P90",
    "P",
    "q1",
    "1001",
    "Sales",
];

fn history_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        &format!("{HISTORY_HEADER}\n"),
        &format!(
            "{HISTORY_HEADER}\nSales,q1,VOICE,2024-07-01T00:00:00Z,15mins,12,300.5,11\n\
             Sales,q1,VOICE,2024-07-01T00:15:00Z,15mins,0,0,0\n\
             Support,q2,CHAT,2024-07-01T00:00:00Z,30mins,4,600,4\n\
             Sales,q1,VOICE,2024-07-01T00:00:00Z,daily,1200,310,1100\n"
        ),
        &format!(
            "\u{feff}{HISTORY_HEADER}\r\nSales,q1,TASK,2024-07-01T00:30:00Z,30mins,7,120,7\r\n"
        ),
    ]);
    seeds.extend(data_head("templates/history.csv", 10));
    seeds.extend(data_head("sample/daily.csv", 40));
    seeds.extend(data_head("sample/intervals_30min.csv", 40));
    seeds
}

const RAW_HEADER: &str = "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,enqueue_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds,answered";

const RAW_WORDS: &[&str] = &[
    "contact_id",
    "channel",
    "queue_id",
    "queue_name",
    "initiation_method",
    "initiation_timestamp",
    "enqueue_timestamp",
    "agent_interaction_seconds",
    "hold_seconds",
    "acw_seconds",
    "answered",
    "INBOUND",
    "OUTBOUND",
    "TRANSFER",
    "CALLBACK",
    "API",
    "QUEUE_TRANSFER",
    "VOICE",
    "CHAT",
    "TASK",
    "true",
    "false",
    "null",
    "\"x\":",
    "{",
    "}",
];

fn raw_csv_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        &format!("{RAW_HEADER}\n"),
        &format!(
            "{RAW_HEADER}\nc1,VOICE,q1,Sales,INBOUND,2024-07-01T16:45:00Z,,200,20,30,true\n\
             c2,VOICE,q1,Sales,TRANSFER,2024-07-01T16:50:00Z,2024-07-01T16:51:00Z,100,0,0,true\n\
             c3,CHAT,q2,Support,CALLBACK,2024-07-01T16:59:59Z,,,,,false\n\
             c4,VOICE,q1,Sales,OUTBOUND,2024-07-01T16:46:00Z,,900,0,0,true\n"
        ),
    ]);
    seeds.extend(data_head("templates/raw_contacts.csv", 10));
    seeds
}

fn raw_json_seeds() -> Vec<Vec<u8>> {
    texts(&[
        concat!(
            r#"{"contact_id":"c1","channel":"VOICE","queue_id":"q1","queue_name":"Sales","initiation_method":"INBOUND","initiation_timestamp":"2024-07-01T16:45:00Z","agent_interaction_seconds":200,"hold_seconds":20,"acw_seconds":30,"answered":true,"extra":{"ignored":1}}"#,
            "\n",
            r#"{"contact_id":"c2","channel":"CHAT","queue_id":"q1","queue_name":"Sales","initiation_method":"CALLBACK","initiation_timestamp":"2024-07-01T16:50:00Z","enqueue_timestamp":null,"agent_interaction_seconds":null,"answered":false}"#,
            "\n",
        ),
        concat!(
            r#"{"contact_id":"c3","channel":"TASK","queue_id":"q2","queue_name":"Back office","initiation_method":"API","initiation_timestamp":"2024-07-01T23:59:59.999Z","enqueue_timestamp":"2024-07-02T00:00:01Z","agent_interaction_seconds":1.5e2,"hold_seconds":0,"acw_seconds":0,"answered":true}"#,
            "\n\n",
            r#"{"contact_id":"c4","channel":"VOICE","queue_id":"q1","queue_name":"Sales \"A\"","initiation_method":"TRANSFER","initiation_timestamp":"2024-07-01T16:45:00+02:00","answered":false}"#,
        ),
    ])
}

fn forecast_daily_seeds() -> Vec<Vec<u8>> {
    texts(&[
        &format!(
            "{FORECAST_HEADER}\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200.5,310\n\
             Sales,q1,VOICE,2025-01-07T00:00:00Z,daily,1100,305\n\
             Sales,q1,CHAT,2025-01-06T00:00:00Z,daily,300,600\n"
        ),
        &format!(
            "{FORECAST_HEADER},P10,P50,P90\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200,310,1000,1200,1400\n"
        ),
    ])
}

fn forecast_interval_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        &format!(
            "{FORECAST_HEADER}\nSales,q1,VOICE,2025-01-06T09:00:00Z,30mins,12.5,310\n\
             Sales,q1,VOICE,2025-01-06T09:30:00Z,30mins,14,300\n\
             Sales,q1,CHAT,2025-01-06T09:00:00Z,30mins,3,600\n"
        ),
        &format!(
            "{FORECAST_HEADER},P10,P90\nSales,q1,VOICE,2025-01-06T09:15:00Z,15mins,2,310,1,3\n"
        ),
    ]);
    seeds.extend(data_head("scenarios/forecast_small.csv", 60));
    seeds
}

fn forecast_override_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        &format!(
            "{FORECAST_HEADER}\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,1200,310\n\
             Sales,q1,VOICE,2025-01-06T09:00:00Z,30mins,12,310\n\
             Support,1003,CHAT,2025-01-06T09:30:00Z,30mins,3,\n"
        ),
        &format!("{FORECAST_HEADER},P10,P90\nSales,q1,VOICE,2025-01-06T00:00:00Z,daily,,310,1,2\n"),
    ]);
    seeds.extend(data_head("templates/forecast_override.csv", 10));
    seeds
}

const FTE_WORDS: &[&str] = &[
    "FORECAST_GROUP",
    "Date",
    "AVAILABLE_FTE",
    "IN_OFFICE_SHRINKAGE",
    "OUT_OFFICE_SHRINKAGE",
    "Forecast For Demo",
    "Sales",
];

fn fte_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
         Forecast For Demo,2024-01-01T00:00:00Z,0,10,5\n\
         Forecast For Demo,2024-01-03T00:00:00Z,100,10,5",
        "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\r\n\
         Sales,2024-01-01T00:00:00Z,12.5,0,0\r\nSales,2024-01-02T00:00:00Z,12.5,99.9,0.1",
    ]);
    seeds.extend(data_head("templates/fte_shrinkage.csv", 10));
    seeds
}

fn plan_override_seeds() -> Vec<Vec<u8>> {
    texts(&[
        "2025-01-06,2025-01-13,2025-01-20\n120,,95.5",
        "2025-01-01,2025-02-01\n10,20\n",
    ])
}

const CAPACITY_WORDS: &[&str] = &[
    "name",
    "description",
    "max_occupancy",
    "daily_attrition",
    "fte_hours_per_week",
    "outsourced_share",
    "max_overtime",
    "max_vto",
    "[goal.VOICE]",
    "[goal.CHAT]",
    "[goal.TASK]",
    "service_level",
    "service_level_seconds",
    "asa_seconds",
    "concurrency",
    "[hiring]",
    "lead_weeks",
    "ramp",
    "cost_per_hire",
    "gap_cost_per_fte_week",
    " = ",
    "\n",
];

fn capacity_scenario_seeds() -> Vec<Vec<u8>> {
    let base = include_str!("../../../data/scenarios/capacity_base.toml");
    let hiring = base.replace("# [hiring]", "[hiring]").replace(
        "\n# lead_weeks = 6                  # 0 to 80\n# ramp = [0.25, 0.5, 0.75, 1.0]   # each in (0, 1]; default [1.0]\n# cost_per_hire = 4000            # ≥ 0\n# gap_cost_per_fte_week = 1500",
        "\nlead_weeks = 6\nramp = [0.25, 0.5, 0.75, 1.0]\ncost_per_hire = 4000\ngap_cost_per_fte_week = 1500",
    );
    texts(&[
        base,
        &hiring,
        "name = \"Base\"\ndaily_attrition = 0.002\nfte_hours_per_week = 40\nmax_occupancy = 0.85\n\
         [goal.VOICE]\nservice_level = 0.8\nservice_level_seconds = 20\n\
         [goal.CHAT]\nasa_seconds = 30\nconcurrency = 2\n",
    ])
}

const SCHEDULE_WORDS: &[&str] = &[
    "version",
    "interval",
    "forecast_groups",
    "[request]",
    "start",
    "end",
    "goal",
    "service_level",
    "average_speed_of_answer",
    "[[activities]]",
    "kind",
    "break",
    "meal",
    "productive",
    "non_productive",
    "time_off",
    "duration_minutes",
    "paid",
    "[[profiles]]",
    "[[profiles.activity_groups]]",
    "days",
    "flexible",
    "off",
    "work",
    "clock",
    "local",
    "earliest_start",
    "latest_end",
    "min_shift_minutes",
    "max_shift_minutes",
    "min_break_interval_minutes",
    "max_break_interval_minutes",
    "work_days_per_week",
    "days_off",
    "shift_minutes",
    "anchor",
    "earliest_minutes",
    "latest_minutes",
    "[[staffing_groups]]",
    "agents",
    "minimum_staff",
    "weekdays",
    "hours",
    "daily_max_hours",
    "weekly_min_hours",
    "[[staff_rules]]",
    "agent",
    "time_zone",
    "employment_start",
    "employment_end",
    "consecutive_work_days",
    "consecutive_days_off",
    "\"shifts\":",
    "\"activities\":",
    "\"activity\":",
    "\"date\":",
    "\"start\":",
    "\"end\":",
    "Break",
    "Lunch",
    "ana",
    "max",
    "lena",
];

fn schedule_scenario_seeds() -> Vec<Vec<u8>> {
    texts(&[
        include_str!("../../../data/scenarios/schedule_example.toml"),
        include_str!("../../../data/scenarios/schedule_small.toml"),
        include_str!("../../../data/scenarios/schedule_medium.toml"),
    ])
}

/// The scenario schedule JSON inputs are validated against.
fn example_scenario() -> &'static Scenario {
    static SCENARIO: OnceLock<Scenario> = OnceLock::new();
    SCENARIO.get_or_init(|| {
        Scenario::from_toml(
            include_str!("../../../data/scenarios/schedule_example.toml"),
            "schedule_example.toml",
        )
        .expect("data/scenarios/schedule_example.toml is valid")
    })
}

fn schedule_json_seeds() -> Vec<Vec<u8>> {
    texts(&[
        r#"{"agents":[]}"#,
        r#"{
  "agents": [
    {
      "agent": "ana",
      "shifts": [
        {
          "date": "2026-03-02",
          "start": "2026-03-02T12:00:00Z",
          "end": "2026-03-02T20:00:00Z",
          "activities": [
            {"activity": "Break", "start": "2026-03-02T13:45:00Z", "end": "2026-03-02T14:00:00Z"},
            {"activity": "Lunch", "start": "2026-03-02T15:30:00Z", "end": "2026-03-02T16:00:00Z"},
            {"activity": "Break", "start": "2026-03-02T18:15:00Z", "end": "2026-03-02T18:30:00Z"}
          ]
        },
        {
          "date": "2026-03-03",
          "start": "2026-03-03T13:00:00Z",
          "end": "2026-03-03T19:30:00Z",
          "activities": [
            {"activity": "Break", "start": "2026-03-03T14:30:00Z", "end": "2026-03-03T14:45:00Z"},
            {"activity": "Lunch", "start": "2026-03-03T16:30:00Z", "end": "2026-03-03T17:00:00Z"}
          ]
        }
      ]
    },
    {
      "agent": "max",
      "shifts": [
        {
          "date": "2026-03-08",
          "start": "2026-03-08T20:00:00Z",
          "end": "2026-03-09T00:30:00Z",
          "activities": [
            {"activity": "Break", "start": "2026-03-08T21:45:00Z", "end": "2026-03-08T22:00:00Z"}
          ]
        }
      ]
    },
    {"agent": "lena", "shifts": []},
    {"agent": "sam"}
  ]
}"#,
    ])
}

fn holiday_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        "date,name,scope\n2024-12-25,Christmas Day,*\n2024-12-26,Boxing Day,q1\n\n2025-01-01,,1001\n",
    ]);
    seeds.extend(data_head("templates/holidays.csv", 10));
    seeds
}

const STAFFING_WORDS: &[&str] = &[
    "id",
    "volume",
    "aht_seconds",
    "interval_seconds",
    "service_level_target",
    "service_level_seconds",
    "asa_seconds",
    "max_occupancy",
    "shrinkage",
    "concurrency",
    "patience_seconds",
];

fn staffing_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        "id,volume,aht_seconds,interval_seconds,service_level_target,service_level_seconds\na,100,300,1800,0.8,20\n",
    ]);
    seeds.extend(data_head("demo/staffing_day.csv", 30));
    seeds.extend(data_head("reference/bench_intervals_1000.csv", 30));
    seeds
}

// ---- runs --------------------------------------------------------------------------

/// Lines in `input` as a line counter sees them (a final line without a break counts).
fn line_count(input: &[u8]) -> u64 {
    input.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// What is wrong with a located error, if anything.
fn location_defect(input: &[u8], file: &str, line: u64, reason: &str) -> Option<String> {
    if file != FILE {
        Some(format!("names the file {file:?}"))
    } else if line == 0 {
        Some("line 0".into())
    } else if line > line_count(input) + 1 {
        Some(format!("line {line} past the end ({})", line_count(input)))
    } else if reason.trim().is_empty() {
        Some("empty reason".into())
    } else {
        None
    }
}

/// An error's text with the values left out (quoted text and digits), short.
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut last_digit = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
            if quoted {
                out.push_str("\"…\"");
            }
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
        if out.chars().count() >= 60 {
            break;
        }
    }
    out
}

fn variant(debug: &str) -> &str {
    let end = debug
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(debug.len());
    &debug[..end]
}

fn from_wfm(input: &[u8], e: &WfmError) -> Outcome {
    match e {
        WfmError::InvalidInput { errors } => {
            let defect = if errors.is_empty() {
                Some("no errors listed".into())
            } else {
                errors
                    .iter()
                    .find_map(|i| location_defect(input, &i.file, i.line, &i.reason))
            };
            let first = errors.first();
            Outcome::Rejected {
                kind: format!(
                    "InvalidInput/{}/{}",
                    normalize(first.map_or("", |i| i.column.as_str())),
                    normalize(first.map_or("", |i| i.reason.as_str()))
                ),
                defect,
            }
        }
        WfmError::Core(c) => from_core(input, c),
        WfmError::Scheduler(s) => from_scheduler(input, s),
        other => Outcome::Rejected {
            kind: normalize(&format!("{other:?}")),
            defect: None,
        },
    }
}

fn from_core(input: &[u8], e: &CoreError) -> Outcome {
    match e {
        CoreError::InvalidInput { issues, total } => {
            let defect = if issues.is_empty() || *total < issues.len() as u64 {
                Some(format!("{} issues listed, {total} counted", issues.len()))
            } else {
                issues
                    .iter()
                    .find_map(|i| location_defect(input, &i.file, i.line, &i.reason))
            };
            let first = &issues.first();
            Outcome::Rejected {
                kind: format!(
                    "InvalidInput/{}/{}",
                    normalize(first.map_or("", |i| i.column.as_str())),
                    normalize(first.map_or("", |i| i.reason.as_str()))
                ),
                defect,
            }
        }
        other => {
            let debug = format!("{other:?}");
            Outcome::Rejected {
                kind: format!("{}/{}", variant(&debug), normalize(&other.to_string())),
                defect: None,
            }
        }
    }
}

fn from_scheduler(input: &[u8], e: &SchedulerError) -> Outcome {
    let debug = format!("{e:?}");
    let defect = match e {
        SchedulerError::ScenarioSyntax {
            file, line, reason, ..
        } => location_defect(input, file, *line as u64, reason),
        _ => None,
    };
    Outcome::Rejected {
        kind: format!("{}/{}", variant(&debug), normalize(&e.to_string())),
        defect,
    }
}

fn not_utf8() -> Outcome {
    Outcome::Rejected {
        kind: "Io/not UTF-8".into(),
        defect: None,
    }
}

fn history_csv(input: &[u8]) -> Outcome {
    let interval = if input.len() % 2 == 0 {
        IntervalLength::Fifteen
    } else {
        IntervalLength::Thirty
    };
    let mut options = HistoryCsvOptions::new(interval);
    if input.len() % 3 == 0 {
        options.chunk_rows = 2;
    }
    match read_history_csv(FILE, input, &options) {
        Ok(h) => {
            assert_eq!(
                h.history.total_volume(),
                h.summary.volume,
                "accepted volume is not conserved"
            );
            Outcome::Accepted
        }
        Err(e) => from_core(input, &e),
    }
}

fn raw(input: &[u8], format: RawFormat) -> Outcome {
    let mut options = RawOptions::new(format, IntervalLength::Fifteen);
    options.granularity = match input.len() % 3 {
        0 => Granularity::Interval(IntervalLength::Fifteen),
        1 => Granularity::Interval(IntervalLength::Thirty),
        _ => Granularity::Daily,
    };
    match read_raw_contacts(FILE, input, &options) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_core(input, &e),
    }
}

fn forecast_daily(input: &[u8]) -> Outcome {
    match read_forecast_from(input, FILE, ForecastKind::Daily) {
        Ok(file) => {
            let demand = DailyDemand::from_points(&file.points);
            let _ = demand.range();
            Outcome::Accepted
        }
        Err(e) => from_wfm(input, &e),
    }
}

fn forecast_intervals(input: &[u8]) -> Outcome {
    match read_forecast_from(input, FILE, ForecastKind::Intervals) {
        Ok(file) => {
            if let Some(interval) = file.interval {
                let _ = IntradayShape::from_points(interval, &file.points);
            }
            if let Some(first) = file.points.first() {
                let day = first.start.date_naive();
                let _ = points_demand(&file.points, file.interval, Channel::Voice, day, 7);
            }
            Outcome::Accepted
        }
        Err(e) => from_wfm(input, &e),
    }
}

fn forecast_override(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    let queues = ["q1".to_owned(), "1003".to_owned()];
    let interval = if input.len() % 2 == 0 {
        IntervalLength::Thirty
    } else {
        IntervalLength::Fifteen
    };
    match parse_overrides(text, FILE, &queues, interval) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}

fn fte(input: &[u8]) -> Outcome {
    let groups: Option<&[&str]> = if input.len() % 2 == 0 {
        Some(&["Forecast For Demo", "Sales"])
    } else {
        None
    };
    match read_fte_csv(FILE, input, groups) {
        Ok(t) => {
            for g in t.groups.keys() {
                for d in t.days(g) {
                    let _ = d.shrinkage();
                }
            }
            Outcome::Accepted
        }
        Err(e) => from_core(input, &e),
    }
}

fn plan_override(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match parse_override(text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}

fn capacity_scenario(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match parse_scenario(text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}

fn schedule_scenario(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match Scenario::from_toml(text, FILE) {
        Ok(s) => {
            // What the CLI does next with a scenario: name its agents and their rules.
            for agent in s.agents() {
                let _ = (s.time_zone(agent), s.hours_of(agent), s.consecutive_of(agent));
            }
            Outcome::Accepted
        }
        Err(e) => from_scheduler(input, &e),
    }
}

fn schedule_json(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match validate_schedule_json(example_scenario(), text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}

fn holidays(input: &[u8]) -> Outcome {
    match read_holidays_from(input, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}

fn staffing(input: &[u8]) -> Outcome {
    match read_csv_from(input, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, &e),
    }
}
