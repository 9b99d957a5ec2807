//! The forecasting and capacity-planning part of `wfm demo`: the sample history
//! forecast short- and long-term, then a 12-week capacity plan from both forecasts with
//! the example scenario, files written to the output folder (or a temporary one) and the
//! weekly view shown.

use std::path::Path;

use anyhow::Result;
use comfy_table::Cell;
use wfm::capacity::{PlanFiles, plan_from_files, write_plan_dir};
use wfm::forecasting::{ForecastKind, ForecastRequest, forecast_files, write_forecast_csv};

use super::table;

/// Runs the tour; a missing sample or a failure is reported and skipped, never fatal.
pub fn tour(output: Option<&Path>) {
    let sample = Path::new(wfm::demo::SAMPLE_DIR);
    let scenario = sample.join("../scenarios/capacity_base.toml");
    if !sample.join("intervals_30min.csv").is_file() || !scenario.is_file() {
        println!("(sample data not found: skipping the forecast and plan tour)\n");
        return;
    }
    if let Some(dir) = output {
        if let Err(e) = std::fs::create_dir_all(dir) {
            println!(
                "({}: {e}: skipping the forecast and plan tour)\n",
                dir.display()
            );
            return;
        }
        match run(sample, &scenario, dir) {
            Ok(()) => println!(
                "Files in {0}: forecast_short.csv, forecast_long.csv, plan/ (CSVs, plan.xlsx); \
                 draw them with: .venv/bin/python -m wfm.demo {0}\n",
                dir.display()
            ),
            Err(e) => println!("(the forecast and plan tour failed: {e})\n"),
        }
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        println!("(no temporary directory: skipping the forecast and plan tour)\n");
        return;
    };
    if let Err(e) = run(sample, &scenario, dir.path()) {
        println!("(the forecast and plan tour failed: {e})\n");
    }
}

fn run(sample: &Path, scenario: &Path, dir: &Path) -> Result<()> {
    let short = forecast_files(&ForecastRequest::new(
        vec![sample.join("intervals_30min.csv").into()],
        ForecastKind::Short,
        4,
    ))?;
    let long = forecast_files(&ForecastRequest::new(
        vec![sample.join("daily.csv").into()],
        ForecastKind::Long,
        16,
    ))?;
    let (st, lt) = (
        dir.join("forecast_short.csv"),
        dir.join("forecast_long.csv"),
    );
    write_forecast_csv(&st, &short.forecast, &short.table())?;
    write_forecast_csv(&lt, &long.forecast, &long.table())?;
    println!("wfm demo — forecasts of the sample history (P50, with P10–P90 in the files)\n");
    let mut t = table::new(&[
        "queue",
        "channel",
        "short-term model",
        "4 weeks",
        "long-term model",
        "16 weeks",
    ]);
    for s in &short.forecast.series {
        let long_term = long
            .forecast
            .series
            .iter()
            .find(|l| l.queue_id == s.queue_id && l.channel == s.channel);
        t.add_row(vec![
            Cell::new(format!("{} {}", s.queue_id, s.queue_name)),
            Cell::new(s.channel),
            Cell::new(&s.model),
            Cell::new(format!("{:.0}", s.total_volume())),
            Cell::new(long_term.map_or("-".into(), |l| l.model.clone())),
            Cell::new(long_term.map_or("-".into(), |l| format!("{:.0}", l.total_volume()))),
        ]);
    }
    println!("{}", table::show(&t));
    // the plan starts on the first Monday of the forecast
    let first = chrono::DateTime::from_timestamp(long.forecast.start, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default();
    let monday = first
        + chrono::Duration::days(i64::from(
            (7 - chrono::Datelike::weekday(&first).num_days_from_monday()) % 7,
        ));
    let outcome = plan_from_files(&PlanFiles {
        forecast_long: lt.into(),
        forecast_short: st.into(),
        scenario: scenario.to_owned(),
        fte: None,
        group: None,
        start: monday,
        weeks: 12,
        overrides: None,
    })?;
    write_plan_dir(&dir.join("plan"), &outcome)?;
    println!(
        "\nwfm demo — a 12-week capacity plan from {monday} (all sample queues, scenario {:?}: VOICE 80 % in 30 s, CHAT 70 % in 30 s, occupancy ≤ 85 %)\n",
        outcome.scenario.name
    );
    let mut t = table::new(&[
        "week",
        "volume",
        "AHT s",
        "required FTE",
        "peak agents",
        "occupancy %",
    ]);
    for w in &outcome.plan.weekly {
        t.add_row(vec![
            Cell::new(w.start),
            Cell::new(format!("{:.0}", w.volume)),
            Cell::new(format!("{:.0}", w.aht_seconds)),
            Cell::new(format!("{:.1}", w.required_fte)),
            Cell::new(w.peak_agents),
            Cell::new(format!("{:.1}", w.expected_occupancy * 100.0)),
        ]);
    }
    println!("{}", table::show(&t));
    println!(
        "Try: wfm forecast --history data/sample/daily.csv --kind long --weeks 78 --output lt.csv, then wfm plan (see README)\n"
    );
    Ok(())
}
