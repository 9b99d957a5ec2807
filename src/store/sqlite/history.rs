//! History sources in SQLite: the streaming import sink (records buffered per series and
//! written as columnar chunks), the source list and loading of the layers.

use std::collections::{HashMap, HashSet};

use chrono::DateTime;
use rusqlite::{Connection, OptionalExtension, Transaction};
use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueId, QueueIx, QueueTable, SourceId};

use super::{in_table, now, parse_time};
use crate::error::{Result, WfmError};
use crate::store::codec::{self, CHUNK_RECORDS, Series};
use crate::store::{ImportOutcome, LoadedHistory, RecordSink, SourceInfo, SourceKind};

/// The most records buffered over all series before every buffer is flushed: bounds the
/// import's memory whatever the file's order.
const MAX_BUFFERED: usize = 1 << 20;

/// The tables, as named in errors about damaged values.
const SOURCES: &str = "history_source";
const CHUNKS: &str = "history_chunk";

/// A chunk's record count read back, checked (`1..=CHUNK_RECORDS`).
pub(super) fn chunk_records(n: i64) -> std::result::Result<usize, String> {
    usize::try_from(n)
        .ok()
        .filter(|n| (1..=CHUNK_RECORDS).contains(n))
        .ok_or_else(|| format!("a chunk claims {n} records (1 to {CHUNK_RECORDS} are possible)"))
}

type SeriesKey = (QueueIx, Channel, Granularity);

struct Sink<'t> {
    tx: &'t Transaction<'t>,
    source: i64,
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

