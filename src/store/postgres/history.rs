//! History sources in PostgreSQL: the streaming import sink (records buffered per series
//! and written as columnar `BYTEA` chunks, the codec SQLite uses), the source list and
//! loading of the layers.

use std::collections::{HashMap, HashSet};

use chrono::DateTime;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Statement, Transaction};
use wfm_core::Channel;
use wfm_core::history::{Granularity, HistoryRecord, QueueId, QueueIx, QueueTable, SourceId};

use super::{now, parse_time};
use crate::error::{Result, WfmError};
use crate::store::codec::{self, CHUNK_RECORDS, Series};
use crate::store::{ImportOutcome, LoadedHistory, RecordSink, SourceInfo, SourceKind};

/// The most records buffered over all series before every buffer is flushed.
const MAX_BUFFERED: usize = 1 << 20;

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

struct Sink<'a, 't> {
    tx: &'a mut Transaction<'t>,
    insert: Statement,
    source: i64,
    queue_ids: Vec<String>,
    new_queues: Vec<(QueueId, String)>,
    locked: bool,
    buffers: HashMap<SeriesKey, Vec<HistoryRecord>>,
    buffered: usize,
    blob: Vec<u8>,
    rows: u64,
    volume: u64,
    first: Option<i64>,
    last: Option<i64>,
}

