//! Forecasting from files: history CSVs in, the forecast CSV out, with a
//! backtest table on request. A thin layer over `wfm_core::forecast`: this module reads
//! and layers the files, builds one series per queue × channel, checks data sufficiency
//! as of the forecast start, fits the series in parallel and writes the result.
//! The models, their choice and their intervals are `wfm_core`'s.
//!
//! ```
//! use wfm::forecasting::{ForecastKind, ForecastRequest, forecast_files};
//! let dir = tempfile::tempdir()?;
//! let csv = dir.path().join("h.csv");
//! let mut text = String::from("QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n");
//! for d in 0..400 {
//!     let day = chrono::DateTime::from_timestamp(1_688_169_600 + d * 86_400, 0).unwrap(); // from 2023-07-01
//!     text += &format!("Sales,q1,VOICE,{},daily,{},300,100\n", day.format("%Y-%m-%dT%H:%M:%SZ"), 100 + d % 7);
//! }
//! std::fs::write(&csv, text)?;
//! let out = forecast_files(&ForecastRequest::new(vec![csv.into()], ForecastKind::Long, 4))?;
//! assert_eq!((out.forecast.series.len(), out.forecast.steps), (1, 28));
//! assert!(out.forecast.series[0].points.iter().all(|p| p.p10 <= p.p50 && p.p50 <= p.p90));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod input;
mod inspect;
mod output;
mod overrides;
mod refresh;
mod stored;
mod workspace;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use wfm_core::forecast::{
    BacktestOptions, ContactSeries, Country, Forecaster, GroupForecast, GroupSeries, LongTermModel,
    Predict, ShortTermModel, SpecialDay, backtest, public_holidays,
};
use wfm_core::history::{
    ForecastGroupQueues, Granularity, HistoryRecord, Horizon, QueueId, SufficiencyOptions,
    check_sufficiency, format_utc, rollup_daily,
};
use wfm_core::progress::Progress;
use wfm_core::{Channel, CoreError};

use crate::error::{Result, WfmError};
use crate::files::Input;

pub use input::{Holidays, parse_public_holidays, parse_time_zone, read_holidays_from};
pub(crate) use input::{LoadedRecords, read_holidays};

use ForecastKind as Kind;
pub use inspect::{Accuracy, CompareRow, ShowFilter, ShowRow, show_rows};
pub(crate) use inspect::{backtest_forecast, compare_forecast, export_forecast};
pub use output::{
    FORECAST_COLUMNS, ForecastColumn, ForecastTable, backtest_frame, forecast_frame,
    write_forecast_csv,
};
pub use overrides::{OVERRIDE_NAME, OverrideRow, StoredOverride, apply_overrides, parse_overrides};
pub(crate) use refresh::refresh_forecasts;
pub use refresh::{RefreshAction, is_due};
pub use stored::FORECAST_DOCUMENT;
pub use wfm_core::forecast::{ForecastKind, ForecastMeta, LONG_MAX_WEEKS, SHORT_MAX_WEEKS};
pub use workspace::{
    ComputeOptions, Computed, DEFAULT_LONG_WEEKS, DEFAULT_SHORT_WEEKS, DraftGone, Published,
    inputs_fingerprint,
};
// the lifecycle verbs: called through `Workspace::forecasts` and `Workspace::overrides`
pub(crate) use workspace::{
    check_compute, check_forecasts, compute_forecast, delete_forecast, effective_forecast,
    forecast_override, forecast_versions, override_template, publish_forecast,
    remove_forecast_override, upload_forecast_override, write_override_template,
};

/// The quantiles the models give: P10, P50 and P90.
pub const QUANTILES: [f64; 3] = [0.1, 0.5, 0.9];

