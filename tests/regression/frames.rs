//! Regression tests of issue 19 ("A planner's notebook"), items 2, 3 and 5: frames from
//! Python cross as Arrow (`wfm::arrow`) and are read from memory (`wfm::files::Input`).

use polars::prelude::*;
use wfm::core::forecast::ForecastKind;
use wfm::files::Input;

const SECONDS_2026_03_02: i64 = 1_772_409_600;

/// A week of 15-minute forecast rows from 2026-03-02 00:00 UTC, 4 contacts a quarter hour
/// from 13:00 to 20:00 UTC; `TimeStamp` instants (µs) marked with `zone`.
fn forecast_frame(zone: Option<&'static str>) -> DataFrame {
    let n = 7 * 96;
    let micros: Vec<i64> = (0..n)
        .map(|i| (SECONDS_2026_03_02 + 900 * i) * 1_000_000)
        .collect();
    let volume: Vec<f64> = (0..n)
        .map(|i| {
            if (52..80).contains(&(i % 96)) {
                4.0
            } else {
                0.0
            }
        })
        .collect();
    let zone = TimeZone::opt_try_new(zone).unwrap();
    let stamps = Int64Chunked::new("TimeStamp".into(), &micros)
        .into_datetime(TimeUnit::Microseconds, zone)
        .into_column();
    let height = micros.len();
    DataFrame::new(
        height,
        vec![
            Column::new("QueueName".into(), vec!["Support"; height]),
            Column::new("QueueId".into(), vec!["q1"; height]),
            Column::new("ChannelType".into(), vec!["VOICE"; height]),
            stamps,
            Column::new("IntervalDuration".into(), vec!["15mins"; height]),
            Column::new("IncomingContactVolume".into(), volume),
            Column::new("AverageHandleTime".into(), vec![300.0; height]),
        ],
    )
    .unwrap()
}

fn read(df: DataFrame) -> wfm::core::forecast::GroupForecast {
    let text = wfm::arrow::csv_text(df).unwrap();
    wfm::capacity::read_forecast_input(&Input::text("<dataframe>", text), ForecastKind::Short)
        .unwrap()
}

#[test]
fn a_berlin_zoned_forecast_moved_demand_by_two_hours() {
    // the frame was written as Berlin wall time with a literal Z: short intervals 6 → 22
    let utc = read(forecast_frame(Some("UTC")));
    let berlin = read(forecast_frame(Some("Europe/Berlin")));
    let naive = read(forecast_frame(None));
    assert_eq!(berlin, utc);
    assert_eq!(naive, utc, "a naive instant is UTC");
}

/// History rows of queue q1 at `seconds` (UTC instants marked with `zone`), 30 minutes.
fn history_frame(seconds: &[i64], zone: Option<&str>) -> DataFrame {
    let n = seconds.len();
    let micros: Vec<i64> = seconds.iter().map(|s| s * 1_000_000).collect();
    let stamps = Int64Chunked::new("TimeStamp".into(), &micros)
        .into_datetime(TimeUnit::Microseconds, TimeZone::opt_try_new(zone).unwrap())
        .into_column();
    DataFrame::new(
        n,
        vec![
            Column::new("QueueName".into(), vec!["Sales"; n]),
            Column::new("QueueId".into(), vec!["q1"; n]),
            Column::new("ChannelType".into(), vec!["VOICE"; n]),
            stamps,
            Column::new("IntervalDuration".into(), vec!["30mins"; n]),
            Column::new("IncomingContactVolume".into(), vec![12i64; n]),
            Column::new("AverageHandleTime".into(), vec![240.0; n]),
            Column::new("ContactsHandled".into(), vec![11i64; n]),
        ],
    )
    .unwrap()
}

fn workspace(dir: &tempfile::TempDir) -> wfm::Workspace {
    wfm::Workspace::create(
        &dir.path().join("w.wfm"),
        wfm::core::IntervalLength::Thirty,
        None,
    )
    .unwrap()
}

#[test]
fn new_york_history_across_the_dst_change_gave_duplicate_rows_naming_a_temp_file() {
    // 2024-11-03 05:00Z to 07:00Z: 01:00, 01:30, 01:00, 01:30 on New York's clocks
    let seconds: Vec<i64> = (0..4).map(|i| 1_730_610_000 + 1800 * i).collect();
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(&dir);
    let text = wfm::arrow::csv_text(history_frame(&seconds, Some("America/New_York"))).unwrap();
    let out = ws.import_history_text("<dataframe>", &text, None).unwrap();
    assert_eq!(out.source.rows, 4);
    // a real duplicate is named by the frame, never a file
    let twice = history_frame(&[seconds[0], seconds[0]], Some("America/New_York"));
    let text = wfm::arrow::csv_text(twice).unwrap();
    let e = ws
        .import_history_text("<dataframe>", &text, None)
        .unwrap_err();
    let wfm::WfmError::InvalidInput { errors, .. } = e else {
        panic!("{e}")
    };
    let shown = errors[0].to_string();
    assert!(
        shown.starts_with("<dataframe>:3:") && shown.contains("duplicate"),
        "{shown}"
    );
}

#[test]
fn history_frames_came_back_in_milliseconds_and_forecasts_in_microseconds() {
    let ms = Int64Chunked::new("TimeStamp".into(), &[SECONDS_2026_03_02 * 1000])
        .into_datetime(TimeUnit::Milliseconds, None)
        .into_column();
    let df = wfm::arrow::utc_microseconds(DataFrame::new(1, vec![ms]).unwrap()).unwrap();
    assert_eq!(
        df.column("TimeStamp").unwrap().dtype(),
        &DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC))
    );
}
