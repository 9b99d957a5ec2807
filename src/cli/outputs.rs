//! What the commands say about the files they write, and the checks of their outputs
//! against their inputs before any work (see [`wfm::files`]).

use std::path::Path;

use wfm::files::is_stdout;

/// Says that `output` was written (`detail` after its name): on standard output, or on
/// standard error when the output itself went to standard output (`-`), so the file's
/// content is not mixed with messages.
pub fn wrote(output: &Path, detail: &str) {
    if is_stdout(output) {
        eprintln!("wrote standard output{detail}");
    } else {
        println!("wrote {}{detail}", output.display());
    }
}
