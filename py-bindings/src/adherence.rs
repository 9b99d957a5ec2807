//! Schedule adherence for Python (`wfm.adherence`): free functions taking the
//! `_Workspace`, run without the GIL; tables cross as Arrow tables of the facade's
//! `wfm::adherence::tables`, summaries as JSON text the Python shell reads, and the live
//! monitor as the `_Monitor` class.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use wfm::adherence::{self as adh, ImportOptions, tables};
use wfm::scheduler::adherence::{
    EventFormat, EventReader, Monitor, Period, SampleOptions, Sequencer, write_events,
};

use crate::Failure;
use crate::arrow::{PyArrowTable, facade_table};
use crate::workspace::{PyWorkspace, argument};

fn date(column: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| argument(column, format!("must be a date YYYY-MM-DD: {e}")))
}

/// Noon UTC of `today`, or the workspace's clock.
fn now(ws: &wfm::Workspace, today: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    Ok(match today {
        Some(t) => date("today", t)?
            .and_hms_opt(12, 0, 0)
            .unwrap_or_default()
            .and_utc(),
        None => ws.now(),
    })
}

fn json(text: serde_json::Result<String>) -> Result<String, Failure> {
    text.map_err(|e| Failure::Other(e.to_string()))
}

/// Imports a file of agent state events (all or nothing), then recomputes the last 30
/// days up to ``today``; returns the outcome as JSON text.
#[pyfunction]
#[pyo3(signature = (ws, path, watermark_minutes = 5, today = None))]
pub fn adherence_import(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    path: PathBuf,
    watermark_minutes: u32,
    today: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let file = File::open(&path).map_err(|e| {
            Failure::from(wfm::WfmError::Io {
                path: path.clone(),
                source: e,
            })
        })?;
        let options = ImportOptions {
            watermark_minutes,
            recalculate: false,
        };
        let name = path.display().to_string();
        let mut r = adh::import_events(ws, BufReader::new(file), &name, &options)?;
        let at = now(ws, today.as_deref())?;
        r.recalculation = Some(adh::recalculate(ws, at)?);
        json(serde_json::to_string(&r))
    })
}

/// Recomputes the last 30 days up to ``today``; returns the outcome as JSON text.
#[pyfunction]
#[pyo3(signature = (ws, today = None))]
pub fn adherence_recalculate(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    today: Option<String>,
) -> PyResult<String> {
    ws.with(py, |ws| {
        let at = now(ws, today.as_deref())?;
        json(serde_json::to_string(&adh::recalculate(ws, at)?))
    })
}

/// Adherence per agent and ``by`` (day, week or range) over ``start..=end``.
#[pyfunction]
pub fn adherence_report(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    start: String,
    end: String,
    by: String,
) -> PyResult<PyArrowTable> {
    ws.with(py, |ws| {
        let period = match by.as_str() {
            "day" => Period::Day,
            "week" => Period::Week,
            "range" => Period::Range,
            other => {
                return Err(argument(
                    "by",
                    format!("must be day, week or range, not {other:?}"),
                ));
            }
        };
        let rows = adh::adherence_report(ws, date("start", &start)?, date("end", &end)?, period)?;
        facade_table("adherence", tables::adherence().table(&rows).frame())
    })
}

/// The exceptions of ``start..=end``.
#[pyfunction]
pub fn adherence_exceptions(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    start: String,
    end: String,
) -> PyResult<PyArrowTable> {
    ws.with(py, |ws| {
        let rows = adh::adherence_exceptions(ws, date("start", &start)?, date("end", &end)?)?;
        facade_table("exceptions", tables::exceptions().table(&rows).frame())
    })
}

/// The service impact of ``day`` per team and interval.
#[pyfunction]
pub fn adherence_impact(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    day: String,
) -> PyResult<PyArrowTable> {
    ws.with(py, |ws| {
        let rows = adh::day_impact(ws, date("day", &day)?)?;
        facade_table("impact", tables::impact().table(&rows).frame())
    })
}

/// The timeline of ``day``: scheduled and actual bars per agent.
#[pyfunction]
pub fn adherence_timeline(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    day: String,
) -> PyResult<PyArrowTable> {
    ws.with(py, |ws| {
        let rows = adh::day_timeline(ws, date("day", &day)?)?;
        facade_table("timeline", tables::timeline().table(&rows).frame())
    })
}