/// What to forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastRequest {
    /// History CSVs; where two hold the same record, the later file wins.
    pub history: Vec<Input>,
    /// Short- or long-term.
    pub kind: ForecastKind,
    /// The first forecast step (default: the step after the newest history); history at
    /// or after it is not used.
    pub start: Option<DateTime<Utc>>,
    /// Weeks to forecast (short ≤ 18, long ≤ 78).
    pub weeks: u32,
    /// Quantile columns to write, each 0.1, 0.5 or 0.9.
    pub quantiles: Vec<f64>,
    /// A holidays CSV (`date,name,scope`; see `data/templates/holidays.csv`).
    pub holidays: Option<PathBuf>,
    /// Built-in public holidays per queue id (`*`: every queue without its own entry),
    /// merged under the holidays CSV (a CSV row wins on the same date).
    pub public_holidays: Vec<(String, Country)>,
    /// Time zone per queue id (default UTC): intraday patterns are fixed in local time.
    pub time_zones: Vec<(String, Tz)>,
    /// Also backtest every series (WAPE, MASE, bias).
    pub backtest: bool,
    /// A progress bar on stderr when it is a terminal.
    pub progress: bool,
    /// Hears of every series fitted ([`FIT_STAGE`]) and may stop the run before the next
    /// one: the forecast then fails with [`wfm_core::CoreError::Stopped`] (a group
    /// forecast has no meaningful part).
    pub watcher: Progress,
}

/// The stage name of fitting a forecast's series, as a [`Progress`] watcher hears it.
pub const FIT_STAGE: &str = "fitting series";

impl ForecastRequest {
    /// A request with the defaults: start after the history, P10/P50/P90, no holidays,
    /// UTC, no backtest, no progress bar.
    ///
    /// ```
    /// use wfm::forecasting::{ForecastKind, ForecastRequest};
    /// let r = ForecastRequest::new(vec!["h.csv".into()], ForecastKind::Short, 2);
    /// assert_eq!(r.quantiles, [0.1, 0.5, 0.9]);
    /// ```
    pub fn new(history: Vec<Input>, kind: ForecastKind, weeks: u32) -> Self {
        Self {
            history,
            kind,
            start: None,
            weeks,
            quantiles: QUANTILES.to_vec(),
            holidays: None,
            public_holidays: Vec::new(),
            time_zones: Vec::new(),
            backtest: false,
            progress: false,
            watcher: Progress::none(),
        }
    }
}

/// One series' backtest: rolling-origin accuracy of the model on its own history.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestRow {
    /// The queue's id.
    pub queue_id: String,
    /// The queue's name.
    pub queue_name: String,
    /// The channel.
    pub channel: Channel,
    /// Origins backtested.
    pub origins: usize,
    /// Steps forecast from each origin.
    pub steps: usize,
    /// Volume WAPE, pooled over the origins (`None`: undefined or not backtested).
    pub wape: Option<f64>,
    /// Volume MASE against the weekly seasonal naive forecast.
    pub mase: Option<f64>,
    /// Volume bias, `Σ(f − a) / Σa`.
    pub bias: Option<f64>,
    /// Share of actuals inside the P10–P90 band.
    pub coverage: Option<f64>,
}

/// A computed group forecast with what the computation adds: the quantile columns to
/// write and, when asked for, every series' backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastRun {
    /// The forecast of every series, in queue × channel order.
    pub forecast: GroupForecast,
    /// The quantile columns, in output order.
    pub quantiles: Vec<f64>,
    /// One per series when a backtest was asked for.
    pub backtest: Vec<BacktestRow>,
}

impl ForecastRun {
    /// The table it is written as: the forecast columns and its quantiles.
    pub fn table(&self) -> ForecastTable {
        ForecastTable::computed(&self.quantiles)
    }
}

fn quantiles(wanted: &[f64]) -> Result<Vec<f64>> {
    let mut out: Vec<f64> = Vec::new();
    for &q in wanted {
        let Some(&known) = QUANTILES.iter().find(|k| (*k - q).abs() < 1e-9) else {
            return Err(WfmError::OutOfRange {
                what: "quantile",
                value: q.to_string(),
                allowed: "the models give 0.1, 0.5 and 0.9 (P10, P50, P90) only".into(),
            });
        };
        if !out.contains(&known) {
            out.push(known);
        }
    }
    out.sort_by(f64::total_cmp);
    Ok(out)
}

