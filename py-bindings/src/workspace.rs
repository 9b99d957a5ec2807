//! `wfm._wfm.Workspace`: the planning workspace (SQLite file) for Python.
//!
//! One method per [`wfm::Workspace`] operation; each converts its arguments, calls the
//! facade without the GIL, and converts the answer back. Tables (sources, queues, the
//! effective history) cross as Parquet bytes or plain tuples; the pure-Python shell
//! `wfm/workspace.py` turns them into polars DataFrames.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wfm::WfmError;
use wfm::core::IntervalLength;
use wfm::core::history::{QueueId, RawFormat, SourceId};
use wfm::history::{HistoryFilter, ImportOptions};
use wfm::store::{GroupEdit, SourceInfo};

use wfm::core::history::format_utc;
use wfm::forecasting::{
    ComputeOptions, ForecastKind, ShowFilter, backtest_forecast, backtest_frame, compare_forecast,
    compute_forecast, effective_forecast, export_forecast, forecast_frame, forecast_versions,
    publish_forecast, refresh_forecasts, remove_forecast_override, upload_forecast_override,
};

use crate::forecast::{parquet, parse_start};
use crate::{Failure, guarded};

/// A forecast version row (see `forecasts`).
type VersionRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    usize,
    String,
    f64,
);

/// A compare row: queue, name, channel, computed, published, steps, actual, WAPE, bias,
/// published WAPE, published bias.
type CompareTuple = (
    String,
    String,
    String,
    Option<f64>,
    Option<f64>,
    usize,
    f64,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

fn forecast_kind(kind: &str) -> Result<ForecastKind, Failure> {
    kind.parse::<ForecastKind>()
        .map_err(|e| argument("kind", e.to_string()))
}

/// A source row: id, file, kind, rows, first start, last start, contacts, loaded at
/// (timestamps as ISO 8601 UTC text, empty when the source holds no record).
type SourceRow = (u64, String, String, u64, String, String, u64, String);

/// A queue row: id, name, active, channels (`VOICE,CHAT`), forecast group (empty: none).
type QueueRow = (String, String, bool, String, String, String);

/// The `time_zone` argument: an IANA zone, or `None`.
fn zone_argument(zone: Option<&str>) -> Result<Option<chrono_tz::Tz>, Failure> {
    zone.map(|z| {
        z.parse::<chrono_tz::Tz>().map_err(|_| {
            argument(
                "time_zone",
                format!("unknown IANA time zone {z:?} (e.g. America/New_York)"),
            )
        })
    })
    .transpose()
}

fn utc(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn source_row(s: &SourceInfo) -> SourceRow {
    (
        s.id.0,
        s.file.clone(),
        s.kind.as_str().to_owned(),
        s.rows,
        utc(s.first_start),
        utc(s.last_start),
        s.volume,
        utc(Some(s.loaded_at)),
    )
}

/// A problem with one argument, as an input failure.
/// What `import_history` gives Python: the source's row, the new queues `(id, name)`
/// and the warnings.
type Imported = (SourceRow, Vec<(String, String)>, Vec<String>);

pub(crate) fn argument(column: &str, reason: String) -> Failure {
    Failure::Input(
        vec![wfm::InputError {
            file: crate::ARGUMENTS.to_owned(),
            line: 0,
            column: column.to_owned(),
            reason,
        }],
        0,
    )
}

fn queue_ids(column: &str, ids: &[String]) -> Result<Vec<QueueId>, Failure> {
    ids.iter()
        .map(|q| {
            q.parse::<QueueId>()
                .map_err(|e| argument(column, e.to_string()))
        })
        .collect()
}

/// The raw-record format named by `raw` (`"csv"`, `"jsonl"`), if any.
fn raw_format(raw: Option<&str>) -> Result<Option<RawFormat>, Failure> {
    match raw {
        None => Ok(None),
        Some("csv") => Ok(Some(RawFormat::Csv)),
        Some("jsonl" | "ndjson") => Ok(Some(RawFormat::JsonLines)),
        Some(other) => Err(argument(
            "raw",
            format!("must be \"csv\" or \"jsonl\", got {other:?}"),
        )),
    }
}

/// The Rust side of ``wfm.Workspace``; use that class, which returns DataFrames.
#[pyclass(module = "wfm._wfm", name = "_Workspace")]
pub struct PyWorkspace {
    inner: Mutex<wfm::Workspace>,
}

impl PyWorkspace {
    /// Runs `f` on the workspace without the GIL; a panic or error becomes an exception.
    pub(crate) fn with<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut wfm::Workspace) -> Result<T, Failure> + Send,
    ) -> PyResult<T> {
        let inner = &self.inner;
        py.detach(|| {
            guarded(|| {
                let mut ws = inner.lock().map_err(|_| {
                    Failure::Other(
                        "the workspace is unusable after an earlier internal error".into(),
                    )
                })?;
                f(&mut ws)
            })
        })
        .map_err(|f| f.into_pyerr(py))
    }
}

