//! Regression tests of issue 17 ("Nothing lost"): arguments and inputs (items 11–14).
//!
//! Item 11: a schedule against a forecast that does not cover its dates, a goal of 1, the
//! solver's limits, the status of a run that breaks a rule and the one exit-code policy.
//! Item 13: `wfm staff` batch line numbers after blank lines, error totals, terminal
//! escape codes, and the date rule of raw records.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

fn example_scenario() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml"),
    )
    .unwrap()
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// A 15-minute forecast CSV of `days` days from `first` (`YYYY-MM-DD`), 4 contacts per
/// quarter hour 13:00–20:00 UTC, AHT 300 s.
fn forecast(dir: &Path, first: &str, days: i64) -> PathBuf {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n",
    );
    let t0 = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for i in 0..days * 96 {
        let volume = if (52..80).contains(&(i % 96)) { 4 } else { 0 };
        let t = t0 + chrono::Duration::minutes(15 * i);
        writeln!(
            text,
            "Support,q1,VOICE,{},15mins,{volume},300",
            t.format("%Y-%m-%dT%H:%M:%SZ")
        )
        .unwrap();
    }
    write(dir, &format!("forecast-{first}-{days}.csv"), &text)
}

fn generate(scenario: &Path, forecast: &Path, output: &Path) -> Command {
    let mut c = wfm();
    c.args(["schedule", "generate", "--scenario"])
        .arg(scenario)
        .arg("--forecast")
        .arg(forecast)
        .args(["--time-limit", "20", "--output"])
        .arg(output);
    c
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

#[test]
fn schedule_request_for_2030_on_a_2024_forecast_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = example_scenario()
        .replace("start = \"2026-03-02\"", "start = \"2030-03-04\"")
        .replace("end = \"2026-03-08\"", "end = \"2030-03-10\"");
    let scenario = write(dir.path(), "s.toml", &scenario);
    let fc = forecast(dir.path(), "2024-03-04", 7);
    let out = dir.path().join("out");
    let a = generate(&scenario, &fc, &out).assert().code(2);
    let e = stderr(&a);
    // the request's range and the forecast's range are both named
    assert!(e.contains("2030-03-04 to 2030-03-10"), "{e}");
    assert!(e.contains("2024-03-04 00:00 to 2024-03-11 00:00"), "{e}");
    assert!(e.contains("7 day(s) without a forecast"), "{e}");
    assert!(!out.exists(), "nothing is written");
    assert!(!stdout(&a).contains("Optimal"));
}

#[test]
fn schedule_request_the_forecast_covers_in_part_is_refused_naming_the_days() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write(dir.path(), "s.toml", &example_scenario());
    // five of the week's seven days
    let fc = forecast(dir.path(), "2026-03-02", 5);
    let out = dir.path().join("out");
    let a = generate(&scenario, &fc, &out).assert().code(2);
    let e = stderr(&a);
    assert!(
        e.contains("2 day(s) without a forecast (2026-03-07, 2026-03-08)"),
        "{e}"
    );
    assert!(!out.exists());
}

#[test]
fn goal_target_of_one_in_a_schedule_scenario_is_refused_as_wfm_staff_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = example_scenario().replace("target = 0.8", "target = 1.0");
    let scenario = write(dir.path(), "s.toml", &scenario);
    let fc = forecast(dir.path(), "2026-03-02", 7);
    let a = generate(&scenario, &fc, &dir.path().join("out"))
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(e.contains("goal.target"), "{e}");
    assert!(e.contains("below 1"), "the reason is wfm-erlang's: {e}");
    // `wfm staff` refuses the same goal
    wfm()
        .args([
            "staff",
            "--volume",
            "100",
            "--aht",
            "180",
            "--service-level",
            "1.0",
            "--within",
            "20",
        ])
        .assert()
        .code(2);
}

