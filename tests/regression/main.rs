//! Regression tests, one per bug, each named after the bug it pins (ripgrep's
//! `tests/regression.rs` habit): the real `wfm` binary and library on temp dirs.
//!
//! The modules follow the issue that found the bugs ("Nothing lost", issue 17; `errors`:
//! issue 18, item 4, structured errors):
//! `outputs` (items 1–5: what a writer may overwrite), `store` (items 6–10: races and
//! damaged or foreign workspace files), `inputs` (items 11–14: arguments and inputs) and
//! `fuzz` (every parser fuzzed briefly from a fixed seed; the long runs are
//! `benches/fuzz/run.sh`); `seams` pins the defects of issue 18 ("One shape per
//! concept"), `tables` its item 3 (one table definition per report); `frames` issue 19's
//! items 2, 3 and 5 (DataFrames from Python, as Arrow); `rules` issue 20's items 3–5
//! (the scenario's grid, every rule modelled, the polish).

mod errors;
mod frames;
mod fuzz;
mod inputs;
mod outputs;
mod rules;
mod seams;
mod staffing;
mod store;
mod tables;
