//! Erlang C: the M/M/n queue with infinite patience, and its closed-form metrics.

use serde::{Deserialize, Serialize};

use crate::erlang_b::BlockingRecursion;
use crate::float::to_f64;
use crate::metrics::QueueMetrics;
use crate::units::{Concurrency, Workload};

/// The Erlang C model (M/M/n, first come first served, nobody abandons) of one interval's
/// workload.
///
/// With `n` agents working `c` contacts each there are `s = n·c` servers (see
/// [`Concurrency`] and the crate docs for the chat model). With `A` the offered traffic:
///
/// - waiting probability `C(s, A) = s·B / (s − A + A·B)`, `B` = Erlang B;
/// - service level within `t` seconds `1 − C·exp(−(s − A)·t / aht)`;
/// - ASA `C·aht / (s − A)`; queue length `C·A / (s − A)`; occupancy `A / s`.
///
/// # Examples
/// ```
/// use wfm_erlang::{ErlangC, Workload};
/// // 100 contacts of 180 s in 30 minutes: 10 Erlangs; 11 agents.
/// let model = ErlangC::new(Workload::new(100.0, 180.0, 1800.0)?);
/// assert!((model.waiting_probability(11) - 0.682_118_204_689_332_4).abs() < 1e-15);
/// assert!((model.occupancy(11) - 10.0 / 11.0).abs() < 1e-15);
/// assert_eq!(model.service_level(10, 20.0), 0.0); // 10 agents for 10 Erlangs: unstable
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ErlangC {
    workload: Workload,
    concurrency: Concurrency,
}

impl ErlangC {
    /// The model of `workload`, one contact per agent at a time.
    pub fn new(workload: Workload) -> Self {
        Self {
            workload,
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

    /// Contacts an agent works at once.
    pub fn concurrency(&self) -> Concurrency {
        self.concurrency
    }

    /// Offered traffic in Erlangs.
    pub fn traffic(&self) -> f64 {
        self.workload.traffic()
    }

    pub(crate) fn servers(&self, agents: u64) -> u64 {
        agents.saturating_mul(u64::from(self.concurrency.get()))
    }

    /// Probability that a contact waits with `agents` agents.
    pub fn waiting_probability(&self, agents: u64) -> f64 {
        let a = self.traffic();
        let s = self.servers(agents);
        if a == 0.0 {
            return 0.0;
        }
        if (s as f64) <= a {
            return 1.0;
        }
        let mut rec = BlockingRecursion::below(a, s);
        rec.advance_to(s);
        waiting_from_inverse_blocking(rec.inverse(), s, a)
    }

    /// Share of contacts answered within `seconds` with `agents` agents.
    pub fn service_level(&self, agents: u64, seconds: f64) -> f64 {
        self.metrics(agents, seconds).service_level
    }

    /// Average speed of answer in seconds with `agents` agents (`+∞` when unstable).
    pub fn asa(&self, agents: u64) -> f64 {
        self.metrics(agents, 0.0).asa_seconds
    }

    /// Occupancy with `agents` agents: `A / s`, or 1 when the queue is unstable.
    pub fn occupancy(&self, agents: u64) -> f64 {
        occupancy(self.traffic(), self.servers(agents))
    }

    /// Expected number of waiting contacts with `agents` agents (`+∞` when unstable).
    pub fn queue_length(&self, agents: u64) -> f64 {
        self.metrics(agents, 0.0).queue_length
    }

    /// Every metric with `agents` agents, the service level measured within
    /// `answer_seconds`.
    pub fn metrics(&self, agents: u64, answer_seconds: f64) -> QueueMetrics {
        let pw = self.waiting_probability(agents);
        self.metrics_from_waiting(agents, pw, answer_seconds, None)
    }

    /// The metrics from the waiting probability `pw`; `known_service_level` is the
    /// service level within `answer_seconds` when the caller has already computed it
    /// with [`service_level`] from the same `pw` (the same number: it saves an `exp`).
    pub(crate) fn metrics_from_waiting(
        &self,
        agents: u64,
        pw: f64,
        answer_seconds: f64,
        known_service_level: Option<f64>,
    ) -> QueueMetrics {
        let a = self.traffic();
        let s = self.servers(agents);
        let aht = self.workload.aht_seconds();
        let stable = to_f64(s) > a;
        let excess = to_f64(s) - a;
        QueueMetrics {
            agents,
            servers: s,
            traffic: a,
            waiting_probability: pw,
            service_level: if a == 0.0 {
                1.0
            } else if stable {
                known_service_level
                    .unwrap_or_else(|| service_level(pw, excess, answer_seconds, aht))
            } else {
                0.0
            },
            asa_seconds: if a == 0.0 {
                0.0
            } else if stable {
                pw * aht / excess
            } else {
                f64::INFINITY
            },
            occupancy: occupancy(a, s),
            queue_length: if a == 0.0 {
                0.0
            } else if stable {
                pw * a / excess
            } else {
                f64::INFINITY
            },
            abandon_probability: 0.0,
        }
    }
}

/// Erlang C from `r = 1/B(s, A)`: `C = s / (r·(s − A) + A)`, for `s > A`.
#[inline]
pub(crate) fn waiting_from_inverse_blocking(inverse: f64, servers: u64, traffic: f64) -> f64 {
    let s = to_f64(servers);
    s / (inverse * (s - traffic) + traffic)
}

#[inline]
pub(crate) fn service_level(pw: f64, excess: f64, seconds: f64, aht: f64) -> f64 {
    1.0 - pw * (-excess * seconds / aht).exp()
}

pub(crate) fn occupancy(traffic: f64, servers: u64) -> f64 {
    if traffic == 0.0 {
        0.0
    } else if to_f64(servers) > traffic {
        traffic / to_f64(servers)
    } else {
        1.0
    }
}
