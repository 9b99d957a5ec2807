//! End-to-end tests of the forecast lifecycle on a workspace (`wfm forecast compute|
//! publish|list|show|compare|override|export|delete|refresh`) on the sample history.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample")
        .join(name)
}

fn wfm(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("wfm").expect("the wfm binary is built");
    c.arg("--workspace").arg(ws);
    c
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).expect("UTF-8")
}

/// A 30-minute workspace with the sample's daily history and group Sales = queue 1001.
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("w.wfm");
    wfm(&ws)
        .args(["workspace", "create", "--interval", "30"])
        .assert()
        .success();
    wfm(&ws)
        .args(["history", "import"])
        .arg(sample("daily.csv"))
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "create", "Sales", "--queues", "1001"])
        .assert()
        .success();
    ws
}

/// [`workspace`] with the sample's 30-minute history too.
fn interval_workspace(dir: &Path) -> PathBuf {
    let ws = workspace(dir);
    wfm(&ws)
        .args(["history", "import"])
        .arg(sample("intervals_30min.csv"))
        .assert()
        .success();
    ws
}

fn compute(ws: &Path, extra: &[&str]) -> String {
    stdout(
        wfm(ws)
            .args(["forecast", "compute", "--group", "Sales", "--kind", "long"])
            .args(extra),
    )
}

/// The `(day, volume)` rows of `wfm forecast show`.
fn shown(ws: &Path, extra: &[&str]) -> Vec<(String, f64)> {
    let out = stdout(
        wfm(ws)
            .args(["forecast", "show", "--group", "Sales", "--kind", "long"])
            .args(extra),
    );
    out.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.trim_matches(['│', ' ']).split_whitespace().collect();
            (f.len() == 5 && f[0].starts_with("20"))
                .then(|| (f[0].to_owned(), f[1].parse().unwrap()))
        })
        .collect()
}

/// The sample's daily volume of queue 1001 VOICE on `days` (YYYY-MM-DD prefixes).
fn history_volume(from: &str, to: &str) -> u64 {
    fs::read_to_string(sample("daily.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let day = &f[3][..10];
            (f[1] == "1001" && f[2] == "VOICE" && day >= from && day <= to)
                .then(|| f[5].parse::<u64>().unwrap())
        })
        .sum()
}

#[test]
fn compute_publish_show_and_a_new_computation_keeps_the_published_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    let out = compute(&ws, &["--weeks", "2"]);
    assert!(out.contains("new draft"), "{out}");
    wfm(&ws)
        .args([
            "forecast",
            "show",
            "--group",
            "Sales",
            "--kind",
            "long",
            "--published",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no published long-term forecast"));
    let computed = shown(&ws, &[]);
    assert_eq!(computed.len(), 14);
    assert_eq!(computed[0].0, "2024-07-31"); // the day after 1001's last daily row
    wfm(&ws)
        .args(["forecast", "publish", "--group", "Sales", "--kind", "long"])
        .assert()
        .success();
    assert_eq!(shown(&ws, &["--published"]), computed);
    // a new computation is a new draft; the next one replaces it; the published stays
    assert!(compute(&ws, &["--weeks", "3"]).contains("new draft"));
    assert!(compute(&ws, &["--weeks", "4"]).contains("replaced the last computed draft"));
    assert_eq!(shown(&ws, &[]).len(), 28);
    assert_eq!(shown(&ws, &["--published"]), computed);
    let list = stdout(wfm(&ws).args(["forecast", "list"]));
    assert_eq!(list.matches("Sales").count(), 2, "{list}");
    assert!(
        list.contains("published") && list.contains("draft"),
        "{list}"
    );
    // the range filter
    let two = shown(&ws, &["--from", "2024-08-02", "--to", "2024-08-03"]);
    assert_eq!(
        two.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["2024-08-02", "2024-08-03"]
    );
}

#[test]
fn overrides_change_shown_and_exported_values_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    compute(&ws, &["--weeks", "2"]);
    let template = dir.path().join("t.csv");
    wfm(&ws)
        .args(["forecast", "override", "--group", "Sales", "--template"])
        .arg(&template)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&template).unwrap(),
        "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime\n"
    );
    let export = dir.path().join("e.csv");
    wfm(&ws)
        .args([
            "forecast", "export", "--group", "Sales", "--kind", "long", "--output",
        ])
        .arg(&export)
        .assert()
        .success();
    let text = fs::read_to_string(&export).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * 14); // VOICE and CHAT × 14 days
    // the export round-trips as an override file; one VOICE day set to 5000
    let day = "2024-08-02";
    let edited: String = lines
        .iter()
        .map(|l| {
            let mut f: Vec<String> = l.split(',').map(str::to_owned).collect();
            if f[2] == "VOICE" && f[3].starts_with(day) {
                f[5] = "5000".into();
            }
            f.join(",") + "\n"
        })
        .collect();
    let file = dir.path().join("o.csv");
    fs::write(&file, &edited).unwrap();
    let original = shown(&ws, &["--from", day, "--to", day, "--channel", "VOICE"]);
    wfm(&ws)
        .args(["forecast", "override", "--group", "Sales"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "28 of them change the last computed long-term forecast",
        ));
    let with = shown(&ws, &["--from", day, "--to", day, "--channel", "VOICE"]);
    assert_eq!(with, [(day.to_owned(), 5000.0)]);
    let without = shown(
        &ws,
        &[
            "--from",
            day,
            "--to",
            day,
            "--channel",
            "VOICE",
            "--no-overrides",
        ],
    );
    assert_eq!(without, original);
    assert_ne!(original[0].1, 5000.0);
    // the export with overrides holds the value, without it the original
    wfm(&ws)
        .args([
            "forecast", "export", "--group", "Sales", "--kind", "long", "--output",
        ])
        .arg(&export)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&export).unwrap(), edited);
    // a file with errors names file:line: column and changes nothing
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        format!(
            "{}Sales,1001,FAX,2024-08-03T00:00:00Z,daily,10,300\nSales,1001,VOICE,2024-08-04T00:00:00Z,daily,1.5,300\n",
            lines[0].to_owned() + "\n"
        ),
    )
    .unwrap();
    let name = bad.display().to_string();
    wfm(&ws)
        .args(["forecast", "override", "--group", "Sales"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{name}:2: ChannelType: \"FAX\" is not VOICE or CHAT"
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:3: IncomingContactVolume: \"1.5\" is not a non-negative whole number"
        )));
    assert_eq!(
        shown(&ws, &["--from", day, "--to", day, "--channel", "VOICE"]),
        with
    );
    // the template is the last uploaded file; --remove restores the originals
    wfm(&ws)
        .args(["forecast", "override", "--group", "Sales", "--template"])
        .arg(&template)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&template).unwrap(), edited);
    wfm(&ws)
        .args(["forecast", "override", "--group", "Sales", "--remove"])
        .assert()
        .success();
    assert_eq!(
        shown(&ws, &["--from", day, "--to", day, "--channel", "VOICE"]),
        original
    );
}

