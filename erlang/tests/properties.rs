//! Properties of the Erlang math over wide random inputs: the service level never falls
//! when agents are added (Erlang C and A); every probability is in [0, 1] and nothing is
//! NaN from 0.01 to 10⁶ Erlangs and up to `u64::MAX` agents; required agents never fall
//! when volume or handle time rise; the fractional requirement rounds up to the integer
//! one and rises with volume; shrinkage rounds exactly; and one search at 10⁶ Erlangs
//! lands on the exact boundary.

use proptest::prelude::*;
use wfm_erlang::{
    Concurrency, ErlangA, ErlangC, Goal, MaxOccupancy, Patience, QueueMetrics, Shrinkage,
    StaffingRequest, Workload, erlang_b,
};

const INTERVAL: f64 = 1800.0;

/// `10^e` for `e` uniform in `[lo, hi)`: spreads samples over decades.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

/// A workload of `traffic` Erlangs with handle time `aht` over half an hour.
fn workload(traffic: f64, aht: f64) -> Workload {
    Workload::new(traffic * INTERVAL / aht, aht, INTERVAL).unwrap()
}

/// Numerical noise allowed when the Erlang A service level is compared with itself.
///
/// Erlang A forms the service level as `answered − answered after t`, two numbers near
/// `1 − P_ab`, the second through `exp` of a sum of terms as large as `λ/θ` and `sμ/θ`.
/// That difference carries an absolute error of about `ε·(λ/θ + sμ/θ)` (see
/// `erlang_a_reference.rs`, where mpmath confirms it), which only matters where the true
/// service level is itself that small, in deep overload. (Without it the property fails:
/// 2,926 Erlangs, AHT 586 s, patience 4,095 s, t = 0 give a service level of 1.8e-13 with
/// 881 agents and 1.2e-13 with 882.)
fn erlang_a_noise(m: &QueueMetrics, aht: f64, patience: f64) -> f64 {
    let x = m.traffic / aht * patience;
    let a = m.servers as f64 * patience / aht;
    4.0 * f64::EPSILON * (x + a + 1.0)
}

