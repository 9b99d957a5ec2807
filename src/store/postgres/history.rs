//! History sources in PostgreSQL: the streaming import sink (records buffered per series
//! and written as columnar `BYTEA` chunks, the codec SQLite uses), the source list and
//! loading of the layers.

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Statement, Transaction};
use wfm_core::history::{QueueId, SourceId};

use super::now;
use crate::error::{Result, WfmError};
use crate::store::chunks::{Chunk, ChunkSink, ChunkTarget, LayerLoader};
use crate::store::rows::SourceRow;
use crate::store::{ImportOutcome, LoadedHistory, RecordSink, SourceInfo, SourceKind};

/// The SQL of an import: chunks of source `source` in the caller's transaction.
struct Chunks<'a, 't> {
    tx: &'a mut Transaction<'t>,
    insert: Statement,
    source: i64,
    /// Whether this transaction holds the queue lock (see groups.rs).
    locked: bool,
}

impl ChunkTarget for Chunks<'_, '_> {
    fn register_queue(&mut self, id: &QueueId, name: &str) -> Result<bool> {
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
                return Ok(true);
            }
            Some(None) => {
                self.tx.execute(
                    "UPDATE queue SET name = $2 WHERE id = $1",
                    &[&id.as_str(), &name],
                )?;
            }
            Some(Some(_)) => {}
        }
        Ok(false)
    }

    fn write_chunk(&mut self, c: &Chunk<'_>) -> Result<()> {
        self.tx.execute(
            &self.insert,
            &[
                &self.source,
                &c.queue,
                &c.channel.as_str(),
                &c.granularity.as_str(),
                &c.n,
                &c.first,
                &c.data,
            ],
        )?;
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
    let mut sink = ChunkSink::new(Chunks {
        tx,
        insert,
        source,
        locked: false,
    });
    fill(&mut sink)?;
    let totals = sink.finish()?;
    tx.execute(
        "UPDATE history_source SET rows = $2, first_start = $3, last_start = $4, volume = $5
         WHERE id = $1",
        &[
            &source,
            &totals.rows,
            &totals.first,
            &totals.last,
            &totals.volume,
        ],
    )?;
    let info = sources(tx, Some(SourceId(source as u64)))?
        .pop()
        .ok_or_else(|| WfmError::Store("the new source vanished".into()))?;
    Ok(totals.outcome(info))
}

/// A `history_source` row (`id, file, kind, loaded_at, rows, first_start, last_start,
/// volume`) as read.
pub(super) fn source_row(r: &postgres::Row) -> std::result::Result<SourceRow, postgres::Error> {
    Ok(SourceRow {
        id: r.try_get(0)?,
        file: r.try_get(1)?,
        kind: r.try_get(2)?,
        loaded_at: r.try_get(3)?,
        rows: r.try_get(4)?,
        first_start: r.try_get(5)?,
        last_start: r.try_get(6)?,
        volume: r.try_get(7)?,
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
        out.push(source_row(&r)?.info()?);
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
    let mut loader = LayerLoader::new(only);
    for r in tx.query("SELECT id, name FROM queue ORDER BY id", &[])? {
        let id: String = r.try_get(0)?;
        let name: Option<String> = r.try_get(1)?;
        loader.queue(&id, name.as_deref())?;
    }
    let none: [&(dyn postgres::types::ToSql + Sync); 0] = [];
    let mut rows = tx.query_raw(
        "SELECT source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY source_id, id",
        none,
    )?;
    while let Some(r) = rows.next()? {
        let Some(queue) = loader.chunk_of(r.try_get(0)?, r.try_get(1)?)? else {
            continue;
        };
        let channel: String = r.try_get(2)?;
        let granularity: String = r.try_get(3)?;
        let (n, first): (i64, i64) = (r.try_get(4)?, r.try_get(5)?);
        let data: &[u8] = r.try_get(6)?;
        loader.decode(queue, &channel, &granularity, n, first, data)?;
    }
    loader.finish()
}