#[test]
fn compare_reports_actuals_where_history_overlaps() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    compute(&ws, &["--weeks", "2", "--start", "2024-07-01"]);
    wfm(&ws)
        .args(["forecast", "publish", "--group", "Sales", "--kind", "long"])
        .assert()
        .success();
    compute(&ws, &["--weeks", "1", "--start", "2024-07-08"]);
    let out = stdout(wfm(&ws).args([
        "forecast",
        "compare",
        "--group",
        "Sales",
        "--kind",
        "long",
        "--channel",
        "VOICE",
    ]));
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.contains("VOICE"))
        .unwrap()
        .trim_matches(['│', ' '])
        .split_whitespace()
        .collect();
    // queue name channel computed published Δ steps actual WAPE bias pWAPE pbias
    assert_eq!(&row[..3], ["1001", "Sales", "VOICE"]);
    assert_eq!(row[6], "7"); // the computed week is all history
    assert_eq!(
        row[7],
        history_volume("2024-07-08", "2024-07-14").to_string()
    );
    let wape: f64 = row[8].parse().unwrap();
    assert!(wape > 0.0 && wape < 50.0, "{out}");
    assert!(row[10].parse::<f64>().is_ok(), "{out}");
}

#[test]
fn delete_and_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    compute(&ws, &["--weeks", "2"]);
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert_eq!(out.trim(), "Sales long-term: up to date");
    // a history import changes the inputs: recomputed once
    let copy = dir.path().join("again.csv");
    fs::copy(sample("daily.csv"), &copy).unwrap();
    wfm(&ws)
        .args(["history", "import"])
        .arg(&copy)
        .assert()
        .success();
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert!(
        out.contains("Sales long-term: recomputed (its inputs changed"),
        "{out}"
    );
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert_eq!(out.trim(), "Sales long-term: up to date");
    // delete: the draft, then nothing left to delete
    wfm(&ws)
        .args(["forecast", "delete", "--group", "Sales", "--kind", "long"])
        .assert()
        .success();
    wfm(&ws)
        .args(["forecast", "delete", "--group", "Sales", "--kind", "long"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "no draft (unpublished) long-term forecast",
        ));
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert_eq!(out.trim(), "no forecasts to refresh");
}

