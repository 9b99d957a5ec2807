//! History sources in SQLite: the streaming import sink (records buffered per series and
//! written as columnar chunks), the source list and loading of the layers.

use rusqlite::{Connection, OptionalExtension, Transaction};
use wfm_core::history::{QueueId, SourceId};

use super::{in_table, now};
use crate::error::{Result, WfmError};
use crate::store::chunks::{Chunk, ChunkSink, ChunkTarget, LayerLoader};
use crate::store::rows::SourceRow;
use crate::store::{ImportOutcome, LoadedHistory, RecordSink, SourceInfo, SourceKind};

/// The tables, as named in errors about damaged values.
const SOURCES: &str = "history_source";
const CHUNKS: &str = "history_chunk";

/// The SQL of an import: chunks of source `source` in the caller's transaction.
struct Chunks<'t> {
    tx: &'t Transaction<'t>,
    source: i64,
}

impl ChunkTarget for Chunks<'_> {
    fn register_queue(&mut self, id: &QueueId, name: &str) -> Result<bool> {
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
                return Ok(true);
            }
            Some(None) => {
                self.tx.execute(
                    "UPDATE queue SET name = ?2 WHERE id = ?1",
                    (id.as_str(), name),
                )?;
            }
            Some(Some(_)) => {}
        }
        Ok(false)
    }

    fn write_chunk(&mut self, c: &Chunk<'_>) -> Result<()> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO history_chunk(source_id, queue_id, channel, granularity, n, first_start, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        st.execute((
            self.source,
            c.queue,
            c.channel.as_str(),
            c.granularity.as_str(),
            c.n,
            c.first,
            c.data,
        ))?;
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
    let mut sink = ChunkSink::new(Chunks { tx, source });
    fill(&mut sink)?;
    let totals = sink.finish()?;
    tx.execute(
        "UPDATE history_source SET rows = ?2, first_start = ?3, last_start = ?4, volume = ?5
         WHERE id = ?1",
        (
            source,
            totals.rows,
            totals.first,
            totals.last,
            totals.volume,
        ),
    )?;
    let info = sources(tx, Some(SourceId(source as u64)))?
        .pop()
        .ok_or_else(|| WfmError::Store("the new source vanished".into()))?;
    Ok(totals.outcome(info))
}

/// A `history_source` row (`id, file, kind, loaded_at, rows, first_start, last_start,
/// volume`) as read.
pub(super) fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: r.get(0)?,
        file: r.get(1)?,
        kind: r.get(2)?,
        loaded_at: r.get(3)?,
        rows: r.get(4)?,
        first_start: r.get(5)?,
        last_start: r.get(6)?,
        volume: r.get(7)?,
    })
}

pub(super) fn sources(conn: &Connection, only: Option<SourceId>) -> Result<Vec<SourceInfo>> {
    let mut st = conn.prepare(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([only.map(|s| s.0 as i64)], source_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row.map_err(in_table(SOURCES))?.info()?);
    }
    Ok(out)
}

pub(super) fn load(conn: &Connection, only: Option<&[QueueId]>) -> Result<LoadedHistory> {
    let mut loader = LayerLoader::new(only);
    let mut st = conn.prepare("SELECT id, name FROM queue ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, name) = row?;
        loader.queue(&id, name.as_deref())?;
    }
    let mut st = conn.prepare(
        "SELECT source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY source_id, rowid",
    )?;
    let mut rows = st.query([]).map_err(in_table(CHUNKS))?;
    while let Some(r) = rows.next().map_err(in_table(CHUNKS))? {
        let Some(queue) = loader.chunk_of(r.get(0)?, r.get(1)?)? else {
            continue;
        };
        let channel: String = r.get(2)?;
        let granularity: String = r.get(3)?;
        let (n, first): (i64, i64) = (r.get(4)?, r.get(5)?);
        let data = r.get_ref(6)?.as_blob().map_err(|e| loader.bad(e))?;
        loader.decode(queue, &channel, &granularity, n, first, data)?;
    }
    loader.finish()
}
