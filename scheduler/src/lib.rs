//! # wfm-scheduler
//!
//! Contact-center shift scheduling: activities, shift profiles, staffing groups, staff
//! rules, schedule generation as an integer program (good_lp + HiGHS), the independent
//! validator, editing, time off and adherence.
//!
//! This first release holds the solver foundation every schedule model builds on: the
//! minimum-cost shift cover ([`ShiftCover`]), solved exactly with HiGHS.
#![warn(missing_docs)]

mod cover;
mod error;
pub mod generate;

pub use cover::{CoverSolution, ShiftCover, SolveOptions};
pub use error::{Result, SchedulerError};
pub use wfm_core as core;