impl Sink<'_> {
    fn register(&mut self, queues: &QueueTable) -> Result<()> {
        for (_, id, name) in queues.iter().skip(self.queue_ids.len()) {
            let known: Option<Option<String>> = self
                .tx
                .query_row("SELECT name FROM queue WHERE id = ?1", [id.as_str()], |r| {
                    r.get(0)
                })
                .optional()?;
            match known {
                None => {
                    self.tx.execute(
                        "INSERT INTO queue(id, name, active, registered_at) VALUES (?1, ?2, 1, ?3)",
                        (id.as_str(), name, now()),
                    )?;
                    self.new_queues.push((id.clone(), name.to_owned()));
                }
                Some(None) => {
                    self.tx.execute(
                        "UPDATE queue SET name = ?2 WHERE id = ?1",
                        (id.as_str(), name),
                    )?;
                }
                Some(Some(_)) => {}
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
        let mut st = self.tx.prepare_cached(
            "INSERT INTO history_chunk(source_id, queue_id, channel, granularity, n, first_start, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        st.execute((
            self.source,
            &self.queue_ids[key.0.index()],
            key.1.as_str(),
            key.2.as_str(),
            records.len() as i64,
            first,
            &self.blob,
        ))?;
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

impl RecordSink for Sink<'_> {
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

pub(super) fn import(
    tx: &Transaction<'_>,
    file: &str,
    kind: SourceKind,
    fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
) -> Result<ImportOutcome> {
    tx.execute(
        "INSERT INTO history_source(file, kind, loaded_at, rows, volume) VALUES (?1, ?2, ?3, 0, 0)",
        (file, kind.as_str(), now()),
    )?;
    let source = tx.last_insert_rowid();
    let mut sink = Sink {
        tx,
        source,
        queue_ids: Vec::new(),
        new_queues: Vec::new(),
        buffers: HashMap::new(),
        buffered: 0,
        blob: Vec::new(),
        rows: 0,
        volume: 0,
        first: None,
        last: None,
    };
    fill(&mut sink)?;
    sink.flush_all()?;
    tx.execute(
        "UPDATE history_source SET rows = ?2, first_start = ?3, last_start = ?4, volume = ?5
         WHERE id = ?1",
        (
            source,
            sink.rows as i64,
            sink.first,
            sink.last,
            i64::try_from(sink.volume).unwrap_or(i64::MAX),
        ),
    )?;
    let info = sources(tx, Some(SourceId(source as u64)))?
        .pop()
        .ok_or_else(|| WfmError::Store("the new source vanished".into()))?;
    Ok(ImportOutcome {
        source: info,
        new_queues: sink.new_queues,
        implausible: Vec::new(),
        implausible_rows: 0,
    })
}

pub(super) fn sources(conn: &Connection, only: Option<SourceId>) -> Result<Vec<SourceInfo>> {
    let mut st = conn.prepare(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([only.map(|s| s.0 as i64)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, file, kind, loaded_at, n, first, last, volume) = row.map_err(in_table(SOURCES))?;
        let count = |value: i64, what: &str| {
            u64::try_from(value).map_err(|_| WfmError::Damaged {
                table: SOURCES,
                detail: format!("source {id} ({file}) has {what} {value}"),
            })
        };
        let (id, rows, volume) = (
            count(id, "the id")?,
            count(n, "a row count of")?,
            count(volume, "a volume of")?,
        );
        out.push(SourceInfo {
            id: SourceId(id),
            file,
            kind: if kind == "raw" {
                SourceKind::Raw
            } else {
                SourceKind::History
            },
            loaded_at: parse_time(&loaded_at)?,
            rows,
            first_start: first.and_then(|t| DateTime::from_timestamp(t, 0)),
            last_start: last.and_then(|t| DateTime::from_timestamp(t, 0)),
            volume,
        });
    }
    Ok(out)
}

pub(super) fn load(conn: &Connection, only: Option<&[QueueId]>) -> Result<LoadedHistory> {
    let mut loaded = LoadedHistory::default();
    let mut st = conn.prepare("SELECT id, name FROM queue ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, name) = row?;
        let qid = QueueId::new(&id).map_err(|e| WfmError::Damaged {
            table: "queue",
            detail: e.to_string(),
        })?;
        loaded.queues.intern(qid, name.as_deref().unwrap_or(&id));
    }
    let wanted: Option<HashSet<&str>> = only.map(|q| q.iter().map(QueueId::as_str).collect());
    let mut st = conn.prepare(
        "SELECT source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY source_id, rowid",
    )?;
    let mut rows = st.query([]).map_err(in_table(CHUNKS))?;
    let mut current: Option<(i64, Vec<HistoryRecord>)> = None;
    let bad = |at: &(i64, String), e: String| WfmError::Damaged {
        table: CHUNKS,
        detail: format!("source {}, queue {}: {e}", at.0, at.1),
    };
    while let Some(r) = rows.next().map_err(in_table(CHUNKS))? {
        let source: i64 = r.get(0)?;
        let queue: String = r.get(1)?;
        let at = (source, queue.clone());
        if current.as_ref().is_some_and(|(s, _)| *s != source)
            && let Some((s, records)) = current.take()
        {
            push(&mut loaded, s, records)?;
        }
        let (_, records) = current.get_or_insert_with(|| (source, Vec::new()));
        if wanted.as_ref().is_some_and(|w| !w.contains(queue.as_str())) {
            continue;
        }
        let series = Series {
            queue: loaded
                .queues
                .get(&queue)
                .ok_or_else(|| bad(&at, format!("unknown queue {queue}")))?,
            channel: r
                .get::<_, String>(2)?
                .parse::<Channel>()
                .map_err(|e| bad(&at, format!("{e}")))?,
            granularity: r
                .get::<_, String>(3)?
                .parse::<Granularity>()
                .map_err(|e| bad(&at, format!("{e}")))?,
        };
        let n = chunk_records(r.get(4)?).map_err(|e| bad(&at, e))?;
        let first: i64 = r.get(5)?;
        let data = r
            .get_ref(6)?
            .as_blob()
            .map_err(|e| bad(&at, e.to_string()))?;
        codec::decode(data, n, first, series, records).map_err(|e| bad(&at, e))?;
    }
    if let Some((s, records)) = current.take() {
        push(&mut loaded, s, records)?;
    }
    Ok(loaded)
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
