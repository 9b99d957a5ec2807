//! Erlang A: the M/M/n+M queue, where waiting contacts abandon after an exponential
//! patience (Palm's model).
//!
//! With arrival rate `λ`, handle rate `μ = 1/aht`, abandon rate `θ = 1/patience` and `s`
//! servers, write `a = s·μ/θ` and `x = λ/θ`. The queue part of the birth–death chain sums
//! to the series `S(a, x) = Σₖ xᵏ / ((a+1)(a+2)…(a+k))` (a confluent hypergeometric
//! function, and `a·eˣ·x⁻ᵃ·γ(a, x)` in incomplete-gamma form), so with `B` = Erlang B:
//!
//! - waiting probability `P_w = S / (1/B − 1 + S)` (PASTA: the share of arrivals that
//!   find every server busy);
//! - abandonment `P_ab = P_w · Σ k·wₖ / (x·S)`, `wₖ` the series terms;
//! - answered after `t` seconds (the virtual wait `V` has
//!   `P(V > t | V > 0) = γ(a, x·e^{−θt}) / γ(a, x)`, and a contact is answered iff its
//!   patience outlasts `V`): `P_w · a/(a+1) · exp(x(1 − e^{−θt}) − θt(a+1)) ·
//!   S(a+1, x·e^{−θt}) / S(a, x)`;
//! - **service level** = share of *offered* contacts answered within `t`: answered minus
//!   answered after `t`. Contacts that abandon — before or after `t` — count as not
//!   answered in time, the strict convention of "answered in threshold / offered";
//! - **ASA** = mean wait of *answered* contacts: a contact that finds `j` others queued is
//!   answered with probability `a/(a+j+1)` after a mean wait `Σ_{m=1}^{j+1} 1/(θ(a+m))`.
//!
//! The series are summed in scaled form (no overflow for any traffic) to relative 1e-17.

use serde::{Deserialize, Serialize};

use crate::erlang_b::BlockingRecursion;
use crate::erlang_c::occupancy;
use crate::metrics::QueueMetrics;
use crate::units::{Concurrency, Patience, Workload};

/// The Erlang A model (M/M/n+M) of one interval's workload.
///
/// # Examples
/// ```
/// use wfm_erlang::{ErlangA, ErlangC, Patience, Workload};
/// let w = Workload::new(100.0, 180.0, 1800.0)?;
/// let a = ErlangA::new(w, Patience::new(60.0)?);
/// let m = a.metrics(11, 20.0);
/// // Impatient callers leave, so fewer wait than in Erlang C…
/// assert!(m.waiting_probability < ErlangC::new(w).waiting_probability(11));
/// // …and some of them are lost.
/// assert!(m.abandon_probability > 0.0 && m.abandon_probability < m.waiting_probability);
/// // Erlang A is stable even with fewer agents than Erlangs.
/// assert!(a.metrics(8, 20.0).service_level > 0.0);
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ErlangA {
    workload: Workload,
    patience: Patience,
    concurrency: Concurrency,
}

/// Sums of the series `S(b, y)` and companions, all scaled by `exp(−log_scale)`.
#[derive(Debug, Clone, Copy)]
struct Series {
    log_scale: f64,
    sum: f64,
    /// `Σ k·tₖ`
    weighted: f64,
    /// `Σ tₖ · b/(b+k+1) · Σ_{m=1}^{k+1} 1/(b+m)`
    answered_wait: f64,
}

impl Series {
    fn ln_sum(&self) -> f64 {
        self.log_scale + self.sum.ln()
    }
}

const RESCALE: f64 = 1e250;

fn series(b: f64, y: f64, with_companions: bool) -> Series {
    let ln_rescale = RESCALE.ln();
    let mut s = Series {
        log_scale: 0.0,
        sum: 1.0,
        weighted: 0.0,
        answered_wait: 0.0,
    };
    let mut term = 1.0f64;
    let mut harmonic = 1.0 / (b + 1.0);
    if with_companions {
        s.answered_wait = b / (b + 1.0) * harmonic;
    }
    let peak = (y - b).max(0.0);
    let mut k = 0.0f64;
    loop {
        k += 1.0;
        term *= y / (b + k);
        if term == 0.0 {
            break;
        }
        s.sum += term;
        if with_companions {
            harmonic += 1.0 / (b + k + 1.0);
            s.weighted += k * term;
            s.answered_wait += term * b / (b + k + 1.0) * harmonic;
        }
        if term > RESCALE {
            term /= RESCALE;
            s.sum /= RESCALE;
            s.weighted /= RESCALE;
            s.answered_wait /= RESCALE;
            s.log_scale += ln_rescale;
        }
        if k > peak && term * (k + 1.0) * (1.0 + harmonic) <= 1e-17 * s.sum {
            break;
        }
    }
    s
}

