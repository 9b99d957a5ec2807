//! One problem in a user's input, named by file, line, column and reason, and the capped
//! collector the parsers share.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::write_located;

/// One problem in an input file: where it is and what is wrong, printed as
/// `FILE:LINE: COLUMN: reason` (or `FILE:LINE: reason` when the whole line or file is
/// wrong). The facade's `InputError` has the same four fields.
///
/// Line 1 is the header; the first record is line 2. Lines are counted as the file's
/// line breaks count them (`\n` or `\r\n`).
///
/// ```
/// use wfm_core::history::InputIssue;
/// let issue = InputIssue::new("x.csv", 2, "QueueId", "missing value");
/// assert_eq!(issue.to_string(), "x.csv:2: QueueId: missing value");
/// let whole_line = InputIssue::new("x.csv", 7, "", "blank line");
/// assert_eq!(whole_line.to_string(), "x.csv:7: blank line");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InputIssue {
    /// The file's display name, as given to the parser.
    pub file: String,
    /// The 1-based line (≥ 1; line 1 is the header).
    pub line: u64,
    /// The column's name; empty when the problem is the whole line or the whole file.
    pub column: String,
    /// What is wrong, for a planner (never empty).
    pub reason: String,
}

impl InputIssue {
    /// An issue at `line` of `file`, in `column` (empty for the whole line).
    ///
    /// ```
    /// use wfm_core::history::InputIssue;
    /// let i = InputIssue::new("f.csv", 3, "ChannelType", "expected VOICE or CHAT");
    /// assert_eq!((i.line, i.column.as_str()), (3, "ChannelType"));
    /// ```
    pub fn new(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            column: column.into(),
            reason: reason.into(),
        }
    }
}

/// The file, column and reason are shown with their control characters escaped
/// ([`crate::text::printable`]): they quote user text.
impl fmt::Display for InputIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(f, &self.file, self.line, &self.column, &self.reason)
    }
}

/// The number of issues a parser keeps by default; it counts every one.
pub const DEFAULT_MAX_ISSUES: usize = 10_000;

/// Collects issues for one file: keeps the first `max` found, counts all.
#[derive(Debug)]
pub(crate) struct IssueSink {
    file: String,
    max: usize,
    kept: Vec<(u64, InputIssue)>,
    total: u64,
}

impl IssueSink {
    pub(crate) fn new(file: &str, max: usize) -> Self {
        Self {
            file: file.to_owned(),
            max,
            kept: Vec::new(),
            total: 0,
        }
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// Records one issue; `column` empty for the whole line.
    pub(crate) fn push(&mut self, line: u64, column: &str, reason: String) {
        self.total += 1;
        if self.kept.len() < self.max {
            let seq = self.total;
            self.kept.push((
                seq,
                InputIssue::new(self.file.clone(), line.max(1), column, reason),
            ));
        }
    }

    /// Issues seen so far (kept or not).
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The kept issues, in line order (issues of one line in the order found).
    pub(crate) fn sorted(&self) -> Vec<InputIssue> {
        let mut kept: Vec<&(u64, InputIssue)> = self.kept.iter().collect();
        kept.sort_by_key(|(seq, i)| (i.line, *seq));
        kept.into_iter().map(|(_, i)| i.clone()).collect()
    }

    /// The issues as an error (callers know there is at least one).
    pub(crate) fn into_error(self) -> crate::CoreError {
        crate::CoreError::InvalidInput {
            issues: self.sorted(),
            total: self.total,
        }
    }

    /// `Err(CoreError::InvalidInput)` when any issue was found.
    pub(crate) fn into_result(self) -> crate::Result<()> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(crate::CoreError::InvalidInput {
                issues: self.sorted(),
                total: self.total,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_but_counts_and_sorts_by_line() {
        let mut sink = IssueSink::new("f.csv", 2);
        sink.push(9, "A", "late".into());
        sink.push(3, "", "early".into());
        sink.push(1, "B", "dropped".into());
        assert_eq!(sink.total(), 3);
        let kept = sink.sorted();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].line, 3);
        assert_eq!(kept[1].line, 9);
        match sink.into_result() {
            Err(crate::CoreError::InvalidInput { issues, total }) => {
                assert_eq!((issues.len(), total), (2, 3));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn line_zero_is_raised_to_one() {
        let mut sink = IssueSink::new("f", 10);
        sink.push(0, "", "x".into());
        assert_eq!(sink.sorted()[0].line, 1);
    }
}
