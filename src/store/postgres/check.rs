//! `wfm workspace check` in PostgreSQL: the server keeps its pages and foreign keys
//! itself, so this checks every stored value as SQLite's check does (sources, chunks
//! decoding and counting, documents), each problem named by its table. Reads only.

use std::collections::{HashMap, HashSet};

use postgres::Transaction;
use postgres::fallible_iterator::FallibleIterator;
use wfm_core::Channel;
use wfm_core::history::{Granularity, QueueIx};

use super::parse_time;
use crate::error::Result;
use crate::store::StoreProblem;
use crate::store::chunks::chunk_records;
use crate::store::codec::{self, Series};

fn sources(tx: &mut Transaction<'_>, out: &mut Vec<StoreProblem>) -> Result<HashMap<i64, i64>> {
    let mut rows_of = HashMap::new();
    for r in tx.query(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source ORDER BY id",
        &[],
    )? {
        let (id, file): (i64, String) = (r.try_get(0)?, r.try_get(1)?);
        let mut problem = |detail: String| {
            out.push(StoreProblem {
                table: "history_source".into(),
                detail: format!("source {id} ({file}): {detail}"),
            });
        };
        let kind: String = r.try_get(2)?;
        if kind != "history" && kind != "raw" {
            problem(format!("unknown kind {kind:?}"));
        }
        if parse_time(&r.try_get::<_, String>(3)?).is_err() {
            problem("the load time does not read as a time".into());
        }
        let n: i64 = r.try_get(4)?;
        let volume: i64 = r.try_get(7)?;
        for (what, v) in [("row count", n), ("volume", volume)] {
            if v < 0 {
                problem(format!("a negative {what} {v}"));
            }
        }
        let (first, last): (Option<i64>, Option<i64>) = (r.try_get(5)?, r.try_get(6)?);
        if let (Some(a), Some(b)) = (first, last)
            && a > b
        {
            problem(format!("its first record ({a}) is after its last ({b})"));
        }
        rows_of.insert(id, n);
    }
    Ok(rows_of)
}

/// Decodes one chunk row; its stored record count.
fn chunk(
    r: &postgres::Row,
    records: &mut Vec<wfm_core::history::HistoryRecord>,
) -> std::result::Result<i64, String> {
    let text = |i: usize| r.try_get::<_, String>(i).map_err(|e| e.to_string());
    let channel = text(3)?.parse::<Channel>().map_err(|e| e.to_string())?;
    let granularity = text(4)?.parse::<Granularity>().map_err(|e| e.to_string())?;
    let stored: i64 = r.try_get(5).map_err(|e| e.to_string())?;
    let n = chunk_records(stored)?;
    let first: i64 = r.try_get(6).map_err(|e| e.to_string())?;
    let data: &[u8] = r.try_get(7).map_err(|e| e.to_string())?;
    let series = Series {
        queue: QueueIx(0),
        channel,
        granularity,
    };
    records.clear();
    codec::decode(data, n, first, series, records)?;
    Ok(stored)
}

fn chunks(
    tx: &mut Transaction<'_>,
    rows_of: &HashMap<i64, i64>,
    out: &mut Vec<StoreProblem>,
) -> Result<()> {
    let mut counted: HashMap<i64, i64> = HashMap::new();
    let mut damaged = HashSet::new();
    let none: [&(dyn postgres::types::ToSql + Sync); 0] = [];
    let mut rows = tx.query_raw(
        "SELECT id, source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY id",
        none,
    )?;
    let mut records = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, source, queue): (i64, i64, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        match chunk(&r, &mut records) {
            Ok(n) => *counted.entry(source).or_default() += n,
            Err(e) => {
                damaged.insert(source);
                out.push(StoreProblem {
                    table: "history_chunk".into(),
                    detail: format!("chunk {id} (source {source}, queue {queue}): {e}"),
                });
            }
        }
    }
    let mut ids: Vec<&i64> = rows_of.keys().collect();
    ids.sort_unstable();
    for id in ids {
        let (said, found) = (rows_of[id], counted.get(id).copied().unwrap_or(0));
        if said >= 0 && said != found && !damaged.contains(id) {
            out.push(StoreProblem {
                table: "history_source".into(),
                detail: format!("source {id} says {said} rows, its chunks hold {found}"),
            });
        }
    }
    Ok(())
}

fn documents(tx: &mut Transaction<'_>, out: &mut Vec<StoreProblem>) -> Result<()> {
    for r in tx.query(
        "SELECT id, kind, created_at, published_at, status FROM document ORDER BY id",
        &[],
    )? {
        let id: i64 = r.try_get(0)?;
        let mut problem = |detail: String| {
            out.push(StoreProblem {
                table: "document".into(),
                detail: format!("document {id}: {detail}"),
            });
        };
        let kind: String = r.try_get(1)?;
        if kind.parse::<crate::store::DocumentKind>().is_err() {
            problem(format!("unknown kind {kind:?}"));
        }
        if parse_time(&r.try_get::<_, String>(2)?).is_err() {
            problem("the creation time does not read as a time".into());
        }
        let published: Option<String> = r.try_get(3)?;
        let status: String = r.try_get(4)?;
        if status == "published" && published.as_deref().is_none_or(|t| parse_time(t).is_err()) {
            problem("published without a publication time".into());
        }
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
