//! Documents in PostgreSQL: one `document` row each (payload as `BYTEA`) and the `uses`
//! edges in `document_use`: the SQL of the lifecycle rules (`store/document_rules.rs`),
//! which run inside the caller's SERIALIZABLE transaction (see `mod.rs`). The "only one
//! …" rules are also unique indexes: two runs deciding on the same state cannot both
//! commit.

use postgres::Transaction;
use postgres::types::ToSql;

use super::{is_unique_violation, now, parse_time};
use crate::error::{Item, Result, WfmError};
use crate::store::document_rules::DocumentRows;
use crate::store::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument};

const COLUMNS: &str = "id, kind, scope, name, status, created_at, published_at, summary, \
                       octet_length(payload)::BIGINT";

type Param<'a> = &'a (dyn ToSql + Sync);

fn query(
    tx: &mut Transaction<'_>,
    sql_where: &str,
    args: &[Param<'_>],
) -> Result<Vec<DocumentInfo>> {
    let sql = format!("SELECT {COLUMNS} FROM document {sql_where} ORDER BY id");
    let rows = tx.query(&sql, args)?;
    let uses_of = tx.prepare("SELECT used_id FROM document_use WHERE user_id = $1 ORDER BY 1")?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id = DocumentId(r.try_get(0)?);
        let kind: String = r.try_get(1)?;
        let status: String = r.try_get(4)?;
        let published: Option<String> = r.try_get(6)?;
        let uses = tx
            .query(&uses_of, &[&id.0])?
            .iter()
            .map(|u| u.try_get(0).map(DocumentId))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let bytes: i64 = r.try_get(8)?;
        out.push(DocumentInfo {
            id,
            kind: kind.parse().map_err(WfmError::Store)?,
            scope: r.try_get(2)?,
            name: r.try_get(3)?,
            status: if status == "published" {
                DocumentStatus::Published
            } else {
                DocumentStatus::Draft
            },
            created_at: parse_time(&r.try_get::<_, String>(5)?)?,
            published_at: published.as_deref().map(parse_time).transpose()?,
            summary: r.try_get(7)?,
            uses,
            bytes: u64::try_from(bytes).map_err(|_| WfmError::Damaged {
                table: "document",
                detail: format!("document {id} has a negative payload size"),
            })?,
        });
    }
    Ok(out)
}

pub(super) fn info(tx: &mut Transaction<'_>, id: DocumentId) -> Result<DocumentInfo> {
    query(tx, "WHERE id = $1", &[&id.0])?
        .pop()
        .ok_or_else(|| WfmError::NotFound {
            item: Item::document_id(id),
        })
}

pub(super) fn list(
    tx: &mut Transaction<'_>,
    kind: DocumentKind,
    scope: Option<&str>,
) -> Result<Vec<DocumentInfo>> {
    match scope {
        Some(s) => query(tx, "WHERE kind = $1 AND scope = $2", &[&kind.as_str(), &s]),
        None => query(tx, "WHERE kind = $1", &[&kind.as_str()]),
    }
}

pub(super) fn payload(tx: &mut Transaction<'_>, id: DocumentId) -> Result<Vec<u8>> {
    tx.query_opt("SELECT payload FROM document WHERE id = $1", &[&id.0])?
        .map(|r| r.try_get(0))
        .transpose()?
        .ok_or_else(|| WfmError::NotFound {
            item: Item::document_id(id),
        })
}

/// The document tables in a transaction, for the rules.
pub(super) struct Rows<'a, 't>(pub(super) &'a mut Transaction<'t>);

impl DocumentRows for Rows<'_, '_> {
    fn info(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        info(self.0, id)
    }

    fn published_ids(&mut self, kind: DocumentKind, scope: &str) -> Result<Vec<DocumentId>> {
        let docs = query(
            self.0,
            "WHERE kind = $1 AND scope = $2 AND status = 'published'",
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
            "WHERE kind = $1 AND scope = $2 AND id != $3",
            &[&kind.as_str(), &scope, &except.0],
        )?;
        Ok(docs.into_iter().map(|d| d.id).collect())
    }

    fn published_users(&mut self, id: DocumentId) -> Result<Vec<DocumentInfo>> {
        query(
            self.0,
            "WHERE status = 'published' AND id IN (SELECT user_id FROM document_use WHERE used_id = $1)",
            &[&id.0],
        )
    }

    fn first_user(&mut self, id: DocumentId) -> Result<Option<i64>> {
        Ok(self
            .0
            .query_one(
                "SELECT min(user_id) FROM document_use WHERE used_id = $1",
                &[&id.0],
            )?
            .try_get(0)?)
    }

    fn group_exists(&mut self, name: &str) -> Result<bool> {
        Ok(self
            .0
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM forecast_group WHERE name = $1)",
                &[&name],
            )?
            .try_get(0)?)
    }

    fn insert_draft(&mut self, doc: &NewDocument) -> Result<Option<DocumentId>> {
        let inserted = self.0.query_one(
            "INSERT INTO document(kind, scope, name, status, created_at, summary, payload)
             VALUES ($1, $2, $3, 'draft', $4, $5, $6) RETURNING id",
            &[
                &doc.kind.as_str(),
                &doc.scope,
                &doc.name,
                &now(),
                &doc.summary,
                &doc.payload,
            ],
        );
        match inserted {
            Ok(r) => Ok(Some(DocumentId(r.try_get(0)?))),
            Err(e) if is_unique_violation(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn draft_id(&mut self, kind: DocumentKind, scope: &str, name: &str) -> Result<Option<i64>> {
        Ok(self
            .0
            .query_one(
                "SELECT max(id) FROM document
                 WHERE kind = $1 AND scope = $2 AND name = $3 AND status = 'draft'",
                &[&kind.as_str(), &scope, &name],
            )?
            .try_get(0)?)
    }

    fn update_content(&mut self, id: DocumentId, summary: &str, payload: &[u8]) -> Result<()> {
        self.0.execute(
            "UPDATE document SET summary = $2, payload = $3, created_at = $4 WHERE id = $1",
            &[&id.0, &summary, &payload, &now()],
        )?;
        Ok(())
    }

    fn mark_published(&mut self, id: DocumentId) -> Result<()> {
        self.0.execute(
            "UPDATE document SET status = 'published', published_at = $2 WHERE id = $1",
            &[&id.0, &now()],
        )?;
        Ok(())
    }

    fn clear_uses(&mut self, user: DocumentId) -> Result<()> {
        self.0
            .execute("DELETE FROM document_use WHERE user_id = $1", &[&user.0])?;
        Ok(())
    }

    fn add_use(&mut self, user: DocumentId, used: DocumentId) -> Result<()> {
        self.0.execute(
            "INSERT INTO document_use(user_id, used_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&user.0, &used.0],
        )?;
        Ok(())
    }

    fn remove(&mut self, id: DocumentId) -> Result<()> {
        self.0
            .execute("DELETE FROM document_use WHERE used_id = $1", &[&id.0])?;
        self.0
            .execute("DELETE FROM document WHERE id = $1", &[&id.0])?;
        Ok(())
    }

    /// Two runs may both find no draft of a forecast (or its override) and race to
    /// insert one: the loser is run again (a retried transaction), and then replaces it.
    fn draft_refused(&self, kind: DocumentKind, conflict: WfmError) -> WfmError {
        if matches!(
            kind,
            DocumentKind::Forecast | DocumentKind::ForecastOverride
        ) {
            WfmError::Contention {
                attempts: 1,
                sqlstate: "23505".into(),
            }
        } else {
            conflict
        }
    }
}
