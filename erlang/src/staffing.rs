//! The staffing search: the fewest agents that meet a goal, and what they achieve.

use serde::{Deserialize, Serialize};

use crate::erlang_a::ErlangA;
use crate::erlang_b::BlockingRecursion;
use crate::erlang_c::{ErlangC, waiting_from_inverse_blocking};
use crate::error::{ErlangError, Result};
use crate::exact;
use crate::float::{floor_to_u64, to_f64};
use crate::metrics::QueueMetrics;
use crate::units::{Concurrency, Goal, MaxOccupancy, Patience, Shrinkage, Workload};

/// The largest traffic the search accepts, in Erlangs: a hundred times the largest
/// contact center, and far inside what `u64` agent counts and `f64` sums handle exactly.
pub const MAX_TRAFFIC: f64 = 1e8;

/// One interval's staffing question: a workload, a goal and the rules around them.
///
/// Built like a good_lp problem: start from the workload and goal, add what applies,
/// then [`solve`](Self::solve).
///
/// # Examples
/// ```
/// use wfm_erlang::{Goal, MaxOccupancy, Shrinkage, StaffingRequest, Workload};
/// // pyworkforce's README case: 100 calls in 30 min, AHT 3 min, 80 % in 20 s,
/// // occupancy at most 85 %, 30 % shrinkage.
/// let staffing = StaffingRequest::new(
///     Workload::new(100.0, 180.0, 1800.0)?,
///     Goal::service_level(0.8, 20.0)?,
/// )
/// .max_occupancy(MaxOccupancy::new(0.85)?)
/// .shrinkage(Shrinkage::new(0.3)?)
/// .solve()?;
/// assert_eq!(staffing.agents, 14);
/// assert_eq!(staffing.agents_with_shrinkage, 20);
/// assert!(staffing.metrics.service_level >= 0.8);
/// assert!(staffing.agents_fractional <= 14.0 && staffing.agents_fractional > 13.0);
/// # Ok::<(), wfm_erlang::ErlangError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StaffingRequest {
    workload: Workload,
    goal: Goal,
    max_occupancy: MaxOccupancy,
    shrinkage: Shrinkage,
    concurrency: Concurrency,
    patience: Option<Patience>,
}

/// The answer to a [`StaffingRequest`].
/// `Default` is all zeros: a placeholder, never an answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Staffing {
    /// Productive agents: the fewest that meet the goal and the occupancy cap.
    pub agents: u64,
    /// The continuous requirement, `agents − 1 < agents_fractional ≤ agents` (see
    /// [`StaffingRequest::solve`]); sum these across queues before rounding.
    pub agents_fractional: f64,
    /// `ceil(agents / (1 − shrinkage))`, rounded on exact decimals.
    pub agents_with_shrinkage: u64,
    /// `agents_fractional / (1 − shrinkage)`.
    pub agents_with_shrinkage_fractional: f64,
    /// The fewest agents that meet the goal alone, before the occupancy cap.
    pub goal_agents: u64,
    /// Whether the occupancy cap, not the goal, set `agents`.
    pub occupancy_capped: bool,
    /// The queue with `agents` agents. Its service level is measured within the goal's
    /// threshold (for an ASA goal: within the ASA target).
    pub metrics: QueueMetrics,
}

impl StaffingRequest {
    /// A request for `workload` to meet `goal`, with no occupancy cap, no shrinkage, one
    /// contact per agent and infinitely patient contacts (Erlang C).
    #[inline]
    pub fn new(workload: Workload, goal: Goal) -> Self {
        Self {
            workload,
            goal,
            max_occupancy: MaxOccupancy::default(),
            shrinkage: Shrinkage::default(),
            concurrency: Concurrency::default(),
            patience: None,
        }
    }

    /// Caps occupancy: at least `ceil(traffic / (concurrency × max_occupancy))` agents.
    #[inline]
    pub fn max_occupancy(mut self, max_occupancy: MaxOccupancy) -> Self {
        self.max_occupancy = max_occupancy;
        self
    }

    /// Adds shrinkage to the answer's `agents_with_shrinkage`.
    #[inline]
    pub fn shrinkage(mut self, shrinkage: Shrinkage) -> Self {
        self.shrinkage = shrinkage;
        self
    }

    /// Agents work `concurrency` contacts at once (chat).
    #[inline]
    pub fn concurrency(mut self, concurrency: Concurrency) -> Self {
        self.concurrency = concurrency;
        self
    }

    /// Contacts abandon after a mean `patience`: the Erlang A model.
    #[inline]
    pub fn patience(mut self, patience: Patience) -> Self {
        self.patience = Some(patience);
        self
    }

