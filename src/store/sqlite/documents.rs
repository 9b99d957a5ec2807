//! Documents in SQLite: one `document` row each (payload as a BLOB) and the `uses`
//! edges in `document_use`. Lifecycle rules are checked here, inside the caller's
//! transaction, and named in the errors.

use rusqlite::{Connection, OptionalExtension, params};

use super::{now, parse_time};
use crate::error::{Item, ItemKind, Refused, Result, WfmError};
use crate::store::{
    DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument, Replacement,
};

const COLUMNS: &str = "id, kind, scope, name, status, created_at, published_at, summary, \
                       length(payload)";

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
        bytes: u64::try_from(r.get::<_, i64>(8)?).map_err(|_| WfmError::Damaged {
            table: "document",
            detail: format!("document {id} has a negative payload size"),
        })?,
    })
}

fn query(
    conn: &Connection,
    sql_where: &'static str, // constant SQL only: every value is a bound parameter
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
        .ok_or_else(|| WfmError::NotFound {
            item: Item::document_id(id),
        })
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
    .ok_or_else(|| WfmError::NotFound {
        item: Item::document_id(id),
    })
}

fn set_uses(conn: &Connection, id: DocumentId, uses: &[DocumentId]) -> Result<()> {
    conn.execute("DELETE FROM document_use WHERE user_id = ?1", [id.0])?;
    for used in uses {
        if *used == id {
            return Err(WfmError::Precondition {
                what: format!("document {id} cannot use itself"),
            });
        }
        info(conn, *used)?;
        conn.execute(
            "INSERT OR IGNORE INTO document_use(user_id, used_id) VALUES (?1, ?2)",
            [id.0, used.0],
        )?;
    }
    Ok(())
}

/// Whether `e` is a UNIQUE constraint (an "only one …" rule of the schema) refusing a row.
fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

pub(super) fn put(conn: &Connection, doc: &NewDocument) -> Result<DocumentInfo> {
    // a forecast (or its override) belongs to an existing group: checked here, in the
    // transaction that stores it, so a group deleted meanwhile cannot get one back
    if matches!(
        doc.kind,
        DocumentKind::Forecast | DocumentKind::ForecastOverride
    ) {
        let group: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM forecast_group WHERE name = ?1)",
            [&doc.scope],
            |r| r.get(0),
        )?;
        if !group {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::ForecastGroup, &doc.scope),
            });
        }
    }
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
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            WfmError::Conflict {
                item: Item::document(doc.kind, &doc.name).of(&doc.scope),
            }
        } else {
            e.into()
        }
    })?;
    let id = DocumentId(conn.last_insert_rowid());
    set_uses(conn, id, &doc.uses)?;
    info(conn, id)
}

pub(super) fn put_draft(conn: &Connection, doc: &NewDocument) -> Result<(DocumentInfo, bool)> {
    let draft: Option<i64> = conn
        .query_row(
            "SELECT max(id) FROM document
             WHERE kind = ?1 AND scope = ?2 AND name = ?3 AND status = 'draft'",
            params![doc.kind.as_str(), doc.scope, doc.name],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match draft {
        Some(id) => Ok((
            replace(conn, DocumentId(id), &doc.summary, &doc.payload, &doc.uses)?,
            true,
        )),
        None => Ok((put(conn, doc)?, false)),
    }
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
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&old),
            refused: Refused::Change,
        });
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
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&old),
            refused: Refused::Publish,
        });
    }
    conn.execute(
        "UPDATE document SET status = 'published', published_at = ?2 WHERE id = ?1",
        params![id.0, now()],
    )?;
    info(conn, id)
}

pub(super) fn publish_replacing(
    conn: &Connection,
    id: DocumentId,
    seen: &[DocumentId],
    replaces: &[DocumentId],
) -> Result<Replacement> {
    let doc = info(conn, id)?;
    let mut published: Vec<DocumentId> = query(
        conn,
        "WHERE kind = ?1 AND scope = ?2 AND status = 'published'",
        &[&doc.kind.as_str(), &doc.scope],
    )?
    .into_iter()
    .map(|d| d.id)
    .collect();
    let mut seen = seen.to_vec();
    published.sort_unstable();
    seen.sort_unstable();
    seen.dedup();
    if published != seen {
        return Err(WfmError::Changed {
            kind: doc.kind,
            scope: doc.scope,
        });
    }
    let info = publish(conn, id)?;
    let (mut deleted, mut kept) = (Vec::new(), Vec::new());
    for &old in replaces {
        match delete(conn, old) {
            Ok(_) => deleted.push(old),
            Err(e @ WfmError::InUse { .. }) => kept.push((old, e.to_string())),
            Err(e) => return Err(e),
        }
    }
    Ok(Replacement {
        info,
        deleted,
        kept,
    })
}

pub(super) fn put_superseding(conn: &Connection, doc: &NewDocument) -> Result<Replacement> {
    let info = put(conn, doc)?;
    let older = query(
        conn,
        "WHERE kind = ?1 AND scope = ?2 AND id != ?3",
        &[&doc.kind.as_str(), &doc.scope, &info.id.0],
    )?;
    let (mut deleted, mut kept) = (Vec::new(), Vec::new());
    for old in older {
        let user: Option<i64> = conn.query_row(
            "SELECT min(user_id) FROM document_use WHERE used_id = ?1",
            [old.id.0],
            |r| r.get(0),
        )?;
        match user {
            Some(user) => kept.push((old.id, format!("document {user} uses it"))),
            None => {
                delete(conn, old.id)?;
                deleted.push(old.id);
            }
        }
    }
    Ok(Replacement {
        info,
        deleted,
        kept,
    })
}

pub(super) fn delete(conn: &Connection, id: DocumentId) -> Result<DocumentInfo> {
    let old = info(conn, id)?;
    let users = query(
        conn,
        "WHERE status = 'published' AND id IN (SELECT user_id FROM document_use WHERE used_id = ?1)",
        &[&id.0],
    )?;
    if let Some(user) = users.first() {
        return Err(WfmError::InUse {
            item: Box::new(Item::stored(&old)),
            used_by: Box::new(Item::stored(user).with_status(DocumentStatus::Published)),
        });
    }
    conn.execute("DELETE FROM document_use WHERE used_id = ?1", [id.0])?;
    conn.execute("DELETE FROM document WHERE id = ?1", [id.0])?;
    Ok(old)
}
