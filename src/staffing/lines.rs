//! The line a CSV record starts on, counted from the file's bytes.
//!
//! The `csv` crate skips blank lines, and the position it gives a record is where it
//! *started reading* — before the blank lines it skipped — so after a blank line every
//! error pointed one line too early (two blank lines: two lines). [`LineCounter`] wraps
//! the input and notes where every `\n` is; [`Lines::record_line`] then finds the line of
//! a record's last byte (from the reader's position after the record) and goes back over
//! the line breaks inside its quoted fields. Only the line breaks not yet passed are
//! kept (those in the reader's look-ahead buffer), so memory does not grow with the file.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Byte offsets of the line breaks read so far and not yet passed.
type Breaks = Rc<RefCell<VecDeque<u64>>>;

/// A reader that notes the offset of every `\n` it hands out.
pub(super) struct LineCounter<R> {
    inner: R,
    offset: u64,
    breaks: Breaks,
}

/// Answers which line a byte offset is on, for offsets in increasing order.
pub(super) struct Lines {
    breaks: Breaks,
    passed: u64,
}

/// `input` wrapped, and the line finder that reads what it notes.
pub(super) fn count_lines<R: Read>(input: R) -> (LineCounter<R>, Lines) {
    let breaks = Breaks::default();
    (
        LineCounter {
            inner: input,
            offset: 0,
            breaks: breaks.clone(),
        },
        Lines { breaks, passed: 0 },
    )
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            breaks.push_back(self.offset + i as u64);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// The 1-based line of the byte at `offset` (offsets asked in increasing order).
    fn line_of(&mut self, offset: u64) -> u64 {
        let mut breaks = self.breaks.borrow_mut();
        while breaks.front().is_some_and(|&b| b < offset) {
            breaks.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }

    /// The line a record starts on: `end` is the reader's byte position just after the
    /// record (its line break included), `fields` the record's fields (the line breaks
    /// inside quoted fields are the record's own).
    pub(super) fn record_line(&mut self, end: u64, record: &csv::ByteRecord) -> u64 {
        let inside = record
            .iter()
            .map(|f| f.iter().filter(|b| **b == b'\n').count() as u64)
            .sum::<u64>();
        self.line_of(end.saturating_sub(1))
            .saturating_sub(inside)
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<u64> {
        let (input, mut lines) = count_lines(text.as_bytes());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut found = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            found.push(lines.record_line(reader.position().byte(), &record));
        }
        found
    }

    #[test]
    fn staff_batch_line_numbers_after_blank_lines_are_the_file_lines() {
        assert_eq!(lines_of("h\na\n\nb\n\n\nc\n"), [1, 2, 4, 7]);
        assert_eq!(lines_of("h\r\na\r\n\r\nb\r\n"), [1, 2, 4]);
        // no final line break; a blank line before the last record
        assert_eq!(lines_of("h\na\n\nb"), [1, 2, 4]);
        // a quoted field of two lines
        assert_eq!(lines_of("h\n\"x\ny\",1\n\nz\n"), [1, 2, 5]);
        // blank lines before the header
        assert_eq!(lines_of("\n\nh\na\n"), [3, 4]);
    }
}
