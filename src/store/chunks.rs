//! History chunks, whatever the backend: the import sink that buffers records per series
//! (queue × channel × granularity) and hands full chunks to the backend, and the loader
//! that turns chunk rows read back into layers. A backend supplies the SQL only: a
//! [`ChunkTarget`] to write with, and its rows, in order, to a [`LayerLoader`].

use std::collections::{HashMap, HashSet};

use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueId, QueueIx, QueueTable, SourceId};

use super::codec::{self, CHUNK_RECORDS, Series};
use super::{ImportOutcome, LoadedHistory, RecordSink, SourceInfo};
use crate::error::{Result, WfmError};

/// The most records buffered over all series before every buffer is flushed: bounds the
/// import's memory whatever the file's order.
const MAX_BUFFERED: usize = 1 << 20;

/// The chunk table, as named in errors about damaged values.
const CHUNKS: &str = "history_chunk";

/// A chunk's record count read back, checked (`1..=CHUNK_RECORDS`).
pub(crate) fn chunk_records(n: i64) -> std::result::Result<usize, String> {
    usize::try_from(n)
        .ok()
        .filter(|n| (1..=CHUNK_RECORDS).contains(n))
        .ok_or_else(|| format!("a chunk claims {n} records (1 to {CHUNK_RECORDS} are possible)"))
}

/// One encoded chunk of a source, ready to be stored.
pub(crate) struct Chunk<'a> {
    /// The workspace queue id.
    pub queue: &'a str,
    pub channel: Channel,
    pub granularity: Granularity,
    /// How many records `data` holds.
    pub n: i64,
    /// The first record's start (the codec's base).
    pub first: i64,
    /// The columnar encoding ([`codec::encode`]).
    pub data: &'a [u8],
}

/// What a backend does for a history import, inside its open transaction.
pub(crate) trait ChunkTarget {
    /// Registers queue `id` (named `name` in the file) when the workspace does not know
    /// it, or names it when it has no name yet; returns whether it is new.
    fn register_queue(&mut self, id: &QueueId, name: &str) -> Result<bool>;

    /// Stores one chunk of the source being imported.
    fn write_chunk(&mut self, chunk: &Chunk<'_>) -> Result<()>;
}

type SeriesKey = (QueueIx, Channel, Granularity);

/// The import sink: records buffered per series and written as chunks of at most
/// [`CHUNK_RECORDS`] through a [`ChunkTarget`], with the source's totals.
pub(crate) struct ChunkSink<T> {
    target: T,
    /// file queue index → workspace queue id
    queue_ids: Vec<String>,
    new_queues: Vec<(QueueId, String)>,
    buffers: HashMap<SeriesKey, Vec<HistoryRecord>>,
    buffered: usize,
    blob: Vec<u8>,
    rows: u64,
    volume: u64,
    first: Option<i64>,
    last: Option<i64>,
}

/// What an import stored, once every chunk is written.
pub(crate) struct ImportTotals {
    /// Records stored.
    pub rows: i64,
    /// The earliest and latest record start (Unix seconds).
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// The summed volume, saturated to `i64::MAX`.
    pub volume: i64,
    /// The queues the import registered.
    pub new_queues: Vec<(QueueId, String)>,
}

impl ImportTotals {
    /// The import's outcome, given its source as stored.
    pub(crate) fn outcome(self, source: SourceInfo) -> ImportOutcome {
        ImportOutcome {
            source,
            new_queues: self.new_queues,
            implausible: Vec::new(),
            implausible_rows: 0,
        }
    }
}

impl<T: ChunkTarget> ChunkSink<T> {
    pub(crate) fn new(target: T) -> Self {
        Self {
            target,
            queue_ids: Vec::new(),
            new_queues: Vec::new(),
            buffers: HashMap::new(),
            buffered: 0,
            blob: Vec::new(),
            rows: 0,
            volume: 0,
            first: None,
            last: None,
        }
    }

    /// Writes what is still buffered; returns the totals.
    pub(crate) fn finish(mut self) -> Result<ImportTotals> {
        self.flush_all()?;
        Ok(ImportTotals {
            rows: self.rows as i64,
            first: self.first,
            last: self.last,
            volume: i64::try_from(self.volume).unwrap_or(i64::MAX),
            new_queues: self.new_queues,
        })
    }

    fn register(&mut self, queues: &QueueTable) -> Result<()> {
        for (_, id, name) in queues.iter().skip(self.queue_ids.len()) {
            if self.target.register_queue(id, name)? {
                self.new_queues.push((id.clone(), name.to_owned()));
            }
            self.queue_ids.push(id.as_str().to_owned());
        }
        Ok(())
    }

    fn flush(&mut self, key: SeriesKey) -> Result<()> {
        let Some(records) = self.buffers.get_mut(&key) else {
            return Ok(());
        };
        if records.is_empty() {
            return Ok(());
        }
        self.blob.clear();
        let first = codec::encode(records, &mut self.blob);
        self.target.write_chunk(&Chunk {
            queue: &self.queue_ids[key.0.index()],
            channel: key.1,
            granularity: key.2,
            n: records.len() as i64,
            first,
            data: &self.blob,
        })?;
        self.buffered -= records.len();
        records.clear();
        Ok(())
    }

