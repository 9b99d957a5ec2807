//! The line a record of the `csv` crate starts on. The crate's position of a record is
//! where the previous record ended, before the blank lines it skips, so an error reported
//! at that position names the blank line above the record, not the record (found by
//! fuzzing, issue 17). Readers that name lines keep the input's bytes and ask here.

pub(crate) use wfm_core::text::csv_record_line as record_line;

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