/// The weeks and quantiles of a request checked; returns the quantiles to write.
fn check_request(request: &ForecastRequest) -> Result<Vec<f64>> {
    let kind = request.kind;
    if request.weeks == 0 || request.weeks > kind.max_weeks() {
        return Err(WfmError::OutOfRange {
            what: "weeks",
            value: request.weeks.to_string(),
            allowed: format!(
                "a {kind}-term forecast covers 1 to {} weeks",
                kind.max_weeks()
            ),
        });
    }
    quantiles(&request.quantiles)
}

/// A series to fit: its key, records (before the start) and model inputs.
struct Job {
    queue_id: String,
    queue_name: String,
    channel: Channel,
    records: Vec<HistoryRecord>,
    tz: Tz,
    special: Vec<SpecialDay>,
}

/// The built-in public holidays of `queue` (its own country, else the `*` one) from the
/// year of its oldest record to two years after `start`.
fn builtin_holidays(
    request: &ForecastRequest,
    queue: &str,
    records: &[HistoryRecord],
    start: i64,
) -> Vec<SpecialDay> {
    let pick = |scope: &str| {
        request
            .public_holidays
            .iter()
            .rev()
            .find(|(q, _)| q == scope)
            .map(|(_, c)| *c)
    };
    let Some(country) = pick(queue).or_else(|| pick("*")) else {
        return Vec::new();
    };
    let year = |t: i64| DateTime::from_timestamp(t, 0).map_or(1970, |d| d.year());
    let first = records.iter().map(|r| r.start).min().unwrap_or(start);
    public_holidays(country, year(first)..=year(start) + 2)
}

/// Reads the history files and forecasts every queue × channel of the requested
/// granularity; see the [module](self) documentation.
///
/// # Errors
/// [`WfmError::InvalidInput`] with every problem of every history file (and of the
/// holidays file); [`WfmError::OutOfRange`] or [`WfmError::InvalidArgument`] for a bad argument (weeks, quantiles, start,
/// a time zone of an unknown queue, no series of the kind);
/// [`WfmError::Core`] with the data-sufficiency report when the history before the start
/// is not enough (fewer than 6 months, too few contacts, nothing recent), or when a model
/// refuses a series.
pub fn forecast_files(request: &ForecastRequest) -> Result<ForecastRun> {
    check_request(request)?;
    let holidays = match &request.holidays {
        Some(p) => input::read_holidays(p)?,
        None => BTreeMap::new(),
    };
    let loaded = input::load_history(&request.history)?;
    forecast_history(request, &holidays, &loaded)
}

/// Fits every queue × channel of already loaded history (effective records, their queue
/// table and interval) as [`forecast_files`] does; `request.history` is not read. The
/// workspace lifecycle calls this with the stored history.
pub(crate) fn forecast_history(
    request: &ForecastRequest,
    holidays: &Holidays,
    loaded: &LoadedRecords,
) -> Result<ForecastRun> {
    let wanted = check_request(request)?;
    let mut warnings = loaded.warnings.clone();
    check_scopes(request, holidays, loaded, &mut warnings)?;
    let granularity = match request.kind {
        Kind::Short => Granularity::Interval(loaded.interval.ok_or_else(|| {
            WfmError::Precondition { what: "no 15mins or 30mins rows in the history: a short-term forecast needs interval history".into() }
        })?),
        Kind::Long => Granularity::Daily,
    };
    let used = series_of_kind(request.kind, loaded, &mut warnings);
    if used.is_empty() {
        return Err(WfmError::Precondition {
            what: format!("no {} history to forecast", granularity.as_str()),
        });
    }
    let start = forecast_start(request, granularity, &used)?;
    check_sufficient(&used, loaded, granularity, start, &mut warnings)?;
    let jobs = jobs(request, holidays, loaded, used, start, &mut warnings);
    let step = granularity.seconds();
    let steps = (request.weeks as usize) * 7 * (86_400 / step) as usize;
    let bar = progress(jobs.len() as u64, request.progress);
    let done = AtomicU64::new(0);
    let results: Vec<Result<FitResult>> = jobs
        .par_iter()
        .map(|job| {
            request.watcher.check(FIT_STAGE)?;
            let r = fit_one(job, granularity, start, steps, request.backtest);
            bar.inc(1);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            request.watcher.step(FIT_STAGE, n, jobs.len() as u64);
            r
        })
        .collect();
    bar.finish_and_clear();
    // a stop wins over the errors of the series fitted meanwhile
    request.watcher.check(FIT_STAGE)?;
    let mut series = Vec::new();
    let mut backtests = Vec::new();
    for r in results {
        let (s, b, w) = r?;
        series.push(s);
        backtests.extend(b);
        warnings.extend(w);
    }
    let mut forecast = GroupForecast::new(granularity, start, steps, series);
    forecast.warnings = warnings;
    Ok(ForecastRun {
        forecast,
        quantiles: wanted,
        backtest: backtests,
    })
}