    /// The workload.
    #[inline]
    pub fn workload(&self) -> &Workload {
        &self.workload
    }

    /// The goal.
    #[inline]
    pub fn goal(&self) -> Goal {
        self.goal
    }

    /// Whether contacts abandon (a patience is set): the request uses Erlang A.
    ///
    /// ```
    /// use wfm_erlang::{Goal, Patience, StaffingRequest, Workload};
    /// let request = StaffingRequest::new(Workload::new(100.0, 180.0, 1800.0)?, Goal::asa(15.0)?);
    /// assert!(!request.has_patience());
    /// assert!(request.patience(Patience::new(60.0)?).has_patience());
    /// # Ok::<(), wfm_erlang::ErlangError>(())
    /// ```
    #[inline]
    pub fn has_patience(&self) -> bool {
        self.patience.is_some()
    }

    /// The seconds within which the reported service level is measured.
    fn answer_seconds(&self) -> f64 {
        match self.goal {
            Goal::ServiceLevel { seconds, .. } | Goal::Asa { seconds } => seconds,
        }
    }

    /// Finds the fewest productive agents that meet the goal and the occupancy cap.
    ///
    /// The goal is searched upward from the first stable staffing with one Erlang B
    /// recursion advanced a step per candidate (Erlang C; for a service-level goal with
    /// one contact per agent, whole blocks of four at a time past candidates that provably
    /// miss the goal, with the same answer and numbers), or by bisection on the
    /// monotone goal (Erlang A). `agents_fractional` interpolates linearly between
    /// `n − 1` and `n` agents on the goal's metric (the service level, or the speed of
    /// answer `1/ASA`, both 0 on an unstable queue), and is at least the continuous
    /// occupancy cap `traffic / (concurrency × max_occupancy)`: it is continuous and
    /// non-decreasing in volume and handle time, and rounds up to `agents`.
    ///
    /// # Errors
    /// [`ErlangError::SearchLimit`] if no staffing up to a generous limit (far beyond
    /// any goal reachable in double precision) meets the goal.
    pub fn solve(&self) -> Result<Staffing> {
        let traffic = self.workload.traffic();
        let c = u64::from(self.concurrency.get());
        if traffic.is_nan() || traffic > MAX_TRAFFIC {
            return Err(ErlangError::OutOfRange {
                parameter: "volume",
                value: traffic,
                expected: "a workload (volume × aht_seconds / interval_seconds) of at most \
                           100,000,000 Erlangs",
            });
        }
        if traffic == 0.0 {
            let metrics = ErlangC::new(self.workload).metrics(0, self.answer_seconds());
            return Ok(Staffing {
                agents: 0,
                agents_fractional: 0.0,
                agents_with_shrinkage: 0,
                agents_with_shrinkage_fractional: 0.0,
                goal_agents: 0,
                occupancy_capped: false,
                metrics,
            });
        }
        let max_occ = self.max_occupancy.get();
        let (goal_agents, goal_fractional, agents, metrics) = match self.patience {
            None => self.search_erlang_c()?,
            Some(patience) => self.search_erlang_a(patience)?,
        };
        // The continuous occupancy cap: `A / (c × max_occupancy)` for Erlang C. Under
        // Erlang A only carried traffic occupies agents (abandoned contacts take no handle
        // time), and without a cap (`max_occupancy` 1) there is no such term at all.
        let cap_fractional = match self.patience {
            None => traffic / (c as f64 * max_occ),
            Some(_) if max_occ < 1.0 => metrics.occupancy * agents as f64 / max_occ,
            Some(_) => 0.0,
        };
        let agents_fractional = goal_fractional.max(cap_fractional).min(agents as f64);
        let shrinkage = self.shrinkage.get();
        Ok(Staffing {
            agents,
            agents_fractional,
            agents_with_shrinkage: exact::with_shrinkage(agents, shrinkage),
            agents_with_shrinkage_fractional: agents_fractional / (1.0 - shrinkage),
            goal_agents,
            occupancy_capped: agents > goal_agents,
            metrics,
        })
    }

    fn search_limit(&self, traffic: f64) -> u64 {
        (traffic / f64::from(self.concurrency.get()) + 100.0 * traffic.sqrt() + 10_000.0) as u64
    }

