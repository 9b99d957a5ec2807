//! `wfm schedule generate|validate` end to end: a week of the example scenario from a
//! forecast CSV, its tables (CSV, Parquet, workbook), the review per interval against the
//! requirement, and the validator on the written schedule (clean, then with an injected
//! violation).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use polars::prelude::SerReader as _;
use predicates::prelude::*;

fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/schedule_example.toml")
}

/// 4 contacts per quarter hour 13:00–20:00 UTC Monday to Saturday of the week of
/// 2026-03-02, AHT 300 s.
fn forecast(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n",
    );
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for i in 0..672i64 {
        let (day, quarter) = (i / 96, i % 96);
        let volume = if day < 6 && (52..80).contains(&quarter) {
            4
        } else {
            0
        };
        let t = monday + chrono::Duration::minutes(15 * i);
        writeln!(
            text,
            "Support,q1,VOICE,{},15mins,{volume},300",
            t.format("%Y-%m-%dT%H:%M:%SZ")
        )
        .unwrap();
    }
    let path = dir.join("st.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

fn generate(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(scenario())
        .arg("--forecast")
        .arg(forecast(dir))
        .args([
            "--group",
            "Day team",
            "--week-start",
            "2026-03-02",
            "--time-limit",
            "20",
        ])
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("validator: 0 violation(s)"))
        .stdout(predicate::str::contains(
            "0 quarter hour(s) short of the goal",
        ))
        .stdout(predicate::str::contains("review: service level"))
        .stdout(predicate::str::contains("0 interval(s) short, 0 unstable"));
    out
}

/// A CSV file as its header and rows of fields (the tables quote nothing).
fn csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

