//! Solves a shift-selection instance of `../shared/reference/scheduling/` (pyworkforce's
//! `MinRequiredResources` model: per day, minimise Σ cost·x subject to coverage ≥
//! requirement per period, at most `max_shift_concurrency` per shift and
//! `max_period_concurrency` per period) with the [`ShiftCover`] model, days in parallel,
//! and prints one JSON line: objective, whether every day is proven optimal, and seconds
//! (model building included).
//!
//! ```text
//! cargo run -p wfm-scheduler --example shift_instances -- INSTANCE.json
//! ```

use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;
use wfm_scheduler::{ShiftCover, SolveOptions};

#[derive(Deserialize)]
struct Instance {
    name: String,
    num_days: usize,
    required_resources: Vec<Vec<u32>>,
    shifts_coverage: std::collections::BTreeMap<String, Vec<u8>>,
    cost_dict: Option<std::collections::BTreeMap<String, f64>>,
    max_period_concurrency: u32,
    max_shift_concurrency: u32,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: shift_instances INSTANCE.json")?;
    let text = std::fs::read_to_string(&path)?;
    let started = Instant::now();
    let instance: Instance = serde_json::from_str(&text)?;
    let options = SolveOptions::default();
    let days: Vec<_> = (0..instance.num_days)
        .into_par_iter()
        .map(|d| {
            let mut cover = ShiftCover::new(instance.required_resources[d].clone())
                .max_per_shift(instance.max_shift_concurrency)
                .max_per_period(instance.max_period_concurrency);
            for (name, coverage) in &instance.shifts_coverage {
                let cost = instance
                    .cost_dict
                    .as_ref()
                    .and_then(|c| c.get(name).copied())
                    .unwrap_or(1.0);
                cover = cover.shift(name.clone(), coverage.clone(), cost);
            }
            cover.solve(&options)
        })
        .collect::<Result<_, _>>()?;
    let seconds = started.elapsed().as_secs_f64();
    let objective: f64 = days.iter().map(|d| d.objective).sum();
    let optimal = days.iter().all(|d| d.proven_optimal);
    println!(
        "{{\"instance\": {:?}, \"objective\": {objective}, \"proven_optimal\": {optimal}, \"seconds\": {seconds:.4}, \"threads\": {}}}",
        instance.name,
        rayon::current_num_threads()
    );
    Ok(())
}
