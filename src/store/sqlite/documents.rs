//! Documents in SQLite: one `document` row each (payload as a BLOB) and the `uses`
//! edges in `document_use`: the SQL of the lifecycle rules (`store/document_rules.rs`),
//! which run inside the caller's transaction.

use rusqlite::{Connection, OptionalExtension, params};

use super::{now, parse_time};
use crate::error::{Item, Result, WfmError};
use crate::store::document_rules::DocumentRows;
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument};

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

/// The document tables of a connection (in the caller's transaction), for the rules.
pub(super) struct Rows<'c>(pub(super) &'c Connection);

impl DocumentRows for Rows<'_> {
    fn info(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        info(self.0, id)
    }

    fn published_ids(&mut self, kind: DocumentKind, scope: &str) -> Result<Vec<DocumentId>> {
        let docs = query(
            self.0,
            "WHERE kind = ?1 AND scope = ?2 AND status = 'published'",
            &[&kind.as_str(), &scope],
        )?;
        Ok(docs.into_iter().map(|d| d.id).collect())
    }

    fn other_ids(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        except: DocumentId,
    ) -> Result<Vec<DocumentId>> {
        let docs = query(
            self.0,
            "WHERE kind = ?1 AND scope = ?2 AND id != ?3",
            &[&kind.as_str(), &scope, &except.0],
        )?;
        Ok(docs.into_iter().map(|d| d.id).collect())
    }

    fn published_users(&mut self, id: DocumentId) -> Result<Vec<DocumentInfo>> {
        query(
            self.0,
            "WHERE status = 'published' AND id IN (SELECT user_id FROM document_use WHERE used_id = ?1)",
            &[&id.0],
        )
    }

    fn first_user(&mut self, id: DocumentId) -> Result<Option<i64>> {
        Ok(self.0.query_row(
            "SELECT min(user_id) FROM document_use WHERE used_id = ?1",
            [id.0],
            |r| r.get(0),
        )?)
    }

    fn group_exists(&mut self, name: &str) -> Result<bool> {
        Ok(self.0.query_row(
            "SELECT EXISTS (SELECT 1 FROM forecast_group WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?)
    }

    fn insert_draft(&mut self, doc: &NewDocument) -> Result<Option<DocumentId>> {
        let inserted = self.0.execute(
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
        );
        match inserted {
            Ok(_) => Ok(Some(DocumentId(self.0.last_insert_rowid()))),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn draft_id(&mut self, kind: DocumentKind, scope: &str, name: &str) -> Result<Option<i64>> {
        Ok(self
            .0
            .query_row(
                "SELECT max(id) FROM document
                 WHERE kind = ?1 AND scope = ?2 AND name = ?3 AND status = 'draft'",
                params![kind.as_str(), scope, name],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    fn update_content(&mut self, id: DocumentId, summary: &str, payload: &[u8]) -> Result<()> {
        self.0.execute(
            "UPDATE document SET summary = ?2, payload = ?3, created_at = ?4 WHERE id = ?1",
            params![id.0, summary, payload, now()],
        )?;
        Ok(())
    }

    fn mark_published(&mut self, id: DocumentId) -> Result<()> {
        self.0.execute(
            "UPDATE document SET status = 'published', published_at = ?2 WHERE id = ?1",
            params![id.0, now()],
        )?;
        Ok(())
    }

    fn clear_uses(&mut self, user: DocumentId) -> Result<()> {
        self.0
            .execute("DELETE FROM document_use WHERE user_id = ?1", [user.0])?;
        Ok(())
    }

    fn add_use(&mut self, user: DocumentId, used: DocumentId) -> Result<()> {
        self.0.execute(
            "INSERT OR IGNORE INTO document_use(user_id, used_id) VALUES (?1, ?2)",
            [user.0, used.0],
        )?;
        Ok(())
    }

    fn remove(&mut self, id: DocumentId) -> Result<()> {
        self.0
            .execute("DELETE FROM document_use WHERE used_id = ?1", [id.0])?;
        self.0
            .execute("DELETE FROM document WHERE id = ?1", [id.0])?;
        Ok(())
    }
}

/// Whether `e` is a UNIQUE constraint (an "only one …" rule of the schema) refusing a row.
fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}
