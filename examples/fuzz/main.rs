//! Fuzzes the parsers of every user file (see `benches/fuzz/README.md`):
//!
//! ```text
//! cargo run --example fuzz -- --parser history-csv --seconds 600
//! cargo run --example fuzz -- --parser all --seconds 30 --crashes target/fuzz-crashes
//! cargo run --example fuzz -- --parser history-csv --replay target/fuzz-crashes/X.input
//! cargo run --example fuzz -- --list
//! ```
//!
//! Prints one table row per parser: inputs, inputs/s, accepted, errors, distinct error
//! kinds, error reports without a proper location, panics. Exits 1 if any input panicked
//! (each one saved under `--crashes`, default `target/fuzz-crashes`).

mod harness;

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use harness::engine::{self, Budget, Stats};
use harness::targets;

thread_local! {
    /// Where the panic hook leaves the location of the last panic on this thread.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

struct Args {
    parsers: Vec<String>,
    seconds: Option<f64>,
    inputs: u64,
    seed: u64,
    crashes: PathBuf,
    verbose: bool,
    replay: Option<PathBuf>,
}

const USAGE: &str = "usage: fuzz [--parser NAME|all]... [--seconds S] [--inputs N] [--seed N] \
                     [--crashes DIR] [--verbose] | --parser NAME --replay FILE | --list";

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        parsers: Vec::new(),
        seconds: None,
        inputs: u64::MAX,
        seed: 1,
        crashes: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz-crashes")),
        verbose: false,
        replay: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--parser" => args.parsers.push(value()?),
            "--seconds" => {
                let v = value()?;
                let s: f64 = v
                    .parse()
                    .map_err(|_| format!("--seconds {v:?}: not a number"))?;
                if !(s.is_finite() && s > 0.0) {
                    return Err(format!("--seconds {v:?}: give a positive number"));
                }
                args.seconds = Some(s);
            }
            "--inputs" => {
                let v = value()?;
                args.inputs = v
                    .parse()
                    .map_err(|_| format!("--inputs {v:?}: not a count"))?;
            }
            "--seed" => {
                let v = value()?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed {v:?}: not a number"))?;
            }
            "--crashes" => args.crashes = PathBuf::from(value()?),
            "--verbose" => args.verbose = true,
            "--replay" => args.replay = Some(PathBuf::from(value()?)),
            "--list" => {
                for t in targets::all() {
                    println!("{:<20} {}", t.name, t.about);
                }
                return Ok(None);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if args.parsers.is_empty() {
        args.parsers.push("all".into());
    }
    if args.seconds.is_none() && args.inputs == u64::MAX {
        args.seconds = Some(600.0);
    }
    Ok(Some(args))
}

fn show(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]);
    format!("{text:?}{}", if bytes.len() > 300 { " …" } else { "" })
}

fn report(name: &str, s: &Stats, verbose: bool) {
    println!(
        "{:<20} {:>10} {:>10.0} {:>10} {:>10} {:>6} {:>7} {:>6}",
        name,
        s.inputs,
        s.rate(),
        s.accepted,
        s.rejected,
        s.kinds.len(),
        s.defects.values().map(|d| d.0).sum::<u64>(),
        s.panics
    );
    for c in &s.crashes {
        println!(
            "    PANIC at input {}: {}\n      input: {}",
            c.index,
            c.message,
            show(&c.input)
        );
    }
    for (what, (n, example, error)) in &s.defects {
        println!(
            "    bad error location ({n}×): {what}\n      e.g. {error:?} for {}",
            show(example)
        );
    }
    if verbose {
        for (kind, n) in &s.kinds {
            println!("    {n:>8}  {kind}");
        }
    }
}

/// Runs each chosen parser once on the file at `path` (a saved crash, say) with the
/// default panic hook, and prints what it made of it.
fn replay(chosen: &[&targets::Target], path: &std::path::Path) -> ExitCode {
    let input = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let mut code = ExitCode::SUCCESS;
    for t in chosen {
        match std::panic::catch_unwind(|| (t.run)(&input)) {
            Ok(outcome) => println!("{}: {outcome:?}", t.name),
            Err(_) => {
                println!("{}: PANIC", t.name);
                code = ExitCode::FAILURE;
            }
        }
    }
    code
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let all = targets::all();
    let chosen: Vec<&targets::Target> = if args.parsers.iter().any(|p| p == "all") {
        all.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for p in &args.parsers {
            match all.iter().find(|t| t.name == p) {
                Some(t) => chosen.push(t),
                None => {
                    eprintln!("unknown parser {p:?}: see --list");
                    return ExitCode::from(2);
                }
            }
        }
        chosen
    };
    if let Some(path) = &args.replay {
        return replay(&chosen, path);
    }
    // Panics are expected (and counted): record where, print nothing.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        LOCATION.with(|c| *c.borrow_mut() = at);
    }));
    let describe = |message: String| match LOCATION.with(|c| c.borrow_mut().take()) {
        Some(at) => format!("{message} (at {at})"),
        None => message,
    };
    println!(
        "{:<20} {:>10} {:>10} {:>10} {:>10} {:>6} {:>7} {:>6}",
        "parser", "inputs", "inputs/s", "accepted", "errors", "kinds", "badloc", "panics"
    );
    let budget = Budget {
        inputs: args.inputs,
        time: args.seconds.map(Duration::from_secs_f64),
    };
    let mut panics = 0;
    for t in chosen {
        let stats = engine::run(t, args.seed, budget, Some(&args.crashes), &describe);
        report(t.name, &stats, args.verbose);
        panics += stats.panics;
    }
    if panics > 0 {
        println!(
            "{panics} panicking inputs saved under {}",
            args.crashes.display()
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