/// The queues a request's time zones, public holidays and holidays file name exist in
/// the history (a holidays file's unknown queue is a warning).
fn check_scopes(
    request: &ForecastRequest,
    holidays: &Holidays,
    loaded: &LoadedRecords,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let queues = &loaded.queues;
    for (q, _) in &request.time_zones {
        if queues.get(q).is_none() {
            return Err(WfmError::InvalidArgument {
                argument: "time zone for queue",
                value: q.clone(),
                expected: "no such queue in the history".into(),
            });
        }
    }
    for (q, _) in &request.public_holidays {
        if q != "*" && queues.get(q).is_none() {
            return Err(WfmError::InvalidArgument {
                argument: "public holidays for queue",
                value: q.clone(),
                expected: "no such queue in the history".into(),
            });
        }
    }
    for scope in holidays.keys() {
        if scope != "*" && queues.get(scope).is_none() {
            warnings.push(format!(
                "holidays for queue {scope:?} ignored: no such queue in the history"
            ));
        }
    }
    Ok(())
}

/// One queue × channel's records of the forecast's granularity.
type Used = (u32, Channel, Vec<HistoryRecord>);

/// The records of `kind` per queue × channel (daily totals derived where a queue has
/// interval history only), naming what is left out or derived in `warnings`.
fn series_of_kind(
    kind: ForecastKind,
    loaded: &LoadedRecords,
    warnings: &mut Vec<String>,
) -> Vec<Used> {
    let mut by_series: BTreeMap<(u32, Channel), (Vec<HistoryRecord>, Vec<HistoryRecord>)> =
        BTreeMap::new();
    for r in &loaded.records {
        let e = by_series.entry((r.queue.0, r.channel)).or_default();
        if r.granularity == Granularity::Daily {
            e.1.push(*r);
        } else {
            e.0.push(*r);
        }
    }
    let mut used: Vec<Used> = Vec::new();
    for ((q, channel), (intervals, days)) in by_series {
        let id = loaded
            .queues
            .id(wfm_core::history::QueueIx(q))
            .as_str()
            .to_owned();
        let records = match kind {
            Kind::Short if intervals.is_empty() => {
                warnings.push(format!(
                    "queue {id} {channel}: no interval history, not in the short-term forecast"
                ));
                continue;
            }
            Kind::Short => intervals,
            Kind::Long if days.is_empty() => {
                warnings.push(format!(
                    "queue {id} {channel}: no daily history; daily totals derived from its {} intervals (UTC days)",
                    intervals.len()
                ));
                rollup_daily(&intervals)
            }
            Kind::Long => days,
        };
        used.push((q, channel, records));
    }
    used
}

/// The first step: the request's (on a step boundary) or the step after the newest
/// record.
fn forecast_start(
    request: &ForecastRequest,
    granularity: Granularity,
    used: &[Used],
) -> Result<i64> {
    let newest = used
        .iter()
        .filter_map(|(_, _, r)| r.iter().map(|r| r.start).max())
        .max()
        .unwrap_or(0);
    let Some(s) = request.start else {
        return Ok(newest + granularity.seconds());
    };
    let t = s.timestamp();
    if !granularity.is_boundary(t) {
        return Err(WfmError::InvalidArgument {
            argument: "start",
            value: format_utc(t),
            expected: format!(
                "not on a {} boundary (e.g. {})",
                granularity.as_str(),
                format_utc(granularity.floor(t))
            ),
        });
    }
    Ok(t)
}

