//! A deterministic, seeded, structure-aware mutational fuzzer for every parser of a
//! user's file (issue 17). `cargo fuzz` needs a nightly toolchain and a sanitizer build of
//! polars; this runs on the stable toolchain and the dev profile instead. Shared by the
//! long runs (`cargo run --example fuzz`, `benches/fuzz/run.sh`) and the short
//! deterministic run in the regression tests (`tests/regression/fuzz.rs`).

pub mod corpus;
pub mod engine;
pub mod mutate;
pub mod targets;
