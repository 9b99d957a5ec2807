//! The fuzz targets: one per parser of a user's file, each fed from memory through the
//! entry point the CLI and the workspace use after reading the file (text parsers get
//! the bytes through `str::from_utf8`, as `read_to_string` would), followed by the
//! first step that consumes the parsed values where that step is cheap (the forecast's
//! demand per quarter hour, the intraday shape, a schedule's validation against a
//! scenario).
//!
//! Each target has a seed corpus and a dictionary of its own words for the mutator
//! (`corpus.rs`).

use std::sync::OnceLock;

use wfm::WfmError;
use wfm::capacity::{parse_override, parse_scenario};
use wfm::core::capacity::{DailyDemand, IntradayShape, read_fte_csv};
use wfm::core::forecast::{ForecastKind, read_forecast_csv};
use wfm::core::history::{
    Granularity, HistoryCsvOptions, RawFormat, RawOptions, read_history_csv, read_raw_contacts,
};
use wfm::core::{Channel, CoreError, IntervalLength};
use wfm::forecasting::{parse_overrides, read_holidays_from};
use wfm::scheduler::Demand;
use wfm::scheduler::{Scenario, Schedule, SchedulerError, validate};
use wfm::scheduling::validate_schedule_json;
use wfm::staffing::read_csv_from;

use super::corpus::{self, *};

/// The display name every target gives its input.
pub const FILE: &str = "fuzz";

/// What a parser made of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read without error.
    Accepted,
    /// Refused with an error of this kind (variant, column and reason with the values
    /// left out); `defect` says what is wrong with the error itself (no line, a line past
    /// the end of the input, a blank line, no reason), if anything, and quotes the error.
    Rejected {
        /// The error's kind.
        kind: String,
        /// What is wrong with the error report, if anything, and the error.
        defect: Option<(String, String)>,
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
            about: "long-term forecast CSV: wfm::core::forecast::read_forecast_csv (Long), DailyDemand",
            seeds: forecast_daily_seeds,
            dictionary: HISTORY_WORDS,
            run: forecast_daily,
        },
        Target {
            name: "forecast-intervals",
            about: "short-term forecast CSV (plan, schedule generate): read_forecast_csv \
                    (Short), IntradayShape, Demand::from_forecast",
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

// ---- runs --------------------------------------------------------------------------

/// Lines in `input` as a line counter sees them (a final line without a break counts).
fn line_count(input: &[u8]) -> u64 {
    input.iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// How an input's lines relate to what a parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A header, then one record a line: a blank line holds no record, so only an error
    /// about blank lines (or the file's end) may name one.
    Rows,
    /// TOML, JSON or a file whose blank line may itself be the problem.
    Free,
}

/// What is wrong with a located error, if anything.
fn location_defect(
    input: &[u8],
    layout: Layout,
    file: &str,
    line: u64,
    reason: &str,
) -> Option<(String, String)> {
    defect_of(input, layout, file, line, reason)
        .map(|what| (what, format!("{file}:{line}: {reason}")))
}

fn defect_of(input: &[u8], layout: Layout, file: &str, line: u64, reason: &str) -> Option<String> {
    if file != FILE {
        Some(format!("names the file {file:?}"))
    } else if line == 0 {
        Some("line 0".into())
    } else if line > line_count(input) + 1 {
        Some(format!("line {line} past the end ({})", line_count(input)))
    } else if reason.trim().is_empty() {
        Some("empty reason".into())
    } else if layout == Layout::Rows
        && line > 1
        && is_blank_line(input, line)
        && !about_blank_lines(reason)
    {
        Some("names a blank line for a problem elsewhere".into())
    } else {
        None
    }
}

/// Whether line `line` (1-based, lines split at `\n`) of `input` exists and holds nothing
/// but a `\r`.
fn is_blank_line(input: &[u8], line: u64) -> bool {
    let index = usize::try_from(line - 1).unwrap_or(usize::MAX);
    let last = input.split(|&b| b == b'\n').count();
    // The empty text after a final line break is where "the file ends" is reported.
    index + 1 < last
        && input
            .split(|&b| b == b'\n')
            .nth(index)
            .is_some_and(|l| l.is_empty() || l == b"\r")
}

/// Whether an error's reason may rightly name a blank line: one about blank lines or the
/// file's end, a missing key (which has no line of its own), or a line break inside a
/// JSON string (reported at column 0 of the next line).
fn about_blank_lines(reason: &str) -> bool {
    let r = reason.to_lowercase();
    [
        "blank",
        "empty",
        "line break",
        "end of",
        "ends",
        "eof",
        "header",
        "unexpected end",
        "missing",
        "control character",
    ]
    .iter()
    .any(|w| r.contains(w))
}

/// An error's text with the values left out (quoted text and digits), cut after
/// `max` characters: a kind, not a message (unquoted text a user wrote can still make
/// two kinds of one, so the count of kinds is an estimate).
pub fn normalize(text: &str, max: usize) -> String {
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
        if out.chars().count() >= max {
            break;
        }
    }
    out
}

