//! The line a record of the `csv` crate starts on. The crate's position of a record is
//! where the previous record ended, before the blank lines it skips, so an error reported
//! at that position names the blank line above the record, not the record (found by
//! fuzzing, issue 17). Readers that name lines keep the input's bytes and ask here.

/// The 1-based line on which the record read at `at` starts in `bytes` (lines counted by
/// `\n`, as the `csv` crate counts them): `at`'s line plus the blank lines from there.
pub(crate) fn record_line(bytes: &[u8], at: &csv::Position) -> u64 {
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
    use super::record_line;

    fn lines_of(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| record_line(text.as_bytes(), r.unwrap().position().unwrap()))
            .collect()
    }

    #[test]
    fn records_after_blank_lines_are_on_their_own_line() {
        assert_eq!(lines_of("a\n\nb\n\n\nc\n"), [1, 3, 6]);
        assert_eq!(lines_of("\r\n\r\na\r\n\r\nb"), [3, 5]);
        assert_eq!(lines_of("a,\"x\ny\"\n\nb\n"), [1, 4]);
    }
}