#[test]
fn the_stateless_form_still_needs_its_arguments() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("wfm")
        .unwrap()
        .args(["forecast", "--kind", "long", "--weeks", "2"])
        .arg("--history")
        .arg(sample("daily.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--output"));
    let out = dir.path().join("lt.csv");
    Command::cargo_bin("wfm")
        .unwrap()
        .args(["forecast", "--kind", "long", "--weeks", "1", "--history"])
        .arg(sample("daily.csv"))
        .arg("--output")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 1 + 6 * 7);
}

#[test]
fn short_term_shows_intervals_under_a_week_and_daily_totals_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let ws = interval_workspace(dir.path());
    let out = stdout(wfm(&ws).args([
        "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "1",
    ]));
    assert!(
        out.contains("short-term forecast of Sales computed"),
        "{out}"
    );
    assert!(
        out.contains("long-term forecast of Sales computed"),
        "{out}"
    );
    let rows = |extra: &[&str]| -> Vec<(String, f64)> {
        let out = stdout(
            wfm(&ws)
                .args(["forecast", "show", "--group", "Sales", "--kind", "short"])
                .args(extra),
        );
        out.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.trim_matches(['│', ' ']).split_whitespace().collect();
                (f.len() == 5 && f[0].starts_with("20"))
                    .then(|| (f[0].to_owned(), f[1].parse().unwrap()))
            })
            .collect()
    };
    let days = rows(&[]);
    assert_eq!(days.len(), 7); // a whole week: daily totals
    assert_eq!(days[0].0, "2024-08-01");
    let intervals = rows(&["--from", "2024-08-02", "--to", "2024-08-02"]);
    assert_eq!(intervals.len(), 48);
    assert_eq!(intervals[0].0, "2024-08-02T00:00:00Z");
    let sum: f64 = intervals.iter().map(|r| r.1).sum();
    // the shown interval values are rounded to 0.1
    assert!(
        (sum - days[1].1).abs() < 48.0 * 0.05 + 0.05,
        "{sum} vs {}",
        days[1].1
    );
}

#[test]
fn both_kinds_on_daily_history_store_the_long_term_one_and_name_the_failure() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    wfm(&ws)
        .args([
            "forecast", "compute", "--group", "Sales", "--kind", "both", "--weeks", "1",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "long-term forecast of Sales computed",
        ))
        .stderr(predicate::str::contains("short-term forecast of Sales"));
    let list = stdout(wfm(&ws).args(["forecast", "list"]));
    assert!(list.contains("long") && !list.contains("short"), "{list}");
}

#[test]
fn a_queues_own_time_zone_fixes_its_intraday_pattern_and_default_restores_the_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let ws = interval_workspace(dir.path());
    let day = || -> Vec<String> {
        wfm(&ws)
            .args([
                "forecast", "compute", "--group", "Sales", "--kind", "short", "--weeks", "1",
            ])
            .assert()
            .success();
        let out = stdout(wfm(&ws).args([
            "forecast",
            "show",
            "--group",
            "Sales",
            "--kind",
            "short",
            "--from",
            "2024-08-02",
            "--to",
            "2024-08-02",
        ]));
        out.lines()
            .filter(|l| l.contains("2024-08-02T"))
            .map(str::to_owned)
            .collect()
    };
    let utc = day();
    assert_eq!(utc.len(), 48);
    let out = stdout(wfm(&ws).args(["queues", "time-zone", "1001", "America/New_York"]));
    assert!(out.contains("America/New_York"), "{out}");
    let listed = stdout(wfm(&ws).args(["queues", "list"]));
    assert!(listed.contains("America/New_York"), "{listed}");
    // the history spans summer and winter time: learned in New York time, the UTC curve
    // of the pattern differs from the one learned in UTC
    // the zone is an input: a refresh recomputes once
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert!(
        out.contains("Sales short-term: recomputed (its inputs changed"),
        "{out}"
    );
    let out = stdout(wfm(&ws).args(["forecast", "refresh"]));
    assert!(out.contains("Sales short-term: up to date"), "{out}");
    let new_york = day();
    assert_eq!(new_york.len(), 48);
    assert_ne!(new_york, utc);
    wfm(&ws)
        .args(["queues", "time-zone", "1001", "Mars/Olympus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an IANA time zone"));
    stdout(wfm(&ws).args(["queues", "time-zone", "1001", "default"]));
    assert_eq!(day(), utc);
}

#[test]
fn a_group_with_a_forecast_cannot_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace(dir.path());
    compute(&ws, &["--weeks", "2"]);
    wfm(&ws)
        .args(["groups", "delete", "Sales"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("delete the forecast first"));
    wfm(&ws)
        .args(["forecast", "delete", "--group", "Sales", "--kind", "long"])
        .assert()
        .success();
    wfm(&ws)
        .args(["groups", "delete", "Sales"])
        .assert()
        .success();
}
