//! Every parser of a user's file, fuzzed briefly and deterministically (issue 17's fuzz
//! targets): the harness of `examples/fuzz` run from a fixed seed for a fixed number of
//! inputs per parser, so a reintroduced panic fails here; the long runs are
//! `benches/fuzz/run.sh`. Each test also checks that the fuzzer reached both sides of the
//! parser (some inputs accepted, some refused) and that every refusal located its problem
//! (a line within the input and a reason).

#[allow(dead_code)] // the example's table and CLI use the rest
#[path = "../../examples/fuzz/harness/mod.rs"]
mod harness;

use harness::engine::{Budget, Stats, run};
use harness::targets::{self, Outcome, Target};

/// Inputs per parser: a few seconds in all on the dev profile.
const INPUTS: u64 = 3_000;

fn fuzz(name: &str) -> Stats {
    let all = targets::all();
    let target = all
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no fuzz target {name}"));
    let budget = Budget {
        inputs: INPUTS,
        time: None,
    };
    let stats = run(target, 17, budget, None, &|m| m);
    assert_eq!(stats.inputs, INPUTS);
    let crashes: Vec<String> = stats
        .crashes
        .iter()
        .map(|c| {
            format!(
                "input {}: {}: {:?}",
                c.index,
                c.message,
                String::from_utf8_lossy(&c.input)
            )
        })
        .collect();
    assert_eq!(stats.panics, 0, "{name} panicked:\n{}", crashes.join("\n"));
    let defects: Vec<String> = stats
        .defects
        .iter()
        .map(|(what, (n, input, error))| {
            format!(
                "{n}× {what}: {error:?} for {:?}",
                String::from_utf8_lossy(input)
            )
        })
        .collect();
    assert!(
        defects.is_empty(),
        "{name}: errors without a proper location:\n{}",
        defects.join("\n")
    );
    assert!(
        stats.accepted > 0,
        "{name}: no input accepted, the seeds are broken"
    );
    assert!(
        stats.rejected > 0,
        "{name}: no input refused, the mutations do nothing"
    );
    stats
}

macro_rules! fuzz_tests {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                fuzz($name);
            }
        )*

        #[test]
        fn every_fuzz_target_has_a_test() {
            let tested = [$($name),*];
            for t in targets::all() {
                assert!(tested.contains(&t.name), "{} has no test here", t.name);
            }
        }
    };
}

fuzz_tests! {
    fuzzed_history_csv_never_panics => "history-csv",
    fuzzed_raw_csv_never_panics => "raw-csv",
    fuzzed_raw_json_lines_never_panic => "raw-jsonl",
    fuzzed_daily_forecast_csv_never_panics => "forecast-daily",
    fuzzed_interval_forecast_csv_never_panics => "forecast-intervals",
    fuzzed_forecast_override_csv_never_panics => "forecast-override",
    fuzzed_fte_csv_never_panics => "fte-csv",
    fuzzed_plan_override_csv_never_panics => "plan-override",
    fuzzed_capacity_scenario_never_panics => "capacity-scenario",
    fuzzed_schedule_scenario_never_panics => "schedule-scenario",
    fuzzed_schedule_json_never_panics => "schedule-json",
    fuzzed_holidays_csv_never_panics => "holidays",
    fuzzed_staffing_csv_never_panics => "staffing-csv",
}

/// The check above can fail: a parser that panics on some inputs is caught, counted and
/// kept with its input, and the run goes on.
#[test]
fn the_fuzzer_catches_and_counts_a_panicking_parser() {
    let target = Target {
        name: "panics-on-x",
        about: "",
        seeds: || vec![b"abc".to_vec()],
        dictionary: &["x"],
        run: |input| {
            assert!(!input.contains(&b'x'), "found an x");
            Outcome::Accepted
        },
    };
    let budget = Budget {
        inputs: 500,
        time: None,
    };
    // The default hook prints each panic into this test's captured output.
    let stats = run(&target, 17, budget, None, &|m| m);
    assert_eq!(stats.inputs, 500);
    assert!(stats.panics > 0);
    assert_eq!(stats.accepted + stats.panics, 500);
    assert_eq!(stats.crashes[0].message, "found an x");
    assert!(stats.crashes[0].input.contains(&b'x'));
}
