//! The seeded simulation agrees with the formulas: on 22 Erlang C and Erlang A queues
//! (0.5 to 200 Erlangs, under- and over-staffed, chat concurrency 2 and 3) the analytic
//! service level, waiting probability, ASA and abandonment lie within the simulation's
//! confidence bands, which are narrow enough to reject a service level or waiting
//! probability 0.05 off; and the same seed gives the same report.

use std::sync::OnceLock;

use wfm_erlang::{
    Concurrency, ErlangA, ErlangC, Estimate, Patience, QueueMetrics, SimulationConfig,
    SimulationReport, Workload, simulate,
};

/// How many 95 % half-widths the analytic value may lie from the simulated mean.
///
/// A half-width is t₀.₉₇₅(15) = 2.13 standard errors (16 replications), so 4 of them are
/// 8.5 standard errors: a correct formula misses by chance with probability far below
/// 1e-9 per measure, even allowing for replication means with somewhat heavier tails
/// than normal (ASA in heavy traffic). Margin is also needed for the bias the interval
/// does not see: each replication starts from an empty system, and the warm-up shrinks
/// that start's pull towards "no wait" to well under one standard error but not to 0.
/// The factor stays small enough to mean something: `tight_enough_to_fail` checks that at
/// every case a service level or waiting probability 0.05 off falls outside the band.
const K: f64 = 4.0;
/// Absolute slack for measures whose replications (nearly) all agree, so that the
/// half-width is (nearly) 0; far below the 0.05 errors the test must catch.
const SLACK: f64 = 1e-4;

struct Case {
    name: &'static str,
    volume: f64,
    aht: f64,
    interval: f64,
    agents: u64,
    concurrency: u32,
    patience: Option<f64>,
    answer_seconds: f64,
    /// Contacts per replication, in units of 30,000. The queue forgets its past over a few
    /// handle times, in which `traffic` contacts arrive, and more slowly the closer it
    /// runs to capacity: big and busy queues need more contacts for the same precision.
    scale: usize,
}

type Row = (
    &'static str,
    (f64, f64, f64),
    u64,
    u32,
    Option<f64>,
    f64,
    usize,
);

#[rustfmt::skip]
const ROWS: [Row; 22] = [
    // name                                 (volume, AHT, interval)  agents c  patience     t     scale
    // Erlang C.
    ("C 10 E, 12 agents",                   (100.0, 180.0, 1800.0),  12, 1, None,        20.0,  3),
    ("C 10 E, 11 agents (91 %)",            (100.0, 180.0, 1800.0),  11, 1, None,        20.0,  6),
    ("C 2 E, 3 agents",                     (20.0, 180.0, 1800.0),    3, 1, None,        30.0,  1),
    ("C M/M/1 at 50 %",                     (5.0, 180.0, 1800.0),     1, 1, None,        10.0,  1),
    ("C 50 E, 55 agents",                   (500.0, 180.0, 1800.0),  55, 1, None,        20.0,  6),
    ("C 200 E, 212 agents",                 (2000.0, 180.0, 1800.0), 212, 1, None,       20.0, 16),
    ("C 33.3 E, 38 agents",                 (250.0, 240.0, 1800.0),  38, 1, None,        20.0,  4),
    ("C 5 E, 7 agents, 60 s",               (50.0, 180.0, 1800.0),    7, 1, None,        60.0,  1),
    ("C 80 E, 88 agents, 0 s",              (800.0, 180.0, 1800.0),  88, 1, None,         0.0,  8),
    ("C chat ×2: 30 E on 17 agents",        (300.0, 180.0, 1800.0),  17, 2, None,        20.0,  3),
    ("C chat ×3: 20 E on 8 agents",         (400.0, 90.0, 1800.0),    8, 3, None,        30.0,  2),
    // Erlang A.
    ("A 10 E, 11 agents",                   (100.0, 180.0, 1800.0),  11, 1, Some(60.0),  20.0,  1),
    ("A 10 E, 8 agents (overload)",         (100.0, 180.0, 1800.0),   8, 1, Some(60.0),  20.0,  1),
    ("A 50 E, 45 agents",                   (500.0, 180.0, 1800.0),  45, 1, Some(120.0), 20.0,  2),
    ("A 50 E, 52 agents, impatient",        (500.0, 180.0, 1800.0),  52, 1, Some(30.0),  10.0,  1),
    ("A M/M/1+M at 200 %",                  (20.0, 180.0, 1800.0),    1, 1, Some(90.0),  20.0,  1),
    ("A 200 E, 190 agents",                 (2000.0, 180.0, 1800.0), 190, 1, Some(180.0), 30.0, 4),
    ("A 5 E, 6 agents, patient",            (50.0, 180.0, 1800.0),    6, 1, Some(300.0), 60.0,  1),
    ("A chat ×2: 30 E on 14 agents",        (300.0, 180.0, 1800.0),  14, 2, Some(90.0),  20.0,  1),
    ("A chat ×3: 20 E on 6 agents",         (400.0, 90.0, 1800.0),    6, 3, Some(60.0),  20.0,  1),
    ("A 100 E, 70 agents (deep overload)",  (1000.0, 180.0, 1800.0), 70, 1, Some(45.0),  20.0,  2),
    ("A 1 E, 2 agents, 0 s",                (10.0, 180.0, 1800.0),    2, 1, Some(15.0),   0.0,  1),
];

