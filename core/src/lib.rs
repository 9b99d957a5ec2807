#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod capacity;
pub mod clock;
mod error;
pub mod forecast;
mod grid;
pub mod history;
pub mod progress;
pub mod text;

pub use error::{CoreError, Result};
pub use grid::{Channel, IntervalLength};
pub use wfm_erlang as erlang;
