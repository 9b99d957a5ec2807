//! # wfm
//!
//! Workforce management for contact centers: how many contacts will arrive, how many
//! agents they need, how many people to have, and who works when.
//!
//! This is the facade crate. It re-exports the domain crates —
//! [`erlang`] (queueing math), [`core`] (time grid, history, forecasting, capacity
//! planning) and [`scheduler`] (shift scheduling) — and holds what touches the outside
//! world: file formats with line-and-column errors, the planning workspace store and the
//! `wfm` command line.
//!
//! ```
//! use wfm::erlang::{Goal, StaffingRequest, Workload};
//! let s = StaffingRequest::new(Workload::new(100.0, 180.0, 1800.0)?, Goal::asa(15.0)?).solve()?;
//! assert!(s.metrics.asa_seconds <= 15.0);
//! # Ok::<(), wfm::erlang::ErlangError>(())
//! ```
#![warn(missing_docs)]

pub use wfm_core as core;
pub use wfm_erlang as erlang;
pub use wfm_scheduler as scheduler;

pub mod access;
pub mod adherence;
pub mod arrow;
pub mod capacity;
mod csv_line;
pub mod demo;
pub mod error;
pub mod files;
pub mod forecasting;
pub mod history;
pub mod scheduling;
pub mod staffing;
pub mod store;
pub mod tables;
pub mod timeoff;
pub mod workspace;

pub use error::{InputError, Item, ItemKind, Refused, Result, WfmError};
pub use store::Workspace;
