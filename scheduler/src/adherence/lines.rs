//! The lines of an event stream, read one at a time: blank lines skipped, the format
//! told by the first non-blank line (`{`: JSON lines; else the CSV header, read here).
//! Reading stops after a bad header or a read failure (not UTF-8 text), each an
//! [`InputIssue`] naming the file and line.

use std::io::BufRead;

use wfm_core::history::InputIssue;

use super::parse::{Format, Place};

/// The source of an event stream's lines; see the module docs.
#[derive(Debug)]
pub(super) struct Lines<R> {
    input: R,
    file: String,
    line: u64,
    format: Option<Format>,
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    pub(super) fn new(input: R, file: &str) -> Self {
        Self {
            input,
            file: file.to_owned(),
            line: 0,
            format: None,
            failed: false,
        }
    }

    pub(super) fn file(&self) -> &str {
        &self.file
    }

    pub(super) fn lines_read(&self) -> u64 {
        self.line
    }

    /// Appends the next non-blank line to `buf`; its start in `buf`, or `None` at the end.
    fn read_line(&mut self, buf: &mut String) -> Result<Option<usize>, InputIssue> {
        loop {
            let start = buf.len();
            let n = match self.input.read_line(buf) {
                Ok(n) => n,
                Err(e) => {
                    buf.truncate(start);
                    self.failed = true;
                    let reason = format!("cannot read (not UTF-8 text?): {e}");
                    return Err(InputIssue::new(&self.file, self.line + 1, "", reason));
                }
            };
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let line = &buf[start..];
            // most lines start with a visible ASCII character: not blank, no trim needed
            let visible = line.as_bytes().first().is_some_and(u8::is_ascii_graphic);
            if visible || !line.trim().is_empty() {
                return Ok(Some(start));
            }
            buf.truncate(start);
        }
    }

    /// Appends the next event line (after the CSV header) to `buf`: its line number, the
    /// stream's format and its start in `buf`; `None` at the end or after a bad header or
    /// a read failure (reported once).
    pub(super) fn next_line(
        &mut self,
        buf: &mut String,
    ) -> Option<Result<(u64, Format, usize), InputIssue>> {
        if self.failed {
            return None;
        }
        self.next_or_issue(buf).transpose()
    }

    fn next_or_issue(
        &mut self,
        buf: &mut String,
    ) -> Result<Option<(u64, Format, usize)>, InputIssue> {
        let Some(start) = self.read_line(buf)? else {
            return Ok(None);
        };
        let format = match self.format {
            Some(f) => f,
            None if buf[start..].trim_start().starts_with('{') => *self.format.insert(Format::Json),
            None => {
                let place = Place {
                    file: &self.file,
                    line: self.line,
                };
                let header = place.header(&buf[start..]);
                buf.truncate(start);
                let columns = header.inspect_err(|_| self.failed = true)?;
                let format = *self.format.insert(Format::Csv(columns));
                let Some(start) = self.read_line(buf)? else {
                    return Ok(None);
                };
                return Ok(Some((self.line, format, start)));
            }
        };
        Ok(Some((self.line, format, start)))
    }
}
