//! Measures the staffing search alone on one thread: reads a `wfm staff` batch CSV with
//! the reference columns (`volume` or `transactions`, `aht_seconds`, `interval_seconds`,
//! `service_level_seconds` or `asa_target_s`, `service_level_target`, `shrinkage`,
//! `max_occupancy`) and prints intervals per second and Σagents.
//!
//! ```text
//! cargo run -p wfm-erlang --example search_throughput -- FILE.csv [REPEATS]
//! ```

use std::time::Instant;

use wfm_erlang::{Goal, MaxOccupancy, Shrinkage, StaffingRequest, Workload};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: search_throughput FILE.csv [REPEATS]")?;
    let repeats: usize = args.next().map_or(Ok(20), |r| r.parse())?;
    let text = std::fs::read_to_string(&path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty file")?.split(',').collect();
    let col = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(h))
            .ok_or(format!("no column {names:?}"))
    };
    let (v, aht, iv, t, sl, sh, occ) = (
        col(&["volume", "transactions"])?,
        col(&["aht_seconds"])?,
        col(&["interval_seconds"])?,
        col(&["service_level_seconds", "asa_target_s"])?,
        col(&["service_level_target"])?,
        col(&["shrinkage"])?,
        col(&["max_occupancy"])?,
    );
    let mut requests = Vec::new();
    for line in lines {
        let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap_or(0.0)).collect();
        requests.push(
            StaffingRequest::new(
                Workload::new(f[v], f[aht], f[iv])?,
                Goal::service_level(f[sl], f[t])?,
            )
            .max_occupancy(MaxOccupancy::new(f[occ])?)
            .shrinkage(Shrinkage::new(f[sh])?),
        );
    }
    let mut best = f64::INFINITY;
    let mut total = 0;
    for _ in 0..repeats {
        let start = Instant::now();
        total = 0;
        for r in &requests {
            total += std::hint::black_box(r).solve()?.agents;
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} intervals: best {:.3} ms, {:.0} intervals/s, {:.0} ns each, Σagents {total}",
        requests.len(),
        best * 1e3,
        requests.len() as f64 / best,
        best * 1e9 / requests.len() as f64
    );
    Ok(())
}