    fn flush_all(&mut self) -> Result<()> {
        let mut keys: Vec<SeriesKey> = self.buffers.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            self.flush(k)?;
        }
        self.buffers
            .retain(|_, v| v.capacity() <= CHUNK_RECORDS / 4);
        Ok(())
    }
}

impl<T: ChunkTarget> RecordSink for ChunkSink<T> {
    fn add(&mut self, records: &[HistoryRecord], queues: &QueueTable) -> Result<()> {
        if queues.len() > self.queue_ids.len() {
            self.register(queues)?;
        }
        for r in records {
            let key = (r.queue, r.channel, r.granularity);
            let buf = self.buffers.entry(key).or_default();
            buf.push(*r);
            self.buffered += 1;
            if buf.len() >= CHUNK_RECORDS {
                self.flush(key)?;
            }
            self.rows += 1;
            self.volume = self.volume.saturating_add(r.volume);
            self.first = Some(self.first.map_or(r.start, |f| f.min(r.start)));
            self.last = Some(self.last.map_or(r.start, |l| l.max(r.start)));
        }
        if self.buffered >= MAX_BUFFERED {
            self.flush_all()?;
        }
        Ok(())
    }
}

/// Builds the stored history from the rows a backend reads: first every queue
/// ([`LayerLoader::queue`]), then the chunk rows ordered by source and insertion
/// ([`LayerLoader::chunk_of`], then [`LayerLoader::decode`] for a wanted queue).
pub(crate) struct LayerLoader<'q> {
    loaded: LoadedHistory,
    wanted: Option<HashSet<&'q str>>,
    current: Option<(i64, Vec<HistoryRecord>)>,
    /// The chunk being read (source, queue), for errors.
    at: (i64, String),
}

impl<'q> LayerLoader<'q> {
    /// A loader keeping the records of `only` these queues (all without).
    pub(crate) fn new(only: Option<&'q [QueueId]>) -> Self {
        Self {
            loaded: LoadedHistory::default(),
            wanted: only.map(|q| q.iter().map(QueueId::as_str).collect()),
            current: None,
            at: (0, String::new()),
        }
    }

    /// A queue row of the workspace (in id order).
    pub(crate) fn queue(&mut self, id: &str, name: Option<&str>) -> Result<()> {
        let qid = QueueId::new(id).map_err(|e| WfmError::Damaged {
            table: "queue",
            detail: e.to_string(),
        })?;
        self.loaded.queues.intern(qid, name.unwrap_or(id));
        Ok(())
    }

    /// Starts a chunk row of `source` for `queue`: its queue index, or `None` when the
    /// queue is not wanted (the rest of the row need not be read).
    pub(crate) fn chunk_of(&mut self, source: i64, queue: String) -> Result<Option<QueueIx>> {
        if self.current.as_ref().is_some_and(|(s, _)| *s != source)
            && let Some((s, records)) = self.current.take()
        {
            push(&mut self.loaded, s, records)?;
        }
        self.current.get_or_insert_with(|| (source, Vec::new()));
        self.at = (source, queue);
        let queue = self.at.1.as_str();
        if self.wanted.as_ref().is_some_and(|w| !w.contains(queue)) {
            return Ok(None);
        }
        match self.loaded.queues.get(queue) {
            Some(ix) => Ok(Some(ix)),
            None => Err(self.bad(format!("unknown queue {queue}"))),
        }
    }

    /// The error of a damaged value in the current chunk row.
    pub(crate) fn bad(&self, e: impl std::fmt::Display) -> WfmError {
        WfmError::Damaged {
            table: CHUNKS,
            detail: format!("source {}, queue {}: {e}", self.at.0, self.at.1),
        }
    }

    /// Decodes the rest of the current chunk row (its queue from [`Self::chunk_of`]).
    pub(crate) fn decode(
        &mut self,
        queue: QueueIx,
        channel: &str,
        granularity: &str,
        n: i64,
        first: i64,
        data: &[u8],
    ) -> Result<()> {
        let series = Series {
            queue,
            channel: channel.parse::<Channel>().map_err(|e| self.bad(e))?,
            granularity: granularity
                .parse::<Granularity>()
                .map_err(|e| self.bad(e))?,
        };
        let n = chunk_records(n).map_err(|e| self.bad(e))?;
        let records = match self.current.as_mut() {
            Some((_, records)) => records,
            None => return Err(WfmError::Store("a chunk decoded before its row".into())),
        };
        codec::decode(data, n, first, series, records).map_err(|e| self.bad(e))
    }

    /// The history read.
    pub(crate) fn finish(mut self) -> Result<LoadedHistory> {
        if let Some((s, records)) = self.current.take() {
            push(&mut self.loaded, s, records)?;
        }
        Ok(self.loaded)
    }
}

fn push(loaded: &mut LoadedHistory, source: i64, records: Vec<HistoryRecord>) -> Result<()> {
    let id = u64::try_from(source).map_err(|_| WfmError::Damaged {
        table: CHUNKS,
        detail: format!("a chunk belongs to source {source}"),
    })?;
    loaded
        .layers
        .push(SourceId(id), records)
        .map_err(|e| WfmError::Store(e.to_string()))
}
