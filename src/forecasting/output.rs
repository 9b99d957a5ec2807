//! The forecast table (SPEC §3), defined once ([`FORECAST_COLUMNS`] and the quantile
//! columns) and written from that definition as a CSV (atomically) and as a polars
//! DataFrame.

use std::io::Write;
use std::path::Path;

use polars::prelude::{Column, DataFrame, PolarsResult};
use wfm_core::forecast::{FORECAST_HEADER, ForecastPoint, GroupForecast, GroupSeries};
use wfm_core::history::format_utc;

use super::BacktestRow;
use crate::error::{Result, WfmError};
use crate::files::OutputFile;

/// One column of the forecast table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ForecastColumn {
    /// `QueueName`.
    QueueName,
    /// `QueueId`.
    QueueId,
    /// `ChannelType`.
    Channel,
    /// `TimeStamp`, ISO 8601 UTC.
    TimeStamp,
    /// `IntervalDuration`: `15mins`, `30mins` or `daily`.
    Duration,
    /// `IncomingContactVolume`.
    Volume,
    /// `AverageHandleTime`, seconds.
    Aht,
    /// A quantile of the volume: `P10`, `P50` or `P90`.
    Quantile(f64),
}

/// The first seven columns of the forecast table, in order ([`FORECAST_HEADER`]).
pub const FORECAST_COLUMNS: [ForecastColumn; 7] = [
    ForecastColumn::QueueName,
    ForecastColumn::QueueId,
    ForecastColumn::Channel,
    ForecastColumn::TimeStamp,
    ForecastColumn::Duration,
    ForecastColumn::Volume,
    ForecastColumn::Aht,
];

/// A cell's value: text or a number.
enum Cell {
    Text(String),
    Number(f64),
}

impl ForecastColumn {
    /// The header name.
    ///
    /// ```
    /// use wfm::forecasting::{FORECAST_COLUMNS, ForecastColumn};
    /// assert_eq!(ForecastColumn::Quantile(0.9).name(), "P90");
    /// assert_eq!(FORECAST_COLUMNS.map(|c| c.name()), wfm::core::forecast::FORECAST_HEADER);
    /// ```
    pub fn name(self) -> String {
        match self {
            Self::Quantile(q) => format!("P{}", (q * 100.0).round() as u32),
            other => {
                let i = FORECAST_COLUMNS.iter().position(|c| *c == other);
                FORECAST_HEADER[i.unwrap_or(0)].to_owned()
            }
        }
    }

    fn cell(self, s: &GroupSeries, p: &ForecastPoint, duration: &str) -> Cell {
        match self {
            Self::QueueName => Cell::Text(s.queue_name.clone()),
            Self::QueueId => Cell::Text(s.queue_id.clone()),
            Self::Channel => Cell::Text(s.channel.as_str().to_owned()),
            Self::TimeStamp => Cell::Text(format_utc(p.start)),
            Self::Duration => Cell::Text(duration.to_owned()),
            Self::Volume => Cell::Number(clean(p.volume)),
            Self::Aht => Cell::Number(clean(p.aht_seconds)),
            Self::Quantile(q) => Cell::Number(clean(quantile(p, q))),
        }
    }
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

/// A forecast as a table: its columns and how the CSV rounds volumes.
///
/// ```
/// use wfm::forecasting::ForecastTable;
/// let t = ForecastTable::computed(&[0.1, 0.9]);
/// assert_eq!(t.header().last().unwrap(), "P90");
/// assert_eq!(ForecastTable::download().header().len(), 7);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastTable {
    columns: Vec<ForecastColumn>,
    whole_volumes: bool,
}

impl ForecastTable {
    /// The table of a computation: the seven columns, then one per quantile (`P10`,
    /// `P50`, `P90`); volumes with 3 decimals.
    pub fn computed(quantiles: &[f64]) -> Self {
        let mut columns = FORECAST_COLUMNS.to_vec();
        columns.extend(quantiles.iter().map(|q| ForecastColumn::Quantile(*q)));
        Self {
            columns,
            whole_volumes: false,
        }
    }

    /// The download of a stored forecast: the seven columns, volumes rounded to whole
    /// contacts, so the file round-trips as an override template.
    pub fn download() -> Self {
        Self {
            columns: FORECAST_COLUMNS.to_vec(),
            whole_volumes: true,
        }
    }

