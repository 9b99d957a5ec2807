//! `wfm workspace check` in SQLite: the file's own checks (`PRAGMA integrity_check`,
//! `PRAGMA foreign_key_check`) and ours on every stored value, each problem named by its
//! table. Reads only.

use std::collections::HashMap;

use rusqlite::Connection;
use wfm_core::Channel;
use wfm_core::history::{Granularity, QueueIx};

use super::{in_table, parse_time};
use crate::error::Result;
use crate::store::StoreProblem;
use crate::store::chunks::chunk_records;
use crate::store::codec::{self, Series};

/// The table an `integrity_check` message is about: the tree (root page) or index it
/// names, else the file as a whole.
fn table_of(
    message: &str,
    roots: &HashMap<i64, String>,
    indexes: &HashMap<String, String>,
) -> String {
    let tree = message
        .split_once("Tree ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<i64>().ok())
        .and_then(|page| roots.get(&page));
    if let Some(t) = tree {
        return t.clone();
    }
    let index = message
        .split_once("index ")
        .map(|(_, rest)| {
            rest.trim()
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_')
        })
        .and_then(|i| indexes.get(i));
    index.cloned().unwrap_or_else(|| "(the file)".to_owned())
}

/// The messages of an integrity-check pragma other than `ok`.
fn messages(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let all = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all.into_iter().filter(|m| m != "ok").collect())
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

fn integrity(conn: &Connection, out: &mut Vec<StoreProblem>) -> Result<()> {
    let (mut roots, mut indexes) = (HashMap::new(), HashMap::new());
    let mut st = conn.prepare("SELECT type, name, tbl_name, rootpage FROM sqlite_master")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    for row in rows {
        let (kind, name, table, root) = row?;
        if let Some(root) = root {
            roots.insert(root, table.clone());
        }
        if kind == "index" {
            indexes.insert(name, table);
        }
    }
    match messages(conn, "PRAGMA integrity_check") {
        Ok(messages) => {
            for m in messages {
                out.push(StoreProblem {
                    table: table_of(&m, &roots, &indexes),
                    detail: format!("SQLite's integrity check: {m}"),
                });
            }
        }
        // a page so damaged that the whole-file check cannot run (a table's root): check
        // table by table to name the damaged ones
        Err(e) if is_damage(&e) => {
            let mut tables: Vec<&String> = roots.values().collect();
            tables.sort_unstable();
            tables.dedup();
            for table in tables {
                let sql = format!("PRAGMA integrity_check(\"{}\")", table.replace('"', "\"\""));
                match messages(conn, &sql) {
                    Ok(found) => out.extend(found.into_iter().map(|m| StoreProblem {
                        table: table.clone(),
                        detail: format!("SQLite's integrity check: {m}"),
                    })),
                    Err(e) if is_damage(&e) => out.push(StoreProblem {
                        table: table.clone(),
                        detail: format!("SQLite cannot read it: {e}"),
                    }),
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Err(e) => return Err(e.into()),
    }
    if !out.is_empty() {
        // the foreign-key check would read the damaged pages again
        return Ok(());
    }
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
        out.push(StoreProblem {
            table,
            detail: format!(
                "row {} refers to a missing row of {parent}",
                rowid.map_or_else(|| "?".into(), |r| r.to_string())
            ),
        });
    }
    Ok(())
}

fn sources(conn: &Connection, out: &mut Vec<StoreProblem>) -> Result<HashMap<i64, i64>> {
    let mut rows_of = HashMap::new();
    let mut st = conn.prepare(
        "SELECT id, file, kind, loaded_at, rows, first_start, last_start, volume
         FROM history_source ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let (id, file): (i64, String) = (r.get(0)?, r.get(1)?);
        let mut problem = |detail: String| {
            out.push(StoreProblem {
                table: "history_source".into(),
                detail: format!("source {id} ({file}): {detail}"),
            });
        };
        let kind: String = r.get(2)?;
        if kind != "history" && kind != "raw" {
            problem(format!("unknown kind {kind:?}"));
        }
        if parse_time(&r.get::<_, String>(3)?).is_err() {
            problem("the load time does not read as a time".into());
        }
        let n: i64 = r.get(4)?;
        let volume: i64 = r.get(7)?;
        for (what, v) in [("row count", n), ("volume", volume)] {
            if v < 0 {
                problem(format!("a negative {what} {v}"));
            }
        }
        let (first, last): (Option<i64>, Option<i64>) = (r.get(5)?, r.get(6)?);
        if let (Some(a), Some(b)) = (first, last)
            && a > b
        {
            problem(format!("its first record ({a}) is after its last ({b})"));
        }
        rows_of.insert(id, n);
    }
    Ok(rows_of)
}

fn chunks(
    conn: &Connection,
    rows_of: &HashMap<i64, i64>,
    out: &mut Vec<StoreProblem>,
) -> Result<()> {
    let mut counted: HashMap<i64, i64> = HashMap::new();
    let mut damaged = std::collections::HashSet::new();
    let mut st = conn.prepare(
        "SELECT rowid, source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY rowid",
    )?;
    let mut rows = st.query([]).map_err(in_table("history_chunk"))?;
    let mut records = Vec::new();
    while let Some(r) = rows.next().map_err(in_table("history_chunk"))? {
        let (rowid, source, queue): (i64, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let checked = (|| -> std::result::Result<i64, String> {
            let channel = r
                .get::<_, String>(3)
                .map_err(|e| e.to_string())?
                .parse::<Channel>()
                .map_err(|e| e.to_string())?;
            let granularity = r
                .get::<_, String>(4)
                .map_err(|e| e.to_string())?
                .parse::<Granularity>()
                .map_err(|e| e.to_string())?;
            let stored: i64 = r.get(5).map_err(|e| e.to_string())?;
            let n = chunk_records(stored)?;
            let first: i64 = r.get(6).map_err(|e| e.to_string())?;
            let data = r
                .get_ref(7)
                .map_err(|e| e.to_string())?
                .as_blob()
                .map_err(|e| e.to_string())?;
            let series = Series {
                queue: QueueIx(0),
                channel,
                granularity,
            };
            records.clear();
            codec::decode(data, n, first, series, &mut records)?;
            Ok(stored)
        })();
        match checked {
            Ok(n) => *counted.entry(source).or_default() += n,
            Err(e) => {
                damaged.insert(source);
                out.push(StoreProblem {
                    table: "history_chunk".into(),
                    detail: format!("chunk {rowid} (source {source}, queue {queue}): {e}"),
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

fn documents(conn: &Connection, out: &mut Vec<StoreProblem>) -> Result<()> {
    let mut st = conn
        .prepare("SELECT id, kind, created_at, published_at, status FROM document ORDER BY id")?;
    let mut rows = st.query([]).map_err(in_table("document"))?;
    while let Some(r) = rows.next().map_err(in_table("document"))? {
        let id: i64 = r.get(0)?;
        let mut problem = |detail: String| {
            out.push(StoreProblem {
                table: "document".into(),
                detail: format!("document {id}: {detail}"),
            });
        };
        let kind: String = r.get(1)?;
        if kind.parse::<crate::store::DocumentKind>().is_err() {
            problem(format!("unknown kind {kind:?}"));
        }
        if parse_time(&r.get::<_, String>(2)?).is_err() {
            problem("the creation time does not read as a time".into());
        }
        let published: Option<String> = r.get(3)?;
        let status: String = r.get(4)?;
        if status == "published" && published.as_deref().is_none_or(|t| parse_time(t).is_err()) {
            problem("published without a publication time".into());
        }
    }
    Ok(())
}

/// Every problem of the open workspace, by table (empty: none found).
pub(super) fn check(conn: &Connection) -> Result<Vec<StoreProblem>> {
    let mut out = Vec::new();
    integrity(conn, &mut out)?;
    if !out.is_empty() {
        // a damaged file: reading its values may fail in unforeseen ways; what SQLite
        // found is the answer
        return Ok(out);
    }
    let rows_of = sources(conn, &mut out)?;
    chunks(conn, &rows_of, &mut out)?;
    documents(conn, &mut out)?;
    Ok(out)
}
