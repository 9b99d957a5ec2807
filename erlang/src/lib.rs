#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod erlang_a;
mod erlang_b;
mod erlang_c;
mod error;
mod exact;
mod float;
mod metrics;
mod simulation;
mod staffing;
mod units;

pub use erlang_a::ErlangA;
pub use erlang_b::erlang_b;
pub use erlang_c::ErlangC;
pub use error::{ErlangError, Result};
pub use metrics::QueueMetrics;
pub use simulation::{Estimate, SimulationConfig, SimulationReport, simulate};
pub use staffing::{MAX_TRAFFIC, Staffing, StaffingRequest};
pub use units::{Concurrency, Goal, MaxOccupancy, Patience, Shrinkage, Workload};