#[test]
fn time_limit_of_minus_one_nan_inf_or_zero_and_gap_of_one_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write(dir.path(), "s.toml", &example_scenario());
    let fc = forecast(dir.path(), "2026-03-02", 7);
    let out = dir.path().join("out");
    for (flag, value) in [
        ("--time-limit", "-1"),
        ("--time-limit", "nan"),
        ("--time-limit", "inf"),
        ("--time-limit", "0"),
        ("--gap", "1"),
        ("--gap", "-1"),
        ("--gap", "nan"),
    ] {
        let a = wfm()
            .args(["schedule", "generate", "--scenario"])
            .arg(&scenario)
            .arg("--forecast")
            .arg(&fc)
            .arg("--output")
            .arg(&out)
            .arg(format!("{flag}={value}"))
            .assert()
            .code(2);
        assert!(
            stderr(&a).contains("is not allowed"),
            "{flag} {value}: {}",
            stderr(&a)
        );
        assert!(!out.exists());
    }
    // the workspace's `schedule create` uses the same parser
    let a = wfm()
        .args(["--workspace"])
        .arg(dir.path().join("none.wfm"))
        .args(["schedule", "create", "--gap", "1"])
        .assert()
        .code(2);
    assert!(stderr(&a).contains("is not allowed"), "{}", stderr(&a));
}

#[test]
fn schedule_create_with_gap_of_minus_one_or_nan_or_time_limit_of_zero_is_refused_naming_the_option()
{
    // issue 18 item 6: the workspace's `schedule create` refuses each bad limit before
    // opening the workspace, with the option, the value and the rule in the message
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("none.wfm");
    for (flag, value, says) in [
        (
            "--gap",
            "-1",
            "gap -1 is not allowed: use a finite share with 0 ≤ gap < 1",
        ),
        (
            "--gap",
            "nan",
            "gap NaN is not allowed: use a finite share with 0 ≤ gap < 1",
        ),
        (
            "--time-limit",
            "0",
            "time_limit 0 is not allowed: use a finite number of seconds above 0",
        ),
    ] {
        let a = wfm()
            .arg("--workspace")
            .arg(&ws)
            .args(["schedule", "create"])
            .arg(format!("{flag}={value}"))
            .assert()
            .code(2);
        assert!(stderr(&a).contains(says), "{flag} {value}: {}", stderr(&a));
        assert!(!ws.exists(), "{flag} {value}: the workspace was created");
    }
}

#[test]
fn schedule_with_minimum_staff_broken_is_not_optimal_and_exits_1_with_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write(dir.path(), "s.toml", &minimum_staff_broken_scenario());
    let fc = forecast(dir.path(), "2026-03-02", 7);
    let out = dir.path().join("out");
    let a = generate(&scenario, &fc, &out).assert().code(1);
    let text = stdout(&a);
    assert!(!text.contains("Optimal"), "{text}");
    assert!(text.contains("RulesBroken"), "{text}");
    assert!(
        text.contains("violation:"),
        "the violations are listed: {text}"
    );
    // the files are written and marked
    let report = std::fs::read_to_string(out.join("report.json")).unwrap();
    assert!(report.contains("\"rules_broken\""), "{report}");
}

/// A staffing batch CSV with `body` after its header (an ASA goal).
fn staff_batch(dir: &Path, body: &str) -> PathBuf {
    write(
        dir,
        "in.csv",
        &format!("volume,aht_seconds,interval_seconds,asa_target_seconds\n{body}"),
    )
}

#[test]
fn staff_batch_line_numbers_after_blank_lines_are_the_file_lines() {
    let dir = tempfile::tempdir().unwrap();
    // line 2 good, 3 blank, 4 bad, 5 and 6 blank, 7 bad
    let input = staff_batch(
        dir.path(),
        "100,180,1800,15\n\n-1,180,1800,15\n\n\n-2,180,1800,15\n",
    );
    let a = wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path().join("out.csv"))
        .assert()
        .code(2);
    let e = stderr(&a);
    let f = input.display().to_string();
    assert!(e.contains(&format!("{f}:4: volume")), "{e}");
    assert!(e.contains(&format!("{f}:7: volume")), "{e}");
}

#[test]
fn staff_batch_error_total_counts_every_error_not_the_ones_shown() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 25_000;
    let body = "-1,180,1800,15\n".repeat(rows);
    let input = staff_batch(dir.path(), &body);
    let a = wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path().join("out.csv"))
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains(&format!("error: {rows} problem(s) in the input")),
        "{}",
        e.lines().last().unwrap_or("")
    );
    assert!(
        e.contains("… and 15000 more problem(s) not shown"),
        "{}",
        &e[e.len().saturating_sub(300)..]
    );
    assert_eq!(
        e.lines().filter(|l| l.contains(": volume:")).count(),
        10_000
    );
}