/// A column as part of an error's kind: its name if it is one of the format's (plain
/// words), else `?` (a header cell a mutation made up).
fn column_kind(column: &str) -> &str {
    let plain = column.len() <= 32
        && column
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b' '));
    let known = corpus::ALL_WORDS
        .iter()
        .any(|words| words.contains(&column));
    if column.is_empty() || (plain && known) {
        column
    } else {
        "?"
    }
}

fn variant(debug: &str) -> &str {
    let end = debug
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(debug.len());
    &debug[..end]
}

fn from_wfm(input: &[u8], layout: Layout, e: &WfmError) -> Outcome {
    match e {
        WfmError::InvalidInput { errors, .. } => {
            let defect = if errors.is_empty() {
                Some(("no errors listed".into(), String::new()))
            } else {
                errors
                    .iter()
                    .find_map(|i| location_defect(input, layout, &i.file, i.line, &i.reason))
            };
            let first = errors.first();
            Outcome::Rejected {
                kind: format!(
                    "InvalidInput/{}/{}",
                    column_kind(first.map_or("", |i| i.column.as_str())),
                    normalize(first.map_or("", |i| i.reason.as_str()), 32)
                ),
                defect,
            }
        }
        WfmError::Core(c) => from_core(input, layout, c),
        WfmError::Scheduler(s) => from_scheduler(input, layout, s),
        other => Outcome::Rejected {
            kind: normalize(&format!("{other:?}"), 48),
            defect: None,
        },
    }
}

fn from_core(input: &[u8], layout: Layout, e: &CoreError) -> Outcome {
    match e {
        CoreError::InvalidInput { issues, total } => {
            let defect = if issues.is_empty() || *total < issues.len() as u64 {
                Some((
                    format!("{} issues listed, {total} counted", issues.len()),
                    String::new(),
                ))
            } else {
                issues
                    .iter()
                    .find_map(|i| location_defect(input, layout, &i.file, i.line, &i.reason))
            };
            let first = &issues.first();
            Outcome::Rejected {
                kind: format!(
                    "InvalidInput/{}/{}",
                    column_kind(first.map_or("", |i| i.column.as_str())),
                    normalize(first.map_or("", |i| i.reason.as_str()), 32)
                ),
                defect,
            }
        }
        other => {
            let debug = format!("{other:?}");
            Outcome::Rejected {
                kind: format!("{}/{}", variant(&debug), normalize(&other.to_string(), 48)),
                defect: None,
            }
        }
    }
}

