//! All 1,615 exact Erlang C cases of the shared reference (`exact_erlang.py`, mpmath at
//! 60 digits): integers equal, metrics within 1e-12 relative, SL 1.0 an error.

use wfm_erlang::{ErlangError, Goal, MaxOccupancy, Shrinkage, StaffingRequest, Workload};

const CASES: &str = include_str!("../../data/reference/erlang_cases_exact.csv");

struct Case {
    id: u32,
    fields: Vec<String>,
}

impl Case {
    fn f(&self, i: usize) -> f64 {
        self.fields[i].parse().unwrap()
    }
    fn u(&self, i: usize) -> u64 {
        self.fields[i].parse().unwrap()
    }
}

fn cases() -> Vec<Case> {
    CASES
        .lines()
        .skip(1)
        .map(|l| {
            let fields: Vec<String> = l.split(',').map(str::to_owned).collect();
            Case {
                id: fields[0].parse().unwrap(),
                fields,
            }
        })
        .collect()
}

fn rel(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    }
}

#[test]
fn every_reference_case_is_exact() {
    let cases = cases();
    assert_eq!(cases.len(), 1615);
    let (mut checked, mut unreachable) = (0, 0);
    let mut worst = [0.0f64; 4];
    for c in &cases {
        let workload = Workload::new(c.f(1), c.f(2), c.f(3)).unwrap();
        let goal = Goal::service_level(c.f(5), c.f(4));
        if c.fields[8] == "true" {
            assert!(
                matches!(goal, Err(ErlangError::UnreachableGoal { .. })),
                "case {}: SL target {} must be an error",
                c.id,
                c.f(5)
            );
            unreachable += 1;
            continue;
        }
        let s = StaffingRequest::new(workload, goal.unwrap())
            .shrinkage(Shrinkage::new(c.f(6)).unwrap())
            .max_occupancy(MaxOccupancy::new(c.f(7)).unwrap())
            .solve()
            .unwrap();
        assert_eq!(s.goal_agents, c.u(9), "case {}: agents for the goal", c.id);
        assert_eq!(s.agents, c.u(10), "case {}: agents", c.id);
        assert_eq!(
            s.agents_with_shrinkage,
            c.u(11),
            "case {}: agents with shrinkage",
            c.id
        );
        let m = s.metrics;
        let errs = [
            rel(m.service_level, c.f(12)),
            rel(m.occupancy, c.f(13)),
            rel(m.waiting_probability, c.f(14)),
            rel(m.asa_seconds, c.f(15)),
        ];
        for (w, e) in worst.iter_mut().zip(errs) {
            *w = w.max(e);
        }
        for (name, e) in ["service_level", "occupancy", "waiting_probability", "asa"]
            .iter()
            .zip(errs)
        {
            assert!(e <= 1e-12, "case {}: {name} off by {e:e} relative", c.id);
        }
        assert!(
            s.agents_fractional <= s.agents as f64 && s.agents_fractional > s.agents as f64 - 1.0
        );
        checked += 1;
    }
    assert_eq!((checked, unreachable), (1613, 2));
    println!(
        "worst relative errors: SL {:e}, occupancy {:e}, Pw {:e}, ASA {:e}",
        worst[0], worst[1], worst[2], worst[3]
    );
}

/// The copy in `data/` must say what the shared reference says (when it is beside us).
#[test]
fn data_copy_matches_shared_reference() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/erlang/erlang_cases.json"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("../shared not present: skipping the copy check");
        return;
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shared = json["cases"].as_array().unwrap();
    let copy = cases();
    assert_eq!(shared.len(), copy.len());
    for (s, c) in shared.iter().zip(&copy) {
        assert_eq!(s["id"].as_u64().unwrap(), u64::from(c.id));
        assert_eq!(s["transactions"].as_f64().unwrap(), c.f(1));
        if let Some(p) = s["exact"]["positions"].as_u64() {
            assert_eq!(p, c.u(11));
            // serde_json's default float parsing may be off by an ulp.
            assert!(rel(s["exact"]["service_level"].as_f64().unwrap(), c.f(12)) < 1e-15);
        }
    }
}
