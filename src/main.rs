//! The `wfm` command line.

mod cli;

use std::process::ExitCode;

#[allow(unsafe_code, reason = "libc signal (see SAFETY)")]
fn main() -> ExitCode {
    // A closed pipe (`wfm plan … | head`) ends the process quietly, as for any Unix tool,
    // instead of a panic in `println!` (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread or output
    // exists has no preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Before any thread starts: SIGINT and SIGTERM remove the temporary output files,
    // then end the process (130, 143). Without it they keep their default action.
    if let Err(e) = wfm::files::remove_temp_files_on_signal() {
        eprintln!("warning: temporary files will not be removed on interrupt: {e}");
    }
    cli::run()
}