#[test]
#[allow(clippy::too_many_lines, reason = "one week, checked column by column")]
fn a_generated_week_covers_the_requirement_and_passes_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path());
    let (header, rows) = csv(&out.join("coverage.csv"));
    assert_eq!(
        header.join(","),
        "interval_start,required,scheduled,short,service_level,asa_seconds,occupancy,volume,aht_seconds"
    );
    assert_eq!(rows.len(), 7 * 48); // the example's 30-minute intervals
    let num = |f: &str| f.parse::<f64>().unwrap();
    assert!(rows.iter().any(|r| num(&r[1]) > 0.0));
    for (i, r) in rows.iter().enumerate() {
        let (required, scheduled, short) = (num(&r[1]), num(&r[2]), num(&r[3]));
        let (sl, occupancy, volume) = (num(&r[4]), num(&r[6]), num(&r[7]));
        assert!((0.0..=1.0).contains(&sl), "interval {i}: {r:?}");
        assert!((0.0..=1.0).contains(&occupancy), "interval {i}: {r:?}");
        assert!(short >= 0.0 && scheduled >= 0.0, "interval {i}: {r:?}");
        // the demand is constant over each 30-minute interval, so both of its quarter
        // hours need `required`, and their mean coverage (a 15-minute break counts half)
        // must reach it: no interval is short
        assert_eq!(short, 0.0, "interval {i}: {r:?}");
        assert!(
            scheduled >= required,
            "interval {i}: {scheduled} < {required}"
        );
        if volume > 0.0 {
            // staffed to the requirement: the goal (80 % within 20 s) is met, the
            // queue is stable, and the agents are busy some of the time
            assert!(sl >= 0.8, "interval {i}: {r:?}");
            assert!(num(&r[5]) >= 0.0, "interval {i}: {r:?}");
            assert!(occupancy > 0.0, "interval {i}: {r:?}");
        } else {
            assert_eq!((required, sl, occupancy), (0.0, 1.0, 0.0), "interval {i}");
        }
    }
    // shifts in UTC and in each agent's zone: kai is in Boston (EST until 2026-03-08)
    let (header, shift_rows) = csv(&out.join("shifts.csv"));
    assert_eq!(
        header.join(","),
        "agent,date,start,end,paid_hours,time_zone,local_start,local_end"
    );
    for r in &shift_rows {
        let start = chrono::DateTime::parse_from_rfc3339(&r[2]).unwrap();
        let local = chrono::DateTime::parse_from_rfc3339(&r[6]).unwrap();
        assert_eq!(start, local, "{r:?}"); // the same instant
        let offset = local.offset().local_minus_utc();
        match r[0].as_str() {
            "kai" | "lena" => {
                assert_eq!(r[5], "America/New_York");
                assert_eq!(
                    offset,
                    if r[1].as_str() < "2026-03-08" { -5 } else { -4 } * 3600
                );
            }
            _ => assert_eq!((r[5].as_str(), offset), ("UTC", 0), "{r:?}"),
        }
    }
    assert!(shift_rows.iter().any(|r| r[0] == "kai"));
    // paid hours per agent and day add up to the shifts', the week to the days'
    let (header, hours) = csv(&out.join("agent_hours.csv"));
    assert_eq!(header.join(","), "agent,period,start,week,paid_hours");
    let mut day_total = std::collections::BTreeMap::<String, f64>::new();
    for r in hours.iter().filter(|r| r[1] == "day") {
        let shift = shift_rows
            .iter()
            .find(|s| s[0] == r[0] && s[1] == r[2])
            .unwrap_or_else(|| panic!("no shift for {r:?}"));
        assert_eq!(shift[4], r[4]);
        *day_total.entry(r[0].clone()).or_default() += num(&r[4]);
    }
    let weeks: Vec<_> = hours.iter().filter(|r| r[1] == "week").collect();
    assert_eq!(weeks.len(), day_total.len()); // one week, every agent with a shift
    for w in weeks {
        assert_eq!(w[2], "2026-03-02");
        assert!((num(&w[4]) - day_total[&w[0]]).abs() < 0.011, "{w:?}");
        assert!(num(&w[4]) <= 40.0, "{w:?}"); // the group's weekly maximum
    }
    // the Parquet files are the same tables
    for name in ["coverage", "shifts", "activities", "agent_hours"] {
        let (header, rows) = csv(&out.join(format!("{name}.csv")));
        let file = std::fs::File::open(out.join(format!("{name}.parquet"))).unwrap();
        let df = polars::prelude::ParquetReader::new(file).finish().unwrap();
        assert_eq!(df.height(), rows.len(), "{name}");
        let columns: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(columns, header, "{name}");
        if name == "coverage" {
            // typed columns: instants, whole agents, shares, ASA null where unstable
            use polars::prelude::{ChunkAgg, DataType, TimeUnit};
            let dtype = |c: &str| df.column(c).unwrap().dtype().clone();
            assert_eq!(
                dtype("interval_start"),
                DataType::Datetime(TimeUnit::Milliseconds, None)
            );
            assert_eq!(dtype("required"), DataType::Int64);
            assert_eq!(dtype("service_level"), DataType::Float64);
            let sl = df.column("service_level").unwrap().f64().unwrap();
            assert_eq!(sl.null_count(), 0);
            assert!(sl.min().unwrap() >= 0.0 && sl.max().unwrap() <= 1.0);
        }
    }
    // the workbook holds the five sheets
    let book = std::fs::File::open(out.join("schedule.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(book).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook)
        .unwrap();
    for sheet in ["Summary", "Coverage", "Shifts", "Activities", "Agent hours"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{sheet}: {workbook}"
        );
    }
    let schedule: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("schedule.json")).unwrap()).unwrap();
    let shifts: usize = schedule["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["shifts"].as_array().unwrap().len())
        .sum();
    let table = std::fs::read_to_string(out.join("shifts.csv")).unwrap();
    assert_eq!(table.lines().count(), shifts + 1);
    assert!(shifts > 0);
    let report = std::fs::read_to_string(out.join("report.json")).unwrap();
    assert!(report.contains("lower_bound"), "{report}");
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(out.join("schedule.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("every rule holds"));
}

#[test]
fn the_validator_reports_an_injected_violation() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path());
    let path = out.join("schedule.json");
    let mut schedule: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // the first shift loses its activities (breaks and meal)
    let agents = schedule["agents"].as_array_mut().unwrap();
    let agent = agents
        .iter_mut()
        .find(|a| !a["shifts"].as_array().unwrap().is_empty())
        .unwrap();
    agent["shifts"][0]["activities"] = serde_json::json!([]);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_string(&schedule).unwrap()).unwrap();
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "violation(s) of the scenario's rules",
        ));
    // not a schedule at all: named with line and column
    std::fs::write(&broken, "{\"agents\": 3}").unwrap();
    wfm()
        .args(["schedule", "validate", "--scenario"])
        .arg(scenario())
        .arg("--schedule")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a wfm schedule"));
}

