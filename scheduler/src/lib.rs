#![doc = include_str!("../README.md")]
//!
//! ## What it holds
//!
//! - the scheduling building blocks ([`model`]) and the versioned scenario file that
//!   holds them with a scheduling request ([`Scenario`], TOML);
//! - the schedule as data ([`Schedule`], [`Shift`], [`PlacedActivity`]) with paid hours and
//!   coverage helpers;
//! - the independent validator ([`validate()`]), which re-checks every scheduling rule on any
//!   schedule;
//! - schedule generation for every staffing group of a forecast group over the request's
//!   weeks ([`generate`]: one tour model per week over all pools, then named agents);
//! - the demand a schedule is made for ([`Demand`]: a group forecast's channel on the
//!   quarter-hour grid);
//! - the review of a schedule per interval (required vs scheduled, SL, ASA, occupancy)
//!   and per agent, in their own time zone ([`review()`]);
//! - the solver foundation every schedule model builds on: the minimum-cost shift cover
//!   ([`ShiftCover`]), solved exactly with HiGHS.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod adherence;
pub mod changes;
mod cover;
mod demand;
pub mod edit;
mod error;
pub mod generate;
pub mod model;
pub mod review;
mod scenario;
mod schedule;
pub mod timeoff;
pub mod validate;

pub use cover::{CoverSolution, ShiftCover, SolveOptions};
pub use demand::Demand;
pub use error::{Result, SchedulerError};
pub use model::{ActivityKind, ShiftActivity, TimeOfDay};
pub use review::{Review, ReviewOptions, review};
pub use scenario::{SCENARIO_VERSION, Scenario, ScenarioConfig};
pub use schedule::{AgentSchedule, PlacedActivity, Schedule, Shift};
pub use validate::{Rule, Violation, validate};
pub use wfm_core as core;
