//! `wfm plan` on a workspace, end to end through the binary: scenarios and FTE loads as
//! documents, a plan from the group's published forecasts (equal to the stateless plan on
//! the same inputs), overrides that keep the originals, publish making it immutable, and
//! the errors a planner meets.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use wfm::capacity::read_forecast_csv;
use wfm::core::forecast::ForecastKind;
use wfm::core::forecast::{GroupForecast, GroupSeries};
use wfm::core::history::QueueId;
use wfm::core::{Channel, IntervalLength};
use wfm::store::DocumentKind;

#[path = "common/plan_inputs.rs"]
mod plan_inputs;

use plan_inputs::{inputs, write};
const FTE: &str = "FORECAST_GROUP,Date,AVAILABLE_FTE,IN_OFFICE_SHRINKAGE,OUT_OFFICE_SHRINKAGE\n\
                   Sales,2025-01-06T00:00:00Z,60,10,5\nSales,2025-03-03T00:00:00Z,200,10,5";

/// A forecast CSV as a stored forecast: one series per channel holding its rows.
fn stored(path: &Path, kind: ForecastKind) -> GroupForecast {
    let mut file = read_forecast_csv(path, kind).unwrap();
    let series = [Channel::Voice, Channel::Chat]
        .into_iter()
        .map(|channel| GroupSeries {
            queue_id: "q1".into(),
            queue_name: "Sales".into(),
            channel,
            model: "test".into(),
            points: file.points_of(channel).copied().collect(),
        })
        .collect();
    file.steps = file.rows() / 2;
    file.series = series;
    file
}

/// A workspace with the group Sales (q1, q2); `publish` stores and publishes its forecasts.
fn workspace(dir: &Path, long: &Path, short: &Path, publish: bool) -> PathBuf {
    let path = dir.join("w.wfm");
    let mut ws = wfm::Workspace::create(&path, IntervalLength::Thirty, None).unwrap();
    let queues = [QueueId::new("q1").unwrap(), QueueId::new("q2").unwrap()];
    ws.create_group("Sales", &queues).unwrap();
    ws.create_group("Support", &[QueueId::new("q3").unwrap()])
        .unwrap();
    if publish {
        for (name, path, kind) in [
            ("long", long, ForecastKind::Long),
            ("short", short, ForecastKind::Short),
        ] {
            let f = stored(path, kind);
            let doc = ws
                .put_json(DocumentKind::Forecast, "Sales", name, "", &[], &f)
                .unwrap();
            ws.publish_document(doc.id).unwrap();
        }
    }
    path
}

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").unwrap();
    c.arg("--workspace").arg(ws);
    c
}

fn run(ws: &Path, args: &[&str]) -> String {
    let out = wfm(ws).args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn csv(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// Scenario + FTE stored, plan "Budget" of 12 weeks created.
fn planned(dir: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf, PathBuf) {
    let (long, short, scenario) = inputs(dir);
    let ws = workspace(dir, &long, &short, true);
    let fte = write(dir, "fte.csv", FTE);
    run(
        &ws,
        &["plan", "scenario", "create", scenario.to_str().unwrap()],
    );
    run(&ws, &["plan", "fte", "import", fte.to_str().unwrap()]);
    let out = run(
        &ws,
        &[
            "plan",
            "create",
            "--name",
            "Budget",
            "--group",
            "Sales",
            "--scenario",
            "Base 2025",
            "--start",
            "2025-01-06",
            "--weeks",
            "12",
        ],
    );
    assert!(out.contains("created plan \"Budget\""), "{out}");
    (ws, long, short, scenario, fte)
}

#[test]
fn a_plan_from_published_forecasts_equals_the_stateless_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, long, short, scenario, fte) = planned(dir.path());
    let stateless = dir.path().join("stateless");
    Command::cargo_bin("wfm")
        .unwrap()
        .args(["plan", "--start", "2025-01-06", "--weeks", "12", "--output"])
        .arg(&stateless)
        .arg("--forecast-long")
        .arg(&long)
        .arg("--forecast-short")
        .arg(&short)
        .arg("--scenario")
        .arg(&scenario)
        .arg("--fte")
        .arg(&fte)
        .assert()
        .success();
    let exported = dir.path().join("exported");
    run(
        &ws,
        &[
            "plan",
            "export",
            "--name",
            "Budget",
            "--output",
            exported.to_str().unwrap(),
        ],
    );
    for file in ["plan_weekly.csv", "plan_monthly.csv"] {
        let a = csv(&stateless.join(file));
        let b = csv(&exported.join(file));
        // equal cell by cell; numbers to 1e-12 relative (the plan is stored as JSON,
        // which may round the last binary digit)
        assert_eq!(a[0], b[0]);
        for (ra, rb) in a.iter().zip(&b) {
            assert_eq!(ra.len(), rb.len());
            for (x, y) in ra.iter().zip(rb) {
                match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(x), Ok(y)) => {
                        assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{file}: {x} {y}")
                    }
                    _ => assert_eq!(x, y, "{file}"),
                }
            }
        }
        assert_eq!(a.len(), if file == "plan_weekly.csv" { 13 } else { 4 });
    }
    assert!(exported.join("plan.xlsx").exists());
    let list = run(&ws, &["plan", "list"]);
    assert!(list.contains("Budget") && list.contains("draft"), "{list}");
    let show = run(&ws, &["plan", "show", "--name", "Budget", "--monthly"]);
    assert!(
        show.contains("2025-03-01") && show.contains("scenario: Base 2025"),
        "{show}"
    );
}

