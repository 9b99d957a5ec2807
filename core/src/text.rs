//! User text made safe to print on a terminal: [`printable`] escapes control characters
//! (a header, queue name or agent id holding `ESC [31m` would otherwise recolour, move
//! the cursor or rewrite the terminal's title) and the invisible bidirectional overrides
//! that reorder what is shown.
//!
//! The one helper every error that quotes user text and every CLI table uses: an escape
//! (`\u{1b}`) is shown as `\x1b`, other C0/C1 controls and DEL as `\xNN` / `\u{NN}`, the
//! bidi controls U+202A–U+202E and U+2066–U+2069 as `\u{202e}` and so on. Everything
//! else is kept as written (letters of any script, emoji, a backslash).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Whether `c` is escaped by [`printable`].
fn escaped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with its control characters escaped (see the module docs); borrowed when there
/// is none.
///
/// ```
/// use wfm_core::text::printable;
/// assert_eq!(printable("Sales"), "Sales");
/// assert_eq!(printable("Sa\u{1b}[31mles"), "Sa\\x1b[31mles");
/// assert_eq!(printable("a\nb\tc\u{7f}"), "a\\x0ab\\x09c\\x7f");
/// assert_eq!(printable("\u{202e}abc"), "\\u{202e}abc");
/// assert_eq!(printable("Zürich €"), "Zürich €");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !escaped(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

/// [`printable`] line by line: the line breaks of a message of several lines are kept,
/// every other control character is escaped.
///
/// ```
/// use wfm_core::text::printable_lines;
/// assert_eq!(printable_lines("one\ntw\u{1b}o"), "one\ntw\\x1bo");
/// ```
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && escaped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(printable)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Writes a problem in a user's file as `FILE:LINE: COLUMN: reason` (`FILE:LINE: reason`
/// when `column` is empty), the file, column and reason [`printable`]: the one layout of
/// every located input problem (core's `InputIssue` and the facade's `InputError`).
///
/// ```
/// struct Shown;
/// impl std::fmt::Display for Shown {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         wfm_core::text::write_located(f, "h.csv", 3, "Queue\u{1b}", "empty")
///     }
/// }
/// assert_eq!(Shown.to_string(), "h.csv:3: Queue\\x1b: empty");
/// ```
///
/// # Errors
/// Only the formatter's.
pub fn write_located(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    line: u64,
    column: &str,
    reason: &str,
) -> fmt::Result {
    let (file, column, reason) = (printable(file), printable(column), printable(reason));
    if column.is_empty() {
        write!(f, "{file}:{line}: {reason}")
    } else {
        write!(f, "{file}:{line}: {column}: {reason}")
    }
}

/// The 1-based line on which the record the `csv` crate read at `at` starts in `bytes`
/// (lines counted by `\n`, as the crate counts them): `at`'s line plus the blank lines
/// from there. The crate's position of a record is where the previous record ended,
/// before the blank lines it skips, so an error reported at that position would name the
/// blank line above the record (found by fuzzing, issue 17).
///
/// ```
/// let text = "a\n\nb\n";
/// let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
/// let lines: Vec<u64> = reader
///     .records()
///     .map(|r| wfm_core::text::csv_record_line(text.as_bytes(), r.unwrap().position().unwrap()))
///     .collect();
/// assert_eq!(lines, [1, 3]);
/// ```
pub fn csv_record_line(bytes: &[u8], at: &csv::Position) -> u64 {
    let from = usize::try_from(at.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    let blank = bytes[from..]
        .iter()
        .take_while(|&&b| matches!(b, b'\r' | b'\n'))
        .filter(|&&b| b == b'\n')
        .count();
    at.line() + blank as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escape_codes_in_names_are_printed_escaped() {
        let hostile = "Q\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}1m";
        let shown = printable(hostile);
        assert!(!shown.chars().any(escaped), "{shown}");
        assert_eq!(shown, "Q\\x1b]0;pwned\\x07\\x1b[2J\\u{9b}1m");
    }
}
