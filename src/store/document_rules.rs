//! The lifecycle rules of documents, whatever the backend: what may be stored, replaced,
//! published and deleted, checked inside the caller's transaction and named in the
//! errors. A backend supplies the SQL only ([`DocumentRows`]'s required methods); the
//! rules are its provided methods.

use super::{DocumentId, DocumentInfo, DocumentKind, DocumentStatus, NewDocument, Replacement};
use crate::error::{Item, ItemKind, Refused, Result, WfmError};

/// The statements of the document tables, in one open transaction of a backend.
pub(crate) trait DocumentRows {
    /// The stored document `id`; [`WfmError::NotFound`] when there is none.
    fn info(&mut self, id: DocumentId) -> Result<DocumentInfo>;
    /// The published documents of `kind` in `scope`.
    fn published_ids(&mut self, kind: DocumentKind, scope: &str) -> Result<Vec<DocumentId>>;
    /// The documents of `kind` in `scope` but `except`, in id order.
    fn other_ids(
        &mut self,
        kind: DocumentKind,
        scope: &str,
        except: DocumentId,
    ) -> Result<Vec<DocumentId>>;
    /// The published documents that use `id`, in id order.
    fn published_users(&mut self, id: DocumentId) -> Result<Vec<DocumentInfo>>;
    /// The lowest id of a document that uses `id`.
    fn first_user(&mut self, id: DocumentId) -> Result<Option<i64>>;
    /// Whether the forecast group `name` exists.
    fn group_exists(&mut self, name: &str) -> Result<bool>;
    /// Inserts `doc` as a draft created now; `None` when an "only one …" rule (a unique
    /// constraint) refuses it.
    fn insert_draft(&mut self, doc: &NewDocument) -> Result<Option<DocumentId>>;
    /// The newest draft of `kind` in `scope` named `name`.
    fn draft_id(&mut self, kind: DocumentKind, scope: &str, name: &str) -> Result<Option<i64>>;
    /// Sets a document's summary and payload, created now.
    fn update_content(&mut self, id: DocumentId, summary: &str, payload: &[u8]) -> Result<()>;
    /// Marks a document published now.
    fn mark_published(&mut self, id: DocumentId) -> Result<()>;
    /// Forgets what `user` uses.
    fn clear_uses(&mut self, user: DocumentId) -> Result<()>;
    /// Records that `user` uses `used` (once).
    fn add_use(&mut self, user: DocumentId, used: DocumentId) -> Result<()>;
    /// Deletes a document and the edges to it.
    fn remove(&mut self, id: DocumentId) -> Result<()>;

    /// The error of a new draft that a unique constraint refused (`conflict`). The
    /// default keeps it; a backend whose concurrent runs may both find no draft and
    /// race to insert one may ask for the transaction to be run again instead.
    fn draft_refused(&self, _kind: DocumentKind, conflict: WfmError) -> WfmError {
        conflict
    }

    /// Replaces what `id` uses by `uses`, each checked to exist and not to be `id`.
    fn set_uses(&mut self, id: DocumentId, uses: &[DocumentId]) -> Result<()> {
        self.clear_uses(id)?;
        for used in uses {
            if *used == id {
                return Err(WfmError::Precondition {
                    what: format!("document {id} cannot use itself"),
                });
            }
            self.info(*used)?;
            self.add_use(id, *used)?;
        }
        Ok(())
    }

    /// Stores `doc` as a new draft.
    ///
    /// # Errors
    /// `NotFound` for a forecast (or its override) of a forecast group that does not
    /// exist (checked in the storing transaction, so a group deleted meanwhile cannot
    /// get one back); `Conflict` when an "only one …" rule refuses it.
    fn put(&mut self, doc: &NewDocument) -> Result<DocumentInfo> {
        if matches!(
            doc.kind,
            DocumentKind::Forecast | DocumentKind::ForecastOverride
        ) && !self.group_exists(&doc.scope)?
        {
            return Err(WfmError::NotFound {
                item: Item::new(ItemKind::ForecastGroup, &doc.scope),
            });
        }
        let Some(id) = self.insert_draft(doc)? else {
            return Err(WfmError::Conflict {
                item: Item::document(doc.kind, &doc.name).of(&doc.scope),
            });
        };
        self.set_uses(id, &doc.uses)?;
        self.info(id)
    }

