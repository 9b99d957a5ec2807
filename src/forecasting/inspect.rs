//! Inspecting workspace forecasts: the table of `wfm forecast show` (intervals
//! only when the range is shorter than a week, else daily totals), the comparison of the
//! last computed with the last published version and of actuals with the forecast, the
//! download CSV and the backtest.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, rollup_daily};

use super::workspace::{effective_forecast, fit_group, group_history, group_queues, last_forecast};
use super::{BacktestRow, ForecastKind, GroupForecast};
use crate::Workspace;
use crate::error::{Result, WfmError};
use crate::files::Inputs;
use crate::workspace::{Overrides, Version};

const DAY: i64 = 86_400;

/// Which part of a forecast to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShowFilter {
    /// The first day (UTC) shown; default the forecast's first.
    pub from: Option<NaiveDate>,
    /// The last day (UTC, inclusive); default the forecast's last.
    pub to: Option<NaiveDate>,
    /// Only this queue id.
    pub queue: Option<String>,
    /// Only this channel.
    pub channel: Option<Channel>,
}

/// One row of the shown table: one step (interval or day) summed over the series shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShowRow {
    /// The step's start, Unix seconds UTC.
    pub start: i64,
    /// Volume.
    pub volume: f64,
    /// P10 and P90 of the volume (summed over series).
    pub p10: f64,
    /// P90.
    pub p90: f64,
    /// AHT weighted by volume, seconds (0 without volume).
    pub aht_seconds: f64,
}

fn matches(filter: &ShowFilter, queue: &str, channel: Channel) -> bool {
    filter.queue.as_deref().is_none_or(|q| q == queue)
        && filter.channel.is_none_or(|c| c == channel)
}

/// The rows of `wfm forecast show`: per interval when the forecast has intervals and the
/// range is shorter than a week, else per UTC day; returns whether they are intervals.
///
/// ```
/// use wfm::forecasting::{ShowFilter, show_rows};
/// use wfm::core::forecast::{GroupForecast, GroupSeries};
/// use wfm::core::{Channel, forecast::ForecastPoint, history::Granularity, IntervalLength};
/// let points = (0..96).map(|i| ForecastPoint { start: i * 1800, volume: 1.0, p10: 0.5, p50: 1.0, p90: 2.0, aht_seconds: 300.0 }).collect();
/// let s = GroupSeries { queue_id: "q1".into(), queue_name: "S".into(), channel: Channel::Voice, model: "m".into(), points };
/// let f = GroupForecast::new(Granularity::Interval(IntervalLength::Thirty), 0, 96, vec![s]);
/// let (intervals, rows) = show_rows(&f, &ShowFilter::default());
/// assert!(intervals && rows.len() == 96); // 2 days < 1 week: intervals
/// ```
pub fn show_rows(forecast: &GroupForecast, filter: &ShowFilter) -> (bool, Vec<ShowRow>) {
    let day_start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp())
    };
    let from = filter.from.map_or(forecast.start, day_start);
    let to = filter.to.map_or(forecast.end(), |d| day_start(d) + DAY);
    let intervals = matches!(forecast.granularity, Granularity::Interval(_))
        && to.saturating_sub(from) < 7 * DAY;
    let mut rows: BTreeMap<i64, ShowRow> = BTreeMap::new();
    for s in forecast
        .series
        .iter()
        .filter(|s| matches(filter, &s.queue_id, s.channel))
    {
        for p in s.points.iter().filter(|p| p.start >= from && p.start < to) {
            let key = if intervals {
                p.start
            } else {
                p.start.div_euclid(DAY) * DAY
            };
            let r = rows.entry(key).or_insert(ShowRow {
                start: key,
                volume: 0.0,
                p10: 0.0,
                p90: 0.0,
                aht_seconds: 0.0,
            });
            r.volume += p.volume;
            r.p10 += p.p10;
            r.p90 += p.p90;
            r.aht_seconds += p.volume * p.aht_seconds; // workload, divided below
        }
    }
    let rows = rows
        .into_values()
        .map(|mut r| {
            r.aht_seconds = if r.volume > 0.0 {
                r.aht_seconds / r.volume
            } else {
                0.0
            };
            r
        })
        .collect();
    (intervals, rows)
}

/// Actuals against a forecast over the steps history covers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Accuracy {
    /// Steps of the forecast that history covers.
    pub steps: usize,
    /// Actual volume over those steps.
    pub actual: f64,
    /// Forecast volume over those steps.
    pub forecast: f64,
    /// `Σ|f − a| / Σa` over those steps (`None` without actuals).
    pub wape: Option<f64>,
    /// `Σ(f − a) / Σa` over those steps.
    pub bias: Option<f64>,
}