/// Writes a sample day of events for the day's published shifts; returns how many.
#[pyfunction]
#[pyo3(signature = (ws, day, path, format = "reference".to_owned(), seed = 7, heartbeat_seconds = 0))]
pub fn adherence_sample(
    py: Python<'_>,
    ws: PyRef<'_, PyWorkspace>,
    day: String,
    path: PathBuf,
    format: String,
    seed: u64,
    heartbeat_seconds: u32,
) -> PyResult<usize> {
    ws.with(py, |ws| {
        let day = date("day", &day)?;
        let format = match format.as_str() {
            "reference" => EventFormat::Reference,
            "csv" => EventFormat::Csv,
            "jsonl" => EventFormat::JsonLines,
            other => {
                return Err(argument(
                    "format",
                    format!("must be reference, csv or jsonl, not {other:?}"),
                ));
            }
        };
        let options = SampleOptions {
            seed,
            heartbeat_seconds,
            ..SampleOptions::default()
        };
        let events = adh::sample_day_events(ws, day, &options)?;
        let io = |e: std::io::Error| {
            Failure::from(wfm::WfmError::Io {
                path: path.clone(),
                source: e,
            })
        };
        let mut f = File::create(&path).map_err(io)?;
        write_events(&events, format, &mut f).map_err(io)?;
        Ok(events.len())
    })
}

/// The live adherence monitor of one day's published schedule: feed it event lines
/// (JSON or CSV, as the event formats), read each agent's status.
#[pyclass(module = "wfm._wfm", name = "_Monitor")]
pub struct PyMonitor {
    monitor: Monitor,
    sequencer: Sequencer,
    reader_header: Option<String>,
    line: u64,
}

#[pymethods]
impl PyMonitor {
    #[new]
    #[pyo3(signature = (ws, day, grace = Vec::new(), alert_after_minutes = 5, watermark_seconds = 0))]
    fn new(
        py: Python<'_>,
        ws: PyRef<'_, PyWorkspace>,
        day: String,
        grace: Vec<(String, u32)>,
        alert_after_minutes: u32,
        watermark_seconds: u32,
    ) -> PyResult<Self> {
        let monitor = ws.with(py, |ws| {
            Ok(adh::monitor_for_day(
                ws,
                date("day", &day)?,
                &grace,
                alert_after_minutes,
            )?)
        })?;
        Ok(Self {
            monitor,
            sequencer: Sequencer::new(i64::from(watermark_seconds) * 1000),
            reader_header: None,
            line: 0,
        })
    }

    /// Feeds one line (a JSON event, a CSV header, or a CSV row after it); returns the
    /// statuses and alerts it produced as JSON texts.
    fn push(&mut self, py: Python<'_>, line: &str) -> PyResult<Vec<String>> {
        self.line += 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(Vec::new());
        }
        let text = if trimmed.starts_with('{') {
            format!("{trimmed}\n")
        } else if let Some(h) = &self.reader_header {
            format!("{h}\n{trimmed}\n")
        } else {
            self.reader_header = Some(trimmed.to_owned());
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let name = format!("line {}", self.line);
        for item in EventReader::new(text.as_bytes(), &name) {
            let event = item.map_err(|e| Failure::Input(vec![e], 0).into_pyerr(py))?;
            let now = event.at;
            let mut ready = Vec::new();
            self.sequencer.push(event, &mut |e| ready.push(e));
            for e in &ready {
                if let Some(s) = self.monitor.apply(e) {
                    out.push(serde_json::to_string(&s).unwrap_or_default());
                }
            }
            for a in self.monitor.alerts(now) {
                out.push(serde_json::json!({ "alert": a }).to_string());
            }
        }
        Ok(out)
    }

    /// Every agent's status at ``now_ms`` (UTC epoch milliseconds).
    fn statuses(&self, py: Python<'_>, now_ms: i64) -> PyResult<PyArrowTable> {
        let rows = self.monitor.statuses(now_ms);
        facade_table("live", tables::live().table(&rows).frame()).map_err(|f| f.into_pyerr(py))
    }

    /// Agents seen in events but not in the day's schedule, with their event counts.
    fn unknown_agents(&self) -> Vec<(String, u64)> {
        self.monitor
            .unknown_agents()
            .iter()
            .map(|(a, n)| (a.clone(), *n))
            .collect()
    }
}