#[pymethods]
impl PyWorkspace {
    /// Opens the workspace file at ``path``.
    #[new]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let ws = py
            .detach(|| guarded(|| Ok(wfm::Workspace::open(&path)?)))
            .map_err(|f| f.into_pyerr(py))?;
        Ok(Self {
            inner: Mutex::new(ws),
        })
    }

    /// Creates a workspace file with its immutable interval (15 or 30 minutes).
    #[staticmethod]
    #[pyo3(signature = (path, interval, time_zone = None))]
    fn create(
        py: Python<'_>,
        path: PathBuf,
        interval: u32,
        time_zone: Option<String>,
    ) -> PyResult<Self> {
        let ws = py
            .detach(|| {
                guarded(|| {
                    let interval = IntervalLength::from_minutes(interval)
                        .map_err(|e| argument("interval", e.to_string()))?;
                    let zone = zone_argument(time_zone.as_deref())?;
                    Ok(wfm::Workspace::create(&path, interval, zone)?)
                })
            })
            .map_err(|f| f.into_pyerr(py))?;
        Ok(Self {
            inner: Mutex::new(ws),
        })
    }

    /// Upgrades the workspace file at ``path`` to this wfm's schema (one transaction);
    /// returns ``(before, after)``, or ``None`` if it was current.
    #[staticmethod]
    fn upgrade(py: Python<'_>, path: PathBuf) -> PyResult<Option<(i64, i64)>> {
        py.detach(|| guarded(|| Ok(wfm::Workspace::upgrade(&path)?)))
            .map_err(|f| f.into_pyerr(py))
    }

    /// The file, interval minutes, time zone and creation time.
    fn settings(&self, py: Python<'_>) -> PyResult<(String, u32, String, String)> {
        self.with(py, |ws| {
            let s = ws.settings()?;
            Ok((
                ws.path().display().to_string(),
                s.interval.minutes(),
                s.time_zone.name().to_owned(),
                utc(Some(s.created_at)),
            ))
        })
    }

    /// Every queue as rows ``(id, name, active, channels, group, time_zone)`` (empty
    /// group: none; empty zone: the workspace's).
    fn queues(&self, py: Python<'_>) -> PyResult<Vec<QueueRow>> {
        self.with(py, |ws| {
            Ok(ws
                .queues()?
                .into_iter()
                .map(|q| {
                    (
                        q.id.as_str().to_owned(),
                        q.name,
                        q.active,
                        q.channels.join(","),
                        q.group.unwrap_or_default(),
                        q.time_zone.map(|z| z.name().to_owned()).unwrap_or_default(),
                    )
                })
                .collect())
        })
    }

    /// Deactivates or reactivates a queue.
    fn set_queue_active(&self, py: Python<'_>, queue: String, active: bool) -> PyResult<()> {
        self.with(py, |ws| {
            let id = queue_ids("queue", &[queue])?.remove(0);
            Ok(ws.set_queue_active(&id, active)?)
        })
    }

    /// Sets a queue's own IANA time zone (``None``: the workspace's again).
    #[pyo3(signature = (queue, time_zone=None))]
    fn set_queue_time_zone(
        &self,
        py: Python<'_>,
        queue: String,
        time_zone: Option<String>,
    ) -> PyResult<()> {
        self.with(py, |ws| {
            let id = queue_ids("queue", &[queue])?.remove(0);
            let zone = zone_argument(time_zone.as_deref())?;
            Ok(ws.set_queue_time_zone(&id, zone)?)
        })
    }

    /// Every forecast group as ``(name, [queue ids])``.
    fn groups(&self, py: Python<'_>) -> PyResult<Vec<(String, Vec<String>)>> {
        self.with(py, |ws| {
            Ok(ws
                .groups()?
                .into_iter()
                .map(|g| {
                    let queues = g.queues.iter().map(|q| q.as_str().to_owned()).collect();
                    (g.name, queues)
                })
                .collect())
        })
    }

    /// Creates a forecast group; returns the queue ids registered on the way.
    fn create_group(
        &self,
        py: Python<'_>,
        name: String,
        queues: Vec<String>,
    ) -> PyResult<Vec<String>> {
        self.with(py, |ws| {
            let ids = queue_ids("queues", &queues)?;
            let new = ws.create_group(&name, &ids)?;
            Ok(new.iter().map(|q| q.as_str().to_owned()).collect())
        })
    }

    /// Adds or removes queues of a group, or renames it.
    #[pyo3(signature = (name, add, remove, rename = None))]
    fn edit_group(
        &self,
        py: Python<'_>,
        name: String,
        add: Vec<String>,
        remove: Vec<String>,
        rename: Option<String>,
    ) -> PyResult<Vec<String>> {
        self.with(py, |ws| {
            let edit = GroupEdit {
                add: queue_ids("add", &add)?,
                remove: queue_ids("remove", &remove)?,
                rename,
            };
            let new = ws.edit_group(&name, &edit)?;
            Ok(new.iter().map(|q| q.as_str().to_owned()).collect())
        })
    }

    /// Deletes a forecast group.
    fn delete_group(&self, py: Python<'_>, name: String) -> PyResult<()> {
        self.with(py, |ws| Ok(ws.delete_group(&name)?))
    }

    /// Imports one file as a history source, all or nothing; returns the source row and
    /// the ``(id, name)`` of queues met for the first time, and the warnings (implausible
    /// rows as ``FILE:LINE: COLUMN: reason``, then a count of those not named).
    #[pyo3(signature = (path, raw = None))]
    fn import_history(
        &self,
        py: Python<'_>,
        path: PathBuf,
        raw: Option<String>,
    ) -> PyResult<Imported> {
        self.with(py, |ws| {
            let options = ImportOptions {
                raw: raw_format(raw.as_deref())?,
                progress: false,
            };
            let out = ws.import_history(&path, &options)?;
            let new = out
                .new_queues
                .into_iter()
                .map(|(id, name)| (id.as_str().to_owned(), name))
                .collect();
            let mut warnings: Vec<String> =
                out.implausible.iter().map(ToString::to_string).collect();
            let more = out.implausible_rows - out.implausible.len() as u64;
            if more > 0 {
                warnings.push(format!("… and {more} more implausible row(s)"));
            }
            Ok((source_row(&out.source), new, warnings))
        })
    }

    /// The loaded sources, in load order.
    fn sources(&self, py: Python<'_>) -> PyResult<Vec<SourceRow>> {
        self.with(py, |ws| Ok(ws.sources()?.iter().map(source_row).collect()))
    }

    /// Removes a source; returns its row.
    fn remove_source(&self, py: Python<'_>, source_id: u64) -> PyResult<SourceRow> {
        self.with(py, |ws| {
            Ok(source_row(&ws.remove_source(SourceId(source_id))?))
        })
    }

    /// The effective baseline (of a group, or one queue) as Parquet bytes.
    #[pyo3(signature = (group = None, queue = None))]
    fn history_parquet<'py>(
        &self,
        py: Python<'py>,
        group: Option<String>,
        queue: Option<String>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.with(py, |ws| {
            let filter = HistoryFilter {
                group,
                queue: match queue {
                    Some(q) => Some(queue_ids("queue", &[q])?.remove(0)),
                    None => None,
                },
            };
            let history = ws.effective_history(&filter)?;
            Ok(wfm::history::history_parquet(&history)?)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Writes the effective baseline to a ``.csv`` or ``.parquet`` file; returns the rows.
    #[pyo3(signature = (path, group = None, queue = None))]
    fn export_history(
        &self,
        py: Python<'_>,
        path: PathBuf,
        group: Option<String>,
        queue: Option<String>,
    ) -> PyResult<u64> {
        self.with(py, |ws| {
            let filter = HistoryFilter {
                group,
                queue: match queue {
                    Some(q) => Some(queue_ids("queue", &[q])?.remove(0)),
                    None => None,
                },
            };
            Ok(ws.export_history(&path, &filter)?)
        })
    }

    /// Data sufficiency as of a date (``YYYY-MM-DD``, UTC midnight; default now):
    /// ``(passed, report as JSON, report as text)``.
    #[pyo3(signature = (group = None, as_of = None))]
    fn check_sufficiency(
        &self,
        py: Python<'_>,
        group: Option<String>,
        as_of: Option<String>,
    ) -> PyResult<(bool, String, String)> {
        self.with(py, |ws| {
            let as_of = match as_of.as_deref() {
                None => Utc::now(),
                Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|e| argument("as_of", format!("must be a date YYYY-MM-DD: {e}")))?
                    .and_time(chrono::NaiveTime::MIN)
                    .and_utc(),
            };
            let check = ws.check_sufficiency(group.as_deref(), as_of)?;
            let json = serde_json::to_string(&check).map_err(|e| {
                Failure::from(WfmError::Encode {
                    what: "the check as JSON",
                    detail: e.to_string(),
                })
            })?;
            let text = format!("{}\n{}", check.short_term, check.long_term);
            Ok((check.passed(), json, text))
        })
    }

    /// Computes the group's forecast of ``kind`` (``short``/``long``) from the workspace
    /// history and stores it as the last computed version: ``(document id, summary,
    /// replaced the previous draft)``.
    #[pyo3(signature = (group, kind, start = None, weeks = None))]
    fn compute_forecast(
        &self,
        py: Python<'_>,
        group: String,
        kind: String,
        start: Option<String>,
        weeks: Option<u32>,
    ) -> PyResult<(i64, String, bool)> {
        self.with(py, |ws| {
            let options = ComputeOptions {
                start: start.as_deref().map(parse_start).transpose()?,
                weeks,
                holidays: None,
            };
            let c = compute_forecast(ws, &group, forecast_kind(&kind)?, &options, Utc::now())?;
            Ok((c.info.id.0, c.info.summary, c.replaced))
        })
    }

    /// Publishes the last computed forecast: ``(document id, deleted ids, kept ids)``.
    fn publish_forecast(
        &self,
        py: Python<'_>,
        group: String,
        kind: String,
    ) -> PyResult<(i64, Vec<i64>, Vec<i64>)> {
        self.with(py, |ws| {
            let p = publish_forecast(ws, &group, forecast_kind(&kind)?)?;
            Ok((
                p.info.id.0,
                p.deleted.iter().map(|d| d.0).collect(),
                p.kept.iter().map(|d| d.0.0).collect(),
            ))
        })
    }

    /// Every forecast version: id, group, kind, status, created, published, from, to,
    /// series, models, volume.
    fn forecasts(&self, py: Python<'_>) -> PyResult<Vec<VersionRow>> {
        self.with(py, |ws| {
            Ok(forecast_versions(ws)?
                .into_iter()
                .map(|(info, f)| {
                    let end = f.start + f.steps as i64 * f.granularity.seconds();
                    let mut models: Vec<String> =
                        f.series.iter().map(|s| s.model.clone()).collect();
                    models.sort_unstable();
                    models.dedup();
                    (
                        info.id.0,
                        info.scope,
                        info.name,
                        info.status.as_str().to_owned(),
                        utc(Some(info.created_at)),
                        utc(info.published_at),
                        format_utc(f.start),
                        format_utc(end),
                        f.series.len(),
                        models.join(" "),
                        f.total_volume(),
                    )
                })
                .collect())
        })
    }

    /// The effective forecast as Parquet bytes (the forecast CSV's columns and P10/P50/P90).
    fn forecast_parquet<'py>(
        &self,
        py: Python<'py>,
        group: String,
        kind: String,
        published: bool,
        overrides: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.with(py, |ws| {
            let kind = forecast_kind(&kind)?;
            let (_, f) =
                effective_forecast(ws, &group, kind, published, overrides)?.ok_or_else(|| {
                    let item =
                        wfm::Item::document(wfm::store::DocumentKind::Forecast, kind.to_string())
                            .of(&group);
                    Failure::from(WfmError::NotFound {
                        item: if published {
                            item.with_status(wfm::store::DocumentStatus::Published)
                        } else {
                            item
                        },
                    })
                })?;
            let frame = forecast_frame(&f.to_output())
                .map_err(|e| Failure::Other(format!("cannot build the forecast table: {e}")))?;
            parquet(frame)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Computed vs published and actuals vs each, per queue × channel.
    fn compare_forecast(
        &self,
        py: Python<'_>,
        group: String,
        kind: String,
    ) -> PyResult<Vec<CompareTuple>> {
        self.with(py, |ws| {
            let rows = compare_forecast(ws, &group, forecast_kind(&kind)?, &ShowFilter::default())?;
            Ok(rows
                .into_iter()
                .map(|r| {
                    (
                        r.queue_id,
                        r.queue_name,
                        r.channel.as_str().to_owned(),
                        r.computed,
                        r.published,
                        r.vs_computed.steps,
                        r.vs_computed.actual,
                        r.vs_computed.wape,
                        r.vs_computed.bias,
                        r.vs_published.wape,
                        r.vs_published.bias,
                    )
                })
                .collect())
        })
    }

    /// Stores ``text`` (from the file ``name``) as the group's override file; returns its
    /// rows. Nothing is stored when it has an error.
    fn upload_forecast_override(
        &self,
        py: Python<'_>,
        group: String,
        name: String,
        text: String,
    ) -> PyResult<usize> {
        self.with(py, |ws| {
            Ok(upload_forecast_override(ws, &group, &name, &text)?
                .1
                .rows
                .len())
        })
    }

    /// Removes the group's override file.
    fn remove_forecast_override(&self, py: Python<'_>, group: String) -> PyResult<()> {
        self.with(py, |ws| {
            remove_forecast_override(ws, &group)?;
            Ok(())
        })
    }

    /// Writes the forecast download CSV; returns the rows.
    fn export_forecast(
        &self,
        py: Python<'_>,
        group: String,
        kind: String,
        path: PathBuf,
        published: bool,
        overrides: bool,
    ) -> PyResult<usize> {
        self.with(py, |ws| {
            Ok(export_forecast(
                ws,
                &group,
                forecast_kind(&kind)?,
                published,
                overrides,
                &path,
            )?)
        })
    }

    /// Rolling-origin backtests of the group's series as Parquet bytes.
    fn backtest_parquet<'py>(
        &self,
        py: Python<'py>,
        group: String,
        kind: String,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.with(py, |ws| {
            let rows = backtest_forecast(ws, &group, forecast_kind(&kind)?)?;
            let frame = backtest_frame(&rows)
                .map_err(|e| Failure::Other(format!("cannot build the backtest table: {e}")))?;
            parquet(frame)
        })?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Recomputes what is due: ``(group, kind, reason or "", error or "")`` per forecast.
    fn refresh_forecasts(&self, py: Python<'_>) -> PyResult<Vec<(String, String, String, String)>> {
        self.with(py, |ws| {
            Ok(refresh_forecasts(ws, Utc::now())?
                .into_iter()
                .map(|a| {
                    (
                        a.group,
                        a.kind.to_string(),
                        a.reason.unwrap_or_default(),
                        a.error.unwrap_or_default(),
                    )
                })
                .collect())
        })
    }
}
