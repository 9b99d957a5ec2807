//! `wfm._wfm.Workspace`: the planning workspace (SQLite file) for Python.
//!
//! One method per [`wfm::Workspace`] operation; each converts its arguments, calls the
//! facade without the GIL, and converts the answer back. Tables (sources, queues, the
//! effective history) cross as Arrow C streams (`arrow.rs`) of the frames the facade defines; the
//! pure-Python shell `wfm/workspace.py` reads them as polars DataFrames. The stored
//! documents' handles are in `forecast_workspace.rs`, `plan_workspace.rs` and
//! `schedule_workspace.rs`.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use wfm::WfmError;
use wfm::core::IntervalLength;
use wfm::core::history::{QueueId, RawFormat, SourceId};
use wfm::core::progress::Progress;
use wfm::history::{HistoryFilter, ImportOptions};
use wfm::store::{GroupEdit, SourceInfo};

use wfm::workspace::frames;

use polars::prelude::{DataFrame, PolarsResult};

use crate::arrow::{PyArrowTable, given, table};
use crate::progress::Watcher;
use crate::{Failure, guarded};

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
    t.map(wfm::tables::utc_text).unwrap_or_default()
}

/// Sources as a table.
fn sources_table(sources: &[SourceInfo]) -> Result<PyArrowTable, Failure> {
    table("sources", frames::sources(sources))
}

/// A problem with one argument, as an input failure.
/// What `import_history` gives Python: the source as a one-row table,
/// the new queues `(id, name)` and the warnings.
type Imported = (PyArrowTable, Vec<(String, String)>, Vec<String>);

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
    /// Runs `f` on the workspace without the GIL (see [`with`](Self::with)) and hands the
    /// table it builds to Python (an Arrow table).
    pub(crate) fn frame(
        &self,
        py: Python<'_>,
        what: &str,
        f: impl FnOnce(&mut wfm::Workspace) -> Result<PolarsResult<DataFrame>, Failure> + Send,
    ) -> PyResult<PyArrowTable> {
        self.with(py, |ws| table(what, f(ws)?))
    }

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

    /// [`with`](Self::with) for a long call: `f` hears of its steps through the
    /// watcher's handle and Ctrl-C stops it ([`Watcher::run`]); the answer is the
    /// watcher's to give ([`Watcher::finish`]).
    pub(crate) fn with_watched<T: Send>(
        &self,
        py: Python<'_>,
        watcher: &Watcher,
        f: impl FnOnce(&mut wfm::Workspace, &Progress) -> Result<T, Failure> + Send,
    ) -> Result<T, Failure> {
        let inner = &self.inner;
        watcher.run(py, |progress| {
            let mut ws = inner.lock().map_err(|_| {
                Failure::Other("the workspace is unusable after an earlier internal error".into())
            })?;
            f(&mut ws, progress)
        })
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

    /// Every queue as a table.
    fn queues(&self, py: Python<'_>) -> PyResult<PyArrowTable> {
        self.frame(py, "queues", |ws| Ok(frames::queues(&ws.visible_queues()?)))
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
                .visible_groups()?
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
    /// ``path`` may be a DataFrame (any object with ``__arrow_c_stream__``) with the
    /// history CSV columns: its instants are converted to UTC (naive ones are UTC).
    #[pyo3(signature = (path, raw = None))]
    fn import_history(
        &self,
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        raw: Option<String>,
    ) -> PyResult<Imported> {
        let source = given(path, "path", "<dataframe>").map_err(|f| f.into_pyerr(py))?;
        self.with(py, |ws| {
            let options = ImportOptions {
                raw: raw_format(raw.as_deref())?,
                progress: false,
            };
            let out = match source.input()? {
                wfm::files::Input::Path(path) => ws.import_history(&path, &options)?,
                wfm::files::Input::Text { name, bytes } => {
                    ws.import_history_text(&name, &bytes, options.raw)?
                }
            };
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
            Ok((
                sources_table(std::slice::from_ref(&out.source))?,
                new,
                warnings,
            ))
        })
    }

    /// The loaded sources, in load order, as a table.
    fn sources(&self, py: Python<'_>) -> PyResult<PyArrowTable> {
        self.with(py, |ws| sources_table(&ws.visible_sources()?))
    }

    /// Removes a source; returns it as a one-row table.
    fn remove_source(&self, py: Python<'_>, source_id: u64) -> PyResult<PyArrowTable> {
        self.with(py, |ws| {
            sources_table(&[ws.remove_source(SourceId(source_id))?])
        })
    }

    /// The effective baseline (of a group, or one queue) as a table (``TimeStamp``
    /// microseconds, UTC).
    #[pyo3(signature = (group = None, queue = None))]
    fn history_frame(
        &self,
        py: Python<'_>,
        group: Option<String>,
        queue: Option<String>,
    ) -> PyResult<PyArrowTable> {
        self.with(py, |ws| {
            let filter = HistoryFilter {
                group,
                queue: match queue {
                    Some(q) => Some(queue_ids("queue", &[q])?.remove(0)),
                    None => None,
                },
            };
            let history = ws.effective_history(&filter)?;
            table("history", wfm::history::history_frame(&history))
        })
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
}