#[test]
fn an_override_recomputes_dependent_rows_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, ..) = planned(dir.path());
    let before = dir.path().join("before");
    run(
        &ws,
        &[
            "plan",
            "export",
            "--name",
            "Budget",
            "--output",
            before.to_str().unwrap(),
        ],
    );
    let o = write(dir.path(), "o.csv", "2025-01-13,2025-01-20\n50,");
    run(
        &ws,
        &["plan", "override", "--name", "Budget", o.to_str().unwrap()],
    );
    let after = dir.path().join("after");
    run(
        &ws,
        &[
            "plan",
            "export",
            "--name",
            "Budget",
            "--output",
            after.to_str().unwrap(),
        ],
    );
    let (b, a) = (
        csv(&before.join("plan_weekly.csv")),
        csv(&after.join("plan_weekly.csv")),
    );
    let col = |name: &str| b[0].iter().position(|c| c == name).unwrap();
    let num = |rows: &Vec<Vec<String>>, r: usize, c: &str| rows[r][col(c)].parse::<f64>().unwrap();
    // week of 2025-01-13 is row 2
    assert_eq!(a[2][col("period_start")], "2025-01-13");
    assert_eq!(num(&a, 2, "required_fte"), 50.0);
    assert_eq!(
        num(&a, 2, "required_fte_original"),
        num(&b, 2, "required_fte")
    );
    // with shrinkage scales by the week's own factor; the gap follows
    let factor = num(&b, 2, "required_fte_with_shrinkage") / num(&b, 2, "required_fte");
    let with = num(&a, 2, "required_fte_with_shrinkage");
    assert!((with - 50.0 * factor).abs() < 1e-9, "{with}");
    let gap = num(&a, 2, "available_fte") - with;
    assert!((num(&a, 2, "gap") - gap).abs() < 1e-9);
    // other weeks unchanged, no original there
    assert_eq!(a[3], b[3]);
    assert_eq!(a[3][col("required_fte_original")], "");
    let show = run(&ws, &["plan", "show", "--name", "Budget"]);
    assert!(show.contains("overrides: 1"), "{show}");
}

