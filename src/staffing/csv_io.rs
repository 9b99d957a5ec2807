//! Staffing batches as CSV files: read with every error named, written through the
//! facade's one file writer ([`crate::files`]).

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};

use super::batch::{BatchRow, ReadProblems, StaffingBatch, StaffingColumn, StaffingResult};
use crate::error::{InputError, Result, WfmError};
use crate::files::OutputFile;

/// Reads a staffing batch CSV (header row, columns in any order; see
/// [`StaffingColumn`]) and validates its header and cells.
///
/// # Errors
/// [`WfmError::InvalidInput`] listing every problem as `FILE:LINE: COLUMN: reason`:
/// unknown, duplicate or missing columns, rows with the wrong number of fields,
/// non-numeric cells, text that is not UTF-8, values out of range, an empty file;
/// header problems first, then the rows' in file order (as a DataFrame's are, see
/// [`StaffingBatch::from_dataframe`]). [`WfmError::Io`] if the file cannot be read.
pub fn read_csv(path: &Path) -> Result<StaffingBatch> {
    let file = File::open(path).map_err(|e| WfmError::io(path, e))?;
    read_csv_from(
        std::io::BufReader::with_capacity(1 << 16, file),
        &path.display().to_string(),
    )
}

/// [`read_csv`] from any reader; `name` stands for the file in error messages.
///
/// # Errors
/// As [`read_csv`].
pub fn read_csv_from(input: impl Read, name: &str) -> Result<StaffingBatch> {
    let name = name.to_owned();
    let (input, mut lines) = super::lines::count_lines(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let error = |line: u64, column: &str, reason: String| InputError {
        file: name.clone(),
        line,
        column: column.to_owned(),
        reason,
    };
    let mut header = csv::ByteRecord::new();
    match reader.read_byte_record(&mut header) {
        Ok(false) => {
            return Err(WfmError::invalid_input(vec![error(
                1,
                "",
                "empty file: expected a header row".into(),
            )]));
        }
        Err(e) => return Err(csv_error(&name, e)),
        Ok(true) => {}
    }
    // the header's line (1 unless blank lines come first): its problems are listed first
    let header_line = lines.record_line(reader.position().byte(), &header);
    let mut errors = Vec::new();
    // The column of every field of a record: `None` for an unknown one, whose cells are
    // not read (but keep the others in their places).
    let mut fields = Vec::new();
    for cell in header.iter() {
        let text = String::from_utf8_lossy(cell);
        let text = text.trim();
        let column = StaffingColumn::from_name(text);
        fields.push(column);
        if column.is_none() {
            errors.push(error(
                header_line,
                text,
                format!(
                    "unknown column; the columns are {}",
                    StaffingColumn::ALL.map(StaffingColumn::name).join(", ")
                ),
            ));
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    // the csv crate skips blank lines and positions a record where it started reading,
    // before them: the line is counted from the bytes (`lines`)
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(&name, e))?
    {
        let line = lines.record_line(reader.position().byte(), &record);
        if record.len() != header.len() {
            errors.push(error(
                line,
                "",
                format!(
                    "has {} fields, the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let mut row = BatchRow {
            line,
            ..Default::default()
        };
        for (column, cell) in fields.iter().zip(record.iter()) {
            let Some(column) = column else { continue };
            let Ok(text) = std::str::from_utf8(cell) else {
                errors.push(error(line, column.name(), "not valid UTF-8 text".into()));
                continue;
            };
            let text = text.trim();
            if *column == StaffingColumn::Id {
                row.id = Some(text.to_owned());
            } else if !text.is_empty() {
                match text.parse::<f64>() {
                    Ok(v) => row.set(*column, Some(v)),
                    Err(_) => errors.push(error(
                        line,
                        column.name(),
                        format!("not a number: {text:?}"),
                    )),
                }
            }
        }
        rows.push(row);
    }
    let (header, cells) = errors.into_iter().partition(|e| e.line == header_line);
    let read = ReadProblems {
        header,
        cells,
        unreadable_column: false,
    };
    let position = |column: &str| {
        fields
            .iter()
            .position(|c| c.is_some_and(|c| c.name() == column))
            .unwrap_or(usize::MAX)
    };
    let columns = fields.iter().flatten().copied().collect();
    StaffingBatch::from_read_table(
        &name,
        columns,
        rows,
        read,
        position,
        super::row_check::MAX_KEPT,
    )
}

fn csv_error(file: &str, e: csv::Error) -> WfmError {
    let line = e.position().map_or(0, |p| p.line());
    WfmError::invalid_input(vec![InputError {
        file: file.to_owned(),
        line,
        column: String::new(),
        reason: format!("unreadable CSV: {e}"),
    }])
}

/// Writes the input columns of `batch` followed by the results: `agents`,
/// `agents_fractional`, `agents_with_shrinkage`, `service_level`, `asa_seconds`,
/// `occupancy`, `waiting_probability`, and `abandon_probability` when the batch has a
/// patience column. The file appears whole or not at all (see [`crate::files`]).
///
/// # Errors
/// [`WfmError::Io`] if the file cannot be written.
pub fn write_csv(path: &Path, batch: &StaffingBatch, results: &[StaffingResult]) -> Result<()> {
    let mut writer = ResultsCsvWriter::create(path, batch)?;
    writer.write(batch.rows(), results)?;
    writer.finish()
}

/// The results CSV of [`write_csv`] written a chunk of rows at a time, as
/// [`StaffingBatch::solve_chunks`] hands them out. The content goes to an
/// [`OutputFile`] and appears at `path` on [`finish`](Self::finish) only, whole (two runs
/// to one output leave one run's file): dropped before, nothing is left.
///
/// # Examples
/// ```
/// use wfm::staffing::{ResultsCsvWriter, StaffingBatch, read_csv_from};
/// let csv = "volume,aht_seconds,interval_seconds,asa_target_seconds\n100,180,1800,15\n";
/// let batch = read_csv_from(csv.as_bytes(), "in.csv")?;
/// let path = std::env::temp_dir().join(format!("wfm-doc-{}.csv", std::process::id()));
/// let mut writer = ResultsCsvWriter::create(&path, &batch)?;
/// batch.solve_chunks(StaffingBatch::CHUNK_ROWS, |rows, results| writer.write(rows, results))?;
/// writer.finish()?;
/// assert!(std::fs::read_to_string(&path)?.starts_with("volume,aht_seconds"));
/// # std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ResultsCsvWriter<'a> {
    batch: &'a StaffingBatch,
    path: PathBuf,
    out: csv::Writer<BufWriter<OutputFile>>,
}

impl<'a> ResultsCsvWriter<'a> {
    /// Starts the results file of `batch` for `path` (`-` for standard output): its
    /// header.
    ///
    /// # Errors
    /// [`WfmError::Io`] if the file cannot be created.
    pub fn create(path: &Path, batch: &'a StaffingBatch) -> Result<Self> {
        let file = OutputFile::create(path)?;
        let mut writer = Self {
            batch,
            path: path.to_owned(),
            out: csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file)),
        };
        let header = super::results::header(batch.columns());
        writer
            .out
            .write_record(header)
            .map_err(|e| writer.error(e))?;
        Ok(writer)
    }

    /// Appends the lines of `rows` (rows of the batch, in order) with their `results`.
    ///
    /// # Errors
    /// [`WfmError::Io`] if the file cannot be written.
    pub fn write(&mut self, rows: &[BatchRow], results: &[StaffingResult]) -> Result<()> {
        let columns = self.batch.columns();
        let mut buffer = String::new();
        for (row, result) in rows.iter().zip(results) {
            super::results::write_row(&mut self.out, columns, row, result, &mut buffer)
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// Completes the file and puts it at its path.
    ///
    /// # Errors
    /// [`WfmError::Io`] if the file cannot be written or put in place (nothing is left
    /// then).
    pub fn finish(self) -> Result<()> {
        let io = |e: std::io::Error| WfmError::io(&self.path, e);
        let buffered = self.out.into_inner().map_err(|e| io(e.into_error()))?;
        buffered
            .into_inner()
            .map_err(|e| io(e.into_error()))?
            .commit()
    }

    fn error(&self, e: csv::Error) -> WfmError {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => WfmError::io(&self.path, e),
            other => WfmError::Encode {
                what: "writing the staffing results",
                detail: format!("{}: {other:?}", self.path.display()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(csv: &str) -> Vec<String> {
        match read_csv_from(csv.as_bytes(), "t.csv") {
            Err(WfmError::InvalidInput { errors, .. }) => {
                errors.iter().map(ToString::to_string).collect()
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn every_problem_is_listed_header_first_then_in_file_order() {
        let csv = "volume,colour,aht_seconds,interval_seconds,asa_target_seconds\n\
                   100,red,lots,1800,15\n\
                   -5,red,180,0,15\n\
                   100,red,180\n";
        let errors = errors(csv);
        assert!(
            errors[0].starts_with("t.csv:1: colour: unknown column"),
            "{errors:#?}"
        );
        assert_eq!(
            &errors[1..],
            [
                r#"t.csv:2: aht_seconds: not a number: "lots""#,
                "t.csv:3: volume: must be 0 or greater, got -5",
                "t.csv:3: interval_seconds: must be greater than 0, got 0",
                "t.csv:4: has 3 fields, the header has 5",
            ]
        );
    }
}
