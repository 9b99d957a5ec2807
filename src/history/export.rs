//! Export of the effective history baseline: the history CSV (which imports back as is) or
//! Parquet (see `parquet`), for every queue or a group's or one queue's. Written to a temporary file
//! beside the target and renamed, so a failed export leaves no half file.

use crate::access::{Permission as P, Target};
use std::io::Write;
use std::path::Path;

use wfm_core::history::{HISTORY_HEADER_LINE, History, QueueId, format_utc};

use crate::error::{Item, ItemKind, Result, WfmError};
use crate::store::Workspace;

/// Which queues to export: a group's, one queue, or (both empty) every queue.
///
/// ```
/// let f = wfm::history::HistoryFilter { group: Some("Sales".into()), queue: None };
/// assert!(f.queue.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Only the queues of this forecast group.
    pub group: Option<String>,
    /// Only this queue (within the group, if one is named too).
    pub queue: Option<QueueId>,
}

/// The export file format.
///
/// ```
/// use std::path::Path;
/// use wfm::history::ExportFormat;
/// assert_eq!(ExportFormat::from_path(Path::new("h.parquet")), Some(ExportFormat::Parquet));
/// assert_eq!(ExportFormat::from_path(Path::new("h.txt")), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The history CSV.
    Csv,
    /// Apache Parquet with the same column names (TimeStamp as a UTC datetime).
    Parquet,
}

impl ExportFormat {
    /// The format named by a file's extension (`.csv`, `.parquet`).
    pub fn from_path(path: &Path) -> Option<Self> {
        if crate::files::is_stdout(path) {
            return Some(Self::Csv);
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => Some(Self::Csv),
            Some("parquet") => Some(Self::Parquet),
            _ => None,
        }
    }
}

impl Workspace {
    /// The queues a filter selects (`None`: every queue).
    fn filter_queues(&self, filter: &HistoryFilter) -> Result<Option<Vec<QueueId>>> {
        let mut queues: Option<Vec<QueueId>> = None;
        if let Some(name) = &filter.group {
            let group = self
                .groups()?
                .into_iter()
                .find(|g| &g.name == name)
                .ok_or_else(|| WfmError::NotFound {
                    item: Item::new(ItemKind::ForecastGroup, name),
                })?;
            queues = Some(group.queues);
        }
        if let Some(q) = &filter.queue {
            if !self.queues()?.iter().any(|i| &i.id == q) {
                return Err(WfmError::NotFound {
                    item: Item::new(ItemKind::Queue, q.as_str()),
                });
            }
            queues = Some(match queues {
                Some(g) if !g.contains(q) => Vec::new(),
                _ => vec![q.clone()],
            });
        }
        Ok(queues)
    }

    /// The effective baseline (most recently loaded source wins per record), sorted by
    /// queue, channel, granularity and start.
    ///
    /// # Errors
    /// `NotFound` for an unknown group or queue; a storage failure.
    pub fn effective_history(&self, filter: &HistoryFilter) -> Result<History> {
        let queues = self.filter_queues(filter)?;
        let loaded = self.load_history_unchecked(queues.as_deref())?;
        let records = loaded.layers.effective_records();
        Ok(History {
            queues: loaded.queues,
            records,
        })
    }

    /// Writes the effective baseline to `path` (format by extension; `-` is CSV on
    /// standard output) through [`crate::files`]; returns the rows.
    ///
    /// # Errors
    /// `OutputIsInput` when `path` is this workspace (checked first); `InvalidArgument`
    /// for an unknown extension, `NotFound` for an unknown group or queue; `Io` if writing fails.
    pub fn export_history(&self, path: &Path, filter: &HistoryFilter) -> Result<u64> {
        self.require(P::ForecastingView, &Target::Workspace)?;
        crate::files::Inputs::new()
            .workspace(self.path())
            .check(path)?;
        let format = ExportFormat::from_path(path).ok_or_else(|| WfmError::InvalidArgument {
            argument: "output",
            value: path.display().to_string(),
            expected: "export to a .csv or .parquet file".into(),
        })?;
        let history = self.effective_history(filter)?;
        let mut out = crate::files::OutputFile::create(path)?;
        match format {
            ExportFormat::Csv => out.write_buffered(|w| write_csv(&history, w))?,
            ExportFormat::Parquet => {
                out.write_buffered(|mut w| super::parquet::write(&history, &mut w))?
            }
        }
        out.commit()?;
        Ok(history.records.len() as u64)
    }
}

fn write_csv(history: &History, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{HISTORY_HEADER_LINE}")?;
    for r in &history.records {
        writeln!(
            w,
            "{},{},{},{},{},{},{},{}",
            history.queues.name(r.queue),
            history.queues.id(r.queue),
            r.channel,
            format_utc(r.start),
            r.granularity,
            r.volume,
            r.aht_seconds,
            r.handled
        )?;
    }
    w.flush()
}
