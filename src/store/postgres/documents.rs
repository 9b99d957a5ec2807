//! Documents in PostgreSQL: one `document` row each (payload as `BYTEA`) and the `uses`
//! edges in `document_use`. The lifecycle rules are checked inside the caller's
//! SERIALIZABLE transaction (see `mod.rs`), and the "only one …" rules are also unique
//! indexes: two runs deciding on the same state cannot both commit.

use postgres::Transaction;
use postgres::types::ToSql;

use super::{is_unique_violation, now, parse_time};
use crate::error::{Item, ItemKind, Refused, Result, WfmError};
use crate::store::{
    DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument, Replacement,
};

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

fn set_uses(tx: &mut Transaction<'_>, id: DocumentId, uses: &[DocumentId]) -> Result<()> {
    tx.execute("DELETE FROM document_use WHERE user_id = $1", &[&id.0])?;
    for used in uses {
        if *used == id {
            return Err(WfmError::Precondition {
                what: format!("document {id} cannot use itself"),
            });
        }
        info(tx, *used)?;
        tx.execute(
            "INSERT INTO document_use(user_id, used_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&id.0, &used.0],
        )?;
    }
    Ok(())
}

pub(super) fn put(tx: &mut Transaction<'_>, doc: &NewDocument) -> Result<DocumentInfo> {
    // a forecast (or its override) belongs to an existing group, checked in the storing
    // transaction
    if matches!(
        doc.kind,
        DocumentKind::Forecast | DocumentKind::ForecastOverride
    ) {
        let group: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM forecast_group WHERE name = $1)",
                &[&doc.scope],
            )?
            .try_get(0)?;
        if !group {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::ForecastGroup, &doc.scope),
            });
        }
    }
    let inserted = tx.query_one(
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
    let id = match inserted {
        Ok(r) => DocumentId(r.try_get(0)?),
        Err(e) if is_unique_violation(&e) => {
            return Err(WfmError::Conflict {
                item: Item::document(doc.kind, &doc.name).of(&doc.scope),
            });
        }
        Err(e) => return Err(e.into()),
    };
    set_uses(tx, id, &doc.uses)?;
    info(tx, id)
}

pub(super) fn put_draft(
    tx: &mut Transaction<'_>,
    doc: &NewDocument,
) -> Result<(DocumentInfo, bool)> {
    let draft: Option<i64> = tx
        .query_one(
            "SELECT max(id) FROM document
             WHERE kind = $1 AND scope = $2 AND name = $3 AND status = 'draft'",
            &[&doc.kind.as_str(), &doc.scope, &doc.name],
        )?
        .try_get(0)?;
    match draft {
        Some(id) => Ok((
            replace(tx, DocumentId(id), &doc.summary, &doc.payload, &doc.uses)?,
            true,
        )),
        None => match put(tx, doc) {
            // another run stored the one draft meanwhile: retried, this run replaces it
            Err(WfmError::Conflict { .. })
                if matches!(
                    doc.kind,
                    DocumentKind::Forecast | DocumentKind::ForecastOverride
                ) =>
            {
                Err(WfmError::Contention {
                    attempts: 1,
                    sqlstate: "23505".into(),
                })
            }
            other => Ok((other?, false)),
        },
    }
}

pub(super) fn replace(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    summary: &str,
    payload: &[u8],
    uses: &[DocumentId],
) -> Result<DocumentInfo> {
    let old = info(tx, id)?;
    if old.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&old),
            refused: Refused::Change,
        });
    }
    tx.execute(
        "UPDATE document SET summary = $2, payload = $3, created_at = $4 WHERE id = $1",
        &[&id.0, &summary, &payload, &now()],
    )?;
    set_uses(tx, id, uses)?;
    info(tx, id)
}

pub(super) fn publish(tx: &mut Transaction<'_>, id: DocumentId) -> Result<DocumentInfo> {
    let old = info(tx, id)?;
    if old.status == DocumentStatus::Published {
        return Err(WfmError::AlreadyPublished {
            item: Item::stored(&old),
            refused: Refused::Publish,
        });
    }
    tx.execute(
        "UPDATE document SET status = 'published', published_at = $2 WHERE id = $1",
        &[&id.0, &now()],
    )?;
    info(tx, id)
}

pub(super) fn publish_replacing(
    tx: &mut Transaction<'_>,
    id: DocumentId,
    seen: &[DocumentId],
    replaces: &[DocumentId],
) -> Result<Replacement> {
    let doc = info(tx, id)?;
    let mut published: Vec<DocumentId> = query(
        tx,
        "WHERE kind = $1 AND scope = $2 AND status = 'published'",
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
    let info = publish(tx, id)?;
    let (mut deleted, mut kept) = (Vec::new(), Vec::new());
    for &old in replaces {
        match delete(tx, old) {
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

pub(super) fn put_superseding(tx: &mut Transaction<'_>, doc: &NewDocument) -> Result<Replacement> {
    let info = put(tx, doc)?;
    let older = query(
        tx,
        "WHERE kind = $1 AND scope = $2 AND id != $3",
        &[&doc.kind.as_str(), &doc.scope, &info.id.0],
    )?;
    let (mut deleted, mut kept) = (Vec::new(), Vec::new());
    for old in older {
        let user: Option<i64> = tx
            .query_one(
                "SELECT min(user_id) FROM document_use WHERE used_id = $1",
                &[&old.id.0],
            )?
            .try_get(0)?;
        match user {
            Some(user) => kept.push((old.id, format!("document {user} uses it"))),
            None => {
                delete(tx, old.id)?;
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

pub(super) fn delete(tx: &mut Transaction<'_>, id: DocumentId) -> Result<DocumentInfo> {
    let old = info(tx, id)?;
    let users = query(
        tx,
        "WHERE status = 'published' AND id IN (SELECT user_id FROM document_use WHERE used_id = $1)",
        &[&id.0],
    )?;
    if let Some(user) = users.first() {
        return Err(WfmError::InUse {
            item: Box::new(Item::stored(&old)),
            used_by: Box::new(Item::stored(user).with_status(DocumentStatus::Published)),
        });
    }
    tx.execute("DELETE FROM document_use WHERE used_id = $1", &[&id.0])?;
    tx.execute("DELETE FROM document WHERE id = $1", &[&id.0])?;
    Ok(old)
}
