//! The PostgreSQL backend, for team workspaces that several processes and machines
//! share: chosen by a workspace location `postgres://…` (a file path stays SQLite).

#[doc(hidden)]
pub mod testing;
