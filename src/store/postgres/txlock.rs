//! How the time-off, outbox and adherence tables stay consistent when several processes
//! write one PostgreSQL workspace at once: transaction-level advisory locks, the mapping
//! of PostgreSQL's errors, and a bounded retry of a whole transaction.
//!
//! SQLite gets "one writer at a time" from `BEGIN IMMEDIATE`. Here each of the three
//! areas has its own advisory lock, taken with `pg_advisory_xact_lock` as the first
//! statement of a `READ COMMITTED` transaction (time off, adherence) or just before the
//! last statements of the caller's transaction (the outbox), and released by its commit
//! or rollback. Every statement after the lock sees every transaction that held it
//! before (PostgreSQL makes a commit visible before it releases the committer's locks),
//! so a decision read under the lock is never stale: an allowance is never granted twice.
//! One lock per area, always taken the same way, cannot deadlock with itself; a
//! serialization failure or deadlock that still reaches us (40001, 40P01) reruns the
//! whole transaction ([`with_retries`], the store's one retry loop and count: `retry.rs`);
//! then [`WfmError::Contention`].

use postgres::error::SqlState;

use crate::error::{Result, WfmError};

/// The advisory lock keys: `wfm_loc` and the area (the SQLite migration that made it).
const fn key(area: u8) -> i64 {
    0x7766_6d5f_6c6f_6300 | area as i64
}

/// Held while the time-off tables are written (allowances, ledger, requests, offers).
pub(super) const TIME_OFF: i64 = key(6);
/// Held from the outbox append to the commit: sequence numbers follow commit order.
pub(super) const OUTBOX: i64 = key(7);
/// Held while events are imported or adherence is replaced.
pub(super) const ADHERENCE: i64 = key(8);
/// Held while the tables of this module's areas are created.
pub(super) const MIGRATE: i64 = key(0);

pub(super) use super::retry::with_retries;

/// Maps a PostgreSQL error: a serialization failure or a deadlock becomes
/// [`WfmError::Contention`] (one attempt; [`with_retries`] reruns it), damaged data
/// [`WfmError::Damaged`], the rest [`WfmError::Store`]. The message never holds the
/// connection string (the driver's errors do not repeat it).
pub(super) fn pg(e: postgres::Error) -> WfmError {
    if let Some(contention) = super::retry::contention(&e) {
        return contention;
    }
    match e.code() {
        Some(c) if *c == SqlState::DATA_CORRUPTED || *c == SqlState::INDEX_CORRUPTED => {
            WfmError::Damaged {
                table: "(PostgreSQL found damaged data)",
                detail: e.to_string(),
            }
        }
        _ => WfmError::Store(e.to_string()),
    }
}

/// [`pg`] for an error met reading `table`: damaged data names the table.
pub(super) fn in_table(table: &'static str) -> impl Fn(postgres::Error) -> WfmError {
    move |e| match pg(e) {
        WfmError::Damaged { detail, .. } => WfmError::Damaged { table, detail },
        other => other,
    }
}

/// Takes the advisory lock `key` until the end of the transaction.
pub(super) fn lock(tx: &mut postgres::Transaction<'_>, key: i64) -> Result<()> {
    tx.execute_typed(
        "SELECT pg_advisory_xact_lock($1)",
        &[(&key, postgres::types::Type::INT8)],
    )
    .map_err(pg)?;
    Ok(())
}

/// The tables of migrations 6, 7 and 8.
const TABLES: [&str; 11] = [
    "timeoff_allowance",
    "timeoff_ledger",
    "timeoff_balance",
    "timeoff_request",
    "timeoff_offer",
    "timeoff_response",
    "schedule_change",
    "adherence_import",
    "agent_event",
    "adherence_day",
    "adherence_exception",
];

/// Creates the time-off, outbox and adherence tables where missing (migrations 6, 7 and
/// 8 of this backend), under a lock so that processes starting at once do not race.
/// Nothing is locked when they all exist: `CREATE INDEX IF NOT EXISTS` locks its table
/// before it looks, and would deadlock with a time-off transaction (seen in the race
/// tests as a retried transaction).
///
/// # Errors
/// A storage failure.
pub(super) fn ensure_tables(client: &mut postgres::Client) -> Result<()> {
    let names: Vec<&str> = TABLES.to_vec();
    let present: i64 = client
        .query_typed_one(
            "SELECT count(*) FROM pg_catalog.pg_tables
             WHERE schemaname = current_schema() AND tablename = ANY($1)",
            &[(&names, postgres::types::Type::TEXT_ARRAY)],
        )
        .map_err(pg)?
        .get(0);
    if present == TABLES.len() as i64 {
        return Ok(());
    }
    with_retries(|| {
        let mut tx = client.transaction().map_err(pg)?;
        lock(&mut tx, MIGRATE)?;
        for ddl in [
            super::timeoff::MIGRATION_6,
            super::outbox::MIGRATION_7,
            super::adherence::MIGRATION_8,
        ] {
            tx.batch_execute(ddl).map_err(pg)?;
        }
        tx.commit().map_err(pg)
    })
}
