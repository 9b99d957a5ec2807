//! Regression tests of issue 19 ("A planner's notebook"), item 4: a forecast can be
//! staffed in one step. `wfm staff --input` and `StaffingBatch::from_dataframe` staffed
//! no closed interval (volume 0 was refused though `wfm staff --volume 0` answers 0),
//! and a DataFrame with a key column (`queue`, `interval_start`) was refused as having
//! an "unknown column".

use std::path::Path;

use assert_cmd::Command;
use polars::prelude::*;
use wfm::staffing::{DATAFRAME_SOURCE, StaffingBatch, results_to_dataframe};

fn wfm() -> Command {
    Command::cargo_bin("wfm").expect("the wfm binary is built")
}

#[test]
fn staff_batch_with_a_closed_interval_of_volume_zero_staffs_zero_agents() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let output = dir.path().join("out.csv");
    std::fs::write(
        &input,
        "id,volume,aht_seconds,interval_seconds,asa_target_seconds\n\
         night,0,180,1800,15\nday,100,180,1800,15\n",
    )
    .unwrap();
    wfm()
        .args(["staff", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    let text = std::fs::read_to_string(Path::new(&output)).unwrap();
    let night = text.lines().nth(1).unwrap();
    assert!(night.starts_with("night,0,180,1800,15,0,0,0,"), "{text}");
    let day: Vec<&str> = text.lines().nth(2).unwrap().split(',').collect();
    assert_eq!(day[5], "14", "{text}");
}

#[test]
fn staff_dataframe_with_key_columns_and_closed_intervals_staffs_every_row() {
    let df = df!(
        "queue" => ["sales", "sales"],
        "volume" => [0i64, 100],
        "aht_seconds" => [180.0, 180.0],
        "interval_seconds" => [1800.0, 1800.0],
        "asa_target_seconds" => [15.0, 15.0],
        "interval_start" => ["2025-01-06 08:00", "2025-01-06 08:30"],
    )
    .unwrap();
    let batch = StaffingBatch::from_dataframe(&df, DATAFRAME_SOURCE).unwrap();
    let out = results_to_dataframe(&batch, &batch.solve().unwrap()).unwrap();
    let agents = out.column("agents").unwrap().i64().unwrap();
    assert_eq!((agents.get(0), agents.get(1)), (Some(0), Some(14)));
    assert!(
        out.column("queue").is_err(),
        "the caller's columns are the caller's to keep"
    );
}
