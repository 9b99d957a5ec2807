//! Raw contact records as CSV: the header maps field names to positions (any order,
//! unknown columns ignored), and rows are split with RFC 4180 quoting (no line breaks
//! inside quotes).

use std::borrow::Cow;

use super::{RAW_CSV_COLUMNS, optional};
use crate::history::issue::IssueSink;
use crate::history::lines::Line;

/// Where each field is in the rows.
#[derive(Debug)]
pub(super) struct Layout {
    position: [Option<usize>; 11],
    columns: usize,
    ignored: Vec<String>,
}

impl Layout {
    /// Reads the header; `None` (after reporting why) if it is unusable.
    pub(super) fn from_header(
        header: Option<(u64, Line<'_>)>,
        issues: &mut IssueSink,
    ) -> Option<Self> {
        let expected = RAW_CSV_COLUMNS.join(",");
        let bytes = match header {
            None => {
                issues.push(
                    1,
                    "",
                    format!("empty file: expected a header like {expected}"),
                );
                return None;
            }
            Some((_, Line::TooLong(_))) => {
                issues.push(
                    1,
                    "",
                    format!("the first line is not a header like {expected}"),
                );
                return None;
            }
            Some((_, Line::Text(t))) => t,
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            issues.push(1, "", "the file is not UTF-8 text: save it as UTF-8".into());
            return None;
        };
        if text.trim().is_empty() {
            issues.push(
                1,
                "",
                format!("blank first line: expected a header like {expected}"),
            );
            return None;
        }
        let names = match split(text) {
            Ok(n) => n,
            Err(reason) => {
                issues.push(1, "", reason);
                return None;
            }
        };
        let mut layout = Self {
            position: [None; 11],
            columns: names.len(),
            ignored: Vec::new(),
        };
        let before = issues.total();
        for (i, name) in names.iter().enumerate() {
            match RAW_CSV_COLUMNS.iter().position(|c| c == name) {
                Some(f) => match layout.position[f] {
                    Some(first) => issues.push(
                        1,
                        name,
                        format!(
                            "column {name} appears twice (columns {} and {})",
                            first + 1,
                            i + 1
                        ),
                    ),
                    None => layout.position[f] = Some(i),
                },
                None => layout.ignored.push(name.to_string()),
            }
        }
        for (f, name) in RAW_CSV_COLUMNS.iter().enumerate() {
            if layout.position[f].is_none() && !optional(f) {
                issues.push(1, "", format!("missing column {name}"));
            }
        }
        (issues.total() == before).then_some(layout)
    }

    /// Columns the file has that are not fields.
    pub(super) fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// The fields of one row by field index, or `None` after reporting why not.
    pub(super) fn split<'a>(
        &self,
        line: u64,
        text: &'a str,
        issues: &mut IssueSink,
    ) -> Option<[Option<Cow<'a, str>>; 11]> {
        let cells = match split(text) {
            Ok(c) => c,
            Err(reason) => {
                issues.push(line, "", reason);
                return None;
            }
        };
        if cells.len() != self.columns {
            let reason = format!(
                "has {} fields, the header has {}",
                cells.len(),
                self.columns
            );
            issues.push(line, "", reason);
            return None;
        }
        let mut cells: Vec<Option<Cow<'a, str>>> = cells.into_iter().map(Some).collect();
        Some(std::array::from_fn(|f| {
            self.position[f].and_then(|p| cells[p].take())
        }))
    }
}

/// Splits a CSV line: fields separated by `,`; a field starting with `"` is quoted,
/// `""` inside it is one `"`.
fn split(text: &str) -> Result<Vec<Cow<'_, str>>, String> {
    let mut out = Vec::with_capacity(12);
    let mut rest = text;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut value = String::new();
            let mut tail = quoted;
            loop {
                let Some(q) = tail.find('"') else {
                    return Err(format!("field {} has an unclosed quote", out.len() + 1));
                };
                value.push_str(&tail[..q]);
                tail = &tail[q + 1..];
                match tail.strip_prefix('"') {
                    Some(after) => {
                        value.push('"');
                        tail = after;
                    }
                    None => break,
                }
            }
            out.push(Cow::Owned(value));
            match tail.strip_prefix(',') {
                Some(after) => rest = after,
                None if tail.is_empty() => return Ok(out),
                None => {
                    return Err(format!(
                        "field {} has text after its closing quote",
                        out.len()
                    ));
                }
            }
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let cell = &rest[..end];
            if cell.contains('"') {
                return Err(format!(
                    "field {} has a quote inside an unquoted value",
                    out.len() + 1
                ));
            }
            out.push(Cow::Borrowed(cell));
            if end == rest.len() {
                return Ok(out);
            }
            rest = &rest[end + 1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_and_quoted_fields() {
        assert_eq!(split("a,b,").unwrap(), ["a", "b", ""]);
        assert_eq!(
            split("\"x, y\",\"say \"\"hi\"\"\",z").unwrap(),
            ["x, y", "say \"hi\"", "z"]
        );
        assert_eq!(split("\"\"").unwrap(), [""]);
        assert!(split("\"open").unwrap_err().contains("unclosed"));
        assert!(
            split("\"a\"b")
                .unwrap_err()
                .contains("after its closing quote")
        );
        assert!(split("a\"b").unwrap_err().contains("quote inside"));
    }
}