    /// The occupancy cap in agents, `ceil(traffic / (concurrency × max_occupancy))` on
    /// the exact decimal inputs, where it may exceed `agents`; otherwise any number up
    /// to `agents` (so `agents.max(cap)` is exact either way, without the exact rounding
    /// on the common path). The float quotient is within 10⁻¹⁵ relative of the exact
    /// one (four roundings), far inside the half agent of the test below.
    #[inline]
    fn occupancy_cap_above(&self, agents: u64) -> u64 {
        let c = f64::from(self.concurrency.get());
        let max_occ = self.max_occupancy.get();
        if self.workload.traffic() / (c * max_occ) <= to_f64(agents) - 0.5 {
            return agents;
        }
        exact::ceil_ratio(
            &[self.workload.volume(), self.workload.aht_seconds()],
            &[self.workload.interval_seconds(), max_occ, c],
        )
    }

    /// Erlang C: scan upward from the first stable staffing, one recursion step per server.
    fn search_erlang_c(&self) -> Result<(u64, f64, u64, QueueMetrics)> {
        let model = ErlangC::new(self.workload).with_concurrency(self.concurrency);
        let a = self.workload.traffic();
        let aht = self.workload.aht_seconds();
        let c = u64::from(self.concurrency.get());
        let mut n = floor_to_u64(a / c as f64) + 1;
        while to_f64(n * c) <= a {
            n += 1;
        }
        let limit = self.search_limit(a);
        let mut rec = BlockingRecursion::below(a, n * c);
        // The exact service level at the answer, which the metrics reuse when the
        // occupancy cap adds no agents.
        let mut goal_service_level = None;
        let (goal_agents, fractional) = match self.goal {
            Goal::ServiceLevel { target, seconds } => {
                let decay = (-(c as f64) * seconds / aht).exp();
                let mut tail = (-(to_f64(n * c) - a) * seconds / aht).exp();
                let skipped = if c == 1 {
                    skip_failing_blocks(&mut rec, n, tail, decay, target, a, limit)
                } else {
                    None
                };
                match skipped {
                    Some((k, at_k)) => (n, tail) = (k, at_k),
                    None => rec.advance_to(n * c),
                }
                let mut previous = 0.0;
                loop {
                    let s = n * c;
                    let pw = waiting_from_inverse_blocking(rec.inverse(), s, a);
                    let mut sl = 1.0 - pw * tail;
                    if sl >= target - 1e-9 {
                        sl = crate::erlang_c::service_level(pw, to_f64(s) - a, seconds, aht);
                        if sl >= target {
                            goal_service_level = Some(sl);
                            break (n, interpolate(n, previous, sl, target));
                        }
                    }
                    previous = sl;
                    n = self.next_candidate(n, limit, a, &mut rec)?;
                    tail *= decay;
                }
            }
            Goal::Asa { seconds: target } => {
                rec.advance_to(n * c);
                let mut previous = 0.0;
                loop {
                    let s = n * c;
                    let pw = waiting_from_inverse_blocking(rec.inverse(), s, a);
                    let speed = (to_f64(s) - a) / (pw * aht);
                    if speed >= 1.0 / target {
                        break (n, interpolate(n, previous, speed, 1.0 / target));
                    }
                    previous = speed;
                    n = self.next_candidate(n, limit, a, &mut rec)?;
                }
            }
        };
        let agents = goal_agents.max(self.occupancy_cap_above(goal_agents));
        rec.advance_to(agents * c);
        let pw = waiting_from_inverse_blocking(rec.inverse(), agents * c, a);
        let known = goal_service_level.filter(|_| agents == goal_agents);
        let metrics = model.metrics_from_waiting(agents, pw, self.answer_seconds(), known);
        Ok((goal_agents, fractional, agents, metrics))
    }

    #[inline(always)]
    fn next_candidate(
        &self,
        n: u64,
        limit: u64,
        traffic: f64,
        rec: &mut BlockingRecursion,
    ) -> Result<u64> {
        if n >= limit {
            return Err(ErlangError::SearchLimit { limit, traffic });
        }
        let next = n + 1;
        let c = u64::from(self.concurrency.get());
        if c == 1 {
            rec.step();
        } else {
            rec.advance_to(next * c);
        }
        Ok(next)
    }

