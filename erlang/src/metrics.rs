//! What a queue looks like with a given number of agents.

use serde::{Deserialize, Serialize};

/// The queue's performance with `agents` agents, as a planner reads it.
///
/// Probabilities are shares in [0, 1]; times are seconds. A queue with no more agent
/// capacity than traffic (Erlang C) is unstable: every contact waits, the service level is
/// 0 and the average speed of answer is infinite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueMetrics {
    /// Productive agents.
    pub agents: u64,
    /// Servers: agents × concurrency (chat slots).
    pub servers: u64,
    /// Offered traffic in Erlangs (`volume × aht / interval`).
    pub traffic: f64,
    /// Probability that a contact has to wait (finds every server busy).
    pub waiting_probability: f64,
    /// Share of offered contacts answered within the goal's threshold (with abandonment:
    /// contacts that abandon count as not answered, see [`ErlangA`](crate::ErlangA)).
    pub service_level: f64,
    /// Average speed of answer in seconds: the mean wait of answered contacts.
    pub asa_seconds: f64,
    /// Share of agent capacity spent handling contacts (carried traffic / servers).
    pub occupancy: f64,
    /// Expected number of contacts waiting.
    pub queue_length: f64,
    /// Probability that a contact abandons before an answer (0 without patience).
    pub abandon_probability: f64,
}