    /// Replaces the draft of `doc`'s kind, scope and name, or stores a new one; says
    /// whether it replaced.
    fn put_draft(&mut self, doc: &NewDocument) -> Result<(DocumentInfo, bool)> {
        match self.draft_id(doc.kind, &doc.scope, &doc.name)? {
            Some(id) => Ok((
                self.replace(DocumentId(id), &doc.summary, &doc.payload, &doc.uses)?,
                true,
            )),
            None => match self.put(doc) {
                Err(e @ WfmError::Conflict { .. }) => Err(self.draft_refused(doc.kind, e)),
                other => Ok((other?, false)),
            },
        }
    }

    /// Replaces a draft's content.
    ///
    /// # Errors
    /// `AlreadyPublished` for a published document.
    fn replace(
        &mut self,
        id: DocumentId,
        summary: &str,
        payload: &[u8],
        uses: &[DocumentId],
    ) -> Result<DocumentInfo> {
        let old = self.info(id)?;
        if old.status == DocumentStatus::Published {
            return Err(WfmError::AlreadyPublished {
                item: Item::stored(&old),
                refused: Refused::Change,
            });
        }
        self.update_content(id, summary, payload)?;
        self.set_uses(id, uses)?;
        self.info(id)
    }

    /// Publishes a draft.
    ///
    /// # Errors
    /// `AlreadyPublished` for a published document.
    fn publish(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        let old = self.info(id)?;
        if old.status == DocumentStatus::Published {
            return Err(WfmError::AlreadyPublished {
                item: Item::stored(&old),
                refused: Refused::Publish,
            });
        }
        self.mark_published(id)?;
        self.info(id)
    }

    /// Publishes `id` if the published documents of its kind and scope are still those
    /// `seen`, then deletes `replaces` (keeping, with the reason, those in use).
    ///
    /// # Errors
    /// `Changed` when another publication came first.
    fn publish_replacing(
        &mut self,
        id: DocumentId,
        seen: &[DocumentId],
        replaces: &[DocumentId],
    ) -> Result<Replacement> {
        let doc = self.info(id)?;
        let mut published = self.published_ids(doc.kind, &doc.scope)?;
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
        let info = self.publish(id)?;
        let (mut deleted, mut kept) = (Vec::new(), Vec::new());
        for &old in replaces {
            match self.delete(old) {
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

    /// Stores `doc` and deletes the older documents of its kind and scope that nothing
    /// uses (keeping, with the reason, the others).
    fn put_superseding(&mut self, doc: &NewDocument) -> Result<Replacement> {
        let info = self.put(doc)?;
        let older = self.other_ids(doc.kind, &doc.scope, info.id)?;
        let (mut deleted, mut kept) = (Vec::new(), Vec::new());
        for old in older {
            match self.first_user(old)? {
                Some(user) => kept.push((old, format!("document {user} uses it"))),
                None => {
                    self.delete(old)?;
                    deleted.push(old);
                }
            }
        }
        Ok(Replacement {
            info,
            deleted,
            kept,
        })
    }

    /// Deletes a document; returns it.
    ///
    /// # Errors
    /// `InUse` when a published document uses it.
    fn delete(&mut self, id: DocumentId) -> Result<DocumentInfo> {
        let old = self.info(id)?;
        if let Some(user) = self.published_users(id)?.first() {
            return Err(WfmError::InUse {
                item: Box::new(Item::stored(&old)),
                used_by: Box::new(Item::stored(user).with_status(DocumentStatus::Published)),
            });
        }
        self.remove(id)?;
        Ok(old)
    }
}