/// SPEC §2.3 as of the start, over every queue forecast (one group: the workspace-wide
/// rule); its warnings go to `warnings`.
fn check_sufficient(
    used: &[Used],
    loaded: &LoadedRecords,
    granularity: Granularity,
    start: i64,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let queues = &loaded.queues;
    let before: Vec<HistoryRecord> = used
        .iter()
        .flat_map(|(_, _, r)| r.iter().filter(|r| r.start < start).copied())
        .collect();
    let group = ForecastGroupQueues {
        name: "all queues".into(),
        queues: used
            .iter()
            .map(|(q, _, _)| queues.id(wfm_core::history::QueueIx(*q)).clone())
            .collect::<std::collections::BTreeSet<QueueId>>()
            .into_iter()
            .collect(),
    };
    let as_of = DateTime::from_timestamp(start, 0).ok_or_else(|| WfmError::InvalidArgument {
        argument: "start",
        value: start.to_string(),
        expected: "out of range".into(),
    })?;
    let horizon = match granularity {
        Granularity::Interval(i) => Horizon::ShortTerm(i),
        Granularity::Daily => Horizon::LongTerm,
    };
    let report = check_sufficiency(
        &before,
        queues,
        &[group],
        &SufficiencyOptions::new(as_of, horizon),
    );
    warnings.extend(report.warnings.iter().cloned());
    report.into_result().map_err(WfmError::from)?;
    Ok(())
}

/// The series to fit: each one's records before the start with its time zone and
/// special days (a series without history before the start is left out, with a warning).
fn jobs(
    request: &ForecastRequest,
    holidays: &Holidays,
    loaded: &LoadedRecords,
    used: Vec<Used>,
    start: i64,
    warnings: &mut Vec<String>,
) -> Vec<Job> {
    let queues = &loaded.queues;
    let zones: BTreeMap<&str, Tz> = request
        .time_zones
        .iter()
        .map(|(q, tz)| (q.as_str(), *tz))
        .collect();
    used.into_iter()
        .filter_map(|(q, channel, records)| {
            let ix = wfm_core::history::QueueIx(q);
            let queue_id = queues.id(ix).as_str().to_owned();
            let records: Vec<HistoryRecord> =
                records.into_iter().filter(|r| r.start < start).collect();
            if records.is_empty() {
                warnings.push(format!(
                    "queue {queue_id} {channel}: no history before {}, not forecast",
                    format_utc(start)
                ));
                return None;
            }
            let mut special = builtin_holidays(request, &queue_id, &records, start);
            special.extend(holidays.get("*").cloned().unwrap_or_default());
            special.extend(holidays.get(&queue_id).cloned().unwrap_or_default());
            Some(Job {
                tz: zones
                    .get(queue_id.as_str())
                    .copied()
                    .unwrap_or(chrono_tz::UTC),
                queue_name: queues.name(ix).to_owned(),
                queue_id,
                channel,
                records,
                special,
            })
        })
        .collect()
}