fn cases() -> Vec<Case> {
    ROWS.iter()
        .map(
            |&(
                name,
                (volume, aht, interval),
                agents,
                concurrency,
                patience,
                answer_seconds,
                scale,
            )| {
                Case {
                    name,
                    volume,
                    aht,
                    interval,
                    agents,
                    concurrency,
                    patience,
                    answer_seconds,
                    scale,
                }
            },
        )
        .collect()
}

impl Case {
    fn workload(&self) -> Workload {
        Workload::new(self.volume, self.aht, self.interval).unwrap()
    }

    fn analytic(&self) -> QueueMetrics {
        let c = Concurrency::new(self.concurrency).unwrap();
        let (n, t) = (self.agents, self.answer_seconds);
        match self.patience {
            None => ErlangC::new(self.workload())
                .with_concurrency(c)
                .metrics(n, t),
            Some(p) => ErlangA::new(self.workload(), Patience::new(p).unwrap())
                .with_concurrency(c)
                .metrics(n, t),
        }
    }

    fn simulate(&self, seed: u64) -> SimulationReport {
        let config = SimulationConfig {
            servers: self.agents * u64::from(self.concurrency),
            answer_seconds: self.answer_seconds,
            contacts: 30_000 * self.scale,
            warm_up: 5_000 * self.scale,
            replications: 16,
            seed,
        };
        let patience = self.patience.map(|p| Patience::new(p).unwrap());
        simulate(&self.workload(), patience, &config).unwrap()
    }
}

/// Each case simulated once (seed 1000 + its index), shared by the tests.
fn reports() -> &'static [SimulationReport] {
    static REPORTS: OnceLock<Vec<SimulationReport>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        cases()
            .iter()
            .enumerate()
            .map(|(i, c)| c.simulate(1_000 + i as u64))
            .collect()
    })
}

fn covered(e: &Estimate, value: f64) -> bool {
    (value - e.mean).abs() <= K * e.half_width + SLACK
}

/// Analytic and simulated value of each measure the case checks.
fn measures(
    c: &Case,
    m: &QueueMetrics,
    r: &SimulationReport,
) -> Vec<(&'static str, f64, Estimate)> {
    let mut out = vec![
        ("service level", m.service_level, r.service_level),
        (
            "waiting probability",
            m.waiting_probability,
            r.waiting_probability,
        ),
        ("ASA", m.asa_seconds, r.asa_seconds),
    ];
    if c.patience.is_some() {
        out.push(("abandonment", m.abandon_probability, r.abandon_probability));
    }
    out
}

#[test]
fn formulas_lie_within_the_simulated_confidence_bands() {
    let cases = cases();
    let mut checked = 0;
    let mut worst = (0.0f64, "");
    for (c, r) in cases.iter().zip(reports()) {
        let m = c.analytic();
        // Every case is informative: a good share of contacts wait.
        assert!(
            m.waiting_probability > 0.1 && m.asa_seconds.is_finite(),
            "{}",
            c.name
        );
        for (name, analytic, e) in measures(c, &m, r) {
            let off = (analytic - e.mean).abs() / e.half_width;
            assert!(
                covered(&e, analytic),
                "{}: {name} analytic {analytic:.6}, simulated {:.6} ± {:.6} ({off:.1} half-widths off)",
                c.name,
                e.mean,
                e.half_width,
            );
            if off > worst.0 {
                worst = (off, c.name);
            }
            checked += 1;
        }
        println!(
            "{:<36} SL {:.4} sim {:.4}±{:.4} | Pw {:.4} sim {:.4}±{:.4} | ASA {:.2} sim {:.2}±{:.2} | ab {:.4} sim {:.4}±{:.4}",
            c.name,
            m.service_level,
            r.service_level.mean,
            r.service_level.half_width,
            m.waiting_probability,
            r.waiting_probability.mean,
            r.waiting_probability.half_width,
            m.asa_seconds,
            r.asa_seconds.mean,
            r.asa_seconds.half_width,
            m.abandon_probability,
            r.abandon_probability.mean,
            r.abandon_probability.half_width,
        );
    }
    println!("largest distance: {:.2} half-widths ({})", worst.0, worst.1);
    let erlang_a = cases.iter().filter(|c| c.patience.is_some()).count();
    assert!(cases.len() >= 20 && erlang_a >= 8);
    assert!(cases.iter().filter(|c| c.concurrency > 1).count() >= 4);
    assert_eq!(checked, 3 * cases.len() + erlang_a);
}

/// The check can fail: a service level or waiting probability 0.05 off lies outside the
/// band at every case.
#[test]
fn tight_enough_to_fail() {
    for (c, r) in cases().iter().zip(reports()) {
        let m = c.analytic();
        for (name, value, e) in [
            ("service level", m.service_level, r.service_level),
            (
                "waiting probability",
                m.waiting_probability,
                r.waiting_probability,
            ),
        ] {
            let wrong = if value + 0.05 <= 1.0 {
                value + 0.05
            } else {
                value - 0.05
            };
            assert!(
                !covered(&e, wrong),
                "{}: a {name} of {wrong} would pass",
                c.name
            );
        }
    }
}

#[test]
fn same_seed_same_report() {
    let c = &cases()[12];
    let a = c.simulate(42);
    assert_eq!(a, c.simulate(42));
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&c.simulate(42)).unwrap()
    );
    assert_ne!(a, c.simulate(43), "another seed, another sample");
}
