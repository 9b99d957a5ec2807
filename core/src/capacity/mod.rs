//! Capacity planning: how many people a forecast group needs, week by week and
//! month by month for up to 18 months, against the people it has.
//!
//! A [`Scenario`] (validated from a [`ScenarioSpec`], e.g. a TOML file) sets the
//! assumptions; [`DailyDemand`] is the long-term forecast, [`IntradayShape`] the
//! short-term forecast's intraday pattern that spreads it over intervals (peaks drive
//! requirements); [`read_fte_csv`] reads the available FTE and shrinkage file; and
//! [`compute_plan`] does the queueing math interval by interval and sums it up — see
//! [`plan`] for exactly how. [`plan_hiring`] says whom to hire in which week to close
//! the gap at least cost (see [`hiring`]).

mod demand;
mod fte;
pub mod hiring;
pub mod plan;
mod scenario;

pub use demand::{DailyDemand, IntradayShape};
pub use fte::{FTE_HEADER, FteDay, FteTable, read_fte_csv};
pub use hiring::{HiringPlan, HiringPolicy, HiringSpec, HiringWeek, plan_hiring};
pub use plan::{
    Granularity, HIRING_STAGE, MAX_PLAN_DAYS, PLAN_STAGE, Plan, PlanDay, PlanPeriod, compute_plan,
    compute_plan_watched,
};
pub use scenario::{ChannelGoal, GoalSpec, Scenario, ScenarioSpec};