fn is_probability(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

fn check_metrics(m: &QueueMetrics) -> Result<(), TestCaseError> {
    for (name, p) in [
        ("waiting_probability", m.waiting_probability),
        ("service_level", m.service_level),
        ("occupancy", m.occupancy),
        ("abandon_probability", m.abandon_probability),
    ] {
        prop_assert!(is_probability(p), "{name} = {p} in {m:?}");
    }
    prop_assert!(m.asa_seconds >= 0.0, "ASA {} in {m:?}", m.asa_seconds); // +∞ allowed, NaN not
    prop_assert!(m.queue_length >= 0.0, "queue {} in {m:?}", m.queue_length);
    prop_assert!(!m.traffic.is_nan());
    Ok(())
}

/// Agents from none through the traffic to absurdly many, `u` uniform in [0, 1).
fn agents_for(traffic: f64, kind: u8, u: f64) -> u64 {
    match kind {
        0 => (u * 4.0) as u64,                             // 0 to 3
        1 => (traffic * 10f64.powf(6.0 * u - 3.0)) as u64, // 0.001× to 1000× the traffic
        2 => 10f64.powf(6.0 + 12.0 * u) as u64,            // 10⁶ to 10¹⁸
        _ => u64::MAX,
    }
}

fn goal_strategy() -> impl Strategy<Value = Goal> {
    prop_oneof![
        (
            50u32..96,
            prop_oneof![Just(0.0), Just(10.0), Just(20.0), Just(30.0), Just(60.0)]
        )
            .prop_map(|(pct, t)| Goal::service_level(f64::from(pct) / 100.0, t).unwrap()),
        (2.0f64..180.0).prop_map(|s| Goal::asa(s).unwrap()),
    ]
}

/// Everything of a staffing request but the workload.
#[derive(Debug, Clone, Copy)]
struct Rules {
    goal: Goal,
    occupancy_pct: u32,
    shrinkage_pct: u32,
    concurrency: u32,
    patience: Option<f64>,
}

fn rules_strategy() -> impl Strategy<Value = Rules> {
    (
        goal_strategy(),
        prop_oneof![Just(100u32), 60u32..100],
        prop_oneof![Just(0u32), 1u32..100],
        prop_oneof![3 => Just(1u32), 1 => 2u32..4],
        prop_oneof![Just(None), (5.0f64..900.0).prop_map(Some)],
    )
        .prop_map(
            |(goal, occupancy_pct, shrinkage_pct, concurrency, patience)| Rules {
                goal,
                occupancy_pct,
                shrinkage_pct,
                concurrency,
                patience,
            },
        )
}

impl Rules {
    fn request(&self, w: Workload) -> StaffingRequest {
        let r = StaffingRequest::new(w, self.goal)
            .max_occupancy(MaxOccupancy::new(f64::from(self.occupancy_pct) / 100.0).unwrap())
            .shrinkage(Shrinkage::new(f64::from(self.shrinkage_pct) / 100.0).unwrap())
            .concurrency(Concurrency::new(self.concurrency).unwrap());
        match self.patience {
            Some(p) => r.patience(Patience::new(p).unwrap()),
            None => r,
        }
    }
}

proptest! {
    // 256 cases per property (proptest's default; `PROPTEST_CASES=20000` searches harder,
    // and passed when this file was written). Failures print their minimal case; there is
    // no lib.rs beside this file for proptest's regression files, so none are written.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// Erlang C: over a window of 24 staffings around the traffic, the service level
    /// never falls when an agent is added.
    #[test]
    fn erlang_c_service_level_rises_with_agents(
        traffic in log_uniform(-2.0, 5.0),
        aht in 10.0f64..1200.0,
        t in prop_oneof![Just(0.0), 0.0f64..600.0],
        concurrency in prop_oneof![3 => Just(1u32), 1 => 2u32..4],
        start in 0.7f64..1.3,
    ) {
        let model = ErlangC::new(workload(traffic, aht))
            .with_concurrency(Concurrency::new(concurrency).unwrap());
        let first = ((traffic / f64::from(concurrency)) * start) as u64;
        let mut previous = model.service_level(first, t);
        for n in first + 1..first + 24 {
            let sl = model.service_level(n, t);
            prop_assert!(sl >= previous, "n={n}: {sl} < {previous} at n−1");
            previous = sl;
        }
    }

    /// Erlang C with a service-level goal: the search's answer is the first staffing
    /// whose service level (as [`ErlangC::service_level`] computes it) meets the target,
    /// however many candidates the search skipped in blocks to get there, and the
    /// reported service level is that staffing's.
    #[test]
    fn erlang_c_answer_is_the_first_staffing_meeting_the_goal(
        traffic in log_uniform(-2.0, 5.0),
        aht in 10.0f64..1200.0,
        t in prop_oneof![Just(0.0), 0.0f64..600.0],
        target in prop_oneof![0.5f64..0.99, Just(0.999_999)],
        concurrency in prop_oneof![3 => Just(1u32), 1 => 2u32..4],
    ) {
        let w = workload(traffic, aht);
        let c = Concurrency::new(concurrency).unwrap();
        let s = StaffingRequest::new(w, Goal::service_level(target, t).unwrap())
            .concurrency(c)
            .solve()
            .unwrap();
        let model = ErlangC::new(w).with_concurrency(c);
        let n = s.goal_agents;
        prop_assert!(model.service_level(n, t) >= target);
        prop_assert!(n == 0 || model.service_level(n - 1, t) < target, "n − 1 = {} meets it", n - 1);
        prop_assert_eq!(s.metrics.service_level.to_bits(), model.service_level(n, t).to_bits());
    }

    /// Erlang A: the same, from deep overload up (within the service level's numerical
    /// noise, which only shows where the service level is below ~1e-12).
    #[test]
    fn erlang_a_service_level_rises_with_agents(
        traffic in log_uniform(-2.0, 4.0),
        aht in 10.0f64..1200.0,
        patience_ratio in log_uniform(-1.5, 1.0),
        t in prop_oneof![Just(0.0), 0.0f64..600.0],
        concurrency in prop_oneof![3 => Just(1u32), 1 => 2u32..4],
        start in 0.3f64..1.3,
    ) {
        let patience = aht * patience_ratio;
        let model = ErlangA::new(workload(traffic, aht), Patience::new(patience).unwrap())
            .with_concurrency(Concurrency::new(concurrency).unwrap());
        let first = ((traffic / f64::from(concurrency)) * start) as u64;
        let mut previous = model.metrics(first, t);
        for n in first + 1..first + 24 {
            let m = model.metrics(n, t);
            let noise = erlang_a_noise(&m, aht, patience);
            prop_assert!(
                m.service_level >= previous.service_level - noise,
                "n={n}: {} < {} at n−1", m.service_level, previous.service_level
            );
            previous = m;
        }
    }

    /// Erlang B, C and A give probabilities in [0, 1] and no NaN for any traffic from
    /// 0.01 to 10⁶ Erlangs and any number of agents up to `u64::MAX`.
    #[test]
    fn probabilities_stay_in_range(
        traffic in log_uniform(-2.0, 6.0),
        aht in 10.0f64..1200.0,
        patience_ratio in log_uniform(-1.7, 0.7),
        t in prop_oneof![Just(0.0), 0.0f64..3600.0],
        concurrency in prop_oneof![3 => Just(1u32), 1 => 2u32..5],
        kind in 0u8..4,
        u in 0.0f64..1.0,
    ) {
        let agents = agents_for(traffic, kind, u);
        let w = workload(traffic, aht);
        let c = Concurrency::new(concurrency).unwrap();
        let b = erlang_b(traffic, agents);
        prop_assert!(is_probability(b), "Erlang B {b}");
        let erlang_c = ErlangC::new(w).with_concurrency(c).metrics(agents, t);
        check_metrics(&erlang_c)?;
        let patience = Patience::new(aht * patience_ratio).unwrap();
        let erlang_a = ErlangA::new(w, patience).with_concurrency(c).metrics(agents, t);
        check_metrics(&erlang_a)?;
        prop_assert!(erlang_a.abandon_probability <= erlang_a.waiting_probability + 1e-12);
    }

    /// More volume never needs fewer agents, and the fractional requirement never falls.
    #[test]
    fn requirement_never_falls_when_volume_rises(
        traffic in log_uniform(-2.0, 4.0),
        aht in 10.0f64..1200.0,
        growth in prop_oneof![log_uniform(-9.0, -3.0), 0.001f64..0.5],
        rules in rules_strategy(),
    ) {
        let small = workload(traffic, aht);
        let big = Workload::new(small.volume() * (1.0 + growth), aht, INTERVAL).unwrap();
        let a = rules.request(small).solve().unwrap();
        let b = rules.request(big).solve().unwrap();
        prop_assert!(b.agents >= a.agents, "{} agents for {:?}, {} for more", a.agents, small, b.agents);
        prop_assert!(b.goal_agents >= a.goal_agents);
        prop_assert!(b.agents_with_shrinkage >= a.agents_with_shrinkage);
        prop_assert!(
            b.agents_fractional >= a.agents_fractional,
            "fractional {} then {} for more volume", a.agents_fractional, b.agents_fractional
        );
    }

    /// A longer handle time never needs fewer agents.
    #[test]
    fn requirement_never_falls_when_handle_time_rises(
        traffic in log_uniform(-2.0, 4.0),
        aht in 10.0f64..1200.0,
        growth in prop_oneof![log_uniform(-9.0, -3.0), 0.001f64..0.5],
        rules in rules_strategy(),
    ) {
        let short = workload(traffic, aht);
        let long = Workload::new(short.volume(), aht * (1.0 + growth), INTERVAL).unwrap();
        let a = rules.request(short).solve().unwrap();
        let b = rules.request(long).solve().unwrap();
        prop_assert!(b.agents >= a.agents, "{} agents for {:?}, {} for longer", a.agents, short, b.agents);
        prop_assert!(b.goal_agents >= a.goal_agents);
    }

    /// The fractional requirement rounds up to the integer one where the goal sets it,
    /// the goal is met, one agent fewer misses it, and shrinkage is exactly
    /// `ceil(100·agents / (100 − p))` for a shrinkage of `p` %.
    #[test]
    fn fractional_and_shrinkage_are_consistent(
        traffic in log_uniform(-2.0, 4.5),
        aht in 10.0f64..1200.0,
        rules in rules_strategy(),
    ) {
        let w = workload(traffic, aht);
        let s = rules.request(w).solve().unwrap();
        let n = s.agents;
        prop_assert!(s.agents_fractional <= n as f64 && s.agents_fractional >= 0.0);
        if !s.occupancy_capped {
            prop_assert!(
                s.agents_fractional > n as f64 - 1.0,
                "fractional {} for {n} agents", s.agents_fractional
            );
        }
        let p = u64::from(rules.shrinkage_pct);
        prop_assert_eq!(s.agents_with_shrinkage, (100 * n).div_ceil(100 - p));
        // The goal is met at `goal_agents` and missed at one fewer.
        let c = Concurrency::new(rules.concurrency).unwrap();
        let metrics = |agents: u64| -> QueueMetrics {
            let t = match rules.goal {
                Goal::ServiceLevel { seconds, .. } | Goal::Asa { seconds } => seconds,
            };
            match rules.patience {
                None => ErlangC::new(w).with_concurrency(c).metrics(agents, t),
                Some(p) => ErlangA::new(w, Patience::new(p).unwrap()).with_concurrency(c).metrics(agents, t),
            }
        };
        let meets = |m: QueueMetrics| match rules.goal {
            Goal::ServiceLevel { target, .. } => m.service_level >= target,
            Goal::Asa { seconds } => m.asa_seconds <= seconds,
        };
        let g = s.goal_agents;
        prop_assert!(meets(metrics(g)), "goal missed at {g}");
        prop_assert!(g == 0 || !meets(metrics(g - 1)), "goal already met at {}", g - 1);
        prop_assert_eq!(metrics(n), s.metrics);
    }
}

/// `u64::MAX` agents (or agents × concurrency saturating there) return at once: the
/// blocking is 0 long before, and the recursion must not walk 1.8·10¹⁹ steps to say so.
#[test]
fn absurd_staffing_returns() {
    let w = workload(10.0, 180.0);
    for agents in [u64::MAX, u64::MAX / 3, 1 << 40] {
        assert_eq!(erlang_b(10.0, agents), 0.0);
        let c = ErlangC::new(w)
            .with_concurrency(Concurrency::new(3).unwrap())
            .metrics(agents, 20.0);
        assert_eq!((c.waiting_probability, c.service_level), (0.0, 1.0));
        let a = ErlangA::new(w, Patience::new(60.0).unwrap()).metrics(agents, 20.0);
        assert_eq!((a.waiting_probability, a.service_level), (0.0, 1.0));
    }
}

/// One staffing search at 10⁶ Erlangs (3.6 million calls of 500 s in 30 minutes, 80 %
/// in 20 s) finishes and lands on the boundary: the answer meets the goal, one agent
/// fewer does not; nothing is NaN. Erlang C and Erlang A (2-minute patience).
#[test]
fn a_million_erlangs() {
    let w = Workload::new(3_600_000.0, 500.0, 1800.0).unwrap();
    assert_eq!(w.traffic(), 1e6);
    let goal = Goal::service_level(0.8, 20.0).unwrap();

    let s = StaffingRequest::new(w, goal).solve().unwrap();
    let model = ErlangC::new(w);
    let n = s.agents;
    assert!(n > 1_000_000 && n < 1_010_000, "{n} agents");
    assert!(s.metrics.service_level >= 0.8, "{:?}", s.metrics);
    let below = model.service_level(n - 1, 20.0);
    assert!(below < 0.8, "{} agents already give {below}", n - 1);
    assert_eq!(model.metrics(n, 20.0), s.metrics);
    for v in [
        s.agents_fractional,
        s.metrics.waiting_probability,
        s.metrics.asa_seconds,
        s.metrics.occupancy,
        s.metrics.queue_length,
        below,
    ] {
        assert!(v.is_finite(), "{s:?}");
    }
    assert!(s.agents_fractional > (n - 1) as f64 && s.agents_fractional <= n as f64);

    let patience = Patience::new(120.0).unwrap();
    let a = StaffingRequest::new(w, goal)
        .patience(patience)
        .solve()
        .unwrap();
    let model = ErlangA::new(w, patience);
    assert!(a.agents <= n, "abandonment cannot raise the requirement");
    assert!(a.metrics.service_level >= 0.8);
    assert!(model.metrics(a.agents - 1, 20.0).service_level < 0.8);
    assert!(a.metrics.asa_seconds.is_finite() && a.agents_fractional.is_finite());
    println!(
        "10⁶ Erlangs: Erlang C {n} agents (SL {:.6}, {:.6} with one fewer); Erlang A {} agents",
        s.metrics.service_level, below, a.agents
    );
}