#[test]
fn a_bad_scenario_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1\nname = \n").unwrap();
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(&bad)
        .arg("--forecast")
        .arg(forecast(dir.path()))
        .args([
            "--group",
            "Day team",
            "--week-start",
            "2026-03-02",
            "--output",
        ])
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml"));
}

#[test]
fn the_whole_request_reports_the_run_in_report_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all");
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(scenario())
        .arg("--forecast")
        .arg(forecast(dir.path()))
        .args(["--time-limit", "30", "--gap", "0.01", "--output"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-03-02 to 2026-03-08"))
        .stdout(predicate::str::contains("validator: 0 violation(s)"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    for key in [
        "status",
        "objective",
        "lower_bound",
        "gap",
        "seconds",
        "agents",
        "paid_hours",
        "unmet_intervals",
        "warnings",
    ] {
        assert!(
            report.get(key).is_some(),
            "report.json lacks {key}: {report}"
        );
    }
    let objective = report["objective"].as_f64().unwrap();
    let bound = report["lower_bound"].as_f64().unwrap();
    let gap = report["gap"].as_f64().unwrap();
    assert!(bound <= objective + 1e-9 && objective > 0.0);
    assert!((gap - (objective - bound) / objective).abs() < 1e-9);
    // the gap target holds for every week's tour model; the run's objective is the
    // returned weeks' (here, nothing dropped: at most the tour models' with the shifts
    // the assignment added to meet agents' weekly minimums; the polish may only lower it)
    let (mut sum, mut returned) = (0.0, 0.0);
    for w in report["weeks"].as_array().unwrap() {
        let r = &w["report"];
        returned += r["objective"].as_f64().unwrap();
        assert!(r["tours"]["gap"].as_f64().unwrap() <= 0.01 + 1e-9, "{r}");
        assert_eq!(r["unassigned_shifts"].as_u64(), Some(0), "{r}");
        sum += r["tours"]["objective"].as_f64().unwrap() + r["extra_cost"].as_f64().unwrap();
    }
    assert!(objective <= sum + 1e-6, "{sum} vs {objective}");
    assert!(
        (returned - objective).abs() < 1e-6,
        "{returned} vs {objective}"
    );
    assert_eq!(report["unmet_intervals"].as_array().unwrap().len(), 0);
    // the report's paid hours are the shifts table's
    let shifts = std::fs::read_to_string(out.join("shifts.csv")).unwrap();
    let mut lines = shifts.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "paid_hours").unwrap();
    let paid: f64 = lines
        .map(|l| l.split(',').nth(col).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((paid - report["paid_hours"].as_f64().unwrap()).abs() < 0.05 * 20.0);
    assert_eq!(
        report["agents"].as_u64().unwrap() as usize,
        shifts
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
}

#[test]
fn the_objective_is_selectable_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let forecast = forecast(dir.path());
    let paid = |objective: &str| -> f64 {
        let out = dir.path().join(objective);
        wfm()
            .args(["schedule", "generate", "--scenario"])
            .arg(scenario())
            .arg("--forecast")
            .arg(&forecast)
            .args(["--time-limit", "30", "--gap", "0", "--objective", objective])
            .arg("--output")
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains("validator: 0 violation(s)"));
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap())
                .unwrap();
        // the tour model's own paid intervals: its objective under paid-hours
        report["weeks"][0]["report"]["tours"]["objective"]
            .as_f64()
            .unwrap()
    };
    let by_hours = paid("paid-hours");
    assert!(by_hours > 0.0);
    paid("cost=10,1.5");
    wfm()
        .args(["schedule", "generate", "--scenario"])
        .arg(scenario())
        .arg("--forecast")
        .arg(&forecast)
        .args(["--objective", "cheapest", "--output"])
        .arg(dir.path().join("bad"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fewest-shifts, paid-hours or cost=",
        ));
}