/// One queue × channel of `wfm forecast compare`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    /// The queue's id.
    pub queue_id: String,
    /// The queue's name.
    pub queue_name: String,
    /// The channel.
    pub channel: Channel,
    /// Total volume of the last computed forecast (with overrides).
    pub computed: Option<f64>,
    /// Total volume of the last published forecast (with overrides).
    pub published: Option<f64>,
    /// Actuals vs the last computed forecast.
    pub vs_computed: Accuracy,
    /// Actuals vs the last published forecast.
    pub vs_published: Accuracy,
}

fn actuals(
    ws: &Workspace,
    group: &str,
    granularity: Granularity,
) -> Result<BTreeMap<(String, Channel, i64), u64>> {
    let history = group_history(ws, &group_queues(ws, group)?)?;
    let mut by_series: BTreeMap<(String, Channel), (Vec<HistoryRecord>, Vec<HistoryRecord>)> =
        BTreeMap::new();
    for r in &history.records {
        let e = by_series
            .entry((history.queues.id(r.queue).as_str().to_owned(), r.channel))
            .or_default();
        if r.granularity == Granularity::Daily {
            e.1.push(*r);
        } else {
            e.0.push(*r);
        }
    }
    let mut out = BTreeMap::new();
    for ((q, c), (intervals, days)) in by_series {
        let records = match granularity {
            Granularity::Daily if days.is_empty() => rollup_daily(&intervals),
            Granularity::Daily => days,
            Granularity::Interval(_) => intervals,
        };
        for r in records {
            out.insert((q.clone(), c, r.start), r.volume);
        }
    }
    Ok(out)
}

/// Last computed vs last published totals, and actuals vs each of them where history
/// overlaps it, per queue × channel (both with overrides).
///
/// # Errors
/// `Rejected` if the group has no forecast of `kind`.
pub(crate) fn compare_forecast(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    filter: &ShowFilter,
) -> Result<Vec<CompareRow>> {
    let computed = effective_forecast(ws, group, kind, Version::Computed, Overrides::Applied)?;
    let published = effective_forecast(ws, group, kind, Version::Published, Overrides::Applied)?;
    let Some(base) = computed.as_ref().map(|(_, f)| f) else {
        return Err(WfmError::Rejected(format!(
            "no {kind}-term forecast of {group:?} to compare"
        )));
    };
    let actual = actuals(ws, group, base.granularity)?;
    let series = |f: &Option<(_, GroupForecast)>, q: &str, c: Channel| {
        f.as_ref().and_then(|(_, f)| {
            f.series
                .iter()
                .find(|s| s.queue_id == q && s.channel == c)
                .cloned()
        })
    };
    let accuracy = |s: Option<&super::GroupSeries>| {
        let mut a = Accuracy::default();
        let Some(s) = s else { return a };
        let mut abs = 0.0;
        for p in &s.points {
            if let Some(&v) = actual.get(&(s.queue_id.clone(), s.channel, p.start)) {
                let v = v as f64;
                a.steps += 1;
                a.actual += v;
                a.forecast += p.volume;
                abs += (p.volume - v).abs();
            }
        }
        if a.actual > 0.0 {
            a.wape = Some(abs / a.actual);
            a.bias = Some((a.forecast - a.actual) / a.actual);
        }
        a
    };
    let mut keys: Vec<(String, String, Channel)> = Vec::new();
    for (_, f) in computed.iter().chain(published.iter()) {
        for s in &f.series {
            let k = (s.queue_id.clone(), s.queue_name.clone(), s.channel);
            if !keys.contains(&k) && matches(filter, &s.queue_id, s.channel) {
                keys.push(k);
            }
        }
    }
    keys.sort();
    let total = |s: &Option<super::GroupSeries>| {
        s.as_ref()
            .map(|s| s.points.iter().map(|p| p.volume).sum::<f64>())
    };
    Ok(keys
        .into_iter()
        .map(|(q, name, c)| {
            let sc = series(&computed, &q, c);
            let sp = series(&published, &q, c);
            CompareRow {
                computed: total(&sc),
                published: total(&sp),
                vs_computed: accuracy(sc.as_ref()),
                vs_published: accuracy(sp.as_ref()),
                queue_id: q,
                queue_name: name,
                channel: c,
            }
        })
        .collect())
}

