//! `wfm workspace check` in PostgreSQL: the server keeps its pages and foreign keys
//! itself, so this checks every stored value as SQLite's check does (sources, chunks
//! decoding and counting, documents), each problem named by its table. Reads only.

use std::collections::HashMap;

use postgres::Transaction;
use postgres::fallible_iterator::FallibleIterator;

use super::history::source_row;
use crate::error::Result;
use crate::store::StoreProblem;
use crate::store::checks::{self, ChunkColumns, ChunkCount};

fn sources(tx: &mut Transaction<'_>, out: &mut Vec<StoreProblem>) -> Result<HashMap<i64, i64>> {
    let mut rows_of = HashMap::new();
    for r in tx.query(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source ORDER BY id",
        &[],
    )? {
        let row = source_row(&r)?;
        checks::source(&row, out);
        rows_of.insert(row.id, row.rows);
    }
    Ok(rows_of)
}

fn chunks(
    tx: &mut Transaction<'_>,
    rows_of: &HashMap<i64, i64>,
    out: &mut Vec<StoreProblem>,
) -> Result<()> {
    let mut count = ChunkCount::default();
    let none: [&(dyn postgres::types::ToSql + Sync); 0] = [];
    let mut rows = tx.query_raw(
        "SELECT id, source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY id",
        none,
    )?;
    while let Some(r) = rows.next()? {
        let (id, source, queue): (i64, i64, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        let read = |e: postgres::Error| e.to_string();
        let columns = ChunkColumns {
            channel: r.try_get(3).map_err(read),
            granularity: r.try_get(4).map_err(read),
            n: r.try_get(5).map_err(read),
            first_start: r.try_get(6).map_err(read),
            data: r.try_get(7).map_err(read),
        };
        count.chunk((id, source, &queue), columns, out);
    }
    count.finish(rows_of, out);
    Ok(())
}

fn documents(tx: &mut Transaction<'_>, out: &mut Vec<StoreProblem>) -> Result<()> {
    for r in tx.query(
        "SELECT id, kind, created_at, published_at, status FROM document ORDER BY id",
        &[],
    )? {
        let (id, kind, created_at): (i64, String, String) =
            (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        let (published, status): (Option<String>, String) = (r.try_get(3)?, r.try_get(4)?);
        checks::document(id, &kind, &created_at, published.as_deref(), &status, out);
    }
    Ok(())
}

/// Every problem of the workspace, by table (empty: none found).
pub(super) fn check(tx: &mut Transaction<'_>) -> Result<Vec<StoreProblem>> {
    let mut out = Vec::new();
    let rows_of = sources(tx, &mut out)?;
    chunks(tx, &rows_of, &mut out)?;
    documents(tx, &mut out)?;
    Ok(out)
}