#[test]
fn a_published_plan_is_immutable() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, ..) = planned(dir.path());
    run(&ws, &["plan", "publish", "--name", "Budget"]);
    let o = write(dir.path(), "o.csv", "2025-01-13\n50");
    wfm(&ws)
        .args(["plan", "override", "--name", "Budget"])
        .arg(&o)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is published and cannot change"));
    wfm(&ws)
        .args(["plan", "rerun", "--name", "Budget", "--weeks", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is published"));
    let list = run(&ws, &["plan", "list"]);
    assert!(list.contains("published"), "{list}");
    // the scenario a published plan uses cannot be deleted
    wfm(&ws)
        .args(["plan", "scenario", "delete", "Base 2025"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("published"));
}

#[test]
fn a_rerun_needs_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, ..) = planned(dir.path());
    wfm(&ws)
        .args(["plan", "rerun", "--name", "Budget"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing changed"));
    let out = run(&ws, &["plan", "rerun", "--name", "Budget", "--weeks", "8"]);
    assert!(out.contains("8 week(s)"), "{out}");
    let exported = dir.path().join("e");
    run(
        &ws,
        &[
            "plan",
            "export",
            "--name",
            "Budget",
            "--output",
            exported.to_str().unwrap(),
        ],
    );
    assert_eq!(csv(&exported.join("plan_weekly.csv")).len(), 9);
}

#[test]
fn without_a_published_forecast_the_plan_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let ws = workspace(dir.path(), &long, &short, false);
    run(
        &ws,
        &["plan", "scenario", "create", scenario.to_str().unwrap()],
    );
    wfm(&ws)
        .args([
            "plan",
            "create",
            "--name",
            "B",
            "--group",
            "Sales",
            "--scenario",
            "Base 2025",
            "--start",
            "2025-01-06",
            "--weeks",
            "4",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "publish the long-term forecast of Sales and regenerate",
        ));
}

#[test]
fn fte_import_names_the_line_and_the_unknown_group_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, _) = inputs(dir.path());
    let ws = workspace(dir.path(), &long, &short, false);
    let bad = write(
        dir.path(),
        "fte.csv",
        &FTE.replace("Sales,2025-03-03", "Sale,2025-03-03"),
    );
    wfm(&ws)
        .args(["plan", "fte", "import"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:3: FORECAST_GROUP: no forecast group named \"Sale\"",
            bad.display()
        )));
    let w = wfm::Workspace::open(&ws).unwrap();
    assert!(w.documents(DocumentKind::Fte, None).unwrap().is_empty());
}

#[test]
fn a_bad_scenario_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let ws = workspace(dir.path(), &long, &short, false);
    let text = std::fs::read_to_string(&scenario).unwrap();
    let bad = write(dir.path(), "bad.toml", &text.replace("0.002", "-1"));
    wfm(&ws)
        .args(["plan", "scenario", "create"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:8: daily_attrition",
            bad.display()
        )));
    run(
        &ws,
        &[
            "plan",
            "scenario",
            "create",
            scenario.to_str().unwrap(),
            "--group",
            "Sales",
        ],
    );
    let list = run(&ws, &["plan", "scenario", "list"]);
    assert!(
        list.contains("Base 2025") && list.contains("Sales"),
        "{list}"
    );
    let show = run(
        &ws,
        &["plan", "scenario", "show", "Base 2025", "--group", "Sales"],
    );
    assert!(show.contains("fte_hours_per_week = 40"), "{show}");
}

#[test]
fn a_hiring_policy_adds_hires_to_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (long, short, scenario) = inputs(dir.path());
    let ws = workspace(dir.path(), &long, &short, true);
    let text = std::fs::read_to_string(&scenario).unwrap();
    let hiring = write(
        dir.path(),
        "hiring.toml",
        &format!("{text}\n[hiring]\nlead_weeks = 2\nramp = [0.5, 1.0]\ncost_per_hire = 1000\n"),
    );
    let fte = write(dir.path(), "fte.csv", FTE);
    run(
        &ws,
        &["plan", "scenario", "create", hiring.to_str().unwrap()],
    );
    run(&ws, &["plan", "fte", "import", fte.to_str().unwrap()]);
    run(
        &ws,
        &[
            "plan",
            "create",
            "--name",
            "H",
            "--group",
            "Sales",
            "--scenario",
            "Base 2025",
            "--start",
            "2025-01-06",
            "--weeks",
            "12",
        ],
    );
    let out = dir.path().join("h");
    run(
        &ws,
        &[
            "plan",
            "export",
            "--name",
            "H",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let rows = csv(&out.join("plan_weekly.csv"));
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let hires: Vec<u64> = rows[1..]
        .iter()
        .map(|r| r[col("hires")].parse().unwrap())
        .collect();
    // no start before the lead time; weeks 0 and 1 (60 FTE available) stay short
    assert_eq!(&hires[..2], [0, 0]);
    assert_eq!(rows[1][col("closable")], "false");
    // from week 2 on, overtime (10 %) and hires cover the requirement with shrinkage
    for r in &rows[3..] {
        let need: f64 = r[col("required_fte_with_shrinkage")].parse().unwrap();
        let after: f64 = r[col("fte_after_hires")].parse().unwrap();
        assert!(after * 1.1 >= need - 1e-6, "{r:?}");
        assert_eq!(r[col("remaining_gap")], "0");
    }
    assert!(hires.iter().sum::<u64>() > 0);
}
