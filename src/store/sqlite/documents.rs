//! Documents in SQLite: one `document` row each (payload as a BLOB) and the `uses`
//! edges in `document_use`. Lifecycle rules are checked here, inside the caller's
//! transaction, and named in the errors.

use rusqlite::{Connection, OptionalExtension, params};

use super::{now, parse_time};
use crate::error::{Result, WfmError};
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument};

const COLUMNS: &str = "id, kind, scope, name, status, created_at, published_at, summary, \
                       length(payload)";

fn describe(info: &DocumentInfo) -> String {
    format!(
        "{} {} {:?} of {:?}",
        info.kind.as_str(),
        info.id,
        info.name,
        info.scope
    )
}

fn row_info(conn: &Connection, r: &rusqlite::Row<'_>) -> Result<DocumentInfo> {
    let id = DocumentId(r.get(0)?);
    let kind: String = r.get(1)?;
    let status: String = r.get(4)?;
    let published: Option<String> = r.get(6)?;
    let mut st =
        conn.prepare_cached("SELECT used_id FROM document_use WHERE user_id = ?1 ORDER BY 1")?;
    let uses = st
        .query_map([id.0], |r| r.get(0).map(DocumentId))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(DocumentInfo {
        id,
        kind: kind.parse().map_err(WfmError::Store)?,
        scope: r.get(2)?,
        name: r.get(3)?,
        status: if status == "published" {
            DocumentStatus::Published
        } else {
            DocumentStatus::Draft
        },
        created_at: parse_time(&r.get::<_, String>(5)?)?,
        published_at: published.as_deref().map(parse_time).transpose()?,
        summary: r.get(7)?,
        uses,
        bytes: r.get::<_, i64>(8)? as u64,
    })
}

fn query(
    conn: &Connection,
    sql_where: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<DocumentInfo>> {
    let sql = format!("SELECT {COLUMNS} FROM document {sql_where} ORDER BY id");
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row_info(conn, r)?);
    }
    Ok(out)
}

pub(super) fn info(conn: &Connection, id: DocumentId) -> Result<DocumentInfo> {
    query(conn, "WHERE id = ?1", &[&id.0])?
        .pop()
        .ok_or_else(|| WfmError::Rejected(format!("no document {id} in the workspace")))
}

pub(super) fn list(
    conn: &Connection,
    kind: DocumentKind,
    scope: Option<&str>,
) -> Result<Vec<DocumentInfo>> {
    match scope {
        Some(s) => query(
            conn,
            "WHERE kind = ?1 AND scope = ?2",
            &[&kind.as_str(), &s],
        ),
        None => query(conn, "WHERE kind = ?1", &[&kind.as_str()]),
    }
}

pub(super) fn payload(conn: &Connection, id: DocumentId) -> Result<Vec<u8>> {
    conn.query_row("SELECT payload FROM document WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| WfmError::Rejected(format!("no document {id} in the workspace")))
}

fn set_uses(conn: &Connection, id: DocumentId, uses: &[DocumentId]) -> Result<()> {
    conn.execute("DELETE FROM document_use WHERE user_id = ?1", [id.0])?;
    for used in uses {
        if *used == id {
            return Err(WfmError::Rejected(format!(
                "document {id} cannot use itself"
            )));
        }
        info(conn, *used).map_err(|_| {
            WfmError::Rejected(format!(
                "document {used}, used by the new document, does not exist"
            ))
        })?;
        conn.execute(
            "INSERT OR IGNORE INTO document_use(user_id, used_id) VALUES (?1, ?2)",
            [id.0, used.0],
        )?;
    }
    Ok(())
}

pub(super) fn put(conn: &Connection, doc: &NewDocument) -> Result<DocumentInfo> {
    conn.execute(
        "INSERT INTO document(kind, scope, name, status, created_at, summary, payload)
         VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6)",
        params![
            doc.kind.as_str(),
            doc.scope,
            doc.name,
            now(),
            doc.summary,
            doc.payload
        ],
    )?;
    let id = DocumentId(conn.last_insert_rowid());
    set_uses(conn, id, &doc.uses)?;
    info(conn, id)
}

pub(super) fn replace(
    conn: &Connection,
    id: DocumentId,
    summary: &str,
    payload: &[u8],
    uses: &[DocumentId],
) -> Result<DocumentInfo> {
    let old = info(conn, id)?;
    if old.status == DocumentStatus::Published {
        return Err(WfmError::Rejected(format!(
            "{} is published and cannot change: compute a new one",
            describe(&old)
        )));
    }
    conn.execute(
        "UPDATE document SET summary = ?2, payload = ?3, created_at = ?4 WHERE id = ?1",
        params![id.0, summary, payload, now()],
    )?;
    set_uses(conn, id, uses)?;
    info(conn, id)
}

pub(super) fn publish(conn: &Connection, id: DocumentId) -> Result<DocumentInfo> {
    let old = info(conn, id)?;
    if old.status == DocumentStatus::Published {
        return Err(WfmError::Rejected(format!(
            "{} is published already",
            describe(&old)
        )));
    }
    conn.execute(
        "UPDATE document SET status = 'published', published_at = ?2 WHERE id = ?1",
        params![id.0, now()],
    )?;
    info(conn, id)
}

pub(super) fn delete(conn: &Connection, id: DocumentId) -> Result<DocumentInfo> {
    let old = info(conn, id)?;
    let users = query(
        conn,
        "WHERE status = 'published' AND id IN (SELECT user_id FROM document_use WHERE used_id = ?1)",
        &[&id.0],
    )?;
    if let Some(user) = users.first() {
        return Err(WfmError::Rejected(format!(
            "{} is used by the published {} and cannot be deleted",
            describe(&old),
            describe(user)
        )));
    }
    conn.execute("DELETE FROM document_use WHERE used_id = ?1", [id.0])?;
    conn.execute("DELETE FROM document WHERE id = ?1", [id.0])?;
    Ok(old)
}
