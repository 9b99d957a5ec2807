//! End-to-end tests of `wfm staff` and `wfm demo`: the real binary on files in a temp dir.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

fn data(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn single_interval_from_flags() {
    wfm()
        .args([
            "staff",
            "--volume",
            "100",
            "--aht",
            "180",
            "--interval",
            "1800",
        ])
        .args([
            "--service-level",
            "0.8",
            "--within",
            "20",
            "--max-occupancy",
            "0.85",
        ])
        .args(["--shrinkage", "0.3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("agents                 14"))
        .stdout(predicate::str::contains("agents with shrinkage  20"));
}

#[test]
fn single_interval_as_json_with_erlang_a() {
    let out = wfm()
        .args([
            "staff",
            "--volume",
            "250",
            "--aht",
            "240",
            "--asa",
            "20",
            "--patience",
            "90",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON output");
    let agents = v["agents"].as_u64().expect("agents");
    assert!(v["metrics"]["asa_seconds"].as_f64().expect("asa") <= 20.0);
    assert!(
        v["metrics"]["abandon_probability"]
            .as_f64()
            .expect("abandon")
            > 0.0
    );
    assert!((20..40).contains(&agents), "{agents}");
}

#[test]
fn unreachable_goal_is_an_error_not_a_number() {
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
        .code(2)
        .stderr(predicate::str::contains("cannot be met"));
    wfm()
        .args(["staff", "--volume", "100", "--aht", "180", "--asa", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be met"));
}

#[test]
fn batch_matches_the_exact_reference_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.csv");
    wfm()
        .args([
            "staff",
            "--input",
            &data("reference/bench_intervals_1000.csv"),
            "--output",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "187799 agents, 234137 with shrinkage",
        ));
    let text = fs::read_to_string(&out).expect("output written");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("id,volume,aht_seconds,interval_seconds,service_level_seconds"));
    assert!(header.ends_with(
        "agents,agents_fractional,agents_with_shrinkage,service_level,asa_seconds,occupancy,waiting_probability"
    ));
    assert_eq!(lines.count(), 1000);
}

/// The 20,000-interval benchmark file of the shared reference, when it is beside us.
#[test]
fn batch_matches_the_20000_interval_reference_totals() {
    let path = format!(
        "{}/../shared/reference/erlang/bench_intervals_20000.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(text) = fs::read_to_string(&path) else {
        eprintln!("../shared not present: skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.csv");
    let renamed = text.replacen(
        "id,transactions,aht_seconds,interval_seconds,asa_target_s,",
        "id,volume,aht_seconds,interval_seconds,service_level_seconds,",
        1,
    );
    fs::write(&input, renamed).expect("write input");
    wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path().join("out.csv"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3582680 agents, 4524003 with shrinkage",
        ));
}

#[test]
fn bad_batch_lists_every_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("bad.csv");
    let out = dir.path().join("out.csv");
    fs::write(
        &input,
        "volume,aht_seconds,interval_seconds,service_level_target,service_level_seconds,max_occupancy,shrinkage\n\
         100,180,1800,0.8,20,0.85,0.3\n\
         NaN,180,1800,0.8,20,,\n\
         -5,0,1800,0.8,20,,\n\
         100,180,-1800,1.0,20,,\n\
         100,180,1800,1.5,20,0,1.0\n\
         100,abc,1800,0.8,20,1.2,\n\
         0,180,1800,0.8,20,,\n\
         100,180,1800\n",
    )
    .expect("write input");
    let f = input.display().to_string();
    let assert = wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for expected in [
        format!("{f}:3: volume: must be a finite number"),
        format!("{f}:4: volume: must be 0 or greater, got -5"),
        format!("{f}:4: aht_seconds: must be greater than 0, got 0"),
        format!("{f}:5: interval_seconds: must be greater than 0, got -1800"),
        format!("{f}:5: service_level_target: goal cannot be met"),
        format!("{f}:6: service_level_target: must be between 0 and 1, exclusive, got 1.5"),
        format!("{f}:6: max_occupancy: must be greater than 0 and at most 1, got 0"),
        format!("{f}:6: shrinkage: must be at least 0 and below 1, got 1"),
        format!("{f}:7: aht_seconds: not a number: \"abc\""),
        format!("{f}:9: has 3 fields, the header has 7"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains(&format!("{f}:8:")),
        "volume 0 (a closed interval) is valid:\n{stderr}"
    );
    assert!(!out.exists(), "no output on invalid input");
    assert!(!Path::new(&out.with_extension("wfm-partial")).exists());
}

#[test]
fn bad_header_names_the_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("bad.csv");
    fs::write(&input, "volume,aht,interval_seconds,colour\n1,2,3,4\n").expect("write");
    let f = input.display().to_string();
    wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(dir.path().join("o.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{f}:1: aht: unknown column"
        )))
        .stderr(predicate::str::contains(format!(
            "{f}:1: colour: unknown column"
        )))
        .stderr(predicate::str::contains(format!(
            "{f}:1: aht_seconds: missing column"
        )))
        .stderr(predicate::str::contains("missing goal columns"));
    let empty = dir.path().join("empty.csv");
    fs::write(&empty, "").expect("write");
    wfm()
        .args(["staff", "--input"])
        .arg(&empty)
        .arg("--output")
        .arg(dir.path().join("o.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty file"));
}

#[test]
fn demo_shows_a_day_of_staffing() {
    wfm()
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("interval staffing"))
        .stdout(predicate::str::contains("VOICE"))
        .stdout(predicate::str::contains("CHAT"))
        .stdout(predicate::str::contains("peak"));
}

#[test]
fn a_failure_in_a_later_chunk_writes_nothing() {
    // More rows than one chunk of the streamed solve; the last is valid but unsolvable
    // (10¹² contacts: beyond the largest workload), so the chunks before it were
    // already written beside the output when it fails.
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("long.csv");
    let out = dir.path().join("out.csv");
    let mut csv = String::from("volume,aht_seconds,interval_seconds,asa_target_seconds\n");
    for i in 0..9000 {
        csv.push_str(&format!("{},180,1800,20\n", 50 + i % 400));
    }
    csv.push_str("1e12,180,1800,20\n");
    fs::write(&input, csv).expect("write input");
    let f = input.display().to_string();
    wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{f}:9002: ")));
    assert!(!out.exists(), "no output when a row cannot be solved");
    assert!(!Path::new(&out.with_extension("wfm-partial")).exists());
}
