//! The fuzz loop: the seeds first, as they are, then mutated corpus entries, each fed to
//! the target inside `catch_unwind`, counting inputs, acceptances, rejections by kind,
//! error reports that do not locate their problem, and panics (each panicking input
//! saved with the seed and its index). Inputs a parser accepts join the corpus (up to
//! [`POOL`] of them), so mutations reach past the first error.
//!
//! The run is a function of the seed alone: a time budget only decides where it stops.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::mutate::mutate;
use super::targets::{Outcome, Target};

/// How many accepted inputs the corpus keeps beside the seeds.
pub const POOL: usize = 512;

/// At most this many distinct error kinds are kept (all are counted as errors).
const MAX_KINDS: usize = 10_000;

/// At most this many panicking inputs are written to the crash folder per run.
const MAX_SAVED: usize = 20;

/// When a run stops: after `inputs` inputs, or after `time` (whichever is first).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// The most inputs to run.
    pub inputs: u64,
    /// The longest time to run, if any.
    pub time: Option<Duration>,
}

/// A panic: the input's index in the run, its bytes and the message.
#[derive(Debug, Clone)]
pub struct Crash {
    /// Index of the input in the run (the seeds are 0..seeds).
    pub index: u64,
    /// The input.
    pub input: Vec<u8>,
    /// The panic message (and location, when the hook recorded it).
    pub message: String,
}

/// What a run saw.
#[derive(Debug, Default)]
pub struct Stats {
    /// Inputs fed to the parser.
    pub inputs: u64,
    /// Inputs read without error.
    pub accepted: u64,
    /// Inputs refused with an error.
    pub rejected: u64,
    /// The distinct kinds of error seen, with their counts.
    pub kinds: BTreeMap<String, u64>,
    /// Error reports that do not locate their problem: what is wrong, how often, and an
    /// example input with its error.
    pub defects: BTreeMap<String, (u64, Vec<u8>, String)>,
    /// Inputs that panicked.
    pub panics: u64,
    /// The first panics with distinct messages.
    pub crashes: Vec<Crash>,
    /// How long the run took.
    pub elapsed: Duration,
}

impl Stats {
    /// Inputs per second.
    pub fn rate(&self) -> f64 {
        self.inputs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_owned()
    }
}

/// Runs `target` from `seed` within `budget`. Panicking inputs are saved under `crashes`
/// (if given) as `NAME-seedSEED-INDEX.input` with a `.txt` holding the message;
/// `describe` may add to a panic's message (the example's panic hook records the
/// location).
pub fn run(
    target: &Target,
    seed: u64,
    budget: Budget,
    crashes: Option<&Path>,
    describe: &dyn Fn(String) -> String,
) -> Stats {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let seeds = (target.seeds)();
    let mut corpus: Vec<Vec<u8>> = if seeds.is_empty() {
        vec![Vec::new()]
    } else {
        seeds.clone()
    };
    let fixed = corpus.len();
    let mut stats = Stats::default();
    let mut messages = BTreeSet::new();
    let mut saved = 0;
    let clock = Instant::now();
    while stats.inputs < budget.inputs {
        if stats.inputs % 64 == 0 && budget.time.is_some_and(|t| clock.elapsed() >= t) {
            break;
        }
        let index = stats.inputs;
        let input = if (index as usize) < seeds.len() {
            seeds[index as usize].clone()
        } else {
            let mut input = corpus[rng.random_range(0..corpus.len())].clone();
            let other = &corpus[rng.random_range(0..corpus.len())];
            mutate(&mut rng, &mut input, target.dictionary, other);
            input
        };
        stats.inputs += 1;
        match catch_unwind(AssertUnwindSafe(|| (target.run)(&input))) {
            Ok(Outcome::Accepted) => {
                stats.accepted += 1;
                if corpus.len() < fixed + POOL {
                    corpus.push(input);
                } else if rng.random_ratio(1, 8) {
                    let slot = fixed + rng.random_range(0..POOL);
                    corpus[slot] = input;
                }
            }
            Ok(Outcome::Rejected { kind, defect }) => {
                stats.rejected += 1;
                if stats.kinds.len() < MAX_KINDS || stats.kinds.contains_key(&kind) {
                    *stats.kinds.entry(kind).or_default() += 1;
                }
                if let Some((what, error)) = defect {
                    stats.defects.entry(what).or_insert((0, input, error)).0 += 1;
                }
            }
            Err(payload) => {
                stats.panics += 1;
                let message = describe(panic_message(payload.as_ref()));
                if let Some(dir) = crashes
                    && saved < MAX_SAVED
                {
                    saved += 1;
                    let stem = format!("{}-seed{seed}-{index}", target.name);
                    // A crash folder that cannot be written must not stop the run.
                    let _ = std::fs::create_dir_all(dir)
                        .and_then(|()| std::fs::write(dir.join(format!("{stem}.input")), &input))
                        .and_then(|()| std::fs::write(dir.join(format!("{stem}.txt")), &message));
                }
                if messages.insert(message.clone()) && stats.crashes.len() < MAX_SAVED {
                    stats.crashes.push(Crash {
                        index,
                        input,
                        message,
                    });
                }
            }
        }
    }
    stats.elapsed = clock.elapsed();
    stats
}
