//! `wfm workspace check` in SQLite: the file's own checks (`PRAGMA integrity_check`,
//! `PRAGMA foreign_key_check`) and ours on every stored value, each problem named by its
//! table. Reads only.

use std::collections::HashMap;

use rusqlite::Connection;

use super::history::source_row;
use super::in_table;
use crate::error::Result;
use crate::store::StoreProblem;
use crate::store::checks::{self, ChunkColumns, ChunkCount};

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
        let row = source_row(r)?;
        checks::source(&row, out);
        rows_of.insert(row.id, row.rows);
    }
    Ok(rows_of)
}

fn chunks(
    conn: &Connection,
    rows_of: &HashMap<i64, i64>,
    out: &mut Vec<StoreProblem>,
) -> Result<()> {
    let mut count = ChunkCount::default();
    let mut st = conn.prepare(
        "SELECT rowid, source_id, queue_id, channel, granularity, n, first_start, data
         FROM history_chunk ORDER BY rowid",
    )?;
    let mut rows = st.query([]).map_err(in_table("history_chunk"))?;
    while let Some(r) = rows.next().map_err(in_table("history_chunk"))? {
        let (rowid, source, queue): (i64, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let read = |e: rusqlite::Error| e.to_string();
        let columns = ChunkColumns {
            channel: r.get(3).map_err(read),
            granularity: r.get(4).map_err(read),
            n: r.get(5).map_err(read),
            first_start: r.get(6).map_err(read),
            data: r
                .get_ref(7)
                .map_err(read)
                .and_then(|v| v.as_blob().map_err(|e| e.to_string())),
        };
        count.chunk((rowid, source, &queue), columns, out);
    }
    count.finish(rows_of, out);
    Ok(())
}

fn documents(conn: &Connection, out: &mut Vec<StoreProblem>) -> Result<()> {
    let mut st = conn
        .prepare("SELECT id, kind, created_at, published_at, status FROM document ORDER BY id")?;
    let mut rows = st.query([]).map_err(in_table("document"))?;
    while let Some(r) = rows.next().map_err(in_table("document"))? {
        let (id, kind, created_at): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (published, status): (Option<String>, String) = (r.get(3)?, r.get(4)?);
        checks::document(id, &kind, &created_at, published.as_deref(), &status, out);
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
