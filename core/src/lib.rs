//! # wfm-core
//!
//! The contact-center planning domain: the time grid, queues and channels, forecast
//! groups, history, forecasting and capacity planning. Depends on `wfm-erlang` for the
//! queueing math; knows nothing of scheduling, storage or interfaces.
//!
//! Today it holds the vocabulary every later module speaks ([`Channel`] and
//! [`IntervalLength`]) and [`history`]: validation, streaming import, layering and
//! sufficiency of historical data, and [`forecast`]: short- and long-term volume and AHT
//! models with prediction intervals and backtests, and [`capacity`]: scenarios, the
//! FTE/shrinkage file and capacity plans week by week and month by month.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod capacity;
mod error;
pub mod forecast;
mod grid;
pub mod history;
pub mod text;

pub use error::{CoreError, Result};
pub use grid::{Channel, IntervalLength};
pub use wfm_erlang as erlang;
