//! Line splitting for the history readers: numbered lines from any `BufRead`, `\n` or
//! `\r\n` endings, a UTF-8 byte-order mark dropped from line 1, and a bound on line
//! length so a file without line breaks cannot make the reader buffer all of it.
//!
//! A single final line break is normal and ends the last line; it does not start an
//! empty line. `"a\n"` is one line, `"a\n\n"` two (the second blank).

use std::io::{self, BufRead, Read};

/// The longest line kept, in bytes; longer lines are skipped and reported.
pub(crate) const MAX_LINE_BYTES: usize = 64 * 1024;

/// One line's content.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// The bytes without the line break.
    Text(&'a [u8]),
    /// A line longer than the bound, of this many bytes (line break included).
    TooLong(u64),
}

/// Numbered lines of a `BufRead`.
pub(crate) struct LineReader<R> {
    input: R,
    buf: Vec<u8>,
    line: u64,
    bytes: u64,
    max_len: usize,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(input: R) -> Self {
        Self::with_max_len(input, MAX_LINE_BYTES)
    }

    pub(crate) fn with_max_len(input: R, max_len: usize) -> Self {
        Self {
            input,
            buf: Vec::with_capacity(256),
            line: 0,
            bytes: 0,
            max_len,
        }
    }

    /// Number of the last line returned (0 before the first).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Bytes consumed so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next line and its number, or `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<(u64, Line<'_>)>> {
        self.buf.clear();
        let limit = self.max_len as u64 + 2; // room for "\r\n"
        let n = (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.bytes += n as u64;
        self.line += 1;
        let ended = self.buf.last() == Some(&b'\n');
        if ended {
            self.buf.pop();
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        if self.buf.len() > self.max_len {
            let mut total = n as u64;
            if !ended {
                let skipped = self.input.skip_until(b'\n')? as u64;
                self.bytes += skipped;
                total += skipped;
            }
            return Ok(Some((self.line, Line::TooLong(total))));
        }
        let mut text = &self.buf[..];
        if self.line == 1 {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        Ok(Some((self.line, Line::Text(text))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(u64, String)> {
        let mut r = LineReader::with_max_len(input, max);
        let mut out = Vec::new();
        while let Some((n, line)) = r.next_line().unwrap() {
            out.push((
                n,
                match line {
                    Line::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    Line::TooLong(b) => format!("<{b}>"),
                },
            ));
        }
        out
    }

    #[test]
    fn final_newline_ends_the_last_line() {
        assert_eq!(lines(b"a\nb\n", 10), [(1, "a".into()), (2, "b".into())]);
        assert_eq!(lines(b"a\nb", 10), [(1, "a".into()), (2, "b".into())]);
        assert_eq!(lines(b"a\n\n", 10), [(1, "a".into()), (2, String::new())]);
        assert!(lines(b"", 10).is_empty());
    }

    #[test]
    fn crlf_bom_and_long_lines() {
        assert_eq!(
            lines(b"\xEF\xBB\xBFa\r\nb\r\n", 10),
            [(1, "a".into()), (2, "b".into())]
        );
        assert_eq!(
            lines(b"ok\n0123456789abc\nok\n", 10),
            [(1, "ok".into()), (2, "<14>".into()), (3, "ok".into())]
        );
        assert_eq!(lines(b"0123456789abc", 10), [(1, "<13>".into())]);
    }
}
