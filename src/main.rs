//! The `wfm` command line.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A closed pipe (`wfm plan … | head`) ends the process quietly, as for any Unix tool,
    // instead of a panic in `println!` (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread or output
    // exists has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::run()
}
