//! The forecast as a CSV (written atomically) and as polars DataFrames.

use std::io::Write;
use std::path::Path;

use polars::prelude::{Column, DataFrame, PolarsResult};
use wfm_core::forecast::ForecastPoint;

use super::{BacktestRow, ForecastOutput};
use crate::capacity::FORECAST_HEADER;
use crate::error::{Result, WfmError};
use crate::files::OutputFile;
use wfm_core::history::format_utc;

/// The name of a quantile column: `P10`, `P50`, `P90`.
fn quantile_name(q: f64) -> String {
    format!("P{}", (q * 100.0).round() as u32)
}

fn quantile(p: &ForecastPoint, q: f64) -> f64 {
    if q < 0.3 {
        p.p10
    } else if q < 0.7 {
        p.p50
    } else {
        p.p90
    }
}

/// A non-negative number for the file (no `-0`).
fn clean(v: f64) -> f64 {
    if v > 0.0 { v } else { 0.0 }
}

/// The header of the forecast CSV: the seven forecast CSV columns, then one per quantile.
///
/// ```ignore
/// assert_eq!(header(&[0.1, 0.9]).last().unwrap(), "P90");
/// ```
fn header(quantiles: &[f64]) -> Vec<String> {
    FORECAST_HEADER
        .iter()
        .map(|c| (*c).to_owned())
        .chain(quantiles.iter().map(|q| quantile_name(*q)))
        .collect()
}

/// Writes the forecast CSV at `path` (`-` for standard output), whole or not at all
/// (see [`crate::files`]): `QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,
/// IncomingContactVolume,AverageHandleTime` and one column per quantile (`P10`, `P50`,
/// `P90`), one row per series × step. Returns the rows written.
///
/// # Errors
/// [`WfmError::Io`] if the file cannot be written.
pub fn write_forecast_csv(path: &Path, output: &ForecastOutput) -> Result<usize> {
    let mut out = OutputFile::create(path)?;
    let io = |e: std::io::Error| WfmError::io(path, e);
    let csv_err = |e: csv::Error| WfmError::io(path, std::io::Error::other(e));
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(&mut out));
    w.write_record(header(&output.quantiles)).map_err(csv_err)?;
    let duration = output.granularity.as_str();
    let mut rows = 0;
    for s in &output.series {
        let channel = s.channel.as_str();
        for p in &s.forecast.points {
            let mut row = vec![
                s.queue_name.clone(),
                s.queue_id.clone(),
                channel.to_owned(),
                format_utc(p.start),
                duration.to_owned(),
                format!("{:.3}", clean(p.volume)),
                format!("{:.2}", clean(p.aht_seconds)),
            ];
            row.extend(
                output
                    .quantiles
                    .iter()
                    .map(|q| format!("{:.3}", clean(quantile(p, *q)))),
            );
            w.write_record(&row).map_err(csv_err)?;
            rows += 1;
        }
    }
    let mut buf = w
        .into_inner()
        .map_err(|e| io(std::io::Error::other(e.to_string())))?;
    buf.flush().map_err(io)?;
    drop(buf);
    out.commit()?;
    Ok(rows)
}

/// The forecast as a DataFrame with the CSV's columns (`TimeStamp` as ISO 8601 text).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn forecast_frame(output: &ForecastOutput) -> PolarsResult<DataFrame> {
    let points = || {
        output
            .series
            .iter()
            .flat_map(|s| s.forecast.points.iter().map(move |p| (s, p)))
    };
    let duration = output.granularity.as_str();
    let mut columns = vec![
        Column::new(
            "QueueName".into(),
            points()
                .map(|(s, _)| s.queue_name.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "QueueId".into(),
            points()
                .map(|(s, _)| s.queue_id.clone())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "ChannelType".into(),
            points()
                .map(|(s, _)| s.channel.as_str().to_owned())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "TimeStamp".into(),
            points()
                .map(|(_, p)| format_utc(p.start))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "IntervalDuration".into(),
            points().map(|_| duration.to_owned()).collect::<Vec<_>>(),
        ),
        Column::new(
            "IncomingContactVolume".into(),
            points().map(|(_, p)| clean(p.volume)).collect::<Vec<_>>(),
        ),
        Column::new(
            "AverageHandleTime".into(),
            points()
                .map(|(_, p)| clean(p.aht_seconds))
                .collect::<Vec<_>>(),
        ),
    ];
    for q in &output.quantiles {
        columns.push(Column::new(
            quantile_name(*q).into(),
            points()
                .map(|(_, p)| clean(quantile(p, *q)))
                .collect::<Vec<_>>(),
        ));
    }
    DataFrame::new_infer_height(columns)
}

/// The backtest table: `QueueName, QueueId, ChannelType, origins, steps, wape, mase,
/// bias, coverage` (null where undefined).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn backtest_frame(rows: &[BacktestRow]) -> PolarsResult<DataFrame> {
    let text = |f: &dyn Fn(&BacktestRow) -> String| rows.iter().map(f).collect::<Vec<_>>();
    let opt =
        |f: &dyn Fn(&BacktestRow) -> Option<f64>| rows.iter().map(f).collect::<Vec<Option<f64>>>();
    DataFrame::new_infer_height(vec![
        Column::new("QueueName".into(), text(&|r| r.queue_name.clone())),
        Column::new("QueueId".into(), text(&|r| r.queue_id.clone())),
        Column::new(
            "ChannelType".into(),
            text(&|r| r.channel.as_str().to_owned()),
        ),
        Column::new(
            "origins".into(),
            rows.iter().map(|r| r.origins as u32).collect::<Vec<_>>(),
        ),
        Column::new(
            "steps".into(),
            rows.iter().map(|r| r.steps as u32).collect::<Vec<_>>(),
        ),
        Column::new("wape".into(), opt(&|r| r.wape)),
        Column::new("mase".into(), opt(&|r| r.mase)),
        Column::new("bias".into(), opt(&|r| r.bias)),
        Column::new("coverage".into(), opt(&|r| r.coverage)),
    ])
}