impl Sink<'_, '_> {
    fn register(&mut self, queues: &QueueTable) -> Result<()> {
        for (_, id, name) in queues.iter().skip(self.queue_ids.len()) {
            let known = |tx: &mut Transaction<'_>| -> Result<Option<Option<String>>> {
                Ok(tx
                    .query_opt("SELECT name FROM queue WHERE id = $1", &[&id.as_str()])?
                    .map(|r| r.try_get(0))
                    .transpose()?)
            };
            let mut found = known(self.tx)?;
            if !matches!(found, Some(Some(_))) && !self.locked {
                // registering or naming: one transaction at a time (see groups.rs)
                super::groups::lock_queues(self.tx)?;
                self.locked = true;
                found = known(self.tx)?;
            }
            match found {
                None => {
                    self.tx.execute(
                        "INSERT INTO queue(id, name, active, registered_at) VALUES ($1, $2, TRUE, $3)",
                        &[&id.as_str(), &name, &now()],
                    )?;
                    self.new_queues.push((id.clone(), name.to_owned()));
                }
                Some(None) => {
                    self.tx.execute(
                        "UPDATE queue SET name = $2 WHERE id = $1",
                        &[&id.as_str(), &name],
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
        self.tx.execute(
            &self.insert,
            &[
                &self.source,
                &self.queue_ids[key.0.index()],
                &key.1.as_str(),
                &key.2.as_str(),
                &(records.len() as i64),
                &first,
                &self.blob,
            ],
        )?;
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

impl RecordSink for Sink<'_, '_> {
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
    tx: &mut Transaction<'_>,
    file: &str,
    kind: SourceKind,
    fill: &mut dyn FnMut(&mut dyn RecordSink) -> Result<()>,
) -> Result<ImportOutcome> {
    let source: i64 = tx
        .query_one(
            "INSERT INTO history_source(file, kind, loaded_at, rows, volume)
             VALUES ($1, $2, $3, 0, 0) RETURNING id",
            &[&file, &kind.as_str(), &now()],
        )?
        .try_get(0)?;
    let insert = tx.prepare(
        "INSERT INTO history_chunk(source_id, queue_id, channel, granularity, n, first_start, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )?;
    let mut sink = Sink {
        tx,
        insert,
        source,
        queue_ids: Vec::new(),
        new_queues: Vec::new(),
        locked: false,
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
    let (rows, first, last, volume, new_queues) = (
        sink.rows as i64,
        sink.first,
        sink.last,
        i64::try_from(sink.volume).unwrap_or(i64::MAX),
        sink.new_queues,
    );
    tx.execute(
        "UPDATE history_source SET rows = $2, first_start = $3, last_start = $4, volume = $5
         WHERE id = $1",
        &[&source, &rows, &first, &last, &volume],
    )?;
    let info = sources(tx, Some(SourceId(source as u64)))?
        .pop()
        .ok_or_else(|| WfmError::Store("the new source vanished".into()))?;
    Ok(ImportOutcome {
        source: info,
        new_queues,
        implausible: Vec::new(),
        implausible_rows: 0,
    })
}

pub(super) fn sources(tx: &mut Transaction<'_>, only: Option<SourceId>) -> Result<Vec<SourceInfo>> {
    let only = only.map(|s| s.0 as i64);
    let rows = tx.query(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source WHERE $1::BIGINT IS NULL OR id = $1 ORDER BY id",
        &[&only],
    )?;
    let mut out = Vec::new();
    for r in rows {
        let (id, file): (i64, String) = (r.try_get(0)?, r.try_get(1)?);
        let count = |value: i64, what: &str| {
            u64::try_from(value).map_err(|_| WfmError::Damaged {
                table: SOURCES,
                detail: format!("source {id} ({file}) has {what} {value}"),
            })
        };
        let kind: String = r.try_get(2)?;
        let first: Option<i64> = r.try_get(5)?;
        let last: Option<i64> = r.try_get(6)?;
        out.push(SourceInfo {
            id: SourceId(count(id, "the id")?),
            kind: if kind == "raw" {
                SourceKind::Raw
            } else {
                SourceKind::History
            },
            loaded_at: parse_time(&r.try_get::<_, String>(3)?)?,
            rows: count(r.try_get(4)?, "a row count of")?,
            first_start: first.and_then(|t| DateTime::from_timestamp(t, 0)),
            last_start: last.and_then(|t| DateTime::from_timestamp(t, 0)),
            volume: count(r.try_get(7)?, "a volume of")?,
            file,
        });
    }
    Ok(out)
}

/// Removes a source and its chunks; returns it.
pub(super) fn remove(tx: &mut Transaction<'_>, id: SourceId) -> Result<SourceInfo> {
    let info = sources(tx, Some(id))?
        .pop()
        .ok_or_else(|| WfmError::NotFound {
            item: crate::error::Item::new(crate::error::ItemKind::HistorySource, id.0.to_string()),
        })?;
    let id = id.0 as i64;
    tx.execute("DELETE FROM history_chunk WHERE source_id = $1", &[&id])?;
    tx.execute("DELETE FROM history_source WHERE id = $1", &[&id])?;
    Ok(info)
}

pub(super) fn load(tx: &mut Transaction<'_>, only: Option<&[QueueId]>) -> Result<LoadedHistory> {
    let mut loaded = LoadedHistory::default();
    for r in tx.query("SELECT id, name FROM queue ORDER BY id", &[])? {
        let id: String = r.try_get(0)?;
        let name: Option<String> = r.try_get(1)?;
        let qid = QueueId::new(&id).map_err(|e| WfmError::Damaged {
            table: "queue",
            detail: e.to_string(),
        })?;
        loaded.queues.intern(qid, name.as_deref().unwrap_or(&id));
    }
    let wanted: Option<HashSet<&str>> = only.map(|q| q.iter().map(QueueId::as_str).collect());
    let none: [&(dyn postgres::types::ToSql + Sync); 0] = [];
    let mut rows = tx.query_raw(
        "SELECT source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY source_id, id",
        none,
    )?;
    let mut current: Option<(i64, Vec<HistoryRecord>)> = None;
    let bad = |at: &(i64, String), e: String| WfmError::Damaged {
        table: CHUNKS,
        detail: format!("source {}, queue {}: {e}", at.0, at.1),
    };
    while let Some(r) = rows.next()? {
        let source: i64 = r.try_get(0)?;
        let queue: String = r.try_get(1)?;
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
                .try_get::<_, String>(2)?
                .parse::<Channel>()
                .map_err(|e| bad(&at, format!("{e}")))?,
            granularity: r
                .try_get::<_, String>(3)?
                .parse::<Granularity>()
                .map_err(|e| bad(&at, format!("{e}")))?,
        };
        let n = chunk_records(r.try_get(4)?).map_err(|e| bad(&at, e))?;
        let first: i64 = r.try_get(5)?;
        let data: &[u8] = r.try_get(6)?;
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
