//! The seed corpus of every fuzz target — the project's `data/` files (the first lines
//! of the large ones) and minimal valid examples — and each format's words for the
//! mutator's dictionary.

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

pub const HISTORY_WORDS: &[&str] = &[
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

pub fn history_seeds() -> Vec<Vec<u8>> {
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

pub const RAW_WORDS: &[&str] = &[
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

pub fn raw_csv_seeds() -> Vec<Vec<u8>> {
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

pub fn raw_json_seeds() -> Vec<Vec<u8>> {
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

pub fn forecast_daily_seeds() -> Vec<Vec<u8>> {
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

pub fn forecast_interval_seeds() -> Vec<Vec<u8>> {
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

pub fn forecast_override_seeds() -> Vec<Vec<u8>> {
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

pub const FTE_WORDS: &[&str] = &[
    "FORECAST_GROUP",
    "Date",
    "AVAILABLE_FTE",
    "IN_OFFICE_SHRINKAGE",
    "OUT_OFFICE_SHRINKAGE",
    "Forecast For Demo",
    "Sales",
];

pub fn fte_seeds() -> Vec<Vec<u8>> {
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

pub fn plan_override_seeds() -> Vec<Vec<u8>> {
    texts(&[
        "2025-01-06,2025-01-13,2025-01-20\n120,,95.5",
        "2025-01-01,2025-02-01\n10,20\n",
    ])
}

pub const CAPACITY_WORDS: &[&str] = &[
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

pub fn capacity_scenario_seeds() -> Vec<Vec<u8>> {
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

pub const SCHEDULE_WORDS: &[&str] = &[
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

pub fn schedule_scenario_seeds() -> Vec<Vec<u8>> {
    texts(&[
        include_str!("../../../data/scenarios/schedule_example.toml"),
        include_str!("../../../data/scenarios/schedule_small.toml"),
        include_str!("../../../data/scenarios/schedule_medium.toml"),
    ])
}

pub fn schedule_json_seeds() -> Vec<Vec<u8>> {
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

pub fn holiday_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        "date,name,scope\n2024-12-25,Christmas Day,*\n2024-12-26,Boxing Day,q1\n\n2025-01-01,,1001\n",
    ]);
    seeds.extend(data_head("templates/holidays.csv", 10));
    seeds
}

pub const STAFFING_WORDS: &[&str] = &[
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

pub fn staffing_seeds() -> Vec<Vec<u8>> {
    let mut seeds = texts(&[
        "id,volume,aht_seconds,interval_seconds,service_level_target,service_level_seconds\na,100,300,1800,0.8,20\n",
    ]);
    seeds.extend(data_head("demo/staffing_day.csv", 30));
    seeds.extend(data_head("reference/bench_intervals_1000.csv", 30));
    seeds
}

/// Every format's words, for telling a real column name from a made-up one.
pub const ALL_WORDS: &[&[&str]] = &[
    HISTORY_WORDS,
    RAW_WORDS,
    FTE_WORDS,
    CAPACITY_WORDS,
    SCHEDULE_WORDS,
    STAFFING_WORDS,
    &["date", "name", "scope"],
];