fn progress(n: u64, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n);
    if let Ok(style) =
        ProgressStyle::with_template("fitting [{bar:30}] {pos}/{len} series ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The warning for a series forecast in UTC whose intraday pattern follows the DST
/// changes of `zone` (issue 26).
fn dst_warning(job: &Job, zone: Tz) -> String {
    format!(
        "queue {} ({}) {}: its intraday pattern moves by an hour at the DST changes of {zone} \
         (or a zone with the same changes), but no time zone was given and it is forecast in \
         UTC; give its zone: --time-zone {}={zone} (Python: time_zones={{\"{}\": \"{zone}\"}})",
        job.queue_id, job.queue_name, job.channel, job.queue_id, job.queue_id
    )
}

/// The model error of one series, naming it.
fn named(job: &Job, e: CoreError) -> WfmError {
    WfmError::Precondition {
        what: format!("queue {} {}: {e}", job.queue_id, job.channel),
    }
}

type FitResult = (GroupSeries, Option<BacktestRow>, Vec<String>);

/// The series with its implausible volumes replaced (see
/// `wfm_core::history::implausible_steps`: an anomaly is left out of the fit), and the
/// warning naming them.
fn plausible(job: &Job, series: ContactSeries) -> Result<(ContactSeries, Option<String>)> {
    let step = series.step_seconds();
    let bad = wfm_core::history::implausible_steps(series.volume(), step);
    let Some(&first) = bad.first() else {
        return Ok((series, None));
    };
    let week = usize::try_from(7 * 86_400 / step.max(1)).unwrap_or(1);
    let volume = wfm_core::history::replace_implausible(series.volume(), &bad, week);
    let mut handled = series.handled().to_vec();
    for &i in &bad {
        handled[i] = handled[i].min(volume[i]);
    }
    let warning = format!(
        "queue {} {}: {} implausible volume(s) left out of the fit (the first, {}, at {}), \
         each replaced by the usual volume of its step of the week",
        job.queue_id,
        job.channel,
        bad.len(),
        series.volume()[first],
        wfm_core::history::format_utc(series.time_of(first))
    );
    let cleaned = ContactSeries::new(
        series.granularity(),
        series.start(),
        series.tz(),
        volume,
        handled,
        series.aht().to_vec(),
    )
    .map_err(|e| named(job, e))?;
    Ok((cleaned, Some(warning)))
}

fn fit_one(
    job: &Job,
    granularity: Granularity,
    start: i64,
    steps: usize,
    with_backtest: bool,
) -> Result<FitResult> {
    let series = ContactSeries::from_records(&job.records, job.tz).map_err(|e| named(job, e))?;
    let (series, implausible) = plausible(job, series)?;
    let step = granularity.seconds();
    let next = series.start() + series.len() as i64 * step;
    // steps between the end of the history and the start are forecast and dropped
    let gap = usize::try_from((start - next).max(0) / step).unwrap_or(0);
    let total = gap + steps;
    let days = u32::try_from(total as i64 * step / 86_400 + 1).unwrap_or(u32::MAX);
    let (forecast, report) = match granularity {
        Granularity::Daily => {
            let mut model = LongTermModel::default().with_special_days(job.special.clone());
            model.options.max_horizon_days = model.options.max_horizon_days.max(days);
            let f = model
                .fit(&series)
                .and_then(|m| m.predict(total))
                .map_err(|e| named(job, e))?;
            let b = with_backtest.then(|| {
                let o = BacktestOptions {
                    origins: 2,
                    horizon: steps.min(90),
                };
                backtest(&model, &series, &o)
            });
            (f, b)
        }
        Granularity::Interval(_) => {
            let mut model = ShortTermModel::default().with_special_days(job.special.clone());
            model.options.max_horizon_days = model.options.max_horizon_days.max(days);
            let f = model
                .fit(&series)
                .and_then(|m| m.predict(total))
                .map_err(|e| named(job, e))?;
            let b = with_backtest.then(|| {
                let per_day = (86_400 / step) as usize;
                let o = BacktestOptions {
                    origins: 2,
                    horizon: steps.min(28 * per_day),
                };
                backtest(&model, &series, &o)
            });
            (f, b)
        }
    };
    let mut forecast = forecast;
    forecast.points.drain(..gap.min(forecast.points.len()));
    let mut warning: Vec<String> = implausible.into_iter().collect();
    if job.tz == chrono_tz::UTC
        && let Some(zone) = wfm_core::forecast::likely_dst_zone(&series)
    {
        warning.push(dst_warning(job, zone));
    }
    let row = report.map(|r| {
        let mut row = BacktestRow {
            queue_id: job.queue_id.clone(),
            queue_name: job.queue_name.clone(),
            channel: job.channel,
            origins: 0,
            steps: 0,
            wape: None,
            mase: None,
            bias: None,
            coverage: None,
        };
        match r {
            Ok(r) => {
                row.origins = r.origins.len();
                row.steps = r.origins.first().map_or(0, |o| o.steps);
                row.wape = r.pooled.wape;
                row.mase = r.pooled.mase;
                row.bias = r.pooled.bias;
                row.coverage = r.pooled.coverage;
            }
            Err(e) => {
                warning.push(format!(
                    "queue {} {}: no backtest: {e}",
                    job.queue_id, job.channel
                ));
            }
        }
        row
    });
    Ok((
        GroupSeries {
            queue_id: job.queue_id.clone(),
            queue_name: job.queue_name.clone(),
            channel: job.channel,
            model: forecast.model,
            points: forecast.points,
        },
        row,
        warning,
    ))
}