/// Writes the group's last computed (or published) forecast of `kind`, with or without
/// its overrides, as the download CSV; returns the rows written.
///
/// # Errors
/// `OutputIsInput` when `path` is the workspace (checked first); `Rejected` if there is
/// no such forecast; `Io` if the file cannot be written.
pub(crate) fn export_forecast(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
    version: Version,
    overrides: Overrides,
    path: &Path,
) -> Result<usize> {
    Inputs::new().workspace(ws.path()).check(path)?;
    let Some((_, f)) = effective_forecast(ws, group, kind, version, overrides)? else {
        return Err(WfmError::Rejected(format!(
            "no {}{kind}-term forecast of {group:?} to export",
            match version {
                Version::Published => "published ",
                Version::Computed => "",
            }
        )));
    };
    // the volume rounded to whole contacts, so the file round-trips as an override template
    super::write_forecast_csv(path, &f, &super::ForecastTable::download())
}

/// Rolling-origin backtests (WAPE, MASE, bias, P10–P90 coverage) of every series of the
/// group from the workspace history, with the settings of its last computed forecast of
/// `kind` (or the defaults).
///
/// # Errors
/// As [`compute_forecast`](super::compute_forecast).
pub(crate) fn backtest_forecast(
    ws: &Workspace,
    group: &str,
    kind: ForecastKind,
) -> Result<Vec<BacktestRow>> {
    let queues = group_queues(ws, group)?;
    let mut meta = last_forecast(ws, group, kind, Version::Computed)?
        .map(|(_, f)| f.meta)
        .unwrap_or_default();
    // the backtest horizon is at most 4 weeks (short) or 90 days (long)
    meta.weeks = match kind {
        ForecastKind::Short => 4,
        ForecastKind::Long => 13,
    };
    Ok(fit_group(ws, &queues, kind, &meta, true)?.backtest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecasting::{GroupSeries, apply_overrides, parse_overrides};
    use proptest::prelude::*;
    use wfm_core::IntervalLength;
    use wfm_core::forecast::ForecastPoint;

    fn forecast(values: &[(f64, f64)]) -> GroupForecast {
        let points = values
            .iter()
            .enumerate()
            .map(|(i, &(v, a))| ForecastPoint {
                start: 1_722_470_400 + i as i64 * 1800,
                volume: v,
                p10: v * 0.8,
                p50: v,
                p90: v * 1.2,
                aht_seconds: a,
            })
            .collect();
        let s = GroupSeries {
            queue_id: "q1".into(),
            queue_name: "Sales (EU)".into(),
            channel: Channel::Chat,
            model: "m".into(),
            points,
        };
        GroupForecast::new(
            Granularity::Interval(IntervalLength::Thirty),
            1_722_470_400,
            values.len(),
            vec![s],
        )
    }

    proptest! {
        /// The download round-trips as an override file: uploading it unchanged sets
        /// every step to its volume rounded to whole contacts and its AHT to 2 decimals.
        #[test]
        fn the_export_round_trips_as_an_override_file(
            values in proptest::collection::vec((0.0f64..5000.0, 0.0f64..2000.0), 1..60)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("e.csv");
            let f = forecast(&values);
            prop_assert_eq!(crate::forecasting::write_forecast_csv(&path, &f, &crate::forecasting::ForecastTable::download()).unwrap(), values.len());
            let text = std::fs::read_to_string(&path).unwrap();
            let rows = parse_overrides(&text, "e.csv", &["q1".into()], IntervalLength::Thirty).unwrap();
            let mut g = f.clone();
            prop_assert_eq!(apply_overrides(&mut g, &rows), values.len());
            for (p, q) in f.series[0].points.iter().zip(&g.series[0].points) {
                prop_assert_eq!(q.volume, p.volume.round());
                prop_assert!((q.aht_seconds - p.aht_seconds).abs() <= 0.005 + 1e-9);
                prop_assert!(q.p10 <= q.p50 && q.p50 <= q.p90);
            }
        }
    }

    #[test]
    fn a_week_or_more_is_shown_as_daily_totals() {
        let f = forecast(&vec![(2.0, 300.0); 48 * 8]);
        let (intervals, rows) = show_rows(&f, &ShowFilter::default());
        assert!(!intervals);
        assert_eq!(rows.len(), 8);
        assert_eq!((rows[0].volume, rows[0].aht_seconds), (96.0, 300.0));
        let one_day = ShowFilter {
            from: NaiveDate::from_ymd_opt(2024, 8, 2),
            to: NaiveDate::from_ymd_opt(2024, 8, 2),
            ..ShowFilter::default()
        };
        let (intervals, rows) = show_rows(&f, &one_day);
        assert!(intervals);
        assert_eq!(rows.len(), 48);
        let other = ShowFilter {
            channel: Some(Channel::Voice),
            ..ShowFilter::default()
        };
        assert!(show_rows(&f, &other).1.is_empty());
    }
}