#[test]
fn terminal_escape_codes_in_headers_and_ids_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "in.csv",
        "volume,aht_seconds,interval_seconds,asa_target_seconds,\u{1b}[31mred\u{1b}]0;title\u{7}\n100,180,1800,15,x\n",
    );
    let a = wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path().join("out.csv"))
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(
        !e.contains('\u{1b}') && !e.contains('\u{7}'),
        "raw control characters: {e:?}"
    );
    assert!(e.contains("\\x1b[31mred\\x1b]0;title\\x07"), "{e}");
}

#[test]
fn raw_record_dated_1900_is_refused_at_import_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.wfm");
    wfm()
        .args(["--workspace"])
        .arg(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    let raw = write(
        dir.path(),
        "raw.csv",
        "contact_id,channel,queue_id,queue_name,initiation_method,initiation_timestamp,agent_interaction_seconds,hold_seconds,acw_seconds,answered\n\
         c1,VOICE,1001,Sales,INBOUND,2024-07-01T08:15:00Z,100,0,10,true\n\
         c2,VOICE,1001,Sales,INBOUND,1900-01-01T08:15:00Z,100,0,10,true\n",
    );
    let a = wfm()
        .args(["--workspace"])
        .arg(&ws)
        .args(["history", "import", "--raw", "csv"])
        .arg(&raw)
        .assert()
        .code(2);
    let e = stderr(&a);
    assert!(
        e.contains(&format!("{}:3: initiation_timestamp", raw.display())),
        "{e}"
    );
    assert!(e.contains("before 1970"), "{e}");
}

/// 27 weeks of 30-minute history of queue 2001 (Support, VOICE) to Sunday 2026-03-01: 8
/// contacts per half hour 13:00–20:00 UTC Monday to Saturday; with `outlier`, the
/// Saturday 2026-02-28 15:00 row has 10¹² contacts. The file and that row's line.
fn synthetic_history(dir: &Path, outlier: bool) -> (PathBuf, usize) {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let first = chrono::NaiveDate::from_ymd_opt(2025, 8, 25).unwrap();
    let mut line = 1;
    let mut at = 0;
    for d in 0..(27 * 7) {
        for slot in 0..48 {
            let t = first.and_hms_opt(0, 0, 0).unwrap().and_utc()
                + chrono::Duration::days(d)
                + chrono::Duration::minutes(30 * slot);
            let busy = d % 7 < 6 && (26..40).contains(&slot);
            let (mut v, aht): (u64, &str) = if busy { (8, "300.0") } else { (0, "0.0") };
            line += 1;
            if t.format("%Y-%m-%dT%H:%M").to_string() == "2026-02-28T15:00" {
                at = line;
                if outlier {
                    v = 1_000_000_000_000;
                }
            }
            writeln!(
                text,
                "Support,2001,VOICE,{},30mins,{v},{aht},8",
                t.format("%Y-%m-%dT%H:%M:%SZ")
            )
            .unwrap();
        }
    }
    let name = if outlier { "outlier.csv" } else { "clean.csv" };
    (write(dir, name, &text), at)
}

/// `wfm forecast --kind short` of `history` for the week after it: the total and the
/// largest volume of the file written, and the warnings printed.
fn short_forecast(dir: &Path, history: &Path) -> (f64, f64, String) {
    let output = dir.join(format!(
        "{}-forecast.csv",
        history.file_stem().unwrap().to_string_lossy()
    ));
    let a = wfm()
        .args(["forecast", "--kind", "short", "--weeks", "1"])
        .args(["--start", "2026-03-02T00:00:00Z"])
        .arg("--history")
        .arg(history)
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    let text = std::fs::read_to_string(&output).unwrap();
    let volumes: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap().parse::<f64>().unwrap())
        .collect();
    let max = volumes.iter().copied().fold(0.0, f64::max);
    (volumes.iter().sum(), max, stderr(&a))
}

