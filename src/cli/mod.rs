//! Command-line parsing (clap) and dispatch. Raw arguments become validated requests
//! here; the work is done by the library.

mod demo;
mod staff;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use wfm::WfmError;

/// Workforce management for contact centers: forecasting, Erlang staffing, capacity
/// planning and shift scheduling.
#[derive(Debug, Parser)]
#[command(name = "wfm", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Agents needed per interval for a service goal (Erlang C, or Erlang A with
    /// --patience): one interval from flags, or a batch CSV.
    Staff(staff::StaffArgs),
    /// A tour of wfm on the embedded sample data.
    Demo(demo::DemoArgs),
}

/// Exit codes: 0 success, 1 failure, 2 invalid input (every problem printed).
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Staff(args) => staff::run(&args),
        Command::Demo(args) => demo::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(WfmError::InvalidInput { errors }) = error.downcast_ref::<WfmError>() {
        for e in errors {
            eprintln!("{e}");
        }
        eprintln!(
            "error: {} problem(s) in the input; nothing was written",
            errors.len()
        );
        return ExitCode::from(2);
    }
    if let Some(e) = error.downcast_ref::<wfm::erlang::ErlangError>() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    eprintln!("error: {error:#}");
    ExitCode::FAILURE
}