fn from_scheduler(input: &[u8], layout: Layout, e: &SchedulerError) -> Outcome {
    let debug = format!("{e:?}");
    let defect = match e {
        SchedulerError::ScenarioSyntax {
            file, line, reason, ..
        } => location_defect(input, layout, file, *line as u64, reason),
        _ => None,
    };
    Outcome::Rejected {
        kind: format!("{}/{}", variant(&debug), normalize(&e.to_string(), 48)),
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
    let interval = if input.len().is_multiple_of(2) {
        IntervalLength::Fifteen
    } else {
        IntervalLength::Thirty
    };
    let mut options = HistoryCsvOptions::new(interval);
    if input.len().is_multiple_of(3) {
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
        Err(e) => from_core(input, Layout::Rows, &e),
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
        Err(e) => from_core(input, Layout::Rows, &e),
    }
}

fn forecast_daily(input: &[u8]) -> Outcome {
    match read_forecast_csv(input, FILE, ForecastKind::Long) {
        Ok(file) => {
            let demand = DailyDemand::from_forecast(&file);
            let _ = demand.range();
            Outcome::Accepted
        }
        Err(e) => from_core(input, Layout::Rows, &e),
    }
}

fn forecast_intervals(input: &[u8]) -> Outcome {
    match read_forecast_csv(input, FILE, ForecastKind::Short) {
        Ok(file) => {
            let _ = IntradayShape::from_forecast(&file);
            if let Some(day) = chrono::DateTime::from_timestamp(file.start, 0) {
                let _ = Demand::from_forecast(&file, Channel::Voice, day.date_naive(), 7);
            }
            Outcome::Accepted
        }
        Err(e) => from_core(input, Layout::Rows, &e),
    }
}

fn forecast_override(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    let queues = ["q1".to_owned(), "1003".to_owned()];
    let interval = if input.len().is_multiple_of(2) {
        IntervalLength::Thirty
    } else {
        IntervalLength::Fifteen
    };
    match parse_overrides(text, FILE, &queues, interval) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, Layout::Rows, &e),
    }
}

fn fte(input: &[u8]) -> Outcome {
    let groups: Option<&[&str]> = if input.len().is_multiple_of(2) {
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
        Err(e) => from_core(input, Layout::Rows, &e),
    }
}

fn plan_override(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match parse_override(text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, Layout::Free, &e),
    }
}

fn capacity_scenario(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match parse_scenario(text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, Layout::Free, &e),
    }
}

fn schedule_scenario(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match Scenario::from_toml(text, FILE) {
        Ok(s) => {
            // What the CLI does next with a scenario: name its agents and their rules, and
            // (`wfm schedule validate`) check a schedule against it.
            for agent in s.agents() {
                let _ = (
                    s.time_zone(agent),
                    s.hours_of(agent),
                    s.consecutive_of(agent),
                );
            }
            let _ = validate(&s, seed_schedule());
            Outcome::Accepted
        }
        Err(e) => from_scheduler(input, Layout::Free, &e),
    }
}

/// The seed schedule of the `schedule-json` target (agents of `schedule_example.toml`),
/// which mutated scenarios are checked against.
fn seed_schedule() -> &'static Schedule {
    static SCHEDULE: OnceLock<Schedule> = OnceLock::new();
    SCHEDULE.get_or_init(|| {
        let seeds = schedule_json_seeds();
        serde_json::from_slice(&seeds[1]).expect("the seed schedule is valid JSON")
    })
}

fn schedule_json(input: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(input) else {
        return not_utf8();
    };
    match validate_schedule_json(example_scenario(), text, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, Layout::Free, &e),
    }
}

fn holidays(input: &[u8]) -> Outcome {
    match read_holidays_from(input, FILE) {
        Ok(_) => Outcome::Accepted,
        Err(e) => from_wfm(input, Layout::Rows, &e),
    }
}

fn staffing(input: &[u8]) -> Outcome {
    match read_csv_from(input, FILE) {
        Ok(batch) => {
            // What `wfm staff` does next: solve every row (a batch that exists is valid).
            if let Err(e) = batch.solve() {
                return from_wfm(input, Layout::Rows, &e);
            }
            Outcome::Accepted
        }
        Err(e) => from_wfm(input, Layout::Rows, &e),
    }
}
