//! Users, custom roles and the audit log in SQLite (see [`AccessStore`]). The audit table
//! refuses UPDATE and DELETE by trigger; the entry of a change is inserted by
//! [`flush`] in the change's own transaction.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::SqliteStore;
use crate::access::{AuditEntry, AuditQuery, NewAuditEntry, Role, Scope, User};
use crate::error::{Result, WfmError};
use crate::store::AccessStore;

/// The tables (appended to the migrations).
pub(super) const MIGRATION: &str = "
    CREATE TABLE IF NOT EXISTS access_user (
        name  TEXT PRIMARY KEY,
        roles TEXT NOT NULL,
        scope TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS access_role (
        name        TEXT PRIMARY KEY,
        permissions TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS audit_log (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        at        INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        operation TEXT NOT NULL,
        target    TEXT NOT NULL,
        detail    TEXT
    );
    CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";

/// Inserts the staged audit entry, if any, in the open transaction `tx` (and unstages it).
pub(super) fn flush(tx: &Connection, staged: &RefCell<Option<NewAuditEntry>>) -> Result<()> {
    let entry = staged.borrow_mut().take();
    if let Some(e) = entry {
        insert(tx, &e)?;
    }
    Ok(())
}

fn insert(conn: &Connection, e: &NewAuditEntry) -> Result<i64> {
    conn.execute(
        "INSERT INTO audit_log(at, actor, operation, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            e.at.timestamp_micros(),
            e.actor,
            e.operation,
            e.target,
            e.detail
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn damaged(detail: String) -> WfmError {
    WfmError::Damaged {
        table: "access_user",
        detail,
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| WfmError::Encode {
        what: "an access record as JSON",
        detail: e.to_string(),
    })
}

fn decode<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| damaged(format!("{name:?}: {e}")))
}

impl AccessStore for SqliteStore {
    fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, roles, scope FROM access_user ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut users = Vec::new();
        for row in rows {
            let (name, roles, scope) = row?;
            let roles = decode(&name, &roles)?;
            let scope: Scope = decode(&name, &scope)?;
            users.push(User { name, roles, scope });
        }
        Ok(users)
    }

    fn put_user(&mut self, user: &User) -> Result<()> {
        let (roles, scope) = (json(&user.roles)?, json(&user.scope)?);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO access_user(name, roles, scope) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET roles = excluded.roles, scope = excluded.scope",
                params![user.name, roles, scope],
            )?;
            Ok(())
        })
    }

    fn remove_user(&mut self, name: &str) -> Result<bool> {
        self.write(|tx| Ok(tx.execute("DELETE FROM access_user WHERE name = ?1", [name])? > 0))
    }

    fn roles(&self) -> Result<Vec<Role>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, permissions FROM access_role ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut roles = Vec::new();
        for row in rows {
            let (name, permissions) = row?;
            let permissions = decode(&name, &permissions)?;
            roles.push(Role {
                name,
                permissions,
                builtin: false,
            });
        }
        Ok(roles)
    }

    fn put_role(&mut self, role: &Role) -> Result<()> {
        let permissions = json(&role.permissions)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO access_role(name, permissions) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET permissions = excluded.permissions",
                params![role.name, permissions],
            )?;
            Ok(())
        })
    }

    fn stage_audit(&self, entry: Option<NewAuditEntry>) {
        *self.staged.borrow_mut() = entry;
    }

    fn take_staged_audit(&self) -> Option<NewAuditEntry> {
        self.staged.borrow_mut().take()
    }

    fn append_audit(&mut self, entry: &NewAuditEntry) -> Result<i64> {
        self.staged.borrow_mut().take();
        self.write(|tx| insert(tx, entry))
    }

    fn audit(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, operation, target, detail FROM audit_log
             WHERE (?1 IS NULL OR actor = ?1)
               AND (?2 IS NULL OR operation = ?2
                    OR (substr(?2, -1) = '.' AND substr(operation, 1, length(?2)) = ?2))
               AND (?3 IS NULL OR instr(lower(target), lower(?3)) > 0)
               AND (?4 IS NULL OR at >= ?4)
               AND (?5 IS NULL OR at < ?5)
             ORDER BY seq",
        )?;
        let micros = |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_micros());
        let rows = stmt.query_map(
            params![
                q.actor,
                q.operation,
                q.target,
                micros(q.since),
                micros(q.until)
            ],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    NewAuditEntry {
                        at: DateTime::<Utc>::MIN_UTC,
                        actor: r.get(2)?,
                        operation: r.get(3)?,
                        target: r.get(4)?,
                        detail: r.get(5)?,
                    },
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, mut entry) = row?;
            entry.at = DateTime::from_timestamp_micros(at).ok_or_else(|| WfmError::Damaged {
                table: "audit_log",
                detail: format!("entry {seq}: time {at} out of range"),
            })?;
            out.push(AuditEntry { seq, entry });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::store::WorkspaceSettings;

    #[test]
    fn audit_values_are_bound_parameters_and_match_literally() {
        let dir = tempfile::tempdir().unwrap();
        let settings = WorkspaceSettings::new(wfm_core::IntervalLength::Fifteen, chrono_tz::UTC);
        let mut store = SqliteStore::create(&dir.path().join("w.wfm"), &settings).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let hostile = "x'); DELETE FROM access_user; -- 100%_";
        store
            .append_audit(&NewAuditEntry::new(at, "o'brien", "users.add", hostile))
            .unwrap();
        store
            .append_audit(&NewAuditEntry::new(at, "ana", "users.add", "plain"))
            .unwrap();
        let q = |target: &str| AuditQuery {
            target: Some(target.into()),
            ..AuditQuery::default()
        };
        let found = store.audit(&q("'); delete")).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entry.target, hostile);
        // `%` and `_` are no wildcards: only the entry holding them literally matches
        assert_eq!(store.audit(&q("%_")).unwrap().len(), 1);
        assert_eq!(store.audit(&q("_")).unwrap().len(), 1);
        let by = AuditQuery {
            actor: Some("o'brien".into()),
            ..AuditQuery::default()
        };
        assert_eq!(store.audit(&by).unwrap().len(), 1);
    }
}