    /// The column names, in order.
    pub fn header(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name()).collect()
    }

    /// A number as the CSV writes it: AHT with 2 decimals, volumes with 3 (or whole).
    fn text(&self, column: ForecastColumn, v: f64) -> String {
        match column {
            ForecastColumn::Aht => format!("{v:.2}"),
            ForecastColumn::Volume if self.whole_volumes => format!("{:.0}", v.round()),
            _ => format!("{v:.3}"),
        }
    }
}

/// Every (series, point) of the forecast, in series order.
fn rows(forecast: &GroupForecast) -> impl Iterator<Item = (&GroupSeries, &ForecastPoint)> {
    forecast
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(move |p| (s, p)))
}

/// Writes the forecast CSV at `path` (`-` for standard output), whole or not at all
/// (see [`crate::files`]): the columns of `table`, one row per series × step. Returns the
/// rows written.
///
/// # Errors
/// [`WfmError::Io`] if the file cannot be written.
pub fn write_forecast_csv(
    path: &Path,
    forecast: &GroupForecast,
    table: &ForecastTable,
) -> Result<usize> {
    let mut out = OutputFile::create(path)?;
    let io = |e: std::io::Error| WfmError::io(path, e);
    let csv_err = |e: csv::Error| WfmError::io(path, std::io::Error::other(e));
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(&mut out));
    w.write_record(table.header()).map_err(csv_err)?;
    let duration = forecast.granularity.as_str();
    let mut count = 0;
    for (s, p) in rows(forecast) {
        let row = table.columns.iter().map(|c| match c.cell(s, p, duration) {
            Cell::Text(t) => t,
            Cell::Number(v) => table.text(*c, v),
        });
        w.write_record(row).map_err(csv_err)?;
        count += 1;
    }
    let mut buf = w
        .into_inner()
        .map_err(|e| io(std::io::Error::other(e.to_string())))?;
    buf.flush().map_err(io)?;
    drop(buf);
    out.commit()?;
    Ok(count)
}

/// The forecast as a DataFrame with the columns of `table` (`TimeStamp` as ISO 8601
/// text, numbers unrounded).
///
/// # Errors
/// A polars error if the frame cannot be built.
pub fn forecast_frame(forecast: &GroupForecast, table: &ForecastTable) -> PolarsResult<DataFrame> {
    let duration = forecast.granularity.as_str();
    let columns = table
        .columns
        .iter()
        .map(|c| {
            let name = c.name().into();
            let cells = rows(forecast).map(|(s, p)| c.cell(s, p, duration));
            match c {
                ForecastColumn::Volume | ForecastColumn::Aht | ForecastColumn::Quantile(_) => {
                    let v: Vec<f64> = cells
                        .map(|x| match x {
                            Cell::Number(v) => v,
                            Cell::Text(_) => f64::NAN,
                        })
                        .collect();
                    Column::new(name, v)
                }
                _ => {
                    let v: Vec<String> = cells
                        .map(|x| match x {
                            Cell::Text(t) => t,
                            Cell::Number(v) => v.to_string(),
                        })
                        .collect();
                    Column::new(name, v)
                }
            }
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use wfm_core::Channel;
    use wfm_core::history::Granularity;

    /// The CSV and the DataFrame are written from the one column list: same names, same
    /// order, same values (the CSV's rounded).
    #[test]
    fn the_csv_and_the_frame_have_the_same_columns() {
        let p = ForecastPoint {
            start: 0,
            volume: 10.25,
            p10: 7.0,
            p50: 10.0,
            p90: 13.5,
            aht_seconds: 300.0,
        };
        let s = GroupSeries {
            queue_id: "q1".into(),
            queue_name: "Sales".into(),
            channel: Channel::Voice,
            model: "m".into(),
            points: vec![p],
        };
        let f = GroupForecast::new(Granularity::Daily, 0, 1, vec![s]);
        let table = ForecastTable::computed(&[0.1, 0.5, 0.9]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        assert_eq!(write_forecast_csv(&path, &f, &table).unwrap(), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        let frame = forecast_frame(&f, &table).unwrap();
        let names: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(text.lines().next().unwrap(), names.join(","));
        assert_eq!(
            text.lines().nth(1).unwrap(),
            "Sales,q1,VOICE,1970-01-01T00:00:00Z,daily,10.250,300.00,7.000,10.000,13.500"
        );
        let download = ForecastTable::download();
        write_forecast_csv(&path, &f, &download).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with(",daily,10,300.00\n"), "{text}");
    }
}