#[test]
fn history_outlier_of_1e12_is_warned_with_its_line_and_kept_out_of_the_forecast() {
    let dir = tempfile::tempdir().unwrap();
    let (clean, _) = synthetic_history(dir.path(), false);
    let (bad, line) = synthetic_history(dir.path(), true);
    let (clean_total, clean_max, clean_warnings) = short_forecast(dir.path(), &clean);
    let (total, max, warnings) = short_forecast(dir.path(), &bad);
    assert!(!clean_warnings.contains("implausible"), "{clean_warnings}");
    assert!(
        warnings.contains(&format!("{}:{line}: IncomingContactVolume", bad.display())),
        "{warnings}"
    );
    assert!(warnings.contains("left out of the fit"), "{warnings}");
    // the forecast stays within a sane multiple of the clean one: the old code kept the
    // total but put 14 times the usual volume into one half hour of the week
    assert!(
        total < clean_total * 1.05 && total > clean_total * 0.95,
        "{total} vs {clean_total}"
    );
    assert!(
        max <= clean_max * 1.5,
        "largest half hour {max} vs {clean_max}"
    );
}

#[test]
fn history_import_warns_of_an_implausible_row_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.wfm");
    wfm()
        .args(["--workspace"])
        .arg(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    let (bad, line) = synthetic_history(dir.path(), true);
    let a = wfm()
        .args(["--workspace"])
        .arg(&ws)
        .args(["history", "import"])
        .arg(&bad)
        .assert()
        .success();
    let out = stdout(&a);
    assert!(
        out.contains(&format!(
            "warning: {}:{line}: IncomingContactVolume: 1000000000000 contacts is implausible",
            bad.display()
        )),
        "{out}"
    );
}

/// The example scenario with a minimum staff of all 12 Day agents Monday to Saturday
/// (72 shifts, at most 60 + a part-timer's: it cannot be met).
fn minimum_staff_broken_scenario() -> String {
    let s = example_scenario().replace(
        "minimum_staff = [{ start = \"12:00\", end = \"13:00\", agents = 2, weekdays = [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\"] }]",
        "minimum_staff = [{ start = \"12:00\", end = \"13:00\", agents = 12, weekdays = [\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\"] }]",
    );
    assert!(s.contains("agents = 12, weekdays"));
    s
}

#[test]
fn schedule_create_with_rule_violations_exits_1_like_schedule_generate() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.wfm");
    let on = |args: &[&str]| {
        let mut c = wfm();
        c.arg("--workspace").arg(&ws).args(args);
        c
    };
    on(&["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    // 27 weeks of 30-minute history of queue 2001 up to the example's request
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n",
    );
    let first = chrono::NaiveDate::from_ymd_opt(2025, 8, 25).unwrap();
    for d in 0..(27 * 7) {
        for slot in 0..48 {
            let t = first.and_hms_opt(0, 0, 0).unwrap().and_utc()
                + chrono::Duration::days(d)
                + chrono::Duration::minutes(30 * slot);
            let busy = d % 7 < 6 && (26..40).contains(&slot);
            let (v, aht) = if busy { (8, "300.0") } else { (0, "0.0") };
            writeln!(
                text,
                "Support,2001,VOICE,{},30mins,{v},{aht},{v}",
                t.format("%Y-%m-%dT%H:%M:%SZ")
            )
            .unwrap();
        }
    }
    let history = write(dir.path(), "history.csv", &text);
    on(&["history", "import", history.to_str().unwrap()])
        .assert()
        .success();
    on(&["groups", "create", "Support", "--queues", "2001"])
        .assert()
        .success();
    on(&[
        "forecast", "compute", "--group", "Support", "--kind", "short", "--weeks", "1",
    ])
    .assert()
    .success();
    on(&[
        "forecast", "publish", "--group", "Support", "--kind", "short",
    ])
    .assert()
    .success();
    let scenario = write(dir.path(), "s.toml", &minimum_staff_broken_scenario());
    on(&["schedule", "scenario", "import", scenario.to_str().unwrap()])
        .assert()
        .success();
    let a = on(&["schedule", "create", "--time-limit", "20"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(
        out.contains("violation:"),
        "the violations are listed: {out}"
    );
    assert!(stderr(&a).contains("RulesBroken"), "{}", stderr(&a));
    // the draft is stored, marked
    let list = stdout(&on(&["schedule", "list"]).assert().success());
    assert!(list.contains("draft"), "{list}");
    let id = out
        .split_whitespace()
        .nth(3)
        .expect("created draft schedule ID")
        .to_owned();
    let show = stdout(&on(&["schedule", "show", &id]).assert().success());
    assert!(show.contains("RulesBroken"), "{show}");
    assert!(!show.contains("Optimal"), "{show}");
}