impl ErlangA {
    /// The model of `workload` with contacts abandoning after a mean `patience`.
    pub fn new(workload: Workload, patience: Patience) -> Self {
        Self {
            workload,
            patience,
            concurrency: Concurrency::default(),
        }
    }

    /// The same model with agents working `concurrency` contacts at once.
    pub fn with_concurrency(mut self, concurrency: Concurrency) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// The workload.
    pub fn workload(&self) -> &Workload {
        &self.workload
    }

    /// Mean patience.
    pub fn patience(&self) -> Patience {
        self.patience
    }

    /// Offered traffic in Erlangs.
    pub fn traffic(&self) -> f64 {
        self.workload.traffic()
    }

    /// Every metric with `agents` agents, the service level measured within
    /// `answer_seconds`.
    pub fn metrics(&self, agents: u64, answer_seconds: f64) -> QueueMetrics {
        let traffic = self.traffic();
        let servers = agents.saturating_mul(u64::from(self.concurrency.get()));
        let aht = self.workload.aht_seconds();
        let patience = self.patience.seconds();
        let mut m = QueueMetrics {
            agents,
            servers,
            traffic,
            waiting_probability: 0.0,
            service_level: 1.0,
            asa_seconds: 0.0,
            occupancy: 0.0,
            queue_length: 0.0,
            abandon_probability: 0.0,
        };
        if traffic == 0.0 {
            return m;
        }
        let x = self.workload.arrival_rate() * patience;
        if servers == 0 {
            m.waiting_probability = 1.0;
            m.service_level = 0.0;
            m.asa_seconds = f64::INFINITY;
            m.occupancy = 1.0;
            m.queue_length = x;
            m.abandon_probability = 1.0;
            return m;
        }
        let a = servers as f64 * patience / aht;
        let q = series(a, x, true);
        let mut rec = BlockingRecursion::below(traffic, servers);
        rec.advance_to(servers);
        let inverse = rec.inverse();
        let pw = if inverse.is_infinite() {
            0.0
        } else {
            1.0 / (1.0 + ((inverse - 1.0).ln() - q.ln_sum()).exp())
        };
        let abandon_given_wait = q.weighted / (x * q.sum);
        let answered = 1.0 - pw * abandon_given_wait;
        // Answered after t: see the module docs.
        let theta_t = answer_seconds / patience;
        let y = x * (-theta_t).exp();
        let late = if pw == 0.0 {
            0.0
        } else {
            let tail = series(a + 1.0, y, false);
            let log_ratio =
                x * (-(-theta_t).exp_m1()) - theta_t * (a + 1.0) + tail.ln_sum() - q.ln_sum();
            pw * a / (a + 1.0) * log_ratio.exp()
        };
        m.waiting_probability = pw;
        m.abandon_probability = pw * abandon_given_wait;
        // Within 0 s means without waiting: exactly 1 − P_w, free of the cancellation in
        // `answered − late`.
        m.service_level = if answer_seconds == 0.0 {
            1.0 - pw
        } else {
            (answered - late).clamp(0.0, 1.0)
        };
        m.asa_seconds = if answered > 0.0 {
            pw * patience * (q.answered_wait / q.sum) / answered
        } else {
            f64::INFINITY
        };
        let carried = traffic * answered;
        m.occupancy = occupancy(carried, servers);
        // Little: waiting contacts = arrival rate × mean time in queue of all contacts,
        // and that time is P_ab / θ.
        m.queue_length = x * m.abandon_probability;
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErlangC;

    #[test]
    fn long_patience_tends_to_erlang_c() {
        let w = Workload::new(100.0, 180.0, 1800.0).unwrap();
        let c = ErlangC::new(w).metrics(12, 20.0);
        let a = ErlangA::new(w, Patience::new(1e9).unwrap()).metrics(12, 20.0);
        assert!((a.waiting_probability - c.waiting_probability).abs() < 1e-6);
        assert!((a.service_level - c.service_level).abs() < 1e-6);
        assert!((a.asa_seconds - c.asa_seconds).abs() / c.asa_seconds < 1e-5);
    }

    #[test]
    fn no_overflow_when_overloaded_with_long_patience() {
        let w = Workload::new(50_000.0, 300.0, 1800.0).unwrap(); // 8,333 Erlangs
        let m = ErlangA::new(w, Patience::new(3600.0).unwrap()).metrics(5_000, 20.0);
        assert!(m.waiting_probability > 0.99 && m.waiting_probability <= 1.0);
        assert!(m.abandon_probability > 0.3 && m.abandon_probability < 1.0);
        assert!(m.service_level.is_finite() && m.asa_seconds.is_finite());
    }
}