    /// Erlang A: bisection on the monotone goal; stable for any staffing.
    fn search_erlang_a(&self, patience: Patience) -> Result<(u64, f64, u64, QueueMetrics)> {
        let model = ErlangA::new(self.workload, patience).with_concurrency(self.concurrency);
        let a = self.workload.traffic();
        let t = self.answer_seconds();
        let limit = self.search_limit(a);
        let value = |n: u64| -> f64 {
            let m = model.metrics(n, t);
            match self.goal {
                Goal::ServiceLevel { .. } => m.service_level,
                Goal::Asa { .. } => 1.0 / m.asa_seconds,
            }
        };
        let target = match self.goal {
            Goal::ServiceLevel { target, .. } => target,
            Goal::Asa { seconds } => 1.0 / seconds,
        };
        // Invariant: value(lo) < target ≤ value(hi).
        let mut lo = 0u64;
        let mut hi = (a / f64::from(self.concurrency.get())).ceil().max(1.0) as u64;
        while value(hi) < target {
            lo = hi;
            if hi >= limit {
                return Err(ErlangError::SearchLimit { limit, traffic: a });
            }
            hi = (hi * 2).min(limit);
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if value(mid) >= target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let goal_agents = hi;
        let previous = if goal_agents == 0 {
            0.0
        } else {
            value(goal_agents - 1)
        };
        let fractional = interpolate(goal_agents, previous, value(goal_agents), target);
        // The cap on carried traffic: fewer agents may suffice than for offered traffic,
        // since abandoned contacts take no handle time.
        let mut agents = goal_agents;
        if model.metrics(agents, t).occupancy > self.max_occupancy.get() {
            let cap_agents = self.occupancy_cap_above(agents + 1);
            let (mut lo, mut hi) = (agents, cap_agents.max(agents + 1));
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if model.metrics(mid, t).occupancy <= self.max_occupancy.get() {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            agents = hi;
        }
        Ok((goal_agents, fractional, agents, model.metrics(agents, t)))
    }
}

/// The block skip of the Erlang C service-level scan (one contact per agent): moves the
/// recursion from where [`BlockingRecursion::below`] left it (the last multiple of four
/// `e` at or below the traffic `A`) to the last multiple of four that provably fails the
/// goal, whole blocks at a time, and returns that candidate and the scan's `tail` there,
/// `exp(−(k − A)·t/aht)` as the running product of `exp(−4·t/aht)` from the first block
/// end (one multiplication a block on its dependency chain instead of four, within 10⁻¹⁵
/// relative of the one-agent-at-a-time product per thousand agents); `None` when even the
/// first block end `e + 4` (the first multiple of four above `A`, so a stable queue) may
/// meet the goal, with the recursion left at `e`. `first_tail` is the tail at the first
/// stable candidate `first` (`e < first ≤ e + 4`).
///
/// A block end `k` is skipped when `k·tail > g·(r·(k − A) + A)` with `r = 1/B(k)` and
/// `g = 1 − target + 2·10⁻⁹`: that is `C(k)·tail > g` without the division, so the
/// service level is below `target − 2·10⁻⁹` up to rounding (relative 10⁻¹⁵ here, 10⁻¹⁰ in
/// the running product after 10⁶ agents), and the exact service level of the scan is
/// below the target by far more than its error (10⁻¹²). The service level rises with the
/// agents, so every candidate up to `k` fails too: the scan, which stops at the first
/// candidate meeting the goal, would have passed them all. It resumes at the last skipped
/// block end, which it evaluates (failing) before the next: the answer and its metrics
/// are those of the one-agent scan, and the value at `answer − 1` that the fractional
/// requirement interpolates from differs from the scan's by that rounding of the product
/// at most. Nothing is skipped past `limit`.
fn skip_failing_blocks(
    rec: &mut BlockingRecursion,
    first: u64,
    first_tail: f64,
    decay: f64,
    target: f64,
    traffic: f64,
    limit: u64,
) -> Option<(u64, f64)> {
    let start = rec.servers();
    let g = (1.0 - target) + 2e-9;
    let decay2 = decay * decay;
    let decay4 = decay2 * decay2;
    // The tail at the next block end (from the first stable candidate's, `0‥3` agents
    // before it, without a branch), and at the last one skipped.
    let powers = [1.0, decay, decay2, decay2 * decay];
    let mut next = first_tail * powers[((start + 4 - first) % 4) as usize];
    let mut tail = next;
    rec.advance_blocks_while(limit, |k, inverse| {
        let s = to_f64(k);
        let fails = s * next > g * (inverse * (s - traffic) + traffic);
        if fails {
            tail = next;
            next *= decay4;
        }
        fails
    });
    (rec.servers() != start).then_some((rec.servers(), tail))
}

/// Where the metric, linear between `n − 1` (value `previous`) and `n` (value `at_n`),
/// reaches `target`.
fn interpolate(n: u64, previous: f64, at_n: f64, target: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let step = at_n - previous;
    let share = if step > 0.0 {
        ((target - previous) / step).clamp(0.0, 1.0)
    } else {
        1.0
    };
    (n - 1) as f64 + share
}
