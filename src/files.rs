//! Small file helpers shared by every writer of the facade.

use std::path::Path;

/// A temporary file in `dir` for an atomic write (write, then `persist` over the target),
/// readable by others like any file the user creates (`0644` before the umask), not the
/// `0600` of a bare temporary file.
pub(crate) fn temp_beside(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".wfm-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}
