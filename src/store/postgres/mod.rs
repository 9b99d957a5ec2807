//! The PostgreSQL backend, for team workspaces that several processes and machines
//! share: chosen by a workspace location `postgres://…` (a file path stays SQLite).

mod adherence;
mod outbox;
#[doc(hidden)]
pub mod split;
#[doc(hidden)]
pub mod testing;
mod timeoff;
#[cfg(test)]
mod tx_tests;
mod txlock;
