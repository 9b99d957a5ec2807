//! A seeded discrete-event simulation of the M/M/n and M/M/n+M queues, to check the
//! analytic answers and to study what the formulas do not cover.
//!
//! Contacts arrive as a Poisson stream, handle times and patiences are exponential, and
//! service is first come, first served. Because a contact's fate depends only on the
//! contacts ahead of it, the simulation walks arrivals in order with a heap of agent
//! free times: a contact starts when the earliest server frees (or on arrival), and
//! abandons — taking no server — if that start is later than its patience allows. Each
//! replication starts empty and discards a warm-up; the report gives each measure's mean
//! over replications with a 95 % confidence half-width.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{ErlangError, Result};
use crate::units::{Patience, Workload};

/// How to simulate: agents, contacts per replication, replications and the seed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimulationConfig {
    /// Servers (agents × concurrency).
    pub servers: u64,
    /// Answer-time threshold of the service level, in seconds.
    pub answer_seconds: f64,
    /// Contacts measured per replication (after the warm-up).
    pub contacts: usize,
    /// Contacts simulated and discarded before measuring, per replication.
    pub warm_up: usize,
    /// Independent replications (at least 2, for a confidence interval).
    pub replications: usize,
    /// The random seed: the same seed gives the same report.
    pub seed: u64,
}

/// A simulated measure: the mean over replications and its 95 % confidence half-width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean over replications.
    pub mean: f64,
    /// Half-width of the 95 % confidence interval of the mean.
    pub half_width: f64,
}

impl Estimate {
    /// Whether `value` lies within `mean ± k × half_width`.
    pub fn covers(&self, value: f64, k: f64) -> bool {
        (value - self.mean).abs() <= k * self.half_width
    }
}

/// What the simulation measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SimulationReport {
    /// Share of contacts that waited (found every server busy).
    pub waiting_probability: Estimate,
    /// Share of contacts answered within the threshold (abandoned ones count as not).
    pub service_level: Estimate,
    /// Share of contacts that abandoned.
    pub abandon_probability: Estimate,
    /// Mean wait of answered contacts, in seconds.
    pub asa_seconds: Estimate,
}

/// Simulates the queue of `workload` with `config.servers` servers; with `patience`,
/// contacts abandon (M/M/n+M), else they wait for ever (M/M/n).
///
/// # Errors
/// [`ErlangError::OutOfRange`] for no servers, fewer than 2 replications or no contacts.
///
/// # Examples
/// ```
/// use wfm_erlang::{ErlangC, SimulationConfig, Workload, simulate};
/// let w = Workload::new(100.0, 180.0, 1800.0)?;
/// let config = SimulationConfig {
///     servers: 12, answer_seconds: 20.0, contacts: 20_000, warm_up: 1_000,
///     replications: 8, seed: 7,
/// };
/// let report = simulate(&w, None, &config)?;
/// let exact = ErlangC::new(w).service_level(12, 20.0);
/// assert!(report.service_level.covers(exact, 4.0));
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
pub fn simulate(
    workload: &Workload,
    patience: Option<Patience>,
    config: &SimulationConfig,
) -> Result<SimulationReport> {
    if config.servers > 10_000_000 {
        return Err(ErlangError::OutOfRange {
            parameter: "servers",
            value: config.servers as f64,
            expected: "at most 10,000,000 to simulate",
        });
    }
    if config.servers == 0 {
        return Err(ErlangError::OutOfRange {
            parameter: "servers",
            value: 0.0,
            expected: "at least 1",
        });
    }
    if config.replications < 2 || config.contacts == 0 {
        return Err(ErlangError::OutOfRange {
            parameter: "replications",
            value: config.replications as f64,
            expected: "at least 2, with at least 1 contact each",
        });
    }
    let rate = workload.arrival_rate();
    if rate <= 0.0 {
        return Err(ErlangError::OutOfRange {
            parameter: "volume",
            value: workload.volume(),
            expected: "greater than 0 to simulate",
        });
    }
    let runs: Vec<[f64; 4]> = (0..config.replications)
        .map(|r| {
            let seed = config
                .seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(r as u64);
            replicate(workload, patience, config, seed)
        })
        .collect();
    let estimate = |i: usize| {
        let n = runs.len() as f64;
        let mean = runs.iter().map(|r| r[i]).sum::<f64>() / n;
        let var = runs.iter().map(|r| (r[i] - mean).powi(2)).sum::<f64>() / (n - 1.0);
        Estimate {
            mean,
            half_width: student_t95(runs.len() - 1) * (var / n).sqrt(),
        }
    };
    Ok(SimulationReport {
        waiting_probability: estimate(0),
        service_level: estimate(1),
        abandon_probability: estimate(2),
        asa_seconds: estimate(3),
    })
}

fn exponential(rng: &mut ChaCha8Rng, mean: f64) -> f64 {
    // 1 − U is in (0, 1], so the logarithm is finite.
    -mean * (1.0 - rng.random::<f64>()).ln()
}

fn replicate(
    workload: &Workload,
    patience: Option<Patience>,
    config: &SimulationConfig,
    seed: u64,
) -> [f64; 4] {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mean_gap = 1.0 / workload.arrival_rate();
    let aht = workload.aht_seconds();
    // Free times of the servers, earliest first (as bit patterns: non-negative f64
    // order like their bits).
    let mut free: BinaryHeap<Reverse<u64>> = (0..config.servers)
        .map(|_| Reverse(0f64.to_bits()))
        .collect();
    let mut now = 0.0;
    let (mut waited, mut in_time, mut abandoned, mut answered, mut wait_sum) = (0, 0, 0, 0, 0.0);
    for i in 0..config.warm_up + config.contacts {
        now += exponential(&mut rng, mean_gap);
        let patience = patience.map_or(f64::INFINITY, |p| exponential(&mut rng, p.seconds()));
        let earliest = f64::from_bits(free.peek().map_or(0, |r| r.0));
        let start = earliest.max(now);
        let wait = start - now;
        let measured = i >= config.warm_up;
        if wait > patience {
            if measured {
                waited += 1;
                abandoned += 1;
            }
            continue;
        }
        free.pop();
        free.push(Reverse((start + exponential(&mut rng, aht)).to_bits()));
        if measured {
            if wait > 0.0 {
                waited += 1;
            }
            if wait <= config.answer_seconds {
                in_time += 1;
            }
            answered += 1;
            wait_sum += wait;
        }
    }
    let n = config.contacts as f64;
    [
        waited as f64 / n,
        in_time as f64 / n,
        abandoned as f64 / n,
        if answered > 0 {
            wait_sum / answered as f64
        } else {
            0.0
        },
    ]
}

/// The 97.5 % quantile of Student's t with `df` degrees of freedom.
fn student_t95(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    TABLE.get(df.saturating_sub(1)).copied().unwrap_or(1.96)
}
