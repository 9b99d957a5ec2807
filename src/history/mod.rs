//! History in a workspace: importing files (history CSV streamed into one transaction per
//! file, or raw contact records aggregated first), exporting the effective baseline as
//! CSV or Parquet, and the data-sufficiency check.
//!
//! Parsing and validation are `wfm_core::history`'s; this module opens files, shows
//! progress and hands records to the [`WorkspaceStore`](crate::store::WorkspaceStore).

mod check;
mod export;
mod parquet;

use crate::access::{Permission as P, Target};
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use wfm_core::history::{
    HistoryCsvOptions, HistoryCsvReader, RawFormat, RawOptions, read_raw_contacts,
};

use crate::error::{Result, WfmError};
use crate::store::{ImportOutcome, RecordSink, SourceKind, Workspace};

pub use check::SufficiencyCheck;
pub use export::{ExportFormat, HistoryFilter};
pub use parquet::{frame as history_frame, history_parquet};

/// How to import a file.
///
/// ```
/// let o = wfm::history::ImportOptions::default();
/// assert!(o.raw.is_none() && !o.progress);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Read raw contact records in this format (else: by extension, `.jsonl`/`.ndjson`
    /// are raw JSON lines, anything else a history CSV).
    pub raw: Option<RawFormat>,
    /// Show a progress bar on stderr when it is a terminal.
    pub progress: bool,
}

/// What a file holds: a history CSV, or raw contact records in a format.
///
/// ```
/// use std::path::Path;
/// use wfm::history::{file_kind, ImportOptions};
/// use wfm::core::history::RawFormat;
/// assert_eq!(file_kind(Path::new("a.ndjson"), &ImportOptions::default()), Some(RawFormat::JsonLines));
/// assert_eq!(file_kind(Path::new("a.csv"), &ImportOptions::default()), None);
/// ```
pub fn file_kind(path: &Path, options: &ImportOptions) -> Option<RawFormat> {
    if options.raw.is_some() {
        return options.raw;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson") => Some(RawFormat::JsonLines),
        _ => None,
    }
}

fn progress_bar(size: u64, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

impl Workspace {
    /// Imports one file as a new history source, all or nothing: a file with any error
    /// (every one reported as `FILE:LINE: COLUMN: reason`) or a failed write leaves the
    /// workspace unchanged. Queues met for the first time are registered (listed in the
    /// outcome).
    ///
    /// # Errors
    /// [`WfmError::InvalidInput`] with every problem; `Io` if the file cannot be read.
    ///
    /// ```
    /// use wfm::{Workspace, history::ImportOptions};
    /// use wfm::core::IntervalLength;
    /// let dir = tempfile::tempdir()?;
    /// let csv = dir.path().join("h.csv");
    /// std::fs::write(&csv, "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
    ///                       Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,12,240,11\n")?;
    /// let mut ws = Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Fifteen, None)?;
    /// let out = ws.import_history(&csv, &ImportOptions::default())?;
    /// assert_eq!((out.source.rows, out.new_queues.len()), (1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import_history(
        &mut self,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportOutcome> {
        self.require_change(P::ForecastingEdit, &Target::Workspace, "history.import")?;
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| WfmError::io(path, e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let bar = progress_bar(size, options.progress);
        bar.set_message(name.clone());
        let input = BufReader::with_capacity(1 << 20, bar.wrap_read(file));
        let result = self.import_reader(&name, input, file_kind(path, options));
        bar.finish_and_clear();
        result
    }

    /// [`import_history`](Self::import_history) of CSV text in memory (a DataFrame the
    /// Python package converted), named `name` in the source list and in errors; `raw`
    /// as [`ImportOptions::raw`] (`None`: a history CSV).
    ///
    /// ```
    /// use wfm::Workspace;
    /// use wfm::core::IntervalLength;
    /// let dir = tempfile::tempdir()?;
    /// let mut ws = Workspace::create(&dir.path().join("w.wfm"), IntervalLength::Fifteen, None)?;
    /// let csv = "QueueName,QueueId,ChannelType,TimeStamp,IntervalDuration,IncomingContactVolume,AverageHandleTime,ContactsHandled\n\
    ///            Sales,q1,VOICE,2024-07-01T08:15:00Z,15mins,12,240,11\n";
    /// let out = ws.import_history_text("<dataframe>", csv.as_bytes(), None)?;
    /// assert_eq!((out.source.rows, out.source.file.as_str()), (1, "<dataframe>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`import_history`](Self::import_history), every problem named by `name`.
    pub fn import_history_text(
        &mut self,
        name: &str,
        csv: &[u8],
        raw: Option<RawFormat>,
    ) -> Result<ImportOutcome> {
        self.require_change(P::ForecastingEdit, &Target::Workspace, "history.import")?;
        self.import_reader(name, csv, raw)
    }

    /// Imports the history CSV (or raw records of `raw`'s format) read from `input`.
    fn import_reader(
        &mut self,
        name: &str,
        input: impl std::io::BufRead,
        raw: Option<RawFormat>,
    ) -> Result<ImportOutcome> {
        let interval = self.settings()?.interval;
        let name = name.to_owned();
        match raw {
            Some(format) => {
                let raw = read_raw_contacts(&name, input, &RawOptions::new(format, interval))?;
                self.store_mut().import_source(
                    &name,
                    SourceKind::Raw,
                    &mut |sink: &mut dyn RecordSink| {
                        sink.add(&raw.history.records, &raw.history.queues)
                    },
                )
            }
            None => {
                let mut summary = None;
                let mut reader = Some(HistoryCsvReader::new(
                    &name,
                    input,
                    HistoryCsvOptions::new(interval),
                ));
                self.store_mut()
                    .import_source(
                        &name,
                        SourceKind::History,
                        &mut |sink: &mut dyn RecordSink| {
                            let Some(mut r) = reader.take() else {
                                return Ok(());
                            };
                            while let Some(chunk) = r.next_chunk()? {
                                sink.add(chunk.records, chunk.queues)?;
                            }
                            // duplicates are known only now: an Err rolls the import back
                            summary = Some(r.finish()?);
                            Ok(())
                        },
                    )
                    .map(|mut out| {
                        if let Some(s) = summary {
                            out.implausible = s.implausible;
                            out.implausible_rows = s.implausible_rows;
                        }
                        out
                    })
            }
        }
    }
}
